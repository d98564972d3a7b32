"""What the index says a word of running text names: its variants, how (folded or
inflected), whether a mention can start at it, and the same-name places of a span ranked.

The compiled engine (crates/gazetteer-core/src/scan) asks these questions once per
distinct word or span it has not seen, through :class:`gazetteer.scan.engine.Engine`'s
host, and keeps the answers; a word it can settle by itself never reaches Python: a
Latin-script word's hits and verdict are the engine's (src/scan/lexicon.rs, from the
keys and the variant table built with the index, gazetteer/scan/spellings.py), and
tests/test_engine_prefilter.py and tests/test_engine_lexicon.py hold its answers to
these. The scan itself, the
rules and the passes over a text are the engine's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..cues import prior
from ..early import Candidate, prefer_region
from ..index import CompiledIndex
from ..inflection import lemmas, word_lemmas
from ..lang import LEXICON
from ..lang.hy.latin_text import ARMENIAN_LATIN
from ..records import PlaceRow, Ranked, VariantOfRow, VariantRow
from ..table import CONFLICT_BOX
from ..text.folding import fold
from ..text.scripts import has_latin, is_cyrillic, script
from ..text.tokens import APOSTROPHES
from .shapes import KeyShapes
from .weights import (
    ABBREVIATION_MAX,
    ANCHOR_DECIMALS,
    INFLECTED_OVER_EXACT,
    MAX_CANDIDATES,
    METHOD_SCORE,
    MIN_INFLECTED_KEY,
    MIN_INFLECTED_KEY_ARMENIAN,
    MIN_INFLECTED_KEY_CYRILLIC,
    WORD_HITS_CACHE,
)

__all__ = ["NO", "YES", "PAIR", "HEAD", "BOTH", "FEATURES", "ARMENIAN_LATIN", "Vocabulary"]

# Can a mention start at a word (see Vocabulary.classify)? HEAD and BOTH sort last.
NO, YES, PAIR, HEAD, BOTH = 0, 1, 2, 3, 4
# Kinds named with a kind word, whose point is one of many along them
FEATURES = frozenset({"river", "mountain", "pass", "lake", "reservoir"})
# Letters of Azerbaijani and Turkish that English does not use
_TURKIC_LETTERS = re.compile(f"[{re.escape(LEXICON.special_letters)}]")

# The languages whose names a Cyrillic (False) or Armenian (True) case ending declines when a
# declined reading would replace an exact one: Russian (or Armenian) and names of no stated
# language (the table's Cyrillic "und" names are mostly Russian spellings); another
# language's label (Avar, Chechen, Ukrainian) is not declined by a Russian text.
_DECLINED_LANGS = {False: frozenset(("ru", "und")), True: frozenset(("hy", "hyw", "und"))}


def _stem_before_apostrophe(word: str) -> str:
    """The letters before an apostrophe inside the word ("Türkiye" of "Türkiye'de"), or
    "": Turkish and Azerbaijani so set a proper name's case ending apart."""
    for at, c in enumerate(word[1:-1], 1):
        if c in APOSTROPHES:
            return word[:at]
    return ""


class Vocabulary:
    """The words of one index: ``Vocabulary(index).word_hits("Füzulidə")``."""

    def __init__(self, index: CompiledIndex):
        self.index = index
        self.keys = index.scan_table()  # (a mapping: folded key -> variant ids)
        self.word_hits = lru_cache(maxsize=WORD_HITS_CACHE)(self._word_hits)

    # which words start, extend and follow multi-word names (multi_first, prefixes,
    # second_words): computed with the index, and read when Python first needs them (a
    # Cyrillic or Armenian word), then plain attributes: the compiled engine reads them
    # from the key table (index.scan_table), so a start need not unmarshal them
    def __getattr__(self, name: str):
        if name not in KeyShapes._fields:
            raise AttributeError(name)
        shapes = self.index.key_shapes()
        for field, value in zip(KeyShapes._fields, shapes):
            setattr(self, field, value)
        return getattr(shapes, name)

    # ------------------------------------------------------------------ rows
    def place(self, i: int) -> PlaceRow:
        return PlaceRow._make(self.index.place(i))

    def variant(self, v: int) -> VariantRow:
        return VariantRow._make(self.index.variant(v))

    # ------------------------------------------------------------------ words
    def _word_hits(self, word: str) -> tuple[tuple[int, ...], str, str]:
        """(variant ids, method, folded suffix) of one word alone, exact before inflected."""
        key = fold(word)
        if not key:
            return (), "", ""
        hits = self.fitting(word, self.keys.get(key))
        armenian = script(word) == "armenian"
        if armenian and word[-1:] in "ըԸ":
            # the article -ը folds like -ի: "Բակը" (the yard) is no "Baki", "Մեղրը" (the
            # honey) no Meghri; a word with the article is read by its stem only
            hits = ()
        if hits:
            cyrillic = is_cyrillic(word)
            if len(key) >= MIN_INFLECTED_KEY and (cyrillic or armenian or _TURKIC_LETTERS.search(word)):
                # "у Гориса" is Goris in the genitive, not the village Gorisa: in Russian a
                # declined form of a town outranks the same letters naming only villages;
                # so in Azerbaijani and Turkish letters ("Arazın" is the river's genitive),
                # and in Armenian ("Գորիսի" is Goris's genitive, not the village Gorisi)
                alt, suffix = self.lemma_hits(word, key)
                if cyrillic or armenian:
                    # through a name of the language whose ending it is: "Чинари" is no
                    # genitive of an Avar "Чинар" against a village's Russian "Чинари"
                    alt = tuple(v for v in alt if self._declinable(v, _DECLINED_LANGS[armenian]))
                if alt and self.weight(alt) > self.weight(hits) + INFLECTED_OVER_EXACT:
                    return alt, "inflection", suffix
            return hits, "folded", ""
        if word[-1:] in "sS" and word[-2:-1] in APOSTROPHES:
            # English possessive: Azerbaijan's, Shusha’s (the ending stays in normalise)
            hits = self.fitting(word, self.keys.get(fold(word[:-2])))
            return (hits, "inflection", "s") if hits else ((), "", "")
        # (the common words are those of the Latin and Cyrillic languages: "Իրանի" is no
        # English "irani"; an Armenian common word is judged in context by the engine)
        short = len(key) < MIN_INFLECTED_KEY
        if armenian:
            if len(key) < MIN_INFLECTED_KEY_ARMENIAN:
                return (), "", ""
        elif short and not (len(key) >= MIN_INFLECTED_KEY_CYRILLIC and is_cyrillic(word)):
            return (), "", ""
        elif self.index.is_common_word(key) and not self._name_before_apostrophe(word):
            return (), "", ""
        found, suffix = self.lemma_hits(word, key)
        if short and not armenian:
            # (a short Cyrillic word: through a Russian name of the place only)
            found = tuple(v for v in found if self._declinable(v, _DECLINED_LANGS[False]))
        found = self.fitting(word, found)
        return found, ("inflection" if found else ""), suffix

    def _name_before_apostrophe(self, word: str) -> bool:
        """Is an ending written after an apostrophe, and the letters before it no common
        word? Then the word is a name's case ("Türkiye'de", Turkey's locative), though its
        letters, folded, spell a frequent word; "Mayıs'ta" stays the month's."""
        stem = _stem_before_apostrophe(word)
        return bool(stem) and not self.index.is_common_word(fold(stem))

    def fitting(self, word: str, hits: tuple[int, ...] | None) -> tuple[int, ...]:
        """The variants a word of running text may stand for: an abbreviation (BƏƏ, ABŞ)
        is written in capitals, so "Baa" (a credit rating) is not the Emirates."""
        if not hits or not has_latin(word):
            return hits or ()
        if not word.isupper():
            kept = tuple(v for v in hits if self.spelling(v, lambda t: len(t) > ABBREVIATION_MAX or not t.isupper()))
            hits = kept if len(kept) < len(hits) else hits
        if len(hits) > 1:
            # a Latin word names the places spelled so, where some are: "Arazın" is the
            # Araz, not the village whose Armenian name Արազ folds alike
            latin = tuple(v for v in hits if self.spelling(v, has_latin))
            if latin and len(latin) < len(hits):
                return latin
        return hits

    def transliterated(self, word: str, hits: tuple[int, ...]) -> bool:
        """Does a plain ASCII word match only transliterations of names in other scripts?

        Folding maps every script to one key. That is right for "Shafibeyli" (Шафибейли)
        or "Dzhebrail", but such a match is weaker evidence than a Latin spelling: an
        English "Bank" is Банк, "Omar" Օմար, "XON" Խոն, "Qtr" قطر."""
        return word.isascii() and not any(self.spelling(v, has_latin) for v in hits)

    def spelling(self, v: int, fits) -> bool:
        """Does variant ``v``, or another spelling of its place with the same key (the
        key's representative may be the Cyrillic name), pass ``fits``?"""
        variant = self.variant(v)
        if fits(variant.text):
            return True
        key = fold(variant.text)
        others = map(VariantOfRow._make, self.index.variants_of(variant.place))
        return any(fold(o.text) == key and fits(o.text) for o in others)

    def lemma_hits(self, word: str, key: str) -> tuple[tuple[int, ...], str]:
        """Variants of the lemmas of a word (folded as ``key``), and the ending of the first
        that has any; the endings are those of the word's script (see word_lemmas)."""
        found: list[int] = []
        suffix = ""
        for lemma, suf in word_lemmas(word, key, plural=False):
            got = self.keys.get(lemma)
            if got:
                found.extend(got)
                if not suffix:
                    suffix = suf
        return tuple(dict.fromkeys(found)), suffix

    def _declinable(self, v: int, langs: frozenset[str]) -> bool:
        """Is a variant's spelling, folded, a name of its place in one of ``langs``?"""
        row = self.variant(v)
        key = fold(row.text)
        return any(
            other.lang in langs and fold(other.text) == key
            for other in map(VariantOfRow._make, self.index.variants_of(row.place))
        )

    def weight(self, hits: tuple[int, ...]) -> float:
        """The importance of the weightiest place among some variants."""
        rows = self.index.rank_rows()
        if rows is None:
            return max(self.place(self.variant(v).place).importance for v in hits)
        vplace, importance = rows.variant_place, rows.importance
        return max(importance[vplace[v]] for v in hits)

    def classify(self, token: str) -> int:
        """Can a mention start at this word? NO; YES; PAIR: a declined Russian adjective of a
        two-word name, maybe a name by itself too; HEAD: only as the first word of a
        multi-word name, so the next word decides ("the Gambia", "New Delhi"); BOTH: a name
        that also starts longer ones ("Lachin", "Lachin corridor")."""
        key = fold(token)
        if not key:
            return NO
        hits = self.word_hits(token)[0]
        # (a lowercase word is judged in context: a cue makes even "sus" the village)
        if key in self.multi_first:
            return BOTH if hits else HEAD
        if token[:1].isupper() and is_cyrillic(token) and any(lemma in self.multi_first for lemma, _ in lemmas(key)):
            return PAIR  # "Физулинского района" (the engine's declined pair)
        return YES if hits else NO

    @staticmethod
    def no_upper(surface: str) -> bool:
        """No capital anywhere in it."""
        return not any(ch.isupper() for ch in surface)

    def key_flags(self, key: str) -> tuple[bool, bool]:
        """(ambiguous, common word) for a folded key."""
        return self.index.is_ambiguous_name(key), self.index.is_common_word(key)

    def spelled_flags(self, spelling: str) -> tuple[bool, bool]:
        """(ambiguous, common word) for a word as spelled (``gazetteer.wordlist.spelling``):
        "арены" is a Russian word, "арени" (folded alike) none."""
        return self.index.spelled_flags(spelling)

    # ------------------------------------------------------------------ spans
    def ranking(self, hits: tuple[int, ...], method: str, group: str | None) -> tuple:
        """Same-name places of a span ranked for a cue group, best first (the priors depend
        on nothing else, so the engine keeps them per (variants, method, group)).

        Returns (candidates, place, variant, variant needs context, kind, official, country)."""
        ranked: dict[int, tuple[float, int, bool, str]] = {}
        rows = self.index.rank_rows()
        score = METHOD_SCORE[method]
        if rows is None:  # (an index built without them: its rows, one query a variant)
            self.index.read_rows(hits)
            for v in hits:
                variant = self.variant(v)
                place_i, ctx = variant.place, bool(variant.needs_context)
                place = self.place(place_i)
                rank = prior(score, place.kind, place.importance, variant.type, ctx, group)
                if place_i not in ranked or rank > ranked[place_i][0]:
                    ranked[place_i] = (rank, v, ctx, place.kind)
        else:
            # (the same fields from arrays read once a process: a first sight of a name
            # needs no query)
            vplace, vcode, vcodes, pcode, pcodes, importance = rows
            for v in hits:
                place_i = vplace[v]
                _lang, vtype, needs = vcodes[vcode[v]]
                ctx = bool(needs)
                kind = pcodes[pcode[place_i]][0]
                rank = prior(score, kind, importance[place_i], vtype, ctx, group)
                if place_i not in ranked or rank > ranked[place_i][0]:
                    ranked[place_i] = (rank, v, ctx, kind)
        prior_rank = {p: r[0] for p, r in ranked.items()}
        if len(ranked) > 1:
            self._prefer_region(ranked, method)
        # villages the region preference raised to the same rank keep their prior order
        order = sorted(ranked.items(), key=lambda kv: (-kv[1][0], -prior_rank[kv[0]]))
        place_i, (_rank, v, ctx, kind) = order[0]
        if rows is None:
            vtype, country = self.variant(v).type, self.place(place_i).country
        else:
            vtype, country = rows.variant_codes[rows.variant_code[v]][1], rows.place_codes[rows.place_code[place_i]][1]
        return (
            tuple(Ranked(p, r[1], r[0]) for p, r in order[:MAX_CANDIDATES]),
            place_i,
            v,
            ctx,
            kind,
            # names we curated or WOF prefers, as opposed to GeoNames' long tail of aliases
            vtype != "variant",
            country,
        )

    def _variant_lang(self, v: int) -> str:
        rows = self.index.rank_rows()
        if rows is None:
            return self.variant(v).lang
        return rows.variant_codes[rows.variant_code[v]][0]

    def _prefer_region(self, ranked: dict[int, tuple[float, int, bool, str]], method: str) -> None:
        """Same-name places ranked as lookup ranks them (early.prefer_region): a village of
        the conflict region before a far village of the name, or before a far place named
        by the other side's exonym for it (İstisu, the Kalbajar village, before Jermuk)."""
        best = {p: Candidate(p, v, method, 0.0, rank, ctx) for p, (rank, v, ctx, _kind) in ranked.items()}
        prefer_region(best, self.place, CONFLICT_BOX, self._variant_lang)
        for p, cand in best.items():
            rank, v, ctx, kind = ranked[p]
            ranked[p] = (cand.rank, v, ctx, kind)

    def anchor(self, place: int) -> tuple[float, float] | None:
        """A place's coordinate as an anchor for distances: None for a country, and for a
        river, lake or mountain, whose point is one of many along it (the Aras's lies by
        the Kura, 300 km from Yeraskh, a village on its bank)."""
        p = self.place(place)
        if p.kind == "country" or p.kind in FEATURES:
            return None
        return round(p.lat, ANCHOR_DECIMALS), round(p.lon, ANCHOR_DECIMALS)
