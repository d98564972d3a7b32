"""Other spellings of a query's words that name the same place: a first word shortened to
its initial ("N. Karmiraghbyur": Nerkin; "Y. Oratağ": Yuxarı), a Turkish word rendering
an Azerbaijani name's word ("Kırmızı Pazar": Qırmızı Bazar) and a letter group of another
script's rendering ("Тугх": the Armenian ղ the table writes as г).

The words come from data, not from per-name variants: ``lang/<code>/name_abbreviations.tsv``
(an initial and the word it stands for), ``lang/ru/letter_respellings.tsv`` and
``lang/tr/calques.tsv`` (a Turkish word and the
Azerbaijani word it renders). The matcher reads a respelled key only when the query as
written is no known name, and only as a name as written (no misspelling reading of it).
"""

from __future__ import annotations

import os
import re

from .lang import LANGUAGES, read_table
from .text.folding import fold

__all__ = ["ABBREVIATIONS", "CALQUES", "LETTER_GROUPS", "MAX_RESPELLINGS", "respellings"]

_LANG_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lang")
# At most this many respelled keys a query (an initial may stand for several words).
MAX_RESPELLINGS = 8


def _pairs(name: str, languages: tuple[str, ...] = LANGUAGES) -> dict[str, tuple[str, ...]]:
    """``lang/<code>/<name>`` of every language that has one: folded word -> the folded
    words it may stand for (never itself)."""
    out: dict[str, tuple[str, ...]] = {}
    for lang in languages:
        for row in read_table(os.path.join(_LANG_ROOT, lang, name)):
            if len(row) != 2 or not row[0] or not row[1]:
                raise ValueError(f"lang/{lang}/{name}: expected a word and its other spelling: {row!r}")
            typed, meant = fold(row[0].rstrip(".")), fold(row[1])
            if typed and meant and typed != meant and meant not in out.get(typed, ()):
                out[typed] = (*out.get(typed, ()), meant)
    return out


#: a folded initial -> the folded first words of names it shortens
ABBREVIATIONS = _pairs("name_abbreviations.tsv")
#: a folded Turkish word -> the folded Azerbaijani words of names it renders
CALQUES = _pairs("calques.tsv")
#: a folded letter group of another script's rendering -> the groups the table writes for it
LETTER_GROUPS = {typed: meant[0] for typed, meant in _pairs("letter_respellings.tsv").items()}
# does a key hold a letter group of LETTER_GROUPS (one search instead of a scan a group)
_HAS_LETTER_GROUP = re.compile("|".join(map(re.escape, LETTER_GROUPS)) or r"(?!)").search


def respellings(key: str) -> list[str]:
    """The other keys a folded key may be written for, at most MAX_RESPELLINGS: the key with
    each letter group of LETTER_GROUPS as the table writes it ("tugkh": "tug"); and, of a key
    of two words or more, its first word, an initial, read as each word it shortens, and
    every word with a Turkish rendering read as the Azerbaijani word ("kirmizi pazar koyu":
    "girmizi bazar kandi"). [] when nothing has another spelling."""
    words = key.split()
    grouped = _HAS_LETTER_GROUP(key)
    if not grouped and len(words) < 2:
        return []  # (most keys: one word and no letter group, nothing has another spelling)
    out = [key]
    if grouped:
        for typed, meant in LETTER_GROUPS.items():
            out += [k.replace(typed, meant) for k in out if typed in k]
    if len(words) >= 2:
        firsts = ABBREVIATIONS.get(words[0]) or (CALQUES.get(words[0], (words[0],))[0],)
        rest = [CALQUES.get(w, (w,))[0] for w in words[1:]]
        out += [" ".join((first, *rest)) for first in firsts]
    return list(dict.fromkeys(k for k in out if k != key))[:MAX_RESPELLINGS]
