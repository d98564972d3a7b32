"""Distances. Haversine for ranking (fast, plenty for choosing a village);
geopy's geodesic where a user asks for a distance."""

from __future__ import annotations

import math

__all__ = ["km", "geodesic_km"]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (spherical Earth)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Ellipsoidal (WGS84) distance in km, through geopy."""
    from geopy.distance import geodesic

    return geodesic((lat1, lon1), (lat2, lon2)).km
