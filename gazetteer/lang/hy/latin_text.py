"""Armenian written in Latin letters in running text ("Gorisum enq", "Stepanakertic ekanq"):
the data the text engine reads to decide that a text is written so and to read its names'
case endings back (crates/gazetteer-core/src/scan/armenian_latin.rs).

- ``latin_function_words.tsv``: Armenian function words in Latin letters, each ``sure``
  (no word of the other languages of the texts) or ``weak``;
- ``latin_case_endings.tsv`` (the endings lookup reads too) and ``latin_text_endings.tsv``
  (read in such text only): Armenian case endings and articles in Latin letters.
"""

from __future__ import annotations

import os

from ...named import NamedTuple
from ...text.folding import fold
from .. import read_table

__all__ = ["ArmenianLatin", "ARMENIAN_LATIN", "load_armenian_latin"]

_HERE = os.path.dirname(os.path.abspath(__file__))
_CLASSES = ("sure", "weak")


class ArmenianLatin(NamedTuple):
    """The word lists of Armenian in Latin letters: the words lower-cased (their bits are
    read on the word as written), the endings folded (read on a folded word)."""

    sure_words: frozenset[str]
    weak_words: frozenset[str]
    #: case endings and articles, longest first
    endings: tuple[str, ...]


def load_armenian_latin(folder: str = _HERE) -> ArmenianLatin:
    """The function words and endings of ``folder`` (``gazetteer/lang/hy``)."""
    words: dict[str, set[str]] = {c: set() for c in _CLASSES}
    for row in read_table(os.path.join(folder, "latin_function_words.tsv")):
        if len(row) != 2 or row[1] not in _CLASSES:
            raise ValueError(f"latin_function_words.tsv: expected a word and sure or weak: {row!r}")
        words[row[1]].add(row[0].lower())
    endings: set[str] = set()
    for name in ("latin_case_endings.tsv", "latin_text_endings.tsv"):
        endings |= {fold(row[0]) for row in read_table(os.path.join(folder, name)) if row and row[0]}
    return ArmenianLatin(
        sure_words=frozenset(words["sure"]),
        weak_words=frozenset(words["weak"] - words["sure"]),
        endings=tuple(sorted(endings, key=lambda e: (-len(e), e))),
    )


#: the lists of gazetteer/lang/hy
ARMENIAN_LATIN = load_armenian_latin()
