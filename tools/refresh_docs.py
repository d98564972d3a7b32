#!/usr/bin/env python3
"""Rewrite the output shown in the docs' ```console blocks with what the tool prints now.

tests/test_docs.py runs every ```console block of README.md and docs/*.md and fails when
the tool's output differs from the lines shown. After a change that alters output on
purpose (a new place, a moved coordinate), this script runs the same commands the same
way and writes the new output under each `$ gazetteer ...` line, so the docs show real
output again; then read `git diff docs README.md` before committing it.

A step whose shown output holds a `...` line (long output cut short) is not rewritten:
its differences are listed for a hand edit. `$ echo $?` lines are left as they are.

    python tools/refresh_docs.py [--check] [FILE.md ...]     (default: README.md docs/*.md)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_docs import DOCS, FENCE, _matches, _run, _steps  # noqa: E402  (one way to run a block)


def refresh_block(block: str, env: dict[str, str], where: str) -> tuple[str, list[str]]:
    """The block with each rewritable step's output replaced; and the steps left for a hand edit."""
    out: list[str] = []
    left: list[str] = []
    for command, expected in _steps(block):
        blank = 0  # blank lines after a step's output, kept as they are
        while expected and not expected[-1]:
            expected.pop()
            blank += 1
        out.append(f"$ {command}")
        if command == "echo $?":
            out.extend(expected)
        else:
            actual = [line.rstrip() for line in _run(command, env).stdout.splitlines()]
            if "..." in expected and not _matches(expected, actual):
                left.append(f"{where}: $ {command}")
            out.extend(expected if "..." in expected else actual)
        out.extend([""] * blank)
    return "\n".join(out) + "\n", left


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path, help="Markdown files (default: README.md and docs/*.md)")
    ap.add_argument("--check", action="store_true", help="list the blocks that would change; write nothing")
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "GAZETTEER_PLACES"}
    env["GAZETTEER_CACHE"] = tempfile.mkdtemp(prefix="gazetteer-docs-")
    env["PYTHONIOENCODING"] = "utf-8"
    changed, left = [], []
    for doc in [f.resolve() for f in args.files] or DOCS:
        text = doc.read_text(encoding="utf-8")
        pieces, at = [], 0
        for m in FENCE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            new, hand = refresh_block(m.group(1), env, f"{doc.relative_to(ROOT)}:{line}")
            left += hand
            if new != m.group(1):
                changed.append(f"{doc.relative_to(ROOT)}:{line}")
            pieces += [text[at : m.start(1)], new]
            at = m.end(1)
        pieces.append(text[at:])
        if not args.check:
            doc.write_text("".join(pieces), encoding="utf-8")
    for c in changed:
        print(f"{'would change' if args.check else 'rewritten'}: {c}")
    for h in left:
        print(f"cut short with '...', edit by hand: {h}", file=sys.stderr)
    return 1 if (args.check and changed) or left else 0


if __name__ == "__main__":
    raise SystemExit(main())
