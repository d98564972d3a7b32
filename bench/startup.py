#!/usr/bin/env python3
"""Cold start: one `gazetteer lookup` / `extract` subprocess vs geotext / flashgeotext one-shot runs.

python bench/startup.py [--quick] [-n RUNS]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import GAZ, PY, machine, run_measured, table  # noqa: E402

GEOTEXT = "from geotext import GeoText; GeoText('Baku and Ganja').cities"
FLASH = "from flashgeotext.geotext import GeoText; GeoText().extract('Baku and Ganja')"


def timed(cmd, env=None, n=5):
    times, rss = [], []
    for _ in range(n):
        dt, kb = run_measured(cmd, env=env)
        times.append(dt)
        rss.append(kb)
    return times, rss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("-n", type=int, default=None, help="runs per command (default 15, quick 3)")
    a = ap.parse_args()
    n = a.n or (3 if a.quick else 15)
    print(f"# startup  ({machine()})  runs={n}")

    env = dict(os.environ)
    lookup = [GAZ, "lookup", "Füzulidə", "--format", "jsonl"]
    # warm the cache once
    subprocess.run(lookup, env=env, stdout=subprocess.DEVNULL)

    rows = []

    def add(label, times, rss):
        rows.append(
            [
                label,
                f"{statistics.median(times) * 1000:.0f}",
                f"{min(times) * 1000:.0f}",
                f"{max(times) * 1000:.0f}",
                f"{max(rss) / 1024:.0f}",
            ]
        )

    add("gazetteer lookup Füzulidə (warm cache)", *timed(lookup, env, n))
    sentence = os.path.join(tempfile.mkdtemp(prefix="gzstart-"), "one.txt")
    with open(sentence, "w", encoding="utf-8") as f:
        f.write("Shells hit Füzulidə and the Baku road near Ganja.\n")
    add("gazetteer extract one sentence (warm cache)", *timed([GAZ, "extract", sentence, "-q"], env, n))
    # first run with an empty cache (compile)
    comp_t, comp_r = [], []
    for _ in range(max(1, n // 5)):
        d = tempfile.mkdtemp(prefix="gzcache-")
        e = dict(env, GAZETTEER_CACHE=d)
        dt, kb = run_measured(lookup, env=e)
        comp_t.append(dt)
        comp_r.append(kb)
        # the second run on that cache should be warm
        shutil.rmtree(d, ignore_errors=True)
    add("gazetteer lookup, empty GAZETTEER_CACHE (compile)", comp_t, comp_r)
    add("python -c geotext GeoText('Baku and Ganja').cities", *timed([PY, "-c", GEOTEXT], env, n))
    add("python -c flashgeotext GeoText().extract(...)", *timed([PY, "-c", FLASH], env, n))
    add("python -c pass (interpreter floor)", *timed([PY, "-c", "pass"], env, n))
    add("python -c 'import gazetteer.cli'", *timed([PY, "-c", "import gazetteer.cli"], env, n))
    print(table(["command", "median ms", "min ms", "max ms", "peak RSS MB"], rows))

    # import-time offenders
    p = subprocess.run([PY, "-X", "importtime", "-c", "import gazetteer.cli"], capture_output=True, text=True, env=env)
    recs = []
    for line in p.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            recs.append((int(m.group(2)), int(m.group(1)), len(m.group(3)) // 2, m.group(4)))
    recs.sort(reverse=True)
    print("\n# python -X importtime -c 'import gazetteer.cli' — top 15 by cumulative µs")
    print(
        table(
            ["cumulative ms", "self ms", "depth", "module"],
            [[f"{c / 1000:.1f}", f"{s / 1000:.1f}", d, m] for c, s, d, m in recs[:15]],
        )
    )


if __name__ == "__main__":
    main()
