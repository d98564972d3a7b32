"""gazetteer: find place names of the Karabakh region in text, in any spelling.

>>> from gazetteer import Gazetteer
>>> gz = Gazetteer.load()
>>> gz.lookup("Füzulidə").name
'Fuzuli'
"""

from __future__ import annotations

from .api import Gazetteer, Match
from .errors import DataError, GazetteerError, UsageError
from .folding import fold, skeleton

__all__ = ["Gazetteer", "Match", "GazetteerError", "DataError", "UsageError", "fold", "skeleton"]
__version__ = "0.1.0"
