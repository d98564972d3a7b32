"""Resolve one column of a table (CSV, TSV or an Excel workbook) and append the places.

``gazetteer lookup --column NAME FILE`` reads a table, looks up the names of one
column and writes the same table with the record fields appended to each row:
``NAME_id``, ``NAME_name``, ``NAME_kind``, ``NAME_district``, ``NAME_lat``,
``NAME_lon``, ``NAME_score``, ``NAME_method``, ``NAME_needs_context`` (the prefix
is the column's name unless ``--prefix`` says otherwise).

CSV and TSV: the original cells are never parsed and written again. Each record's
raw text (several physical lines for a quoted cell with line breaks) is copied as
read and the new cells are put before its line end, so quoting, spacing, other
columns, a BOM, the encoding and the line ends (CRLF, LF, CR, none at the end) stay
byte for byte. The new cells are quoted as the table's dialect needs (CSV: double
quotes around a cell with the delimiter, a quote or a line break; TSV: a tab or line
break inside a cell becomes a space), and a text cell that a spreadsheet would run
as a formula gets a ``'`` in front, as :mod:`gazetteer.formats` does for CSV output.
Blank lines are copied and left alone. A malformed table (a quote opened and never
closed, text after a closing quote) is an error naming its line.

Excel workbooks go through openpyxl (``pip install 'gazetteer[xlsx]'``): one sheet
(``--sheet``, default the active one) gets the new columns after its last one;
numbers are written as numbers, text as text (never as a formula). A formula in the
column is looked up by the value Excel last computed for it (openpyxl computes
nothing: a workbook never opened in a spreadsheet has none, and the row is empty).

Each row is counted as one of:

- resolved: a place, and no other place matches the name as well;
- ambiguous: a place was chosen (its fields are written), but another place matches
  the name with a score as good (same-name villages: the weightier one was taken; a
  town and the district it is named after do not count) or the name is one that
  needs context ("Gabriel");
- unresolved: no place (the new cells are left empty);
- empty: a blank cell (or a row too short to have the column), left alone and not
  counted as unresolved.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO

from .errors import DataError, UsageError
from .formats import _cell, _sheet_text
from .named import NamedTuple

__all__ = [
    "RECORD_FIELDS",
    "Summary",
    "Resolver",
    "delimiter_for",
    "resolve_delimited",
    "resolve_workbook",
    "is_workbook",
    "XLSX_MISSING",
    "TableOptions",
    "check_output",
    "resolve_table",
]

RECORD_FIELDS = ("id", "name", "kind", "district", "lat", "lon", "score", "method", "needs_context")
XLSX_MISSING = "reading .xlsx needs openpyxl: pip install 'gazetteer[xlsx]'"
_MEMO = 100_000  # distinct cell values whose answers are kept (tables repeat their places)


@dataclass
class Summary:
    """What a table's rows came to (see the module docstring)."""

    name: str = ""
    resolved: int = 0
    ambiguous: int = 0
    unresolved: int = 0
    empty: int = 0
    unresolved_examples: list[str] = field(default_factory=list)

    def line(self) -> str:
        rows = self.resolved + self.ambiguous + self.unresolved + self.empty
        text = (
            f"{self.name}: {rows} row{'' if rows == 1 else 's'}: {self.resolved} resolved, {self.ambiguous} ambiguous, "
            f"{self.unresolved} unresolved"
        )
        if self.empty:
            text += f", {self.empty} empty"
        if self.unresolved_examples:
            shown = ", ".join(repr(x[:40]) for x in self.unresolved_examples)
            text += f" (unresolved: {shown}{', ...' if self.unresolved > len(self.unresolved_examples) else ''})"
        return text


class Resolver:
    """Cell text -> (fields, status), with one answer per distinct text.

    ``candidates(name)`` gives the best places for a name, best first (the CLI passes
    ``Gazetteer.candidates`` with its filters, and the online geocoder after it); the
    second one, when there is one, tells whether the choice was ambiguous.
    """

    def __init__(self, candidates: Callable[[str], list]):
        self.candidates = candidates
        self._memo: dict[str, tuple[dict | None, str]] = {}

    def __call__(self, text: str) -> tuple[dict | None, str]:
        got = self._memo.get(text)
        if got is None:
            got = self._resolve(text)
            if len(self._memo) >= _MEMO:
                self._memo.clear()
            self._memo[text] = got
        return got

    def _resolve(self, text: str) -> tuple[dict | None, str]:
        if not text.strip():
            return None, "empty"
        found = self.candidates(text)
        if not found:
            return None, "unresolved"
        best = found[0]
        rec = {f: getattr(best, f) for f in RECORD_FIELDS}
        tie = any(m.score >= best.score and not _nested(m, best) for m in found[1:])
        return rec, "ambiguous" if tie or best.needs_context else "resolved"


class TableOptions(NamedTuple):
    column: str  # a header name, or a 1-based column number
    delimiter: str | None = None  # None: by extension, else sniffed
    header: bool = True
    prefix: str | None = None  # None: the column's name
    sheet: str | None = None  # .xlsx: a sheet name or 1-based number; None: the active one
    encoding: str | None = None  # CSV/TSV: as textio.detect_encoding


def check_output(files: tuple[str, ...] | list[str], output: str | None) -> None:
    """Usage errors, before anything is read or written: ``-o`` with several tables,
    ``-o`` that is one of the inputs (it would be emptied before it is read, as ``sort
    -o`` knows), a workbook without ``-o`` (it is no text for a terminal), a workbook
    written as CSV or the other way round."""
    books = [f for f in files if is_workbook(f)]
    if books and output is None:
        raise UsageError(f"{books[0]}: a workbook is written to a file: give -o OUT.xlsx")
    if output is None:
        return
    if len(files) != 1:
        raise UsageError("-o takes one input table")
    (src,) = files
    if is_workbook(src) != is_workbook(output):
        raise UsageError(f"-o {output}: the output is a table of the input's kind ({'.xlsx' if books else 'CSV/TSV'})")
    if src != "-" and _same_file(src, output):
        raise UsageError(f"-o {output} is the input {src}; it would be overwritten (write elsewhere, then move it)")


def _same_file(a: str, b: str) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def resolve_table(
    name: str, output: str | None, stdout: IO[bytes], stdin: IO[bytes], resolve: Resolver, opts: TableOptions
) -> Summary:
    """One table (a path, or ``-`` for stdin) to ``output`` (atomically) or to ``stdout``."""
    from contextlib import nullcontext
    from pathlib import Path

    from .textio import atomic_writer

    sink = atomic_writer(Path(output)) if output else nullcontext(stdout)
    if is_workbook(name):
        _openpyxl()  # say what to install before anything else
        with sink as out:
            return resolve_workbook(
                name, out, resolve, opts.column, sheet=opts.sheet, header=opts.header, prefix=opts.prefix
            )
    if opts.sheet is not None:
        raise UsageError("--sheet is for .xlsx workbooks")
    try:
        src = stdin if name == "-" else open(name, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise DataError(f"{name}: cannot read: {(exc.strerror or str(exc)).lower()}") from None
    try:
        with sink as out:
            return resolve_delimited(
                src,
                out,
                resolve,
                opts.column,
                name=name,
                delimiter=opts.delimiter,
                header=opts.header,
                prefix=opts.prefix,
                encoding=opts.encoding,
            )
    finally:
        if src is not stdin:
            src.close()


def _nested(a, b) -> bool:
    """The same place, or one the other's district (the town Fuzuli and Fuzuli District):
    no ambiguity a reader of the table would care about."""
    return (
        a.id == b.id
        or (a.district is not None and a.district == b.name)
        or (b.district is not None and b.district == a.name)
    )


def _count(summary: Summary, status: str, text: str) -> None:
    setattr(summary, status, getattr(summary, status) + 1)
    if status == "unresolved" and len(summary.unresolved_examples) < 3:
        summary.unresolved_examples.append(text)


# ---------------------------------------------------------------- CSV and TSV
def delimiter_for(name: str | None, given: str | None, first_line: str) -> str:
    """The delimiter: ``--delimiter`` (``tab`` or ``\\t`` for a tab), else by extension
    (.tsv and .tab: tab; .csv: comma), else a tab when the first line has tabs and no
    commas, else a comma."""
    if given:
        if given.lower() in ("tab", "\\t", "\t"):
            return "\t"
        if len(given) != 1 or given in '\r\n"':
            raise UsageError(f"--delimiter takes one character (or tab), not {given!r}")
        return given
    ext = os.path.splitext(name or "")[1].lower()
    if ext in (".tsv", ".tab"):
        return "\t"
    if ext == ".csv":
        return ","
    return "\t" if "\t" in first_line and "," not in first_line else ","


class _Tap:
    """The lines a csv.reader takes, kept: the raw text of the record it returns."""

    def __init__(self, lines: Iterator[str]):
        self.lines = lines
        self.taken: list[str] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.taken.append(line)
        return line

    def take(self) -> str:
        raw = "".join(self.taken)
        self.taken.clear()
        return raw


def _split_line_end(raw: str) -> tuple[str, str]:
    if raw.endswith("\r\n"):
        return raw[:-2], "\r\n"
    if raw.endswith(("\n", "\r")):
        return raw[:-1], raw[-1]
    return raw, ""


def _new_cell(value, delimiter: str) -> str:
    """A cell we write: formula-like text quoted with ``'``, then the dialect's quoting."""
    text = _sheet_text(value) if isinstance(value, str) else _cell(value)
    if delimiter == "\t":
        return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    if any(c in text for c in (delimiter, '"', "\r", "\n")):
        return '"' + text.replace('"', '""') + '"'
    return text


def _find_column(header: list[str] | None, column: str, name: str) -> int:
    """0-based index of ``column``: a header cell of that name (exactly, else the one
    equal ignoring case and surrounding spaces), else a 1-based number."""
    if header is not None:
        cells = [h.lstrip("\ufeff") for h in header]
        if column in cells:
            return cells.index(column)
        loose = [i for i, h in enumerate(cells) if h.strip().casefold() == column.strip().casefold()]
        if len(loose) == 1:
            return loose[0]
    if column.isdigit():
        n = int(column)
        width = len(header) if header is not None else None
        if n < 1 or (width is not None and n > width):
            raise UsageError(f"{name}: column {n} out of range (the table has {width} columns)")
        return n - 1
    if header is None:
        raise UsageError("with --no-header, --column takes a column number (1 for the first)")
    shown = ", ".join(repr(h) for h in cells[:20])
    raise UsageError(f"{name}: no column {column!r}; the header has {shown}")


def resolve_delimited(
    src: IO[bytes],
    out: IO[bytes],
    resolve: Resolver,
    column: str,
    *,
    name: str = "-",
    delimiter: str | None = None,
    header: bool = True,
    prefix: str | None = None,
    encoding: str | None = None,
) -> Summary:
    """Copy a CSV/TSV byte stream to ``out`` with the resolved fields appended to each row."""
    from .documents import open_text
    from .textio import error_handler

    opened = open_text(src, encoding)
    enc = opened.encoding
    errors = error_handler(enc)
    text = io.TextIOWrapper(opened.stream, encoding=enc, errors=errors, newline="")
    head_text = opened.head.decode(enc, errors)
    first_line = head_text.splitlines()[0] if head_text else ""
    delim = delimiter_for(name, delimiter, first_line)
    tap = _Tap(iter(text))
    # strict: a quote opened and never closed is an error, not a cell that swallows the
    # rest of the table (nor is text after a closing quote taken silently)
    reader = csv.reader(tap, delimiter=delim, quotechar='"', doublequote=True, strict=True)
    summary = Summary(name)
    index: int | None = None

    def write(raw: str, cells: list) -> None:
        body, end = _split_line_end(raw)
        extra = "".join(delim + _new_cell(c, delim) for c in cells)
        out.write(body.encode(enc, errors) + extra.encode(enc, "replace") + end.encode(enc, errors))

    try:
        for row in reader:
            raw = tap.take()
            if index is None:
                index = _find_column(row if header else None, column, name)
                if header:
                    label = prefix if prefix is not None else row[index].lstrip("\ufeff").strip()
                    write(raw, [f"{label}_{f}" if label else f for f in RECORD_FIELDS])
                    continue
            if not row:  # a blank line
                out.write(raw.encode(enc, errors))
                continue
            cell = row[index] if index < len(row) else ""
            rec, status = resolve(cell)
            _count(summary, status, cell)
            write(raw, [None] * len(RECORD_FIELDS) if rec is None else [rec[f] for f in RECORD_FIELDS])
    except csv.Error as exc:
        raise DataError(f"{name}: line {reader.line_num}: not a well-formed table: {exc}") from None
    rest = tap.take()  # text the reader did not return as a row (none in a well-formed table)
    if rest:
        out.write(rest.encode(enc, errors))
    if index is None and header:
        raise DataError(f"{name}: empty table, no header")
    text.detach()
    return summary


# ---------------------------------------------------------------- Excel
def is_workbook(name: str | None) -> bool:
    return bool(name) and os.path.splitext(name)[1].lower() in (".xlsx", ".xlsm")


def _openpyxl():
    try:
        import openpyxl
    except ImportError:
        raise UsageError(XLSX_MISSING) from None
    return openpyxl


def resolve_workbook(
    path: str,
    out: IO[bytes],
    resolve: Resolver,
    column: str,
    *,
    sheet: str | None = None,
    header: bool = True,
    prefix: str | None = None,
) -> Summary:
    """Read a workbook, append the resolved fields to one sheet and save it to ``out``."""
    openpyxl = _openpyxl()
    from zipfile import BadZipFile

    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, keep_vba=path.lower().endswith(".xlsm"))
    except OSError as exc:
        raise DataError(f"{path}: {(exc.strerror or str(exc)).lower()}") from None
    except (InvalidFileException, BadZipFile, KeyError, ValueError) as exc:
        raise DataError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    if sheet is None:
        ws = wb.active
    elif sheet in wb.sheetnames:
        ws = wb[sheet]
    elif sheet.isdigit() and 1 <= int(sheet) <= len(wb.sheetnames):
        ws = wb.worksheets[int(sheet) - 1]
    else:
        raise UsageError(f"{path}: no sheet {sheet!r}; the workbook has {', '.join(map(repr, wb.sheetnames))}")
    summary = Summary(f"{path}[{ws.title}]")
    width = ws.max_column
    first = 1
    if header:
        head = [_text(c.value) for c in ws[1]] if ws.max_row >= 1 else []
        index = _find_column(head, column, path)
        label = prefix if prefix is not None else head[index].strip()
        for k, f in enumerate(RECORD_FIELDS):
            _put(ws.cell(row=1, column=width + 1 + k), f"{label}_{f}" if label else f)
        first = 2
    else:
        index = _find_column(None, column, path)
    computed = None  # the workbook's cached values, read only if the column has formulas
    for r in range(first, ws.max_row + 1):
        source = ws.cell(row=r, column=index + 1)
        value = source.value
        if source.data_type == "f":  # a formula: look up the value it last gave, not its text
            if computed is None:
                computed = openpyxl.load_workbook(path, data_only=True, read_only=True)[ws.title]
            value = computed.cell(row=r, column=index + 1).value
        cell = _text(value)
        rec, status = resolve(cell)
        _count(summary, status, cell)
        if rec is not None:
            for k, f in enumerate(RECORD_FIELDS):
                _put(ws.cell(row=r, column=width + 1 + k), rec[f])
    wb.save(out)
    return summary


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _put(cell, value) -> None:
    """A value into a worksheet cell: numbers and booleans as they are, text as text
    (quoted like CSV output when it starts like a formula, and never a formula)."""
    if value is None or isinstance(value, (bool, int, float)):
        cell.value = value
        return
    cell.value = _sheet_text(str(value))
    cell.data_type = "s"
