"""gazetteer: find place names of the Karabakh region in text, in any spelling.

>>> from gazetteer import Gazetteer
>>> gz = Gazetteer.load()
>>> gz.lookup("Füzulidə").name
'Fuzuli'
"""

from __future__ import annotations

# typing.TYPE_CHECKING without importing typing (8 ms): `import gazetteer` and the
# folding functions start without it; type checkers read this name as True
TYPE_CHECKING = False

__all__ = ["Gazetteer", "Match", "GazetteerError", "DataError", "UsageError", "fold", "skeleton"]
__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .api import Gazetteer, Match
    from .errors import DataError, GazetteerError, UsageError
    from .text.folding import fold, skeleton

_LAZY = {
    "Gazetteer": "api",
    "Match": "api",
    "GazetteerError": "errors",
    "DataError": "errors",
    "UsageError": "errors",
    "fold": "text.folding",
    "skeleton": "text.folding",
}


def __getattr__(name: str):
    """Import on first use: the CLI starts without loading what a command does not need."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gazetteer' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
