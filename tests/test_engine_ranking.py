"""The engine's own ranking of a span's places equals Python's ``Vocabulary.ranking``.

The engine ranks a span whose variants are all of one place itself, from the index's rank
rows (crates/gazetteer-core/src/scan/ranking.rs), and asks Python where they name several
(whose region preference decides between them). Python's ranking is the reference: every
key of the index is ranked both ways, for both methods without a cue and for a cue group
chosen in turn; and random runs of variant ids, of one place or of several, for any method
and group, rank alike wherever the engine answers.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.cues import KIND_GROUPS
from gazetteer.scan.engine import Engine
from gazetteer.scan.vocabulary import Vocabulary

METHODS = ("folded", "inflection")
GROUPS = (None, *sorted(KIND_GROUPS))


@pytest.fixture(scope="module")
def reference(gz) -> Vocabulary:
    return Vocabulary(gz.index)


@pytest.fixture(scope="module")
def engine(gz) -> Engine:
    return Engine(gz.index)


@pytest.fixture(scope="module")
def keys(gz) -> list[tuple[int, ...]]:
    """Every key's variant ids, keys of none left out."""
    return [ids for ids in gz.index.folded_keys().values() if ids]


def _differences(reference: Vocabulary, engine: Engine, cases) -> tuple[int, list]:
    """(how many cases the engine ranked itself, those it ranked other than Python)."""
    own, wrong = 0, []
    for ids, method, group in cases:
        got = engine._core.compiled_ranking(ids, method, group)
        if got is None:
            continue
        own += 1
        want = reference.ranking(ids, method, group)
        if got != want:
            wrong.append((ids, method, group, got, want))
    return own, wrong


def test_every_key_ranked_alike_without_a_cue(reference, engine, keys):
    cases = [(ids, method, None) for ids in keys for method in METHODS]
    own, wrong = _differences(reference, engine, cases)
    assert wrong == []
    # (most keys are one place's: the engine must rank them, not pass them all on)
    assert own > len(cases) // 2


def test_every_key_ranked_alike_for_a_cue_group(reference, engine, keys):
    cases = [(ids, METHODS[n % 2], GROUPS[1 + n % (len(GROUPS) - 1)]) for n, ids in enumerate(keys)]
    own, wrong = _differences(reference, engine, cases)
    assert wrong == []
    assert own > len(cases) // 2


def test_variants_of_several_places_left_to_python(gz, engine, keys):
    rows = gz.index.rank_rows()
    several = [ids for ids in keys if len({rows.variant_place[v] for v in ids}) > 1]
    assert several
    assert all(engine._core.compiled_ranking(ids, "folded", None) is None for ids in several[:500])


def test_unknown_method_or_group_left_to_python(engine, keys):
    assert engine._core.compiled_ranking(keys[0], "skeleton", None) is None
    assert engine._core.compiled_ranking(keys[0], "folded", "no such group") is None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_runs_of_variants_ranked_alike(reference, engine, keys, data):
    # a key's variants, maybe with another key's, repeated or reordered
    first = data.draw(st.sampled_from(keys))
    more = data.draw(st.lists(st.sampled_from(keys), max_size=2))
    pool = [v for ids in (first, *more) for v in ids]
    ids = tuple(data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=6)))
    method = data.draw(st.sampled_from(METHODS))
    group = data.draw(st.sampled_from(GROUPS))
    _own, wrong = _differences(reference, engine, [(ids, method, group)])
    assert wrong == []
