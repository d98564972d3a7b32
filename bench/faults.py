#!/usr/bin/env python3
"""Inject faults into `gazetteer normalise --in-place` over a folder and count losses.

Each round writes a folder of files, starts the command, interrupts it at a
random moment (SIGINT like Ctrl-C, or SIGKILL like a crash or the OOM
killer), then checks that every file is either its old or its new content
and that no temporary file is left. Prints the totals RELIABILITY.md records.

    python bench/faults.py --rounds 20
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OLD = ("Cəbrayıl, Füzulidə və Stepanakert. " * 3000 + "\n").encode()
NEW = ("Jabrayil, Fuzulidə və Khankendi. " * 3000 + "\n").encode()


def one_round(rng: random.Random, files: int, sig: int, jobs: int) -> tuple[int, int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for n in range(files):
            (folder / f"{n:04d}.txt").write_bytes(OLD)
        p = subprocess.Popen(
            [sys.executable, "-m", "gazetteer", "normalise", "--in-place", "-q", "-j", str(jobs), str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(rng.uniform(0.3, 2.5))
        p.send_signal(sig)
        p.communicate(timeout=120)
        if sig == signal.SIGKILL and jobs > 1:
            time.sleep(0.5)  # orphaned workers finish or die on their own
        names = sorted(os.listdir(folder))
        leftovers = [n for n in names if not n.endswith(".txt")]
        contents = [(folder / n).read_bytes() for n in names if n.endswith(".txt")]
        lost = sum(1 for c in contents if c not in (OLD, NEW)) + (files - len(contents))
        done = sum(1 for c in contents if c == NEW)
        return done, lost, len(leftovers)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    total = {"rounds": 0, "files": 0, "rewritten": 0, "lost_or_torn": 0, "temp_left": 0}
    for r in range(args.rounds):
        sig = signal.SIGINT if r % 2 == 0 else signal.SIGKILL
        jobs = 1 if r % 4 < 2 else 2
        done, lost, left = one_round(rng, args.files, sig, jobs)
        total["rounds"] += 1
        total["files"] += args.files
        total["rewritten"] += done
        total["lost_or_torn"] += lost
        total["temp_left"] += left
        print(
            f"round {r:2d} {signal.Signals(sig).name:7s} jobs={jobs}: {done:4d}/{args.files} rewritten, "
            f"{lost} torn or lost, {left} temporary files left"
        )
    print(" ".join(f"{k}={v}" for k, v in total.items()))
    return 0 if total["lost_or_torn"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
