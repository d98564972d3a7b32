"""A cold ``gazetteer lookup NAME`` answered without click, the API or the matcher (issue 15).

A one-name lookup process spent most of its time importing: click, the API, the index
module, the matcher and the language lists it reads at import. Most queries need none
of that: a name that is a known key of the index (``Füzuli``, ``Ханкенди``) or one word
with a case ending on a known key (``Füzulidə``, ``Cəbrayılın``) is answered by a few
indexed probes of the compiled index and a little arithmetic. This module answers those,
and only those, by the matcher's own early decisions (gazetteer/early.py, which the
matcher calls too); for anything else it says so (``None``) and the launcher
(gazetteer/launch.py) hands the command to the click CLI unchanged. What is its own is
how it reads: the snapshot, the SQLite index, the Turkic endings without the language
package, the records the CLI prints.

What it needs of the package (the index file, the word lists' numbers, the endings, the
organisations' names) it reads from a *snapshot* in the cache folder, written by
gazetteer/quick_build.py from the real modules after a lookup that found none. The
snapshot records the identity (size, mtime, inode) of every file of the package and of
the tables the index was compiled from: when any of them changes, the snapshot is stale
and the CLI answers until a new one is written. Before it is written the snapshot is
checked: its answers to a sample of the table's names (as written, lower-cased, with
case endings) must equal the API's, else it is written switched off.

It imports only C modules (``_sqlite3``, ``_json``, ``marshal``, ``zlib``), the
compiled core's ``fold`` and ``skeleton``, and gazetteer/early.py with the weights.
"""

from __future__ import annotations

import os
import sys

from . import early

SNAPSHOT_VERSION = 4  # 4: the English adjective stems (early.english_adjective)
_ID_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
# matcher._ITEM_NUMBER: a list's item number before the name ("12. Qubadlı")
_ITEM_NUMBER = r"^\s*(?:\(\d{1,4}\)|\d{1,4}[.)]|№\s*\d{1,4}[.)]?)\s+(?=\S)"


class Request:
    """What the launcher recognised: ``lookup NAME... [--format F] [--top N] [--naming L]``
    (None for an option not given)."""

    __slots__ = ("names", "fmt", "top", "naming")

    def __init__(self, names: list[str], fmt: str | None, top: int | None, naming: str | None):
        self.names, self.fmt, self.top, self.naming = names, fmt, top, naming


class Miss:
    """Why the quick path did not answer; ``stale``: a new snapshot is worth writing."""

    __slots__ = ("reason", "stale")

    def __init__(self, reason: str, stale: bool = False):
        self.reason, self.stale = reason, stale

    def __repr__(self) -> str:
        return f"Miss({self.reason!r}, stale={self.stale})"


# ---------------------------------------------------------------- where things are
def cache_path() -> str:
    """index.cache_dir()'s folder, without creating it."""
    env = os.environ.get("GAZETTEER_CACHE")
    if env:
        return env
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "gazetteer")


def package_dir() -> str:
    return os.path.dirname(os.path.abspath(__file__))


def snapshot_path(cache: str) -> str:
    """One snapshot per installed package and interpreter (marshal's format is the interpreter's)."""
    import zlib

    tag = zlib.crc32(f"{package_dir()}|{sys.version}".encode("utf-8", "surrogateescape"))
    return os.path.join(cache, f"quick-lookup-{tag:08x}.marshal")


def identity(path: str) -> tuple | None:
    """What changes when a file is written, replaced or repointed; None when it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)


def _private(path: str) -> bool:
    """index._check_private's test: ours and writable by nobody else (else the CLI reports it)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or (st.st_uid == getuid() and not st.st_mode & 0o022)


def load_snapshot() -> dict | Miss:
    """The snapshot for this package, or why there is none usable."""
    if os.environ.get("GAZETTEER_PLACES"):
        return Miss("user tables in $GAZETTEER_PLACES")
    cache = cache_path()
    if not _private(cache):
        # none yet (the CLI makes it: a snapshot is worth writing then), or one the CLI refuses
        return Miss("no private cache folder", stale=not os.path.isdir(cache))
    path = snapshot_path(cache)
    import marshal

    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            getuid = getattr(os, "getuid", None)
            if getuid is not None and st.st_uid != getuid():
                return Miss("snapshot not ours", stale=True)
            snap = marshal.loads(f.read())
    except (OSError, EOFError, ValueError, TypeError):
        return Miss("no snapshot", stale=True)
    if type(snap) is not dict or snap.get("version") != SNAPSHOT_VERSION or snap.get("python") != sys.version:
        return Miss("snapshot of another version", stale=True)
    for file, was in snap["watched"]:
        if identity(file) != was:
            return Miss(f"changed since the snapshot: {file}", stale=True)
    if not snap["enabled"]:
        return Miss(f"switched off: {snap['why']}")
    return snap


# ---------------------------------------------------------------- the index file
class Index:
    """Read access to the cached compiled index, as index.CompiledIndex reads it (the same
    queries), opened only when index._open_cached would open it without writing."""

    def __init__(self, conn, snap: dict):
        self.conn = conn
        self.snap = snap
        self._places: dict[int, tuple] = {}
        self._variants: dict[int, tuple] = {}
        self._place_sql = f"SELECT {', '.join(snap['place_row'])} FROM places WHERE i=?"
        self._row = _row_type(snap["place_row"])

    @classmethod
    def open(cls, snap: dict) -> Index | None:
        target = snap["index"]
        try:
            with open(target, "rb") as f:
                st = os.fstat(f.fileno())
                header = f.read(100)
        except OSError:
            return None
        getuid = getattr(os, "getuid", None)
        if getuid is not None and st.st_uid != getuid():
            return None
        import stat as _stat

        if not _stat.S_ISREG(st.st_mode):
            return None
        try:
            with open(target + ".checked", encoding="ascii") as f:
                ident, _, crc = f.read().rpartition(" ")
            crc = int(crc)
        except (OSError, ValueError):
            return None  # not checked yet: the CLI sums it and writes the stamp
        if ident != f"{st.st_size} {st.st_ino} {st.st_mtime_ns} {st.st_ctime_ns}":
            return None
        if not _whole(header, crc, st.st_size, snap["application_id"]):
            return None
        import time

        if time.time() - st.st_mtime > snap["touch_after"]:
            return None  # due its hourly touch (index._prune's "recently used"): the CLI does it
        try:
            import _sqlite3

            conn = _sqlite3.connect(snap["index_uri"], uri=True, check_same_thread=False)
            row = conn.execute("SELECT val FROM meta WHERE k='version'").fetchone()
        except Exception:
            return None
        if row is None or row[0] != snap["index_version"]:
            conn.close()
            return None
        return cls(conn, snap)

    def postings(self, key: str, level: int = 0) -> tuple[int, ...]:
        rows = self.conn.execute("SELECT v FROM keys WHERE level=? AND key=?", (level, key)).fetchall()
        return tuple(r[0] for r in rows)

    def variant(self, v: int) -> tuple:
        row = self._variants.get(v)
        if row is None:
            row = self._variants[v] = self.conn.execute(
                "SELECT place, text, lang, type, needs_context FROM variants WHERE v=?", (v,)
            ).fetchone()
        return row

    def place(self, i: int) -> tuple:
        row = self._places.get(i)
        if row is None:
            row = self._places[i] = self._row(self.conn.execute(self._place_sql, (i,)).fetchone())
        return row

    def place_index(self, place_id: str) -> int | None:
        row = self.conn.execute("SELECT i FROM places WHERE id=?", (place_id,)).fetchone()
        return row[0] if row else None

    def alias(self, old_id: str) -> tuple | None:
        row = self.conn.execute("SELECT id, reason FROM aliases WHERE alias=?", (old_id,)).fetchone()
        return (row[0], row[1] or "") if row else None

    def in_words(self, word: str, which: int) -> bool:
        return self.conn.execute("SELECT 1 FROM words WHERE w=? AND list=?", (word, which)).fetchone() is not None


def _row_type(columns) -> type:
    """A tuple of the columns with an attribute for each (records.PlaceRow's reading, which
    early.py's functions use), without importing collections or typing."""

    def column(i: int) -> property:
        return property(lambda row: row[i])

    return type("PlaceRow", (tuple,), {"__slots__": (), **{c: column(i) for i, c in enumerate(columns)}})


def _whole(header: bytes, crc: int, size: int, application_id: int) -> bool:
    """index._whole: a complete, sealed index of ``size`` bytes."""
    if len(header) < 100 or header[:16] != b"SQLite format 3\x00":
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    return (
        page_size * pages == size
        and int.from_bytes(header[68:72], "big") == application_id
        and int.from_bytes(header[60:64], "big") == crc
    )


# ---------------------------------------------------------------- the lookup
class QuickLookup:
    """Gazetteer.candidates for the queries it can answer exactly; None for the others."""

    def __init__(self, index: Index, snap: dict):
        from ._core import fold, skeleton

        self.ix = index
        self.s = snap
        self.fold = fold
        common = snap["common_list"]
        self.early = early.Inputs(
            postings=index.postings,
            variant=index.variant,
            place=index.place,
            is_common=lambda key: index.in_words(key, common),
            skeleton=skeleton,
            lemmas=self._lemmas,
            has_armenian=lambda text: _has(text, snap["armenian"]),
            is_cyrillic=lambda text: _has(text, snap["cyrillic"]),
            org_names=snap["org_names"],
            surname_endings=snap["surname_endings"],
            demonym_endings=snap.get("demonym_endings", ()),
            two_letter_marks=snap.get("two_letter_marks", ""),
            adjective_stems=snap.get("adjective_stems", ()),
            conflict_box=snap["conflict_box"],
            # (no near_prominent: a key naming small villages only is left to the matcher,
            # which reads it as a prominent place's case or misspelling when it is one)
        )

    def _p(self, i: int, col: str):
        return getattr(self.ix.place(i), col)

    def _lemmas(self, key: str) -> list[str]:
        """inflection.lemmas(key, russian=False) of a one-word key: the Turkic endings."""
        s = self.s
        endings, min_stem = s["turkic_endings"], s["min_stem"]
        out: list[str] = []
        for n in s["turkic_lengths"]:
            if len(key) - n >= min_stem:
                suf = key[-n:]
                if suf in endings:
                    stem = key[:-n]
                    if _harmonises(stem, suf):
                        if stem.endswith("y"):
                            stem = stem[:-1] + "i"
                        if stem not in out and stem != key:
                            out.append(stem)
        return out

    def matches(self, query: str) -> tuple[early.Candidate, ...] | None:
        """Matcher.lookup(query), or None when the query needs more than the early decisions."""
        if len(query) > early.QUERY_MAX_CHARS:
            return ()  # no name nor address (Matcher.lookup)
        if query[:1].isspace() or query[:1].isdigit() or query[:1] in "(№":
            import re

            query = re.sub(_ITEM_NUMBER, "", query, count=1)  # Matcher._without_item_number
        if "/" in query and "," not in query:
            return None  # Matcher._cell_spellings: spellings of one name in one cell ("Arış / Arish")
        key = self.fold(query)
        if not key:
            return ()
        return early.answer(query, key, self.early)

    def _name(self, i: int, naming: str) -> str:
        if naming == "en":
            return self._p(i, "name")
        return self._p(i, "name_" + naming) or self._p(i, "name")

    def _district(self, i: int, naming: str) -> str | None:
        parent = self._p(i, "parent")
        if not parent:
            return None
        j = self.ix.place_index(parent)
        return None if j is None else self._name(j, naming)

    def _by_alias(self, name: str, named: bool, naming: str) -> list | None:
        """Gazetteer._by_alias as a record's values, [] for none, None when unsure."""
        text = name.strip()
        if not text:
            return []
        if named:
            if not set(text) <= _ID_LETTERS or not any(c == "_" or c.isdigit() for c in text):
                return []  # not written as an id (aliases.looks_like_id): the name means the name
            return None  # maybe an old id: the API decides
        if self.ix.place_index(text) is not None:
            return []
        old = self.ix.alias(text)
        i = self.ix.place_index(old[0]) if old else None
        if i is None:
            return []
        return [
            name, self._p(i, "id"), self._name(i, naming), self._p(i, "kind"), self._p(i, "country"),
            self._district(i, naming), self._p(i, "lat"), self._p(i, "lon"), 100.0, text, "alias", False,
        ]  # fmt: skip

    def records(self, name: str, top: int, naming: str) -> list[dict] | None:
        """The records ``gazetteer lookup`` prints for one name (batch_lookup._records of
        Gazetteer.candidates), or None when this module cannot be sure of them."""
        found = self.matches(name)
        if found is None:
            return None
        alias = self._by_alias(name, bool(found), naming)
        if alias is None or (alias and found):
            return None
        fields = self.s["fields"]
        rows = [alias] if alias else []
        for cand in found[:top]:
            i = cand.place
            rows.append(
                [
                    name, self._p(i, "id"), self._name(i, naming), self._p(i, "kind"), self._p(i, "country"),
                    self._district(i, naming), self._p(i, "lat"), self._p(i, "lon"), round(cand.score, 1),
                    self.ix.variant(cand.variant)[1], cand.method, cand.needs_context,
                ]
            )  # fmt: skip
        if not rows:
            rec = dict.fromkeys(fields)
            rec["query"] = name
            if top > 1:
                rec["rank"] = None
            return [rec]
        out = []
        for rank, row in enumerate(rows, 1):
            rec = dict(zip(fields, row))
            if top > 1:
                rec["rank"] = rank
            out.append(rec)
        return out


def _has(text: str, span: tuple[str, str]) -> bool:
    """Does the text hold a letter of the span (text.scripts' range of a script)?"""
    lo, hi = span
    return any(lo <= ch <= hi for ch in text)


def _harmonises(stem: str, suffix: str) -> bool:
    """lang/az/morphology._harmonises: vowel harmony as folding leaves it visible."""
    last = next((ch for ch in reversed(stem) if ch in "aeiou"), "")
    if not last:
        return True
    if "e" in suffix and last == "a":
        return False
    if "a" in suffix and last == "e":
        return False
    if "u" in suffix and last not in "ou":
        return False
    return True


# ---------------------------------------------------------------- output
def _encoder():
    """json.JSONEncoder(ensure_ascii=False).encode's C encoder (what formats.json_line
    writes a lookup record with), or None where the interpreter has none."""
    try:
        from _json import encode_basestring, make_encoder
    except ImportError:
        return None

    def default(o):
        raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")

    encode = make_encoder({}, default, encode_basestring, None, ": ", ", ", False, False, True)
    return lambda rec: "".join(encode(rec, 0)) + "\n"


def answer_all(req: Request, snap: dict | None = None) -> tuple[list[list[dict]], str] | Miss:
    """Every name's records and the format they are printed in, or why not."""
    if snap is None:
        got = load_snapshot()
        if isinstance(got, Miss):
            return got
        snap = got
    cli = snap["cli"]  # cli.lookup's choices and defaults: a value click refuses is click's to report
    top = cli["top_default"] if req.top is None else req.top
    naming = cli["naming_default"] if req.naming is None else req.naming
    if not cli["top_min"] <= top <= cli["top_max"] or naming not in cli["namings"]:
        return Miss("an option value the CLI decides on")
    if req.fmt is not None and req.fmt not in cli["formats"]:
        return Miss("an option value the CLI decides on")
    for name in req.names:
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            return Miss("a name with bytes that are not UTF-8")
    index = Index.open(snap)
    if index is None:
        return Miss("the index file is not ready to read as it is")
    try:
        look = QuickLookup(index, snap)
        out = []
        for name in req.names:
            recs = look.records(name, top, naming)
            if recs is None:
                return Miss(f"a query the matcher decides: {name!r}")
            out.append(recs)
    finally:
        index.conn.close()
    if getattr(sys.stdout, "buffer", None) is None:
        return Miss("stdout is not a file")  # closed, or replaced (tests, IDEs): the CLI copes
    fmt = req.fmt or ("table" if sys.stdout.isatty() else "jsonl")
    return out, fmt


def run(req: Request) -> int | Miss:
    """Answer the request on stdout; the exit status (0, or 1 when some name matched
    nothing, and cli._guard's exits), or a Miss before anything is written."""
    import _signal

    try:  # as cli._guard: SIGTERM exits 143 with one line
        previous = _signal.signal(_signal.SIGTERM, _raise_terminated)
    except (ValueError, OSError):  # not the main thread
        previous = None
    try:
        try:
            got = answer_all(req)
        except Exception as exc:  # anything unforeseen: the CLI answers (and reports) instead
            if os.environ.get("GAZETTEER_DEBUG"):
                raise
            got = Miss(f"{type(exc).__name__}: {exc}")
        line = None
        if not isinstance(got, Miss) and got[1] == "jsonl":
            line = _encoder()
            if line is None:
                got = Miss("no C JSON encoder")
        if isinstance(got, Miss):
            if previous is not None:
                _signal.signal(_signal.SIGTERM, previous)
            return got
        answers, fmt = got
        return _write(answers, fmt, line, list(answers[0][0]))  # the fields ("rank" last with --top > 1)
    except KeyboardInterrupt:
        sys.stderr.write("gazetteer: interrupted\n")
        return 130
    except _Terminated:
        sys.stderr.write("gazetteer: terminated\n")
        return 143


def _write(answers: list[list[dict]], fmt: str, line, fields: list[str]) -> int:
    """Write the records as cli.lookup does (its stdout, its writer), with its guard's exits."""
    import io

    unmatched = sum(1 for recs in answers if recs[0]["id"] is None)
    try:
        stream = io.TextIOWrapper(
            sys.stdout.buffer,
            encoding="utf-8",
            errors="surrogateescape",
            newline="\n",
            line_buffering=sys.stdout.isatty(),
            write_through=False,
        )
        if line is not None:
            for recs in answers:
                for rec in recs:
                    stream.write(line(rec))
            stream.flush()
        else:
            from .formats import make_writer

            writer = make_writer(fmt, stream, fields)
            for recs in answers:
                for rec in recs:
                    writer.write(rec)
            writer.close()
    except BrokenPipeError:
        _discard_stdout()
        return 0
    except OSError as exc:
        where = f" {exc.filename}" if getattr(exc, "filename", None) else " output"
        _discard_stdout()
        sys.stderr.write(f"gazetteer: cannot write{where}: {(exc.strerror or str(exc)).lower()}\n")
        return 1
    return 1 if unmatched else 0


class _Terminated(BaseException):
    """SIGTERM while writing: cli._Terminated's exit (143, one line)."""


def _raise_terminated(signum, frame):
    raise _Terminated


def _discard_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
