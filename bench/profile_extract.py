#!/usr/bin/env python3
"""Where extract's time goes: cProfile over ``gz.extract(line)`` on the first MB of each
throughput corpus (issue 15: record the profile beside the figures), as tables for
BENCHMARKS.md: the functions with the most time of their own, and the time by module
(the compiled core's calls count under the module that makes them).

    python bench/profile_extract.py [--mb 2] [--top 15] [--corpus FILE]...
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import ROOT, machine, table  # noqa: E402
from _corpus import ensure_corpus  # noqa: E402

NEWS = ROOT / "bench" / "corpus" / "news_real.txt"


def head_lines(path: Path, mb: float) -> list[str]:
    lines, size = [], 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            lines.append(line)
            size += len(line.encode("utf-8"))
            if size >= mb * 1e6:
                break
    return lines


def where(filename: str) -> str:
    """A short module name for a profile entry's file."""
    if filename == "~":
        return "built-in"
    p = Path(filename)
    parts = p.parts
    if "gazetteer" in parts:
        i = len(parts) - 1 - parts[::-1].index("gazetteer")
        return ".".join(parts[i:]).removesuffix(".py")
    return p.name.removesuffix(".py")


def profile(path: Path, mb: float, top: int) -> None:
    from gazetteer import Gazetteer

    gz = Gazetteer.load()
    lines = head_lines(path, mb)
    size = sum(len(x.encode("utf-8")) for x in lines)
    gz.extract(lines[0])  # the scanner's tables: built once, not profiled
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    n = sum(len(gz.extract(x)) for x in lines)
    prof.disable()
    wall = time.perf_counter() - t0
    st = pstats.Stats(prof)
    total = sum(v[2] for v in st.stats.values())  # tottime over every function
    print(f"\n## {path.name}: {size / 1e6:.1f} MB, {n} mentions, {wall:.2f} s under the profiler")
    rows = sorted(st.stats.items(), key=lambda kv: -kv[1][2])[:top]
    print(
        table(
            ["function", "calls", "own s", "own %", "with callees s"],
            [
                [
                    f"{where(fn)}:{line}({name})" if fn != "~" else name,
                    v[1],
                    f"{v[2]:.3f}",
                    f"{100 * v[2] / total:.1f}",
                    f"{v[3]:.3f}",
                ]
                for (fn, line, name), v in rows
            ],
        )
    )
    by_module: dict[str, float] = defaultdict(float)
    for (fn, _, _name), v in st.stats.items():
        if fn == "~":
            # a built-in counts under the module of its caller with the most time in it
            callers = v[4]
            if callers:
                caller = max(callers.items(), key=lambda kv: kv[1][2])[0]
                by_module[where(caller[0])] += v[2]
                continue
        by_module[where(fn)] += v[2]
    print(
        "\n"
        + table(
            ["module (built-ins under their caller)", "own s", "own %"],
            [
                [m, f"{s:.3f}", f"{100 * s / total:.1f}"]
                for m, s in sorted(by_module.items(), key=lambda kv: -kv[1])[:top]
            ],
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2.0, help="MB of each corpus to profile (default 2)")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--corpus", type=Path, action="append", help="profile this file (repeatable)")
    a = ap.parse_args()
    corpora = a.corpus or [ensure_corpus(max(1, int(a.mb + 0.999)))] + ([NEWS] if NEWS.is_file() else [])
    print(f"# profile_extract  ({machine()})")
    for path in corpora:
        profile(path, a.mb, a.top)


if __name__ == "__main__":
    main()
