"""English morphology of names: the only ending a place name takes is the possessive clitic
('s, or a bare apostrophe after s), which attaches to any noun phrase whatever its origin
(Wikipedia "English possessive", https://en.wikipedia.org/wiki/English_possessive).
"""

from __future__ import annotations

from ...text.scripts import script
from ...text.tokens import APOSTROPHES

__all__ = ["inflect", "is_possessive"]


def is_possessive(ending: str) -> bool:
    """Is a written ending the English possessive ('s, ’s, or a lone apostrophe)?"""
    return ending[:1] in APOSTROPHES and ending[1:].lower() in ("s", "")


def inflect(name: str, ending: str) -> str | None:
    """``name`` with the possessive ``ending`` as written; None for any other ending, or a name
    not in the Latin alphabet (an English possessive on Шуша is no form of anything).

    >>> inflect("Şuşa", "'s"), inflect("Шуша", "'s"), inflect("Şuşa", "da")
    ("Şuşa's", None, None)
    """
    if not is_possessive(ending) or not name[-1:].isalpha() or script(name) != "latin":
        return None
    return name + ending
