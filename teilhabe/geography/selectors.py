from __future__ import annotations

import threading
import time

from django.db.models import Count, QuerySet

from teilhabe.access import Action, visible
from teilhabe.geography.geometry import Projection, svg_path
from teilhabe.geography.models import Borough, District


def boroughs_for(user) -> QuerySet[Borough]:
    return visible(user, Action.VIEW_GEOGRAPHY, Borough).annotate(
        district_count=Count("districts", distinct=True),
    )


def district_map(districts: list[District], *, highlight: set[int] | None = None) -> dict:
    """Everything an SVG map of the given districts needs: viewBox and one path per district."""
    shaped = [d for d in districts if d.geometry]
    if not shaped:
        return {"view_box": "0 0 0 0", "areas": []}
    projection = Projection((d.min_lon, d.min_lat, d.max_lon, d.max_lat) for d in shaped)
    return {
        "view_box": projection.view_box,
        "areas": [
            {
                "district": d,
                "d": svg_path(d.geometry, projection),
                "highlight": highlight is not None and d.borough_id in highlight,
            }
            for d in shaped
        ],
    }


# --- names for display: one small mapping per process, not a join per row -------------------

NAMES_SECONDS = 300  # other processes see a renamed Stadtteil within this (as cached answers)
_names: tuple[float, dict[int, District], list[Borough]] | None = None
_names_lock = threading.Lock()


def _names_load() -> tuple[float, dict[int, District], list[Borough]]:
    boroughs = {
        b.pk: b
        for b in Borough.objects.only(
            "id", "code", "name", "number", "roman", "municipality_id"
        ).order_by("number", "pk")
    }
    districts = {}  # in the database's name order (its collation, as ``order_by("name")``)
    for d in District.objects.only("id", "code", "name", "number", "borough_id").order_by("name"):
        d.borough = boroughs[d.borough_id]
        districts[d.pk] = d
    return time.monotonic(), districts, list(boroughs.values())


def _names_current(known: set[int] = frozenset()):
    global _names
    names = _names
    if names is None or time.monotonic() - names[0] > NAMES_SECONDS or not known <= names[1].keys():
        with _names_lock:
            names = _names = _names_load()
    return names


def districts_by_id(ids=()) -> dict[int, District]:
    """Every Stadtteil by primary key, with its Stadtbezirk: names, numbers and codes only (no
    shapes), read once per process and kept until geography changes (cleared by
    :func:`names_clear`; another process notices an unknown id at once, a rename within
    ``NAMES_SECONDS``). ``ids``: the ids the caller needs (an unknown one reloads)."""
    return _names_current(set(ids))[1]


def districts_by_name() -> list[District]:
    """Every Stadtteil (names and codes only, with its Stadtbezirk) in name order."""
    return list(_names_current()[1].values())


def boroughs_by_number() -> list[Borough]:
    """Every Stadtbezirk (names and numbers only) in number order."""
    return _names_current()[2]


names_changes = 0  # counts clearings (tests clear again after a test that changed geography)


def names_clear(**kwargs) -> None:
    """Forget the mapping (connected to saves and deletions of boroughs and districts)."""
    global _names, names_changes
    _names = None
    names_changes += 1


def with_district(locations):
    """Attach the (cached) Stadtteil with its Stadtbezirk to each location: ``loc.district``
    without a query or a join. ``locations`` must have ``district_id`` loaded."""
    locations = list(locations)
    districts = districts_by_id({loc.district_id for loc in locations})
    for loc in locations:
        loc.district = districts[loc.district_id]
    return locations
