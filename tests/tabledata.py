"""Small place tables written by the tests (good and broken)."""

from __future__ import annotations

from pathlib import Path

HEADER = "id,name,kind,country,parent,lat,lon,population,source,wof_id,geonames_id,name_az,name_ru,name_hy"
GOOD_ROWS = [
    "testabad_district,Testabad District,district,AZ,,39.70000,46.90000,,test:1,,,Testabad rayonu,Тестабадский район,",
    "testabad,Testabad,town,AZ,testabad_district,39.71000,46.91000,1200,test:2,,,Testabad,Тестабад,Տեստաբադ",
    "zorkavan,Zorkavan,village,AM,,39.90000,45.30000,300,test:3,,,,,",
]
VARIANTS_HEADER = "id,variant,lang,script,type,needs_context,source"
GOOD_VARIANTS = [
    "testabad,Testabadə,az,Latn,variant,0,test:v1",
    "testabad,Тестабад,ru,Cyrl,variant,0,test:v2",
    "zorkavan,Զորքավան,hy,Armn,variant,0,test:v3",
]


def write_table(folder: Path, rows=None, *, header: str = HEADER, variants=None, name: str = "places.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    lines = [header, *(GOOD_ROWS if rows is None else rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if variants is not False:
        vlines = [VARIANTS_HEADER, *(GOOD_VARIANTS if variants is None else variants)]
        (folder / "variants.csv").write_text("\n".join(vlines) + "\n", encoding="utf-8")
    return path


def broken_tables(base: Path) -> dict[str, tuple[Path, int, str]]:
    """name -> (places.csv path, line number of the fault, a word the message must contain)."""
    out = {}
    out["duplicate_id"] = (
        write_table(base / "dup", GOOD_ROWS + [GOOD_ROWS[1].replace("Testabad,town", "Testabad Two,town")]),
        5,
        "duplicate",
    )
    out["bad_latitude"] = (
        write_table(base / "lat", GOOD_ROWS[:2] + [GOOD_ROWS[2].replace("39.90000", "123")]),
        4,
        "123",
    )
    out["unknown_kind"] = (
        write_table(base / "kind", GOOD_ROWS[:1] + [GOOD_ROWS[1].replace(",town,", ",hamlet,")] + GOOD_ROWS[2:]),
        3,
        "hamlet",
    )
    out["missing_column"] = (
        write_table(
            base / "col",
            [",".join(r.split(",")[:5] + r.split(",")[6:]) for r in GOOD_ROWS],
            header=HEADER.replace(",lat,", ","),
        ),
        1,
        "lat",
    )
    out["semicolons"] = (
        write_table(base / "semi", [r.replace(",", ";") for r in GOOD_ROWS], header=HEADER.replace(",", ";")),
        1,
        "delimiter",
    )
    out["not_a_number"] = (
        write_table(base / "nan", GOOD_ROWS[:2] + [GOOD_ROWS[2].replace("45.30000", "east")]),
        4,
        "lon",
    )
    return out
