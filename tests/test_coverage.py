"""tools/coverage.py counts each district's settlements and the kinds of name they carry."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "coverage.py"

PLACES = [
    # id, kind, parent, name_az, name_ru, name_hy
    ("hadrut", "town", "khojavend_district", "Hadrut", "Гадрут", "Հադրութ"),
    ("tugh", "village", "khojavend_district", "Tuğ", "", "Togh"),  # Latin in name_hy: no Armenian script
    ("sos", "village", "khojavend_district", "", "", ""),
    ("amaras", "landmark", "khojavend_district", "Amaras", "", ""),  # not a settlement
    ("lachin", "city", "lachin_district", "Laçın", "Лачин", "Լաչին"),
    ("elsewhere", "village", "barda_district", "Bərdə", "", ""),  # not a district we report
]
VARIANTS = [
    # id, variant, lang, script, type
    ("tugh", "Տող", "hy", "Armn", "armenian"),
    ("tugh", "Тог", "ru", "Cyrl", "russian"),
    ("sos", "Sos", "az", "Latn", "official"),
    ("sos", "Сос", "uk", "Cyrl", "preferred"),  # Ukrainian Cyrillic is no Russian form
    ("sos", "Nor Sos", "hy", "Latn", "historical"),  # historical in Armenian: Armenian-era
    ("hadrut", "Гадрутский", "ru", "Cyrl", "soviet"),
    ("lachin", "Berdzor", "hy", "Latn", "armenian"),
    ("lachin", "Abdalyar", "az", "Latn", "historical"),  # historical in Azerbaijani: Soviet or older
]


def _write(tmp_path: Path) -> tuple[Path, Path]:
    places = tmp_path / "places.csv"
    variants = tmp_path / "variants.csv"
    with open(places, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "kind", "country", "parent", "name_az", "name_ru", "name_hy"])
        for pid, kind, parent, az, ru, hy in PLACES:
            w.writerow([pid, pid.title(), kind, "AZ", parent, az, ru, hy])
    with open(variants, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "variant", "lang", "script", "type", "needs_context", "source"])
        for pid, text, lang, script, kind in VARIANTS:
            w.writerow([pid, text, lang, script, kind, "0", "test"])
    return places, variants


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(TOOL), *args], capture_output=True, text=True, timeout=60)


def _row(table: str, label: str) -> list[str]:
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[0] == label:
            return cells
    raise AssertionError(f"no row {label!r} in\n{table}")


def test_counts_settlements_and_each_kind_of_name_per_district(tmp_path):
    places, variants = _write(tmp_path)
    out = _run("--places", str(places), "--variants", str(variants))
    assert out.returncode == 0, out.stderr
    # District, Settlements, Official, Azerbaijani, Armenian-era, Soviet, Russian, Armenian script
    khojavend = _row(out.stdout, "Khojavend")
    assert khojavend[1] == "3"  # hadrut, tugh, sos; the landmark is no settlement
    assert khojavend[3:] == ["3", "2", "1", "2", "2"]
    lachin = _row(out.stdout, "Lachin")
    assert lachin[1] == "1"
    assert lachin[3:] == ["1", "1", "1", "1", "1"]
    assert _row(out.stdout, "Khojaly")[1] == "0"


def test_official_count_is_printed_beside_the_district(tmp_path):
    places, variants = _write(tmp_path)
    out = _run("--places", str(places), "--variants", str(variants), "--sources")
    assert out.returncode == 0, out.stderr
    assert _row(out.stdout, "Lachin")[2].isdigit()
    assert _row(out.stdout, "Tartar")[2] == "?"
    assert "- Lachin: " in out.stdout


def test_totals_add_up_over_districts(tmp_path):
    places, variants = _write(tmp_path)
    out = _run("--places", str(places), "--variants", str(variants))
    total = _row(out.stdout, "**Total**")
    assert total[1] == "4"
    assert total[3:] == ["4", "3", "2", "3", "3"]


def test_missing_file_is_one_line_and_exit_2(tmp_path):
    out = _run("--places", str(tmp_path / "nope.csv"), "--variants", str(tmp_path / "nope.csv"))
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_table_without_needed_columns_is_refused(tmp_path):
    _, variants = _write(tmp_path)
    bad = tmp_path / "bad_places.csv"
    bad.write_text("id,name\nx,X\n", encoding="utf-8")
    out = _run("--places", str(bad), "--variants", str(variants))
    assert out.returncode == 2
    assert "missing column" in out.stderr


def test_write_rewrites_only_the_marked_blocks_of_the_document(tmp_path):
    places, variants = _write(tmp_path)
    doc = tmp_path / "DATA.md"
    doc.write_text(
        "# Data\nbefore\n<!-- coverage:table -->\nold table\n<!-- /coverage:table -->\nmiddle\n"
        "<!-- coverage:sources -->\nold sources\n<!-- /coverage:sources -->\nafter\n",
        encoding="utf-8",
    )
    out = _run("--places", str(places), "--variants", str(variants), "--write", str(doc))
    assert out.returncode == 0, out.stderr
    text = doc.read_text(encoding="utf-8")
    assert "old table" not in text and "old sources" not in text
    assert text.startswith("# Data\nbefore\n") and "\nmiddle\n" in text and text.endswith("after\n")
    assert _row(text, "Khojavend")[1] == "3"
    assert "- Lachin: " in text


def test_write_without_markers_leaves_the_document_alone(tmp_path):
    places, variants = _write(tmp_path)
    doc = tmp_path / "DATA.md"
    doc.write_text("# Data\nno markers here\n", encoding="utf-8")
    out = _run("--places", str(places), "--variants", str(variants), "--write", str(doc))
    assert out.returncode == 2
    assert "no <!-- coverage:table -->" in out.stderr
    assert doc.read_text(encoding="utf-8") == "# Data\nno markers here\n"
