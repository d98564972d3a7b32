"""The compiled engine's pre-filter of new words never drops a word a mention can start at.

A word the engine finds no mention can start at without asking Python (``surely_no``: a
word of neither Cyrillic nor Armenian letters that is no key, no first word of a longer
name, no possessive, and none of whose Turkic lemmas is a key) must be one the Python
answer, ``Vocabulary.classify``, says NO of and whose ``word_hits`` are none; and the
Turkic lemmas the engine computes in Rust must be ``gazetteer.inflection.word_lemmas``'s,
in the same order. Checked on words made from the table's own names (cut, extended,
inflected, re-cased: the words nearest to keys) and on every eval passage's words, as
written and lower-cased.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.cues import PREFIX_CUES, SUFFIX_CUES
from gazetteer.inflection import word_lemmas
from gazetteer.lang import LEXICON
from gazetteer.scan.engine import Engine, _Host
from gazetteer.scan.text_facts import Doc, lowercase_text
from gazetteer.scan.vocabulary import NO, Vocabulary
from gazetteer.text.folding import fold
from gazetteer.text.tokens import SPLIT

ROOT = Path(__file__).resolve().parent.parent

# endings of the languages and of English words, and letters a morphology may change
_TAILS = [
    "", "da", "də", "dan", "dən", "nda", "ndan", "daki", "ın", "in", "nin", "nun", "yın", "a", "ə",
    "ya", "yə", "na", "ı", "i", "u", "ü", "yi", "ni", "la", "lə", "ilə", "si", "su", "lar", "lər",
    "dir", "dək", "y", "yın", "ydan", "'s", "’s", "s", "es", "ed", "ing", "er", "ian", "ism", "ly",
    "'da", "’de", "e", "ov", "sky", "stan", "i", "ay", "ayın",
]  # fmt: skip


@pytest.fixture(scope="module")
def reference(gz) -> Vocabulary:
    return Vocabulary(gz.index)


@pytest.fixture(scope="module")
def engine(gz) -> Engine:
    return Engine(gz.index)


def _unsafe(reference: Vocabulary, engine: Engine, words) -> list[str]:
    """The words the engine would drop though a mention can start at them, or though they
    name something alone (the engine answers a pre-filtered word's hits, for the rules and
    its facts, as none)."""
    return [
        w for w in words if engine._core.surely_no(w) and (reference.classify(w) != NO or reference.word_hits(w)[0])
    ]


def _lemma_differences(engine: Engine, words) -> list[tuple]:
    bad = []
    for w in words:
        key = fold(w)
        want = [tuple(x) for x in word_lemmas(w, key)]
        got = [tuple(x) for x in engine._core.word_lemmas(w, key)]
        if want != got:
            bad.append((w, want, got))
    return bad


@st.composite
def _near_names(draw, words: list[str]) -> str:
    word = draw(st.sampled_from(words))
    cut = draw(st.integers(0, 3))
    if cut and len(word) > cut + 1:
        word = word[:-cut]
    word += draw(st.sampled_from(_TAILS))
    how = draw(st.integers(0, 3))
    return (word, word.lower(), word.upper(), word.capitalize())[how]


@settings(max_examples=1500, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_word_near_a_name_is_dropped_only_when_no_mention_starts_there(reference, engine, name_words, data):
    word = data.draw(_near_names(name_words))
    assert _unsafe(reference, engine, [word]) == []
    assert _lemma_differences(engine, [word]) == []


def test_every_name_word_and_its_endings_are_kept(reference, engine, name_words):
    """Every word of the table's names, and each with every ending, reaches Python."""
    words = [w + t for w in name_words[::5] for t in _TAILS[:30]]
    assert _unsafe(reference, engine, words) == []


def test_every_eval_word_is_dropped_only_when_no_mention_starts_there(reference, engine):
    words = set()
    for p in sorted((ROOT / "eval").glob("*/texts/*.txt")):
        text = p.read_text(encoding="utf-8")
        for t in (text, text.lower()):
            words.update(SPLIT.split(t)[1::2])
    assert words
    assert _unsafe(reference, engine, sorted(words)) == []
    assert _lemma_differences(engine, sorted(words)) == []


def test_plain_prose_is_mostly_decided_without_python(engine):
    """The point of the pre-filter: ordinary English words are decided in Rust."""
    prose = "The committee discussed quarterly earnings and shareholders approved dividends yesterday"
    words = prose.split()
    dropped = [w for w in words if engine._core.surely_no(w)]
    assert len(dropped) >= len(words) // 2


@pytest.mark.parametrize(
    "word",
    ["Baku", "Fuzulidə", "Azerbaijan's", "Shusha’s", "Baku`s", "s", "S", "Шуши", "Ստեփանակերտում", "New"],
)
def test_names_possessives_and_other_scripts_are_asked_of_python(engine, word):
    assert not engine._core.surely_no(word)


# -- the facts of plain words --------------------------------------------------------------

# words of the lists the facts read, each a word of one (cues, organisation, title, work
# and function words, prepositions), to be cut and extended as the names are
_CUE_WORDS = sorted(
    w
    for w in frozenset().union(
        SUFFIX_CUES, PREFIX_CUES, LEXICON.org_words, LEXICON.org_words_any_case, LEXICON.person_titles,
        LEXICON.artist_titles, LEXICON.work_words, LEXICON.function_words, LEXICON.sports_words,
        LEXICON.work_prepositions, LEXICON.venue_prepositions, LEXICON.locative_prepositions,
    )
    if w and " " not in w
)  # fmt: skip

_PROSE = (
    "The President said on Tuesday that shares of General Motors rose 3 pct in NEW YORK and "
    "the talks in Geneva with OPEC ministers of oil would go on, said a spokesman for the group "
    "near the river in the district of the region by the poet whose ghazals and poems FK Club "
    "stadium match coach Group Airlines University State village city town from at of by "
    "OPEC's Bundesbank's SDR'S Baku's Qarabağ’s Armenia`s"
)


def _facts_differences(reference: Vocabulary, engine: Engine, words) -> list[tuple]:
    host = _Host(reference)
    bad = []
    for w in words:
        got = engine._core.plain_facts(w)
        if got is not None and tuple(got) != tuple(host.facts(w)):
            bad.append((w, tuple(host.facts(w)), tuple(got)))
    return bad


def test_plain_facts_are_the_python_facts_on_prose_and_eval_words(reference, engine):
    words = set(_PROSE.split())
    for w in list(words):
        words.update((w.lower(), w.upper(), w.capitalize(), w + "s", w + "da", w + "ın"))
    for p in sorted((ROOT / "eval").glob("*/texts/*.txt")):
        words.update(SPLIT.split(p.read_text(encoding="utf-8"))[1::2])
    made = [w for w in sorted(words) if engine._core.plain_facts(w) is not None]
    assert len(made) > 100  # the engine does make facts itself
    assert _facts_differences(reference, engine, sorted(words)) == []


@settings(max_examples=1500, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_plain_facts_of_words_near_names_and_cues_are_the_python_facts(reference, engine, name_words, data):
    word = data.draw(
        st.one_of(_near_names(name_words), _near_names(_CUE_WORDS), st.from_regex(r"[A-Za-z0-9]{1,9}", fullmatch=True))
    )
    assert _facts_differences(reference, engine, [word]) == []


# -- whether a text is lower-case ----------------------------------------------------------

_OPENINGS = [
    "the", "The", "Baku", "baku", "shusha", "Mr.", "U.S.", "Dr. Aliyev", "e.g.", "Ş.", "ş.", "şuşa", "Şuşa",
    "ölkə", "Ölkə", "в", "В", "Шуша", "шуша", "Ստեփանակերտ", "ստեփանակերտ", "1993", "«Qarabağ»", "it's",
    "Q'uba", "ǅ", "ǆemal", "ＡＢＣ", "ß", "_x", "x_y", "½", "٣",
]  # fmt: skip
_BREAKS = [
    " ",
    ". ",
    "! ",
    "? ",
    "… ",
    "։ ",
    "。 ",
    "\n",
    "\n\n",
    "\n \t\n",
    ".\n",
    ", ",
    ". . ",
    ".  ",
    "\u00a0",
    ".\u2028",
]


@settings(max_examples=600, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.tuples(st.sampled_from(_OPENINGS), st.sampled_from(_BREAKS)), max_size=25))
def test_lowercase_text_is_the_reference_on_generated_text(reference, engine, parts):
    text = "".join(w + b for w, b in parts)
    got = engine._core.lowercase_text(text)
    if got is not None:
        from gazetteer.text.tokens import join_invisibles, split_hashtags

        split = split_hashtags(join_invisibles(SPLIT.split(text)))
        assert got == lowercase_text(Doc(text, split, split[1::2]), reference)


def test_lowercase_text_is_the_reference_on_eval_passages(reference, engine):
    from gazetteer.text.tokens import join_invisibles, split_hashtags

    decided = 0
    for p in sorted((ROOT / "eval").glob("*/texts/*.txt")):
        text = p.read_text(encoding="utf-8")
        for t in (text, text.lower(), text.upper()):
            got = engine._core.lowercase_text(t)
            if got is not None:
                decided += 1
                split = split_hashtags(join_invisibles(SPLIT.split(t)))
                assert got == lowercase_text(Doc(t, split, split[1::2]), reference), p
    assert decided > 100
