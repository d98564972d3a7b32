"""Score `normalise --naming` on eval/naming/naming.tsv: the share of sentences written as expected.

python eval/naming/run.py [naming.tsv]
"""

from __future__ import annotations

import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def rows(path: str = os.path.join(HERE, "naming.tsv")) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def main(argv: list[str]) -> int:
    from gazetteer import Gazetteer

    gz = Gazetteer.load()
    got = rows(*argv[1:2])
    ok = 0
    for r in got:
        out = gz.normalise(r["source"], naming=r["naming"])
        if out == r["expected"]:
            ok += 1
        else:
            print(f"{r['lang']}\t{r['naming']}\t{r['source']}\n  expected {r['expected']}\n  got      {out}")
    print(f"naming: {ok}/{len(got)} sentences as expected ({ok / max(len(got), 1):.3f})")
    return 0 if ok == len(got) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
