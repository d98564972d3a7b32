#!/usr/bin/env python3
"""Typo lookup benchmark: realistic misspellings of village and town names, made from the table.

For a fixed (seeded) sample of villages and towns of Azerbaijan and Armenia, weighted to the
conflict region and to Armenia's Syunik, Tavush, Gegharkunik and Vayots Dzor, every name the
table holds in each script (English, Azerbaijani, Russian, Armenian) is misspelt the ways
people misspell: a dropped letter, a doubled letter, two adjacent letters swapped, a keyboard
neighbour for a letter, a diacritic lost or wrong (ə→e/a, ı→i, ş→s, ç→c, ğ→g, ö→o, ü→u,
x→kh/h), Cyrillic ы/и, е/э, о/а, Armenian ո/օ, է/ե, and two edits for names of 8+ letters.
A typo that is itself the exact name of some place is skipped (it is no typo then).

The typos are looked up through `gazetteer lookup --format jsonl` (many names on stdin: the
batch path) and through the API (`Gazetteer.lookup`); each answer counts as right (the
place or one within 5 km), wrong (another place) or nothing, per typo kind and per script.
A negative list (common words and given names of gazetteer/lang/*/, each with one edit) gives
the false-resolution rate: the share of those that resolve to any place.

    python bench/typo_lookup.py [-n 1500] [--seed 13] [--no-api] [--no-cli] [--show KIND]

This is a benchmark, not a test: it prints figures to compare before and after a change.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from typing import NamedTuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import GAZ, ROOT, machine  # noqa: E402

REGION = {
    "aghdam_district",
    "fuzuli_district",
    "jabrayil_district",
    "zangilan_district",
    "qubadli_district",
    "lachin_district",
    "kalbajar_district",
    "khojavend_district",
    "khojaly_district",
    "shusha_district",
    "terter_district",
    "syunik_province",
    "tavush_province",
    "gegarkunik_province",
    "vayots_dzor_province",
}
SCRIPTS = {"name": "en", "name_az": "az", "name_ru": "ru", "name_hy": "hy"}

# keyboard neighbours (QWERTY for Latin, ЙЦУКЕН for Cyrillic, the Armenian phonetic layout)
_ROWS = {
    "latn": ["qwertyuiop", "asdfghjkl", "zxcvbnm"],
    "cyrl": ["йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"],
    "armn": ["քոեռտըւիօպ", "ասդֆգհյկլ", "զղցվբնմ"],
}


def _neighbours() -> dict[str, str]:
    near: dict[str, str] = {}
    for rows in _ROWS.values():
        for r, row in enumerate(rows):
            for c, ch in enumerate(row):
                out = []
                for dr in (-1, 0, 1):
                    rr = r + dr
                    if 0 <= rr < len(rows):
                        for dc in (-1, 0, 1) if dr == 0 else (0, 1) if dr < 0 else (-1, 0):
                            cc = c + dc
                            if (dr, dc) != (0, 0) and 0 <= cc < len(rows[rr]):
                                out.append(rows[rr][cc])
                near[ch] = "".join(out)
    return near


NEAR = _neighbours()
# a diacritic lost or wrong, a letter of the other script's habit (one reading each)
SWAPS = {
    "ə": ["e", "a"],
    "ı": ["i"],
    "ş": ["s", "sh"],
    "ç": ["c", "ch"],
    "ğ": ["g", "gh"],
    "ö": ["o"],
    "ü": ["u"],
    "x": ["kh", "h"],
    "i": ["ı"],
    "e": ["ə"],
    "ы": ["и"],
    "и": ["ы"],
    "е": ["э"],
    "э": ["е"],
    "о": ["а"],
    "а": ["о"],
    "ё": ["е"],
    "ո": ["օ"],
    "օ": ["ո"],
    "է": ["ե"],
    "ե": ["է"],
}
KINDS = ("drop", "double", "swap", "neighbour", "diacritic", "two_edits")


class Case(NamedTuple):
    query: str
    name: str
    place: str
    lat: float
    lon: float
    script: str
    kind: str


def _letters(s: str) -> list[int]:
    return [i for i, ch in enumerate(s) if ch.isalpha()]


def _apply(kind: str, name: str, rng: random.Random) -> str | None:
    """One typo of ``kind`` made in name (None when name has no place for it)."""
    pos = _letters(name)
    inner = [i for i in pos if i > 0]  # people rarely miss the first letter
    if not inner:
        return None
    if kind == "drop":
        i = rng.choice(inner)
        return name[:i] + name[i + 1 :]
    if kind == "double":
        i = rng.choice(pos)
        return name[: i + 1] + name[i] + name[i + 1 :]
    if kind == "swap":
        pairs = [i for i in inner if i + 1 < len(name) and name[i + 1].isalpha() and name[i] != name[i + 1]]
        if not pairs:
            return None
        i = rng.choice(pairs)
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if kind == "neighbour":
        opts = [i for i in inner if NEAR.get(name[i].lower())]
        if not opts:
            return None
        i = rng.choice(opts)
        return name[:i] + rng.choice(NEAR[name[i].lower()]) + name[i + 1 :]
    if kind == "diacritic":
        opts = [i for i in pos if name[i].lower() in SWAPS]
        if not opts:
            return None
        i = rng.choice(opts)
        rep = rng.choice(SWAPS[name[i].lower()])
        if name[i].isupper():
            rep = rep[0].upper() + rep[1:]
        return name[:i] + rep + name[i + 1 :]
    if kind == "two_edits":
        if len(pos) < 8:
            return None
        first = _apply(rng.choice(KINDS[:5]), name, rng)
        return _apply(rng.choice(KINDS[:5]), first, rng) if first else None
    raise ValueError(kind)


def _key(s: str) -> str:
    return unicodedata.normalize("NFC", s).casefold()


def load_table() -> tuple[list[dict], set[str]]:
    with open(ROOT / "data" / "places.csv", encoding="utf-8", newline="") as f:
        places = list(csv.DictReader(f))
    known = set()
    for p in places:
        for k in SCRIPTS:
            if p.get(k):
                known.add(_key(p[k]))
    with open(ROOT / "data" / "variants.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            known.add(_key(row["variant"]))
    return places, known


def make_cases(n: int, seed: int, places: list[dict], known: set[str]) -> list[Case]:
    rng = random.Random(seed)
    pool = [p for p in places if p["country"] in ("AZ", "AM") and p["kind"] in ("village", "town")]
    weights = [4.0 if p["parent"] in REGION else 1.0 for p in pool]
    chosen: dict[str, dict] = {}
    while len(chosen) < min(n, len(pool)):
        p = rng.choices(pool, weights)[0]
        chosen[p["id"]] = p
    cases = []
    for p in sorted(chosen.values(), key=lambda p: p["id"]):
        for col, script in SCRIPTS.items():
            name = p.get(col)
            if not name or len(_letters(name)) < 4:
                continue
            for kind in KINDS:
                typo = _apply(kind, name, rng)
                if typo is None or typo == name or _key(typo) in known:
                    continue
                cases.append(Case(typo, name, p["id"], float(p["lat"]), float(p["lon"]), script, kind))
    return cases


def make_negatives(seed: int, known: set[str], limit: int = 3000) -> list[str]:
    rng = random.Random(seed + 1)
    words = set()
    lang = ROOT / "gazetteer" / "lang"
    for path in sorted(lang.glob("*/*.txt")):
        if path.name in ("common_words.txt", "function_words.txt", "given_names.txt", "name_words.txt"):
            for line in path.read_text(encoding="utf-8").splitlines():
                w = line.split("\t")[0].strip()
                if len(w) >= 5 and w.isalpha() and _key(w) not in known:
                    words.add(w[0].upper() + w[1:])
    out = []
    for w in sorted(words):
        typo = _apply(rng.choice(KINDS[:5]), w, rng)
        if typo and _key(typo) not in known:
            out.append(typo)
    rng.shuffle(out)
    return out[:limit]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


def _name_of(c: Case) -> str:
    return c.name


def verdict(case: Case, pid: str | None, lat, lon) -> str:
    if not pid:
        return "nothing"
    if pid == case.place or (lat is not None and _km(case.lat, case.lon, lat, lon) <= 5):
        return "right"
    return "wrong"


def run_cli(queries: list[str]) -> list[tuple]:
    env = dict(os.environ)
    out = subprocess.run(
        [GAZ, "lookup", "--format", "jsonl"],
        input="\n".join(queries) + "\n",
        capture_output=True,
        text=True,
        env=env,
    )
    if out.returncode not in (0, 1):
        sys.exit(f"gazetteer lookup failed: {out.stderr.strip()[-300:]}")
    recs = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    if len(recs) != len(queries):
        sys.exit(f"gazetteer lookup answered {len(recs)} of {len(queries)} names")
    return [(r.get("id"), r.get("lat"), r.get("lon"), r.get("method")) for r in recs]


def run_api(queries: list[str]) -> list[tuple]:
    sys.path.insert(0, str(ROOT))
    from gazetteer import Gazetteer

    g = Gazetteer.load()
    res = []
    for q in queries:
        m = g.lookup(q)
        res.append((m.id, m.lat, m.lon, m.method) if m else (None, None, None, None))
    return res


def report(label: str, cases: list[Case], answers: list[tuple], negs: list[str], neg_answers: list[tuple], show: str):
    tally: dict[tuple[str, str], Counter] = defaultdict(Counter)
    shown = 0
    for c, (pid, lat, lon, method) in zip(cases, answers):
        v = verdict(c, pid, lat, lon)
        tally[c.kind, c.script][v] += 1
        tally[c.kind, "all"][v] += 1
        tally["all", c.script][v] += 1
        tally["all", "all"][v] += 1
        if show and (show == c.kind or show == "all") and v != "right" and shown < 40:
            print(f"  {v:7} {c.kind:9} {c.script} {c.query!r} -> {pid} ({method}); want {c.place}")
            shown += 1
    print(f"\n== {label}: right / wrong / nothing (share of typos)")
    print(f"{'kind':10} " + " ".join(f"{s:>22}" for s in (*SCRIPTS.values(), "all")))
    for kind in (*KINDS, "all"):
        cells = []
        for s in (*SCRIPTS.values(), "all"):
            t = tally.get((kind, s), Counter())
            n = sum(t.values())
            cells.append(
                f"{t['right'] / n:.3f}/{t['wrong'] / n:.3f}/{t['nothing'] / n:.3f}" + f" {n:>4}" if n else " " * 22
            )
        print(f"{kind:10} " + " ".join(f"{c:>22}" for c in cells))
    false = [(q, a) for q, a in zip(negs, neg_answers) if a[0]]
    print(f"negatives: {len(false)}/{len(negs)} resolved = {len(false) / max(1, len(negs)):.4f}")
    if show:
        for q, a in false[:30]:
            print(f"  neg {q!r} -> {a[0]} ({a[3]})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=1500, help="villages and towns sampled")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-api", action="store_true")
    ap.add_argument("--no-cli", action="store_true")
    ap.add_argument("--show", default="", help="print misses of this typo kind (or 'all')")
    ap.add_argument("--dump", help="write the CLI answers (query, id, verdict) here")
    args = ap.parse_args()
    places, known = load_table()
    cases = make_cases(args.n, args.seed, places, known)
    negs = make_negatives(args.seed, known)
    print(machine())
    print(f"{len(cases)} typos of {args.n} places, {len(negs)} negative words")
    # a typo can only be judged when the name as written finds its place: keep those names
    names = sorted({_name_of(c) for c in cases})
    exact = dict(zip(names, run_cli(names)))
    kept = [c for c in cases if verdict(c, *exact[_name_of(c)][:3]) == "right"]
    print(f"{len(kept)} typos kept of {len(cases)} (their name as written finds the place)")
    cases = kept
    queries = [c.query for c in cases]
    if not args.no_cli:
        ans = run_cli(queries + negs)
        report("CLI batch", cases, ans[: len(cases)], negs, ans[len(cases) :], args.show)
        if args.dump:
            with open(args.dump, "w", encoding="utf-8") as f:
                for c, a in zip(cases, ans):
                    f.write(f"{c.query}\t{a[0]}\t{verdict(c, *a[:3])}\t{a[3]}\n")
                for q, a in zip(negs, ans[len(cases) :]):
                    f.write(f"{q}\t{a[0]}\tneg\t{a[3]}\n")
    if not args.no_api:
        ans = run_api(queries + negs)
        report("API Gazetteer.lookup", cases, ans[: len(cases)], negs, ans[len(cases) :], "")


if __name__ == "__main__":
    main()
