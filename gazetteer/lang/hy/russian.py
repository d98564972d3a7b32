"""Russian spellings of Armenian names, by the Armenian-Russian practical transcription.

Russian text writes an Armenian village as the practical transcription of its Armenian
name (Հալիձոր -> Галидзор, Ալիձոր; Ծաղկահովիտ -> Цахкаовит). The letter table is data
(``transcription_ru.tsv``, citing the instruction it follows, with the rows of position:
the first letter of a word, after a vowel, the last letter, before a voiceless
consonant); :func:`transcribe_ru` writes a name in Russian letters by it. The table
builder (tools/build_places.py, ``derive_russian_spellings``) adds the spellings as
variants of the places that have no Russian name of that spelling.
"""

from __future__ import annotations

import os
from functools import lru_cache
from itertools import islice, product

from ...named import NamedTuple
from .. import read_table

__all__ = ["PLACES", "Rule", "load_table", "transcribe_ru"]

_HERE = os.path.dirname(os.path.abspath(__file__))
#: where a rule holds: see the header of transcription_ru.tsv
PLACES = ("initial", "after_vowel", "final", "before_voiceless", "")
#: Armenian vowel letters (ու is read as one)
VOWELS = frozenset("աեէըիոօ") | {"ու"}
#: voiceless consonants: ղ before one is said and written х (Ахтанак)
VOICELESS = frozenset("թկտպփքցչծճսշխֆհ")
#: at most this many spellings of one name (a letter with two writings doubles them)
MAX_SPELLINGS = 4


class Rule(NamedTuple):
    """One row of the table: Armenian letters, where the row holds, their Russian writings."""

    letters: str
    place: str
    writings: tuple[str, ...]


def load_table(path: str = os.path.join(_HERE, "transcription_ru.tsv")) -> dict[str, tuple[Rule, ...]]:
    """The transcription table: Armenian letters -> their rules, in the file's order."""
    rules: dict[str, list[Rule]] = {}
    for row in read_table(path):
        if len(row) < 2 or not row[0]:
            continue
        place = row[2] if len(row) > 2 else ""
        if place not in PLACES:
            raise ValueError(f"{os.path.basename(path)}: {row[0]}: unknown place {place!r}")
        writings = tuple("" if w.strip() == "-" else w.strip() for w in row[1].split("|"))
        rules.setdefault(row[0], []).append(Rule(row[0], place, writings))
    return {letters: tuple(rs) for letters, rs in rules.items()}


_TABLE = load_table()
_LONGEST = max(len(k) for k in _TABLE)


def _is_letter(ch: str) -> bool:
    return "\u0561" <= ch <= "\u0587"


def _fits(rule: Rule, prev: str | None, nxt: str) -> bool:
    if rule.place == "initial":
        return prev is None
    if rule.place == "after_vowel":
        return prev is not None and prev in VOWELS
    if rule.place == "final":
        return not _is_letter(nxt)
    if rule.place == "before_voiceless":
        return nxt in VOICELESS
    return True


def _capitalise(text: str) -> str:
    out = []
    start = True
    for ch in text:
        out.append(ch.upper() if start else ch)
        start = not ch.isalpha()
    return "".join(out)


def transcribe_with(name: str, table: dict[str, tuple[Rule, ...]]) -> tuple[str, ...]:
    """The Russian spellings of ``name`` by ``table``: the longest letters with a row first,
    each by its first row whose place fits; other characters (spaces, hyphens) as they are;
    each word capitalised. None if the name has a letter outside the table (a Latin word)."""
    text = name.lower()
    longest = max(len(k) for k in table)
    parts: list[tuple[str, ...]] = []
    prev: str | None = None  # the letters read before, None at a word's start
    i = 0
    while i < len(text):
        letters = next((text[i : i + n] for n in range(longest, 0, -1) if text[i : i + n] in table), None)
        if letters is None:
            if text[i].isalpha():
                return ()
            parts.append((text[i],))
            prev = None
            i += 1
            continue
        nxt = text[i + len(letters) : i + len(letters) + 1]
        rules = table[letters]
        rule = next((r for r in rules if _fits(r, prev, nxt)), rules[-1])
        parts.append(rule.writings)
        prev = letters[-1] if letters != "ու" else letters
        i += len(letters)
    out: dict[str, None] = {}
    for p in islice(product(*parts), MAX_SPELLINGS):
        out[_capitalise("".join(p))] = None
    return tuple(s for s in out if s.strip())


@lru_cache(maxsize=4096)
def transcribe_ru(name: str) -> tuple[str, ...]:
    """The Russian spellings of an Armenian name (Հալիձոր -> ("Галидзор", "Алидзор")),
    the first the usual one; () if it holds a letter not Armenian."""
    return transcribe_with(name, _TABLE)
