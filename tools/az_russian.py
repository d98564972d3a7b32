"""Russian spellings of an Azerbaijani name by the Azerbaijani-Russian practical transcription.

The letter table and its position rules are data, ``gazetteer/lang/az/russian_letters.tsv``
(its header cites the page and says the columns). ``russian_spellings("Gədəbəy")`` gives
``["Гядебей", "Гядабей"]``: the page's spelling first, then, where the page allows a second
letter in some position (ə after a consonant as е or а, ü as ю or у, q at the end as г or к,
h at the start as г or х), the spelling that takes every second letter at once, so a name
has at most two. Used by ``tools/build_places.py`` (``derive_az_russian_spellings``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from gazetteer.lang import read_table

ROOT = Path(__file__).resolve().parent.parent

TABLE = ROOT / "gazetteer" / "lang" / "az" / "russian_letters.tsv"
VOWELS = frozenset("aeəıioöuü")
LETTERS = frozenset("abcçdeəfgğhxıijkqlmnoöprsştuüvyz")
# An English romanisation filed as an Azerbaijani name (Dashtahat, Shusha) writes these for
# ş, ç, x, j, ğ; a name with one of them and none of the Azerbaijani letters is not read.
ENGLISH_DIGRAPHS = ("sh", "ch", "kh", "zh", "gh")
AZERBAIJANI_LETTERS = frozenset("əışçğöüƏIŞÇĞÖÜİ")
# Python lowers İ to i + combining dot and I to i; Azerbaijani reads them as i and ı.
_LOWER = {"İ": "i", "I": "ı"}


class LetterRule(NamedTuple):
    """One row of the table: a letter group, the conditions it is written under, the
    Russian letters, and the second spelling the page allows there ("" for none)."""

    group: str
    where: tuple[str, ...]
    russian: str
    second: str


@lru_cache(maxsize=1)
def letter_rules(path: Path = TABLE) -> dict[str, tuple[LetterRule, ...]]:
    """The table: first letter -> its rules, longest group first, file order within."""
    rules: dict[str, list[LetterRule]] = {}
    for row in read_table(path):
        if len(row) != 4 or not row[0] or not row[2]:
            raise ValueError(f"{path}: expected group, where, russian, second: {row!r}")
        group, where, russian, second = row
        rule = LetterRule(
            group, tuple(w for w in where.split(",") if w != "*"), russian, "" if second == "-" else second
        )
        rules.setdefault(group[0], []).append(rule)
    return {k: tuple(sorted(v, key=lambda r: -len(r.group))) for k, v in rules.items()}


def _holds(cond: str, word: str, start: int, end: int) -> bool:
    before = word[start - 1] if start > 0 else ""
    after = word[end] if end < len(word) else ""
    if cond == "start":
        return start == 0
    if cond == "end":
        return end == len(word)
    kind, _, letters = cond.partition("=")
    ch = before if kind == "after" else after
    if kind not in ("after", "before"):
        raise ValueError(f"{TABLE}: unknown condition {cond!r}")
    if letters == "vowel":
        return ch in VOWELS
    if letters == "consonant":
        return ch in LETTERS and ch not in VOWELS
    return bool(ch) and ch in letters


def _word(word: str, second: bool) -> str | None:
    """One lower-case Azerbaijani word in Russian letters; None if it has a letter the
    table lacks (a name in another alphabet or with a foreign letter: w, x...)."""
    rules = letter_rules()
    out, k = [], 0
    while k < len(word):
        for rule in rules.get(word[k], ()):
            end = k + len(rule.group)
            if word[k:end] == rule.group and all(_holds(c, word, k, end) for c in rule.where):
                if rule.russian == "!":
                    return None
                out.append(rule.second if second and rule.second else rule.russian)
                k = end
                break
        else:
            return None
    return "".join(out)


def russian_spellings(name: str) -> list[str]:
    """The Russian spellings of an Azerbaijani Latin name, the page's first; [] when a
    letter of a word is not Azerbaijani, a word is an abbreviation in capitals (QKG), or
    the name is an English romanisation (ENGLISH_DIGRAPHS). Words keep their separators
    (space, hyphen) and a capital first letter."""
    out: list[str] = []
    low = name.lower()
    if not AZERBAIJANI_LETTERS & set(name) and any(d in low for d in ENGLISH_DIGRAPHS):
        return out
    for second in (False, True):
        parts, word = [], ""
        for ch in name + " ":
            low = _LOWER.get(ch, ch.lower())
            if low in LETTERS:
                word += ch
                continue
            if ch.isalpha():
                return out
            if len(word) > 1 and word.isupper():
                return out
            if word:
                ru = _word("".join(_LOWER.get(c, c.lower()) for c in word), second)
                if ru is None:
                    return out
                parts.append(ru[0].upper() + ru[1:] if word[0].isupper() else ru)
                word = ""
            parts.append(ch)
        spelling = "".join(parts)[:-1]
        if spelling not in out:
            out.append(spelling)
    return out
