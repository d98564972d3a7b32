#!/usr/bin/env python3
"""Write crates/gazetteer-core/src/tables.rs: the data the compiled ``fold`` and ``tokens`` need
to give exactly what the Python reference gives.

Everything in the file comes from the running Python, so the compiled functions agree with
gazetteer.text.folding and gazetteer.text.tokens character for character:

- ``romanise``'s translation table and digraphs, read from the folding module itself;
- what folding does to each ASCII character at the end (kept and lowered, a separator, or
  deleted), read from the module's own separator and non-word regexes;
- unidecode's transliteration of every code point from U+0080 to U+EFFFF (unidecode works
  one code point at a time, so a per-code-point table is all of it);
- which code points Python's ``unicodedata`` does not know (category Cn): the Rust side uses
  newer Unicode data (std's case mapping, the unicode-normalization crate), and treats these
  as Python does, as characters with no case, no decomposition and combining class 0;
- ``str.isalnum()`` as ranges (the ``[^\\W_]`` of the word regex);
- ``str.isupper()``, ``str.islower()`` and ``str.isdigit()`` of one character as ranges (how
  ``tokens.camel_words`` cuts a hashtag).

Run it after changing folding's tables, upgrading unidecode or moving to a Python with a
different Unicode version; tests/test_core.py fails while the committed file is stale.

    python tools/make_core_tables.py          # rewrite the file
    python tools/make_core_tables.py --check  # exit 1 if it is not current
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

import unidecode

from gazetteer.text import folding
from gazetteer.text.tokens import APOSTROPHES

OUT = Path(__file__).resolve().parent.parent / "crates" / "gazetteer-core" / "src" / "tables.rs"
UNIDECODE_END = 0xF0000  # unidecode has no data at or above U+F0000


def _rust_str(s: str) -> str:
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= ord(ch) < 0x7F:
            out.append(ch)
        else:
            out.append(f"\\u{{{ord(ch):x}}}")
    return '"' + "".join(out) + '"'


def _ranges(pred) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    start = None
    for cp in range(0x110000 + 1):
        hit = cp < 0x110000 and pred(cp)
        if hit and start is None:
            start = cp
        elif not hit and start is not None:
            ranges.append((start, cp - 1))
            start = None
    return ranges


def _numbers(values, per_line: int = 16, fmt=str) -> str:
    values = list(values)
    lines = []
    for i in range(0, len(values), per_line):
        lines.append("    " + ", ".join(fmt(v) for v in values[i : i + per_line]) + ",")
    return "\n".join(lines)


def _unidecode_tables() -> tuple[list[int], list[int], str]:
    """Pages of 256 code points: page index per section (0 = no data), offsets, text."""
    section_page = [0] * (UNIDECODE_END >> 8)
    offsets: list[int] = []
    text: list[str] = []
    size = 0
    for section in range(0x00, UNIDECODE_END >> 8):
        outs = []
        for pos in range(256):
            cp = (section << 8) | pos
            if cp < 0x80 or 0xD800 <= cp <= 0xDFFF:
                outs.append("")  # ASCII is passed through in Rust; surrogates never reach it
                continue
            out = unidecode.unidecode(chr(cp))
            if not out.isascii():
                raise SystemExit(f"unidecode(U+{cp:04X}) = {out!r} is not ASCII")
            outs.append(out)
        if section > 0 and not any(outs):
            continue
        section_page[section] = len(offsets) // 257 + 1
        for out in outs:
            offsets.append(size)
            text.append(out)
            size += len(out)
        offsets.append(size)
    return section_page, offsets, "".join(text)


def _ascii_finish(lowered: bool) -> list[int]:
    """What the end of fold makes of each ASCII character: 0 deletes it, else the byte.

    ``lowered``: the text was lowered (and translated) on the way, as on every path but one:
    when NFKD leaves ASCII (ᴬ -> A, № -> No), fold goes on without lower(), and the
    non-word pattern deletes the capitals.
    """
    table = []
    for cp in range(128):
        ch = chr(cp).lower().translate(folding._TRANSLATE) if lowered else chr(cp)
        if not ch:
            table.append(0)
        elif folding._SEPARATORS.fullmatch(ch):
            table.append(ord(" "))
        elif folding._NON_WORD.fullmatch(ch):
            table.append(0)
        else:
            table.append(ord(ch))
    return table


def render() -> str:
    # surrogates are handled by the bindings; check here that unidecode drops them, as assumed
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert all(unidecode.unidecode(chr(cp)) == "" for cp in range(0xD800, 0xE000))
    translate = sorted((cp, out or "") for cp, out in folding._TRANSLATE.items())
    unassigned = _ranges(lambda cp: unicodedata.category(chr(cp)) == "Cn")
    alnum = _ranges(lambda cp: chr(cp).isalnum())
    upper = _ranges(lambda cp: chr(cp).isupper())
    lower = _ranges(lambda cp: chr(cp).islower())
    digit = _ranges(lambda cp: chr(cp).isdigit())
    pages, offsets, text = _unidecode_tables()
    text_lines = []
    for i in range(0, len(text), 100):
        text_lines.append(_rust_str(text[i : i + 100])[1:-1])
    parts = [
        "// @generated by tools/make_core_tables.py: do not edit; run it again instead.",
        f"// From unicodedata {unicodedata.unidata_version} and unidecode {_unidecode_version()}.",
        "",
        "/// Unicode version of the Python `unicodedata` these tables were made with.",
        f'pub const PYTHON_UNICODE_VERSION: &str = "{unicodedata.unidata_version}";',
        "",
        '/// `folding._TRANSLATE` (romanise\'s one-character mappings), sorted; "" deletes.',
        "pub static TRANSLATE: &[(char, &str)] = &[",
        *(f"    ('\\u{{{cp:x}}}', {_rust_str(out)})," for cp, out in translate),
        "];",
        "",
        "/// `folding._DIGRAPHS`, applied in this order before the table.",
        "pub static DIGRAPHS: &[(&str, &str)] = &[",
        *(f"    ({_rust_str(a)}, {_rust_str(b)})," for a, b in folding._DIGRAPHS),
        "];",
        "",
        "/// The apostrophes that join two runs of letters into one word (`gazetteer.text.tokens`).",
        f"pub const WORD_APOSTROPHES: &str = {_rust_str(APOSTROPHES)};",
        "",
        "/// The end of fold per ASCII character of lowered text: 0 deletes it, b' ' separates, else the byte.",
        "pub static ASCII_FINISH: [u8; 128] = [",
        _numbers(_ascii_finish(True)),
        "];",
        "",
        "/// The same for text that was not lowered (ASCII left by NFKD and romanise): capitals go.",
        "pub static ASCII_FINISH_UNLOWERED: [u8; 128] = [",
        _numbers(_ascii_finish(False)),
        "];",
        "",
        "/// Code point ranges (inclusive) Python's unicodedata does not know (category Cn).",
        "pub static PY_UNASSIGNED: &[(u32, u32)] = &[",
        _numbers(unassigned, 6, lambda r: f"(0x{r[0]:x}, 0x{r[1]:x})"),
        "];",
        "",
        "/// Code point ranges (inclusive) where Python's `str.isalnum()` is true.",
        "pub static PY_ALNUM: &[(u32, u32)] = &[",
        _numbers(alnum, 6, lambda r: f"(0x{r[0]:x}, 0x{r[1]:x})"),
        "];",
        "",
        "/// Code point ranges (inclusive) where Python's `str.isupper()` of the character is true.",
        "pub static PY_UPPER: &[(u32, u32)] = &[",
        _numbers(upper, 6, lambda r: f"(0x{r[0]:x}, 0x{r[1]:x})"),
        "];",
        "",
        "/// Code point ranges (inclusive) where Python's `str.islower()` of the character is true.",
        "pub static PY_LOWER: &[(u32, u32)] = &[",
        _numbers(lower, 6, lambda r: f"(0x{r[0]:x}, 0x{r[1]:x})"),
        "];",
        "",
        "/// Code point ranges (inclusive) where Python's `str.isdigit()` of the character is true.",
        "pub static PY_DIGIT: &[(u32, u32)] = &[",
        _numbers(digit, 6, lambda r: f"(0x{r[0]:x}, 0x{r[1]:x})"),
        "];",
        "",
        "/// unidecode: page (1-based, 0 = nothing) of each 256-code-point section below U+F0000.",
        f"pub static UNIDECODE_PAGE: [u16; {len(pages)}] = [",
        _numbers(pages, 24),
        "];",
        "",
        "/// unidecode: 257 offsets into `UNIDECODE_TEXT` per page (code point i is [i, i+1)).",
        "pub static UNIDECODE_OFFSETS: &[u32] = &[",
        _numbers(offsets, 16),
        "];",
        "",
        "/// unidecode: the transliterations, concatenated.",
        "pub static UNIDECODE_TEXT: &str = concat!(",
        *(f'    "{line}",' for line in text_lines),
        ");",
        "",
    ]
    return "\n".join(parts)


def _unidecode_version() -> str:
    from importlib.metadata import version

    return version("Unidecode")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed file is not current")
    args = ap.parse_args(argv)
    text = render()
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is not current: run python tools/make_core_tables.py", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
