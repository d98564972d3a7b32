"""The compiled scanning engine (``gazetteer._core.Engine``), wrapped to give the same
:class:`gazetteer.records.Mention` records as :meth:`gazetteer.scan.scanner.Scanner.scan`.

Issue 15 ports the scanner into the crate (crates/gazetteer-core/src/scan) step by step;
each step landed only when tests/test_engine_agreement.py found the two identical.

In Rust: cutting a text into words, the scan loop, the candidate finder (multi-word names
longest first, an inflected last word, declined Russian pairs), ``_judge`` and the rules
of cues, persons and organisations, works, lists, football copy, capitals and Turkic
endings in English prose, lower case and quotes, lower-case towns near the text's places,
one sense per text and disambiguation by distance.

Also in Rust, so that most new words never reach Python: the pre-filter of new words (a
word of neither Cyrillic nor Armenian letters that is no key, no first word of a longer
name, no possessive of a key and none of whose Turkic lemmas is a key: no mention starts
there, and it names nothing alone: its hits are none without asking), the Turkic lemmas
of such words (from the morphology's ENDINGS), the facts of an ASCII word that names
nothing and is in no word list a fact reads, and whether a text is lower-case
(``casing._lowercase_text``; Python's regex only for an abbreviation window beyond
ASCII). tests/test_engine_prefilter.py holds each to the Python answer.

Each distinct word gets an id once (one probe of the engine's word table per word of a
text); what is kept of a word (verdict, fold, facts, hits, sports and English word) is
then read by id, without hashing the word again.

Still Python, asked through :class:`_Host` and kept in the engine where the answer depends
on its argument alone: per distinct word the pre-filter passes, its verdict, hits, lemmas
(Cyrillic, Armenian) and :class:`TokenFacts`; per span's variant ids, their ranking
(``matcher.prior``); per key, its flags; per place, its row and anchor.
Per candidate, still Python: football copy in a text with digits other than 0-9, the
lemmas of an inflected organisation name, the parent-preposition regex between a village
and a district; and the Mention records, made at the end.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import NamedTuple

from ..cues import KIND_GROUPS, PREFIX_CUES, SUFFIX_CUES, VILLAGE_KINDS
from ..index import CompiledIndex
from ..inflection import is_russian_adjective, lemmas, word_lemmas
from ..lang import LEXICON, MIN_STEM
from ..lang.az import morphology as turkic_morphology
from ..lang.ru import morphology as russian_morphology
from ..records import Mention
from ..table import FOCUS_COUNTRIES
from ..text.folding import fold
from ..text.scripts import ARMENIAN, ARMENIAN_LIGATURES, is_cyrillic, script
from ..text.tokens import APOSTROPHES, SPLIT, join_invisibles, split_hashtags
from . import casing, document, rules, weights
from .document import _Doc
from .scanner import Scanner
from .weights import METHOD_SCORE, SMALL_CACHE, VOCABULARY_CACHE, WORD_HITS_CACHE

__all__ = ["Engine", "compiled_engine_available"]

# The Armenian block and the Armenian ligatures of the Alphabetic Presentation Forms
_ARMENIAN_LETTER = re.compile(f"[{ARMENIAN}{ARMENIAN_LIGATURES}]")


def compiled_engine_available() -> bool:
    """Does the compiled core carry the scanning engine (an older build may not)?"""
    try:
        from .. import _core
    except ImportError:
        return False
    return hasattr(_core, "Engine")


class TokenFacts(NamedTuple):
    """What the compiled rules need to know of one word that depends on the word alone
    (asked once per distinct word; the order is the crate's, src/scan/facts.rs)."""

    first_upper: bool  # token[:1].isupper()
    first_lower: bool  # token[:1].islower()
    upper: bool  # token.isupper()
    no_upper: bool  # no capital anywhere in it
    cyrillic: bool
    armenian: bool  # script(token) == "armenian"
    suffix_group: str | None  # cue group as a word after a name (Rules._suffix_group)
    prefix_group: str | None  # cue group as one word before a name (Rules._prefix_group)
    article: bool  # an article (the Araz)
    new_head: bool  # "New" of New Mexico
    list_word: bool  # a conjunction of lists as written (and, və, и, և)
    list_item: bool  # can be an item of a list of places (Rules._list_item)
    conjunction: bool  # folded, a conjunction
    russian_adjective: bool  # folded, a Russian adjective's form
    hy_common: bool  # an Armenian common word
    hy_derived: bool  # an Armenian word derived from a name (a family name)
    org: int  # an organisation word after a name: 2 in any case, 1 capitalised (Rules._org_word)
    title: int  # a title before a person's name: 2 an artist's, 1 an office (Rules._title_word)
    work: bool  # a word for a poet's works (Rules._work_word)
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
    transliterated: bool  # matches only transliterations (Scanner._transliterated of its hits)
    quoted_name_word: bool  # a club, firm, work word by a quoted name (CaseRules._quoted_name_word)


class _Host:
    """What the compiled engine copies once and asks of Python (crates/gazetteer-core/src/scan)."""

    def __init__(self, sc: Scanner):
        self.sc = sc
        # the tables the engine copies once: folded key -> variant ids, the key shapes,
        # the cue phrases, the word sets the ported rules read, the weights by name
        self.keys, self.multi_first, self.prefixes = sc.keys, sc.multi_first, sc.prefixes
        self.second_words = sc.second_words
        self.prefix_cues = PREFIX_CUES
        self.prefix_last = dict(rules._PREFIX_LAST)
        self.org_names = rules.ORG_NAMES
        self.kind_groups = KIND_GROUPS
        self.village_kinds = VILLAGE_KINDS
        self.club_kinds = rules._CLUB_KINDS
        self.focus_countries = FOCUS_COUNTRIES
        self.place_cases = rules._PLACE_CASES
        self.english_words = document._ENGLISH_WORDS
        self.sports_words = document._SPORTS_WORDS
        self.features = document._FEATURES
        self.name_words = casing._NAME_WORDS
        self.list_conjunctions = LEXICON.list_conjunctions
        self.serial_conjunctions = LEXICON.serial_conjunctions
        self.method_score = METHOD_SCORE
        self.weights = {k: v for k, v in vars(weights).items() if k.isupper()}
        self.mention = Mention
        self.ranking = sc._ranking
        self.key_flags = sc._key_flags_of
        self.lowercase_text = sc._lowercase_text
        self.dative_endings = rules._DATIVES
        self.place_case_prefixes = rules._PLACE_CASE_PREFIXES
        self.football_text = sc._football_text
        self.plural = rules._plural
        # what the engine needs to read a word by the Turkic endings alone (see
        # Engine.surely_no, src/scan/turkic.rs): the endings, the shortest stem, the
        # apostrophes of a possessive
        self.turkic_endings = list(turkic_morphology.ENDINGS)
        self.min_stem = MIN_STEM
        self.apostrophes = APOSTROPHES
        # every word list a fact of a word reads, folded (the word or a lemma of it in
        # one) and as written (the word in one, or lower-cased): an ASCII word in none of
        # them, with no hits and none of these endings, has the plain facts of its case
        # alone, which the engine makes itself (Engine.plain_facts)
        self.fact_words = frozenset().union(
            SUFFIX_CUES,
            PREFIX_CUES,
            document._CONJUNCTIONS,
            rules.ORG_WORDS,
            rules.ORG_WORDS_ANY_CASE,
            rules.ARTIST_TITLES,
            rules.PERSON_TITLES,
            rules.WORK_WORDS,
            rules.FUNCTION_WORDS,
            rules._VENUE_PREPOSITIONS,
            document._LOCATIVE_PREPOSITIONS,
            casing._QUOTED_NAME_WORDS,
        )
        self.fact_tokens = frozenset().union(
            rules._ARTICLES, rules._NEW, document._LIST_WORDS, document._SPORTS_WORDS, rules._WORK_PREPOSITIONS
        )
        self.fact_endings = (*rules._FAMILY_ENDINGS, *russian_morphology._RUSSIAN_ADJ_ENDINGS_T)

    def classify(self, words: list[str]) -> list[int]:
        """Can a mention start at each word (Scanner._classify)? The compiled engine keeps
        the answers, so the Scanner's own cache of them is emptied."""
        classify = self.sc._classify
        got = [classify(w) for w in words]
        self.sc._interesting.clear()
        return got

    @staticmethod
    def split(text: str) -> list[str]:
        """Gap, word, gap, ..., gap, as Scanner.scan cuts a text with '#' or invisibles."""
        return split_hashtags(join_invisibles(SPLIT.split(text)))

    @staticmethod
    def doc(text: str, parts: list[str], toks: list[str]) -> _Doc:
        return _Doc(text, parts, toks)

    def word_hits(self, word: str) -> tuple[tuple[int, ...], str, str]:
        """(variant ids, method, ending) of one word alone (Scanner._word_hits)."""
        return self.sc._word_hits(word)

    @staticmethod
    def lemmas(key: str) -> list[str]:
        """The lemmas of a folded word (for a declined Russian pair)."""
        return [lemma for lemma, _ in lemmas(key)]

    @staticmethod
    def word_lemmas(word: str, key: str) -> tuple[tuple[str, str], ...]:
        """(lemma, ending) of a run of words folded as ``key`` ending in ``word``."""
        return word_lemmas(word, key)

    def facts(self, token: str, no_hits: bool = False) -> TokenFacts:
        """``no_hits``: the engine knows the word alone names nothing (its pre-filter)."""
        sc, key = self.sc, fold(token)
        first = token[:1]
        hits = () if no_hits else sc._word_hits(token)[0]
        # (the Armenian word lists and endings hold Armenian letters, and the Armenian
        # morphology reads no other script: a word without one is none of these)
        hy = _ARMENIAN_LETTER.search(token) is not None
        return TokenFacts(
            first.isupper(),
            first.islower(),
            token.isupper(),
            sc._lowercase(token),
            is_cyrillic(token),
            script(token) == "armenian",
            sc._suffix_group(token, key),
            sc._prefix_group(token, key),
            token in rules._ARTICLES,
            token in rules._NEW,
            token in document._LIST_WORDS,
            first.isupper() or bool(hits),  # Rules._list_item
            key in document._CONJUNCTIONS,
            is_russian_adjective(key),
            hy and rules.hy_common(token),
            hy and rules.hy_derived(token),
            sc._org_word(token, key),
            sc._title_word(token, key),
            sc._work_word(0, SimpleNamespace(toks=(token,), folded=(key,))),
            token.lower() in rules._WORK_PREPOSITIONS,
            key.endswith(rules._FAMILY_ENDINGS),
            key in rules.FUNCTION_WORDS,
            key in PREFIX_CUES,
            bool(SUFFIX_CUES.get(key)),
            key in rules._VENUE_PREPOSITIONS,
            hy and rules.hy_noun(token),
            hy and rules.hy_family(token),
            hy and rules.hy_venue(token),
            token.islower(),
            key in document._LOCATIVE_PREPOSITIONS,
            any(not sc._variant(x).needs_context for x in hits),
            bool(hits) and sc._transliterated(token, hits),
            sc._quoted_name_word(token, key),
        )

    @staticmethod
    def org_name_lemma(word: str, key: str) -> bool:
        """Is a lemma of the run ``key`` ending in ``word`` an organisation's name?"""
        return any(w in rules.ORG_NAMES for w, _ in word_lemmas(word, key))

    def place_facts(self, i: int) -> tuple[str, str, str, float, float, tuple[float, float] | None, str]:
        """What the passes over a text read of a place: kind, id, parent, lat, lon, its
        point as an anchor (Scanner._anchor), country."""
        p = self.sc._place(i)
        return p.kind, p.id, p.parent, p.lat, p.lon, self.sc._anchor(i), p.country

    def needs_context(self, v: int) -> bool:
        """Does a variant need context ("Gabriel")?"""
        return bool(self.sc._variant(v).needs_context)

    @staticmethod
    def abbreviation_before(window: str) -> bool:
        """Does a sentence opening follow an abbreviation (casing._ABBREVIATION_BEFORE)?"""
        return casing._ABBREVIATION_BEFORE.search(window) is not None

    @staticmethod
    def parent_after(between: str) -> bool:
        """Does the text between a village and the district after it name its parent?"""
        return document._PARENT_AFTER.fullmatch(between) is not None

    @staticmethod
    def sports(doc: _Doc, start: int) -> bool:
        """Is the sentence at ``start`` football copy (_Doc.sports)?"""
        return doc.sports(start)

    def scan(self, text: str) -> list[Mention]:
        """The reference, for what the compiled engine cannot hold (lone surrogates)."""
        return self.sc.scan(text)


class Engine:
    """Finds the place mentions of a text with the compiled core: ``Engine(index).scan(text)``.

    Any other attribute (``keys``, ``_ranking``, the rules) is that of the Scanner it calls
    back into, while the port is under way."""

    def __init__(self, index: CompiledIndex):
        from .. import _core

        self.index = index
        self._scanner = Scanner(index)
        self._core = _core.Engine(_Host(self._scanner), VOCABULARY_CACHE, SMALL_CACHE, WORD_HITS_CACHE)
        self.scan = self._core.scan
        self.scan_records = self._core.scan_records
        self.scan_lines = self._core.scan_lines

    def scan(self, text: str) -> list[Mention]:  # replaced per instance by the compiled method
        return self._core.scan(text)

    def scan_records(self, text: str, naming: str, about) -> list[dict] | None:
        """Gazetteer.extract's records of a text, made by the engine (``about(place,
        naming)``: a place's fields); None where Python must make them (replaced per
        instance by the compiled method)."""
        return self._core.scan_records(text, naming, about)

    def scan_lines(self, text: str, head: str, naming: str, *args) -> str | None:
        """extract's JSON Lines of a piece (documents.extract_lines: the arguments there),
        made by the engine; None where Python must make them (replaced per instance by the
        compiled method)."""
        return self._core.scan_lines(text, head, naming, *args)

    def __getattr__(self, name: str):
        """The rest is still the Scanner's, which the engine calls back into (its rules and
        decisions, which tests read one by one)."""
        return getattr(self._scanner, name)
