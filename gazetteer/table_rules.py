"""Rules a clean place table obeys, shared by the builder and ``validate``.

``tools/build_places.py`` applies them while it writes ``data/places.csv`` and
``data/variants.csv``; :func:`gazetteer.table.validate` checks that the written
table obeys them. Keeping both sides on one definition means a rule cannot drift:
junk keywords (``data/curated/junk_keywords.txt``), the script of each ``name_*``
column, the turned e, citable sources, and which variants need context.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .text.folding import fold

__all__ = [
    "SCRIPT_OF_COLUMN",
    "SETTLEMENT_KINDS",
    "STATUSES",
    "TURNED_E",
    "written_in",
    "read_junk_keywords",
    "junk_words",
    "initial_street",
    "junk_reason",
    "WOF_NAME_SOURCE",
    "internal_source",
    "common_words",
    "own_names",
    "demonym_keys",
    "risky_variant",
]

# each name_* column holds only its own script
SCRIPT_OF_COLUMN = {"name_az": "Latn", "name_ru": "Cyrl", "name_hy": "Armn"}
_SCRIPT_PREFIX = {"Latn": "LATIN", "Cyrl": "CYRILLIC", "Armn": "ARMENIAN"}
# rows a junk keyword must not name (a community is an administrative unit: exempt)
SETTLEMENT_KINDS = frozenset({"city", "town", "village"})
STATUSES = frozenset({"", "abandoned"})
TURNED_E = "ǝƎ"
# the place kinds whose own name is typed bare ("Baku", "Goris"), even when short
_TYPED_BARE = frozenset({"country", "city", "town"})
_TYPED_BARE_POPULATION = 1000
# the places whose people a Turkic demonym names: "Karabağlı", "Naxçıvanlı", "Gəncəli" (a
# person from Karabakh, a family name) before any village of those letters: the region's
# countries and their regions named in one word, and their cities of at least
# _DEMONYM_CITY_POPULATION; a small town's or a plain's demonym is left to the villages
# (Qapanlı, Muğanlı are their names far more often than anyone's origin in our texts)
_DEMONYM_OF_KINDS = frozenset({"country", "region"})
_DEMONYM_COUNTRIES = frozenset({"AZ", "AM", "GE", "TR", "IR", "RU"})
_DEMONYM_CITY_POPULATION = 50_000
# the singular demonym suffix -lı/-li/-lu/-lü, folded (ı and i, u and ü fold alike);
# lang/az/demonym_endings.tsv lists the plural's endings, which lookup reads
_DEMONYM_SUFFIXES = ("li", "lu")
# the languages whose spellings of a place's name take the suffix
_DEMONYM_LANGS = frozenset({"az", "tr", "en"})
_ROOT = Path(__file__).resolve().parent


def written_in(text: str, script: str) -> bool:
    """Every letter of ``text`` is of ``script`` (Latn, Cyrl, Armn)."""
    prefix = _SCRIPT_PREFIX[script]
    return all(unicodedata.name(ch, "").startswith(prefix) for ch in text if ch.isalpha())


def _keywords_path() -> Path:
    # shipped in the package (gazetteer/data/junk_keywords.txt, a link to the curated list)
    return Path(os.environ.get("GAZETTEER_JUNK_KEYWORDS", _ROOT / "data" / "junk_keywords.txt"))


@lru_cache(maxsize=4)
def read_junk_keywords(path: str | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """(Armenian keywords, other keywords), folded, from the junk keyword list. A missing
    file gives empty sets."""
    armenian, other = set(), set()
    try:
        lines = Path(path or _keywords_path()).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return frozenset(), frozenset()
    for line in lines:
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        key = fold(word)
        (armenian if written_in(word, "Armn") else other).add(key)
    return frozenset(armenian), frozenset(other)


def junk_words(
    name: str, name_hy: str, name_ru: str, country: str, keywords: tuple[frozenset[str], frozenset[str]]
) -> set[str]:
    """The junk keywords a settlement's names hold as whole words. Armenian keywords are
    read in Armenian names only (an Armenian row, or its name_hy), so that Georgian
    "Kari" is not Armenian "k'ari" (of the stone)."""
    armenian, other = keywords
    words = {w for n in (name, name_ru) if n for w in fold(n).split()}
    found = words & other
    hy_words = {w for w in fold(name_hy).split()} if name_hy else set()
    if country == "AM":
        hy_words |= {w for w in fold(name).split()}
    return found | (hy_words & armenian)


WOF_NAME_SOURCE = re.compile(r"^wof:\d+ name:")


def junk_reason(
    name: str,
    name_hy: str,
    name_ru: str,
    country: str,
    kind: str,
    population: int,
    wof_names: int,
    keywords: tuple[frozenset[str], frozenset[str]],
) -> str:
    """Why a row is no settlement ("junk word(s) surb, khach", "street (initial)"), or "".
    Only villages, towns and cities are judged, and a notable one never: a population, or
    more than two WOF names (the microtoponym import gave each of its records two)."""
    if kind not in SETTLEMENT_KINDS or population > 0 or wof_names > 2:
        return ""
    hits = junk_words(name, name_hy, name_ru, country, keywords)
    if hits:
        return f"junk word(s) {', '.join(sorted(hits))}"
    if country == "AM" and initial_street(name):
        return "street (a person's initial)"
    return ""


_INITIAL = re.compile(r"\s[A-Z][a-z]?['’]?\.$")


def initial_street(name: str) -> bool:
    """A name that ends in a person's initial ("Saryan M.", "Ch'arents' Ye.") is a street."""
    return bool(_INITIAL.search(name))


def internal_source(source: str) -> bool:
    """A source that cites a search tool's internal hit id, which no reader can follow."""
    return bool(re.search(r"\bfind_string\b|\bhit id\b", source))


def _word_list(name: str) -> frozenset[str]:
    try:
        lines = (_ROOT / "data" / name).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return frozenset()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Place keys that are frequent words ("Top", "Пока", "Dolu"): in both lists that
    tools/make_common_words.py makes from wordfreq, ambiguous_names.txt (place keys at
    least this frequent as words) and common_words.txt (frequent words that are no key
    of a town, city, district, region or country: "Armeniya" and "Baku" are not there)."""
    return _word_list("ambiguous_names.txt") & _word_list("common_words.txt")


def own_names(name: str, *columns: str) -> frozenset[str]:
    """The folded names a place carries in its own columns (name, name_az, name_ru, name_hy)."""
    return frozenset(fold(n) for n in (name, *columns) if n)


def demonym_keys(names: Iterable[tuple[str, str, int, str, str, str]]) -> frozenset[str]:
    """The folded Turkic demonyms among ``names`` (kind, country, population, English name,
    language, name) of the region's countries, their regions named in one word and their
    large cities: "Qarabağ" gives "garabagli", "garabaglu". A village so named needs context
    in Latin letters (:func:`risky_variant`): bare, the word is a person from the place or a
    family name (Füzuli Karabağlı)."""
    out = set()
    for kind, country, population, english, lang, name in names:
        if lang not in _DEMONYM_LANGS or country not in _DEMONYM_COUNTRIES or " " in english:
            continue
        if kind not in _DEMONYM_OF_KINDS and not (kind == "city" and population >= _DEMONYM_CITY_POPULATION):
            continue
        key = fold(name)
        if key and " " not in key:
            out.update(key + suffix for suffix in _DEMONYM_SUFFIXES)
    return frozenset(out)


def risky_variant(
    variant: str,
    vtype: str,
    own: frozenset[str],
    kind: str,
    population: int = 0,
    demonyms: frozenset[str] = frozenset(),
) -> str:
    """Why a variant must need context ("short", "common word", "demonym": a village named
    as a country's, region's or city's people, of ``demonyms``), or "" when it need not.
    Three letters or fewer, or a frequent word, unless it is one of the place's own names
    (``own``, from :func:`own_names`) and the place one people type bare: a country, city
    or town, or a settlement of at least a thousand people (Tegh, Тех). An acronym written
    in capitals ("NKAO", "USA") is no word."""
    key = fold(variant)
    if not key:
        return ""
    bare = kind in _TYPED_BARE or (kind in SETTLEMENT_KINDS and population >= _TYPED_BARE_POPULATION)
    if (bare and key in own) or (vtype == "abbreviation" and variant.isupper()):
        return ""
    if len(key.replace(" ", "")) <= 3:
        return "short"
    if key in common_words():
        return "common word"
    if kind == "village" and key in demonyms and written_in(variant, "Latn"):
        return "demonym"
    return ""
