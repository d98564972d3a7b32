"""Old ids that still resolve: ``aliases.csv`` (alias,id,reason) beside a place table.

When the table is rebuilt, a record can be merged into another (two WOF records of
one village) or get a new id (a misspelt name fixed): its old id stays valid as an
alias, so that ``show``, ``lookup`` and ``Gazetteer.place`` still accept what a user
saved last year. The build writes ``data/aliases.csv``; a user table may have an
``<name>.aliases.csv`` (or ``aliases.csv``) beside it, or none at all.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable
from pathlib import Path

from .errors import DataError
from .named import NamedTuple

__all__ = ["Alias", "aliases_beside", "read_aliases", "merged_aliases", "looks_like_id"]

ALIAS_COLUMNS = ["alias", "id", "reason"]
# an id as the table writes them: lowercase ASCII, digits and underscores
_ID_SHAPE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")


class Alias(NamedTuple):
    """``alias`` (an old id) now means the place ``id``, for ``reason``."""

    alias: str
    id: str
    reason: str = ""


def aliases_beside(places: str | os.PathLike) -> Path | None:
    """The aliases file of a places file: ``<name>.aliases.csv`` or ``aliases.csv`` beside it."""
    places = Path(places)
    for cand in (places.with_name(places.stem + ".aliases.csv"), places.with_name("aliases.csv")):
        if cand != places and cand.is_file():
            return cand
    return None


def read_aliases(path: str | os.PathLike) -> list[Alias]:
    """The rows of an aliases file; a DataError naming file and line when it is not one."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in ("alias", "id") if c not in (reader.fieldnames or [])]
            if missing:
                raise DataError(f"{path}:1: missing column(s): {', '.join(missing)}")
            return [
                Alias((r.get("alias") or "").strip(), (r.get("id") or "").strip(), (r.get("reason") or "").strip())
                for r in reader
                if (r.get("alias") or "").strip() and (r.get("id") or "").strip()
            ]
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text") from None
    except csv.Error as exc:
        raise DataError(f"{path}: {exc}") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror}") from None


def merged_aliases(files: Iterable[Path | None], ids: set[str]) -> dict[str, Alias]:
    """The aliases of several tables (a later one wins), each followed to an id of ``ids``.

    An alias that is itself an id of the merged table is dropped (the place wins), and
    so is one whose chain ends nowhere.
    """
    raw: dict[str, Alias] = {}
    for path in files:
        if path is not None:
            for a in read_aliases(path):
                raw[a.alias] = a
    out = {}
    for alias, a in raw.items():
        if alias in ids:
            continue
        target, seen = a.id, {alias}
        while target not in ids and target in raw and target not in seen:
            seen.add(target)
            target = raw[target].id
        if target in ids:
            out[alias] = Alias(alias, target, a.reason)
    return out


def looks_like_id(text: str) -> bool:
    """Is a query written as an id (``gabala_1276243589``, ``chullu_jabrayil``) rather than a name?"""
    return bool(_ID_SHAPE.fullmatch(text)) and ("_" in text or any(c.isdigit() for c in text))
