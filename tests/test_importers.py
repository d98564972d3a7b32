"""Importers: a GeoNames dump (+ alternateNames, + zip) and a WOF extract become a valid table.

Fixtures (tests/fixtures/importers/, provenance in its README.md):
- geonames-sample.txt: 10 lines in the GeoNames dump format. Coordinates, populations
  and geonameids of the real places are copied from the WOF rows with the same
  geonameid in shared/data/wof-places.tsv; the river Həkəri (geonameid 9900001) is an
  invented fixture placed at the Hakari mouth of data/curated/features_places.csv;
  admin codes, alternate names, elevations and dates are written for the fixture.
  Line 9 has a latitude of 139.5, line 10 only 9 columns.
- alternateNamesV2-sample.txt: alternateNamesV2 rows for those geonameids (invented ids),
  with a link, a post code, a row of an unknown geonameid and a 4-column line 14.
- geonames-sample.zip: geonames-sample.txt + a readme, as GeoNames zips them.
- wof-places.tsv / wof-names.tsv: five records cut from shared/data (Syunik, Goris
  locality, Goris community, Hadrut, deprecated Lachin county) and all their names.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from gazetteer.api import Gazetteer
from gazetteer.errors import DataError
from gazetteer.importers import ImportReport, import_geonames, import_wof
from gazetteer.table import PLACE_COLUMNS, VARIANT_COLUMNS, validate

FIX = Path(__file__).resolve().parent / "fixtures" / "importers"
DUMP = FIX / "geonames-sample.txt"
DUMP_ZIP = FIX / "geonames-sample.zip"
ALT = FIX / "alternateNamesV2-sample.txt"
WOF = FIX / "wof-places.tsv"
WOF_NAMES = FIX / "wof-names.tsv"


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    """The compiled-index cache goes to a temporary folder, never the user's."""
    monkeypatch.setenv("GAZETTEER_CACHE", str(tmp_path / "cache"))


def _places(out: Path) -> dict[str, dict]:
    with open(out / "places.csv", encoding="utf-8", newline="") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


def _variants(out: Path) -> list[dict]:
    with open(out / "variants.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _found_by_variant(gz: Gazetteer, name: str, pid: str) -> None:
    """The lookup hits the place through that very variant, not by a fuzzy match on its name."""
    m = gz.lookup(name)
    assert m is not None and (m.id, m.matched_variant, m.method) == (pid, name, "exact")


def _assert_table_format(out: Path) -> None:
    for name, columns in (("places.csv", PLACE_COLUMNS), ("variants.csv", VARIANT_COLUMNS)):
        data = (out / name).read_bytes()
        assert b"\r" not in data
        assert data.decode("utf-8").split("\n", 1)[0] == ",".join(columns)
    # An imported table is sound: no errors. Warnings describe the source's data (three
    # GeoNames records of one town at one point are duplicate candidates), not the import.
    assert [p for p in validate(out / "places.csv", out / "variants.csv") if p.level == "error"] == []


# ---------------------------------------------------------------- GeoNames
def test_geonames_dump_gives_a_valid_table(tmp_path):
    report = import_geonames(DUMP, out_dir=tmp_path / "out")
    assert isinstance(report, ImportReport)
    assert (report.read, report.written, report.skipped, report.malformed) == (10, 8, 2, 2)
    assert report.ok and report.validation_errors == 0
    _assert_table_format(tmp_path / "out")
    places = _places(tmp_path / "out")
    assert {pid: p["kind"] for pid, p in places.items()} == {
        "goris": "town",
        "kapan": "city",
        "syunik_province": "region",
        "yerevan": "city",
        "shusha": "city",
        "hadrut": "village",
        "fuzuli_district": "district",
        "hakari_river": "river",
    }
    goris = places["goris"]
    assert goris["source"] == "geonames:174895" and goris["geonames_id"] == "174895"
    assert goris["parent"] == "syunik_province"  # the ADM1 with the same country and admin1 code
    assert (goris["lat"], goris["lon"], goris["population"]) == ("39.51288", "46.33816", "20379")
    assert places["shusha"]["name"] == "Şuşa"
    # the alternatenames column: language undetermined, type variant
    shusha = {v["variant"]: v for v in _variants(tmp_path / "out") if v["id"] == "shusha"}
    assert shusha["Shushi"]["lang"] == "und" and shusha["Shushi"]["type"] == "variant"
    assert shusha["Շուշի"]["script"] == "Armn"
    assert shusha["Shushi"]["source"] == "geonames:147105 alternatenames"


def test_geonames_malformed_lines_are_reported_with_their_line_numbers(tmp_path):
    report = import_geonames(DUMP, out_dir=tmp_path)
    assert report.problems[0] == f"{DUMP}:9: bad coordinates '139.5', '46.5'"
    assert report.problems[1] == f"{DUMP}:10: expected 19 tab-separated columns, found 9"
    assert "2 malformed" in report.summary()
    assert f"{DUMP}:9:" in report.summary()


def test_geonames_lookup_by_alternate_name(tmp_path):
    import_geonames(DUMP, out_dir=tmp_path)
    gz = Gazetteer.load([tmp_path / "places.csv"], replace=True)
    _found_by_variant(gz, "Shushi", "shusha")
    _found_by_variant(gz, "Zangezur", "syunik_province")
    _found_by_variant(gz, "Kafan", "kapan")
    _found_by_variant(gz, "Akera", "hakari_river")


def test_geonames_zip_and_alternate_names(tmp_path):
    plain = import_geonames(DUMP, out_dir=tmp_path / "plain")
    zipped = import_geonames(DUMP_ZIP, alternate_names=ALT, out_dir=tmp_path / "zip")
    assert (zipped.read, zipped.written) == (plain.read, plain.written)
    assert (tmp_path / "zip" / "places.csv").read_bytes() == (tmp_path / "plain" / "places.csv").read_bytes()
    assert f"{DUMP_ZIP}:geonames-sample.txt:9: bad coordinates '139.5', '46.5'" in zipped.problems
    assert f"{ALT}:14: expected 8 or 10 tab-separated columns, found 4" in zipped.problems
    _assert_table_format(tmp_path / "zip")
    variants = {(v["id"], v["variant"]): v for v in _variants(tmp_path / "zip")}
    assert variants[("shusha", "Շուշի")]["lang"] == "hy"
    assert variants[("shusha", "Շուշի")]["type"] == "preferred"
    assert variants[("shusha", "Panahabad")]["type"] == "historical"
    assert variants[("hadrut", "Гадрут")]["type"] == "variant"
    assert variants[("shusha", "Panahabad")]["source"] == "geonames:147105 alternateNames"
    # links, post codes and names of records not imported are not variants
    texts = {v for _, v in variants}
    assert not texts & {"https://en.wikipedia.org/wiki/Shusha", "3201", "Not Imported"}
    assert zipped.skipped_by["alternate names that are codes or links"] == 2
    gz = Gazetteer.load([tmp_path / "zip" / "places.csv"], replace=True)
    _found_by_variant(gz, "Panahabad", "shusha")
    _found_by_variant(gz, "Гадрут", "hadrut")


def test_geonames_filters(tmp_path):
    report = import_geonames(DUMP, out_dir=tmp_path, countries=["am"], feature_classes=("P",), min_population=25_000)
    assert set(_places(tmp_path)) == {"kapan", "yerevan"}
    assert report.skipped_by["other countries"] == 4
    assert report.skipped_by["other feature classes"] == 1
    assert report.skipped_by["populated places under min_population"] == 1
    assert _places(tmp_path)["kapan"]["parent"] == ""  # its ADM1 was not imported
    _assert_table_format(tmp_path)


def test_geonames_ids_are_made_unique(tmp_path):
    lines = DUMP.read_text(encoding="utf-8").splitlines()[:8]
    second = lines[0].split("\t")  # another Goris: same name, other geonameid, other country
    second[0], second[8] = "9900004", "AZ"
    second[4], second[5] = "40.1", "47.2"
    third = list(second)
    third[0] = "9900005"
    dump = tmp_path / "AZ.txt"
    dump.write_text("\n".join([*lines, "\t".join(second), "\t".join(third)]) + "\n", encoding="utf-8")
    import_geonames(dump, out_dir=tmp_path / "out")
    places = _places(tmp_path / "out")
    assert places["goris"]["geonames_id"] == "174895"
    assert places["goris_az"]["geonames_id"] == "9900004"
    assert places["goris_9900005"]["geonames_id"] == "9900005"
    _assert_table_format(tmp_path / "out")


# ---------------------------------------------------------------- Who's On First
def test_wof_extract_gives_a_valid_table(tmp_path):
    report = import_wof(WOF, names=WOF_NAMES, out_dir=tmp_path)
    assert (report.read, report.written, report.skipped, report.malformed) == (5, 4, 1, 0)
    assert report.skipped_by["deprecated or superseded"] == 1
    _assert_table_format(tmp_path)
    places = _places(tmp_path)
    assert {pid: (p["kind"], p["parent"]) for pid, p in places.items()} == {
        "syunik_province": ("region", ""),
        "goris": ("town", "syunik_province"),  # the town keeps the plain id ...
        "goris_syunik": ("village", "syunik_province"),  # ... the community is qualified
        "hadrut": ("village", ""),
    }
    assert places["hadrut"]["source"] == "wof:1125938249" and places["hadrut"]["geonames_id"] == "148105"
    assert places["hadrut"]["name_hy"] == "Հադրութ"
    variants = [v for v in _variants(tmp_path) if v["id"] == "hadrut"]
    assert {
        "lang": "hy",
        "variant": "Հադրութ",
        "type": "preferred",
        "source": "wof:1125938249 name:hye_x_preferred",
    }.items() <= next(v for v in variants if v["variant"] == "Հադրութ" and v["lang"] == "hy").items()
    gz = Gazetteer.load([tmp_path / "places.csv"], replace=True)
    _found_by_variant(gz, "Hadrout", "hadrut")  # French name, from wof-names only
    _found_by_variant(gz, "Гадрут", "hadrut")


def test_wof_include_deprecated_and_placetypes(tmp_path):
    import_wof(WOF, out_dir=tmp_path / "all", include_deprecated=True)
    assert _places(tmp_path / "all")["lachin_municipality"]["kind"] == "district"
    report = import_wof(WOF, out_dir=tmp_path / "loc", placetypes=("locality",))
    assert set(_places(tmp_path / "loc")) == {"goris", "hadrut"}
    assert report.skipped_by["other placetypes"] == 3
    assert _variants(tmp_path / "loc") == []


def test_wof_malformed_rows_are_reported(tmp_path):
    lines = WOF.read_text(encoding="utf-8").splitlines()
    bad_coord = lines[4].split("\t")
    bad_coord[4] = "not-a-number"
    short = lines[2].split("\t")[:6]
    tsv = tmp_path / "wof.tsv"
    tsv.write_text(
        "\n".join([lines[0], lines[1], "\t".join(short), lines[3], "\t".join(bad_coord)]) + "\n", encoding="utf-8"
    )
    report = import_wof(tsv, out_dir=tmp_path / "out")
    assert report.malformed == 2 and report.written == 2
    assert report.problems[0].startswith(f"{tsv}:3: expected 32 tab-separated columns, found 6")
    assert report.problems[1] == f"{tsv}:5: bad coordinates 'not-a-number', '47.0318'"
    _assert_table_format(tmp_path / "out")


# ---------------------------------------------------------------- missing files
@pytest.mark.parametrize(
    "call",
    [
        lambda out: import_geonames(FIX / "AZ.txt", out_dir=out),
        lambda out: import_geonames(DUMP, alternate_names=FIX / "alternateNames.txt", out_dir=out),
        lambda out: import_wof(FIX / "nope.tsv", out_dir=out),
        lambda out: import_wof(WOF, names=FIX / "nope-names.tsv", out_dir=out),
    ],
)
def test_missing_file_raises_data_error_and_writes_nothing(tmp_path, call):
    with pytest.raises(DataError) as exc:
        call(tmp_path / "out")
    message = str(exc.value)
    assert "no such file" in message and "\n" not in message
    assert not (tmp_path / "out" / "places.csv").exists()
