"""Armenian names written in the scholarly and library romanisations people paste from references.

Folding (gazetteer.text.folding) reads Armenian letters the way English news romanises
them (Ծաղկաձոր -> tsaghkadzor). References write the same names in other systems: ISO
9985 and Hübschmann-Meillet (Całkajor, Hadrowtʿ, Ałdam), ALA-LC (Stepʻanakert, ě for ը)
and BGN/PCGN 1981 (Yeghegnadzor, Vorotan, rr for ռ). Each system's letter table is a data
file here (``romanisation_<system>.tsv``, citing the standard); :func:`romanisations`
writes a name in Armenian letters in every system, and the index (gazetteer/index.py)
files the folded writings that differ from the name's own key as a lookup-only key level
(``ROMANISED_LEVEL``), which the matcher reads when a Latin query is no known name.
Folding drops the diacritics and apostrophes, so one key serves a writing with them and
without them (Całkajor/Calkajor, Ṙ/R, Stepʻanakert/Stepanakert).
"""

from __future__ import annotations

import os
from functools import lru_cache
from itertools import islice, product

from ...named import NamedTuple
from .. import read_table

__all__ = ["SYSTEMS", "Rule", "romanisations", "romanise_with", "load_system"]

_HERE = os.path.dirname(os.path.abspath(__file__))
#: the romanisation systems, by the name of their table (romanisation_<name>.tsv)
SYSTEMS = ("iso9985", "hubschmann_meillet", "alalc", "bgnpcgn")
#: where a rule holds: the first letter of a word, after a vowel letter, anywhere ("")
PLACES = ("initial", "after_vowel", "")
#: Armenian vowel letters (BGN/PCGN's "after the vowel characters": ա ե է ը ի ո ու օ)
VOWELS = frozenset("աեէըիոօ") | {"ու"}
#: at most this many writings of one name in one system (each letter with two readings doubles them)
MAX_WRITINGS = 8


class Rule(NamedTuple):
    """One row of a romanisation table: an Armenian letter (or pair), where it holds, and
    its Latin writings (the first the standard's)."""

    letters: str
    place: str
    writings: tuple[str, ...]


def load_system(name: str, folder: str = _HERE) -> dict[str, tuple[Rule, ...]]:
    """A system's table: Armenian letter (or pair) -> its rules, in the table's order."""
    rules: dict[str, list[Rule]] = {}
    for row in read_table(os.path.join(folder, f"romanisation_{name}.tsv")):
        if len(row) < 2 or not row[0]:
            continue
        place = row[2].strip() if len(row) > 2 else ""
        if place not in PLACES:
            raise ValueError(f"romanisation_{name}.tsv: {row[0]}: unknown place {place!r}")
        writings = tuple(w.strip() for w in row[1].split("|"))
        rules.setdefault(row[0], []).append(Rule(row[0], place, writings))
    return {letters: tuple(rs) for letters, rs in rules.items()}


_TABLES = {name: load_system(name) for name in SYSTEMS}


def _fits(rule: Rule, prev: str | None) -> bool:
    if rule.place == "initial":
        return prev is None
    if rule.place == "after_vowel":
        return prev is not None and prev in VOWELS
    return True


def romanise_with(text: str, table: dict[str, tuple[Rule, ...]]) -> list[str]:
    """The writings of ``text`` (lower-cased) in one system: each Armenian letter (a pair
    first) by the first of its rules whose place fits, any other character as it is; at
    most MAX_WRITINGS when letters have several writings."""
    text = text.lower()
    parts: list[tuple[str, ...]] = []
    prev: str | None = None  # the Armenian letter (or pair) before, None at a word's start
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        letters = pair if pair in table else text[i]
        rules = table.get(letters)
        if rules is None:
            parts.append((text[i],))
            prev = None if not text[i].isalpha() else text[i]
            i += 1
            continue
        rule = next((r for r in rules if _fits(r, prev)), rules[-1])
        parts.append(rule.writings)
        prev = letters
        i += len(letters)
    return ["".join(p) for p in islice(product(*parts), MAX_WRITINGS)]


@lru_cache(maxsize=4096)
def romanisations(text: str) -> tuple[str, ...]:
    """Every system's writings of a name in Armenian letters, without repeats, in the
    order of SYSTEMS ("Ծաղկաձոր" -> "çaġkajor", ..., "tsaghkadzor")."""
    out: dict[str, None] = {}
    for name in SYSTEMS:
        for writing in romanise_with(text, _TABLES[name]):
            out[writing] = None
    return tuple(out)
