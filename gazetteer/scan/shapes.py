"""What the candidate finder needs to know of the keys' shapes, computed once with the index.

A run of words is only extended while it can still become a multi-word name, and a word
only starts one if some name begins with it. These sets follow from the folded keys
alone, so the index computes them when it is built and stores them beside the keys,
instead of every process deriving them from 100,000 keys at start (about 50 ms).
"""

from __future__ import annotations

from ..named import NamedTuple
from .weights import MAX_WORDS

__all__ = ["KeyShapes", "key_shapes"]


class KeyShapes(NamedTuple):
    multi_first: dict[str, int]  # first word of a multi-word name -> the most words such a name has
    prefixes: frozenset[str]  # every word-prefix (two words or more) of a multi-word name
    second_words: frozenset[str]  # every second word of a multi-word name


def key_shapes(keys) -> KeyShapes:
    """The shapes of the folded ``keys`` (an iterable of strings).

    >>> s = key_shapes(["lachin", "lachin corridor", "nagorno karabakh autonomous oblast"])
    >>> s.multi_first == {"lachin": 2, "nagorno": 4}
    True
    >>> sorted(s.prefixes)[:2], sorted(s.second_words)
    (['lachin corridor', 'nagorno karabakh'], ['corridor', 'karabakh'])
    """
    firsts: dict[str, int] = {}
    prefixes: set[str] = set()
    seconds: set[str] = set()
    for k in keys:
        if " " not in k:
            continue
        parts = k.split(" ")
        if len(parts) <= MAX_WORDS:
            firsts[parts[0]] = max(firsts.get(parts[0], 1), len(parts))
        for m in range(2, min(len(parts), MAX_WORDS) + 1):
            prefixes.add(" ".join(parts[:m]))
        seconds.add(parts[1])
    return KeyShapes(firsts, frozenset(prefixes), frozenset(seconds))
