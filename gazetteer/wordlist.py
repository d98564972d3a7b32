"""Common words of the languages we read, which are never loosely matched to places.

``data/common_words.txt`` and ``data/ambiguous_names.txt`` are made at build time
from wordfreq by ``tools/make_common_words.py`` (so wordfreq is no runtime
dependency). They are copied into the compiled index, where a lookup is one
indexed probe: reading 180,000 words into a set would cost a one-name lookup
more than everything else it does.
"""

from __future__ import annotations

import os

__all__ = ["COMMON", "AMBIGUOUS", "word_files", "read_words"]

COMMON, AMBIGUOUS = 0, 1
_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def word_files() -> dict[int, str]:
    return {COMMON: os.path.join(_DATA, "common_words.txt"), AMBIGUOUS: os.path.join(_DATA, "ambiguous_names.txt")}


def read_words(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as f:
            return [w for w in f.read().split("\n") if w and not w.startswith("#")]
    except FileNotFoundError:
        return []
