"""``gazetteer lookup`` over many names (stdin or arguments): each distinct query answered
and formatted once.

Batches repeat names (a column of a spreadsheet, a list of datelines), so the records of
a query are kept, bounded, and a repeat is one dictionary probe. A JSON line is made
once per distinct query, by one format string (``lookup_line``: byte for byte what
``formats.json_line`` writes). After the first names the index is held in memory
(``CompiledIndex.hold_for_batch``), and the names that decide early (a known key, a word
with an ending, a word the guards refuse) are answered by the compiled core
(``gazetteer._core.Lookup``, crates/gazetteer-core/src/lookup.rs); the rest by
:meth:`gazetteer.api.Gazetteer.candidates`. A compiled answer's JSON lines are its query,
each place's fields (made once a place) and the match's, written by the core in one call
(``Lookup.lines``, crates/gazetteer-core/src/lookup/lines.rs; its twin
``_joined_lines_python``); so are a matcher's answer's (``_matcher_lines``: the matcher's
candidates, with no Match, record or encoder between them and the line), and a name the
matcher matches nothing in is its null line at once (``_unmatched_lines``). The output is
the same as one lookup per name (tests/test_lookup_batch_equivalence.py).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from itertools import islice
from json.encoder import encode_basestring as _json_str  # the function json writes strings with

from .api import Match
from .formats import JsonLinesWriter, Writer, json_line
from .named import NamedTuple
from .records import LOOKUP_FIELDS, PlaceRow, VariantRow

__all__ = ["LookupOptions", "compiled_lookup", "lookup_all", "lookup_line"]

# Distinct queries whose records (or lines) are kept; when full, the older half is let go,
# so memory stays bounded however long the input.
ANSWER_CACHE = 10_000
# After this many names the batch is a batch: the whole index is held in memory (about half
# a second once), where the index would ask its file about each new word until 20,000
# questions, and about each name no place matches (an old id?).
HOLD_AFTER = 200
# Allocations between two collections of the young generation during a batch (Python's
# default is 700): see _lookup_all.
BATCH_GC_YOUNG = 50_000


class LookupOptions(NamedTuple):
    """What every name of a batch is looked up with."""

    fields: list[str]  # the record's fields, "query" first (and "rank" last with top > 1)
    top: int = 1
    country: str | None = None
    kind: str | None = None
    naming: str = "en"


def _records(name: str, found: list, opts: LookupOptions) -> list[dict]:
    """The records printed for one name: one per match (with its rank when top > 1), or one
    of null fields when nothing matched."""
    if not found:
        rec = dict.fromkeys(opts.fields)
        rec["query"] = name
        return [rec]
    names = opts.fields[: len(opts.fields) - (opts.top > 1)]
    leading = tuple(names) == Match._fields[: len(names)]  # the record is the match's first fields
    out = []
    for rank, m in enumerate(found, 1):
        rec = dict(zip(names, m)) if leading and type(m) is Match else {f: getattr(m, f) for f in names}
        if opts.top > 1:
            rec["rank"] = rank
        out.append(rec)
    return out


def _forget_older_half(cache: dict) -> None:
    """Drop the first-inserted half of a dictionary (the older answers)."""
    for key in list(islice(cache, len(cache) // 2)):
        del cache[key]


_LAYOUT = LOOKUP_FIELDS  # the fields of a lookup record, in the CLI's order
_VARIANT_TEXT = VariantRow._fields.index("text")
_RANKED = (*_LAYOUT, "rank")


def _finite(x: object) -> bool:
    return type(x) is float and x - x == 0.0  # json writes NaN and Infinity its own way


_QUERY = '{"query": '


def lookup_line(rec: dict) -> str:
    """``formats.json_line(rec)`` for a lookup record, byte for byte, made with one format
    string instead of the JSON encoder (which calls back into Python for every float)."""
    tail = _tail(rec)
    if tail is None:
        return json_line(rec)
    return _QUERY + _json_str(rec["query"]) + tail


# what follows the query's value in the line of a name no place matched (every other field
# null), for each layout: json.dumps writes the same every time
_NULL_TAILS = {layout: "".join(f', "{f}": null' for f in layout[1:]) + "}\n" for layout in (_LAYOUT, _RANKED)}


def _tail(rec: dict) -> str | None:
    """What follows the query's value in ``lookup_line(rec)`` when the one format string
    writes it, else None."""
    layout = tuple(rec)
    if layout == _LAYOUT or layout == _RANKED:
        q, pid, name, kind, country, district, lat, lon, score, variant, method, ctx, *rank = rec.values()
        if type(q) is str:
            if pid is None and all(
                x is None for x in (name, kind, country, district, lat, lon, score, variant, method, ctx, *rank)
            ):
                return _NULL_TAILS[layout]  # a name no place matched
            place = _place_part(pid, name, kind, country, district, lat, lon)
            match = _match_part(score, variant, method, ctx, rank[0] if rank else None)
            if place is not None and match is not None:
                return place + match
    return None


def _place_part(pid, name, kind, country, district, lat, lon) -> str | None:
    """The place's fields of a lookup line (``Gazetteer._described``), or None when the
    format string cannot write them as json does."""
    if (
        type(pid) is str
        and type(name) is str
        and type(kind) is str
        and type(country) is str
        and (district is None or type(district) is str)
        and _finite(lat)
        and _finite(lon)
    ):
        return (
            f', "id": {_json_str(pid)}, "name": {_json_str(name)}, '
            f'"kind": {_json_str(kind)}, "country": {_json_str(country)}, '
            f'"district": {"null" if district is None else _json_str(district)}, '
            f'"lat": {lat!r}, "lon": {lon!r}, '
        )
    return None


def _match_part(score, variant, method, ctx, rank) -> str | None:
    """The match's fields of a lookup line, to its end (``rank`` None: no rank field)."""
    if (
        _finite(score)
        and type(variant) is str
        and type(method) is str
        and type(ctx) is bool
        and (rank is None or type(rank) is int)
    ):
        return (
            f'"score": {score!r}, "matched_variant": {_json_str(variant)}, "method": {_json_str(method)}, '
            f'"needs_context": {"true" if ctx else "false"}' + ("}\n" if rank is None else f', "rank": {rank}}}\n')
        )
    return None


class _Found(NamedTuple):
    """A compiled answer's candidate, with the fields ``Gazetteer._to_match`` reads."""

    place: int
    variant: int
    method: str
    score: float
    needs_context: bool
    cue: None = None


def compiled_lookup(gz):
    """``gazetteer._core.Lookup`` over ``gz``'s index, held in memory for it, or None when
    the compiled core has none (then Python answers every name)."""
    try:
        from ._core import Lookup
    except ImportError:  # pragma: no cover - a core built before lookup.rs
        return None
    from types import SimpleNamespace

    from . import matcher
    from .cues import SURNAME_ENDINGS
    from .lang import MIN_STEM
    from .lang.az import morphology as turkic
    from .respell import LETTER_GROUPS
    from .scan import weights
    from .table import CONFLICT_BOX
    from .wordlist import COMMON

    ix = gz.index
    ix.hold_for_batch()
    if ix._keys is None or ix._words is None:
        return None
    fields = PlaceRow._fields
    host = SimpleNamespace(
        # the index in memory, probed as it is (nothing copied)
        keys0=ix._keys[0],
        keys1=ix._keys[1],
        variants=ix._variants,
        places=ix._places,
        common=ix._words[COMMON],
        # Matcher._guard: a common word as spelled in the script typed (called for a word common as folded)
        common_as_typed=gz.matcher.common_as_typed,
        kind_at=fields.index("kind"),
        lat_at=fields.index("lat"),
        lon_at=fields.index("lon"),
        importance_at=fields.index("importance"),
        names_at=[fields.index(f) for f in ("name", "name_az", "name_ru", "name_hy")],
        # early.exonym, read by early.prefer_region (matcher owner's edit): each country's own language
        country_at=fields.index("country"),
        own_languages=dict(matcher.early.OWN_LANGUAGES),
        renamed_types=dict(matcher.early.RENAMED_TYPES),  # early.prefer_renamed (lk18: minimal edit)
        # what early.prior, early.answer, early.guard and early.prefer_region read
        FOLDED_SCORE=weights.METHOD_SCORE["folded"],
        EXACT_SCORE=weights.METHOD_SCORE["exact"],
        INFLECTION_SCORE=weights.METHOD_SCORE["inflection"],
        IMPORTANCE_FACTOR=weights.IMPORTANCE_FACTOR,
        NEEDS_CONTEXT_PENALTY=weights.NEEDS_CONTEXT_PENALTY,
        BARE_FEATURE_PENALTY=weights.BARE_FEATURE_PENALTY,
        OWN_NAME_BONUS=weights.OWN_NAME_BONUS,
        MT_ERROR_PENALTY=weights.MT_ERROR_PENALTY,
        EXACT_BONUS=weights.EXACT_BONUS,
        REGION_VILLAGE_BONUS=matcher.REGION_VILLAGE_BONUS,
        REGION_MARGIN=matcher.REGION_MARGIN,
        RENAMED_OUTWEIGH=matcher.early.RENAMED_OUTWEIGH,
        LOOSE_MIN=weights.LOOSE_MIN,
        SURNAME_STEM_MIN=weights.SURNAME_STEM_MIN,
        SURNAME_ENDING_MIN=weights.SURNAME_ENDING_MIN,
        surname_endings=list(SURNAME_ENDINGS),
        demonym_endings=list(matcher.LATIN_DEMONYM_ENDINGS),  # early.guard (lk15: minimal edit)
        adjective_stems=list(matcher.ADJECTIVE_STEMS),  # early.english_adjective
        org_names=set(matcher.EARLY_LEFT_KEYS),  # the keys early.answer leaves to the full lookup
        turkic_endings=list(turkic.ENDINGS),
        min_stem=MIN_STEM,
        bare_feature_kinds=set(matcher.BARE_FEATURE_KINDS),
        far_village_kinds=set(matcher.FAR_VILLAGE_KINDS),
        village_kind="village",
        own_name_types=set(matcher.OWN_NAME_TYPES),
        mt_error_type="mt_error",
        conflict_box=CONFLICT_BOX,
        # early.near_prominent's keys (lk19: minimal edit): which small villages' names the full lookup reads
        prominent_keys=set(gz.matcher.prominent_keys()),
        # matcher.TWO_LETTER_MARKS' letters and the combining caron: left to the matcher
        two_letter_marks="".join(matcher.TWO_LETTER_MARKS) + "\u030c",
        # what a one-word query's full lookup reads (lookup/word.rs, Matcher._full_word): a key
        # holding a letter group that respell.py spells otherwise, or a word for a kind of
        # place (_kind_word_alone), is left to the matcher; the keyboard layouts
        # (_layout_readings) and the shortest key they are read for
        word_letter_groups=list(LETTER_GROUPS),
        word_kind_words={w for table in (matcher.GENERIC_WORDS, matcher.FEATURE_WORDS) for w, _before in table},
        ru_keys=matcher._RU_KEYS,
        en_keys=matcher._EN_KEYS,
        EDIT_MIN_LEN=matcher.EDIT_MIN_LEN,
    )
    return Lookup(host)


def _keep(cache: dict, key, value) -> None:
    if len(cache) >= ANSWER_CACHE:
        _forget_older_half(cache)
    cache[key] = value


def _compiled_lines(gz, name: str, found: list[tuple], opts: LookupOptions, places: dict, lines=None) -> list[str]:
    """The JSON lines of a compiled answer (its first ``top`` candidates): what
    ``Gazetteer.candidates`` then ``lookup_line`` write, made of the query, each place's
    fields (kept in ``places``) and the match's, joined in one string (``lines``: the
    compiled core's ``Lookup.lines``, else its twin ``_joined_lines_python``)."""
    ranked = opts.top > 1
    if tuple(opts.fields) != (_RANKED if ranked else _LAYOUT):
        return [lookup_line(r) for r in _compiled_records(gz, name, found, opts)]
    if lines is not None:
        joined = lines(name, found, places, ranked)
        if joined is not None:
            return [joined]
    for p, *_ in found:
        if p not in places:  # (made once a place)
            places[p] = _place_part(*gz._described(p, opts.naming)) or ""
    joined = _joined_lines_python(gz.index.variant, name, found, places, ranked)
    if joined is None:  # a value json writes its own way: the records, written whole
        return [lookup_line(r) for r in _compiled_records(gz, name, found, opts)]
    return [joined]


def _joined_lines_python(variant, name: str, found: list[tuple], places: dict, ranked: bool) -> str | None:
    """The JSON lines of an answer's candidates, joined: for each, the query, its place's
    fields as ``places`` holds them and the match's (``variant(v)``: the variant's row);
    None when a place's fields are not made or json writes a value its own way. The twin
    of ``_core.Lookup.lines`` (crates/gazetteer-core/src/lookup/lines.rs)."""
    head = _QUERY + _json_str(name)
    out = []
    for rank, (p, v, method, score, ctx) in enumerate(found, 1):
        place = places.get(p)
        if not place:
            return None
        match = _match_part(round(score, 1), variant(v)[_VARIANT_TEXT], method, ctx, rank if ranked else None)
        if match is None:
            return None
        out.append(head + place + match)
    return "".join(out)


def _matcher_lines(
    gz, name: str, opts: LookupOptions, places: dict, lines=None, final: bool = False
) -> tuple[bool, list[str]] | None:
    """The JSON lines of the Python matcher's answer for a name, made as a compiled answer's
    are (``Gazetteer.candidates`` with no filter is the matcher's first ``top`` candidates);
    None when an old id answers it, or when it matched nothing and the answer is not
    ``final`` (another source may be asked: then ``candidates`` does, from the matcher's
    cache)."""
    found = gz.matcher.lookup(name)
    if not found:
        return _unmatched_lines(gz, name, opts) if final else None
    if gz._by_alias(name, True, opts.naming) is not None:
        return None
    top = [(c.place, c.variant, c.method, c.score, c.needs_context) for c in found[: opts.top]]
    return True, _compiled_lines(gz, name, top, opts, places, lines)


def _unmatched_lines(gz, name: str, opts: LookupOptions) -> tuple[bool, list[str]] | None:
    """The JSON line of a name the matcher matched nothing in, as ``Gazetteer.candidates``
    (no place) and ``lookup_line`` write it (the query, every other field null); None when an
    old id answers it."""
    if gz._by_alias(name, False, opts.naming) is not None:
        return None
    return False, [_QUERY + _json_str(name) + _NULL_TAILS[_RANKED if opts.top > 1 else _LAYOUT]]


def _compiled_records(gz, name: str, found: list[tuple], opts: LookupOptions) -> list[dict]:
    return _records(name, [gz._to_match(name, _Found(*c), opts.naming) for c in found], opts)


def lookup_all(
    gz,
    names: Iterable[str],
    writer: Writer,
    opts: LookupOptions,
    ask_online: Callable[[str], list] | None = None,
) -> int:
    """Look up every name and write its records, in order; returns how many names matched
    nothing. ``ask_online(name)``: matches for a name the table cannot resolve (answers
    that needed it are not kept: an online error is reported, and retried, per name).
    The garbage collector's settings, changed for the batch, are given back after it, and
    the matcher lets go of the compiled lookup it borrowed for the batch (a ``_core.Lookup``
    belongs to the thread that made it: a server's other threads ask the matcher too)."""
    threshold, enabled = gc.get_threshold(), gc.isenabled()
    try:
        return _lookup_all(gz, names, writer, opts, ask_online)
    finally:
        gc.set_threshold(*threshold)
        if enabled:
            gc.enable()
        matcher = gz._matcher
        if matcher is not None:
            matcher.compiled = matcher.undecided = None


def _lookup_all(
    gz,
    names: Iterable[str],
    writer: Writer,
    opts: LookupOptions,
    ask_online: Callable[[str], list] | None,
) -> int:
    from .aliases import looks_like_id

    candidates = gz.candidates
    top, country, kind, naming = opts.top, opts.country, opts.kind, opts.naming
    jsonl = type(writer) is JsonLinesWriter
    # the matcher's answers written as the compiled ones are (no Match, record or encoder)
    direct = jsonl and country is None and kind is None and tuple(opts.fields) == (_RANKED if top > 1 else _LAYOUT)
    write = writer.stream.write if jsonl else None
    kept: dict[str, tuple[bool, list]] = {}
    # the compiled core's answers, kept apart (bounded the same way): a repeat costs a probe
    # instead of an answer and its lines, and does not push the matcher's answers out
    kept_fast: dict[str, tuple[bool, list]] = {}
    places: dict[int, str] = {}  # a place's fields in a compiled answer's line
    answer = None  # the compiled core's, once the index is held
    lines = None  # its JSON lines of an answer (Lookup.lines), with it
    matcher = None  # gz.matcher, once answer is set
    unmatched = 0
    for n, name in enumerate(names):
        if n == HOLD_AFTER:
            # the index's objects are made here: no collection walks them half made
            collecting = gc.isenabled()
            gc.disable()
            gz.index.hold_for_batch()
            if country is None and kind is None:
                lookup = compiled_lookup(gz)
                answer = getattr(lookup, "answer", None)
                lines = getattr(lookup, "lines", None)  # (a core built before it: none)
                matcher = gz.matcher
                if hasattr(lookup, "guard"):
                    matcher.compiled = lookup  # its lemmas and guard, twins of the matcher's
            # the index's million objects live as long as the process: out of the collector's
            # sight, which otherwise walks them all at every full collection
            gc.freeze()
            if collecting:
                gc.enable()
            # what a name makes is let go with its answer (few cycles): the young generation is
            # collected every BATCH_GC_YOUNG allocations rather than every 700 (0.2 s -> 0.09 s
            # of collections on 100,000 names)
            gc.set_threshold(BATCH_GC_YOUNG, *gc.get_threshold()[1:])
        got = kept.get(name) or kept_fast.get(name)
        if got is None:
            fast = None if answer is None else answer(name, top)
            if fast is None and answer is not None:
                # the compiled twin of early.answer left it undecided: the matcher skips its own
                matcher.undecided = name
            # Gazetteer.candidates with no filter: an old id may come before a named query's places
            if fast and looks_like_id(name.strip()):
                fast = None
            if fast:
                got = (
                    True,
                    _compiled_lines(gz, name, fast, opts, places, lines)
                    if jsonl
                    else _compiled_records(gz, name, fast, opts),
                )
                _keep(kept_fast, name, got)
            elif fast is None:
                got = _matcher_lines(gz, name, opts, places, lines, ask_online is None) if direct else None
                if got is not None:
                    _keep(kept, name, got)
                else:
                    found = candidates(name, top, country=country, kind=kind, naming=naming)
            else:  # no place: an old id still may be one
                alias = gz._by_alias(name, False, naming)
                found = [alias] if alias is not None else []
        if got is None:
            online = not found and ask_online is not None and bool(name.strip())
            if online:
                found = ask_online(name)
            recs = _records(name, found, opts)
            got = (bool(found), [lookup_line(r) for r in recs] if jsonl else recs)
            if not online:
                _keep(kept, name, got)
        matched, out = got
        if not matched:
            unmatched += 1
        if write is not None:
            for line in out:
                write(line)
        else:
            for rec in out:
                writer.write(rec)
    return unmatched
