"""Reads of the open-data app: the stored files and what the catalogue says about them."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.core.files.storage import default_storage

from teilhabe.opendata import hsds_tabular
from teilhabe.opendata.services import CATALOGUE, HSDS_ZIP, PREFIX, STEERING_FILE

CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".jsonld": "application/ld+json",
    ".zip": "application/zip",
}


def public_paths() -> set[str]:
    """Every path the open-data URLs serve (nothing else under the folder is reachable)."""
    package = {f"{hsds_tabular.FOLDER}/datapackage.json"} | {
        f"{hsds_tabular.FOLDER}/{t['path']}" for t in hsds_tabular.definition().values()
    }
    return {STEERING_FILE, HSDS_ZIP, CATALOGUE} | package


def content_type(path: str) -> str:
    return CONTENT_TYPES["." + path.rsplit(".", 1)[-1]]


def stored_file(path: str):
    """An open stored file for a public path, or None (unknown path, not published yet)."""
    if path not in public_paths() or not default_storage.exists(PREFIX + path):
        return None
    return default_storage.open(PREFIX + path, "rb")


def catalogue() -> dict | None:
    f = stored_file(CATALOGUE)
    if f is None:
        return None
    with f:
        return json.loads(f.read().decode("utf-8"))


@dataclass(frozen=True)
class PublishedFile:
    path: str
    title: str
    size: int
    format: str


@dataclass(frozen=True)
class PublishedDataset:
    key: str
    modified: datetime.date | None
    start: datetime.date | None
    end: datetime.date | None
    files: list[PublishedFile]


def _day(value: dict | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value["@value"]) if value else None


def published_datasets() -> dict[str, PublishedDataset]:
    """Dataset key → what was last published (from the stored catalogue)."""
    doc = catalogue()
    if not doc:
        return {}
    out = {}
    for ds in doc.get("dcat:dataset", []):
        temporal = ds.get("dct:temporal") or {}
        files = [
            PublishedFile(
                path=d["@id"],
                title=d["dct:title"]["@value"],
                size=int(d["dcat:byteSize"]["@value"]),
                format=d["dct:format"]["@id"].rsplit("/", 1)[-1],
            )
            for d in ds.get("dcat:distribution", [])
        ]
        out[ds["dct:identifier"]] = PublishedDataset(
            key=ds["dct:identifier"],
            modified=_day(ds.get("dct:modified")),
            start=_day(temporal.get("dcat:startDate")),
            end=_day(temporal.get("dcat:endDate")),
            files=files,
        )
    return out
