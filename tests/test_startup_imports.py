"""A command loads only what it uses: each test starts a real interpreter and reads its
sys.modules (issue 15's cold start: the text engine, the language lists, the online
geocoder, the table and file handling must not load for a command that does not need them).
"""

from __future__ import annotations

import json
import subprocess
import sys

# Loaded by no command that does not scan text, read files or go online.
TEXT_ENGINE = [
    "gazetteer.scan.engine",
    "gazetteer.scan.vocabulary",
    "gazetteer.scan.word_facts",
    "gazetteer.scan.text_facts",
    "gazetteer.documents",
    "gazetteer.batch",
    "gazetteer.review",
]
FILE_AND_NETWORK = [
    "gazetteer.textio",
    "gazetteer.progress",
    "gazetteer.online",
    "gazetteer.serve",
    "gazetteer.columns",
    "gazetteer.importers",
    "charset_normalizer",
    "openpyxl",
    "http.client",
    "urllib.request",
]
# Loaded only once a command opens the table.
TABLE_AND_LANGUAGES = [
    "gazetteer.api",
    "gazetteer.index",
    "gazetteer.matcher",
    "gazetteer.lang",
    "gazetteer.cues",
    "gazetteer.inflection",
    "gazetteer.formats",
    "sqlite3",
]

REPORT = "import atexit, json, sys; atexit.register(lambda: sys.stderr.write(json.dumps(sorted(sys.modules))))"


def modules_after(code: str, env: dict) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run ``code`` in a new interpreter; the modules it had loaded when it exited."""
    p = subprocess.run([sys.executable, "-c", f"{REPORT}\n{code}"], capture_output=True, text=True, env=env)
    last = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else "[]"
    return p, set(json.loads(last[last.rfind("[") :]))


def loaded(modules: set[str], names: list[str]) -> list[str]:
    return [n for n in names if n in modules]


def test_importing_the_package_loads_neither_the_cli_nor_the_table(cli_env):
    p, mods = modules_after("import gazetteer", cli_env)
    assert p.returncode == 0, p.stderr
    assert "gazetteer" in mods
    assert loaded(mods, ["click", "typing", *TABLE_AND_LANGUAGES, *TEXT_ENGINE, *FILE_AND_NETWORK]) == []


def test_importing_the_cli_loads_click_and_nothing_a_command_needs(cli_env):
    p, mods = modules_after("import gazetteer.cli", cli_env)
    assert p.returncode == 0, p.stderr
    assert "click" in mods
    assert loaded(mods, [*TABLE_AND_LANGUAGES, *TEXT_ENGINE, *FILE_AND_NETWORK]) == []


def test_a_lookup_loads_the_table_but_not_the_text_engine_files_or_network(cli_env):
    code = "sys.argv = ['gazetteer', 'lookup', 'Füzulidə', '--format', 'jsonl']\nfrom gazetteer.cli import main\nmain()"
    p, mods = modules_after(code, cli_env)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout.splitlines()[0])["name"] == "Fuzuli"
    assert "gazetteer.index" in mods and "gazetteer.matcher" in mods
    assert loaded(mods, [*TEXT_ENGINE, *FILE_AND_NETWORK]) == []


def test_the_version_loads_no_table(cli_env):
    code = "sys.argv = ['gazetteer', '--version']\nfrom gazetteer.cli import main\nmain()"
    p, mods = modules_after(code, cli_env)
    assert p.returncode == 0, p.stderr
    assert "version" in p.stdout
    assert loaded(mods, [*TABLE_AND_LANGUAGES, *TEXT_ENGINE, *FILE_AND_NETWORK]) == []


def test_show_by_id_and_reverse_load_no_matcher_nor_language_lists(cli_env):
    for args in (["show", "fuzuli", "--format", "json"], ["reverse", "39.6", "47.1", "--format", "jsonl"]):
        code = f"sys.argv = ['gazetteer', *{args!r}]\nfrom gazetteer.cli import main\nmain()"
        p, mods = modules_after(code, cli_env)
        assert p.returncode == 0, p.stderr
        assert "fuzuli" in p.stdout or "Fuzuli" in p.stdout
        assert "gazetteer.index" in mods
        assert loaded(mods, ["gazetteer.matcher", "gazetteer.lang", "gazetteer.cues", "gazetteer.inflection"]) == []


def test_show_by_name_loads_the_matcher_when_it_needs_it(cli_env):
    code = "sys.argv = ['gazetteer', 'show', 'Füzulidə', '--format', 'json']\nfrom gazetteer.cli import main\nmain()"
    p, mods = modules_after(code, cli_env)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout.splitlines()[0])["id"] == "fuzuli"
    assert "gazetteer.matcher" in mods
