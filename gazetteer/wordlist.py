"""Common words of the languages we read, which are never fuzzy-matched to places.

The list (``data/common_words.txt``) is made at build time from wordfreq by
``tools/make_common_words.py`` minus every key of the place table, so shipping
it costs no runtime dependency. It is read only when a loose match is tried.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["is_common_word", "is_ambiguous_name"]


@cache
def _read(name: str) -> frozenset[str]:
    try:
        text = (resources.files("gazetteer") / "data" / name).read_text("utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


def _words() -> frozenset[str]:
    return _read("common_words.txt")


def is_ambiguous_name(key: str) -> bool:
    """True when a place name (folded) is also a frequent word: "kabul", "sus", "kasaba"."""
    return key in _read("ambiguous_names.txt")


def is_common_word(key: str) -> bool:
    """True when the folded ``key`` (or every word of it) is a common word."""
    words = _words()
    if key in words:
        return True
    parts = key.split()
    return len(parts) > 1 and all(p in words for p in parts)
