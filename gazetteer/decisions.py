"""Review before rewriting: the decisions of a reviewed ``extract --format csv`` table.

``gazetteer extract --format csv FILES > decisions.csv`` gives a row per mention;
the user adds a ``decision`` column: ``keep`` (or empty) applies the tool's
replacement, ``reject`` leaves the mention as it is, another place id rewrites it
to that place. ``normalise --decisions decisions.csv`` then rewrites only the
mentions that have a row, each as decided.

A row is matched to a mention by path and code-point offsets (start, end), and
its ``text`` must be the file's text at those offsets: a row the file no longer
agrees with (the file was edited since) is stale, reported and skipped, so a
decision is never applied to the wrong bytes.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass

from .errors import UsageError

__all__ = ["Decisions", "FileDecisions", "REQUIRED"]

REQUIRED = ("path", "start", "end", "text")
KEEP, REJECT = "keep", "reject"
# gazetteer's CSV output puts a ' before a text cell a spreadsheet would run as a
# formula (gazetteer.formats): one ' comes off a cell that matches this
_FORMULA_QUOTED = re.compile("'+[=+\\-@\t\r]")


def unquote(cell: str) -> str:
    """A CSV cell as gazetteer wrote it, back to the text it stands for."""
    return cell[1:] if _FORMULA_QUOTED.match(cell) else cell


@dataclass(slots=True)
class Row:
    line: int  # the row's number as a spreadsheet shows it (the header is row 1)
    start: int
    end: int
    text: str
    decision: str  # keep, reject or a place id
    place: int | None = None  # the index of that place id
    used: bool = False


class Decisions:
    """The rows of a decisions file, by path; :meth:`for_file` gives the hook that
    :func:`gazetteer.documents.normalise_stream` consults for one file."""

    def __init__(self, source: str, rows: dict[str, list[Row]], gz, naming: str = "en", mode: str = "replace"):
        self.source = source
        self.rows = rows
        self.gz = gz
        self.naming = naming
        self.mode = mode
        self.problems: list[str] = []  # "FILE: row N: ..." lines, said by the caller
        self._real: dict[str, str] | None = None
        self.matched: set[int] = set()  # ids of the row lists some input took

    @classmethod
    def load(cls, path: str, gz, naming: str = "en", mode: str = "replace") -> Decisions:
        """Read and check a decisions file; a file that is not a decisions table raises
        UsageError (exit 2) with one line."""
        try:
            with open(path, "rb") as fh:
                raw = fh.read()
        except OSError as exc:
            raise UsageError(f"--decisions {path}: {(exc.strerror or str(exc)).lower()}") from None
        if b"\0" in raw[:8192]:
            raise UsageError(f"--decisions {path}: not a CSV file (binary data)")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UsageError(f"--decisions {path}: not a UTF-8 CSV file") from None
        first = text.split("\n", 1)[0]
        delimiter = max((",", "\t", ";"), key=first.count) if first else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = [unquote(h).strip().lower() for h in next(reader, [])]
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                raise UsageError(
                    f"--decisions {path}: not a decisions table: missing column(s) {', '.join(missing)} "
                    f"(needs {', '.join(REQUIRED)}, as written by extract --format csv)"
                )
            col = {name: header.index(name) for name in (*REQUIRED, "decision") if name in header}
            rows: dict[str, list[Row]] = {}
            seen: dict[tuple[str, int, int], int] = {}
            problems: list[str] = []
            for number, cells in enumerate(reader, start=2):
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) < len(header):
                    cells = cells + [""] * (len(header) - len(cells))
                where = unquote(cells[col["path"]])
                try:
                    start, end = int(cells[col["start"]]), int(cells[col["end"]])
                except ValueError:
                    raise UsageError(f"--decisions {path}: row {number}: start and end must be whole numbers") from None
                if not 0 <= start <= end:
                    raise UsageError(f"--decisions {path}: row {number}: start and end are not a span")
                key = (where, start, end)
                if key in seen:
                    raise UsageError(f"--decisions {path}: row {number}: the same mention as row {seen[key]}")
                seen[key] = number
                decision = unquote(cells[col["decision"]]).strip() if "decision" in col else ""
                row = Row(number, start, end, unquote(cells[col["text"]]), decision.lower() or KEEP)
                if row.decision not in (KEEP, REJECT):
                    row.decision = decision
                    row.place = gz.index.place_index(decision)
                    if row.place is None:
                        problems.append(f"{where}: row {number}: unknown place id {decision!r}, skipped")
                        continue
                rows.setdefault(where, []).append(row)
        except csv.Error as exc:
            raise UsageError(f"--decisions {path}: not a CSV file ({exc})") from None
        for file_rows in rows.values():
            file_rows.sort(key=lambda r: (r.start, r.end))
        made = cls(path, rows, gz, naming, mode)
        made.problems.extend(problems)
        return made

    def for_file(self, name: str, path=None) -> FileDecisions:
        """The rows of one input, by the name it was given as (the ``path`` column of
        extract), else by the file it is; an input with no rows gets an empty hook (none
        of its mentions is rewritten)."""
        rows = self.rows.get(name)
        if rows is None and path is not None:
            if self._real is None:
                self._real = {os.path.realpath(p): p for p in self.rows if p != "-"}
            key = self._real.get(os.path.realpath(path))
            rows = self.rows.get(key) if key is not None else None
        if rows is not None:
            self.matched.add(id(rows))
        return FileDecisions(self, name, rows or [])

    def unmatched_paths(self) -> list[str]:
        """Paths of the table that no input was (their rows were not used)."""
        return [p for p, rows in self.rows.items() if id(rows) not in self.matched]

    def take_problems(self) -> list[str]:
        out, self.problems = self.problems, []
        return out


class FileDecisions:
    """The hook of :func:`gazetteer.documents.normalise_stream` for one file:
    :meth:`choose` says what to write for each mention, :meth:`piece_done` and
    :meth:`finish` report the rows no mention matched (stale)."""

    def __init__(self, owner: Decisions, name: str, rows: list[Row]):
        self.owner = owner
        self.name = name
        self.by_span = {(r.start, r.end): r for r in rows}
        self.pending = list(reversed(rows))  # by start, the next one last
        self.stale = 0

    def choose(self, m, base: int):
        """None: leave the mention as it is; else ``(mention, text)``: rewrite it as the
        tool rewrites ``mention`` (text None) or to ``text``."""
        row = self.by_span.get((base + m.start, base + m.end))
        if row is None or row.text != m.text:
            return None  # no row (or a stale one, said by piece_done): unchanged
        row.used = True
        if row.decision == KEEP:
            return m, None
        if row.decision == REJECT:
            return None
        target = m._replace(place=row.place)
        if self.owner.mode == "replace":  # that place's canonical name, as it stands
            return target, self.owner.gz._place(row.place).name_in(self.owner.naming)
        return target, None

    def piece_done(self, base: int, piece: str) -> None:
        """Rows that start in this piece are settled now: any that no mention took is
        stale (the text at its offsets differs) or names no mention any more."""
        limit = base + len(piece)
        while self.pending and self.pending[-1].start < limit:
            row = self.pending.pop()
            if row.used:
                continue
            if row.end <= limit and piece[row.start - base : row.end - base] == row.text:
                self._say(row, "no place mention found at these offsets now, skipped")
            else:
                self._say(row, "stale, skipped")

    def finish(self) -> None:
        while self.pending:
            self._say(self.pending.pop(), "stale, skipped")

    def _say(self, row: Row, what: str) -> None:
        self.stale += 1
        self.owner.problems.append(f"{self.name}: row {row.line}: {what}")
