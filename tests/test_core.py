"""gazetteer._core (the Rust crate, crates/gazetteer-core) gives what the Python reference gives.

The reference is gazetteer.text.folding (``fold``, ``skeleton``, ``romanise``) and
gazetteer.text.tokens (``tokens``); the compiled functions must agree on every input, checked
here on every code point, on generated text of the scripts we meet, and on every variant name
of the table.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
import unicodedata
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import _core
from gazetteer.text import folding
from gazetteer.text.tokens import tokens as py_tokens

# unidecode warns about each lone surrogate it drops ("will be ignored")
pytestmark = pytest.mark.filterwarnings("ignore:Surrogate character:RuntimeWarning")

ROOT = Path(__file__).resolve().parent.parent
# the reference: the Python fold without its cache (the module's ``fold`` may be the compiled one)
py_fold = getattr(folding, "_python_fold", folding.fold).__wrapped__
py_skeleton = folding.skeleton.__wrapped__
py_romanise = folding.romanise

# The tables in the crate come from this Python's unicodedata; on a Python with another
# Unicode version they differ on the characters added in between.
same_unicode = pytest.mark.skipif(
    unicodedata.unidata_version != _core.PYTHON_UNICODE_VERSION,
    reason=f"crate tables made with Unicode {_core.PYTHON_UNICODE_VERSION}, "
    f"this Python has {unicodedata.unidata_version}: run tools/make_core_tables.py",
)

CODE_POINTS = [cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]


def _quiet(f, *args):
    # unidecode warns about lone surrogates ("will be ignored")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return f(*args)


def _mismatches(f_ref, f_core, inputs, limit=20):
    bad = []
    for s in inputs:
        want, got = f_ref(s), f_core(s)
        if want != got:
            bad.append((s, want, got))
            if len(bad) >= limit:
                break
    return bad


# -- the generated tables ------------------------------------------------------------------


@same_unicode
def test_compiled_tables_are_generated_from_the_current_python_code():
    spec = importlib.util.spec_from_file_location("make_core_tables", ROOT / "tools" / "make_core_tables.py")
    if spec is None or not (ROOT / "crates").is_dir():
        pytest.skip("not a source checkout")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    committed = mod.OUT.read_text(encoding="utf-8")
    assert committed == mod.render(), "crates/gazetteer-core/src/tables.rs is stale: run tools/make_core_tables.py"


# -- fold ----------------------------------------------------------------------------------


@same_unicode
def test_every_code_point_alone_folds_as_in_python():
    inputs = [chr(cp) for cp in CODE_POINTS]
    assert _mismatches(py_fold, _core.fold, inputs) == []


@same_unicode
def test_every_code_point_between_letters_and_before_a_mark_folds_as_in_python():
    # context: composition with a following mark, Cyrillic digraphs, case, the y and gh rules
    inputs = [f"Дy{chr(cp)}\u0301ж{chr(cp)}h" for cp in CODE_POINTS if unicodedata.category(chr(cp)) != "Cn"]
    assert _mismatches(py_fold, _core.fold, inputs) == []


def test_every_variant_name_of_the_table_folds_as_in_python():
    with open(ROOT / "data" / "variants.csv", encoding="utf-8", newline="") as f:
        variants = [row["variant"] for row in csv.DictReader(f)]
    assert len(variants) > 100_000
    assert _mismatches(py_fold, _core.fold, variants) == []
    keys = [py_fold(v) for v in variants]
    assert (
        _mismatches(lambda k: _quiet_skeleton(py_skeleton, k), lambda k: _quiet_skeleton(_core.skeleton, k), keys) == []
    )
    assert _mismatches(py_tokens, _core.tokens, variants) == []


def test_known_names_fold_to_their_keys():
    assert _core.fold("Cəbrayıl") == "cabrayil"
    assert _core.fold("Джебраил") == "jebrail"
    assert _core.fold("Ստեփանակերտ") == "stepanakert"
    assert _core.fold("  Nagorno-Karabakh ") == "nagorno karabakh"
    assert _core.fold("Füzuli'de") == _core.fold("Füzuli’de") == "fuzulide"
    assert _core.fold("") == ""


def test_capitals_left_by_compatibility_decomposition_are_dropped_as_in_python():
    # NFKD turns ᴬ into A and № into No after fold has lowered the text: the reference
    # deletes those capitals (it does not lower again), and so must the port
    for s in ("ᴬ", "№ 5", "ℍ", "₨"):
        assert _core.fold(s) == py_fold(s)
    assert _core.fold("№ 5") == "o 5"


def test_lone_surrogates_fold_as_in_python():
    for s in ("\ud800", "a\udfffb", "д\ud83dж", "\ud83d\ude00x", "y\udc00"):
        assert _core.fold(s) == _quiet(py_fold, s), repr(s)


def test_very_long_inputs_fold_as_in_python():
    for s in ("Ağ" * 50_000, "ы" * 100_000, "y" * 10_000 + "ğh" * 10_000, "дж" * 30_000, "e\u0301" * 40_000):
        assert _core.fold(s) == py_fold(s)


# Pieces of the text we meet: letters of the five languages in both cases, the digraphs,
# apostrophes, separators, combining marks, invisible characters, emoji, digits.
LATIN = list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
AZ_TR = list("əƏǝƎıIİiğĞşŞçÇöÖüÜâîûxXqQ") + ["i\u0307", "gh", "ğh", "yy", "Y"]
CYRILLIC = [chr(cp) for cp in range(0x0400, 0x0530)] + ["дж", "Дж", "ДЖ", "дЖ"]
ARMENIAN = [chr(cp) for cp in range(0x0531, 0x058B)] + ["ու", "Ու", "ՈՒ", "ոՒ", "և"]
APOSTROPHES = list("'’‘ʼʻ`´′\"«»„“”")
SEPARATORS = list(" \t\n\r\x0b\x0c\x1c\x1f-‐‑‒–—_./,;:()[]!?#&*\u00a0\u2009\u3000")
MARKS = [chr(cp) for cp in range(0x0300, 0x0370)] + ["\u0483", "\u0591", "\u05c7", "\u0e49", "\u20dd", "\u302a"]
INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u202e"]
EMOJI = ["😀", "👍🏽", "🇦🇿", "👩\u200d👩\u200d👧", "🏳️\u200d🌈", "\U0001f1e6"]
OTHER = ["北京", "Αθήνα", "ΣΟΣ", "ß", "ﬁ", "Ⅻ", "²", "½", "ᴬ", "№", "㎞", "\u0378", "\U000e0001", "\U0010ffff"]

pieces = st.sampled_from(
    LATIN + AZ_TR + CYRILLIC + ARMENIAN + APOSTROPHES + SEPARATORS + MARKS + INVISIBLE + EMOJI + OTHER
)
mixed_text = st.lists(st.one_of(pieces, pieces, pieces, st.characters()), max_size=40).map("".join)


@same_unicode
@settings(max_examples=3000)
@given(mixed_text)
def test_mixed_script_text_folds_as_in_python(text):
    assert _core.fold(text) == py_fold(text)


@same_unicode
@settings(max_examples=1000)
@given(st.text())
def test_any_text_folds_as_in_python(text):
    assert _core.fold(text) == py_fold(text)


@same_unicode
@settings(max_examples=300)
@given(st.lists(st.one_of(pieces, st.characters(codec=None, categories=["Cs"])), max_size=20).map("".join))
def test_text_with_lone_surrogates_folds_as_in_python(text):
    assert _core.fold(text) == _quiet(py_fold, text)


@settings(max_examples=500)
@given(mixed_text)
def test_fold_is_idempotent(text):
    once = _core.fold(text)
    assert _core.fold(once) == once


# -- romanise, skeleton --------------------------------------------------------------------


@same_unicode
@settings(max_examples=1000)
@given(mixed_text)
def test_romanise_matches_python(text):
    assert _core.romanise(text) == py_romanise(text)


def _quiet_skeleton(f, key):
    try:
        return f(key)
    except IndexError:
        return IndexError


@settings(max_examples=2000)
@given(st.text(alphabet="abcdeghijkoqstuwxyz \x01\x02", max_size=30))
def test_skeleton_of_keys_matches_python(key):
    assert _quiet_skeleton(_core.skeleton, key) == _quiet_skeleton(py_skeleton, key)


@settings(max_examples=1000)
@given(mixed_text)
def test_skeleton_of_folded_text_matches_python(text):
    key = py_fold(text)
    assert _core.skeleton(key) == py_skeleton(key)


@pytest.mark.parametrize(
    "text",
    [
        "д\ud800ж",
        "\udfffabc\ud800",
        "ch\ud800ch",
        "\ud800\ud800y",
        "\U000f0000\ud800ջ",
        "ш\U000f07ff\U00100800\ud800\udbff",
    ],
)
def test_lone_surrogates_pass_through_romanise_and_skeleton_as_in_python(text):
    assert _core.romanise(text) == py_romanise(text)
    assert _core.skeleton(text) == py_skeleton(text)


@settings(max_examples=300)
@given(st.lists(st.one_of(pieces, st.characters(codec=None, categories=["Cs", "Co"])), max_size=20).map("".join))
def test_text_with_lone_surrogates_romanises_and_skeletonises_as_in_python(text):
    assert _core.romanise(text) == py_romanise(text)
    assert _quiet_skeleton(_core.skeleton, text) == _quiet_skeleton(py_skeleton, text)


def test_skeleton_of_only_y_raises_as_in_python():
    with pytest.raises(IndexError):
        py_skeleton("y y")
    with pytest.raises(IndexError):
        _core.skeleton("y y")


# -- tokens --------------------------------------------------------------------------------


@same_unicode
def test_every_code_point_splits_words_as_in_python():
    for joiner in ("", " ", "'", "’a", "_"):
        text = joiner.join(chr(cp) for cp in CODE_POINTS)
        assert _core.tokens(text) == py_tokens(text), repr(joiner)


@same_unicode
@settings(max_examples=2000)
@given(mixed_text)
def test_mixed_script_text_splits_words_as_in_python(text):
    assert _core.tokens(text) == py_tokens(text)


def test_token_offsets_count_code_points_around_surrogates_and_emoji():
    text = "\ud800Şuşa'da 😀 Ханкенди\udfff"
    assert _core.tokens(text) == py_tokens(text) == [(1, 8), (11, 19)]


def test_module_reports_its_unicode_version():
    assert _core.PYTHON_UNICODE_VERSION.count(".") == 2
    assert sys.modules["gazetteer._core"] is _core
