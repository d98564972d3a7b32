"""The one tokenizer: what a word is, and the apostrophes and quotes around words.

A word is a run of letters and digits (``[^\\W_]``); an apostrophe between two such runs
stays inside it ("Hadrut'a", "Füzuli’de", "Qarabağ`ın"), so a Turkish or Azerbaijani
case ending written after an apostrophe belongs to its name.
"""

from __future__ import annotations

import re

__all__ = ["APOSTROPHES", "APOSTROPHE", "WORD", "SPLIT", "OPEN_QUOTES", "CLOSE_QUOTES", "tokens", "words"]

# Apostrophes that may join the parts of one word: ASCII, right single quotation mark,
# modifier letter apostrophe (ʼ, Ukrainian/Armenian romanisation), grave accent (typed
# for an apostrophe in Azerbaijani news). Folding deletes these and a few more (see
# gazetteer.text.folding), which never join words.
APOSTROPHES = "'’ʼ`"
APOSTROPHE = re.compile(f"[{APOSTROPHES}]")
WORD = rf"[^\W_]+(?:[{APOSTROPHES}][^\W_]+)*"
# A word, captured, so that re.split gives gap, word, gap, word, ..., gap.
SPLIT = re.compile(f"({WORD})")
_WORD = re.compile(WORD)

# Quotation marks that open and close a quoted name («Карабах», "Qarabağ", „Ağdam“).
OPEN_QUOTES = frozenset('«“„"')
CLOSE_QUOTES = frozenset('»”"')


def tokens(text: str) -> list[tuple[int, int]]:
    """Spans of word tokens (letters and digits; an inner apostrophe stays inside)."""
    return [m.span() for m in _WORD.finditer(text)]


def words(text: str) -> list[str]:
    """The word tokens of a text, in order."""
    return _WORD.findall(text)
