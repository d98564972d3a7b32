"""CompiledIndex.rank_rows: what a span's ranking reads of every variant and place,
marshalled with the index, holds the values the rows give, and ranking from it answers
as ranking from the rows (Vocabulary.ranking, first sight of a name)."""

from __future__ import annotations

import itertools

from gazetteer.api import Gazetteer
from gazetteer.cues import KIND_GROUPS
from gazetteer.index import PLACE_ROW
from gazetteer.scan.vocabulary import Vocabulary


def test_rank_rows_hold_the_fields_of_every_variant_and_place() -> None:
    index = Gazetteer.load().index
    rows = index.rank_rows()
    assert rows is not None
    variants = index.conn.execute("SELECT place, lang, type, needs_context FROM variants ORDER BY v").fetchall()
    assert len(rows.variant_place) == len(variants)
    for v, (place, lang, vtype, ctx) in enumerate(variants):
        assert rows.variant_place[v] == place
        assert rows.variant_codes[rows.variant_code[v]] == (lang, vtype, ctx)
    kind, country, imp = (PLACE_ROW.index(f) for f in ("kind", "country", "importance"))
    places = index.conn.execute(f"SELECT {', '.join(PLACE_ROW)} FROM places ORDER BY i").fetchall()
    assert len(rows.importance) == len(places)
    for i, p in enumerate(places):
        assert rows.place_codes[rows.place_code[i]] == (p[kind], p[country])
        assert rows.importance[i] == p[imp]


def test_ranking_from_the_arrays_is_ranking_from_the_rows() -> None:
    index = Gazetteer.load().index
    vocabulary = Vocabulary(index)
    # same-name sets of several sizes, Karabakh's and far places', every method and cue
    keys = [k for k, vs in itertools.islice(index.folded_keys().items(), 0, None, 31) if len(vs) > 1][:150]
    keys += ["shusha", "lachin", "agdam", "istisu", "kalbajar", "gorus", "aras"]
    groups = [None, *sorted(KIND_GROUPS)]
    cases = [(index.postings(k), m, g) for k in keys for m in ("folded", "inflection") for g in groups]
    cases = [c for c in cases if c[0]]
    assert len(cases) > 2000
    fast = [vocabulary.ranking(*c) for c in cases]
    weights = [vocabulary.weight(c[0]) for c in cases]
    index._ranks = None  # as an index built without them
    try:
        assert [vocabulary.ranking(*c) for c in cases] == fast
        assert [vocabulary.weight(c[0]) for c in cases] == weights
    finally:
        index._ranks = False
