"""Turkish morphology on folded text: Turkish case endings coincide with Azerbaijani
ones once folded (Hadrut'a, Füzuli'de, Cebrail'in), so one table serves both; see
:mod:`gazetteer.lang.az.morphology`.
"""

from __future__ import annotations

from ..az.morphology import ENDINGS, analyse

__all__ = ["ENDINGS", "analyse"]
