"""Output escaping (issue 11): CSV/TSV cells a spreadsheet would run as a formula are
quoted, and table output shows control and bidi characters as visible escapes."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gazetteer.formats import make_writer

from .tabledata import GOOD_ROWS, write_table

ESC, RLO, CSI, DEL, LRI = "\x1b", "\u202e", "\x9b", "\x7f", "\u2066"


def run(cache: Path, *args, cwd=None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["GAZETTEER_CACHE"] = str(cache)
    env.pop("GAZETTEER_PLACES", None)
    env["PYTHONIOENCODING"] = "utf-8"
    proc = subprocess.run(
        [sys.executable, "-m", "gazetteer", *map(str, args)],
        input=b"",
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    return proc


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, Path]:
    """A table with a formula-like name at negative coordinates and a name full of
    terminal control sequences; and a private cache folder."""
    base = tmp_path_factory.mktemp("hostile")
    rows = list(GOOD_ROWS)
    rows[2] = "zorkavan,@Zorkavan,village,BR,,-12.50000,-45.25000,300,test:3,,,,,"
    rows.append(f"evil,Evil{ESC}[2J{ESC}[31mTown{RLO}nwot,village,AM,,39.95,45.35,300,test:4,,,,,")
    table = write_table(base / "table", rows)
    cache = base / "cache"
    return table, cache


def rows_of(text: str, delimiter: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def written(fmt: str, records: list[dict], fields: list[str]) -> str:
    out = io.StringIO()
    w = make_writer(fmt, out, fields)
    for r in records:
        w.write(r)
    w.close()
    return out.getvalue()


# ----------------------------------------------------------------- CSV / TSV
@pytest.mark.parametrize("fmt,delimiter", [("csv", ","), ("tsv", "\t")])
def test_queries_that_start_like_a_formula_are_quoted_in_csv_and_tsv(hostile, fmt, delimiter):
    table, cache = hostile
    queries = ["=1+2", "+SUM(A1:A9)", "-2+3+cmd|' /C calc'!A0", "@SUM(1)", "\r=1+2"]
    proc = run(cache, "lookup", "--no-bundled", "--places", table, "--format", fmt, "--", *queries)
    assert proc.returncode == 1  # none of them is a place
    got = [r["query"] for r in rows_of(proc.stdout.decode("utf-8"), delimiter)]
    # TSV cannot hold a line break in a cell: there the carriage return becomes a space
    assert got == ["'" + (q if fmt == "csv" else q.replace("\r", " ")) for q in queries]


@pytest.mark.parametrize("fmt,delimiter", [("csv", ","), ("tsv", "\t")])
def test_a_formula_like_place_name_is_quoted_but_negative_coordinates_stay_numbers(hostile, fmt, delimiter):
    table, cache = hostile
    proc = run(cache, "lookup", "--no-bundled", "--places", table, "--format", fmt, "Zorkavan")
    assert proc.returncode == 0, proc.stderr
    (row,) = rows_of(proc.stdout.decode("utf-8"), delimiter)
    assert row["name"] == "'@Zorkavan"
    assert row["lat"] == "-12.5" and row["lon"] == "-45.25"
    assert float(row["lat"]) == -12.5


def test_a_path_that_starts_like_a_formula_is_quoted_in_extract_csv(hostile, tmp_path):
    table, cache = hostile
    (tmp_path / "=2+3.txt").write_text("We drove from Testabad to Stepanakert.\n", encoding="utf-8")
    proc = run(cache, "extract", "--no-bundled", "--places", table, "--format", "csv", "-q", "=2+3.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = rows_of(proc.stdout.decode("utf-8"), ",")
    assert rows and {r["path"] for r in rows} == {"'=2+3.txt"}
    assert {r["text"] for r in rows} == {"Testabad"}  # plain text is left alone


def test_numbers_are_never_quoted_but_text_is():
    fields = ["query", "lat", "lon", "score", "n", "flag"]
    text = written(
        "csv",
        [
            {"query": "-3", "lat": -12.5, "lon": -0.25, "score": -3.0, "n": -7, "flag": True},
            {"query": "-x", "lat": 1e-7, "lon": -1234.5, "score": float("-inf"), "n": 0, "flag": None},
        ],
        fields,
    )
    first, second = rows_of(text, ",")
    # numbers (and a string that is only a number) cannot run as a formula
    assert first == {"query": "-3", "lat": "-12.5", "lon": "-0.25", "score": "-3", "n": "-7", "flag": "true"}
    assert second["query"] == "'-x"
    assert second["lon"] == "-1234.5" and second["score"] == "-inf"


def test_quoting_is_reversible_a_leading_quote_before_a_formula_character_is_doubled():
    cells = ["'=1+2", "''@x", "'plain", "=1+2", "it's", "+", "-"]
    text = written("csv", [{"q": c} for c in cells], ["q"])
    got = [r["q"] for r in rows_of(text, ",")]
    assert got == ["''=1+2", "'''@x", "'plain", "'=1+2", "it's", "'+", "'-"]
    # the documented reading rule gives the original back
    back = [g[1:] if g.startswith("'") and g.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r") else g for g in got]
    assert back == cells


def test_tsv_quotes_a_cell_that_starts_with_a_tab():
    text = written("tsv", [{"q": "\t=1+2", "r": "a\tb"}], ["q", "r"])
    (row,) = rows_of(text, "\t")
    assert row["q"].startswith("'")
    assert row["r"] == "a b"


# ----------------------------------------------------------------- terminal table
def test_table_output_shows_control_and_bidi_characters_as_escapes(hostile):
    table, cache = hostile
    query = f"{ESC}]0;pwned{chr(7)}{ESC}[31mred{CSI}2J{DEL}{RLO}x{LRI}y\tz\r\n"
    proc = run(cache, "lookup", "--no-bundled", "--places", table, "--format", "table", "--", query)
    assert proc.returncode == 1
    out = proc.stdout.decode("utf-8")
    for raw in (ESC, CSI, DEL, RLO, LRI, "\x07", "\t", "\r"):
        assert raw not in out
    assert out.count("\n") == 2  # a header and one row: the newline in the query is shown, not obeyed
    assert r"\x1b]0;pwned\x07\x1b[31mred\x9b2J\x7f\u202ex\u2066y\tz\r\n" in out


def test_table_output_escapes_control_characters_from_the_place_table(hostile):
    table, cache = hostile
    proc = run(cache, "reverse", "--no-bundled", "--places", table, "--format", "table", "39.95", "45.35")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    assert ESC not in out and RLO not in out
    assert r"Evil\x1b[2J\x1b[31mTown\u202enwot" in out


def test_table_columns_stay_aligned_after_escaping():
    text = written("table", [{"a": f"x{ESC}y", "b": 1}, {"a": "plain", "b": 22}], ["a", "b"])
    lines = text.splitlines()
    assert lines[1] == r"x\x1by  1"
    assert lines[2] == "plain   22"
    assert [line[8:] for line in lines] == ["b", "1", "22"]  # column b starts at the same place


def test_json_output_is_left_as_it_was():
    # JSON escapes control characters itself; its strings are data, not quoted for spreadsheets
    text = written("jsonl", [{"q": "=1+2", "t": f"{ESC}"}], ["q", "t"])
    assert text == '{"q": "=1+2", "t": "\\u001b"}\n'


def test_show_table_escapes_control_characters_from_the_place_table(hostile):
    table, cache = hostile
    proc = run(cache, "show", "--no-bundled", "--places", table, "--format", "table", "evil")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    assert ESC not in out and RLO not in out
    assert r"Evil\x1b[2J\x1b[31mTown\u202enwot" in out
