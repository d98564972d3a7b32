"""A village named like a word is rejected without a cue or a list only when its surface
*spells* a frequent word of its own script (gazetteer.wordlist.spelling, the lists
common_spellings.txt and ambiguous_spellings.txt), not when it merely folds like one:
"Арены" is a Russian word and "Areni", "Арени", "Արենի" fold like it; "Tug" is an English
word and "Tugh", "Туг" fold like it. Checked on a table of three villages, per language."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gazetteer.api import Gazetteer
from gazetteer.text.folding import fold
from gazetteer.wordlist import COMMON, COMMON_SPELLINGS, read_words, spelling, word_files

from .tabledata import HEADER, VARIANTS_HEADER

# three villages: one folded like a Russian word, one like an English word, one that is
# an Azerbaijani word as written (the word lists are the bundled ones)
ROWS = [
    "arenitest,Areni,village,AM,,39.72000,45.19000,,test:1,,,,Арени,Արենի",
    "tughtest,Tugh,village,AZ,,39.59000,47.06000,,test:2,,,Tuğ,Туг,Տող",
    "dolutest,Dolu,village,AZ,,40.10000,46.50000,,test:3,,,Dolu,Долу,",
]


@pytest.fixture(scope="module")
def gz(tmp_path_factory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("spelled")
    (folder / "places.csv").write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    (folder / "variants.csv").write_text(VARIANTS_HEADER + "\n", encoding="utf-8")
    return Gazetteer.load([folder / "places.csv"], replace=True, use_cache=False)


WORD_RULE = "a common word or a name of several places, without a cue or a list"


def _taken_for_words(gz: Gazetteer, text: str) -> dict[str, bool]:
    """Each candidate span: was it turned down by the rule on words? (A village that no
    rule turned down may still wait for another place to corroborate it.)"""
    return {r["text"]: r["reason"] == WORD_RULE for r in gz.explain(text)}


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("en", "The winery near Areni reopened on Monday.", {"Areni": False}),
        ("en", "The head of Tugh's school and a tug captain met.", {"Tugh's": False, "tug": False}),
        ("en", "A crew said Tug boats were idle.", {"Tug": True}),
        ("ru", "Он живёт в Арени с семьёй.", {"Арени": False}),
        ("ru", "Он видел стадион. Арены были пусты.", {"Арены": True}),
        ("ru", "Новостей из Туг нет.", {"Туг": False}),
        ("hy", "Ընտանիքը ապրում է Արենի գյուղից հեռու։", {"Արենի": False}),
        ("az", "Yağış yağdı. Dolu da yağdı.", {"Dolu": True}),
        ("az", "Hamı Tuğ və Dolu kəndlərinə getdi.", {"Tuğ": False, "Dolu": False}),
    ],
)  # fmt: skip
def test_a_village_is_a_word_only_as_spelled_in_its_script(gz: Gazetteer, lang: str, text: str, word: dict):
    got = _taken_for_words(gz, text)
    assert {k: got.get(k) for k in word} == word, (lang, got)


def test_folded_alike_but_spelled_apart():
    # the folded list flags all of these; the spelled list only the words
    common = frozenset(read_words(word_files()[COMMON]))
    spelled = frozenset(read_words(word_files()[COMMON_SPELLINGS]))
    for word, is_word in [
        ("Арены", True),
        ("Areni", False),
        ("Арени", False),
        ("Tug", True),
        ("Tugh", False),
        ("Туг", False),
    ]:
        assert fold(word) in common, word
        assert (spelling(word) in spelled) is is_word, word


@pytest.mark.parametrize(
    ("word", "spelled"),
    [
        ("Арены", "арены"),
        ("Tuğ", "tuğ"),
        ("Café", "cafe"),
        ("İstanbul", "istanbul"),
        ("Ёлка", "елка"),
        ("Tugh’s", "tugh's"),
    ],
)
def test_spelling_sets_case_and_accents_aside_and_keeps_the_letters(word: str, spelled: str):
    # (crates/gazetteer-core/src/scan/rules/spelling.rs holds the same cases)
    assert spelling(word) == spelled


_LETTERS = "AaIıİiŞşĞğƏəÜüÖöÇçEeÉéÈèÂâÑñЁёЕеАаРрНнЫыԱաՐրԵեՆնԻի’ʼ‘`' -"


@given(st.text(alphabet=_LETTERS, max_size=12) | st.text(max_size=12))
def test_the_compiled_spelling_is_the_python_spelling(word: str):
    """The engine's spelling of a word (rules/spelling.rs) is the key the word lists were
    written with (gazetteer.wordlist.spelling), for any text."""
    from gazetteer._core import spelling as compiled_spelling

    assert compiled_spelling(word) == spelling(word)


def test_the_compiled_spelling_is_the_python_spelling_on_the_tables_names(variants_rows):
    """... and on the names of the bundled table, in every script it holds."""
    from gazetteer._core import spelling as compiled_spelling

    for row in variants_rows[::7]:
        assert compiled_spelling(row["variant"]) == spelling(row["variant"]), row["variant"]


def test_plain_latin_keys_are_the_folds_of_the_ascii_spellings(gz):
    spelled = read_words(word_files()[COMMON_SPELLINGS])
    ascii_words = [w for w in spelled if w.isascii()][:: max(1, len(spelled) // 400)]
    assert ascii_words and all(gz.index.is_plain_latin_common_key(fold(w)) for w in ascii_words)
    other = [w for w in spelled if not w.isascii() and fold(w) not in {fold(a) for a in ascii_words}][:200]
    plain_folds = {fold(w) for w in spelled if w.isascii()}
    assert all(gz.index.is_plain_latin_common_key(fold(w)) == (fold(w) in plain_folds) for w in other)
