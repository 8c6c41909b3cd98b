"""Bulk import of offers from CSV or XLSX: check every row first, write only a valid file.

Columns (German headers, first row): see :data:`COLUMNS`. Errors are German and name the row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal, InvalidOperation
from typing import Any

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
MAX_ROWS = 2000


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def read_table(*, content: bytes, filename: str) -> list[dict[str, str]]:
    """Rows of a CSV (UTF-8, comma or semicolon) or XLSX file as dicts keyed by lower-case header."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception:
            raise OfferError("Die Datei ist keine lesbare XLSX-Arbeitsmappe.") from None
        values = [
            ["" if v is None else str(v).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise OfferError("Die CSV-Datei ist nicht UTF-8-kodiert.") from None
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;")
        except csv.Error:
            dialect = csv.excel
        try:
            values = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
        except csv.Error as exc:
            raise OfferError(f"Die CSV-Datei ist fehlerhaft: {exc}") from None
    values = [row for row in values if any(row)]
    if not values:
        raise OfferError("Die Datei ist leer.")
    header = [h.lower() for h in values[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise OfferError(f"Es fehlen die Spalten: {', '.join(missing)}.")
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise OfferError(f"Unbekannte Spalten: {', '.join(unknown)}.")
    if len(values) - 1 > MAX_ROWS:
        raise OfferError(f"Höchstens {MAX_ROWS} Zeilen je Datei.")
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


def check_rows(rows: list[dict[str, str]]) -> ImportResult:
    """Check every row; the result holds the cleaned rows or the German errors."""
    result = ImportResult()
    categories = {c.key: c for c in Category.objects.all()}
    for number, row in enumerate(rows, start=2):
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
) -> ImportResult:
    """Check a file and, unless ``dry_run`` or any row is invalid, create its offers as drafts."""
    try:
        rows = read_table(content=content, filename=filename)
    except OfferError as exc:
        return ImportResult(errors=[str(exc)])
    result = check_rows(rows)
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
    return result
