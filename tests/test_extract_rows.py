"""extract's CSV and TSV rows written by the engine (``_core.scan_lines_bytes`` with a
delimiter) are, to the byte, the rows formats.DelimitedWriter writes of the records
``extract_stream`` gives: quoting of commas, quotes and line ends, TSV's spaces for tabs
and line ends, the quote in front of a cell a spreadsheet could run, invalid bytes."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.cli import EXTRACT_FIELDS
from gazetteer.documents import ROW_FIELDS, extract_line_bytes, extract_stream
from gazetteer.formats import make_writer
from gazetteer.review import EXTRA_FIELDS, MentionExtras

ROOT = Path(__file__).resolve().parent.parent
FIELDS = EXTRACT_FIELDS + list(EXTRA_FIELDS)

# place names next to what a CSV or TSV cell must quote, space out or guard
_TRICKY = (
    'Shelling near "Shusha", Fuzuli and Agdam; =Khankendi +Lachin -Kalbajar @Baku\n'
    '\'Stepanakert\t\tGoris\r\nKapan\rMartakert, "Hadrut"\n'
    "-12.5 Baku\n=1+2 Shusha\n''=x Fuzuli\n\tAgdam\n"
)


def _texts() -> str:
    return _TRICKY + "\n\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "eval").glob("set_*/texts/*.txt"))
    )


def _rows_both_ways(gz, data: bytes, fmt: str, path: str, width: int = 40, naming: str = "en") -> tuple[str, str]:
    """The engine's rows of ``data`` and DelimitedWriter's rows of its records."""
    fast = b"".join(
        extract_line_bytes(
            gz, io.BytesIO(data), naming=naming, path=path, extra=MentionExtras(gz, naming, width), fmt=fmt,
            fields=FIELDS,
        )
    ).decode("utf-8", "surrogateescape")  # fmt: skip
    buf = io.StringIO()
    writer = make_writer(fmt, buf, FIELDS)
    buf.seek(0)
    buf.truncate()
    for rec in extract_stream(gz, io.BytesIO(data), naming=naming, path=path, extra=MentionExtras(gz, naming, width)):
        writer.write(rec)
    return fast, buf.getvalue()


def test_the_engine_writes_rows_in_the_cli_field_order():
    assert tuple(FIELDS) == ROW_FIELDS


def test_engine_rows_are_the_writers_rows_of_the_records(gz):
    data = _texts().encode("utf-8")
    for fmt in ("csv", "tsv"):
        for path, naming, width in (("p/a,b.txt", "en", 40), ('-q"x', "az", 7), ("\tp", "hy", 0)):
            fast, slow = _rows_both_ways(gz, data, fmt, path, width, naming)
            assert fast.count("\n") > 100
            assert fast == slow, (fmt, path)


def test_engine_rows_with_invalid_bytes_are_the_records(gz):
    data = _TRICKY.encode("utf-8").replace(b"Agdam", b"Ag\xffdam", 1) + b"\xfe Shusha, Fuzuli"
    for fmt in ("csv", "tsv"):
        fast, slow = _rows_both_ways(gz, data, fmt, "p")
        assert "Shusha" in fast
        assert fast == slow


_PIECES = ["Baku", "Shusha", "Şuşa", "Füzulidə", " ", "\n", "\t", "\r", ",", '"', "'", "=", "-", "+", "@", "1", "x"]


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parts=st.lists(st.sampled_from(_PIECES), max_size=40), width=st.integers(0, 6), fmt=st.sampled_from(["csv", "tsv"])
)
def test_engine_rows_on_generated_text(gz, parts, width, fmt):
    fast, slow = _rows_both_ways(gz, "".join(parts).encode("utf-8"), fmt, "p", width)
    assert fast == slow


def test_cli_csv_and_tsv_are_the_writers_rows(gz, cli_env, tmp_path):
    path = tmp_path / "t,x.txt"
    path.write_bytes(_texts().encode("utf-8"))
    for fmt in ("csv", "tsv"):
        got = subprocess.run(
            [sys.executable, "-m", "gazetteer", "extract", str(path), "--format", fmt, "-q"],
            capture_output=True,
            env=cli_env,
            check=True,
        ).stdout.decode("utf-8")
        buf = io.StringIO()
        writer = make_writer(fmt, buf, FIELDS)
        for rec in extract_stream(gz, io.BytesIO(path.read_bytes()), path=str(path), extra=MentionExtras(gz)):
            writer.write(rec)
        assert got.count("\n") > 100
        assert got == buf.getvalue()


def test_workers_write_the_rows_one_process_writes(cli_env, tmp_path):
    """--jobs: the workers write the CSV/TSV rows (files in parallel, or one file's
    pieces), the same as one process; filtered rows still go through the records."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = _texts()
    for k in range(3):
        (folder / f"f{k}.txt").write_text(text[k * 20000 : (k + 1) * 20000 + 5000], encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(text * 6, encoding="utf-8")

    def run(*args: str) -> bytes:
        return subprocess.run(
            [sys.executable, "-m", "gazetteer", "extract", "-q", *args], capture_output=True, env=cli_env, check=True
        ).stdout

    for fmt in ("csv", "tsv"):
        for target in (str(folder), str(big)):
            one = run(target, "--format", fmt, "-j", "1")
            assert one.count(b"\n") > 100
            assert run(target, "--format", fmt, "-j", "2") == one
        assert run(str(big), "--format", fmt, "-j", "2", "--kind", "city") == run(
            str(big), "--format", fmt, "-j", "1", "--kind", "city"
        )


def test_cli_json_array_is_the_writers_array(gz, cli_env, tmp_path):
    """--format json: the engine's JSON Lines written as the array's items (one process,
    its workers, no mention at all) are what JsonArrayWriter writes of the records."""
    path = tmp_path / "t.txt"
    path.write_bytes(_texts().encode("utf-8") * 3)
    empty = tmp_path / "empty.txt"
    empty.write_text("nothing here\n", encoding="utf-8")
    for target, jobs in ((path, "1"), (path, "2"), (empty, "1")):
        got = subprocess.run(
            [sys.executable, "-m", "gazetteer", "extract", str(target), "--format", "json", "-q", "-j", jobs],
            capture_output=True,
            env=cli_env,
            check=True,
        ).stdout.decode("utf-8")
        buf = io.StringIO()
        writer = make_writer("json", buf, FIELDS)
        for rec in extract_stream(gz, io.BytesIO(target.read_bytes()), path=str(target), extra=MentionExtras(gz)):
            writer.write(rec)
        writer.close()
        assert got == buf.getvalue()
    assert got == "[]\n"
