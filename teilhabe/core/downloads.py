"""File downloads: the one place that builds their headers.

``Content-Disposition`` follows RFC 6266 (Django's ``content_disposition_header``: a quoted
``filename`` for plain ASCII names, ``filename*=utf-8''…`` for any other, so "Bescheid für
Müller.pdf" arrives intact), and every download says ``X-Content-Type-Options: nosniff`` so a
browser never second-guesses the type.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header


def _headers(response: HttpResponse, filename: str, *, inline: bool) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def download(
    content: bytes | str | Iterable[bytes],
    *,
    filename: str,
    content_type: str,
    inline: bool = False,
) -> HttpResponse:
    """A response that hands ``content`` over as a file named ``filename`` (``inline``: shown
    in the browser, e.g. a PDF letter)."""
    return _headers(HttpResponse(content, content_type=content_type), filename, inline=inline)


def file_download(
    file, *, filename: str, content_type: str | None = None, inline: bool = False
) -> FileResponse:
    """Stream a stored file (an open file object) under ``filename``."""
    response = FileResponse(file, content_type=content_type, filename=filename)
    return _headers(response, filename, inline=inline)
