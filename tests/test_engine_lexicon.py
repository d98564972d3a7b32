"""What the compiled engine decides by itself of a Latin-script word
(crates/gazetteer-core/src/scan/lexicon.rs) is the Python answer: its facts from the
language word lists (and ``plain_facts``) are ``word_facts``, field for field; what it
alone names, from the keys and the variant table built with the index, is
``Vocabulary.word_hits`` (the same variant ids in the same order, method and ending), and
its verdict ``Vocabulary.classify``.

Checked on words near the table's names and the word lists' words (cut, extended with
the languages' endings and possessives, re-cased), on words of every Latin letter the
engine reads itself, and on every distinct word of the eval passages as written,
lower-cased and upper-cased.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.scan.engine import Engine, _Host
from gazetteer.scan.vocabulary import Vocabulary
from gazetteer.scan.word_facts import lexicon_tables
from gazetteer.text.tokens import SPLIT

ROOT = Path(__file__).resolve().parent.parent

_TAILS = [
    "", "da", "də", "dan", "dən", "nda", "ndan", "daki", "ın", "in", "nin", "nun", "a", "ə", "ya",
    "yə", "ı", "i", "u", "ü", "ni", "la", "lə", "ilə", "si", "su", "lar", "lər", "ları", "ları",
    "larına", "ləri", "nın", "'s", "’s", "ʼs", "`s", "'da", "’nın", "s", "es", "ed", "ing", "er",
    "yan", "ov", "ova", "skaya", "skogo", "zade",
]  # fmt: skip

# the Latin letters the engine reads itself, and a few beside them it must not
_LETTERS = [chr(c) for c in range(0x00C0, 0x0250)] + [
    "ə",
    "Ə",
    "ẞ",
    "ạ",
    "Ỳ",
    "ǅ",
    "ª",
    "µ",
    "Ω",
    "ш",
    "ա",
    "ﬓ",
    "1",
    "_",
]


@pytest.fixture(scope="module")
def reference(gz) -> Vocabulary:
    return Vocabulary(gz.index)


@pytest.fixture(scope="module")
def host(reference) -> _Host:
    return _Host(reference)


@pytest.fixture(scope="module")
def engine(gz) -> Engine:
    return Engine(gz.index)


@pytest.fixture(scope="module")
def list_words() -> list[str]:
    """Every one-word entry of the lists the facts read, as data holds it."""
    words: set[str] = set()
    for table in lexicon_tables().values():
        if isinstance(table, (frozenset, set, dict)):
            words.update(w for w in table if w and " " not in w)
    return sorted(words)


def _differences(host: _Host, engine: Engine, words) -> tuple[list[tuple], int]:
    """(word, Python facts, engine facts) where the two differ, and how many words the
    engine made itself."""
    bad, made = [], 0
    for w in words:
        got = engine._core.own_facts(w)
        if got is None:
            continue
        made += 1
        want = tuple(host.facts(w))
        if tuple(got) != want:
            bad.append((w, want, tuple(got)))
    return bad, made


def _shapes(word: str) -> list[str]:
    return [word, word.lower(), word.upper(), word.capitalize()]


@st.composite
def _near(draw, words: list[str]) -> str:
    word = draw(st.sampled_from(words))
    cut = draw(st.integers(0, 3))
    if cut and len(word) > cut + 1:
        word = word[:-cut]
    word += draw(st.sampled_from(_TAILS))
    return draw(st.sampled_from(_shapes(word)))


@settings(max_examples=2000, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_facts_of_words_near_names_and_list_words_are_the_python_facts(host, engine, name_words, list_words, data):
    word = data.draw(st.one_of(_near(name_words), _near(list_words)))
    assert _differences(host, engine, [word])[0] == []


@settings(max_examples=1000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(word=st.text(st.sampled_from(_LETTERS + list("aAzZ'’")), min_size=1, max_size=6))
def test_facts_of_words_of_any_latin_letters_are_the_python_facts(host, engine, word):
    assert _differences(host, engine, [word])[0] == []


def test_every_list_word_with_every_ending_has_the_python_facts(host, engine, list_words):
    words = [s for w in list_words for t in _TAILS[::3] for s in _shapes(w + t)]
    bad, made = _differences(host, engine, words)
    assert bad == []
    assert made > len(words) // 2  # most are Latin-script, made by the engine


def test_every_eval_word_has_the_python_facts(host, engine):
    words: set[str] = set()
    for p in sorted((ROOT / "eval").glob("*/texts/*.txt")):
        text = p.read_text(encoding="utf-8")
        for t in (text, text.lower(), text.upper()):
            words.update(SPLIT.split(t)[1::2])
    bad, made = _differences(host, engine, sorted(words))
    assert bad == []
    assert made > len(words) // 3


@pytest.mark.parametrize("word", ["Шуша", "Ստեփանակերտ", "ǅemal", "Bakuª", "x_y", "ﬓ"])
def test_words_beyond_latin_letters_are_asked_of_python(engine, word):
    assert engine._core.own_facts(word) is None


# -- what a word alone names, and whether a mention can start at it ------------------------


def _hit_differences(reference: Vocabulary, engine: Engine, words) -> tuple[list[tuple], int]:
    """(word, Python answer, engine answer) where the two differ, and how many words the
    engine decided itself."""
    bad, made = [], 0
    for w in words:
        got = engine._core.own_classify(w)
        if got is None:
            continue
        made += 1
        ids, method, suffix = reference.word_hits(w)
        want = (reference.classify(w), (tuple(ids), method, suffix) if ids else None)
        verdict, hit = got
        got = (verdict, (tuple(hit[0]), hit[1], hit[2]) if hit else None)
        if got != want:
            bad.append((w, want, got))
    return bad, made


@settings(max_examples=3000, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_what_a_word_near_a_name_names_is_the_python_answer(reference, engine, name_words, list_words, data):
    word = data.draw(st.one_of(_near(name_words), _near(list_words)))
    assert _hit_differences(reference, engine, [word])[0] == []


def test_every_name_word_with_endings_names_what_python_says(reference, engine, name_words):
    words = [s for w in name_words[::3] for t in _TAILS[::2] for s in _shapes(w + t)]
    bad, made = _hit_differences(reference, engine, words)
    assert bad == []
    assert made > len(words) // 2


def test_every_eval_word_names_what_python_says(reference, engine):
    words: set[str] = set()
    for p in sorted((ROOT / "eval").glob("*/texts/*.txt")):
        text = p.read_text(encoding="utf-8")
        for t in (text, text.lower(), text.upper()):
            words.update(SPLIT.split(t)[1::2])
    bad, made = _hit_differences(reference, engine, sorted(words))
    assert bad == []
    assert made > len(words) // 3


@settings(max_examples=800, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(word=st.text(st.sampled_from(_LETTERS + list("aAsSzZ'’")), min_size=1, max_size=6))
def test_words_of_any_latin_letters_name_what_python_says(reference, engine, word):
    assert _hit_differences(reference, engine, [word])[0] == []


# -- the word lists of the index, and organisations' names among a word's lemmas ------------


@pytest.fixture(scope="module")
def listing_engine(reference):
    """An engine that reads the word lists whole at the first question."""
    from gazetteer import _core
    from gazetteer.scan.weights import SMALL_CACHE, VOCABULARY_CACHE, WORD_HITS_CACHE

    host = _Host(reference)
    host.lexicon = {**host.lexicon, "word_lists_after": 0}
    return _core.Engine(host, VOCABULARY_CACHE, SMALL_CACHE, WORD_HITS_CACHE)


def _answer_differences(reference: Vocabulary, core, words) -> tuple[list[tuple], int]:
    from gazetteer.scan.word_facts import org_name_lemma
    from gazetteer.text.folding import fold

    bad, made = [], 0
    for w in words:
        key = fold(w)
        flags, org = core.own_word_answers(w, key)
        made += flags is not None
        if flags is not None and flags != reference.key_flags(key):
            bad.append((w, "key_flags", reference.key_flags(key), flags))
        if org is not None and org != org_name_lemma(w, key):
            bad.append((w, "org_name_lemma", org_name_lemma(w, key), org))
    return bad, made


def test_word_list_flags_and_org_lemmas_are_the_python_answers(reference, listing_engine, name_words, list_words):
    from gazetteer.lang import LEXICON

    words = [
        s for w in name_words[::4] + list_words + sorted(LEXICON.org_names) for t in _TAILS[::4] for s in _shapes(w + t)
    ]
    words += ["new york", "the", "bank", "kabul", "sus", "a b", "  x  y ", "bank of america"]
    bad, made = _answer_differences(reference, listing_engine, words)
    assert bad == []
    assert made > len(words) // 2


def test_every_eval_word_has_the_python_word_list_flags(reference, listing_engine):
    words: set[str] = set()
    for p in sorted((ROOT / "eval").glob("*/texts/*.txt")):
        words.update(SPLIT.split(p.read_text(encoding="utf-8").lower())[1::2])
    assert _answer_differences(reference, listing_engine, sorted(words))[0] == []


def test_the_word_lists_are_read_only_after_many_questions(gz):
    """A short text never pays for reading the common words whole: the first questions
    are the index's."""
    engine = Engine(gz.index)
    assert engine._core.own_word_answers("Baku", "baku")[0] is None
    engine.scan("Shelling was reported in Shusha and Fuzuli, the ministry in Baku said.")
    assert engine._core.own_word_answers("Baku", "baku")[0] is None
