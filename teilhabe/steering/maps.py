"""Choropleth SVG map of the Stadtteile for one column of a Stadtteil table.

Five classes (equal steps from 0 to the largest shown value), a legend as an HTML list, a
pattern (not only a colour) for suppressed Stadtteile, each area titled with name and figure,
and the Bezirke labelled with their number (large enough on a phone); the exact figures are
in the table next to the map.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from teilhabe.geography.geometry import Projection, svg_path
from teilhabe.geography.models import District
from teilhabe.steering.tables import Table

CLASSES = 5
SHAPES_SECONDS = 600  # projected shapes are kept this long per process (they rarely change)
_drawings: dict[tuple, tuple[float, tuple | None]] = {}


def _drawing(codes: tuple[str, ...], districts=None):
    """The view box and, per Stadtteil with a shape among ``codes``: code, name, Bezirk label,
    SVG path and centre — projected once and kept for :data:`SHAPES_SECONDS` (decoding and
    projecting the GeoJSON of every Stadtteil on each request took most of a page's time)."""
    now = time.monotonic()
    hit = _drawings.get(codes) if districts is None else None
    if hit is not None and hit[0] > now:
        return hit[1]
    qs = districts if districts is not None else District.objects.select_related("borough")
    wanted = set(codes)
    shaped = [d for d in qs.defer("borough__geometry") if d.geometry and str(d.code) in wanted]
    drawn = None
    if shaped:
        projection = Projection((d.min_lon, d.min_lat, d.max_lon, d.max_lat) for d in shaped)
        shapes = []
        for d in shaped:
            cx, cy = projection((d.min_lon + d.max_lon) / 2, (d.min_lat + d.max_lat) / 2)
            label = str(d.borough.roman or d.borough.number)
            shapes.append((str(d.code), d.name, label, svg_path(d.geometry, projection), cx, cy))
        drawn = (projection.view_box, shapes)
    if districts is None:
        _drawings[codes] = (now + SHAPES_SECONDS, drawn)
    return drawn


@dataclass
class MapView:
    key: str
    title: str
    svg: SafeString
    legend: list[tuple[str, str]]  # (css class, label)
    summary: str


def choropleth(table: Table, column: str, *, title: str, districts=None) -> MapView | None:
    """A map of ``table``'s rows (keyed by Stadtteil code) coloured by ``column``."""
    cells = dict(zip([r.key for r in table.rows], table.column_values(column), strict=True))
    drawn = _drawing(tuple(sorted(cells)), districts)
    if drawn is None:
        return None
    view_box, shapes = drawn
    values = [c.value for c in cells.values() if isinstance(c.value, int | float)]
    top = max(values or [0]) or 1
    step = math.ceil(top / CLASSES) or 1
    areas, boroughs = [], {}
    for code, name, borough, path, cx, cy in shapes:
        cell = cells[code]
        if cell.hidden:
            cls = "app-choropleth__hidden"
        elif isinstance(cell.value, int | float):
            cls = f"app-choropleth__c{min(CLASSES - 1, int(cell.value // step))}"
        else:
            cls = "app-choropleth__none"
        areas.append(
            format_html(
                '<path d="{}" class="app-choropleth__area {}"><title>{}: {}</title></path>',
                path,
                cls,
                name,
                cell.text,
            )
        )
        b = boroughs.setdefault(borough, [borough, 0.0, 0.0, 0])
        b[1] += cx
        b[2] += cy
        b[3] += 1
    labels = [
        format_html(
            '<text class="app-choropleth__label" x="{}" y="{}" text-anchor="middle">{}</text>',
            f"{sx / n:.0f}",
            f"{sy / n:.0f}",
            borough,
        )
        for borough, sx, sy, n in boroughs.values()
        if len(boroughs) > 1
    ]
    key = f"map-{table.key}-{column}"
    summary = _(
        "Map of the Stadtteile, coloured by the figure in the table below; the numbers on the "
        "map are the Bezirke."
    )
    svg = format_html(
        '<svg class="app-choropleth__svg" viewBox="{}" role="img" aria-labelledby="{}-title" '
        'focusable="false"><title id="{}-title">{}</title>'
        '<defs><pattern id="{}-hatch" class="app-choropleth__pattern" width="8" height="8" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="8" height="8" class="app-choropleth__pattern-bg"/>'
        '<line x1="0" y1="0" x2="0" y2="8" class="app-choropleth__pattern-line"/></pattern></defs>'
        "{}{}</svg>",
        view_box,
        key,
        key,
        title,
        key,
        mark_safe("".join(str(a) for a in areas)),
        mark_safe("".join(str(label) for label in labels)),
    )
    # The hatch pattern of hidden areas is referenced by id (CSS cannot name a per-map id).
    svg = mark_safe(
        str(svg).replace(
            'class="app-choropleth__area app-choropleth__hidden"',
            f'class="app-choropleth__area app-choropleth__hidden" fill="url(#{key}-hatch)"',
        )
    )
    legend = []
    for i in range(CLASSES):
        low, high = i * step, (i + 1) * step - 1 if i < CLASSES - 1 else top
        legend.append(
            (
                f"app-choropleth__c{i}",
                f"{number_format(low, force_grouping=True)} – "
                f"{number_format(max(low, high), force_grouping=True)}",
            )
        )
    legend.append(("app-choropleth__hidden", _("fewer than 5, not shown")))
    return MapView(key, title, svg, legend, summary)
