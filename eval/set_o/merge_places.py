"""Build an eval directory that score.py can read for set_o: places_gold.tsv + places_extra.tsv merged.

score.py's load_places() reads only <eval-dir>/places_gold.tsv, and 21 gold keys of set_o live in
places_extra.tsv. Usage:
    python eval/set_o/merge_places.py /tmp/evo
    python ../shared/eval/score.py validate --split set_o --eval-dir /tmp/evo
"""

import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "..", "..", "..", "shared", "eval", "places_gold.tsv")


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/evo"
    gold = os.environ.get("PLACES_GOLD", GOLD)
    os.makedirs(out, exist_ok=True)
    rows = list(csv.DictReader(open(gold, encoding="utf-8"), delimiter="\t"))
    extra = list(csv.DictReader(open(os.path.join(HERE, "places_extra.tsv"), encoding="utf-8"), delimiter="\t"))
    cols = list(rows[0].keys())
    clash = {r["key"] for r in rows} & {r["key"] for r in extra}
    if clash:
        sys.exit(f"merge_places: keys in both files: {sorted(clash)}")
    with open(os.path.join(out, "places_gold.tsv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(cols)
        for r in rows + extra:
            w.writerow([r.get(c, "") for c in cols])
    link = os.path.join(out, "set_o")
    if not os.path.exists(link):
        os.symlink(HERE, link)
    print(f"{out}: {len(rows) + len(extra)} places; split set_o linked")


if __name__ == "__main__":
    main()
