#!/usr/bin/env python3
"""Cold start: one `gazetteer lookup` / `extract` process against geotext / flashgeotext
one-shot runs, in the same run (issue 15: lookup at most 0.6x geotext's import plus one call).

The lookup is measured through the console script pyproject.toml declares (a script
written here as pip writes it, so the figure holds whether or not the installed script
is up to date: the launcher gazetteer/launch.py), through the click CLI the launcher
hands other command lines to (gazetteer.cli:main, what the command was before), and
as installed. A Russian case form shows the start of a lookup the launcher hands on.

Every command runs once first so that its bytecode is cached (PYTHONDONTWRITEBYTECODE
is removed for the measured commands: with it set, every start compiles again the
modules edited since their last cache, which measures the compiler). The commands are
then run in turns, so that the load of a shared machine falls on all of them alike;
each row gives wall-clock time and CPU time (user + system of the process and its
children), which a busy machine disturbs far less.

    python bench/startup.py [--quick] [-n RUNS]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import GAZ, PY, machine, run_measured, table  # noqa: E402

GEOTEXT = "from geotext import GeoText; GeoText('Baku and Ganja').cities"
FLASH = "from flashgeotext.geotext import GeoText; GeoText().extract('Baku and Ganja')"
# what a lookup costs without the CLI's click: the same imports, load, lookup and writer
API_LOOKUP = (
    "from gazetteer.api import Gazetteer; import gazetteer.formats; print(Gazetteer.load().lookup('Füzulidə').id)"
)
TARGET = 0.6  # lookup's start at most this share of geotext's (issue 15)
# a pip-style console script (pip's ScriptMaker template)
SCRIPT = """#!{python}
# -*- coding: utf-8 -*-
import re
import sys
from {module} import {func}
if __name__ == '__main__':
    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])
    sys.exit({func}())
"""

# Where the launcher's quick lookup spends its time, inside one process (CPU ms per step).
QUICK_PHASES = r"""
import sys, time
t = [time.process_time()]
import re  # the console script imports it before the launcher
t.append(time.process_time())
from gazetteer.launch import parse
from gazetteer import quick
t.append(time.process_time())
snap = quick.load_snapshot()
assert isinstance(snap, dict), snap
t.append(time.process_time())
index = quick.Index.open(snap)
look = quick.QuickLookup(index, snap)
t.append(time.process_time())
recs = look.records(sys.argv[1], 1, "en")
t.append(time.process_time())
line = quick._encoder()(recs[0])
t.append(time.process_time())
print(" ".join(f"{(b - a) * 1000:.2f}" for a, b in zip(t, t[1:])))
"""
QUICK_PHASE_NAMES = [
    "import re (the console script's)",
    "import gazetteer.launch, gazetteer.quick",
    "load the snapshot (stat every watched file)",
    "open the index (import _sqlite3 and the core's fold)",
    "lookup('Füzulidə')",
    "the JSON line",
]

# Where one lookup's time goes, measured inside one process (CPU ms per step).
PHASES = r"""
import sys, time
t = [time.process_time()]
import click
t.append(time.process_time())
from gazetteer.api import Gazetteer
t.append(time.process_time())
gz = Gazetteer.load()
t.append(time.process_time())
gz.lookup(sys.argv[1])
t.append(time.process_time())
import gazetteer.formats
t.append(time.process_time())
print(" ".join(f"{(b - a) * 1000:.2f}" for a, b in zip(t, t[1:])))
"""
PHASE_NAMES = [
    "import click",
    "import gazetteer.api (the index, the records)",
    "Gazetteer.load() (open the cached index)",
    "first lookup('Füzulidə') (imports the matcher, reads the language lists)",
    "import gazetteer.formats (the writer)",
]

# Where a first extract's time goes inside one process (CPU ms per step): the scanner is
# imported and built at the first extract (the key table read from the index, issue 15).
EXTRACT_PHASES = r"""
import sys, time
t = [time.process_time()]
from gazetteer.api import Gazetteer
t.append(time.process_time())
gz = Gazetteer.load()
t.append(time.process_time())
import gazetteer.scan.engine
t.append(time.process_time())
gz.extract(sys.argv[1])
t.append(time.process_time())
gz.extract(sys.argv[1])
t.append(time.process_time())
print(" ".join(f"{(b - a) * 1000:.2f}" for a, b in zip(t, t[1:])))
"""
EXTRACT_PHASE_NAMES = [
    "import gazetteer.api",
    "Gazetteer.load() (open the cached index)",
    "import gazetteer.scan.engine (the scanner's modules)",
    "first extract (builds the scanner: the key table, the engine)",
    "second extract of the same text",
]


class Timing(NamedTuple):
    """One run of a command: wall seconds, CPU seconds, peak RSS in KB."""

    wall: float
    cpu: float
    rss_kb: int


def measure(cmd: list[str], env: dict[str, str]) -> Timing | None:
    """One run, or None when the command failed (its message is printed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        wall, kb = run_measured(cmd, env=env)
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu, kb)


def ms(x: float) -> str:
    return f"{x * 1000:.0f}"


def entry_point() -> tuple[str, str]:
    """(module, function) of the gazetteer console script in pyproject.toml."""
    text = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    m = re.search(r'^gazetteer\s*=\s*"([\w.]+):(\w+)"', text, re.M)
    if not m:
        raise SystemExit("no gazetteer script in pyproject.toml [project.scripts]")
    return m.group(1), m.group(2)


def write_script(folder: str, name: str, module: str, func: str) -> str:
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(SCRIPT.format(python=PY, module=module, func=func))
    os.chmod(path, 0o755)
    return path


def _print_phases(n: int, env: dict, script: str, names: list[str], title: str) -> None:
    """Run ``script`` (it prints the CPU ms of each step) ``n`` times; print the medians."""
    phases = []
    for _ in range(n):
        p = subprocess.run([PY, "-c", script, "Füzulidə"], capture_output=True, text=True, env=env)
        if p.returncode == 0 and p.stdout.strip():
            phases.append([float(x) for x in p.stdout.split()])
    if phases:
        print(f"\n# {title}: CPU ms per step (median of runs)")
        rows = [[name, f"{statistics.median(p[k] for p in phases):.1f}"] for k, name in enumerate(names)]
        print(table(["step", "CPU ms"], rows))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("-n", type=int, default=None, help="runs per command (default 15, quick 3)")
    a = ap.parse_args()
    n = a.n or (3 if a.quick else 15)
    print(f"# startup  ({machine()})  runs={n}")

    env = dict(os.environ)
    if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        print("(PYTHONDONTWRITEBYTECODE was set: removed for the measured commands)")
    sentence = os.path.join(tempfile.mkdtemp(prefix="gzstart-"), "one.txt")
    with open(sentence, "w", encoding="utf-8") as f:
        f.write("Shells hit Füzulidə and the Baku road near Ganja.\n")
    bin_dir = tempfile.mkdtemp(prefix="gzbin-")
    module, func = entry_point()
    entry = write_script(bin_dir, "gazetteer", module, func)
    via_click = write_script(bin_dir, "gazetteer-click", "gazetteer.cli", "main")
    lookup = [entry, "lookup", "Füzulidə", "--format", "jsonl"]
    commands = {
        "gazetteer lookup Füzulidə": lookup,
        f"  the same, through click ({os.path.basename(via_click)}: gazetteer.cli:main)": [
            via_click,
            *lookup[1:],
        ],
        "  the same, the installed script": [GAZ, *lookup[1:]],
        "gazetteer lookup Гадруте (a Russian ending: the launcher hands it to click)": [entry, "lookup", "Гадруте"],
        "  the same, through click": [via_click, "lookup", "Гадруте"],
        "gazetteer extract one sentence": [entry, "extract", sentence, "-q"],
        "python -c geotext GeoText('Baku and Ganja').cities": [PY, "-c", GEOTEXT],
        "python -c flashgeotext GeoText().extract(...)": [PY, "-c", FLASH],
        "gazetteer show fuzuli (by id: no matcher)": [entry, "show", "fuzuli", "--format", "json"],
        "python -c API lookup, no click": [PY, "-c", API_LOOKUP],
        "python -c 'import gazetteer.cli'": [PY, "-c", "import gazetteer.cli"],
        "python -c 'import click'": [PY, "-c", "import click"],
        "python -c pass (interpreter floor)": [PY, "-c", "pass"],
    }
    for cmd in commands.values():  # bytecode, the index cache and the launcher's snapshot, written once
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    runs: dict[str, list[Timing]] = {label: [] for label in commands}
    for _ in range(n):
        for label, cmd in commands.items():
            if (got := measure(cmd, env)) is not None:
                runs[label].append(got)
    # first run with an empty cache (the index is built)
    for _ in range(max(1, n // 5)):
        d = tempfile.mkdtemp(prefix="gzcache-")  # (a private folder, as the launcher wants)
        got = measure(lookup, dict(env, GAZETTEER_CACHE=d))
        if got is not None:
            runs.setdefault("gazetteer lookup, empty GAZETTEER_CACHE (builds the index, then the snapshot)", []).append(
                got
            )
        shutil.rmtree(d, ignore_errors=True)

    rows = []
    for label, ts in runs.items():
        if not ts:
            rows.append([label, "failed", "-", "-", "-", "-"])
            continue
        wall = [t.wall for t in ts]
        cpu = [t.cpu for t in ts]
        rows.append(
            [
                label,
                ms(statistics.median(wall)),
                ms(min(wall)),
                ms(statistics.median(cpu)),
                ms(min(cpu)),
                f"{max(t.rss_kb for t in ts) / 1024:.0f}",
            ]
        )
    print(table(["command", "wall median ms", "wall min ms", "CPU median ms", "CPU min ms", "peak RSS MB"], rows))

    def med(label: str, field: str) -> float:
        return statistics.median(getattr(t, field) for t in runs[label])

    geo = "python -c geotext GeoText('Baku and Ganja').cities"
    gz = "gazetteer lookup Füzulidə"
    target_rows = []
    for field, what in [("wall", "wall median"), ("cpu", "CPU median")] if runs[gz] and runs[geo] else []:
        ratio = med(gz, field) / med(geo, field)
        target_rows.append(
            [
                f"lookup <= {TARGET}x geotext ({what})",
                f"{ms(med(gz, field))} vs {ms(med(geo, field))} ms ({ratio:.2f}x)",
                "MET" if ratio <= TARGET else "MISSED",
            ]
        )
    print("\n" + table(["target", "value", "status"], target_rows))

    # where one lookup's time goes inside one process: through the launcher, and through
    # click and the API
    _print_phases(n, env, QUICK_PHASES, QUICK_PHASE_NAMES, "the launcher's lookup inside one process")
    _print_phases(n, env, PHASES, PHASE_NAMES, "one lookup through click and the API inside one process")
    _print_phases(n, env, EXTRACT_PHASES, EXTRACT_PHASE_NAMES, "a first extract through the API inside one process")

    # import-time offenders of the whole command, least of three runs
    best: dict[str, tuple[int, int, int]] = {}
    for _ in range(3):
        p = subprocess.run([PY, "-X", "importtime", *lookup], capture_output=True, text=True, env=env)
        for line in p.stderr.splitlines():
            m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
            if m:
                rec = (int(m.group(2)), int(m.group(1)), len(m.group(3)) // 2)
                name = m.group(4)
                best[name] = min(best.get(name, rec), rec)
    top = sorted(best.items(), key=lambda kv: -kv[1][0])[:20]
    print("\n# python -X importtime gazetteer lookup Füzulidə: top 20 by cumulative time (least of 3)")
    print(
        table(
            ["cumulative ms", "self ms", "depth", "module"],
            [[f"{c / 1000:.1f}", f"{s / 1000:.1f}", d, name] for name, (c, s, d) in top],
        )
    )
    shutil.rmtree(bin_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
