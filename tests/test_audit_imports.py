"""tools/audit_imports.py on a small WOF extract: a spring of the 2016 GeoNames import is
dropped, an official village kept, an unknown kept and listed, a namesake's id spared;
and the official settlement list it reads is whole and sourced."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "audit_imports.py"

PLACE_COLUMNS = [
    "wof_id", "name", "placetype", "country", "geonameid", "population", "belongsto",
    "name_hye", "name_rus", "name_eng", "wikidata",
]  # fmt: skip
REGION = "85668123"


def _place(wof_id: str, name: str, geonameid: str, placetype: str = "locality") -> dict[str, str]:
    return {
        "wof_id": wof_id,
        "name": name,
        "placetype": placetype,
        "country": "AM",
        "geonameid": geonameid,
        "population": "",
        "belongsto": f"102191569|{REGION}|85632773",
        "name_hye": name,
        "name_rus": "",
        "name_eng": "",
        "wikidata": "",
    }


def _tsv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    lines = ["\t".join(columns)] + ["\t".join(r[c] for c in columns) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture()
def world(tmp_path: Path) -> Path:
    """A WOF extract of one province, the official list, the word list, a table."""
    wof = tmp_path / "wof"
    wof.mkdir()
    region = _place(REGION, "Vayots Dzor", "409315", "region")
    region["belongsto"] = "85632773"
    places = [
        region,
        _place("1", "Kaputi Aghbyur", "11190001"),  # a spring of the import
        _place("2", "Vernashen", "11190002"),  # an official village, imported again
        _place("3", "Sop'latsi", "11190003"),  # neither: unknown
        _place("4", "Aghbyur", "174000"),  # an older GeoNames record: not the import
        _place("5", "Tap'", "11190005"),  # a feature whose namesake stays in the table
        _place("6", "Tap'", "10427077"),  # that namesake (older record, kept)
    ]
    _tsv(wof / "wof-places.tsv", PLACE_COLUMNS, places)
    _tsv(wof / "wof-names.tsv", ["wof_id", "name"], [{"wof_id": "2", "name": "Վերնաշեն"}])
    (tmp_path / "settlements.csv").write_text(
        "name_hy,name_en,province,source\nՎերնաշեն,Vernashen,Vayots Dzor,test list row 1\n", encoding="utf-8"
    )
    (tmp_path / "words.txt").write_text("# test words\nաղբյուր  # spring\ntap  # flat ground\n", encoding="utf-8")
    (tmp_path / "sites.csv").write_text("name,province,kind,source\n", encoding="utf-8")
    (tmp_path / "places.csv").write_text(
        "id,name,kind,country,parent,wof_id\n"
        "vayots_dzor_province,Vayots' Dzor,region,AM,,85668123\n"
        "tap,Tap',village,AM,vayots_dzor_province,6\n"
        "tap_vayots_dzor,Tap',village,AM,vayots_dzor_province,5\n",
        encoding="utf-8",
    )
    (tmp_path / "curated").mkdir()
    return tmp_path


def _run(world: Path, *extra: str) -> subprocess.CompletedProcess:
    args = [
        sys.executable, str(TOOL),
        "--wof-dir", str(world / "wof"),
        "--settlements", str(world / "settlements.csv"),
        "--features", str(world / "words.txt"),
        "--known-sites", str(world / "sites.csv"),
        "--table", str(world / "places.csv"),
        "--curated", str(world / "curated"),
        "--fixes", str(world / "curated" / "geonames_import_fixes.csv"),
        "--audit", str(world / "audit.csv"),
        *extra,
    ]  # fmt: skip
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return {r["wof_id"]: r for r in csv.DictReader(f)}


def test_spring_dropped_village_kept_unknown_listed(world: Path) -> None:
    done = _run(world)
    assert done.returncode == 0, done.stderr
    fixes = _rows(world / "curated" / "geonames_import_fixes.csv")
    audit = _rows(world / "audit.csv")
    assert fixes["1"]["action"] == "drop_record" and "spring" in fixes["1"]["reason"]
    assert audit["2"]["verdict"] == "settlement" and audit["2"]["action"] == "keep" and "2" not in fixes
    assert audit["3"]["verdict"] == "unknown" and audit["3"]["action"] == "keep" and "3" not in fixes
    assert "4" not in audit  # outside the import's GeoNames ids
    assert set(fixes) == {"1"}


def test_feature_with_a_namesake_in_the_table_is_kept(world: Path) -> None:
    """Dropping the import's "Tap'" would rename the older "Tap'" the table keeps (ids of
    same-name rows follow the set the build keeps): the feature stays, with the reason."""
    assert _run(world).returncode == 0
    audit = _rows(world / "audit.csv")
    assert audit["5"]["verdict"] == "feature" and audit["5"]["action"] == "keep"
    assert "rename tap" in audit["5"]["reason"]


def test_check_reports_a_stale_fixes_file(world: Path) -> None:
    assert _run(world, "--check").returncode == 1  # nothing written yet
    assert _run(world).returncode == 0
    assert _run(world, "--check").returncode == 0


def test_missing_list_is_one_line_and_no_traceback(world: Path) -> None:
    (world / "settlements.csv").unlink()
    done = _run(world)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "settlements.csv" in done.stderr and "Traceback" not in done.stderr
    assert not (world / "curated" / "geonames_import_fixes.csv").exists()


def test_official_list_is_whole_and_sourced() -> None:
    with open(ROOT / "data" / "reference" / "am_settlements.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    provinces = {r["province"] for r in rows}
    assert len(provinces) == 11 and len(rows) == 1015
    assert all(r["source"].startswith("OCHA COD-AB Armenia ADM4_PCODE AM") for r in rows)
    armenian = all(
        "\u0531" <= ch <= "\u058f" for r in rows for ch in r["name_hy"] if ch.isalpha()
    )  # no presentation-form ligatures (U+FB13-FB17) left
    assert armenian
    assert {"Vernashen", "Ashotavan", "Nerkin Karmir Aghbyur"} <= {r["name_en"] for r in rows}
