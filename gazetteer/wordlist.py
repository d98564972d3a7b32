"""Common words of the languages we read, which are never loosely matched to places.

``data/common_words.txt`` and ``data/ambiguous_names.txt`` are made at build time
from wordfreq by ``tools/make_common_words.py`` (so wordfreq is no runtime
dependency). They are copied into the compiled index, where a lookup is one
indexed probe: reading 180,000 words into a set would cost a one-name lookup
more than everything else it does.

Those two lists hold *folded* keys, which romanise and reduce ("арены" and "Areni" are
both ``areni``; "tug", "Tugh" and "Tuğ" are all ``tug``). ``data/common_spellings.txt``
and ``data/ambiguous_spellings.txt``, made with them from the same words, hold the
words' own *spellings* (:func:`spelling`: case and accents aside, in their own script),
so the scanner can ask whether a surface spells a word ("Арены" does; "Арени",
"Areni" and "Tugh" do not) rather than whether it folds like one.
"""

from __future__ import annotations

import os
import unicodedata

__all__ = [
    "COMMON",
    "AMBIGUOUS",
    "COMMON_SPELLINGS",
    "AMBIGUOUS_SPELLINGS",
    "COMMON_PLAIN_LATIN_KEYS",
    "spelling",
    "word_files",
    "read_words",
]

COMMON, AMBIGUOUS = 0, 1
# the same words as written (see spelling)
COMMON_SPELLINGS, AMBIGUOUS_SPELLINGS = 2, 3
# derived when the index is built, no file: the folds of the common spellings written in
# plain (ASCII) Latin letters (what Matcher.common_as_typed asks of a Latin word)
COMMON_PLAIN_LATIN_KEYS = 4
_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

# accents a spelling sets aside: grave, acute, circumflex, tilde, macron, dot above (of
# "İ" lower-cased), double acute, double grave. Breve (ğ, й), cedilla (ç, ş), diaeresis
# (ö, ü) and caron (š) make letters of their own alphabets and stay.
# (crates/gazetteer-core/src/scan/rules/spelling.rs spells alike)
_ACCENTS = frozenset("\u0300\u0301\u0302\u0303\u0304\u0307\u030b\u030f")
# letters whose case or usage is no spelling: Turkish dotless ı (capital I lower-cases to
# i), Russian ё (mostly written е), and the apostrophes
_SAME = str.maketrans({"ı": "i", "ё": "е", "’": "'", "ʼ": "'", "‘": "'", "`": "'"})


def spelling(word: str) -> str:
    """A word's spelling, case and accents aside, in its own script: "Арены" -> "арены",
    "Tuğ" -> "tuğ", "Café" -> "cafe" (unlike fold, no romanisation, no digraphs)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    kept = "".join(c for c in decomposed if c not in _ACCENTS)
    return unicodedata.normalize("NFC", kept).translate(_SAME)


def word_files() -> dict[int, str]:
    return {
        COMMON: os.path.join(_DATA, "common_words.txt"),
        AMBIGUOUS: os.path.join(_DATA, "ambiguous_names.txt"),
        COMMON_SPELLINGS: os.path.join(_DATA, "common_spellings.txt"),
        AMBIGUOUS_SPELLINGS: os.path.join(_DATA, "ambiguous_spellings.txt"),
    }


def read_words(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as f:
            return [w for w in f.read().split("\n") if w and not w.startswith("#")]
    except FileNotFoundError:
        return []
