"""CompiledIndex.read_rows: a variant's row and its place's row read in one query are
the very rows ``variant`` and ``place`` read one at a time."""

from __future__ import annotations

from gazetteer.api import Gazetteer
from gazetteer.index import PLACE_ROW


def test_rows_read_together_are_the_rows_read_one_at_a_time() -> None:
    index = Gazetteer.load().index
    vids = (0, 7, 7, 1234, len(index) - 1, 100_000_000)  # a repeat and one no variant has
    index._variant_cache.clear()
    index._place_cache.clear()
    index.read_rows(vids)
    assert 100_000_000 not in index._variant_cache
    for v in vids[:-1]:
        want = index.conn.execute(
            "SELECT place, text, lang, type, needs_context FROM variants WHERE v=?", (v,)
        ).fetchone()
        assert index.variant(v) == want
        place = index.conn.execute(f"SELECT {', '.join(PLACE_ROW)} FROM places WHERE i=?", (want[0],)).fetchone()
        assert index.place(want[0]) == place
