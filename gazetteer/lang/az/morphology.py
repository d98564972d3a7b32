"""Azerbaijani (and Turkish) morphology on folded text: the case and possessive endings
a name takes (Füzulidə, Cəbrayılın, Hadrut'a, Şuşaya), cut off with vowel harmony.

``analyse(word)`` gives (stem, ending) candidates for a folded word; a stem is only a
lemma when it is a known name (the caller probes the keys), so over-generation costs
a dictionary probe, not a false match. Turkish endings coincide with these once
folded (ə -> a, ı -> i, ü -> u, ö -> o): :mod:`gazetteer.lang.tr.morphology` is this.
"""

from __future__ import annotations

from .. import MIN_STEM

__all__ = ["ENDINGS", "analyse"]

# Azerbaijani/Turkish case and possessive endings as they look after folding
# (ə->a, ı->i, ü->u, ö->o), longest first. Buffer consonants (n, y, s) included.
_TURKIC = sorted(
    {
        # locative, ablative (+ -ki relative)
        "da",
        "de",
        "ta",
        "te",
        "nda",
        "nde",
        "dan",
        "den",
        "tan",
        "ten",
        "ndan",
        "nden",
        "daki",
        "deki",
        "taki",
        "teki",
        "ndaki",
        "ndeki",
        # genitive
        "in",
        "un",
        "nin",
        "nun",
        "yin",
        "yun",
        # dative
        "a",
        "e",
        "ya",
        "ye",
        "na",
        "ne",
        # accusative
        "i",
        "u",
        "yi",
        "yu",
        "ni",
        "nu",
        # instrumental / comitative
        "la",
        "le",
        "yla",
        "yle",
        "ilan",
        "ila",
        "ile",
        # possessive 3sg used with district words (Fuzuli rayonu) and plural
        "si",
        "su",
        "lar",
        "ler",
        "dir",
        "dur",
        # Azerbaijani "-dakı" spelled through folding, directional -dək
        "dak",
        "tak",
    },
    key=len,
    reverse=True,
)


def _harmonises(stem: str, suffix: str) -> bool:
    """Vowel harmony, as far as folding leaves it visible.

    Folding merges ə into a and ı into i, so only clear clashes are refused:
    a back suffix after a last vowel e ("Gence'da"), a front suffix after a
    last vowel a ("Tartare" is not Tartar + e), and -u- suffixes after a
    last vowel that is not rounded.
    """
    last = next((ch for ch in reversed(stem) if ch in "aeiou"), "")
    if not last:
        return True
    if "e" in suffix and last == "a":
        return False
    if "a" in suffix and last == "e":
        return False
    if "u" in suffix and last not in "ou":
        return False
    return True


# A word ends in at most one ending of each length: probe its last 5, 4, ... letters.
_TURKIC_SET = frozenset(_TURKIC)
_TURKIC_LENGTHS = sorted({len(s) for s in _TURKIC}, reverse=True)


def analyse(word: str) -> list[tuple[str, str]]:
    """(stem, ending) for each ending a folded word may carry, longest ending first.

    >>> analyse("fuzulida")
    [('fuzuli', 'da'), ('fuzulid', 'a')]
    """
    out = []
    for n in _TURKIC_LENGTHS:
        if len(word) - n >= MIN_STEM:
            suf = word[-n:]
            if suf in _TURKIC_SET:
                stem = word[:-n]
                if _harmonises(stem, suf):
                    out.append((stem, suf))
    return out


ENDINGS = tuple(_TURKIC)
