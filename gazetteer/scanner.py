"""Text -> place mentions.

The scanner walks word tokens and, at each one, tries the longest run of
tokens (up to the longest multi-word name) whose folded form is a variant key;
a single word may also match through an inflected form. Loose matching
(skeleton, fuzzy) is never used on running text: in prose every word is a
candidate, and a near-miss is far more often a word than a typo.

Each candidate mention then passes the rejection rules that keep precision:
lowercase words, common words, words of a person's or an organisation's name,
and needs-context variants ("Gabriel") without a place cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress

from .cues import KIND_GROUPS, PREFIX_CUES, SUFFIX_CUES
from .geo import km
from .index import CompiledIndex
from .inflection import is_russian_adjective, lemmas
from .lang import LEXICON
from .matcher import prior
from .records import PlaceRow, Ranked, VariantOfRow, VariantRow
from .scan.weights import (
    ABBREVIATION_MAX,
    ANCHOR_DECIMALS,
    CAPITALS_MAX,
    ENGLISH_MIN,
    ENGLISH_ONE_IN,
    FAR_KM,
    HEADLINE_MAX,
    HEADLINE_SPORTS_WORDS,
    INFLECTED_OVER_EXACT,
    JOIN_CACHE_GAP,
    KM_PER_RANK,
    LIST_GAP_CACHE,
    LIST_ITEMS,
    LOWERCASE_MIN,
    MAX_CANDIDATES,
    MAX_WORDS,
    METHOD_SCORE,
    MIN_INFLECTED_KEY,
    NEIGHBOUR_WINDOW,
    OPEN_MARGIN,
    ORG_REACH,
    PARENT_DISTRICT_BONUS,
    PARENT_GAP,
    PREFIX_CUE_MIN,
    SENTENCE_LOOKBACK,
    SMALL_CACHE,
    SPORTS_WORDS_MIN,
    TRANSLITERATED_MAX,
    VOCABULARY_CACHE,
    WORD_HITS_CACHE,
)
from .table import FOCUS_COUNTRIES
from .text.folding import fold
from .text.scripts import has_latin, is_cyrillic
from .text.tokens import APOSTROPHE, APOSTROPHES, CLOSE_QUOTES, OPEN_QUOTES, SPLIT

__all__ = ["Mention", "Scanner"]

CAPITALISED, ANY_CASE = 1, 2  # organisation words (see Scanner._org_word)
# Function words of English, none of them a word of Azerbaijani, Turkish or Russian.
_ENGLISH_WORDS = LEXICON.prose_markers
_NEW = LEXICON.foreign_name_heads  # New Mexico: the end of a name we lack
_TIGHT_HYPHENS = frozenset(("-", "‐", "‑"))
# Words of football copy in four languages, as written: lower case, capitalised, capitals
# (probed against a text's words as they are); see _Doc.sports
_SPORTS_WORDS = LEXICON.sports_words
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
# kinds of place a football club is named after
_CLUB_KINDS = frozenset(("region", "city", "town", "district"))
# prepositions of place before a venue in football copy
_VENUE_PREPOSITIONS = LEXICON.venue_prepositions
_DATIVES = LEXICON.dative_endings  # Turkic dative endings, folded
_SCORE = re.compile(r"(?<![\d.,:/-])\d{1,2} ?[-:–] ?\d{1,2}(?![\d.,:/-])")  # 2-0, 1:1
_OFFICE, _ARTIST = 1, 2  # kinds of title (see Scanner._title_word)
# what stands between a village and its district named after it ("Shuraabad in Aghdam
# district", "Talış, Tərtər rayonu", "Сос в Ходжавендском районе")
_PARENT_AFTER = re.compile(
    r"\s*(?:,|\(|" + "|".join(map(re.escape, LEXICON.parent_prepositions)) + r")\s*", re.IGNORECASE
)
# Letters of Azerbaijani and Turkish that English does not use
_TURKIC_LETTERS = re.compile(f"[{re.escape(LEXICON.special_letters)}]")
_SPACED: tuple = ((), ())  # see Scanner._forms_as_second
_FEATURES = frozenset({"river", "mountain", "pass", "lake", "reservoir"})  # named with a kind word
# Turkic locative and ablative endings (folded): a person's name rarely takes them
_PLACE_CASES = LEXICON.place_cases
_PLACE_CASE_PREFIXES = LEXICON.place_case_prefixes  # and -daki, -ndan: Bakü'deki
# prepositions after which a lowercased name is a place ("a speech in ganja")
_LOCATIVE_PREPOSITIONS = LEXICON.locative_prepositions
# endings of family names (Mirzoyan, Aliyev, Hasanova, Rzazade): the word after a
# place name with one of these makes the two a person's name ("Ararat Mirzoyan")
_FAMILY_ENDINGS = LEXICON.family_endings
# Can a mention start at a word (see Scanner._classify)? HEAD and BOTH sort last.
NO, YES, PAIR, HEAD, BOTH = 0, 1, 2, 3, 4
# What may stand between two words of one name.
_JOIN = re.compile(r"[ \t\u00a0]+|[ \t]*[-‐‑–][ \t]*")
# A name followed by one of these is the modifier of an organisation or event.
ORG_WORDS = LEXICON.org_words
# The same in other languages, where they follow the name in lower case: Minsk qrupu,
# Minsk grubu, Минская группа, Şuşa Beyannamesi, Qarabağ FK, Bakı Dövlət Universiteti.
ORG_WORDS_ANY_CASE = LEXICON.org_words_any_case
# Words before a capitalised name that show a person (titles).
PERSON_TITLES = LEXICON.person_titles
# Titles of artists and saints: the name after one is the person's in any case ("şair
# Fuzuli'den alan", named after the poet), where an office may stand before a place
# ("Prezident Bakıda").
ARTIST_TITLES = LEXICON.artist_titles
# A poet's works: "ghazals of Fuzuli", "газели Физули", "Füzulinin qəzəlləri", "Fuzuli'nin
# şiirleri" name the poet, not the town named after him.
WORK_WORDS = LEXICON.work_words
_CONJUNCTIONS = LEXICON.conjunctions
# last words of the two- and three-word prefix cues ("city of" -> "of"), longest first:
# a phrase is joined and looked up only when its last word can end a cue
_PREFIX_LAST = tuple((k, frozenset(p.split(" ")[-1] for p in PREFIX_CUES if p.count(" ") == k - 1)) for k in (3, 2))
# plural cue words (districts, rayonları, районов, şəhərləri, villages...), as folded
# plural cue words no ending shows: сёл (of the villages), сёла, села
_PLURAL_WORDS = LEXICON.plural_words
# plural endings: English -s, Azerbaijani and Turkish -lar/-ler..., Russian -ов, -ах, -ы
_PLURAL_TURKIC = tuple(dict.fromkeys(LEXICON.plural_endings["az"] + LEXICON.plural_endings["tr"]))
_PLURAL_LATIN = LEXICON.plural_endings["en"] + _PLURAL_TURKIC
_PLURAL_CYRILLIC = LEXICON.plural_endings["ru"]


def _plural(cue: str) -> bool:
    """Is a cue word plural (districts, rayonlarına, районах, сёл)?"""
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


# Words that start sentences without being names ("Near Talish", "In Gabriel region").
FUNCTION_WORDS = LEXICON.function_words


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    place: int
    variant: int
    method: str
    score: float
    cue: str | None
    suffix: str  # inflectional ending kept by normalise ("də" of Füzulidə), may be ""
    candidates: tuple[Ranked, ...]  # same-name readings (place, variant, rank), for disambiguation


_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\"«“(—–-])\s*$")


def _sentence_start(text: str, pos: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, pos - SENTENCE_LOOKBACK) : pos]))


class Scanner:
    def __init__(self, index: CompiledIndex):
        self.index = index
        self.keys = index.folded_keys()
        firsts: dict[str, int] = {}
        for k in self.keys:
            if " " in k:
                parts = k.split(" ")
                if len(parts) <= MAX_WORDS:
                    firsts[parts[0]] = max(firsts.get(parts[0], 1), len(parts))
        self.multi_first = firsts
        # every word-prefix (two words or more) of a multi-word name, so that a run of
        # words is only extended while it can still become a name
        prefixes: set[str] = set()
        for k in self.keys:
            parts = k.split(" ")
            for m in range(2, min(len(parts), MAX_WORDS) + 1):
                prefixes.add(" ".join(parts[:m]))
        self.prefixes = prefixes
        self.second_words = frozenset(k.split(" ", 2)[1] for k in self.keys if " " in k)
        self._word_hits = lru_cache(maxsize=WORD_HITS_CACHE)(self._word_hits_uncached)
        # Per distinct token or key, decided once (bounded; cleared when full): the scan
        # over a corpus then costs a few dictionary probes per word, in C.
        self._interesting: dict[str, int] = {}
        self._suffix_groups: dict[str, str | None] = {}
        self._prefix_groups: dict[str, str | None] = {}
        self._joins: dict[str, bool] = {}
        self._no_upper: dict[str, bool] = {}
        self._key_flags: dict[str, tuple[bool, bool]] = {}
        self._rankings: dict[tuple, tuple] = {}
        self._pairs: dict[tuple[str, str], bool] = {}
        self._org_words: dict[str, int] = {}
        self._titles: dict[str, int] = {}
        self._works: dict[str, bool] = {}
        self._translit: dict[str, bool] = {}
        self._second_forms: dict[str, tuple] = {}
        self._anchor_of: dict[int, tuple[float, float] | None] = {}
        self._distances: dict[tuple, float] = {}

    # -------------------------------------------------------------- words
    def _word_hits_uncached(self, word: str) -> tuple[tuple[int, ...], str, str]:
        """(variant ids, method, folded suffix) for one word, exact before inflected."""
        key = fold(word)
        if not key:
            return (), "", ""
        hits = self._fitting(word, self.keys.get(key))
        if hits:
            cyrillic = is_cyrillic(word)
            if len(key) >= MIN_INFLECTED_KEY and (cyrillic or _TURKIC_LETTERS.search(word)):
                # "у Гориса" is Goris in the genitive, not the village Gorisa: in Russian a
                # declined form of a town outranks the same letters naming only villages;
                # so in Azerbaijani and Turkish letters ("Arazın" is the river's genitive)
                alt, suffix = self._lemma_hits(key, russian=cyrillic)
                if alt and self._weight(alt) > self._weight(hits) + INFLECTED_OVER_EXACT:
                    return alt, "inflection", suffix
            return hits, "folded", ""
        if word[-1:] in "sS" and word[-2:-1] in APOSTROPHES:
            # English possessive: Azerbaijan's, Shusha’s (the ending stays in normalise)
            hits = self._fitting(word, self.keys.get(fold(word[:-2])))
            return (hits, "inflection", "s") if hits else ((), "", "")
        if len(key) < MIN_INFLECTED_KEY or self.index.is_common_word(key):
            return (), "", ""
        found, suffix = self._lemma_hits(key, russian=is_cyrillic(word))
        found = self._fitting(word, found)
        return found, ("inflection" if found else ""), suffix

    def _fitting(self, word: str, hits: tuple[int, ...] | None) -> tuple[int, ...]:
        """The variants a word of running text may stand for: an abbreviation (BƏƏ, ABŞ)
        is written in capitals, so "Baa" (a credit rating) is not the Emirates."""
        if not hits or not has_latin(word):
            return hits or ()
        if not word.isupper():
            kept = tuple(v for v in hits if self._spelling(v, lambda t: len(t) > ABBREVIATION_MAX or not t.isupper()))
            hits = kept if len(kept) < len(hits) else hits
        if len(hits) > 1:
            # a Latin word names the places spelled so, where some are: "Arazın" is the
            # Araz, not the village whose Armenian name Արազ folds alike
            latin = tuple(v for v in hits if self._spelling(v, has_latin))
            if latin and len(latin) < len(hits):
                return latin
        return hits

    def _transliterated(self, word: str, hits: tuple[int, ...]) -> bool:
        """Does a plain ASCII word match only transliterations of names in other scripts?

        Folding maps every script to one key. That is right for "Shafibeyli" (Шафибейли)
        or "Dzhebrail", but such a match is weaker evidence than a Latin spelling: an
        English "Bank" is Банк, "Omar" Օմար, "XON" Խոն, "Qtr" قطر."""
        got = self._translit.get(word)
        if got is None:
            got = word.isascii() and not any(self._spelling(v, has_latin) for v in hits)
            _bounded(self._translit)[word] = got
        return got

    def _spelling(self, v: int, fits) -> bool:
        """Does variant ``v``, or another spelling of its place with the same key (the
        key's representative may be the Cyrillic name), pass ``fits``?"""
        variant = self._variant(v)
        if fits(variant.text):
            return True
        key = fold(variant.text)
        others = map(VariantOfRow._make, self.index.variants_of(variant.place))
        return any(fold(o.text) == key and fits(o.text) for o in others)

    def _lemma_hits(self, key: str, russian: bool) -> tuple[tuple[int, ...], str]:
        """Variants of the lemmas of a folded word, and the ending of the first that has any."""
        found: list[int] = []
        suffix = ""
        for lemma, suf in lemmas(key, russian=russian):
            got = self.keys.get(lemma)
            if got:
                found.extend(got)
                if not suffix:
                    suffix = suf
        return tuple(dict.fromkeys(found)), suffix

    def _weight(self, hits: tuple[int, ...]) -> float:
        """The importance of the weightiest place among some variants."""
        return max(self._place(self._variant(v).place).importance for v in hits)

    def _place(self, i: int) -> PlaceRow:
        return PlaceRow._make(self.index.place(i))

    def _variant(self, v: int) -> VariantRow:
        return VariantRow._make(self.index.variant(v))

    def _classify(self, token: str) -> int:
        """Can a mention start at this word? NO; YES; PAIR: a declined Russian adjective of a
        two-word name, maybe a name by itself too; HEAD: only as the first word of a
        multi-word name, so the next word decides ("the Gambia", "New Delhi"); BOTH: a name
        that also starts longer ones ("Lachin", "Lachin corridor")."""
        key = fold(token)
        verdict = NO
        if key:
            hits, method, _suffix = self._word_hits(token)
            if hits and self._lowercase(token):
                # a lowercase word the judge would reject in any context (see _judge)
                if (
                    method != "folded"
                    or len(key) < LOWERCASE_MIN
                    or self.index.is_ambiguous_name(key)
                    or self.index.is_common_word(key)
                ):
                    hits = ()
            if key in self.multi_first:
                verdict = BOTH if hits else HEAD
            elif (
                token[:1].isupper()
                and is_cyrillic(token)
                and any(lemma in self.multi_first for lemma, _ in lemmas(key))
            ):
                verdict = PAIR  # "Физулинского района" (see _declined_pair)
            elif hits:
                verdict = YES
        self._interesting[token] = verdict
        return verdict

    def _pair_starts_name(self, first: str, second: str) -> bool:
        """Can a name of two words or more start with these two words (second maybe inflected)?"""
        pair = (first, second)
        ok = self._pairs.get(pair)
        if ok is None:
            forms = self._second_forms.get(second)
            if forms is None:
                forms = _bounded(self._second_forms)[second] = self._forms_as_second(second)
            ok = False
            if forms is _SPACED or forms[0] or forms[1]:
                head, keys = fold(first), self.keys
                if forms is _SPACED or " " in head:  # folding split a word ("d'Azur")
                    run = head + " " + fold(second)
                    ok = run in self.prefixes or run in keys
                    ok = ok or any(lemma in keys for lemma, _ in lemmas(run, russian=is_cyrillic(second)))
                else:
                    head += " "
                    ok = any(head + f in self.prefixes or head + f in keys for f in forms[0]) or any(
                        head + lemma in keys for lemma in forms[1]
                    )
            _bounded(self._pairs)[pair] = ok
        return ok

    def _forms_as_second(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The forms in which ``word`` can be the second word of a name: folded, and its
        lemmas (the lemmas of a run are those of its last word). Most words have none, so
        a new pair ("the market", "in market") needs no folding of the first word."""
        seconds = self.second_words
        last = fold(word)
        if " " in last:
            return _SPACED
        folded = (last,) if last in seconds else ()
        found = tuple(lemma for lemma, _ in lemmas(last, russian=is_cyrillic(word)) if lemma in seconds)
        return folded, found

    def _join(self, gap: str) -> bool:
        """Can ``gap`` stand between two words of one name?"""
        ok = self._joins.get(gap)
        if ok is None:
            ok = _JOIN.fullmatch(gap) is not None
            if len(gap) < JOIN_CACHE_GAP:
                _bounded(self._joins)[gap] = ok
        return ok

    def _suffix_group(self, token: str, key: str) -> str | None:
        """Cue group of a word that follows a name ("district", "rayonunda", "района")."""
        return self._cue_group(token, key, SUFFIX_CUES, self._suffix_groups)

    def _prefix_group(self, token: str, key: str) -> str | None:
        """Cue group of one word before a name ("река", "gorod"); one letter never counts."""
        return self._cue_group(token, key, PREFIX_CUES, self._prefix_groups) if len(key) >= PREFIX_CUE_MIN else None

    def _cue_group(self, token: str, key: str, table: dict[str, str], cache: dict) -> str | None:
        """The group of a word, or of one of its lemmas, in a cue table; once per token."""
        try:
            return cache[token]
        except KeyError:
            pass
        group = table.get(key)
        if group is None:
            for lemma, _ in lemmas(key, russian=is_cyrillic(token)):
                group = table.get(lemma)
                if group:
                    break
        _bounded(cache)[token] = group
        return group

    def _lowercase(self, surface: str) -> bool:
        flag = self._no_upper.get(surface)
        if flag is None:
            flag = _bounded(self._no_upper)[surface] = not any(ch.isupper() for ch in surface)
        return flag

    def _key_flags_of(self, key: str) -> tuple[bool, bool]:
        """(ambiguous, common word) for a folded key."""
        flags = self._key_flags.get(key)
        if flags is None:
            flags = _bounded(self._key_flags)[key] = (
                self.index.is_ambiguous_name(key),
                self.index.is_common_word(key),
            )
        return flags

    def _ranking(self, hits: tuple[int, ...], method: str, group: str | None) -> tuple:
        """Same-name places of a span ranked for a cue group, best first; computed once
        per (variants, method, group) since the priors depend on nothing else.

        Returns (candidates, place, variant, variant needs context, kind, official, country)."""
        key = (hits, method, group)
        got = self._rankings.get(key)
        if got is not None:
            return got
        ranked: dict[int, tuple[float, int, bool, str]] = {}
        for v in hits:
            variant = self._variant(v)
            place_i, ctx = variant.place, bool(variant.needs_context)
            place = self._place(place_i)
            rank = prior(METHOD_SCORE[method], place.kind, place.importance, variant.type, ctx, group)
            if place_i not in ranked or rank > ranked[place_i][0]:
                ranked[place_i] = (rank, v, ctx, place.kind)
        order = sorted(ranked.items(), key=lambda kv: -kv[1][0])
        place_i, (_rank, v, ctx, kind) = order[0]
        got = (
            tuple(Ranked(p, r[1], r[0]) for p, r in order[:MAX_CANDIDATES]),
            place_i,
            v,
            ctx,
            kind,
            # names we curated or WOF prefers, as opposed to GeoNames' long tail of aliases
            self._variant(v).type != "variant",
            self._place(place_i).country,
        )
        _bounded(self._rankings)[key] = got
        return got

    # -------------------------------------------------------------- scanning
    def scan(self, text: str) -> list[Mention]:
        parts = SPLIT.split(text)  # gap, word, gap, word, ..., gap
        toks = parts[1::2]
        interesting = self._interesting
        try:
            flags = list(map(interesting.__getitem__, toks))
        except KeyError:
            new = set(toks).difference(interesting)
            if len(interesting) + len(new) > VOCABULARY_CACHE:
                interesting.clear()
                new = set(toks)
            for token in new:
                self._classify(token)
            flags = list(map(interesting.__getitem__, toks))
        mentions: list[Mention] = []
        if not any(flags):
            return mentions
        doc = _Doc(text, parts, toks)
        deferred: list[Mention] = []
        free = 0  # words before this are inside a mention already found
        last = len(toks) - 1
        gaps, joins, pairs = doc.gaps, self._joins, self._pairs
        for i in compress(range(len(toks)), flags):
            if i < free:
                continue
            flag = flags[i]
            if flag >= HEAD:
                # the first word of a multi-word name: does the next word continue one?
                go_on = False
                if i < last:
                    gap = gaps[i + 1]
                    joined = joins.get(gap)
                    if joined is None:
                        joined = self._join(gap)
                    if joined:
                        go_on = pairs.get((toks[i], toks[i + 1]))
                        if go_on is None:
                            go_on = self._pair_starts_name(toks[i], toks[i + 1])
                if not go_on and flag == HEAD:
                    continue
                got = self._match_at(doc, i, go_on)
            else:
                got = self._match_at(doc, i, flag == PAIR)
            if got is None:
                continue
            mention, used, wait = got
            if mention is not None:
                (deferred if wait else mentions).append(mention)
            free = i + used
        mentions = self._one_sense(mentions, deferred)
        return self._disambiguate(mentions, text)

    def _one_sense(self, mentions: list[Mention], deferred: list[Mention]) -> list[Mention]:
        """One sense per text: a name that a cue settled once keeps that place.

        After "the village of Yeraskh", a later bare "Yeraskh" is the village too;
        after "Gabriel region", "the centre of Gabriel" (deferred for want of
        context) is Jabrayil.
        """
        settled: dict = {}
        for m in mentions:
            if m.cue is not None:
                settled.setdefault(fold(m.text), m)
            settled.setdefault(("place", m.place), m)
        if not settled:
            return mentions
        for m in mentions:
            if m.cue is None:
                ref = settled.get(fold(m.text))
                if ref is not None and not self._feature_over_settlement(ref.place, m.place):
                    for cand in m.candidates:
                        if cand.place == ref.place:
                            m.place, m.variant = cand.place, cand.variant
                            m.candidates = (cand,)  # settled: distances no longer decide
                            break
        added = []
        for d in deferred:
            ref = settled.get(fold(d.text))
            if ref is None:
                for place_i, _v, _r in d.candidates:
                    if ("place", place_i) in settled:
                        ref = settled[("place", place_i)]
                        break
            if ref is None:
                continue
            if self._feature_over_settlement(ref.place, d.place):
                d.candidates = d.candidates[:1]  # corroborated as a place; its own reading stands
                added.append(d)
                continue
            for cand in d.candidates:
                if cand.place == ref.place:
                    d.place, d.variant = cand.place, cand.variant
                    d.candidates = (cand,)
                    added.append(d)
                    break
        if not added:
            return mentions
        return sorted(mentions + added, key=lambda m: m.start)

    def _feature_over_settlement(self, feature: int, place: int) -> bool:
        """'Aghdam and Tartar, and along the Tartar river': the river's cue says nothing of
        the bare name, which stays the town; so for 'the Gabriel region ... Gabriel
        center': a district is named with its kind word, a bare name is its town."""
        kind, own = self._place(feature).kind, self._place(place).kind
        if kind == "district":
            return own in ("city", "town")
        return kind in _FEATURES and own not in _FEATURES

    def _declined_pair(self, doc: _Doc, i: int):
        """A Russian adjective + noun name with both words declined ("Физулинского района"
        is the variant "Физулинский район"): the variant ids or None."""
        toks, folded = doc.toks, doc.folded
        first = toks[i]
        if i + 1 >= len(toks) or not first[:1].isupper() or not is_cyrillic(first):
            return None
        if not self._join(doc.gaps[i + 1]):
            return None
        heads = [lemma for lemma, _ in lemmas(folded[i]) if lemma in self.multi_first]
        if not heads:
            return None
        tails = [folded[i + 1]] + [lemma for lemma, _ in lemmas(folded[i + 1])]
        for head in heads:
            for tail in tails:
                hits = self.keys.get(f"{head} {tail}")
                if hits:
                    return hits
        return None

    def _match_at(self, doc: _Doc, i: int, multi: bool):
        """The mention starting at word i: (mention, words used, wait) or None. ``multi``:
        the first two words can start a name of several words, maybe declined (see scan)."""
        toks, gaps, folded = doc.toks, doc.gaps, doc.folded
        head = folded[i]
        longest = self.multi_first.get(head)
        if longest is None:
            if multi:
                pair = self._declined_pair(doc, i)
                if pair:
                    m, wait = self._judge(doc, i, i + 2, pair, "inflection", "")
                    if m is not None:
                        return m, 2, wait
        elif multi:
            # multi-word names: longest first, extended only while the words are a name's prefix
            longest = min(longest, len(toks) - i)
            reach = 1
            runs = [head]  # runs[k] = the first k+1 words joined
            while reach < longest and self._join(gaps[i + reach]):
                run = runs[-1] + " " + folded[i + reach]
                runs.append(run)
                if run not in self.prefixes:
                    break
                reach += 1
            # the word after the last prefix word may still end a name in an inflected form
            top = min(longest, len(runs))
            for n in range(top, 1, -1):
                key = runs[n - 1]
                hits = self.keys.get(key)
                method, suffix = "folded", ""
                if not hits and n == top:
                    # inflected last word: "Dağlıq Qarabağda"
                    for lemma, suf in lemmas(key, russian=is_cyrillic(toks[i + n - 1])):
                        hits = self.keys.get(lemma)
                        if hits:
                            method, suffix = "inflection", suf
                            break
                if hits:
                    m, wait = self._judge(doc, i, i + n, hits, method, suffix)
                    if m is not None:
                        return m, n, wait
        hits, method, suffix = self._word_hits(toks[i])
        if not hits:
            return None
        m, wait = self._judge(doc, i, i + 1, hits, method, suffix)
        return (m, 1, wait) if m is not None else None

    # -------------------------------------------------------------- judging
    def _cue(self, doc: _Doc, i: int, j: int, depth: int = 0) -> tuple[str | None, str | None]:
        """Place cue right after (j) or right before (i) the span: (group, cue text)."""
        toks, folded = doc.toks, doc.folded
        n = len(toks)
        # "the Jabrayil and Fizuli districts", "Qubadlı və Laçın rayonlarına", "Süleymanlı,
        # Şəybəy və Mehdili kəndlərində": a plural cue after the last name of a list applies
        # to every name of it
        if depth < LIST_ITEMS and j + 1 < n:
            nxt = None
            if folded[j] in _CONJUNCTIONS and j + 2 < n:
                nxt = j + 1
            elif _comma(doc.gaps[j]):
                nxt = j
            if nxt is not None and not self._list_item(toks[nxt]):
                nxt = None
            if nxt is not None:
                group, cue = self._cue(doc, nxt, nxt + 1, depth + 1)
                if group in ("admin", "settlement") and cue and _plural(cue):
                    return group, cue
        if j < n and self._join(doc.gaps[j]):
            group = self._suffix_group(toks[j], folded[j])
            if group:
                return group, toks[j]
        if i >= 1:
            last = folded[i - 1]
            for k, lasts in _PREFIX_LAST:
                if i - k >= 0 and last in lasts:
                    group = PREFIX_CUES.get(" ".join([folded[x] for x in range(i - k, i)]))
                    if group:
                        return group, doc.text[doc.start(i - k) : doc.end(i - 1)]
            group = self._prefix_group(toks[i - 1], last)
            if group:
                return group, toks[i - 1]
            if toks[i - 1] == "the" and toks[i][:1].isupper():
                return "article", "the"
            if depth == 0:
                return self._list_prefix_cue(doc, i)
        return None, None

    def _list_prefix_cue(self, doc: _Doc, i: int) -> tuple[str | None, str | None]:
        """A plural cue before a list applies to each of its names: "сёлах Хндзореск,
        Веришен, Давид-Бек и Тех", "the villages of Sos, Taghavard and Machkalashen"."""
        toks, gaps = doc.toks, doc.gaps
        k = i  # the first word of the current item
        for _ in range(LIST_ITEMS):
            k = _item_before(doc, k)
            # back over the words of the item before ("Давид-Бек", "Nagorno Karabakh")
            if k < 0 or not self._list_item(toks[k]):
                return None, None
            while k >= 1 and toks[k - 1][:1].isupper() and self._join(gaps[k]):
                k -= 1
            if k >= 1 and self._join(gaps[k]):
                group, cue = self._cue(doc, k, k + 1, LIST_ITEMS)
                if group is not None and group != "article":
                    return (group, cue) if group in ("admin", "settlement") and _plural(cue) else (None, None)
        return None, None

    def _judge(self, doc: _Doc, i: int, j: int, hits, method, suffix) -> tuple[Mention | None, bool]:
        """Accept or reject one candidate span; (mention, wait) where ``wait`` means
        the mention needs context that a later mention of the text may give."""
        toks, folded, text = doc.toks, doc.folded, doc.text
        if i and toks[i - 1] in _NEW and doc.gaps[i] == " ":
            return None, False  # the end of a name we lack: New Mexico, New Jersey, New Guinea
        s, e = doc.start(i), doc.end(j - 1)
        surface = text[s:e]
        group, cue = self._cue(doc, i, j)
        # An article only ranks (the Araz is the river); it is no evidence of a place.
        context = group if group != "article" else None
        candidates, place_i, v, variant_ctx, kind, official, country = self._ranking(hits, method, group)
        needs_ctx = variant_ctx and context is None
        key = folded[i] if j - i == 1 else " ".join([folded[k] for k in range(i, j)])
        if j - i == 1 and (method == "folded" or suffix == "s") and self._transliterated(toks[i], hits):
            # a spelling of ours only through another script is no official name, and a
            # short one (Bank, Omar, Qtr) is a place only with a cue ("Bank qəsəbəsi")
            if context is None and len(key) - len(suffix) <= TRANSLITERATED_MAX:
                return None, False
            official = False
        ambiguous, common = self._key_flags_of(key)
        if context is not None and kind == "village" and (ambiguous or common) and kind not in KIND_GROUPS[context]:
            # a cue that fits no reading of a word is about something else: "Orta Koridor"
            # is the Middle Corridor, not a corridor named after the village Orta
            return None, False
        lowercase = self._lowercase(surface)
        if lowercase:
            # machine translation lowercases names ("ganja"): only well-known places, never
            # words, and only with corroboration (a cue, a list of places, or the same place
            # named elsewhere in the text): "tartar sauce" is not Terter.
            # with a cue ("lachin region's gorchu village", "in baku city") villages and names
            # that are also words count too
            if method != "folded" or len(key) < LOWERCASE_MIN or (context is None and (kind == "village" or ambiguous)):
                return None, False
            if context is None and any(self.index.is_common_word(w) for w in key.split()):
                return None, False
        elif (len(key) <= CAPITALS_MAX or len(surface) <= CAPITALS_MAX) and context is None and surface.isupper():
            return None, False  # abbreviations (UN, OF, SUS) are not names here
        if context is None and method == "inflection" and j - i == 1 and is_russian_adjective(key):
            # an adjective whose noun is no kind of place: азербайджанского агентства,
            # Минская группа (but "..., а затем Лачинского." leaves "района" understood)
            after = toks[j] if j < len(toks) and doc.gaps[j] == " " else ""
            before = toks[i - 1] if i and doc.gaps[i] == " " else ""
            if is_cyrillic(surface) and (after[:1].islower() or before[:1].isupper()):
                return None, False  # ... or a family name after a first name (Дмитрий Шушинский)
        if method == "inflection" and suffix != "s" and surface.isascii() and doc.english():
            # Turkic endings on a plain ASCII word of English prose are English letters:
            # Bakunin is no genitive of Baku, nor Goria a dative of Gori (Fuzuli'de, with
            # its apostrophe, and Füzulidə, with its letters, stay)
            if not any(ch in APOSTROPHES for ch in surface):
                return None, False
        listed = None
        if (
            context is None
            and (ambiguous or common)
            and not (j - i > 1 and all(toks[k][:1].isupper() for k in range(i, j)))
        ):
            # "Tünel, Azerbaycan'ın en uzun...": after a word that opens a sentence, a comma
            # ends an introductory phrase, not an item of a list
            opens = _sentence_start(text, s)
            listed = self._listed_with_places(doc, i, j, comma_after=not opens) or self._place_in_brackets_after(doc, j)
            if not listed:
                if opens and not (official and kind != "village"):
                    return None, False
                if kind == "village" or not official:
                    return None, False
        # names that are also first names or words: villages, needs-context aliases, and cities
        # far from the region ("Vladimir Putin" is not the Russian city)
        weak = kind == "village" or needs_ctx or (kind == "city" and country not in FOCUS_COUNTRIES)
        # a country's name or a place in the locative after a title is no person
        # ("Президент России", "Prezident Bakıda"); "şair Fuzuli'nin" is the poet
        titled_ok = kind in ("country", "district", "region") or suffix in _PLACE_CASES  # Prezident Bakıda
        if self._in_person_or_org(doc, i, j, weak, context, titled_ok, suffix):
            return None, False
        if context is None and kind in _CLUB_KINDS and not self._venue(doc, i, suffix) and doc.sports(s):
            # in football copy a town or region named without a case of place is its club:
            # "Qarabağ beat Sabah", "Karabağ'ın golleri"; "in Baku", "Gəncədə" stay places
            return None, False
        # weak evidence that another mention of the text must corroborate: a name that
        # needs context, a lowercase word, a village name opening a sentence ("Səhər ...")
        weak_start = kind == "village" and context is None and j - i == 1 and _sentence_start(text, s)
        if (needs_ctx or weak_start) and listed is None:
            listed = self._listed_with_places(doc, i, j) or self._place_in_brackets_after(doc, j)
        # A lowercase name is corroborated only by a cue or by its place named elsewhere in
        # the text, not by a list: normalising a list turns aliases into canonical names,
        # and the second pass must see the same evidence as the first.
        # After a locative preposition a lowercase place name is a place ("in ganja"); once
        # normalised it is capitalised, so the second pass sees the same evidence.
        by_preposition = lowercase and self._after_locative(doc, i)
        wait = ((needs_ctx or weak_start) and not listed) or (lowercase and context is None and not by_preposition)
        mention = Mention(
            s,
            e,
            surface,
            place_i,
            v,
            method,
            METHOD_SCORE[method],
            cue if context else None,
            suffix,
            candidates,
        )
        return mention, wait

    def _after_locative(self, doc: _Doc, i: int) -> bool:
        """Does a locative preposition govern word i, maybe through a list of lowercase
        words ("in ganja, baku and sumgait")?"""
        toks, gaps, folded = doc.toks, doc.gaps, doc.folded
        for _ in range(LIST_ITEMS):
            if i < 1:
                return False
            if gaps[i] == " " and folded[i - 1] in _LOCATIVE_PREPOSITIONS:
                return True
            i = _item_before(doc, i)
            if i < 0 or not (toks[i].islower() or self._list_item(toks[i])):
                return False
        return False

    def _list_item(self, token: str) -> bool:
        """Can a word be an item of a list of places? A capitalised word, or a place's
        name in any case. (Not the case alone: normalising capitalises a lowercase name,
        and the second pass must read the list as the first did.)"""
        return token[:1].isupper() or bool(self._word_hits(token)[0])

    def _venue(self, doc: _Doc, i: int, suffix: str) -> bool:
        """Is a name in football copy where a match is played: in a case of place (Gəncədə,
        Bakü'deki, Ağdam'dan) or after a preposition of place (in, at, from; в, на, из)?"""
        if suffix.startswith(_PLACE_CASE_PREFIXES) or suffix in _DATIVES:
            return True  # Gəncədə, Bakü'deki; Ağdam'a dönmesi, Gence'ye konuk olacak
        toks, folded = doc.toks, doc.folded
        if i > 1 and folded[i - 1] in _CONJUNCTIONS:
            # "the mosques of Aghdam and Shusha": the preposition of the name before
            i -= 2
            while i > 0 and toks[i][:1].isupper() and toks[i - 1][:1].isupper() and doc.gaps[i] == " ":
                i -= 1
        return i > 0 and folded[i - 1] in _VENUE_PREPOSITIONS

    def _place_in_brackets_after(self, doc: _Doc, j: int) -> bool:
        """'1. Talish (Tartar district)', '— Dovşanlı (Ağdərə ətrafı)': a name followed by
        another place in brackets is a place, the bracket saying where it lies."""
        return (
            j < len(doc.toks)
            and doc.gaps[j].strip() == "("
            and doc.toks[j][:1].isupper()
            and bool(self._word_hits(doc.toks[j])[0])
        )

    def _listed_with_places(self, doc: _Doc, i: int, j: int, comma_after: bool = True) -> bool:
        """'Gabriel, Fuzuli and Zangilan': a needs-context name among other places.
        ``comma_after=False``: a place after the name and a bare comma does not count."""
        toks, text = doc.toks, doc.text
        for k in (i - 1, i - 2, j, j + 1):
            if 0 <= k < len(toks) and not i <= k < j:
                gap = text[doc.end(k) : doc.start(i)] if k < i else text[doc.end(j - 1) : doc.start(k)]
                if not _list_gap(gap) or (k >= j and not comma_after and gap.strip() == ","):
                    continue
                w = toks[k]
                # a lowercase name counts where a preposition makes it a place ("in a,
                # sumgait"): normalised, it is capitalised, and the second pass counts it
                if not w[:1].isupper() and not (w.islower() and self._after_locative(doc, k)):
                    continue
                hits, _m, _s = self._word_hits(w)
                if any(not self._variant(x).needs_context for x in hits):
                    return True
                # a neighbour that needs context counts once a cue gives it ("Gabriel
                # region"): its canonical name after normalising would count too
                if hits and self._cue(doc, k, k + 1)[0] not in (None, "article"):
                    return True
        return False

    def _in_person_or_org(
        self, doc: _Doc, i: int, j: int, weak: bool, group: str | None, titled_ok: bool = False, suffix: str = ""
    ) -> bool:
        """Nizami Ganjavi, Peter Gabriel, Minsk Group: a place word inside another name."""
        toks, gaps, folded = doc.toks, doc.gaps, doc.folded
        if j < len(toks):
            gap = gaps[j]
            if gap == " " or self._join(gap):
                w = toks[j]
                org = self._org_word(w, folded[j])
                if org == ANY_CASE or (org and w[:1].isupper()):
                    return True
                # Baku State University, Bakı Dövlət Universiteti, Gəncə Hava Yolları, the
                # Azerbaijan National Carpet Museum: an organisation word after capitalised words
                k = j
                # (not across a dateline's dash: "BAKÜ - Azerbaycan Demir Yolları")
                while (
                    k - j < ORG_REACH
                    and toks[k][:1].isupper()
                    and k + 1 < len(toks)
                    and gaps[k + 1] == " "
                    and (gap == " " or gap in _TIGHT_HYPHENS)
                ):
                    k += 1
                    w2 = toks[k]
                    org = self._org_word(w2, folded[k])
                    if org == ANY_CASE or (org and w2[:1].isupper()):
                        return True
                if w[:1].isupper():
                    # (not a name in a case of place or direction: "Moskvadan Xankəndiyə gəlib")
                    if (
                        group is None
                        and gap == " "
                        and suffix not in _PLACE_CASES
                        and suffix not in _DATIVES
                        and not SUFFIX_CUES.get(folded[j])
                    ):
                        # "Nizami Ganjavi", "Ali Karimli": a village word and another capitalised
                        # word with nothing between them is a person's name, even when the second
                        # word is a village too (Azerbaijani surnames end in -li like villages);
                        # any place name before a family name is a first name ("Ararat Mirzoyan")
                        if weak or (folded[j].endswith(_FAMILY_ENDINGS) and not self._word_hits(w)[0]):
                            return True
        if (
            group is None
            and j - i == 1
            # "Qarabağ" opening a headline; the second word of "Araz-Naxçıvan", «Интерфакс-Азербайджан»
            and (gaps[i][-1:] in OPEN_QUOTES or (i > 0 and gaps[i] in ("-", "–") and gaps[i - 1][-1:] in OPEN_QUOTES))
            and self._closes_soon(doc, j)
        ):
            # «Карабах», "Qarabağ" ictimai birliyi, "Ağdam" muğam ansamblı, «Интерфакс-Азербайджан»:
            # a quoted name is a club's, a paper's, a song's or a firm's, not a place
            return True
        if i > 0 and gaps[i] in (" ", ". "):
            title = self._title_word(toks[i - 1], folded[i - 1])
            if title == _ARTIST or (title and not titled_ok):
                return True  # President Aliyev, Dr. Aras Demir, şair Fuzuli'den
            if (
                i > 1
                and gaps[i] == " "
                and gaps[i - 1] == " "
                and toks[i - 1][:1].isupper()
                and self._title_word(toks[i - 2], folded[i - 2]) == _ARTIST
            ):
                return True  # поэту Мухаммеду Физули, the poet Muhammad Fuzuli
        if group is None and self._works_around(doc, i, j):
            return True
        if i > 0 and gaps[i] == " ":
            prev = folded[i - 1]
            if (
                group is None
                and weak
                and toks[i - 1][:1].isupper()
                and prev not in FUNCTION_WORDS
                and prev not in PREFIX_CUES
                # "Horadizdən Ağbəndə", "İndi Daşaltıda": a word with a case ending, or a
                # name in the locative or ablative, is no part of a person's name
                and self._word_hits(toks[i - 1])[1] != "inflection"
                and suffix not in _PLACE_CASES
            ):
                return True  # "Peter Gabriel", "Ilham Nizami": second word of a person's name
        return False

    def _closes_soon(self, doc: _Doc, j: int) -> bool:
        """Does a quotation close right after word j-1 or after one more word?"""
        gaps = doc.gaps
        for k in (j, j + 1):
            if k < len(gaps) and gaps[k][:1] in CLOSE_QUOTES:
                return True
        return False

    def _title_word(self, token: str, key: str) -> int:
        """A title before a person's name: _OFFICE (President), _ARTIST (şair, поэта) or 0."""
        got = self._titles.get(token)
        if got is None:
            forms = (key, *(lemma for lemma, _ in lemmas(key, russian=is_cyrillic(token))))
            got = (
                _ARTIST
                if any(f in ARTIST_TITLES for f in forms)
                else _OFFICE
                if any(f in PERSON_TITLES for f in forms)
                else 0
            )
            _bounded(self._titles)[token] = got
        return got

    def _work_word(self, k: int, doc: _Doc) -> bool:
        """Is word k a word for a poet's works (ghazals, qəzəlləri, газели)?"""
        token = doc.toks[k]
        got = self._works.get(token)
        if got is None:
            key = doc.folded[k]
            got = key in WORK_WORDS or any(lemma in WORK_WORDS for lemma, _ in lemmas(key, russian=is_cyrillic(token)))
            _bounded(self._works)[token] = got
        return got

    def _works_around(self, doc: _Doc, i: int, j: int) -> bool:
        """A poet's name next to his works: 'ghazals of Fuzuli', 'газели Физули' before it,
        'Füzulinin qəzəllərinə', 'Fuzuli's poems' after it."""
        toks, gaps = doc.toks, doc.gaps
        if j < len(toks) and gaps[j] == " " and self._work_word(j, doc):
            return True
        if i >= 1 and gaps[i] == " ":
            if self._work_word(i - 1, doc):
                return True
            if i >= 2 and toks[i - 1].lower() in ("of", "by") and gaps[i - 1] == " " and self._work_word(i - 2, doc):
                return True  # the ghazals of Fuzuli, the poem by Fuzuli
        return False

    def _org_word(self, token: str, key: str) -> int:
        """Does this word after a name make it an organisation's? ANY_CASE (qrupunun,
        группы), CAPITALISED (Group, Airlines: in lower case, "Baku talks" is a place),
        or 0."""
        got = self._org_words.get(token)
        if got is None:
            forms = [key] + [lemma for lemma, _ in lemmas(key, russian=is_cyrillic(token))]
            if any(a in token for a in APOSTROPHES):  # FK'nın, Group's
                forms.append(fold(APOSTROPHE.split(token, maxsplit=1)[0]))
            if any(f in ORG_WORDS_ANY_CASE for f in forms):
                got = ANY_CASE
            else:
                got = CAPITALISED if any(f in ORG_WORDS for f in forms) else 0
            _bounded(self._org_words)[token] = got
        return got

    # -------------------------------------------------------------- document context
    def _disambiguate(self, mentions: list[Mention], text: str = "") -> list[Mention]:
        """Among same-name places, prefer the one near the text's other places."""
        if len(mentions) < 2:
            return mentions
        open_ = [
            m for m in mentions if len(m.candidates) > 1 and m.candidates[0].rank - m.candidates[1].rank < OPEN_MARGIN
        ]
        if not open_:
            return mentions
        anchors = set()
        # the district named last before a mention: "Tərtər rayonunun Suqovuşan və Talış
        # kəndlərində" is the Talış whose parent is Tartar District
        named: dict[int, str] = {}  # id(mention) -> id of the district named before it
        undecided = {id(m) for m in open_}
        last = ""
        for k, m in enumerate(mentions):
            named[id(m)] = last
            if id(m) not in undecided:
                p = self._place(m.place)
                if p.kind in ("district", "region"):
                    last = p.id
                    # "Talish (Tartar district)", "Shuraabad in Aghdam district": the
                    # district right after names the parent
                    if k and id(mentions[k - 1]) in undecided:
                        between = text[mentions[k - 1].end : m.start]
                        if m.start - mentions[k - 1].end <= PARENT_GAP or _PARENT_AFTER.fullmatch(between):
                            named[id(mentions[k - 1])] = p.id
        for m in mentions:
            if id(m) not in undecided:
                a = self._anchor(m.place)
                if a is not None:
                    anchors.add(a)
        if not anchors and not last and len(open_) < 2:
            return mentions
        nearest: dict[int, float] = {}  # place -> km to the closest anchor
        # A river or mountain the text has named is what a later form of the same name
        # means ("Araz çayında ... Araza axır"), not another name of it (the Aras, then
        # Yeraskh, the village); its point is no anchor either.
        features = {}
        for m in mentions:
            if id(m) not in undecided and self._place(m.place).kind in _FEATURES:
                features.setdefault(fold(m.text.split(None, 1)[0]), m.place)
        for m in open_:
            if features:
                word = fold(m.text.split(None, 1)[0])
                same = {features[w] for w in (word, *(lemma for lemma, _ in lemmas(word))) if w in features}
                if same:
                    cand = next((c for c in m.candidates if c.place in same), None)
                    if cand is not None:
                        m.place, m.variant = cand.place, cand.variant
                        undecided.discard(id(m))
        open_ = [m for m in open_ if id(m) in undecided]
        for m in open_:
            self._choose(m, anchors, nearest, named[id(m)])
        if len(open_) > 1:
            # Second pass: same-name villages close together in the text lie close together
            # ("Suğovuşan ve Talış köyleri"): each takes the others' first choices as anchors.
            starts = [m.start for m in open_]  # in text order: neighbours by bisection
            for m in open_:
                key = fold(m.text)
                near = set()
                for o in open_[
                    bisect_left(starts, m.start - NEIGHBOUR_WINDOW) : bisect_right(starts, m.start + NEIGHBOUR_WINDOW)
                ]:
                    if o is not m and fold(o.text) != key:
                        a = self._anchor(o.place)
                        if a is not None:
                            near.add(a)
                near -= anchors
                if near:
                    self._choose(m, anchors, nearest, named[id(m)], near)
        return mentions

    def _nearest(self, place: int, anchors) -> float:
        """km from a place to the closest anchor (500 when none is closer)."""
        distances = _bounded(self._distances)  # (place, anchor) -> km, the same pairs recur over a corpus
        d = FAR_KM
        for a in anchors:
            x = distances.get((place, a))
            if x is None:
                p = self._place(place)
                x = distances[place, a] = km(p.lat, p.lon, a[0], a[1])
            if x < d:
                d = x
        return d

    def _anchor(self, place: int) -> tuple[float, float] | None:
        """A place's coordinate as an anchor for distances: None for a country, and for a
        river, lake or mountain, whose point is one of many along it (the Aras's lies by
        the Kura, 300 km from Yeraskh, a village on its bank)."""
        a = self._anchor_of.get(place, False)
        if a is False:
            p = self._place(place)
            point = p.kind != "country" and p.kind not in _FEATURES
            a = self._anchor_of[place] = (
                (round(p.lat, ANCHOR_DECIMALS), round(p.lon, ANCHOR_DECIMALS)) if point else None
            )
        return a

    def _choose(
        self, m: Mention, anchors: set, nearest: dict[int, float], parent: str, extra: set = frozenset()
    ) -> None:
        """Give an undecided mention the candidate with the best rank less distance to the
        anchors (and ``extra`` ones, its own), 50 km a rank point; +3 in the district named
        just before."""
        best = None
        for place_i, v, rank in m.candidates:
            d = nearest.get(place_i)
            if d is None:
                d = nearest[place_i] = self._nearest(place_i, anchors)
            if extra:
                d = min(d, self._nearest(place_i, extra))
            score = rank - d / KM_PER_RANK
            if parent and self._place(place_i).parent == parent:
                score += PARENT_DISTRICT_BONUS
            if best is None or score > best[0]:
                best = (score, place_i, v)
        if best is not None:
            m.place, m.variant = best[1], best[2]


class _Folds(dict):
    """Folded words of one text by index, computed only where the scanner looks."""

    __slots__ = ("toks",)

    def __init__(self, toks: list[str]):
        self.toks = toks

    def __missing__(self, k: int) -> str:
        v = self[k] = fold(self.toks[k])
        return v


class _Doc:
    """One text cut into words: ``toks[k]`` is word k, ``gaps[k]`` what precedes it."""

    __slots__ = ("text", "toks", "gaps", "folded", "parts", "_bounds", "_english", "_sports", "_sentences")

    def __init__(self, text: str, parts: list[str], toks: list[str]):
        self.text, self.toks, self.parts = text, toks, parts
        self.gaps = parts[0::2]
        self.folded = _Folds(toks)
        self._bounds: list[int] | None = None  # most texts scanned hold no mention
        self._english: bool | None = None
        self._sports: dict[int, int | bool] | None = None  # sentence -> football copy?
        self._sentences: list[int] = []  # where sentences start (once football is in the text)

    @property
    def bounds(self) -> list[int]:
        """bounds[2k] is where word k starts, bounds[2k + 1] where it ends."""
        if self._bounds is None:
            self._bounds = list(accumulate(map(len, self.parts)))
        return self._bounds

    def sports(self, pos: int) -> bool:
        """Is the sentence at ``pos`` football copy? A word of the game or a score in it,
        in a text with two such; or a headline of a text with three. (A culture page may
        report one match: only that sentence counts.)"""
        if self._sports is None:
            total = len(_SPORTS_WORDS.intersection(self.toks))
            if total == 1:
                total += _SCORE.search(self.text) is not None
            self._sports = {-1: total}
            if total >= SPORTS_WORDS_MIN:
                self._sentences = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(self.text)]
        total = self._sports[-1]
        if total < SPORTS_WORDS_MIN:
            return False
        text, starts = self.text, self._sentences
        k = bisect_right(starts, pos) - 1
        got = self._sports.get(k)
        if got is None:
            end = starts[k + 1] if k + 1 < len(starts) else len(text)
            sentence = text[starts[k] : end]
            got = bool(_SPORTS_WORDS.intersection(SPLIT.findall(sentence)) or _SCORE.search(sentence))
            if not got and total >= HEADLINE_SPORTS_WORDS:
                line_end = text.find("\n", pos)
                line = text[text.rfind("\n", 0, pos) + 1 : line_end if line_end >= 0 else len(text)]
                got = len(line) < HEADLINE_MAX and not line.rstrip().endswith(".")  # a headline
            self._sports[k] = got
        return got

    def english(self) -> bool:
        """Is the text English prose? One word in twelve is an English function word."""
        if self._english is None:
            n = sum(map(_ENGLISH_WORDS.__contains__, self.toks))
            self._english = n >= ENGLISH_MIN and ENGLISH_ONE_IN * n >= len(self.toks)
        return self._english

    def start(self, k: int) -> int:
        return (self._bounds or self.bounds)[2 * k]

    def end(self, k: int) -> int:
        return (self._bounds or self.bounds)[2 * k + 1]


def _comma(gap: str) -> bool:
    """Does a comma separate two items of a list here?"""
    return gap.strip() == ","


def _item_before(doc: _Doc, k: int) -> int:
    """The last word of the list item before the one that starts at word k: across a comma,
    or a conjunction ('and', 'və', 'и'); -1 where k does not follow another item."""
    if k >= 1 and _comma(doc.gaps[k]):
        return k - 1
    if k >= 2 and doc.folded[k - 1] in _CONJUNCTIONS and doc.gaps[k] == " ":
        return k - 2
    return -1


def _bounded(cache: dict) -> dict:
    """The cache itself, emptied first when full (memory stays flat over a corpus)."""
    if len(cache) >= SMALL_CACHE:
        cache.clear()
    return cache


# a comma or a conjunction (and, və, ve, ilə, и, և, or), or a comma and a conjunction
_LIST_GAP = re.compile(r"\s*(,|" + "|".join(map(re.escape, LEXICON.list_conjunctions)) + r")?\s*")
_SERIAL_GAP = re.compile(r"\s*,\s*(" + "|".join(map(re.escape, LEXICON.serial_conjunctions)) + r")\s*")


@lru_cache(maxsize=LIST_GAP_CACHE)
def _list_gap(gap: str) -> bool:
    """What may stand between the names of a list: a comma, 'and', 'və', 'и', a route's dash."""
    return bool(
        _LIST_GAP.fullmatch(gap)
        or _SERIAL_GAP.fullmatch(gap)
        or gap in ("-", "–", "—", "/")  # a route: the Gabriel-Zengilan highway
    )
