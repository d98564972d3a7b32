#!/usr/bin/env python3
"""Coverage of the renamings in the Karabakh districts, as a Markdown table for DATA.md.

For each district of the former NKAO and the seven districts around it, count the
settlements (city, town, village) whose parent is that district, and how many of them
have each kind of name:

- ``az``: an Azerbaijani name (the ``name_az`` column, or a variant with lang ``az``);
- ``armenian-era``: a variant of type ``armenian``, or ``historical`` in Armenian
  (lang ``hy``, Armenian script or its romanisation): the name of 1991-2023;
- ``soviet``: a variant of type ``soviet``, or ``historical`` in another language;
- ``ru Cyrl``: a Russian form in Cyrillic (``name_ru`` or a ``ru`` variant);
- ``hy Armn``: an Armenian-script form (``name_hy`` or any variant in ``Armn``).

The official count beside each district is the number of settlements of the
Azerbaijani administrative-territorial division (cities, settlements and villages),
with its source in ``OFFICIAL``.

Run:  python tools/coverage.py [--places data/places.csv] [--variants data/variants.csv]
      python tools/coverage.py --write DATA.md   (rewrite the marked blocks of DATA.md)
"""

from __future__ import annotations

import argparse
import csv
import datetime
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
SETTLEMENT_KINDS = {"city", "town", "village"}
COLUMNS = ("az", "armenian_era", "soviet", "ru_cyrl", "hy_armn")
HEADERS = ("Azerbaijani", "Armenian-era", "Soviet", "Russian (Cyrl)", "Armenian (Armn)")


class Official(NamedTuple):
    """A district and its settlement count in the official administrative division."""

    district: str  # our id
    label: str
    count: int | None  # cities + settlements (qəsəbə) + villages; None when unsourced
    source: str


DISTRICTS: tuple[Official, ...] = (
    # Counts are of the division before the laws of 5 December 2023 (Aghdara district
    # re-created from parts of Aghdam, Kalbajar and Tartar; villages moved between
    # Shusha, Khojaly, Khojavend, Fuzuli, Jabrayil and Lachin), unless said otherwise.
    # The seven districts around the former NKAO.
    Official(
        "aghdam_district",
        "Aghdam",
        120,
        "Ağsu rayon MKS 'Ağdam rayonu' (1 şəhər, 119 kənd və qəsəbə), http://aghsu.cls.az/more/text/42121",
    ),
    Official(
        "fuzuli_district",
        "Fuzuli",
        77,
        "en.wikipedia 'Fuzuli District' infobox (Settlements 77), copy at https://de.qaz.wiki/wiki/Fuzuli_District",
    ),
    Official(
        "jabrayil_district",
        "Jabrayil",
        93,
        "en.wikipedia 'Jabrayil District' infobox (Settlements 93), copy at https://cs.qaz.wiki/wiki/Jabrayil_District",
    ),
    Official(
        "zangilan_district",
        "Zangilan",
        83,
        "Azerbaijani Community of Nagorno-Karabakh 'Zəngilan' (1 şəhər, 1 qəsəbə, 81 kənd), "
        "http://karabakh.az/menu/?lang=az&i=196",
    ),
    Official(
        "qubadli_district",
        "Qubadli",
        94,
        "metbuat.az 'Qubadlının işğaldan azad olunmasından 1 il ötür' (1 şəhər, 93 kənd), "
        "https://metbuat.az/news/1421382/qubadlinin-isgaldan-azad-olunmasindan-1-il-otur.html",
    ),
    Official(
        "lachin_district",
        "Lachin",
        127,
        "en.wikipedia 'Lachin District' (one city, one settlement, 125 villages), "
        "copy at https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Lachin_District",
    ),
    Official(
        "kalbajar_district",
        "Kalbajar",
        129,
        "az.wikipedia 'Kəlbəcər rayonu' (1 şəhər, 1 qəsəbə, 127 kənd), "
        "http://az.wikipedia.org/wiki/K%C9%99lb%C9%99c%C9%99r_rayonu",
    ),
    # The former NKAO: Khankendi, Khojaly, Khojavend, Shusha, and Aghdara/Tartar.
    Official(
        "khankendi_district",
        "Khankendi (city)",
        2,
        "State Statistics Committee classification of 2024 as reported by ria24.az (1 şəhər, 1 qəsəbə), "
        "https://ria24.az/cəmiyyət/264042/azərbaycanin-inzibati-erazi-bolgusu-təsnifati-yenidən-hazirlanib-11-səhər-76-rayon",
    ),
    Official(
        "khojaly_district",
        "Khojaly",
        53,
        "Azerbaijan National Library 'Xocalı rayonunun inzibati tərkibi' (1 şəhər, 2 qəsəbə, 50 kənd), "
        "http://anl.az/xocali/tarix.html",
    ),
    Official(
        "khojavend_district",
        "Khojavend",
        84,
        "Xocavənd district executive power 'Rayon haqqında' (1 şəhər, 2 qəsəbə, 81 kənd), "
        "http://xocavend-ih.gov.az/az/rayon-haqqinda.html",
    ),
    Official(
        "shusha_district",
        "Shusha",
        39,
        "en.wikipedia 'Shusha District' infobox (Settlements 39, from preslib.az 'İnzibati-ərazi vahidləri'), "
        "copy at http://wiki.richxsearch.com/view_html.php?lang=en&q=Shusha_District",
    ),
    Official("aghdara_district", "Aghdara", None, ""),
    Official("terter_district", "Tartar", None, ""),
)


class Counts(NamedTuple):
    """Settlements of one district and how many carry each kind of name."""

    district: Official
    settlements: int
    az: int
    armenian_era: int
    soviet: int
    ru_cyrl: int
    hy_armn: int


class InputError(Exception):
    """A table that cannot be read; the message is one line for the user."""


def _read(path: Path, needed: Iterable[str]) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in needed if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
            return list(reader)
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from e
    except (UnicodeDecodeError, csv.Error) as e:
        raise InputError(f"{path}: not a UTF-8 CSV file ({e})") from e


def _is_armenian(text: str) -> bool:
    return any("\u0531" <= ch <= "\u058f" for ch in text)


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def _flags(place: dict[str, str], variants: list[dict[str, str]]) -> set[str]:
    """Which kinds of name (COLUMNS) one settlement has."""
    have: set[str] = set()
    if place.get("name_az", "").strip():
        have.add("az")
    if _is_cyrillic(place.get("name_ru", "")):
        have.add("ru_cyrl")
    if _is_armenian(place.get("name_hy", "")):
        have.add("hy_armn")
    for v in variants:
        lang, script, kind = v["lang"], v["script"], v["type"]
        if lang == "az":
            have.add("az")
        if lang == "ru" and script == "Cyrl":
            have.add("ru_cyrl")
        if script == "Armn":
            have.add("hy_armn")
        if kind == "armenian" or (kind == "historical" and lang == "hy"):
            have.add("armenian_era")
        if kind == "soviet" or (kind == "historical" and lang != "hy"):
            have.add("soviet")
    return have


def count(places_csv: Path, variants_csv: Path, districts: Iterable[Official] = DISTRICTS) -> list[Counts]:
    """Count, for each district, its settlements and the kinds of name they carry."""
    places = _read(places_csv, ("id", "kind", "parent", "name_az", "name_ru", "name_hy"))
    variants = _read(variants_csv, ("id", "lang", "script", "type"))
    by_id: dict[str, list[dict[str, str]]] = defaultdict(list)
    for v in variants:
        by_id[v["id"]].append(v)
    out = []
    for d in districts:
        members = [p for p in places if p["parent"] == d.district and p["kind"] in SETTLEMENT_KINDS]
        tally = dict.fromkeys(COLUMNS, 0)
        for p in members:
            for flag in _flags(p, by_id.get(p["id"], [])):
                tally[flag] += 1
        out.append(Counts(d, len(members), **tally))
    return out


def markdown(rows: list[Counts]) -> str:
    """The coverage table in Markdown, with a total line."""
    head = ["District", "Settlements", "Official", *HEADERS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        official = str(r.district.count) if r.district.count is not None else "?"
        cells = [r.district.label, str(r.settlements), official, *(str(getattr(r, c)) for c in COLUMNS)]
        lines.append("| " + " | ".join(cells) + " |")
    total = [sum(getattr(r, c) for r in rows) for c in ("settlements", *COLUMNS)]
    lines.append("| **Total** | " + " | ".join([str(total[0]), ""] + [str(t) for t in total[1:]]) + " |")
    return "\n".join(lines)


def sources() -> str:
    """The sources of the official counts, as a Markdown list."""
    return "\n".join(f"- {d.label}: {d.source}" for d in DISTRICTS if d.source)


def _replace_block(text: str, name: str, body: str) -> str:
    """Put body between ``<!-- coverage:NAME -->`` and ``<!-- /coverage:NAME -->``."""
    pattern = re.compile(rf"(<!-- coverage:{name} -->\n).*?(<!-- /coverage:{name} -->)", re.S)
    if not pattern.search(text):
        raise InputError(f"no <!-- coverage:{name} --> ... <!-- /coverage:{name} --> block")
    return pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text, count=1)


def write_into(doc: Path, rows: list[Counts], places_csv: Path, today: datetime.date) -> None:
    """Rewrite the coverage table and its sources in the marked blocks of doc (DATA.md)."""
    try:
        text = doc.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"{doc}: cannot read ({e.strerror or e})") from e
    table = f"Table of {today.isoformat()}, from `{places_csv.name}`.\n\n{markdown(rows)}"
    text = _replace_block(text, "table", table)
    text = _replace_block(text, "sources", sources())
    try:
        tmp = doc.with_name(doc.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(doc)
    except OSError as e:
        raise InputError(f"{doc}: cannot write ({e.strerror or e})") from e


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--places", type=Path, default=ROOT / "data" / "places.csv")
    ap.add_argument("--variants", type=Path, default=ROOT / "data" / "variants.csv")
    ap.add_argument("--sources", action="store_true", help="also list the sources of the official counts")
    ap.add_argument("--write", type=Path, metavar="DOC", help="rewrite the marked coverage blocks of DOC (DATA.md)")
    args = ap.parse_args(argv)
    try:
        rows = count(args.places, args.variants)
        if args.write:
            write_into(args.write, rows, args.places, datetime.date.today())
    except InputError as e:
        print(f"coverage: {e}", file=sys.stderr)
        return 2
    if args.write:
        print(f"coverage: {args.write} updated")
        return 0
    print(markdown(rows))
    if args.sources:
        print()
        print(sources())
    return 0


if __name__ == "__main__":
    sys.exit(main())
