"""What the compiled rules need to know of one word that depends on the word alone: its
case and script, and whether it is a cue, an organisation, title or works word, a
function word... read from the language data (:mod:`gazetteer.lang`) and its
morphology (a word or one of its lemmas in a list).

The compiled engine asks :func:`word_facts` once per distinct word it cannot settle by
itself and keeps the answer: it makes the facts of a Latin-script word from the lists
:func:`lexicon_tables` hands it (crates/gazetteer-core/src/scan/lexicon.rs, and
``Engine.plain_facts`` for a plain ASCII word in no list; tests/test_engine_lexicon.py
and tests/test_engine_prefilter.py hold those to this), so a Cyrillic or Armenian word
reaches this function. The decisions that read these facts are the engine's rules
(crates/gazetteer-core/src/scan/rules/).
"""

# (no ``from __future__ import annotations``: typing.NamedTuple compiles every string
# annotation of TokenFacts into a ForwardRef, about 50 µs a field at every start; the
# annotations here are all types that exist when the class is made)

import re

from ..cues import PREFIX_CUES, SUFFIX_CUES
from ..inflection import is_russian_adjective, lemmas, word_lemmas
from ..lang import LEXICON
from ..lang.hy import is_common_noun as hy_noun
from ..lang.hy import is_common_word as hy_common
from ..lang.hy import is_derived_word as hy_derived
from ..lang.hy import is_family_name as hy_family
from ..lang.hy import is_venue_noun as hy_venue
from ..lang.hy.morphology import is_plural as hy_plural
from ..lang.ru.morphology import _RUSSIAN_ADJ_ENDINGS_T
from ..named import NamedTuple
from ..text.folding import fold
from ..text.scripts import ARMENIAN, ARMENIAN_LIGATURES, is_cyrillic, script
from ..text.tokens import APOSTROPHE, APOSTROPHES
from .vocabulary import Vocabulary
from .weights import PREFIX_CUE_MIN

__all__ = [
    "TokenFacts",
    "word_facts",
    "plural",
    "org_name_lemma",
    "FACT_WORDS",
    "FACT_TOKENS",
    "FACT_ENDINGS",
    "ARTICLES",
    "NEW",
    "LIST_WORDS",
    "hit_facts",
    "lexicon_tables",
]

OFFICE, ARTIST = 1, 2  # kinds of title before a person's name (see title_word)
CAPITALISED, ANY_CASE = 1, 2  # organisation words after a name (see org_word)

ARTICLES = LEXICON.articles  # an article before a name only ranks: the Araz is the river
NEW = LEXICON.foreign_name_heads  # New Mexico: the end of a name we lack
WORK_PREPOSITIONS = LEXICON.work_prepositions  # the ghazals of Fuzuli
# the words of lists as written: Armenian և, եւ, ու, which fold like other words
LIST_WORDS = frozenset(LEXICON.list_conjunctions)
VENUE_PREPOSITIONS = LEXICON.venue_prepositions
LOCATIVE_PREPOSITIONS = LEXICON.locative_prepositions
# endings of family names (Mirzoyan, Aliyev, Hasanova, Rzazade): the word after a
# place name with one of these makes the two a person's name ("Ararat Mirzoyan")
FAMILY_ENDINGS = LEXICON.family_endings
FUNCTION_WORDS = LEXICON.function_words  # words that start sentences without being names
# Words that make a quoted name a thing's: before the opening quote or just after the
# closing one (the club "Qarabağ", портвейн «Агдам», "Ağdam" muğam ansamblı).
QUOTED_NAME_WORDS = (
    LEXICON.quoted_name_words | LEXICON.org_words | LEXICON.org_words_any_case | LEXICON.org_words_as_written
)
# Cue words of Armenian only (folded): one that folds like a common word of another
# language ("get", the Armenian for river) is a cue only when written in Armenian.
_HY_ONLY_CUES = frozenset(
    fold(w) for name, langs in LEXICON.lists.items() if name.startswith("cues_") for w in langs.get("hy", ())
) - frozenset(
    fold(w)
    for name, langs in LEXICON.lists.items()
    if name.startswith("cues_")
    for lang, ws in langs.items()
    if lang != "hy"
    for w in ws
)
# plural cue words no ending shows: сёл (of the villages), сёла, села
_PLURAL_WORDS = LEXICON.plural_words
# plural endings: English -s, Azerbaijani and Turkish -lar/-ler..., Russian -ов, -ах, -ы
_PLURAL_TURKIC = tuple(dict.fromkeys(LEXICON.plural_endings["az"] + LEXICON.plural_endings["tr"]))
_PLURAL_LATIN = LEXICON.plural_endings["en"] + _PLURAL_TURKIC
_PLURAL_CYRILLIC = LEXICON.plural_endings["ru"]
# The Armenian block and the Armenian ligatures of the Alphabetic Presentation Forms
_ARMENIAN_LETTER = re.compile(f"[{ARMENIAN}{ARMENIAN_LIGATURES}]")

# Every word list a fact reads, folded (the word or a lemma of it in one): an ASCII word
# in none of them, with no hits and none of FACT_ENDINGS, has the plain facts of its case
# alone, which the engine makes itself (Engine.plain_facts)
FACT_WORDS = frozenset().union(
    SUFFIX_CUES,
    PREFIX_CUES,
    LEXICON.conjunctions,
    LEXICON.org_words,
    LEXICON.org_words_any_case,
    LEXICON.org_words_as_written,
    LEXICON.artist_titles,
    LEXICON.person_titles,
    LEXICON.work_words,
    FUNCTION_WORDS,
    VENUE_PREPOSITIONS,
    LOCATIVE_PREPOSITIONS,
    QUOTED_NAME_WORDS,
    LEXICON.given_names,
    LEXICON.name_titles_after,
    LEXICON.origin_prepositions,
)
# ... and as written (the word in one, or lower-cased)
FACT_TOKENS = frozenset().union(ARTICLES, NEW, LIST_WORDS, LEXICON.sports_words, WORK_PREPOSITIONS)


class TokenFacts(NamedTuple):
    """What the compiled rules need to know of one word that depends on the word alone
    (asked once per distinct word; the order is the crate's, src/scan/facts.rs)."""

    first_upper: bool  # token[:1].isupper()
    first_lower: bool  # token[:1].islower()
    upper: bool  # token.isupper()
    no_upper: bool  # no capital anywhere in it
    cyrillic: bool
    armenian: bool  # script(token) == "armenian"
    suffix_group: str | None  # cue group as a word after a name
    prefix_group: str | None  # cue group as one word before a name
    article: bool  # an article (the Araz)
    new_head: bool  # "New" of New Mexico
    list_word: bool  # a conjunction of lists as written (and, və, и, և)
    list_item: bool  # can be an item of a list of places (capitalised, or a place's name)
    conjunction: bool  # folded, a conjunction
    russian_adjective: bool  # folded, a Russian adjective's form
    hy_common: bool  # an Armenian common word
    hy_derived: bool  # an Armenian word derived from a name (a family name)
    org: int  # an organisation word after a name: 2 in any case, 1 capitalised
    title: int  # a title before a person's name: 2 an artist's, 1 an office
    work: bool  # a word for a poet's works
    work_preposition: bool  # token.lower() is "of", "by"... (the ghazals of Fuzuli)
    family_ending: bool  # folded, ends like a family name (-yan, -yev...)
    function_word: bool  # folded, a function word
    prefix_cue_word: bool  # folded, a cue phrase before a name
    suffix_cue_word: bool  # folded, a cue word after a name
    venue_preposition: bool  # folded, a preposition before a venue
    hy_noun: bool  # an Armenian common noun
    hy_family: bool  # an Armenian family name in a case
    hy_venue: bool  # an Armenian noun of a venue (stadium)
    lower: bool  # token.islower()
    locative: bool  # folded, a preposition of place (in, from; в, из)
    free_hit: bool  # the word alone names a variant that needs no context
    transliterated: bool  # matches only transliterations of names in other scripts
    quoted_name_word: bool  # a club, firm, work word by a quoted name
    given_name: bool  # folded, a given name (lang/<code>/given_names.txt: Kemal, Laçın)
    title_after: bool  # folded or a lemma, a title after a given name (xanım, bəy, ханум)
    origin: bool  # folded, a preposition of a person's home town (Vardan from Kapan)


# The endings a fact reads (family names, Russian adjectives), for Engine.plain_facts
FACT_ENDINGS = (*FAMILY_ENDINGS, *_RUSSIAN_ADJ_ENDINGS_T)


def _forms(token: str, key: str) -> tuple[str, ...]:
    """The word folded and its lemmas."""
    return (key, *(lemma for lemma, _ in word_lemmas(token, key)))


def cue_group(vocabulary: Vocabulary, token: str, key: str, table: dict[str, str]) -> str | None:
    """The group of a word, or of one of its lemmas, in a cue table."""
    group = table.get(key)
    if group is None:
        for lemma, _ in word_lemmas(token, key):
            group = table.get(lemma)
            if group:
                break
    elif key in _HY_ONLY_CUES and script(token) != "armenian" and vocabulary.index.is_common_word(key):
        group = None  # "get" is no river in English
    return group


def title_word(token: str, key: str) -> int:
    """A title before a person's name: OFFICE (President), ARTIST (şair, поэта) or 0."""
    forms = _forms(token, key)
    if any(f in LEXICON.artist_titles for f in forms):
        return ARTIST
    return OFFICE if any(f in LEXICON.person_titles for f in forms) else 0


def work_word(token: str, key: str) -> bool:
    """Is a word one for a poet's works (ghazals, qəzəlləri, газели)?"""
    return any(f in LEXICON.work_words for f in _forms(token, key))


def org_word(token: str, key: str) -> int:
    """Does this word after a name make it an organisation's? ANY_CASE (qrupunun,
    группы), CAPITALISED (Group, Airlines: in lower case, "Baku talks" is a place), or 0."""
    forms = list(_forms(token, key))
    if any(a in token for a in APOSTROPHES):  # FK'nın, Group's
        forms.append(fold(APOSTROPHE.split(token, maxsplit=1)[0]))
    if key in LEXICON.org_words_as_written or any(f in LEXICON.org_words_any_case for f in forms):
        return ANY_CASE
    return CAPITALISED if any(f in LEXICON.org_words for f in forms) else 0


def quoted_name_word(token: str, key: str) -> bool:
    """Is a word one for a club, firm, paper, work or product (club, klubu, клуба), or a
    word of football copy (футболисты)?"""
    return (
        key in QUOTED_NAME_WORDS
        or token in LEXICON.sports_words  # Футболисты «Карабаха»
        or any(lemma in QUOTED_NAME_WORDS for lemma, _ in word_lemmas(token, key))
    )


def plural(cue: str) -> bool:
    """Is a cue word plural (districts, rayonlarına, районах, сёл)?"""
    if script(cue) == "armenian":
        return hy_plural(cue.split(None, 1)[0])  # գյուղերում, շրջանները
    word, cyrillic = fold(cue.split(None, 1)[0]), is_cyrillic(cue)  # "villages of"
    if word in _PLURAL_WORDS:
        return True
    ends = _PLURAL_CYRILLIC if cyrillic else _PLURAL_LATIN
    if word.endswith(ends):
        return True
    # declined plurals (rayonlarına); not an English -s left by cutting a Turkic ending
    # (ilçesinden -> ilçes), nor a Russian -ы read into a Turkish -i (ilçesi)
    ends = ends if cyrillic else _PLURAL_TURKIC
    return any(lemma.endswith(ends) for lemma, _ in lemmas(word, russian=cyrillic))


def org_name_lemma(word: str, key: str) -> bool:
    """Is a lemma of the run ``key`` ending in ``word`` an organisation's name?"""
    return any(w in LEXICON.org_names for w, _ in word_lemmas(word, key))


def hit_facts(vocabulary: Vocabulary, token: str) -> tuple[bool, bool]:
    """What a word's own variants tell its facts: (one needs no context, they are only
    transliterations of names in other scripts)."""
    hits = vocabulary.word_hits(token)[0]
    return (
        any(not vocabulary.variant(x).needs_context for x in hits),
        bool(hits) and vocabulary.transliterated(token, hits),
    )


def lexicon_tables() -> dict[str, object]:
    """The word lists and endings :func:`word_facts` reads, by name, as the engine copies
    them once to make the facts of a Latin-script word itself
    (crates/gazetteer-core/src/scan/lexicon.rs; tests/test_engine_lexicon.py holds its
    answers to :func:`word_facts`)."""
    return {
        "suffix_cues": SUFFIX_CUES,
        "prefix_cues": PREFIX_CUES,
        "hy_only_cues": _HY_ONLY_CUES,
        "articles": ARTICLES,
        "new_heads": NEW,
        "list_words": LIST_WORDS,
        "sports_words": LEXICON.sports_words,
        "work_prepositions": WORK_PREPOSITIONS,
        "conjunctions": LEXICON.conjunctions,
        "org_words": LEXICON.org_words,
        "org_words_any_case": LEXICON.org_words_any_case,
        "org_words_as_written": LEXICON.org_words_as_written,
        "artist_titles": LEXICON.artist_titles,
        "person_titles": LEXICON.person_titles,
        "work_words": LEXICON.work_words,
        "function_words": FUNCTION_WORDS,
        "venue_prepositions": VENUE_PREPOSITIONS,
        "locative_prepositions": LOCATIVE_PREPOSITIONS,
        "quoted_name_words": QUOTED_NAME_WORDS,
        "given_names": LEXICON.given_names,
        "name_titles_after": LEXICON.name_titles_after,
        "origin_prepositions": LEXICON.origin_prepositions,
        "family_endings": tuple(FAMILY_ENDINGS),
        "surname_endings": tuple(LEXICON.surname_endings),
        "russian_adjective_endings": tuple(_RUSSIAN_ADJ_ENDINGS_T),
        "prefix_cue_min": PREFIX_CUE_MIN,
        "apostrophes": APOSTROPHES,
    }


def word_facts(vocabulary: Vocabulary, token: str, no_hits: bool = False) -> TokenFacts:
    """The facts of a word. ``no_hits``: the engine knows the word alone names nothing
    (its pre-filter), so its variants need not be looked up."""
    key = fold(token)
    first = token[:1]
    hits = () if no_hits else vocabulary.word_hits(token)[0]
    free_hit, transliterated = hit_facts(vocabulary, token) if hits else (False, False)
    # (the Armenian word lists and endings hold Armenian letters, and the Armenian
    # morphology reads no other script: a word without one is none of these)
    hy = _ARMENIAN_LETTER.search(token) is not None
    return TokenFacts(
        first.isupper(),
        first.islower(),
        token.isupper(),
        vocabulary.no_upper(token),
        is_cyrillic(token),
        script(token) == "armenian",
        cue_group(vocabulary, token, key, SUFFIX_CUES),
        cue_group(vocabulary, token, key, PREFIX_CUES) if len(key) >= PREFIX_CUE_MIN else None,
        token in ARTICLES,
        token in NEW,
        token in LIST_WORDS,
        first.isupper() or bool(hits),
        key in LEXICON.conjunctions,
        is_russian_adjective(key),
        hy and hy_common(token),
        hy and hy_derived(token),
        org_word(token, key),
        title_word(token, key),
        work_word(token, key),
        token.lower() in WORK_PREPOSITIONS,
        key.endswith(FAMILY_ENDINGS),
        key in FUNCTION_WORDS,
        key in PREFIX_CUES,
        bool(SUFFIX_CUES.get(key)),
        key in VENUE_PREPOSITIONS,
        hy and hy_noun(token),
        hy and hy_family(token),
        hy and hy_venue(token),
        token.islower(),
        key in LOCATIVE_PREPOSITIONS,
        free_hit,
        transliterated,
        quoted_name_word(token, key),
        key in LEXICON.given_names,
        any(f in LEXICON.name_titles_after for f in _forms(token, key)),
        key in LEXICON.origin_prepositions,
    )
