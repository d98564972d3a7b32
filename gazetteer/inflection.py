"""Candidate lemmas of an inflected name, on folded text.

Azerbaijani and Turkish attach case endings to names (Füzulidə, Cəbrayılın,
Hadrut'a, Şuşaya), Russian declines them (Гадруте, Шушой, Физулинского).
We never guess a lemma: each candidate is only accepted by the matcher when it
is a known variant key, so over-generation here costs a dictionary probe, not
a false match.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["lemmas", "is_russian_adjective", "MIN_STEM"]

MIN_STEM = 3

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

# Russian noun endings -> replacement to reach the nominative (on romanised text).
_RUSSIAN_NOUN = [
    ("iey", "iya"),
    ("ii", "iya"),
    ("iyu", "iya"),
    ("iyey", "iya"),
    ("ie", "iya"),
    ("oy", "a"),
    ("oyu", "a"),
    ("ey", "ya"),
    ("yu", "ya"),
    ("u", "a"),
    ("y", "a"),
    ("i", "a"),
    ("e", "a"),
    ("ye", "ya"),
    ("e", ""),
    ("a", ""),
    ("u", ""),
    ("om", ""),
    ("em", ""),
    ("ya", ""),
    ("ye", ""),
    ("yem", ""),
    ("i", ""),
    ("e", "i"),
    ("akh", ""),
    ("ami", ""),
    ("am", ""),
]


def _folded(pairs):
    """Endings are written as romanised; compare them as fold() writes them (final y -> i)."""
    from .text.folding import _romanisation_noise

    return [(_romanisation_noise(a), _romanisation_noise(b) if b else b) for a, b in pairs]


_RUSSIAN_NOUN = _folded(_RUSSIAN_NOUN)

# Russian relative adjectives of place names: Физулинский, Мартакертского.
_RUSSIAN_ADJ_ENDINGS = sorted(
    {
        a
        for a, _ in _folded(
            [
                (e, "")
                for e in (
                    "skiy",
                    "skij",
                    "skii",
                    "skogo",
                    "skomu",
                    "skim",
                    "skom",
                    "skaya",
                    "skoy",
                    "skuyu",
                    "skoye",
                    "skoe",
                    "skiye",
                    "skie",
                    "skikh",
                    "skimi",
                )
            ]
        )
    },
    key=len,
    reverse=True,
)
_RUSSIAN_ADJ_ENDINGS_T = tuple(_RUSSIAN_ADJ_ENDINGS)


def is_russian_adjective(key: str) -> bool:
    """A folded word with the ending of a Russian relative adjective (азербайджанского,
    Минская): a demonym or an organisation's name by itself, a place only beside a
    kind word ("Физулинского района")."""
    return key.endswith(_RUSSIAN_ADJ_ENDINGS_T)


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


def _turkic(word: str) -> list[tuple[str, str]]:
    out = []
    for n in _TURKIC_LENGTHS:
        if len(word) - n >= MIN_STEM:
            suf = word[-n:]
            if suf in _TURKIC_SET:
                stem = word[:-n]
                if _harmonises(stem, suf):
                    out.append((stem, suf))
    return out


def _russian(word: str) -> list[tuple[str, str]]:
    out = []
    for end in _RUSSIAN_ADJ_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= MIN_STEM:
            stem = word[: -len(end)]
            out.append((stem, end))
            out.append((stem + "skii", end))  # the dictionary form, as variants list it
            if stem.endswith("in") or stem.endswith("n"):
                base = stem[:-1]  # Физулин-ский -> Физули, Шушин-ский -> Шуша
                out.append((base, end))
                if base.endswith("i"):
                    out.append((base[:-1] + "a", end))
            break
    for end, repl in _RUSSIAN_NOUN:
        if word.endswith(end) and len(word) - len(end) + len(repl) >= MIN_STEM:
            out.append((word[: -len(end)] + repl, end))
    return out


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
