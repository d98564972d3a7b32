"""``Gazetteer.extract`` and ``normalise`` as the compiled methods a gazetteer puts in its
instance (``gazetteer._core.Calls``, crates/gazetteer-core/src/scan/calls.rs) give what the
Python methods give, keep a subclass's own methods, and let the gazetteer be collected."""

from __future__ import annotations

import gc
import weakref

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer

TEXTS = [
    "Shells hit Füzulidə and в Гадруте.",
    "Cəbrayıl, Джебраил.\r\n",
    "Peter Gabriel sang in Paris, then flew to Baku and Shusha.",
    "",
    "lone \ud800 surrogate beside Füzuli",
    "ARMENIA'S Stepanakert, Xankəndi and Khankendi",
]

_ALPHABET = st.sampled_from(["Baku", "Şuşa", "Füzulidə", "in", "the", " ", ", ", ".", "\n", "\ud800", "Ա", "x"])


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("naming", ["en", "az", "ru"])
def test_compiled_extract_gives_the_python_methods_records(gz, text, naming):
    assert gz.extract(text, naming=naming) == Gazetteer.extract(gz, text, naming=naming)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("mode", ["replace", "annotate"])
def test_compiled_normalise_gives_the_python_methods_text(gz, text, mode):
    for naming in ("en", "az"):
        got = gz.normalise(text, naming=naming, mode=mode)
        assert got == Gazetteer.normalise(gz, text, naming=naming, mode=mode)


@settings(max_examples=150, deadline=None)
@given(words=st.lists(_ALPHABET, max_size=12))
def test_compiled_methods_agree_with_python_on_generated_text(gz, words):
    text = "".join(words)
    assert gz.extract(text) == Gazetteer.extract(gz, text)
    assert gz.normalise(text) == Gazetteer.normalise(gz, text)


def test_extract_and_normalise_are_the_compiled_methods(gz):
    assert type(gz.extract).__name__ == "builtin_function_or_method"
    assert type(gz.normalise).__name__ == "builtin_function_or_method"


def test_a_subclass_keeps_its_own_extract(cache_dir):
    class Counting(Gazetteer):
        calls = 0

        def extract(self, text, *, naming="en"):
            Counting.calls += 1
            return super().extract(text, naming=naming)

    g = Counting.load()
    assert g.extract("Shells hit Füzulidə.")[0]["id"] == "fuzuli"
    assert Counting.calls == 1
    # (its normalise is the Python method too: the two are replaced together or not at all)
    assert g.normalise("Cəbrayıl.") == "Jabrayil."


def test_a_gazetteer_with_compiled_methods_is_collected(cache_dir):
    g = Gazetteer.load()
    extract = g.extract
    assert extract("Shells hit Füzulidə.")[0]["id"] == "fuzuli"
    gone = weakref.ref(g)
    del g
    gc.collect()
    # (a bound method held keeps its gazetteer, as a Python method's would)
    assert gone() is not None
    assert extract("Şuşa")[0]["id"] == "shusha"
    del extract
    gc.collect()
    assert gone() is None


def test_compiled_extract_refuses_what_the_python_method_refuses(gz):
    with pytest.raises(TypeError):
        gz.extract(b"Baku")
    with pytest.raises(TypeError):
        gz.extract("Baku", "en")  # (naming is keyword-only)
