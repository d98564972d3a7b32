"""gazetteer.boundaries and tools/assign_parents.py: a settlement lies inside its parent district."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from gazetteer.boundaries import (
    District,
    bundled_boundaries_path,
    contains,
    distance_km,
    load_districts,
    locate,
    parent_problems,
)
from gazetteer.table import read_places, validate

from .conftest import PLACES_CSV, ROOT
from .tabledata import write_table

# a 0.2-degree square with a 0.02-degree hole in the middle (a city enclave)
OUTER = ((46.0, 39.0), (46.2, 39.0), (46.2, 39.2), (46.0, 39.2))
HOLE = ((46.09, 39.09), (46.11, 39.09), (46.11, 39.11), (46.09, 39.11))
SQUARE = District("square_district", "1", "AZ", "test", (46.0, 39.0, 46.2, 39.2), ((OUTER, HOLE),))


def test_point_inside_and_outside_a_polygon():
    assert contains(SQUARE, 39.05, 46.05)
    assert not contains(SQUARE, 39.25, 46.05)  # north of it
    assert not contains(SQUARE, 39.05, 45.99)  # west of it


def test_a_point_in_a_hole_is_outside_unless_holes_are_ignored():
    assert not contains(SQUARE, 39.10, 46.10)
    assert contains(SQUARE, 39.10, 46.10, holes=False)
    assert distance_km(SQUARE, 39.10, 46.10, holes=False) == 0.0


def test_distance_to_the_boundary_in_km():
    # 0.01 degree of latitude north of the edge is about 1.1 km
    assert distance_km(SQUARE, 39.21, 46.1) == pytest.approx(1.1, abs=0.05)
    assert distance_km(SQUARE, 39.1, 46.05) == 0.0


def test_parent_problems_uses_the_tolerance():
    Row = type("Row", (), {})

    def row(pid, lat, kind="village", parent="square_district"):
        r = Row()
        r.id, r.kind, r.country, r.parent, r.lat, r.lon = pid, kind, "AZ", parent, lat, 46.1
        return r

    rows = [row("inside", 39.1), row("near", 39.205), row("far", 39.22), row("river", 39.5, kind="river")]
    assert [p.id for p in parent_problems(rows, {"square_district": SQUARE})] == ["far"]
    assert [p.id for p in parent_problems(rows, {"square_district": SQUARE}, tolerance_km=3)] == []


@pytest.fixture(scope="module")
def districts():
    return load_districts()


@pytest.fixture(scope="module")
def bundled():
    return {p.id: p for p in read_places(PLACES_CSV)}


def test_shipped_polygons_name_their_source_and_licence(bundled):
    data = json.loads(bundled_boundaries_path().read_text(encoding="utf-8"))
    assert len(data["features"]) >= 80
    for f in data["features"]:
        props = f["properties"]
        assert props["id"] in bundled and bundled[props["id"]].kind in {"district", "region"}, props["id"]
        assert props["wof_id"] == bundled[props["id"]].wof_id
        assert props["source"].startswith(f"wof:{props['wof_id']} ") and props["licence"]


def test_a_district_centre_lies_in_its_district(districts, bundled):
    town = bundled["jabrayil"]
    assert [d.id for d in locate(districts, town.lat, town.lon)] == ["jabrayil_district"]


def _three_rows(parent: str, bundled) -> list[str]:
    town = bundled["jabrayil"]
    return [
        "jabrayil_district,Jabrayil District,district,AZ,,39.29336,46.95609,,test:1,,,,,",
        "kalbajar_district,Kalbajar District,district,AZ,,40.10474,46.20075,,test:2,,,,,",
        f"testkend,Testkend,village,AZ,{parent},{town.lat:.5f},{town.lon:.5f},,test:3,,,,,",
    ]


def test_a_wrong_parent_fails_validate(tmp_path, bundled):
    path = write_table(tmp_path, _three_rows("kalbajar_district", bundled), variants=False)
    errors = [p for p in validate(path) if p.level == "error"]
    assert len(errors) == 1 and errors[0].line == 4
    assert "testkend" in errors[0].message and "kalbajar_district" in errors[0].message
    assert "it lies in jabrayil_district" in errors[0].message


def test_the_right_parent_passes_validate(tmp_path, bundled):
    path = write_table(tmp_path, _three_rows("jabrayil_district", bundled), variants=False)
    assert validate(path) == []


def test_bundled_table_settlements_lie_in_their_parents(bundled, districts):
    problems = parent_problems(bundled.values(), districts)
    assert [str(p) for p in problems] == []


def _run_tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "assign_parents.py"), *args], capture_output=True, text=True
    )


def test_assign_fills_and_corrects_parents_and_lists_points_outside(tmp_path, bundled):
    town = bundled["jabrayil"]
    rows = [
        *_three_rows("kalbajar_district", bundled),
        f"orphan,Orphan,village,AZ,,{town.lat:.5f},{town.lon + 0.001:.5f},,test:4,,,,,",
        "offshore,Offshore,village,AZ,,40.0,50.5,,test:5,,,,,",  # in the Caspian Sea
    ]
    places = write_table(tmp_path, rows, variants=False)
    out = tmp_path / "parents.csv"
    proc = _run_tool("assign", "--places", str(places), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    with open(out, encoding="utf-8", newline="") as f:
        got = {r["id"]: r for r in csv.DictReader(f)}
    assert {k: r["parent"] for k, r in got.items()} == {"testkend": "jabrayil_district", "orphan": "jabrayil_district"}
    assert got["testkend"]["source"].startswith("point test:3 inside the wof:85668323 polygon")
    assert got["testkend"]["checked"].startswith("quattroshapes:")
    assert "offshore AZ parent=-" in proc.stdout


def test_assign_with_a_missing_table_says_so_in_one_line(tmp_path):
    proc = _run_tool("assign", "--places", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o.csv"))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "cannot read" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "o.csv").exists()
