"""extract's review fields, filters, -o FILE and GeoJSON per mention (issue 14, Tables),
run as CLI subprocesses on real files."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

OLD_FIELDS = [
    "path",
    "start",
    "end",
    "text",
    "id",
    "name",
    "kind",
    "country",
    "lat",
    "lon",
    "score",
    "method",
    "cue",
    "byte_start",
    "byte_end",
]
OLD_CSV_FIELDS = [
    "path",
    "start",
    "end",
    "byte_start",
    "byte_end",
    "text",
    "id",
    "name",
    "kind",
    "country",
    "lat",
    "lon",
    "score",
    "method",
    "cue",
]
NEW_FIELDS = ["district", "wof_id", "geonames_id", "context", "needs_review"]

TEXT = (
    "Shells hit Füzulidə and Stepanakert overnight, officials said.\n"
    "Later the Gabriel region was hit, and the villages of Sos and Taghavard.\n"
    "The shelling reached Talish in Tartar district.\n"
)


def jsonl(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


@pytest.fixture()
def news(tmp_path):
    f = tmp_path / "news.txt"
    f.write_text(TEXT, encoding="utf-8")
    return f


@pytest.fixture(scope="module")
def table_ids(places_rows) -> dict[str, dict]:
    return {r["id"]: r for r in places_rows}


def test_jsonl_records_keep_the_old_fields_in_order_then_the_new_ones(run_cli, news):
    proc = run_cli("extract", news, "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    recs = jsonl(proc.stdout)
    assert recs
    for r in recs:
        assert list(r) == OLD_FIELDS + NEW_FIELDS


def test_jsonl_lines_are_exactly_what_json_dumps_writes(run_cli, news):
    proc = run_cli("extract", news, "--format", "jsonl")
    for line in proc.stdout.decode("utf-8").splitlines():
        assert line == json.dumps(json.loads(line), ensure_ascii=False)


def test_csv_header_keeps_the_old_columns_first(run_cli, news):
    proc = run_cli("extract", news, "--format", "csv")
    header = next(csv.reader(io.StringIO(proc.stdout.decode("utf-8"))))
    assert header == OLD_CSV_FIELDS + NEW_FIELDS


def test_district_and_source_ids_come_from_the_place_table(run_cli, news, table_ids):
    recs = jsonl(run_cli("extract", news, "--format", "jsonl").stdout)
    fuzuli = next(r for r in recs if r["id"] == "fuzuli")
    assert fuzuli["district"] == "Fuzuli District"
    for r in recs:
        row = table_ids[r["id"]]
        assert r["wof_id"] == (row["wof_id"] or None)
        assert r["geonames_id"] == (row["geonames_id"] or None)
    assert fuzuli["wof_id"] and fuzuli["geonames_id"]


def test_district_follows_the_naming(run_cli, news):
    recs = jsonl(run_cli("extract", news, "--format", "jsonl", "--naming", "ru").stdout)
    fuzuli = next(r for r in recs if r["id"] == "fuzuli")
    assert fuzuli["district"] != "Fuzuli District" and fuzuli["district"]


def test_a_user_table_without_source_ids_gives_null_ids(run_cli, tmp_path):
    from .tabledata import write_table

    table = write_table(tmp_path / "table")
    f = tmp_path / "t.txt"
    f.write_text("We drove from Testabad to Zorkavan.\n", encoding="utf-8")
    recs = jsonl(run_cli("extract", "--no-bundled", "--places", table, f, "--format", "jsonl").stdout)
    testabad = next(r for r in recs if r["id"] == "testabad")
    assert testabad["wof_id"] is None and testabad["geonames_id"] is None
    assert testabad["district"] == "Testabad District"


def test_context_is_the_words_around_the_mention_with_newlines_as_spaces(run_cli, news):
    recs = jsonl(run_cli("extract", news, "--format", "jsonl").stdout)
    step = next(r for r in recs if r["text"] == "Stepanakert")
    assert "Stepanakert" in step["context"] and "Füzulidə" in step["context"]
    assert "\n" not in "".join(r["context"] for r in recs)
    gabriel = next(r for r in recs if r["text"] == "Gabriel")
    assert "said. Later the Gabriel region" in gabriel["context"]  # across the line end, as a space
    for r in recs:
        left, _, right = r["context"].partition(r["text"])
        assert len(left) <= 41 and len(right) <= 41


def test_context_width_option_and_no_broken_words(run_cli, news):
    recs = jsonl(run_cli("extract", news, "--format", "jsonl", "--context", "12").stdout)
    step = next(r for r in recs if r["text"] == "Stepanakert")
    # 12 characters each side would cut "Füzulidə" and "officials": whole words only
    assert step["context"] == "and Stepanakert overnight,"
    bare = jsonl(run_cli("extract", news, "--format", "jsonl", "--context", "0").stdout)
    assert all(r["context"] == r["text"] for r in bare)


def test_needs_review_for_cues_and_close_readings_not_for_plain_names(run_cli, news, tmp_path):
    recs = {r["text"]: r for r in jsonl(run_cli("extract", news, "--format", "jsonl").stdout)}
    assert recs["Stepanakert"]["needs_review"] is False  # a name of one place, no cue
    assert recs["Füzulidə"]["needs_review"] is False
    assert recs["Gabriel"]["needs_review"] is True  # a needs-context alias that a cue decided
    assert recs["Sos"]["needs_review"] is True  # a cue ("the villages of") decided
    # several villages Talish: the district named after it is its parent and settles it ...
    assert recs["Talish"]["id"] == "talish_terter"
    # ... while the name alone leaves close same-name readings for a reviewer
    alone = tmp_path / "alone.txt"
    alone.write_text("The shelling reached Talish.\n", encoding="utf-8")
    (rec,) = jsonl(run_cli("extract", alone, "--format", "jsonl").stdout)
    assert rec["text"] == "Talish" and rec["needs_review"] is True


def test_kind_country_and_min_score_filter_mentions(run_cli, news):
    every = jsonl(run_cli("extract", news, "--format", "jsonl").stdout)
    villages = jsonl(run_cli("extract", news, "--format", "jsonl", "--kind", "village").stdout)
    assert villages and {r["kind"] for r in villages} == {"village"}
    assert villages == [r for r in every if r["kind"] == "village"]
    az = jsonl(run_cli("extract", news, "--format", "jsonl", "--country", "az").stdout)
    assert az == [r for r in every if r["country"] == "AZ"]
    none = run_cli("extract", news, "--format", "jsonl", "--country", "BR")
    assert none.returncode == 0 and none.stdout == b""
    high = jsonl(run_cli("extract", news, "--format", "jsonl", "--min-score", "95").stdout)
    assert high == [r for r in every if r["score"] >= 95]
    assert len(high) < len(every)  # Füzulidə, an inflected form, scores less


def test_filters_and_fields_are_the_same_with_worker_processes(run_cli, tmp_path):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(TEXT * (n + 1), encoding="utf-8")
    for extra in ([], ["--kind", "village"]):
        one = run_cli("extract", tmp_path, "-q", "--format", "jsonl", "-j", "1", *extra)
        two = run_cli("extract", tmp_path, "-q", "--format", "jsonl", "-j", "2", *extra)
        assert one.returncode == two.returncode == 0
        assert one.stdout == two.stdout and one.stdout
        assert list(jsonl(two.stdout)[0]) == OLD_FIELDS + NEW_FIELDS


def test_output_file_gets_the_records_atomically_in_the_format_of_its_extension(run_cli, news, tmp_path):
    out = tmp_path / "out" / "decisions.csv"
    proc = run_cli("extract", news, "-o", out, "-q")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    assert out.read_bytes() == run_cli("extract", news, "--format", "csv", "-q").stdout
    assert os.listdir(out.parent) == ["decisions.csv"]
    js = tmp_path / "m.jsonl"
    run_cli("extract", news, "-o", js, "--format", "jsonl")
    assert jsonl(js.read_bytes()) == jsonl(run_cli("extract", news, "--format", "jsonl").stdout)


def test_output_file_that_is_an_input_is_refused_before_writing(run_cli, news, tmp_path):
    proc = run_cli("extract", news, "-o", news)
    assert proc.returncode == 2 and b"input" in proc.stderr
    assert news.read_text(encoding="utf-8") == TEXT
    # also when the input is found by walking a folder
    proc = run_cli("extract", news.parent, "-o", news, "--format", "jsonl")
    assert proc.returncode == 2
    assert news.read_text(encoding="utf-8") == TEXT


def test_an_interrupted_or_failed_write_leaves_the_old_output(run_cli, news, tmp_path):
    out = tmp_path / "kept.jsonl"
    out.write_text("old\n", encoding="utf-8")
    proc = run_cli("extract", news, "-o", out, "--format", "xml")  # a usage error: nothing is written
    assert proc.returncode == 2
    assert out.read_text(encoding="utf-8") == "old\n"


def test_geojson_per_mention_has_one_feature_per_mention(run_cli, news):
    recs = jsonl(run_cli("extract", news, "--format", "jsonl").stdout)
    proc = run_cli("extract", news, "--format", "geojson", "--geojson-per", "mention")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["type"] == "FeatureCollection"
    feats = doc["features"]
    assert len(feats) == len(recs)
    for f, r in zip(feats, recs):
        assert f["geometry"] == {"type": "Point", "coordinates": [r["lon"], r["lat"]]}
        props = f["properties"]
        assert props["id"] == r["id"] and props["start"] == r["start"] and props["context"] == r["context"]
        assert "needs_review" in props and "lat" not in props


def test_geojson_per_place_is_the_default_with_counts(run_cli, tmp_path):
    f = tmp_path / "twice.txt"
    f.write_text("Shells hit Füzulidə and Stepanakert; later Füzuli again.\n", encoding="utf-8")
    default = json.loads(run_cli("extract", f, "--format", "geojson").stdout)
    explicit = json.loads(run_cli("extract", f, "--format", "geojson", "--geojson-per", "place").stdout)
    assert default == explicit
    feats = {x["properties"]["id"]: x["properties"] for x in default["features"]}
    assert set(feats) == {"fuzuli", "khankendi"}
    assert feats["fuzuli"]["mentions"] == 2 and feats["fuzuli"]["surface_forms"] == ["Füzulidə", "Füzuli"]
    assert feats["fuzuli"]["district"] == "Fuzuli District"


def test_geojson_per_mention_respects_filters(run_cli, news):
    doc = json.loads(
        run_cli("extract", news, "--format", "geojson", "--geojson-per", "mention", "--kind", "city").stdout
    )
    assert doc["features"] and {f["properties"]["kind"] for f in doc["features"]} == {"city"}


def test_bytes_that_are_not_text_show_as_replacement_characters_in_the_context(run_cli, tmp_path):
    f = tmp_path / "mixed.txt"
    f.write_bytes(b"Caf\xe9 \xff near Shusha today.\n")
    proc = run_cli("extract", f, "--format", "jsonl")
    (rec,) = jsonl(proc.stdout)  # the output is valid UTF-8
    assert rec["id"] == "shusha"
    assert rec["context"] == "Caf\ufffd \ufffd near Shusha today."
