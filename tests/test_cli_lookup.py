"""The lookup, show and validate commands, run as a subprocess."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .tabledata import broken_tables, write_table

NAMES = "Cəbrayılın\nFüzuli'de\nв Гадруте\nStepanakert\n"
IDS = ["jabrayil", "fuzuli", "hadrut", "khankendi"]


def test_lookup_arguments(run_cli):
    proc = run_cli("lookup", "Stepanakert", "Джебраила", "--format", "jsonl")
    assert proc.returncode == 0
    recs = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["khankendi", "jabrayil"]
    assert [r["query"] for r in recs] == ["Stepanakert", "Джебраила"]


def test_lookup_stdin_default_format_is_jsonl(run_cli):
    proc = run_cli("lookup", "-", input=NAMES)
    assert proc.returncode == 0, proc.stderr
    recs = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [r["id"] for r in recs] == IDS


def test_lookup_stdin_crlf(run_cli):
    proc = run_cli("lookup", "-", "--format", "jsonl", input=NAMES.replace("\n", "\r\n"))
    recs = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [r["query"] for r in recs] == NAMES.split()[:1] + ["Füzuli'de", "в Гадруте", "Stepanakert"]
    assert [r["id"] for r in recs] == IDS


def _parse(fmt: str, out: str) -> list[dict]:
    if fmt == "jsonl":
        return [json.loads(line) for line in out.splitlines()]
    if fmt == "json":
        return json.loads(out)
    if fmt in ("csv", "tsv"):
        return list(csv.DictReader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
    if fmt == "geojson":
        doc = json.loads(out)
        assert doc["type"] == "FeatureCollection"
        rows = []
        for f in doc["features"]:
            assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
            lon, lat = f["geometry"]["coordinates"]
            rows.append({**f["properties"], "lat": lat, "lon": lon})
        return rows
    if fmt == "table":
        lines = out.splitlines()
        header = lines[0].split()
        starts = [lines[0].index(h) for h in header] + [None]  # aligned columns: cut at the header's positions
        return [{h: line[starts[i] : starts[i + 1]].strip() for i, h in enumerate(header)} for line in lines[1:]]
    raise AssertionError(fmt)


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "tsv", "geojson"])
def test_lookup_every_format(run_cli, fmt):
    proc = run_cli("lookup", "-", "--format", fmt, input=NAMES + "xyzzyq\n")
    assert proc.returncode == 1  # one name unmatched
    rows = _parse(fmt, proc.stdout.decode("utf-8"))
    if fmt == "geojson":
        assert [r["id"] for r in rows] == IDS  # the unmatched name has no point
    else:
        assert [r["id"] for r in rows] == IDS + (
            [None] if fmt in ("json", "jsonl") else ["-"] if fmt == "table" else [""]
        )
    first = rows[0]
    assert float(first["lat"]) == pytest.approx(39.399, abs=0.01)
    assert float(first["lon"]) == pytest.approx(47.028, abs=0.01)
    if fmt in ("csv", "tsv", "json", "jsonl", "geojson"):
        assert first["query"] == "Cəbrayılın"
        assert first["name"] == "Jabrayil"


def test_lookup_json_empty_input(run_cli):
    proc = run_cli("lookup", "-", "--format", "json", input="")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == []
    proc = run_cli("lookup", "-", "--format", "geojson", input="")
    assert json.loads(proc.stdout) == {"type": "FeatureCollection", "features": []}


def test_lookup_top_and_filters(run_cli):
    proc = run_cli("lookup", "Fuzuli", "--top", "3", "--format", "jsonl")
    recs = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["rank"] for r in recs] == [1, 2, 3]
    assert recs[0]["id"] == "fuzuli"
    proc = run_cli("lookup", "Fuzuli", "--kind", "district", "--format", "jsonl")
    assert json.loads(proc.stdout)["id"] == "fuzuli_district"
    proc = run_cli("lookup", "Stepanakert", "--naming", "az", "--format", "jsonl")
    assert json.loads(proc.stdout)["name"] == "Xankəndi"


def test_lookup_needs_context_flag(run_cli):
    proc = run_cli("lookup", "Gabriel", "Gabriel region", "--format", "jsonl")
    a, b = (json.loads(line) for line in proc.stdout.decode().splitlines())
    assert (a["id"], a["needs_context"]) == ("jabrayil", True)
    assert (b["id"], b["needs_context"]) == ("jabrayil_district", False)


@pytest.mark.parametrize("name", ["Peter Gabriel", "OSCE Minsk Group", "Martini", "Nizami Ganjavi"])
def test_lookup_unmatched_exit_1(run_cli, name):
    proc = run_cli("lookup", name, "--format", "jsonl")
    assert proc.returncode == 1
    rec = json.loads(proc.stdout)
    assert rec["query"] == name and rec["id"] is None


@pytest.mark.parametrize(
    "args",
    [
        ("lookup", "Fuzuli", "--format", "xml"),
        ("lookup", "Fuzuli", "--top", "0"),
        ("lookup", "Fuzuli", "--naming", "fr"),
        ("lookup", "--no-such-option"),
        ("no-such-command",),
    ],
)
def test_bad_usage_exit_2(run_cli, args):
    proc = run_cli(*args)
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert proc.stderr.strip()


def test_lookup_with_broken_user_table_exit_2(run_cli, tmp_path):
    tables = broken_tables(tmp_path)
    path, line, _ = tables["missing_column"]
    proc = run_cli("lookup", "Fuzuli", "--places", path)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert f"{path}:{line}" in err and "missing column" in err
    assert len(err.strip().splitlines()) == 1


def test_lookup_missing_user_table_exit_2(run_cli, tmp_path):
    proc = run_cli("lookup", "Fuzuli", "--places", tmp_path / "nope.csv")
    assert proc.returncode == 2
    assert "nope.csv" in proc.stderr.decode()


def test_lookup_user_table(run_cli, tmp_path, cli_env):
    path = write_table(tmp_path)
    proc = run_cli("lookup", "Testabadə", "Stepanakert", "--places", path, "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(x)["id"] for x in proc.stdout.decode().splitlines()] == ["testabad", "khankendi"]


def test_show(run_cli):
    proc = run_cli("show", "jabrayil", "--format", "json")
    assert proc.returncode == 0
    row = json.loads(proc.stdout)
    assert row["id"] == "jabrayil" and any(v["variant"] == "Gabriel" and v["needs_context"] for v in row["variants"])
    proc = run_cli("show", "jabrayil", "--format", "table")
    assert proc.stdout.decode().startswith("jabrayil: Jabrayil (city, AZ)\n")
    assert "[needs context]" in proc.stdout.decode()
    proc = run_cli("show", "jabrayil", "no_such_id", "--format", "json")
    assert proc.returncode == 1
    assert "no_such_id" in proc.stderr.decode()


def test_version_and_help(run_cli):
    proc = run_cli("--version")
    assert proc.returncode == 0 and b"0.1.0" in proc.stdout
    proc = run_cli("lookup", "--help")
    assert proc.returncode == 0 and b"--format" in proc.stdout


# ----------------------------------------------------------------- validate
def test_validate_bundled(run_cli):
    proc = run_cli("validate")
    assert proc.returncode == 0
    assert b"0 error(s)" in proc.stderr


def test_validate_good_fixture(run_cli, tmp_path):
    path = write_table(tmp_path)
    proc = run_cli("validate", path)
    assert proc.returncode == 0, proc.stderr
    assert f"{path}: 0 error(s), 0 warning(s)" in proc.stderr.decode()


@pytest.mark.parametrize(
    "case", ["duplicate_id", "bad_latitude", "unknown_kind", "missing_column", "semicolons", "not_a_number"]
)
def test_validate_broken_fixture(run_cli, tmp_path, case):
    path, line, word = broken_tables(tmp_path)[case]
    proc = run_cli("validate", path)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "Traceback" not in err
    problem_lines = [x for x in err.splitlines() if "error:" in x and "error(s)" not in x]
    assert problem_lines, err
    assert problem_lines[0].startswith(f"{path}:{line}: error: "), problem_lines[0]
    assert word in problem_lines[0]
    assert "1 error(s)" in err


def test_validate_missing_file(run_cli, tmp_path):
    proc = run_cli("validate", tmp_path / "nope.csv")
    assert proc.returncode == 2
    assert "nope.csv" in proc.stderr.decode() and "no such file" in proc.stderr.decode()


def test_validate_variants_option(run_cli, tmp_path):
    path = write_table(tmp_path, variants=["ghost,Ghost,en,Latn,variant,0,test:1"])
    proc = run_cli("validate", path, "--variants", tmp_path / "variants.csv")
    assert proc.returncode == 2
    assert f"{tmp_path / 'variants.csv'}:2: error: variant 'Ghost' names unknown id 'ghost'" in proc.stderr.decode()
