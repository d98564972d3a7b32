"""The compiled table: folded keys -> variants -> places, cached on disk.

Folding 150,000 variants takes seconds, reading them back as Python objects a
few hundred milliseconds; a one-name lookup must answer faster than that. So
the compiled form is an SQLite file in the user's cache folder, keyed by the
table files (path, size, mtime) and the folding code's version: a single
lookup probes it with a handful of indexed queries, and a batch (many
lookups, or text scanning) pulls it into dictionaries once.
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import sys
import zlib
from collections import defaultdict
from pathlib import Path

from .table import PLACE_COLUMNS, Place, Variant, importance, read_places, read_variants
from .text.folding import fold, skeleton
from .wordlist import AMBIGUOUS, COMMON, read_words, word_files

__all__ = ["CompiledIndex", "INDEX_VERSION", "PLACE_ROW", "cache_dir"]

# Bump when folding, skeleton or the schema below changes.
INDEX_VERSION = "10"
# Word-list queries after which the lists are read into memory (about 15 MB)
_WORD_QUERIES_BEFORE_LOAD = 20_000
# Variant types in order of trust: a place's own name beats an import's alias.
TYPE_RANK = {
    "canonical": 0,
    "official": 1,
    "common": 1,
    "preferred": 2,
    "armenian": 2,
    "turkish": 2,
    "russian": 2,
    "soviet": 3,
    "historical": 3,
    "romanisation": 3,
    "abbreviation": 3,
    "colloquial": 4,
    "variant": 4,
    "mt_error": 5,
}
PROMOTE_AFTER = 40
# meta row holding the folded postings (level 0) marshalled: what the text scanner needs,
# read back in milliseconds instead of rebuilt from rows. marshal's format follows Python.
_SCAN_KEYS = f"scan-keys-py{sys.version_info[0]}.{sys.version_info[1]}"
# The fields of a place row as the index hands it out (``CompiledIndex.place``): the
# table's columns but the source ids, then the computed importance.
PLACE_ROW = (*(c for c in PLACE_COLUMNS if c not in ("wof_id", "geonames_id")), "importance")

SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, val TEXT);
CREATE TABLE places(i INTEGER PRIMARY KEY, id TEXT, name TEXT, kind TEXT, country TEXT,
    parent TEXT, lat REAL, lon REAL, population INTEGER, source TEXT,
    name_az TEXT, name_ru TEXT, name_hy TEXT, importance REAL);
CREATE TABLE variants(v INTEGER PRIMARY KEY, place INTEGER, text TEXT, lang TEXT,
    type TEXT, needs_context INTEGER, source TEXT);
CREATE TABLE keys(level INTEGER, key TEXT, v INTEGER);
CREATE TABLE words(w TEXT, list INTEGER, PRIMARY KEY (w, list)) WITHOUT ROWID;
"""


def cache_dir() -> Path:
    env = os.environ.get("GAZETTEER_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gazetteer"


def _fingerprint(paths: list[tuple[Path, Path | None]]) -> str:
    """A cache key, not a signature: CRC-32 of what decides the compiled form (the
    table files by path, size and mtime, the word lists, and the code that folds
    and ranks), cheap enough for every start."""
    parts = [INDEX_VERSION.encode()]
    here = os.path.dirname(os.path.abspath(__file__))
    for name in (os.path.join("text", "folding.py"), os.path.join("text", "tokens.py"), "table.py", "index.py"):
        with open(os.path.join(here, name), "rb") as f:
            parts.append(f.read())
    files = list(word_files().values()) + [str(p) for pair in paths for p in pair if p is not None]
    for path in files:
        try:
            st = os.stat(path)
        except OSError:
            parts.append(b"-")
            continue
        parts.append(f"{os.path.realpath(path)}|{st.st_size}|{st.st_mtime_ns}".encode())
    a = b = 0
    for part in parts:
        a = zlib.crc32(part, a)
        b = zlib.adler32(part, b)
    return f"{a:08x}{b:08x}"


def _merge(tables: list[tuple[list[Place], list[Variant]]]) -> tuple[list[Place], list[Variant]]:
    """Later tables extend or replace earlier ones, by id."""
    by_id: dict[str, Place] = {}
    variants: dict[str, list[Variant]] = defaultdict(list)
    for places, vars_ in tables:
        replaced = {p.id for p in places if p.id in by_id}
        for pid in replaced:
            variants.pop(pid, None)
        for p in places:
            by_id[p.id] = p
        for v in vars_:
            variants[v.id].append(v)
    merged_vars = [v for pid in by_id for v in variants.get(pid, ())]
    return list(by_id.values()), merged_vars


def _compile(conn: sqlite3.Connection, places: list[Place], variants: list[Variant]) -> None:
    conn.executescript(SCHEMA)
    index_of = {p.id: i for i, p in enumerate(places)}
    conn.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                i,
                p.id,
                p.name,
                p.kind,
                p.country,
                p.parent,
                p.lat,
                p.lon,
                p.population,
                p.source,
                p.name_az,
                p.name_ru,
                p.name_hy,
                importance(p),
            )
            for i, p in enumerate(places)
        ],
    )
    rows: list[tuple[int, str, str, str, int, str]] = []
    for i, p in enumerate(places):
        rows.append((i, p.name, "en", "canonical", 0, p.source))
        for lang in ("az", "ru", "hy"):
            text = getattr(p, f"name_{lang}")
            if text:
                rows.append((i, text, lang, "official", 0, p.source))
    for v in variants:
        i = index_of.get(v.id)
        if i is not None and v.variant:
            rows.append((i, v.variant, v.lang, v.type or "variant", int(v.needs_context), v.source))
    conn.executemany("INSERT INTO variants VALUES (?,?,?,?,?,?,?)", [(v, *row) for v, row in enumerate(rows)])
    # One variant per (key, place): the most trusted spelling represents the key.
    order = sorted(range(len(rows)), key=lambda v: TYPE_RANK.get(rows[v][3], 4) + 10 * rows[v][4])
    best: dict[tuple[int, str, int], int] = {}
    for vid in order:
        i, text = rows[vid][0], rows[vid][1]
        key = fold(text)
        if not key:
            continue
        best.setdefault((0, key, i), vid)
        skel = skeleton(key)
        if len(skel) >= 3:
            best.setdefault((1, skel, i), vid)
    conn.executemany(
        "INSERT INTO keys VALUES (?,?,?)",
        [(level, k, vid) for (level, k, _i), vid in best.items()],
    )
    for which, path in word_files().items():
        conn.executemany("INSERT OR IGNORE INTO words VALUES (?, ?)", ((w, which) for w in read_words(path)))
    conn.execute("CREATE INDEX keys_by_key ON keys(level, key)")
    conn.execute("CREATE INDEX places_by_id ON places(id)")
    conn.execute("CREATE INDEX variants_by_place ON variants(place)")
    conn.execute("INSERT INTO meta VALUES (?, ?)", (_SCAN_KEYS, marshal.dumps(_postings(conn)[0])))
    conn.commit()


def _postings(conn: sqlite3.Connection) -> list[dict[str, tuple[int, ...]]]:
    """Folded (level 0) and skeleton (level 1) keys -> variant ids."""
    # grouped in SQL, so no intermediate lists: the peak stays near the final size
    keys: list[dict[str, tuple[int, ...]]] = [{}, {}]
    for level, key, vs in conn.execute("SELECT level, key, group_concat(v) FROM keys GROUP BY level, key"):
        keys[level][key] = tuple(int(x) for x in vs.split(",")) if "," in vs else (int(vs),)
    return keys


def _check_user_table(places: Path, variants: Path | None) -> None:
    from .errors import DataError
    from .table import validate

    errors = [p for p in validate(places, variants) if p.level == "error"]
    if errors:
        more = f" (and {len(errors) - 1} more; run gazetteer validate {places})" if len(errors) > 1 else ""
        raise DataError(f"{errors[0]}{more}")


class CompiledIndex:
    """Read access to a compiled table, from disk first and from memory once busy."""

    def __init__(self, conn: sqlite3.Connection, origin: str):
        self.conn = conn
        self.origin = origin
        self._probes = 0
        self._keys: list[dict[str, tuple[int, ...]]] | None = None
        self._variants: list[tuple] | None = None
        self._places: list[tuple] | None = None
        self._place_cache: dict[int, tuple] = {}
        self._variant_cache: dict[int, tuple] = {}
        self._folded: dict[str, tuple[int, ...]] | None = None
        self._ids: dict[str, int] | None = None
        self._word_cache: dict[tuple[str, int], bool] = {}
        self._word_queries = 0
        self._words: dict[int, frozenset[str]] | None = None

    # ------------------------------------------------------------ opening
    @classmethod
    def open(
        cls, tables: list[tuple[Path, Path | None]], *, use_cache: bool = True, user_tables: int = 0
    ) -> CompiledIndex:
        """Compile (or reuse the cached compilation of) the given tables, in order.

        The last ``user_tables`` tables are validated first (the bundled one was
        validated when it was built): a broken user table is a DataError naming
        its file and line, not a half-loaded index.
        """
        digest = _fingerprint(tables)
        target = cache_dir() / f"index-{digest}.sqlite"
        if use_cache and target.exists():
            try:
                conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False)
                conn.execute("SELECT val FROM meta WHERE k='version'").fetchone()
                return cls(conn, str(target))
            except sqlite3.DatabaseError:
                pass  # a damaged cache is rebuilt below
        loaded = []
        for n, (places_path, variants_path) in enumerate(tables):
            if n >= (len(tables) - user_tables):
                _check_user_table(places_path, variants_path)
            places = read_places(places_path)
            variants = read_variants(variants_path) if variants_path and variants_path.exists() else []
            loaded.append((places, variants))
        places, variants = _merge(loaded)
        if use_cache:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                import tempfile

                fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=target.parent)
                os.close(fd)
                try:
                    conn = sqlite3.connect(tmp)
                    _compile(conn, places, variants)
                    conn.execute("INSERT INTO meta VALUES ('version', ?)", (INDEX_VERSION,))
                    conn.commit()
                    conn.close()
                    os.replace(tmp, target)
                finally:
                    if os.path.exists(tmp):
                        os.unlink(tmp)
                conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False)
                return cls(conn, str(target))
            except OSError:
                pass  # read-only home, full disk: fall back to memory
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        _compile(conn, places, variants)
        conn.execute("INSERT INTO meta VALUES ('version', ?)", (INDEX_VERSION,))
        return cls(conn, ":memory:")

    # ------------------------------------------------------------ memory
    def materialise(self) -> None:
        """Pull keys, variants and places into dictionaries (for batches)."""
        if self._keys is not None:
            return
        keys = _postings(self.conn)
        if self._folded is not None:
            keys[0] = self._folded  # one copy, the one the scanner already holds
        self._keys = keys
        intern = sys.intern  # a few dozen languages and types, repeated 100,000 times
        self._variants = [
            (place, text, intern(lang), intern(vtype), ctx)
            for place, text, lang, vtype, ctx in self.conn.execute(
                "SELECT place, text, lang, type, needs_context FROM variants ORDER BY v"
            )
        ]
        self._places = self.conn.execute(f"SELECT {', '.join(PLACE_ROW)} FROM places ORDER BY i").fetchall()
        self._ids = {row[0]: i for i, row in enumerate(self._places)}

    def _tick(self) -> None:
        self._probes += 1
        if self._probes == PROMOTE_AFTER:
            self.materialise()

    # ------------------------------------------------------------ queries
    def postings(self, key: str, level: int = 0) -> tuple[int, ...]:
        """Variant ids whose folded (level 0) or skeleton (level 1) key is ``key``."""
        if self._keys is None:
            self._tick()
        if self._keys is not None:
            return self._keys[level].get(key, ())
        rows = self.conn.execute("SELECT v FROM keys WHERE level=? AND key=?", (level, key)).fetchall()
        return tuple(r[0] for r in rows)

    def folded_keys(self) -> dict[str, tuple[int, ...]]:
        """Folded key -> variant ids, as one dictionary (what the text scanner probes),
        without pulling variants and places into memory."""
        if self._keys is not None:
            return self._keys[0]
        if self._folded is None:
            row = self.conn.execute("SELECT val FROM meta WHERE k=?", (_SCAN_KEYS,)).fetchone()
            self._folded = marshal.loads(row[0]) if row else _postings(self.conn)[0]
        return self._folded

    def variant(self, vid: int) -> tuple:
        """(place index, text, lang, type, needs_context)."""
        if self._variants is not None:
            return self._variants[vid]
        row = self._variant_cache.get(vid)
        if row is None:
            row = self._variant_cache[vid] = self.conn.execute(
                "SELECT place, text, lang, type, needs_context FROM variants WHERE v=?", (vid,)
            ).fetchone()
        return row

    def place(self, i: int) -> tuple:
        """(id, name, kind, country, parent, lat, lon, population, source, az, ru, hy, importance)."""
        if self._places is not None:
            return self._places[i]
        row = self._place_cache.get(i)
        if row is None:
            row = self.conn.execute(
                f"SELECT {', '.join(PLACE_ROW)} FROM places WHERE i=?",
                (i,),
            ).fetchone()
            self._place_cache[i] = row
        return row

    def place_index(self, place_id: str) -> int | None:
        if self._ids is not None:
            return self._ids.get(place_id)
        row = self.conn.execute("SELECT i FROM places WHERE id=?", (place_id,)).fetchone()
        return row[0] if row else None

    def keys(self, level: int = 0) -> list[str]:
        """Every distinct key of a level (for fuzzy search)."""
        self.materialise()
        assert self._keys is not None
        return list(self._keys[level])

    def variants_of(self, i: int) -> list[tuple]:
        return self.conn.execute(
            "SELECT text, lang, type, needs_context, source FROM variants WHERE place=? ORDER BY v", (i,)
        ).fetchall()

    def _in_words(self, key: str, which: int) -> bool:
        if self._words is not None:
            return key in self._words[which]
        cache = self._word_cache
        hit = cache.get((key, which))
        if hit is None:
            row = self.conn.execute("SELECT 1 FROM words WHERE w=? AND list=?", (key, which)).fetchone()
            hit = cache[(key, which)] = row is not None
            self._word_queries += 1
            if self._word_queries > _WORD_QUERIES_BEFORE_LOAD:
                # a corpus with a large vocabulary: one read of the lists beats a query a word
                self._words = {
                    n: frozenset(w for (w,) in self.conn.execute("SELECT w FROM words WHERE list=?", (n,)))
                    for n in (COMMON, AMBIGUOUS)
                }
                cache.clear()
            elif len(cache) > 50_000:
                cache.clear()
        return hit

    def is_common_word(self, key: str) -> bool:
        """True when the folded ``key`` (or every word of it) is a common word."""
        if self._in_words(key, COMMON):
            return True
        parts = key.split()
        return len(parts) > 1 and all(self._in_words(p, COMMON) for p in parts)

    def is_ambiguous_name(self, key: str) -> bool:
        """True when a place name (folded) is also a frequent word: "kabul", "sus", "kasaba"."""
        return self._in_words(key, AMBIGUOUS)

    def __len__(self) -> int:
        if self._places is not None:
            return len(self._places)
        return self.conn.execute("SELECT count(*) FROM places").fetchone()[0]

    def all_places(self) -> list[tuple]:
        self.materialise()
        assert self._places is not None
        return self._places
