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
from dataclasses import dataclass
from functools import lru_cache

from .cues import PREFIX_CUES, SUFFIX_CUES
from .folding import fold
from .index import CompiledIndex
from .inflection import is_cyrillic, lemmas
from .matcher import METHOD_SCORE, prior
from .table import FOCUS_COUNTRIES

__all__ = ["Mention", "Scanner"]

_WORD = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*")
# What may stand between two words of one name.
_JOIN = re.compile(r"[ \t\u00a0]+|[ \t]*[-‐‑–][ \t]*")
MAX_WORDS = 5
# A name followed by one of these is the modifier of an organisation or event.
ORG_WORDS = frozenset(
    fold(w)
    for w in (
        "group process format agreement agreements declaration declarations committee council "
        "commission university institute airlines airline bank club fc football team league "
        "street avenue prospekt prize award festival company corporation ministry times post "
        "news press tv radio conference summit talks treaty protocol memorial foundation brand "
        "hotel restaurant cafe bar party movement front army brigade battalion regiment division "
        "operation".split()
    )
)
# Words before a capitalised name that show a person (titles).
PERSON_TITLES = frozenset(
    fold(w)
    for w in (
        "mr mrs ms dr president minister premier general colonel major captain sergeant lieutenant "
        "ambassador envoy mayor governor senator singer actor poet writer composer saint st "
        "gospodin prezident ministr general".split()
    )
)
_CONJUNCTIONS = frozenset(fold(w) for w in "and və ve и or".split())
# plural cue words (districts, rayonları, районов, şəhərləri, villages...), as folded
_PLURAL_ENDINGS = tuple(fold(e) for e in ("s", "lar", "lər", "ları", "ləri", "ler", "leri", "ов", "ах", "ы"))


def _plural(word: str) -> bool:
    return word.endswith(_PLURAL_ENDINGS) or any(lemma.endswith(_PLURAL_ENDINGS) for lemma, _ in lemmas(word))


# Words that start sentences without being names ("Near Talish", "In Gabriel region").
FUNCTION_WORDS = frozenset(
    fold(w)
    for w in (
        "a an the in on at near to from of for by with without into onto over under after before "
        "since during between among around across along towards toward through via and or but "
        "nor so yet if when while as than then there here this that these those its their his her "
        "our your my we they he she it i you also only even both all some many most several "
        "north south east west northern southern eastern western central upper lower greater "
        "outside inside beyond behind within about against despite until like unlike per "
        "ve və ile ilə bu şu o da də ki ama fakat ancak hem ya ve "
        "i a no v vo na s so k ko u iz ot do po za pod nad pri o ob ili eto tot ta te".split()
    )
)


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
    candidates: tuple[tuple[int, int, float], ...]  # (place, variant, rank) for disambiguation


def _is_upper_initial(word: str) -> bool:
    return word[:1].isupper()


_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\"«“(—–-])\s*$")


def _sentence_start(text: str, pos: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, pos - 4) : pos]))


class Scanner:
    def __init__(self, index: CompiledIndex):
        index.materialise()
        self.index = index
        self.keys = index._keys[0]  # type: ignore[index]
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
        self._word_hits = lru_cache(maxsize=100_000)(self._word_hits_uncached)
        self._interesting: dict[str, bool] = {}

    # -------------------------------------------------------------- words
    def _word_hits_uncached(self, word: str) -> tuple[tuple[int, ...], str, str]:
        """(variant ids, method, folded suffix) for one word, exact before inflected."""
        key = fold(word)
        if not key:
            return (), "", ""
        hits = self.keys.get(key)
        if hits:
            return hits, "folded", ""
        if len(key) < 5 or self.index.is_common_word(key):
            return (), "", ""
        found: list[int] = []
        suffix = ""
        for lemma, suf in lemmas(key, russian=is_cyrillic(word)):
            got = self.keys.get(lemma)
            if got:
                found.extend(got)
                if not suffix:
                    suffix = suf
        return tuple(dict.fromkeys(found)), ("inflection" if found else ""), suffix

    # -------------------------------------------------------------- scanning
    def _classify(self, token: str) -> bool:
        """Can a mention start at this word? Decided once per distinct word, so the
        scan over a corpus costs one dictionary probe for almost every word."""
        key = fold(token)
        ok = bool(key) and (
            key in self.multi_first
            or bool(self._word_hits(token)[0])
            or (
                is_cyrillic(token)
                and token[:1].isupper()
                and any(lemma in self.multi_first for lemma, _ in lemmas(key))
            )
        )
        if len(self._interesting) > 300_000:
            self._interesting.clear()
        self._interesting[token] = ok
        return ok

    def scan(self, text: str) -> list[Mention]:
        words = [m.span() for m in _WORD.finditer(text)]
        folded = _LazyFold(text, words)
        interesting = self._interesting
        mentions: list[Mention] = []
        deferred: list[Mention] = []
        i = 0
        n = len(words)
        while i < n:
            s, e = words[i]
            token = text[s:e]
            flag = interesting.get(token)
            if flag is None:
                flag = self._classify(token)
            if not flag:
                i += 1
                continue
            got = self._match_at(text, words, folded, i)
            if got is None:
                i += 1
                continue
            mention, used, wait = got
            if mention is not None:
                (deferred if wait else mentions).append(mention)
            i += used
        mentions = self._one_sense(mentions, deferred)
        return self._disambiguate(mentions)

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
                if ref is not None and ref.place != m.place:
                    for place_i, v, _r in m.candidates:
                        if place_i == ref.place:
                            m.place, m.variant = place_i, v
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
            for place_i, v, _r in d.candidates:
                if place_i == ref.place:
                    d.place, d.variant = place_i, v
                    added.append(d)
                    break
        if not added:
            return mentions
        return sorted(mentions + added, key=lambda m: m.start)

    def _declined_pair(self, text, words, folded, i):
        """A Russian adjective + noun name with both words declined ("Физулинского района"
        is the variant "Физулинский район"): (hits, suffix) or None."""
        first = text[words[i][0] : words[i][1]]
        if i + 1 >= len(words) or not first[:1].isupper() or not is_cyrillic(first):
            return None
        if not _JOIN.fullmatch(text[words[i][1] : words[i + 1][0]]):
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

    def _match_at(self, text, words, folded, i):
        head = folded[i]
        longest = self.multi_first.get(head)
        if longest is None:
            pair = self._declined_pair(text, words, folded, i)
            if pair:
                m, wait = self._judge(text, words, folded, i, i + 2, pair, "inflection", "")
                if m is not None:
                    return m, 2, wait
            longest = 1
        # multi-word names: longest first, extended only while the words are a name's prefix
        longest = min(longest, len(words) - i)
        reach = 1
        runs = [head]  # runs[k] = the first k+1 words joined
        while reach < longest and _JOIN.fullmatch(text[words[i + reach - 1][1] : words[i + reach][0]]):
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
                for lemma, suf in lemmas(key, russian=is_cyrillic(text[words[i + n - 1][0] : words[i + n - 1][1]])):
                    hits = self.keys.get(lemma)
                    if hits:
                        method, suffix = "inflection", suf
                        break
            if hits:
                m, wait = self._judge(text, words, folded, i, i + n, hits, method, suffix)
                if m is not None:
                    return m, n, wait
        s, e = words[i]
        word = text[s:e]
        hits, method, suffix = self._word_hits(word)
        if not hits:
            return None
        m, wait = self._judge(text, words, folded, i, i + 1, hits, method, suffix)
        return (m, 1, wait) if m is not None else None

    # -------------------------------------------------------------- judging
    def _cue(self, text, words, folded, i, j) -> tuple[str | None, str | None]:
        """Place cue right after (j) or right before (i) the span: (group, cue text)."""
        # "the Jabrayil and Fizuli districts", "Qubadlı və Laçın rayonlarına": a plural cue
        # after the next name of a coordinated pair applies to both
        if (
            j + 2 < len(folded)
            and folded[j] in _CONJUNCTIONS
            and _is_upper_initial(text[words[j + 1][0] : words[j + 1][1]])
        ):
            group, cue = self._cue(text, words, folded, j + 1, j + 2)
            if group in ("admin", "settlement") and cue and _plural(fold(cue)):
                return group, cue
        if j < len(folded) and _JOIN.fullmatch(text[words[j - 1][1] : words[j][0]]):
            w = folded[j]
            group = SUFFIX_CUES.get(w)
            if group is None:
                for lemma, _ in lemmas(w, russian=is_cyrillic(text[words[j][0] : words[j][1]])):
                    group = SUFFIX_CUES.get(lemma)
                    if group:
                        break
            if group:
                return group, text[words[j][0] : words[j][1]]
        for n in (3, 2, 1):
            if i - n >= 0:
                phrase = " ".join(folded[i - n : i])
                group = PREFIX_CUES.get(phrase)
                if group is None and n == 1:
                    for lemma, _ in lemmas(phrase, russian=is_cyrillic(text[words[i - 1][0] : words[i - 1][1]])):
                        group = PREFIX_CUES.get(lemma)
                        if group:
                            break
                if group and (n > 1 or len(phrase) > 1):
                    return group, text[words[i - n][0] : words[i - 1][1]]
        if (
            i > 0
            and text[words[i - 1][0] : words[i - 1][1]] == "the"
            and _is_upper_initial(text[words[i][0] : words[i][1]])
        ):
            return "article", "the"
        return None, None

    def _judge(self, text, words, folded, i, j, hits, method, suffix) -> tuple[Mention | None, bool]:
        """Accept or reject one candidate span; (mention, wait) where ``wait`` means
        the mention needs context that a later mention of the text may give."""
        s, e = words[i][0], words[j - 1][1]
        surface = text[s:e]
        group, cue = self._cue(text, words, folded, i, j)
        # An article only ranks (the Araz is the river); it is no evidence of a place.
        context = group if group != "article" else None
        ranked: dict[int, tuple[float, int, bool, str]] = {}
        for v in hits:
            place_i, _t, _l, vtype, ctx = self.index.variant(v)
            place = self.index.place(place_i)
            rank = prior(METHOD_SCORE[method], place[2], place[12], vtype, bool(ctx), group)
            if place_i not in ranked or rank > ranked[place_i][0]:
                ranked[place_i] = (rank, v, bool(ctx) and context is None, place[2])
        order = sorted(ranked.items(), key=lambda kv: -kv[1][0])
        place_i, (_rank, v, needs_ctx, kind) = order[0]
        key = " ".join(folded[i:j])
        ambiguous = self.index.is_ambiguous_name(key)
        # names we curated or WOF prefers, as opposed to GeoNames' long tail of aliases
        official = self.index.variant(v)[3] != "variant"
        lowercase = not any(ch.isupper() for ch in surface)
        if lowercase:
            # machine translation lowercases names ("ganja"): only well-known places, never
            # words, and only with corroboration (a cue, a list of places, or the same place
            # named elsewhere in the text): "tartar sauce" is not Terter.
            if kind == "village" or ambiguous or method != "folded" or len(key) < 4:
                return None, False
            if any(self.index.is_common_word(w) for w in key.split()):
                return None, False
        elif surface.isupper() and len(key) <= 3 and context is None:
            return None, False  # abbreviations (UN, OF, SUS) are not names here
        listed = None
        capitalised_name = j - i > 1 and all(_is_upper_initial(text[a:b]) for a, b in words[i:j])
        if context is None and (ambiguous or self.index.is_common_word(key)) and not capitalised_name:
            listed = self._listed_with_places(text, words, folded, i, j)
            if not listed:
                if _sentence_start(text, s) and not (official and kind != "village"):
                    return None, False
                if kind == "village" or not official:
                    return None, False
        # names that are also first names or words: villages, needs-context aliases, and cities
        # far from the region ("Vladimir Putin" is not the Russian city)
        weak = (
            kind == "village" or needs_ctx or (kind == "city" and self.index.place(place_i)[3] not in FOCUS_COUNTRIES)
        )
        if self._in_person_or_org(text, words, folded, i, j, weak, context):
            return None, False
        # weak evidence that another mention of the text must corroborate: a name that
        # needs context, a lowercase word, a village name opening a sentence ("Səhər ...")
        weak_start = kind == "village" and context is None and j - i == 1 and _sentence_start(text, s)
        if (needs_ctx or weak_start) and listed is None:
            listed = self._listed_with_places(text, words, folded, i, j)
        # A lowercase name is corroborated only by a cue or by its place named elsewhere in
        # the text, not by a list: normalising a list turns aliases into canonical names,
        # and the second pass must see the same evidence as the first.
        wait = ((needs_ctx or weak_start) and not listed) or (lowercase and context is None)
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
            tuple((p, r[1], r[0]) for p, r in order[:8]),
        )
        return mention, wait

    def _listed_with_places(self, text, words, folded, i, j) -> bool:
        """'Gabriel, Fuzuli and Zangilan': a needs-context name among other places."""
        for k in (i - 1, i - 2, j, j + 1):
            if 0 <= k < len(words) and k not in range(i, j):
                gap = text[words[min(k, i)][1] : words[max(k, i)][0]] if k < i else text[words[j - 1][1] : words[k][0]]
                if not re.fullmatch(r"\s*(,|and|və|ve|и|և|or)?\s*", gap) and not re.fullmatch(
                    r"\s*,\s*(and|və|ve|и)\s*", gap
                ):
                    continue
                w = text[words[k][0] : words[k][1]]
                if not _is_upper_initial(w):
                    continue
                hits, _m, _s = self._word_hits(w)
                if any(not self.index.variant(x)[4] for x in hits):
                    return True
                # a neighbour that needs context counts once a cue gives it ("Gabriel
                # region"): its canonical name after normalising would count too
                if hits and self._cue(text, words, folded, k, k + 1)[0] not in (None, "article"):
                    return True
        return False

    def _in_person_or_org(self, text, words, folded, i, j, weak, group) -> bool:
        """Nizami Ganjavi, Peter Gabriel, Minsk Group: a place word inside another name."""
        nxt = j if j < len(words) else None
        if nxt is not None:
            gap = text[words[j - 1][1] : words[nxt][0]]
            if _JOIN.fullmatch(gap) or gap == " ":
                w = text[words[nxt][0] : words[nxt][1]]
                if folded[nxt] in ORG_WORDS and _is_upper_initial(w):
                    return True
                if group is None and _is_upper_initial(w) and weak and gap == " ":
                    # "Nizami Ganjavi", "Ali Karimli": a village word and another capitalised
                    # word with nothing between them is a person's name, even when the second
                    # word is a village too (Azerbaijani surnames end in -li like villages)
                    if not SUFFIX_CUES.get(folded[nxt]):
                        return True
        if i > 0:
            gap = text[words[i - 1][1] : words[i][0]]
            if gap == " ":
                prev_w = text[words[i - 1][0] : words[i - 1][1]]
                if folded[i - 1] in PERSON_TITLES:
                    return True
                if (
                    group is None
                    and weak
                    and _is_upper_initial(prev_w)
                    and folded[i - 1] not in FUNCTION_WORDS
                    and folded[i - 1] not in PREFIX_CUES
                ):
                    return True  # "Peter Gabriel", "Ilham Nizami": second word of a person's name
        return False

    # -------------------------------------------------------------- document context
    def _disambiguate(self, mentions: list[Mention]) -> list[Mention]:
        """Among same-name places, prefer the one near the text's other places."""
        if len(mentions) < 2:
            return mentions
        from .geo import km

        anchors = set()
        for m in mentions:
            if len(m.candidates) == 1 or (m.candidates[0][2] - m.candidates[1][2] >= 4):
                p = self.index.place(m.place)
                if p[2] != "country":
                    anchors.add((round(p[5], 2), round(p[6], 2)))
        if not anchors:
            return mentions
        anchors = list(anchors)
        nearest: dict[int, float] = {}  # place -> km to the closest anchor
        for m in mentions:
            if len(m.candidates) < 2 or (m.candidates[0][2] - m.candidates[1][2] >= 4):
                continue
            best = None
            for place_i, v, rank in m.candidates:
                d = nearest.get(place_i)
                if d is None:
                    p = self.index.place(place_i)
                    d = nearest[place_i] = min(km(p[5], p[6], a, b) for a, b in anchors)
                score = rank - min(d, 500) / 50  # 50 km costs one rank point
                if best is None or score > best[0]:
                    best = (score, place_i, v)
            if best is not None:
                m.place, m.variant = best[1], best[2]
        return mentions


class _LazyFold:
    """Folded words, computed only where the scanner looks (most words are never folded)."""

    __slots__ = ("text", "words", "cache")

    def __init__(self, text: str, words: list[tuple[int, int]]):
        self.text, self.words, self.cache = text, words, {}

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self.words)))]
        if k < 0:
            k += len(self.words)
        v = self.cache.get(k)
        if v is None:
            s, e = self.words[k]
            v = self.cache[k] = fold(self.text[s:e])
        return v
