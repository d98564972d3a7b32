r"""Output writers: one record in, one line (or feature) out, streamed.

Every writer takes plain dicts, so the CLI and library users format the same
records the same way. JSON array and GeoJSON are streamed too (opening bracket
first), so a pipe sees output before the input ends.

Text that came from the input (a query, a path, a place name of a user's table)
is written so that it cannot act on whoever opens the output:

- CSV and TSV: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or
  a carriage return (the characters OWASP lists for CSV injection) gets a
  single quote ``'`` in front, so a spreadsheet shows it as text instead of
  running it as a formula: ``=1+2`` is written ``'=1+2``. Numbers (lat, lon,
  score, counts; also a text cell that is only a number, such as ``-12.5``)
  are never quoted: they cannot run and must stay numbers. A text cell that
  already starts with quotes followed by one of those characters gets one
  quote more (``'=x`` is written ``''=x``), so the quoting can be undone
  exactly: strip one leading ``'`` from a cell that matches ``'+[=+\-@\t\r]``.
  TSV has no quoting for tabs and line breaks, so in TSV a tab, newline or
  carriage return inside a cell becomes a space; a CSV cell holding a carriage
  return is put in double quotes (Python's csv module quotes only ``\n``).
- table (for terminals): control characters (C0, DEL, C1) and the bidi
  embedding, override and isolate characters (U+202A-U+202E, U+2066-U+2069)
  are shown as visible escapes (``\x1b``, ``\t``, ``\u202e``), so a hostile
  table or text cannot move the cursor, change colours or reorder a line.
- JSON, JSON lines and GeoJSON are data formats: strings are JSON strings,
  with JSON's own escaping, and are not changed.
"""

from __future__ import annotations

import csv
import json
import operator
import re
from typing import IO, Any

__all__ = ["FORMATS", "make_writer", "Writer", "json_line", "visible"]

FORMATS = ("table", "json", "jsonl", "csv", "tsv", "geojson")
try:  # extract's mention records, written by the compiled core (gazetteer._core)
    from ._core import mention_json_line as _mention_json_line
except ImportError:  # an older build of the core: the format string below writes them

    def _mention_json_line(record: dict) -> None:
        return None


# one encoder for every record: json.dumps(..., ensure_ascii=False) builds a new one per call
_to_json = json.JSONEncoder(ensure_ascii=False).encode
_json_str = json.encoder.encode_basestring  # the C function the encoder uses for strings
# The fields of a mention record (extract) that describe its place: the same for every
# mention of a place, so their JSON is made once per place.
_PLACE_FIELDS = ("id", "name", "kind", "country", "lat", "lon")
_MENTION_LAYOUT = ("path", "start", "end", "text", *_PLACE_FIELDS, "score", "method", "cue", "byte_start", "byte_end")
# extract's review fields follow (filled by gazetteer.review, which takes this tuple)
REVIEW_FIELDS = ("district", "wof_id", "geonames_id", "context", "needs_review")
_REVIEW_LAYOUT = (*_MENTION_LAYOUT, *REVIEW_FIELDS)
_review_of = operator.itemgetter(*REVIEW_FIELDS)
_place_json: dict[tuple, str] = {}
_place_of = operator.itemgetter(*_PLACE_FIELDS)
_strings_of = operator.itemgetter("path", "text", "method")
_numbers_of = operator.itemgetter("start", "end", "byte_start", "byte_end", "score", "cue")


def json_line(record: dict) -> str:
    """``json.dumps(record, ensure_ascii=False) + "\\n"``, byte for byte, several times
    faster for mention records (a corpus gives tens of thousands a megabyte): the compiled
    core writes those whose values are plain (str, int, finite float, bool, None)."""
    if type(record) is dict:
        line = _mention_json_line(record)
        if line is not None:
            return line
    layout = tuple(record)
    review = layout == _REVIEW_LAYOUT
    if review or layout == _MENTION_LAYOUT:
        start, end, bs, be, score, cue = _numbers_of(record)
        if (
            type(start) is int
            and type(end) is int
            and type(bs) is int
            and type(be) is int
            and type(score) is float
            and score - score == 0.0  # finite: json writes NaN and Infinity its own way
            and (cue is None or type(cue) is str)
        ):
            place = _place_of(record)
            frag = _place_json.get(place)
            if frag is None:
                if len(_place_json) > 50_000:
                    _place_json.clear()
                frag = _place_json[place] = _to_json(dict(zip(_PLACE_FIELDS, place)))[1:-1]
            path, text, method = _strings_of(record)
            line = (
                f'{{"path": {_json_str(path) if type(path) is str else _to_json(path)}, '
                f'"start": {start}, "end": {end}, '
                f'"text": {_json_str(text) if type(text) is str else _to_json(text)}, {frag}, "score": {score!r}, '
                f'"method": {_json_str(method) if type(method) is str else _to_json(method)}, '
                f'"cue": {"null" if cue is None else _json_str(cue)}, '
                f'"byte_start": {bs}, "byte_end": {be}'
            )
            if not review:
                return line + "}\n"
            district, wof, geonames, context, flag = _review_of(record)
            if (
                type(flag) is bool
                and (district is None or type(district) is str)
                and (wof is None or type(wof) is str)
                and (geonames is None or type(geonames) is str)
                and type(context) is str
            ):
                return (
                    f'{line}, "district": {"null" if district is None else _json_str(district)}, '
                    f'"wof_id": {"null" if wof is None else _json_str(wof)}, '
                    f'"geonames_id": {"null" if geonames is None else _json_str(geonames)}, '
                    f'"context": {_json_str(context)}, "needs_review": {"true" if flag else "false"}}}\n'
                )
    return _to_json(record) + "\n"


# CSV injection (OWASP): a spreadsheet runs a cell that starts with one of these.
_FORMULA_START = frozenset("=+-@\t\r")
_QUOTE_CHECK = frozenset("=+-@\t\r'")  # the first characters worth a closer look
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")
# Characters a terminal obeys instead of showing: C0, DEL, C1, bidi embeddings,
# overrides and isolates. Shown as Python-style escapes.
_SHOWN = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))}
_SHOWN.update({0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"})
_SHOWN.update({c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_needs_showing = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]").search


def _sheet_text(text: str) -> str:
    """A text cell for CSV/TSV, with a ``'`` in front when a spreadsheet would take
    it for a formula (see the module docstring)."""
    if text and text[0] in _QUOTE_CHECK and text.lstrip("'")[:1] in _FORMULA_START and not _NUMBER.match(text):
        return "'" + text
    return text


def visible(text: str) -> str:
    """``text`` with control and bidi characters shown as escapes, for a terminal."""
    return text.translate(_SHOWN) if _needs_showing(text) else text


def _csv_quoted(cell: str) -> str:
    if any(c in cell for c in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) >= 1000 else f"{value:.5f}".rstrip("0").rstrip(".")
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class Writer:
    def __init__(self, stream: IO[str], fields: list[str]):
        self.stream = stream
        self.fields = fields

    def write(self, record: dict) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:
        self.stream.flush()


class JsonLinesWriter(Writer):
    def write_lines(self, text: str) -> None:
        """Write finished JSON Lines (``json_line`` of records, made elsewhere at once)."""
        self.stream.write(text)

    def write_bytes(self, data: bytes) -> None:
        """Write finished JSON Lines as UTF-8 bytes (as the text stream would encode them:
        ``surrogateescape``), straight to the binary stream under the text one."""
        buffer = getattr(self.stream, "buffer", None)
        if buffer is None:  # a text stream alone (a test's, an IDE's)
            self.stream.write(data.decode("utf-8", "surrogateescape"))
            return
        self.stream.flush()
        buffer.write(data)

    def write(self, record: dict) -> None:
        self.stream.write(json_line(record))


class JsonArrayWriter(Writer):
    def __init__(self, stream, fields):
        super().__init__(stream, fields)
        self.n = 0

    def write(self, record: dict) -> None:
        self.stream.write(("[\n" if self.n == 0 else ",\n") + "  " + _to_json(record))
        self.n += 1

    def close(self) -> None:
        self.stream.write("[]\n" if self.n == 0 else "\n]\n")
        super().close()


class DelimitedWriter(Writer):
    def __init__(self, stream, fields, delimiter: str):
        super().__init__(stream, fields)
        self.delimiter = delimiter
        self.out = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
        self.out.writerow(fields)

    def write(self, record: dict) -> None:
        # only text is quoted against formulas: numbers must stay numbers
        row = [_sheet_text(v) if isinstance(v, str) else _cell(v) for v in map(record.get, self.fields)]
        if self.delimiter == "\t":
            row = [c.replace("\t", " ").replace("\n", " ").replace("\r", " ") for c in row]
        elif any("\r" in c for c in row):
            # csv.writer leaves a bare carriage return unquoted, which a reader takes for a line end
            self.stream.write(",".join(map(_csv_quoted, row)) + "\n")
            return
        self.out.writerow(row)


class TableWriter(Writer):
    """Aligned columns for people; buffers, since widths need every row."""

    def __init__(self, stream, fields):
        super().__init__(stream, fields)
        self.rows: list[list[str]] = []

    def write(self, record: dict) -> None:
        self.rows.append([visible(_cell(v)) if v is not None else "-" for v in map(record.get, self.fields)])
        if len(self.rows) >= 500:
            self._flush()

    def _flush(self) -> None:
        if not self.rows:
            return
        widths = [max(len(f), *(len(r[i]) for r in self.rows)) for i, f in enumerate(self.fields)]
        self.stream.write("  ".join(f.ljust(w) for f, w in zip(self.fields, widths)).rstrip() + "\n")
        for r in self.rows:
            self.stream.write("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")
        self.rows = []

    def close(self) -> None:
        self._flush()
        super().close()


class GeoJsonWriter(Writer):
    """A FeatureCollection; records without coordinates are left out."""

    def __init__(self, stream, fields):
        super().__init__(stream, fields)
        self.n = 0

    def write(self, record: dict) -> None:
        lat, lon = record.get("lat"), record.get("lon")
        if lat is None or lon is None:
            return
        props = {k: v for k, v in record.items() if k not in ("lat", "lon")}
        feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}
        head = '{"type": "FeatureCollection", "features": [\n' if self.n == 0 else ",\n"
        self.stream.write(head + _to_json(feature))
        self.n += 1

    def close(self) -> None:
        if self.n == 0:
            self.stream.write('{"type": "FeatureCollection", "features": []}\n')
        else:
            self.stream.write("\n]}\n")
        super().close()


def make_writer(fmt: str, stream: IO[str], fields: list[str]) -> Writer:
    if fmt == "jsonl":
        return JsonLinesWriter(stream, fields)
    if fmt == "json":
        return JsonArrayWriter(stream, fields)
    if fmt == "csv":
        return DelimitedWriter(stream, fields, ",")
    if fmt == "tsv":
        return DelimitedWriter(stream, fields, "\t")
    if fmt == "geojson":
        return GeoJsonWriter(stream, fields)
    if fmt == "table":
        return TableWriter(stream, fields)
    raise ValueError(f"unknown format {fmt!r}")
