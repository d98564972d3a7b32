"""Common words of the languages we read, which are never fuzzy-matched to places.

The list (``data/common_words.txt``) is made at build time from wordfreq by
``tools/make_common_words.py`` minus every key of the place table, so shipping
it costs no runtime dependency. It is read only when a loose match is tried.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["is_common_word"]


@cache
def _words() -> frozenset[str]:
    try:
        text = (resources.files("gazetteer") / "data" / "common_words.txt").read_text("utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


def is_common_word(key: str) -> bool:
    """True when the folded ``key`` (or every word of it) is a common word."""
    words = _words()
    if key in words:
        return True
    parts = key.split()
    return len(parts) > 1 and all(p in words for p in parts)
