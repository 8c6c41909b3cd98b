"""Bulk import of offers from CSV or XLSX: check every row first, write only a valid file.

Columns (German headers, first row): see :data:`COLUMNS`. Errors are German and name the row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction

from teilhabe.geography.services import locate_district_id
from teilhabe.offers.models import SPOKEN_LANGUAGES, Category, Location, OfferStatus
from teilhabe.offers.services import OfferError, location_save, offer_create
from teilhabe.organisations.models import Organisation

COLUMNS = {
    "titel": "Titel des Angebots (Pflicht)",
    "kurzbeschreibung": "Kurzbeschreibung (Pflicht)",
    "beschreibung": "Ausführliche Beschreibung",
    "kategorie": "Kategorie-Schlüssel, z. B. sprache-bildung (Pflicht)",
    "ort": "Name des Ortes (Pflicht)",
    "strasse": "Straße und Hausnummer (Pflicht)",
    "plz": "Postleitzahl (Pflicht)",
    "breitengrad": "Breitengrad, z. B. 51.4568 (Pflicht)",
    "laengengrad": "Längengrad, z. B. 7.0139 (Pflicht)",
    "sprachen": "Sprachen als Kürzel, durch Komma getrennt, z. B. de,ar",
    "mindestalter": "Mindestalter",
    "hoechstalter": "Höchstalter",
    "kosten": "Kosten in Euro; leer = kostenlos",
    "anmeldung": "Anmeldung nötig: ja/nein",
    "ansprechperson": "Ansprechperson",
    "telefon": "Telefon für Fragen und Anmeldung, z. B. 0201 123456",
    "email": "E-Mail für Fragen und Anmeldung",
    "web": "Webadresse, z. B. https://www.beispiel.de",
    "wochentag": "Wochentag: Mo, Di, Mi, Do, Fr, Sa, So",
    "von": "Beginn, z. B. 09:30",
    "bis": "Ende, z. B. 11:00",
}
REQUIRED = (
    "titel",
    "kurzbeschreibung",
    "kategorie",
    "ort",
    "strasse",
    "plz",
    "breitengrad",
    "laengengrad",
)
WEEKDAYS = {"mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6}
PHONE = re.compile(r"\+?[0-9 ()/-]{5,40}")


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def max_rows() -> int:
    """Most offers per import file (``OFFERS_IMPORT_MAX_ROWS``, default 2,000)."""
    return settings.OFFERS_IMPORT_MAX_ROWS


def _german_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _raw_rows(*, content: bytes, filename: str) -> Iterator[list[str]]:
    """The file's rows as lists of stripped strings, read lazily (a huge file is never read
    past the row limit)."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            sheet = book.active
            rows = sheet.iter_rows(values_only=True)
        except Exception:
            raise OfferError("Die Datei ist keine lesbare XLSX-Arbeitsmappe.") from None
        try:
            for row in rows:
                yield ["" if v is None else str(v).strip() for v in row]
        finally:
            book.close()
        return
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OfferError("Die CSV-Datei ist nicht UTF-8-kodiert.") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;")
    except csv.Error:
        dialect = csv.excel
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            yield [c.strip() for c in row]
    except csv.Error as exc:
        raise OfferError(f"Die CSV-Datei ist fehlerhaft: {exc}") from None


def read_table(*, content: bytes, filename: str, limit: int | None = None) -> list[dict[str, str]]:
    """Rows of a CSV (UTF-8, comma or semicolon) or XLSX file as dicts keyed by lower-case
    header. More than ``limit`` rows (default :func:`max_rows`) are refused as soon as the
    first row too many is read."""
    limit = limit or max_rows()
    values = []
    for row in _raw_rows(content=content, filename=filename):
        if not any(row):
            continue
        values.append(row)
        if len(values) - 1 > limit:
            raise OfferError(
                f"Die Datei hat mehr als {_german_int(limit)} Zeilen. Je Datei können höchstens "
                f"{_german_int(limit)} Angebote eingelesen werden; bitte teilen Sie die Datei "
                "auf."
            )
    if not values:
        raise OfferError("Die Datei ist leer.")
    header = [h.lower() for h in values[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise OfferError(f"Es fehlen die Spalten: {', '.join(missing)}.")
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise OfferError(f"Unbekannte Spalten: {', '.join(unknown)}.")
    rows = []
    for raw in values[1:]:
        if len(raw) > len(header):
            raise OfferError(f"Zeile {len(rows) + 2} hat mehr Werte als Spalten.")
        rows.append(dict(zip(header, [*raw, *[""] * (len(header) - len(raw))], strict=True)))
    return rows


def _int(value: str, label: str, errors: list[str], prefix: str) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        errors.append(f"{prefix}: {label} „{value}“ ist keine ganze Zahl.")
        return None


def _time(value: str, label: str, errors: list[str], prefix: str) -> time | None:
    try:
        h, m = value.split(":")[:2]
        return time(int(h), int(m))
    except (ValueError, TypeError):
        errors.append(f"{prefix}: {label} „{value}“ ist keine Uhrzeit (z. B. 09:30).")
        return None


def _contact(row: dict[str, str], errors: list[str], prefix: str) -> dict[str, str]:
    """The offer's contact (person, phone, e-mail, web address), checked; a web address without
    scheme (``www.beispiel.de``) gets ``https://``."""
    name = row.get("ansprechperson", "")
    phone = row.get("telefon", "")
    email = row.get("email", "")
    web = row.get("web", "")
    if len(name) > 120:
        errors.append(f"{prefix}: „ansprechperson“ ist länger als 120 Zeichen.")
    if phone and not PHONE.fullmatch(phone):
        errors.append(
            f"{prefix}: Telefon „{phone}“ ist keine Telefonnummer; bitte nur Ziffern, "
            "Leerzeichen und + ( ) / -, z. B. 0201 123456."
        )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(f"{prefix}: E-Mail „{email}“ ist keine gültige E-Mail-Adresse.")
    if web:
        if "://" not in web:
            web = f"https://{web}"
        try:
            URLValidator(schemes=["http", "https"])(web)
            if len(web) > 200:
                raise ValidationError("too long")
        except ValidationError:
            errors.append(
                f"{prefix}: Webadresse „{row['web']}“ ist keine gültige Adresse, "
                "z. B. https://www.beispiel.de."
            )
    return {"contact_name": name, "contact_phone": phone, "contact_email": email, "url": web}


def check_rows(
    rows: list[dict[str, str]], *, progress: Callable[[int], None] | None = None
) -> ImportResult:
    """Check every row; the result holds the cleaned rows or the German errors.
    ``progress(n)`` is called after every 50 rows."""
    result = ImportResult()
    categories = {c.key: c for c in Category.objects.all()}
    for number, row in enumerate(rows, start=2):
        if progress is not None and (number - 1) % 50 == 0:
            progress(number - 1)
        errors: list[str] = []
        prefix = f"Zeile {number}"
        for col in REQUIRED:
            if not row.get(col):
                errors.append(f"{prefix}: „{col}“ fehlt.")
        category = categories.get(row.get("kategorie", ""))
        if row.get("kategorie") and category is None:
            errors.append(f"{prefix}: Unbekannte Kategorie „{row['kategorie']}“.")
        lat = lon = None
        try:
            lat = float(row.get("breitengrad", "").replace(",", "."))
            lon = float(row.get("laengengrad", "").replace(",", "."))
        except ValueError:
            if row.get("breitengrad") and row.get("laengengrad"):
                errors.append(f"{prefix}: Die Koordinaten sind keine Zahlen.")
        if lat is not None and lon is not None and locate_district_id(lon=lon, lat=lat) is None:
            errors.append(
                f"{prefix}: Die Koordinaten {lat}, {lon} liegen außerhalb des Stadtgebiets."
            )
        languages = [c.strip().lower() for c in row.get("sprachen", "").split(",") if c.strip()]
        bad = [c for c in languages if c not in SPOKEN_LANGUAGES]
        if bad:
            errors.append(f"{prefix}: Unbekannte Sprache(n): {', '.join(bad)}.")
        min_age = _int(row.get("mindestalter", ""), "Mindestalter", errors, prefix)
        max_age = _int(row.get("hoechstalter", ""), "Höchstalter", errors, prefix)
        if min_age is not None and max_age is not None and max_age < min_age:
            errors.append(f"{prefix}: Das Höchstalter liegt unter dem Mindestalter.")
        cost = None
        if row.get("kosten"):
            try:
                cost = Decimal(row["kosten"].replace(",", "."))
                if cost < 0:
                    raise InvalidOperation
            except InvalidOperation:
                errors.append(f"{prefix}: Kosten „{row['kosten']}“ sind kein Betrag.")
        registration = row.get("anmeldung", "").lower()
        if registration not in ("", "ja", "nein"):
            errors.append(f"{prefix}: Anmeldung muss „ja“ oder „nein“ sein.")
        contact = _contact(row, errors, prefix)
        schedule = None
        if row.get("wochentag"):
            day = WEEKDAYS.get(row["wochentag"].lower()[:2])
            if day is None:
                errors.append(f"{prefix}: Unbekannter Wochentag „{row['wochentag']}“.")
            start = _time(row.get("von", ""), "Beginn", errors, prefix)
            end = _time(row.get("bis", ""), "Ende", errors, prefix)
            if start and end and end <= start:
                errors.append(f"{prefix}: Das Ende liegt nicht nach dem Beginn.")
            schedule = {"weekday": day, "starts_at": start, "ends_at": end}
        for col, limit in (("titel", 200), ("kurzbeschreibung", 300), ("ort", 200)):
            if len(row.get(col, "")) > limit:
                errors.append(f"{prefix}: „{col}“ ist länger als {limit} Zeichen.")
        if errors:
            result.errors.extend(errors)
            continue
        result.rows.append(
            {
                "values": {
                    "title": row["titel"],
                    "summary": row["kurzbeschreibung"],
                    "description": row.get("beschreibung", ""),
                    "category": category,
                    "languages": languages or ["de"],
                    "min_age": min_age,
                    "max_age": max_age,
                    "is_free": cost is None,
                    "cost": cost,
                    "registration_required": registration == "ja",
                    **contact,
                    "status": OfferStatus.DRAFT,
                },
                "location": {
                    "name": row["ort"],
                    "street": row["strasse"],
                    "postcode": row["plz"],
                    "latitude": lat,
                    "longitude": lon,
                },
                "schedule": schedule,
            }
        )
    return result


def offers_import(
    *,
    user: Any,
    organisation: Organisation,
    content: bytes,
    filename: str,
    dry_run: bool = True,
    progress: Callable[[int, int], None] | None = None,
    on_written: Callable[[ImportResult], None] | None = None,
) -> ImportResult:
    """Check a file and, unless ``dry_run`` or any row is invalid, create its offers as drafts
    (in one transaction; ``on_written(result)`` runs inside it, e.g. to finish the job).
    ``progress(done, total)`` reports checked rows. Runs in the worker (``offers.import``
    job); the page only uploads the file."""
    try:
        rows = read_table(content=content, filename=filename)
    except OfferError as exc:
        return ImportResult(errors=[str(exc)])
    report = (lambda n: progress(n, len(rows))) if progress else None
    if report:
        report(0)
    result = check_rows(rows, progress=report)
    if report:
        report(len(rows))
    if dry_run or not result.ok:
        return result
    with transaction.atomic():
        for row in result.rows:
            loc = row["location"]
            location = Location.objects.filter(
                organisation=organisation, name=loc["name"], street=loc["street"]
            ).first()
            location = location_save(user=user, organisation=organisation, location=location, **loc)
            offer_create(
                user=user,
                organisation=organisation,
                values=row["values"],
                locations=[location],
                schedules=[row["schedule"]] if row["schedule"] else [],
            )
            result.created += 1
        if on_written is not None:
            on_written(result)
    return result
