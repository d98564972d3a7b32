"""Language data of Armenian: word lists (*.txt, *.tsv) and morphology."""

from __future__ import annotations

import os

from .. import read_list

__all__ = [
    "COMMON_WORDS",
    "is_common_word",
    "is_common_noun",
    "is_derived_word",
    "derived_ending",
    "is_venue_noun",
    "is_family_name",
]

#: Armenian words, as written in lower case, that are also names of places: a word
#: here needs a cue or a list of places to be read as the place (see common_words.txt).
_HERE = os.path.dirname(os.path.abspath(__file__))
COMMON_WORDS = frozenset(w.lower() for w in read_list(os.path.join(_HERE, "common_words.txt")))
#: endings of common nouns that look like a family name's (-ության: of the Republic)
#: endings of demonyms, adjectives and family names built on a place's name (շուշեցի)
DERIVED_ENDINGS = tuple(w.lower() for w in read_list(os.path.join(_HERE, "derived_endings.txt")))
#: endings of family names in Armenian script (surname_endings.txt: յան, եան, յանց, եանց)
FAMILY_ENDINGS = tuple(
    w.lower() for w in read_list(os.path.join(_HERE, "surname_endings.txt")) if "\u0531" <= w[:1] <= "\u058f"
)
#: nouns of a venue (մարզադաշտ): a town's genitive before one is where a match is played
VENUE_NOUNS = frozenset(w.lower() for w in read_list(os.path.join(_HERE, "venue_nouns.txt")))
COMMON_NOUN_ENDINGS = tuple(w.lower() for w in read_list(os.path.join(_HERE, "common_noun_endings.txt")))


def is_common_word(word: str) -> bool:
    """Is an Armenian word, or its form without a case ending, a common word
    ("Տեղի բնակիչները": local residents, not the village Teghi)?"""
    from .morphology import analyse

    w = word.lower()
    return w in COMMON_WORDS or any(lemma in COMMON_WORDS for lemma, _ in analyse(w))


def is_common_noun(word: str) -> bool:
    """Is an Armenian word a common noun by its ending, though it ends like a family name
    (Հանրապետության, Պաշտպանության)?"""
    return word.lower().endswith(COMMON_NOUN_ENDINGS)


def is_derived_word(word: str) -> bool:
    """Is an Armenian word a demonym, an adjective or a family name by its ending
    (շուշեցի, ղարաբաղյան, Գորիսյան)? Lookup matches it to no place."""
    return word.lower().endswith(DERIVED_ENDINGS)


def derived_ending(word: str) -> str | None:
    """The longest derived ending an Armenian word ends in (``"ցի"`` for շուշեցի), or None."""
    w = word.lower()
    found = [e for e in DERIVED_ENDINGS if w.endswith(e)]
    return max(found, key=len) if found else None


def is_venue_noun(word: str) -> bool:
    """Is an Armenian word a noun of a venue, in any case (մարզադաշտում)?"""
    from .morphology import analyse

    w = word.lower()
    return w in VENUE_NOUNS or any(lemma in VENUE_NOUNS for lemma, _ in analyse(w))


def is_family_name(word: str) -> bool:
    """Is a capitalised Armenian word a family name, maybe in a case (Ստեփանյանի,
    Հարությունյանը, Շահումեանին), and no common noun in -ության?"""
    from .morphology import analyse

    w = word.lower()
    if not word[:1].isupper() or is_common_noun(w):
        return False
    return w.endswith(FAMILY_ENDINGS) or any(lemma.endswith(FAMILY_ENDINGS) for lemma, _ in analyse(w))
