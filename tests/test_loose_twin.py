"""The compiled candidate generators of the loose lookup methods (gazetteer._core.LooseIndex,
crates/gazetteer-core/src/loose.rs) and their Python twins in gazetteer/matcher.py
(``Matcher._edit_keys`` over ``_edit_index``, ``_dropped_index``, ``_slip_hits_python``,
``_near_hits_python``, ``_fuzzy_best_python``) give the same keys and
variants, in the same order, and rapidfuzz picks the same keys from the compiled
``fuzzy_keys`` as from all of ``Matcher._fuzzy_keys_all``: on every key of the table with one letter dropped, doubled,
changed or two swapped, and on generated keys.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from gazetteer.matcher import EDIT_MIN_LEN, FUZZY_CANDIDATES, FUZZY_MIN_LEN, Matcher, _fuzzy_needed, _loose_index

LETTERS = "abcdefghijklmnopqrstuvwxyz əışçğöü"


@pytest.fixture(scope="module")
def twins(gz):
    m = Matcher(gz.index)
    core = _loose_index(gz.index)
    if core is None:
        pytest.skip("the compiled core has no LooseIndex")
    return core, m, m._dropped_index()


def _typos(key: str, rng: random.Random) -> list[str]:
    """A key with one letter dropped, doubled, changed, put in, or two neighbours swapped."""
    out = [key]
    chars = list(key)
    i = rng.randrange(len(chars))
    out.append("".join(chars[:i] + chars[i + 1 :]))
    out.append("".join(chars[: i + 1] + chars[i:]))
    out.append("".join(chars[:i] + [rng.choice(LETTERS)] + chars[i + 1 :]))
    out.append("".join(chars[:i] + [rng.choice(LETTERS)] + chars[i:]))
    if i + 1 < len(chars):
        out.append("".join(chars[:i] + [chars[i + 1], chars[i]] + chars[i + 2 :]))
    return out


def _best(key: str, choices: list[str]) -> list[tuple]:
    """What match_key asks rapidfuzz for, and reads of its answer (the key and its score)."""
    need = _fuzzy_needed(len(key))
    got = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=need, limit=FUZZY_CANDIDATES)
    return [(k, sim) for k, sim, _at in got]


def _agree(twins, key: str, fuzzy: bool = True) -> None:
    core, m, dropped = twins
    assert core.edit_keys(key) == m._edit_keys(key), key
    assert core.dropped(key) == dropped.get(key, []), key
    if len(key.replace(" ", "")) >= EDIT_MIN_LEN:
        slips = core.slip_hits(key)
        assert slips is None or slips == m._slip_hits_python(key), key
    if fuzzy:
        _near_agree(twins, key)
    if fuzzy and len(key) >= FUZZY_MIN_LEN:
        every = m._fuzzy_keys_all(key)
        assert core.fuzzy_keys(key, 0) == every, key
        assert _best(key, core.fuzzy_keys(key, _fuzzy_needed(len(key)))) == _best(key, every), key
        # rapidfuzz's pick made in the crate: the same keys, ratios and order
        need = _fuzzy_needed(len(key))
        assert core.fuzzy_best(key, need, FUZZY_CANDIDATES) == m._fuzzy_best_python(key, need) == _best(key, every), key


def test_the_compiled_generators_find_what_the_python_twins_find_for_typos_of_every_key(gz, twins):
    rng = random.Random(20261206)
    keys = [k for k in gz.index.keys(0) if len(k) >= 4]
    found = 0
    for n, key in enumerate(keys):
        for typo in _typos(key, rng):
            _agree(twins, typo, fuzzy=n % 20 == 0)  # rapidfuzz over a sample (2,400 keys)
            found += bool(twins[0].edit_keys(typo))
    assert found > len(keys) // 10  # the typos reach names: the comparison is not of empty lists


def _near_agree(twins, key: str) -> None:
    """match_key's one-edit, slip and region-village readings, in the query's script."""
    core, m, _dropped = twins
    for typed in ("latin", "cyrillic", "other"):
        m._script = typed
        got = core.near_hits(key, typed)
        assert (got is None) == (not key.isascii()), key  # the Python twin reads a key of other letters
        assert got is None or got == m._near_hits_python(key), (key, typed)
    assert core.near_hits(key, "armenian") is None  # an Armenian query's other names: Python


def test_one_edit_slip_and_region_village_readings_of_every_keys_typos_are_the_python_twins(gz, twins):
    rng = random.Random(20261207)
    keys = [k for k in gz.index.keys(0) if len(k) >= EDIT_MIN_LEN]
    reached = 0
    for key in rng.sample(keys, 3000):
        for typo in _typos(key, rng):
            _near_agree(twins, typo)
            reached += bool(twins[0].near_hits(typo, "latin"))
    assert reached > 3000  # most typos of a name reach it: the lists compared are not empty


def test_a_doubled_letter_and_a_dropped_one_reach_the_name(twins):
    core, m, _dropped = twins
    assert "fuzuli" in core.edit_keys("fuzulli")
    assert core.edit_keys("fuzulli") == m._edit_keys("fuzulli")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=LETTERS, min_size=0, max_size=14))
def test_generated_keys_give_the_same_candidates(twins, key):
    _agree(twins, key)


def test_the_compiled_generators_answer_in_any_thread(twins):
    # the HTTP service and dask's threads share one matcher: the index made in one thread
    # answers in another
    from concurrent.futures import ThreadPoolExecutor

    core, m, _dropped = twins
    with ThreadPoolExecutor(max_workers=2) as pool:
        got = list(pool.map(core.edit_keys, ["fuzulli", "lahcin", "agdamm"]))
    assert got == [m._edit_keys(k) for k in ["fuzulli", "lahcin", "agdamm"]]
