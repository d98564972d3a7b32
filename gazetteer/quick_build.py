"""Writes the snapshot that gazetteer/quick.py answers a cold ``lookup`` from (issue 15).

The snapshot holds what quick.py needs of the package, taken from the real modules (the
index file the API opens, the organisations' names, the Turkic endings, the word list's
number...; the rules and weights it reads from gazetteer/early.py, as the matcher does),
and the identity of every file that decides an answer: every file of the package and
the tables the index is compiled from. Before it is written, its answers to
a sample of the table's names (as written, lower-cased, upper-cased, with case endings;
two option sets) are compared with the API's: one difference and the snapshot is written
switched off, with the difference as its reason, so that the CLI answers everything
until a file changes. The launcher calls :func:`refresh` after a lookup that found no
usable snapshot; ``python -m gazetteer.quick_build`` writes one and prints its check.
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile

from .quick import SNAPSHOT_VERSION, QuickLookup, _private, cache_path, identity, package_dir, snapshot_path

# Sampled names of the table (every n-th variant) and what is made of each.
SAMPLE_NAMES = 80
# ... and every n-th name of a region village that a place outside the region shares: the
# names the conflict zone's box decides (Qazançı, Çaykənd), which an every-n-th sample may miss
SAMPLE_REGION_NAMES = 20
SAMPLE_FORMS = (
    lambda t: t,
    lambda t: t.lower(),
    lambda t: t.upper(),
    lambda t: t + "də",
    lambda t: t + "nın",
    lambda t: t + "ya",
    lambda t: t + "dan",
    lambda t: t + "da",
)
SAMPLE_OPTIONS = ((1, "en"), (3, "az"), (2, "hy"))
# index._open_cached touches an index file older than this (seconds), to mark it used
TOUCH_AFTER = 3600
# The code quick.py reproduces or relies on (module:qualified name), with a CRC-32 of its
# source as quick.py was written against it: how the matcher hands its readers to the
# early decisions (gazetteer/early.py, which both call: its rules are not mirrored), the
# Turkic endings quick.py reads without the language package, and the API, CLI, index
# and writers whose records it prints. When one changes (or goes), the
# snapshot is written switched off until quick.py is brought up to date: review the change,
# mirror it in quick.py, then paste what ``python -m gazetteer.quick_build --mirrors`` prints.
MIRRORS: dict[str, int] = {
    "gazetteer.matcher:_turkic_lemmas": 0x2FF184B7,
    "gazetteer.matcher:_has_armenian": 0x4EC88F89,
    "gazetteer.matcher:_without_item_number": 0x9DA7529C,
    "gazetteer.matcher:Matcher.__init__": 0x3EE1B3CF,
    "gazetteer.matcher:Matcher.lookup": 0x091A5787,
    "gazetteer.matcher:Matcher._lookup_uncached": 0xFE52B21E,
    "gazetteer.matcher:Matcher._known_key": 0x534ADCD4,
    "gazetteer.inflection:lemmas": 0x2FD7CFF5,
    "gazetteer.lang.az.morphology:analyse": 0xB5E1DE87,
    "gazetteer.lang.az.morphology:_harmonises": 0xA9B09F0E,
    "gazetteer.api:Gazetteer.candidates": 0xD483E549,
    "gazetteer.api:Gazetteer._by_alias": 0xB89C5D02,
    "gazetteer.api:Gazetteer._to_match": 0x441FFE29,
    "gazetteer.api:Gazetteer._described": 0x497E804C,
    "gazetteer.api:Gazetteer._district": 0xDF349A4C,
    "gazetteer.api:Gazetteer._name": 0x86F618C6,
    "gazetteer.api:Gazetteer._place": 0x81EFFA2A,
    "gazetteer.records:PlaceRow.name_in": 0x983CFF77,
    "gazetteer.aliases:looks_like_id": 0x8455BE4C,
    "gazetteer.batch_lookup:_records": 0xDF629415,
    "gazetteer.batch_lookup:lookup_all": 0x167C4E75,
    "gazetteer.batch_lookup:lookup_line": 0xB7BB7677,
    "gazetteer.cli:lookup": 0x1B54E7CF,
    "gazetteer.cli:_names_from": 0xD8B2F6CD,
    "gazetteer.cli:_guard": 0xA960C165,
    "gazetteer.commands:_stdout": 0x8B40F40D,
    "gazetteer.commands:_default_format": 0x7AD05415,
    "gazetteer.commands:_load": 0x3C18F114,
    "gazetteer.commands:_places_list": 0x8C977B76,
    "gazetteer.commands:guarded": 0x782D3D0F,
    "gazetteer.index:CompiledIndex.postings": 0x4CE79CE1,
    "gazetteer.index:CompiledIndex.variant": 0xC1177828,
    "gazetteer.index:CompiledIndex.place": 0x8A1083A1,
    "gazetteer.index:CompiledIndex.place_index": 0x5DDBCEAD,
    "gazetteer.index:CompiledIndex.alias": 0xCCEB1A9D,
    "gazetteer.index:CompiledIndex.is_common_word": 0x257DCE87,
    "gazetteer.index:CompiledIndex._in_words": 0xEC22B209,
    "gazetteer.index:_open_cached": 0x693814BF,
    "gazetteer.index:_whole": 0xE3388F45,
    "gazetteer.index:_read_only": 0x386165D6,
    "gazetteer.index:_stamped_crc": 0x5D3C1BAD,
    "gazetteer.index:_identity": 0x5C6574D3,
    "gazetteer.index:_check_private": 0xE643E21B,
    "gazetteer.index:_cache_path": 0xFE37529C,
    "gazetteer.formats:json_line": 0x750B7F15,
    "gazetteer.formats:make_writer": 0x80F09282,
}


def watched_files() -> list[str]:
    """Every file of the package (code, language lists, bundled tables, the compiled core)
    and the files whose appearance would change the tables the index is read from."""
    from .aliases import aliases_beside
    from .table import bundled_paths
    from .wordlist import word_files

    pkg = package_dir()
    out = []
    for folder, dirs, files in os.walk(pkg):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        out += [os.path.join(folder, f) for f in sorted(files) if not f.endswith((".pyc", ".marshal"))]
    places, variants = bundled_paths()
    here = [str(places), str(variants), *map(str, word_files().values())]
    alias = aliases_beside(places)
    here += [str(alias)] if alias else []
    here += [str(places.with_name(places.stem + ".aliases.csv")), str(places.with_name("aliases.csv"))]
    here.append(os.path.join(pkg, "data", "places.csv"))  # bundled_paths' choice of folder
    return list(dict.fromkeys(out + here))


class NotReady(Exception):
    """No snapshot can be made now, but one may be on the next lookup (nothing is written)."""


def build() -> dict:
    """The snapshot's contents, checked against the API (``enabled`` False when they differ,
    or when the package no longer has what quick.py reads)."""
    watched = [(f, identity(f)) for f in watched_files()]
    try:
        snap = _contents(watched)
    except NotReady:
        raise
    except Exception as exc:  # the package changed under quick.py: off until a file changes
        if os.environ.get("GAZETTEER_DEBUG"):
            raise
        return {"version": SNAPSHOT_VERSION, "python": sys.version, "watched": watched, "enabled": False,
                "why": f"cannot be built: {type(exc).__name__}: {exc}"}  # fmt: skip
    return snap


def _contents(watched: list) -> dict:
    from pathlib import Path

    from . import cues, matcher, records, wordlist
    from .api import Gazetteer
    from .index import _APPLICATION_ID, INDEX_VERSION, PLACE_ROW
    from .lang import MIN_STEM
    from .lang.az import morphology as az
    from .table import CONFLICT_BOX
    from .text import scripts

    gz = Gazetteer.load()
    if gz.index.origin == ":memory:" or not os.path.isfile(gz.index.origin):
        raise OSError("the index is not cached in a file")
    origin = os.path.abspath(gz.index.origin)  # the cache folder may be given relative to the cwd
    spans = {}
    for name, chars in (("armenian", scripts.ARMENIAN), ("cyrillic", scripts.CYRILLIC)):
        if len(chars) != 3 or chars[1] != "-":
            raise ValueError(f"text.scripts.{name.upper()} is no longer one range")
        spans[name] = (chars[0], chars[2])
    snap = {
        "version": SNAPSHOT_VERSION,
        "python": sys.version,
        "watched": watched,
        "enabled": True,
        "why": "",
        "index": origin,
        "index_uri": Path(origin).as_uri() + "?mode=ro",
        "index_version": INDEX_VERSION,
        "application_id": _APPLICATION_ID,
        "touch_after": TOUCH_AFTER,
        "place_row": tuple(PLACE_ROW),
        "fields": tuple(records.LOOKUP_FIELDS),
        "org_names": frozenset(matcher.EARLY_LEFT_KEYS),  # lk20 (minimal edit): the keys early.answer leaves
        "surname_endings": tuple(cues.SURNAME_ENDINGS),
        "demonym_endings": tuple(matcher.LATIN_DEMONYM_ENDINGS),
        # matcher.TWO_LETTER_MARKS' letters and the combining caron: a query holding one is the matcher's
        "two_letter_marks": "".join(matcher.TWO_LETTER_MARKS) + "\u030c",
        "adjective_stems": tuple(matcher.ADJECTIVE_STEMS),  # early.english_adjective
        "common_list": wordlist.COMMON,
        "turkic_endings": frozenset(az._TURKIC_SET),
        "turkic_lengths": tuple(az._TURKIC_LENGTHS),
        "min_stem": MIN_STEM,
        "conflict_box": tuple(CONFLICT_BOX),
        "cli": _cli_options(),
        **spans,
    }
    marshal.dumps(snap)  # only plain values: fails here rather than when written
    from .quick import Index

    index = Index.open(snap)
    if index is None:  # just compiled (no stamp yet) or due its hourly touch: the CLI's next open does it
        raise NotReady("the index file is not ready to be read as quick.py reads it")
    index.conn.close()
    changed = [name for name, crc in mirror_sums().items() if MIRRORS.get(name) != crc]
    why = f"quick.py mirrors an older {', '.join(changed)}" if changed else self_check(gz, snap)
    if why:
        snap["enabled"], snap["why"] = False, why
    return snap


MIRRORED = {
    "gazetteer.matcher": (
        "_turkic_lemmas", "_has_armenian", "_without_item_number", "Matcher.__init__", "Matcher.lookup", "Matcher._lookup_uncached",
        "Matcher._known_key",
    ),
    "gazetteer.inflection": ("lemmas",),
    "gazetteer.lang.az.morphology": ("analyse", "_harmonises"),
    "gazetteer.api": (
        "Gazetteer.candidates", "Gazetteer._by_alias", "Gazetteer._to_match", "Gazetteer._described",
        "Gazetteer._district", "Gazetteer._name", "Gazetteer._place",
    ),
    "gazetteer.records": ("PlaceRow.name_in",),
    "gazetteer.aliases": ("looks_like_id",),
    "gazetteer.batch_lookup": ("_records", "lookup_all", "lookup_line"),
    "gazetteer.cli": ("lookup", "_names_from", "_guard"),
    "gazetteer.commands": ("_stdout", "_default_format", "_load", "_places_list", "guarded"),
    "gazetteer.index": (
        "CompiledIndex.postings", "CompiledIndex.variant", "CompiledIndex.place", "CompiledIndex.place_index",
        "CompiledIndex.alias", "CompiledIndex.is_common_word", "CompiledIndex._in_words", "_open_cached",
        "_whole", "_read_only", "_stamped_crc", "_identity", "_check_private", "_cache_path",
    ),
    "gazetteer.formats": ("json_line", "make_writer"),
}  # fmt: skip


def mirror_sums() -> dict[str, int]:
    """CRC-32 of the source of each function quick.py mirrors, as it is now (0: gone)."""
    import inspect
    import zlib
    from importlib import import_module

    out = {}
    for module, names in MIRRORED.items():
        mod = import_module(module)
        for name in names:
            obj = mod
            try:
                for part in name.split("."):
                    obj = getattr(obj, part)
                if module == "gazetteer.cli" and hasattr(obj, "callback"):
                    obj = obj.callback  # a click command: its function
                obj = inspect.unwrap(obj)
                out[f"{module}:{name}"] = zlib.crc32(inspect.getsource(obj).encode("utf-8"))
            except (AttributeError, OSError, TypeError):
                out[f"{module}:{name}"] = 0
    return out


def _cli_options() -> dict:
    """The choices and defaults of cli.lookup's --format, --top and --naming, as click checks them."""
    from .cli import lookup

    params = {p.name: p for p in lookup.params}
    fmt, top, naming = params["fmt"], params["top"], params["naming"]
    for p in (fmt, naming):
        if not getattr(p.type, "case_sensitive", True):
            raise ValueError(f"--{p.name} is no longer case-sensitive")
    if top.type.min_open or top.type.max_open or top.type.clamp:
        raise ValueError("--top is no longer a closed range")
    return {
        "formats": tuple(fmt.type.choices),
        "namings": tuple(naming.type.choices),
        "naming_default": naming.default,
        "top_min": top.type.min,
        "top_max": top.type.max,
        "top_default": top.default,
    }


def sample_names(gz) -> list[str]:
    """Names made from every n-th variant of the table."""
    conn = gz.index.conn
    total = conn.execute("SELECT count(*) FROM variants").fetchone()[0]
    step = max(1, total // SAMPLE_NAMES)
    texts = [t for (t,) in conn.execute("SELECT text FROM variants WHERE v % ? = 0 ORDER BY v", (step,))]
    texts += region_decided_names(gz)
    return list(dict.fromkeys(form(t) for t in texts for form in SAMPLE_FORMS))


def region_decided_names(gz, limit: int = SAMPLE_REGION_NAMES) -> list[str]:
    """Every n-th name of a village inside the conflict zone's box whose key a place outside
    it shares (at most ``limit``): the answers the box decides."""
    from .table import CONFLICT_BOX

    south, west, north, east = CONFLICT_BOX
    inside = "p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ?"
    query = f"""SELECT DISTINCT vi.text FROM keys k JOIN variants vi ON vi.v = k.v
        JOIN places p ON p.i = vi.place
        WHERE k.level = 0 AND p.kind = 'village' AND {inside}
        AND EXISTS (SELECT 1 FROM keys k2 JOIN variants v2 ON v2.v = k2.v JOIN places p ON p.i = v2.place
            WHERE k2.level = 0 AND k2.key = k.key AND NOT ({inside}))
        ORDER BY vi.text"""
    box = (south, north, west, east)
    names = [t for (t,) in gz.index.conn.execute(query, box + box)]
    return names[:: max(1, len(names) // limit)][:limit]


def self_check(gz, snap: dict, names: list[str] | None = None) -> str:
    """ "" when the snapshot's answers equal the API's on the names, else the first difference."""
    from .batch_lookup import LookupOptions, _records
    from .formats import json_line
    from .quick import Index

    index = Index.open(snap)
    if index is None:
        return "the index file could not be opened as quick.py opens it"
    try:
        look = QuickLookup(index, snap)
        for name in names if names is not None else sample_names(gz):
            for top, naming in SAMPLE_OPTIONS:
                mine = look.records(name, top, naming)
                if mine is None:
                    continue
                fields = [*snap["fields"], *(["rank"] if top > 1 else [])]
                found = gz.candidates(name, top, naming=naming)
                theirs = _records(name, found, LookupOptions(fields, top, None, None, naming))
                if [json_line(r) for r in mine] != [json_line(r) for r in theirs]:
                    return f"{name!r} --top {top} --naming {naming}: {mine!r} != {theirs!r}"
    finally:
        index.conn.close()
    return ""


def write(snap: dict) -> str:
    """Write the snapshot into the cache folder (private file, atomic replace); its path."""
    cache = cache_path()
    target = snapshot_path(cache)
    fd, tmp = tempfile.mkstemp(prefix=".quick-lookup-", suffix=".tmp", dir=cache)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps(snap))
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return target


def refresh() -> None:
    """Build, check and write a snapshot; never fails loudly (the lookup has been answered).
    Nothing is tried where the snapshot could not be written (a read-only cache folder)."""
    cache = cache_path()
    if not (_private(cache) and os.access(cache, os.W_OK)):
        return
    try:
        write(build())
    except NotReady:
        pass
    except Exception:
        if os.environ.get("GAZETTEER_DEBUG"):
            raise


if __name__ == "__main__":
    if sys.argv[1:] == ["--mirrors"]:
        print("MIRRORS: dict[str, int] = {")
        for name, crc in mirror_sums().items():
            print(f'    "{name}": 0x{crc:08X},')
        print("}")
        raise SystemExit(0)
    try:
        got = build()
    except NotReady as exc:
        raise SystemExit(f"not now: {exc}; run a lookup first") from None
    print(write(got))
    print("enabled" if got["enabled"] else f"switched off: {got['why']}")
