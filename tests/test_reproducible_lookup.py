"""Lookup gives the same answers in every run: nothing may depend on Python's hash seed
(the order of a set), or a batch coded today would not match the same batch tomorrow."""

from __future__ import annotations

import csv
import os
import random
import subprocess
import sys

from gazetteer.table import bundled_paths


def _misspelt_names(n: int) -> list[str]:
    with open(bundled_paths()[1], encoding="utf-8", newline="") as f:
        names = [r["variant"] for r in csv.DictReader(f)]
    rnd = random.Random(7)
    out = []
    for name in rnd.sample(names, n):
        if len(name) >= 6:  # one letter dropped: the loose readings (edits, skeleton) decide
            i = rnd.randrange(1, len(name) - 1)
            name = name[:i] + name[i + 1 :]
        out.append(name)
    return out


def test_lookup_answers_do_not_depend_on_the_hash_seed():
    stdin = ("\n".join(_misspelt_names(1500)) + "\n").encode("utf-8")
    runs = []
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run(
            [sys.executable, "-m", "gazetteer", "lookup", "--format", "jsonl", "--top", "3"],
            input=stdin,
            capture_output=True,
            env=env,
            check=False,
        )
        assert proc.returncode in (0, 1), proc.stderr.decode()
        runs.append(proc.stdout.decode("utf-8").splitlines())
    assert len(runs[0]) >= 1500  # up to three candidates a name
    for other in runs[1:]:
        assert len(other) == len(runs[0])
        assert [i for i, (a, b) in enumerate(zip(runs[0], other)) if a != b] == []
