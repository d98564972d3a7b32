"""Russian morphology on folded (romanised) text: how a name is declined (Гадруте,
Шушой) and the relative adjectives of place names (Физулинский, Мартакертского).

``analyse(word)`` gives (lemma, ending) candidates for a folded word; only words written
in Cyrillic are analysed (the caller checks the script: "Tartare" is no Russian
prepositional of Tartar).
"""

from __future__ import annotations

from .. import MIN_STEM

__all__ = ["analyse", "is_russian_adjective"]

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
    from ...text.folding import _romanisation_noise

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


def analyse(word: str) -> list[tuple[str, str]]:
    """(lemma, ending) candidates of a folded Russian word: the noun cases, and a relative
    adjective's stem, its dictionary form and the name it is made from.

    >>> ("gadrut", "e") in analyse("gadrute")
    True
    """
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
