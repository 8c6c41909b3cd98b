"""Essen's geography, placing coordinates, and loading another city from GeoJSON."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from teilhabe.geography.models import Borough, District, Municipality
from teilhabe.geography.services import district_index, locate_district

pytestmark = pytest.mark.django_db


def test_essen_has_nine_boroughs_and_fifty_districts():
    essen = Municipality.objects.get(name="Essen")
    assert Borough.objects.filter(municipality=essen).count() == 9
    assert District.objects.filter(borough__municipality=essen).count() == 50
    assert sorted(Borough.objects.values_list("number", flat=True)) == list(range(1, 10))


@pytest.mark.parametrize(
    ("lon", "lat", "district", "borough"),
    [
        (7.0146, 51.4513, "Stadtkern", 1),  # Hauptbahnhof / Innenstadt
        (7.0458, 51.4866, "Stoppenberg", 6),  # near Zeche Zollverein
        (6.9367, 51.3639, "Kettwig", 9),
    ],
)
def test_a_coordinate_is_placed_in_its_district(lon, lat, district, borough):
    found = locate_district(lon=lon, lat=lat)
    assert found is not None
    assert (found.name, found.borough.number) == (district, borough)


def test_a_coordinate_outside_the_city_is_placed_nowhere():
    assert locate_district(lon=6.7735, lat=51.2277) is None  # Düsseldorf


def _square(x0, y0, x1, y1):
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


def _write(path, features):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


@pytest.fixture
def other_city(tmp_path):
    boroughs = _write(
        tmp_path / "b.geojson",
        [
            {
                "type": "Feature",
                "properties": {"nr": 1, "name": "Nord"},
                "geometry": _square(10, 1, 11, 2),
            },
            {
                "type": "Feature",
                "properties": {"nr": 2, "name": "Süd"},
                "geometry": _square(10, 0, 11, 1),
            },
        ],
    )
    districts = _write(
        tmp_path / "d.geojson",
        [
            {
                "type": "Feature",
                "properties": {"name": "Altstadt", "bezirk": 1},
                "geometry": _square(10, 1, 11, 2),
            },
            {
                "type": "Feature",
                "properties": {"name": "Hafen", "bezirk": 2},
                "geometry": _square(10, 0, 11, 1),
            },
        ],
    )
    return boroughs, districts


def test_another_city_is_loaded_from_geojson_by_a_command_and_a_second_run_changes_nothing(
    other_city, capsys
):
    boroughs, districts = other_city
    for _ in range(2):
        call_command(
            "load_geography",
            city="Musterstadt",
            boroughs=boroughs,
            districts=districts,
            borough_number="nr",
        )
    town = Municipality.objects.get(name="Musterstadt")
    assert Borough.objects.filter(municipality=town).count() == 2
    assert District.objects.filter(borough__municipality=town).count() == 2
    assert "2 Stadtbezirke, 2 Stadtteile" in capsys.readouterr().out
    district_index.cache_clear()
    assert locate_district(lon=10.5, lat=0.5).name == "Hafen"
    district_index.cache_clear()


def test_a_broken_geojson_file_is_refused_with_a_german_message_and_writes_nothing(
    other_city, tmp_path
):
    boroughs, _ = other_city
    broken = tmp_path / "broken.geojson"
    broken.write_text("{ not json")
    with pytest.raises(CommandError, match="kein lesbares GeoJSON"):
        call_command(
            "load_geography",
            city="Kaputtstadt",
            boroughs=boroughs,
            districts=broken,
            borough_number="nr",
        )
    assert not Municipality.objects.filter(name="Kaputtstadt").exists()


def test_a_district_naming_an_unknown_borough_is_refused_and_writes_nothing(other_city, tmp_path):
    boroughs, _ = other_city
    wrong = _write(
        tmp_path / "wrong.geojson",
        [
            {
                "type": "Feature",
                "properties": {"name": "Irgendwo", "bezirk": 7},
                "geometry": _square(0, 0, 1, 1),
            }
        ],
    )
    with pytest.raises(CommandError, match="gehört zu Bezirk 7, den es nicht gibt"):
        call_command(
            "load_geography",
            city="Fehlstadt",
            boroughs=boroughs,
            districts=wrong,
            borough_number="nr",
        )
    assert not Municipality.objects.filter(name="Fehlstadt").exists()
