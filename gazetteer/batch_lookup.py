"""``gazetteer lookup`` over many names (stdin or arguments): each distinct query answered
and formatted once.

Batches repeat names (a column of a spreadsheet, a list of datelines), so the records of
a query are kept, bounded, and a repeat is one dictionary probe. A JSON line is made
once per distinct query, by one format string (``lookup_line``: byte for byte what
``formats.json_line`` writes). After the first names the index is held in memory
(``CompiledIndex.hold_for_batch``). The answers are
:meth:`gazetteer.api.Gazetteer.candidates`'s, so the output is the same as one lookup per
name (tests/test_lookup_batch_equivalence.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from json.encoder import encode_basestring as _json_str  # the function json writes strings with
from typing import NamedTuple

from .api import Match
from .formats import JsonLinesWriter, Writer, json_line
from .records import LOOKUP_FIELDS

__all__ = ["LookupOptions", "lookup_all", "lookup_line"]

# Distinct queries whose records (or lines) are kept; when full, the older half is let go,
# so memory stays bounded however long the input.
ANSWER_CACHE = 10_000
# After this many names the batch is a batch: the whole index is held in memory (about half
# a second once), where the index would ask its file about each new word until 20,000
# questions, and about each name no place matches (an old id?).
HOLD_AFTER = 200


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
_RANKED = (*_LAYOUT, "rank")


def _finite(x: object) -> bool:
    return type(x) is float and x - x == 0.0  # json writes NaN and Infinity its own way


def lookup_line(rec: dict) -> str:
    """``formats.json_line(rec)`` for a lookup record, byte for byte, made with one format
    string instead of the JSON encoder (which calls back into Python for every float)."""
    layout = tuple(rec)
    if layout == _LAYOUT or layout == _RANKED:
        q, pid, name, kind, country, district, lat, lon, score, variant, method, ctx, *rank = rec.values()
        if (
            type(q) is str
            and type(pid) is str
            and type(name) is str
            and type(kind) is str
            and type(country) is str
            and (district is None or type(district) is str)
            and _finite(lat)
            and _finite(lon)
            and _finite(score)
            and type(variant) is str
            and type(method) is str
            and type(ctx) is bool
            and (not rank or type(rank[0]) is int)
        ):
            return (
                f'{{"query": {_json_str(q)}, "id": {_json_str(pid)}, "name": {_json_str(name)}, '
                f'"kind": {_json_str(kind)}, "country": {_json_str(country)}, '
                f'"district": {"null" if district is None else _json_str(district)}, '
                f'"lat": {lat!r}, "lon": {lon!r}, "score": {score!r}, '
                f'"matched_variant": {_json_str(variant)}, "method": {_json_str(method)}, '
                f'"needs_context": {"true" if ctx else "false"}' + (f', "rank": {rank[0]}}}\n' if rank else "}\n")
            )
    return json_line(rec)


def lookup_all(
    gz,
    names: Iterable[str],
    writer: Writer,
    opts: LookupOptions,
    ask_online: Callable[[str], list] | None = None,
) -> int:
    """Look up every name and write its records, in order; returns how many names matched
    nothing. ``ask_online(name)``: matches for a name the table cannot resolve (answers
    that needed it are not kept: an online error is reported, and retried, per name)."""
    candidates = gz.candidates
    top, country, kind, naming = opts.top, opts.country, opts.kind, opts.naming
    jsonl = type(writer) is JsonLinesWriter
    write = writer.stream.write if jsonl else None
    kept: dict[str, tuple[bool, list]] = {}
    unmatched = 0
    for n, name in enumerate(names):
        if n == HOLD_AFTER:
            gz.index.hold_for_batch()
        got = kept.get(name)
        if got is None:
            found = candidates(name, top, country=country, kind=kind, naming=naming)
            online = not found and ask_online is not None and bool(name.strip())
            if online:
                found = ask_online(name)
            recs = _records(name, found, opts)
            got = (bool(found), [lookup_line(r) for r in recs] if jsonl else recs)
            if not online:
                if len(kept) >= ANSWER_CACHE:
                    _forget_older_half(kept)
                kept[name] = got
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
