#!/usr/bin/env python3
"""Batch lookup: N mixed-variant names piped through `gazetteer lookup --format jsonl`.

Names are sampled with a fixed seed from data/variants.csv and data/places.csv (all
scripts), plus inflected forms (Azerbaijani/Turkish case suffixes), typos (one
character dropped or two adjacent swapped) and non-place words.

    python bench/lookup_batch.py [--quick] [-n N] [--seed S] [--regenerate]

The names file (bench/corpus/lookup_names_N_SEED.txt) is made once and then reused, so
runs on different days read the same names (--regenerate makes it again from the table).
About two thirds of the names are distinct; after the run, the distinct names are counted
by who answers them: the compiled core (gazetteer._core.Lookup: a known key, a word with
an ending, a word the guards refuse) or the Python matcher. The machine's load average is printed with
the figures (other jobs on a shared machine slow every run): compare runs made back to back.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import CORPUS, GAZ, ROOT, machine, run_measured, table  # noqa: E402

SUFFIXES = [
    "da",
    "də",
    "dan",
    "dən",
    "'de",
    "'da",
    "'dan",
    "nın",
    "nin",
    "ın",
    "un",
    "a",
    "ə",
    "lı",
    "li",
    "ya",
    "yə",
    "'ye",
    "'nin",
    "dakı",
]
# issue 15: batch lookup at least 100,000 names a second, peak RSS at most 200 MB
TARGET_RATE = 100_000
TARGET_RSS_MB = 200
WORDS = (
    "the of and to in is was for on that with by as at from this have are not but had his "
    "they were been has their more one will would who said which also after about over "
    "government minister people year years week report police market water school bridge "
    "morning evening president meeting conflict agreement border road village river mountain "
    "weather football economy budget election parliament hospital airport station"
).split()


def build_names(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    variants = []
    with open(ROOT / "data" / "variants.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            variants.append(row["variant"])
    with open(ROOT / "data" / "places.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for k in ("name", "name_az", "name_ru", "name_hy"):
                if row.get(k):
                    variants.append(row[k])
    names = []
    for _ in range(n):
        r = rng.random()
        v = rng.choice(variants)
        if r < 0.50:  # plain variant, any script
            names.append(v)
        elif r < 0.70:  # inflected
            names.append(v + rng.choice(SUFFIXES))
        elif r < 0.85 and len(v) > 3:  # typo
            i = rng.randrange(len(v) - 1)
            if rng.random() < 0.5:
                names.append(v[:i] + v[i + 1 :])
            else:
                names.append(v[:i] + v[i + 1] + v[i] + v[i + 2 :])
        else:  # non-place word(s)
            names.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 2))))
    return [x.replace("\n", " ") for x in names]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("-n", type=int, default=None, help="names (default 100000, quick 10000)")
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--regenerate", action="store_true", help="make the names file again from the table")
    a = ap.parse_args()
    n = a.n or (10_000 if a.quick else 100_000)
    CORPUS.mkdir(exist_ok=True)
    path = CORPUS / f"lookup_names_{n}_{a.seed}.txt"
    if a.regenerate or not path.exists():
        path.write_text("\n".join(build_names(n, a.seed)) + "\n", encoding="utf-8")
    names = path.read_text(encoding="utf-8").split("\n")[:-1]
    out = CORPUS / "lookup_out.jsonl"
    print(f"# lookup_batch  ({machine()})  names={n} seed={a.seed}  file={path.name}")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "wb") as fo:
        dt, kb = run_measured([GAZ, "lookup", "--format", "jsonl"], stdin_path=str(path), stdout=fo)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the run (user + system): on a shared machine wall time also counts the others' jobs
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    recs = [json.loads(x) for x in open(out, encoding="utf-8")]
    matched = sum(1 for r in recs if r.get("id"))
    methods = {}
    for r in recs:
        methods[r.get("method")] = methods.get(r.get("method"), 0) + 1
    rate = n / dt
    print(
        table(
            [
                "tool",
                "names",
                "wall s",
                "names/s",
                "CPU s",
                "names/CPU s",
                "peak RSS MB",
                "records out",
                "matched",
                "target names/s",
                "target RSS",
            ],
            [
                [
                    "gazetteer lookup --format jsonl (stdin)",
                    n,
                    f"{dt:.2f}",
                    f"{rate:,.0f}",
                    f"{cpu:.2f}",
                    f"{n / cpu:,.0f}" if cpu > 0 else "-",
                    f"{kb / 1024:.0f}",
                    len(recs),
                    matched,
                    f">= {TARGET_RATE:,} " + ("MET" if rate >= TARGET_RATE else f"MISSED ({rate / TARGET_RATE:.0%})"),
                    f"<= {TARGET_RSS_MB} MB " + ("MET" if kb / 1024 <= TARGET_RSS_MB else "MISSED"),
                ]
            ],
        )
    )
    print("methods:", ", ".join(f"{k}={v}" for k, v in sorted(methods.items(), key=lambda x: -x[1])))
    print("distinct names answered by:", answered_by(names))


def answered_by(names: list[str]) -> str:
    """How many distinct names the compiled core decides (by its answer's first method, or
    "nothing"), and how many go to the Python matcher."""
    from gazetteer import Gazetteer
    from gazetteer.batch_lookup import compiled_lookup

    gz = Gazetteer.load()
    lookup = compiled_lookup(gz)
    if lookup is None:
        return "the Python matcher alone (the compiled core has no Lookup)"
    counts: dict[str, int] = {}
    left = []
    for name in dict.fromkeys(names):
        got = lookup.answer(name, 1)
        who = "python matcher" if got is None else f"compiled {got[0][2] if got else 'nothing'}"
        counts[who] = counts.get(who, 0) + 1
        if got is None:
            left.append(name)
    out = ", ".join(f"{k}={v}" for k, v in sorted(counts.items(), key=lambda x: -x[1]))
    return out + full_words(gz, lookup, left)


def full_words(gz, lookup, left: list[str]) -> str:
    """Of the names left to the matcher, how many its one-word full lookup reads in the
    crate in one call (``Matcher._full_word``: a word in Latin letters), asked as a batch
    asks; "" for a matcher without it."""
    m = gz.matcher
    own = getattr(m, "_full_word", None)
    if own is None:
        return ""
    answered = 0

    def counted(query: str, key: str):
        nonlocal answered
        got = own(query, key)
        answered += got is not None
        return got

    m.compiled, m._full_word = lookup, counted
    for name in left:
        m.undecided = name
        m.lookup(name)
    m.compiled = m.undecided = None
    del m._full_word
    return f" (the matcher's one-word full lookup in the crate: {answered} calls answered)"


if __name__ == "__main__":
    main()
