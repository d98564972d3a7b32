"""Audit of the settlements of the region that share a name (issue 13, "same-name places").

Reads `data/places.csv` and `data/variants.csv` (the built table),
`data/reference/am_settlements.csv` (the official settlement list of Armenia, OCHA COD-AB
P-codes) and `data/curated/kept_apart.csv`, and writes
`data/reference/same_name_audit.csv`: one row per settlement record (village, town,
city of AZ or AM) whose folded name (display name, `name_az`, or a preferred/official
`az`/`en` variant) is borne by two or more such records within the districts of the
Karabakh and East Zangezur economic regions and Armenia's Syunik, Vayots Dzor,
Gegharkunik and Tavush.

Each record is checked against an independent source where one was read:

- `CHECKS` below: the coordinate and district printed by a Wikipedia article (any
  language, or a mirror of it), each with its title and address; the record passes when
  it lies within 3 km of that point and in that district;
- Armenian records: the official settlement list of its province (is there a
  settlement of that name in that marz?);
- two records of one name in one district less than 3 km apart are listed as duplicate
  candidates unless `kept_apart.csv` keeps them apart.

Records that fail get a curated fix (`data/curated/audit8_*.csv`), written by hand; this
script only lists and measures. Run: `python tools/same_name_audit.py`.
"""

from __future__ import annotations

import csv
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from audit_imports import name_key, read_settlements  # noqa: E402

from gazetteer.text.folding import fold  # noqa: E402

PLACES = ROOT / "data" / "places.csv"
VARIANTS = ROOT / "data" / "variants.csv"
KEPT_APART = ROOT / "data" / "curated" / "kept_apart.csv"
OUT = ROOT / "data" / "reference" / "same_name_audit.csv"

REGIONS = {"karabakh_economic_region", "east_zangezur_economic_region"}
PROVINCES = {
    "syunik_province": "Syunik",
    "vayots_dzor_province": "Vayots Dzor",
    "gegarkunik_province": "Gegharkunik",
    "tavush_province": "Tavush",
}
SETTLEMENT_KINDS = {"village", "town", "city"}
NEAR_KM = 3.0


class Check(NamedTuple):
    """An independent point for one record: the source's coordinate and district."""

    id: str
    lat: float
    lon: float
    district: str  # our id of the district/province the source puts it in
    source: str


def _dms(d: float, m: float, s: float = 0.0) -> float:
    return round(d + m / 60 + s / 3600, 5)


CHECKS: tuple[Check, ...] = (
    Check(
        "tatar",
        _dms(39, 26, 47),
        _dms(46, 55, 34),
        "jabrayil_district",
        "az.wikipedia 'Tatar (Cəbrayıl)' 39°26′47″N 46°55′34″E, "
        "https://wikipedia.anarim.az?q=Tatar_%28C%C9%99bray%C4%B1l%29",
    ),
    Check(
        "tatar_qubadli",
        _dms(39, 9, 35),
        _dms(46, 42, 7),
        "qubadli_district",
        "ru.wikipedia 'Татар (Губадлинский район)' 39°09′35″N 46°42′07″E, copy at "
        "https://perceptioro.com/%D0%A2%D0%B0%D1%82%D0%B0%D1%80_%28%D0%93%D1%83%D0%B1%D0%B0%D0%B4%D0%BB%D0%B8%D0%BD%D1%81%D0%BA%D0%B8%D0%B9_%D1%80%D0%B0%D0%B9%D0%BE%D0%BD%29",
    ),
    Check(
        "nor_aigestan",
        40.068806,
        46.825333,
        "aghdam_district",
        "en.wikipedia 'Mollalar (40° 05' N 46° 50' E), Agdam' 40.068806N 46.825333E (Nor Aygestan), "
        "copy at https://wikimili.com/en/Mollalar_(40%C2%B0_05'_N_46%C2%B0_50'_E),_Agdam",
    ),
    Check(
        "mollalar_lachin",
        39.66722,
        46.49,
        "lachin_district",
        "en.wikipedia 'Mollalar, Lachin' 39.66722N 46.49000E (Gihut), copy at https://wikimili.com/en/Mollalar,_Lachin",
    ),
    Check(
        "mashanli_jabrayil",
        _dms(39, 13, 8),
        _dms(47, 2, 22),
        "jabrayil_district",
        "ru.wikipedia 'Машанлы' 39°13′08″N 47°02′22″E (Jabrayil, on the Araz), copy at https://perceptiopt.com/Машанлы",
    ),
    Check(
        "hajili_jabrayil",
        _dms(39, 21, 7),
        _dms(47, 3, 56),
        "jabrayil_district",
        "ru.wikipedia 'Гаджылы (Джебраильский район)' 39°21′07″N 47°03′56″E, copy at "
        "https://perceptiode.com/%D0%93%D0%B0%D0%B4%D0%B6%D1%8B%D0%BB%D1%8B_%28%D0%94%D0%B6%D0%B5%D0%B1%D1%80%D0%B0%D0%B8%D0%BB%D1%8C%D1%81%D0%BA%D0%B8%D0%B9_%D1%80%D0%B0%D0%B9%D0%BE%D0%BD%29",
    ),
    Check(
        "muganli_zangilan",
        _dms(39, 5, 29),
        _dms(46, 46, 40),
        "zangilan_district",
        "ru.wikipedia 'Муганлы (Гаджаллинский округ)' 39°05′29″N 46°46′40″E, copy at "
        "https://kiwix.nikhpc.keenetic.name/content/wikipedia_ru_all_maxi_2025-06/%D0%9C%D1%83%D0%B3%D0%B0%D0%BD%D0%BB%D1%8B_(%D0%93%D0%B0%D0%B4%D0%B6%D0%B0%D0%BB%D0%BB%D0%B8%D0%BD%D1%81%D0%BA%D0%B8%D0%B9_%D0%BE%D0%BA%D1%80%D1%83%D0%B3)",
    ),
    Check(
        "balligaya_qubadli",
        _dms(39, 14, 49),
        _dms(46, 39, 24),
        "qubadli_district",
        "az.wikipedia 'Ballıqaya (Qubadlı)' 39°14′49″N 46°39′24″E, copy at https://obastan.com/wiki/Ball%C4%B1qaya_(Qubadl%C4%B1)",
    ),
    Check(
        "vang",
        _dms(40, 9, 32),
        _dms(46, 17, 2),
        "kalbajar_district",
        "ru.wikipedia 'Ванк (село у горы Буздух)' 40°09′32″N 46°17′02″E (Vəng, Dadivank), copy at "
        "https://perceptiode.com/Ванк_(село_у_горы_Буздух)",
    ),
    Check(
        "horadiz_fuzuli",
        _dms(39, 27, 5),
        _dms(47, 14, 25),
        "fuzuli_district",
        "ru.wikipedia 'Горадиз (село)' 39°27′05″N 47°14′25″E (the village; the town Horadiz is another record), "
        "copy at https://perceptiocs.com/Горадиз_(село)",
    ),
    Check(
        "sarijali_aghdam",
        _dms(40, 0, 11),
        _dms(46, 59, 10),
        "aghdam_district",
        "ru.wikipedia 'Сарыджалы (Сарыджалинский округ, Агдамский район)' 40°00′11″N 46°59′10″E (it names a second "
        "Sarıcalı of Aghdam, in Chamanli okrug), copy at https://kiwix.nikhpc.keenetic.name/content/wikipedia_ru_all_maxi_2025-06/"
        "%D0%A1%D0%B0%D1%80%D1%8B%D0%B4%D0%B6%D0%B0%D0%BB%D1%8B_(%D0%A1%D0%B0%D1%80%D1%8B%D0%B4%D0%B6%D0%B0%D0%BB%D0%B8%D0%BD%D1%81%D0%BA%D0%B8%D0%B9_%D0%BE%D0%BA%D1%80%D1%83%D0%B3%2C_%D0%90%D0%B3%D0%B4%D0%B0%D0%BC%D1%81%D0%BA%D0%B8%D0%B9_%D1%80%D0%B0%D0%B9%D0%BE%D0%BD)",
    ),
    Check(
        "giyasli_aghdam",
        _dms(40, 1, 35),
        _dms(46, 54, 55),
        "aghdam_district",
        "az.wikipedia 'Qiyaslı (Ağdam)' 40°01′35″N 46°54′55″E, https://az.wikipedia.org/wiki/Qiyasl%C4%B1_(A%C4%9Fdam)",
    ),
    Check(
        "ardijli",
        _dms(39, 44, 20),
        _dms(46, 20, 55),
        "lachin_district",
        "en.wikipedia 'Arduşlu' 39°44′20″N 46°20′55″E (Ardushlu, Armenian-era Martiros; the record is labelled "
        "Ardıclı), copy at https://wikizero.org/wiki/en/Ardu%C5%9Flu",
    ),
)


NOTES: dict[str, str] = {
    "ardijli": "the point is en.wikipedia's Arduşlu (Martiros), and the record's WOF Armenian labels are "
    "Hardushlu/Հարդուշլու; ardijli_lachin (13.6 km away) carries Arduşlu/Ардушлу/Martiros too: which record is "
    "Ardıclı, if either, is unresolved",
}


class ListCount(NamedTuple):
    """How many settlements of one folded name an official district list holds."""

    district: str
    name: str  # folded
    count: int
    source: str


AGDAM_LIST = "azerbaycanlilar.com 'Ağdam' (list of the district's villages), https://www.azerbaycanlilar.com/a%C4%9Fdam"
JABRAYIL_LIST = (
    "yknews.az 'Cəbrayıl' (list of the district's settlements and villages), https://yknews.az/c%C9%99brayil/"
)
ZANGILAN_LIST = "qocazade.4t.com 'Zengilan' (list of the district's villages), http://qocazade.4t.com/about.html"
LISTS: tuple[ListCount, ...] = (
    ListCount("aghdam_district", "mollalar", 2, AGDAM_LIST),
    ListCount("aghdam_district", "garadagli", 2, AGDAM_LIST),
    ListCount("aghdam_district", "chullu", 2, AGDAM_LIST),
    ListCount("aghdam_district", "saricali", 2, AGDAM_LIST),
    ListCount("aghdam_district", "uchoglan", 1, AGDAM_LIST),
    ListCount("jabrayil_district", "hacili", 1, JABRAYIL_LIST),
    ListCount("jabrayil_district", "hajili", 1, JABRAYIL_LIST),
    ListCount("jabrayil_district", "khalafli", 2, JABRAYIL_LIST + " (Xələfli both a settlement and a village)"),
    ListCount(
        "qubadli_district",
        "giyasli",
        1,
        "qubadli.sitecity.ru (list of the district's 93 villages), http://qubadli.sitecity.ru/phtml_0309102032.phtml",
    ),
    ListCount("zangilan_district", "genlik", 1, ZANGILAN_LIST),
    ListCount("zangilan_district", "muganli", 1, ZANGILAN_LIST),
    ListCount(
        "aghjabadi_district",
        "khocavand",
        1,
        "qia.az 'Ağcabədi Rayonu' (Xocavənd among the district's villages), https://qia.az/agcab%C9%99di-rayonu/",
    ),
)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def groups(places: dict[str, dict[str, str]], variants: list[dict[str, str]]) -> dict[str, set[str]]:
    """Folded name -> the ids of the region's settlements that bear it (two or more)."""
    districts = {i for i, r in places.items() if r["kind"] == "district" and r["parent"] in REGIONS}
    scope = districts | set(PROVINCES)
    ours = {
        i
        for i, r in places.items()
        if r["kind"] in SETTLEMENT_KINDS and r["country"] in ("AZ", "AM") and r["parent"] in scope
    }
    names: dict[str, set[str]] = defaultdict(set)
    for i in ours:
        for n in (places[i]["name"], places[i]["name_az"]):
            if n:
                names[fold(n)].add(i)
    for v in variants:
        if v["id"] in ours and v["lang"] in ("az", "en") and v["type"] in ("preferred", "official"):
            names[fold(v["variant"])].add(v["id"])
    return {n: ids for n, ids in names.items() if len(ids) > 1}


def _armenian_names(
    i: str, places: dict[str, dict[str, str]], variants_by_id: dict[str, list[dict[str, str]]]
) -> set[str]:
    out = {places[i]["name"]}
    if places[i]["name_hy"]:
        out.add(places[i]["name_hy"])
    out.update(v["variant"] for v in variants_by_id.get(i, ()) if v["lang"] in ("hy", "en"))
    return out


def audit() -> list[dict[str, str]]:
    """One row per record of a same-name group, with the check made and its verdict."""
    places = {r["id"]: r for r in _read(PLACES)}
    variants = _read(VARIANTS)
    by_id: dict[str, list[dict[str, str]]] = defaultdict(list)
    for v in variants:
        by_id[v["id"]].append(v)
    official = read_settlements()
    kept = {frozenset((r["a"], r["b"])) for r in _read(KEPT_APART)}
    checks = {c.id: c for c in CHECKS}
    # One row per distinct set of records: names of one set are joined.
    sets: dict[frozenset[str], list[str]] = defaultdict(list)
    for name, ids in sorted(groups(places, variants).items()):
        sets[frozenset(ids)].append(name)
    rows = []
    for ids, names in sorted(sets.items(), key=lambda x: x[1]):
        for i in sorted(ids):
            p = places[i]
            point = (float(p["lat"]), float(p["lon"]))
            verdicts, sources = [], []
            c = checks.get(i)
            if c:
                d = km(point, (c.lat, c.lon))
                sources.append(c.source)
                ok = d <= NEAR_KM and p["parent"] == c.district
                verdicts.append(
                    f"{'ok' if ok else 'WRONG'}: {d:.2f} km from the source's point, "
                    f"district {'agrees' if p['parent'] == c.district else 'differs (' + c.district + ')'}"
                )
            if p["country"] == "AM" and p["parent"] in PROVINCES:
                prov = PROVINCES[p["parent"]]
                names_here = _armenian_names(i, places, by_id)
                if any(official[name_key(prov)].matches(n) for n in names_here):
                    verdicts.append(f"official list of {prov} has a settlement of this name")
                else:
                    other = [
                        q
                        for q in PROVINCES.values()
                        if q != prov and any(official[name_key(q)].matches(n) for n in names_here)
                    ]
                    verdicts.append(
                        f"not in the official list of {prov}"
                        + (f" (a settlement of this name is in {', '.join(other)})" if other else "")
                        + ": a hamlet, a community record or a GeoNames microtoponym"
                    )
                sources.append("data/reference/am_settlements.csv (OCHA COD-AB ADM4)")
            if i in NOTES:
                verdicts.append(NOTES[i])
            for lc in LISTS:
                if lc.district == p["parent"] and lc.name in names:
                    here = sum(1 for j in ids if places[j]["parent"] == lc.district)
                    sources.append(lc.source)
                    verdicts.append(
                        f"official list has {lc.count} of this name in the district, the table {here}"
                        + (": one record is not on the list" if here > lc.count else "")
                    )
            for j in sorted(ids - {i}):
                q = places[j]
                if q["parent"] == p["parent"]:
                    d = km(point, (float(q["lat"]), float(q["lon"])))
                    if d < NEAR_KM:
                        why = "kept apart (kept_apart.csv)" if frozenset((i, j)) in kept else "duplicate candidate"
                        verdicts.append(f"{why}: {j} is {d:.2f} km away in the same district")
            if not verdicts:
                verdicts.append("not checked: no independent coordinate read")
            rows.append(
                {
                    "name": "/".join(names),
                    "id": i,
                    "ids": " ".join(sorted(ids)),
                    "district": p["parent"],
                    "lat": p["lat"],
                    "lon": p["lon"],
                    "checked_source": "; ".join(sources),
                    "verdict": "; ".join(verdicts),
                }
            )
    return rows


def main() -> int:
    try:
        rows = audit()
    except (OSError, KeyError, ValueError) as e:
        print(f"same_name_audit: {e}", file=sys.stderr)
        return 1
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else ["name"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    n_sets = len({r["ids"] for r in rows})
    checked = sum(1 for r in rows if not r["verdict"].startswith("not checked"))
    wrong = sum(1 for r in rows if "WRONG" in r["verdict"])
    dup = sum(1 for r in rows if "duplicate candidate" in r["verdict"])
    print(
        f"{n_sets} same-name groups, {len(rows)} records, {checked} checked, {wrong} wrong, {dup} duplicate-candidate rows -> {OUT}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
