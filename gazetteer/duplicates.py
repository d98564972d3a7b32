"""Duplicate candidates: two rows of the table that are likely one place.

Imports overlap: Who's On First holds some villages twice (a locality and a
second record under another romanisation), GeoNames adds a third. Two rows are
a candidate pair when they are of the same country, lie within
:data:`MAX_KM` of each other, are of kinds that can be one place (two
settlements or communities, or two features of one kind; never a district and
its centre, which are two records by design), and have names alike:

- ``ratio``: their folded names are at least :data:`MIN_SIMILARITY` alike
  (rapidfuzz ratio; Alikand/Allikand, Chullu/Cullu);
- ``skeleton``: the same phonetic key and at least :data:`MIN_SKELETON_SIMILARITY`
  alike: one name in two romanisations (Qilincli/Gilinjli, Khnatsakh/Khnatzakh);
- ``qualifier``: one name is the other with a word added (Vorotan/Vorotan Goris);
- ``generic``: alike once a generic word for "village" is taken off
  (Kilisekend/Kilsa: kilise + kend, "church village").

The English and the Azerbaijani name of each row take part (the Russian and
Armenian columns carry former names that neighbouring villages share). Pairs that are really two places are listed in
``data/curated/kept_apart.csv`` (``a,b,reason``); ``gazetteer validate`` warns
about candidates not listed there, and ``tools/place_merge.py`` merges the rest
into one record when the table is built.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from .errors import DataError
from .geo import km
from .named import NamedTuple
from .table import Place
from .text.folding import fold, skeleton

__all__ = [
    "Pair",
    "MAX_KM",
    "MIN_SIMILARITY",
    "find_duplicates",
    "read_kept_apart",
    "kept_apart_path",
    "duplicate_warnings",
]

MAX_KM = 2.5
MIN_SIMILARITY = 90.0
MIN_SKELETON_SIMILARITY = 85.0
# Generic words for a village that a name may carry or leave off (Azerbaijani kənd, Turkish köy)
GENERIC_ENDINGS = ("kend", "kand", "koy", "keni")
# once the generic word is off, the same phonetic key and this alike (kilise/kilsa: 73)
GENERIC_SKELETON_SIMILARITY = 70.0
SETTLEMENTS = frozenset({"city", "town", "village"})
# an Armenian community (hamaynk) is compared with settlements: named after its main
# village and near it, it is a candidate that kept_apart.csv lists ("a village and its community")
COMMUNITY = "community"
_CELL = 0.05  # degrees: a grid cell is about 5.5 km tall, so neighbours cover MAX_KM


class Pair(NamedTuple):
    """Two rows that are likely one place: ids ``a`` < ``b``, distance, how alike and why."""

    a: str
    b: str
    km: float
    similarity: float
    rule: str
    names: tuple[str, str]

    def key(self) -> frozenset[str]:
        return frozenset((self.a, self.b))


def _names(p: Place) -> set[str]:
    """The Latin names of a row, folded: the English and the Azerbaijani one (the Russian and
    Armenian columns hold older names too, which two distinct villages can share)."""
    return {_key(x) for x in (p.name, p.name_az) if x} - {""}


def _key(name: str) -> str:
    # tz is the German romanisation of ծ/ց that others write ts (Tzaghkadzor, Khnatzakh)
    return fold(name).replace("tz", "ts")


def _strip_generic(key: str) -> str:
    for end in GENERIC_ENDINGS:
        if key.endswith(end) and len(key) - len(end) >= 4:
            return key[: -len(end)].rstrip()
    return key


def _alike(a: str, b: str) -> tuple[float, str] | None:
    """(similarity, rule) when two folded names are alike, else None."""
    from rapidfuzz import fuzz

    r = fuzz.ratio(a, b)
    if r >= MIN_SIMILARITY:
        return r, "ratio"
    sa, sb = skeleton(a), skeleton(b)
    if len(sa) >= 4 and sa == sb and r >= MIN_SKELETON_SIMILARITY:
        return r, "skeleton"
    ta, tb = a.split(), b.split()
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    if short and len(short) < len(long_) and long_[: len(short)] == short and len(" ".join(short)) >= 4:
        return 100.0 * len(" ".join(short)) / len(" ".join(long_)), "qualifier"
    ga, gb = _strip_generic(a), _strip_generic(b)
    if (ga, gb) != (a, b):
        g = fuzz.ratio(ga, gb)
        sa, sb = skeleton(ga), skeleton(gb)
        if g >= MIN_SIMILARITY or (len(sa) >= 3 and sa == sb and g >= GENERIC_SKELETON_SIMILARITY):
            return g, "generic"
    return None


def _compatible(p: Place, q: Place) -> bool:
    group = SETTLEMENTS | {COMMUNITY}
    if p.kind in group and q.kind in group:
        return True
    return p.kind == q.kind and p.kind not in {"district", "region", "country"}


def find_duplicates(places: Iterable[Place]) -> list[Pair]:
    """Candidate duplicate pairs of a table, sorted by id.

    >>> from gazetteer.table import Place
    >>> rows = [Place("alikand", "Alikand", "village", "AZ", "", 40.1153, 46.0519, 0, "s"),
    ...         Place("allikand", "Allikand", "village", "AZ", "", 40.1305, 46.0393, 0, "s"),
    ...         Place("alikand_am", "Alikand", "village", "AM", "", 40.1153, 46.0519, 0, "s")]
    >>> [(p.a, p.b, p.rule) for p in find_duplicates(rows)]
    [('alikand', 'allikand', 'ratio')]
    """
    rows = [p for p in places if p.id]
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for n, p in enumerate(rows):
        grid[int(p.lat // _CELL), int(p.lon // _CELL)].append(n)
    names = [_names(p) for p in rows]
    out = []
    for n, p in enumerate(rows):
        gy, gx = int(p.lat // _CELL), int(p.lon // _CELL)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for m in grid.get((gy + dy, gx + dx), ()):
                    q = rows[m]
                    if m <= n or q.id == p.id or q.country != p.country or not _compatible(p, q):
                        continue
                    d = km(p.lat, p.lon, q.lat, q.lon)
                    if d > MAX_KM:
                        continue
                    best = None
                    # sorted: which of two equally alike names the reason quotes must not
                    # follow the hash seed (aliases.csv would change on every build)
                    for x in sorted(names[n]):
                        for y in sorted(names[m]):
                            got = _alike(x, y)
                            if got and (best is None or got[0] > best[0]):
                                best = (got[0], got[1], x, y)
                    if best is None:
                        continue
                    a, b, na, nb = (p.id, q.id, best[2], best[3]) if p.id < q.id else (q.id, p.id, best[3], best[2])
                    out.append(Pair(a, b, round(d, 3), round(best[0], 1), best[1], (na, nb)))
    out.sort(key=lambda x: (x.a, x.b))
    return out


def kept_apart_path(places_path: str | os.PathLike) -> Path:
    """Where the kept-apart list of a table lives: ``kept_apart.csv`` beside the places file
    (the package ships one beside its table), else ``curated/kept_apart.csv`` beside the
    file the places file links to (the repository's data/)."""
    beside = Path(places_path).parent / "kept_apart.csv"
    real = Path(places_path).resolve().parent
    for cand in (beside, real / "curated" / "kept_apart.csv", real / "kept_apart.csv"):
        if cand.exists():
            return cand
    return beside


def read_kept_apart(path: str | os.PathLike) -> dict[frozenset[str], str]:
    """``{a, b} -> reason`` from a kept-apart file (columns a,b,reason); empty when there is none."""
    path = Path(path)
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as f:
        return {frozenset((r["a"].strip(), r["b"].strip())): (r.get("reason") or "").strip() for r in csv.DictReader(f)}


def duplicate_warnings(places: list[Place], places_path: str | os.PathLike) -> list[tuple[int, str]]:
    """(line, message) for each candidate pair of a table that its kept-apart list does not
    name: what ``gazetteer validate`` warns about."""
    from .aliases import aliases_beside, read_aliases

    apart = read_kept_apart(kept_apart_path(places_path))
    beside = aliases_beside(places_path)
    if beside is not None:  # a line may name an id renamed since: read it as the new one
        try:
            new = {a.alias: a.id for a in read_aliases(beside)}
        except DataError:
            new = {}  # loading the table says what is wrong with it
        apart.update({frozenset(new.get(x, x) for x in key): why for key, why in apart.items()})
    lines = {p.id: p.line for p in places}
    return [
        (
            lines.get(p.a, 0),
            f"{p.a} and {p.b} look like one place ({p.names[0]!r}/{p.names[1]!r} {p.similarity:g}% alike by "
            f"{p.rule}, {p.km:g} km apart): merge them, or list the pair in kept_apart.csv with the reason",
        )
        for p in find_duplicates(places)
        if p.key() not in apart
    ]
