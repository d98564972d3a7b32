"""Reading and rewriting text files without losing a byte.

Files are decoded in blocks with ``surrogateescape`` (bytes that are not valid
UTF-8 survive as lone surrogates and are written back unchanged), and cut at
line ends, so memory does not grow with file size and no mention is split.
Line ends, BOMs and trailing spaces are ordinary characters here: whatever is
outside a replaced span is written back exactly as read.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = [
    "NotText",
    "BLOCK",
    "detect_encoding",
    "error_handler",
    "iter_pieces",
    "atomic_writer",
    "walk",
    "DEFAULT_GLOBS",
    "looks_binary",
]

BLOCK = 1 << 20  # bytes read at a time
PIECE = 256 << 10  # characters scanned together (the context of one-sense and lists)
MAX_PIECE = 8 << 20  # a "line" longer than this is cut at a space instead
DEFAULT_GLOBS = ("*.txt", "*.md", "*.text", "*.csv", "*.tsv", "*.json", "*.jsonl", "*.html", "*.xml", "*.srt")


class NotText(ValueError):
    """The input cannot be read as text in the encoding it declares or was given."""


def detect_encoding(head: bytes, requested: str | None = None) -> str:
    """utf-8 unless told otherwise or a UTF-16/32 BOM says so."""
    if requested:
        name = codecs.lookup(requested).name  # raises LookupError for unknown names
        # Codecs that strip and re-add a BOM would add one to every piece written back and
        # count it in every byte offset: take their explicit forms, so that a BOM stays a
        # character of the text, as it does when the encoding is detected.
        if name == "utf-8-sig":
            return "utf-8"
        if name in ("utf-16", "utf-32"):
            bom_be = codecs.BOM_UTF16_BE if name == "utf-16" else codecs.BOM_UTF32_BE
            return f"{name}-be" if head.startswith(bom_be) else f"{name}-le"
        return requested
    # Explicit byte order, so that the BOM stays a character of the text and is
    # written back as it was (the plain "utf-16" codec strips and re-adds it).
    if head.startswith(codecs.BOM_UTF32_LE):
        return "utf-32-le"
    if head.startswith(codecs.BOM_UTF32_BE):
        return "utf-32-be"
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    return "utf-8"


def error_handler(encoding: str) -> str:
    """surrogateescape keeps invalid bytes of ASCII-compatible encodings; UTF-16/32 cannot."""
    return "surrogatepass" if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")) else "surrogateescape"


def looks_binary(head: bytes, encoding: str) -> bool:
    """NUL bytes in UTF-8 text mean an image, an archive or a database."""
    return encoding == "utf-8" and b"\x00" in head[:8192]


def iter_pieces(stream: IO[bytes], encoding: str = "utf-8", block: int = BLOCK) -> Iterator[str]:
    """Decoded text in pieces of about PIECE characters that end at a line end.

    Boundaries depend on the text only (the first line end at or after PIECE
    characters), never on how the stream was read, so results are the same
    for any block size; a text shorter than PIECE is one piece, so the whole
    article is the scanner's context.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors=error_handler(encoding))
    pending = ""
    offset = 0
    while True:
        data = stream.read(block)
        final = not data
        try:
            pending += decoder.decode(data, final=final)
        except UnicodeDecodeError as exc:
            # only UTF-16/32 get here (UTF-8 keeps bad bytes through surrogateescape)
            raise NotText(f"not valid {encoding} text near byte {offset + exc.start}; use --encoding") from None
        offset += len(data)
        while len(pending) > PIECE:
            cut = _line_end_after(pending, PIECE)
            if cut < 0:
                if len(pending) < MAX_PIECE:
                    break  # wait for the line to end
                cut = pending.find(" ", MAX_PIECE - PIECE // 2)
                cut = cut + 1 if cut >= 0 else MAX_PIECE
            yield pending[:cut]
            pending = pending[cut:]
        if final:
            if pending:
                yield pending
            return


def _line_end_after(text: str, start: int) -> int:
    """Index just after the first line end at or after ``start`` (CRLF kept whole), or -1."""
    n = text.find("\n", start)
    r = text.find("\r", start)
    if r >= 0 and (n < 0 or r < n):
        if r + 1 >= len(text):
            return -1  # a CR at the very end may be half of a CRLF
        return r + 2 if text[r + 1] == "\n" else r + 1
    return n + 1 if n >= 0 else -1


class atomic_writer:
    """Write to a temporary file beside ``target``; rename over it only on success.

    Ctrl-C, a full disk or a crash leave the old file (or no file) in place,
    never a half-written one.
    """

    def __init__(self, target: Path, backup: str | None = None):
        self.target = Path(target)
        self.backup = backup
        self.fh: IO[bytes] | None = None
        self.tmp = ""

    def __enter__(self) -> IO[bytes]:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
        self.fh = os.fdopen(fd, "wb")
        return self.fh

    def __exit__(self, exc_type, exc, tb) -> None:
        assert self.fh is not None
        try:
            if exc_type is None:
                self.fh.flush()
                os.fsync(self.fh.fileno())
            self.fh.close()
            if exc_type is None:
                if self.target.exists():
                    try:
                        os.chmod(self.tmp, self.target.stat().st_mode & 0o7777)
                    except OSError:
                        pass
                    if self.backup:
                        bak = self.target.with_name(self.target.name + self.backup)
                        os.replace(self.target, bak)
                os.replace(self.tmp, self.target)
                _fsync_dir(self.target.parent)
        finally:
            if os.path.exists(self.tmp):
                os.unlink(self.tmp)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def walk(paths: list[str], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Iterator[tuple[str, Path | None, Path | None]]:
    """(display path, file, root folder it was found under) for each input; "-" is stdin."""
    seen: set[Path] = set()
    for p in paths:
        if p == "-":
            yield "-", None, None
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and any(f.match(g) for g in globs) and not f.name.startswith("."):
                    r = f.resolve()
                    if r not in seen:
                        seen.add(r)
                        yield str(f), f, path
            continue
        try:
            r = path.resolve()
        except OSError:
            r = path
        if r in seen:
            continue
        seen.add(r)
        yield str(path), path, None
