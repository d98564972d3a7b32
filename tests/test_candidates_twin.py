"""The compiled candidate finder and its pure-Python twin (gazetteer/scan/candidates.py)
find the same candidate spans, with the same variants, method and ending, in the same
order: on every eval passage (as written, lower-cased, line by line) and on generated
text with names of the table in other cases, with endings, joined by spaces and hyphens,
next to quotes, invisible and invalid characters.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.scan.candidates import Candidate, candidates
from gazetteer.scan.engine import Engine

from .text_strategies import texts

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def engine(gz) -> Engine:
    return Engine(gz.index)


def _compiled(engine: Engine, text: str) -> list[Candidate]:
    return [Candidate(*c) for c in engine._core.candidates(text)]


def _python(engine: Engine, text: str) -> list[Candidate]:
    return candidates(engine.vocabulary, text)


def test_a_multi_word_name_gives_its_longest_reading_first_then_the_word_alone(engine):
    text = "Convoys crossed the Lachin corridor and reached Dağlıq Qarabağda, then Физулинского района."
    found = _python(engine, text)
    spans = [text[c.start : c.end] for c in found]
    assert spans.index("Lachin corridor") < spans.index("Lachin")
    assert "Dağlıq Qarabağda" in spans
    assert "Физулинского района" in spans
    inflected = found[spans.index("Dağlıq Qarabağda")]
    assert inflected.method == "inflection" and inflected.suffix
    assert _compiled(engine, text) == found


def test_every_eval_passage_gives_the_same_candidates(engine):
    texts = []
    for p in sorted((ROOT / "eval").glob("*/texts/*.txt")):
        text = p.read_text(encoding="utf-8")
        texts += [(str(p), text), (f"{p} lowered", text.lower())]
        texts += [(f"{p}:{n}", line) for n, line in enumerate(text.splitlines()) if line.strip()]
    assert texts
    found = 0
    for name, text in texts:
        want = _python(engine, text)
        found += len(want)
        assert _compiled(engine, text) == want, name
    assert found > 1000


@pytest.fixture(scope="module")
def names(variants_rows) -> list[str]:
    # multi-word names most of all: the runs, prefixes and declined pairs are the finder's work
    texts = sorted({r["variant"] for r in variants_rows if r["variant"]})
    multi = [t for t in texts if " " in t]
    return multi[:: max(1, len(multi) // 2000)] + texts[:: max(1, len(texts) // 1000)]


@settings(max_examples=500, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_generated_text_gives_the_same_candidates(engine, names, data):
    text = data.draw(texts(names))
    assert _compiled(engine, text) == _python(engine, text)
