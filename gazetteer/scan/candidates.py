"""Candidate spans: text -> words -> the longest run of words that is a name (maybe
inflected, maybe a declined Russian pair), with its variants, method and ending.

Part of :class:`gazetteer.scan.scanner.Scanner` (a mixin, moved unchanged from the one
class; issue 15 ports it to the compiled core).
"""

from __future__ import annotations

import re
from itertools import compress

from ..inflection import lemmas, word_lemmas
from ..lang import LEXICON
from ..matcher import prior
from ..records import Mention, PlaceRow, Ranked, VariantOfRow, VariantRow
from ..text.folding import fold
from ..text.scripts import has_latin, is_cyrillic, script
from ..text.tokens import APOSTROPHES, SPLIT, join_invisibles, split_hashtags
from .document import _bounded, _Doc
from .weights import (
    ABBREVIATION_MAX,
    INFLECTED_OVER_EXACT,
    JOIN_CACHE_GAP,
    MAX_CANDIDATES,
    METHOD_SCORE,
    MIN_INFLECTED_KEY,
    MIN_INFLECTED_KEY_ARMENIAN,
    VOCABULARY_CACHE,
)

# Letters of Azerbaijani and Turkish that English does not use
_TURKIC_LETTERS = re.compile(f"[{re.escape(LEXICON.special_letters)}]")
_SPACED: tuple = ((), ())  # see Scanner._forms_as_second
# Can a mention start at a word (see Scanner._classify)? HEAD and BOTH sort last.
NO, YES, PAIR, HEAD, BOTH = 0, 1, 2, 3, 4
# What may stand between two words of one name.
_JOIN = re.compile(r"[ \t\u00a0]+|[ \t]*[-‐‑–][ \t]*")


class Candidates:
    """Methods of Scanner: see the module's docstring."""

    # -------------------------------------------------------------- words
    def _word_hits_uncached(self, word: str) -> tuple[tuple[int, ...], str, str]:
        """(variant ids, method, folded suffix) for one word, exact before inflected."""
        key = fold(word)
        if not key:
            return (), "", ""
        hits = self._fitting(word, self.keys.get(key))
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
                alt, suffix = self._lemma_hits(word, key)
                if alt and self._weight(alt) > self._weight(hits) + INFLECTED_OVER_EXACT:
                    return alt, "inflection", suffix
            return hits, "folded", ""
        if word[-1:] in "sS" and word[-2:-1] in APOSTROPHES:
            # English possessive: Azerbaijan's, Shusha’s (the ending stays in normalise)
            hits = self._fitting(word, self.keys.get(fold(word[:-2])))
            return (hits, "inflection", "s") if hits else ((), "", "")
        # (the common words are those of the Latin and Cyrillic languages: "Իրանի" is no
        # English "irani"; an Armenian common word is judged in context, see Rules._judge)
        if armenian:
            if len(key) < MIN_INFLECTED_KEY_ARMENIAN:
                return (), "", ""
        elif len(key) < MIN_INFLECTED_KEY or self.index.is_common_word(key):
            return (), "", ""
        found, suffix = self._lemma_hits(word, key)
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

    def _lemma_hits(self, word: str, key: str) -> tuple[tuple[int, ...], str]:
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
            hits, _method, _suffix = self._word_hits(token)
            # (a lowercase word is judged in context: a cue makes even "sus" the village)
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
                    ok = ok or any(lemma in keys for lemma, _ in word_lemmas(second, run))
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
        found = tuple(lemma for lemma, _ in word_lemmas(word, last) if lemma in seconds)
        return folded, found

    def _join(self, gap: str) -> bool:
        """Can ``gap`` stand between two words of one name?"""
        ok = self._joins.get(gap)
        if ok is None:
            ok = _JOIN.fullmatch(gap) is not None
            if len(gap) < JOIN_CACHE_GAP:
                _bounded(self._joins)[gap] = ok
        return ok

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
        parts = split_hashtags(join_invisibles(SPLIT.split(text)))  # gap, word, gap, word, ..., gap
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
        self._lowercase_near_places(doc, mentions, deferred)
        mentions = self._one_sense(mentions, deferred)
        return self._disambiguate(mentions, text)

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
                    # inflected last word: "Dağlıq Qarabağda", "Լեռնային Ղարաբաղում"
                    for lemma, suf in word_lemmas(toks[i + n - 1], key):
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
