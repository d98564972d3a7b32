"""The passes over a whole text: the text cut into words (``_Doc``), one sense per text,
and same-name disambiguation by distance to the other places named.

Part of :class:`gazetteer.scan.scanner.Scanner` (a mixin, moved unchanged from the one
class; issue 15 ports it to the compiled core).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate

from ..geo import km
from ..inflection import lemmas
from ..lang import LEXICON
from ..records import Mention
from ..text.folding import fold
from ..text.tokens import SPLIT
from .weights import (
    ANCHOR_DECIMALS,
    ENGLISH_MIN,
    ENGLISH_ONE_IN,
    FAR_KM,
    HEADLINE_MAX,
    HEADLINE_SPORTS_WORDS,
    KM_PER_RANK,
    LIST_GAP_CACHE,
    LIST_ITEMS,
    NEIGHBOUR_WINDOW,
    OPEN_MARGIN,
    PARENT_DISTRICT_BONUS,
    PARENT_GAP,
    SENTENCE_LOOKBACK,
    SMALL_CACHE,
    SPORTS_WORDS_MIN,
)

# Function words of English, none of them a word of Azerbaijani, Turkish or Russian.
_ENGLISH_WORDS = LEXICON.prose_markers
# Words of football copy in four languages, as written: lower case, capitalised, capitals
# (probed against a text's words as they are); see _Doc.sports
_SPORTS_WORDS = LEXICON.sports_words
_SENTENCE_BREAK = re.compile(r"[.!?\n\u0589]")  # \u0589: the Armenian full stop ։
_SCORE = re.compile(r"(?<![\d.,:/-])\d{1,2} ?[-:–] ?\d{1,2}(?![\d.,:/-])")  # 2-0, 1:1
# what stands between a village and its district named after it ("Shuraabad in Aghdam
# district", "Talış, Tərtər rayonu", "Сос в Ходжавендском районе")
_PARENT_AFTER = re.compile(
    r"\s*(?:,|\(|" + "|".join(map(re.escape, LEXICON.parent_prepositions)) + r")\s*", re.IGNORECASE
)
_FEATURES = frozenset({"river", "mountain", "pass", "lake", "reservoir"})  # named with a kind word
_CONJUNCTIONS = LEXICON.conjunctions
# the same and the words of lists, as written: Armenian և, եւ, ու, which fold like other words
_LIST_WORDS = frozenset(LEXICON.list_conjunctions)
_LOCATIVE_PREPOSITIONS = LEXICON.locative_prepositions


_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\"«“(—–\u0589-])\s*$")


def _sentence_start(text: str, pos: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, pos - SENTENCE_LOOKBACK) : pos]))


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

    __slots__ = ("text", "toks", "gaps", "folded", "parts", "_bounds", "_english", "_sports", "_sentences", "lower")

    def __init__(self, text: str, parts: list[str], toks: list[str]):
        self.text, self.toks, self.parts = text, toks, parts
        self.gaps = parts[0::2]
        self.folded = _Folds(toks)
        self._bounds: list[int] | None = None  # most texts scanned hold no mention
        self._english: bool | None = None
        self._sports: dict[int, int | bool] | None = None  # sentence -> football copy?
        self._sentences: list[int] = []  # where sentences start (once football is in the text)
        self.lower: bool | None = None  # a lower-case text? (see Scanner._lowercase_text)

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
    if k >= 2 and (doc.folded[k - 1] in _CONJUNCTIONS or doc.toks[k - 1] in _LIST_WORDS) and doc.gaps[k] == " ":
        return k - 2
    return -1


def _under_locative(doc: _Doc, i: int, item_ok) -> bool:
    """Does a locative preposition govern word i, directly or through a list (at most
    LIST_ITEMS items) whose earlier items all pass ``item_ok(k)`` for their last word k?"""
    gaps, folded = doc.gaps, doc.folded
    for _ in range(LIST_ITEMS):
        if i < 1:
            return False
        if gaps[i] == " " and folded[i - 1] in _LOCATIVE_PREPOSITIONS:
            return True
        i = _item_before(doc, i)
        if i < 0 or not item_ok(i):
            return False
    return False


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


class DocumentPasses:
    """Methods of Scanner: see the module's docstring."""

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
