"""Turkish morphology on folded text: Turkish case endings coincide with Azerbaijani
ones once folded (Hadrut'a, Füzuli'de, Cebrail'in), so one table serves both; see
:mod:`gazetteer.lang.az.morphology`.
"""

from __future__ import annotations

import os

from ..az.morphology import ENDINGS, CaseEndings, _possessives, analyse

__all__ = ["ENDINGS", "analyse", "inflect"]

# Generation differs: Turkish writes a proper name's ending after an apostrophe, harmonises
# a/e (not a/ə) and devoices d after a voiceless consonant (Hadrut'ta); lang/tr/case_endings.tsv.
TR_ENDINGS = CaseEndings(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "case_endings.tsv"),
    low=("a", "e"),
    apostrophe=True,
    devoice=True,
)


def inflect(name: str, ending: str, *, sound: str | None = None) -> str | None:
    """A Turkish case ending on a name, after an apostrophe; None where it cannot be written.

    >>> inflect("Hadrut", "'de"), inflect("Şuşa", "’e"), inflect("Gəncə", "'da")
    ("Hadrut'ta", 'Şuşa’ya', "Gəncə'de")
    """
    return TR_ENDINGS.inflect(name, ending, sound=sound, possessive=_possessives("tr"))
