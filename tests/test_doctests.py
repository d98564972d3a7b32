"""The examples in the docstrings are true."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "gazetteer.text.folding",
        "gazetteer.text.scripts",
        "gazetteer.inflection",
        "gazetteer.scan.shapes",
        "gazetteer.lang.az.morphology",
        "gazetteer.lang.ru.morphology",
        "gazetteer.api",
        "gazetteer",
    ],
)
def test_docstring_examples(module, cache_dir):
    mod = importlib.import_module(module)
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{module} has no examples"
    assert result.failed == 0
