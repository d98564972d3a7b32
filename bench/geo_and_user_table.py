#!/usr/bin/env python3
"""Reverse geocoding throughput, and lookups with a 100,000-row user table added.

    python bench/geo_and_user_table.py [--quick]

1. reverse: N random points over the Caucasus through the API and through
   `gazetteer reverse` on stdin (queries/s), with a brute-force scan of every
   place as the baseline measured in the same run.
2. user table: writes a 100,000-row table in the bundled format (synthetic
   names, fixed seed), then measures the first load (validation + compile),
   a cached load, lookups/s of names from it through the CLI, and peak RSS.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gazetteer import Gazetteer
from gazetteer.geo import km


def rss_of(cmd: list[str], stdin: bytes, env: dict) -> tuple[float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, env=env, check=False)
    took = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return took, max(before, after)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    n_points = 5_000 if args.quick else 50_000
    n_rows = 20_000 if args.quick else 100_000
    rng = random.Random(42)
    gz = Gazetteer.load()
    places = gz.index.all_places()
    pts = [(rng.uniform(38.5, 42.5), rng.uniform(43.5, 50.5)) for _ in range(n_points)]

    gz.reverse(40.0, 46.0, 1)  # build the grid
    t = time.perf_counter()
    for lat, lon in pts:
        gz.reverse(lat, lon, 5)
    api_rate = n_points / (time.perf_counter() - t)

    t = time.perf_counter()
    sample = pts[: max(200, n_points // 50)]
    for lat, lon in sample:
        sorted((km(lat, lon, p[5], p[6]), i) for i, p in enumerate(places))[:5]
    brute_rate = len(sample) / (time.perf_counter() - t)

    stdin = "".join(f"{a:.5f} {b:.5f}\n" for a, b in pts).encode()
    env = dict(os.environ)
    took, _ = rss_of([sys.executable, "-m", "gazetteer", "reverse", "-k", "5", "--format", "jsonl"], stdin, env)
    cli_rate = n_points / took

    print("## reverse (k=5, points over the Caucasus)")
    print("| how | queries/s |\n|---|---|")
    print(f"| gazetteer API (grid) | {api_rate:,.0f} |")
    print(f"| gazetteer reverse, stdin -> jsonl (incl. start-up) | {cli_rate:,.0f} |")
    print(f"| brute force over all {len(places):,} places (baseline) | {brute_rate:,.0f} |")

    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "mine.csv"
        names = []
        syll = ["ka", "ra", "mi", "zo", "lu", "shan", "dar", "bek", "li", "van", "gor", "tu", "sa", "ne", "khor"]
        with open(table, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["id", "name", "kind", "country", "parent", "lat", "lon", "population", "source"])
            for i in range(n_rows):
                name = "".join(rng.choice(syll) for _ in range(rng.randint(2, 4))).capitalize() + f" {i}"
                names.append(name)
                w.writerow(
                    [
                        f"user_{i}",
                        name,
                        "village",
                        "",
                        "",
                        f"{rng.uniform(38, 42):.5f}",
                        f"{rng.uniform(44, 50):.5f}",
                        "",
                        "synthetic benchmark row",
                    ]
                )
        env = dict(os.environ, GAZETTEER_CACHE=str(Path(tmp) / "cache"))
        q = "\n".join(rng.choice(names) for _ in range(50_000 if not args.quick else 10_000)).encode() + b"\n"
        cmd = [sys.executable, "-m", "gazetteer", "lookup", "--places", str(table), "--format", "jsonl"]
        first, _ = rss_of(cmd + ["Shusha"], b"", env)
        cached, _ = rss_of(cmd + ["Shusha"], b"", env)
        took, rss = rss_of(cmd, q, env)
        print(f"\n## lookup with a {n_rows:,}-row user table added")
        print("| measure | value |\n|---|---|")
        print(f"| first load (validate + compile), one lookup | {first:.2f} s |")
        print(f"| cached load, one lookup | {cached:.2f} s |")
        n_q = q.count(b"\n")
        print(f"| {n_q:,} lookups of user names through stdin | {n_q / took:,.0f} names/s |")
        print(f"| peak RSS of the largest run | {rss / 1024:.0f} MB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
