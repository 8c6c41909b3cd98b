"""DCAT-AP.de 2.0 metadata of the published files (JSON-LD, one dcat:Catalog).

The catalogue names each dataset (dcat:Dataset) with its distributions (dcat:Distribution):
title and description in German, publisher and contact point, dcatde:contributorID (the
harvesting portal), dcatde:politicalGeocodingURI/LevelURI (the municipality by its AGS),
dct:spatial (bounding box of the city), dct:temporal, themes, language, access rights,
frequency, licence (dl-de/by-2-0 or CC BY 4.0, with dcatde:licenseAttributionByText),
format, media type, size and SHA-256 checksum of every file.

IRIs of the files are written relative to the open-data page; the view that serves the
catalogue adds ``@base`` (``OPENDATA_BASE_URL`` or the address the request came to), so the
stored file is the same on every host and JSON-LD processors resolve them to absolute IRIs.
"""

from __future__ import annotations

import datetime
import hashlib
import tomllib
from dataclasses import dataclass

from teilhabe.scenario import scenario_folder

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "spdx": "http://spdx.org/rdf/terms#",
    "locn": "http://www.w3.org/ns/locn#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "gsp": "http://www.opengis.net/ont/geosparql#",
}
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/"

LICENSES = {
    "dl-by-de/2.0": {
        "uri": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
        "title": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "path": "https://www.govdata.de/dl-de/by-2-0",
        "name": "dl-de-by-2.0",
    },
    "cc-by/4.0": {
        "uri": "http://dcat-ap.de/def/licenses/cc-by/4.0",
        "title": "Creative Commons Namensnennung – 4.0 International (CC BY 4.0)",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "name": "CC-BY-4.0",
    },
}
FORMATS = {
    "csv": ("CSV", "text/csv"),
    "zip": ("ZIP", "application/zip"),
    "json": ("JSON", "application/json"),
}


@dataclass(frozen=True)
class Publisher:
    name: str
    homepage: str
    contact_name: str
    contact_email: str
    contributor_id: str
    license: str
    attribution: str

    @property
    def license_info(self) -> dict:
        return LICENSES[self.license]


def publisher(folder=None) -> Publisher:
    """The city's open-data settings (``open_data.toml`` of the scenario folder)."""
    path = (folder or scenario_folder()) / "open_data.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if data.get("license") not in LICENSES:
        raise ValueError(f"{path}: license must be one of {', '.join(LICENSES)}")
    return Publisher(
        name=data["publisher"],
        homepage=data.get("publisher_homepage", ""),
        contact_name=data.get("contact_name", data["publisher"]),
        contact_email=data["contact_email"],
        contributor_id=data["contributor_id"],
        license=data["license"],
        attribution=data.get("attribution", data["publisher"]),
    )


@dataclass(frozen=True)
class Distribution:
    path: str  # relative to the open-data page, e.g. "steuerungskennzahlen.csv"
    title: str
    description: str
    kind: str  # key of FORMATS
    content: bytes
    conforms_to: str = ""


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    keywords: tuple[str, ...]
    themes: tuple[str, ...]  # EU data themes, e.g. "SOCI"
    frequency: str  # EU frequency, e.g. "MONTHLY"
    modified: datetime.date | None
    start: datetime.date | None
    end: datetime.date | None
    distributions: tuple[Distribution, ...]


def _date(d: datetime.date) -> dict:
    return {"@value": d.isoformat(), "@type": "xsd:date"}


def _text(s: str) -> dict:
    return {"@value": s, "@language": "de"}


def _bbox(bounds) -> dict | None:
    if not bounds:
        return None
    min_lon, min_lat, max_lon, max_lat = bounds
    ring = [
        (min_lon, min_lat),
        (max_lon, min_lat),
        (max_lon, max_lat),
        (min_lon, max_lat),
        (min_lon, min_lat),
    ]
    wkt = "POLYGON((" + ", ".join(f"{x:.5f} {y:.5f}" for x, y in ring) + "))"
    return {"@value": wkt, "@type": "gsp:wktLiteral"}


def distribution(d: Distribution, pub: Publisher, modified: datetime.date | None) -> dict:
    fmt, media = FORMATS[d.kind]
    out = {
        "@id": d.path,
        "@type": "dcat:Distribution",
        "dct:title": _text(d.title),
        "dct:description": _text(d.description),
        "dcat:accessURL": {"@id": d.path},
        "dcat:downloadURL": {"@id": d.path},
        "dct:format": {"@id": f"{EU}file-type/{fmt}"},
        "dcat:mediaType": {"@id": f"{IANA}{media}"},
        "dct:license": {"@id": pub.license_info["uri"]},
        "dcatde:licenseAttributionByText": _text(pub.attribution),
        "dcat:byteSize": {"@value": str(len(d.content)), "@type": "xsd:decimal"},
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
            "spdx:checksumValue": {
                "@value": hashlib.sha256(d.content).hexdigest(),
                "@type": "xsd:hexBinary",
            },
        },
        "dct:language": {"@id": f"{EU}language/DEU"},
    }
    if modified:
        out["dct:modified"] = _date(modified)
    if d.conforms_to:
        out["dct:conformsTo"] = {"@id": d.conforms_to}
    return out


def dataset(ds: Dataset, pub: Publisher, *, official_key: str, bounds) -> dict:
    out = {
        "@id": f"./#{ds.key}",
        "@type": "dcat:Dataset",
        "dct:identifier": ds.key,
        "dct:title": _text(ds.title),
        "dct:description": _text(ds.description),
        "dcat:keyword": [_text(k) for k in ds.keywords],
        "dcat:theme": [{"@id": f"{EU}data-theme/{t}"} for t in ds.themes],
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": pub.name},
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": pub.contact_name,
            "vcard:hasEmail": {"@id": f"mailto:{pub.contact_email}"},
        },
        "dcatde:contributorID": {"@id": pub.contributor_id},
        "dcatde:politicalGeocodingLevelURI": {"@id": f"{GEOCODING}Level/municipality"},
        "dct:language": {"@id": f"{EU}language/DEU"},
        "dct:accessRights": {"@id": f"{EU}access-right/PUBLIC"},
        "dct:accrualPeriodicity": {"@id": f"{EU}frequency/{ds.frequency}"},
        "dcat:landingPage": {"@id": f"./#{ds.key}"},
        "dct:license": {"@id": pub.license_info["uri"]},
        "dcat:distribution": [distribution(d, pub, ds.modified) for d in ds.distributions],
    }
    if official_key:
        out["dcatde:politicalGeocodingURI"] = {"@id": f"{GEOCODING}municipalityKey/{official_key}"}
    spatial = {"@type": "dct:Location"}
    if official_key:
        spatial["@id"] = f"{GEOCODING}municipalityKey/{official_key}"
    box = _bbox(bounds)
    if box:
        spatial["dcat:bbox"] = box
    out["dct:spatial"] = spatial
    if ds.start and ds.end:
        out["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _date(ds.start),
            "dcat:endDate": _date(ds.end),
        }
    if ds.modified:
        out["dct:modified"] = _date(ds.modified)
    return out


def catalogue(
    datasets: list[Dataset],
    pub: Publisher,
    *,
    title: str,
    description: str,
    official_key: str,
    bounds,
) -> dict:
    modified = max((d.modified for d in datasets if d.modified), default=None)
    out = {
        "@context": CONTEXT,
        "@id": "katalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": _text(title),
        "dct:description": _text(description),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": pub.name},
        "foaf:homepage": {"@id": "./"},
        "dct:language": {"@id": f"{EU}language/DEU"},
        "dct:license": {"@id": pub.license_info["uri"]},
        "dcat:dataset": [
            dataset(d, pub, official_key=official_key, bounds=bounds) for d in datasets
        ],
    }
    if modified:
        out["dct:modified"] = _date(modified)
    return out
