"""The compiled scanning engine finds exactly the mentions the Python Scanner finds.

The Python :class:`gazetteer.scan.scanner.Scanner` is the reference while issue 15 ports
the scanner into the crate step by step: every field of every mention (span, surface,
place, variant, method, score, cue, ending, ranked candidates) must agree, on every
passage of ``eval/*/texts`` and ``../shared/eval/*/texts`` and on generated text with
names of the table injected in other cases, with endings, quotes, invisible and invalid
characters and very long words. Both engines read the same index, so a change of the
table data changes both alike.
"""

from __future__ import annotations

from dataclasses import astuple
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.scan.engine import Engine, compiled_engine_available
from gazetteer.scan.scanner import Scanner

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"

pytestmark = pytest.mark.skipif(not compiled_engine_available(), reason="the compiled core has no Engine")


def _passages(base: Path) -> list[Path]:
    return sorted(base.glob("*/texts/*.txt"))


@pytest.fixture(scope="module")
def reference(gz) -> Scanner:
    return Scanner(gz.index)


@pytest.fixture(scope="module")
def engine(gz) -> Engine:
    return Engine(gz.index)


def _records(mentions) -> list[tuple]:
    return [astuple(m) for m in mentions]


def _differences(reference: Scanner, engine: Engine, texts) -> list[tuple]:
    bad = []
    for name, text in texts:
        want, got = _records(reference.scan(text)), _records(engine.scan(text))
        if want != got:
            bad.append((name, [w for w in want if w not in got][:3], [g for g in got if g not in want][:3]))
    return bad


def test_every_eval_passage_gives_the_same_mentions(reference, engine):
    paths = _passages(ROOT / "eval")
    assert paths, "no passages under eval/"
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in paths]
    assert _differences(reference, engine, texts) == []
    # and again, with every cache of both warm: answers do not depend on what came before
    assert _differences(reference, engine, texts) == []


@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="../shared/eval is absent")
def test_every_shared_eval_passage_gives_the_same_mentions(reference, engine):
    paths = _passages(SHARED_EVAL)
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in paths]
    assert _differences(reference, engine, texts) == []


def test_all_passages_as_one_long_text_give_the_same_mentions(reference, engine):
    """One text of every passage: a long piece, as the CLI scans a big file, where one
    sense, disambiguation and football copy reach across passages."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in _passages(ROOT / "eval"))
    assert _differences(reference, engine, [("all of eval/", text)]) == []


def test_every_passage_in_lower_case_gives_the_same_mentions(reference, engine):
    """Machine translation and phones lower-case whole texts: the lower-case rules decide."""
    texts = [(f"{p} lowered", p.read_text(encoding="utf-8").lower()) for p in _passages(ROOT / "eval")]
    assert _differences(reference, engine, texts) == []


def test_every_passage_line_by_line_gives_the_same_mentions(reference, engine):
    """Short pieces: sentence starts, headlines and lists cut at every line."""
    texts = []
    for p in _passages(ROOT / "eval"):
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                texts.append((f"{p}:{n + 1}", line))
    assert _differences(reference, engine, texts) == []


def test_caches_too_small_for_one_text_give_the_same_mentions(gz, reference):
    """The engine keeps what it learnt of a word (verdict, fold, facts, hits) by an id it
    gives the word, and empties its tables when a text would overfill them: with bounds
    far below one passage's words, every text starts over with new ids, mid-run."""
    from gazetteer import _core
    from gazetteer.scan.engine import _Host

    tiny = Engine(gz.index)
    tiny._core = _core.Engine(_Host(tiny._scanner), 40, 8, 8)
    tiny.scan = tiny._core.scan
    texts = []
    for p in _passages(ROOT / "eval"):
        text = p.read_text(encoding="utf-8")
        texts.append((str(p), text))
        texts += [(f"{p}:{n + 1}", line) for n, line in enumerate(text.splitlines()) if line.strip()]
    assert _differences(reference, tiny, texts) == []
    assert _differences(reference, tiny, texts[::-1]) == []


# -- generated text ----------------------------------------------------------------------

_FILLER = [
    "the", "of", "in", "and", "village", "district", "region", "river", "President", "said",
    "FK", "club", "rayonu", "kəndi", "və", "ilə", "район", "села", "в", "и", "գյուղ", "և",
    "Group", "State", "University", "New", "poet", "ghazals", "beat", "2-0", "Peter", "Mirzoyan",
    "city", "town", "near", "from", "Qarabağ", "Neftçi", "football", "match",
    "Football", "Coach", "Futbol", "Gol", "drew", "1:1", "3 – 2", "ФК", "матч", "stadium", "at",
]  # fmt: skip
_ENDINGS = ["", "", "", "da", "də", "dan", "'de", "’da", "ın", "nin", "'s", "а", "е", "ом", "ում", "ի", "ից", "s", "ya"]
_GAPS = [
    " ",
    " ",
    " ",
    ", ",
    " - ",
    "-",
    ". ",
    "\n",
    "\n\n",
    " «",
    "» ",
    ' "',
    '" ',
    " (",
    ") ",
    "\u200b",
    "\u00ad",
    " #",
]
_ODD = [
    "\ud800",
    "\udfff",
    "\x00",
    "\ufffd",
    "\u0301",
    "\U0001f600",
    "a" * 3000,
    "Ш" * 2000,
    "_",
    "’",
    "#KarabakhIsAzerbaijan",
]


def _cased(name: str, how: int) -> str:
    return (name, name.upper(), name.lower(), name.title(), name.capitalize())[how]


@st.composite
def _texts(draw, names: list[str]) -> str:
    out = []
    for _ in range(draw(st.integers(1, 14))):
        kind = draw(st.integers(0, 9))
        if kind <= 4:
            word = _cased(draw(st.sampled_from(names)), draw(st.integers(0, 4))) + draw(st.sampled_from(_ENDINGS))
        elif kind <= 7:
            word = draw(st.sampled_from(_FILLER))
        elif kind == 8:
            word = draw(st.sampled_from(_ODD))
        else:
            word = draw(st.text(min_size=0, max_size=6))
        out.append(word + draw(st.sampled_from(_GAPS)))
    return "".join(out)


@pytest.fixture(scope="module")
def names(variants_rows) -> list[str]:
    texts = sorted({r["variant"] for r in variants_rows if r["variant"]})
    step = max(1, len(texts) // 3000)
    return texts[::step]


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_generated_text_with_names_gives_the_same_mentions(reference, engine, names, data):
    text = data.draw(_texts(names))
    assert _differences(reference, engine, [("generated", text)]) == []


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_any_text_gives_the_same_mentions(reference, engine, text):
    assert _differences(reference, engine, [("any", text)]) == []


def test_text_without_words_gives_no_mentions(engine):
    assert engine.scan("") == []
    assert engine.scan(" ,.;\n\t\u200b") == []
