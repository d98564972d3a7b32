"""Language data of Armenian: word lists (*.txt, *.tsv) and morphology."""

from __future__ import annotations

import os

from .. import read_list

__all__ = ["COMMON_WORDS", "is_common_word"]

#: Armenian words, as written in lower case, that are also names of places: a word
#: here needs a cue or a list of places to be read as the place (see common_words.txt).
COMMON_WORDS = frozenset(w.lower() for w in read_list(os.path.join(os.path.dirname(__file__), "common_words.txt")))


def is_common_word(word: str) -> bool:
    """Is an Armenian word, or its form without a case ending, a common word
    ("Տեղի բնակիչները": local residents, not the village Teghi)?"""
    from .morphology import analyse

    w = word.lower()
    return w in COMMON_WORDS or any(lemma in COMMON_WORDS for lemma, _ in analyse(w))
