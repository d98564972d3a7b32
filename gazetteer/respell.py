"""Other spellings of a query's words that name the same place: a first word shortened to
its initial ("N. Karmiraghbyur": Nerkin; "Y. Oratağ": Yuxarı) and a Turkish word rendering
an Azerbaijani name's word ("Kırmızı Pazar": Qırmızı Bazar).

The words come from data, not from per-name variants: ``lang/<code>/name_abbreviations.tsv``
(an initial and the word it stands for) and ``lang/tr/calques.tsv`` (a Turkish word and the
Azerbaijani word it renders). The matcher reads a respelled key only when the query as
written is no known name, and only as a name as written (no misspelling reading of it).
"""

from __future__ import annotations

import os
from itertools import islice, product

from .lang import LANGUAGES, read_table
from .text.folding import fold

__all__ = ["ABBREVIATIONS", "CALQUES", "MAX_RESPELLINGS", "respellings"]

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


def respellings(key: str) -> list[str]:
    """The other keys a folded key of two words or more may be written for: its first word,
    an initial, read as each word it shortens, and each word with a Turkish rendering read
    as the Azerbaijani word; [] when no word has another spelling. At most MAX_RESPELLINGS."""
    words = key.split()
    if len(words) < 2:
        return []
    choices: list[tuple[str, ...]] = []
    changed = False
    for n, word in enumerate(words):
        other = ABBREVIATIONS.get(word, ()) if n == 0 else ()
        other = other or CALQUES.get(word, ())
        changed = changed or bool(other)
        choices.append(other if n == 0 and word in ABBREVIATIONS else (word, *other))
    if not changed:
        return []
    out = (" ".join(words) for words in product(*choices))
    return [k for k in islice(out, MAX_RESPELLINGS + 1) if k != key][:MAX_RESPELLINGS]
