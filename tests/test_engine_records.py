"""The faster ways of making extract's records give what the plain ones gave, to the byte.

``review.context_of`` reads the window around a span in the compiled core; its Python
reference stays for text with lone surrogates. ``formats.json_line`` writes mention records
by a format string; ``json.dumps`` is its reference. The CLI's JSON Lines of a real file are
compared with json.dumps of the records ``extract_stream`` yields for it. The engine's own
JSON Lines (``extract_lines``, ``Engine.scan_lines``) are compared with json.dumps of
those records.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.documents import extract_lines, extract_stream
from gazetteer.formats import json_line
from gazetteer.review import MentionExtras, _context_reference, context_of

ROOT = Path(__file__).resolve().parent.parent

_ALPHABET = st.sampled_from(list("ab Ş\n\t\r\x1c\u00a0\u2028\u3000-.Ա\U0001f600") + ["\ud800", "\x00"])


@settings(max_examples=600)
@given(text=st.text(alphabet=_ALPHABET, max_size=60), data=st.data())
def test_context_of_is_the_reference_on_any_text_and_span(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    width = data.draw(st.integers(0, 12))
    assert context_of(text, start, end, width) == _context_reference(text, start, end, width)


def test_context_of_cuts_broken_words_and_shows_spaces_as_one():
    text = "Heavy shelling hit Fuzuli and\nthe villages around it."
    assert context_of(text, 19, 25, 12) == "hit Fuzuli and the"
    assert context_of("x\ud800 Baku y", 3, 7, 5) == "x\ufffd Baku y"


def _eval_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "eval").glob("*/texts/*.txt")))


def test_json_line_is_json_dumps_for_every_record_of_the_eval_texts(gz):
    data = _eval_text().encode("utf-8")
    records = list(extract_stream(gz, io.BytesIO(data), path="eval", extra=MentionExtras(gz)))
    assert len(records) > 100
    for rec in records:
        assert json_line(rec) == json.dumps(rec, ensure_ascii=False) + "\n"


def test_cli_jsonl_is_json_dumps_of_the_records(gz, cli_env, tmp_path):
    text = _eval_text()
    path = tmp_path / "eval.txt"
    path.write_text(text, encoding="utf-8")
    got = subprocess.run(
        [sys.executable, "-m", "gazetteer", "extract", str(path), "--format", "jsonl", "-q"],
        capture_output=True,
        env=cli_env,
        check=True,
    ).stdout.decode("utf-8")
    records = extract_stream(gz, io.BytesIO(path.read_bytes()), path=str(path), extra=MentionExtras(gz))
    assert got == "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


_FIELDS = (
    "path", "start", "end", "text", "id", "name", "kind", "country", "lat", "lon", "score", "method", "cue",
    "byte_start", "byte_end",
)  # fmt: skip
_REVIEW = ("district", "wof_id", "geonames_id", "context", "needs_review")
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=12),
    st.sampled_from(["\ud800x", 'a\x7f\x00\x1f\u2028"\\/', "Füzulidə «Şuşa»"]),
)


@settings(max_examples=500)
@given(values=st.lists(_VALUES, min_size=20, max_size=20), review=st.booleans(), data=st.data())
def test_json_line_is_json_dumps_on_records_of_any_values(values, review, data):
    keys = _FIELDS + _REVIEW if review else _FIELDS
    record = dict(zip(keys, values))
    if data.draw(st.booleans()):  # now and then a record of another layout
        record = {data.draw(st.sampled_from(keys)): values[0], **record}
    try:
        want = json.dumps(record, ensure_ascii=False) + "\n"
    except ValueError:  # (json.dumps writes NaN; a lone surrogate is its own business)
        return
    assert json_line(record) == want


def _records_both_ways(gz, data: bytes, monkeypatch, width: int = 40) -> tuple[list, list]:
    import gazetteer.documents as documents

    fast = list(extract_stream(gz, io.BytesIO(data), path="p", extra=MentionExtras(gz, context=width)))
    with monkeypatch.context() as m:
        m.setattr(documents, "_piece_fields", lambda *args: None)
        slow = list(extract_stream(gz, io.BytesIO(data), path="p", extra=MentionExtras(gz, context=width)))
    return fast, slow


def test_piece_fields_give_the_records_of_the_one_by_one_loop(gz, monkeypatch):
    text = _eval_text()
    for data in (text.encode("utf-8"), text.lower().encode("utf-8"), text.encode("ascii", "ignore")):
        for width in (0, 7, 40):
            fast, slow = _records_both_ways(gz, data, monkeypatch, width)
            assert len(fast) > 50
            assert fast == slow


_PIECES = [
    "Baku",
    "Şuşa",
    "Füzulidə",
    "Ստեփանակերտ",
    "Гадруте",
    " ",
    "\n",
    "\t",
    "\u00a0",
    "\u3000",
    "x",
    "😀",
    "\x1c",
    "ab-cd",
    ".",
]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(_PIECES), max_size=40), width=st.integers(0, 12))
def test_piece_fields_on_generated_text(gz, monkeypatch, parts, width):
    fast, slow = _records_both_ways(gz, "".join(parts).encode("utf-8"), monkeypatch, width)
    assert fast == slow


def test_extract_records_made_by_the_engine_are_those_of_mention_record(gz):
    """Gazetteer.extract takes its records from the engine (scan_records) where it can:
    the same dicts, keys in the same order, as mention_record over the mentions."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "eval").glob("*/texts/*.txt"))]
    checked = 0
    for text in texts + [t.lower() for t in texts] + ["Baku \ud800 Shusha", ""]:
        for naming in ("en", "az", "hy"):
            got = gz.extract(text, naming=naming)
            want = [gz.mention_record(m, naming=naming) for m in gz.mentions(text)]
            assert [list(r.items()) for r in got] == [list(r.items()) for r in want]
            checked += len(got)
    assert checked > 500


def test_engine_records_keep_place_fields_that_share_a_mention_field_name(gz):
    """scan_records copies one record template per place: a place field named like a
    mention's own (text, start) stays the place's value at its place, as ``{start, end,
    text, **about, score, method, cue}`` would have it, and the records are new dicts."""
    text = "Shells hit Füzulidə and Shusha, then Füzulidə again."

    def about(place: int, naming: str) -> dict:
        return {"id": place, "text": f"place {place}", "naming": naming}

    # (a naming of its own: the engine keeps each place's template per naming)
    got = gz.scanner.scan_records(text, "test-fields", about)
    mentions = gz.mentions(text)
    want = [
        {
            "start": m.start,
            "end": m.end,
            "text": m.text,
            **about(m.place, "test-fields"),
            "score": m.score,
            "method": m.method,
            "cue": m.cue,
        }
        for m in mentions
    ]
    assert len(mentions) >= 3
    assert [list(r.items()) for r in got] == [list(r.items()) for r in want]
    assert len({id(r) for r in got}) == len(got)
    got[0]["start"] = -1
    assert gz.scanner.scan_records(text, "test-fields", about)[0]["start"] == mentions[0].start


def _lines_both_ways(gz, data: bytes, naming: str, width: int, block: int = 1 << 18) -> tuple[str, str]:
    """extract_lines (the engine's lines) and json.dumps of extract_stream's records."""
    fast = "".join(
        extract_lines(
            gz, io.BytesIO(data), naming=naming, block=block, path='p/ä"q', extra=MentionExtras(gz, naming, width)
        )
    )
    slow = "".join(
        json.dumps(rec, ensure_ascii=False) + "\n"
        for rec in extract_stream(
            gz, io.BytesIO(data), naming=naming, block=block, path='p/ä"q', extra=MentionExtras(gz, naming, width)
        )
    )
    return fast, slow


def test_engine_lines_are_json_dumps_of_the_records_of_the_eval_texts(gz):
    assert hasattr(gz.scanner, "scan_lines")  # else this checks the fallback only
    text = _eval_text()
    for data in (text.encode("utf-8"), text.lower().encode("utf-8")):
        for naming, width in (("en", 40), ("az", 0), ("hy", 7)):
            fast, slow = _lines_both_ways(gz, data, naming, width, block=3000)
            assert fast.count("\n") > 100
            assert fast == slow


def test_engine_lines_with_invalid_bytes_and_other_encodings_are_the_records(gz):
    text = _eval_text()
    seen = []
    broken = text.encode("utf-8")[:20000].replace(b"Baku", b"Ba\xffku", 3) + b"\xfe Shusha and Fuzuli"
    for data in (broken, "Şuşa ve Füzuli, Ağdam.\n".encode("cp1254") * 50, "\ufeffBaku\r\nShusha".encode("utf-8-sig")):
        fast, slow = _lines_both_ways(gz, data, "en", 40)
        assert fast == slow
        seen.append(fast)
    assert all('"id": "shusha"' in got for got in (seen[0], seen[2]))


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(_PIECES), max_size=40), width=st.integers(0, 12))
def test_engine_lines_on_generated_text(gz, parts, width):
    fast, slow = _lines_both_ways(gz, "".join(parts).encode("utf-8"), "en", width)
    assert fast == slow
