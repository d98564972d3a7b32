#!/usr/bin/env python3
"""Instructions ``Gazetteer.extract`` spends per MB, counted by valgrind (cachegrind): a
figure that stays the same on a busy machine, where wall-clock MB/s do not (issue 15:
compare two builds back to back by instructions, not by time).

Each corpus is read by two fresh interpreters under cachegrind: one loads the index and
reads the lines, the other does the same and then extracts every line; the difference
is extract's. The first few MB of each corpus (``--mb``) are measured, as
bench/extract_throughput.py reads them: one line a call.

    python bench/extract_instructions.py [--mb 2] [--corpus FILE]...

Needs valgrind on PATH; the interpreter runs about fifty times slower under it. Run it
once before timing to build the cached index (its first run in a new cache counts that).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import CORPUS, PY, machine, table  # noqa: E402

DEFAULT_CORPORA = (CORPUS / "news_32MB_1993.txt", CORPUS / "news_real.txt")

# what each interpreter runs: argv[1] the corpus, argv[2] the MB read, argv[3] "x" to extract
_WORKER = """
import sys
from gazetteer import Gazetteer
gz = Gazetteer.load()
gz.extract("Shells hit Füzulidə.")  # the engine built before the lines are read
lines, size = [], 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        lines.append(line)
        size += len(line.encode("utf-8"))
        if size >= float(sys.argv[2]) * 1e6:
            break
if sys.argv[3] == "x":
    for line in lines:
        gz.extract(line)
print(size)
"""

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(corpus: Path, mb: float, extract: bool) -> tuple[int, int]:
    """(instructions, bytes read) of one interpreter under cachegrind."""
    cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    cmd += [PY, "-c", _WORKER, str(corpus), str(mb), "x" if extract else "-"]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    found = _REFS.search(done.stderr)
    if done.returncode != 0 or found is None:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"{corpus.name}: the run under valgrind failed ({tail})")
    return int(found.group(1).replace(",", "")), int(done.stdout.split()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=2.0, help="MB of each corpus to extract (default 2)")
    ap.add_argument("--corpus", type=Path, action="append", help="a corpus file (default: the two throughput corpora)")
    a = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: this benchmark counts instructions with cachegrind")
    corpora = a.corpus or list(DEFAULT_CORPORA)
    for c in corpora:
        if not c.is_file():
            raise SystemExit(f"{c}: no such corpus (bench/extract_throughput.py makes the 1993 one)")
    print(machine())
    rows = []
    for c in corpora:
        base, _ = instructions(c, a.mb, extract=False)
        total, size = instructions(c, a.mb, extract=True)
        spent = total - base
        rows.append([c.name, f"{size / 1e6:.2f}", f"{spent / 1e6:,.0f}", f"{spent / (size / 1e6) / 1e6:.1f}"])
    print(table(["corpus", "MB", "extract M instructions", "M instructions / MB"], rows))


if __name__ == "__main__":
    main()
