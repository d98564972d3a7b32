"""Duplicate places (issue 13): the finder, the build-time merge that keeps old ids as
aliases, ``show``/``lookup`` accepting an old id or a name, and ``validate`` warning
about candidate pairs that kept_apart.csv does not list."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

from gazetteer.duplicates import find_duplicates
from gazetteer.table import Place

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import place_merge  # noqa: E402 (tools/place_merge.py)

PLACE_HEADER = ["id", "name", "kind", "country", "parent", "lat", "lon", "population", "source", "wof_id"]


def _place(pid: str, name: str, lat: float, lon: float, kind: str = "village", country: str = "AZ", **kw) -> Place:
    return Place(pid, name, kind, country, kw.pop("parent", ""), lat, lon, 0, kw.pop("source", "wof:1"), **kw)


def _write(path: Path, header: list[str], rows: list[list]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gazetteer", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_finder_pairs_alike_names_nearby_in_one_country_only():
    rows = [
        _place("alikand", "Alikand", 40.11528, 46.05194),
        _place("allikand", "Allikand", 40.13045, 46.03929),  # 2.0 km, 93% alike
        _place("khnatsakh", "Khnatsakh", 39.60553, 46.39172, country="AM"),
        _place("khnatzakh", "Khnatzakh", 39.58579, 46.39355, country="AM"),  # tz for ts
        _place("vorotan", "Vorotan", 39.42502, 46.37586, country="AM"),
        _place("vorotan_goris", "Vorotan Goris", 39.42723, 46.37471, country="AM"),  # region word added
        _place("alikand_far", "Alikand", 40.5, 46.5),  # 50 km away
        _place("alikand_am", "Alikand", 40.11528, 46.05194, country="AM"),  # other country
        _place("vorotan_district", "Vorotan", 39.42502, 46.37586, kind="district", country="AM"),  # a unit
    ]
    got = {(p.a, p.b): p.rule for p in find_duplicates(rows)}
    assert got == {
        ("alikand", "allikand"): "ratio",
        ("khnatsakh", "khnatzakh"): "ratio",
        ("vorotan", "vorotan_goris"): "qualifier",
    }


def test_finder_reads_a_generic_village_word_and_the_azerbaijani_name():
    rows = [
        _place("kilisekend", "Kilisekend", 40.16667, 46.06667),
        _place("kilsa", "Kilsa", 40.16980, 46.06840, name_az="Kilsə"),
        _place("gilincli", "Qilincli", 40.16185, 46.13644),
        _place("gilinjli", "Gilinjli", 40.16458, 46.14228, name_az="Qılınclı"),
    ]
    got = {(p.a, p.b): p.rule for p in find_duplicates(rows)}
    assert got == {("kilisekend", "kilsa"): "generic", ("gilincli", "gilinjli"): "ratio"}


def _builder(rows: list[dict], variants: list[dict]) -> SimpleNamespace:
    return SimpleNamespace(
        places={r["id"]: r for r in rows},
        variants=variants,
        aliases={},
        stats=Counter(),
        wof_to_id={"100": "cullu", "200": "chullu"},
        reserved=set(),
    )


def _row(pid: str, name: str, lat: str, lon: str, source: str, **kw) -> dict:
    base = dict.fromkeys(["parent", "population", "wof_id", "geonames_id", "name_az", "name_ru", "name_hy"], "")
    base.update(id=pid, name=name, kind="village", country="AZ", lat=lat, lon=lon, source=source)
    base.update(kw)
    return base


def test_merge_keeps_the_richer_record_and_the_dropped_id_as_an_alias(tmp_path):
    rows = [
        _row("cullu", "Cullu", "39.40755", "46.71140", "wof:100", wof_id="100", parent="jabrayil_district"),
        _row("chullu", "Chullu", "39.40722", "46.71528", "geonames:448050", name_az="Çullu"),
        _row("farm", "Chullu farm", "39.5", "46.8", "wof:300", wof_id="300", parent="chullu"),
        _row("birinji_x", "Birinji Xanlar", "40.0", "47.0", "wof:4", wof_id="4"),
        _row("ikinji_x", "Ikinji Xanlar", "40.001", "47.001", "wof:5", wof_id="5"),
        _row("jabrayil_district", "Jabrayil District", "39.4", "46.9", "wof:6", wof_id="6"),
    ]
    rows[-1]["kind"] = "district"
    variants = [
        {"id": "cullu", "variant": "Чуллу", "lang": "ru", "script": "Cyrl", "type": "preferred",
         "needs_context": "0", "source": "wof:100 name:rus_x_preferred"},
        {"id": "chullu", "variant": "Çullu", "lang": "az", "script": "Latn", "type": "preferred",
         "needs_context": "0", "source": "geonames:448050 alternatenames"},
    ]  # fmt: skip
    apart = _write(tmp_path / "kept_apart.csv", ["a", "b", "reason"], [["birinji_x", "ikinji_x", "first and second"]])
    b = _builder(rows, variants)
    merges = place_merge.merge_duplicates(b, kept_apart=apart)
    assert [(m.dropped, m.kept) for m in merges] == [("chullu", "cullu")]  # the WOF record stays
    assert b.aliases["chullu"][0] == "cullu" and b.aliases["chullu"][1].startswith("duplicate of cullu")
    assert "chullu" not in b.places and {"birinji_x", "ikinji_x"} <= set(b.places)
    assert b.places["farm"]["parent"] == "cullu"  # what named the dropped id now names the kept one
    assert b.places["cullu"]["name_az"] == "Çullu"  # an empty column filled from the duplicate
    assert b.places["cullu"]["source"] == "wof:100"  # the WOF coordinate beats the GeoNames one
    names = {v["variant"] for v in b.variants if v["id"] == "cullu"}
    assert {"Чуллу", "Çullu", "Chullu"} <= names and all(v["id"] != "chullu" for v in b.variants)
    assert b.wof_to_id["200"] == "cullu"


def _user_table(folder: Path, *, aliases: bool = True) -> Path:
    places = _write(
        folder / "places.csv",
        PLACE_HEADER,
        [
            ["qarabulaq_t", "Qarabulaq", "village", "AZ", "", "39.70", "46.40", "", "test row", ""],
            ["sarigamish_t", "Sarıqamış", "village", "AZ", "", "39.90", "46.10", "", "test row", ""],
        ],
    )
    _write(
        folder / "variants.csv",
        ["id", "variant", "lang", "script", "type", "needs_context", "source"],
        [["qarabulaq_t", "Karabulak", "ru", "Latn", "variant", "0", "test row"]],
    )
    if aliases:
        _write(
            folder / "aliases.csv",
            ["alias", "id", "reason"],
            [["qarabulaq_old_1234", "qarabulaq_t", "duplicate of qarabulaq_t (test)"]],
        )
    return places


def test_show_and_lookup_accept_an_old_id(tmp_path, cli_env):
    places = _user_table(tmp_path)
    table = ["--no-bundled", "--places", str(places)]
    shown = _run(cli_env, "show", "--format", "json", *table, "qarabulaq_old_1234")
    assert shown.returncode == 0, shown.stderr
    row = json.loads(shown.stdout)
    assert (row["id"], row["alias"]) == ("qarabulaq_t", "qarabulaq_old_1234")
    assert "old id of qarabulaq_t" in shown.stderr
    found = _run(cli_env, "lookup", "--format", "jsonl", *table, "qarabulaq_old_1234")
    rec = json.loads(found.stdout)
    assert (found.returncode, rec["id"], rec["method"]) == (0, "qarabulaq_t", "alias")


def test_show_accepts_a_name_and_says_which_name_matched(tmp_path, cli_env):
    table = ["--no-bundled", "--places", str(_user_table(tmp_path))]
    shown = _run(cli_env, "show", "--format", "json", *table, "Karabulak")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["id"] == "qarabulaq_t"
    assert "'Karabulak' is no id: showing qarabulaq_t" in shown.stderr
    missing = _run(cli_env, "show", *table, "Zzyzx Nowhere")
    assert missing.returncode == 1 and missing.stdout == ""
    assert missing.stderr.strip().splitlines() == ["gazetteer: no place with id or name 'Zzyzx Nowhere'"]


def test_a_user_table_without_aliases_loads_and_looks_up(tmp_path, cli_env):
    table = ["--no-bundled", "--places", str(_user_table(tmp_path, aliases=False))]
    found = _run(cli_env, "lookup", "--format", "jsonl", *table, "Sarıqamış", "qarabulaq_old_1234")
    recs = [json.loads(line) for line in found.stdout.splitlines()]
    assert [r["id"] for r in recs] == ["sarigamish_t", None] and found.returncode == 1


def test_validate_warns_on_a_pair_not_in_kept_apart(tmp_path, cli_env):
    places = _write(
        tmp_path / "places.csv",
        PLACE_HEADER,
        [
            ["alikand", "Alikand", "village", "AZ", "", "40.11528", "46.05194", "", "wof:1259550579", ""],
            ["allikand", "Allikand", "village", "AZ", "", "40.13045", "46.03929", "", "wof:1243218559", ""],
        ],
    )
    warned = _run(cli_env, "validate", str(places))
    assert warned.returncode == 0
    assert "warning: alikand and allikand look like one place" in warned.stdout
    _write(tmp_path / "kept_apart.csv", ["a", "b", "reason"], [["allikand", "alikand", "two villages (test)"]])
    quiet = _run(cli_env, "validate", str(places))
    assert "look like one place" not in quiet.stdout + quiet.stderr
