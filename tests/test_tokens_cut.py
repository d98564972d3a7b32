"""The engine cuts a text into words as gazetteer.text.tokens does: the compiled
``_core.scan_parts`` against ``split_hashtags(join_invisibles(SPLIT.split(text)))``, on
hashtags (#CamelCase, #ALLCAPS, digits), soft hyphens, zero-width characters and mixed
scripts. The Python functions are the twin the compiled cut is held to."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import _core
from gazetteer.text.tokens import SPLIT, join_invisibles, split_hashtags


def python_parts(text: str) -> list[str]:
    return split_hashtags(join_invisibles(SPLIT.split(text)))


_WORDS = [
    "Karabakh", "Is", "Azerbaijan", "AZ", "HRW", "Report", "VISIT", "visit", "Şuşa", "ŞUŞA",
    "Füzuli", "Cəbrayıl", "Ağdam", "Шуша", "ШУША", "Карабах", "Ղարաբաղ", "ՂԱՐԱԲԱՂ", "Αθήνα",
    "ΣΟΣ", "2020", "1", "²", "٣", "①", "Ⅻ", "ǅ", "ß", "ﬁ", "İstanbul", "ıI", "ǈa", "ᴬ", "ª",
    "a", "A", "x1Y", "BBCNews", "iPhone", "McDonald", "北京", "Hadrut'a", "Füzuli’de", "Qarabağ`ın",
]  # fmt: skip
_GAPS = [
    "#", " #", "##", "#", " ", ", ", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060",
    "\u200b\u00ad", " \u200b", "#\u200b", "\u200b#", "-", "'", "’", "_", "\n", "\ufeff", "\u200e",
]  # fmt: skip
_piece = st.one_of(
    st.sampled_from(_WORDS), st.sampled_from(_GAPS), st.sampled_from(_GAPS), st.characters(codec="utf-8")
)
# (text with lone surrogates never reaches the cut: the engine declines it first)
tag_text = st.lists(_piece, max_size=30).map("".join)


@settings(max_examples=3000)
@given(tag_text)
def test_hashtags_and_invisibles_are_cut_as_in_python(text):
    assert _core.scan_parts(text) == python_parts(text)


@settings(max_examples=1000)
@given(st.text(st.characters(codec="utf-8")))
def test_any_text_is_cut_as_in_python(text):
    assert _core.scan_parts(text) == python_parts(text)


def test_hashtag_words_split_at_camel_case():
    assert _core.scan_parts("#KarabakhIsAzerbaijan #VisitAZ #HRWReport #BAKU Şu\u00adşa") == [
        "#", "Karabakh", "", "Is", "", "Azerbaijan", " #", "Visit", "", "AZ", " #", "HRW", "",
        "Report", " #", "BAKU", " ", "Şu\u00adşa", "",
    ]  # fmt: skip


def test_every_letter_and_digit_cuts_a_hashtag_as_in_python():
    # each letter or digit of Unicode between, before and after capitals, small letters
    # and digits: Python's isupper / islower / isdigit decide the cuts on both sides
    alnum = [chr(cp) for cp in range(sys.maxunicode + 1) if chr(cp).isalnum()]
    for at in range(0, len(alnum), 500):
        text = " ".join(f"#a{c}Bc #{c}Ab #A{c}b #1{c}A #{c}{c}a" for c in alnum[at : at + 500])
        assert _core.scan_parts(text) == python_parts(text), at
