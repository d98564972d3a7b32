"""The fast lookup path gives every answer the plain path gives.

The fast path: the matcher's reading of a known key without the readings it would not use
(``Matcher._known_key``), the batch's answers kept per distinct query and its JSON lines
made by one format string (gazetteer/batch_lookup.py), the index held in memory for a
batch (``CompiledIndex.hold_for_batch``), and the compiled core's answers for the names
that decide early (``gazetteer._core.Lookup``: a known key, a word with an ending, a word
the guards refuse), which must be the Python matcher's on every name it answers. The plain path: the matcher with the known-key
reading switched off, one ``Gazetteer.candidates`` per name, records written by
``formats.json_line``. Names are drawn (seeded) from the table's variants, changed as
people type them (case, endings, typos, generic words, qualifiers, commas), plus
non-names.
"""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.batch_lookup import lookup_line
from gazetteer.formats import json_line

SEED = 20261206
ENDINGS = ["da", "də", "dan", "'de", "'da", "nın", "ın", "a", "ya", "lı", "ում", "ի", "е", "ом", "а"]
AROUND = [
    ("", " rayonu"),
    ("", " kəndi"),
    ("", " seheri"),
    ("", " district"),
    ("city of ", ""),
    ("село ", ""),
    ("", " (Armenia)"),
    ("Armenia's ", ""),
    ("", ", Cəbrayıl"),
    ("", " Армения"),
    ("в ", ""),
]
NON_NAMES = [
    "",
    " ",
    "the",
    "government minister",
    "election market",
    "12",
    "???",
    "Peter Gabriel",
    "Martini",
    "Lachinov",
    "Կարմիր Խաչ",
    "ջրամբար",
    "a\u200bb",
    "x" * 300,
    "gabala_1276243589",
]

# letters folding reads as one of the two they stand for (left to the matcher by the compiled
# lookup) and words common only as another language spells them (judged as typed)
TYPED_FORMS = ["Šamaxı", "ŠUŠA", "Žeyranlı", "Čaylı", "S\u030camkir", "Kuche", "Kucha", "Sheher", "Seher", "Qala"]


def _typo(rng: random.Random, v: str) -> str:
    i = rng.randrange(len(v) - 1)
    if rng.random() < 0.5:
        return v[:i] + v[i + 1 :]
    return v[:i] + v[i + 1] + v[i] + v[i + 2 :]


def _names(variants_rows: list[dict], n: int) -> list[str]:
    rng = random.Random(SEED)
    variants = [r["variant"] for r in variants_rows]
    out = list(NON_NAMES) + TYPED_FORMS
    while len(out) < n:
        v = rng.choice(variants)
        r = rng.random()
        if r < 0.3:
            out.append(v)
        elif r < 0.4:
            out.append(rng.choice([v.upper(), v.lower(), v.title(), f"  {v} "]))
        elif r < 0.55:
            out.append(v + rng.choice(ENDINGS))
        elif r < 0.7 and len(v) > 3:
            out.append(_typo(rng, v))
        elif r < 0.85:
            before, after = rng.choice(AROUND)
            out.append(before + v + after)
        else:
            out.append(rng.choice(NON_NAMES[2:]))
    rng.shuffle(out)
    return out + out[: n // 4]  # batches repeat names


@pytest.fixture(scope="module")
def names(variants_rows) -> list[str]:
    return _names(variants_rows, 3000)


@pytest.fixture(scope="module")
def plain(cache_dir):
    """A Gazetteer whose matcher reads every query the full way."""
    from gazetteer import Gazetteer
    from gazetteer.matcher import Matcher

    class PlainMatcher(Matcher):
        def _known_key(self, key, query):
            return None

    g = Gazetteer.load()
    g._matcher = PlainMatcher(g.index)
    return g


def test_known_key_reading_gives_the_full_lookups_answers(gz, plain, names):
    for name in names:
        fast = [tuple(m) for m in gz.candidates(name, 5)]
        slow = [tuple(m) for m in plain.candidates(name, 5)]
        assert fast == slow, name


def test_known_key_reading_is_taken_for_most_table_names(gz, names):
    """The equality above means something: the fast reading answers the plain variants."""
    m = gz.matcher
    taken = sum(m._known_key(fold_key, name) is not None for name, fold_key in _folded(names))
    assert taken > len(names) // 4


def _folded(names: list[str]):
    from gazetteer.text.folding import fold

    for name in dict.fromkeys(names):
        key = fold(name)
        if key:
            yield name, key


_REFERENCE = r"""
import sys
from gazetteer import Gazetteer
from gazetteer.cli import FIELDS
from gazetteer.formats import make_writer
from gazetteer.matcher import Matcher

class PlainMatcher(Matcher):
    def _known_key(self, key, query):
        return None

fmt, top = sys.argv[1], int(sys.argv[2])
gz = Gazetteer.load()
gz._matcher = PlainMatcher(gz.index)
fields = FIELDS + (["rank"] if top > 1 else [])
out = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="\n", closefd=False)
writer = make_writer(fmt, out, fields)
for line in sys.stdin.buffer.read().decode("utf-8").split("\n")[:-1]:
    name = line.rstrip("\r")
    found = gz.candidates(name, top)
    if not found:
        rec = dict.fromkeys(fields)
        rec["query"] = name
        writer.write(rec)
        continue
    for rank, m in enumerate(found, 1):
        rec = {f: getattr(m, f) for f in FIELDS}
        if top > 1:
            rec["rank"] = rank
        writer.write(rec)
writer.close()
"""


def _batch_and_reference(cli_env: dict, names: list[str], fmt: str, top: int) -> tuple[bytes, bytes]:
    """(what ``gazetteer lookup`` writes for the names on stdin, what one
    ``Gazetteer.candidates`` per name through the plain matcher writes)."""
    # one hash seed for both processes: the one-edit reading visits near keys in set order
    env = dict(cli_env, PYTHONHASHSEED="0")
    stdin = "".join(n + "\n" for n in names).encode("utf-8")
    batch = subprocess.run(
        [sys.executable, "-m", "gazetteer", "lookup", "--format", fmt, "--top", str(top)],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=300,
    )
    assert batch.returncode in (0, 1), batch.stderr.decode("utf-8", "replace")
    reference = subprocess.run(
        [sys.executable, "-c", _REFERENCE, fmt, str(top)], input=stdin, capture_output=True, env=env, timeout=300
    )
    assert reference.returncode == 0, reference.stderr.decode("utf-8", "replace")
    return batch.stdout, reference.stdout


@pytest.mark.parametrize(("fmt", "top"), [("jsonl", 1), ("jsonl", 3), ("tsv", 2)])
def test_batch_cli_writes_what_one_lookup_per_name_writes(cli_env, names, fmt, top):
    batch, reference = _batch_and_reference(cli_env, names, fmt, top)
    assert batch.splitlines() == reference.splitlines()
    if fmt == "jsonl":
        assert len(batch.splitlines()) >= len(names)


@pytest.mark.parametrize("top", [1, 3])
def test_batch_cli_writes_old_ids_a_name_also_matches_as_one_lookup_per_name(cli_env, top):
    """An old id typed as a query (aliases.csv) comes first even where the matcher reads it
    as a name too (the batch then writes ``Gazetteer.candidates``' records, not the
    matcher's answer alone); its case and spaces changed, it is a name like any other."""
    import csv

    from .conftest import DATA

    with open(DATA / "aliases.csv", encoding="utf-8", newline="") as f:
        old_ids = [row["alias"] for row in csv.DictReader(f)]
    names = old_ids + [old.replace("_", " ").title() for old in old_ids[:50]]
    batch, reference = _batch_and_reference(cli_env, names * 2, "jsonl", top)
    assert batch.splitlines() == reference.splitlines()
    methods = [json.loads(line)["method"] for line in batch.splitlines()]
    assert "alias" in methods and len(set(methods)) > 2  # old ids and names both answered


def _record(**changes) -> dict:
    rec = {
        "query": 'Füzuli "x"\t\\',
        "id": "fuzuli",
        "name": "Fuzuli",
        "kind": "town",
        "country": "AZ",
        "district": "Fuzuli District",
        "lat": 39.6,
        "lon": 47.14,
        "score": 100.0,
        "matched_variant": "Füzuli",
        "method": "exact",
        "needs_context": False,
    }
    rec.update(changes)
    return rec


@pytest.mark.parametrize(
    "rec",
    [
        _record(),
        _record(district=None, needs_context=True),
        _record(query="\u2028\x00\ud800", lat=-0.0, lon=1e-7, score=88.123456789),
        _record(lat=math.nan),
        _record(lon=math.inf),
        _record(score=100),
        dict.fromkeys(_record(), None) | {"query": "nothing"},
        _record() | {"rank": 2},
        _record() | {"rank": True},
    ],
)
def test_lookup_line_is_json_line_byte_for_byte(rec):
    assert lookup_line(rec) == json_line(rec)
    if not any(isinstance(v, float) and not math.isfinite(v) for v in rec.values()):
        assert json.loads(lookup_line(rec)) == rec


def test_index_held_for_a_batch_answers_old_ids_and_words_as_the_file_does(cache_dir):
    import csv

    from gazetteer import Gazetteer

    from .conftest import DATA

    with open(DATA / "aliases.csv", encoding="utf-8", newline="") as f:
        old_ids = [row["alias"] for row in csv.DictReader(f)]
    words = ["the", "government", "evening", "fuzuli", "kabul", "qwzx", "bank"]
    from_file = Gazetteer.load().index
    held = Gazetteer.load().index
    held.hold_for_batch()
    for old in [*old_ids, "gabala", "no_such_id_1", ""]:
        assert held.alias(old) == from_file.alias(old), old
    for w in words:
        assert held.is_common_word(w) == from_file.is_common_word(w), w
        assert held.is_ambiguous_name(w) == from_file.is_ambiguous_name(w), w
    assert old_ids and any(held.alias(old) for old in old_ids)


# ---------------------------------------------------------------- the compiled answers
# gazetteer._core.Lookup (crates/gazetteer-core/src/lookup.rs) answers the names that decide
# early; on every name it answers, its answer is the Python matcher's.


def _python_answer(m, name: str) -> list[tuple]:
    return [(c.place, c.variant, c.method, c.score, c.needs_context) for c in m._lookup_uncached(name)]


@pytest.fixture(scope="module")
def compiled(cache_dir):
    """(the compiled lookup, a matcher over the same index held in memory)."""
    from gazetteer import Gazetteer, _core
    from gazetteer.batch_lookup import compiled_lookup

    if not hasattr(_core, "Lookup"):
        pytest.skip("the compiled core was built before lookup.rs")
    g = Gazetteer.load()
    got = compiled_lookup(g)
    assert got is not None  # else every batch would quietly take the Python path
    return got, g.matcher


@pytest.fixture(scope="module")
def variant_texts(variants_rows, places_rows) -> list[str]:
    out = [r["variant"] for r in variants_rows]
    out += [r[k] for r in places_rows for k in ("name", "name_az", "name_ru", "name_hy") if r.get(k)]
    return out


# what people do to a name: case, spaces, an ending (Turkic, Russian, Armenian, with an
# apostrophe), a family-name ending, a letter dropped, swapped, doubled or changed
_CHANGES = [
    str.upper,
    str.lower,
    str.title,
    lambda v: f"  {v}\t",
    lambda v: v + "'",
]


_SUFFIXES = st.sampled_from([*ENDINGS, "dakı", "lı", "ov", "yev", "li", "ski", "ի", "ում"])


def _slip(draw, v: str, ops: tuple[str, ...], letters: str) -> str:
    """``v`` (three letters or more) with one typist's slip at a drawn place, of a drawn
    kind among ``ops``: a letter dropped, two swapped, one doubled, one changed to one of
    ``letters``, or (``"respell"``) a spelling another language uses (``_RESPELL``)."""
    i = draw(st.integers(0, len(v) - 2))
    op = draw(st.sampled_from(ops))
    if op == "drop":
        return v[:i] + v[i + 1 :]
    if op == "swap":
        return v[:i] + v[i + 1] + v[i] + v[i + 2 :]
    if op == "double":
        return v[: i + 1] + v[i:]
    if op == "change":
        return v[:i] + draw(st.sampled_from(letters)) + v[i + 1 :]
    a, b = draw(st.sampled_from(_RESPELL))
    return v.replace(a, b, 1)


@st.composite
def typed_names(draw, texts: st.SearchStrategy[str]) -> str:
    v = draw(texts)
    kind = draw(st.integers(0, 5))
    if kind == 1:
        v = draw(st.sampled_from(_CHANGES))(v)
    elif kind == 2:
        v += draw(_SUFFIXES)
    elif kind >= 3 and len(v) > 2:
        v = _slip(draw, v, ("drop", "swap", "double", "change"), "aeiouəıüöçşğkqxy")
    if draw(st.booleans()):
        v = draw(st.sampled_from(_CHANGES[:3]))(v)
    return v


def test_compiled_answers_are_the_python_matchers_on_typed_names(compiled, variant_texts):
    lookup, m = compiled

    @given(typed_names(st.sampled_from(variant_texts)))  # one strategy: it copies the list once
    @settings(max_examples=3000, suppress_health_check=[HealthCheck.too_slow])
    def check(name):
        got = lookup.answer(name)
        if got is not None:
            assert got == _python_answer(m, name), name

    check()


def test_compiled_answers_are_the_python_matchers_on_table_names_and_non_names(compiled, variant_texts, names):
    lookup, m = compiled
    rng = random.Random(SEED)
    sample = rng.sample(variant_texts, 4000) + names[:1500] + NON_NAMES + [w for w in _WORDS]
    decided = 0
    for name in dict.fromkeys(sample):
        got = lookup.answer(name)
        if got is not None:
            decided += 1
            assert got == _python_answer(m, name), name
            assert lookup.answer(name, 1) == got[:1]  # the batch asks for its --top only
    # the equality means something: most names of the table and many typed ones are decided
    assert decided > len(set(sample)) // 2


_WORDS = ["the", "government", "bridge", "evening", "Lachinov", "Fuzuliyev", "abc", "Martini", "qwzx"]


@pytest.mark.parametrize(
    "name",
    ["", " ", "\ud800", "Füzuli\ud800", "x" * 100_000, "\u200b", "Şuşa, Qarabağ", "Մարտունի", "Шуша", "a(b)"],
)
def test_compiled_lookup_takes_hostile_and_undecidable_names_without_failing(compiled, name):
    lookup, m = compiled
    got = lookup.answer(name)
    if got is not None:
        assert got == _python_answer(m, name)


# ---------------------------------------------------------------- the compiled loose readings
# match_key's loose readings of a word are read in the crate where it can
# (crates/gazetteer-core/src/loose.rs); each has a Python twin, ``<name>_python``. A matcher
# with the twins in their place answers every one-word name as the compiled readings do.

COMPILED_READINGS = ("_near_hits", "_fuzzy_best", "_loose_word", "_match_word", "_full_word")

# how other languages write sounds a Latin name spells otherwise (a made-up transliteration)
_RESPELL = [("j", "dsch"), ("sh", "sch"), ("ch", "tsch"), ("u", "ou"), ("kh", "ch"), ("gh", "g"), ("a", "e")]
_COMMON = ["market", "evening", "bridge", "river", "football", "station", "kitchen", "garden", "minister", "border"]


@pytest.fixture(scope="module")
def python_twins(cache_dir):
    """(a matcher with the compiled loose readings and the compiled lookup's guard and
    lemmas, as a batch has them; one with their Python twins), over one index held in memory."""
    from gazetteer import Gazetteer
    from gazetteer.batch_lookup import compiled_lookup
    from gazetteer.matcher import Matcher

    twins = {name: getattr(Matcher, name + "_python") for name in COMPILED_READINGS}
    TwinMatcher = type("TwinMatcher", (Matcher,), twins)
    g = Gazetteer.load()
    lookup = compiled_lookup(g)
    if g.matcher._compiled_loose() is None or not hasattr(lookup, "typed_guard"):
        pytest.skip("the compiled core has no LooseIndex or Lookup.typed_guard")
    g.matcher.compiled = lookup
    return g.matcher, TwinMatcher(g.index)


def test_compiled_guard_of_a_typed_word_is_the_matchers(python_twins, variant_texts):
    """Matcher._guard of a one-word query's own key: the compiled twin (Lookup.typed_guard)
    and the Python lines, on the table's words, with family-name and demonym endings, and
    common words as typed in two scripts."""
    from gazetteer.text.folding import fold

    compiled, twins = python_twins
    rng = random.Random(SEED)
    words = rng.sample(sorted({w for t in variant_texts for w in t.split()}), 3000)
    words += [w + end for w in words[:600] for end in ("ov", "li", "yev", "tsi", "ski")]
    words += [*_COMMON, *_WORDS, "Qala", "Kuche", "туршу", "Turshu", "баня"]
    guarded = 0
    for w in words:
        key, typed = fold(w), w.strip().lower()
        if not key or " " in key:
            continue
        twins._typed = (key, typed)
        got = compiled.compiled.typed_guard(key, typed)
        assert got is None or got == twins._guard(key), w
        guarded += bool(got)
    assert guarded > 300  # the words refused or held to one edit are many: the test compares something


@st.composite
def one_word_names(draw, words: st.SearchStrategy[str]) -> str:
    """A made-up word a typist may mean a place by: a name's word misspelt, respelled as
    another language writes it, with an ending, or a common word (misspelt too)."""
    v = draw(words) if draw(st.integers(0, 4)) else draw(st.sampled_from(_COMMON))
    for _ in range(draw(st.integers(0, 2))):
        if len(v) < 3:
            break
        v = _slip(draw, v, ("drop", "swap", "double", "change", "respell"), "aeiouəıüöçşğkqxyhjсшаоі")
    if draw(st.booleans()):
        v += draw(_SUFFIXES)
    return draw(st.sampled_from(_CHANGES[:3]))(v)


def test_compiled_loose_readings_answer_one_word_names_as_their_python_twins(python_twins, variant_texts):
    compiled, twins = python_twins
    words = sorted({w for t in variant_texts for w in t.split() if len(w) >= 4})

    @given(one_word_names(st.sampled_from(words)))
    @settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def check(name):
        assert _python_answer(compiled, name) == _python_answer(twins, name), name

    check()


def test_compiled_loose_readings_answer_the_tables_words_misspelt_as_their_python_twins(python_twins, variant_texts):
    """Every fortieth one-word name of the table with a letter dropped, swapped or doubled:
    the comparison reaches the loose readings (most such names are answered by one)."""
    compiled, twins = python_twins
    rng = random.Random(SEED)
    words = sorted({t for t in variant_texts if " " not in t and len(t) >= 5})[::40]
    loose = 0
    for w in words:
        name = _typo(rng, w)
        got = _python_answer(compiled, name)
        assert got == _python_answer(twins, name), name
        loose += bool(got) and got[0][2] in ("fuzzy", "skeleton", "transcription")
    assert loose > len(words) // 4


# how a Russian, a transliterating or a Georgian typist writes a name (made-up spellings)
_CYRILLIC = str.maketrans("abcdefghijklmnopqrstuvwxyzəışçğöü", "абкдефгхийклмнопкрстуввхызэышчгоу")


@st.composite
def loose_words(draw, words: st.SearchStrategy[str]) -> str:
    """A made-up word of one of the kinds the loose readings read: a name's word misspelt or
    respelled, typed in Cyrillic letters, or a common word."""
    v = draw(one_word_names(words))
    if draw(st.integers(0, 3)) == 0:
        v = v.lower().translate(_CYRILLIC)
    return v


def test_one_compiled_call_gives_a_words_loose_readings_as_the_python_twin(python_twins, variant_texts):
    """LooseIndex.loose_word against Matcher._loose_word_python (every reading it strings
    together in Python) on one word's key, in the state a full lookup sets, with the word's
    own guard and with guard 1 (one edit to a name that matters, transcriptions of a word
    typed in plain letters)."""
    from gazetteer.matcher import LOOSE_MIN
    from gazetteer.text.folding import fold
    from gazetteer.text.scripts import is_cyrillic, script

    compiled, twins = python_twins
    core = compiled._compiled_loose()
    words = sorted({w for t in variant_texts for w in t.split() if len(w) >= 4})
    answered = []

    @given(loose_words(st.sampled_from(words)))
    @settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def check(name):
        key = fold(name)
        if not key or " " in key or len(key) < LOOSE_MIN or compiled._postings(key):
            return
        for m in (compiled, twins):
            m._script, m._typed, m._armenian = script(name), (key, name.strip().lower()), {}
        forms = compiled._lemmas(key, is_cyrillic(name))
        guard = compiled._guard(key)
        for g in {min(guard, 1), 1} if guard < 2 else ():
            got = core.loose_word(key, name.strip().lower(), compiled._script, g, [lemma for lemma, _ in forms])
            if key.isascii() and compiled._script in ("latin", "cyrillic"):
                assert got is not None, name
            if got is not None:
                assert got == twins._loose_word_python(key, g, forms), name
                answered.append(bool(got))

    check()
    # the comparison reaches readings: about a fifth of the calls read something (most
    # made-up words, Cyrillic ones above all, are no name's typo)
    assert sum(answered) > len(answered) // 8


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="abcdehiklnorsuyшуаки ", max_size=9), st.text(alphabet="abcdehiklnorsuyшуаки ", max_size=9))
def test_the_crates_optimal_string_alignment_is_rapidfuzzs(a, b):
    from gazetteer._core import LooseIndex
    from rapidfuzz.distance import OSA

    assert LooseIndex.osa(a, b) == OSA.distance(a, b)


def test_the_crates_plausible_typo_is_the_matchers(python_twins, variant_texts):
    from gazetteer.matcher import _plausible_typo

    compiled, _twins = python_twins
    core = compiled._compiled_loose()
    rng = random.Random(SEED)
    words = rng.sample(sorted({w.lower() for t in variant_texts for w in t.split()}), 3000)
    letters = "abcdefghijklmnopqrstuvwxyzəışçğöüйцукенгшщзхъфывапролджэячсмитьбюքոեռտըւիօպ"
    for w in words:
        i = rng.randrange(len(w))
        typo = w[:i] + rng.choice(letters) + w[i + 1 :]
        assert core.plausible_typo(w, typo) == _plausible_typo(w, typo), (w, typo)


def test_compiled_loose_readings_answer_names_of_several_words_misspelt_as_their_python_twins(
    python_twins, variant_texts
):
    """loose_word reads a key of several words as the twin does (a name of two or three
    words misspelt in one of them, or respelled): every twentieth such name of the table."""
    compiled, twins = python_twins
    rng = random.Random(SEED)
    names = sorted({t for t in variant_texts if 2 <= len(t.split()) <= 3 and len(t) >= 8})[::20]
    loose = 0
    for t in names:
        a, b = rng.choice(_RESPELL)
        name = _typo(rng, t) if rng.random() < 0.7 else t.replace(a, b, 1)
        got = _python_answer(compiled, name)
        assert got == _python_answer(twins, name), name
        loose += bool(got) and got[0][2] in ("fuzzy", "skeleton", "transcription")
    assert loose > 50


def test_one_compiled_call_gives_match_key_of_a_latin_word_as_the_python_lines(python_twins, variant_texts):
    """LooseIndex.match_word against match_key's Python lines (name as folded, Turkic lemmas,
    Armenian case endings in Latin letters, guard, loose readings) on made-up Latin words."""
    from gazetteer.text.folding import fold
    from gazetteer.text.scripts import script

    compiled, twins = python_twins
    core = compiled._compiled_loose()
    words = sorted({w for t in variant_texts for w in t.split() if len(w) >= 4 and script(w) == "latin"})
    answered = []

    @given(one_word_names(st.sampled_from(words)))
    @settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def check(name):
        key = fold(name)
        if not key or " " in key or not key.isascii() or script(name) != "latin":
            return
        for m in (compiled, twins):
            m._script, m._typed, m._armenian = "latin", (key, name.strip().lower()), {}
        got = core.match_word(compiled.compiled, key, name.strip().lower(), "latin")
        if got is not None:
            assert got == twins.match_key(key), name
        answered.append(got is not None)

    check()
    assert sum(answered) > len(answered) * 0.9  # the compiled call answers nearly every such word


def _ranked_answer(m, name: str) -> list[tuple]:
    """The matcher's whole answer for a name, each candidate with its rank and cue."""
    return [(c.place, c.variant, c.method, c.score, c.rank, c.needs_context, c.cue) for c in m._lookup_uncached(name)]


@pytest.fixture()
def full_word_calls(python_twins):
    """How often the compiled matcher's one-word full lookup (``Matcher._full_word``) answers
    and leaves a query to the Python lines, counted while a test runs."""
    compiled, _twins = python_twins
    counts = {True: 0, False: 0}
    own = compiled._full_word

    def counted(query: str, key: str):
        got = own(query, key)
        counts[got is not None] += 1
        return got

    compiled._full_word = counted
    yield counts
    del compiled._full_word


def test_one_compiled_call_gives_the_full_lookup_of_a_latin_word_as_the_python_lines(
    python_twins, variant_texts, full_word_calls
):
    """LooseIndex.full_word (``Matcher._full_word``) against ``_full_lookup``'s Python lines on
    made-up one-word names in Latin letters: the same candidates in the same order with the
    same ranks (the readings ranked, the region's villages preferred, the places of a shared
    name and of a misspelling several places bear ordered as the name orders them)."""
    from gazetteer.text.scripts import script

    compiled, twins = python_twins
    words = sorted({w for t in variant_texts for w in t.split() if len(w) >= 4 and script(w) == "latin"})

    @given(one_word_names(st.sampled_from(words)))
    @settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def check(name):
        assert _ranked_answer(compiled, name) == _ranked_answer(twins, name), name

    check()
    # the comparison reaches the compiled call: most such words the early answers leave
    assert full_word_calls[True] > 500 and full_word_calls[True] > full_word_calls[False]


def test_one_compiled_call_gives_the_full_lookup_of_the_tables_words_misspelt(
    python_twins, variant_texts, full_word_calls
):
    """Every twentieth one-word name of the table in Latin letters with a letter dropped or two
    swapped, the same in the other keyboard layout's letters and with an ending after an
    apostrophe (Buludul'dan): the compiled one-word full
    lookup answers as the Python lines, ranks included, and ties misspellings of a name
    several places bear (``_as_name_misspelt``) as they do."""
    from gazetteer.matcher import _other_layout
    from gazetteer.text.scripts import script

    compiled, twins = python_twins
    rng = random.Random(SEED)
    words = sorted({t for t in variant_texts if " " not in t and len(t) >= 5 and script(t) == "latin"})[::20]
    tied = 0
    for w in words:
        for name in (_typo(rng, w), _other_layout(_typo(rng, w).lower()) or w, _typo(rng, w) + "'dan"):
            got = _ranked_answer(compiled, name)
            assert got == _ranked_answer(twins, name), name
            tied += len(got) > 1 and got[0][2] in ("fuzzy", "skeleton") and got[1][3] == got[0][3]
    assert full_word_calls[True] > len(words) // 2
    assert tied > 20  # misspellings read as several places' name are among them


# ---------------------------------------------------------------- the compiled lines
# Lookup.lines (crates/gazetteer-core/src/lookup/lines.rs) writes an answer's JSON lines as
# batch_lookup._joined_lines_python does, byte for byte, or leaves them to it.

_LINE_METHODS = ["exact", "folded", "inflection", "fuzzy", "skeleton", "transcription", 'a "method"\n\\']
_LINE_SCORES = st.one_of(
    st.floats(-1000, 1000),  # (plain scores, the rounding to one decimal seen)
    st.floats(),  # (NaN and the infinities among them)
    st.sampled_from(
        [100.0, 95.0, 0.25, 0.35, 2.25, 88.05, -0.0, -0.04, 1e-5, 1e15 + 0.5, 1e16, 1.7976931348623157e308]
    ),
    st.integers(-5, 100),
)
_LINE_CONTEXTS = st.sampled_from([True, False, True, False, 0, 1, None])
_LINE_QUERIES = st.one_of(
    st.text(max_size=30), st.sampled_from(['Füzuli "x"\t\\', "\x00\x1f\x7f\u2028", "a\ud800b", "\U0001f600"])
)


@pytest.fixture(scope="module")
def held_gazetteer(cache_dir):
    """(a Gazetteer whose index is held for a batch, its compiled lookup)."""
    from gazetteer import Gazetteer
    from gazetteer.batch_lookup import compiled_lookup

    g = Gazetteer.load()
    lookup = compiled_lookup(g)
    if not hasattr(lookup, "lines"):
        pytest.skip("the compiled core was built before Lookup.lines")
    return g, lookup


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_one_compiled_call_writes_an_answers_lines_as_the_python_twin(held_gazetteer, data):
    from gazetteer.batch_lookup import _joined_lines_python

    g, lookup = held_gazetteer
    variants = len(g.index._variants)
    query = data.draw(_LINE_QUERIES)
    candidate = st.tuples(
        st.integers(0, 12), st.integers(0, variants - 1), st.sampled_from(_LINE_METHODS), _LINE_SCORES, _LINE_CONTEXTS
    )
    found = data.draw(st.lists(candidate, max_size=4))
    # most candidates' places made (a few not yet, a few that json writes its own way: "")
    places = {p: data.draw(st.one_of(st.text(min_size=1, max_size=20), st.just(""))) for p, *_ in found}
    for p in data.draw(st.lists(st.integers(0, 12), max_size=2)):
        places.pop(p, None)
    ranked = data.draw(st.booleans())
    got = lookup.lines(query, found, places, ranked)
    want = _joined_lines_python(g.index.variant, query, found, places, ranked)
    if got is None:
        # left to Python only where it writes the records whole, or for lone surrogates
        assert want is None or "\ud800" in query
    else:
        assert got == want


def test_one_compiled_call_writes_the_lines_of_the_compiled_answers(held_gazetteer, names):
    """On the answers a batch writes (the compiled core's and the Python matcher's, whose
    fuzzy scores have many decimals; top 1 and 3), the compiled lines are the twin's and are
    taken for every answer (else the equality is empty)."""
    from gazetteer.batch_lookup import _joined_lines_python, _place_part

    g, lookup = held_gazetteer
    places: dict = {}
    written = asked = 0
    for name in names:
        for top, ranked in ((1, False), (3, True)):
            found = lookup.answer(name, top)
            if found is None:
                found = [(c.place, c.variant, c.method, c.score, c.needs_context) for c in g.matcher.lookup(name)[:top]]
            if not found:
                continue
            for p, *_ in found:
                if p not in places:
                    places[p] = _place_part(*g._described(p, "en")) or ""
            got = lookup.lines(name, found, places, ranked)
            assert got == _joined_lines_python(g.index.variant, name, found, places, ranked), name
            asked += 1
            written += got is not None
    assert asked > 1000 and written == asked
