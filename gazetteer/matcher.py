"""Name -> ranked candidate places.

Methods, tried from the most to the least certain, each only when the previous
found nothing: ``exact``/``folded`` (the key is a variant), ``inflection`` (a
lemma of the last word is a variant), ``transcription`` (the key read back from
a German, French or Spanish spelling by the tables of ``lang/<code>/transcriptions.tsv``:
Dschabrajil, Latchine, Italian Sciamachi; ISO 9's Šuša is read on the letters as typed;
a name in Armenian letters written in ISO 9985, Hübschmann-Meillet, ALA-LC or BGN/PCGN
romanisation, Całkajor, Hadrowtʿ, is one of the index's romanised keys: lang/hy/romanise.py),
then together ``skeleton`` (same phonetic key and a close spelling) and one-edit ``fuzzy``
(one letter inserted, dropped, changed or two swapped, to a name of a place that matters:
Fuzulli, Füsuli; a letter typed twice or two swapped, to any place of the region:
Khojavvend, Lahcin), and last ``fuzzy``
(rapidfuzz over the keys that share the first letter). The loose methods are
refused for common words and family names, so that "Martini", "Tartare" and
"Lachinov" get no match rather than a wrong one.

An Armenian case ending in Latin letters (``lang/hy/latin_case_endings.tsv``: Gorisits) is
read off a Latin name when no Turkic or Russian ending is. A bare Russian adjective or
people's name (лачинский, ходжалинцы) names no place by itself.

An address line loses its street parts first (``lang/<code>/street_words.tsv``: "Goris,
Abovyan St"), and a Soviet republic qualifies as the country it became
(``lang/<code>/soviet_republics.tsv``: "Ленинакан, Армянская ССР").

A query is also read without a generic word (``lang/<code>/generic_words.tsv``:
"Fuzuli seheri", "Zengilan kendi", "село Талыш"), which then prefers the kind it
names, and without a qualifier naming a country, region or district ("Armenia's
Martuni", "Martuni (Armenia)", "Мартуни Армения", a spreadsheet's "Tərtər: Suqovuşan"),
which then keeps only the candidates inside it. A query with a feature word
(``lang/<code>/feature_words.tsv``: "Dadivank manastırı", "перевал Сотк", "Татевский
монастырь", "Kloster Tatev") reads a place of the kinds the word names, by its own name or
as the feature named after the name read (Tatev Monastery, Sotk Pass), and otherwise as
without the word.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import islice, product

from . import early
from .cues import KIND_GROUPS, RU_PREPOSITIONS, SURNAME_ENDINGS, cue_after, cue_before, prior

# named here too for the readers of the matcher's weights (batch_lookup, the compiled lookup)
from .early import (
    BARE_FEATURE_KINDS,
    FAR_VILLAGE_KINDS,
    NAME_METHODS,
    OWN_NAME_TYPES,
    QUERY_MAX_CHARS,
    REGION_MARGIN,
    REGION_VILLAGE_BONUS,
    WHOLE_NAME_METHODS,
    Candidate,
)
from .index import CompiledIndex
from .inflection import is_russian_adjective, lemmas, word_lemmas
from .lang import (
    FEATURE_WORDS,
    GENERIC_WORDS,
    LANGUAGES,
    LEXICON,
    MIN_STEM,
    TRANSCRIPTIONS,
    FeatureWord,
    Transcription,
    read_table,
)
from .lang.hy import derived_ending as hy_derived_ending
from .lang.hy import is_common_word as hy_common
from .lang.hy import is_derived_word as hy_derived
from .named import NamedTuple
from .records import PlaceRow, VariantRow
from .respell import respellings
from .scan.weights import (
    FUZZY_CANDIDATES,
    FUZZY_LENGTH_SLACK,
    FUZZY_MIN_LEN,
    FUZZY_NEEDED,
    FUZZY_NEEDED_LONGER,
    FUZZY_SCORE_FACTOR,
    LOOKUP_CACHE,
    LOOSE_MIN,
    METHOD_SCORE,
    SKELETON_LEMMA_PENALTY,
    SKELETON_MIN,
    SKELETON_SCORE_BASE,
    SKELETON_SCORE_FACTOR,
    SKELETON_SIMILARITY_MIN,
    WITHIN_BOOST,
    WITHIN_KM,
    WITHIN_KM_PER_RANK,
)
from .table import CONFLICT_BOX, FOCUS_COUNTRIES
from .text.folding import _compiled_fold as _fold_uncached
from .text.folding import fold, skeleton
from .text.scripts import ARMENIAN, is_cyrillic, script
from .wordlist import spelling

ORG_NAMES = LEXICON.org_names  # names of organisations written like a place's: Կարմիր Խաչ

# ---------------------------------------------------------------- lookup-only weights
# (the scanner's weights are scan/weights.py; these change what `lookup` returns only)
# One-edit matching: only for keys of at least this many letters (a 4-letter key is one
# letter from too many names), and only to places at least this important
# (table.importance: towns, districts, regions, villages with a known population).
EDIT_MIN_LEN = 5
EDIT_MIN_IMPORTANCE = 5.0
# A place of at least this importance (a town or city: Goris 11.4, Horadiz 10.0, Byurakan
# 9.3; villages 3-4.5) is prominent: a small village's name one inflection or edit from its
# name is read as it (Matcher._prominent_readings).
PROMINENT_IMPORTANCE = 9.0
PROMINENT_KINDS = frozenset({"city", "town"})
# ... of the two countries of the conflict (Georgia's towns are no more likely than its villages)
PROMINENT_COUNTRIES = frozenset({"AZ", "AM"})
# The Armenian genitive ending in Latin letters (Gorisi: of Goris).
ARMENIAN_GENITIVE = "i"
# A prominent place this near a small village of the name read is the same place filed twice.
SAME_PLACE_KM = 5.0
# A one-edit reading keeps the first letter (a typo rarely hits the capital: "ANAMA" is
# an agency, not Panama) and is no name with a demonym's letter added ("Karabakhi" is
# an adjective, not a typo of Karabakh).
DEMONYM_LETTERS = frozenset("in")
# The letters a folded key is written in: a dropped one is put back at each place in turn.
DROPPED_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Score of a one-edit hit: as sure as a skeleton hit's best, so importance decides between them.
EDIT_SCORE = 88.0
#: a key this long or longer may be read as a name one edit away in place of a misspelling
#: reading two or more edits away (Matcher._closest_edits)
CLOSEST_EDIT_MIN_LEN = 6
# Score of a transcription reading that is a known key: a systematic spelling, surer than
# a misspelling, less sure than an inflected form of the name itself.
TRANSCRIPTION_SCORE = 90.0
# At most this many readings of one key by one transcription table (each ambiguous group doubles them).
TRANSCRIPTION_READINGS = 32
# answers of _qualifier and _skeleton_hits' variants kept (per key, per skeleton): emptied when full
QUALIFIER_MEMO = 8192
SKELETON_MEMO = 16384
# A generic word's own kind ("kəndi": a village) over the other kinds of its cue group.
GENERIC_KIND_FITS = 4
# letters whose swap with a neighbour may fold anew ("ye"/"ey", "kh"/"hk"): Matcher._refolded_slips
_REFOLDING_LETTERS = frozenset("yhj")
# the vowels of the Azerbaijani suffix -lı/-li/-lu/-lü in Russian spelling, and the
# shortest name whose last vowel is read as another: _suffix_vowel_readings
_SUFFIX_VOWELS = "ыиую"
SUFFIX_VOWEL_MIN = 6
# the kinds of place a typist names by its own name (Matcher._closest_edits)
SETTLEMENT_KINDS = frozenset({"city", "town", "village"})
# the readings of a name as written (not of a misspelling, nor through an ending: as
# early.answer) that rank the villages sharing its
# Azerbaijani name as that name does (early.as_shared_name)
SHARED_NAME_METHODS = frozenset({"exact", "folded", "transcription"})
# spellings of one name a cell may hold, cut at "/" ("Arış / Arish"): Matcher._cell_spellings
CELL_SPELLINGS_MAX = 3
# lower-case common words a query may hold between a name and its generic word ("Aghali smart
# village", "X yeni qəsəbəsi"): Matcher._generic_readings
MODIFIER_WORDS_MAX = 2
# ... and, once a place of the kind it names is read, below it every place of another kind
# ("Tavush village" is the village, not the town Tovuz, however much larger): more than the
# importance between a village and a city (table.importance: at most about 10 points, x2).
GENERIC_KIND_MISFIT = 30
# A query typed with the keyboard in the other layout (ЙЦУКЕН for QWERTY: "дфсршт" is
# "lachin"), key by key, lower case; each side's key at the same place.
_RU_KEYS = "йцукенгшщзхъфывапролджэячсмитьбюё"
_EN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
_TO_LATIN_KEYS = str.maketrans(_RU_KEYS, _EN_KEYS)
_TO_CYRILLIC_KEYS = str.maketrans(_EN_KEYS, _RU_KEYS)
# The region's preference (REGION_VILLAGE_BONUS, NAME_METHODS, WHOLE_NAME_METHODS,
# FAR_VILLAGE_KINDS, REGION_MARGIN) and prior's kinds and types are early.py's: the quick
# launcher reads them too.
# Methods that read a query as a misspelling of a name: a service flags their answers "loose".
LOOSE_METHODS = frozenset({"skeleton", "fuzzy", "transcription"})
# ... of which these read a misspelling (a transcription is a spelling convention: early.REGION_METHODS).
LOOSE_READINGS = frozenset({"skeleton", "fuzzy"})
# A candidate inside the country, region or district a qualifier names ("Martuni (Armenia)").
QUALIFIER_BOOST = 15
# ... and one only near the point of a district or region qualifier (no parent says so).
QUALIFIER_NEAR_BOOST = 8
# A region or district qualifier contains the places within this many km of its point
# (when the table gives no parent that settles it).
QUALIFIER_KM = 40
# What a qualifier may name.
QUALIFIER_KINDS = frozenset({"country", "region", "district"})
# kinds of a place whose district may bear its name (Tərtər, Tərtər rayonu): as a qualifier it
# names the district as well
TOWN_KINDS = frozenset({"city", "town"})
# How broad a kind is: a qualifier names something broader than the place it qualifies
# (a district qualifies a village, never a region).
KIND_BREADTH = {"country": 0, "region": 1, "district": 2}
# A place the table files under a neighbouring district but lying within this many km of
# the qualifier district's boundary is taken as near it: parents near a boundary follow
# simplified polygons (DATA.md: 3.7% differ from a second source by over 2 km near edges).
QUALIFIER_EDGE_KM = 5
_ARMENIAN_LETTER = re.compile(f"[{ARMENIAN}]").search
# the kinds of place a feature word names (lang/<code>/feature_words.tsv): the places whose
# names say which place a feature is named after (Matcher._namesakes)
FEATURE_KINDS = frozenset(kind for word in FEATURE_WORDS.values() for kind in word.kinds)
# the cue groups (cues.KIND_GROUPS) a feature word's kinds may fall in, narrowest first
_FEATURE_GROUPS = ("landmark", "river", "water", "mountain")


class FeatureReading(NamedTuple):
    """A query read as a name and a feature word before or after it (``lang/<code>/
    feature_words.tsv``: "Tatev manastırı", "перевал Сотк", "Татевский монастырь")."""

    name: str  # the folded name, without the word
    word: FeatureWord


def _phrase_readings(key: str, table: dict, lemmas_of: Callable[[str], Iterable[str]]) -> list[tuple[str, object]]:
    """The readings of a folded key of two words or more as a name and a word or phrase of
    ``table`` ((folded word or phrase, stands before the name) -> what it names) after or
    before it: a phrase of two words after the name ("su anbari"; "р-н", an abbreviation
    folded into two words: "r n"), else its last word as written or by the lemmas
    ``lemmas_of`` gives of it (monastırında, монастыре); and a phrase of two words or one
    word before it ("monastere de", "пункт пропуска", "село"). Each: (the name, what the
    word names)."""
    words = key.split()
    if len(words) < 2:
        return []
    out: list[tuple[str, object]] = []
    found, cut = (table.get((" ".join(words[-2:]), False)), 2) if len(words) > 2 else (None, 1)
    if found is None:
        cut = 1
        found = table.get((words[-1], False))
        if found is None:
            for lemma in lemmas_of(words[-1]):
                found = table.get((lemma, False))
                if found is not None:
                    break
    if found is not None:
        out.append((" ".join(words[:-cut]), found))
    for n in (2, 1):
        if len(words) > n:
            found = table.get((" ".join(words[:n]), True))
            if found is not None:
                out.append((" ".join(words[n:]), found))
                break
    return out


def _feature_readings(key: str, lemmas_of: Callable[[str], Iterable[str]]) -> list[FeatureReading]:
    """The readings of a folded key as a name and a feature word (:func:`_phrase_readings`
    of FEATURE_WORDS)."""
    return [FeatureReading(name, word) for name, word in _phrase_readings(key, FEATURE_WORDS, lemmas_of)]


class Namesakes(NamedTuple):
    """What the names of the landmarks, passes and natural features say (Matcher._namesakes)."""

    #: (feature, folded name) -> the variants that are that name and a word for that feature:
    #: "Tatev Monastery" and "Տաթևի վանք" for (monastery, tatev), "Zod pass" for (pass, zod)
    by_name: dict[tuple[str, str], list[int]]
    #: (feature, place index) -> the same variants, for the places that bear the name as their
    #: own (canonical or official: not a source's other name for a neighbour), however the
    #: query calls them (Kəlbəcər for "Kalbajar pass"); none when the name is the feature's
    #: own as well (Gandzasar, a monastery, is no namesake of a village a source calls so too)
    by_place: dict[tuple[str, int], list[int]]
    #: place index -> the features its names say it is (Tatev Monastery: a monastery)
    features: dict[int, set[str]]


def _feature_group(kinds: frozenset[str]) -> str:
    """The cue group (cues.KIND_GROUPS) that holds every kind a feature word names."""
    for group in _FEATURE_GROUPS:
        if kinds <= KIND_GROUPS[group]:
            return group
    return "place"


_LANG_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lang")


def _hy_common_words() -> frozenset[str]:
    from .lang.hy import COMMON_WORDS

    return COMMON_WORDS


def _namesake(town: PlaceRow, district: PlaceRow) -> bool:
    """Does a district bear a town's name, its own name followed by a generic word, in one
    of the languages both carry (Terter, Terter District; Tərtər, Tərtər rayonu)?"""
    pairs = ((town.name, district.name), (town.name_az, district.name_az), (town.name_ru, district.name_ru))
    return any(fold(d).startswith(fold(t) + " ") for t, d in pairs if t and d)


def _lang_rows(name: str) -> list[list[str]]:
    """The rows of ``lang/<code>/<name>`` of every language that has one."""
    return [row for lang in LANGUAGES for row in read_table(os.path.join(_LANG_ROOT, lang, name))]


def _plain_letters() -> dict[str, str]:
    return {row[0]: row[1] for row in _lang_rows("plain_letters.tsv") if len(row) == 2}


def load_street_words() -> dict[str, frozenset[str]]:
    """``lang/<code>/street_words.tsv``: folded street word -> where it stands in its part
    ("before", "after"), or "number" for a word that marks a house number (д., No.); each
    also as typed without its language's letters (küçəsi -> kucesi)."""
    letters = _plain_letters()
    out: dict[str, frozenset[str]] = {}
    for row in _lang_rows("street_words.tsv"):
        if len(row) != 2 or row[1] not in ("before", "after", "number"):
            raise ValueError(f"street_words.tsv: expected a word and before|after|number: {row!r}")
        for form in {fold(row[0]), fold("".join(letters.get(c, c) for c in row[0].lower()))}:
            if form:
                out[form] = out.get(form, frozenset()) | {row[1]}
    return out


def load_soviet_republics() -> dict[str, str]:
    """``lang/<code>/soviet_republics.tsv``: a Soviet republic's folded name -> the folded
    name of the country it became ("armyanskaya ssr" -> "armenia")."""
    out = {}
    for row in _lang_rows("soviet_republics.tsv"):
        if len(row) != 2:
            raise ValueError(f"soviet_republics.tsv: expected a name and a country: {row!r}")
        out[fold(row[0])] = fold(row[1])
    return out


def load_latin_endings() -> tuple[str, ...]:
    """``lang/hy/latin_case_endings.tsv``: Armenian case endings in Latin letters, folded,
    longest first."""
    rows = read_table(os.path.join(_LANG_ROOT, "hy", "latin_case_endings.tsv"))
    return tuple(sorted({fold(row[0]) for row in rows if row and row[0]}, key=len, reverse=True))


#: folded street word -> {"before", "after"}: a part of an address line that is a street
STREET_WORDS = load_street_words()
#: a Soviet republic's folded name -> the folded name of its country
SOVIET_REPUBLICS = load_soviet_republics()
#: Armenian case endings in Latin letters (Gorisits, Kapanum)
ARMENIAN_LATIN_ENDINGS = load_latin_endings()
#: folded endings of Russian words for a place's people (карабахцы)
RUSSIAN_DEMONYM_ENDINGS = tuple(
    fold(row[0]) for row in read_table(os.path.join(_LANG_ROOT, "ru", "demonym_endings.tsv")) if row and row[0]
)
#: folded endings of a Latin word for a place's people: an Armenian one (Yerevantsi), an
#: Azerbaijani or Turkish plural (ağdamlılar, Karabağlılar)
LATIN_DEMONYM_ENDINGS = tuple(
    dict.fromkeys(
        fold(row[0])
        for path in (("hy", "latin_demonym_endings.tsv"), ("az", "demonym_endings.tsv"), ("tr", "demonym_endings.tsv"))
        for row in read_table(os.path.join(_LANG_ROOT, *path))
        if row and row[0]
    )
)
#: Armenian first names, as written in lower case: no misspelt village (lang/hy/given_names.tsv)
ARMENIAN_GIVEN_NAMES = frozenset(
    row[0].lower() for row in read_table(os.path.join(_LANG_ROOT, "hy", "given_names.tsv")) if row and row[0]
)
#: the folded keys of Armenian first names and common words (Աղավնի and its Latin spelling
#: Aghavni both fold to "agavni"): such a key typed in Latin letters names a place only by the
#: place's own name, not by a bulk import's untagged transliteration of another name
#: (Matcher._other_armenian_name); the early answer leaves them to the full lookup
ARMENIAN_WORD_KEYS = frozenset(
    k
    for k in (
        fold(w) for w in ARMENIAN_GIVEN_NAMES | _hy_common_words() | set(LEXICON.lists["given_names"].get("hy", ()))
    )
    if k and " " not in k
)
#: letter pairs only English spelling writes (lang/en/adjective_stems.txt): a capitalised
#: plain Latin word in -i or -is on a name ending in one is an English adjective
#: (early.english_adjective)
ADJECTIVE_STEMS = LEXICON.adjective_stems
#: the keys the early answer (early.answer, its compiled twin, the cold path) leaves to the
#: full lookup: organisations' names and the Armenian words above (passed as their org_names)
EARLY_LEFT_KEYS = ORG_NAMES | ARMENIAN_WORD_KEYS
#: folded given names of every language read (lang/<code>/given_names.txt): a query that is
#: one gets no misspelling reading (Nigar is no misspelt Niger); a given name that is a
#: place's name as written stays that place (Vardan)
GIVEN_NAME_KEYS = LEXICON.given_names
#: words for dishes and breads, folded, that no misspelling reading reaches (lang/<code>/food_words.tsv:
#: Russian чурек, Azerbaijani şəkərbura)
FOOD_WORDS = frozenset(fold(row[0]) for row in _lang_rows("food_words.tsv") if row and row[0])
# Transcription tables read on the query as typed (their groups carry diacritics: ISO 9's
# ž, č, š, which folding drops), and the letters that mark a query as written in one.
_TYPED_TABLES = {
    lang: frozenset("".join(r.group for r in rules if not r.group.isascii()))
    for lang, rules in TRANSCRIPTIONS.items()
    if any(not r.group.isascii() for r in rules)
}


def _two_letter_marks() -> dict[str, str]:
    """The consonant letters of the typed transcription tables (lang/iso9/transcriptions.tsv:
    ISO 9, Czech and Baltic spellings) that read as two or more letters where folding keeps
    one: š (sh, folded s), ž (zh), č (ch), ŝ (shch), each with its first reading, in both
    cases. A vowel with a mark (â, û, ë: ya, yu, yo in ISO 9) is left out, since other
    alphabets write plain vowels so (Turkish â, Albanian ë); ǧ is left out, since folding
    reads gh as g."""
    out: dict[str, str] = {}
    for lang in _TYPED_TABLES:
        for r in TRANSCRIPTIONS[lang]:
            letter, reading = r.group, r.readings[0] if r.readings else ""
            if len(letter) != 1 or letter.isascii() or not reading:
                continue
            base = unicodedata.normalize("NFD", letter)[0]
            if base in "aeiouy" or len(fold(reading)) <= len(fold(letter)):
                continue
            out.setdefault(letter, reading)
            out.setdefault(letter.upper(), reading.capitalize())
    return out


#: letter -> reading (Talyš: Talysh), see _two_letter_marks; early.TWO_LETTER_MARKS holds the letters
TWO_LETTER_MARKS = _two_letter_marks()


def two_letter_reading(query: str) -> str:
    """The query with each letter of TWO_LETTER_MARKS written as the letters it reads as
    ("Talyš" -> "Talysh", "Žoržik" -> "Zhorzhik"), or "" when it holds none."""
    if query.isascii():
        return ""
    query = unicodedata.normalize("NFC", query)
    if TWO_LETTER_MARKS.keys().isdisjoint(query):
        return ""
    return "".join(TWO_LETTER_MARKS.get(c, c) for c in query)


__all__ = [
    "Candidate",
    "Matcher",
    "METHOD_SCORE",
    "prior",
    "BARE_FEATURE_KINDS",
    "FAR_VILLAGE_KINDS",
    "NAME_METHODS",
    "OWN_NAME_TYPES",
    "REGION_MARGIN",
    "REGION_VILLAGE_BONUS",
    "WHOLE_NAME_METHODS",
]


def _fuzzy_needed(n: int) -> float:
    """Fuzzy acceptance: similarity (rapidfuzz ratio, 0-100) needed for a key of this length."""
    for longest, need in FUZZY_NEEDED:
        if n <= longest:
            return need
    return FUZZY_NEEDED_LONGER


def _table_pattern(rules: tuple[Transcription, ...]) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """One regular expression over a table's groups, longest first, and group -> readings."""
    alternatives = [re.escape(r.group) + ("(?= |$)" if r.at_end else "") for r in rules]
    readings: dict[str, tuple[str, ...]] = {}
    for r in rules:
        readings.setdefault(r.group, r.readings)
    return re.compile("|".join(alternatives)), readings


_TABLES = {lang: _table_pattern(rules) for lang, rules in TRANSCRIPTIONS.items()}


def _compiled_transcriber():
    """The transcription tables read in the crate (``_core.Transcriber``,
    crates/gazetteer-core/src/transcribe.rs: ``Matcher._transcribed`` from the same
    TRANSCRIPTIONS), or None when the core has none (then the Python twin reads them)."""
    try:
        from ._core import Transcriber
    except ImportError:  # pragma: no cover - a core built before transcribe.rs
        return None
    tables = [[(r.group, r.at_end, list(r.readings)) for r in rules] for rules in TRANSCRIPTIONS.values()]
    try:
        return Transcriber(tables, TRANSCRIPTION_READINGS)
    except ValueError:  # pragma: no cover - a rule with no group: the Python twin reads it
        return None


def transcription_readings(key: str, lang: str) -> list[str]:
    """The folded readings of ``key`` by one language's transcription table, without the key
    itself: at each position the longest group that matches is read each way it may stand
    for, at most TRANSCRIPTION_READINGS readings."""
    pattern, table = _TABLES[lang]
    parts: list[tuple[str, ...]] = []
    at = 0
    for m in pattern.finditer(key):
        if m.start() > at:
            parts.append((key[at : m.start()],))
        parts.append(table[m.group()])
        at = m.end()
    if not at:
        return []
    if at < len(key):
        parts.append((key[at:],))
    out: dict[str, None] = {}
    for combo in islice(product(*parts), TRANSCRIPTION_READINGS):
        # (the fold itself, not its cache: a combination is folded once, and would only
        # push out the keys folded again and again)
        reading = _fold_uncached("".join(combo))
        if reading and reading != key:
            out[reading] = None
    return list(out)


#: the compiled twin of Matcher._transcribed_python, or None
_TRANSCRIBER = _compiled_transcriber()


# a query that begins with one letter and a dot: an initial ("V. Artashat"), no preposition
_INITIAL = re.compile(r"^\s*\w\.").match
_PARENTHESIS = re.compile(r"^\s*(.+?)\s*\((.+)\)\s*$")
_POSSESSIVE = re.compile(r"^\s*(.+?)['’‘]s\s+(.+?)\s*$")


def _has_apostrophe(query: str) -> bool:
    """Could _POSSESSIVE match: does the query hold one of its apostrophes?"""
    return "'" in query or "’" in query or "‘" in query


def _split_qualified(query: str) -> tuple[str, str, str]:
    """(name, separator, qualifier) of a spreadsheet's qualified name: "Sofulu, Cəbrayıl"
    (the qualifier after a comma) or "Tərtər: Suqovuşan", "Goris: Shurnukh" (a district or
    municipality before a colon); ("", "", "") for neither."""
    head, comma, tail = query.partition(",")
    if comma and not ("(" in head and ")" not in head):  # (a comma in brackets: "X (Tavush, Armenia)")
        return head, comma, tail
    if comma:
        return "", "", ""
    qual, colon, name = query.partition(":")
    if colon and qual.strip() and name.strip() and ":" not in name:
        return name, colon, qual
    return "", "", ""


def _suffix_vowel_readings(query: str) -> list[str]:
    """The keys of a Cyrillic name ending in the Azerbaijani suffix -lı/-li/-lu/-lü (Russian
    -лы/-ли/-лу/-лю, the vowel by harmony) with each other vowel of the suffix: a typist
    hears them alike (Кархулы for Кархулу, Karxulu). [] for any other query."""
    word = query.strip()
    if len(word) < SUFFIX_VOWEL_MIN or word[-2:-1].lower() != "л" or word[-1].lower() not in _SUFFIX_VOWELS:
        return []
    return [fold(word[:-1] + v) for v in _SUFFIX_VOWELS if v != word[-1].lower()]


def _group_of(kinds: frozenset[str]) -> str:
    """The cue group (cues.KIND_GROUPS) that holds every kind a generic word names."""
    for group in ("admin", "settlement"):
        if kinds <= KIND_GROUPS[group]:
            return group
    return "place"


def _named_kinds(kinds: frozenset[str]) -> frozenset[str]:
    """The kinds of place a generic word names: a word for a village names an Armenian
    community too (a municipality named after its main village: "Martuni village")."""
    return kinds | {"community"} if "village" in kinds else kinds


def _armenian_latin(key: str) -> list[str]:
    """The stems of a Latin key's last word without an Armenian case ending (Gorisits -> goris)."""
    head, _, last = key.rpartition(" ")
    prefix = head + " " if head else ""
    return [
        prefix + last[: -len(end)]
        for end in ARMENIAN_LATIN_ENDINGS
        if last.endswith(end) and len(last) - len(end) >= MIN_STEM
    ]


def _turkic_lemmas(key: str) -> list[str]:
    """The lemmas the early decisions read of a one-word key (no Russian endings: the
    query is not Cyrillic)."""
    return [lemma for lemma, _ in lemmas(key, russian=False)]


def _is_street(part: str) -> bool:
    """Is a part of an address line a street: two or more words, the first or the last a
    street word standing where its language puts it ("ул. Пушкина", "Abovyan Ave")?"""
    words = fold(part).split()
    if len(words) < 2:
        return False
    return "before" in STREET_WORDS.get(words[0], ()) or "after" in STREET_WORDS.get(words[-1], ())


def _without_number(part: str) -> str:
    """A part of an address line without its house, flat and postal numbers (a word with a
    digit, and a word that marks one: "Abovyan St 12", "д. 5", "AZ1000")."""
    words = [w for w in part.split() if not any(c.isdigit() for c in w)]
    return " ".join(w for w in words if "number" not in STREET_WORDS.get(fold(w), ()))


# a list's item number before the name, as spreadsheets and numbered lists carry it:
# "12. Qubadlı", "3) Füzuli", "(4) Laçın", "№ 5 Ağdam"; a number that is part of a name
# ("28 May") has no dot or bracket
_ITEM_NUMBER = re.compile(r"^\s*(?:\(\d{1,4}\)|\d{1,4}[.)]|№\s*\d{1,4}[.)]?)\s+(?=\S)")


def _capitalised(word: str) -> bool:
    """Is a word written with a capital and then lower case (Բերդում, not ԲԵՐԴՈՒՄ or բերդում)?"""
    return word[:1].isupper() and word[1:].islower()


def _without_item_number(query: str) -> str:
    """The query without a list's item number before it ("12. Qubadlı" -> "Qubadlı")."""
    return _ITEM_NUMBER.sub("", query, count=1)


def _without_streets(query: str) -> str:
    """An address line without its street parts and numbers ("Goris, Abovyan St 12" ->
    "Goris"); a query that would keep nothing, or loses nothing, as it is."""
    parts = query.split(",")
    kept = [bare for p in parts if (bare := _without_number(p)) and not _is_street(bare)]
    if not kept or kept == [p.strip() for p in parts]:
        return query
    return ", ".join(kept)


# Russian case endings, as folded, of a name ending in a consonant (Горис: Гориса, Горису,
# Горисом, Горисе) and of one ending in a or ya (Шуша: Шуши, Шуше, Шушу, Шушой)
_RU_CONSONANT_CASES = ("a", "u", "om", "e")
_RU_A_CASES = ("y", "i", "e", "u", "oi", "ei", "yu")


def _russian_cases(name: str) -> tuple[str, ...]:
    """The oblique Russian cases of a folded name of one word (none for other ends)."""
    if name.endswith("a"):
        return tuple(name[:-1] + end for end in _RU_A_CASES)
    if name[-1:].isalpha() and name[-1:] not in "aeiouy":
        return tuple(name + end for end in _RU_CONSONANT_CASES)
    return ()


_VOWELS = frozenset("aeiouy")
# letters a spelling puts for one another (voicing, the Azerbaijani q/g, x/h, s/z): a
# substitution between two of a pair keeps the sound of a name
_SOUND_PAIRS = frozenset(frozenset(p) for p in ("sz", "kg", "td", "pb", "fv", "qg", "kq", "xh", "cs", "cj", "jz"))


# letters a hand slips to on a QWERTY keyboard (keys are folded to Latin letters), and
# letters people write for one another by sound: a substitution between either is a typo
# keyboards: Latin QWERTY, Russian ЙЦУКЕН, Armenian phonetic (a typo is judged on the
# letters typed when they are one edit from the name's, else on the folded keys)
_LAYOUTS = (
    ("qwertyuiop", "asdfghjkl", "zxcvbnm"),
    ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"),
    ("քոեռտըւիօպ", "ասդֆգհյկլ", "զղցվբնմ"),
)
_KEY_AT = {
    ch: (layout, r, c + 0.5 * r)
    for layout, rows in enumerate(_LAYOUTS)
    for r, row in enumerate(rows)
    for c, ch in enumerate(row)
}
_SOUND_SETS = (
    "aeiouyəıöü",
    "kgqcğ",
    "cjzç",
    "szş",
    "xhk",
    "bp",
    "dt",
    "vwf",
    "аеёиоуыэюя",
    "гкх",
    "дт",
    "зсц",
    "бп",
    "աեէըիոօու",
)


def _plausible_typo(a: str, b: str) -> bool:
    """Is ``b`` (one edit from ``a``) what a hand slipping on ``a`` types: a letter dropped,
    added or swapped with its neighbour, or one replaced by a vowel for a vowel, a letter of
    like sound, or a key beside it (Susumu is no slip from Susulu: m and l lie apart)."""
    if len(a) != len(b):
        return True
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) != 1:
        return True  # two neighbours swapped
    x, y = a[diff[0]], b[diff[0]]
    if any(x in group and y in group for group in _SOUND_SETS):
        return True
    px, py = _KEY_AT.get(x), _KEY_AT.get(y)
    return px is not None and py is not None and px[0] == py[0] and abs(px[1] - py[1]) <= 1 and abs(px[2] - py[2]) <= 1


def _sound_alike_edit(a: str, b: str) -> bool:
    """Is the one edit between two keys one that keeps their sound: a vowel added or
    dropped (Byurakn: Byurakan), a letter doubled or undoubled, two neighbours swapped, or a
    letter for its pair (_SOUND_PAIRS: Horadis, Horadiz)? Not any other consonant put for
    one (Kərki is no Karbi), nor a vowel for another (Aygevan, a village, is no Aygavan)."""
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2:
            i, j = diff
            return j == i + 1 and a[i] == b[j] and a[j] == b[i]
        if len(diff) != 1:
            return False
        x, y = a[diff[0]], b[diff[0]]
        return frozenset((x, y)) in _SOUND_PAIRS  # (not a vowel for a vowel: Aygevan, Aygavan)
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) - len(short) != 1:
        return False
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    if short[i:] != long_[i + 1 :]:
        return False
    extra = long_[i]
    return extra in _VOWELS or (i > 0 and long_[i - 1] == extra) or long_[i + 1 : i + 2] == extra


def _is_prominent(kind: str, country: str, importance: float) -> bool:
    """Is a place of this kind, country and importance prominent (Matcher._prominent_place)?"""
    return kind in PROMINENT_KINDS and country in PROMINENT_COUNTRIES and importance >= PROMINENT_IMPORTANCE


def _prefer_prominent(best: dict[int, Candidate], prominent: set[int]) -> None:
    """The prominent places a small village's name is an inflection or a misspelling of
    (Matcher._prominent_readings) rise to just above the best of the other candidates (the
    small villages of that name, by at most REGION_MARGIN more)."""
    others = [c.rank for i, c in best.items() if i not in prominent]
    if not others:
        return
    top = max(others) + REGION_MARGIN
    for i in prominent:
        cand = best.get(i)
        if cand is not None and cand.rank < top:
            cand.rank = top


def _prefer_region_loosely(best: dict[int, Candidate], place, variant_lang) -> None:
    """Of the places a misspelling reads as (skeleton, one-edit or slip readings), a village
    of the conflict region rises to just above the best far village or far place named by
    the other side's exonym (early.prefer_region's far ones) read as closely, by at most
    REGION_VILLAGE_BONUS: 'Şuraabd' is the Aghdam village before a larger far village of
    the name. A far place read more closely (a higher score) keeps its place, and readings
    of a name as written are early.prefer_region's."""
    if len(best) < 2:
        return  # a village of the region and a far place: two at least
    far: list[Candidate] = []
    ours: list[Candidate] = []
    for i, cand in best.items():
        if cand.method not in LOOSE_READINGS:
            continue
        p = place(i)
        if early.in_region(p, CONFLICT_BOX):
            if p.kind == "village":
                ours.append(cand)
        elif p.kind in FAR_VILLAGE_KINDS or early.exonym(variant_lang(cand.variant), p, CONFLICT_BOX):
            far.append(cand)
    if not far or not ours:
        return
    top = max(far, key=lambda c: c.rank)
    for cand in ours:
        if cand.score >= top.score and cand.rank < top.rank + REGION_MARGIN:
            cand.rank = min(cand.rank + REGION_VILLAGE_BONUS, top.rank + REGION_MARGIN)


_VARIANT_TEXT = VariantRow._fields.index("text")
_VARIANT_LANG = VariantRow._fields.index("lang")
_VARIANT_TYPE = VariantRow._fields.index("type")
_VARIANT_CONTEXT = VariantRow._fields.index("needs_context")
try:  # the compiled skeleton gives text.folding.skeleton's answer (tests/test_core.py), faster
    from ._core import skeleton as _key_skeleton
except ImportError:  # pragma: no cover - a core built without it
    _key_skeleton = skeleton


def _loose_index(index: CompiledIndex):
    """The compiled candidate generators of the loose methods (``_core.LooseIndex``,
    crates/gazetteer-core/src/loose.rs) over the index held in memory, with what
    ``Matcher._edit_index`` and ``_dropped_index`` read; None when the core has none."""
    try:
        from ._core import LooseIndex
    except ImportError:  # pragma: no cover - a core built before loose.rs
        return None
    from types import SimpleNamespace

    index.materialise()
    fields = PlaceRow._fields
    host = SimpleNamespace(
        keys0=index._keys[0],
        variants=index._variants,
        places=index._places,
        kind_at=fields.index("kind"),
        country_at=fields.index("country"),
        lat_at=fields.index("lat"),
        lon_at=fields.index("lon"),
        importance_at=fields.index("importance"),
        focus_countries=set(FOCUS_COUNTRIES),
        country_kind="country",
        village_kind="village",
        mt_error_type="mt_error",
        edit_min_importance=float(EDIT_MIN_IMPORTANCE),
        edit_min_len=EDIT_MIN_LEN,
        conflict_box=tuple(CONFLICT_BOX),
        dropped_letters=DROPPED_LETTERS,
        demonym_letters="".join(sorted(DEMONYM_LETTERS)),
        fuzzy_min_len=FUZZY_MIN_LEN,
        fuzzy_slack=FUZZY_LENGTH_SLACK,
        # what the skeleton reading reads (Matcher._skeleton_hits)
        keys1=index._keys[1],
        far_village_kinds=set(FAR_VILLAGE_KINDS),
        skeleton_min=SKELETON_MIN,
    )
    if _TRANSCRIBER is not None:
        # what match_key's loose readings of a word read in one call (LooseIndex.loose_word)
        index.romanised("")  # (the romanised keys, held once)
        host.word = SimpleNamespace(
            edit_score=EDIT_SCORE,
            lemma_penalty=float(SKELETON_LEMMA_PENALTY),
            transcription_score=TRANSCRIPTION_SCORE,
            skeleton_score=METHOD_SCORE["skeleton"],
            skeleton_similarity_min=float(SKELETON_SIMILARITY_MIN),
            skeleton_score_base=float(SKELETON_SCORE_BASE),
            skeleton_score_factor=SKELETON_SCORE_FACTOR,
            fuzzy_score=METHOD_SCORE["fuzzy"],
            fuzzy_score_factor=FUZZY_SCORE_FACTOR,
            fuzzy_min_len=FUZZY_MIN_LEN,
            fuzzy_candidates=FUZZY_CANDIDATES,
            fuzzy_needed=list(FUZZY_NEEDED),
            fuzzy_needed_longer=FUZZY_NEEDED_LONGER,
            closest_edit_min_len=CLOSEST_EDIT_MIN_LEN,
            romanised=index._romanised,
            transcriber=_TRANSCRIBER,
            sound_sets=list(_SOUND_SETS),
            key_at=_KEY_AT,
            names_at=[fields.index(n) for n in ("name", "name_az", "name_ru", "name_hy")],
            settlement_kinds=set(SETTLEMENT_KINDS),
            country_kind="country",
            # what match_word reads before the loose readings
            folded_score=METHOD_SCORE["folded"],
            inflection_score=METHOD_SCORE["inflection"],
            armenian_latin_endings=list(ARMENIAN_LATIN_ENDINGS),
            min_stem=MIN_STEM,
            loose_min=LOOSE_MIN,
            food_words=set(FOOD_WORDS),
            given_names=set(GIVEN_NAME_KEYS),
        )
    try:
        return LooseIndex(host)
    except (TypeError, ValueError, IndexError):  # pragma: no cover - rows it cannot read: the Python twins
        return None


def _other_layout(typed: str) -> str:
    """A one-word query (lower case, as typed) read as if typed in the other keyboard layout
    ("дфсршт" -> "lachin", "kfxby" -> "лачин"), or "" when it holds a key of neither."""
    if typed and all(c in _RU_KEYS for c in typed):
        return typed.translate(_TO_LATIN_KEYS)
    if typed and all(c in _EN_KEYS for c in typed) and any(c.isalpha() for c in typed):
        return typed.translate(_TO_CYRILLIC_KEYS)
    return ""


def _has_armenian(query: str) -> bool:
    return _ARMENIAN_LETTER(query) is not None


class Matcher:
    # (folded key, query as typed in lower case) of the full lookup under way
    _typed: tuple[str, str] = ("", "")

    def __init__(self, index: CompiledIndex):
        self.index = index
        self._buckets: dict[tuple[str, int], list[str]] | None = None
        self._near_keys: dict[tuple[str, int], list[str]] = {}  # _fuzzy_keys's answers
        self._place_rows: dict[int, PlaceRow] = {}  # place index -> its row (at most one per place)
        self._districts: dict | None = None  # the district polygons, loaded for a qualifier on an edge
        self._loose_places: dict[int, bool] = {}  # place index -> _loose_ok
        self._edits: dict[str, list[str]] | None = None  # one-letter deletions -> keys that matter
        self._dropped: dict[str, list[int]] | None = None  # region villages' names less a letter
        self._script = "latin"  # the script of the query being looked up
        self._lookup = lru_cache(maxsize=LOOKUP_CACHE)(self._lookup_uncached)
        self._scripts_of: dict[int, dict[str, set[str]]] = {}  # place -> script -> its variants' keys
        self._cyrillic = False
        self._misspelt_of: str | None = None  # the name a misspelling's lookup is ranking by (_as_name_misspelt)
        self._armenian: dict[str, str] = {}
        # what the early decisions (early.py) read, as the matcher reads it
        self._early = early.Inputs(
            postings=self._postings,
            variant=index.variant,
            place=self._place,
            is_common=index.is_common_word,
            skeleton=skeleton,
            lemmas=_turkic_lemmas,
            has_armenian=_has_armenian,
            is_cyrillic=is_cyrillic,
            org_names=EARLY_LEFT_KEYS,
            surname_endings=SURNAME_ENDINGS,
            demonym_endings=LATIN_DEMONYM_ENDINGS,
            conflict_box=CONFLICT_BOX,
            near_prominent=self._near_prominent,
            two_letter_marks="".join(TWO_LETTER_MARKS) + "\u030c",
            adjective_stems=ADJECTIVE_STEMS,
        )

    # _qualifier's answers and _skeleton_hits' variants of a skeleton, made on first use
    # (quick.py mirrors __init__: these are no part of it)
    _qualifiers: dict[tuple[str, bool, str | None], tuple[int, ...]] | None = None
    # a query the compiled early decisions (_core.Lookup.answer, the twin of early.answer)
    # left undecided, set by batch_lookup.py just before it asks for the query's candidates
    undecided: str | None = None
    # the compiled early decisions (_core.Lookup over the index held in memory), set by
    # batch_lookup.py: their twins of the Turkic lemmas and of early.guard answer for _lemmas
    # and _guard
    compiled = None
    _skeletons: dict[str, list[tuple[int, str]]] | None = None
    # what the names of the landmarks, passes and natural features say, made on first use
    # (Matcher._namesakes)
    _namesake_links: Namesakes | None = None

    # ---------------------------------------------------------- low level
    def _postings(self, key: str, level: int = 0) -> tuple[int, ...]:
        held = self.index._keys  # in memory (a batch): probed here, one call fewer a probe
        if held is not None:
            return held[level].get(key, ())
        return self.index.postings(key, level)

    def _key_exists(self, key: str) -> bool:
        return bool(self._postings(key))

    def _fuzzy_keys(self, key: str) -> list[str]:
        """The keys rapidfuzz compares ``key`` with: those of ``_fuzzy_keys_all``, less the
        ones the compiled core (``_core.LooseIndex.fuzzy_keys``) finds too few letters in
        common with to reach the similarity match_key needs (``_fuzzy_needed``), which
        rapidfuzz would drop."""
        core = self._compiled_loose()
        if core is not None:
            return core.fuzzy_keys(key, _fuzzy_needed(len(key)))
        return self._fuzzy_keys_all(key)

    def _fuzzy_keys_all(self, key: str) -> list[str]:
        """Keys that could be within the fuzzy threshold: same first letter, length within
        two, and naming a place that loose matching may return (region or country)."""
        if self._buckets is None:
            buckets: dict[tuple[str, int], list[str]] = {}
            for k in self.index.keys(0):
                if len(k) >= FUZZY_MIN_LEN - 1 and any(self._loose_ok(v) for v in self._postings(k)):
                    buckets.setdefault((k[0], len(k)), []).append(k)
            self._buckets = buckets
        near = self._near_keys.get((key[0], len(key)))
        if near is None:  # the same few hundred keys for every key of a first letter and length
            near = []
            for n in range(len(key) - FUZZY_LENGTH_SLACK, len(key) + FUZZY_LENGTH_SLACK + 1):
                near.extend(self._buckets.get((key[0], n), ()))
            self._near_keys[(key[0], len(key))] = near
        return near

    def _fuzzy_best(self, key: str, need: float) -> list[tuple[str, float]]:
        """(key, rapidfuzz ratio) of the FUZZY_CANDIDATES keys of ``_fuzzy_keys`` most like
        ``key``, at least ``need``, the most alike first: read in the crate
        (``_core.LooseIndex.fuzzy_best``: the same ratio, made with the same floating-point
        steps, and the same order), else by rapidfuzz (the twin below)."""
        core = self._compiled_loose()
        if core is not None:
            return core.fuzzy_best(key, need, FUZZY_CANDIDATES)
        return self._fuzzy_best_python(key, need)

    def _fuzzy_best_python(self, key: str, need: float) -> list[tuple[str, float]]:
        """``_fuzzy_best`` by rapidfuzz (the twin of ``_core.LooseIndex.fuzzy_best``)."""
        from rapidfuzz import fuzz, process

        got = process.extract(key, self._fuzzy_keys(key), scorer=fuzz.ratio, score_cutoff=need, limit=FUZZY_CANDIDATES)
        return [(k, sim) for k, sim, _at in got]

    def _armenian_word(self, key: str) -> str | None:
        """The query's Armenian word a key's last word is the key of, if any (most queries
        have none: then no look)."""
        armenian = self._armenian
        return armenian.get(key.rpartition(" ")[2]) if armenian else None

    def _lemmas(self, key: str, cyrillic: bool) -> tuple[tuple[str, str], ...]:
        """Lemmas of a key's last word: an Armenian word of the query is analysed as written
        (lang/hy/morphology.py), any other by the folded key."""
        word = self._armenian_word(key)
        if word:
            return word_lemmas(word, key)
        if not cyrillic and self.compiled is not None:
            return tuple(self.compiled.turkic_lemmas(key))  # the twin of lemmas(key, russian=False)
        return lemmas(key, russian=cyrillic)

    def _lemma_postings(self, key: str, cyrillic: bool) -> list[int]:
        return [v for lemma, _ in self._lemmas(key, cyrillic) for v in self._postings(lemma)]

    def _guarded(self, key: str) -> bool:
        """Words and family names that must not reach the loose methods."""
        return self._guard(key) > 0

    def common_as_typed(self, typed: str) -> bool:
        """Is a word, as typed, a common word in the script it is typed in: its spelling
        (``wordlist.spelling``) one of the list's, or, typed in Latin letters, its fold that of
        a word the list spells in plain Latin letters (folding's reductions between such
        spellings, berry and Berri, begin and Beghin, brazil's and Brazils, are no evidence of
        another word)? A Latin word folding only like a word of other letters or another
        script (turşu, панин) is none. Read by lookup.rs too (Lookup.typed_guard)."""
        if self.index.is_common_spelling(spelling(typed)):
            return True
        if typed.isascii():
            # (plain ASCII is how a Latin word is typed without its letters: baskanlar is
            # başkanlar, as the folded list says)
            return self.index.is_common_word(fold(typed))
        return script(typed) == "latin" and self.index.is_plain_latin_common_key(fold(typed))

    def _case_of_name(self, key: str, forms: tuple[tuple[str, str], ...]) -> bool:
        """Is an Armenian word that ends like a demonym a known name in a case whose ending is
        shorter than the demonym's (Ավետարանոցի: Ավետարանոց in the genitive, no
        Ավետարանո + -ցի)? The name keeps letters the derived ending would take."""
        word = self._armenian_word(key)
        if not word or (" " not in key and (hy_common(word) or word.lower() in ARMENIAN_GIVEN_NAMES)):
            return False
        derived = hy_derived_ending(word)
        return derived is not None and any(
            len(ending) < len(fold(derived)) and self._postings(lemma) for lemma, ending in forms
        )

    def _guard(self, key: str) -> int:
        """2 for a word or a family name on a name as written (Lachinov, Fuzuliyev): no loose
        method; 1 for a family-name ending on another spelling of a name (Fuzul-li, whose
        skeleton is Fuzuli's): only a one-edit match to a name that matters; 0 for none."""
        word = self._armenian_word(key)
        if word:
            # an Armenian word by its own lists and endings (Բերձորով is no Russian surname);
            # a common word ends many names of several words (Լաչինի միջանցքով)
            alone = " " not in key
            return 2 if (alone and (hy_common(word) or word.lower() in ARMENIAN_GIVEN_NAMES)) or hy_derived(word) else 0
        typed_key, typed = self._typed
        if key == typed_key and " " not in key:
            # a word is a common word as spelled in the script typed, not by its fold (the
            # folded list mixes the languages and their letters: туршу and Turshu are no
            # Azerbaijani turşu, a pickle); a fold that is a word as another language spells it
            # leaves it the one-edit readings of names that matter only (Туршу, Turshu:
            # Turshsu less a letter, not a skeleton's Aruba)
            typed_guard = getattr(self.compiled, "typed_guard", None)  # (a core built before it: none)
            if typed_guard is not None:
                got = typed_guard(key, typed)  # the twin of the lines below
                if got is not None:
                    return got
            if not self.index.is_common_word(key):
                return early.guard(key, self._early, common=False)
            if self.common_as_typed(typed):
                return 2
            return max(early.guard(key, self._early, common=False), 1)
        if key == typed_key and " " in key and self.index.is_common_word(key):
            # a query of several words each a common word, in whichever language ("Qırmızı
            # Bazaar": Azerbaijani 'red', English 'bazaar'), is no phrase of one language:
            # only a one-edit reading of a name that matters (a typo in a name's last word)
            return max(1, early.guard(key, self._early, common=False))
        if self.compiled is not None:
            got = self.compiled.guard(key)  # the twin of early.guard, for a key of one word
            if got is not None:
                return got
        return early.guard(key, self._early)

    def match_key(self, key: str, *, loose: bool = True, cyrillic: bool = False) -> list[tuple[int, str, float]]:
        """(variant id, method, score) for one folded key, by the first method that finds any."""
        if not key:
            return []
        if loose and not cyrillic and self.compiled is not None and not self._armenian:
            got = self._match_word(key)  # (a batch: a word in Latin letters in one call)
            if got is not None:
                return got
        hits = self._postings(key)
        word = self._armenian_word(key)
        if hits:
            out = [(v, "folded", METHOD_SCORE["folded"]) for v in hits]
            if word:
                # "Գորիսի" is Goris's genitive as well as the village Gorisi: both compete
                out += [(v, "inflection", METHOD_SCORE["inflection"]) for v in self._lemma_postings(key, cyrillic)]
            return out
        forms = self._lemmas(key, cyrillic)
        out = [(v, "inflection", METHOD_SCORE["inflection"]) for lemma, _ in forms for v in self._postings(lemma)]
        if not out and not word and not cyrillic:
            # an Armenian case written in Latin letters (Gorisits, Kapanum)
            out = [
                (v, "inflection", METHOD_SCORE["inflection"])
                for lemma in _armenian_latin(key)
                for v in self._postings(lemma)
            ]
        if out:
            if " " in key and not word:
                # a known name of several words in a case is that name though each of its
                # words is a common word ("Qırmızı Bazarda": Qırmızı Bazar + -da, as well as
                # 'at the red market'): the common-word guard is one word's; a family name
                # or a people's word still refuses
                return [] if early.guard(key, self._early, common=False) else out
            guarded = self._guarded(key) and not self._case_of_name(key, forms)
            if (
                guarded
                and word
                and _capitalised(word)
                and not hy_derived(word)
                and word.lower() not in ARMENIAN_GIVEN_NAMES
            ):
                # Armenian capitalises only names and a sentence's first word: a capitalised
                # case of a place's own Armenian name is the place (Բերդում: Berd, as Բերդ
                # is), the same letters in lower case a common word (բերդում, in the
                # fortress); a name of other letters that folds alike is none (Հացից is no
                # Hats'i)
                own = [h for h in out if self._own_armenian_name(h[0])]
                if own:
                    return own
            return [] if guarded else out
        if not loose or len(key.replace(" ", "")) < LOOSE_MIN:
            return []
        guard = self._guard(key)
        if guard > 1 or (key in FOOD_WORDS and key == self._typed[0]) or key in GIVEN_NAME_KEYS:
            return []  # (чурек, şəkərbura: a bread, a sweet, no misspelt village)
        return self._loose_word(key, guard, forms)

    def _match_word(self, key: str) -> list[tuple[int, str, float]] | None:
        """match_key's answer for a key of one word in Latin letters, of a query with no
        Armenian or Cyrillic word, in a batch (``compiled``: its lemmas and guard): read in the
        crate in one call (``_core.LooseIndex.match_word``: the name as folded, its Turkic
        lemmas and Armenian case endings in Latin letters, the guard, then ``loose_word``);
        None where match_key's own lines answer (their twin, ``_match_word_python``)."""
        if " " in key or not key.isascii():
            return None
        core = self._compiled_loose()
        if core is None:
            return None
        typed_key, typed = self._typed
        return core.match_word(self.compiled, key, typed if key == typed_key else None, self._script)

    def _match_word_python(self, key: str) -> list[tuple[int, str, float]] | None:
        """``_match_word``'s twin: None, so that match_key's own lines answer."""
        return None

    def _loose_word(self, key: str, guard: int, forms: tuple[tuple[str, str], ...]) -> list[tuple[int, str, float]]:
        """match_key's loose readings of a key that no name and no lemma has (``guard``: its
        guard, 0 or 1; ``forms``: its lemmas): read in the crate in one call
        (``_core.LooseIndex.loose_word``, which strings the compiled readings together as
        the twin below does), else by the Python twin."""
        core = self._compiled_loose()
        if core is not None and key.isascii():
            typed_key, typed = self._typed
            got = core.loose_word(
                key, typed if key == typed_key else None, self._script, guard, [lemma for lemma, _ in forms]
            )
            if got is not None:
                return got
        return self._loose_word_python(key, guard, forms)

    def _loose_word_python(
        self, key: str, guard: int, forms: tuple[tuple[str, str], ...]
    ) -> list[tuple[int, str, float]]:
        """``_loose_word`` in Python (the twin of ``_core.LooseIndex.loose_word``)."""
        romanised = self._romanised_hits(key)
        if romanised:
            return romanised  # a name in a standard's romanisation, not a misspelling
        out = []
        # (under a family-name ending's guard, only of a query typed in plain Latin letters:
        # the tables read foreign spellings, not a Cyrillic word's fold nor an Azerbaijani
        # spelling's, whose Ç is no Italian c)
        plain = key == self._typed[0] and self._typed[1].isascii()
        readings = self._transcribed(key) if not guard or plain else []
        # a transcription's reading that is a known name competes with the skeleton and
        # one-edit hits (Sevna is Sevan misspelt, not a German Zevna): the ranks decide. A
        # family-name ending on another spelling of a name (guard 1) does not hide a reading
        # that is a whole name as written: a French Choukourbeyli reads Şükürbəyli itself,
        # not a surname made of Çukurbey (a known name, like an exact hit, is no surname)
        out = [
            (v, "transcription", TRANSCRIPTION_SCORE)
            for r in readings
            for v in self._postings(r)
            if self._loose_ok(v) and not self.index.variant(v)[_VARIANT_CONTEXT]
        ]
        if not guard:
            out += self._skeleton_hits(key, METHOD_SCORE["skeleton"])
            if not out:
                for lemma, _ in forms:
                    out += self._skeleton_hits(lemma, METHOD_SCORE["skeleton"] - SKELETON_LEMMA_PENALTY)
            if not out:
                for r in readings[:1]:  # the table's first reading of each group (dsch -> j)
                    out += self._skeleton_hits(r, METHOD_SCORE["skeleton"] - SKELETON_LEMMA_PENALTY)
        # one edit from a name that matters competes with a skeleton hit: the ranks decide;
        # a letter typed twice or two swapped (Khojavvend, Lahcin) is a slip from any place of the region
        near = self._near_hits(key)
        edits = [(v, "fuzzy", EDIT_SCORE) for v in near]
        if not edits and not out:
            # a misspelt name with a case ending (Fuzullidə): one edit from the lemma
            edits = [
                (v, "fuzzy", EDIT_SCORE - SKELETON_LEMMA_PENALTY) for lemma, _ in forms for v in self._edit_hits(lemma)
            ]
        out += edits
        if out:
            return self._closest_edits(key, out)
        if guard or len(key) < FUZZY_MIN_LEN:
            return out
        need = _fuzzy_needed(len(key))
        for k, sim in self._fuzzy_best(key, need):
            if abs(len(k) - len(key)) > FUZZY_LENGTH_SLACK:
                continue
            for v in self._postings(k):
                if self._loose_ok(v) and self._typed_alike(key, v, need):
                    out.append((v, "fuzzy", min(METHOD_SCORE["fuzzy"], sim * FUZZY_SCORE_FACTOR)))
        if out:
            return self._closest_edits(key, out)
        if len(key) >= CLOSEST_EDIT_MIN_LEN:
            # nothing nearer: a conflict-region village's name with one plausible slip of a
            # letter for another (Agchakand typed Ağçwkənd), which neither the one-edit
            # reading of places that matter nor the similarity cut above reaches
            out = [(v, "fuzzy", EDIT_SCORE) for v in self._one_edit_any(key, region_village=True)]
        return out

    def _closest_edits(self, key: str, out: list[tuple[int, str, float]]) -> list[tuple[int, str, float]]:
        """The misspelling readings (skeleton, fuzzy) of ``out`` fewest edits from the key.
        When one is a single edit away, the readings farther than it are dropped: a typo is
        read as the name it is one slip from, not as a name a capped similarity and a larger
        place let win from two or three edits away (Kamaplı: the village Kamallı, not the
        town Artashat; Dashtak'r: Dashtakar, not Dasta). When every such reading is two or
        more edits away, the names of places loose matching may return (no far village:
        allowing those read three news words, Ingvar, Gynex, Gabelli, as far villages) one
        plausible typo from a key of CLOSEST_EDIT_MIN_LEN letters or more take their place
        (Oskkani: Oskani, not Oshakan): a reading was found anyway, so no query resolves that
        did not, and the closer name is the likelier typo. Else the ranks decide as before
        (a name with an ending is letters from every name). Transcription readings are kept
        as they are (a transliteration is many letters from the name it spells)."""
        loose = [h for h in out if h[1] in LOOSE_READINGS]
        if not loose:
            return out
        from rapidfuzz.distance import OSA

        text = self.index.variant
        far: dict[int, int] = {}  # variant -> edits from the key to it
        for v, _method, _score in loose:
            if v not in far:
                far[v] = OSA.distance(key, fold(text(v)[_VARIANT_TEXT]))
        best = min(far.values())
        if best > 1 and len(key) >= CLOSEST_EDIT_MIN_LEN:
            near = self._one_edit_any(key)
            if near:
                kept = [h for h in out if h[1] not in LOOSE_READINGS]
                return kept + [(v, "fuzzy", EDIT_SCORE) for v in near]
        if best > 1:
            return out  # no reading a typo away: the ranks decide, as they weigh more than letters
        kept = [h for h in out if h[1] not in LOOSE_READINGS or far[h[0]] <= best]
        if len(key) >= CLOSEST_EDIT_MIN_LEN and all(self._foreign_feature_name(v) for v in far if far[v] == 1):
            # every reading one edit away is a river's, mountain's... name in another language
            # (Yerask: Yeraskh, the Armenian name of the Aras): a typist more likely means a
            # settlement whose own name is one edit away (the village Yeraskh, of Ararat: a far
            # village may answer here, where a reading was found anyway), at equal edits
            own = [v for v in self._one_edit_any(key, far_ok=True) if self._own_settlement_name(v)]
            if own:
                return [h for h in kept if h[1] not in LOOSE_READINGS] + [(v, "fuzzy", EDIT_SCORE) for v in own]
        return kept

    def _foreign_feature_name(self, v: int) -> bool:
        """Is a variant a non-settlement's (river, mountain, district...; not a country's)
        name other than its own names (the place's name, name_az, name_ru, name_hy)?"""
        p = self._place(self._variant(v).place)
        # (a country is no such feature: its names in a hundred languages are how people
        # misspell it: "armana" is Armenia typed, not the village Armanat)
        return p.kind not in SETTLEMENT_KINDS and p.kind != "country" and not self._own_name(v, p)

    def _own_settlement_name(self, v: int) -> bool:
        """Is a variant a settlement's own name (its name, name_az, name_ru or name_hy)?"""
        p = self._place(self._variant(v).place)
        return p.kind in SETTLEMENT_KINDS and self._own_name(v, p)

    def _own_name(self, v: int, p: PlaceRow) -> bool:
        text = fold(self._variant(v).text)
        return any(n and fold(n) == text for n in (p.name, p.name_az, p.name_ru, p.name_hy))

    def _plausible(self, key: str, k: str) -> bool:
        """Is the name keyed ``k`` one plausible typo from the query keyed ``key``: judged on
        the query as typed and the name's spellings of its script when one of them is one
        edit from it (Агиепе: и beside т on a Russian keyboard), else on the keys."""
        typed_key, typed = self._typed
        if typed_key == key and not typed.isascii():
            from rapidfuzz.distance import OSA

            for v in self._postings(k):
                text = self.index.variant(v)[_VARIANT_TEXT].lower()
                if script(text) == self._script and OSA.distance(typed, text) == 1:
                    return _plausible_typo(typed, text)
        return _plausible_typo(key, k)

    def _one_edit_any(self, key: str, *, region_village: bool = False, far_ok: bool = False) -> list[int]:
        """Variants of places loose matching may return (no far village; with
        ``region_village`` a village of the conflict region only), by a name needing no
        context in the query's script, one plausible typo (_plausible_typo) from the key
        (first letter kept)."""
        from rapidfuzz.distance import OSA

        core = self._compiled_loose()
        # one substitution or swap leaves 2 of the 2n letters unmatched: rapidfuzz's ratio
        # 100 (n - 1) / n, the least one edit gives (match_key's own cut is higher)
        keys = core.fuzzy_keys(key, 100 * (len(key) - 1) / len(key) - 0.01) if core else self._fuzzy_keys_all(key)
        out = []
        for k in keys:
            if k[:1] != key[:1] or abs(len(k) - len(key)) > 1 or OSA.distance(key, k) != 1:
                continue
            if not self._plausible(key, k):
                continue
            if region_village and len(k) == len(key) and k[-1] != key[-1] and k[:-1] == key[:-1]:
                continue  # a last letter for another is how words differ (Aramid, Aramis)
            for v in self._postings(k):
                place, vtext, _lang, vtype, needs_context = self.index.variant(v)
                if (
                    needs_context
                    or vtype == "mt_error"
                    or not self._loose_ok(v)
                    or (not far_ok and self._far_village(place))
                    or script(vtext) != self._script
                ):
                    continue
                if region_village:
                    p = self._place(place)
                    if p.kind != "village" or not early.in_region(p, CONFLICT_BOX):
                        continue
                out.append(v)
        return out

    def _near_hits(self, key: str) -> list[int]:
        """The one-edit readings of places that matter, the slips not among them, and the
        conflict region's villages named as a far one of those is: read in the crate
        (``_core.LooseIndex.near_hits``, one call where the Python twin below makes three
        and a probe a variant), else by the twin."""
        core = self._compiled_loose() if len(key.replace(" ", "")) >= EDIT_MIN_LEN else None
        got = None if core is None else core.near_hits(key, self._script)
        return got if got is not None else self._near_hits_python(key)

    def _near_hits_python(self, key: str) -> list[int]:
        """``_near_hits`` in Python (the twin of ``_core.LooseIndex.near_hits``)."""
        near = self._edit_hits(key)
        near += [v for v in self._slip_hits(key) if v not in near]
        near += self._region_villages_named_alike(near)
        return near

    def _region_villages_named_alike(self, near: list[int]) -> list[int]:
        """The villages of the conflict region named as a one-edit or slip reading's variant
        is (by a name needing no context, no known machine-translation error) and not read
        yet: one edit reaches only places that matter, so a misspelt "Ördəkli" read as the
        Armenian town whose Azerbaijani name it is (Lchashen) also reads the region's
        villages of that name, which _prefer_region_loosely then raises (Mrgavet's Qaradağlı:
        the region's Qaradağlı villages come first). Only the names of the far places read: a
        reading of the region's own places needs no more of them."""
        far = [v for v in near if not early.in_region(self._place(self._variant(v).place), CONFLICT_BOX)]
        if not far:
            return []
        seen = set(near)
        out: list[int] = []
        for key in dict.fromkeys(fold(self._variant(v).text) for v in far):
            for w in self._postings(key):
                if w in seen:
                    continue
                seen.add(w)
                variant = self._variant(w)
                if variant.needs_context or variant.type == "mt_error":
                    continue
                p = self._place(variant.place)
                if p.kind == "village" and early.in_region(p, CONFLICT_BOX):
                    out.append(w)
        return out

    def _typed_alike(self, key: str, v: int, need: float) -> bool:
        """A query typed with the Azerbaijani ə is misspelt in Azerbaijani letters: its
        rapidfuzz reading must be as alike to the place's Azerbaijani name as written
        ("Azərsu", the water company, is two letters from the village Azaru, not one)."""
        typed_key, typed = self._typed
        if key != typed_key or "ə" not in typed:
            return True
        name_az = self._place(self.index.variant(v)[0]).name_az
        if not name_az:
            return True
        from rapidfuzz import fuzz

        return fuzz.ratio(typed, name_az.lower()) >= need

    def _loose_ok(self, v: int) -> bool:
        """Misspellings are matched to the region's places and to countries only:
        Sisyan is Sisian, not Xinxiang (Sinsyan), however large Xinxiang is."""
        i = self.index.variant(v)[0]
        ok = self._loose_places.get(i)
        if ok is None:
            place = self._place(i)
            ok = self._loose_places[i] = place.country in FOCUS_COUNTRIES or place.kind == "country"
        return ok

    def _far_village(self, i: int) -> bool:
        """Is place i a village (or community) outside the conflict region? A skeleton, the
        consonants alone, reaches none: the skeleton of a surname or a firm's name (Brierley,
        Baykar) is a far village's now and then (Brili, Bikari) as often as a misspelling is.
        (Letting one slip still reach one, Damerau distance 1, found 13 more of 900 far
        village typos but answered 84 more of 23,575 news words: not kept.)"""
        p = self._place(i)
        return p.kind in FAR_VILLAGE_KINDS and not early.in_region(p, CONFLICT_BOX)

    def _place(self, i: int) -> PlaceRow:
        row = self._place_rows.get(i)
        if row is None:  # a place's row is read again for every name of it: made once
            row = self._place_rows[i] = PlaceRow._make(self.index.place(i))
        return row

    def _variant(self, v: int) -> VariantRow:
        return VariantRow._make(self.index.variant(v))

    def _transcribed(self, key: str) -> list[str]:
        """Readings of a Latin key by every transcription table (Dschabrajil -> jabrayil),
        the first reading of each table first: read in the crate (``_TRANSCRIBER``), else by
        the Python twin below."""
        if _TRANSCRIBER is not None:
            typed_key, typed = self._typed
            got = _TRANSCRIBER.transcribed(key, typed if key == typed_key else None)
            if got is not None:
                return got
        return self._transcribed_python(key)

    def _transcribed_python(self, key: str) -> list[str]:
        """``_transcribed`` in Python (the twin of ``_core.Transcriber.transcribed``)."""
        if not key.isascii():
            return []
        firsts: list[str] = []
        rest: list[str] = []
        typed_key, typed = self._typed
        for lang in TRANSCRIPTIONS:
            marks = _TYPED_TABLES.get(lang)
            if marks is None:
                got = transcription_readings(key, lang)
            elif key == typed_key and any(c in marks for c in typed):
                got = transcription_readings(typed, lang)  # Šuša, as typed
            else:
                continue
            firsts += got[:1]
            rest += got[1:]
        return list(dict.fromkeys(firsts + rest))

    def _romanised_hits(self, key: str) -> list[tuple[int, str, float]]:
        """A Latin key that is a name in Armenian letters written in a scholarly or library
        romanisation (ISO 9985, Hübschmann-Meillet, ALA-LC, BGN/PCGN: lang/hy/romanise.py;
        "Całkajor", "Hadrowtʿ", "Ałdam"), of a place loose matching may return, by a name
        needing no context: as sure as a transcription table's reading. A query in another
        script is no romanisation (its letters folded are another spelling's)."""
        if self._script != "latin" or not key.isascii():
            return []
        variant = self.index.variant
        return [
            (v, "transcription", TRANSCRIPTION_SCORE)
            for v in self.index.romanised(key)
            if self._loose_ok(v) and not variant(v)[_VARIANT_CONTEXT]
        ]

    def _edit_ok(self, v: int) -> bool:
        """A variant one-edit matching may reach: a region's or country's place that matters,
        by a name that needs no context and is no known machine-translation error."""
        place, _text, _lang, vtype, needs_context = self.index.variant(v)
        if needs_context or vtype == "mt_error" or not self._loose_ok(v):
            return False
        return self._place(place).importance >= EDIT_MIN_IMPORTANCE

    def _edit_index(self) -> dict[str, list[str]]:
        """Each key of a place that matters, and each of its one-letter deletions -> the keys
        (a deletion shared by the query and a key finds every edit in a few probes)."""
        ix = self.index
        ix.materialise()
        matters = {
            i
            for i in range(len(ix))
            if (p := ix.place(i)) and (p[3] in FOCUS_COUNTRIES or p[2] == "country") and p[-1] >= EDIT_MIN_IMPORTANCE
        }
        edits: dict[str, list[str]] = {}
        for k in ix.keys(0):
            if len(k) - k.count(" ") < EDIT_MIN_LEN:
                continue
            for v in self._postings(k):
                place, _text, _lang, vtype, needs_context = ix.variant(v)
                if place in matters and not needs_context and vtype != "mt_error":
                    for d in {k, *(k[:i] + k[i + 1 :] for i in range(len(k)))}:
                        edits.setdefault(d, []).append(k)
                    break
        return edits

    # the compiled generators (_core.LooseIndex) once the loose methods are first reached;
    # False: none (a core built without them), then the Python twins below answer
    _loose_core = None

    def _compiled_loose(self):
        """``gazetteer._core.LooseIndex`` over the index held in memory (built once, in tens
        of milliseconds, where the Python twins' indexes take half a second), or None."""
        core = self._loose_core
        if core is None:
            core = self._loose_core = _loose_index(self.index) or False
        return core or None

    def _edit_keys(self, key: str) -> list[str]:
        """The keys of places that matter one edit (insert, delete, substitute, swap two
        neighbours) from ``key``, sorted, that keep its first letter and are not ``key``
        less a demonym's letter (the Python twin of ``_core.LooseIndex.edit_keys``)."""
        if self._edits is None:
            self._edits = self._edit_index()
        near = set(self._edits.get(key, ()))
        for i in range(len(key)):
            near.update(self._edits.get(key[:i] + key[i + 1 :], ()))
        near.discard(key)
        if not near:
            return []
        from rapidfuzz.distance import OSA

        # sorted: a set's order follows the hash seed, and ties must not change between runs
        return [
            k
            for k in sorted(near)
            if k[:1] == key[:1] and not (key[:-1] == k and key[-1] in DEMONYM_LETTERS) and OSA.distance(key, k) <= 1
        ]

    def _edit_hits(self, key: str) -> list[int]:
        """Variants one edit (insert, delete, substitute, swap two neighbours) from ``key``."""
        if len(key.replace(" ", "")) < EDIT_MIN_LEN:
            return []
        core = self._compiled_loose()
        near = core.edit_keys(key) if core is not None else self._edit_keys(key)
        return [v for k in near for v in self._postings(k) if self._edit_ok(v) and self._in_typed_script(v)]

    def _in_typed_script(self, v: int) -> bool:
        """A typo is made in the script typed: a Latin query is one letter from a Latin
        spelling (not from a Georgian name that folds to nearly the same letters), by a name of
        the place in that script. A place the table names in no variant of the typed script is
        read by its other names' keys:
        an Armenian query one letter from a village we know only in Latin and Cyrillic letters
        (its Armenian name, which we lack, folds as they do), rather than a farther reading."""
        place, text = self.index.variant(v)[:2]
        if script(text) == self._script:
            return True
        if self._script != "armenian":
            # (a Latin or Cyrillic query reaches only the spelling the key's posting holds: its
            # other names would open one-edit readings to ordinary words, asari for Hakari)
            return False
        # (a key's postings hold one variant per place: the place's other names of the key,
        # Եղեգիս beside Eghegis, are looked at here)
        known = self._scripts_of.get(place)
        if known is None:
            known = self._scripts_of[place] = {}
            for row in self.index.variants_of(place):
                known.setdefault(script(row[0]), set()).add(fold(row[0]))
        typed = known.get(self._script)
        return typed is None or fold(text) in typed

    def _slip_hits(self, key: str) -> list[int]:
        """Variants of a name the key is with one letter typed twice (Malibeylli: Malibeyli)
        or two neighbouring letters after the first swapped (Lahcin: Lachin), of any place loose
        matching may return, by a name that needs no context; sorted."""
        if len(key.replace(" ", "")) < EDIT_MIN_LEN:
            return []
        core = self._compiled_loose()
        got = None if core is None else core.slip_hits(key)  # None: a key the twin below reads
        got = got if got is not None else self._slip_hits_python(key, core)
        refolded = self._refolded_slips(key)
        return sorted({*got, *refolded}) if refolded else got

    def _refolded_slips(self, key: str) -> list[int]:
        """Variants of a name the key is with two neighbouring letters swapped where the
        swap folds anew (Sulyemanli: the swap "suleymanli" folds to "suleimanli", the key of
        Süleymanlı; fold reads "ey" and "ye", "kh" and "hk" differently), by the same tests as
        the slips of _slip_hits_python."""
        out: list[int] = []
        for i in range(2, len(key)):
            a, b = key[i - 1], key[i]
            if a == b or not (a.isalpha() and b.isalpha()) or not ({a, b} & _REFOLDING_LETTERS):
                continue
            swapped = fold(key[: i - 1] + b + a + key[i + 1 :])
            if swapped == key[: i - 1] + b + a + key[i + 1 :] or swapped == key:
                continue  # the compiled slips probe it as it is
            for v in self._postings(swapped):
                variant = self._variant(v)
                if self._loose_ok(v) and not variant.needs_context and variant.type != "mt_error":
                    out.append(v)
        return out

    def _slip_hits_python(self, key: str, core=None) -> list[int]:
        """``_slip_hits`` in Python (the twin of ``_core.LooseIndex.slip_hits``), with the
        compiled dropped-letter index when ``core`` is given."""
        slips = set()
        for i in range(1, len(key)):
            a, b = key[i - 1], key[i]
            if not (a.isalpha() and b.isalpha()):
                continue
            if a == b:
                slips.add(key[:i] + key[i + 1 :])
            elif i > 1:
                slips.add(key[: i - 1] + b + a + key[i + 1 :])
        out: set[int] = set()
        for slip in sorted(slips):
            if slip != key:
                for v in self._postings(slip):
                    variant = self._variant(v)
                    if self._loose_ok(v) and not variant.needs_context and variant.type != "mt_error":
                        out.add(v)
        # a letter dropped after the first (Turshu: Turshsu) is a slip from a village of the
        # conflict region only: an inserted letter reaches more names than a doubled one
        if core is not None:
            out.update(core.dropped(key))
        else:
            if self._dropped is None:
                self._dropped = self._dropped_index()
            out.update(self._dropped.get(key, ()))
        return sorted(out)

    def _dropped_index(self) -> dict[str, list[int]]:
        """Each name of a village of the conflict region (needing no context, no known
        machine-translation error) less one of DROPPED_LETTERS after its first letter ->
        those variants: the names a query may be with a letter dropped, in one probe rather
        than a probe for each letter at each place of the query."""
        ix = self.index
        ix.materialise()
        dropped: dict[str, list[int]] = {}
        for k in ix.keys(0):
            for v in self._postings(k):
                variant = self._variant(v)
                if variant.needs_context or variant.type == "mt_error":
                    continue
                p = self._place(variant.place)
                if p.kind == "village" and early.in_region(p, CONFLICT_BOX):
                    for d in {k[:j] + k[j + 1 :] for j in range(1, len(k)) if k[j] in DROPPED_LETTERS}:
                        dropped.setdefault(d, []).append(v)
        return dropped

    def _skeleton_hits(self, key: str, ceiling: float) -> list[tuple[int, str, float]]:
        """(variant, "skeleton", score) for the variants of places loose matching may return
        (no far village) that share the key's skeleton and are alike enough as written: the
        variants and their similarity from the crate (``_core.LooseIndex.skeleton_hits``),
        else from the Python twin below. The crate's only once built for the one-edit reading
        (a one-name lookup of a short word does not load the whole index for it)."""
        core = self._loose_core or None
        got = None if core is None else core.skeleton_hits(key, SKELETON_SIMILARITY_MIN)
        if got is None:
            return self._skeleton_hits_python(key, ceiling)
        return [(v, "skeleton", min(ceiling, SKELETON_SCORE_BASE + sim * SKELETON_SCORE_FACTOR)) for v, sim in got]

    def _skeleton_hits_python(self, key: str, ceiling: float) -> list[tuple[int, str, float]]:
        """``_skeleton_hits`` in Python (the twin of ``_core.LooseIndex.skeleton_hits``)."""
        skel = _key_skeleton(key)
        if len(skel) < SKELETON_MIN:
            return []
        from rapidfuzz import fuzz

        kept = self._skeletons
        if kept is None:
            kept = self._skeletons = {}
        named = kept.get(skel)
        if named is None:
            # the variants of a skeleton loose matching may return, with their folded text:
            # the same for every key of that skeleton (the misspellings of one name)
            if len(kept) >= SKELETON_MEMO:
                kept.clear()
            variant = self.index.variant
            named = kept[skel] = [
                (v, fold(variant(v)[_VARIANT_TEXT]))
                for v in self._postings(skel, 1)
                if self._loose_ok(v) and not self._far_village(variant(v)[0])
            ]
        out = []
        for v, text in named:
            sim = fuzz.ratio(key, text)
            if sim >= SKELETON_SIMILARITY_MIN:
                out.append((v, "skeleton", min(ceiling, SKELETON_SCORE_BASE + sim * SKELETON_SCORE_FACTOR)))
        return out

    # ---------------------------------------------------------- readings
    def _readings(self, key: str) -> list[tuple[str, str | None]]:
        """Ways to read a query: whole, without a preposition, without a cue word."""
        out: list[tuple[str, str | None]] = [(key, None)]
        words = key.split()
        if len(words) >= 2 and words[0] in RU_PREPOSITIONS and not _INITIAL(self._typed[1]):
            # (a preposition, not an initial: "V. Artashat" is Verin Artashat, respell.py)
            words = words[1:]
            out.append((" ".join(words), None))
        if len(words) >= 2:
            for cut in (1, 2):
                if len(words) > cut:
                    group = cue_after(" ".join(words[-cut:]))
                    if group is None and cut == 1:
                        # inflected cue: rayonunda, şəhərində, района
                        for lemma, _ in self._lemmas(words[-1], self._cyrillic):
                            group = cue_after(lemma)
                            if group:
                                break
                    if group:
                        out.append((" ".join(words[:-cut]), group))
                        break
            # "city of Fuzuli", "villages of Gabriel": a cue ending within the first three words
            for n in (3, 2, 1):
                if len(words) > n:
                    group = cue_before(words[:n])
                    if group:
                        out.append((" ".join(words[n:]), group))
                        break
        return out

    def _generic_readings(self, key: str) -> list[tuple[str, str, frozenset[str]]]:
        """A query without a generic word (lang/<code>/generic_words.tsv) after the name
        ("Fuzuli seheri", "Zengilan kendi", "Մարտունի քաղաքում", "X р-н") or before it
        ("село Талыш", "пункт пропуска Маргара"): (the name, the cue group, the kinds the
        word names), read as :func:`_phrase_readings` reads them."""

        def lemmas_of(word: str) -> list[str]:
            return [lemma for lemma, _ in self._lemmas(word, self._cyrillic)]

        return [
            (name, _group_of(kinds), _named_kinds(kinds))
            for name, kinds in _phrase_readings(key, GENERIC_WORDS, lemmas_of)
        ]

    def _modified_readings(
        self, query: str, generic: list[tuple[str, str, frozenset[str]]]
    ) -> list[tuple[str, str, frozenset[str]]]:
        """The generic readings with the descriptive words between the name and its generic
        word left out ("Aghali smart village", "X new village", "Х новое село", "X yeni
        qəsəbəsi": the name with its generic word): up to MODIFIER_WORDS_MAX words at the end
        of the name's part, each typed in lower case (the query is not) and each a common
        word of the languages that is no generic word; at least one word stays."""
        if query.islower() or not generic:
            return []
        typed = {fold(w): w for w in query.split()}
        out = []
        for sub, group, kinds in generic:
            words = sub.split()
            dropped = 0
            while len(words) > 1 and dropped < MODIFIER_WORDS_MAX and self._modifier(words[-1], typed):
                words.pop()
                dropped += 1
            if dropped:
                out.append((" ".join(words), group, kinds))
        return out

    def _last_word_alike(self, v: int, last: str) -> bool:
        """Is the last word of a variant's folded name at most one edit from ``last``?"""
        from rapidfuzz.distance import OSA

        words = fold(self._variant(v).text).split()
        return bool(words) and OSA.distance(words[-1], last, score_cutoff=1) <= 1

    def _modifier(self, word: str, typed: dict[str, str]) -> bool:
        """Is a folded word of the query a descriptive word (a lower-case common word that
        no generic word reads)?"""
        written = typed.get(word)
        if not written or not written.islower() or self._generic_word(word):
            return False
        # a common word as spelled in its own script (the folded list mixes the languages:
        # "rain" is no Russian райн), or a Latin word with an ending on one (xalısı: xalı's
        # possessive, "rug of")
        if self.index.is_common_spelling(spelling(written)):
            return True
        common = self.index.is_common_word
        return not self._cyrillic and any(common(lemma) for lemma, _ in self._lemmas(word, False))

    def _generic_word(self, word: str) -> bool:
        """Does a folded word (or one of its lemmas) name a kind of place (a generic word or
        a feature word)?"""
        for table in (GENERIC_WORDS, FEATURE_WORDS):
            if (word, False) in table or (word, True) in table:
                return True
        return any(
            (lemma, False) in GENERIC_WORDS or (lemma, False) in FEATURE_WORDS
            for lemma, _ in self._lemmas(word, self._cyrillic)
        )

    def _kind_word_alone(self, key: str) -> bool:
        """Is a key a generic or feature word by itself (aşırımı, перевал, ամրոց), and neither
        a known name (Vank, a village; Qala) nor one's case (Berdi, a case of Berd, is also
        the Armenian բերդը folded)? Such a word names no place: no misspelling is read."""
        if (key, False) not in GENERIC_WORDS and (key, True) not in GENERIC_WORDS:
            if (key, False) not in FEATURE_WORDS and (key, True) not in FEATURE_WORDS:
                return False
        return not self._postings(key) and not self._lemma_postings(key, self._cyrillic)

    def _feature_hits(self, reading: FeatureReading, cyrillic: bool) -> list[tuple[int, str, float]]:
        """The places of the kinds a feature word names that a query with the word reads,
        each with the method and score its name was read by: a place named so ("Dadivank
        manastırı": the monastery), or a feature named after the name read ("перевал Сотк",
        "Зодский перевал": Sotk Pass, also called Zod pass; "Tatev manastırı": Tatev Monastery),
        one of whose names is that name and a word for the same feature (_namesakes).
        A place whose names say what feature it is (Tatev Monastery, also "Tatev") is one
        only for a word for that feature ("Tatev qalası" is no fortress). [] when none is:
        the query is then read as it is without the word."""
        word = reading.word
        found = self.match_key(reading.name, cyrillic=cyrillic) if reading.name else []
        if not found:
            return []
        variant, place = self._variant, self._place
        known = self._namesakes()
        out = [h for h in found if self._is_feature(variant(h[0]).place, word, known)]
        for v, method, score in found:
            row = variant(v)
            for feature in word.features:
                named = (
                    *known.by_name.get((feature, fold(row.text)), ()),
                    *known.by_place.get((feature, row.place), ()),
                )
                out += [(f, method, score) for f in named if place(variant(f).place).kind in word.kinds]
        return out

    def _is_feature(self, i: int, word: FeatureWord, known: Namesakes) -> bool:
        """Is place ``i`` of a kind the feature word names, and, if its names say what feature
        it is (Namesakes.features: a monastery by "Tatev Monastery"), that feature?"""
        if self._place(i).kind not in word.kinds:
            return False
        own = known.features.get(i)
        return not own or not own.isdisjoint(word.features)

    def _namesakes(self) -> Namesakes:
        """The features named after a name or a place (Namesakes), read off the variants of
        the places of FEATURE_KINDS that are a name and a feature word (lang/<code>/
        feature_words.tsv, read as the variant is written: "Tatev Monastery", "Տաթևի վանք",
        "Zod pass"). The name is the variant less the word as written when that is a known
        name, else its last word's lemmas that are (the Armenian genitive Տաթևի, the Russian
        adjective Шушинская). Made on first use, from the few hundred variants of those kinds."""
        known = self._namesake_links
        if known is not None:
            return known
        known = Namesakes({}, {}, {})
        index = self.index
        vids = index.variants_of_kinds(FEATURE_KINDS)
        index.read_rows(tuple(vids))
        for v in vids:
            row = self._variant(v)
            text, kind = row.text, self._place(row.place).kind
            for reading in _feature_readings(fold(text), lambda _word: ()):
                if not reading.name or kind not in reading.word.kinds:
                    continue
                known.features.setdefault(row.place, set()).update(reading.word.features)
                for name in self._name_keys(reading.name, text):
                    bearers = [self._variant(n) for n in self._postings(name)]
                    # the places bearing the name as their own, unless it is the feature's own too
                    own = {other.place for other in bearers if other.type in OWN_NAME_TYPES}
                    after = () if any(other.place == row.place for other in bearers) else own
                    for feature in reading.word.features:
                        known.by_name.setdefault((feature, name), []).append(v)
                        for i in after:
                            known.by_place.setdefault((feature, i), []).append(v)
        self._namesake_links = known
        return known

    def _name_keys(self, key: str, text: str) -> list[str]:
        """A folded name read off a variant's text as written: the key itself when it is a
        known name, else its last word's lemmas that are (as that word is written in
        ``text``: Տաթևի -> tatev, Шушинская -> shusha), else none."""
        if self._postings(key):
            return [key]
        last = key.rpartition(" ")[2]
        typed = next((w for w in text.split() if fold(w) == last), "")
        forms = word_lemmas(typed, key) if typed else lemmas(key, russian=is_cyrillic(text))
        return [lemma for lemma, _ in forms if self._postings(lemma)]

    def _narrow_first(self, query: str) -> str:
        """An address line written from the broadest part ("Füzuli r., Arış k.",
        "Ходжавендский р-н, с. Туг", "Tavush marz, Voskepar") turned round so the place
        comes first and what holds it after ("Arış k., Füzuli r."), as the qualified
        readings read it; any other query as it is. The first part must name a country,
        region or district, and the last part must not."""
        parts = [p.strip() for p in query.split(",")]
        parts = [p for p in parts if p]
        if len(parts) < 2 or self._names_an_area(parts[-1]):
            return query
        first = self._names_an_area(parts[0])
        # (a name of a district alone is also a village's: "Ağdam, Dondar Quşçu" is the village
        # Ağdam near that town, unless a generic word says which is the area)
        if first == "generic" or (first and self._generic_kinds(parts[-1]) - QUALIFIER_KINDS):
            return ", ".join(reversed(parts))
        return query

    def _generic_kinds(self, part: str) -> frozenset[str]:
        """The kinds the generic word of a part names ("Arış k.": village), or none."""
        key = fold(part)
        return frozenset().union(*(kinds for sub, _g, kinds in self._generic_readings(key) if sub))

    def _names_an_area(self, part: str) -> str:
        """Does a part of an address name a country, region or district: "generic" with
        its generic word ("Füzuli r.", "Tavush marz", "Ходжавендский р-н"), "name" by its
        name alone ("Füzuli"), "" not."""
        key = fold(part)
        if not key:
            return ""
        for sub, _group, kinds in self._generic_readings(key):
            if sub and kinds & QUALIFIER_KINDS and self._qualifier(sub):
                return "generic"
        if self._qualifier(key):
            return "name"
        top = self.lookup(part)[:1]
        if top and self._place(top[0].place).kind in QUALIFIER_KINDS:
            # a name of the area in a form only the full lookup reads (an adjective, a case)
            return "generic" if fold(self._variant(top[0].variant).text) != key else "name"
        return ""

    def _qualifier(self, key: str) -> tuple[int, ...]:
        """The places a qualifier names by a known name (countries, regions or districts),
        most important first, or (): "Shusha" names the city's unit and the district, and a
        village may be filed under either. Kept per key and what else it reads (the query's
        script, the Armenian word of the key's last word): the same qualifiers ("rayonu",
        "Armenia", a district) are read for query after query."""
        memo = (key, self._cyrillic, self._armenian_word(key))
        kept = self._qualifiers
        if kept is None:
            kept = self._qualifiers = {}
        got = kept.get(memo)
        if got is None:
            if len(kept) >= QUALIFIER_MEMO:
                kept.clear()
            got = kept[memo] = self._qualifier_uncached(key)
        return got

    def _qualifier_uncached(self, key: str) -> tuple[int, ...]:
        country = SOVIET_REPUBLICS.get(key)
        if country:
            return self._qualifier(country)  # "Армянская ССР": the country it became
        found: dict[int, float] = {}
        for v, _method, _score in self.match_key(key, loose=False, cyrillic=self._cyrillic):
            variant = self._variant(v)
            place = self._place(variant.place)
            if place.kind in QUALIFIER_KINDS and not variant.needs_context:
                found[variant.place] = place.importance
                # the region above it whose name begins with the qualifier ("Nakhchivan": the
                # city's district and the Nakhchivan Autonomous Republic around it)
                above = self.index.place_index(place.parent) if place.parent else None
                if above is not None and fold(self._place(above).name).startswith(key + " "):
                    found[above] = self._place(above).importance
                self._namesake_region_above(place, found)
            elif place.kind in TOWN_KINDS and place.parent and not variant.needs_context:
                # a town that names its district ("Umudlu (Tərtər)": the Tartar district, whose
                # bare name is the town's): the district too, so that the name's places inside
                # it rank by it, not by their distance to the town
                above = self.index.place_index(place.parent)
                district = self._place(above) if above is not None else None
                if district is not None and district.kind == "district" and _namesake(place, district):
                    found[above] = district.importance
                    self._namesake_region_above(place, found, district)
        if not found and " " in key:
            first, _, rest = key.partition(" ")
            if first in RU_PREPOSITIONS or first in LEXICON.locative_prepositions:
                return self._qualifier(rest)  # "в Товузском районе", "in Tovuz"
            # a qualifier with its generic word in another language's grammar: "Товузского
            # района" (a genitive adjective), "Tovuz rayonunun", "Tavushi marzi": the area its
            # name names, read without the word (one level: "района" alone names nothing)
            for sub, _group, kinds in self._generic_readings(key):
                if sub and kinds & QUALIFIER_KINDS:
                    for i in self._qualifier(sub):
                        found.setdefault(i, self._place(i).importance)
        return tuple(sorted(found, key=lambda i: -found[i]))

    def _namesake_region_above(self, place: PlaceRow, found: dict[int, float], under: PlaceRow | None = None) -> None:
        """Add to ``found`` the region above ``under`` (else above ``place``) that bears
        ``place``'s name and a generic word in one of its languages: whichever spelling named
        the town ("Нахичевань", "Nakhichevan"), the Nakhchivan Autonomous Republic around its
        city's district, so "Ордубад, Нахичевань" finds Ordubad in the republic."""
        start = under if under is not None else place
        above = self.index.place_index(start.parent) if start.parent else None
        if above is None:
            return
        region = self._place(above)
        # (the town's name and a space as written: "Shirvan-Salyan Economic Region" is named
        # after two towns, and is no qualifier of either)
        pairs = ((place.name, region.name), (place.name_az, region.name_az), (place.name_ru, region.name_ru))
        if region.kind == "region" and any(r.startswith(t + " ") for t, r in pairs if t and r):
            found.setdefault(above, region.importance)

    def _qualified_readings(self, query: str, key: str) -> list[tuple[str, tuple[int, ...]]]:
        """A name and the place its qualifier names: "Martuni (Armenia)", "Armenia's Martuni",
        "Мартуни Армения", "Հայաստանի Մարտունի" -> ("martuni", Armenia)."""
        pairs = []
        # (each pattern tried only on a query with its bracket or apostrophe)
        m = _PARENTHESIS.match(query) if "(" in query else None
        if m:
            pairs.append((fold(m[1]), m[2]))
        m = _POSSESSIVE.match(query) if _has_apostrophe(query) else None
        if m:
            pairs.append((fold(m[2]), m[1]))
        head, comma, tail = _split_qualified(query)
        if comma:
            pairs.append((fold(head), tail))
        words = key.split()
        for cut in (1, 2, 3):
            # (three words: a district's name and an abbreviation folded into two, "Товузского р-на")
            if len(words) > cut:
                pairs.append((" ".join(words[:-cut]), " ".join(words[-cut:])))
                pairs.append((" ".join(words[cut:]), " ".join(words[:cut])))
        out = []
        for head, qual in pairs:
            if head and qual:
                q = self._qualifier_parts(qual)
                if q:
                    out.append((head, q))
        return out

    def _qualifier_parts(self, text: str) -> tuple[int, ...]:
        """The areas a qualifier names, of one part or of several separated by commas,
        narrowest first ("Tavush, Armenia", "Füzuli rayonu, Azərbaycan"): the first part's
        areas, kept to those inside what the parts after it name when any is (each part
        that names no area is passed over)."""
        if "," not in text:
            return self._qualifier(fold(text))
        found = [q for q in (self._qualifier(fold(part)) for part in text.split(",") if part.strip()) if q]
        if not found:
            return ()
        narrow = found[0]
        for broad in found[1:]:
            inside = tuple(i for i in narrow if any(self._inside(self._place(i), b) for b in broad if b != i))
            if inside:
                narrow = inside
        return narrow

    def _inside(self, place: PlaceRow, q_i: int) -> float:
        """How surely a place lies in the country, region or district ``q_i``: QUALIFIER_BOOST
        by country code or by its chain of parents, QUALIFIER_NEAR_BOOST when only near the
        qualifier's point (a river, a place the table gives no parent), else 0."""
        from .geo import km

        q = self._place(q_i)
        if q.kind == "country":
            return QUALIFIER_BOOST if place.country == q.country else 0
        if KIND_BREADTH.get(place.kind, 3) <= KIND_BREADTH[q.kind]:
            return 0  # a region is in no district ("Martuni" names a district too)
        parent = place.parent
        for _ in range(4):
            if not parent:
                break
            if parent == q.id:
                return QUALIFIER_BOOST
            i = self.index.place_index(parent)
            if i is None:
                break
            above = self._place(i)
            if above.kind == q.kind == "district":
                # another district's place (districts do not overlap, regions may: Karabakh,
                # the Karabakh economic region), unless it lies on the boundary
                return QUALIFIER_NEAR_BOOST if self._near_boundary(place, q) else 0
            parent = above.parent
        near = place.country == q.country and km(place.lat, place.lon, q.lat, q.lon) <= QUALIFIER_KM
        return QUALIFIER_NEAR_BOOST if near else 0

    def _near_boundary(self, place: PlaceRow, district: PlaceRow) -> bool:
        """Does a place lie within QUALIFIER_EDGE_KM of a district's polygon?"""
        from .boundaries import distance_km, load_districts

        if self._districts is None:
            self._districts = load_districts()
        polygon = self._districts.get(district.id)
        return polygon is not None and distance_km(polygon, place.lat, place.lon) <= QUALIFIER_EDGE_KM

    # ---------------------------------------------------------- ranking
    def _rank(self, v: int, method: str, score: float, group: str | None) -> Candidate:
        place_i, _text, _lang, vtype, ctx = self.index.variant(v)  # (a VariantRow's fields)
        ctx = bool(ctx)
        place = self._place(place_i)
        rank = prior(score, place.kind, place.importance, vtype, ctx, group)
        return Candidate(place_i, v, method, score, rank, ctx and group is None, group)

    def _known_key(self, key: str, query: str) -> tuple[Candidate, ...] | None:
        """The answer for a query decided early (early.answer: a known name, or one word with
        a Turkic ending on one), or None (then the full lookup decides). It is what the full
        lookup returns, without the readings it would not use. A query the compiled twin of
        early.answer (``_core.Lookup``) has just left undecided (``undecided``, set by
        batch_lookup.py) is not asked again."""
        if query == self.undecided:
            return None
        return early.answer(query, key, self._early)

    def _lookup_uncached(self, query: str) -> tuple[Candidate, ...]:
        query = _without_item_number(query)
        spelled = two_letter_reading(query)
        if spelled:
            # š, ž, č read as the two letters they stand for in every alphabet that writes them
            # (ISO 9, Czech, the Baltic languages), which folding loses (Talyš is Talysh, not
            # Talis): that reading first, when it reads a name as written; else as before
            got = self._lookup(spelled)
            if got and got[0].method in early.REGION_METHODS:
                return tuple(
                    Candidate(c.place, c.variant, "transcription", TRANSCRIPTION_SCORE, c.rank, c.needs_context, c.cue)
                    for c in got
                )
        if "/" in query and "," not in query:
            agreed = self._cell_spellings(query)
            if agreed is not None:
                return agreed
        if "," in query:
            query = self._narrow_first(_without_streets(query))
        key = fold(query)
        if not key:
            return ()
        if (
            early.english_adjective(query, ADJECTIVE_STEMS)
            and not self._postings(key)
            and any(self._postings(k) for k in (early.less_adjective_ending(key) or key, *self._early.lemmas(key)))
        ):
            # Karabakhi, Karabakhis: an English adjective or people's word on a name, not a
            # Turkic case of it nor a misspelling (where the name less -i/-is, or a Turkic
            # lemma as early.answer reads, is known)
            return ()
        got = self._known_key(key, query)
        if got is not None:
            # the state a full lookup leaves for the query (read by the methods it calls)
            self._cyrillic = is_cyrillic(query)
            self._script = script(query)
            self._armenian = {}
            return got
        if "," not in query:
            line = self._address_phrase(query)
            if line:
                return self._lookup_uncached(line)
        return self._full_lookup(query, key)

    def _cell_spellings(self, query: str) -> tuple[Candidate, ...] | None:
        """Two or three spellings of one name in one spreadsheet cell ("Arış / Arish",
        "Cebrail/Jabrayil"): when every part reads as the same place, the first part's answer;
        None when a part reads as nothing or the parts disagree (then the whole query is read
        as usual)."""
        parts = [p.strip() for p in query.split("/")]
        if not 2 <= len(parts) <= CELL_SPELLINGS_MAX or not all(parts):
            return None
        answers = [self._lookup(p) for p in parts]
        tops = {a[0].place if a else None for a in answers}
        if None in tops or len(tops) != 1:
            return None
        return answers[0]

    def _address_phrase(self, query: str) -> str:
        """An address written as one phrase, the area with its generic word first and the
        place after it ("Füzuli rayonu Arış kəndi", the district's genitive "Füzuli rayonunun
        Arış kəndi"), as the address line "Füzuli rayonu, Arış kəndi"; "" for any other
        query. The split falls after the first word that is a generic word of an area (a
        district, region or country), and the part before it must name one."""
        words = query.split()
        for cut in range(1, len(words) - 1):
            folded = fold(words[cut])
            kinds = GENERIC_WORDS.get((folded, False))
            if kinds is None:
                for lemma, _ in lemmas(folded, russian=is_cyrillic(words[cut])):
                    kinds = GENERIC_WORDS.get((lemma, False))
                    if kinds:
                        break
            if kinds and kinds & QUALIFIER_KINDS:
                first, rest = " ".join(words[: cut + 1]), " ".join(words[cut + 1 :])
                if self._names_an_area(first) == "generic":
                    return f"{first}, {rest}"
                return ""
        return ""

    def _full_lookup(self, query: str, key: str) -> tuple[Candidate, ...]:
        """Every reading of a query not decided early: the methods of match_key on the whole
        key, then on the readings without a preposition, cue, generic word or qualifier."""
        best: dict[int, Candidate] = {}
        named: set[str] = set()  # the kinds a generic word names, once a place of one is read

        def consider(hits, group, kinds=frozenset()):
            for v, method, score in hits:
                cand = self._rank(v, method, score, group)
                if kinds and self._place(cand.place).kind in kinds:
                    cand.rank += GENERIC_KIND_FITS  # "kəndi": the village rather than the town
                    named.update(kinds)
                prev = best.get(cand.place)
                if prev is None or cand.rank > prev.rank:
                    best[cand.place] = cand

        self._cyrillic = cyr = is_cyrillic(query)
        self._script = script(query)
        self._typed = (key, query.strip().lower())
        # the Armenian words of the query, by their folded key: their endings are read on
        # the Armenian letters (Մարտունու շրջան -> Մարտունի)
        self._armenian = {fold(w): w for w in query.split() if script(w) == "armenian"} if _has_armenian(query) else {}
        if key in ORG_NAMES or (query.islower() and any(hy_common(w) for w in self._armenian.values())):
            return ()  # Կարմիր Խաչ (the Red Cross), ջրամբար (a reservoir): no place by itself
        if not cyr and self._script == "latin" and not self._armenian and self.compiled is not None:
            got = self._full_word(query, key)  # (a batch: a word in Latin letters in one call)
            if got is not None:
                return got
        if self._kind_word_alone(key):
            return ()  # aşırımı, перевал, ամրոց: a word for a kind of place, no misspelt name
        bare = cyr and " " not in key and not self._postings(key)
        if bare and (is_russian_adjective(key) or key.endswith(RUSSIAN_DEMONYM_ENDINGS)):
            # карабахский, шушинцы: an adjective or a people's name, a place only beside a kind
            # word ("Шушинский район", read as its generic reading); a known name as written
            # is no such word (Лицъи)
            return ()
        whole = self.match_key(key, cyrillic=cyr)
        if (
            whole
            and " " in key
            and not query.islower()
            and self._modifier(key.rsplit(" ", 1)[1], {fold(w): w for w in query.split()})
        ):
            # a name and a lower-case common noun that names no kind of place ("Karabağ
            # halısı", a Karabakh carpet; "Шуша коньяк"): no misspelling of another place's
            # name (Qarabağ yaylası, the plateau) whose last word is another word; a typo in
            # a name's last word ("Aghoghlan monastir", "Birinji pak") stays a typo
            last = key.rsplit(" ", 1)[1]
            whole = [h for h in whole if h[1] in NAME_METHODS or self._last_word_alike(h[0], last)]
        if not any(method in NAME_METHODS for _v, method, _s in whole) and 0 < key.count(" ") < 3:
            # a name typed in two or three words ("Khan kendi", "Ağ Dərə"): the name as written
            joined = [(v, "folded", METHOD_SCORE["folded"]) for v in self._split_name(key)]
            whole = joined or whole
        consider(whole, None)
        prominent = self._prominent_readings(key, whole)
        consider(prominent, None)
        # A name that exists as written wins ("Ganja City" is the city unit): cue and
        # preposition readings are only tried when the whole query is no known name.
        placed_inside: set[tuple[int, ...]] = set()  # qualifiers that hold one of the head's places
        near_read = False  # the head's places were ranked by their distance to what the tail names
        if not any(method == "folded" for _v, method, _s in whole):
            readings = self._readings(key)  # (read once: the respellings below read them again)
            for sub, group in readings[1:]:
                if sub:
                    consider(self.match_key(sub, cyrillic=cyr), group)
            generic = self._generic_readings(key)
            for sub, group, kinds in generic:
                consider(self.match_key(sub, cyrillic=cyr), group, kinds)
            # a landmark, pass or natural feature with its feature word: the places of the
            # word's kinds it names, if any ("Tatev manastırı", "перевал Сотк")
            for reading in _feature_readings(key, lambda word: [lemma for lemma, _ in self._lemmas(word, cyr)]):
                kinds = reading.word.kinds
                consider(self._feature_hits(reading, cyr), _feature_group(kinds), kinds)
            if not best:
                # no name read yet: the name with its generic word, descriptive words left out
                # (never when the words are part of a name: "Bakı iqtisadi rayonu")
                modified = self._modified_readings(query, generic)
                for sub, group, kinds in modified:
                    consider(self.match_key(sub, cyrillic=cyr), group, kinds)
                generic += modified
            # the same readings with a word respelled (respell.py: "N. Karmiraghbyur",
            # "Kırmızı Pazar köyü"), each a name as written only
            # (a word read through an ending is answered early, with no respelling: the same)
            respell = " " in key or not any(method in NAME_METHODS for _v, method, _s in whole)
            for sub, group, kinds in [(s, g, frozenset()) for s, g in readings] + generic:
                for other in respellings(sub) if respell else ():
                    consider(self._respelled_hits(other), group, kinds)
            if not best and cyr:
                for other in _suffix_vowel_readings(query):
                    consider(self._respelled_hits(other), None)
            for head, qs in self._qualified_readings(query, key):
                for v, method, score, fit in self._head_hits(head):
                    cand = self._rank(v, method, score, None)
                    cand.rank += fit
                    place = self._place(cand.place)
                    inside = max(self._inside(place, q) if cand.place != q else 0 for q in qs)
                    if inside:
                        cand.rank += inside  # the Martuni of the Armenia named with it
                        placed_inside.add(qs)
                        prev = best.get(cand.place)
                        if prev is None or cand.rank > prev.rank:
                            best[cand.place] = cand
        head, comma, tail = _split_qualified(query)
        bracket = _PARENTHESIS.match(query) if "(" in query else None
        if not comma and bracket and not any(method == "folded" for _v, method, _s in whole):
            # "Agarak (Meghri)": the same, unless the whole is a name ("Nuuk (Godthåb)")
            head, comma, tail = bracket[1], "(", bracket[2]
        quals = self._qualifier_parts(tail) if comma else ()
        if comma and (not quals or (quals not in placed_inside and self._place(quals[0]).kind != "country")):
            # "Sofulu, Cəbrayıl", "Agarak (Meghri)" (a town), "Vank, Martakert" (a district
            # by its other era's name, whose places the table files under another): the
            # head's places nearest to it; a country, region or district after the comma
            # that holds one of the head's places was read above as a qualifier
            consider_near = self._resolve_within(head, tail)
            if quals:
                # a district that holds none of the name's places: only a village may be filed
                # under a neighbour (districts redrawn between eras), never a town or the seat
                # of another district ("Lachin (Qubadli)" stays unanswered)
                consider_near = [c for c in consider_near if self._near_village(c, tail)]
            near_read = bool(consider_near)
            if consider_near:
                for cand in consider_near:
                    prev = best.get(cand.place)
                    if prev is None or cand.rank > prev.rank:
                        best[cand.place] = cand
        if named:
            for cand in best.values():
                if self._place(cand.place).kind not in named:
                    cand.rank -= GENERIC_KIND_MISFIT
        if not best:
            for cand in self._layout_readings(key):
                best[cand.place] = cand
        variant = self.index.variant
        if best and " " not in key and ((self._armenian and self._guard(key) > 1) or key in ARMENIAN_WORD_KEYS):
            # an Armenian common word or first name (Աղավնի, 'dove' and a woman's name) names
            # a place only by the place's own Armenian-script name as written: its letters
            # folded to a Latin transliteration of another name (Aghavni, a variant of Zabukh,
            # whose Armenian name is Աղավնո) are a coincidence of romanisation, not the name
            best = {i: c for i, c in best.items() if not self._other_armenian_name(c, key)}
        if not best:
            return ()  # (nothing read: nothing to mark, prefer or tie)
        early.mark_exact(best.values(), query.strip(), lambda v: variant(v)[_VARIANT_TEXT], self._place)
        early.prefer_region(best, self._place, CONFLICT_BOX, lambda v: variant(v)[_VARIANT_LANG])
        early.prefer_renamed(best, self._place, CONFLICT_BOX, lambda v: variant(v)[_VARIANT_TYPE])
        _prefer_region_loosely(best, self._place, lambda v: variant(v)[_VARIANT_LANG])
        if not placed_inside and not near_read:
            # a qualifier or a place named beside it decides before attestation does
            early.prefer_attested(best, self._place)
        early.prefer_as_written(best, self._place)
        if prominent:
            _prefer_prominent(best, {self._variant(v).place for v, _m, _s in prominent})
        out = tuple(sorted(best.values(), key=lambda c: -c.rank))
        if out and out[0].method in SHARED_NAME_METHODS and not (comma or named or placed_inside or near_read):
            # another spelling of a name villages share: tied as the name itself ties them
            out = early.as_shared_name(
                out, key, query.strip(), self._place, lambda name, k: early.answer(name, k, self._early)
            )
        if len(out) > 1 and out[0].method in LOOSE_READINGS and not (comma or named or placed_inside or near_read):
            out = self._as_name_misspelt(out, query.strip())
        return out

    def _full_word(self, query: str, key: str) -> tuple[Candidate, ...] | None:
        """``_full_lookup``'s answer for a query of one word in Latin letters (a plain ASCII
        key) with no bracket, comma, colon or slash, and no apostrophe unless it holds no
        space (Buludul'dan; not "Armenia's Martuni"), in a batch (``compiled``):
        read in the crate in one call (``_core.LooseIndex.full_word``: match_key of the key
        by ``match_word``, ranked and preferred as the lines below rank and prefer them, the
        places of a shared name and of a misspelling tied as here); None where the lines
        below answer (every other query, a reading the crate leaves to them, and the twin,
        ``_full_word_python``). Not inside a misspelling's own lookup (``_misspelt_of``)."""
        if " " in key or not key.isascii() or self._misspelt_of is not None:
            return None
        core = self._compiled_loose()
        full_word = getattr(core, "full_word", None)  # (a core built before it: none)
        if full_word is None:
            return None
        got = full_word(self.compiled, query, key, self._typed[1])
        return None if got is None else tuple(Candidate(*c) for c in got)

    def _full_word_python(self, query: str, key: str) -> tuple[Candidate, ...] | None:
        """``_full_word``'s twin: None, so that ``_full_lookup``'s own lines answer."""
        return None

    def _as_name_misspelt(self, out: tuple[Candidate, ...], query: str) -> tuple[Candidate, ...]:
        """A misspelling read as a name several places bear (Vernashan: the Vernashens of
        Vayots Dzor and of Lachin; Chinnari: Chinari and Ch'inari) ranks them as a lookup of
        that name ranks them: the readings tied at the best score whose variants fold as the
        best one's keep their positions and ranks, in the name's order (a slip of the pen says
        nothing of which of them is meant). The name is the one of theirs nearest the query
        as typed (Qaradğlı: Qaradağlı, not the English Garadaghli the reading went through).
        ``out`` as it is for fewer than two, or when names of two spellings are as near."""
        best = out[0]
        key = fold(self._variant(best.variant).text)
        at = [i for i, c in enumerate(out) if c.score == best.score and fold(self._variant(c.variant).text) == key]
        if len(at) < 2 or self._misspelt_of is not None:
            return out  # (nor inside the name's own lookup, which may read loosely too)
        # the name nearest the query of those the tied readings went through and their places'
        # own names (Jamilli for Jammilli, not Джамилли; then the first in order)
        names = dict.fromkeys(self._variant(out[i].variant).text for i in at)
        for i in at:
            p = self._place(out[i].place)
            names.update(dict.fromkeys(n for n in (p.name, p.name_az, p.name_ru, p.name_hy) if n))
        from rapidfuzz.distance import Levenshtein

        typed = query.lower()
        far = {n: Levenshtein.distance(typed, n.lower()) for n in names}
        nearest = [n for n in names if far[n] == min(far.values())]
        if len({fold(n) for n in nearest}) > 1:
            return out  # (Solanlı: Soltanlı or Sotlanlı, as near: the slip names neither)
        name = nearest[0]
        state = (self._cyrillic, self._script, self._armenian)
        self._misspelt_of = name
        try:
            # (not kept in the lookup cache: a name read loosely here is not reordered)
            order = {c.place: n for n, c in enumerate(self._lookup_uncached(name))}
        finally:
            self._cyrillic, self._script, self._armenian = state
            self._misspelt_of = None
        tied = sorted((out[i] for i in at), key=lambda c: order.get(c.place, len(order)))
        new = list(out)
        for i, c in zip(at, tied):
            new[i] = Candidate(c.place, c.variant, c.method, c.score, out[i].rank, c.needs_context, c.cue)
        return tuple(new)

    def _own_armenian_name(self, v: int) -> bool:
        """Is variant ``v`` its place's name in Armenian letters: a variant written so, or
        one that folds like the place's own Armenian name (name_hy)?"""
        text = self._variant(v).text
        if script(text) == "armenian":
            return True
        name_hy = self._place(self._variant(v).place).name_hy
        return bool(name_hy) and fold(name_hy) == fold(text)

    def _other_armenian_name(self, cand: Candidate, key: str) -> bool:
        """Was a candidate read as written (folded) off an untagged alternate name (lang und:
        a bulk import's alternates, in another script), while its place's own Armenian name
        (name_hy) is another word? A tagged name (Hoktember, the town's English and Soviet
        name, for Հոկտեմբեր) still reads the place."""
        if cand.method not in ("folded", "exact") or self.index.variant(cand.variant)[_VARIANT_LANG] != "und":
            return False
        name_hy = self._place(cand.place).name_hy
        return bool(name_hy) and script(name_hy) == "armenian" and fold(name_hy) != key

    def _split_name(self, key: str) -> list[int]:
        """The variants of a name typed in two or three words ("khan kendi": Khankendi), each
        word of two letters or more, of a place loose matching may return, needing no context."""
        words = key.split()
        if any(len(w) < 2 for w in words):
            return []
        joined = "".join(words)
        return [v for v in self._postings(joined) if self._loose_ok(v) and not self._variant(v).needs_context]

    def _prominent_readings(self, key: str, whole: list[tuple[int, str, float]]) -> list[tuple[int, str, float]]:
        """A one-word key that names small villages outside the conflict region only
        (early.small_only: Gorisa, a Georgian village; Horadis, Byurakn, Armenian ones) read
        as what a user means more often: a case of a prominent place (PROMINENT_IMPORTANCE:
        a town or city of the focus countries) by a Russian ending on a Cyrillic key or an
        Armenian one in Latin letters (Гориса: Goris's genitive; ARMENIAN_GENITIVE; not a
        Turkic ending: Gazakhlar is a village, not "the Gazakhs"), or a sound-alike edit of a
        prominent place's own name (Horadis: Horadiz). A prominent place within SAME_PLACE_KM
        of one of the villages is the same place filed twice (Artzvaberd, Artsvaberd): the
        village as named keeps it. [] for any other key."""
        if not whole or any(m != "folded" for _v, m, _s in whole):
            return []  # (a known key only, as early.answer leaves it)
        if not early.small_only(key, (v for v, _m, _s in whole), self._early):
            return []
        # (small_only: no village of the region, which is typed by its own name: Agaraki and
        # Gorisi are villages of Syunik as well as the genitives of Agarak and Goris)
        small = [self._place(self._variant(v).place) for v, _m, _s in whole]
        typed = self._typed[1]
        if self._cyrillic:
            lemma_keys = [lemma for lemma, _ in lemmas(key, russian=True)]
        else:
            lemma_keys = [] if self._script != "latin" else _armenian_latin(key)
            if self._script == "latin" and typed.endswith(ARMENIAN_GENITIVE) and len(key) > MIN_STEM:
                # the genitive, which _armenian_latin leaves out (a village's name ends in -i
                # as often): here only a prominent place's, typed with its i (Susay is no Šuša's)
                lemma_keys.append(key[: -len(ARMENIAN_GENITIVE)])
        # a case of the place's own name (canonical or official: not Oktember, a variant of
        # Hoktember, in Oktemberi), in Cyrillic one of the Russian cases of that name as
        # folded (Гориса: Goris + a; Зардаби is no case of Зардаб)
        out = [
            (v, "inflection", METHOD_SCORE["inflection"])
            for k in lemma_keys
            for v in self._postings(k)
            if self.index.variant(v)[_VARIANT_TYPE] in OWN_NAME_TYPES
            and (
                key in _russian_cases(fold(self._variant(v).text))
                if self._cyrillic
                else script(self._variant(v).text) == "latin"  # (Oktemberi: not Октембер's)
            )
        ]
        out += [
            (v, "fuzzy", EDIT_SCORE)
            for v in self._edit_hits(key)
            if self.index.variant(v)[_VARIANT_TYPE] == "canonical"
            and _sound_alike_edit(key, fold(self._variant(v).text))
        ]
        from .geo import km

        def apart(v: int) -> bool:
            p = self._place(self._variant(v).place)
            return all(km(p.lat, p.lon, q.lat, q.lon) > SAME_PLACE_KM for q in small)

        return [h for h in out if self._prominent(h[0]) and apart(h[0])]

    _prominent_set: frozenset[str] | None = None

    def prominent_keys(self) -> frozenset[str]:
        """The folded keys of the names of prominent places (``_prominent``) and each key less
        one letter: what early.near_prominent reads (made once, on first use, from the few
        prominent places' own names: a folded key (level 0) is a name folded)."""
        got = self._prominent_set
        if got is None:
            ix = self.index
            ix.materialise()  # (the places' rows in memory: each is read once here)
            rows = ix._places if ix._places is not None else [ix.place(i) for i in range(len(ix))]
            # (read off the rows as they are: a PlaceRow made of each of 14,000 places cost
            # about 50 ms, once a batch)
            kind, country, importance = (PlaceRow._fields.index(f) for f in ("kind", "country", "importance"))
            keys: set[str] = set()
            for i, row in enumerate(rows):
                if not _is_prominent(row[kind], row[country], row[importance]):
                    continue
                for text, _lang, vtype, needs_context, _source in ix.variants_of(i):
                    k = fold(text)
                    if k and not needs_context and vtype != "mt_error":
                        keys.add(k)
                        keys.update(k[:n] + k[n + 1 :] for n in range(len(k)))
            got = self._prominent_set = frozenset(keys)
        return got

    def _near_prominent(self, key: str) -> bool:
        return early.near_prominent(key, self.prominent_keys())

    def _prominent(self, v: int) -> bool:
        """Is variant v, needing no context, a name of a prominent place (``_prominent_place``)?"""
        place, _text, _lang, vtype, needs_context = self.index.variant(v)
        if needs_context or vtype == "mt_error":
            return False
        return self._prominent_place(self._place(place))

    @staticmethod
    def _prominent_place(p: PlaceRow) -> bool:
        """A town or city of PROMINENT_COUNTRIES of PROMINENT_IMPORTANCE or more? (A country
        is not: "Malay" is no misspelt Malawi.)"""
        return _is_prominent(p.kind, p.country, p.importance)

    def _respelled_hits(self, key: str) -> list[tuple[int, str, float]]:
        """match_key of a respelled key (respell.respellings), as a name as written only: a
        transcription of the query, not the name the user typed."""
        hits = self.match_key(key, loose=False, cyrillic=self._cyrillic)
        return [(v, "transcription", TRANSCRIPTION_SCORE) if m == "folded" else (v, m, s) for v, m, s in hits]

    def _head_hits(self, head: str) -> list[tuple[int, str, float, float]]:
        """match_key of a qualified name's head, each hit with what its kind adds to its rank;
        a head that is no name as written read without its generic word, the places of the
        kind it names raised by GENERIC_KIND_FITS and the others lowered by GENERIC_KIND_MISFIT
        ("Tavush village, Armenia"). A place of another kind is kept: the table files some
        villages as towns ("Çatax kəndi, Tovuz"), and only the places inside the qualifier
        are kept after this."""
        hits = self.match_key(head, cyrillic=self._cyrillic)
        hits = hits or [h for other in respellings(head) for h in self._respelled_hits(other)]
        whole = [(v, method, score, 0.0) for v, method, score in hits]
        if any(method in NAME_METHODS for _v, method, _s in hits):
            return whole
        out: list[tuple[int, str, float, float]] = []
        for sub, _group, kinds in self._generic_readings(head):
            found = self.match_key(sub, cyrillic=self._cyrillic)
            found = found or [h for other in respellings(sub) for h in self._respelled_hits(other)]
            for v, method, score in found:
                fits = self._place(self._variant(v).place).kind in kinds
                out.append((v, method, score, GENERIC_KIND_FITS if fits else -GENERIC_KIND_MISFIT))
        if whole and not any(method in NAME_METHODS for _v, method, _s, _f in out):
            # a misspelling of the whole head, where its name without the generic word is no
            # name as written either; a name as written beats it ("Ağalı kəndi" is Ağalı,
            # a village, not a misspelt Ağalıkənd)
            return whole
        return out

    def _layout_readings(self, key: str) -> list[Candidate]:
        """A one-word query no reading found, typed in the other keyboard layout ("дфсршт":
        Lachin): the places that matter (as for one edit: towns, districts, main villages of
        the region or a country) whose name the other layout's letters spell as written, as a
        transcription (a systematic reading, not a misspelling). Not for a word the loose
        methods are refused (a common word, a family name), nor under EDIT_MIN_LEN letters:
        an English word or abbreviation in the other layout spells a small village's name
        now and then ("fuels": агудш, Agudi), a town's seldom."""
        typed_key, typed = self._typed
        if key != typed_key or " " in typed or len(key) < LOOSE_MIN:
            return []
        other = fold(_other_layout(typed))
        hits = self._postings(other) if len(other) >= EDIT_MIN_LEN else ()
        # (the guards are read only for a reading that names a place: most queries name none)
        if not hits or self._guard(key) > 1 or self.index.is_common_word(other):
            return []
        out: dict[int, Candidate] = {}
        for v in hits:
            if self._edit_ok(v):
                cand = self._rank(v, "transcription", TRANSCRIPTION_SCORE, None)
                if cand.place not in out or cand.rank > out[cand.place].rank:
                    out[cand.place] = cand
        return list(out.values())

    def _near_village(self, cand: Candidate, tail: str) -> bool:
        """Is a candidate a village within WITHIN_KM of the place ``tail`` names?"""
        from .geo import km

        p = self._place(cand.place)
        where = self.lookup(tail.strip())
        if p.kind not in FAR_VILLAGE_KINDS or not where:
            return False
        w = self._place(where[0].place)
        return km(p.lat, p.lon, w.lat, w.lon) <= WITHIN_KM

    def _resolve_within(self, head: str, tail: str) -> list[Candidate]:
        """'Sofulu, Cəbrayıl rayonu': the head's candidates nearest to what the tail names."""
        from .geo import km

        where = self.lookup(tail.strip())
        heads = self.lookup(head.strip())
        if not where or not heads:
            return []
        wp = self._place(where[0].place)
        out = []
        for c in heads:
            p = self._place(c.place)
            d = km(p.lat, p.lon, wp.lat, wp.lon)
            boost = WITHIN_BOOST if (p.parent == wp.id or d <= WITHIN_KM) else 0
            out.append(
                Candidate(
                    c.place,
                    c.variant,
                    c.method,
                    c.score,
                    c.rank + boost - d / WITHIN_KM_PER_RANK,
                    c.needs_context,
                    c.cue,
                )
            )
        return out

    def lookup(self, query: str) -> tuple[Candidate, ...]:
        if len(query) > QUERY_MAX_CHARS:
            return ()
        return self._lookup(query)
