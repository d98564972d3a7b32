"""Former names of towns and districts (data/curated/former_names_variants.csv, issue 13
"Complete: renamings"): every curated row reaches the bundled table with its type, and
its name resolves to the place it names.

The cases are generated from the curated file itself (the project's own rows, not
benchmark items), so a row added there is tested without editing this file.
"""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from .conftest import DATA, ROOT, VARIANTS_CSV

CURATED = DATA / "curated" / "former_names_variants.csv"
FORMER_TYPES = {"soviet", "historical"}


def _curated_rows() -> list[dict]:
    with open(CURATED, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


ROWS = _curated_rows()


def test_curated_rows_are_former_names_with_a_source():
    assert ROWS, "the curated file is empty"
    for r in ROWS:
        assert r["type"] in FORMER_TYPES, r
        assert r["lang"] in {"en", "ru", "az", "hy"}, r
        assert r["needs_context"] in {"0", "1"}, r
        assert r["source"].strip(), r


def test_each_curated_row_is_in_the_built_table_as_a_former_name():
    with open(VARIANTS_CSV, encoding="utf-8", newline="") as f:
        built = {(v["id"], v["variant"], v["lang"]): v for v in csv.DictReader(f)}
    for r in ROWS:
        v = built.get((r["id"], r["variant"], r["lang"]))
        assert v is not None, ("not in data/variants.csv; run tools/build_places.py", r)
        assert v["type"] in FORMER_TYPES, (r, v)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['id']}:{r['variant']}" for r in ROWS])
def test_former_name_resolves_to_its_place(gz, row):
    m = gz.lookup(row["variant"])
    assert m is not None and m.id == row["id"], (row["variant"], row["id"], m)
    if m.needs_context:  # only a name curated as needing context may come back so
        assert row["needs_context"] == "1", (row, m)


def test_persons_names_need_context_in_running_text():
    by_name = {r["variant"]: r for r in ROWS}
    for name in ("Mikoyan", "Azizbekov"):
        assert by_name[name]["needs_context"] == "1", by_name[name]


def test_cli_lookup_answers_a_soviet_name_with_the_modern_town(run_cli):
    proc = run_cli("lookup", "--format", "jsonl", "Leninakan", "Kirovakan")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode("utf-8").splitlines()
    assert ['"id": "gyumri"' in lines[0], '"id": "vanadzor"' in lines[1]] == [True, True], lines


def test_report_counts_the_towns_and_lists_those_without(tmp_path):
    places = tmp_path / "places.csv"
    variants = tmp_path / "variants.csv"
    places.write_text(
        "id,name,kind,country\n"
        "gyumri,Gyumri,city,AM\n"
        "dilijan,Dilijan,town,AM\n"
        "tbilisi,Tbilisi,city,GE\n"
        "shusha_district,Shusha District,district,AZ\n",
        encoding="utf-8",
    )
    variants.write_text(
        "id,variant,lang,script,type,needs_context,source\n"
        "gyumri,Leninakan,en,Latn,soviet,0,x\n"
        "gyumri,Gyumri,en,Latn,preferred,0,x\n"
        "tbilisi,Tiflis,en,Latn,historical,0,x\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "former_names_report.py"),
            "--places",
            str(places),
            "--variants",
            str(variants),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "AM      city         1 /    1" in out
    assert "AM      town         0 /    1" in out
    assert "AZ      district     0 /    1" in out
    assert "dilijan (Dilijan)" in out and "shusha_district" in out
    assert "tbilisi" not in out  # another country


def test_report_on_a_missing_table_says_so_in_one_line(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "former_names_report.py"), "--places", str(tmp_path / "none.csv")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
