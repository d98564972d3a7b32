#!/usr/bin/env python3
"""Fuzz extract and normalise with random bytes for a bounded time.

Checks on every input: nothing raises but the documented BinaryFile refusal;
each extracted span slices to its text, in code points and in bytes;
normalise keeps every byte outside the replaced spans; normalising the
output again changes nothing. A failing input is printed as a Python bytes
literal, to become a regression test in tests/test_fuzz_regressions.py.

    python bench/fuzz.py --seconds 120
"""

from __future__ import annotations

import argparse
import io
import sys
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer
from gazetteer.documents import extract_stream, normalise_stream
from gazetteer.textio import NotText

NAMES = [
    "Cəbrayıl",
    "Füzulidə",
    "Джебраил",
    "в Гадруте",
    "Stepanakert",
    "Hadrut'a",
    "Gabriel region",
    "ganja",
    "Nagorno-Karabakh",
    "Şuşaya",
    "Xankəndiyə",
    "Физулинского района",
    "AGDAM",
    "Ağdam",
    "Ստեփանակերտ",
    # words the context rules look at: lists, cues, football, poets, quotes, organisations
    "сёлах",
    " и ",
    " və ",
    ", ",
    "kəndlərində",
    "villages of",
    "south of",
    "Araz çayında",
    "Araza",
    "Arazın",
    "football match",
    "2-0",
    "league",
    '"Qarabağ"',
    "«",
    "»",
    "poem by",
    "газели",
    "şair",
    "New ",
    "Bank",
    "FK'nın",
    "Ministry",
    "National Carpet Museum",
    "BAKÜ - ",
    "in ganja, sumgait",
    "Moskvadan",
    "Orta Koridor",
    "Bakunin",
    "the",
]
PIECES = st.one_of(
    st.binary(max_size=40),
    st.sampled_from([n.encode() for n in NAMES]),
    st.sampled_from([b"\n", b"\r\n", b"\r", b" ", b"\t", b"\xff", b"\xc3", b"\xef\xbb\xbf", b"'", b"-", b"\x00"]),
    st.text(max_size=30).map(lambda t: t.encode("utf-8", "surrogatepass")),
)
DOCS = st.lists(PIECES, max_size=60).map(b"".join)


def check(gz: Gazetteer, data: bytes, block: int, naming: str = "en") -> None:
    try:
        records = list(extract_stream(gz, io.BytesIO(data), block=block))
    except NotText:  # the documented refusal: binary, or not valid UTF-16/32
        return
    text = data.decode("utf-8", "surrogateescape")
    for r in records:
        assert text[r["start"] : r["end"]] == r["text"], r
        raw = data[r["byte_start"] : r["byte_end"]].decode("utf-8", "surrogateescape")
        assert raw == r["text"], r
    out = io.BytesIO()
    changes: list = []
    normalise_stream(gz, io.BytesIO(data), out, changes=changes, block=block, naming=naming)
    new = out.getvalue().decode("utf-8", "surrogateescape")
    # rebuild the original from the output and the changes: everything else must be identical
    rebuilt, pos_new, pos_old = [], 0, 0
    for c in changes:
        keep = c.start - pos_old
        rebuilt.append(new[pos_new : pos_new + keep])
        assert new[pos_new + keep : pos_new + keep + len(c.new)] == c.new, c
        rebuilt.append(c.old)
        pos_new += keep + len(c.new)
        pos_old = c.end
    rebuilt.append(new[pos_new:])
    assert "".join(rebuilt) == text
    again = io.BytesIO()
    normalise_stream(gz, io.BytesIO(out.getvalue()), again, block=block, naming=naming)
    assert again.getvalue() == out.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument(
        "--naming", action="append", choices=("en", "az", "ru", "hy"), help="default: en; repeat for several"
    )
    args = ap.parse_args()
    gz = Gazetteer.load()
    gz.mentions("warm up Baku")
    deadline = time.monotonic() + args.seconds
    counts = {"inputs": 0, "bytes": 0}

    @settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(DOCS, st.sampled_from([7, 64, 1 << 20]), st.sampled_from(args.naming or ["en"]))
    def run(data: bytes, block: int, naming: str) -> None:
        counts["inputs"] += 1
        counts["bytes"] += len(data)
        try:
            check(gz, data, block, naming)
        except Exception:
            print(f"FAILED on block={block} naming={naming} data={data!r}", file=sys.stderr)
            raise

    start = time.monotonic()
    try:
        while time.monotonic() < deadline:
            run()  # each round draws new random inputs
    except Exception as exc:  # hypothesis shrinks first, then re-raises
        print(f"fuzz: failure after {counts['inputs']} inputs: {type(exc).__name__}: {exc}")
        return 1
    took = time.monotonic() - start
    print(f"fuzz: {counts['inputs']} inputs, {counts['bytes']} bytes in {took:.0f} s, 0 failures, 0 bytes lost")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
