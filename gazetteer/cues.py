"""Words around a name that say what kind of place it is.

All entries are folded forms (see :func:`gazetteer.text.folding.fold`); the words
themselves are language data, in ``gazetteer/lang/<code>/cues_*.txt``. A cue both
confirms that a name is a place (so "Gabriel region" is Jabrayil, "Peter Gabriel"
is not) and tells which of two same-name places is meant ("Fuzuli district" is the
district, "the city of Fuzuli" the town).
"""

from __future__ import annotations

from . import early
from .lang import LEXICON

__all__ = [
    "KIND_GROUPS",
    "VILLAGE_KINDS",
    "CLUB_KINDS",
    "SUFFIX_CUES",
    "PREFIX_CUES",
    "RU_PREPOSITIONS",
    "SURNAME_ENDINGS",
    "cue_after",
    "cue_before",
    "prior",
]

ADMIN = frozenset({"district", "region"})
SETTLEMENT = frozenset({"city", "town", "village", "community"})
# kinds the scanner treats as a village: weak evidence without a cue (a community is an
# Armenian municipality named after its main village; table kind "community", issue 13)
VILLAGE_KINDS = frozenset({"village", "community"})
# kinds a football club is named after: in football copy, "Qarabağ" without a cue is the club
CLUB_KINDS = frozenset({"region", "city", "town", "district"})
KIND_GROUPS = {
    "admin": ADMIN,
    "settlement": SETTLEMENT,
    "river": frozenset({"river"}),
    "mountain": frozenset({"mountain", "pass"}),
    "water": frozenset({"lake", "reservoir"}),
    "landmark": frozenset({"landmark"}),
    "country": frozenset({"country"}),
    # "the Araz", "the Caucasus", "the Netherlands": English puts an article before
    # rivers, ranges, regions and some countries, never before a town or village.
    "article": frozenset({"river", "mountain", "pass", "lake", "reservoir", "region", "landmark", "country"}),
    # a direction from a place ("south of Hadrut", "Cebrail'in güneyinden", "южнее Гадрута")
    # says it is a place, not which kind
    "place": frozenset(
        {"country", "region", "district", "city", "town", "village", "community", "river", "mountain", "pass", "lake"}
        | {"reservoir", "landmark"}
    ),
    # where one comes from ("native of Yeraskh", "уроженец Ерасха", "Şuşa doğumlu"): a
    # settlement or an area, never a river or a mountain
    "origin": ADMIN | SETTLEMENT | frozenset({"country"}),
}

# Cue words that follow the name: "Fuzuli district", "Füzuli rayonu", "Cebrail bölgesi";
# cue phrases that precede it: "the city of Fuzuli", "villages of Gabriel", "г. Шуша".
# Folded word or phrase -> group, from gazetteer/lang/<code>/cues_after_<group>.txt and
# cues_before_<group>.txt.
SUFFIX_CUES: dict[str, str] = LEXICON.cues.suffix
PREFIX_CUES: dict[str, str] = LEXICON.cues.prefix

# Russian prepositions a query may start with (lang/ru/prepositions.txt).
RU_PREPOSITIONS = LEXICON.prepositions

# Family-name endings: a place name with one of these is a person (Lachinov, Fuzuliyev,
# Jabrayilova, Ganjavi, Shushinsky, Gandzakyan); lang/<code>/surname_endings.txt.
SURNAME_ENDINGS = LEXICON.surname_endings


def cue_after(word: str) -> str | None:
    return SUFFIX_CUES.get(word)


def cue_before(words: list[str]) -> str | None:
    """Group of a prefix cue ending just before the name (``words`` are folded, in order)."""
    for n in (3, 2, 1):
        if len(words) >= n:
            group = PREFIX_CUES.get(" ".join(words[-n:]))
            if group:
                return group
    return None


def prior(score: float, kind: str, importance: float, vtype: str, needs_context: bool, group: str | None) -> float:
    """What candidates are sorted by (early.prior), with a cue group's name (KIND_GROUPS)
    or None for no cue: the matcher's and the scanner's ranking (here, so that the
    scanner ranks without importing the matcher)."""
    return early.prior(score, kind, importance, vtype, needs_context, None if group is None else KIND_GROUPS[group])
