"""The offers directory as an HSDS 3.0 tabular data package (datapackage.json + one CSV per
table), following the official tabular definition (``schema/hsds-tabular.json``, a copy of
``compiled/tabular.json`` of openreferral/specification 3.0, CC BY-SA 4.0).

The rows come from the HSDS serialisation of the offers directory
(``teilhabe.offers.hsds.export``): each nested object of a service becomes a row of its table
(phones, contacts, schedules, service_at_location, locations, addresses, accessibility,
languages, cost_options, attributes, taxonomy_terms), linked by its ``*_id`` columns. Every
table of the definition is written, empty ones with their header only, so readers find the
whole structure. Column order, types and constraints are those of the definition; foreign
keys are declared for the ``*_id`` columns, so a validator checks that every link resolves.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from functools import cache
from pathlib import Path

from teilhabe.offers.hsds import export
from teilhabe.offers.models import Category
from teilhabe.organisations.models import Organisation

SCHEMA = Path(__file__).parent / "schema" / "hsds-tabular.json"
FOLDER = "angebote-hsds"
PACKAGE_NAME = "teilhabe-angebote-hsds"
# Table Schema knows these formats for strings; "date-time" is carried by the type instead.
STRING_FORMATS = {"uuid", "email", "uri"}
# Column → table its value points to (foreign keys); polymorphic links (attribute.link_id,
# metadata.resource_id) have none.
REFERENCES = {
    "organization_id": "organization",
    "parent_organization_id": "organization",
    "program_id": "program",
    "service_id": "service",
    "location_id": "location",
    "service_at_location_id": "service_at_location",
    "contact_id": "contact",
    "phone_id": "phone",
    "taxonomy_term_id": "taxonomy_term",
    "taxonomy_id": "taxonomy",
}
SELF_REFERENCES = {("taxonomy_term", "parent_id")}


@cache
def definition() -> dict[str, dict]:
    """Table name → its definition, in the official order."""
    tables = json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]
    items = [v["items"] for v in tables.values()]
    return {t["name"]: t for t in sorted(items, key=lambda t: t["datapackage_metadata"]["order"])}


def columns(table: str) -> list[str]:
    return [
        name
        for name, prop in definition()[table]["properties"].items()
        if prop.get("type") != "array"
    ]


def _field(table: dict, name: str) -> dict:
    prop = table["properties"][name]
    kind = prop.get("datapackage_type") or prop.get("type", "string")
    out = {"name": name, "type": kind}
    if kind == "string" and prop.get("format") in STRING_FORMATS:
        out["format"] = prop["format"]
    if prop.get("title"):
        out["title"] = prop["title"]
    if prop.get("description"):
        out["description"] = prop["description"]
    constraints = {}
    if name in table.get("required", []) or name in table.get("tabular_required", []):
        constraints["required"] = True
    if prop.get("constraints", {}).get("unique"):
        constraints["unique"] = True
    if prop.get("enum"):
        constraints["enum"] = prop["enum"]
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(name: str) -> dict:
    table = definition()[name]
    fields = [_field(table, c) for c in columns(name)]
    schema: dict = {"fields": fields, "primaryKey": ["id"]}
    foreign = []
    for c in columns(name):
        target = REFERENCES.get(c)
        if (name, c) in SELF_REFERENCES:
            target = name
        if target and c != "id":
            foreign.append(
                {
                    "fields": [c],
                    "reference": {"resource": "" if target == name else target, "fields": ["id"]},
                }
            )
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def _cell(value, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if kind == "time" and isinstance(value, str) and len(value) == 5:
        return value + ":00"  # "09:00" → Table Schema's hh:mm:ss
    return str(value)


def _add(rows: dict[str, dict], obj: dict) -> None:
    """Keep one row per id (the first one seen)."""
    rows.setdefault(obj["id"], obj)


def tables(services: list[dict] | None = None) -> dict[str, list[dict]]:
    """Table name → rows (dicts of HSDS fields), from the directory's service list."""
    services = export.services() if services is None else services
    found: dict[str, dict[str, dict]] = {name: {} for name in definition()}
    for s in services:
        _add(found["service"], s)
        _add(found["organization"], s["organization"])
        for name in ("phones", "contacts", "schedules", "languages", "cost_options"):
            table = {"phones": "phone", "contacts": "contact", "schedules": "schedule"}.get(
                name, name[:-1]
            )
            for obj in s.get(name, []):
                _add(found[table], obj)
        for attribute in s.get("attributes", []):
            _add(found["attribute"], attribute)
            term = attribute.get("taxonomy_term")
            if term:
                _add(found["taxonomy_term"], term)
                if term.get("taxonomy_detail"):
                    _add(found["taxonomy"], term["taxonomy_detail"])
        for sal in s.get("service_at_locations", []):
            _add(found["service_at_location"], sal)
            location = sal["location"]
            _add(found["location"], location)
            for address in location.get("addresses", []):
                _add(found["address"], address)
            for access in location.get("accessibility", []):
                _add(found["accessibility"], access)
    _complete_references(found)
    found["meta_table_description"] = {
        "meta": {
            "id": export._id("meta_table_description", PACKAGE_NAME),
            "name": "Teilhabe – Angebotsverzeichnis",
            "language": "de",
            "character_set": "UTF-8",
        }
    }
    return {
        name: [rows[k] for k in sorted(rows)] if name != "service" else list(rows.values())
        for name, rows in found.items()
    }


def _complete_references(found: dict[str, dict[str, dict]]) -> None:
    """Add the organisations and categories that rows point to but no service carries (parent
    organisations, organisations of locations, parent categories)."""
    while True:
        wanted = {
            row.get(c)
            for table in ("organization", "location")
            for row in found[table].values()
            for c in ("organization_id", "parent_organization_id")
            if row.get(c)
        } - set(found["organization"])
        if not wanted:
            break
        for org in Organisation.objects.filter(code__in=wanted).select_related("parent"):
            _add(found["organization"], export.organization(org))
    while True:
        wanted = {
            row["parent_id"] for row in found["taxonomy_term"].values() if row.get("parent_id")
        } - set(found["taxonomy_term"])
        if not wanted:
            break
        for category in Category.objects.filter(code__in=wanted).select_related("parent"):
            _add(found["taxonomy_term"], export.taxonomy_term(category))


def csv_bytes(name: str, rows: list[dict]) -> bytes:
    table = definition()[name]
    cols = columns(name)
    kinds = {c: _field(table, c)["type"] for c in cols}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(cols)
    for row in rows:
        writer.writerow([_cell(row.get(c), kinds[c]) for c in cols])
    return buffer.getvalue().encode("utf-8")


def descriptor(*, title: str, description: str, license: dict, homepage: str = "") -> dict:
    resources = []
    for name, table in definition().items():
        meta = table["datapackage_metadata"]
        resources.append(
            {
                "name": name,
                "path": table["path"],
                "profile": meta["profile"],
                "format": meta["format"],
                "mediatype": meta["mediatype"],
                "encoding": "utf-8",
                "description": table.get("description", ""),
                "schema": table_schema(name),
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": title,
        "description": description,
        "licenses": [license],
        "resources": resources,
    }
    if homepage:
        package["homepage"] = homepage
    return package


def package_files(
    *, title: str, description: str, license: dict, services: list[dict] | None = None
) -> dict[str, bytes]:
    """File name (inside the package folder) → content: ``datapackage.json`` and the CSVs."""
    rows = tables(services)
    files = {
        "datapackage.json": (
            json.dumps(
                descriptor(title=title, description=description, license=license),
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        ).encode("utf-8")
    }
    for name, table in definition().items():
        files[table["path"]] = csv_bytes(name, rows[name])
    return files


def zip_bytes(files: dict[str, bytes], folder: str = FOLDER) -> bytes:
    """The package as one ZIP, byte for byte the same for the same files (fixed times, sorted
    names)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()
