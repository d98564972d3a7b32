#!/usr/bin/env python3
"""Write data/curated/district_names_variants.csv: the names of the Karabakh districts'
settlements in other scripts and transliterations, from whole-district lists and from
the settlements' encyclopaedia articles (issue 13, "Complete").

What it reads:

- the lists and article names transcribed below (``DISTRICT_LISTS``, ``ARTICLES``),
  each with the page it comes from. A district list is a page that names every village
  of a district in one language in the same order as an Azerbaijani list of the same
  publisher family, so each name is paired with its Azerbaijani name by hand here (names
  the page garbles -- "MinbshiliAğtəpə", "Garar Soltanli" -- or renders by translating a
  word rather than transliterating it -- "Kel Memmedli", "Molla Özen" -- are left out);
  an article name is the title or lead name of one settlement's Wikipedia article
  (read through the public mirrors named in its source);
- ``data/places.csv`` and ``data/variants.csv`` (the built table), to find each
  settlement's id: the settlement of that district (city, town, village) whose name,
  Azerbaijani name or preferred Azerbaijani variant folds to the Azerbaijani name given
  (an article's coordinates pick among several within 3 km).

A name that folds to one the place already has is not written again. A name whose
Azerbaijani name matches no settlement of the district, or two of them (a duplicate pair
not merged yet), is reported and left out; nothing is guessed.

Run:  python tools/district_names.py [--check]   (--check: report only, write nothing)
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer.geo import km  # noqa: E402
from gazetteer.importers import script_of  # noqa: E402
from gazetteer.text.folding import fold  # noqa: E402

OUT = ROOT / "data" / "curated" / "district_names_variants.csv"
SETTLEMENT_KINDS = {"city", "town", "village"}
NEAR_KM = 3.0  # an article's coordinates pick, among same-name settlements, the one this close
HEADER = ("id", "variant", "lang", "script", "type", "needs_context", "source")


class DistrictList(NamedTuple):
    """One page naming a district's villages in one language, paired with the Azerbaijani names."""

    district: str  # our id of the district
    lang: str
    script: str
    type: str
    source: str
    pairs: tuple[tuple[str, str], ...]  # (Azerbaijani name, name on the page)


class ArticleName(NamedTuple):
    """A settlement's name as its encyclopaedia article writes it."""

    district: str
    name_az: str  # the Azerbaijani name, to find the place
    variant: str
    lang: str
    script: str
    type: str
    source: str
    at: tuple[float, float] | None = None  # the article's coordinates, to tell same-name villages apart


JABRAYIL_AZ = (
    "yknews.az 'Cəbrayıl' (Azerbaijani list of the district's villages, same order), https://yknews.az/cəbrayil/"
)

DISTRICT_LISTS: tuple[DistrictList, ...] = (
    DistrictList(
        "jabrayil_district",
        "en",
        "Latn",
        "romanisation",
        "fact-info.az 'Jabrayil' (Settlements in Karabakh: the district's villages in English), "
        "https://fact-info.az/10335-jabrayil.html; paired with " + JABRAYIL_AZ,
        (
            ("Xubyarlı", "Khubyarli"),
            ("Xudaverdili", "Khudaverdili"),
            ("İmambağı", "Imambaghi"),
            ("Qurbantəpə", "Gurbantepe"),
            ("Şahvələdli", "Shahveledli"),
            ("Yarəhmədli", "Yarehmedli"),
            ("Xələfli", "Khalafli"),
            ("Qaracallı", "Garajalli"),
            ("Yuxarı Mərcanlı", "Yukhari Merjanli"),
            ("Böyük Mərcanlı", "Boyuk Marjanli"),
            ("Cocuq Mərcanlı", "Jojug Marjanli"),
            ("Çərəkən", "Chereken"),
            ("Əfəndilər", "Efendiler"),
            ("Dağ Tumas", "Dagh Tumas"),
            ("Çələbilər", "Chelebiler"),
            ("Mirək", "Mirek"),
            ("Çapand", "Chapand"),
            ("Safarşa", "Safarsha"),
            ("İsaqlı", "Isagli"),
            ("Doşulu", "Doshulu"),
            ("Yuxarı Maralyan", "Yukhari Maralyan"),
            ("Qazanzəmi", "Gazanzemi"),
            ("Çullu", "Chullu"),
            ("Dağ Maşanlı", "Dagh Mashanli"),
            ("Söyüdlü", "Soyudlu"),
            ("Qumlaq", "Gumlag"),
            ("Məstalıbəyli", "Mestalibeyli"),
            ("Quycaq", "Guyjag"),
            ("Şəybəy", "Sheybey"),
            ("Maşanlı", "Mashanli"),
            ("Çaxırlı", "Chakhirli"),
            ("Daş Veysəlli", "Dash Veyselli"),
            ("Əmirvarlı", "Emirvarli"),
            ("Məzrə", "Mezre"),
            ("Yuxarı Məzrə", "Yukhari Mezre"),
            ("Aşağı Sirik", "Ashaghi Sirik"),
            ("Molla Həsənli", "Molla Hasanli"),
            ("Xanağabulaq", "Khanaghabulag"),
            ("Hacı İsaqlı", "Haji Isagli"),
            ("Qoşabulaq", "Goshabulag"),
            ("Qovşudlu", "Govshudlu"),
            ("Niyazqulular", "Niyazgulular"),
            ("Şükürbəyli", "Shukurbeyli"),
            ("Fuğanlı", "Fughanli"),
            ("Həsənqaydı", "Hasangaydi"),
            ("Şıxalıağalı", "Shikhaliaghali"),
            ("Qışlaq", "Gishlag"),
            ("Karxulu", "Karkhulu"),
            ("Aşağı Maralyan", "Ashaghi Maralyan"),
            ("Cəfərabad", "Jafarabad"),
            ("Kürdlər", "Kurdler"),
            ("Daşkəsən", "Dashkesen"),
            ("Yuxarı Nüsüs", "Yukhari Nusus"),
            ("Süleymanlı", "Suleymanli"),
            ("Quşçular", "Gushchular"),
            ("Keçəl Məmmədli", "Kechel Memmedli"),
            ("Aşıq Məlikli", "Ashig Melikli"),
        ),
    ),
    DistrictList(
        "jabrayil_district",
        "tr",
        "Latn",
        "turkish",
        "virtualkarabakh.az 'Cebrail' (Turkish page: the district's villages), "
        "https://www.virtualkarabakh.az/tr/post-item/27/109/dzhebrail.html; paired with " + JABRAYIL_AZ,
        (
            ("Xubyarlı", "Hubyarlı"),
            ("Xudaverdili", "Hudaverdili"),
            ("Qurbantəpə", "Kurbantepe"),
            ("Şahvələdli", "Şahveledli"),
            ("Yarəhmədli", "Yarahmedli"),
            ("Xələfli", "Halefli"),
            ("Qaracallı", "Karacallı"),
            ("Yuxarı Mərcanlı", "Yukarı Mercanlı"),
            ("Böyük Mərcanlı", "Büyük Mercanlı"),
            ("Cocuq Mərcanlı", "Çocuk Mercanlı"),
            ("Çərəkən", "Çereken"),
            ("Əfəndilər", "Efendiler"),
            ("Çələbilər", "Çelebiler"),
            ("Qarağac", "Karaağaç"),
            ("Hüseynalılar", "Hüseyinalıler"),
            ("Mirək", "Mirek"),
            ("İsaqlı", "İsaklı"),
            ("Qalacıq", "Kalacık"),
            ("Yuxarı Maralyan", "Yukarı Maralyan"),
            ("Qazanzəmi", "Kazanzemi"),
            ("Əsgərxanlı", "Askerhanlı"),
            ("Söyüdlü", "Söğütlü"),
            ("Qumlaq", "Kumlak"),
            ("Məstalıbəyli", "Mestalibeyli"),
            ("Quycaq", "Kuycak"),
            ("Şəybəy", "Şeybey"),
            ("Alıkeyxalı", "Alıkeyhalı"),
            ("Çaxırlı", "Çakırlı"),
            ("Ağtəpə", "Aktepe"),
            ("Daş Veysəlli", "Taş Veyselli"),
            ("Əmirvarlı", "Emirvarlı"),
            ("Məzrə", "Mezre"),
            ("Yuxarı Məzrə", "Yukarı Mezre"),
            ("Sirik", "Sırık"),
            ("Aşağı Sirik", "Aşağı Sırık"),
            ("Xanağabulaq", "Hanağabulak"),
            ("Göyərçin Veysəlli", "Güvercin Veyselli"),
            ("Hacı İsaqlı", "Hacı İsaklı"),
            ("Qoşabulaq", "Koşabulak"),
            ("Niyazqulular", "Niyazkulular"),
            ("Şükürbəyli", "Şükürbeyli"),
            ("Həsənqaydı", "Hasankaydı"),
            ("Şıxalıağalı", "Şıhalıağalı"),
            ("Qışlaq", "Kışlak"),
            ("Karxulu", "Karhulu"),
            ("Şıxlar", "Şıhlar"),
            ("Cəfərabad", "Caferabad"),
            ("Daşkəsən", "Taşkesen"),
            ("Yuxarı Nüsüs", "Yukarı Nüsüs"),
            ("Yanarxac", "Yanarkaç"),
            ("Quşçular", "Kuşçular"),
            ("Aşıq Məlikli", "Aşık Melikli"),
        ),
    ),
)

RU_WIKI = "ru.wikipedia"
AZ_WIKI = "az.wikipedia"
ARTICLES: tuple[ArticleName, ...] = (
    # former names, as the settlement's article gives them
    ArticleName(
        "khojavend_district",
        "Üçbulaq",
        "Учбулаг",
        "ru",
        "Cyrl",
        "russian",
        f"{RU_WIKI} 'Учбулаг (Физулинский район)' ('Учбулаг (азерб. Üçbulaq), до 1992 года — Гога (азерб. Hoğa)'; "
        "the table files the village under Khojavend), https://kampuspedia.com/ru/Учбулаг_(Физулинский_район)",
    ),
    ArticleName(
        "khojavend_district",
        "Üçbulaq",
        "Гога",
        "ru",
        "Cyrl",
        "soviet",
        f"{RU_WIKI} 'Учбулаг (Физулинский район)' ('до 1992 года — Гога (азерб. Hoğa)'), "
        "https://kampuspedia.com/ru/Учбулаг_(Физулинский_район)",
    ),
    ArticleName(
        "khojavend_district",
        "Üçbulaq",
        "Hoğa",
        "az",
        "Latn",
        "soviet",
        f"{RU_WIKI} 'Учбулаг (Физулинский район)' ('до 1992 года — Гога (азерб. Hoğa)'), "
        "https://kampuspedia.com/ru/Учбулаг_(Физулинский_район)",
    ),
    ArticleName(
        "aghdam_district",
        "Sarıcalı",
        "Dərgahlı Sarıcalısı",
        "az",
        "Latn",
        "historical",
        f"{RU_WIKI} 'Сарыджалы (Сарыджалинский округ, Агдамский район)' ('Село раньше называлось Дергяхлы "
        "Сарыджалысы (азерб. Dərgahlı Sarıcalısı)'; 40°00′11″N 46°59′10″E), "
        "https://kiwix.nikhpc.keenetic.name/content/wikipedia_ru_all_maxi_2025-06/"
        "Сарыджалы_(Сарыджалинский_округ,_Агдамский_район)",
        (40.0031, 46.9861),
    ),
    ArticleName(
        "aghdam_district",
        "Sarıcalı",
        "Дергяхлы Сарыджалысы",
        "ru",
        "Cyrl",
        "historical",
        f"{RU_WIKI} 'Сарыджалы (Сарыджалинский округ, Агдамский район)' ('Село раньше называлось Дергяхлы "
        "Сарыджалысы'; 40°00′11″N 46°59′10″E), https://kiwix.nikhpc.keenetic.name/content/"
        "wikipedia_ru_all_maxi_2025-06/Сарыджалы_(Сарыджалинский_округ,_Агдамский_район)",
        (40.0031, 46.9861),
    ),
    ArticleName(
        "aghdam_district",
        "Cavahirli",
        "Cavahir Xanımlı",
        "az",
        "Latn",
        "historical",
        f"{AZ_WIKI} 'Cavahirli' (Göytəpə unit of Aghdam district; 'Ağdamdakı Cavahirli (keçmiş Cavahir Xanımlı "
        "(Üçüncü Tərəkəmə) kəndinin ...'), https://az.m.wikipedia.org/wiki/Cəvahirli",
    ),
    ArticleName(
        "aghdam_district",
        "Cavahirli",
        "Üçüncü Tərəkəmə",
        "az",
        "Latn",
        "historical",
        f"{AZ_WIKI} 'Cavahirli' ('keçmiş Cavahir Xanımlı (Üçüncü Tərəkəmə)'), https://az.m.wikipedia.org/wiki/Cəvahirli",
    ),
    ArticleName(
        "shusha_district",
        "Allahqulular",
        "Allahquluuşağı",
        "az",
        "Latn",
        "historical",
        f"{AZ_WIKI} 'Allahqulular' (Səfixanlar unit of Shusha district; 'Kəndin keçmiş adı Allahquluuşağı olmuşdur'), "
        "https://az.wikipedia.org/wiki/Allahqulular",
    ),
    ArticleName(
        "jabrayil_district",
        "Sarıcalı",
        "Сарыджалы",
        "ru",
        "Cyrl",
        "russian",
        f"{RU_WIKI} 'Сарыджалы (Джебраильский район)' (azerb. Sarıcalı, Shukurbeyli unit, 12 km south of Jabrayil, "
        "39°17′44″N 47°05′50″E), translated mirror https://perceptiode.com/Сарыджалы_(Джебраильский_район)",
        (39.2956, 47.0972),
    ),
    ArticleName(
        "zangilan_district",
        "Qazançı",
        "Казанчы",
        "ru",
        "Cyrl",
        "russian",
        f"{RU_WIKI} 'Казанчы (Зангеланский район)' (azerb. Qazançı, Janbar unit of Zangilan district, "
        "39°11′10″N 46°26′04″E), translated mirror https://perceptiode.com/Казанчы_(Зангеланский_район)",
        (39.1861, 46.4344),
    ),
    ArticleName(
        "aghdam_district",
        "Kolqışlaq",
        "Колкышлак",
        "ru",
        "Cyrl",
        "russian",
        f"{RU_WIKI} 'Колкышлак' (azerb. Kolqışlaq, Ahmedagaly municipality of Aghdam district, "
        "40°07′39″N 47°03′41″E), translated mirror https://perceptioro.com/Колкышлак",
        (40.1275, 47.0614),
    ),
    ArticleName(
        "aghdam_district",
        "Zəngişalı",
        "Зангишалы",
        "ru",
        "Cyrl",
        "russian",
        f"{RU_WIKI} 'Зангишалы' (azerb. Zəngişalı, Aghdam district, 40°02′56″N 47°03′37″E), "
        "translated mirror https://perceptioes.com/Зангишалы",
        (40.0489, 47.0603),
    ),
    ArticleName(
        "jabrayil_district",
        "Kavdar",
        "Кавдар",
        "ru",
        "Cyrl",
        "russian",
        f"{RU_WIKI} 'Кавдар' (azerb. Kavdar, Hajili unit of Jabrayil district, 39°18′26″N 47°03′43″E), "
        "translated mirror https://perceptiode.com/Кавдар",
        (39.3072, 47.0619),
    ),
    ArticleName(
        "jabrayil_district",
        "Şükürbəyli",
        "Шукюрбейли",
        "ru",
        "Cyrl",
        "russian",
        f"{RU_WIKI} 'Шукюрбейли (Равнинный Карабах)' (azerb. Şükürbəyli, 18 km south-east of Jabrayil, "
        "39°19′01″N 47°08′35″E), translated mirror https://perceptiode.com/Шукюрбейли_(Равнинный_Карабах)",
        (39.3169, 47.1431),
    ),
    ArticleName(
        "jabrayil_district",
        "Alıkeyxalı",
        "Аликейхалы",
        "ru",
        "Cyrl",
        "russian",
        f"{RU_WIKI} 'Аликейхалы' (azerb. Alıkeyxalı; village of the Soltanlı unit of Jabrayil district), "
        "translated mirror https://perceptiode.com/Аликейхалы",
    ),
    ArticleName(
        "jabrayil_district",
        "Hacılı",
        "Гаджылы",
        "ru",
        "Cyrl",
        "russian",
        f"{RU_WIKI} 'Гаджылы (Джебраильский район)' (azerb. Hacılı, 5 km south of Jabrayil), "
        "translated mirror https://perceptiode.com/Гаджылы_(Джебраильский_район)",
        (39.3519, 47.0656),
    ),
    ArticleName(
        "jabrayil_district",
        "Hacılı",
        "Hajyly",
        "en",
        "Latn",
        "romanisation",
        "en.wikipedia 'Hacılı (39° 21′ N 47° 04′ E), Jabrayil' ('Hajyly is a village ... in Jabrayil district'), "
        "copy at http://cryer.org.uk/Hacılı_(39°_21'_N_47°_04'_E),_Jabrayil",
        (39.35, 47.0667),
    ),
    ArticleName(
        "jabrayil_district",
        "Şıxalıağalı",
        "Шыхалиагалы",
        "ru",
        "Cyrl",
        "russian",
        f"{RU_WIKI} 'Шыхалиагалы' (azerb. Şıxalıağalı, Shukurbeyli unit of Jabrayil district), "
        "translated mirror https://perceptiofr.com/Шыхалиагалы",
    ),
    ArticleName(
        "jabrayil_district",
        "Soltanlı",
        "Солтанлы",
        "ru",
        "Cyrl",
        "russian",
        f"{RU_WIKI} 'Солтанлы' (azerb. Soltanlı, 14 km south of Jabrayil), translated mirror https://perceptiopt.com/Солтанлы",
    ),
    ArticleName(
        "fuzuli_district",
        "Əhmədbəyli",
        "Ахмедбейли",
        "ru",
        "Cyrl",
        "russian",
        f"{RU_WIKI} 'Ахмедбейли (Физулинский район)' ('Ахмедбейли (азерб. Əhmədbəyli) — село в Физулинском районе'), "
        "https://ru.wikipedia-on-ipfs.org/wiki/Ахмедбейли_(Физулинский_район)",
    ),
    ArticleName(
        "fuzuli_district",
        "Əhmədbəyli",
        "Ahmedbeyli",
        "en",
        "Latn",
        "romanisation",
        "en.wikipedia 'Əhmədbəyli, Fuzuli' ('Əhmədbəyli (Ahmedbeyli) is a village and municipality in the Fuzuli "
        "District'), copy at https://en-wiki.fonk.bid/wiki/Əhmədbəyli,_Fuzuli",
    ),
    ArticleName(
        "fuzuli_district",
        "Yuxarı Aybasanlı",
        "Юхары-Аибасанлы",
        "ru",
        "Cyrl",
        "russian",
        f"{RU_WIKI} 'Юхары-Аибасанлы' ('Юхары-Аибасанлы (азерб. Yuxarı Aybasanlı) — село ... Физулинского района'), "
        "copy at https://wafarin.com/article/5930151/юхары-аибасанлы",
    ),
)


def needs_context(variant: str) -> int:
    """Short names (five letters or fewer) count in running text only next to a place cue."""
    return 1 if len(variant.replace(" ", "")) <= 5 else 0


def load_table(root: Path) -> tuple[dict[str, dict[str, str]], dict[str, list[dict[str, str]]]]:
    """The built places and their variants (without the rows this script wrote)."""
    with open(root / "data" / "places.csv", encoding="utf-8", newline="") as f:
        places = {r["id"]: r for r in csv.DictReader(f)}
    variants: dict[str, list[dict[str, str]]] = defaultdict(list)
    mine = set()
    if OUT.exists():
        with open(OUT, encoding="utf-8", newline="") as f:
            mine = {(r["id"], r["variant"]) for r in csv.DictReader(f)}
    with open(root / "data" / "variants.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if (r["id"], r["variant"]) not in mine:
                variants[r["id"]].append(r)
    return places, variants


def settlements_by_name(
    places: dict[str, dict[str, str]], variants: dict[str, list[dict[str, str]]]
) -> dict[tuple[str, str], set[str]]:
    """(district, folded Latin name) -> the ids of that district's settlements bearing it."""
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for pid, p in places.items():
        if p["kind"] not in SETTLEMENT_KINDS or not p["parent"]:
            continue
        # the record's own names only: WOF's secondary ('variant') names sometimes belong to a
        # neighbouring village (Sirik's record carries Əsgərxanlı), so they identify nothing
        names = {p["name"], p["name_az"]} | {
            v["variant"] for v in variants[pid] if v["lang"] == "az" and v["type"] in ("preferred", "official")
        }
        for n in names:
            if n:
                index[(p["parent"], fold(n))].add(pid)
    return index


def name_key(name: str) -> tuple[str, str]:
    """Two names are one when they are in one script and fold alike (fold romanises Cyrillic,
    so a Russian form is compared with the Russian forms only)."""
    return script_of(name), fold(name)


FORMER_TYPES = {"soviet", "historical", "armenian"}  # a name of another era, which the coverage counts


def known_keys(
    pid: str, places: dict[str, dict[str, str]], variants: dict[str, list[dict[str, str]]]
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The place's names, and those of them already typed as a former name."""
    p = places[pid]
    names = {p["name"], p["name_az"], p["name_ru"], p["name_hy"]} | {v["variant"] for v in variants[pid]}
    former = {name_key(v["variant"]) for v in variants[pid] if v["type"] in FORMER_TYPES}
    return {name_key(n) for n in names if n}, former


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report only; write nothing")
    args = ap.parse_args(argv)

    places, variants = load_table(ROOT)
    index = settlements_by_name(places, variants)
    rows: list[tuple[str, ...]] = []
    unresolved: list[str] = []
    seen: set[tuple[str, str]] = set()

    def add(
        district: str,
        name_az: str,
        variant: str,
        lang: str,
        script: str,
        typ: str,
        source: str,
        at: tuple[float, float] | None = None,
    ) -> None:
        ids = index.get((district, fold(name_az)), set())
        if at is not None and len(ids) > 1:
            near = {i for i in ids if km(at[0], at[1], float(places[i]["lat"]), float(places[i]["lon"])) <= NEAR_KM}
            ids = near or ids
        if len(ids) != 1:
            why = "no settlement" if not ids else "several settlements (" + ", ".join(sorted(ids)) + ")"
            unresolved.append(f"{district}: {name_az} -> {variant} ({lang}): {why}")
            return
        (pid,) = ids
        keys, former = known_keys(pid, places, variants)
        # a former name is written when the place has it only untyped (a name column, an
        # 'und' variant): the row says which era it belongs to
        if name_key(variant) in (former if typ in FORMER_TYPES else keys) or (pid, variant) in seen:
            return
        seen.add((pid, variant))
        rows.append((pid, variant, lang, script, typ, str(needs_context(variant)), source))

    for lst in DISTRICT_LISTS:
        for name_az, variant in lst.pairs:
            add(lst.district, name_az, variant, lst.lang, lst.script, lst.type, lst.source)
    for a in ARTICLES:
        add(a.district, a.name_az, a.variant, a.lang, a.script, a.type, a.source, a.at)

    rows.sort(key=lambda r: (r[0], r[2], r[1]))
    by_district: dict[tuple[str, str], int] = defaultdict(int)
    for r in rows:
        by_district[(places[r[0]]["parent"], r[2])] += 1
    for (d, lang), n in sorted(by_district.items()):
        print(f"{d}\t{lang}\t{n}")
    print(f"{len(rows)} names to write; {len(unresolved)} left out:", file=sys.stderr)
    for u in unresolved:
        print("  " + u, file=sys.stderr)
    if args.check:
        return 0
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
