"""The scanning engine: the compiled core (``gazetteer._core.Engine``, the crate's
src/scan) and the host that answers what it asks of Python.

The engine does the scan: cutting a text into words, the candidate finder (multi-word
names longest first, an inflected last word, declined Russian pairs), every rule that
accepts or rejects a candidate (src/scan/rules/: cues, persons and organisations, works,
lists, football copy, capitals and Turkic endings in English prose, lower case and
quotes), the passes over a whole text (lower-case towns near the text's places, one sense
per text, disambiguation by distance) and the records: Mention objects, extract's dicts,
and its JSON Lines for the CLI.

It settles by itself most words it meets for the first time: a word of neither Cyrillic
nor Armenian letters that is no key, starts no name, is no possessive of a key and none
of whose Turkic lemmas is a key (its pre-filter); and any Latin-script (en/az/tr) word:
what it names, whether a mention can start at it, and its facts, from the language word
lists (:func:`.word_facts.lexicon_tables`), the keys, and the variant table and word
lists built with the index (:mod:`.spellings`, ``CompiledIndex.word_lists``) (src/scan/
lexicon.rs; tests/test_engine_lexicon.py holds it to the Python answers). What it asks
of Python, once per distinct word, span or place, and keeps (:class:`_Host`):

- of a Cyrillic or Armenian word (their morphologies stay Python), or one of other
  letters: can a mention start there, what it names, its lemmas, its facts for the
  rules (:mod:`.vocabulary`, :mod:`.word_facts`: the index, the language data and the
  morphologies of :mod:`gazetteer.lang`);
- of a word's key, until it reads the word lists whole (weights.WORD_LISTS_AFTER):
  whether it is a common word, an ambiguous name;
- of a span's variants: their places ranked (:func:`gazetteer.matcher.prior`);
- of a place: its row and its point as an anchor;
- of a text, rarely: the text facts Python's Unicode decides (:mod:`.text_facts`).

Each distinct word gets an id once (one probe of the engine's word table per word of a
text); what is kept of a word (verdict, fold, facts, hits, sports and English word) is
then read by id, without hashing the word again. A word the pre-filter drops names
nothing alone: its hits are none without asking.

tests/test_engine_prefilter.py holds the engine's own answers to the Python ones.
"""

from __future__ import annotations

import re

from ..cues import CLUB_KINDS, KIND_GROUPS, PREFIX_CUES, VILLAGE_KINDS
from ..early import BARE_FEATURE_KINDS, OWN_NAME_TYPES
from ..index import CompiledIndex
from ..inflection import lemmas, word_lemmas
from ..lang import LEXICON, MIN_STEM
from ..lang.az import morphology as turkic_morphology
from ..records import Mention, Ranked
from ..table import FOCUS_COUNTRIES
from ..text.tokens import APOSTROPHES, SPLIT, join_invisibles, split_hashtags
from . import text_facts, weights
from .text_facts import Doc
from .vocabulary import ARMENIAN_LATIN, FEATURES, Vocabulary
from .weights import METHOD_SCORE, SMALL_CACHE, VOCABULARY_CACHE, WORD_HITS_CACHE
from .word_facts import (
    FACT_ENDINGS,
    FACT_TOKENS,
    FACT_WORDS,
    TokenFacts,
    hit_facts,
    lexicon_tables,
    org_name_lemma,
    plural,
    word_facts,
)

__all__ = ["Engine", "TokenFacts"]

# A lone surrogate (half of a UTF-16 pair), which a str may hold and UTF-8 cannot
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class _Host:
    """What the compiled engine copies once and asks of Python (crates/gazetteer-core/src/scan)."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = v = vocabulary
        # the tables the engine copies once: folded key -> variant ids, the key shapes,
        # the cue phrases, the word sets the rules read, the weights by name
        # (the keys: a gazetteer._core.KeyTable, which holds their shapes as well; the
        # shapes below are read only to make such a table from a dictionary of keys)
        self.keys = v.keys
        self.prefix_cues = PREFIX_CUES
        # last words of the two- and three-word prefix cues ("city of" -> "of"), longest
        # first: a phrase is joined and looked up only when its last word can end a cue
        self.prefix_last = {
            k: frozenset(p.split(" ")[-1] for p in PREFIX_CUES if p.count(" ") == k - 1) for k in (3, 2)
        }
        self.org_names = LEXICON.org_names
        self.kind_groups = KIND_GROUPS
        self.village_kinds = VILLAGE_KINDS
        self.club_kinds = CLUB_KINDS
        self.focus_countries = FOCUS_COUNTRIES
        self.place_cases = LEXICON.place_cases
        self.english_words = LEXICON.prose_markers
        self.sports_words = LEXICON.sports_words
        self.individual_sport_words = LEXICON.individual_sport_words
        self.team_sport_words = LEXICON.team_sport_words
        self.features = FEATURES
        self.name_words = LEXICON.name_words
        self.list_conjunctions = LEXICON.list_conjunctions
        self.serial_conjunctions = LEXICON.serial_conjunctions
        self.method_score = METHOD_SCORE
        self.weights = {k: w for k, w in vars(weights).items() if k.isupper()}
        self.mention = Mention
        # what the engine ranks a span of one place's variants by (src/scan/ranking.rs): the
        # index's rank rows (read when first ranked), the kinds and types early.prior reads
        self.rank_rows = v.index.rank_rows
        self.ranked = Ranked
        self.bare_feature_kinds = BARE_FEATURE_KINDS
        self.own_name_types = OWN_NAME_TYPES
        self.dative_endings = LEXICON.dative_endings
        self.genitive_endings = LEXICON.genitive_endings
        self.village_cue_stems = LEXICON.village_cue_stems
        self.town_cue_stems = LEXICON.town_cue_stems
        self.parent_links = LEXICON.parent_links
        self.apposition_articles = LEXICON.apposition_articles
        self.apposition_followers = LEXICON.apposition_followers
        self.team_of_place_words = LEXICON.team_of_place_words
        self.language_adjectives = LEXICON.language_adjectives
        self.adjective_stems = LEXICON.adjective_stems
        self.place_case_prefixes = LEXICON.place_case_prefixes
        # what the engine needs to read a word by the Turkic endings alone (see
        # Engine.surely_no, src/scan/turkic.rs): the endings, the shortest stem, the
        # apostrophes of a possessive
        self.turkic_endings = list(turkic_morphology.ENDINGS)
        self.min_stem = MIN_STEM
        self.apostrophes = APOSTROPHES
        # every word list a fact of a word reads (Engine.plain_facts)
        self.fact_words = FACT_WORDS
        self.fact_tokens = FACT_TOKENS
        self.fact_endings = FACT_ENDINGS
        # Armenian in Latin letters: its function words and endings (src/scan/armenian_latin.rs)
        self.armenian_latin = ARMENIAN_LATIN
        # the word lists and endings the engine makes a Latin-script word's facts from
        # (src/scan/lexicon.rs)
        # and decides what such a word alone names from: the variant table built with the
        # index, the thresholds and letters of Vocabulary._word_hits
        self.lexicon = {
            **lexicon_tables(),
            "variant_flags": v.index.variant_flags(),
            "variant_importance": v.index.variant_importance,
            "word_lists": v.index.word_lists,
            "word_lists_after": weights.WORD_LISTS_AFTER,
            "min_inflected_key": weights.MIN_INFLECTED_KEY,
            "inflected_over_exact": float(weights.INFLECTED_OVER_EXACT),
            "turkic_letters": LEXICON.special_letters,
        }
        # the questions, by the names the engine calls
        self.word_hits = v.word_hits
        self.ranking = v.ranking
        self.key_flags = v.key_flags
        self.plural = plural
        self.org_name_lemma = org_name_lemma
        self.sports = text_facts.sports
        self.football_text = text_facts.football_text

    @property
    def multi_first(self) -> dict[str, int]:
        return self.vocabulary.multi_first

    @property
    def prefixes(self) -> frozenset[str]:
        return self.vocabulary.prefixes

    @property
    def second_words(self) -> frozenset[str]:
        return self.vocabulary.second_words

    def classify(self, words: list[str]) -> list[int]:
        """Can a mention start at each word (Vocabulary.classify)?"""
        classify = self.vocabulary.classify
        return [classify(w) for w in words]

    @staticmethod
    def split(text: str) -> list[str]:
        """Gap, word, gap, ..., gap, for a text with '#' or invisible characters."""
        return split_hashtags(join_invisibles(SPLIT.split(text)))

    @staticmethod
    def doc(text: str, parts: list[str], toks: list[str]) -> Doc:
        return Doc(text, parts, toks)

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
        return word_facts(self.vocabulary, token, no_hits)

    def hit_facts(self, token: str) -> tuple[bool, bool]:
        """What a word's own variants tell its facts (word_facts.hit_facts), for a word
        whose other facts the engine makes itself."""
        return hit_facts(self.vocabulary, token)

    def place_facts(self, i: int) -> tuple[str, str, str, float, float, tuple[float, float] | None, str]:
        """What the passes over a text read of a place: kind, id, parent, lat, lon, its
        point as an anchor, country."""
        p = self.vocabulary.place(i)
        return p.kind, p.id, p.parent, p.lat, p.lon, self.vocabulary.anchor(i), p.country

    def needs_context(self, v: int) -> bool:
        """Does a variant need context ("Gabriel")?"""
        return bool(self.vocabulary.variant(v).needs_context)

    def lowercase_text(self, doc: Doc) -> bool:
        return text_facts.lowercase_text(doc, self.vocabulary)

    @staticmethod
    def abbreviation_before(window: str) -> bool:
        """Does a sentence opening follow an abbreviation?"""
        return text_facts.ABBREVIATION_BEFORE.search(window) is not None

    @staticmethod
    def parent_after(between: str) -> bool:
        """Does the text between a village and the district after it name its parent?"""
        return text_facts.PARENT_AFTER.fullmatch(between) is not None

    @staticmethod
    def readable(text: str) -> str:
        """A text the engine cannot hold as UTF-8 (lone surrogates) as it reads it: each
        lone surrogate read as U+FFFD, one code point as well, so offsets stay those of
        the text (neither is part of a word, so no mention holds one)."""
        return _LONE_SURROGATE.sub("\ufffd", text)


class Engine:
    """Finds the place mentions of a text: ``Engine(index).scan(text)``."""

    def __init__(self, index: CompiledIndex):
        from .. import _core

        self.index = index
        self.vocabulary = Vocabulary(index)
        self.keys = self.vocabulary.keys
        host = _Host(self.vocabulary)
        self._core = _core.Engine(host, VOCABULARY_CACHE, SMALL_CACHE, WORD_HITS_CACHE)
        self.scan = self._core.scan
        self.scan_records = self._core.scan_records
        self.scan_lines = self._core.scan_lines
        self.normalise = self._core.normalise

    def scan(self, text: str) -> list[Mention]:  # replaced per instance by the compiled method
        """The place mentions of a text, in order."""
        return self._core.scan(text)

    def scan_records(self, text: str, naming: str, about) -> list[dict] | None:
        """Gazetteer.extract's records of a text, made by the engine (``about(place,
        naming)``: a place's fields); None where Python must make them (replaced per
        instance by the compiled method)."""
        return self._core.scan_records(text, naming, about)

    def normalise(self, text: str, naming: str, mode: str, rewrite) -> str | None:
        """Gazetteer.normalise's text, made by the engine: each mention replaced by what
        ``rewrite(mention, before)`` gives, asked once per (naming, mode, place, surface,
        ending, method, cue) where no preposition before it can govern its case; None
        where Python must do it (replaced per instance by the compiled method)."""
        return self._core.normalise(text, naming, mode, rewrite)

    def explain(self, text: str) -> list[tuple[int, int, str, str]]:
        """The candidate spans of a text the rules turned down or left waiting: (start,
        end, verdict, reason), verdict "rejected" or "waited"."""
        return self._core.explain(text)

    def scan_lines(self, text: str, head: str, naming: str, *args) -> str | None:
        """extract's JSON Lines of a piece (documents.extract_lines: the arguments there),
        made by the engine; None where Python must make them (replaced per instance by the
        compiled method)."""
        return self._core.scan_lines(text, head, naming, *args)
