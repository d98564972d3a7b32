"""The place table: reading, checking and describing ``places.csv`` + ``variants.csv``.

Data is code: every rule a row must obey lives in :func:`validate`, which the
``gazetteer validate`` command, the build script and the tests all call.
"""

import csv
import math
import os
import re
from pathlib import Path

from .errors import DataError
from .named import NamedTuple
from .table_rules import (
    SCRIPT_OF_COLUMN,
    STATUSES,
    TURNED_E,
    WOF_NAME_SOURCE,
    demonym_keys,
    internal_source,
    junk_reason,
    own_names,
    read_junk_keywords,
    risky_variant,
    written_in,
)
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
    "status",  # "" or "abandoned" (GeoNames PPLQ: a village left empty, most since the 1990s war)
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
    "community",  # an Armenian hamaynk (WOF localadmin): a municipality named after its main village
}
# Areas: their point stands for the whole (a district's is its centre town's), so the
# places nearest a point (reverse, near) leave them out unless a kind asks for them.
AREA_KINDS = {"country", "region", "district"}
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
    status: str = ""
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
                status=(row.get("status") or "").strip(),
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


# What each of a place's names in the region's languages (az, ru, hy) adds to its weight.
NAMED_LANGUAGE_WEIGHT = 0.001


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
        # below the village it is named after: "Akunk" is the village before its community
        "community": 1.5,
    }.get(place.kind, 1.0)
    if place.population > 0 and place.kind in {"city", "town", "village"}:
        # a district's population is its whole area's: it must not outrank its centre
        base += min(3.0, math.log10(place.population) / 2)
    base += min(place.population, 10**8) / 1e9  # breaks ties between capped cities (<= 0.1)
    # breaks ties between same-name villages of one district: the one named in more of the
    # region's languages is the better known (Xələfli/Халафли of Jabrayil before a bulk
    # import's Xələfli 20 km off); at most 0.003, below every other weight
    base += NAMED_LANGUAGE_WEIGHT * sum(1 for n in (place.name_az, place.name_ru, place.name_hy) if n)
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

    m = re.match(r"^(.*?):(\d+): (.*)$", str(exc), re.S)
    if m and m.group(1) == str(path):
        return Problem(str(path), int(m.group(2)), m.group(3))
    text = str(exc)
    prefix = f"{path}: "
    return Problem(str(path), 0, text[len(prefix) :] if text.startswith(prefix) else text)


def _in_box(lat: float, lon: float, box: tuple[float, float, float, float]) -> bool:
    s, w, n, e = box
    return s <= lat <= n and w <= lon <= e


def _check_clean_place(report: _Report, path: Path, p: Place) -> None:
    """The cleaning rules of issue 13 for one row: junk names, status, column scripts, ǝ, source."""
    if p.status not in STATUSES:
        report.add(path, p.line, f"{p.id}: unknown status {p.status!r} (empty or abandoned)")
    for col, script in SCRIPT_OF_COLUMN.items():
        value = getattr(p, col)
        if value and not written_in(value, script):
            report.add(path, p.line, f"{p.id}: {col} {value!r} is not in {script} script")
    for field in ("id", "name", "name_az", "name_ru", "name_hy"):
        if any(ch in getattr(p, field) for ch in TURNED_E):
            report.add(path, p.line, f"{p.id}: {field} has a turned e (ǝ) for ə")
    if p.source and internal_source(p.source):
        report.add(path, p.line, f"{p.id}: source cites a search hit id, not a reference")


def _check_junk(report: _Report, path: Path, places: list[Place], variants: list[Variant]) -> None:
    """A village, town or city that is no settlement (gazetteer.table_rules.junk_reason: a
    junk word of junk_keywords.txt, a street's initial), the rule the builder drops by."""
    wof_names: dict[str, set[str]] = {}
    for v in variants:
        if WOF_NAME_SOURCE.match(v.source):
            wof_names.setdefault(v.id, set()).add(v.variant)
    keywords = read_junk_keywords()
    for p in places:
        n = len(wof_names.get(p.id, ()))
        why = junk_reason(p.name, p.name_hy, p.name_ru, p.country, p.kind, p.population, n, keywords)
        if why:
            report.add(path, p.line, f"{p.id}: a {p.kind} {p.name!r} that is no settlement: {why}", "warning")


def _check_aliases(report: _Report, path: Path, ids: set[str]) -> None:
    """aliases.csv (alias,id,reason), when present: an alias is no id, its target is one."""
    if not path.exists():
        return
    seen: set[str] = set()
    try:
        for line, row in _rows(path, ["alias", "id", "reason"], {"alias", "id"}):
            alias, target = (row.get("alias") or "").strip(), (row.get("id") or "").strip()
            if alias in ids:
                report.add(path, line, f"alias {alias!r} is also an id of the table")
            if target not in ids:
                report.add(path, line, f"alias {alias!r} points to unknown id {target!r}")
            if alias in seen:
                report.add(path, line, f"alias {alias!r} listed twice")
            seen.add(alias)
    except DataError as exc:
        report.problems.append(_problem_of(exc, path))


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
        _check_clean_place(report, ppath, p)
    by_id = {p.id: p for p in places}
    for p in places:
        if p.parent and p.parent not in ids:
            report.add(ppath, p.line, f"{p.id}: parent {p.parent!r} is not an id of this table", "warning")
    # issue 13: a settlement lies inside the polygon of its parent district (gazetteer/boundaries.py)
    from .boundaries import parent_problems

    lines = {p.id: p.line for p in places}
    for bp in parent_problems(places):
        report.add(ppath, lines.get(bp.id, 0), str(bp), bp.level)
    # issue 13: duplicate candidates not listed in kept_apart.csv (gazetteer/duplicates.py)
    from .duplicates import duplicate_warnings

    for line, message in duplicate_warnings(places, ppath):
        report.add(ppath, line, message, "warning")
    variants: list[Variant] = []
    if variants_path is not None:
        vpath = Path(variants_path)
        if vpath.exists():
            try:
                variants = read_variants(vpath)
            except DataError as exc:
                report.problems.append(_problem_of(exc, vpath))
                variants = []
            names = [(p.kind, p.country, p.population, p.name, "en", p.name) for p in places]
            names += [(p.kind, p.country, p.population, p.name, "az", p.name_az) for p in places if p.name_az]
            names += [
                (by_id[v.id].kind, by_id[v.id].country, by_id[v.id].population, by_id[v.id].name, v.lang, v.variant)
                for v in variants
                if v.id in by_id
            ]
            demonyms = demonym_keys(names)
            for v in variants:
                if v.id not in ids:
                    report.add(vpath, v.line, f"variant {v.variant!r} names unknown id {v.id!r}")
                if not fold(v.variant):
                    report.add(vpath, v.line, f"{v.id}: variant {v.variant!r} folds to an empty key")
                if not v.source:
                    report.add(vpath, v.line, f"{v.id}: variant {v.variant!r} has no source")
                elif internal_source(v.source):
                    report.add(vpath, v.line, f"{v.id}: variant {v.variant!r} cites a search hit id, not a reference")
                if any(ch in v.variant for ch in TURNED_E):
                    report.add(vpath, v.line, f"{v.id}: variant {v.variant!r} has a turned e (ǝ) for ə")
                place = by_id.get(v.id)
                if place is not None and not v.needs_context:
                    own = own_names(place.name, place.name_az, place.name_ru, place.name_hy)
                    why = risky_variant(v.variant, v.type, own, place.kind, place.population, demonyms)
                    if why:
                        report.add(vpath, v.line, f"{v.id}: variant {v.variant!r} ({why}) has needs_context=0")
    _check_junk(report, ppath, places, variants)
    _check_aliases(report, ppath.with_name("aliases.csv"), set(ids))
    report.problems.sort(key=lambda p: (p.level != "error", p.path, p.line))
    return report.problems
