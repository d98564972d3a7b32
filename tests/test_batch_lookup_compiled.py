"""The parts of a batch lookup's matcher path that run in the crate give what their Python
twins give: the transcription tables (``_core.Transcriber``, crates/gazetteer-core/src/
transcribe.rs, against ``Matcher._transcribed_python``), and the compiled early decisions
(``_core.Lookup.answer``), whose "undecided" lets the matcher skip ``early.answer``
(``Matcher.undecided``): a name the compiled core leaves undecided must be one the Python
early decisions leave undecided too."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer import matcher as matcher_module
from gazetteer.lang import TRANSCRIPTIONS
from gazetteer.text.folding import fold

pytestmark = pytest.mark.skipif(matcher_module._TRANSCRIBER is None, reason="the core has no Transcriber")

# every letter a transcription group holds, and a few it does not
_GROUP_LETTERS = sorted({c for rules in TRANSCRIPTIONS.values() for r in rules for c in r.group})
_LETTERS = "".join(_GROUP_LETTERS) + "abkmnrtuy ə"


class _Bare(matcher_module.Matcher):
    """A matcher with no index: _transcribed reads nothing else."""

    def __init__(self):
        self._typed = ("", "")


def _both(key: str, typed: str | None) -> tuple[list[str], list[str]]:
    m = _Bare()
    m._typed = (key, typed) if typed is not None else ("", "")
    return m._transcribed(key), m._transcribed_python(key)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=_LETTERS, max_size=14))
def test_compiled_transcriptions_equal_the_python_twins_on_generated_keys(key):
    compiled, python = _both(key, None)
    assert compiled == python


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_LETTERS + "ČŠŽ", min_size=1, max_size=12))
def test_compiled_transcriptions_read_the_typed_query_as_the_python_twin_does(typed):
    key = fold(typed)
    compiled, python = _both(key, typed.lower())
    assert compiled == python


def test_compiled_transcriptions_equal_the_python_twins_on_the_tables_names(variants_rows):
    rng = random.Random(20261206)
    rows = rng.sample(variants_rows, min(20_000, len(variants_rows)))
    read = 0
    for row in rows:
        key = fold(row["variant"])
        compiled, python = _both(key, row["variant"].lower())
        assert compiled == python, row["variant"]
        read += bool(python)
    assert read > len(rows) // 10  # the tables read many names: the equality means something


def test_a_key_with_a_german_group_is_read_in_the_crate():
    compiled, python = _both("dschabrajil", None)
    assert compiled[0] == "jabrayil" == python[0]


@pytest.fixture(scope="module")
def compiled(gz):
    from gazetteer.batch_lookup import compiled_lookup

    lookup = compiled_lookup(gz)
    if lookup is None:
        pytest.skip("the core has no Lookup")
    return lookup


_ENDINGS = ["da", "də", "'dan", "nın", "ya", "lı", "ov", "tsi", "ում", "е"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_name_the_compiled_core_leaves_undecided_is_undecided_early_in_python(gz, compiled, variants_rows, data):
    from gazetteer import early

    v = data.draw(st.sampled_from(variants_rows))["variant"]
    change = data.draw(st.sampled_from(["as is", "ending", "drop", "swap", "lower", "words"]))
    i = data.draw(st.integers(0, max(0, len(v) - 2)))
    name = {
        "as is": v,
        "ending": v + data.draw(st.sampled_from(_ENDINGS)),
        "drop": v[:i] + v[i + 1 :],
        "swap": v[:i] + v[i + 1 : i + 2] + v[i : i + 1] + v[i + 2 :],
        "lower": v.lower(),
        "words": v + " " + data.draw(st.sampled_from(["rayonu", "village", "market"])),
    }[change]
    key = fold(name)
    if not key or compiled.answer(name, 1) is not None:
        return
    assert early.answer(name, key, gz.matcher._early) is None, name


def test_the_matcher_skips_only_the_early_decision_of_the_undecided_name(gz, compiled):
    m = gz.matcher
    name = "Fuzulli"  # a typo: left to the loose methods by both
    assert compiled.answer(name, 1) is None
    before = gz.candidates(name, 1)
    m._lookup.cache_clear()
    m.undecided = name
    try:
        assert gz.candidates(name, 1) == before
        # another query still asks early.answer: a known name is answered early
        assert m._known_key(fold("Fuzuli"), "Fuzuli") is not None
    finally:
        m.undecided = None
        m._lookup.cache_clear()


def _keys_near_the_tables_names(variants_rows, n: int) -> list[str]:
    """Folded keys of the table's names as typed: as they are, with an ending or a family
    name's, a letter dropped."""
    rng = random.Random(20261207)
    out = []
    for row in rng.sample(variants_rows, min(n, len(variants_rows))):
        key = fold(row["variant"])
        if not key:
            continue
        r = rng.random()
        if r < 0.3:
            out.append(key)
        elif r < 0.7:
            out.append(key + rng.choice(["da", "dan", "nin", "a", "ya", "li", "ov", "ev", "yan", "tsi", "lu"]))
        elif len(key) > 3:
            i = rng.randrange(len(key))
            out.append(key[:i] + key[i + 1 :])
    return out


def test_compiled_turkic_lemmas_equal_the_python_twins(compiled, variants_rows):
    from gazetteer.inflection import lemmas

    keys = _keys_near_the_tables_names(variants_rows, 20_000)
    some = 0
    for key in keys:
        assert tuple(compiled.turkic_lemmas(key)) == lemmas(key, russian=False), key
        some += bool(lemmas(key, russian=False))
    assert some > len(keys) // 4


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeghiklmnorstuvyz ", max_size=14))
def test_compiled_turkic_lemmas_equal_the_python_twins_on_generated_keys(compiled, key):
    from gazetteer.inflection import lemmas

    assert tuple(compiled.turkic_lemmas(key)) == lemmas(key, russian=False)


def test_the_compiled_guard_equals_early_guard_on_one_word_keys(gz, compiled, variants_rows):
    from gazetteer import early

    src = gz.matcher._early
    seen = set()
    for key in _keys_near_the_tables_names(variants_rows, 20_000) + ["lachinov", "karabakhtsi", "bridge"]:
        got = compiled.guard(key)
        if " " in key:
            assert got is None
            continue
        assert got == early.guard(key, src), key
        seen.add(got)
    assert seen == {0, 1, 2}  # every verdict was given: the equality means something


@pytest.mark.parametrize("ranked", [False, True])
@pytest.mark.parametrize("query", ["nothing", "", 'x "y"\t\\\u2028ü', "\ud800"])
def test_the_line_of_a_name_no_place_matched_is_json_lines_byte_for_byte(query, ranked):
    from gazetteer.batch_lookup import _LAYOUT, _RANKED, lookup_line
    from gazetteer.formats import json_line

    rec = dict.fromkeys(_RANKED if ranked else _LAYOUT) | {"query": query}
    assert lookup_line(rec) == json_line(rec)
    partly = rec | {"name": "Fuzuli"}  # not all null: written field by field
    assert lookup_line(partly) == json_line(partly)


@pytest.fixture(scope="module")
def loose(gz, compiled):
    core = gz.matcher._compiled_loose()
    if core is None or not hasattr(core, "skeleton_hits"):
        pytest.skip("the core has no LooseIndex.skeleton_hits")
    return core


def test_compiled_skeleton_hits_equal_the_python_twins_on_the_tables_names(gz, loose, variants_rows):
    m = gz.matcher
    found = 0
    for key in _keys_near_the_tables_names(variants_rows, 20_000):
        for ceiling in (85.0, 82.0):
            compiled = m._skeleton_hits(key, ceiling)
            assert compiled == m._skeleton_hits_python(key, ceiling), key
            found += bool(compiled)
    assert found > 1000  # many keys read a skeleton: the equality means something


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ə", max_size=16))
def test_compiled_skeleton_hits_equal_the_python_twins_on_generated_keys(gz, loose, key):
    m = gz.matcher
    try:
        python = m._skeleton_hits_python(key, 85.0)
    except IndexError:  # a key the skeleton cannot read (only y's): the compiled one leaves it too
        assert loose.skeleton_hits(key, 75) is None
        return
    assert m._skeleton_hits(key, 85.0) == python


def test_a_batch_gives_back_the_garbage_collectors_settings(gz):
    import gc
    import io

    from gazetteer.batch_lookup import HOLD_AFTER, LookupOptions, lookup_all
    from gazetteer.formats import make_writer
    from gazetteer.records import LOOKUP_FIELDS

    before = gc.get_threshold(), gc.isenabled()
    out = io.StringIO()
    names = ["Fuzuli", "Fuzulidə", "Fuzulli", "nowhere at all"] * (HOLD_AFTER // 2)
    lookup_all(gz, names, make_writer("jsonl", out, list(LOOKUP_FIELDS)), LookupOptions(list(LOOKUP_FIELDS)))
    assert (gc.get_threshold(), gc.isenabled()) == before
    assert len(out.getvalue().splitlines()) == len(names)


def test_after_a_batch_the_matcher_answers_from_another_thread(gz):
    """The compiled lookup a batch lends the matcher belongs to the batch's thread: once the
    batch is over, a server's other threads ask the matcher with the Python twins again."""
    import io
    import threading

    from gazetteer.batch_lookup import HOLD_AFTER, LookupOptions, lookup_all
    from gazetteer.formats import make_writer
    from gazetteer.records import LOOKUP_FIELDS

    names = ["Fuzulidə", "Qubadlli", "Cəbrayılın"] * HOLD_AFTER
    lookup_all(gz, names, make_writer("jsonl", io.StringIO(), list(LOOKUP_FIELDS)), LookupOptions(list(LOOKUP_FIELDS)))
    got: list = []

    def ask() -> None:
        try:
            got.append([c.id for c in gz.candidates("Qubadllida", 1)])
        except BaseException as exc:  # a Rust panic arrives as pyo3's PanicException
            got.append(exc)

    thread = threading.Thread(target=ask)
    thread.start()
    thread.join()
    assert got and not isinstance(got[0], BaseException), got
