"""`validate` checks the cleaning rules of issue 13, each on a small table that breaks it.

Every test writes a few rows to tmp_path, breaks one rule and expects validate to name
it; the last test runs the bundled table.
"""

from __future__ import annotations

import csv
from pathlib import Path

from gazetteer.table import PLACE_COLUMNS, VARIANT_COLUMNS, bundled_paths, validate

GOOD_PLACE = {
    "id": "hadrut", "name": "Hadrut", "kind": "town", "country": "AZ", "parent": "",
    "lat": "39.52", "lon": "47.03", "population": "", "source": "wof:1", "wof_id": "1",
    "geonames_id": "", "name_az": "Hadrut", "name_ru": "Гадрут", "name_hy": "Հադրութ", "status": "",
}  # fmt: skip
GOOD_VARIANT = {
    "id": "hadrut", "variant": "Hadrud", "lang": "en", "script": "Latn", "type": "variant",
    "needs_context": "0", "source": "wof:1 name:eng_x_variant",
}  # fmt: skip


def write_table(
    tmp_path: Path, places: list[dict], variants: list[dict], aliases: list[dict] | None = None
) -> tuple[Path, Path]:
    ppath, vpath = tmp_path / "places.csv", tmp_path / "variants.csv"
    for path, cols, rows in ((ppath, PLACE_COLUMNS, places), (vpath, VARIANT_COLUMNS, variants)):
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, cols)
            w.writeheader()
            w.writerows(rows)
    if aliases is not None:
        with open(tmp_path / "aliases.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, ["alias", "id", "reason"])
            w.writeheader()
            w.writerows(aliases)
    return ppath, vpath


def messages(tmp_path: Path, places: list[dict], variants: list[dict], aliases=None, level="error") -> list[str]:
    problems = validate(*write_table(tmp_path, places, variants, aliases))
    return [p.message for p in problems if p.level == level]


def test_a_clean_small_table_has_no_problem(tmp_path):
    assert validate(*write_table(tmp_path, [GOOD_PLACE], [GOOD_VARIANT], [])) == []


def test_a_village_named_with_a_junk_keyword_is_flagged(tmp_path):
    spring = dict(GOOD_PLACE, id="karmir_khach", name="Karmir Khach'", kind="village", country="AM", name_hy="")
    found = messages(tmp_path, [GOOD_PLACE, spring], [GOOD_VARIANT], level="warning")
    assert any("karmir_khach" in m and "junk" in m and "khach" in m for m in found)


def test_a_street_named_after_a_person_is_flagged(tmp_path):
    street = dict(GOOD_PLACE, id="saryan_m", name="Saryan M.", kind="village", country="AM", name_hy="")
    found = messages(tmp_path, [GOOD_PLACE, street], [GOOD_VARIANT], level="warning")
    assert any("saryan_m" in m and "initial" in m for m in found)


def test_an_unknown_kind_is_an_error(tmp_path):
    found = messages(tmp_path, [dict(GOOD_PLACE, kind="hamlet")], [GOOD_VARIANT])
    assert any("unknown kind 'hamlet'" in m for m in found)


def test_a_community_is_a_known_kind(tmp_path):
    assert messages(tmp_path, [dict(GOOD_PLACE, kind="community")], [GOOD_VARIANT]) == []


def test_an_unknown_status_is_an_error(tmp_path):
    found = messages(tmp_path, [dict(GOOD_PLACE, status="ruined")], [GOOD_VARIANT])
    assert any("unknown status 'ruined'" in m for m in found)


def test_a_name_column_in_another_script_is_an_error(tmp_path):
    for col, value in (("name_hy", "Gyulap'ly"), ("name_ru", "Gadrut"), ("name_az", "Гадрут")):
        found = messages(tmp_path, [dict(GOOD_PLACE, **{col: value})], [GOOD_VARIANT])
        assert any(col in m and "script" in m for m in found), col


def test_a_turned_e_in_a_name_or_id_is_an_error(tmp_path):
    place = dict(GOOD_PLACE, id="agdǝrǝ", name="Ağdǝrǝ", name_az="Ağdǝrǝ")
    found = messages(tmp_path, [place], [dict(GOOD_VARIANT, id="agdǝrǝ", variant="Aghdǝrǝ")])
    assert {"id", "name", "name_az"} <= {
        f for m in found for f in ("id", "name", "name_az") if f" {f} has a turned e" in m
    }
    assert any("variant 'Aghdǝrǝ' has a turned e" in m for m in found)


def test_a_variant_without_a_source_is_an_error(tmp_path):
    found = messages(tmp_path, [GOOD_PLACE], [dict(GOOD_VARIANT, source="")])
    assert any("has no source" in m for m in found)


def test_a_source_citing_a_search_hit_id_is_an_error(tmp_path):
    hit = "find_string 'Hadrud' hit id 21124753445"
    found = messages(tmp_path, [dict(GOOD_PLACE, source=hit)], [dict(GOOD_VARIANT, source=hit)])
    assert any("hadrut: source cites a search hit id" in m for m in found)
    assert any("variant 'Hadrud' cites a search hit id" in m for m in found)


def test_an_alias_that_is_an_id_or_points_nowhere_is_an_error(tmp_path):
    aliases = [
        {"alias": "hadrut", "id": "hadrut", "reason": "self"},
        {"alias": "gadrut", "id": "nowhere", "reason": "typo"},
    ]
    found = messages(tmp_path, [GOOD_PLACE], [GOOD_VARIANT], aliases)
    assert any("alias 'hadrut' is also an id" in m for m in found)
    assert any("alias 'gadrut' points to unknown id 'nowhere'" in m for m in found)


def test_a_short_or_common_variant_without_context_is_an_error(tmp_path):
    village = dict(GOOD_PLACE, id="top", name="Top", kind="village", name_az="Top", name_ru="Топ", name_hy="")
    short = dict(GOOD_VARIANT, variant="Had")
    common = dict(GOOD_VARIANT, id="top", variant="Nord", needs_context="0")
    found = messages(tmp_path, [GOOD_PLACE, village], [short, common])
    assert any("variant 'Had' (short) has needs_context=0" in m for m in found)
    assert any("variant 'Nord' (common word) has needs_context=0" in m for m in found)


def test_a_short_own_name_of_a_town_may_stand_without_context(tmp_path):
    town = dict(GOOD_PLACE, id="gax", name="Gax", name_az="Qax", name_ru="Гах", name_hy="")
    assert messages(tmp_path, [town], [dict(GOOD_VARIANT, id="gax", variant="Gax")]) == []


CLEANING_CHECKS = (
    "junk",
    "unknown kind",
    "status",
    "script",
    "turned e",
    "source",
    "search hit",
    "alias",
    "needs_context",
)


def test_the_bundled_table_passes_the_cleaning_checks():
    problems = validate(*bundled_paths())
    errors = [p for p in problems if p.level == "error" and any(c in p.message for c in CLEANING_CHECKS)]
    assert errors == []
