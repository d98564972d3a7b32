"""The launcher's quick lookup (gazetteer/launch.py, gazetteer/quick.py) prints what the
click CLI prints.

In process, for many names: quick.py's records against the API's (Gazetteer.candidates
made into records as the CLI makes them), JSON line for JSON line, for names drawn from
the table as written, re-cased, with case endings, misspelt, in other scripts, and for
non-places, blanks and very long names, with --top and --naming. In real processes, on a
sample: ``python -m gazetteer.launch ARGS`` against the click CLI itself, stdout bytes,
stderr and exit status, for the shapes the launcher answers and for those it hands on.
"""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import quick, quick_build
from gazetteer.batch_lookup import LookupOptions, _records
from gazetteer.formats import json_line
from gazetteer.launch import parse

NAMINGS = ("en", "az", "ru", "hy")
ENDINGS = ("da", "də", "dan", "dən", "nın", "nin", "ın", "in", "ya", "yə", "a", "ə", "u", "ü", "la", "lar", "si", "dir")
OTHER_SCRIPTS = "абвгджзклмнопрстуфхцчшыэюяԱԲԳԴԵՇՈՒՖաբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ"


@pytest.fixture(scope="module")
def snap(gz, cache_dir) -> dict:
    """A snapshot of this checkout, checked and written into the session's cache."""
    got = quick_build.build()
    assert got["enabled"], got["why"]
    quick_build.write(got)
    return got


@pytest.fixture(scope="module")
def look(snap):
    index = quick.Index.open(snap)
    assert index is not None
    yield quick.QuickLookup(index, snap)
    index.conn.close()


@pytest.fixture(scope="module")
def table_names(gz) -> list[str]:
    return [t for (t,) in gz.index.conn.execute("SELECT text FROM variants WHERE v % 7 = 0 ORDER BY v")]


def api_lines(gz, name: str, top: int, naming: str, fields) -> list[str]:
    fields = [*fields, *(["rank"] if top > 1 else [])]
    found = gz.candidates(name, top, naming=naming)
    return [json_line(r) for r in _records(name, found, LookupOptions(fields, top, None, None, naming))]


def quick_lines(look, name: str, top: int, naming: str) -> list[str] | None:
    recs = look.records(name, top, naming)
    return None if recs is None else [json_line(r) for r in recs]


def _misspelt(draw, text: str) -> str:
    if len(text) < 2:
        return text
    i = draw(st.integers(0, len(text) - 1))
    how = draw(st.sampled_from(["drop", "double", "swap", "change"]))
    if how == "drop":
        return text[:i] + text[i + 1 :]
    if how == "double":
        return text[:i] + text[i] + text[i:]
    if how == "swap" and i + 1 < len(text):
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + draw(st.sampled_from("aeiouklmnrsz")) + text[i + 1 :]


@st.composite
def queries(draw, names: list[str]) -> str:
    """A name as people type it, or something that is no name."""
    kind = draw(
        st.sampled_from(["exact", "lower", "upper", "ending", "misspelt", "spaced", "script", "noise", "blank", "long"])
    )
    text = draw(st.sampled_from(names))
    if kind == "lower":
        return text.lower()
    if kind == "upper":
        return text.upper()
    if kind == "ending":
        return text + draw(st.sampled_from(ENDINGS))
    if kind == "misspelt":
        return _misspelt(draw, text)
    if kind == "spaced":
        return draw(st.sampled_from(["", " ", "  ", "\t"])) + text + draw(st.sampled_from(["", " ", "- ", "!"]))
    if kind == "script":
        return draw(st.text(st.sampled_from(OTHER_SCRIPTS), min_size=1, max_size=12))
    if kind == "noise":
        return draw(st.text(min_size=1, max_size=20))
    if kind == "blank":
        return draw(st.sampled_from(["", " ", "\t", "'", "-", ",", "—"]))
    if kind == "long":
        return (text + " ") * draw(st.integers(20, 200))
    return text


def test_the_quick_records_equal_the_apis_for_generated_names(gz, look, snap, table_names):
    answered = []

    @settings(max_examples=1500)
    @given(st.data())
    def check(data):
        name = data.draw(queries(table_names))
        top = data.draw(st.integers(1, 5))
        naming = data.draw(st.sampled_from(NAMINGS))
        mine = quick_lines(look, name, top, naming)
        if mine is not None:
            answered.append(name)
            assert mine == api_lines(gz, name, top, naming, snap["fields"])

    check()
    # the quick path is worth having: it answered a good share of what was drawn
    assert len(answered) > 300


@pytest.mark.parametrize(
    "name, method",
    [
        ("Füzulidə", "inflection"),
        ("Cəbrayılın", "inflection"),
        ("Şuşaya", "inflection"),
        ("Fuzuli", "exact"),
        ("shusha", "folded"),
        ("Ханкенди", "exact"),
        ("ханкенди", "folded"),
        ("Nagorno-Karabakh", "exact"),
    ],
)
def test_names_and_their_case_forms_are_answered_quickly(gz, look, snap, name, method):
    mine = look.records(name, 1, "en")
    assert mine is not None and mine[0]["method"] == method
    assert [json_line(r) for r in mine] == api_lines(gz, name, 1, "en", snap["fields"])


@pytest.mark.parametrize(
    "name",
    ["Fuzulli", "Dschabrajil", "Peter Gabriel", "Martuni (Armenia)", "Sofulu, Cəbrayıl", "Կարմիր Խաչ", "Гадруте"],
)
def test_misspellings_qualifiers_and_russian_endings_are_left_to_the_matcher(look, name):
    assert look.records(name, 1, "en") is None


def test_the_code_quick_mirrors_is_the_code_it_was_written_against():
    changed = {name for name, crc in quick_build.mirror_sums().items() if quick_build.MIRRORS.get(name) != crc}
    assert not changed, (
        "gazetteer/quick.py reproduces these and they changed: mirror the change in quick.py, then paste "
        "`python -m gazetteer.quick_build --mirrors` into quick_build.MIRRORS"
    )


def test_a_snapshot_is_switched_off_when_code_it_mirrors_changed(gz, monkeypatch):
    monkeypatch.setitem(quick_build.MIRRORS, "gazetteer.matcher:Matcher._known_key", 0)
    got = quick_build.build()
    assert not got["enabled"] and "gazetteer.matcher:Matcher._known_key" in got["why"]


def test_the_quick_path_mirrors_none_of_the_early_rules():
    """The early decisions are one copy (gazetteer/early.py), called by both: quick.py
    mirrors only how the matcher hands its readers to them."""
    assert not any(name.startswith("gazetteer.early:") for name in quick_build.MIRRORS)
    mirrored = {name for name in quick_build.MIRRORS if name.startswith("gazetteer.matcher:")}
    assert not mirrored & {"gazetteer.matcher:prior", "gazetteer.matcher:Matcher._guard"}


def test_the_self_check_refuses_a_snapshot_that_differs_from_the_package(gz, snap):
    wrong = dict(snap, fields=tuple(reversed(snap["fields"])))
    assert quick_build.self_check(gz, wrong, ["Fuzuli", "Shusha", "Füzulidə", "Ağdamda"]) != ""
    box = dict(snap, conflict_box=(0.0, 0.0, 0.0, 0.0))  # no village is the region's
    # (the sample holds names of villages both in the region and far, which the box decides)
    assert quick_build.region_decided_names(gz)
    assert quick_build.self_check(gz, box, quick_build.sample_names(gz)) != ""
    assert quick_build.self_check(gz, snap, ["Fuzuli", "Shusha", "Füzulidə", "Ağdamda"]) == ""


@pytest.mark.parametrize(
    "args, names",
    [
        (["lookup", "Füzulidə"], ["Füzulidə"]),
        (["lookup", "A", "--format", "csv", "B"], ["A", "B"]),
        (["lookup", "--top=3", "--naming", "az", "Şuşa"], ["Şuşa"]),
    ],
)
def test_the_launcher_recognises_the_common_shapes(args, names):
    req = parse(args)
    assert req is not None and req.names == names


@pytest.mark.parametrize(
    "args",
    [
        ["lookup"],
        ["lookup", "-"],
        ["lookup", "--", "-x"],
        ["lookup", "x", "--top", "٣"],
        ["lookup", "x", "--top", "+3"],
        ["lookup", "x", "--format", "csv", "--format", "json"],
        ["lookup", "x", "--top"],
        ["lookup", "x", "--country", "AZ"],
        ["lookup", "x", "-h"],
        ["extract", "x"],
        ["--version"],
    ],
)
def test_the_launcher_hands_other_command_lines_to_click(args):
    assert parse(args) is None


@pytest.mark.parametrize(
    "args",
    [
        ["lookup", "Fuzuli", "--top", "0"],
        ["lookup", "Fuzuli", "--top", "101"],
        ["lookup", "Fuzuli", "--format", "xml"],
        ["lookup", "Fuzuli", "--format", "JSONL"],
        ["lookup", "Fuzuli", "--naming", "fr"],
    ],
)
def test_option_values_click_refuses_are_left_to_click(snap, args):
    req = parse(args)
    assert req is not None and isinstance(quick.answer_all(req), quick.Miss)


# ---------------------------------------------------------------- real processes
REPORT = "import atexit, json, sys; atexit.register(lambda: sys.stderr.write('\\n' + json.dumps(sorted(sys.modules))))"
LAUNCH = "import sys; from gazetteer.launch import main; main(sys.argv[1:], prog_name='gazetteer')"
CLICK = "import sys; from gazetteer.cli import main; main(sys.argv[1:], prog_name='gazetteer')"


def run(code: str, args: list[str], env: dict, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", f"{REPORT}\n{code}", *args], input=stdin, capture_output=True, env=env, timeout=120
    )


def split(p: subprocess.CompletedProcess) -> tuple[bytes, bytes, set[str]]:
    """(stdout, stderr without the module report, the modules loaded)."""
    err, _, report = p.stderr.rpartition(b"\n")
    return p.stdout, err, set(json.loads(report))


QUICK_ARGS = [
    ["lookup", "Füzulidə"],
    ["lookup", "Füzulidə", "--format", "jsonl"],
    ["lookup", "Shusha", "Ханкенди", "Cəbrayılın", "--top", "3", "--naming", "az"],
    ["lookup", "Fuzuli", "--format", "csv"],
    ["lookup", "Fuzuli", "Ağdamda", "--format=table", "--naming=hy"],
    ["lookup", "Şuşaya", "--format", "json", "--top", "2"],
    ["lookup", "Lachin", "--format", "geojson"],
    ["lookup", "Lachin", "--format", "tsv", "--naming", "ru"],
    ["lookup", "", "--format", "jsonl"],
    ["lookup", "   ", "Fuzuli"],
]
CLICK_ARGS = [
    ["lookup", "Fuzulli"],
    ["lookup", "Peter Gabriel", "Fuzuli"],
    ["lookup", "Sofulu, Cəbrayıl"],
    ["lookup", "x", "--top", "0"],
    ["lookup", "x", "--format", "xml"],
    ["lookup", "x", "--top", "101", "--naming", "fr"],
    ["lookup", "Fuzuli", "--country", "AZ"],
    ["lookup", "--help"],
    ["lookup"],
    ["show", "fuzuli"],
]


def run_quick(args: list[str], env: dict) -> subprocess.CompletedProcess:
    """``run(LAUNCH, ...)``, again with a new snapshot when a package file changed meanwhile
    (a checkout being edited) and the CLI answered for that reason."""
    p = run(LAUNCH, args, env)
    got = quick.load_snapshot()
    if "click" in split(p)[2] and isinstance(got, quick.Miss) and got.stale:
        quick_build.write(quick_build.build())
        p = run(LAUNCH, args, env)
    return p


@pytest.mark.parametrize("args", QUICK_ARGS)
def test_a_quick_lookup_process_prints_what_click_prints_without_importing_it(snap, cli_env, args):
    fast, slow = run_quick(args, cli_env), run(CLICK, args, cli_env)
    (out, err, mods), (out2, err2, _) = split(fast), split(slow)
    assert (out, err, fast.returncode) == (out2, err2, slow.returncode)
    assert "click" not in mods and "gazetteer.matcher" not in mods and "gazetteer.api" not in mods


@pytest.mark.parametrize("args", CLICK_ARGS)
def test_other_command_lines_are_clicks_own(snap, cli_env, args):
    fast, slow = run(LAUNCH, args, cli_env), run(CLICK, args, cli_env)
    (out, err, mods), (out2, err2, _) = split(fast), split(slow)
    assert (out, err, fast.returncode) == (out2, err2, slow.returncode)
    assert "click" in mods


def test_a_name_with_bytes_that_are_not_utf8_is_left_to_click(snap, cli_env):
    args = ["lookup", os.fsdecode(b"F\xfczuli"), "--format", "jsonl"]
    fast, slow = run(LAUNCH, args, cli_env), run(CLICK, args, cli_env)
    (out, err, mods), (out2, err2, _) = split(fast), split(slow)
    assert (out, err, fast.returncode) == (out2, err2, slow.returncode)
    assert "click" in mods


def test_python_dash_m_gazetteer_goes_through_the_launcher(snap, cli_env):
    p = subprocess.run(
        [sys.executable, "-m", "gazetteer", "lookup", "Füzulidə", "--format", "jsonl"],
        capture_output=True,
        env=cli_env,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["id"] == "fuzuli"


def _snapshot_file(cli_env) -> str:
    return quick.snapshot_path(cli_env["GAZETTEER_CACHE"])


def test_a_stale_snapshot_is_not_used_and_the_next_lookup_writes_a_fresh_one(snap, cli_env, tmp_path):
    marker = tmp_path / "marker"
    marker.write_text("one")
    stale = dict(snap, watched=[*snap["watched"], (str(marker), quick.identity(str(marker)))])
    quick_build.write(stale)
    marker.write_text("two, longer")  # a watched file changed: the snapshot is stale
    try:
        args = ["lookup", "Füzulidə"]
        first = run(LAUNCH, args, cli_env)
        out, _err, mods = split(first)
        assert first.returncode == 0 and json.loads(out)["id"] == "fuzuli"
        assert "click" in mods  # the CLI answered...
        with open(_snapshot_file(cli_env), "rb") as f:
            fresh = marshal.load(f)
        assert fresh["enabled"], fresh["why"]
        assert str(marker) not in dict(fresh["watched"])  # ...and wrote a new one
        again = run_quick(args, cli_env)
        assert split(again)[0] == out and "click" not in split(again)[2]
    finally:
        quick_build.write(snap)


def test_a_switched_off_snapshot_leaves_every_lookup_to_click(snap, cli_env):
    quick_build.write(dict(snap, enabled=False, why="a test"))
    try:
        p = run(LAUNCH, ["lookup", "Füzulidə"], cli_env)
        out, _err, mods = split(p)
        assert p.returncode == 0 and json.loads(out)["id"] == "fuzuli" and "click" in mods
        with open(_snapshot_file(cli_env), "rb") as f:
            assert marshal.load(f)["enabled"] is False  # not rewritten: nothing changed
    finally:
        quick_build.write(snap)


def test_user_tables_in_the_environment_leave_the_lookup_to_click(snap, cli_env, tmp_path):
    env = dict(cli_env, GAZETTEER_PLACES=str(tmp_path / "missing.csv"))
    fast, slow = run(LAUNCH, ["lookup", "Fuzuli"], env), run(CLICK, ["lookup", "Fuzuli"], env)
    assert (split(fast)[:2], fast.returncode) == (split(slow)[:2], slow.returncode)
    assert fast.returncode == 2 and "click" in split(fast)[2]


def test_a_cache_folder_others_can_write_is_left_to_the_cli_to_refuse(snap, cli_env, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    env = dict(cli_env, GAZETTEER_CACHE=str(shared))
    p = run(LAUNCH, ["lookup", "Fuzuli"], env)
    assert p.returncode == 2 and b"writable by group and others" in split(p)[1]
