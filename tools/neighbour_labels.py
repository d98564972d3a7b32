"""List names of a settlement that are the own name of another settlement nearby.

WOF sometimes gives a record a neighbour's label as a variant (Jh'ap'ar carried Çərəkdar,
the name of Çərəktar 6.8 km away; Dilağarda carried Qacar): in text the case form of the
neighbour's name then reads as the wrong village. This audit prints, for every village,
town or city of Azerbaijan and Armenia, each Azerbaijani, Russian or Armenian name (and
typed former name) equal, folded, to an own name (name, name_az, name_ru, name_hy) of
another settlement of the two countries within --km. It changes nothing: each line is a
candidate to read against a source (a district list, the settlement's article), since
two records of one village (Khramort / Pirlər) show up the same way.

    python tools/neighbour_labels.py [--km 15] [--places data/places.csv]
"""

from __future__ import annotations

import argparse
import csv
import math
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTLEMENTS = {"village", "town", "city"}
OWN_COLUMNS = ("name", "name_az", "name_ru", "name_hy")
LANGS = {"az", "ru", "hy"}
TYPES = {"variant", "preferred", "official", "soviet", "armenian", "russian", "historical"}


def fold(name: str) -> str:
    """Lower case, ə and ı as e and i, apostrophes and diacritics dropped."""
    s = name.lower().replace("ə", "e").replace("ı", "i").replace("’", "").replace("'", "")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def km(a: dict[str, str], b: dict[str, str]) -> float:
    """Great-circle distance between two places.csv rows, in km."""
    la1, lo1, la2, lo2 = map(math.radians, (float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"])))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def candidates(places_csv: Path, variants_csv: Path, limit_km: float) -> list[tuple[str, str, str, str, float]]:
    """(record, its name, lang, the other record, km) for each name that is a neighbour's own."""
    with places_csv.open(encoding="utf-8") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    settlements = {k: r for k, r in rows.items() if r["kind"] in SETTLEMENTS and r["country"] in {"AZ", "AM"}}
    owners: dict[str, set[str]] = defaultdict(set)
    for pid, r in settlements.items():
        for col in OWN_COLUMNS:
            if r[col]:
                owners[fold(r[col])].add(pid)
    found = []
    with variants_csv.open(encoding="utf-8") as f:
        for v in csv.DictReader(f):
            pid = v["id"]
            if pid not in settlements or v["lang"] not in LANGS or v["type"] not in TYPES:
                continue
            key = fold(v["variant"])
            own = {fold(settlements[pid][c]) for c in OWN_COLUMNS if settlements[pid][c]}
            if key in own:
                continue
            for other in sorted(owners.get(key, set()) - {pid}):
                d = km(settlements[pid], settlements[other])
                if d < limit_km:
                    found.append((pid, v["variant"], v["lang"], other, d))
    return sorted(set(found))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--km", type=float, default=15.0, help="largest distance to the other settlement")
    ap.add_argument("--places", type=Path, default=ROOT / "data" / "places.csv")
    args = ap.parse_args()
    variants = args.places.with_name("variants.csv")
    if not args.places.is_file() or not variants.is_file():
        raise SystemExit(f"no places.csv and variants.csv at {args.places.parent}")
    rows = candidates(args.places, variants, args.km)
    for pid, name, lang, other, d in rows:
        print(f"{pid}\t{name}\t{lang}\t{other}\t{d:.1f} km")
    print(f"{len(rows)} names of a settlement that are a neighbour's own name within {args.km:g} km")


if __name__ == "__main__":
    main()
