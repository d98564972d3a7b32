"""Import a place table from a GeoNames dump or a Who's On First (WOF) extract.

Both importers write ``places.csv`` and ``variants.csv`` in the table format
(:data:`gazetteer.table.PLACE_COLUMNS`, :data:`gazetteer.table.VARIANT_COLUMNS`)
into a folder, then run :func:`gazetteer.table.validate` on them, so a user can
load the result with ``Gazetteer.load([out_dir / "places.csv"])``.

Input is streamed: GeoNames' ``allCountries.txt`` is 1.5 GB and its
``alternateNames`` file larger still, so no input file is ever read whole. A bad
input line is reported (file and line) and skipped; it never stops an import.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError
from .table import PLACE_COLUMNS, VARIANT_COLUMNS, validate
from .text.folding import fold

__all__ = ["ImportReport", "import_geonames", "import_wof", "GEONAMES_COLUMNS", "NOT_NAME_LANGUAGES"]

PathLike = str | os.PathLike

GEONAMES_COLUMNS = [
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature_class",
    "feature_code",
    "country_code",
    "cc2",
    "admin1",
    "admin2",
    "admin3",
    "admin4",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modification_date",
]
# alternateNames rows whose "language" says the value is a code, link or post code, not a name.
NOT_NAME_LANGUAGES = frozenset({"link", "post", "iata", "icao", "faac", "wkdt", "unlc", "abbr", "tcid", "phon"})
# How many problem lines a report keeps (all are counted): allCountries can have many.
MAX_PROBLEMS = 1000
# Scripts a query in our languages can meet; names in other scripts only add noise
# (tools/build_places.py keeps the same ones).
KEEP_SCRIPTS = ("LATIN", "CYRILLIC", "ARMENIAN", "GEORGIAN")
_SCRIPT_CODES = (("LATIN", "Latn"), ("CYRILLIC", "Cyrl"), ("ARMENIAN", "Armn"), ("GEORGIAN", "Geor"))
# WOF language tags (ISO 639-3) to the codes of our variants table.
LANG3 = {
    "aze": "az",
    "rus": "ru",
    "hye": "hy",
    "eng": "en",
    "tur": "tr",
    "kat": "ka",
    "fas": "fa",
    "und": "und",
    "deu": "de",
    "fra": "fr",
    "ukr": "uk",
    "azb": "azb",
}
# English reading of an Azerbaijani WOF name when the record has no English one (as the build does).
AZ_TO_EN = str.maketrans(
    {
        "ə": "a",
        "Ə": "A",
        "ı": "i",
        "İ": "I",
        "ğ": "gh",
        "Ğ": "Gh",
        "ş": "sh",
        "Ş": "Sh",
        "ç": "ch",
        "Ç": "Ch",
        "x": "kh",
        "X": "Kh",
        "q": "g",
        "Q": "G",
        "c": "j",
        "C": "J",
        "ö": "o",
        "Ö": "O",
        "ü": "u",
        "Ü": "U",
    }
)
# Words of an administrative unit's name that the id replaces by its own suffix.
_ADMIN_WORDS = {
    "rayonu",
    "rayon",
    "raion",
    "marz",
    "province",
    "region",
    "district",
    "oblast",
    "mkhare",
    "municipality",
    "munitsipaliteti",
    "sahari",
    "shahari",
    "economic",
}
_GEONAMES_SOURCE_COUNTRY_ADM1_IS_DISTRICT = {"AZ"}  # GeoNames' AZ ADM1 units are the rayons


# ---------------------------------------------------------------- report
@dataclass
class ImportReport:
    """What an import read, wrote and rejected, so the CLI can print it and set an exit code."""

    source: str
    out_dir: Path
    read: int = 0  # data records read (blank lines not counted)
    written: int = 0  # places written
    skipped: int = 0  # records not written: filtered out or malformed
    malformed: int = 0  # input lines that could not be read, in any input file (reported in problems)
    variants: int = 0  # variant rows written
    skipped_by: Counter = field(default_factory=Counter)  # reason -> count (records and names)
    problems: list[str] = field(default_factory=list)  # "file:line: message", input first, then validate
    validation_errors: int = 0
    validation_warnings: int = 0
    _dropped_problems: int = 0

    @property
    def ok(self) -> bool:
        """True when the written table passes validation (malformed input lines were skipped)."""
        return self.validation_errors == 0

    @property
    def places_path(self) -> Path:
        return self.out_dir / "places.csv"

    @property
    def variants_path(self) -> Path:
        return self.out_dir / "variants.csv"

    def problem(self, where: str, line: int, message: str) -> None:
        """Record a malformed input record; keeps the first MAX_PROBLEMS messages, counts all."""
        self.malformed += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{where}:{line}: {message}")
        else:
            self._dropped_problems += 1

    def summary(self, max_problems: int = 20) -> str:
        """A few lines for a terminal: counts, reasons for skipping, the first problems."""
        lines = [
            f"{self.source}: read {self.read}, wrote {self.written} places and {self.variants} variants "
            f"to {self.out_dir}, skipped {self.skipped}; {self.malformed} malformed input lines",
        ]
        if self.skipped_by:
            reasons = ", ".join(f"{n} {why}" for why, n in self.skipped_by.most_common())
            lines.append(f"skipped: {reasons}")
        lines.append(f"validate: {self.validation_errors} errors, {self.validation_warnings} warnings")
        for p in self.problems[:max_problems]:
            lines.append(f"  {p}")
        more = len(self.problems) - max_problems + self._dropped_problems
        if more > 0:
            lines.append(f"  ... and {more} more")
        return "\n".join(lines)


# ---------------------------------------------------------------- helpers
def slug(text: str) -> str:
    # Ids are stable: they were minted when folding dropped the turned e (İncǝ -> "inc"),
    # and it still does here so that no id changes.
    return re.sub(r"[^a-z0-9]+", "_", fold(text.replace("ǝ", "").replace("Ǝ", ""))).strip("_")


def script_ok(text: str) -> bool:
    if text.isascii():
        return True
    for ch in text:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith(KEEP_SCRIPTS):
            return False
    return True


def script_of(text: str) -> str:
    if text.isascii():
        return "Latn" if any(ch.isalpha() for ch in text) else ""
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            for prefix, code in _SCRIPT_CODES:
                if name.startswith(prefix):
                    return code
    return ""


def _coordinate(lat: str, lon: str) -> tuple[float, float] | None:
    try:
        y, x = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(y) and math.isfinite(x) and -90 <= y <= 90 and -180 <= x <= 180):
        return None
    return y, x


def _population(text: str) -> int | None:
    text = (text or "").strip()
    if not text:
        return 0
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if math.isfinite(value) and value >= 0 else None


def _items(values: str | Iterable[str] | None) -> list[str]:
    """A list of codes from an iterable or a comma-separated string ("AZ,AM"): a bare string
    must not be read as its letters."""
    if values is None:
        return []
    if isinstance(values, str):
        values = values.split(",")
    return [v.strip() for v in values if v and v.strip()]


def _check_input(path: PathLike | None, what: str) -> Path | None:
    """A missing or unreadable input is the caller's mistake: one DataError, before anything is written."""
    if path is None:
        return None
    p = Path(path)
    if not p.exists():
        raise DataError(f"{p}: no such file ({what})")
    if not p.is_file():
        raise DataError(f"{p}: not a file ({what})")
    if not os.access(p, os.R_OK):
        raise DataError(f"{p}: cannot read ({what})")
    return p


def _zip_member(zf: zipfile.ZipFile, path: Path) -> str:
    """The data file of a GeoNames zip: ``AZ.zip`` holds ``AZ.txt`` (and a readme)."""
    names = [n for n in zf.namelist() if not n.endswith("/")]
    wanted = path.stem + ".txt"
    for n in names:
        if n.rsplit("/", 1)[-1] == wanted:
            return n
    data = [
        n
        for n in names
        if n.lower().endswith(".txt") and n.rsplit("/", 1)[-1].lower() not in {"readme.txt", "iso-languagecodes.txt"}
    ]
    if len(data) == 1:
        return data[0]
    raise DataError(f"{path}: cannot tell which member is the data file ({', '.join(names) or 'empty zip'})")


@contextmanager
def _open_lines(path: Path):
    """Yield (label, iterator of (line number, text or None)) over a text file or a zip's data
    member, streamed; text is None for a line that is not UTF-8."""
    if zipfile.is_zipfile(path):
        try:
            zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise DataError(f"{path}: not a readable zip file: {exc}") from None
        with zf:
            member = _zip_member(zf, path)
            with zf.open(member) as raw:
                yield f"{path}:{member}", _decoded(raw)
    else:
        try:
            raw = open(path, "rb")
        except OSError as exc:
            raise DataError(f"{path}: cannot read: {exc.strerror}") from None
        with raw:
            yield str(path), _decoded(raw)


def _decoded(raw: Iterable[bytes]) -> Iterator[tuple[int, str | None]]:
    for n, data in enumerate(raw, start=1):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            yield n, None
            continue
        if n == 1:
            text = text.lstrip("\ufeff")
        yield n, text.rstrip("\r\n")


class _TableWriter:
    """Streams places and variants into temporary files, keeps ids unique, then moves them
    into place: a failed import never leaves half a table behind."""

    def __init__(self, out_dir: PathLike):
        self.out_dir = Path(out_dir)
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataError(f"{self.out_dir}: cannot create output folder: {exc.strerror}") from None
        self.taken: set[str] = set()
        self.places = 0
        self.variants = 0
        self._seen_variants: set[int] = set()  # hashes: alternateNames has millions of rows
        self._pf = open(self.out_dir / ".places.csv.tmp", "w", encoding="utf-8", newline="")
        self._vf = open(self.out_dir / ".variants.csv.tmp", "w", encoding="utf-8", newline="")
        self._pw = csv.DictWriter(self._pf, PLACE_COLUMNS, lineterminator="\n", extrasaction="ignore")
        self._vw = csv.DictWriter(self._vf, VARIANT_COLUMNS, lineterminator="\n", extrasaction="ignore")
        self._pw.writeheader()
        self._vw.writeheader()

    def unique_id(self, base: str, qualifiers: Iterable[str]) -> str:
        """``base``, else ``base_<qualifier>`` for the first qualifier that makes it unique."""
        if base not in self.taken:
            return self.reserve(base)
        for q in qualifiers:
            q = slug(q) if q else ""
            if q and q != base and f"{base}_{q}" not in self.taken:
                return self.reserve(f"{base}_{q}")
        n = 2
        while f"{base}_{n}" in self.taken:
            n += 1
        return self.reserve(f"{base}_{n}")

    def reserve(self, pid: str) -> str:
        self.taken.add(pid)
        return pid

    def place(self, row: dict) -> None:
        self._pw.writerow(row)
        self.places += 1

    def variant(self, pid: str, text: str, lang: str, vtype: str, source: str, report: ImportReport) -> None:
        """Write one name of a place, unless it is empty, a duplicate, or could never be matched."""
        text = " ".join(text.split())
        if not text:
            return
        key = hash((pid, text, lang))
        if key in self._seen_variants:
            return
        if not script_ok(text):
            report.skipped_by["names in other scripts"] += 1
            return
        if not fold(text):
            report.skipped_by["names that fold to nothing"] += 1
            return
        self._seen_variants.add(key)
        self._vw.writerow(
            {
                "id": pid,
                "variant": text,
                "lang": lang or "und",
                "script": script_of(text),
                "type": vtype,
                "needs_context": "0",
                "source": source,
            }
        )
        self.variants += 1

    def forget_variants_of_previous(self) -> None:
        """Dedupe memory is per place for streamed input: clear it between places."""
        self._seen_variants.clear()

    def finish(self, report: ImportReport) -> None:
        self._pf.close()
        self._vf.close()
        os.replace(self.out_dir / ".places.csv.tmp", self.out_dir / "places.csv")
        os.replace(self.out_dir / ".variants.csv.tmp", self.out_dir / "variants.csv")
        report.written = self.places
        report.variants = self.variants
        problems = validate(self.out_dir / "places.csv", self.out_dir / "variants.csv")
        report.validation_errors = sum(p.level == "error" for p in problems)
        report.validation_warnings = len(problems) - report.validation_errors
        report.problems.extend(str(p) for p in problems)

    def abort(self) -> None:
        for f, name in ((self._pf, ".places.csv.tmp"), (self._vf, ".variants.csv.tmp")):
            f.close()
            try:
                os.unlink(self.out_dir / name)
            except OSError:
                pass


def _base_id(name: str, kind: str, country: str, fallback: str, *alternatives: str) -> str:
    """Slug of the name in the table's id style (FORMAT.md): ``syunik_province``, ``araz_river``."""
    if kind in {"region", "district"}:
        # GeoNames' Armenian marzer: "Syunik'i Marz" (genitive + "province") is Syunik's province
        name = re.sub(r"['ʼ’]i\s+marz$", "", name.strip(), flags=re.IGNORECASE)
    base = ""
    for text in (name, *alternatives):
        base = slug(text)
        if base:
            break
    if not base:
        return fallback
    suffix = {"district": "_district", "river": "_river", "reservoir": "_reservoir"}.get(kind, "")
    if kind == "region":
        suffix = "_province" if country == "AM" else "_region"
    if suffix:
        words = base.split("_")
        while len(words) > 1 and words[-1] in _ADMIN_WORDS | {suffix[1:]}:
            words.pop()
        base = "_".join(words) + suffix
    return base


# ---------------------------------------------------------------- GeoNames
def geonames_kind(fclass: str, fcode: str, population: int, country: str = "") -> str | None:
    """Our kind for a GeoNames feature class/code, or None when we have no kind for it.

    >>> geonames_kind("P", "PPL", 4000), geonames_kind("H", "STM", 0), geonames_kind("A", "ADMD", 0)
    ('town', 'river', None)
    """
    if fclass == "P":
        if fcode in {"PPLC", "PPLA", "PPLA2"} or population >= 50_000:
            return "city"
        return "town" if population >= 3_000 else "village"
    if fclass == "A":
        if fcode == "ADM1":
            return "district" if country in _GEONAMES_SOURCE_COUNTRY_ADM1_IS_DISTRICT else "region"
        if fcode in {"ADM2", "ADM3"}:
            return "district"
        if fcode in {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL"}:
            return "country"
        return None
    if fclass == "H":
        if fcode in {"STM", "STMI"}:
            return "river"
        if fcode in {"LK", "LKS", "LKN", "LKI", "LKSI", "LKSN"}:
            return "lake"
        if fcode in {"RSV", "RSVI", "RSVT"}:
            return "reservoir"
        return None
    if fclass == "T":
        if fcode in {"MT", "PK", "MTS", "HLLS", "PKS", "HLL"}:
            return "mountain"
        if fcode == "PASS":
            return "pass"
        return None
    if fclass in {"S", "L"}:
        return "landmark"
    return None


def _parse_geonames(text: str) -> tuple[list[str] | None, str]:
    """Split one dump line; (fields, "") or (None, why it cannot be read)."""
    fields = text.split("\t")
    if len(fields) != len(GEONAMES_COLUMNS):
        return None, f"expected {len(GEONAMES_COLUMNS)} tab-separated columns, found {len(fields)}"
    if not fields[0].strip().isdigit():
        return None, f"geonameid {fields[0]!r} is not a number"
    if not fields[1].strip():
        return None, "empty name"
    if _coordinate(fields[4], fields[5]) is None:
        return None, f"bad coordinates {fields[4]!r}, {fields[5]!r}"
    if _population(fields[14]) is None:
        return None, f"population {fields[14]!r} is not a number"
    return fields, ""


def import_geonames(
    path: PathLike,
    *,
    alternate_names: PathLike | None = None,
    out_dir: PathLike,
    countries: Iterable[str] | None = None,
    min_population: int = 0,
    feature_classes: Iterable[str] = ("P", "A", "H", "T", "S", "L"),
) -> ImportReport:
    """Import a GeoNames dump (``allCountries.txt``, ``AZ.txt`` or their ``.zip``) into
    ``out_dir/places.csv`` + ``variants.csv``, streamed.

    ``countries``: ISO codes to keep (all when None). ``min_population`` applies to
    populated places (class P) only: a river has no population. Names come from the
    dump's ``alternatenames`` column, or, when ``alternate_names`` (``alternateNames.txt``,
    ``alternateNamesV2.txt`` or their zip) is given, from that file instead, with
    languages and flags (the column is derived from it and would only duplicate it
    without a language). The dump is read twice: first for the ADM1 units, so that
    places can name their parent and units get the plain ids.
    """
    src = _check_input(path, "GeoNames dump")
    alt = _check_input(alternate_names, "GeoNames alternate names")
    keep_cc = {c.upper() for c in _items(countries)} if countries else None
    classes = {c.upper() for c in _items(feature_classes)}
    report = ImportReport(source=str(src), out_dir=Path(out_dir))
    writer = _TableWriter(out_dir)
    try:
        # Pass 1: ADM1 units get ids first (plain slugs), and children their parent.
        adm1: dict[tuple[str, str], str] = {}
        adm1_of_gid: dict[int, str] = {}
        if "A" in classes:
            with _open_lines(src) as (_label, lines):
                for _n, text in lines:
                    if text is None or "\tADM1\t" not in text:
                        continue
                    fields, _why = _parse_geonames(text)
                    if fields is None or fields[6] != "A" or fields[7] != "ADM1":
                        continue
                    cc = fields[8].strip().upper()
                    if keep_cc is not None and cc not in keep_cc:
                        continue
                    gid = int(fields[0])
                    name = fields[1].strip()
                    kind = geonames_kind("A", "ADM1", 0, cc)
                    base = _base_id(name, kind, cc, f"geonames_{gid}", fields[2])
                    pid = writer.unique_id(base, (cc, str(gid)))
                    adm1_of_gid[gid] = pid
                    adm1[(cc, fields[10].strip())] = pid
        # Pass 2: every record.
        ids: dict[int, str] = {}
        with _open_lines(src) as (label, lines):
            for n, text in lines:
                if text is None:
                    report.read += 1
                    report.skipped += 1
                    report.problem(label, n, "not UTF-8 text")
                    continue
                if not text.strip():
                    continue
                report.read += 1
                fields, why = _parse_geonames(text)
                if fields is None:
                    report.skipped += 1
                    report.problem(label, n, why)
                    continue
                gid = int(fields[0])
                fclass, fcode, cc = fields[6].strip(), fields[7].strip(), fields[8].strip().upper()
                if keep_cc is not None and cc not in keep_cc:
                    report.skipped += 1
                    report.skipped_by["other countries"] += 1
                    continue
                if fclass not in classes:
                    report.skipped += 1
                    report.skipped_by["other feature classes"] += 1
                    continue
                population = _population(fields[14]) or 0
                if fclass == "P" and population < min_population:
                    report.skipped += 1
                    report.skipped_by["populated places under min_population"] += 1
                    continue
                kind = geonames_kind(fclass, fcode, population, cc)
                if kind is None:
                    report.skipped += 1
                    report.skipped_by[f"feature codes without a kind ({fclass}.{fcode or '?'})"] += 1
                    continue
                if gid in ids:
                    report.skipped += 1
                    report.problem(label, n, f"geonameid {gid} repeated (first record kept)")
                    continue
                name = fields[1].strip()
                if not fold(name) and not fold(fields[2]):
                    report.skipped += 1
                    report.problem(label, n, f"name {name!r} has no letters or digits to match")
                    continue
                parent = "" if fcode == "ADM1" else adm1.get((cc, fields[10].strip()), "")
                pid = adm1_of_gid.get(gid)
                if pid is None:
                    base = _base_id(name, kind, cc, f"geonames_{gid}", fields[2])
                    parent_stem = re.sub(r"_(district|province|region)$", "", parent)
                    pid = writer.unique_id(base, (parent_stem, cc, str(gid)))
                ids[gid] = pid
                lat, lon = _coordinate(fields[4], fields[5])  # type: ignore[misc]
                writer.place(
                    {
                        "id": pid,
                        "name": name if fold(name) else fields[2].strip(),
                        "kind": kind,
                        "country": cc,
                        "parent": parent,
                        "lat": f"{lat:.5f}",
                        "lon": f"{lon:.5f}",
                        "population": str(population) if population else "",
                        "source": f"geonames:{gid}",
                        "wof_id": "",
                        "geonames_id": str(gid),
                        "name_az": "",
                        "name_ru": "",
                        "name_hy": "",
                    }
                )
                if alt is None:
                    writer.forget_variants_of_previous()
                    for variant in fields[3].split(","):
                        if variant.strip() and variant.strip() != name:
                            writer.variant(pid, variant, "und", "variant", f"geonames:{gid} alternatenames", report)
        if alt is not None:
            _geonames_alternate_names(alt, ids, writer, report)
    except BaseException:
        writer.abort()
        raise
    writer.finish(report)
    return report


def _geonames_alternate_names(path: Path, ids: dict[int, str], writer: _TableWriter, report: ImportReport) -> None:
    """Stream ``alternateNames(V2)``: names of the imported records, with language and flags."""
    with _open_lines(path) as (label, lines):
        for n, text in lines:
            if text is None:
                report.problem(label, n, "not UTF-8 text")
                continue
            if not text.strip():
                continue
            fields = text.split("\t")
            if len(fields) not in (8, 10):
                report.problem(label, n, f"expected 8 or 10 tab-separated columns, found {len(fields)}")
                continue
            gid_text = fields[1].strip()
            if not gid_text.isdigit():
                report.problem(label, n, f"geonameid {gid_text!r} is not a number")
                continue
            pid = ids.get(int(gid_text))
            if pid is None:
                continue
            lang = fields[2].strip().lower()
            if lang in NOT_NAME_LANGUAGES:
                report.skipped_by["alternate names that are codes or links"] += 1
                continue
            preferred, _short, colloquial, historic = (f.strip() == "1" for f in fields[4:8])
            vtype = (
                "historical" if historic else "colloquial" if colloquial else "preferred" if preferred else "variant"
            )
            writer.variant(pid, fields[3], lang or "und", vtype, f"geonames:{gid_text} alternateNames", report)


# ---------------------------------------------------------------- Who's On First
WOF_REQUIRED = ("wof_id", "name", "placetype", "country", "latitude", "longitude")
# Localities before communities (localadmin): a town keeps the plain id, not the community named after it.
_WOF_ORDER = {"country": 0, "macroregion": 1, "region": 2, "county": 3, "locality": 4, "localadmin": 5}


def wof_kind(placetype: str, country: str, population: int, feature_code: str) -> str | None:
    """Our kind for a WOF record, as tools/build_places.py maps it (None: no kind).

    >>> wof_kind("region", "AZ", 0, ""), wof_kind("region", "AM", 0, ""), wof_kind("locality", "AM", 20379, "PPL")
    ('district', 'region', 'town')
    """
    if placetype == "locality":
        if feature_code in {"PPLC", "PPLA"} or population >= 50_000:
            return "city" if population >= 20_000 or feature_code == "PPLC" else "town"
        if feature_code == "PPLA2" or population >= 3_000:
            return "town"
        return "village"
    return {
        "localadmin": "village",
        "region": "district" if country == "AZ" else "region",
        "county": "district",
        "macroregion": "region",
        "country": "country",
    }.get(placetype)


def _open_tsv(path: Path):
    csv.field_size_limit(2**31 - 1)
    try:
        # surrogateescape: a line with bad bytes is reported and skipped, the rest still read
        f = open(path, encoding="utf-8", errors="surrogateescape", newline="")
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror}") from None
    reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
    try:
        header = [h.lstrip("\ufeff") for h in reader.fieldnames or []]
        "\t".join(header).encode("utf-8")
    except (csv.Error, UnicodeError):
        f.close()
        raise DataError(f"{path}:1: header is not a UTF-8 tab-separated line") from None
    reader.fieldnames = header
    return f, reader, header


def _wof_rows(path: Path, report: ImportReport, required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    """Rows of a WOF TSV with their line numbers; bad rows reported and skipped."""
    f, reader, header = _open_tsv(path)
    with f:
        missing = [c for c in required if c not in header]
        if missing:
            raise DataError(f"{path}:1: missing column(s): {', '.join(missing)}")
        line = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                report.problem(str(path), reader.line_num, str(exc))
                line = reader.line_num
                continue
            line = reader.line_num
            try:
                "\t".join(v if isinstance(v, str) else "" for v in row.values()).encode("utf-8")
            except UnicodeEncodeError:
                yield line, {"_error": "not UTF-8 text"}
                continue
            if None in row or any(v is None for v in row.values()):
                count = len(header) + len(row.get(None) or ()) - sum(v is None for v in row.values())
                yield line, {"_error": f"expected {len(header)} tab-separated columns, found {count}"}
                continue
            yield line, row


def _wof_hierarchy(row: dict) -> list[str]:
    """Candidate parent WOF ids, nearest first: the hierarchy in properties_json, then parent_id."""
    out = []
    try:
        hier = json.loads(row.get("properties_json") or "{}").get("wof:hierarchy") or [{}]
        h = hier[0] if isinstance(hier, list) and hier and isinstance(hier[0], dict) else {}
    except (json.JSONDecodeError, AttributeError):
        h = {}
    for key in ("county_id", "region_id", "macroregion_id"):
        if h.get(key):
            out.append(str(h[key]))
    if not h:  # no hierarchy (no properties_json column): the direct parent
        out.extend(x.strip() for x in (row.get("parent_id") or "").split("|") if x.strip())
    return out


def import_wof(
    path: PathLike,
    *,
    names: PathLike | None = None,
    out_dir: PathLike,
    placetypes: Iterable[str] = ("locality", "localadmin", "county", "region", "macroregion", "country"),
    include_deprecated: bool = False,
) -> ImportReport:
    """Import a WOF extract TSV (the format of ``wof-places.tsv``, + ``wof-names.tsv``) into
    ``out_dir/places.csv`` + ``variants.csv``.

    Kinds and ids follow tools/build_places.py (an AZ ``region`` is a rayon, so a
    district). The records are held in memory without their ``properties_json`` so
    that admin units get ids first and localities can name their parent; the names
    file is streamed. Deprecated or superseded records are skipped unless
    ``include_deprecated``.
    """
    src = _check_input(path, "WOF places TSV")
    names_path = _check_input(names, "WOF names TSV")
    keep = set(_items(placetypes))
    report = ImportReport(source=str(src), out_dir=Path(out_dir))
    records: list[dict] = []
    seen: set[str] = set()
    for line, row in _wof_rows(src, report, WOF_REQUIRED):
        report.read += 1
        if "_error" in row:
            report.skipped += 1
            report.problem(str(src), line, row["_error"])
            continue
        w = (row.get("wof_id") or "").strip()
        pt, cc = (row.get("placetype") or "").strip(), (row.get("country") or "").strip().upper()
        if not w.isdigit():
            report.skipped += 1
            report.problem(str(src), line, f"wof_id {w!r} is not a number")
            continue
        if pt not in keep:
            report.skipped += 1
            report.skipped_by["other placetypes"] += 1
            continue
        if not include_deprecated and (
            (row.get("edtf_deprecated") or "").strip() or (row.get("superseded_by") or "").strip()
        ):
            report.skipped += 1
            report.skipped_by["deprecated or superseded"] += 1
            continue
        population = _population(row.get("population") or "")
        if population is None:
            report.skipped += 1
            report.problem(str(src), line, f"population {row.get('population')!r} is not a number")
            continue
        kind = wof_kind(pt, cc, population, (row.get("geonames_feature_code") or "").strip())
        if kind is None:
            report.skipped += 1
            report.skipped_by[f"placetypes without a kind ({pt})"] += 1
            continue
        lat, lon = row.get("latitude", ""), row.get("longitude", "")
        if pt != "locality" and (row.get("lbl_latitude") or "").strip() and (row.get("lbl_longitude") or "").strip():
            lat, lon = row["lbl_latitude"], row["lbl_longitude"]
        coord = _coordinate(lat, lon)
        if coord is None:
            report.skipped += 1
            report.problem(str(src), line, f"bad coordinates {lat!r}, {lon!r}")
            continue
        if cc == "AZ" and row.get("name_aze") and not row.get("name_eng"):
            name = re.sub(r"\s+(rayonu|Rayonu|şəhəri|Şəhəri)$", "", row["name_aze"].translate(AZ_TO_EN))
        else:
            name = (row.get("name_eng") or row.get("name") or "").strip()
        if not fold(name):
            name = (row.get("name") or "").strip()
        if not fold(name):
            report.skipped += 1
            report.problem(str(src), line, f"name {name!r} has no letters or digits to match")
            continue
        if w in seen:
            report.skipped += 1
            report.problem(str(src), line, f"wof_id {w} repeated (first record kept)")
            continue
        seen.add(w)
        records.append(
            {
                "_line": line,
                "_pt": pt,
                "_hier": _wof_hierarchy(row),
                "wof_id": w,
                "name": name,
                "kind": kind,
                "country": cc,
                "lat": f"{coord[0]:.5f}",
                "lon": f"{coord[1]:.5f}",
                "population": str(population) if population else "",
                "source": f"wof:{w}",
                "geonames_id": (row.get("geonameid") or "").strip(),
                "name_az": (row.get("name_aze") or "").strip(),
                "name_ru": (row.get("name_rus") or "").strip(),
                "name_hy": (row.get("name_hye") or "").strip(),
            }
        )
    # Admin units first, big before small: they get the plain ids and are parents by then.
    records.sort(key=lambda r: (_WOF_ORDER.get(r["_pt"], 9), -int(r["population"] or 0), int(r["wof_id"])))
    writer = _TableWriter(out_dir)
    try:
        id_of: dict[str, str] = {}
        for r in records:
            w = r["wof_id"]
            r["parent"] = next((id_of[h] for h in r["_hier"] if h != w and h in id_of), "")
            if r["kind"] == "country":
                r["parent"] = ""
            base = _base_id(r["name"], r["kind"], r["country"], f"wof_{w}")
            if r["_pt"] == "macroregion":
                base = base.removesuffix("_region").removesuffix("_province") + "_economic_region"
            elif r["_pt"] == "county":
                base = base.removesuffix("_district") + "_municipality"
            parent_stem = re.sub(r"_(district|province|region|municipality)$", "", r["parent"])
            id_of[w] = writer.unique_id(base, (parent_stem, w))
        out_rows = sorted(records, key=lambda r: r["_line"])
        for r in out_rows:
            writer.place(dict(r, id=id_of[r["wof_id"]]))
        if names_path is not None:
            for line, n in _wof_rows(names_path, report, ("wof_id", "name")):
                if "_error" in n:
                    report.problem(str(names_path), line, n["_error"])
                    continue
                pid = id_of.get((n.get("wof_id") or "").strip())
                if pid is None:
                    continue
                language = (n.get("language") or "und").strip()
                lang = LANG3.get(language.split("_")[0], language)
                qualifier = (n.get("qualifier") or "").strip()
                vtype = qualifier if qualifier in {"preferred", "historical", "colloquial"} else "variant"
                source = f"wof:{n['wof_id'].strip()} {(n.get('source_key') or '').strip()}".strip()
                writer.variant(pid, n.get("name") or "", lang, vtype, source, report)
    except BaseException:
        writer.abort()
        raise
    writer.finish(report)
    return report
