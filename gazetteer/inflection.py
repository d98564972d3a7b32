"""Candidate lemmas of an inflected name, on folded text.

Azerbaijani and Turkish attach case endings to names (Füzulidə, Cəbrayılın,
Hadrut'a, Şuşaya), Russian declines them (Гадруте, Шушой, Физулинского).
We never guess a lemma: each candidate is only accepted by the matcher when it
is a known variant key, so over-generation here costs a dictionary probe, not
a false match.

The endings of each language are in ``gazetteer/lang/<code>/morphology.py``; this
module combines them.
"""

from __future__ import annotations

from functools import lru_cache

from .lang import MIN_STEM
from .lang.az.morphology import analyse as _turkic
from .lang.hy.morphology import analyse as _armenian
from .lang.hy.morphology import is_plural_ending as _armenian_plural_ending
from .lang.ru.morphology import analyse as _russian
from .lang.ru.morphology import is_russian_adjective
from .text.folding import fold
from .text.scripts import is_cyrillic, script

__all__ = ["lemmas", "word_lemmas", "is_russian_adjective", "MIN_STEM"]


@lru_cache(maxsize=65_536)
def lemmas(key: str, *, russian: bool = True, turkic: bool = True) -> tuple[tuple[str, str], ...]:
    """Possible lemmas of the *last* word of a folded key, with the ending removed.

    >>> ("fuzuli", "da") in lemmas("fuzulida")
    True
    >>> ("gadrut", "e") in lemmas("gadrute")
    True
    """
    head, _, last = key.rpartition(" ")
    prefix = head + " " if head else ""
    seen: set[str] = set()
    out = []
    cands = []
    if turkic:
        cands += _turkic(last)
    if russian:
        cands += _russian(last)
    for stem, suf in cands:
        if stem.endswith("y"):
            stem = stem[:-1] + "i"  # as fold() writes a final y (Tərtərçay-ın -> tartarchai)
        full = prefix + stem
        if full not in seen and full != key:
            seen.add(full)
            out.append((full, suf))
    return tuple(out)


@lru_cache(maxsize=65_536)
def word_lemmas(word: str, key: str | None = None, *, plural: bool = True) -> tuple[tuple[str, str], ...]:
    """Lemmas of a word as written (or of a run of words ending in it, folded as ``key``),
    by the word's script: an Armenian word by the Armenian endings, analysed on its
    letters (lang/hy/morphology.py); a Cyrillic word by the Russian and Turkic ones; any
    other by the Turkic ones, as :func:`lemmas` gives them. Lemmas are folded keys, the
    ending folded too. ``plural=False``: no Armenian plural readings (a name of one word
    is not pluralised: Գիշերը is "the night", not a plural of the village Kish).

    >>> ("stepanakert", "um") in word_lemmas("Ստեփանակերտում")
    True
    >>> ("lernayin garabag", "its") in word_lemmas("Ղարաբաղից", "lernayin garabagits")
    True
    """
    if key is None:
        key = fold(word)
    if script(word) != "armenian":
        return lemmas(key, russian=is_cyrillic(word))
    head, _, last = key.rpartition(" ")
    prefix = head + " " if head else ""
    out: dict[str, str] = {}
    for lemma, ending in _armenian(word):
        if not plural and _armenian_plural_ending(ending):
            continue
        full = prefix + fold(lemma)
        if full != key and full not in out:
            out[full] = fold(ending)
    return tuple(out.items())
