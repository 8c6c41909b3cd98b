"""File downloads build their headers in one place (teilhabe.core.downloads)."""

from __future__ import annotations

import io

from teilhabe.core.downloads import download, file_download


def test_a_plain_file_name_is_quoted_and_the_type_is_never_sniffed():
    response = download(b"a;b", filename="angebote-tr.csv", content_type="text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="angebote-tr.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b"a;b"


def test_a_name_with_umlauts_travels_as_rfc_6266_filename_star():
    response = download(b"%PDF", filename="Bescheid für Müller.pdf", content_type="x/y")
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Bescheid%20f%C3%BCr%20M%C3%BCller.pdf"
    )


def test_quotes_in_a_name_cannot_break_the_header_and_inline_shows_in_the_browser():
    response = download(b"x", filename='a"b.pdf', content_type="application/pdf", inline=True)
    assert response["Content-Disposition"] == 'inline; filename="a\\"b.pdf"'


def test_a_stored_file_streams_with_the_same_headers():
    response = file_download(io.BytesIO(b"data"), filename="Übersicht.xlsx")
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"data"
