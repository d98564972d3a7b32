"""A name's answer does not depend on the names looked up before it.

The matcher keeps, across the names of a batch, what it read for one of them and reads
again for others (gazetteer/matcher.py): a qualifier's places per key, script and Armenian
word (``Matcher._qualifier``), a skeleton's loose variants (``Matcher._skeleton_hits``).
These tests look the same names up in two orders, each with a matcher of its own, and
with the memos emptied before every name, and expect the same answers.
"""

from __future__ import annotations

import random

import pytest

SEED = 20261206
# the same qualifier and generic words in several scripts, misspelt names sharing skeletons
AROUND = [
    ("", " (Armenia)"),
    ("Armenia's ", ""),
    ("", " Армения"),
    ("", ", Cəbrayıl"),
    ("", " rayonu"),
    ("", " district"),
    ("село ", ""),
    ("", " Հայաստան"),
]


def _typo(rng: random.Random, v: str) -> str:
    i = rng.randrange(len(v) - 1)
    return v[:i] + v[i + 1 :] if rng.random() < 0.5 else v[:i] + v[i + 1] + v[i] + v[i + 2 :]


@pytest.fixture(scope="module")
def names(variants_rows) -> list[str]:
    rng = random.Random(SEED)
    variants = [r["variant"] for r in variants_rows if len(r["variant"]) > 3]
    out = []
    for _ in range(600):
        v = rng.choice(variants)
        before, after = rng.choice(AROUND)
        out += [before + v + after, _typo(rng, v), _typo(rng, v) + after]
    return out


def _answers(names: list[str], *, forget: bool = False, g=None) -> dict[str, list[tuple]]:
    from gazetteer import Gazetteer

    g = g or Gazetteer.load()
    out = {}
    for name in names:
        if forget:
            g.matcher._qualifiers = g.matcher._skeletons = None
            g.matcher._lookup.cache_clear()
        out[name] = [tuple(m) for m in g.candidates(name, 5)]
    return out


def test_answers_do_not_depend_on_the_order_names_come_in(cache_dir, names):
    from gazetteer import Gazetteer

    g = Gazetteer.load()
    forward = _answers(names, g=g)
    # the memos were read (a skeleton's variants are read in the crate when it has them:
    # _core.LooseIndex.skeleton_hits keeps no memo)
    assert g.matcher._qualifiers and (g.matcher._skeletons or g.matcher._compiled_loose() is not None)
    backward = _answers(names[::-1])
    assert forward == backward


def test_answers_with_the_memos_kept_equal_those_read_afresh(cache_dir, names):
    kept = _answers(names)
    afresh = _answers(names, forget=True)
    assert kept == afresh
    assert any(kept.values())  # the names are found, not only refused
