"""Hypothesis strategies of hostile running text for the engine's tests: names of the
table in other cases and with endings, filler words of every language, quotes, hyphens,
invisible and invalid characters, very long words."""

from __future__ import annotations

from hypothesis import strategies as st

_FILLER = [
    "the", "of", "in", "and", "village", "district", "region", "river", "President", "said",
    "FK", "club", "rayonu", "kəndi", "və", "ilə", "район", "села", "в", "и", "գյուղ", "և",
    "Group", "State", "University", "New", "poet", "ghazals", "beat", "2-0", "Peter", "Mirzoyan",
    "city", "town", "near", "from", "Qarabağ", "Neftçi", "football", "match",
    "Football", "Coach", "Futbol", "Gol", "drew", "1:1", "3 – 2", "ФК", "матч", "stadium", "at",
]  # fmt: skip
_ENDINGS = [
    "",
    "",
    "",
    "da",
    "də",
    "dan",
    "'de",
    "’da",
    "ın",
    "nin",
    "'s",
    "а",
    "е",
    "ом",
    "ում",
    "ի",
    "ից",
    "s",
    "ya",
    "ого",
    "ой",
]
_GAPS = [
    " ",
    " ",
    " ",
    ", ",
    " - ",
    "-",
    "–",
    "\u00a0",
    "\t",
    ". ",
    "\n",
    "\n\n",
    " «",
    "» ",
    ' "',
    '" ',
    " (",
    ") ",
    "\u200b",
    "\u00ad",
    " #",
]
_ODD = [
    "\ud800",
    "\udfff",
    "\x00",
    "\ufffd",
    "\u0301",
    "\U0001f600",
    "a" * 3000,
    "Ш" * 2000,
    "_",
    "’",
    "#KarabakhIsAzerbaijan",
]


def _cased(name: str, how: int) -> str:
    return (name, name.upper(), name.lower(), name.title(), name.capitalize())[how]


@st.composite
def texts(draw, names: list[str]) -> str:
    """A text of up to 14 pieces, each followed by a gap."""
    out = []
    for _ in range(draw(st.integers(1, 14))):
        kind = draw(st.integers(0, 9))
        if kind <= 4:
            word = _cased(draw(st.sampled_from(names)), draw(st.integers(0, 4))) + draw(st.sampled_from(_ENDINGS))
        elif kind <= 7:
            word = draw(st.sampled_from(_FILLER))
        elif kind == 8:
            word = draw(st.sampled_from(_ODD))
        else:
            word = draw(st.text(min_size=0, max_size=6))
        out.append(word + draw(st.sampled_from(_GAPS)))
    return "".join(out)
