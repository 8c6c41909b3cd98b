"""Arabic and Farsi in PDFs are shaped by fpdf2's own engine (HarfBuzz): the rendered page is
checked through the PDF's own glyph → text table (ToUnicode), which names every glyph used."""

from __future__ import annotations

import re
import zlib

from django.urls import reverse

from teilhabe.cases.pdf import CONSENT_TEXTS, Document, consent_form_pdf


def _glyphs(pdf: bytes) -> dict[str, set[str]]:
    """Text → the set of glyph ids that render it, from every ToUnicode map in ``pdf``."""
    found: dict[str, set[str]] = {}
    for m in re.finditer(rb"/Length (\d+)\s*>>\s*stream\n", pdf):
        raw = pdf[m.end() : m.end() + int(m.group(1))]
        try:
            data = zlib.decompress(raw)
        except zlib.error:
            data = raw
        if b"beginbfchar" not in data:
            continue
        block = data.split(b"beginbfchar", 1)[1]
        for glyph, text in re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]+)>", block):
            chars = "".join(chr(int(text[i : i + 4], 16)) for i in range(0, len(text), 4))
            found.setdefault(chars, set()).add(glyph.decode())
    return found


def _page(text: str) -> dict[str, set[str]]:
    doc = Document(rtl=True)
    doc.para(text)
    return _glyphs(doc.bytes())


def test_the_persian_letters_are_rendered_in_their_contextual_forms():
    glyphs = _page("پدر، چای، ژاله، گل و یک — ی یی")
    for letter in "پچژگی":
        assert glyphs.get(letter), f"{letter} is missing from the page"
    # Yeh stands alone, at the start and at the end of a word: three different glyphs.
    assert len(glyphs["ی"]) == 3


def test_arabic_vowel_marks_and_the_lam_alef_ligature_are_shaped_with_latin_kept():
    glyphs = _page("لا مُحَمَّد Mohammed 1985")
    assert "لا" in glyphs  # one ligature glyph for lam + alef
    assert {"\u064e", "\u064f"} <= {c for text in glyphs for c in text}  # fatha, damma
    assert any("\u0651" in text for text in glyphs)  # shadda
    assert {"M", "1", "9", "8", "5"} <= set(glyphs)


def test_the_consent_form_prints_in_farsi_with_its_own_text():
    pdf = consent_form_pdf(
        language="fa", person_name="Mohammad Rezaei", born="01.01.1990", organisation="Caritas"
    )
    glyphs = _glyphs(pdf)
    assert pdf.startswith(b"%PDF")
    assert {"گ", "ی", "پ", "چ"} <= set(glyphs)
    assert set(CONSENT_TEXTS["fa"]) == set(CONSENT_TEXTS["de"])


def test_the_person_page_offers_the_consent_form_in_farsi(client, cast):
    person = cast.home_case.household.members.first()
    client.force_login(cast.case_worker)
    url = reverse("cases:consent_pdf", kwargs={"code": person.code})
    assert (
        f"{url}?sprache=fa"
        in client.get(reverse("cases:person", kwargs={"code": person.code})).content.decode()
    )
    response = client.get(f"{url}?sprache=fa")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
