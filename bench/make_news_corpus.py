#!/usr/bin/env python3
"""Build a plain-text corpus of real English news for the throughput benchmarks.

The generated corpus of ``_corpus.py`` is as dense in place names of the region as the
news the tool is for; real general news is far sparser in them and far richer in
vocabulary, so both are measured. Sources (neither is committed: read them where
you have them):

- Reuters-21578 (Lewis, 1997; 21,578 Reuters newswire stories of 1987; research use):
  the ``reut2-*.sgm`` files. Title, dateline line and body paragraphs are kept.
- The BBC news dataset (Greene and Cunningham, ICML 2006; 2,225 BBC News articles of
  2004-2005): folders of ``NNN.txt`` files, one article each.

One paragraph a line, UTF-8, in the order given::

    python bench/make_news_corpus.py PATH... [-o bench/corpus/news_real.txt]

PATH is a ``.sgm`` file, a ``.txt`` file, or a folder searched for both.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

_STORY = re.compile(r"<TEXT[^>]*>(.*?)</TEXT>", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_PARAGRAPH_BREAK = re.compile(r"\n\s{3,}|\n\s*\n")


def reuters_paragraphs(path: Path):
    """Paragraphs of the stories of one Reuters-21578 SGML file (Latin-1, entities)."""
    raw = path.read_text(encoding="latin-1")
    for story in _STORY.finditer(raw):
        text = story.group(1)
        title = _TITLE.search(text)
        if title:
            yield " ".join(html.unescape(title.group(1)).split())
        body = _BODY.search(text)
        if body:
            for para in _PARAGRAPH_BREAK.split(html.unescape(body.group(1)).replace("\x03", "")):
                para = " ".join(para.split())
                if para:
                    yield para


def article_paragraphs(path: Path):
    """Paragraphs of one article in plain text (the BBC dataset: title, blank line, body)."""
    for para in path.read_text(encoding="utf-8", errors="replace").split("\n"):
        para = " ".join(para.split())
        if para:
            yield para


def sources(paths: list[Path]):
    for p in paths:
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*") if q.suffix in (".sgm", ".txt") and q.is_file())
        else:
            yield p


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("-o", "--output", type=Path, default=Path(__file__).parent / "corpus" / "news_real.txt")
    a = ap.parse_args(argv)
    a.output.parent.mkdir(parents=True, exist_ok=True)
    n_files = n_paras = n_bytes = 0
    with open(a.output, "w", encoding="utf-8", newline="\n") as out:
        for path in sources(a.paths):
            paras = reuters_paragraphs(path) if path.suffix == ".sgm" else article_paragraphs(path)
            n_files += 1
            for para in paras:
                line = para + "\n"
                out.write(line)
                n_paras += 1
                n_bytes += len(line.encode("utf-8"))
    if not n_paras:
        print("make_news_corpus: no paragraphs found", file=sys.stderr)
        return 1
    print(f"{a.output}: {n_bytes / 1e6:.1f} MB, {n_paras} paragraphs from {n_files} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
