#!/usr/bin/env python3
"""Coverage of former names (Soviet and pre-Soviet) of the towns and districts of
Azerbaijan and Armenia.

For every place of kind city, town or district in AZ and AM in ``data/places.csv``,
count its variants of type ``soviet`` or ``historical`` in ``data/variants.csv``, and
list the places that have none. This is the check behind issue 13's "Complete:
renamings": every town, city and district centre should carry its former names.

Run:  python tools/former_names_report.py [--places P] [--variants V] [--country AZ]
      [--all]   (also list the places that have former names, with the names)
Exit status 2 with one line on stderr when a table cannot be read.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("city", "town", "district")
COUNTRIES = ("AZ", "AM")
FORMER_TYPES = frozenset({"soviet", "historical"})


class Place(NamedTuple):
    """A town or district and its former names."""

    id: str
    name: str
    kind: str
    country: str
    former: tuple[str, ...]


def read_places(places: Path, variants: Path, countries: tuple[str, ...] = COUNTRIES) -> list[Place]:
    """Towns, cities and districts of ``countries`` with their soviet/historical variants."""
    former: dict[str, list[str]] = defaultdict(list)
    with open(variants, encoding="utf-8", newline="") as f:
        for v in csv.DictReader(f):
            if v["type"] in FORMER_TYPES and v["variant"] not in former[v["id"]]:
                former[v["id"]].append(v["variant"])
    out = []
    with open(places, encoding="utf-8", newline="") as f:
        for p in csv.DictReader(f):
            if p["country"] in countries and p["kind"] in KINDS:
                out.append(Place(p["id"], p["name"], p["kind"], p["country"], tuple(former.get(p["id"], ()))))
    return sorted(out, key=lambda p: (p.country, p.kind, p.id))


def report(places: list[Place], show_all: bool = False) -> str:
    """The coverage as plain text: a count per country and kind, then the places without."""
    total: Counter[tuple[str, str]] = Counter()
    covered: Counter[tuple[str, str]] = Counter()
    for p in places:
        total[(p.country, p.kind)] += 1
        covered[(p.country, p.kind)] += bool(p.former)
    lines = ["country kind      with former name / all"]
    for key in sorted(total):
        lines.append(f"{key[0]:7s} {key[1]:9s} {covered[key]:4d} / {total[key]:4d}")
    n_cov, n_all = sum(covered.values()), sum(total.values())
    lines.append(f"{'all':17s} {n_cov:4d} / {n_all:4d}  ({sum(len(p.former) for p in places)} former names)")
    lines.append("")
    lines.append("without a former name:")
    for p in places:
        if not p.former:
            lines.append(f"  {p.country} {p.kind:8s} {p.id} ({p.name})")
    if show_all:
        lines.append("")
        lines.append("with former names:")
        for p in places:
            if p.former:
                lines.append(f"  {p.country} {p.kind:8s} {p.id}: {', '.join(p.former)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--places", type=Path, default=ROOT / "data" / "places.csv")
    ap.add_argument("--variants", type=Path, default=ROOT / "data" / "variants.csv")
    ap.add_argument("--country", action="append", help="AZ or AM (default both)")
    ap.add_argument("--all", action="store_true", help="also list the places with former names")
    args = ap.parse_args(argv)
    countries = tuple(c.upper() for c in args.country) if args.country else COUNTRIES
    try:
        places = read_places(args.places, args.variants, countries)
    except (OSError, KeyError, csv.Error, UnicodeDecodeError) as e:
        print(f"former_names_report: cannot read the tables: {e}", file=sys.stderr)
        return 2
    try:
        print(report(places, args.all))
    except BrokenPipeError:  # the reader (head, less) stopped early: nothing is lost
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
