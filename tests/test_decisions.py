"""Review before rewriting (issue 14): extract --format csv, edit a decision column,
normalise --decisions; CLI subprocesses on real files."""

from __future__ import annotations

import csv
import json

import pytest

from gazetteer.decisions import unquote

TEXT = "We drove from Stepanakert to Fizuli, then to Shusha.\nAGDAM again and Khankendi.\n"
# what plain normalise writes, for comparison
ALL_KEPT = "We drove from Khankendi to Fuzuli, then to Shusha.\nAGHDAM again and Khankendi.\n"


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def extract_rows(run_cli, *files, cwd=None) -> list[dict]:
    proc = run_cli("extract", "--format", "csv", *files, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    return list(csv.DictReader(proc.stdout.decode("utf-8").splitlines()))


def write_decisions(path, rows: list[dict], decisions: dict[str, str] | None = None) -> None:
    """The table as a spreadsheet would save it: the extract columns and a decision column."""
    fields = list(rows[0]) + (["decision"] if decisions is not None else [])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        for r in rows:
            if decisions is not None:
                r = {**r, "decision": decisions.get(r["text"], "")}
            w.writerow(r)


def by_text(rows: list[dict]) -> dict[str, dict]:
    return {r["text"]: r for r in rows}


def test_round_trip_keep_reject_other_id_empty(run_cli, doc, tmp_path):
    rows = extract_rows(run_cli, doc)
    assert [r["text"] for r in rows] == ["Stepanakert", "Fizuli", "Shusha", "AGDAM", "Khankendi"]
    dec = tmp_path / "decisions.csv"
    # Khankendi has no row: left as it is, whatever the tool would write
    write_decisions(dec, rows[:4], {"Stepanakert": "keep", "Fizuli": "reject", "Shusha": "aghdam", "AGDAM": ""})
    report = tmp_path / "changes.jsonl"
    proc = run_cli("normalise", "--decisions", dec, "--report", report, doc)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    assert proc.stdout.decode("utf-8") == (
        "We drove from Khankendi to Fizuli, then to Aghdam.\nAGHDAM again and Khankendi.\n"
    )
    changes = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert [(c["old"], c["new"], c["id"]) for c in changes] == [
        ("Stepanakert", "Khankendi", "khankendi"),
        ("Shusha", "Aghdam", "aghdam"),
        ("AGDAM", "AGHDAM", "aghdam"),
    ]
    assert doc.read_text(encoding="utf-8") == TEXT  # stdout only


def test_no_decision_column_means_keep_for_every_row(run_cli, doc, tmp_path):
    rows = extract_rows(run_cli, doc)
    dec = tmp_path / "decisions.csv"
    write_decisions(dec, rows)
    proc = run_cli("normalise", "--decisions", dec, doc)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == ALL_KEPT


def test_other_id_in_another_naming(run_cli, doc, tmp_path):
    rows = extract_rows(run_cli, doc)
    dec = tmp_path / "decisions.csv"
    write_decisions(dec, rows[1:2], {"Fizuli": "shusha"})
    proc = run_cli("normalise", "--decisions", dec, "--naming", "az", doc)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == TEXT.replace("Fizuli", "Şuşa")


def test_stale_row_is_reported_and_skipped_others_apply(run_cli, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    rows = extract_rows(run_cli, doc)
    dec = tmp_path / "decisions.csv"
    write_decisions(dec, rows, {})
    # the second line is edited after the review: its rows no longer hold their text
    edited = TEXT.replace("AGDAM again", "Once more, AGDAM")
    doc.write_text(edited, encoding="utf-8")
    proc = run_cli("normalise", "--decisions", dec, doc)
    assert proc.returncode == 1
    err = proc.stderr.decode("utf-8").splitlines()
    assert err == [
        f"gazetteer: {doc}: row 5: stale, skipped",
        f"gazetteer: {doc}: row 6: stale, skipped",
    ]
    # the first line's rows apply; nothing of the second line is touched
    assert proc.stdout.decode("utf-8") == (
        "We drove from Khankendi to Fuzuli, then to Shusha.\nOnce more, AGDAM and Khankendi.\n"
    )


def test_row_whose_text_differs_at_the_same_offsets_is_stale(run_cli, doc, tmp_path):
    rows = extract_rows(run_cli, doc)
    dec = tmp_path / "decisions.csv"
    write_decisions(dec, rows[:1], {})
    doc.write_text(TEXT.replace("Stepanakert", "Khankendi!!"), encoding="utf-8")  # same length
    proc = run_cli("normalise", "--decisions", dec, doc)
    assert proc.returncode == 1
    assert proc.stderr.decode("utf-8") == f"gazetteer: {doc}: row 2: stale, skipped\n"
    assert proc.stdout.decode("utf-8") == TEXT.replace("Stepanakert", "Khankendi!!")


def test_unknown_place_id(run_cli, doc, tmp_path):
    rows = extract_rows(run_cli, doc)
    dec = tmp_path / "decisions.csv"
    write_decisions(dec, rows[:2], {"Stepanakert": "atlantis", "Fizuli": "keep"})
    proc = run_cli("normalise", "--decisions", dec, doc)
    assert proc.returncode == 1
    assert proc.stderr.decode("utf-8") == f"gazetteer: {doc}: row 2: unknown place id 'atlantis', skipped\n"
    assert proc.stdout.decode("utf-8") == TEXT.replace("Fizuli", "Fuzuli")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"path,start,text\na.txt,1,x\n", "missing column(s) end"),
        (b"\x00\x01\x02binary\x00", "not a CSV file"),
        (b"\xff\xfe\xfd not utf-8 at all\n", "not a UTF-8 CSV file"),
        (b"path,start,end,text\na.txt,one,5,x\n", "row 2: start and end must be whole numbers"),
        (b"", "missing column(s) path, start, end, text"),
    ],
)
def test_bad_decisions_file(run_cli, doc, tmp_path, content, message):
    dec = tmp_path / "decisions.csv"
    dec.write_bytes(content)
    proc = run_cli("normalise", "--decisions", dec, doc)
    assert proc.returncode == 2
    err = proc.stderr.decode("utf-8").splitlines()
    assert len(err) == 1 and message in err[0], err
    assert proc.stdout == b""


def test_missing_decisions_file(run_cli, doc, tmp_path):
    proc = run_cli("normalise", "--decisions", tmp_path / "nope.csv", doc)
    assert proc.returncode == 2
    assert len(proc.stderr.decode("utf-8").splitlines()) == 1


def test_in_place_with_decisions(run_cli, doc, tmp_path):
    rows = extract_rows(run_cli, doc)
    dec = tmp_path / "decisions.csv"
    write_decisions(dec, rows, {"Stepanakert": "reject", "AGDAM": "reject"})
    proc = run_cli("normalise", "--decisions", dec, "--in-place", "--backup", ".orig", doc)
    assert proc.returncode == 0, proc.stderr
    assert doc.read_text(encoding="utf-8") == TEXT.replace("Fizuli", "Fuzuli")
    assert (tmp_path / "a.txt.orig").read_text(encoding="utf-8") == TEXT
    # run again with the same table: the file changed, the rows after the change are stale
    proc = run_cli("normalise", "--decisions", dec, "--in-place", doc)
    assert proc.returncode == 1
    assert b"stale, skipped" in proc.stderr


def test_in_place_all_rejected_leaves_file_untouched(run_cli, doc, tmp_path):
    rows = extract_rows(run_cli, doc)
    dec = tmp_path / "decisions.csv"
    write_decisions(dec, rows, {r["text"]: "reject" for r in rows})
    before = doc.stat()
    proc = run_cli("normalise", "--decisions", dec, "--in-place", doc)
    assert proc.returncode == 0, proc.stderr
    assert doc.read_text(encoding="utf-8") == TEXT
    assert doc.stat().st_ino == before.st_ino


def test_diff_with_decisions(run_cli, doc, tmp_path):
    rows = extract_rows(run_cli, doc)
    dec = tmp_path / "decisions.csv"
    write_decisions(dec, rows, {"Stepanakert": "reject", "Fizuli": "reject", "Shusha": "reject"})
    proc = run_cli("normalise", "--decisions", dec, "--diff", doc)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    assert "-AGDAM again and Khankendi.\n+AGHDAM again and Khankendi.\n" in out
    assert "-We drove" not in out and "+We drove" not in out  # the first line does not change
    assert doc.read_text(encoding="utf-8") == TEXT


def test_output_dir_with_decisions(run_cli, doc, tmp_path):
    rows = extract_rows(run_cli, doc)
    dec = tmp_path / "decisions.csv"
    write_decisions(dec, rows, {"Fizuli": "reject"})
    out = tmp_path / "out"
    proc = run_cli("normalise", "--decisions", dec, "-o", out, doc)
    assert proc.returncode == 0, proc.stderr
    assert (out / "a.txt").read_text(encoding="utf-8") == ALL_KEPT.replace("Fuzuli", "Fizuli")


def test_files_without_rows_are_left_unchanged(run_cli, doc, tmp_path):
    other = tmp_path / "b.txt"
    other.write_text("Stepanakert\n", encoding="utf-8")
    rows = extract_rows(run_cli, doc)
    dec = tmp_path / "decisions.csv"
    write_decisions(dec, rows, {})
    out = tmp_path / "out"
    proc = run_cli("normalise", "--decisions", dec, "-o", out, doc, other)
    assert proc.returncode == 0, proc.stderr
    assert (out / "a.txt").read_text(encoding="utf-8") == ALL_KEPT
    assert (out / "b.txt").read_text(encoding="utf-8") == "Stepanakert\n"


def test_jobs_refused_with_decisions(run_cli, doc, tmp_path):
    rows = extract_rows(run_cli, doc)
    dec = tmp_path / "decisions.csv"
    write_decisions(dec, rows, {})
    proc = run_cli("normalise", "--decisions", dec, "--jobs", "2", doc)
    assert proc.returncode == 2
    assert b"--decisions" in proc.stderr


def test_formula_quoted_cells_still_match(run_cli, tmp_path):
    # a file whose name a spreadsheet would run: extract writes its path cell as '=notes.txt
    (tmp_path / "=notes.txt").write_text(TEXT, encoding="utf-8")
    proc = run_cli("extract", "--format", "csv", "=notes.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    table = proc.stdout.decode("utf-8")
    assert "\n'=notes.txt," in table
    rows = list(csv.DictReader(table.splitlines()))
    dec = tmp_path / "decisions.csv"
    write_decisions(dec, rows, {"Fizuli": "reject"})
    proc = run_cli("normalise", "--decisions", dec, "=notes.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == ALL_KEPT.replace("Fuzuli", "Fizuli")


def test_formula_quoted_text_cell_matches(run_cli, tmp_path):
    # a text cell that starts with - (quoted by extract's CSV) is compared un-quoted
    doc = tmp_path / "a.txt"
    doc.write_text("-Stepanakert\n", encoding="utf-8")
    dec = tmp_path / "decisions.csv"
    dec.write_text("path,start,end,text,decision\na.txt,0,12,'-Stepanakert,keep\n", encoding="utf-8")
    proc = run_cli("normalise", "--decisions", dec, "a.txt", cwd=tmp_path)
    # the un-quoted cell is the file's text there, but no mention spans the dash: the row
    # is reported and skipped (not as stale), never applied to other bytes
    assert proc.returncode == 1
    assert proc.stderr.decode("utf-8") == (
        "gazetteer: a.txt: row 2: no place mention found at these offsets now, skipped\n"
    )
    assert proc.stdout.decode("utf-8") == "-Stepanakert\n"


@pytest.mark.parametrize(
    "cell, text",
    [("'=1+2", "=1+2"), ("''=x", "'=x"), ("'-Agdam", "-Agdam"), ("'plain", "'plain"), ("Agdam", "Agdam"), ("", "")],
)
def test_unquote(cell, text):
    assert unquote(cell) == text


def test_help_says_mentions_without_a_row_stay(run_cli):
    proc = run_cli("normalise", "--help")
    assert proc.returncode == 0
    assert "mentions without a row are left unchanged" in " ".join(proc.stdout.decode("utf-8").split())


def test_rows_of_a_file_not_given_are_a_warning(run_cli, doc, tmp_path):
    rows = extract_rows(run_cli, doc)
    dec = tmp_path / "decisions.csv"
    write_decisions(dec, [{**r, "path": str(tmp_path / "gone.txt")} for r in rows[:1]] + rows[1:2], {})
    proc = run_cli("normalise", "--decisions", dec, doc)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.decode("utf-8") == (
        f"gazetteer: warning: {dec}: rows for {tmp_path / 'gone.txt'}, which is not among the inputs\n"
    )
    assert proc.stdout.decode("utf-8") == TEXT.replace("Fizuli", "Fuzuli")
