"""Files in, records or rewritten files out: extract and normalise over streams.

Kept apart from the CLI so that library users (and the Dask helpers) process
files exactly as the command does.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING

from ._core import normalise_bytes as _normalise_bytes
from ._core import piece_cuts as _piece_cuts
from ._core import piece_fields as _piece_fields
from ._core import scan_lines_bytes as _scan_lines_bytes
from .api import Gazetteer
from .named import NamedTuple
from .records import PlaceRow
from .scan.weights import OPEN_MARGIN
from .textio import (
    AUTO,
    BLOCK,
    NotText,
    detect_encoding,
    error_handler,
    guess_legacy_encoding,
    iter_pieces,
    looks_binary,
)
from .writeback import writing

if TYPE_CHECKING:
    from .review import MentionExtras
    from .writeback import LineSink

__all__ = [
    "extract_stream",
    "normalise_stream",
    "Change",
    "BinaryFile",
    "open_text",
    "Chunk",
    "FileRange",
    "chunks",
    "chunk_lines",
    "chunk_line_bytes",
    "extract_line_bytes",
    "ROW_FIELDS",
    "utf8_pieces",
    "BytePiece",
    "normalise_chunk",
    "Rewritten",
    "unwritable_note",
]


class BinaryFile(NotText):
    """The input looks like a binary file, not text."""


class Change:
    """One name normalise rewrote (a plain class with slots, as a dataclass would be:
    see records.Mention)."""

    __slots__ = ("start", "end", "old", "new", "id", "note")

    def __init__(self, start: int, end: int, old: str, new: str, id: str, note: str | None = None):
        self.start = start
        self.end = end
        self.old = old
        self.new = new
        self.id = id
        self.note = note  # "ending dropped", "case unknown": see Gazetteer.rewrite

    def __repr__(self) -> str:
        return "Change(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in self.__slots__) + ")"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self.__slots__)

    __hash__ = None  # type: ignore[assignment]


class Opened(NamedTuple):
    """An input opened for reading: its stream (the sniffed head put back), its encoding, the head."""

    stream: IO[bytes]
    encoding: str
    head: bytes = b""


def open_text(stream: IO[bytes], encoding: str | None = None) -> Opened:
    """Sniff the encoding (UTF-16/32 BOM, or a detector with ``auto``) and refuse
    binaries, keeping every byte."""
    head = stream.read(65536 if encoding == AUTO else 8192)
    enc = detect_encoding(head, encoding)
    if looks_binary(head, enc):
        raise BinaryFile("looks like a binary file (NUL bytes); use --encoding if it is UTF-16 text")
    return Opened(_Prefixed(head, stream), enc, head)


class _Prefixed(io.RawIOBase):
    """A stream with some already-read bytes put back in front."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self.head = head
        self.rest = rest

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        if self.head:
            if n < 0 or n >= len(self.head):
                out, self.head = self.head, b""
                more = self.rest.read(-1 if n < 0 else n - len(out))
                return out + (more or b"")
            out, self.head = self.head[:n], self.head[n:]
            return out
        return self.rest.read(n) or b""


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, kept by surrogateescape


class _Notes:
    """What a run says about one file besides its records: a likely legacy code page
    (once per file), names kept because the encoding cannot write their replacement."""

    def __init__(self, sink: list[str] | None, encoding: str, requested: str | None):
        self.sink = sink
        self.watch_bytes = sink is not None and encoding == "utf-8" and not requested
        self.encoding = encoding
        self.unwritable = 0

    def piece(self, piece: str) -> None:
        if self.watch_bytes and _ESCAPED_BYTE.search(piece):
            self.watch_bytes = False
            raw = piece[:65536].encode("utf-8", "surrogateescape")
            enc = guess_legacy_encoding(raw)
            self.sink.append(f"not UTF-8 text; it looks like {enc}: use --encoding {enc} (or --encoding auto)")

    def close(self) -> None:
        if self.sink is not None and self.unwritable:
            self.sink.append(unwritable_note(self.unwritable, self.encoding))


def unwritable_note(count: int, encoding: str) -> str:
    """The warning of a file with ``count`` names kept because ``encoding`` cannot write
    their replacement (said once per file, also when its pieces were rewritten apart)."""
    return f"{count} name(s) kept as they were: {encoding} cannot write their replacement"


def _byte_len(text: str, encoding: str) -> int:
    return len(text.encode(encoding, error_handler(encoding)))


# ---------------------------------------------------------------- chunks of pieces
class FileRange(NamedTuple):
    """Where a chunk's pieces are in a UTF-8 file: the worker reads and decodes them
    itself, rather than have their text sent to it (or, ``data``, their bytes, of an input
    that is no file: stdin)."""

    path: str | None
    offset: int
    size: int  # bytes
    lengths: tuple[int, ...]  # code points of each piece
    sizes: tuple[int, ...] = ()  # bytes of each piece (when known: the pieces as bytes)
    data: bytes | None = None  # the bytes themselves, for an input the worker cannot read

    def _read(self) -> bytes:
        if self.data is not None:
            return self.data
        with open(self.path, "rb") as fh:
            fh.seek(self.offset)
            data = fh.read(self.size)
        if len(data) != self.size:
            raise NotText("changed while it was read")
        return data

    def pieces(self) -> list[str]:
        data = self._read()
        text = data.decode("utf-8", "surrogateescape")
        if len(data) != self.size or len(text) != sum(self.lengths):
            raise NotText("changed while it was read")
        out, pos = [], 0
        for n in self.lengths:
            out.append(text[pos : pos + n])
            pos += n
        return out

    def byte_pieces(self) -> list[BytePiece]:
        """The pieces as bytes (``sizes`` known), without decoding them."""
        data = self._read()
        out, pos = [], 0
        for n, chars in zip(self.sizes, self.lengths):
            out.append(BytePiece(data, pos, pos + n, chars))
            pos += n
        return out


class Chunk(NamedTuple):
    """Consecutive pieces of one input, as :func:`gazetteer.textio.iter_pieces` cuts them,
    and where the first begins: what a worker process scans (batch.ChunkPool). Pieces are
    independent, so a chunk's output is the same wherever it is made."""

    pieces: Iterable[str] | FileRange
    char_base: int = 0  # code points of the input before pieces[0]
    byte_base: int = 0  # bytes of the input before pieces[0]

    def texts(self) -> Iterable[str]:
        """The pieces, read from the file where the chunk has only their place."""
        return self.pieces.pieces() if isinstance(self.pieces, FileRange) else self.pieces


def piece_bytes(piece: str, encoding: str) -> int:
    """The bytes ``piece`` takes in the input (what extract's byte offsets count)."""
    if encoding in _ONE_BYTE and piece.isascii():
        return len(piece)
    return _byte_len(piece, encoding)


_ONE_BYTE = ("utf-8", "utf-8-sig", "ascii")  # ASCII text in these: a byte per code point


class BytePiece(NamedTuple):
    """A piece of UTF-8 input as bytes: ``data[start:end]``, ``chars`` code points as
    Python decodes it (``surrogateescape``: a byte that is not UTF-8 is one)."""

    data: bytes
    start: int
    end: int
    chars: int

    def text(self) -> str:
        return self.data[self.start : self.end].decode("utf-8", "surrogateescape")


def utf8_pieces(stream: IO[bytes], block: int = BLOCK) -> Iterator[BytePiece]:
    """The pieces :func:`gazetteer.textio.iter_pieces` cuts UTF-8 input into (the same
    reads, the same cut: the compiled core counts the code points), as bytes, so that no
    Python string of the input is made, joined or sliced."""
    pending = b""
    while True:
        data = stream.read(block)
        last = not data
        if data:
            pending = pending + data if pending else data
        at = 0
        for end, chars in _piece_cuts(pending, last):
            yield BytePiece(pending, at, end, chars)
            at = end
        if last:
            return
        pending = pending[at:]


def chunks(
    opened: Opened, size: int, block: int = BLOCK, path: str | None = None, taper_from: int | None = None
) -> Iterator[Chunk]:
    """The input's pieces (the same pieces as a run in one process) in chunks of at least
    ``size`` code points, each with its code-point and byte offset; a piece at a time
    from byte ``taper_from`` on (near the end of a file, so that workers finish together).
    ``path``: the input is that regular file, read from its start; if it is UTF-8 (where
    these byte offsets are the file's own), a chunk gives the place of its pieces (a
    :class:`FileRange`)."""
    taper = taper_from if taper_from is not None else -1
    enc = opened.encoding
    if enc == "utf-8":
        # cut from the bytes: each chunk a FileRange with its pieces' sizes, holding their
        # bytes where the input is no file the workers can read
        def utf8_chunk(pieces: list[BytePiece], char_base: int, byte_base: int, nbytes: int) -> Chunk:
            lengths = tuple(p.chars for p in pieces)
            sizes = tuple(p.end - p.start for p in pieces)
            data = None if path is not None else b"".join([p.data[p.start : p.end] for p in pieces])
            return Chunk(FileRange(path, byte_base, nbytes, lengths, sizes, data), char_base, byte_base)

        yield from _gathered(
            utf8_pieces(opened.stream, block), lambda p: p.chars, lambda p: p.end - p.start, utf8_chunk, size, taper
        )
        return
    yield from _gathered(
        iter_pieces(opened.stream, enc, block),
        len,
        lambda p: piece_bytes(p, enc),
        lambda pieces, char_base, byte_base, _nbytes: Chunk(pieces, char_base, byte_base),
        size,
        taper,
    )


def _gathered(pieces: Iterable, chars: Callable, nbytes_of: Callable, make: Callable, size: int, taper: int):
    """Pieces gathered into chunks of at least ``size`` code points (one piece at a time
    from byte ``taper`` on, if not negative): ``make(pieces, char_base, byte_base, nbytes)``
    of each."""
    char_base = byte_base = 0
    group: list = []
    length = nbytes = 0
    try:
        for piece in pieces:
            group.append(piece)
            length += chars(piece)
            nbytes += nbytes_of(piece)
            if length >= size or 0 <= taper <= byte_base + nbytes:
                yield make(group, char_base, byte_base, nbytes)
                char_base += length
                byte_base += nbytes
                group, length, nbytes = [], 0, 0
    except Exception:
        if group:  # input that cannot be read further: what came before it is scanned, as in one process
            yield make(group, char_base, byte_base, nbytes)
        raise
    if group:
        yield make(group, char_base, byte_base, nbytes)


def scan_inline(gz: Gazetteer) -> Callable[[Iterable[str]], Iterator[tuple[str, list]]]:
    """Each piece with its mentions, scanned here (batch.ChunkPool scans in workers)."""
    return lambda pieces: ((piece, gz.mentions(piece)) for piece in pieces)


def extract_stream(
    gz: Gazetteer,
    stream: IO[bytes],
    *,
    encoding: str | None = None,
    naming: str = "en",
    block: int = BLOCK,
    scan: Callable[[Iterable[str]], Iterator[tuple[str, list]]] | None = None,
    path: str | None = None,
    notes: list[str] | None = None,
    extra: Callable[[str, object], dict] | None = None,
) -> Iterator[dict]:
    """Mention records of a byte stream, with code-point and byte offsets (and the
    ``path`` first, when given: the records of the CLI). ``notes`` collects warnings
    about the file (a likely legacy code page). ``extra(piece, mention)`` gives more
    fields for each record, put after the byte offsets (the CLI's review fields:
    :class:`gazetteer.review.MentionExtras`)."""
    opened = open_text(stream, encoding)
    enc = opened.encoding
    said = _Notes(notes, enc, encoding)
    char_base = 0
    byte_base = 0
    one_byte = enc in ("utf-8", "utf-8-sig", "ascii")  # ASCII text: a byte per code point
    for piece, found in (scan or scan_inline(gz))(iter_pieces(opened.stream, enc, block)):
        said.piece(piece)
        ascii_piece = one_byte and piece.isascii()
        yield from _piece_records(gz, piece, found, naming, path, extra, enc, ascii_piece, char_base, byte_base)
        char_base += len(piece)
        byte_base += len(piece) if ascii_piece else _byte_len(piece, enc)


def _piece_records(
    gz: Gazetteer,
    piece: str,
    found: list,
    naming: str,
    path: str | None,
    extra: Callable[[str, object], dict] | None,
    enc: str,
    ascii_piece: bool,
    char_base: int,
    byte_base: int,
) -> Iterator[dict]:
    """The records of one piece's mentions (``found``), its first character at
    ``char_base`` and first byte at ``byte_base`` of the file."""
    errors = error_handler(enc)
    head = {} if path is None else {"path": path}
    record = gz.mention_record
    # an extra that can store its fields into the record itself (review.MentionExtras.fill)
    fill = getattr(extra, "fill", None)
    # UTF-8 text: the byte offsets and contexts of a piece's mentions made by the compiled
    # core at once (_core.piece_fields: the same as the loop below makes them one by one)
    width = getattr(extra, "context", None)
    fast = fill is not None and enc == "utf-8" and type(width) is int
    width = max(0, width) if fast else 0
    fields = _piece_fields(piece, found, width) if fast and found and type(found) is list else None
    if fields is not None:
        add = extra.fill_with_context
        for m, (start_b, end_b, context) in zip(found, fields):
            rec = record(m, naming=naming, offset=char_base)
            if head:
                rec = {**head, **rec}
            rec["byte_start"] = byte_base + start_b
            rec["byte_end"] = byte_base + end_b
            add(rec, m, context)
            yield rec
        return
    pos_char, pos_byte = 0, 0
    for m in found:
        if ascii_piece:
            start_b, pos_byte = m.start, m.end
        else:
            pos_byte += len(piece[pos_char : m.start].encode(enc, errors))
            start_b = pos_byte
            pos_byte += len(m.text.encode(enc, errors))
            pos_char = m.end
        # (mention_record gives a new dict: the offsets and extras are stored into it)
        rec = record(m, naming=naming, offset=char_base)
        if head:
            rec = {**head, **rec}
        rec["byte_start"] = byte_base + start_b
        rec["byte_end"] = byte_base + pos_byte
        if fill is not None:
            fill(rec, piece, m)
        elif extra is not None:
            rec.update(extra(piece, m))
        yield rec


def extract_lines(
    gz: Gazetteer,
    stream: IO[bytes],
    *,
    encoding: str | None = None,
    naming: str = "en",
    block: int = BLOCK,
    path: str | None = None,
    notes: list[str] | None = None,
    extra: MentionExtras | None = None,
) -> Iterator[str]:
    """The JSON Lines of :func:`extract_stream`'s records (``json_line`` of each, in
    order; the review fields where ``extra`` is given), a piece's lines at once: for UTF-8
    text with the review fields the compiled engine writes them in one call per piece
    (``Engine.scan_lines``), with the place's fields handed over once per place; other
    pieces go through Python's records. (:func:`extract_line_bytes` gives them as UTF-8.)"""
    for lines in _piece_lines(gz, stream, encoding, naming, block, path, notes, extra, "jsonl", ()):
        yield lines if isinstance(lines, str) else lines.decode("utf-8", "surrogateescape")


def extract_line_bytes(
    gz: Gazetteer,
    stream: IO[bytes],
    *,
    encoding: str | None = None,
    naming: str = "en",
    block: int = BLOCK,
    path: str | None = None,
    notes: list[str] | None = None,
    extra: MentionExtras | None = None,
    fmt: str = "jsonl",
    fields: Iterable[str] = (),
    sink: LineSink | None = None,
) -> Iterator[bytes]:
    """:func:`extract_lines` as the UTF-8 bytes the CLI writes (a lone surrogate, a byte
    of the input that was not UTF-8, as that byte): UTF-8 input is read as bytes and its
    pieces' lines come from the engine as bytes, no Python string between. ``fmt`` "csv"
    or "tsv": the records' rows (``fields``, as formats.DelimitedWriter writes them, no
    header) instead of JSON Lines. ``sink`` (a :data:`gazetteer.writeback.LineSink`): the
    engine hands the lines it makes to the sink's thread itself, as they are; only the
    lines Python makes are yielded, for the caller to hand to the same sink (in order)."""
    for lines in _piece_lines(gz, stream, encoding, naming, block, path, notes, extra, fmt, tuple(fields), sink):
        yield lines if isinstance(lines, bytes) else lines.encode("utf-8", "surrogateescape")


def _piece_lines(
    gz, stream, encoding, naming, block, path, notes, extra, fmt, fields, sink=None
) -> Iterator[bytes | str]:
    """Each piece's JSON Lines (or rows, ``fmt``): UTF-8 bytes from the engine for UTF-8
    input (read as bytes; into ``sink`` where one is given), Python's text for input in
    another encoding."""
    opened = open_text(stream, encoding)
    maker = _LineMaker(gz, opened.encoding, naming, path, notes, extra, encoding, fmt, fields)
    maker.sink = sink
    if opened.encoding == "utf-8":
        for piece in utf8_pieces(opened.stream, block):
            got = maker.utf8(piece)
            if got:
                yield got
        return
    yield from maker.texts(Chunk(iter_pieces(opened.stream, opened.encoding, block)))


def chunk_lines(
    gz: Gazetteer,
    chunk: Chunk,
    enc: str,
    *,
    naming: str = "en",
    path: str | None = None,
    notes: list[str] | None = None,
    extra: MentionExtras | None = None,
    requested: str | None = None,
) -> Iterator[str]:
    """:func:`extract_lines` of a chunk of an input decoded as ``enc`` (``requested``: the
    encoding the user asked for, None when sniffed), one string per piece with mentions."""
    yield from _LineMaker(gz, enc, naming, path, notes, extra, requested).texts(chunk)


def chunk_line_bytes(
    gz: Gazetteer,
    chunk: Chunk,
    enc: str,
    *,
    naming: str = "en",
    path: str | None = None,
    notes: list[str] | None = None,
    extra: MentionExtras | None = None,
    requested: str | None = None,
    fmt: str = "jsonl",
    fields: Iterable[str] = (),
) -> Iterator[bytes]:
    """:func:`chunk_lines` as UTF-8 bytes (as the CLI writes them; ``fmt`` "csv" or "tsv":
    rows of ``fields``, as :func:`extract_line_bytes`); a chunk of UTF-8 input cut from its
    bytes (a :class:`FileRange` with the pieces' sizes) is scanned from them."""
    maker = _LineMaker(gz, enc, naming, path, notes, extra, requested, fmt, tuple(fields))
    where = chunk.pieces
    if enc == "utf-8" and isinstance(where, FileRange) and where.sizes:
        char_base, byte_base = chunk.char_base, chunk.byte_base
        for piece in where.byte_pieces():
            got = maker.utf8(piece, char_base, byte_base)
            char_base, byte_base = maker.char_base, maker.byte_base
            if got:
                yield got
        return
    for text in maker.texts(chunk):
        yield text.encode("utf-8", "surrogateescape")


class _LineMaker:
    """extract's JSON Lines of the pieces of one input, a piece at a time: by the engine
    (``Engine.scan_lines``; from UTF-8 bytes, ``_core.scan_lines_bytes``) where it can, by
    Python's records elsewhere."""

    def __init__(
        self,
        gz: Gazetteer,
        enc: str,
        naming: str,
        path: str | None,
        notes: list[str] | None,
        extra: MentionExtras | None,
        requested: str | None,
        fmt: str = "jsonl",
        fields: tuple[str, ...] = (),
    ):
        self.gz, self.enc, self.naming, self.path, self.extra = gz, enc, naming, path, extra
        self.lines = getattr(gz.scanner, "scan_lines", None)
        self.core = getattr(gz.scanner, "_core", None)
        # CSV/TSV: the delimiter, Python's rows for pieces the engine does not write
        self.delimiter = _DELIMITERS.get(fmt)
        self.rows = None if self.delimiter is None else _Rows(fmt, fields)
        head = None
        if path is not None:
            if self.delimiter is None:
                quoted = json.dumps(path, ensure_ascii=False)
                head = "{" + f'"path": {quoted}, ' if _is_text(quoted) else None
            elif fields == ROW_FIELDS:  # (the layout the engine writes)
                quoted = delimited_cell(path, self.delimiter) + self.delimiter
                head = quoted if _is_text(quoted) else None
        self.head = head
        self.fast = self.lines is not None and extra is not None and head is not None and type(extra.context) is int
        self.said = _Notes(notes, enc, requested)
        if self.fast:
            self.width = max(0, extra.context)
            self.about, self.weak, self.nested = _line_parts(gz, naming, extra, self.delimiter)

    def texts(self, chunk: Chunk) -> Iterator[str]:
        """The lines of a chunk's pieces, one string per piece with mentions."""
        char_base = chunk.char_base
        byte_base = chunk.byte_base
        one_byte = self.enc in _ONE_BYTE
        for piece in chunk.texts():
            ascii_piece = one_byte and piece.isascii()
            got = self.text(piece, ascii_piece, char_base, byte_base)
            if got:
                yield got
            char_base += len(piece)
            byte_base += len(piece) if ascii_piece else _byte_len(piece, self.enc)

    def text(self, piece: str, ascii_piece: bool, char_base: int, byte_base: int) -> str:
        """The lines of one piece, its first character at ``char_base`` and first byte at
        ``byte_base`` of the input."""
        self.said.piece(piece)
        got = None
        if self.fast and self.enc == "utf-8" and self.rows is None:
            got = self.lines(
                piece, self.head, self.naming, char_base, byte_base, self.width, self.about, self.weak, self.nested,
                OPEN_MARGIN,
            )  # fmt: skip
        if got is None:  # Python makes this piece's records
            from .formats import json_line

            gz = self.gz
            records = _piece_records(
                gz, piece, gz.mentions(piece), self.naming, self.path, self.extra, self.enc, ascii_piece, char_base,
                byte_base,
            )  # fmt: skip
            got = "".join([json_line(rec) for rec in records]) if self.rows is None else self.rows.of(records)
        return got

    def utf8(self, piece: BytePiece, char_base: int | None = None, byte_base: int | None = None) -> bytes:
        """The lines of a piece of UTF-8 input as UTF-8, made from its bytes by the engine
        where it can (not where the bytes are not all UTF-8: Python decodes those as
        ``surrogateescape`` and makes them). The piece's place in the input: ``char_base``
        and ``byte_base``, else where the previous piece given here ended. With a
        ``sink`` set, the engine's lines go into it and this gives b"" for them."""
        if char_base is None:
            char_base, byte_base = self.char_base, self.byte_base
        self.char_base = char_base + piece.chars
        self.byte_base = byte_base + piece.end - piece.start
        if self.fast and self.core is not None:
            with writing():  # (with a sink, the engine hands its lines over: a failed write is raised here)
                got = _scan_lines_bytes(
                    self.core, piece.data, piece.start, piece.end, self.head, self.naming, char_base, byte_base,
                    self.width, self.about, self.weak, self.nested, OPEN_MARGIN, self.delimiter, self.cell, self.sink,
                )  # fmt: skip
            if got is not None:
                return got
        text = piece.text()
        return self.text(text, text.isascii(), char_base, byte_base).encode("utf-8", "surrogateescape")

    char_base = 0
    byte_base = 0
    sink = None  # a writeback.LineSink the engine hands its lines to (utf8 then gives b"")

    def cell(self, value: object) -> str:
        """A value's CSV/TSV cell (what the engine asks of Python: a score, a text a
        spreadsheet could take for a formula)."""
        return delimited_cell(value, self.delimiter)


# extract's CSV/TSV: the delimiters, the record fields in the order the engine writes them
_DELIMITERS = {"csv": ",", "tsv": "\t"}
ROW_FIELDS = (
    "path", "start", "end", "byte_start", "byte_end", "text", "id", "name", "kind", "country", "lat", "lon", "score",
    "method", "cue", "district", "wof_id", "geonames_id", "context", "needs_review",
)  # fmt: skip
_ABOUT_CELLS = ("id", "name", "kind", "country", "lat", "lon")


def delimited_cell(value: object, delimiter: str) -> str:
    """A value's cell in a row of formats.DelimitedWriter (``delimiter`` "," or a tab):
    the row's cells are quoted one by one (csv.writer's minimal quoting; a CR, which it
    leaves bare, quoted as the writer quotes a row holding one), so a row can be written a
    cell at a time."""
    from .formats import _cell, _csv_quoted, _sheet_text

    cell = _sheet_text(value) if isinstance(value, str) else _cell(value)
    if delimiter != "\t":
        return _csv_quoted(cell)
    cell = cell.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return '"' + cell.replace('"', '""') + '"' if '"' in cell else cell


class _Rows:
    """Python's CSV/TSV rows of records, by formats.DelimitedWriter itself (no header)."""

    def __init__(self, fmt: str, fields: tuple[str, ...]):
        from .formats import make_writer

        self.buf = io.StringIO()
        self.writer = make_writer(fmt, self.buf, list(fields))

    def of(self, records: Iterable[dict]) -> str:
        buf = self.buf
        buf.seek(0)
        buf.truncate()
        for rec in records:
            self.writer.write(rec)
        return buf.getvalue()


def _is_text(s: str) -> bool:
    """Has the string no lone surrogates (bytes of a file name that were not UTF-8)?"""
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _line_parts(
    gz: Gazetteer, naming: str, extra: MentionExtras, delimiter: str | None = None
) -> tuple[Callable, Callable, Callable]:
    """What ``Engine.scan_lines`` asks of Python: a place's record fields and review fields
    as JSON without braces (as ``json_line`` writes them within a record; with a
    ``delimiter``, their CSV/TSV cells joined by it), whether a name alone wants a review,
    whether one place is the other's parent."""

    def about(place: int) -> tuple[str, str]:
        fields = json.dumps(gz._about_of(place, naming), ensure_ascii=False)[1:-1]
        district, wof, geonames = extra._place_fields(place)
        review = {"district": district, "wof_id": wof, "geonames_id": geonames}
        return fields, json.dumps(review, ensure_ascii=False)[1:-1]

    def cells(place: int) -> tuple[str, str]:
        about = gz._about_of(place, naming)
        fields = delimiter.join([delimited_cell(about[k], delimiter) for k in _ABOUT_CELLS])
        review = delimiter.join([delimited_cell(v, delimiter) for v in extra._place_fields(place)])
        return fields, review

    known: dict[tuple[int, int], bool] = {}
    is_nested = extra._nested

    def nested(a: int, b: int) -> bool:  # (asked for every close runner-up: kept by pair)
        got = known.get((a, b))
        if got is None:
            got = known[a, b] = is_nested(a, b)
        return got

    return (about if delimiter is None else cells), extra.weak_name, nested


def normalise_stream(
    gz: Gazetteer,
    stream: IO[bytes],
    out: IO[bytes] | None,
    *,
    encoding: str | None = None,
    naming: str = "en",
    mode: str = "replace",
    changes: list[Change] | None = None,
    block: int = BLOCK,
    scan: Callable[[Iterable[str]], Iterator[tuple[str, list]]] | None = None,
    notes: list[str] | None = None,
    decisions=None,
) -> int:
    """Rewrite a byte stream into ``out``; returns the number of replacements.

    Every byte outside a replaced span is written back as read. A replacement the
    encoding cannot write (Cyrillic into latin-1) keeps the name as it was, and
    ``notes`` says how many. ``decisions`` (a :class:`gazetteer.decisions.FileDecisions`)
    decides each mention: ``choose(m, char_base)`` gives None to leave it as it is, or
    ``(mention, text)`` to write ``text`` or, when that is None, what the tool writes for
    ``mention``; ``piece_done(char_base, piece)`` after each piece and ``finish()`` at the end.
    """
    opened = open_text(stream, encoding)
    enc = opened.encoding
    said = _Notes(notes, enc, encoding)
    core = getattr(gz.scanner, "_core", None)
    if enc == "utf-8" and scan is None and changes is None and decisions is None and core is not None:
        count = _rewrite_utf8(gz, core, utf8_pieces(opened.stream, block), out, said, naming, mode)
        said.close()
        return count
    found = (scan or scan_inline(gz))(iter_pieces(opened.stream, enc, block))
    count = _rewrite_pieces(gz, found, out, enc, said, 0, naming, mode, changes, decisions)
    if decisions is not None:
        decisions.finish()
    said.close()
    return count


class Rewritten(NamedTuple):
    """What :func:`normalise_chunk` did: names replaced, and names kept because the
    encoding cannot write their replacement."""

    count: int
    unwritable: int


def normalise_chunk(
    gz: Gazetteer,
    chunk: Chunk,
    out: IO[bytes],
    enc: str,
    *,
    naming: str = "en",
    mode: str = "replace",
    changes: list[Change] | None = None,
    notes: list[str] | None = None,
    requested: str | None = None,
) -> Rewritten:
    """:func:`normalise_stream` of a chunk of an input decoded as ``enc``; ``notes`` gets
    the note of a likely legacy code page, the caller says the unwritable names of the
    whole input once (:func:`unwritable_note`)."""
    said = _Notes(notes, enc, requested)
    where = chunk.pieces
    core = getattr(gz.scanner, "_core", None)
    if enc == "utf-8" and changes is None and core is not None and isinstance(where, FileRange) and where.sizes:
        count = _rewrite_utf8(gz, core, where.byte_pieces(), out, said, naming, mode)
        return Rewritten(count, said.unwritable)
    found = scan_inline(gz)(chunk.texts())
    count = _rewrite_pieces(gz, found, out, enc, said, chunk.char_base, naming, mode, changes, None)
    return Rewritten(count, said.unwritable)


def _rewrite_pieces(
    gz: Gazetteer,
    found_in_pieces: Iterable[tuple[str, list]],
    out: IO[bytes] | None,
    enc: str,
    said: _Notes,
    char_base: int,
    naming: str,
    mode: str,
    changes: list[Change] | None,
    decisions,
) -> int:
    """Write each piece with its mentions rewritten; the number of replacements."""
    errors = error_handler(enc)
    writes_all = codecs.lookup(enc).name.startswith("utf")
    count = 0
    for piece, found in found_in_pieces:
        said.piece(piece)
        parts = []
        pos = 0
        for m in found:
            if decisions is None:
                new, note = gz.rewrite(m, naming=naming, mode=mode, before=piece[max(0, m.start - 24) : m.start])
            else:
                new, note, place = _decided(gz, decisions, m, char_base, piece, naming, mode)
                if new is None:
                    continue  # left as it is: written with the text around it
            if not writes_all and new != m.text and not _writable(new, enc):
                said.unwritable += 1
                new, note = m.text, None
            parts.append(piece[pos : m.start])
            parts.append(new)
            pos = m.end
            if new != m.text:
                count += 1
                if changes is not None:
                    changes.append(
                        Change(
                            char_base + m.start,
                            char_base + m.end,
                            m.text,
                            new,
                            PlaceRow._make(gz.index.place(m.place if decisions is None else place)).id,
                            note,
                        )
                    )
        parts.append(piece[pos:])
        if decisions is not None:
            decisions.piece_done(char_base, piece)
        if out is not None:
            out.write("".join(parts).encode(enc, errors))
        char_base += len(piece)
    return count


def _rewrite_utf8(
    gz: Gazetteer, core, pieces: Iterable[BytePiece], out: IO[bytes] | None, said: _Notes, naming: str, mode: str
) -> int:
    """:func:`_rewrite_pieces` of UTF-8 input read as bytes: the engine writes each piece
    with its names replaced as bytes (``_core.normalise_bytes``), Python a piece whose
    bytes are not all UTF-8; the number of replacements."""

    def rewrite(m, before: str) -> str:
        return gz.rewrite(m, naming=naming, mode=mode, before=before)[0]

    count = 0
    char_base = 0
    for piece in pieces:
        got = _normalise_bytes(core, piece.data, piece.start, piece.end, naming, mode, rewrite)
        if got is None:
            text = piece.text()
            found = [(text, gz.mentions(text))]
            count += _rewrite_pieces(gz, found, out, "utf-8", said, char_base, naming, mode, None, None)
        else:
            new, n = got
            count += n
            if out is not None:
                out.write(new)
        char_base += piece.chars
    return count


def _decided(gz, decisions, m, char_base: int, piece: str, naming: str, mode: str):
    """(new text, note, place) of a mention as ``decisions`` has it; new None: unchanged."""
    chosen = decisions.choose(m, char_base)
    if chosen is None:
        return None, None, m.place
    target, text = chosen
    if text is not None:
        return text, None, target.place
    new, note = gz.rewrite(target, naming=naming, mode=mode, before=piece[max(0, m.start - 24) : m.start])
    return new, note, target.place


def _writable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def unified_diff(name: str, old: str, new: str) -> str:
    import difflib  # (only --diff needs it: not imported at every start)

    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{name}", tofile=f"b/{name}"
        )
    )
