#!/usr/bin/env python3
"""Wall-clock A/B of two (or more) builds of the compiled core, interleaved: which build of
``gazetteer._core`` runs the extract loop faster on this machine.

A build profile (LTO, codegen units, opt-level, profile-guided optimisation) moves the
instruction count and the cache and branch behaviour in different directions
(bench/extract_callgrind.py --cache-sim counts both), so the clock decides. On a shared
machine one run's MB/s swings by a third from minute to minute, so the builds are timed in
turn, round after round (A B, B A, A B, ...: each build as often first as second), each
round in a fresh interpreter, and the table gives each build's fastest and median round,
their ratios to the first build's, the median of its rate over the first build's round by
round (the two runs minutes apart at most, so the least moved by the load drifting) and in
how many rounds it ran faster than the first build.

Each round loads one build's ``.so`` as ``gazetteer._core`` (the rest of the package from
this tree), loads the index, reads the first ``--mb`` MB of the corpus one line a call as
bench/extract_throughput.py reads them, extracts the next ``--warm`` MB untimed, then times
``deque(maxlen=0).extend(map(extract, lines))``, as bench/extract_callgrind.py counts it.
``--normalise`` times ``Gazetteer.normalise`` instead; ``--cli`` times the whole command
``gazetteer extract FILE --format jsonl -q`` over the same lines (start-up included).
``--cpu`` rates each round by the CPU time the process used instead of the wall clock: when
more processes want to run than there are cores, the wall clock measures the queue more than
the build, while CPU time still moves with cache misses and mispredictions (other processes
on the same core still evict the caches, so it too drifts with the load).

    python bench/ab_builds.py A.so B.so [C.so ...] [--corpus FILE] [--mb 4] [--rounds 5]
                              [--warm 0.25] [--cpu] [--normalise | --cli]

The ``.so`` files come from ``cargo rustc --release --crate-type cdylib --features
python,pyo3/extension-module`` (what maturin builds) under each profile, copied aside.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import CORPUS, PY, ROOT, machine, table  # noqa: E402

# Loads argv[1] (a build's .so) as gazetteer._core before anything imports the package's own
_LOAD = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("gazetteer._core", sys.argv[1])
core = importlib.util.module_from_spec(spec)
sys.modules["gazetteer._core"] = core
spec.loader.exec_module(core)
del sys.argv[1]
"""

# argv (after the .so): the corpus, the MB timed, the MB extracted untimed first, the call
_LOOP = (
    _LOAD
    + """
import time
from collections import deque
from gazetteer import Gazetteer
import gazetteer._core as c
assert c is core, "the build was not the one loaded"
gz = Gazetteer.load()
extract = gz.normalise if sys.argv[4] == "normalise" else gz.extract
from _common import measured_lines
lines, warm, size = measured_lines(sys.argv[1], float(sys.argv[2]), float(sys.argv[3]))
extract("Shells hit Füzulidə.")
for line in warm:
    extract(line)
t0, c0 = time.perf_counter(), time.process_time()
deque(maxlen=0).extend(map(extract, lines))
print(size, time.perf_counter() - t0, time.process_time() - c0)
"""
)

# the CLI with the build loaded: gazetteer extract FILE --format jsonl -q
_CLI = (
    _LOAD
    + """
from gazetteer.launch import main
main(prog_name="gazetteer")
"""
)


def first_mb(corpus: Path, mb: float, out: Path) -> int:
    """Write the first ``mb`` MB of ``corpus`` (whole lines) to ``out``; the bytes written."""
    size = 0
    with open(corpus, "rb") as f, open(out, "wb") as w:
        for line in f:
            if size >= mb * 1e6:
                break
            w.write(line)
            size += len(line)
    return size


def run_once(so: Path, corpus: Path, a: argparse.Namespace, text: Path | None) -> float:
    """One round of one build: the MB/s it ran at (a second of the wall clock, or with
    ``--cpu`` of the process's CPU time)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(ROOT), str(ROOT / "bench"))), "PYTHONHASHSEED": "0"}
    if text is not None:
        cmd = [PY, "-c", _CLI, str(so), "extract", str(text), "--format", "jsonl", "-q"]
        t0, c0 = time.perf_counter(), os.times()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        c1 = os.times()
        dt = (
            (c1.children_user + c1.children_system - c0.children_user - c0.children_system)
            if a.cpu
            else time.perf_counter() - t0
        )
        if done.returncode != 0:
            raise SystemExit(f"{so.name}: the CLI failed: {(done.stderr.strip().splitlines() or ['?'])[-1]}")
        return text.stat().st_size / 1e6 / dt
    tool = "normalise" if a.normalise else "extract"
    cmd = [PY, "-c", _LOOP, str(so), str(corpus), str(a.mb), str(a.warm), tool]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{so.name}: the loop failed: {(done.stderr.strip().splitlines() or ['?'])[-1]}")
    size, wall, cpu = done.stdout.split()[-3:]
    return int(size) / 1e6 / float(cpu if a.cpu else wall)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "builds", type=Path, nargs="+", help="two or more .so files of gazetteer._core; the first is the base"
    )
    ap.add_argument(
        "--corpus", type=Path, default=CORPUS / "news_32MB_1993.txt", help="the text (default: the dense corpus)"
    )
    ap.add_argument("--mb", type=float, default=4.0, help="MB timed a round (default 4)")
    ap.add_argument("--warm", type=float, default=0.25, help="MB extracted first, untimed (default 0.25)")
    ap.add_argument("--rounds", type=int, default=5, help="rounds of each build, interleaved (default 5)")
    ap.add_argument(
        "--cpu",
        action="store_true",
        help="rate by the process's CPU time, not the wall clock (on a machine with more runnable processes than cores)",
    )
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--normalise", action="store_true", help="time Gazetteer.normalise's loop instead of extract's")
    mode.add_argument("--cli", action="store_true", help="time the CLI (gazetteer extract FILE --format jsonl -q)")
    a = ap.parse_args()
    if len(a.builds) < 2:
        raise SystemExit("give two builds or more to compare")
    for so in a.builds:
        if not so.is_file():
            raise SystemExit(f"{so}: no such build")
    if not a.corpus.is_file():
        raise SystemExit(f"{a.corpus}: no such corpus (bench/extract_throughput.py makes the 1993 one)")
    print(machine())
    tmp = Path(tempfile.mkdtemp(prefix="ab_builds."))
    text = None
    if a.cli:
        text = tmp / "text.txt"
        first_mb(a.corpus, a.mb, text)
    rates: list[list[float]] = [[] for _ in a.builds]  # by the build's place in the list
    for r in range(a.rounds):
        order = range(len(a.builds)) if r % 2 == 0 else reversed(range(len(a.builds)))
        for i in order:
            rates[i].append(run_once(a.builds[i], a.corpus, a, text))
        line = "  ".join(f"{so.name} {rates[i][-1]:.2f}" for i, so in enumerate(a.builds))
        print(f"round {r + 1}: {line} {'MB a CPU second' if a.cpu else 'MB/s'}", flush=True)
    if text is not None:
        text.unlink()
    tmp.rmdir()
    best0, med0 = max(rates[0]), statistics.median(rates[0])
    rows = []
    for so, got in zip(a.builds, rates):
        best, med = max(got), statistics.median(got)
        # (each round's rate over the first build's in the same round, neighbours in time:
        # the figure least moved by the machine's load drifting over the run)
        paired = statistics.median(x / y for x, y in zip(got, rates[0]))
        wins = sum(x > y for x, y in zip(got, rates[0]))
        rows.append(
            [
                so.name,
                f"{best:.2f}",
                f"{med:.2f}",
                f"{min(got):.2f}",
                f"{best / best0:.3f}",
                f"{med / med0:.3f}",
                f"{paired:.3f}",
                f"{wins}/{len(got)}",
            ]
        )
    what = "CLI extract" if a.cli else ("normalise loop" if a.normalise else "extract loop")
    clock = "MB a CPU second" if a.cpu else "MB/s"
    print(f"\n{what}, {a.corpus.name}, {a.mb:g} MB, {a.rounds} rounds interleaved ({clock}):")
    head = ["build", "fastest", "median", "slowest", "fastest / first", "median / first", "round by round", "faster"]
    print(table(head, rows))


if __name__ == "__main__":
    main()
