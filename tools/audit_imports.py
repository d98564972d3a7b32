"""Audit the 2016 GeoNames import of Armenian microtoponyms: settlements or features?

Who's On First took about 1,900 "localities" of Armenia from a 2016 GeoNames import
(GeoNames ids 11,000,000-11,399,999, all feature code PPL, most with two names: a
Latin-only romanisation such as "Vank'i Dzor" and the same as ``name:hye``). Some are
villages; most are springs, fields, hills, cemeteries, shrines, ruins and streets.
The junk-keyword pass of ``tools/build_places.py`` drops only those whose names hold
an Armenian junk keyword and that are not "notable"; this tool decides the rest record
by record, from the WOF extract itself (so that its output does not depend on the
table it corrects):

1. a name of the record (fold or consonant skeleton, ``gazetteer.text.folding``) is the
   name of an official settlement of the same province
   (``data/reference/am_settlements.csv``) -> ``settlement``: kept;
2. else a name holds a feature word (``data/reference/am_feature_words.txt``) as a
   whole word -> ``feature``: dropped (``drop_record``), or given the word's kind
   (``set_kind``) when the record is notable (a Wikidata id);
3. else -> ``unknown``: kept, and listed.

It writes ``data/curated/geonames_import_fixes.csv`` (read by the build like every
``*_fixes.csv``) and the per-record audit ``data/reference/am_import_audit.csv``.
Records another fixes file or a curated ``*_places.csv`` row already decides are left
to that file.

    python tools/audit_imports.py            # write both files, print the counts
    python tools/audit_imports.py --check    # exit 1 when the fixes file is stale
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
try:  # the installed package, with its compiled core (a non-editable install, as in CI)
    import gazetteer._core  # noqa: F401
except ImportError:  # else this checkout's
    sys.path.insert(0, str(ROOT))

from gazetteer.text.folding import fold, skeleton  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
WOF_PLACES = SHARED / "wof-places.tsv"
WOF_NAMES = SHARED / "wof-names.tsv"
SETTLEMENTS = ROOT / "data" / "reference" / "am_settlements.csv"
FEATURE_WORDS = ROOT / "data" / "reference" / "am_feature_words.txt"
KNOWN_SITES = ROOT / "data" / "reference" / "am_known_sites.csv"
CURATED = ROOT / "data" / "curated"
JUNK_KEYWORDS = CURATED / "junk_keywords.txt"
FIXES = CURATED / "geonames_import_fixes.csv"
AUDIT = ROOT / "data" / "reference" / "am_import_audit.csv"
TABLE = ROOT / "data" / "places.csv"

# the import: GeoNames ids of the 2016 batch of Armenian microtoponyms
GEONAMES_RANGE = range(11_000_000, 11_400_000)
FIX_COLUMNS = ["wof_id", "action", "value", "reason"]
AUDIT_COLUMNS = ["wof_id", "geonames_id", "name", "province", "verdict", "action", "reason"]
_KIND_MARK = re.compile(r"->\s*([a-z]+)\s*$")


class Settlement(NamedTuple):
    """One official settlement of the reference list."""

    name_hy: str
    name_en: str
    province: str
    source: str


class FeatureWord(NamedTuple):
    """A word that names a feature; ``kind`` is what a notable record of it becomes;
    ``ending`` when the word counts as the last part of a compound ("-aghbyur")."""

    word: str
    meaning: str
    kind: str
    ending: bool = False


class KnownSite(NamedTuple):
    """A feature of the import that news names: kept with a feature kind."""

    name: str
    province: str
    kind: str
    source: str


@dataclass(frozen=True)
class Record:
    """A WOF record of the import, with every name it has."""

    wof_id: str
    geonames_id: int
    name: str
    province: str
    names: tuple[str, ...]
    wikidata: str = ""
    table_province: str = ""  # the province data/places.csv gives it (polygon parents)
    namesakes: tuple[tuple[str, str], ...] = ()  # (WOF id, our id) of table rows of its name


@dataclass(frozen=True)
class Decision:
    """What the audit decided for one record."""

    record: Record
    verdict: str  # settlement | feature | unknown
    action: str  # "" (keep) | drop_record | set_kind
    value: str
    reason: str


class AuditError(Exception):
    """An input file is missing or malformed: one line for the user."""


# ------------------------------------------------------------------ reading inputs
def name_key(name: str) -> str:
    """The folded name as one word, with the spelling choices of the romanisations made
    one way: "Gorravan" (GeoNames, rr for ռ) = "Goravan", "Yeghegnut" = "Eghegnut",
    "Voskehask" = "Oskehask", "Nerk'in Vasakashen" = "Nerkin Vasakashen"."""
    key = fold(name).replace(" ", "").replace("-", "").replace("rr", "r")
    if key.startswith("ye"):
        key = key[1:]
    elif key.startswith("vo"):
        key = key[1:]
    return key


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by at most one letter inserted, deleted or replaced."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] or a[i + 1 :] == b[i + 1 :]


class Official:
    """The official settlement names of one province, for :meth:`matches`."""

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.by_skeleton: dict[str, set[str]] = {}

    def add(self, name: str) -> None:
        key = name_key(name)
        if key:
            self.keys.add(key)
            self.by_skeleton.setdefault(skeleton(fold(name)), set()).add(key)

    def matches(self, name: str) -> bool:
        """The same name, or one spelt a letter apart with the same consonant skeleton
        ("Zarriver"/"Zariver", "Khndzoresk"/"Khndzoresck"); not a genitive in -i
        ("Spitaki", "of Spitak", names a feature after the town)."""
        key = name_key(name)
        if not key:
            return False
        if key in self.keys:
            return True
        near = self.by_skeleton.get(skeleton(fold(name)), ())
        return any(_one_edit(key, k) and key != k + "i" and k != key + "i" for k in near)


def read_settlements(path: Path = SETTLEMENTS) -> dict[str, Official]:
    """Province (:func:`name_key` of its English name) -> its official settlement names."""
    by_province: dict[str, Official] = {}
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            missing = {"name_hy", "name_en", "province", "source"} - set(reader.fieldnames or ())
            if missing:
                raise AuditError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
            for row in reader:
                s = Settlement(*(row[k].strip() for k in ("name_hy", "name_en", "province", "source")))
                official = by_province.setdefault(name_key(s.province), Official())
                official.add(s.name_hy)
                official.add(s.name_en)
    except FileNotFoundError:
        raise AuditError(f"{path}: no such file (the official settlement list)") from None
    return by_province


def read_feature_words(*paths: Path) -> dict[str, FeatureWord]:
    """Folded word -> its feature word record, from ``word  # meaning [-> kind]`` lists:
    by default ours and the build's junk keywords (``data/curated/junk_keywords.txt``:
    springs, graves, shrines, ruins, streets, farms), the first list winning."""
    words: dict[str, FeatureWord] = {}
    lines: list[str] = []
    for path in paths or (FEATURE_WORDS, JUNK_KEYWORDS):
        try:
            lines += path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise AuditError(f"{path}: no such file (a feature word list)") from None
    for line in lines:
        word, _, comment = line.partition("#")
        word = word.strip()
        if not word:
            continue
        mark = _KIND_MARK.search(comment)
        meaning = _KIND_MARK.sub("", comment).strip()
        ending = word.startswith("-")
        key = ("-" if ending else "") + fold(word.lstrip("-"))
        words.setdefault(key, FeatureWord(word, meaning, mark.group(1) if mark else "", ending))
    return words


def read_known_sites(path: Path = KNOWN_SITES) -> dict[tuple[str, str], KnownSite]:
    """(name key, province key) -> the known site (``name,province,kind,source``)."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            rows = [KnownSite(*(r[k].strip() for k in KnownSite._fields)) for r in csv.DictReader(f)]
    except FileNotFoundError:
        raise AuditError(f"{path}: no such file (the known sites)") from None
    except KeyError as e:
        raise AuditError(f"{path}: missing column {e}") from None
    return {(name_key(s.name), name_key(s.province)): s for s in rows}


def _tsv(path: Path) -> Iterable[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    try:
        with open(path, encoding="utf-8", newline="") as f:
            yield from csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
    except FileNotFoundError:
        raise AuditError(f"{path}: no such file (the WOF extract, ../shared/data)") from None


def decided_elsewhere(curated: Path = CURATED, own: Path = FIXES) -> set[str]:
    """WOF ids another fixes file or a curated place row already decides."""
    ids: set[str] = set()
    for path in sorted(curated.glob("*_fixes.csv")):
        if path.resolve() == own.resolve():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            ids |= {(r.get("wof_id") or "").strip() for r in csv.DictReader(f)}
    for path in sorted(curated.glob("*_places.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            ids |= {(r.get("wof_id") or "").strip() for r in csv.DictReader(f)}
    ids.discard("")
    return ids


def _table(path: Path) -> dict[str, dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return {r["id"]: r for r in csv.DictReader(f)}
    except FileNotFoundError:
        return {}


def table_namesakes(path: Path = TABLE) -> dict[str, dict[str, str]]:
    """Folded name -> {WOF id: our id} of the table's rows: the build gives same-name
    rows ids by the set it keeps (``tap``, ``tap_vayots_dzor``), so dropping one renames
    its namesake and orphans what cites the old id (``parents_from_polygons.csv``)."""
    out: dict[str, dict[str, str]] = {}
    for r in _table(path).values():
        out.setdefault(fold(r["name"]), {})[r.get("wof_id") or ""] = r["id"]
    return out


def table_provinces(path: Path = TABLE) -> dict[str, str]:
    """WOF id -> the name of the region the table's parent chain reaches (the build's
    polygon parents), for the records the table holds; empty when there is no table."""
    rows = _table(path)
    out = {}
    for r in rows.values():
        if not r.get("wof_id"):
            continue
        parent, seen = rows.get(r["parent"]), 0
        while parent is not None and parent["kind"] != "region" and seen < 4:
            parent, seen = rows.get(parent["parent"]), seen + 1
        if parent is not None and parent["kind"] == "region":
            out[r["wof_id"]] = parent["name"]
    return out


def read_import(places: Path = WOF_PLACES, names: Path = WOF_NAMES, table: Path = TABLE) -> list[Record]:
    """The import's Armenian localities without a population, with all their WOF names
    and their province: the WOF region they belong to, and the region of their parent in
    the table (WOF leaves the region out of some)."""
    in_table = table_provinces(table)
    namesakes = table_namesakes(table)
    rows = list(_tsv(places))
    regions = {r["wof_id"]: r["name"] for r in rows if r["placetype"] == "region"}
    chosen = {}
    for r in rows:
        gid = r["geonameid"]
        if r["country"] != "AM" or r["placetype"] != "locality" or not gid.isdigit():
            continue
        if int(gid) not in GEONAMES_RANGE or (r["population"] or "0") not in {"", "0"}:
            continue
        region = next((regions[i] for i in r["belongsto"].split("|") if i in regions), "")
        chosen[r["wof_id"]] = (r, region)
    all_names: dict[str, list[str]] = {k: [] for k in chosen}
    for n in _tsv(names):
        if n["wof_id"] in all_names:
            all_names[n["wof_id"]].append(n["name"])
    records = []
    for wid, (r, region) in chosen.items():
        own = [r["name"], r["name_hye"], r["name_rus"], r["name_eng"], *all_names[wid]]
        records.append(
            Record(
                wof_id=wid,
                geonames_id=int(r["geonameid"]),
                name=r["name"],
                province=region,
                names=tuple(dict.fromkeys(n for n in own if n)),
                wikidata=r["wikidata"],
                table_province=in_table.get(wid, ""),
                namesakes=tuple(
                    sorted((w, i) for w, i in namesakes.get(fold(r["name_eng"] or r["name"]), {}).items() if w != wid)
                ),
            )
        )
    return sorted(records, key=lambda rec: int(rec.wof_id))


# ------------------------------------------------------------------ the decision
def _feature_hits(names: Iterable[str], features: dict[str, FeatureWord], endings: bool) -> list[FeatureWord]:
    words = [w for name in names for w in fold(name).split()]
    hits = [features[w] for w in words if w in features]
    if endings and not hits:
        ends = [(key[1:], f) for key, f in features.items() if f.ending]
        hits = [f for w in words for end, f in ends if w.endswith(end) and len(w) >= len(end) + 3]
    return hits


def decide(
    record: Record,
    settlements: dict[str, Official],
    features: dict[str, FeatureWord],
    known: dict[tuple[str, str], KnownSite] | None = None,
) -> Decision:
    """Settlement, feature or unknown, by the rule in the module docstring."""
    provinces = list(dict.fromkeys(p for p in (record.province, record.table_province) if p))
    for province in provinces:
        official = settlements.get(name_key(province))
        for name in record.names if official else ():
            if official.matches(name):
                return Decision(record, "settlement", "", "", f"official settlement of {province}: {name}")
    for province in provinces:
        site = (known or {}).get((name_key(record.name), name_key(province)))
        if site:
            return Decision(record, "feature", "set_kind", site.kind, f"known site: {site.source}")
    official_anywhere = any(o.matches(n) for o in settlements.values() for n in record.names)
    hits = _feature_hits(record.names, features, endings=not official_anywhere)
    if hits:
        word = hits[0]
        part = "ending" if word.ending else "feature word"
        why = f"{part} {word.word!r} ({word.meaning}) in {record.name!r}"
        if record.wikidata and word.kind:
            return Decision(record, "feature", "set_kind", word.kind, f"{why}; notable ({record.wikidata})")
        return Decision(
            record,
            "feature",
            "drop_record",
            "",
            f"GeoNames {record.geonames_id} import (2016, PPL) names no settlement of "
            f"{record.province or 'its province'}: {why}",
        )
    where = record.province or record.table_province or "its province (none known)"
    return Decision(record, "unknown", "", "", f"not an official settlement of {where}, no feature word")


def audit(
    records: Iterable[Record],
    settlements: dict[str, Official],
    features: dict[str, FeatureWord],
    skip: set[str] = frozenset(),
    known: dict[tuple[str, str], KnownSite] | None = None,
) -> list[Decision]:
    """Decide every record another file does not already decide. A feature that has a
    namesake in the table which stays (not dropped here) is kept after all: the build
    names same-name rows by the set it keeps (``tap``, ``tap_vayots_dzor``), so dropping
    it would rename the namesake and orphan what cites its id (``parents_from_polygons.csv``).
    Namesakes dropped here too do not count, so the result is the same on the table
    these fixes build."""
    decisions = [decide(r, settlements, features, known) for r in records if r.wof_id not in skip]
    dropped = {d.record.wof_id for d in decisions if d.action == "drop_record"}
    out = []
    for d in decisions:
        staying = [i for w, i in d.record.namesakes if w not in dropped]
        if d.action == "drop_record" and staying:
            d = Decision(d.record, d.verdict, "", "", f"{d.reason}; kept: dropping it would rename {staying[0]}")
        out.append(d)
    return out


# ------------------------------------------------------------------ writing
def fix_rows(decisions: Iterable[Decision]) -> list[dict[str, str]]:
    """The ``*_fixes.csv`` rows of the decisions that change the table."""
    return [
        {"wof_id": d.record.wof_id, "action": d.action, "value": d.value, "reason": d.reason}
        for d in decisions
        if d.action
    ]


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    tmp.replace(path)


def write_outputs(decisions: list[Decision], fixes: Path = FIXES, audit_path: Path = AUDIT) -> None:
    """The fixes file and the per-record audit (every decision, unknowns included)."""
    _write(fixes, FIX_COLUMNS, fix_rows(decisions))
    _write(
        audit_path,
        AUDIT_COLUMNS,
        [
            {
                "wof_id": d.record.wof_id,
                "geonames_id": str(d.record.geonames_id),
                "name": d.record.name,
                "province": d.record.province,
                "verdict": d.verdict,
                "action": d.action or "keep",
                "reason": d.reason,
            }
            for d in decisions
        ],
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when the fixes file differs from a fresh audit")
    ap.add_argument("--wof-dir", type=Path, default=SHARED, help="folder of wof-places.tsv and wof-names.tsv")
    ap.add_argument("--settlements", type=Path, default=SETTLEMENTS, help="the official settlement list")
    ap.add_argument(
        "--features", type=Path, nargs="+", default=[FEATURE_WORDS, JUNK_KEYWORDS], help="feature word lists"
    )
    ap.add_argument("--known-sites", type=Path, default=KNOWN_SITES, help="features kept with a kind")
    ap.add_argument("--table", type=Path, default=TABLE, help="the built places.csv (provinces, namesakes)")
    ap.add_argument("--curated", type=Path, default=CURATED, help="folder of the curated *_fixes.csv/*_places.csv")
    ap.add_argument("--fixes", type=Path, default=FIXES, help="the fixes file to write")
    ap.add_argument("--audit", type=Path, default=AUDIT, help="the per-record audit to write")
    args = ap.parse_args(argv)
    try:
        records = read_import(args.wof_dir / "wof-places.tsv", args.wof_dir / "wof-names.tsv", args.table)
        decisions = audit(
            records,
            read_settlements(args.settlements),
            read_feature_words(*args.features),
            decided_elsewhere(args.curated, args.fixes),
            read_known_sites(args.known_sites),
        )
    except AuditError as e:
        print(f"audit_imports: {e}", file=sys.stderr)
        return 2
    except (OSError, csv.Error, KeyError, ValueError) as e:
        print(f"audit_imports: cannot read the inputs: {e!r}", file=sys.stderr)
        return 2
    counts = Counter(d.verdict for d in decisions)
    actions = Counter(d.action or "keep" for d in decisions)
    print(
        f"{len(decisions)} records of the import: {counts['settlement']} settlements, "
        f"{counts['feature']} features ({actions['drop_record']} dropped, {actions['set_kind']} re-kinded, "
        f"{counts['feature'] - actions['drop_record'] - actions['set_kind']} kept for a namesake), "
        f"{counts['unknown']} unknown (kept, listed in {args.audit})"
    )
    if args.check:
        try:
            with open(args.fixes, encoding="utf-8", newline="") as f:
                current = list(csv.DictReader(f))
        except FileNotFoundError:
            current = []
        if current != fix_rows(decisions):
            print(f"audit_imports: {args.fixes} is stale; run tools/audit_imports.py", file=sys.stderr)
            return 1
        return 0
    try:
        write_outputs(decisions, args.fixes, args.audit)
    except OSError as e:
        print(f"audit_imports: cannot write the outputs: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
