"""The launcher runs a plain ``extract`` without click (gazetteer/launch.py's
parse_extract, gazetteer/commands.py): the same output, messages and exit status as the
click CLI, and every other command line left to click."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from gazetteer.launch import parse_extract

REPORT = "import atexit, json, sys; atexit.register(lambda: sys.stderr.write('\\n' + json.dumps(sorted(sys.modules))))"
LAUNCH = "import sys; from gazetteer.launch import main; main(sys.argv[1:], prog_name='gazetteer')"
CLICK = "import sys; from gazetteer.cli import main; main(sys.argv[1:], prog_name='gazetteer')"

TEXT = "Şuşa and Ханкенди are in Karabakh; Peter Gabriel sang in Lachin.\nThe Araz river runs by Fuzuli.\n"


def run(code: str, args: list[str], env: dict, cwd, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", f"{REPORT}\n{code}", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def split(p: subprocess.CompletedProcess) -> tuple[bytes, bytes, set[str]]:
    """(stdout, stderr without the module report, the modules loaded)."""
    err, _, report = p.stderr.rpartition(b"\n")
    return p.stdout, err, set(json.loads(report))


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT.upper(), encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01binary\x00")
    return tmp_path


FAST_ARGS = [
    ["extract", "a.txt"],
    ["extract", "a.txt", "--format", "jsonl"],
    ["extract", "a.txt", "b.txt", "--format=csv", "-q"],
    ["extract", "a.txt", "--format", "json", "--naming", "az", "--context", "5"],
    ["extract", "a.txt", "--format", "tsv", "--kind", "city", "--min-score", "50"],
    ["extract", "a.txt", "--format", "geojson", "--geojson-per", "mention", "--country", "az"],
    ["extract", "a.txt", "b.txt", "-j", "2", "--format", "jsonl"],
    ["extract", ".", "--glob", "*.txt", "--jobs=1"],
    ["extract", "-", "--encoding", "utf-8"],
    ["extract", "missing.txt", "a.txt"],
    ["extract", "bin.txt"],
]
CLICK_ARGS = [
    ["extract", "a.txt", "--format", "xml"],
    ["extract", "a.txt", "--context", "-1"],
    ["extract", "a.txt", "--min-score", "101"],
    ["extract", "a.txt", "--encoding", "no-such-codec"],
    ["extract", "a.txt", "--jobs", "0"],
    ["extract", "a.txt", "-o", "a.txt"],
    ["extract", "a.txt", "--explain", "--format", "geojson"],
    ["extract", "a.txt", "--no-bundled"],
    ["extract", "a.txt", "--format"],
    ["extract", "--help"],
    ["extract", "a.txt", "--", "b.txt"],
    ["extract", "a.txt", "-j2"],
    ["extract", "a.txt", "--format", "jsonl", "--format", "csv"],
]


@pytest.mark.parametrize("args", FAST_ARGS)
def test_a_plain_extract_prints_what_click_prints_without_importing_it(cli_env, folder, args):
    assert parse_extract(args) is not None
    fast = run(LAUNCH, args, cli_env, folder, stdin=TEXT.encode())
    slow = run(CLICK, args, cli_env, folder, stdin=TEXT.encode())
    (out, err, mods), (out2, err2, _) = split(fast), split(slow)
    assert (out, err, fast.returncode) == (out2, err2, slow.returncode)
    assert "click" not in mods and "inspect" not in mods and "gazetteer.matcher" not in mods


@pytest.mark.parametrize("args", CLICK_ARGS)
def test_other_extract_command_lines_are_clicks_own(cli_env, folder, args):
    assert parse_extract(args) is None
    fast, slow = run(LAUNCH, args, cli_env, folder), run(CLICK, args, cli_env, folder)
    (out, err, mods), (out2, err2, _) = split(fast), split(slow)
    assert (out, err, fast.returncode) == (out2, err2, slow.returncode)
    assert "click" in mods


@pytest.mark.parametrize("args", FAST_ARGS)
def test_the_fast_path_gives_the_work_the_values_click_gives_it(args):
    from gazetteer.cli import extract

    with extract.make_context("extract", list(args[1:])) as ctx:
        assert parse_extract(args) == ctx.params
