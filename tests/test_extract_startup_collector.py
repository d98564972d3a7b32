"""gazetteer extract's start-up runs with the cyclic collector paused (launch.py): what it
made is frozen when the collector resumes, and a collector the caller paused stays so."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from gazetteer import launch

ROOT = Path(__file__).resolve().parent.parent


def test_resume_freezes_what_the_pause_made_and_collects_again():
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        launch.pause_collector()
        assert not gc.isenabled()
        kept = [[i] for i in range(1000)]  # objects made in the pause
        launch.resume_collector()
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(kept)
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_collector_the_caller_paused_stays_paused():
    gc.disable()
    try:
        launch.pause_collector()
        launch.resume_collector()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_extract_writes_its_lines_with_the_collector_resumed(cli_env, gz, tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("Shelling hit Fuzuli and Aghdam.\n", encoding="utf-8")
    probe = (
        "import gc, sys\n"
        "from gazetteer import commands, launch\n"
        "real = commands._load\n"
        "def load(*a, **k):\n"
        "    sys.stderr.write(f'paused {not gc.isenabled()}\\n')\n"
        "    return real(*a, **k)\n"
        "commands._load = load\n"
        "import atexit\n"
        "atexit.register(lambda: sys.stderr.write(f'enabled {gc.isenabled()}\\n'))\n"
        "launch.main(['extract', sys.argv[1], '--format', 'jsonl', '-q'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(text)], capture_output=True, text=True, env=cli_env, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    assert '"text": "Fuzuli"' in done.stdout
    assert "paused True" in done.stderr and "enabled True" in done.stderr
