"""Nearest places to a coordinate, through a fixed grid.

15,000 points do not need an R-tree: a grid of 0.1-degree cells answers a
nearest-place query by looking at a ring of cells around the point, growing
the ring only until it cannot hold anything closer than what was found. No
dependency, no build step, about a millisecond to build.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Sequence

from .geo import km

__all__ = ["GridIndex"]

CELL = 0.1  # degrees: about ten places to a cell in the Caucasus (0.2 and 0.25 measured slower)
_KM_PER_DEG_LAT = 111.2


class GridIndex:
    def __init__(self, points: Sequence[tuple[float, float]]):
        self.points = points
        cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, (lat, lon) in enumerate(points):
            cells[self._cell(lat, lon)].append(i)
        self.cells = dict(cells)

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return int(math.floor(lat / CELL)), int(math.floor(lon / CELL))

    def _ring(self, ci: int, cj: int, r: int):
        if r == 0:
            yield ci, cj
            return
        for dj in range(-r, r + 1):
            yield ci - r, cj + dj
            yield ci + r, cj + dj
        for di in range(-r + 1, r):
            yield ci + di, cj - r
            yield ci + di, cj + r

    def nearest(
        self,
        lat: float,
        lon: float,
        k: int = 5,
        *,
        max_km: float | None = None,
        accept: Callable[[int], bool] | None = None,
    ) -> list[tuple[float, int]]:
        """Up to ``k`` (distance km, point index) pairs, nearest first."""
        ci, cj = self._cell(lat, lon)
        best: list[tuple[float, int]] = []  # max-heap by negated distance
        # smallest distance from the point to anything in ring r is about (r - 1) cells;
        # a cell is narrowest in longitude at high latitudes
        cos_lat = max(0.05, math.cos(math.radians(min(89.0, abs(lat) + CELL))))
        cell_km = CELL * _KM_PER_DEG_LAT * cos_lat
        cos_here = math.cos(math.radians(lat))
        max_ring = int(180 / CELL)
        for r in range(0, max_ring + 1):
            ring_min_km = max(0.0, (r - 1)) * cell_km
            if max_km is not None and ring_min_km > max_km:
                break
            if len(best) >= k and ring_min_km > -best[0][0]:
                break
            cells = self.cells
            points = self.points
            for cell in self._ring(ci, cj, r):
                for i in cells.get(cell, ()):
                    if accept is not None and not accept(i):
                        continue
                    plat, plon = points[i]
                    # equirectangular distance: exact enough within a few cells, and it
                    # only orders candidates; the k winners get the haversine below
                    dx = (plon - lon) * cos_here
                    d = _KM_PER_DEG_LAT * math.sqrt((plat - lat) ** 2 + dx * dx)
                    if max_km is not None and d > max_km:
                        continue
                    if len(best) < k:
                        heapq.heappush(best, (-d, i))
                    elif d < -best[0][0]:
                        heapq.heapreplace(best, (-d, i))
        return sorted((km(lat, lon, *self.points[i]), i) for _nd, i in best)

    def within(
        self, lat: float, lon: float, radius_km: float, *, accept: Callable[[int], bool] | None = None
    ) -> list[tuple[float, int]]:
        """Every point within ``radius_km``, nearest first."""
        out = []
        lat_cells = int(radius_km / (CELL * _KM_PER_DEG_LAT)) + 1
        cos_lat = max(0.01, math.cos(math.radians(min(89.9, abs(lat) + radius_km / _KM_PER_DEG_LAT))))
        lon_cells = int(radius_km / (CELL * _KM_PER_DEG_LAT * cos_lat)) + 1
        ci, cj = self._cell(lat, lon)
        for di in range(-lat_cells, lat_cells + 1):
            for dj in range(-lon_cells, lon_cells + 1):
                for i in self.cells.get((ci + di, cj + dj), ()):
                    if accept is not None and not accept(i):
                        continue
                    d = km(lat, lon, *self.points[i])
                    if d <= radius_km:
                        out.append((d, i))
        out.sort()
        return out
