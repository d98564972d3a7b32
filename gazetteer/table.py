"""The place table: reading, checking and describing ``places.csv`` + ``variants.csv``.

Data is code: every rule a row must obey lives in :func:`validate`, which the
``gazetteer validate`` command, the build script and the tests all call.
"""

import csv
import math
import os
from pathlib import Path
from typing import NamedTuple

from .errors import DataError
from .text.folding import fold

__all__ = [
    "PLACE_COLUMNS",
    "VARIANT_COLUMNS",
    "KINDS",
    "Place",
    "Variant",
    "Problem",
    "bundled_paths",
    "read_places",
    "read_variants",
    "validate",
    "importance",
]

PLACE_COLUMNS = [
    "id",
    "name",
    "kind",
    "country",
    "parent",
    "lat",
    "lon",
    "population",
    "source",
    "wof_id",
    "geonames_id",
    "name_az",
    "name_ru",
    "name_hy",
]
VARIANT_COLUMNS = ["id", "variant", "lang", "script", "type", "needs_context", "source"]
KINDS = {
    "country",
    "region",
    "district",
    "city",
    "town",
    "village",
    "river",
    "mountain",
    "pass",
    "lake",
    "reservoir",
    "landmark",
}
# Rough boxes (south, west, north, east) for the countries whose rows we check;
# a coordinate outside its country's box is an error, not a warning.
COUNTRY_BOXES = {
    "AZ": (38.3, 44.7, 41.95, 50.7),
    "AM": (38.8, 43.4, 41.35, 46.7),
    "GE": (41.0, 39.9, 43.65, 46.8),
    "TR": (35.8, 25.6, 42.2, 44.9),
    "IR": (25.0, 44.0, 39.9, 63.4),
}
FOCUS_COUNTRIES = {"AZ", "AM", "GE"}
# Former NKAO, the seven districts around it, the Tartar front line and eastern Syunik.
CONFLICT_BOX = (38.85, 45.95, 40.42, 47.45)
# Rivers and ranges cross borders: their representative point is only checked
# against the whole region.
REGION_BOX = (34.0, 38.0, 44.5, 55.0)
CROSS_BORDER_KINDS = {"river", "mountain", "region", "lake", "reservoir", "pass"}


class Place(NamedTuple):
    id: str
    name: str
    kind: str
    country: str
    parent: str
    lat: float
    lon: float
    population: int
    source: str
    wof_id: str = ""
    geonames_id: str = ""
    name_az: str = ""
    name_ru: str = ""
    name_hy: str = ""
    line: int = 0


class Variant(NamedTuple):
    id: str
    variant: str
    lang: str
    script: str
    type: str
    needs_context: bool
    source: str
    line: int = 0


class Problem(NamedTuple):
    path: str
    line: int
    message: str
    level: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message}"


class _Report:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path, line: int, message: str, level: str = "error") -> None:
        self.problems.append(Problem(str(path), line, message, level))


def bundled_paths() -> tuple[Path, Path]:
    """Where the shipped table lives: inside the installed package, or the repo's data/."""
    pkg = Path(__file__).resolve().parent / "data"
    places = pkg / "places.csv"
    if places.is_file():
        return places, pkg / "variants.csv"
    repo = Path(__file__).resolve().parent.parent / "data"
    return repo / "places.csv", repo / "variants.csv"


def _open_csv(path: Path, expected: list[str], required: set[str]):
    try:
        f = open(path, encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        sample = f.readline()
    except UnicodeDecodeError:
        f.close()
        raise DataError(f"{path}:1: not UTF-8 text") from None
    f.seek(0)
    if "," not in sample and ("\t" in sample or ";" in sample):
        f.close()
        raise DataError(f"{path}:1: expected comma-separated columns, found another delimiter")
    reader = csv.DictReader(f)
    header = reader.fieldnames or []
    missing = [c for c in expected if c in required and c not in header]
    if missing:
        f.close()
        raise DataError(f"{path}:1: missing column(s): {', '.join(missing)}")
    return f, reader


def _rows(path: Path, expected: list[str], required: set[str]):
    f, reader = _open_csv(path, expected, required)
    with f:
        try:
            for row in reader:
                if None in row:
                    raise DataError(f"{path}:{reader.line_num}: more fields than columns")
                yield reader.line_num, row
        except UnicodeDecodeError:
            raise DataError(f"{path}:{reader.line_num + 1}: not UTF-8 text") from None
        except csv.Error as exc:
            raise DataError(f"{path}:{reader.line_num}: {exc}") from None


def _number(value: str | None, path: Path, line: int, column: str) -> float:
    try:
        x = float(value or "")
    except ValueError:
        raise DataError(f"{path}:{line}: {column} {value!r} is not a number") from None
    if not math.isfinite(x):
        raise DataError(f"{path}:{line}: {column} {value!r} is not a finite number")
    return x


def read_places(path: str | os.PathLike) -> list[Place]:
    """Read a places file; raises :class:`DataError` naming file and line."""
    path = Path(path)
    out = []
    required = {"id", "name", "kind", "lat", "lon"}
    for line, row in _rows(path, PLACE_COLUMNS, required):
        pop = (row.get("population") or "").strip()
        try:
            population = int(float(pop)) if pop else 0
        except ValueError:
            raise DataError(f"{path}:{line}: population {pop!r} is not a number") from None
        out.append(
            Place(
                id=(row.get("id") or "").strip(),
                name=(row.get("name") or "").strip(),
                kind=(row.get("kind") or "").strip(),
                country=(row.get("country") or "").strip().upper(),
                parent=(row.get("parent") or "").strip(),
                lat=_number(row.get("lat"), path, line, "lat"),
                lon=_number(row.get("lon"), path, line, "lon"),
                population=population,
                source=(row.get("source") or "").strip(),
                wof_id=(row.get("wof_id") or "").strip(),
                geonames_id=(row.get("geonames_id") or "").strip(),
                name_az=(row.get("name_az") or "").strip(),
                name_ru=(row.get("name_ru") or "").strip(),
                name_hy=(row.get("name_hy") or "").strip(),
                line=line,
            )
        )
    return out


def read_variants(path: str | os.PathLike) -> list[Variant]:
    path = Path(path)
    out = []
    for line, row in _rows(path, VARIANT_COLUMNS, {"id", "variant"}):
        out.append(
            Variant(
                id=(row.get("id") or "").strip(),
                variant=(row.get("variant") or "").strip(),
                lang=(row.get("lang") or "").strip(),
                script=(row.get("script") or "").strip(),
                type=(row.get("type") or "").strip(),
                needs_context=(row.get("needs_context") or "").strip() in {"1", "true", "yes"},
                source=(row.get("source") or "").strip(),
                line=line,
            )
        )
    return out


def importance(place: Place) -> float:
    """Prior used to rank same-name places: kind, then size, then curation."""
    base = {
        "country": 12.0,
        "region": 6.5,
        "city": 7.0,
        "district": 5.0,
        "town": 6.0,
        "river": 6.0,
        "mountain": 5.0,
        "lake": 5.0,
        "reservoir": 5.0,
        "landmark": 5.0,
        "pass": 4.0,
        "village": 2.0,
    }.get(place.kind, 1.0)
    if place.population > 0 and place.kind in {"city", "town", "village"}:
        # a district's population is its whole area's: it must not outrank its centre
        base += min(3.0, math.log10(place.population) / 2)
    base += min(place.population, 10**8) / 1e9  # breaks ties between capped cities (<= 0.1)
    if not place.id[-1:].isdigit():
        base += 0.5  # uniquely named rows beat anonymous duplicates (x_1234567)
    if place.country in FOCUS_COUNTRIES:
        base += 1.0  # the region this table is about: its Teg(h) before Tekirdağ's alias
        s, w, n, e = CONFLICT_BOX
        if s <= place.lat <= n and w <= place.lon <= e:
            base += 0.75  # of two same-name villages, news of this conflict means the one in it

    return round(base, 3)


def _problem_of(exc: DataError, path: Path) -> Problem:
    """A DataError's "file:line: message" as a Problem (not the file named twice)."""
    import re

    m = re.match(r"^(.*?):(\d+): (.*)$", str(exc), re.S)
    if m and m.group(1) == str(path):
        return Problem(str(path), int(m.group(2)), m.group(3))
    text = str(exc)
    prefix = f"{path}: "
    return Problem(str(path), 0, text[len(prefix) :] if text.startswith(prefix) else text)


def _in_box(lat: float, lon: float, box: tuple[float, float, float, float]) -> bool:
    s, w, n, e = box
    return s <= lat <= n and w <= lon <= e


def validate(places_path: str | os.PathLike, variants_path: str | os.PathLike | None = None) -> list[Problem]:
    """All problems of a table, errors first. An empty list means the table is sound."""
    report = _Report()
    ppath = Path(places_path)
    try:
        places = read_places(ppath)
    except DataError as exc:
        return [_problem_of(exc, ppath)]
    ids: dict[str, int] = {}
    for p in places:
        if not p.id:
            report.add(ppath, p.line, "empty id")
        elif p.id in ids:
            report.add(ppath, p.line, f"duplicate id {p.id!r} (first on line {ids[p.id]})")
        else:
            ids[p.id] = p.line
        if not p.name:
            report.add(ppath, p.line, f"{p.id}: empty name")
        elif not fold(p.name):
            report.add(ppath, p.line, f"{p.id}: name {p.name!r} folds to an empty key")
        if p.kind not in KINDS:
            report.add(ppath, p.line, f"{p.id}: unknown kind {p.kind!r} (one of {', '.join(sorted(KINDS))})")
        if not (-90 <= p.lat <= 90 and -180 <= p.lon <= 180):
            report.add(ppath, p.line, f"{p.id}: coordinate {p.lat}, {p.lon} out of range")
        elif p.kind in CROSS_BORDER_KINDS and p.country in COUNTRY_BOXES:
            if not _in_box(p.lat, p.lon, REGION_BOX):
                report.add(ppath, p.line, f"{p.id}: coordinate {p.lat}, {p.lon} outside the region")
        elif p.country in COUNTRY_BOXES and not _in_box(p.lat, p.lon, COUNTRY_BOXES[p.country]):
            report.add(ppath, p.line, f"{p.id}: coordinate {p.lat}, {p.lon} outside {p.country}")
        if not p.source:
            report.add(ppath, p.line, f"{p.id}: no source for the coordinate")
        if p.population < 0:
            report.add(ppath, p.line, f"{p.id}: negative population")
    for p in places:
        if p.parent and p.parent not in ids:
            report.add(ppath, p.line, f"{p.id}: parent {p.parent!r} is not an id of this table", "warning")
    # issue 13: a settlement lies inside the polygon of its parent district (gazetteer/boundaries.py)
    from .boundaries import parent_problems

    lines = {p.id: p.line for p in places}
    for bp in parent_problems(places):
        report.add(ppath, lines.get(bp.id, 0), str(bp), bp.level)
    if variants_path is not None:
        vpath = Path(variants_path)
        if vpath.exists():
            try:
                variants = read_variants(vpath)
            except DataError as exc:
                report.problems.append(_problem_of(exc, vpath))
                variants = []
            for v in variants:
                if v.id not in ids:
                    report.add(vpath, v.line, f"variant {v.variant!r} names unknown id {v.id!r}")
                if not fold(v.variant):
                    report.add(vpath, v.line, f"{v.id}: variant {v.variant!r} folds to an empty key")
                if not v.source:
                    report.add(vpath, v.line, f"{v.id}: variant {v.variant!r} has no source", "warning")
    report.problems.sort(key=lambda p: (p.level != "error", p.path, p.line))
    return report.problems
