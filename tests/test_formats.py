"""The fast JSON Lines path writes exactly what json.dumps writes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.formats import json_line

_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text())
MENTION = st.fixed_dictionaries(
    {
        "path": st.one_of(st.text(), st.none()),
        "start": st.one_of(st.integers(), st.booleans()),
        "end": st.integers(),
        "text": st.text(),
        "id": st.text(),
        "name": st.text(),
        "kind": st.text(),
        "country": st.one_of(st.text(), st.none()),
        "lat": st.floats(),
        "lon": st.floats(),
        "score": st.one_of(st.floats(), st.integers()),
        "method": st.text(),
        "cue": _scalar,
        "byte_start": st.integers(),
        "byte_end": st.one_of(st.integers(), st.floats()),
    }
)


_text_or_none = st.one_of(st.text(), st.none())
REVIEWED = st.builds(
    lambda m, extra: {**m, **extra},
    MENTION,
    st.fixed_dictionaries(
        {
            "district": _text_or_none,
            "wof_id": _text_or_none,
            "geonames_id": st.one_of(st.text(), st.none(), st.integers()),
            "context": st.text(),
            "needs_review": st.one_of(st.booleans(), st.none()),
        }
    ),
)


@settings(max_examples=500, deadline=None)
@given(MENTION)
def test_mention_records_as_json_dumps(record):
    assert json_line(record) == json.dumps(record, ensure_ascii=False) + "\n"


@settings(max_examples=500, deadline=None)
@given(REVIEWED)
def test_mention_records_with_review_fields_as_json_dumps(record):
    assert json_line(record) == json.dumps(record, ensure_ascii=False) + "\n"


@given(st.dictionaries(st.text(), _scalar, max_size=6))
def test_other_records_as_json_dumps(record):
    assert json_line(record) == json.dumps(record, ensure_ascii=False) + "\n"


def test_real_mention_record(gz):
    rec = {"path": "a.txt", **gz.extract("Shells hit Füzulidə.")[0], "byte_start": 11, "byte_end": 21}
    line = json_line(rec)
    assert json.loads(line) == rec
    assert line == json.dumps(rec, ensure_ascii=False) + "\n"
