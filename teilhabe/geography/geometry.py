"""Plain-Python planar geometry on GeoJSON polygons (WGS 84 lon/lat).

At city scale a point-in-polygon test on lon/lat is exact enough (the polygons tile the city
without gaps), so no spatial database or GEOS library is needed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

Ring = Sequence[Sequence[float]]


def polygons_of(geometry: dict) -> list[list[Ring]]:
    """A geometry's polygons, each a list of rings (exterior first)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["coordinates"]]
    if kind == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"Geometry type {kind!r} is not a polygon.")


def bbox(geometry: dict) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for polygon in polygons_of(geometry):
        for x, y, *_ in polygon[0]:
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def _in_ring(x: float, y: float, ring: Ring) -> bool:
    """Ray casting; points on an edge count as inside."""
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        # On the edge (collinear and between the end points)?
        if (min(xi, xj) <= x <= max(xi, xj)) and (min(yi, yj) <= y <= max(yi, yj)):
            cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi)
            if abs(cross) < 1e-12:
                return True
        if (yi > y) != (yj > y):
            x_cross = (xj - xi) * (y - yi) / (yj - yi) + xi
            if x < x_cross:
                inside = not inside
        j = i
    return inside


def covers(geometry: dict, lon: float, lat: float) -> bool:
    for polygon in polygons_of(geometry):
        if _in_ring(lon, lat, polygon[0]) and not any(
            _in_ring(lon, lat, hole) for hole in polygon[1:]
        ):
            return True
    return False


def validate_polygon(geometry: object) -> dict:
    """Return ``geometry`` if it is a usable GeoJSON (Multi)Polygon, else raise ValueError."""
    if not isinstance(geometry, dict):
        raise ValueError("geometry is missing")
    for polygon in polygons_of(geometry):
        if not polygon:
            raise ValueError("polygon without rings")
        for ring in polygon:
            if len(ring) < 4:
                raise ValueError("ring with fewer than four positions")
            for position in ring:
                lon, lat = float(position[0]), float(position[1])
                if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                    raise ValueError(f"coordinate outside WGS 84: {lon}, {lat}")
    return geometry


def svg_path(geometry: dict, project) -> str:
    """An SVG path ``d`` attribute for a (Multi)Polygon, through ``project(lon, lat) -> (x, y)``."""
    parts: list[str] = []
    for polygon in polygons_of(geometry):
        for ring in polygon:
            pts = [project(p[0], p[1]) for p in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
    return "".join(parts)


class Projection:
    """Equirectangular projection scaled to a viewBox of the given width."""

    def __init__(self, boxes: Iterable[tuple[float, float, float, float]], width: float = 1000):
        boxes = list(boxes)
        self.min_lon = min(b[0] for b in boxes)
        self.min_lat = min(b[1] for b in boxes)
        self.max_lon = max(b[2] for b in boxes)
        self.max_lat = max(b[3] for b in boxes)
        mid = (self.min_lat + self.max_lat) / 2
        self.kx = math.cos(math.radians(mid))
        span_x = (self.max_lon - self.min_lon) * self.kx or 1.0
        self.scale = width / span_x
        self.width = width
        self.height = (self.max_lat - self.min_lat) * self.scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.min_lon) * self.kx * self.scale, (self.max_lat - lat) * self.scale

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:.0f} {self.height:.0f}"
