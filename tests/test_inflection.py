"""gazetteer.inflection: lemma candidates of inflected names (on folded keys)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.inflection import MIN_STEM, lemmas
from gazetteer.text.folding import fold


@pytest.mark.parametrize(
    "surface, lemma, suffix",
    [
        ("Füzulidə", "fuzuli", "da"),
        ("Füzuli'de", "fuzuli", "de"),
        ("Cəbrayılın", "cabrayil", "in"),
        ("Şuşaya", "shusha", "ya"),
        ("Xankəndidən", "khankandi", "dan"),
        ("Hadrut'a", "hadrut", "a"),
        ("Ağdam'da", "agdam", "da"),
        ("Гадруте", "gadrut", "e"),
        ("Гадрутом", "gadrut", "om"),
        ("Физулинского", "fizuli", "skogo"),
        ("Шушинского", "shusha", "skogo"),
        ("Tərtərçayın", "tartarchai", "in"),
    ],
)
def test_lemma_found(surface, lemma, suffix):
    assert (lemma, suffix) in lemmas(fold(surface))


def test_only_last_word_is_inflected():
    out = lemmas(fold("Nagorno Karabakhda"))
    assert ("nagorno karabakh", "da") in out
    assert all(full.startswith("nagorno ") for full, _ in out)


def test_vowel_harmony_refuses_clashes():
    # "Tartare" is not Tartar + Turkic dative -e (last vowel a takes -a)
    assert ("tartar", "e") not in lemmas("tartare", russian=False)
    # a back suffix after a front last vowel
    assert ("gence", "da") not in lemmas("genceda", russian=False)
    # -un after an unrounded vowel
    assert ("shusha", "un") not in lemmas("shushaun", russian=False)


def test_switches():
    assert lemmas("fuzulida", turkic=False, russian=False) == ()
    assert ("fuzuli", "da") not in lemmas("fuzulida", turkic=False)
    assert ("gadrut", "om") not in lemmas("gadrutom", russian=False)


def test_short_stems_refused():
    assert all(len(full) >= MIN_STEM for full, _ in lemmas("badada"))
    assert ("ba", "da") not in lemmas("bada")


@settings(max_examples=100)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=25))
def test_lemmas_well_formed(key):
    key = " ".join(key.split())
    out = lemmas(key)
    fulls = [full for full, _ in out]
    assert len(fulls) == len(set(fulls))  # no duplicates
    assert key not in fulls  # never the key itself
    head = key.rpartition(" ")[0]
    for full, suffix in out:
        assert suffix and key.endswith(suffix) or suffix == "", (full, suffix)
        assert full.startswith(head)
