"""The compiled table: folded keys -> variants -> places, cached on disk.

Folding 150,000 variants takes seconds, reading them back as Python objects a
few hundred milliseconds; a one-name lookup must answer faster than that. So
the compiled form is an SQLite file in the user's cache folder, keyed by the
tables and the folding code (see ``_fingerprint``): a single lookup probes it
with a handful of indexed queries, and a batch (many lookups, or text
scanning) pulls it into dictionaries once.

The cache is only ever a copy, so nothing in it is trusted without a check:

- A file is used only when it is whole: the SQLite header is sane, the file
  has the size the header gives, and a CRC-32 of every byte matches the one
  stored in the header's user_version, which is written last, after the build
  (SQLite has no page checksums, so a flipped byte would otherwise be served as
  a wrong coordinate). Reading the 20 MB file for that costs about 10 ms. Any
  other file (damaged, truncated, another schema, half written, not ours) is a
  miss: the index is rebuilt into a temporary file beside it and moved into
  place with os.replace, so readers see the old file or the new one, never a
  mix. A read that still fails later in the run (the file changed under us)
  rebuilds once and goes on.
- The cache folder is created private (0700), index files are 0600, and a
  folder that others can write, or that another user owns, is refused
  (CacheError): whoever can write there could plant wrong coordinates.
- After a build, the three most recently used index files are kept and older
  ones removed (an index is about 20 MB); nothing but index files (and
  temporary files of builds that died) is ever removed.
"""

from __future__ import annotations

import marshal
import os
import re
import sqlite3
import stat
import sys
import time
import zlib
from array import array
from collections import defaultdict
from pathlib import Path

from .aliases import Alias, aliases_beside, merged_aliases
from .named import NamedTuple
from .scan.shapes import KeyShapes, key_shapes
from .scan.spellings import VariantTable, variant_table
from .table import PLACE_COLUMNS, Place, Variant, importance, read_places, read_variants
from .table_rules import demonym_keys, own_names, risky_variant
from .text.folding import fold, skeleton
from .text.scripts import ARMENIAN
from .wordlist import (
    AMBIGUOUS,
    AMBIGUOUS_SPELLINGS,
    COMMON,
    COMMON_PLAIN_LATIN_KEYS,
    COMMON_SPELLINGS,
    read_words,
    word_files,
)

__all__ = ["CompiledIndex", "INDEX_VERSION", "PLACE_ROW", "ROMANISED_LEVEL", "cache_dir"]

# Bump when folding, skeleton or the schema below changes.
INDEX_VERSION = "24"  # 24: a village named as a country's, region's or city's Turkic demonym needs context (table_rules.demonym_keys); 23: importance breaks ties by the names in the region's languages (table.NAMED_LANGUAGE_WEIGHT); 22: the folds of the common spellings in plain Latin letters (COMMON_PLAIN_LATIN_KEYS); 21: the word lists as spelled (wordlist.spelling), beside the folded ones; 20: the Armenian names' scholarly and library romanisations (ROMANISED_LEVEL); 19: what ranking reads of variants and places (rank-rows); 18: the lookup rows (lookup-rows), marshalled; 17: the scanner's key table (scan-table); 16: the engine's variant table (scan/spellings.py) and word lists; 15: aliases
# The key level of the Armenian-script names written in the scholarly and library
# romanisations (lang/hy/romanise.py: ISO 9985, Hübschmann-Meillet, ALA-LC, BGN/PCGN),
# folded, where they differ from every folded key (level 0): read by lookup only
# (CompiledIndex.romanised), never by the text scanner.
ROMANISED_LEVEL = 2
_HAS_ARMENIAN = re.compile(f"[{ARMENIAN}]").search
# Index files kept in the cache folder after a build (the most recently used ones).
KEEP_INDEXES = 3
_INDEX_NAME = re.compile(r"index-[0-9a-f]{16}\.sqlite")
_TEMP_NAME = re.compile(r"\.index-[A-Za-z0-9_]+\.tmp(?:-journal)?")
# A temporary file older than this is left from a build that died (a build takes seconds).
_STALE_TEMP_SECONDS = 3600
# In the SQLite header: marks a gazetteer index ("GZIX")...
_APPLICATION_ID = 0x475A4958
# ...and these header bytes change when user_version (the checksum) is written, so the
# checksum leaves them out: change counter, user_version, version-valid-for, SQLite version.
_UNSUMMED = ((24, 28), (60, 64), (92, 100))
_SQLITE_MAGIC = b"SQLite format 3\x00"
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
    "transcription": 3,  # derived by a transcription table (tools/az_russian.py), like a romanisation
    "abbreviation": 3,
    "colloquial": 4,
    "variant": 4,
    "mt_error": 5,
}
PROMOTE_AFTER = 40
# meta row holding the folded postings (level 0) marshalled: what the text scanner needs,
# read back in milliseconds instead of rebuilt from rows. marshal's format follows Python.
_SCAN_KEYS = f"scan-keys-py{sys.version_info[0]}.{sys.version_info[1]}"
# likewise the shapes of those keys that the candidate finder needs (scan.shapes)
_KEY_SHAPES = f"key-shapes-py{sys.version_info[0]}.{sys.version_info[1]}"
# what the engine reads of each variant (scan.spellings): its flags, its place's importance
_VARIANT_FLAGS, _VARIANT_IMPORTANCE = "variant-flags", "variant-importance"
# the folded keys and their shapes as one flat table the compiled engine reads
# (gazetteer._core.KeyTable, crates/gazetteer-core/src/scan/keytable.rs): loaded in about
# a millisecond where the marshalled dictionary takes tens
_SCAN_TABLE = "scan-table"
# the word lists the text engine reads, in this order (src/scan/lexicon.rs, WordLists)
_ENGINE_LISTS = (COMMON, AMBIGUOUS, COMMON_SPELLINGS, AMBIGUOUS_SPELLINGS)
_WORD_LISTS = f"word-lists-py{sys.version_info[0]}.{sys.version_info[1]}"
# the variant and place rows and the skeleton keys a batch holds in memory (materialise), marshalled:
# read back in a few hundredths of a second instead of a tenth and a half row by row
_LOOKUP_ROWS = f"lookup-rows-py{sys.version_info[0]}.{sys.version_info[1]}"
# what a span's ranking reads of every variant and place (RankRows), marshalled: a
# millisecond to load where the lookup rows take tens, and a megabyte and a half held
_RANK_ROWS = "rank-rows"
# The fields of a place row as the index hands it out (``CompiledIndex.place``): the
# table's columns but the source ids, then the computed importance.
PLACE_ROW = (*(c for c in PLACE_COLUMNS if c not in ("wof_id", "geonames_id")), "importance")

# a variant's row and its place's row, in one query (one statement, prepared once)
_VARIANT_AND_PLACE = (
    "SELECT v.v, v.place, v.text, v.lang, v.type, v.needs_context, "
    + ", ".join(f"p.{c}" for c in PLACE_ROW)
    + " FROM variants v LEFT JOIN places p ON p.i = v.place WHERE v.v = ?"
)

SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, val TEXT);
CREATE TABLE places(i INTEGER PRIMARY KEY, id TEXT, name TEXT, kind TEXT, country TEXT,
    parent TEXT, lat REAL, lon REAL, population INTEGER, source TEXT,
    name_az TEXT, name_ru TEXT, name_hy TEXT, status TEXT, importance REAL);
CREATE TABLE source_ids(i INTEGER PRIMARY KEY, wof_id TEXT, geonames_id TEXT);
CREATE TABLE variants(v INTEGER PRIMARY KEY, place INTEGER, text TEXT, lang TEXT,
    type TEXT, needs_context INTEGER, source TEXT);
CREATE TABLE keys(level INTEGER, key TEXT, v INTEGER);
CREATE TABLE words(w TEXT, list INTEGER, PRIMARY KEY (w, list)) WITHOUT ROWID;
"""
ALIAS_SCHEMA = "CREATE TABLE aliases(alias TEXT PRIMARY KEY, id TEXT, reason TEXT) WITHOUT ROWID"


def cache_dir() -> Path:
    """gazetteer's cache folder (compiled index, online answers), created if need be.

    ``$GAZETTEER_CACHE``, else ``$XDG_CACHE_HOME/gazetteer`` or ``~/.cache/gazetteer``.
    It is created private (0700). A folder that group or others can write, or that
    another user owns, is refused with a CacheError (whoever can write it could plant
    an index with wrong coordinates). When it cannot be created (a read-only home),
    the path is returned anyway: the index then compiles in memory.
    """
    path = _cache_path()
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return path
    _check_private(path)
    return path


def _cache_path() -> Path:
    env = os.environ.get("GAZETTEER_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gazetteer"


def _shown(path: Path | str) -> str:
    """A path for a one-line message."""
    text = str(path)
    return text if text.isprintable() else repr(text)


def _check_private(path: Path) -> None:
    from .errors import CacheError

    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: access is decided by ACLs, not by these mode bits
        return
    try:
        st = os.stat(path)
    except OSError:
        return
    where = _shown(path)
    if st.st_uid != getuid():
        raise CacheError(
            f"cache folder {where} is owned by another user (uid {st.st_uid}), who could plant "
            "wrong coordinates in it; set GAZETTEER_CACHE to a folder of your own"
        )
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        who = " and ".join(w for w, bit in (("group", stat.S_IWGRP), ("others", stat.S_IWOTH)) if st.st_mode & bit)
        raise CacheError(
            f"cache folder {where} is writable by {who}, who could plant wrong coordinates in it; "
            f"run chmod 700 {where}, or set GAZETTEER_CACHE to a private folder"
        )


def _file_digest(path: str) -> bytes:
    import hashlib  # here: a start without user tables does not need it

    h = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.digest()


def _fingerprint(paths: list[tuple[Path, Path | None]], user_tables: int = 0) -> str:
    """A cache key, not a signature (CRC-32 and Adler-32, cheap enough for every start)
    of what decides the compiled form.

    The code that folds and ranks, by content. The last ``user_tables`` tables (the
    user's, which any editor, script or ``cp -p`` can change keeping size and mtime)
    by the content of their files. The bundled table and the word lists by path, size
    and mtime: they ship inside the package, which an upgrade replaces whole, and
    hashing their 12 MB would add about 15 ms to every start.
    """
    sums = [zlib.crc32(INDEX_VERSION.encode()), zlib.adler32(INDEX_VERSION.encode())]

    def add(part: bytes) -> None:
        part = len(part).to_bytes(8, "little") + part  # no two lists of parts run together alike
        sums[0] = zlib.crc32(part, sums[0])
        sums[1] = zlib.adler32(part, sums[1])

    parts: list[bytes] = []
    here = os.path.dirname(os.path.abspath(__file__))
    # the romanisations of Armenian names (ROMANISED_LEVEL): the code and its letter tables
    hy = os.path.join("lang", "hy")
    tables = sorted(n for n in os.listdir(os.path.join(here, hy)) if n.startswith("romanisation_"))
    romanising = [os.path.join(hy, n) for n in ("romanise.py", *tables)]
    for name in (
        os.path.join("text", "folding.py"),
        os.path.join("text", "tokens.py"),
        "table.py",
        "index.py",
        *romanising,
    ):
        with open(os.path.join(here, name), "rb") as f:
            parts.append(f.read())
    for part in parts:
        add(part)

    def by_stat(path: str) -> bytes:
        try:
            st = os.stat(path)
        except OSError:
            return b"-"
        return f"{os.path.realpath(path)}|{st.st_size}|{st.st_mtime_ns}".encode()

    def by_content(path: str) -> bytes:
        try:
            return b"content:" + _file_digest(path)
        except OSError:
            return b"-"

    for path in word_files().values():
        add(by_stat(str(path)))
    first_user = len(paths) - user_tables
    for n, pair in enumerate(paths):
        for p in (*pair, aliases_beside(pair[0])):  # the old ids beside the table count too
            if p is None:
                add(b"none")
            else:
                add(by_content(str(p)) if n >= first_user else by_stat(str(p)))
    return f"{sums[0]:08x}{sums[1]:08x}"


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


def _own_name_needs_context(p: Place, text: str, own: frozenset[str], demonyms: frozenset[str]) -> int:
    """1 when a place's own name is short or a common word and the place no town people type
    bare, or a village's name is the demonym of a country, region or city (``demonyms``)."""
    return int(bool(risky_variant(text, "", own, p.kind, p.population, demonyms)))


def _demonyms(places: list[Place], variants: list[Variant]) -> frozenset[str]:
    """:func:`gazetteer.table_rules.demonym_keys` of a table's names."""
    of = {p.id: p for p in places}
    names = [(p.kind, p.country, p.population, p.name, "en", p.name) for p in places]
    names += [(p.kind, p.country, p.population, p.name, "az", p.name_az) for p in places if p.name_az]
    for v in variants:
        p = of.get(v.id)
        if p is not None:
            names.append((p.kind, p.country, p.population, p.name, v.lang, v.variant))
    return demonym_keys(names)


def _compile(
    conn: sqlite3.Connection, places: list[Place], variants: list[Variant], aliases: dict[str, Alias] | None = None
) -> None:
    conn.executescript(SCHEMA)
    index_of = {p.id: i for i, p in enumerate(places)}
    conn.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
                p.status,
                importance(p),
            )
            for i, p in enumerate(places)
        ],
    )
    conn.executemany(
        "INSERT INTO source_ids VALUES (?,?,?)",
        [(i, p.wof_id, p.geonames_id) for i, p in enumerate(places) if p.wof_id or p.geonames_id],
    )
    rows: list[tuple[int, str, str, str, int, str]] = []
    demonyms = _demonyms(places, variants)
    for i, p in enumerate(places):
        # a short or common-word name ("Top", "Пока") needs context as its variants do
        # (gazetteer.table_rules.risky_variant, the rule the builder applies to variants)
        own = own_names(p.name, p.name_az, p.name_ru, p.name_hy)
        rows.append((i, p.name, "en", "canonical", _own_name_needs_context(p, p.name, own, demonyms), p.source))
        for lang in ("az", "ru", "hy"):
            text = getattr(p, f"name_{lang}")
            if text:
                needs = _own_name_needs_context(p, text, own, demonyms)
                rows.append((i, text, lang, "official", needs, p.source))
    for v in variants:
        i = index_of.get(v.id)
        if i is not None and v.variant:
            rows.append((i, v.variant, v.lang, v.type or "variant", int(v.needs_context), v.source))
    conn.executemany("INSERT INTO variants VALUES (?,?,?,?,?,?,?)", [(v, *row) for v, row in enumerate(rows)])
    # One variant per (key, place): the most trusted spelling represents the key.
    order = sorted(range(len(rows)), key=lambda v: TYPE_RANK.get(rows[v][3], 4) + 10 * rows[v][4])
    best: dict[tuple[int, str, int], int] = {}
    folds = [""] * len(rows)
    for vid in order:
        i, text = rows[vid][0], rows[vid][1]
        key = folds[vid] = fold(text)
        if not key:
            continue
        best.setdefault((0, key, i), vid)
        skel = skeleton(key)
        if len(skel) >= 3:
            best.setdefault((1, skel, i), vid)
    _add_romanised(best, order, rows)
    conn.executemany(
        "INSERT INTO keys VALUES (?,?,?)",
        [(level, k, vid) for (level, k, _i), vid in best.items()],
    )
    lists = {which: sorted(set(read_words(path))) for which, path in word_files().items()}
    for which, words in lists.items():
        conn.executemany("INSERT OR IGNORE INTO words VALUES (?, ?)", ((w, which) for w in words))
    plain = {fold(w) for w in lists[COMMON_SPELLINGS] if w.isascii()}
    conn.executemany("INSERT OR IGNORE INTO words VALUES (?, ?)", ((k, COMMON_PLAIN_LATIN_KEYS) for k in plain))
    # the lists as the text engine reads them: one sorted blob each (src/scan/lexicon.rs)
    blobs = tuple("\n".join(lists.get(which, ())).encode() for which in _ENGINE_LISTS)
    conn.execute("INSERT INTO meta VALUES (?, ?)", (_WORD_LISTS, marshal.dumps(blobs)))
    conn.execute("CREATE INDEX keys_by_key ON keys(level, key)")
    conn.execute("CREATE INDEX places_by_id ON places(id)")
    conn.execute("CREATE INDEX variants_by_place ON variants(place)")
    folded = _postings(conn)[0]
    conn.execute("INSERT INTO meta VALUES (?, ?)", (_SCAN_KEYS, marshal.dumps(folded)))
    shapes = key_shapes(folded)
    conn.execute("INSERT INTO meta VALUES (?, ?)", (_KEY_SHAPES, marshal.dumps(tuple(shapes))))
    conn.execute("INSERT INTO meta VALUES (?, ?)", (_SCAN_TABLE, _key_table_bytes(folded, shapes)))
    table = variant_table([(r[0], r[1], bool(r[4])) for r in rows], folds, [importance(p) for p in places])
    conn.execute("INSERT INTO meta VALUES (?, ?)", (_VARIANT_FLAGS, table.flags))
    conn.execute("INSERT INTO meta VALUES (?, ?)", (_VARIANT_IMPORTANCE, table.importance))
    lookup_rows = _rows_from_sql(conn)
    conn.execute("INSERT INTO meta VALUES (?, ?)", (_LOOKUP_ROWS, marshal.dumps(lookup_rows)))
    conn.execute("INSERT INTO meta VALUES (?, ?)", (_RANK_ROWS, _rank_rows_blob(lookup_rows[0], lookup_rows[1])))
    _store_aliases(conn, aliases or {})
    conn.commit()


def _add_romanised(best: dict[tuple[int, str, int], int], order: list[int], rows: list[tuple]) -> None:
    """File each name in Armenian letters under the folded keys of its romanisations
    (lang/hy/romanise.py) that are no folded key (level 0) of any name: (ROMANISED_LEVEL,
    key, place) -> the most trusted such name of the place (``order``: most trusted first)."""
    from .lang.hy.romanise import romanisations  # (here: only a build reads the language package)

    known = {key for level, key, _i in best if level == 0}
    for vid in order:
        text = rows[vid][1]
        if not _HAS_ARMENIAN(text):
            continue
        i = rows[vid][0]
        for writing in romanisations(text):
            key = fold(writing)
            if key and key not in known:
                best.setdefault((ROMANISED_LEVEL, key, i), vid)


def _store_aliases(conn: sqlite3.Connection, aliases: dict[str, Alias]) -> None:
    """Old ids (aliases.csv beside the tables) -> the id they now mean, and why."""
    conn.execute(ALIAS_SCHEMA)
    conn.executemany("INSERT INTO aliases VALUES (?,?,?)", [(a.alias, a.id, a.reason) for a in aliases.values()])


def _load_aliases(tables: list[tuple[Path, Path | None]], places: list[Place]) -> dict[str, Alias]:
    return merged_aliases((aliases_beside(p) for p, _v in tables), {p.id for p in places})


def _postings(conn: sqlite3.Connection) -> list[dict[str, tuple[int, ...]]]:
    """Folded (level 0) and skeleton (level 1) keys -> variant ids."""
    # grouped in SQL, so no intermediate lists: the peak stays near the final size
    keys: list[dict[str, tuple[int, ...]]] = [{}, {}]
    query = "SELECT level, key, group_concat(v) FROM keys WHERE level < 2 GROUP BY level, key"
    for level, key, vs in conn.execute(query):
        keys[level][key] = tuple(int(x) for x in vs.split(",")) if "," in vs else (int(vs),)
    return keys


def _check_user_table(places: Path, variants: Path | None) -> None:
    from .errors import DataError
    from .table import validate

    errors = [p for p in validate(places, variants) if p.level == "error"]
    if errors:
        more = f" (and {len(errors) - 1} more; run gazetteer validate {places})" if len(errors) > 1 else ""
        raise DataError(f"{errors[0]}{more}")


def _load_tables(tables: list[tuple[Path, Path | None]], user_tables: int) -> tuple[list[Place], list[Variant]]:
    loaded = []
    for n, (places_path, variants_path) in enumerate(tables):
        if n >= (len(tables) - user_tables):
            _check_user_table(places_path, variants_path)
        places = read_places(places_path)
        variants = read_variants(variants_path) if variants_path and variants_path.exists() else []
        loaded.append((places, variants))
    return _merge(loaded)


def _read_only(path: Path) -> sqlite3.Connection:
    # a URI, so that a folder name with ? or # in it is a name, not a query
    uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _summed(path: str | Path) -> tuple[int, bytes, os.stat_result]:
    """(CRC-32 of the file but the header bytes that writing the checksum changes,
    the 100-byte header, the file's stat)."""
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        header = f.read(100)
        masked = bytearray(header)
        for a, b in _UNSUMMED:
            masked[a:b] = bytes(b - a)
        crc = zlib.crc32(masked)
        buf = bytearray(1 << 20)
        view = memoryview(buf)
        while n := f.readinto(buf):
            crc = zlib.crc32(view[:n], crc)
    return crc, header, st


def _whole(header: bytes, crc: int, size: int) -> bool:
    """True when a header describes a complete, sealed index of ``size`` bytes."""
    if len(header) < 100 or header[:16] != _SQLITE_MAGIC:
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    return (
        page_size * pages == size
        and int.from_bytes(header[68:72], "big") == _APPLICATION_ID
        and int.from_bytes(header[60:64], "big") == crc
    )


def _stamp_path(target: Path) -> Path:
    return target.with_name(target.name + ".checked")


def _identity(st: os.stat_result) -> str:
    """What changes whenever a file's bytes or attributes are changed in place."""
    return f"{st.st_size} {st.st_ino} {st.st_mtime_ns} {st.st_ctime_ns}"


def _stamped_crc(target: Path, st: os.stat_result) -> int | None:
    """The checksum a stamp beside ``target`` recorded, if it recorded this very file."""
    try:
        with open(_stamp_path(target), encoding="ascii") as f:
            identity, _, crc = f.read().rpartition(" ")
        return int(crc) if identity == _identity(st) else None
    except (OSError, ValueError):
        return None


def _write_stamp(target: Path, st: os.stat_result, crc: int | None = None) -> None:
    if crc is None:
        return
    tmp = _stamp_path(target).with_name(f".{target.name}.checked.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(f"{_identity(st)} {crc}")
        os.replace(tmp, _stamp_path(target))
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _open_cached(target: Path) -> sqlite3.Connection | None:
    """A connection to the cached index at ``target`` when it is whole and ours, else None.

    The whole-file checksum is computed once for a file and recorded in a stamp beside
    it (``.checked``: size, inode, mtime and ctime); while the file is that very file,
    later runs read its header only (the checksum costs about 10 ms a run). Any write to
    the file, random bytes included, changes its mtime and ctime, and so is checked again.
    """
    try:
        with open(target, "rb") as f:
            st = os.fstat(f.fileno())
            header = f.read(100)
    except OSError:
        return None  # missing or unreadable: a miss
    getuid = getattr(os, "getuid", None)
    if getuid is not None and st.st_uid != getuid():
        return None  # not written by us: rebuilt, which replaces it
    if not stat.S_ISREG(st.st_mode):
        return None
    crc = _stamped_crc(target, st)
    fresh = crc is None
    if fresh:
        try:
            crc, header, st = _summed(target)
        except OSError:
            return None
    if not _whole(header, crc, st.st_size):
        return None
    try:
        conn = _read_only(target)
    except sqlite3.DatabaseError:
        return None
    try:
        row = conn.execute("SELECT val FROM meta WHERE k='version'").fetchone()
    except sqlite3.DatabaseError:
        row = None
    if row is None or row[0] != INDEX_VERSION:
        conn.close()
        return None
    if time.time() - st.st_mtime > 3600:
        # the modification time says when an index was last used (see _prune); once an hour is enough
        try:
            os.utime(target)
            st = os.stat(target)
            fresh = True  # the file checked above, with its new times
        except OSError:
            pass
    if fresh:
        _write_stamp(target, st, crc)
    return conn


def _seal(path: str) -> None:
    """Write the checksum into the finished file's header (user_version): the last write
    of a build, so that a file without a matching checksum is never used."""
    crc, _header, _st = _summed(path)
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA user_version = {crc - (1 << 32) if crc >= 1 << 31 else crc}")
        conn.commit()
    finally:
        conn.close()
    crc2, header, st = _summed(path)
    if crc2 != crc or not _whole(header, crc2, st.st_size):
        # this SQLite wrote more than the header bytes we leave out: the file could never
        # be checked, so it is not cached (the index is compiled in memory instead)
        raise OSError(f"cannot seal the index {path}")


def _write_index(
    target: Path, places: list[Place], variants: list[Variant], aliases: dict[str, Alias] | None = None
) -> sqlite3.Connection:
    """Compile into a temporary file beside ``target``, seal it, move it into place."""
    import tempfile  # here: only a build needs it

    fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=target.parent)  # 0600
    os.close(fd)
    try:
        os.chmod(tmp, 0o600)
        conn = sqlite3.connect(tmp)
        try:
            conn.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
            _compile(conn, places, variants, aliases)
            conn.execute("INSERT INTO meta VALUES ('version', ?)", (INDEX_VERSION,))
            conn.commit()
        finally:
            conn.close()
        _seal(tmp)
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, tmp + "-journal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    _prune(target.parent, target)
    return _read_only(target)


def _prune(folder: Path, in_use: Path) -> None:
    """Keep the KEEP_INDEXES most recently used index files of ``folder``, ``in_use``
    always among them; remove the others, and temporary files of builds that died.
    Nothing whose name is not an index file's is touched."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    indexes = []
    for entry in entries:
        is_index = _INDEX_NAME.fullmatch(entry.name) is not None
        if not is_index and _TEMP_NAME.fullmatch(entry.name) is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        if is_index:
            if entry.name != in_use.name:
                indexes.append((st.st_mtime, entry.name))
        elif now - st.st_mtime > _STALE_TEMP_SECONDS:
            _remove(folder / entry.name)
    indexes.sort(reverse=True)
    for _mtime, name in indexes[KEEP_INDEXES - 1 :]:
        _remove(folder / name)
        _remove(_stamp_path(folder / name))


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass  # gone already, or open elsewhere (Windows): another build will try again


def _compile_to(
    target: Path | None, tables: list[tuple[Path, Path | None]], user_tables: int
) -> tuple[sqlite3.Connection, str]:
    """Compile the tables into ``target`` (or into memory when it is None or cannot be
    written: a read-only home, a full disk)."""
    places, variants = _load_tables(tables, user_tables)
    aliases = _load_aliases(tables, places)
    if target is not None:
        try:
            return _write_index(target, places, variants, aliases), str(target)
        except (OSError, sqlite3.OperationalError):
            pass
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    _compile(conn, places, variants, aliases)
    conn.execute("INSERT INTO meta VALUES ('version', ?)", (INDEX_VERSION,))
    return conn, ":memory:"


# Errors of a read that mean the cached file is damaged (not a mistake in a query).
_DAMAGE = (sqlite3.DatabaseError, ValueError, EOFError, TypeError)
_NOT_DAMAGE = (sqlite3.ProgrammingError, sqlite3.InterfaceError)


def _scan_keys(conn: sqlite3.Connection) -> dict[str, tuple[int, ...]]:
    row = conn.execute("SELECT val FROM meta WHERE k=?", (_SCAN_KEYS,)).fetchone()
    if row is None:
        return _postings(conn)[0]
    keys = marshal.loads(row[0])
    if not isinstance(keys, dict):
        raise ValueError("the scanner's keys are not a dictionary")
    return keys


def _key_shapes(conn: sqlite3.Connection) -> KeyShapes:
    row = conn.execute("SELECT val FROM meta WHERE k=?", (_KEY_SHAPES,)).fetchone()
    if row is None:
        return key_shapes(_scan_keys(conn))
    shapes = marshal.loads(row[0])
    if not (isinstance(shapes, tuple) and len(shapes) == len(KeyShapes._fields)):
        raise ValueError("the key shapes are not a tuple of their fields")
    return KeyShapes(*shapes)


def _key_table_bytes(folded: dict[str, tuple[int, ...]], shapes: KeyShapes) -> bytes:
    from . import _core

    return _core.key_table_bytes(folded, shapes.multi_first, shapes.prefixes, shapes.second_words)


def _scan_table(conn: sqlite3.Connection):
    """The key table (gazetteer._core.KeyTable); a damaged one is a ValueError (rebuilt)."""
    from . import _core

    row = conn.execute("SELECT val FROM meta WHERE k=?", (_SCAN_TABLE,)).fetchone()
    if row is None:  # (an older layout)
        return _core.KeyTable(_key_table_bytes(_scan_keys(conn), _key_shapes(conn)))
    if not isinstance(row[0], bytes):
        raise ValueError("the key table is not bytes")
    return _core.KeyTable(row[0])


def _variant_table(conn: sqlite3.Connection) -> VariantTable:
    rows = [(p, t, bool(c)) for p, t, c in conn.execute("SELECT place, text, needs_context FROM variants ORDER BY v")]
    importances = [w for (w,) in conn.execute("SELECT importance FROM places ORDER BY i")]
    return variant_table(rows, [fold(t) for _p, t, _c in rows], importances)


def _level_postings(conn: sqlite3.Connection, level: int) -> dict[str, tuple[int, ...]]:
    """The keys of one level (``_postings``'s dictionary of that level)."""
    keys: dict[str, tuple[int, ...]] = {}
    for key, vs in conn.execute("SELECT key, group_concat(v) FROM keys WHERE level=? GROUP BY key", (level,)):
        keys[key] = tuple(int(x) for x in vs.split(",")) if "," in vs else (int(vs),)
    return keys


def _rows_from_sql(conn: sqlite3.Connection) -> tuple[list[tuple], list[tuple], dict[str, tuple[int, ...]]]:
    """(variant rows, place rows, skeleton keys) as ``CompiledIndex.variant``, ``place`` and
    ``postings(key, 1)`` give them, in order; the few languages and types each one string
    (interned)."""
    intern = sys.intern  # a few dozen languages and types, repeated 100,000 times
    variants = [
        (place, text, intern(lang), intern(vtype), ctx)
        for place, text, lang, vtype, ctx in conn.execute(
            "SELECT place, text, lang, type, needs_context FROM variants ORDER BY v"
        )
    ]
    places = conn.execute(f"SELECT {', '.join(PLACE_ROW)} FROM places ORDER BY i").fetchall()
    return variants, places, _level_postings(conn, 1)


def _lookup_rows(conn: sqlite3.Connection) -> tuple[list[tuple], list[tuple], dict[str, tuple[int, ...]]]:
    """``_rows_from_sql``, read back from the copy marshalled with the index."""
    row = conn.execute("SELECT val FROM meta WHERE k=?", (_LOOKUP_ROWS,)).fetchone()
    if row is None:  # (an index another Python version built)
        return _rows_from_sql(conn)
    rows = marshal.loads(row[0])
    if not (
        isinstance(rows, tuple)
        and len(rows) == 3
        and isinstance(rows[0], list)
        and isinstance(rows[1], list)
        and isinstance(rows[2], dict)
    ):
        raise ValueError("the lookup rows are not two lists and a dictionary")
    return rows


class RankRows(NamedTuple):
    """What ranking reads of each variant and place, as arrays indexed by variant id and
    place index: a variant's place and its (lang, type, needs_context) by a code into
    ``variant_codes``; a place's (kind, country) by a code into ``place_codes``, and its
    importance. The values are those ``CompiledIndex.variant`` and ``place`` give."""

    variant_place: array
    variant_code: array
    variant_codes: list[tuple[str, str, int]]
    place_code: array
    place_codes: list[tuple[str, str]]
    importance: array


_KIND, _COUNTRY, _IMPORTANCE = PLACE_ROW.index("kind"), PLACE_ROW.index("country"), PLACE_ROW.index("importance")


def _rank_rows_blob(variants: list[tuple], places: list[tuple]) -> bytes:
    """RankRows of the variant and place rows (``_rows_from_sql``), marshalled."""
    vcodes: dict[tuple, int] = {}
    vcode = array("I", (vcodes.setdefault((lang, vtype, ctx), len(vcodes)) for _p, _t, lang, vtype, ctx in variants))
    pcodes: dict[tuple, int] = {}
    pcode = array("I", (pcodes.setdefault((p[_KIND], p[_COUNTRY]), len(pcodes)) for p in places))
    parts = (
        array("i", (row[0] for row in variants)).tobytes(),
        vcode.tobytes(),
        list(vcodes),
        pcode.tobytes(),
        list(pcodes),
        array("d", (p[_IMPORTANCE] for p in places)).tobytes(),
    )
    return marshal.dumps(parts)


def _rank_rows(conn: sqlite3.Connection) -> RankRows | None:
    """RankRows as marshalled with the index; None for an index without them (or whose
    arrays do not fit this machine's item sizes: the caller reads rows as before)."""
    row = conn.execute("SELECT val FROM meta WHERE k=?", (_RANK_ROWS,)).fetchone()
    if row is None or not isinstance(row[0], bytes):
        return None
    vplace, vcode, vcodes, pcode, pcodes, imp = marshal.loads(row[0])
    arrays = []
    for code, blob in (("i", vplace), ("I", vcode), ("I", pcode), ("d", imp)):
        a = array(code)
        if len(blob) % a.itemsize:
            return None
        a.frombytes(blob)
        arrays.append(a)
    vplace_a, vcode_a, pcode_a, imp_a = arrays
    if len(vplace_a) != len(vcode_a) or len(pcode_a) != len(imp_a):
        return None
    return RankRows(vplace_a, vcode_a, [tuple(c) for c in vcodes], pcode_a, [tuple(c) for c in pcodes], imp_a)


def _word_sets(conn: sqlite3.Connection) -> dict[int, frozenset[str]]:
    row = conn.execute("SELECT val FROM meta WHERE k=?", (_WORD_LISTS,)).fetchone()
    if row is not None:  # the sorted blobs of the text engine: split, not read a row a word
        blobs = marshal.loads(row[0])
        if not (
            isinstance(blobs, tuple) and len(blobs) == len(_ENGINE_LISTS) and all(isinstance(b, bytes) for b in blobs)
        ):
            raise ValueError(f"the word lists are not {len(_ENGINE_LISTS)} byte strings")
        return {n: frozenset(b.decode().split("\n")) if b else frozenset() for n, b in zip((COMMON, AMBIGUOUS), blobs)}
    return {n: frozenset(w for (w,) in conn.execute("SELECT w FROM words WHERE list=?", (n,))) for n in _ENGINE_LISTS}


class CompiledIndex:
    """Read access to a compiled table, from disk first and from memory once busy."""

    def __init__(self, conn: sqlite3.Connection, origin: str, source: tuple | None = None):
        self.conn = conn
        self.origin = origin
        # (tables, user_tables, fingerprint): what to rebuild from if the file fails mid-run
        self._source = source
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
        self._aliases: dict[str, tuple[str, str]] | None = None  # set by hold_for_batch
        self._ranks: RankRows | None | bool = False  # False: not read yet
        self._romanised: dict[str, tuple[int, ...]] | None = None  # ROMANISED_LEVEL, once held

    # ------------------------------------------------------------ opening
    @classmethod
    def open(
        cls, tables: list[tuple[Path, Path | None]], *, use_cache: bool = True, user_tables: int = 0
    ) -> CompiledIndex:
        """Compile (or reuse the cached compilation of) the given tables, in order.

        The last ``user_tables`` tables are validated first (the bundled one was
        validated when it was built): a broken user table is a DataError naming
        its file and line, not a half-loaded index. A cached file that is not
        whole is rebuilt; a cache folder others can write is a CacheError.
        """
        digest = _fingerprint(tables, user_tables)
        source = (tables, user_tables, digest)
        target = None
        if use_cache:
            target = cache_dir() / f"index-{digest}.sqlite"
            conn = _open_cached(target)
            if conn is not None:
                return cls(conn, str(target), source)
        conn, origin = _compile_to(target, tables, user_tables)
        return cls(conn, origin, source)

    def _read(self, query):
        """``query(conn)``, rebuilding the index once if the file fails under it."""
        try:
            return query(self.conn)
        except _NOT_DAMAGE:
            raise
        except _DAMAGE as exc:
            self._recover(exc)
        return query(self.conn)

    def _recover(self, exc: BaseException) -> None:
        """The cached file failed a read after it was opened (changed under us): rebuild
        it, the same tables giving the same row numbers, and carry on with the new one."""
        from .errors import CacheError

        what = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
        source, self._source = self._source, None  # once: a second failure is reported
        if source is None or self.origin == ":memory:":
            raise CacheError(f"the compiled index {_shown(self.origin)} cannot be read ({what})") from None
        tables, user_tables, digest = source
        if _fingerprint(tables, user_tables) != digest:
            raise CacheError(
                f"the compiled index {_shown(self.origin)} failed ({what}) and the place tables "
                "changed during the run; run the command again"
            ) from None
        target = Path(self.origin)
        conn = _open_cached(target)  # another process may have rebuilt it already
        origin = str(target)
        if conn is None:
            conn, origin = _compile_to(target, tables, user_tables)
        old, self.conn, self.origin = self.conn, conn, origin
        old.close()
        self._place_cache.clear()
        self._variant_cache.clear()
        self._word_cache.clear()

    # ------------------------------------------------------------ memory
    def materialise(self) -> None:
        """Pull keys, variants and places into dictionaries (for batches)."""
        if self._keys is not None:
            return
        self._read(self._materialise)

    def _materialise(self, conn: sqlite3.Connection) -> None:
        # the folded keys: the scanner's copy if it holds one, else the marshalled one
        folded = self._folded if self._folded is not None else _scan_keys(conn)
        self._variants, places, skeletons = _lookup_rows(conn)
        keys = [folded, skeletons]
        self._ids = {row[0]: i for i, row in enumerate(places)}
        self._places = places
        self._keys = keys  # last: a failure above leaves nothing half loaded

    def hold_for_batch(self) -> None:
        """Keys, variants, places, word lists and old ids in memory at once: a batch of
        lookups would otherwise query the file for each new word (the word lists until
        20,000 queries) and for each name no place matches (an old id?)."""
        self.materialise()
        if self._words is None:
            self._words = self._read(_word_sets)
            self._word_cache.clear()
        if self._aliases is None:
            rows = self._read(lambda c: c.execute("SELECT alias, id, reason FROM aliases").fetchall())
            self._aliases = {alias: (pid, reason or "") for alias, pid, reason in rows}

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
        rows = self._read(lambda c: c.execute("SELECT v FROM keys WHERE level=? AND key=?", (level, key)).fetchall())
        return tuple(r[0] for r in rows)

    def romanised(self, key: str) -> tuple[int, ...]:
        """Variant ids of the names in Armenian letters whose romanisation in a scholarly
        or library system folds to ``key`` (ROMANISED_LEVEL: "calkajor", Hübschmann-
        Meillet's Całkajor, is Ծաղկաձոր); read by lookup only."""
        if self._keys is not None:  # a batch: the level's keys in memory, read once
            if self._romanised is None:
                self._romanised = self._read(lambda c: _level_postings(c, ROMANISED_LEVEL))
            return self._romanised.get(key, ())
        rows = self._read(
            lambda c: c.execute("SELECT v FROM keys WHERE level=? AND key=?", (ROMANISED_LEVEL, key)).fetchall()
        )
        return tuple(r[0] for r in rows)

    def folded_keys(self) -> dict[str, tuple[int, ...]]:
        """Folded key -> variant ids, as one dictionary (what the text scanner probes),
        without pulling variants and places into memory."""
        if self._keys is not None:
            return self._keys[0]
        if self._folded is None:
            self._folded = self._read(_scan_keys)
        return self._folded

    def scan_table(self):
        """The folded keys (a read-only mapping, folded key -> variant ids) and their
        shapes as the compiled engine reads them (gazetteer._core.KeyTable), built with
        the index: what the text scanner probes, read without building a dictionary."""
        return self._read(_scan_table)

    def key_shapes(self) -> KeyShapes:
        """What the candidate finder needs of the keys' shapes (scan.shapes), built with the index."""
        return self._read(_key_shapes)

    def variant_flags(self) -> bytes:
        """The flag byte of each variant the text engine reads (scan.spellings), built with the index."""
        return self._variant_part(_VARIANT_FLAGS, 0)

    def variant_importance(self) -> bytes:
        """Each variant's place's importance (scan.spellings), built with the index."""
        return self._variant_part(_VARIANT_IMPORTANCE, 1)

    def _variant_part(self, name: str, part: int) -> bytes:
        row = self._read(lambda c: c.execute("SELECT val FROM meta WHERE k=?", (name,)).fetchone())
        if row is None or not isinstance(row[0], bytes):  # (an older layout)
            return self._read(_variant_table)[part]
        return row[0]

    def word_lists(self) -> tuple[bytes, ...]:
        """The common words and the ambiguous names, folded, then the same as spelled
        (wordlist.spelling), each sorted and joined by newlines (what the text engine
        probes), built with the index."""
        row = self._read(lambda c: c.execute("SELECT val FROM meta WHERE k=?", (_WORD_LISTS,)).fetchone())
        if row is not None:
            return marshal.loads(row[0])
        words = self._read(_word_sets)  # (an index another Python version built)
        return tuple("\n".join(sorted(words[which])).encode() for which in _ENGINE_LISTS)

    def variant(self, vid: int) -> tuple:
        """(place index, text, lang, type, needs_context)."""
        if self._variants is not None:
            return self._variants[vid]
        row = self._variant_cache.get(vid)
        if row is None:
            row = self._variant_cache[vid] = self._read(
                lambda c: c.execute(
                    "SELECT place, text, lang, type, needs_context FROM variants WHERE v=?", (vid,)
                ).fetchone()
            )
        return row

    def variants_of_kinds(self, kinds: frozenset[str]) -> list[int]:
        """The variant ids of the places of some kinds, in id order (the landmarks, passes
        and natural features whose names lookup reads a feature word's namesakes from: a few
        hundred of the table's variants), from memory when held, else from the rank rows."""
        if self._variants is not None and self._places is not None:
            places = self._places
            return [v for v, row in enumerate(self._variants) if places[row[0]][_KIND] in kinds]
        ranks = self.rank_rows()
        if ranks is not None:
            codes = {c for c, (kind, _country) in enumerate(ranks.place_codes) if kind in kinds}
            wanted = {i for i, c in enumerate(ranks.place_code) if c in codes}
            return [v for v, p in enumerate(ranks.variant_place) if p in wanted]
        marks = ", ".join("?" * len(kinds))
        sql = f"SELECT v.v FROM variants v JOIN places p ON p.i = v.place WHERE p.kind IN ({marks}) ORDER BY v.v"
        return [row[0] for row in self._read(lambda c: c.execute(sql, tuple(sorted(kinds))).fetchall())]

    def rank_rows(self) -> RankRows | None:
        """What ranking reads of all variants and places (RankRows), read once; None for
        an index built without them (then ``variant`` and ``place`` answer)."""
        if self._ranks is False:
            self._ranks = self._read(_rank_rows)
        return self._ranks  # type: ignore[return-value]

    def read_rows(self, vids: tuple[int, ...]) -> None:
        """Read the rows of some variants and of their places that are not read yet, one
        query a variant (a variant and its place are otherwise two queries, most of the
        cost of ranking a name seen for the first time); ``variant`` and ``place`` then
        answer from memory with the very rows they would have read."""
        if self._variants is not None:
            return
        wanted = [v for v in dict.fromkeys(vids) if v not in self._variant_cache]
        if not wanted:
            return
        rows = [self._read(lambda c, v=v: c.execute(_VARIANT_AND_PLACE, (v,)).fetchone()) for v in wanted]
        for row in rows:
            if row is None:
                continue  # (no such variant: variant() says so as before)
            self._variant_cache[row[0]] = row[1:6]
            if row[6] is not None:  # (a variant's place is always there; a broken file aside)
                self._place_cache.setdefault(row[1], row[6:])

    def place(self, i: int) -> tuple:
        """(id, name, kind, country, parent, lat, lon, population, source, az, ru, hy, status, importance)."""
        if self._places is not None:
            return self._places[i]
        row = self._place_cache.get(i)
        if row is None:
            row = self._read(
                lambda c: c.execute(f"SELECT {', '.join(PLACE_ROW)} FROM places WHERE i=?", (i,)).fetchone()
            )
            self._place_cache[i] = row
        return row

    def source_ids(self, i: int) -> tuple[str, str]:
        """(wof_id, geonames_id) of place ``i``; "" where the table gives none."""
        row = self._read(lambda c: c.execute("SELECT wof_id, geonames_id FROM source_ids WHERE i=?", (i,)).fetchone())
        return (row[0] or "", row[1] or "") if row else ("", "")

    def alias(self, old_id: str) -> tuple[str, str] | None:
        """(id, reason) when ``old_id`` is an old id of a place (aliases.csv), else None."""
        if self._aliases is not None:
            return self._aliases.get(old_id)
        row = self._read(lambda c: c.execute("SELECT id, reason FROM aliases WHERE alias=?", (old_id,)).fetchone())
        return (row[0], row[1] or "") if row else None

    def place_index(self, place_id: str) -> int | None:
        if self._ids is not None:
            return self._ids.get(place_id)
        row = self._read(lambda c: c.execute("SELECT i FROM places WHERE id=?", (place_id,)).fetchone())
        return row[0] if row else None

    def keys(self, level: int = 0) -> list[str]:
        """Every distinct key of a level (for fuzzy search)."""
        self.materialise()
        assert self._keys is not None
        return list(self._keys[level])

    def variants_of(self, i: int) -> list[tuple]:
        return self._read(
            lambda c: c.execute(
                "SELECT text, lang, type, needs_context, source FROM variants WHERE place=? ORDER BY v", (i,)
            ).fetchall()
        )

    def _in_words(self, key: str, which: int) -> bool:
        if self._words is not None:
            return key in self._words[which]
        cache = self._word_cache
        hit = cache.get((key, which))
        if hit is None:
            row = self._read(lambda c: c.execute("SELECT 1 FROM words WHERE w=? AND list=?", (key, which)).fetchone())
            hit = cache[(key, which)] = row is not None
            self._word_queries += 1
            if self._word_queries > _WORD_QUERIES_BEFORE_LOAD:
                # a corpus with a large vocabulary: one read of the lists beats a query a word
                self._words = self._read(_word_sets)
                cache.clear()
            elif len(cache) > 50_000:
                cache.clear()
        return hit

    def _spelled(self, spelling: str, which: int) -> bool:
        hit = self._word_cache.get((spelling, which))
        if hit is None:
            row = self._read(
                lambda c: c.execute("SELECT 1 FROM words WHERE w=? AND list=?", (spelling, which)).fetchone()
            )
            hit = self._word_cache[(spelling, which)] = row is not None
        return hit

    def spelled_flags(self, spelling: str) -> tuple[bool, bool]:
        """(an ambiguous name, a common word) as spelled (``wordlist.spelling``): what the
        text engine asks until it reads the lists whole (src/scan/lexicon.rs)."""
        return self._spelled(spelling, AMBIGUOUS_SPELLINGS), self._spelled(spelling, COMMON_SPELLINGS)

    def is_common_spelling(self, spelling: str) -> bool:
        """A common word as spelled (``wordlist.spelling``): what lookup asks of a word in
        the script it was typed in (one query, not spelled_flags' two)."""
        return self._spelled(spelling, COMMON_SPELLINGS)

    def is_common_word(self, key: str) -> bool:
        """True when the folded ``key`` (or every word of it) is a common word."""
        if self._in_words(key, COMMON):
            return True
        parts = key.split()
        return len(parts) > 1 and all(self._in_words(p, COMMON) for p in parts)

    def is_plain_latin_common_key(self, key: str) -> bool:
        """True when the folded ``key`` is the fold of a common word spelled in plain (ASCII)
        Latin letters (berry for Berri, begin for Beghin; not turşu's tursu)."""
        return self._spelled(key, COMMON_PLAIN_LATIN_KEYS)

    def is_ambiguous_name(self, key: str) -> bool:
        """True when a place name (folded) is also a frequent word: "kabul", "sus", "kasaba"."""
        return self._in_words(key, AMBIGUOUS)

    def __len__(self) -> int:
        if self._places is not None:
            return len(self._places)
        return self._read(lambda c: c.execute("SELECT count(*) FROM places").fetchone()[0])

    def all_places(self) -> list[tuple]:
        self.materialise()
        assert self._places is not None
        return self._places
