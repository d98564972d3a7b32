"""reverse, near, distance, import and lookup --online, run as the user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from .test_online import SHUSHA, FakeNominatim

FIXTURES = Path(__file__).parent / "fixtures" / "importers"


def _jsonl(proc) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]


def test_reverse_arguments(run_cli):
    proc = run_cli("reverse", "39.8177", "46.7528", "-k", "2", "--format", "jsonl")
    assert proc.returncode == 0
    recs = _jsonl(proc)
    assert [r["id"] for r in recs][0] == "khankendi"
    assert len(recs) == 2 and recs[0]["km"] <= recs[1]["km"]


def test_reverse_stdin_with_bad_lines(run_cli):
    proc = run_cli("reverse", "-k", "1", "--format", "jsonl", input="39.76 46.75\nnot a pair\n95 46\n40.18,45.73\n")
    assert proc.returncode == 1
    recs = _jsonl(proc)
    assert len(recs) == 2 and recs[1]["lat"] > recs[0]["lat"]  # one record per good line, in order
    err = proc.stderr.decode()
    assert "line 2: not a coordinate pair" in err and "line 3:" in err and "out of range" in err


def test_reverse_out_of_range_argument(run_cli):
    proc = run_cli("reverse", "100", "46")
    assert proc.returncode == 2 and b"out of range" in proc.stderr


def test_reverse_kind_and_max_km(run_cli):
    proc = run_cli("reverse", "39.76", "46.75", "-k", "3", "--kind", "village", "--max-km", "5", "--format", "jsonl")
    recs = _jsonl(proc)
    assert recs and all(r["kind"] == "village" and r["km"] <= 5 for r in recs)


def test_near_sorted_and_without_itself(run_cli):
    proc = run_cli("near", "Shusha", "--km", "5", "--format", "jsonl")
    assert proc.returncode == 0
    recs = _jsonl(proc)
    kms = [r["km"] for r in recs]
    assert kms == sorted(kms) and max(kms) <= 5
    assert "shusha" not in {r["id"] for r in recs}


def test_near_unknown_name_exits_1(run_cli):
    proc = run_cli("near", "Nowhereville Qwertyu", "--km", "5")
    assert proc.returncode == 1 and b"no place matches" in proc.stderr


def test_distance_names_and_coordinates(run_cli):
    proc = run_cli("distance", "Stepanakert", "Baku", "--format", "json")
    assert proc.returncode == 0
    rec = json.loads(proc.stdout)
    assert rec["a_id"] == "khankendi" and rec["b_id"] == "baku"
    assert 265 < rec["km"] < 280
    proc = run_cli("distance", "39.8177,46.7528", "39.8177,46.7528")
    assert proc.returncode == 0 and proc.stdout.startswith(b"0.0 km")
    assert run_cli("distance", "91,0", "Baku").returncode == 2
    assert run_cli("distance", "Baku", "Qwertyuiop Zxcv").returncode == 1


def test_import_geonames_then_lookup_with_it_alone(run_cli, tmp_path):
    out = tmp_path / "am"
    proc = run_cli("import", "geonames", FIXTURES / "geonames-sample.txt", "-o", out)
    assert (out / "places.csv").exists() and (out / "variants.csv").exists()
    assert proc.returncode in (0, 1)  # 1: the fixture's malformed lines are reported
    assert b"geonames-sample.txt:" in proc.stderr
    proc = run_cli("lookup", "--no-bundled", "--places", out / "places.csv", "Goris", "--format", "jsonl")
    assert proc.returncode == 0
    assert _jsonl(proc)[0]["id"] == "goris"
    assert run_cli("validate", out / "places.csv").returncode == 0


def test_import_missing_file(run_cli, tmp_path):
    proc = run_cli("import", "wof", tmp_path / "nope.tsv", "-o", tmp_path / "out")
    assert proc.returncode == 2 and proc.stderr.count(b"\n") == 1


def test_lookup_online_fallback_against_a_local_server(run_cli, cache_dir):
    fake = FakeNominatim()
    try:
        fake.places["ghostly hamletsk"] = [dict(SHUSHA, name="Ghostly Hamletsk", osm_id=99)]
        url = f"http://127.0.0.1:{fake.port}"
        agent = "gazetteer-tests/1.0 (tests@example.org)"
        proc = run_cli(
            "lookup",
            "--online",
            "--user-agent",
            agent,
            "--geocoder-url",
            url,
            "Ghostly Hamletsk",
            "Shusha",
            "--format",
            "jsonl",
        )
        recs = _jsonl(proc)
        assert proc.returncode == 0, proc.stderr
        assert recs[0]["method"] == "online" and recs[1]["method"] == "exact"
        assert fake.searches() == 1  # the table answered Shusha; the geocoder was asked once
        # without a user agent of one's own the command refuses, in one line
        proc = run_cli("lookup", "--online", "--geocoder-url", url, "x")
        assert proc.returncode == 2 and proc.stderr.count(b"\n") == 1
    finally:
        fake.close()


def test_reverse_and_near_leave_out_areas_unless_asked(run_cli):
    """A district stands at its centre town's point: it is not a place 'near' that point."""
    towns = json.loads(run_cli("reverse", "39.8177", "46.7528", "-k", "3", "--format", "json").stdout)
    assert towns[0]["id"] == "khankendi"
    assert all(p["kind"] not in {"district", "region", "country"} for p in towns)
    districts = json.loads(
        run_cli("reverse", "39.8177", "46.7528", "-k", "1", "--kind", "district", "--format", "json").stdout
    )
    assert [p["kind"] for p in districts] == ["district"]
    near = json.loads(run_cli("near", "Fuzuli", "--km", "5", "--format", "json").stdout)
    assert near and "fuzuli_district" not in {p["id"] for p in near}
