"""gazetteer.table: reading and validating place tables."""

from __future__ import annotations

import re

import pytest

from gazetteer.errors import DataError
from gazetteer.table import KINDS, PLACE_COLUMNS, importance, read_places, read_variants, validate

from .conftest import PLACES_CSV, VARIANTS_CSV
from .tabledata import GOOD_ROWS, broken_tables, write_table


def test_bundled_table_is_sound():
    problems = validate(PLACES_CSV, VARIANTS_CSV)
    assert [str(p) for p in problems if p.level == "error"] == []


def test_bundled_header_is_the_documented_one():
    header = PLACES_CSV.read_text(encoding="utf-8").split("\n", 1)[0].strip().split(",")
    assert header == PLACE_COLUMNS


def test_good_table_reads(tmp_path):
    path = write_table(tmp_path)
    places = read_places(path)
    assert [p.id for p in places] == ["testabad_district", "testabad", "zorkavan"]
    assert places[1].lat == pytest.approx(39.71) and places[1].population == 1200
    assert places[1].line == 3  # header is line 1
    assert places[2].country == "AM"
    variants = read_variants(tmp_path / "variants.csv")
    assert [v.variant for v in variants] == ["Testabadə", "Тестабад", "Զորքավան"]
    assert validate(path, tmp_path / "variants.csv") == []


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    return broken_tables(tmp_path_factory.mktemp("broken"))


@pytest.mark.parametrize(
    "case", ["duplicate_id", "bad_latitude", "unknown_kind", "missing_column", "semicolons", "not_a_number"]
)
def test_validate_names_file_and_line(broken, case):
    path, line, word = broken[case]
    problems = validate(path, path.parent / "variants.csv")
    errors = [p for p in problems if p.level == "error"]
    assert errors, case
    first = errors[0]
    assert first.path == str(path)
    assert word in first.message
    text = str(first)
    assert text.startswith(f"{path}:{line}: error: "), text
    assert first.line == line, f"{case}: Problem.line is {first.line}, expected {line} ({text})"


def test_validate_reports_duplicate_with_first_line(broken):
    path, _, _ = broken["duplicate_id"]
    (problem,) = validate(path)
    assert problem.message == "duplicate id 'testabad' (first on line 3)"


@pytest.mark.parametrize("case", ["missing_column", "semicolons", "not_a_number"])
def test_read_errors_raise_data_error_with_location(broken, case):
    path, line, word = broken[case]
    with pytest.raises(DataError) as info:
        read_places(path)
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert word in str(info.value)


def test_variant_problems(tmp_path):
    path = write_table(
        tmp_path,
        variants=[
            "nowhere,Nowhere,en,Latn,variant,0,test:x",
            "testabad,'-',en,Latn,variant,0,test:y",
            "zorkavan,Zorkavanë,en,Latn,variant,0,",
        ],
    )
    problems = validate(path, tmp_path / "variants.csv")
    by_line = {(p.line, p.level): p.message for p in problems}
    assert "unknown id 'nowhere'" in by_line[(2, "error")]
    assert "folds to an empty key" in by_line[(3, "error")]
    assert "no source" in by_line[(4, "error")]  # every variant names a source (issue 13)
    # errors first
    levels = [p.level for p in problems]
    assert levels == sorted(levels, key=lambda lv: lv != "error")


def test_other_row_checks(tmp_path):
    rows = [
        GOOD_ROWS[0],
        "outside,Outside,town,AZ,,41.0,30.0,,test:9,,,,,",  # in range, but not in Azerbaijan
        "nosource,No Source,village,AM,ghost_parent,39.9,45.3,,,,,,,",
        ",Anonymous,village,AM,,39.9,45.3,,test:10,,,,,",
        "negpop,Negative,village,AM,,39.9,45.3,-5,test:11,,,,,",
    ]
    path = write_table(tmp_path, rows, variants=False)
    problems = validate(path)
    messages = {p.line: (p.level, p.message) for p in problems}
    assert messages[3] == ("error", "outside: coordinate 41.0, 30.0 outside AZ")
    assert any(p.line == 4 and "no source" in p.message for p in problems)
    assert any(p.line == 4 and p.level == "warning" and "ghost_parent" in p.message for p in problems)
    assert any(p.line == 5 and p.message == "empty id" for p in problems)
    assert any(p.line == 6 and "negative population" in p.message for p in problems)


def test_importance_prefers_focus_region_and_kind():
    rows = read_places(PLACES_CSV)
    by_id = {p.id: p for p in rows}
    assert importance(by_id["fuzuli"]) > importance(by_id["fuzuli_district"])
    assert importance(by_id["khankendi"]) > 5


def test_kinds_cover_the_bundled_table(places_rows):
    assert {r["kind"] for r in places_rows} <= KINDS


def test_imported_alternate_names_are_names(variants_rows):
    """GeoNames' alternate names include airport codes (MLX, SKX) and lower-case
    romanisations of other scripts ("toura" for Tula): read as tickers and words."""
    junk = [
        (r["id"], r["variant"])
        for r in variants_rows
        if r["source"].startswith("geonames:")
        and r["script"] == "Latn"
        and (r["variant"].islower() or (r["variant"].isupper() and len(r["variant"]) <= 4))
    ]
    assert junk == []


def test_a_rayon_stands_at_the_town_it_is_named_after(places_rows):
    """A district's point is its centre (the town it is named after), with the centre
    cited beside the district's own source; the polygon's middle would put "Kalbajar
    District" 14 km from Kalbajar."""
    by_id = {r["id"]: r for r in places_rows}
    centred = [
        (did, d)
        for did, d in by_id.items()
        if d["kind"] == "district" and by_id.get(did.removesuffix("_district"), {}).get("kind") in {"city", "town"}
    ]
    assert len(centred) > 40
    for did, d in centred:
        town = by_id[did.removesuffix("_district")]
        if town["parent"] == did:
            assert (d["lat"], d["lon"]) == (town["lat"], town["lon"]), did
            assert "point" in d["source"], did  # "point: its centre <id> (<its source>)"


def test_a_settlement_name_cited_from_a_wof_record_sits_on_that_record(places_rows, variants_rows):
    """An Armenian-era name copied from a WOF record belongs to that record's settlement:
    Tumi (Binə of Khojavend, wof:1260010869) had been filed on Baku's Binə."""
    by_wof = {r["wof_id"]: r for r in places_rows if r["wof_id"]}
    kind = {r["id"]: r["kind"] for r in places_rows}
    settlements = {"village", "town", "city"}
    wrong = []
    for v in variants_rows:
        m = re.match(r"wof:(\d+) ", v["source"])
        cited = by_wof.get(m.group(1)) if m else None
        if v["type"] == "armenian" and cited and kind.get(v["id"]) in settlements and cited["kind"] in settlements:
            if cited["id"] != v["id"]:
                wrong.append((v["id"], v["variant"], cited["id"]))
    assert wrong == []


def test_a_village_named_as_a_regions_people_needs_context():
    from gazetteer.table_rules import demonym_keys, risky_variant

    demonyms = demonym_keys(
        [
            ("region", "AZ", 0, "Karabakh", "tr", "Karabağ"),
            ("city", "AM", 43_000, "Kapan", "az", "Qafan"),  # a small city: its villages keep the name
            ("region", "AZ", 0, "Mugan Plain", "az", "Muğan"),  # named in two English words
        ]
    )
    assert risky_variant("Karabağlı", "variant", frozenset(), "village", 0, demonyms) == "demonym"
    assert risky_variant("Karabağlu", "variant", frozenset(), "village", 0, demonyms) == "demonym"
    assert risky_variant("Qafanlı", "variant", frozenset(), "village", 0, demonyms) == ""
    assert risky_variant("Muğanlı", "variant", frozenset(), "village", 0, demonyms) == ""
    # a town so named, and the name in another script, are left alone
    assert risky_variant("Karabağlı", "variant", frozenset(), "town", 0, demonyms) == ""
    assert risky_variant("Карабаглы", "variant", frozenset(), "village", 0, demonyms) == ""


def test_a_regions_demonym_as_a_family_name_is_no_village(gz):
    assert [m["id"] for m in gz.extract("Kazı başkanı Doç. Dr. Ayşe Karabağlı konuştu.")] == []
    assert [m["id"] for m in gz.extract("Qarabağlı kəndində yeni məktəb açıldı.")][0].startswith("garabagli")
