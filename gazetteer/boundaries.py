"""District boundaries: does a settlement lie inside the district the table files it under?

The table ships simplified polygons of the Azerbaijani rayons and the Armenian marzes
(``data/boundaries/districts.geojson``, written by ``tools/assign_parents.py`` from the
Who's On First admin polygons). This module reads them with the standard library only
(ray casting with a bounding-box prefilter) so that :func:`gazetteer.table.validate` can
check every parent without a geometry dependency.

>>> square = District("d", "", "AZ", "", (0.0, 0.0, 1.0, 1.0), (((((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)),),)))
>>> contains(square, 0.5, 0.5), contains(square, 0.5, 1.5)
(True, False)
>>> round(distance_km(square, 0.5, 1.01), 1)
1.1
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from .named import NamedTuple

__all__ = [
    "DEFAULT_TOLERANCE_KM",
    "SETTLEMENT_KINDS",
    "District",
    "ParentProblem",
    "bundled_boundaries_path",
    "contains",
    "distance_km",
    "load_districts",
    "locate",
    "parent_problems",
]

# How far outside its parent's polygon a settlement may lie before it is an error: the
# polygons are simplified by about 100 m, and village points are GeoNames points that are
# off by up to 1-2 km now and then (SOURCES.md), so a border village may fall just outside.
# A coarser polygon says so in its ``tolerance_km`` property (the Armenian marzes, whose
# Quattroshapes outlines miss the state border by up to 3 km).
DEFAULT_TOLERANCE_KM = 1.0
SETTLEMENT_KINDS = frozenset({"village", "town", "city", "community", "landmark"})

Ring = tuple[tuple[float, float], ...]  # (lon, lat) pairs, GeoJSON order
Polygon = tuple[Ring, ...]  # the outer ring, then holes


class District(NamedTuple):
    """One district polygon: our place id, its WOF id, and the geometry."""

    id: str
    wof_id: str
    country: str
    source: str
    bbox: tuple[float, float, float, float]  # west, south, east, north
    polygons: tuple[Polygon, ...]
    tolerance_km: float = DEFAULT_TOLERANCE_KM  # how precise the polygon is along its edge

    @property
    def area(self) -> float:
        """Planar area in square degrees (only for comparing overlapping districts)."""
        total = 0.0
        for poly in self.polygons:
            for i, ring in enumerate(poly):
                a = 0.0
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                    a += x1 * y2 - x2 * y1
                total += abs(a) / 2 * (1 if i == 0 else -1)
        return total


class ParentProblem(NamedTuple):
    """A settlement that lies outside the polygon of its parent district."""

    id: str
    parent: str
    distance_km: float
    inside: str  # the district whose polygon holds the point, or ""
    level: str = "error"

    def __str__(self) -> str:
        where = f"; it lies in {self.inside}" if self.inside else ""
        return f"{self.id}: {self.distance_km:.1f} km outside the polygon of its parent {self.parent}{where}"


class _PlaceLike(Protocol):
    id: str
    kind: str
    country: str
    parent: str
    lat: float
    lon: float


def bundled_boundaries_path() -> Path:
    """The shipped districts file: inside the installed package, or the repo's data/boundaries/."""
    pkg = Path(__file__).resolve().parent / "data" / "districts.geojson"
    if pkg.is_file():
        return pkg
    return Path(__file__).resolve().parent.parent / "data" / "boundaries" / "districts.geojson"


def _bbox(polygons: tuple[Polygon, ...]) -> tuple[float, float, float, float]:
    xs = [x for poly in polygons for x, _ in poly[0]]
    ys = [y for poly in polygons for _, y in poly[0]]
    return (min(xs), min(ys), max(xs), max(ys))


def load_districts(path: str | os.PathLike | None = None) -> dict[str, District]:
    """Read a districts GeoJSON file (Polygon/MultiPolygon features with an ``id`` property)."""
    p = Path(path) if path is not None else bundled_boundaries_path()
    with open(p, encoding="utf-8") as f:
        data = json.load(f)
    out: dict[str, District] = {}
    for feat in data.get("features", []):
        props, geom = feat.get("properties") or {}, feat.get("geometry") or {}
        coords = geom.get("coordinates") or []
        if geom.get("type") == "Polygon":
            coords = [coords]
        elif geom.get("type") != "MultiPolygon":
            continue
        polygons = tuple(tuple(tuple((float(x), float(y)) for x, y, *_ in ring) for ring in poly) for poly in coords)
        if not polygons or not props.get("id"):
            continue
        out[props["id"]] = District(
            props["id"],
            str(props.get("wof_id") or ""),
            props.get("country") or "",
            props.get("source") or "",
            _bbox(polygons),
            polygons,
            float(props.get("tolerance_km") or DEFAULT_TOLERANCE_KM),
        )
    return out


def _in_ring(x: float, y: float, ring: Ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def contains(district: District, lat: float, lon: float, holes: bool = True) -> bool:
    """True when the point lies inside the district. ``holes=False`` counts a point in a
    hole (a city with rayon status inside its rayon, such as Shusha) as inside."""
    w, s, e, n = district.bbox
    if not (w <= lon <= e and s <= lat <= n):
        return False
    for poly in district.polygons:
        if _in_ring(lon, lat, poly[0]) and not (holes and any(_in_ring(lon, lat, h) for h in poly[1:])):
            return True
    return False


def distance_km(district: District, lat: float, lon: float, holes: bool = True) -> float:
    """Distance from the point to the district's boundary in km; 0 when inside."""
    if contains(district, lat, lon, holes):
        return 0.0
    kx = 111.32 * math.cos(math.radians(lat))
    ky = 110.57
    best = math.inf
    for poly in district.polygons:
        for ring in poly if holes else poly[:1]:
            pts = [((x - lon) * kx, (y - lat) * ky) for x, y in ring]
            for (ax, ay), (bx, by) in zip(pts, pts[1:] + pts[:1]):
                dx, dy = bx - ax, by - ay
                seg = dx * dx + dy * dy
                t = 0.0 if seg == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / seg))
                d = math.hypot(ax + t * dx, ay + t * dy)
                if d < best:
                    best = d
    return best


def locate(districts: dict[str, District], lat: float, lon: float, country: str | None = None) -> list[District]:
    """The districts whose polygon holds the point, smallest first (a city enclave before its rayon)."""
    found = [d for d in districts.values() if (country is None or d.country == country) and contains(d, lat, lon)]
    found.sort(key=lambda d: d.area)
    return found


def parent_problems(
    places: Iterable[_PlaceLike],
    districts: dict[str, District] | None = None,
    tolerance_km: float | None = None,
) -> list[ParentProblem]:
    """Settlements lying more than ``tolerance_km`` outside the polygon of their parent
    (by default each polygon's own tolerance).

    Only parents that have a polygon are checked; a settlement filed under a region or
    a district without one is left to the other checks. A settlement in a hole of its
    parent (a city with rayon status filed under the rayon around it) is inside.
    """
    if districts is None:
        path = bundled_boundaries_path()
        districts = load_districts(path) if path.is_file() else {}
    problems = []
    for p in places:
        if p.kind not in SETTLEMENT_KINDS or not p.parent:
            continue
        d = districts.get(p.parent)
        if d is None:
            continue
        if contains(d, p.lat, p.lon, holes=False):
            continue
        km = distance_km(d, p.lat, p.lon, holes=False)
        if km > (d.tolerance_km if tolerance_km is None else tolerance_km):
            inside = locate(districts, p.lat, p.lon)
            problems.append(ParentProblem(p.id, p.parent, km, inside[0].id if inside else ""))
    return problems
