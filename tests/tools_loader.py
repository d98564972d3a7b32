"""Load a script of ``tools/`` as a module for a test, without leaving the checkout on
``sys.path``: left there, every later import in the session and in the processes it spawns
(Dask's workers) would take the checkout's package, which has no compiled core after a
plain install."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def tool_paths() -> Iterator[None]:
    """``tools/`` and the checkout on ``sys.path`` (a tool imports ``district_names`` or
    ``tools.district_names``, and ``gazetteer``), and ``sys.path`` as it was afterwards."""
    saved = sys.path[:]
    sys.path[:0] = [str(ROOT / "tools"), str(ROOT)]
    try:
        yield
    finally:
        sys.path[:] = saved


def load_tool(filename: str, module_name: str) -> ModuleType:
    """``tools/<filename>`` as the module ``module_name``, imported within :func:`tool_paths`."""
    with tool_paths():
        spec = importlib.util.spec_from_file_location(module_name, ROOT / "tools" / filename)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
