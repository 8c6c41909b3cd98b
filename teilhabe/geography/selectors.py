from __future__ import annotations

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
