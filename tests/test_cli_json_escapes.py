"""The CLI's JSON Lines where the text needs escaping: the compiled writer (json_str, the
context cut from the window in one pass) writes what ``json.dumps`` writes of the same
records, with quotes, backslashes, C0 controls, runs of ASCII and Unicode whitespace
and words cut by the context window on both sides of a mention."""

from __future__ import annotations

import io
import json
import random

from gazetteer.documents import extract_stream
from gazetteer.review import MentionExtras

NAMES = ["Shusha", "Stepanakert", "Lachin", "Aghdam", "Goris", "Fuzuli"]
FILLERS = [
    "the",
    "road",
    'said "',
    '" near',
    "a\\b",
    "\\",
    '"',
    "x\x01y",
    "\x1f",
    "\x0b",
    "\x0c",
    "\t",
    "  ",
    "\u00a0",
    "\u2003\u2003",
    "\u3000",
    "\u0085",
    "Şəhər",
    "город",
    "extraordinarilylongwordthatthewindowcuts",
    "tab\there",
    "'quoted'",
]


def _text(seed: int, lines: int) -> str:
    rnd = random.Random(seed)
    out = []
    for _ in range(lines):
        words = [rnd.choice(FILLERS) for _ in range(rnd.randrange(2, 30))]
        for _ in range(rnd.randrange(1, 4)):
            words.insert(rnd.randrange(len(words) + 1), rnd.choice(NAMES))
        seps = [rnd.choice([" ", " ", " ", "", "  ", "\t", "\u00a0"]) for _ in words]
        out.append("".join(w + s for w, s in zip(words, seps)))
    return "\n".join(out) + "\n"


def test_extract_cli_escapes_contexts_and_texts_as_json_dumps_does(run_cli, gz, tmp_path):
    data = _text(15, 400).encode("utf-8")
    f = tmp_path / "escapes.txt"
    f.write_bytes(data)
    got = run_cli("extract", f, "--format", "jsonl", "-q")
    want = "".join(
        json.dumps(rec, ensure_ascii=False) + "\n"
        for rec in extract_stream(gz, io.BytesIO(data), path=str(f), extra=MentionExtras(gz, "en", 40))
    ).encode("utf-8")
    assert got.stdout.count(b"\n") > 400
    assert b"\\u0001" in got.stdout and b'\\"' in got.stdout and b"\\\\" in got.stdout
    assert got.stdout == want
