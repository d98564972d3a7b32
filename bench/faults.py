#!/usr/bin/env python3
"""Inject faults into `gazetteer normalise --in-place` over a folder and count losses.

Each round writes a folder of files, starts the command, lets other processes
append lines to random files while it runs, interrupts it at a random moment
(SIGINT like Ctrl-C, SIGTERM like a scheduler, SIGKILL like a crash or the OOM
killer), then checks every file: it must be its old or its new text followed by
exactly the lines appended to it, in order. Then it runs the command again to
the end, and checks that every file is new (plus its appends) and that no
temporary file is left. Prints the totals RELIABILITY.md records.

    python bench/faults.py --rounds 12 --files 5000
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

OLD = ("Cəbrayıl, Füzulidə və Stepanakert. " * 40 + "\n").encode()
NEW = ("Jabrayil, Fuzulidə və Khankendi. " * 40 + "\n").encode()
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)


class Appenders:
    """Threads that append numbered lines (no place names) to random files of the folder."""

    def __init__(self, folder: Path, names: list[str], rng: random.Random, threads: int):
        self.folder = folder
        self.names = names
        self.seeds = [rng.random() for _ in range(threads)]
        self.appended: dict[str, list[bytes]] = {n: [] for n in names}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(s,)) for s in self.seeds]

    def _run(self, seed: float) -> None:
        rng = random.Random(seed)
        n = 0
        while not self.stop.is_set():
            name = rng.choice(self.names)
            line = f"appended line {seed:.6f}-{n}\n".encode()
            with self.lock:  # one writer per file at a time, so the expected order is known
                with open(self.folder / name, "ab") as fh:
                    fh.write(line)
                self.appended[name].append(line)
            n += 1
            time.sleep(rng.uniform(0.0005, 0.005))

    def __enter__(self) -> Appenders:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for t in self.threads:
            t.join()


def _check(folder: Path, names: list[str], appended: dict[str, list[bytes]], allowed: tuple[bytes, ...]) -> int:
    """How many files are not one of ``allowed`` followed by exactly their appended lines."""
    bad = 0
    for name in names:
        try:
            data = (folder / name).read_bytes()
        except FileNotFoundError:
            bad += 1
            continue
        tail = b"".join(appended[name])
        if not any(data == head + tail for head in allowed):
            bad += 1
    return bad


def _sigint_as_at_a_terminal() -> None:
    # A job started in the background (`python bench/faults.py &`) inherits SIGINT as
    # ignored, and Python then keeps it ignored: Ctrl-C would never reach the command.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _run(folder: Path, jobs: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "gazetteer", "normalise", "--in-place", "-q", "-j", str(jobs), str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=_sigint_as_at_a_terminal,
    )


def one_round(rng: random.Random, files: int, sig: int, jobs: int, appenders: int) -> dict[str, int]:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        names = [f"{n:05d}.txt" for n in range(files)]
        for name in names:
            (folder / name).write_bytes(OLD)
        with Appenders(folder, names, rng, appenders) as app:
            p = _run(folder, jobs, env)
            deadline = time.monotonic() + 120  # wait for the first rewrite, then a random while
            while time.monotonic() < deadline and p.poll() is None:
                if any((folder / n).read_bytes().startswith(NEW) for n in names[:3]):
                    break
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 3.0))
            p.send_signal(sig)
            p.communicate(timeout=300)
            if sig == signal.SIGKILL and jobs > 1:
                time.sleep(0.5)  # orphaned workers finish or die on their own
        torn = _check(folder, names, app.appended, (OLD, NEW))
        done = sum(1 for n in names if (folder / n).read_bytes().startswith(NEW))
        left = sum(1 for n in os.listdir(folder) if not n.endswith(".txt"))
        rerun = _run(folder, jobs, env)
        _, err = rerun.communicate(timeout=600)
        after_rerun = _check(folder, names, app.appended, (NEW,))
        left_after = sum(1 for n in os.listdir(folder) if not n.endswith(".txt"))
        appends = sum(len(v) for v in app.appended.values())
        return {
            "rewritten_before_signal": done,
            "appended_lines": appends,
            "lost_or_torn": torn,
            "temp_left": left,
            "not_new_after_rerun": after_rerun,
            "temp_left_after_rerun": left_after,
            "rerun_status": rerun.returncode,
        }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=12)
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--appenders", type=int, default=2, help="threads appending to random files during the run")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    total: dict[str, int] = {"rounds": 0, "files": 0}
    for r in range(args.rounds):
        sig = SIGNALS[r % 3]
        jobs = 1 if (r // 3) % 2 == 0 else 2
        res = one_round(rng, args.files, sig, jobs, args.appenders)
        total["rounds"] += 1
        total["files"] += args.files
        for k, v in res.items():
            if k != "rerun_status":
                total[k] = total.get(k, 0) + v
        print(
            f"round {r:2d} {signal.Signals(sig).name:7s} jobs={jobs}: " + ", ".join(f"{k}={v}" for k, v in res.items()),
            flush=True,
        )
    print(" ".join(f"{k}={v}" for k, v in total.items()))
    return 0 if total["lost_or_torn"] == 0 and total["not_new_after_rerun"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
