"""Translation workflow: CSV export and import for human translators, and an optional
machine-translation backend behind one small interface (off by default, nothing external).

CSV columns: ``id``, ``titel_de``, ``kurzbeschreibung_de``, ``beschreibung_de``, ``titel``,
``kurzbeschreibung``, ``beschreibung``, ``veraltet``. Translators fill the last three text
columns; the German columns let the import notice that the German text changed meanwhile.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.module_loading import import_string

from teilhabe.offers.models import TRANSLATION_LANGUAGES, Offer, TranslationStatus
from teilhabe.offers.services import OfferError, translation_save

COLUMNS = [
    "id",
    "titel_de",
    "kurzbeschreibung_de",
    "beschreibung_de",
    "titel",
    "kurzbeschreibung",
    "beschreibung",
    "veraltet",
]


def _check_language(language: str) -> None:
    if language not in TRANSLATION_LANGUAGES:
        raise OfferError(
            f"Unbekannte Zielsprache „{language}“; möglich: {', '.join(TRANSLATION_LANGUAGES)}."
        )


def translations_export(*, language: str, offers=None, only_open: bool = False) -> str:
    """A CSV for translators: every offer with its German text and the current translation."""
    _check_language(language)
    offers = offers if offers is not None else Offer.objects.published()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for offer in offers.prefetch_related("translations").order_by("pk"):
        t = next((t for t in offer.translations.all() if t.language == language), None)
        if only_open and t is not None and not t.outdated:
            continue
        writer.writerow(
            [
                offer.code,
                offer.title,
                offer.summary,
                offer.description,
                t.title if t else "",
                t.summary if t else "",
                t.description if t else "",
                "ja" if t is not None and t.outdated else "",
            ]
        )
    return out.getvalue()


@dataclass
class TranslationImportResult:
    errors: list[str] = field(default_factory=list)
    saved: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def translations_import(
    *, user: Any, language: str, content: bytes, dry_run: bool = True, offers=None
):
    """Check a translators' CSV; unless ``dry_run`` or anything is wrong, store all rows.

    ``offers`` limits which offers the file may change (a provider's own)."""
    _check_language(language)
    result = TranslationImportResult()
    try:
        rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    except (UnicodeDecodeError, csv.Error) as exc:
        result.errors.append(f"Die Datei ist kein lesbares UTF-8-CSV: {exc}")
        return result
    if not rows or not {"id", "titel", "titel_de"} <= set(rows[0]):
        result.errors.append("Es fehlen die Spalten id, titel_de oder titel.")
        return result
    ids = [r["id"].strip() for r in rows if (r.get("id") or "").strip()]
    try:
        found = (offers if offers is not None else Offer.objects.all()).filter(code__in=ids)
        offers = {str(o.code): o for o in found}
    except ValidationError:
        result.errors.append("Die Spalte id enthält ungültige Kennungen.")
        return result
    todo = []
    for number, row in enumerate(rows, start=2):
        if not (row.get("titel") or "").strip():
            continue  # not translated yet
        offer = offers.get((row.get("id") or "").strip())
        if offer is None:
            result.errors.append(f"Zeile {number}: Angebot „{row.get('id')}“ gibt es nicht.")
            continue
        german = (
            row.get("titel_de", ""),
            row.get("kurzbeschreibung_de", offer.summary),
            row.get("beschreibung_de", offer.description),
        )
        if german != (offer.title, offer.summary, offer.description):
            result.errors.append(
                f"Zeile {number}: Der deutsche Text von „{offer.title}“ hat sich seit dem Export "
                "geändert; bitte neu exportieren."
            )
            continue
        todo.append((offer, row))
    if result.errors or dry_run:
        result.saved = 0 if result.errors else len(todo)
        return result
    with transaction.atomic():
        for offer, row in todo:
            translation_save(
                user=user,
                offer=offer,
                language=language,
                title=row["titel"],
                summary=row.get("kurzbeschreibung", ""),
                description=row.get("beschreibung", ""),
                status=TranslationStatus.APPROVED,
            )
            result.saved += 1
    return result


class MachineTranslator(Protocol):
    """One method: translate German texts into ``language`` (same order, same length)."""

    def translate(self, texts: list[str], *, language: str) -> list[str]: ...


def machine_translator() -> MachineTranslator | None:
    """The configured backend (setting ``OFFERS_MACHINE_TRANSLATION``, a dotted path), or None.

    Off by default: Teilhabe runs without any external service.
    """
    path = getattr(settings, "OFFERS_MACHINE_TRANSLATION", "")
    return import_string(path)() if path else None


def machine_translate_missing(
    *, user: Any, language: str, translator: MachineTranslator | None = None, offers=None
) -> int:
    """Fill missing or outdated translations by machine; they are marked as unchecked."""
    _check_language(language)
    translator = translator or machine_translator()
    if translator is None:
        return 0
    offers = offers if offers is not None else Offer.objects.published()
    count = 0
    for offer in offers.prefetch_related("translations"):
        t = next((t for t in offer.translations.all() if t.language == language), None)
        if t is not None and not t.outdated:
            continue
        title, summary, description = translator.translate(
            [offer.title, offer.summary, offer.description], language=language
        )
        translation_save(
            user=user,
            offer=offer,
            language=language,
            title=title,
            summary=summary,
            description=description,
            status=TranslationStatus.MACHINE,
        )
        count += 1
    return count
