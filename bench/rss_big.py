#!/usr/bin/env python3
"""Peak RSS of `gazetteer extract` and `gazetteer normalise` on a big generated file.

The file (default ~1 GB) is the news corpus repeated; with --vocabulary, every half
megabyte of it is followed by half a megabyte of random words (a fifth capitalised), so
the vocabulary grows with the file and the per-word caches meet a corpus they cannot
hold. It lives under bench/corpus/ and is deleted afterwards unless --keep. RSS is sampled from /proc/PID/status (VmHWM = peak RSS)
every 0.5 s; with --timeout a run that has not finished is stopped and reported as
partial (its peak RSS so far and the input it had got through are shown).

    python bench/rss_big.py [--quick] [--size-mb N] [--timeout S] [--keep] [--vocabulary]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import CORPUS, GAZ, ROOT, machine, table  # noqa: E402
from _corpus import ensure_corpus  # noqa: E402

# random bytes -> letters, spaces, a few newlines: lowercase words mostly, some capitalised
_LETTERS = (b"abcdefghijklmnopqrstuvwxyz" * 8)[:208] + b"ABCDEFGHIJKLMNOPQRSTUVWXYZ" + b" " * 21 + b"\n"


def build_big(size_mb: int, vocabulary: bool = False) -> str:
    src = ensure_corpus(4)
    dst = CORPUS / f"big_{size_mb}MB{'_vocab' if vocabulary else ''}.txt"
    want = size_mb * 1_000_000
    if dst.exists() and dst.stat().st_size >= want:
        return str(dst)
    chunk = src.read_bytes()
    with open(dst, "wb") as f:
        n = 0
        if not vocabulary:
            while n < want:
                f.write(chunk)
                n += len(chunk)
        else:
            half = 500_000
            at = 0
            while n < want:
                cut = chunk.index(b"\n", at + half) + 1 if chunk.find(b"\n", at + half) >= 0 else len(chunk)
                f.write(chunk[at:cut])
                noise = os.urandom(half).translate(bytes(_LETTERS[b % len(_LETTERS)] for b in range(256)))
                f.write(noise + b"\n")
                n += cut - at + half + 1
                at = 0 if cut >= len(chunk) else cut
    return str(dst)


def status(pid: int) -> dict:
    d = {}
    try:
        for line in open(f"/proc/{pid}/status"):
            k, _, v = line.partition(":")
            if k in ("VmHWM", "VmRSS"):
                d[k] = int(v.split()[0])
    except OSError:
        pass
    return d


def read_pos(pid: int, path: str) -> int | None:
    """Byte offset the process has read its input file to (from /proc/PID/fdinfo)."""
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            if os.readlink(f"/proc/{pid}/fd/{fd}") == path:
                for line in open(f"/proc/{pid}/fdinfo/{fd}"):
                    if line.startswith("pos:"):
                        return int(line.split()[1])
    except OSError:
        pass
    return None


def run(cmd, path, timeout):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    hwm, pos, samples = 0, 0, []
    done = False
    while True:
        try:
            p.wait(0.5)
            done = True
            break
        except subprocess.TimeoutExpired:
            pass
        s = status(p.pid)
        hwm = max(hwm, s.get("VmHWM", 0))
        pos = read_pos(p.pid, path) or pos
        el = time.perf_counter() - t0
        samples.append((el, s.get("VmRSS", 0)))
        if timeout and el > timeout:
            p.send_signal(signal.SIGTERM)
            p.wait()
            break
    dt = time.perf_counter() - t0
    # ru_maxrss of all children so far (includes earlier children: only a lower bound check)
    return dt, hwm, pos, done, p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--size-mb", type=int, default=None, help="file size (default 1000, quick 20)")
    ap.add_argument(
        "--timeout", type=float, default=0, help="stop each command after S seconds (0 = no limit; --quick: 30)"
    )
    ap.add_argument("--keep", action="store_true", help="keep the big file")
    ap.add_argument("--vocabulary", action="store_true", help="mix in random words (a vocabulary without end)")
    a = ap.parse_args()
    size = a.size_mb or (20 if a.quick else 1000)
    if a.quick and not a.timeout:
        a.timeout = 30
    t0 = time.perf_counter()
    path = build_big(size, a.vocabulary)
    real = os.path.getsize(path) / 1e6
    print(f"# rss_big  ({machine()})")
    print(
        f"file {os.path.relpath(path, ROOT)}: {real:.0f} MB (built in {time.perf_counter() - t0:.1f} s); "
        f"timeout per command: {a.timeout or 'none'} s"
    )
    rows = []
    try:
        for sub in ("extract", "normalise"):
            cmd = [GAZ, sub, path, "-q"] + (["--format", "jsonl"] if sub == "extract" else [])
            dt, hwm, pos, done, rc = run(cmd, path, a.timeout)
            mbdone = real if done else (pos or 0) / 1e6
            rows.append(
                [
                    f"gazetteer {sub} FILE -q",
                    f"{real:.0f}",
                    "yes" if done else f"no (stopped, rc={rc})",
                    f"{dt:.1f}",
                    f"{mbdone:.1f}",
                    f"{mbdone / dt:.3f}" if dt else "-",
                    f"{hwm / 1024:.0f}",
                    "MET" if hwm / 1024 <= 200 else f"MISSED (+{hwm / 1024 - 200:.0f} MB)",
                ]
            )
    finally:
        if not a.keep:
            os.unlink(path)
    print(
        table(["command", "file MB", "completed", "wall s", "MB read", "MB/s", "peak RSS MB", "target <= 200 MB"], rows)
    )
    if any(r[2] != "yes" for r in rows):
        print(
            "note: 'MB read' is the input file offset at the stop (read-ahead is 1 MB blocks), so the "
            "RSS figure covers only that much input."
        )


if __name__ == "__main__":
    main()
