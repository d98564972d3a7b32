#!/usr/bin/env python3
"""Score `gazetteer normalise --naming N` on a cases.tsv (naming, source, expected).

Each source sentence is normalised alone (one process per case, as a user would pipe
one sentence); a case passes when the output equals `expected` exactly.

    python eval/score_naming.py eval/naming_fresh/cases.tsv [--errors FILE]
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases")
    ap.add_argument("--errors", help="write the failing cases (TSV) here")
    ap.add_argument("--cmd", default="gazetteer normalise", help="the command (default: gazetteer normalise)")
    args = ap.parse_args()
    with open(args.cases, encoding="utf-8", newline="") as f:
        cases = list(csv.DictReader(f, delimiter="\t"))
    failed = []
    by_naming: dict[str, list[int]] = {}
    for case in cases:
        proc = subprocess.run(
            [*args.cmd.split(), "--naming", case["naming"], "-"],
            input=case["source"].encode("utf-8"),
            capture_output=True,
            timeout=120,
        )
        got = proc.stdout.decode("utf-8", "replace")
        ok = proc.returncode == 0 and got == case["expected"]
        by_naming.setdefault(case["naming"], [0, 0])[0] += ok
        by_naming[case["naming"]][1] += 1
        if not ok:
            failed.append((case["naming"], case["source"], case["expected"], got))
    if args.errors:
        with open(args.errors, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter="\t")
            w.writerow(["naming", "source", "expected", "got"])
            w.writerows(failed)
    for naming, (ok, n) in sorted(by_naming.items()):
        print(f"  {naming}: {ok}/{n}")
    total = sum(n for _, n in by_naming.values())
    print(f"naming exact={(total - len(failed)) / total:.3f} ({total - len(failed)}/{total})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
