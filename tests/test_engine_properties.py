"""Properties of the compiled scanning engine on any text.

The engine's answers must not depend on what it scanned before (its caches), the offsets
of every mention slice the text to the mention's surface, mentions come in order without
overlap, and a text holding lone surrogates (which no UTF-8 holds) is read as the same
text with U+FFFD in their place, at the same offsets. Checked on every passage of
``eval/*/texts`` (as written, lower-cased, line by line) and on generated text with names
of the table injected in other cases, with endings, quotes, invisible and invalid
characters and very long words.

(Until issue 15 removed it, the Python Scanner was the reference the engine had to match
mention for mention; its last comparison, on 35,180 texts, found no difference. The
word-level answers the engine makes without Python are still held to Python's in
tests/test_engine_prefilter.py.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.scan.engine import Engine

from .text_strategies import texts

ROOT = Path(__file__).resolve().parent.parent
# running text is matched by exact, folded and inflected names only, never loosely
METHODS = {"folded", "inflection"}


def _passages(base: Path) -> list[Path]:
    return sorted(base.glob("*/texts/*.txt"))


@pytest.fixture(scope="module")
def engine(gz) -> Engine:
    return Engine(gz.index)


def _records(mentions) -> list[tuple]:
    return [tuple(getattr(m, f) for f in m.__slots__) for m in mentions]


def _well_formed(text: str, mentions) -> list[str]:
    """What is wrong with a text's mentions (nothing: an empty list)."""
    bad, end = [], 0
    for m in mentions:
        if text[m.start : m.end] != m.text:
            bad.append(f"{m.start}:{m.end} slices to {text[m.start : m.end]!r}, not {m.text!r}")
        if m.start < end or m.end <= m.start:
            bad.append(f"{m.start}:{m.end} overlaps or precedes the mention before")
        if m.method not in METHODS or not m.candidates or m.place not in {c.place for c in m.candidates}:
            bad.append(f"{m.text!r}: method {m.method!r}, place {m.place} among {m.candidates}")
        end = m.end
    return bad


def _eval_texts() -> list[tuple[str, str]]:
    texts = []
    for p in _passages(ROOT / "eval"):
        text = p.read_text(encoding="utf-8")
        texts += [(str(p), text), (f"{p} lowered", text.lower())]
        texts += [(f"{p}:{n + 1}", line) for n, line in enumerate(text.splitlines()) if line.strip()]
    return texts


def test_eval_passages_give_well_formed_mentions(engine):
    texts = _eval_texts()
    assert texts, "no passages under eval/"
    found = 0
    for name, text in texts:
        mentions = engine.scan(text)
        found += len(mentions)
        assert _well_formed(text, mentions) == [], name
    assert found > 1000


def test_answers_do_not_depend_on_what_was_scanned_before(gz):
    """A fresh engine (every cache cold), the same engine again (every cache warm) and one
    that scanned the texts in the other order find the same mentions."""
    texts = _eval_texts()
    cold = [_records(Engine(gz.index).scan(t)) for _, t in texts[:40]]
    engine = Engine(gz.index)
    first = [_records(engine.scan(t)) for _, t in texts]
    again = [_records(engine.scan(t)) for _, t in texts]
    backwards = Engine(gz.index)
    reverse = [_records(backwards.scan(t)) for _, t in reversed(texts)][::-1]
    assert first == again == reverse
    assert cold == first[:40]


def test_caches_too_small_for_one_text_give_the_same_mentions(gz, engine):
    """The engine keeps what it learnt of a word (verdict, fold, facts, hits) by an id it
    gives the word, and empties its tables when a text would overfill them: with bounds
    far below one passage's words, every text starts over with new ids, mid-run."""
    from gazetteer import _core
    from gazetteer.scan.engine import _Host

    tiny = _core.Engine(_Host(engine.vocabulary), 40, 8, 8)
    texts = _eval_texts()
    want = [_records(engine.scan(t)) for _, t in texts]
    assert [_records(tiny.scan(t)) for _, t in texts] == want
    assert [_records(tiny.scan(t)) for _, t in reversed(texts)] == want[::-1]


def test_all_passages_as_one_long_text_give_the_mentions_of_a_big_file(engine):
    """One text of every passage, as the CLI scans a big file: well formed, and each
    mention's surface a name the passages hold."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in _passages(ROOT / "eval"))
    mentions = engine.scan(text)
    assert len(mentions) > 500
    assert _well_formed(text, mentions) == []


@pytest.fixture(scope="module")
def names(variants_rows) -> list[str]:
    texts = sorted({r["variant"] for r in variants_rows if r["variant"]})
    step = max(1, len(texts) // 3000)
    return texts[::step]


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_generated_text_with_names_gives_well_formed_mentions(engine, names, data):
    text = data.draw(texts(names))
    assert _well_formed(text, engine.scan(text)) == []


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_lone_surrogates_read_as_replacement_characters_at_the_same_offsets(engine, names, data):
    text = data.draw(texts(names)) + data.draw(st.sampled_from(["\ud800", "\udfff", "x\udc00y"]))
    readable = re.sub("[\ud800-\udfff]", "\ufffd", text)
    mentions = engine.scan(text)
    assert _records(mentions) == _records(engine.scan(readable))
    assert _well_formed(text, mentions) == []


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_any_text_gives_well_formed_mentions(engine, text):
    assert _well_formed(text, engine.scan(text)) == []


def test_text_without_words_gives_no_mentions(engine):
    assert engine.scan("") == []
    assert engine.scan(" ,.;\n\t\u200b") == []
