"""What the engine reads of each variant when it decides by itself what a Latin-script
word alone names (crates/gazetteer-core/src/scan/lexicon.rs): built with the index, so
the engine reads it in one piece instead of asking the index row by row.

Per variant id, a flag byte: the variant needs context; some spelling of its place with
the same key is spelt out (longer than an abbreviation, or not all capitals); some such
spelling has a Latin letter (:meth:`gazetteer.scan.vocabulary.Vocabulary.spelling` with
the two tests of ``fitting`` and ``transliterated``). And per variant id, its place's
importance (what ``Vocabulary.weight`` compares), as little-endian doubles.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

from ..named import NamedTuple
from ..text.scripts import has_latin
from .weights import ABBREVIATION_MAX

__all__ = ["NEEDS_CONTEXT", "SPELT_OUT", "LATIN_SPELLING", "VariantTable", "spelt_out", "variant_table"]

NEEDS_CONTEXT, SPELT_OUT, LATIN_SPELLING = 1, 2, 4


class VariantTable(NamedTuple):
    """One flag byte per variant id, and its place's importance (8 bytes, little-endian)."""

    flags: bytes
    importance: bytes


def spelt_out(text: str) -> bool:
    """Is a spelling no abbreviation (BƏƏ, ABŞ are written in capitals)? (Vocabulary.fitting)"""
    return len(text) > ABBREVIATION_MAX or not text.isupper()


def variant_table(
    variants: Sequence[tuple[int, str, bool]], folded: Sequence[str], importances: Sequence[float]
) -> VariantTable:
    """The table of ``variants`` ((place, text, needs context) by variant id), each
    variant's text folded as ``folded`` says, with the places' ``importances``."""
    spelt: set[tuple[int, str]] = set()
    latin: set[tuple[int, str]] = set()
    for (place, text, _ctx), key in zip(variants, folded):
        if spelt_out(text):
            spelt.add((place, key))
        if has_latin(text):
            latin.add((place, key))
    flags = bytearray(len(variants))
    for v, ((place, _text, ctx), key) in enumerate(zip(variants, folded)):
        flags[v] = (
            (NEEDS_CONTEXT if ctx else 0)
            | (SPELT_OUT if (place, key) in spelt else 0)
            | (LATIN_SPELLING if (place, key) in latin else 0)
        )
    weights = struct.pack(f"<{len(variants)}d", *(importances[place] for place, _t, _c in variants))
    return VariantTable(bytes(flags), weights)
