"""The compiled core writes a JSON string as ``json.dumps(..., ensure_ascii=False)`` does
on long text too: it passes eight bytes at a time when none of them needs an escape, so
escapes at every position of such a block, next to non-ASCII characters, are checked."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import _core
from gazetteer.formats import _REVIEW_LAYOUT


def record_of(text: str) -> dict:
    """An extract record (the layout the compiled core writes) with ``text`` in its strings."""
    rec = dict.fromkeys(_REVIEW_LAYOUT, text)
    rec.update(start=1, end=2, lat=40.5, lon=47.25, score=97.0, byte_start=1, byte_end=2, needs_review=False)
    return rec


def written(rec: dict) -> str:
    line = _core.mention_json_line(rec)
    assert line is not None  # the core wrote it, not Python
    return line


_PIECES = ["Baku", "Şuşa", " ", "  ", '"', "\\", "\n", "\t", "\x00", "\x1f", "\x7f", "ǅ", "😀", "abcdefgh", "x"]
_text = st.lists(st.one_of(st.sampled_from(_PIECES), st.characters(codec="utf-8")), max_size=60).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_text)
def test_long_text_is_escaped_as_json_dumps_does(text):
    rec = record_of(text * 3)
    assert written(rec) == json.dumps(rec, ensure_ascii=False) + "\n"


def test_an_escape_at_each_place_of_an_eight_byte_block():
    for at in range(17):
        for c in ['"', "\\", "\n", "\x01", "\x1f"]:
            text = "a" * at + c + "bcdefghijklmnop"
            rec = record_of(text)
            assert written(rec) == json.dumps(rec, ensure_ascii=False) + "\n"
