"""The documentation shows what the tool prints today, and its links lead somewhere.

Every ```console block of README.md and docs/*.md is run: each `$ gazetteer ...`
line is executed from the repository root (as `python -m gazetteer`, with a private
GAZETTEER_CACHE) and its output must equal the lines after it, up to the next `$`
line. A line that is only `...` stands for any number of lines (long output cut
short); everything else is compared exactly (trailing spaces aside). `$ echo $?`
checks the exit status of the command before it. Commands with a pipe or a
redirection run through `sh -c`. ```sh blocks (install commands) are shown, not run.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

FENCE = re.compile(r"^```console[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)
SHELL_CHARS = set("|<>;&")
GAZETTEER = re.compile(r"(^|[|;&]\s*)gazetteer\b")  # the command at the start of a line or a pipe stage


def _blocks():
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            yield pytest.param(doc, m.group(1), id=f"{doc.relative_to(ROOT)}:{line}")


def _steps(block: str) -> list[tuple[str, list[str]]]:
    """[(command, expected output lines)] of one console block."""
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:].strip(), []))
        elif steps:
            steps[-1][1].append(line.rstrip())
        elif line.strip():
            raise AssertionError(f"output before any `$ ` command: {line!r}")
    return steps


def _matches(expected: list[str], actual: list[str]) -> bool:
    if "..." not in expected:
        return expected == actual
    pattern = "".join(r"(?:.*\n)*?" if e == "..." else re.escape(e) + r"\n" for e in expected)
    return re.fullmatch(pattern, "".join(a + "\n" for a in actual)) is not None


def _run(command: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    python = shlex.quote(sys.executable)
    if SHELL_CHARS & set(command):
        shell = GAZETTEER.sub(lambda m: f"{m.group(1)}{python} -m gazetteer", command)
        argv = ["sh", "-c", shell]
    else:
        argv = shlex.split(command)
        assert argv[0] == "gazetteer", f"only gazetteer commands are run: {command!r}"
        argv = [sys.executable, "-m", "gazetteer", *argv[1:]]
    return subprocess.run(
        argv, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300, stdin=subprocess.DEVNULL
    )


@pytest.mark.parametrize(("doc", "block"), list(_blocks()))
def test_console_block(doc, block, cache_dir):
    env = {k: v for k, v in os.environ.items() if k != "GAZETTEER_PLACES"}
    env["GAZETTEER_CACHE"] = str(cache_dir)
    env["PYTHONIOENCODING"] = "utf-8"
    steps = _steps(block)
    assert steps, "a console block without a `$ ` command (use ```text for output alone)"
    last = None
    for command, expected in steps:
        while expected and not expected[-1]:
            expected.pop()
        if command == "echo $?":
            assert last is not None, "`echo $?` before any command"
            assert expected == [str(last.returncode)], f"exit status of {last.args!r}: {last.returncode}"
            continue
        assert GAZETTEER.search(command), f"a console command runs gazetteer: {command!r}"
        last = _run(command, env)
        actual = [line.rstrip() for line in last.stdout.splitlines()]
        assert _matches(expected, actual), (
            f"$ {command}\n--- the docs say:\n"
            + "\n".join(expected)
            + "\n--- the tool prints:\n"
            + last.stdout
            + ("\n--- stderr:\n" + last.stderr if last.stderr else "")
        )


def test_some_console_blocks_exist():
    assert len(list(_blocks())) >= 5


LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: str(d.relative_to(ROOT)))
def test_relative_links_exist(doc):
    text = re.sub(r"^```.*?^```", "", doc.read_text(encoding="utf-8"), flags=re.S | re.M)
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
            continue  # a URL or an anchor in the same page
        path = target.split("#", 1)[0]
        if not (doc.parent / path).exists():
            broken.append(target)
    assert not broken, f"{doc.name} links to missing files: {broken}"
    if doc.name == "README.md":
        assert "../shared" not in text, "README points at a folder a clone does not have"


PYCON = re.compile(r"^```pycon[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)


def _pycon_blocks():
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for m in PYCON.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            yield pytest.param(doc, m.group(1), line, id=f"{doc.relative_to(ROOT)}:{line}")


@pytest.mark.parametrize(("doc", "block", "line"), list(_pycon_blocks()))
def test_pycon_block(doc, block, line, cache_dir):
    """```pycon blocks (Python sessions) are doctests."""
    import doctest

    test = doctest.DocTestParser().get_doctest(block, {}, f"{doc.name}:{line}", str(doc), line)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0 and runner.tries > 0
