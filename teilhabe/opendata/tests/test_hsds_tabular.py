"""The offers directory as an HSDS 3.0 tabular data package, checked with frictionless."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from frictionless import validate

from teilhabe.offers.hsds import export
from teilhabe.offers.models import Offer
from teilhabe.opendata import hsds_tabular

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[4] / "shared/standards/hsds-3.0/compiled/tabular.json"
LICENSE = {"name": "dl-de-by-2.0", "path": "https://www.govdata.de/dl-de/by-2-0"}


def _write(files: dict[str, bytes], folder: Path) -> Path:
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return folder / "datapackage.json"


@pytest.fixture
def package():
    return hsds_tabular.package_files(title="Angebote", description="Test", license=LICENSE)


def _errors(report) -> list[str]:
    return [f"{t.name}: {e.type} {e.message}" for t in report.tasks for e in t.errors] + [
        e.message for e in report.errors
    ]


def test_the_package_validates_with_frictionless(package, tmp_path):
    report = validate(str(_write(package, tmp_path)))
    assert report.valid, _errors(report)[:10]


def test_a_broken_link_between_tables_is_found(package, tmp_path):
    """The foreign keys are declared, so the validator checks every link."""
    rows = list(csv.reader(io.StringIO(package["services.csv"].decode())))
    column = rows[0].index("organization_id")
    rows[1][column] = "00000000-0000-4000-8000-000000000000"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    package["services.csv"] = out.getvalue().encode()
    report = validate(str(_write(package, tmp_path)))
    assert not report.valid
    assert "foreign-key" in {e.type for t in report.tasks for e in t.errors}


def test_every_table_of_the_official_definition_is_there_with_its_columns(package):
    descriptor = json.loads(package["datapackage.json"])
    official = json.loads(hsds_tabular.SCHEMA.read_text())["properties"]
    if SHARED.exists():  # the copy in the app is the official file, unchanged
        assert official == json.loads(SHARED.read_text())["properties"]
    assert [r["name"] for r in descriptor["resources"]] == [
        t["items"]["name"]
        for t in sorted(
            official.values(), key=lambda t: t["items"]["datapackage_metadata"]["order"]
        )
    ]
    for resource in descriptor["resources"]:
        table = official[resource["name"]]["items"]
        expected = [n for n, p in table["properties"].items() if p.get("type") != "array"]
        assert [f["name"] for f in resource["schema"]["fields"]] == expected
        header = package[resource["path"]].decode().splitlines()[0].split(",")
        assert header == expected


def test_every_published_offer_is_a_service_with_its_places(package):
    services = list(csv.DictReader(io.StringIO(package["services.csv"].decode())))
    assert len(services) == Offer.objects.published().count()
    links = list(csv.DictReader(io.StringIO(package["service_at_location.csv"].decode())))
    first = export.services()[0]
    assert {r["location_id"] for r in links if r["service_id"] == first["id"]} == {
        s["location_id"] for s in first["service_at_locations"]
    }


def test_no_scalar_field_of_the_export_is_lost():
    """Every plain value the HSDS serialisation gives a service has its column."""
    for s in export.services()[:50]:
        for key, value in s.items():
            if not isinstance(value, list | dict):
                assert key in hsds_tabular.columns("service"), key


def test_the_zip_is_the_same_for_the_same_files(package):
    assert hsds_tabular.zip_bytes(package) == hsds_tabular.zip_bytes(dict(package))
