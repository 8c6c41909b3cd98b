"""Writes and look-ups for the geography: loading a city from GeoJSON, placing a point."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from teilhabe.geography.geometry import bbox, covers, validate_polygon
from teilhabe.geography.models import Borough, District, Municipality
from teilhabe.geography.states import default_state_code


class GeographyError(ValueError):
    """A GeoJSON file could not be loaded; the message says why (German for users)."""


@dataclass(frozen=True)
class LoadResult:
    municipality: Municipality
    boroughs: int
    districts: int


def _features(path: Path) -> list[dict]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GeographyError(f"Die Datei {path} ist kein lesbares GeoJSON: {exc}") from None
    if data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise GeographyError(f"Die Datei {path} ist keine GeoJSON-FeatureCollection.")
    return data["features"]


def _prop(feature: dict, name: str, path: Path, index: int):
    try:
        return feature["properties"][name]
    except (KeyError, TypeError):
        raise GeographyError(
            f"{path}: Objekt {index + 1} hat keine Eigenschaft „{name}“."
        ) from None


def _shape(area, geometry) -> None:
    area.geometry = geometry
    area.min_lon, area.min_lat, area.max_lon, area.max_lat = bbox(geometry)


def _area(feature: dict) -> Decimal | None:
    value = (feature.get("properties") or {}).get("area_km2")
    return None if value is None else Decimal(str(value))


def geography_load(
    *,
    municipality_name: str,
    boroughs_file: Path,
    districts_file: Path,
    official_key: str = "",
    state: str = "",
    borough_number: str = "number",
    borough_name: str = "name",
    borough_roman: str = "roman",
    district_name: str = "name",
    district_borough: str = "bezirk",
    district_number: str | None = None,
) -> LoadResult:
    """Create or update a municipality's boroughs and districts from two GeoJSON files.

    Idempotent: running it again updates shapes and names in place (keyed by borough number
    and district name). Everything is checked before anything is written; one transaction.
    """
    borough_features = _features(boroughs_file)
    district_features = _features(districts_file)
    boroughs: dict[int, dict] = {}
    for i, f in enumerate(borough_features):
        try:
            number = int(_prop(f, borough_number, boroughs_file, i))
            geometry = validate_polygon(f.get("geometry"))
        except (ValueError, TypeError) as exc:
            raise GeographyError(f"{boroughs_file}: Objekt {i + 1} ist ungültig: {exc}") from None
        if number in boroughs:
            raise GeographyError(f"{boroughs_file}: Bezirk Nummer {number} kommt doppelt vor.")
        boroughs[number] = {
            "name": str(_prop(f, borough_name, boroughs_file, i)).strip(),
            "roman": str((f.get("properties") or {}).get(borough_roman) or ""),
            "geometry": geometry,
            "area": _area(f),
        }
    districts: list[dict] = []
    seen: set[str] = set()
    for i, f in enumerate(district_features):
        name = str(_prop(f, district_name, districts_file, i)).strip()
        try:
            number = int(_prop(f, district_borough, districts_file, i))
            geometry = validate_polygon(f.get("geometry"))
        except (ValueError, TypeError) as exc:
            raise GeographyError(f"{districts_file}: {name} ist ungültig: {exc}") from None
        if number not in boroughs:
            raise GeographyError(
                f"{districts_file}: {name} gehört zu Bezirk {number}, den es nicht gibt."
            )
        if name in seen:
            raise GeographyError(f"{districts_file}: Stadtteil „{name}“ kommt doppelt vor.")
        seen.add(name)
        own_number = (f.get("properties") or {}).get(district_number) if district_number else None
        districts.append(
            {
                "name": name,
                "borough": number,
                "geometry": geometry,
                "area": _area(f),
                "number": int(own_number) if own_number not in (None, "") else None,
            }
        )

    with transaction.atomic():
        municipality, _ = Municipality.objects.update_or_create(
            name=municipality_name,
            defaults={"official_key": official_key, "state": state},
        )
        by_number: dict[int, Borough] = {}
        for number, data in boroughs.items():
            borough = Borough.objects.filter(municipality=municipality, number=number).first()
            borough = borough or Borough(municipality=municipality, number=number)
            borough.name, borough.roman, borough.area_km2 = (
                data["name"],
                data["roman"],
                data["area"],
            )
            _shape(borough, data["geometry"])
            borough.save()
            by_number[number] = borough
        for data in districts:
            district = District.objects.filter(
                borough__municipality=municipality, name=data["name"]
            ).first() or District(name=data["name"])
            district.borough = by_number[data["borough"]]
            district.area_km2, district.number = data["area"], data["number"]
            _shape(district, data["geometry"])
            district.save()
    district_index.cache_clear()

    default_state_code.cache_clear()
    return LoadResult(municipality, len(boroughs), len(districts))


@functools.lru_cache(maxsize=1)
def district_index() -> tuple[tuple[tuple[float, float, float, float], dict, int], ...]:
    """All district shapes with their bounding boxes, loaded once per process."""
    return tuple(
        ((d.min_lon, d.min_lat, d.max_lon, d.max_lat), d.geometry, d.pk)
        for d in District.objects.exclude(geometry=None).only(
            "pk", "geometry", "min_lon", "min_lat", "max_lon", "max_lat"
        )
    )


def locate_district_id(*, lon: float, lat: float) -> int | None:
    """The primary key of the district that covers the point, or None outside every district."""
    for (x0, y0, x1, y1), geometry, pk in district_index():
        if x0 <= lon <= x1 and y0 <= lat <= y1 and covers(geometry, lon, lat):
            return pk
    return None


def locate_district(*, lon: float, lat: float) -> District | None:
    """The district (Stadtteil, with its borough) that covers the point."""
    pk = locate_district_id(lon=lon, lat=lat)
    return None if pk is None else District.objects.select_related("borough").get(pk=pk)
