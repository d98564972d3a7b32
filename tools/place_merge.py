"""Merge duplicate places while the table is built (issue 13).

Who's On First holds some villages twice (Khnatsakh and Khnatzakh, Vorotan and
Vorotan Goris) and GeoNames adds a third record (Gabala). The candidate pairs come
from :func:`gazetteer.duplicates.find_duplicates` (the finder ``gazetteer validate``
uses too); the pairs listed in ``data/curated/kept_apart.csv`` (a,b,reason) are two
places and stay apart. Each other group of candidates becomes one record:

- the record kept is the curated one (an id given in data/curated), else the one
  curated variants name, else a WOF record, else the GeoNames one; among equals
  the town before the village, the one with more names, the shorter id;
- it takes the names of the others as variants (their names, their name columns,
  their variants), fills its empty columns from them, and takes a coordinate of a
  better source (curated > WOF > GeoNames) if it has none as good;
- each dropped id becomes an alias, ``builder.aliases[old] = (new, "duplicate of ...")``,
  written to data/aliases.csv; parents and variants that name a dropped id are
  repointed to the kept one.

``tools/build_places.py`` calls :func:`merge_duplicates` once, after the curated
rows are in. Run alone (``python tools/place_merge.py``) it lists the candidate
pairs of the built table and whether each is kept apart.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
try:  # the installed package, with its compiled core (a non-editable install, as in CI)
    import gazetteer._core  # noqa: F401
except ImportError:  # else this checkout's
    sys.path.insert(0, str(ROOT))

from gazetteer.duplicates import Pair, find_duplicates, read_kept_apart  # noqa: E402
from gazetteer.table import Place  # noqa: E402

__all__ = ["Pair", "Merge", "KEPT_APART", "find_duplicates", "merge_duplicates", "place_of"]

KEPT_APART = ROOT / "data" / "curated" / "kept_apart.csv"
SETTLEMENT_RANK = {"city": 3, "town": 2, "village": 1}


class Merge(NamedTuple):
    """One dropped record: ``dropped`` merged into ``kept`` because of ``pair``."""

    dropped: str
    kept: str
    pair: Pair


def place_of(row: dict[str, str]) -> Place:
    """A builder row (strings) as a table record, for the finder."""
    return Place(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        country=row["country"],
        parent=row.get("parent", ""),
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        population=int(float(row.get("population") or 0)),
        source=row.get("source", ""),
        wof_id=row.get("wof_id", ""),
        geonames_id=row.get("geonames_id", ""),
        name_az=row.get("name_az", ""),
        name_ru=row.get("name_ru", ""),
        name_hy=row.get("name_hy", ""),
    )


def _source_rank(row: dict[str, str]) -> int:
    """How well a row's coordinate is sourced: curated 2, WOF 1, GeoNames 0."""
    src = row.get("source", "")
    if src.startswith("geonames:"):
        return 0
    if src.startswith("wof:"):
        return 1
    return 2


def _keeper_key(row: dict[str, str], curated: set[str], names: dict[str, int], cited: dict[str, int]) -> tuple:
    pid = row["id"]
    return (
        pid in curated,
        cited.get(pid, 0),  # curated variants name it: the id the curated files know
        bool(row.get("wof_id")),
        SETTLEMENT_RANK.get(row["kind"], 0),
        names.get(pid, 0),
        not pid[-1:].isdigit(),
        -len(pid),
        pid,
    )


class _Groups:
    """Union-find over ids that refuses a union joining a kept-apart pair."""

    def __init__(self, apart: set[frozenset[str]]):
        self.parent: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}
        self.apart = apart

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        self.members.setdefault(x, {x})
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if any(frozenset((x, y)) in self.apart for x in self.members[ra] for y in self.members[rb]):
            return False
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        return True


def merge_duplicates(builder: Any, kept_apart: Path = KEPT_APART) -> list[Merge]:
    """Merge each group of duplicate candidates of ``builder.places`` into one record
    (see the module's docstring); returns what was merged."""
    places: dict[str, dict[str, str]] = builder.places
    aliases: dict[str, tuple[str, str]] = builder.aliases
    # a kept-apart line may name an id renamed since (the turned-e ids): read it as the new id
    apart = {frozenset(_current(x, aliases) for x in key): why for key, why in read_kept_apart(kept_apart).items()}
    pairs = find_duplicates(place_of(p) for p in places.values())
    log = getattr(sys.modules.get("__main__"), "log", None) or (lambda m: print(m, file=sys.stderr))
    for key in apart:
        if not all(x in places for x in key):
            log(f"kept_apart.csv: {' / '.join(sorted(key))}: not both ids of the table (stale line?)")
    groups = _Groups(set(apart))
    via: dict[str, Pair] = {}
    refused = 0
    for pair in sorted(pairs, key=lambda p: (-p.similarity, p.km, p.a, p.b)):
        if pair.key() in apart:
            continue
        if groups.union(pair.a, pair.b):
            via.setdefault(pair.a, pair)
            via.setdefault(pair.b, pair)
        else:
            refused += 1
    names: dict[str, int] = {}
    cited: dict[str, int] = {}
    for v in builder.variants:
        names[v["id"]] = names.get(v["id"], 0) + 1
        if not v["source"].startswith(("wof:", "geonames:")):
            cited[v["id"]] = cited.get(v["id"], 0) + 1
    curated: set[str] = set(getattr(builder, "reserved", set()))
    merges: list[Merge] = []
    for _root, members in sorted(groups.members.items()):
        if len(members) < 2:
            continue
        rows = [places[m] for m in members]
        keep = max(rows, key=lambda r: _keeper_key(r, curated, names, cited))
        for row in sorted(rows, key=lambda r: r["id"]):
            if row is not keep:
                merges.append(Merge(row["id"], keep["id"], via[row["id"]]))
    _apply(builder, merges)
    stats = builder.stats
    stats["duplicate candidate pairs found"] += len(pairs)
    stats["duplicate pairs kept apart (data/curated/kept_apart.csv)"] += sum(p.key() in apart for p in pairs)
    stats["duplicate records merged into another (old ids kept as aliases)"] += len(merges)
    if refused:
        stats["duplicate pairs not merged: would join a kept-apart pair"] += refused
    return merges


def _current(pid: str, aliases: dict[str, tuple[str, str]]) -> str:
    """An id as it is now: followed through the aliases recorded so far."""
    seen = {pid}
    while pid in aliases and aliases[pid][0] not in seen:
        pid = aliases[pid][0]
        seen.add(pid)
    return pid


def _apply(builder: Any, merges: list[Merge]) -> None:
    places: dict[str, dict[str, str]] = builder.places
    into = {m.dropped: m.kept for m in merges}
    names: dict[str, set[tuple[str, str]]] = {m.kept: set() for m in merges}
    for v in builder.variants:
        if v["id"] in names:
            names[v["id"]].add((v["variant"], v["lang"]))
    for m in merges:
        keep, old = places[m.kept], places[m.dropped]
        have = names[m.kept]
        extra = [
            (old["name"], "und", "variant"),
            *((old[f"name_{lang}"], lang, "official") for lang in ("az", "ru", "hy") if old.get(f"name_{lang}")),
        ]
        for text, lang, vtype in extra:
            if text and text != keep["name"] and (text, lang) not in have:
                have.add((text, lang))
                builder.variants.append(
                    {
                        "id": m.kept,
                        "variant": text,
                        "lang": lang,
                        "script": _script(text),
                        "type": vtype,
                        "needs_context": "0",
                        "source": f"{old['source']} (record {m.dropped}, merged as a duplicate)",
                    }
                )
        for col in ("parent", "population", "wof_id", "geonames_id", "name_az", "name_ru", "name_hy"):
            if not keep.get(col) and old.get(col):
                keep[col] = old[col]
        if _source_rank(old) > _source_rank(keep):
            keep["lat"], keep["lon"], keep["source"] = old["lat"], old["lon"], old["source"]
        p = m.pair
        builder.aliases[m.dropped] = (
            m.kept,
            f"duplicate of {m.kept} (names {p.names[0]!r}/{p.names[1]!r} {p.similarity:g}% alike, {p.km:g} km apart)",
        )
    for old in into:
        del places[old]
    for row in places.values():
        if row.get("parent") in into:
            row["parent"] = into[row["parent"]]
    for v in builder.variants:
        if v["id"] in into:
            v["id"] = into[v["id"]]
    for w, pid in list(builder.wof_to_id.items()):
        if pid in into:
            builder.wof_to_id[w] = into[pid]
    for alias, (target, reason) in list(builder.aliases.items()):
        if target in into:
            builder.aliases[alias] = (into[target], reason)


def _script(text: str) -> str:
    from gazetteer.importers import script_of

    return script_of(text)


def main() -> int:
    """List the candidate pairs of the built table (data/places.csv), kept apart or not."""
    from gazetteer.table import read_places

    apart = read_kept_apart(KEPT_APART)
    pairs = find_duplicates(read_places(ROOT / "data" / "places.csv"))
    for p in pairs:
        why = apart.get(p.key())
        state = f"kept apart: {why}" if why is not None else "MERGE CANDIDATE"
        print(f"{p.a}\t{p.b}\t{p.km}\t{p.similarity}\t{p.rule}\t{state}")
    print(f"{len(pairs)} pairs, {sum(p.key() in apart for p in pairs)} kept apart", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
