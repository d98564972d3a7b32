"""Shared fixtures: one Gazetteer per session, a private index cache, a CLI runner."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
PLACES_CSV = DATA / "places.csv"
VARIANTS_CSV = DATA / "variants.csv"

# Reproducible examples, no example database written into the repository.
settings.register_profile("gazetteer", derandomize=True, deadline=None, database=None)
settings.load_profile("gazetteer")


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory) -> Path:
    """A private GAZETTEER_CACHE, so the suite never touches the user's cache."""
    d = tmp_path_factory.mktemp("gazetteer-cache")
    os.environ["GAZETTEER_CACHE"] = str(d)
    os.environ.pop("GAZETTEER_PLACES", None)
    return d


@pytest.fixture(scope="session")
def gz(cache_dir):
    from gazetteer import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def places(gz) -> list:
    """The bundled index's places as PlaceRow records, in index order."""
    from gazetteer.records import PlaceRow

    return [PlaceRow._make(gz.index.place(i)) for i in range(len(gz.index))]


@pytest.fixture(scope="session")
def places_rows() -> list[dict]:
    with open(PLACES_CSV, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def variants_rows() -> list[dict]:
    with open(VARIANTS_CSV, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def name_words(variants_rows) -> list[str]:
    """About 5,000 distinct words of the table's names, spread over the alphabet."""
    words = sorted({w for r in variants_rows for w in r["variant"].split() if w})
    step = max(1, len(words) // 5000)
    return words[::step]


@pytest.fixture(scope="session")
def cli_env(cache_dir) -> dict:
    env = dict(os.environ)
    env["GAZETTEER_CACHE"] = str(cache_dir)
    env.pop("GAZETTEER_PLACES", None)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.fixture(scope="session")
def run_cli(cli_env, gz):
    """Run ``python -m gazetteer ARGS`` as a subprocess (the index is compiled once, by ``gz``)."""

    def run(*args, input: bytes | str | None = None, cwd=None, check_no_traceback: bool = True):
        if isinstance(input, str):
            input = input.encode("utf-8")
        proc = subprocess.run(
            [sys.executable, "-m", "gazetteer", *map(str, args)],
            input=input if input is not None else b"",
            capture_output=True,
            env=cli_env,
            cwd=cwd,
            timeout=120,
        )
        if check_no_traceback:
            assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
        return proc

    return run


def found(gz, text: str) -> list[tuple[str, str]]:
    """The (surface, id) of each mention ``gz`` extracts from ``text``."""
    return [(m["text"], m["id"]) for m in gz.extract(text)]
