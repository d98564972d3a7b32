"""gazetteer.text: the one tokenizer, apostrophe and quote sets, and script detector."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from gazetteer.text.folding import fold
from gazetteer.text.scripts import has_latin, is_cyrillic, script
from gazetteer.text.tokens import APOSTROPHE, APOSTROPHES, CLOSE_QUOTES, OPEN_QUOTES, SPLIT, tokens, words

PACKAGE = Path(__file__).resolve().parent.parent / "gazetteer"


def test_an_apostrophe_between_letters_stays_in_the_word():
    text = "Hadrut'a, Füzuli’de, Qarabağ`ın and Khach' (ʼ) o'"
    # (ʼ, the modifier letter apostrophe, is a letter by itself: Unicode class Lm)
    assert words(text) == ["Hadrut'a", "Füzuli’de", "Qarabağ`ın", "and", "Khach", "ʼ", "o"]
    assert [text[a:b] for a, b in tokens(text)] == words(text)


def test_split_gives_gaps_and_words():
    parts = SPLIT.split("«Шуша», Lachin-Khankendi")
    assert parts[1::2] == ["Шуша", "Lachin", "Khankendi"]
    assert parts[0::2] == ["«", "», ", "-", ""]


def test_apostrophes_are_folded_away_and_split_a_word():
    for a in APOSTROPHES:
        assert fold(f"Füzuli{a}de") == "fuzulide"
        assert APOSTROPHE.split(f"FK{a}nın") == ["FK", "nın"]


def test_quotes():
    assert {"«", "“", "„", '"', "‹", "‚", "‘", "'"} == OPEN_QUOTES
    assert {"»", "”", '"', "›", "’", "“", "'"} == CLOSE_QUOTES


def test_script_of_the_first_letter():
    assert script("Füzulidə") == "latin"
    assert script("əli") == "latin"
    assert script("ẋ") == "latin"
    assert script("«Шуша»") == "cyrillic"
    assert script("Ստեփանակերտ") == "armenian"
    assert script("თბილისი") == "other"
    assert script("2020 - ") == ""
    assert is_cyrillic("Gorisа")  # a Cyrillic а inside a Latin word
    assert not is_cyrillic("Goris")
    assert has_latin("Шуша Lachin") and not has_latin("Шуша")


@given(st.text())
def test_tokens_are_words(text):
    spans = tokens(text)
    assert [text[a:b] for a, b in spans] == words(text) == SPLIT.split(text)[1::2]
    for a, b in spans:
        assert text[a].isalnum() and text[b - 1].isalnum()


def test_no_copies_of_the_apostrophe_class_or_script_ranges_left():
    """The word regex, the apostrophe class and the script ranges are written once, in
    gazetteer/text (the compiled core has its own, tested against these)."""
    copies = re.compile(r"\[\^\\W_\]|['\"]['’ʼ`]{3,}|\\u0400-\\u04ff|\\u0530-\\u058f")
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "text":
            continue
        found = copies.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path.relative_to(PACKAGE)}: {found}"
