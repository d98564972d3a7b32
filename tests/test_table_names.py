"""Checks on every record of the bundled table: whose names a record carries, and same-name
records of one district (issue 13, data9).

Two kinds of defect found record by record in the audits, checked here for every record:

- a name column (``name_az``, ``name_ru``, ``name_hy``) holding the name of another
  settlement within 5 km: WOF labels a hamlet with its village's name (Nerk'in Shen carried
  Chinari's "Çinari"), an Upper village with its Lower neighbour's ("Верин Геташен" carried
  "Неркин Геташен"), or a village twice under its old and new names (Aruch and Talish). The
  cases not yet resolved are listed in ``data/reference/name_column_neighbours.csv``; a new
  one fails the test;
- two settlements of one district with the same name within 2 km, not listed in
  ``data/curated/kept_apart.csv``: one village twice;
- two settlements of one Azerbaijani or Armenian district with the same name farther apart
  (issue 13, data10): each such pair is either kept apart with its reason
  (``kept_apart.csv``: the official list of the district has the name twice, the names
  differ but for the Azerbaijani column, a ruin beside its village...) or listed with the
  check made in ``data/curated/same_name_unresolved.csv``; a new pair fails the test.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from gazetteer.geo import km
from gazetteer.text.folding import fold, skeleton
from tests.tabledata import HEADER

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "data" / "places.csv"
KEPT_APART = ROOT / "data" / "curated" / "kept_apart.csv"
REFERENCE = ROOT / "data" / "reference" / "name_column_neighbours.csv"
UNRESOLVED = ROOT / "data" / "curated" / "same_name_unresolved.csv"
FAR_COUNTRIES = ("AZ", "AM")
SETTLEMENTS = {"village", "town", "city"}
NAME_COLUMNS = ("name_az", "name_ru", "name_hy")
NEIGHBOUR_KM = 5.0
SAME_NAME_KM = 2.0
REFERENCE_COLUMNS = ["id", "column", "value", "neighbour", "km", "note"]


class NeighbourName(NamedTuple):
    """``id``'s ``column`` holds ``value``, the name of the settlement ``neighbour`` ``km`` away."""

    id: str
    column: str
    value: str
    neighbour: str
    km: float


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def neighbour_names(rows: list[dict[str, str]], within_km: float = NEIGHBOUR_KM) -> list[NeighbourName]:
    """Settlements whose name column holds a name that is not a spelling of their own name
    but is the name of another settlement of the same country within ``within_km``."""
    settlements = [r for r in rows if r["kind"] in SETTLEMENTS]
    by_name: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in settlements:
        by_name[fold(r["name"])].append(r)
    found = []
    for r in settlements:
        own = skeleton(fold(r["name"]))
        for column in NAME_COLUMNS:
            key = fold(r.get(column) or "")
            if not key or skeleton(key) == own:
                continue
            for other in by_name.get(key, ()):
                if other["id"] == r["id"] or other["country"] != r["country"]:
                    continue
                d = km(float(r["lat"]), float(r["lon"]), float(other["lat"]), float(other["lon"]))
                if d < within_km:
                    found.append(NeighbourName(r["id"], column, r[column], other["id"], round(d, 2)))
    return sorted(set(found))


def same_name_pairs(
    rows: list[dict[str, str]],
    apart: set[frozenset[str]],
    within_km: float = SAME_NAME_KM,
    beyond_km: float = -1.0,
    countries: tuple[str, ...] = (),
) -> list[tuple[str, str, str, float]]:
    """Pairs of settlements of one parent district that share a name (English or Azerbaijani,
    folded), farther apart than ``beyond_km`` and at most ``within_km`` (2 km unless told),
    and not listed as kept apart; only settlements of ``countries`` when given."""
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        if r["kind"] not in SETTLEMENTS or not r["parent"] or (countries and r["country"] not in countries):
            continue
        for key in {fold(r["name"]), fold(r.get("name_az") or "")} - {""}:
            groups[(r["parent"], key)].append(r)
    pairs = set()
    for (_parent, key), members in groups.items():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                d = km(float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"]))
                if beyond_km < d <= within_km and frozenset((a["id"], b["id"])) not in apart:
                    pairs.add((min(a["id"], b["id"]), max(a["id"], b["id"]), key, round(d, 2)))
    return sorted(pairs)


def kept_apart(path: Path = KEPT_APART) -> set[frozenset[str]]:
    return {frozenset((r["a"].strip(), r["b"].strip())) for r in read_rows(path)}


def far_same_name_pairs(rows: list[dict[str, str]], apart: set[frozenset[str]]) -> list[tuple[str, str, str, float]]:
    """Same-name settlement pairs of one Azerbaijani or Armenian district more than 2 km
    apart, not listed in ``apart``."""
    return same_name_pairs(rows, apart, within_km=float("inf"), beyond_km=SAME_NAME_KM, countries=FAR_COUNTRIES)


def write_reference(path: Path = REFERENCE, places: Path = PLACES) -> None:
    """Rewrite the list of unresolved cases from the bundled table, keeping the notes."""
    notes = {(r["id"], r["column"], r["neighbour"]): r["note"] for r in read_rows(path)} if path.exists() else {}
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, REFERENCE_COLUMNS, lineterminator="\n")
        w.writeheader()
        for n in neighbour_names(read_rows(places)):
            w.writerow({**n._asdict(), "note": notes.get((n.id, n.column, n.neighbour), "")})


def _table(tmp_path: Path, rows: list[str]) -> list[dict[str, str]]:
    path = tmp_path / "places.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return read_rows(path)


def test_a_name_column_holding_a_nearby_settlements_name_is_found(tmp_path):
    rows = _table(
        tmp_path,
        [
            "chinari,Chinari,village,AM,tavush,40.85469,45.57781,,t:1,,,Çinari,Чинари,Չինարի",
            "nerkin_shen,Nerkin Shen,village,AM,tavush,40.85968,45.54309,,t:2,,,Çinari,,Ներքին Շեն",
        ],
    )
    assert neighbour_names(rows) == [NeighbourName("nerkin_shen", "name_az", "Çinari", "chinari", 2.97)]


def test_a_name_column_spelling_the_records_own_name_is_not_a_neighbours(tmp_path):
    rows = _table(
        tmp_path,
        [
            "horadiz,Horadiz,town,AZ,fuzuli,39.44877,47.33531,,t:1,,,Horadiz,Горадиз,",
            "horadiz_2,Horadiz,village,AZ,fuzuli,39.45877,47.33531,,t:2,,,Horadiz,,",
        ],
    )
    assert neighbour_names(rows) == []


def test_a_far_or_foreign_settlement_of_the_name_is_not_a_neighbour(tmp_path):
    rows = _table(
        tmp_path,
        [
            "horadiz,Horadiz,town,AZ,fuzuli,39.44877,47.33531,,t:1,,,Horadiz,,",
            "horadis,Horadis,village,AM,vayots_dzor,39.55278,45.40444,,t:2,,,Horadiz,,",
            "istisu,Istisu,village,AZ,kalbajar,39.94628,45.96062,,t:3,,,İstisu,,",
            "mugtadir,Mugtadir,village,AZ,khachmaz,41.66692,48.77603,,t:4,,,İstisu,,",
        ],
    )
    assert neighbour_names(rows) == []


def test_the_bundled_table_has_no_unlisted_neighbours_name_in_a_name_column():
    listed = {(r["id"], r["column"], r["neighbour"]) for r in read_rows(REFERENCE)}
    new = [n for n in neighbour_names(read_rows(PLACES)) if (n.id, n.column, n.neighbour) not in listed]
    assert new == [], (
        "a name column holds the name of another settlement nearby: fix the record (data/curated) "
        f"or list it in {REFERENCE.name} with a note: {new}"
    )


def test_same_name_settlements_of_one_district_within_2_km_are_merged_or_kept_apart(tmp_path):
    rows = _table(
        tmp_path,
        [
            "tatar,Tatar,village,AZ,qubadli_district,39.16318,46.70144,,t:1,,,Tatar,,",
            "tatar_2,Tatar,village,AZ,qubadli_district,39.17000,46.70500,,t:2,,,Tatar,,",
            "tatar_zangilan,Tatar,village,AZ,zangilan_district,39.17100,46.70600,,t:3,,,Tatar,,",
        ],
    )
    assert same_name_pairs(rows, set()) == [("tatar", "tatar_2", "tatar", 0.82)]
    assert same_name_pairs(rows, {frozenset(("tatar", "tatar_2"))}) == []


def test_the_bundled_table_has_no_same_name_pair_in_one_district_within_2_km():
    assert same_name_pairs(read_rows(PLACES), kept_apart()) == []


def test_far_same_name_settlements_of_one_district_are_found_unless_listed(tmp_path):
    rows = _table(
        tmp_path,
        [
            "khalafli,Khalafli,village,AZ,jabrayil_district,39.17139,47.00667,,t:1,,,Xələfli,,",
            "khalafli_2,Khalafli,village,AZ,jabrayil_district,39.34583,47.02972,,t:2,,,Xələfli,,",
            "khalafli_near,Khalafli,village,AZ,jabrayil_district,39.35083,47.02972,,t:3,,,Xələfli,,",
            "khalafli_ge,Khalafli,village,GE,jabrayil_district,39.50000,47.02972,,t:4,,,,,",
        ],
    )
    found = far_same_name_pairs(rows, set())
    # the pair within 2 km is the other test's; the Georgian record is outside AZ and AM
    assert [(a, b) for a, b, _key, _km in found] == [("khalafli", "khalafli_2"), ("khalafli", "khalafli_near")]
    assert (
        far_same_name_pairs(rows, {frozenset(("khalafli", "khalafli_2")), frozenset(("khalafli", "khalafli_near"))})
        == []
    )


def test_every_far_same_name_pair_of_the_bundled_table_is_kept_apart_or_listed_unresolved():
    listed = {frozenset((r["a"], r["b"])) for r in read_rows(UNRESOLVED)}
    new = far_same_name_pairs(read_rows(PLACES), kept_apart() | listed)
    assert new == [], (
        "same-name settlements of one district more than 2 km apart: merge them, keep them apart "
        f"with a reason ({KEPT_APART.name}) or list the check made ({UNRESOLVED.name}): {new}"
    )


def test_every_pair_listed_unresolved_is_still_a_far_same_name_pair():
    pairs = {frozenset((a, b)) for a, b, _key, _km in far_same_name_pairs(read_rows(PLACES), set())}
    stale = [(r["a"], r["b"]) for r in read_rows(UNRESOLVED) if frozenset((r["a"], r["b"])) not in pairs]
    assert stale == [], f"{UNRESOLVED.name} lists pairs the table no longer has (merged or renamed): {stale}"
