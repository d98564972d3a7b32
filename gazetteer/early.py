"""The lookup's early decisions, written once for the matcher and the quick launcher (issue 15).

Most queries of ``gazetteer lookup`` are decided before any reading of cues, generic
words or qualifiers and before the loose methods: a query whose folded key is a known
name (``Füzuli``, ``Ханкенди``), and one word with a Turkic case ending on a known name
(``Füzulidə``, ``Cəbrayılın``). This module holds those decisions and the ranking they
use (:func:`prior`, the exact marking, the region's preference, the word and family-name
guards). Both callers read it: gazetteer/matcher.py (``Matcher._known_key``, and the
full lookup's ranking) and gazetteer/quick.py (a cold lookup answered from the cached
index without importing the matcher). crates/gazetteer-core/src/lookup.rs is its
compiled twin.

It imports only the weights (gazetteer/scan/weights.py): what differs between the two
callers (how the index is read, the word lists, the lemma reader) is handed in as an
:class:`Inputs`, so that a cold lookup imports nothing heavy.
"""

from __future__ import annotations

from .scan.weights import (
    BARE_FEATURE_PENALTY,
    CUE_FITS,
    EXACT_BONUS,
    IMPORTANCE_FACTOR,
    METHOD_SCORE,
    MT_ERROR_PENALTY,
    NEEDS_CONTEXT_PENALTY,
    OWN_NAME_BONUS,
    SURNAME_ENDING_MIN,
    SURNAME_STEM_MIN,
)

# typing.TYPE_CHECKING without importing typing (as gazetteer/__init__.py does)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable, Collection, Iterable, Sequence

__all__ = [
    "Candidate",
    "Inputs",
    "answer",
    "guard",
    "in_region",
    "mark_exact",
    "attested",
    "demonym_like",
    "exonym",
    "prefer_attested",
    "prefer_region",
    "prefer_renamed",
    "near_prominent",
    "prior",
    "small_only",
    "surname_like",
]

# Kinds a bare name rather means the village than (BARE_FEATURE_PENALTY), and a variant's
# types that are the place's own name (OWN_NAME_BONUS): named here for the compiled lookup too.
BARE_FEATURE_KINDS = ("river", "mountain", "pass", "lake", "reservoir")
OWN_NAME_TYPES = ("canonical", "official")
# A village in the conflict region (table.CONFLICT_BOX) over a far village of the same name:
# up to more than the far one's own-name and exact bonuses (4 + 3) and a point of importance.
REGION_VILLAGE_BONUS = 9
# Methods that read a name as written (not a misspelling): only these take the region's bonus.
NAME_METHODS = frozenset({"exact", "folded", "inflection"})
# A query longer than this is no place's name nor an address (a spreadsheet cell holding a
# paragraph, a document's line piped in): answered as no match before any reading, whose
# cost grows with the square of its words (4,000 words: 9 s and 470 MB; 20,000: 18 GB).
# Read by Matcher.lookup and its quick twin (quick.py).
QUERY_MAX_CHARS = 1000
# ... of which these read the whole name as typed (no ending cut off).
WHOLE_NAME_METHODS = frozenset({"exact", "folded"})
# ... and the readings by which the region's village is preferred to a far one of its name,
# and an attested village to one known by a bulk import's transliteration only: a name as
# written or through a transcription table (Chanachtschi, German for Çanaqçı), a spelling
# convention, not a misspelling.
REGION_METHODS = NAME_METHODS | {"transcription"}
# Kinds of a far place that the region's village is preferred to (an Armenian community is
# named after its main village).
FAR_VILLAGE_KINDS = frozenset({"village", "community"})
# How far above the best far village the region's village is put.
REGION_MARGIN = 0.5
# How much more (table.importance) a village of the other side's country must weigh to keep
# its name from the region's village that side renamed so (prefer_renamed): a population of
# a thousand (log10(1000) / 2). Since GeoNames gives a population to villages of 500 and
# more, a village of 700 (Khnatsakh of Syunik) no longer outweighs the renamed one by that.
RENAMED_OUTWEIGH = 1.5
# The language each side of the conflict names its own places in. Outside the conflict
# region (table.CONFLICT_BOX) a name of a place of one of these countries in the other's
# language is an exonym (Jermuk, in Armenia, is "İstisu" in Azerbaijani): the region's
# village of that name comes before it as before a far village (prefer_region). Inside
# the region both sides' names are the places' own (Ստեփանակերտ, Xankəndi).
OWN_LANGUAGES = {"AZ": "az", "AM": "hy"}
# Variant types of a name one side gave a village of the region in place of its own (the
# table's "armenian": the Armenian-side name of a settlement, unlike its Azerbaijani one,
# 1990s-2023), and that side's language (early.prefer_renamed).
RENAMED_TYPES = {"armenian": "hy"}
# A place under this importance is small (a village: gazetteer.matcher.EDIT_MIN_IMPORTANCE,
# the importance of a place one edit may reach); a one-word key of at least SMALL_KEY_MIN
# letters naming small villages outside the conflict region only is left to the full lookup, which also reads it as an
# inflection or a one-edit spelling of a prominent place (Гориса: Goris's genitive, not
# Georgia's village Gorisa; Horadis: Horadiz, not Armenia's village Horadis).
SMALL_IMPORTANCE = 5.0
SMALL_KEY_MIN = 5
# The longest case ending read on a prominent place's name in Latin letters (Armenian -yits).
PROMINENT_ENDING_MAX = 4
# A one-word query holding one of these is read by the full lookup (a qualifier in
# brackets, a possessive "Armenia's Martuni"): no early decision.
_QUALIFIER_MARKS = "()'’‘"


class Candidate:
    """A place for a query: ``place`` and ``variant`` index the compiled table;
    ``score`` is match quality (0-100), ``rank`` adds the priors and orders."""

    __slots__ = ("place", "variant", "method", "score", "rank", "needs_context", "cue")

    def __init__(self, place, variant, method, score, rank, needs_context, cue=None):
        self.place, self.variant, self.method, self.score = place, variant, method, score
        self.rank, self.needs_context, self.cue = rank, needs_context, cue

    def __repr__(self) -> str:
        return f"Candidate(place={self.place}, method={self.method!r}, score={self.score}, rank={self.rank:.2f})"


class Inputs:
    """What the early decisions read, as each caller reads it.

    ``postings(key, level)``: the variant ids of a key (level 0: folded keys, 1: skeletons);
    ``variant(v)``: (place index, text, lang, type, needs_context); ``place(i)``: a row with
    the attributes of records.PlaceRow; ``is_common(key)``: a common word of the language
    lists; ``skeleton(key)``: text.folding.skeleton; ``lemmas(key)``: the Turkic lemmas of a
    one-word folded key (inflection.lemmas with russian=False); ``has_armenian`` and
    ``is_cyrillic``: does a query hold a letter of that script; ``org_names``: folded names
    of organisations; ``surname_endings``: cues.SURNAME_ENDINGS; ``conflict_box``:
    table.CONFLICT_BOX (south, west, north, east); ``demonym_endings``: the folded Latin
    endings of an Armenian word for a place's people (lang/hy/latin_demonym_endings.tsv);
    ``near_prominent(key)``: could a Latin key of small villages be read as a prominent
    place's name (:func:`near_prominent`), None: every such key could (the full lookup decides);
    ``two_letter_marks``: letters folding reads as one of the two they stand for
    (matcher.TWO_LETTER_MARKS and the combining caron): a query holding one is the full lookup's.
    """

    __slots__ = (
        "postings",
        "variant",
        "place",
        "is_common",
        "skeleton",
        "lemmas",
        "has_armenian",
        "is_cyrillic",
        "org_names",
        "surname_endings",
        "conflict_box",
        "demonym_endings",
        "near_prominent",
        "two_letter_marks",
        "adjective_stems",
    )

    def __init__(
        self,
        *,
        postings: Callable[..., Sequence[int]],
        variant: Callable[[int], Sequence],
        place: Callable[[int], object],
        is_common: Callable[[str], bool],
        skeleton: Callable[[str], str],
        lemmas: Callable[[str], Iterable[str]],
        has_armenian: Callable[[str], bool],
        is_cyrillic: Callable[[str], bool],
        org_names: Collection[str],
        surname_endings: Sequence[str],
        conflict_box: tuple[float, float, float, float],
        demonym_endings: Sequence[str] = (),
        near_prominent: Callable[[str], bool] | None = None,
        two_letter_marks: str = "",
        adjective_stems: Sequence[str] = (),
    ):
        self.postings, self.variant, self.place = postings, variant, place
        self.is_common, self.skeleton, self.lemmas = is_common, skeleton, lemmas
        self.has_armenian, self.is_cyrillic = has_armenian, is_cyrillic
        self.org_names, self.surname_endings, self.conflict_box = org_names, surname_endings, conflict_box
        self.demonym_endings = demonym_endings
        self.near_prominent = near_prominent
        self.two_letter_marks = two_letter_marks
        self.adjective_stems = adjective_stems


def prior(
    score: float, kind: str, importance: float, vtype: str, needs_context: bool, cue_kinds: Collection[str] | None
) -> float:
    """What candidates are sorted by: match quality, then the place's weight.

    A cue that fits the kind settles it ("Fuzuli district"; ``cue_kinds``: the kinds of
    the cue's group, None without a cue); a place's own name beats another place's alias;
    an alias that needs context loses to one that does not, unless a cue gives it.
    """
    rank = score + IMPORTANCE_FACTOR * importance
    if cue_kinds is not None:
        rank += CUE_FITS if kind in cue_kinds else -CUE_FITS
    elif needs_context:
        rank -= NEEDS_CONTEXT_PENALTY
    elif kind in BARE_FEATURE_KINDS:
        rank -= BARE_FEATURE_PENALTY  # a bare name is rather the village than the river (near Yeraskh)
    if vtype in OWN_NAME_TYPES:
        rank += OWN_NAME_BONUS  # the place's own name (English or its az/ru/hy official form)
    elif vtype == "mt_error" and cue_kinds is None:
        rank -= MT_ERROR_PENALTY
    return rank


_BY_LAST: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {}


def _ending_in(key: str, endings: Iterable[str]) -> Iterable[str]:
    """The endings that may end ``key``: of a tuple of endings (none empty), only those
    sharing its last letter, in their order (a word is tested against a few of the two
    dozen endings, not all)."""
    if type(endings) is not tuple:
        return endings
    by_last = _BY_LAST.get(endings)
    if by_last is None:
        if "" in endings:
            return endings
        by_last = {}
        for end in endings:
            by_last[end[-1]] = (*by_last.get(end[-1], ()), end)
        _BY_LAST[endings] = by_last
    return by_last.get(key[-1:], ())


def surname_like(key: str, stem_exists: Callable[[str], bool], endings: Iterable[str]) -> bool:
    """True for Lachinov, Fuzuliyev, Ganjavi: a known name plus a family-name ending."""
    for end in _ending_in(key, endings):
        if key.endswith(end) and len(key) - len(end) >= SURNAME_STEM_MIN and stem_exists(key[: -len(end)]):
            return True
    return False


def demonym_like(key: str, exists: Callable[[str], bool], endings: Iterable[str]) -> bool:
    """True for Goristsi, Karabakhtsi: a known name plus an ending of a word for its people,
    the name's last letter shared with the ending's first as typed (Hadrut + tsi: Hadrutsi)."""
    for end in _ending_in(key, endings):
        if key.endswith(end) and len(key) - len(end) >= SURNAME_STEM_MIN:
            stem = key[: -len(end)]
            if exists(stem) or exists(stem + end[0]):
                return True
    return False


# The endings of an English adjective or word for a place's people on a name spelt the
# English way (Karabakhi, Karabakhis), longest first.
ENGLISH_ADJECTIVE_ENDINGS = ("is", "i")


def english_adjective(query: str, stems: Sequence[str]) -> bool:
    """Is the query one capitalised plain Latin word ending in -i or -is whose stem ends in
    a letter pair only English spelling writes (``stems``, lang/en/adjective_stems.txt: kh,
    gh, zh, ch, sh)? Then it is an English adjective or people's word (Karabakhi,
    Karabakhis), not a Turkic case of the name (Azerbaijani and Turkish write x, ğ, j, ç, ş).
    The extract rule (rules/mod.rs ``english_adjective``) asks for the pair anywhere in the
    stem, as the text around it tells English prose from Armenian in Latin letters; a lookup's
    query has no text around it, and Mokhrenesi is Mokhrenes in the Armenian genitive.

    >>> english_adjective("Karabakhi", ("kh", "ch")), english_adjective("Qarabagi", ("kh",))
    (True, False)
    >>> english_adjective("Shushii", ("sh",)), english_adjective("Mokhrenesi", ("kh",))
    (False, False)
    """
    word = query.strip()
    if not stems or not (word[:1].isupper() and word.isascii() and word.isalpha()):
        return False
    stem = less_adjective_ending(word.lower())
    # (the pair ending the name: Mokhrenesi is Mokhrenes in the Armenian genitive, written
    # in Latin letters; Shushii a slip of Shushi)
    return stem is not None and any(stem.endswith(pair) for pair in stems)


def less_adjective_ending(word: str) -> str | None:
    """A lower-case word less its English adjective's ending (karabakhis, karabakhi:
    karabakh), or None for a word with none."""
    for end in ENGLISH_ADJECTIVE_ENDINGS:
        if word.endswith(end):
            return word[: -len(end)]
    return None


def guard(key: str, src: Inputs, common: bool | None = None) -> int:
    """For a key with no Armenian word: 2 for a common word or a family name on a name as
    written (Lachinov, Fuzuliyev) or a word for its people (Karabakhtsi: :func:`demonym_like`):
    no loose method; 1 for a family-name ending on another
    spelling of a name (Fuzul-li, whose skeleton is Fuzuli's): only a one-edit match to a
    name that matters; 0 for none. ``common``: whether the word is a common word as the
    caller judged it in the script it was typed in (None: ``src.is_common`` of the key)."""
    if src.is_common(key) if common is None else common:
        return 2
    if surname_like(key, lambda s: bool(src.postings(s, 0)), src.surname_endings):
        return 2
    if demonym_like(key, lambda s: bool(src.postings(s, 0)), src.demonym_endings):
        return 2  # Karabakhtsi: a person from Karabakh
    if surname_like(key, lambda s: bool(src.postings(src.skeleton(s), 1)), src.surname_endings):
        return 1
    return 1 if family_ending(key, src.surname_endings) else 0


def family_ending(key: str, endings: Iterable[str]) -> bool:
    """Does the key end in a family-name ending of SURNAME_ENDING_MIN letters or more
    (Shushanyan, Quliyeva) after a stem of SURNAME_STEM_MIN? Whatever the stem, such a word
    is as likely a surname as a name misspelt."""
    return any(
        len(end) >= SURNAME_ENDING_MIN and key.endswith(end) and len(key) - len(end) >= SURNAME_STEM_MIN
        for end in _ending_in(key, endings)
    )


def in_region(place, box: tuple[float, float, float, float]) -> bool:
    """Does a place's point lie in the conflict region's box (table.CONFLICT_BOX)?"""
    s, w, n, e = box
    return s <= place.lat <= n and w <= place.lon <= e


def mark_exact(cands: Iterable[Candidate], query: str, variant_text: Callable[[int], str], place) -> None:
    """A "folded" candidate whose query (stripped) is written as its variant or as one of
    its place's names is "exact", with the exact score and EXACT_BONUS."""
    for cand in cands:
        if cand.method != "folded":
            continue
        p = place(cand.place)
        if query == variant_text(cand.variant) or query in (p.name, p.name_az, p.name_ru, p.name_hy):
            cand.method, cand.score = "exact", METHOD_SCORE["exact"]
            cand.rank += EXACT_BONUS


def prefer_region(
    best: dict[int, Candidate],
    place,
    box: tuple[float, float, float, float],
    variant_lang: Callable[[int], str] | None = None,
) -> None:
    """Of villages named alike, one in the conflict region beats a far one: a village of
    the region read by its name or a transcription of it (not loosely) rises, by at most REGION_VILLAGE_BONUS, to
    just above the best far village, and no further (a river of the name keeps its place).
    A far place of any kind read by the other side's exonym for it (:func:`exonym`, with
    ``variant_lang(v)`` the language of variant v) counts as a far village: "İstisu" is the
    Kalbajar village before Jermuk, the Armenian town whose Azerbaijani name it is."""
    if len(best) < 2:
        return  # one place: a far one is not of the region, the region's not far (nothing moves)
    places = {i: place(i) for i in best}

    def far_one(i: int, p) -> bool:
        if in_region(p, box):
            return False
        if p.kind in FAR_VILLAGE_KINDS:
            return True
        return variant_lang is not None and exonym(variant_lang(best[i].variant), p, box)

    far = [i for i, p in places.items() if far_one(i, p)]
    if far:
        top = max(best[i].rank for i in far) + REGION_MARGIN
        # read through an ending, the region's village does not pass a far village named
        # as typed (Մելիքջանի is a Gegharkunik village, not the genitive of Մելիքջան)
        named_far = any(best[i].method in WHOLE_NAME_METHODS for i in far)
        for i, cand in best.items():
            p = places[i]
            if p.kind == "village" and in_region(p, box) and cand.method in REGION_METHODS and cand.rank < top:
                if named_far and cand.method not in WHOLE_NAME_METHODS:
                    continue
                cand.rank = min(cand.rank + REGION_VILLAGE_BONUS, top)


def prefer_renamed(
    best: dict[int, Candidate],
    place,
    box: tuple[float, float, float, float],
    variant_type: Callable[[int], str],
) -> None:
    """Of villages of the conflict region named alike, one read by the name the other side
    gave it (a variant of a type of RENAMED_TYPES: "Khnatsakh", the Armenian name of
    Xanyurdu of Khojaly) beats one of the other side's country whose own name it is
    (Khnatsakh of Syunik) when nothing else decides: within the region such a name is what
    that side's reports called the renamed village. Only a name read as written counts (a
    Turkic ending, "Xnatsaxa", is Azerbaijani text about Xnatsax of Syunik). It rises, by at
    most REGION_VILLAGE_BONUS and the weight RENAMED_OUTWEIGH allows the other, to just above
    the best of them, as :func:`prefer_region` raises the region's village over a far one,
    unless one of them weighs RENAMED_OUTWEIGH more (a population of a thousand: Verishen of
    Syunik, 2,114 people, not Yuxarı Ağcakənd, which Armenians called Verishen)."""
    if len(best) < 2:
        return
    places = {i: place(i) for i in best}
    renamed: dict[str, list[int]] = {}  # the namer's language -> villages read by a name it gave
    for i, cand in best.items():
        p = places[i]
        lang = RENAMED_TYPES.get(variant_type(cand.variant))
        if lang and p.kind == "village" and cand.method in WHOLE_NAME_METHODS and in_region(p, box):
            if OWN_LANGUAGES.get(p.country) != lang:
                renamed.setdefault(lang, []).append(i)
    for lang, ours in renamed.items():
        theirs = [
            i
            for i, p in places.items()
            if p.kind in FAR_VILLAGE_KINDS and OWN_LANGUAGES.get(p.country) == lang and in_region(p, box)
        ]
        if not theirs:
            continue
        top = max(best[i].rank for i in theirs) + REGION_MARGIN
        heaviest = max(places[i].importance for i in theirs)
        for i in ours:
            cand = best[i]
            if cand.rank < top and places[i].importance + RENAMED_OUTWEIGH > heaviest:
                # (past the other's bonuses and the weight it may have more: RENAMED_OUTWEIGH)
                raised = cand.rank + REGION_VILLAGE_BONUS + IMPORTANCE_FACTOR * RENAMED_OUTWEIGH
                cand.rank = min(raised, top)


def attested(place) -> bool:
    """Does a place carry a name in a language of the region (name_az, name_ru or name_hy)?
    A village without one is known only by the one transliteration of a bulk import."""
    return bool(place.name_az or place.name_ru or place.name_hy)


def prefer_as_written(best: dict[int, Candidate], place) -> None:
    """Of villages, one read by its name as written (WHOLE_NAME_METHODS) is not passed by
    another read through a case ending ("inflection"): the declined one is put REGION_MARGIN
    below the best village read as written, whatever their weights (Հացիկի is the village
    Hats'iki's own name before the genitive of a larger Hats'ik). A town's or city's case
    still competes with a village's name (Գորիսի: Goris's genitive before the village Gorisi).
    Asked after :func:`prefer_attested`, which weighs villages named alike, not a name
    against another's case."""
    if len(best) < 2:
        return
    places = {i: place(i) for i in best}
    ranks = [
        best[i].rank for i, p in places.items() if p.kind in FAR_VILLAGE_KINDS and best[i].method in WHOLE_NAME_METHODS
    ]
    if not ranks:
        return
    below = max(ranks) - REGION_MARGIN
    for i, cand in best.items():
        if places[i].kind in FAR_VILLAGE_KINDS and cand.method == "inflection" and cand.rank > below:
            cand.rank = below


def prefer_attested(best: dict[int, Candidate], place) -> None:
    """Of villages named alike, one known only by a bulk import's transliteration (not
    :func:`attested`) does not pass an attested one: it is put REGION_MARGIN below the best
    attested village read by its name, wherever either lies (T'eghut of Lori, named in
    Russian and Armenian, before an English-only T'eghut record; Davit Bek before Davit' Bek)."""
    if len(best) < 2:
        return  # one place: the attested one that would lower it is itself
    places = {i: place(i) for i in best}
    ranks = [
        best[i].rank
        for i, p in places.items()
        if p.kind == "village" and best[i].method in REGION_METHODS and attested(p)
    ]
    if not ranks:
        return
    below = max(ranks) - REGION_MARGIN
    for i, cand in best.items():
        p = places[i]
        if p.kind == "village" and cand.method in REGION_METHODS and cand.rank > below and not attested(p):
            cand.rank = below


def small_only(key: str, hits: Iterable[int], src: Inputs) -> bool:
    """Is a one-word key of SMALL_KEY_MIN letters or more the name of small villages outside
    the conflict region only (kinds FAR_VILLAGE_KINDS, importance under SMALL_IMPORTANCE)?
    A village of the region is typed by its own name (Gorisi, a Syunik village, is also
    Goris's genitive)."""
    if " " in key or len(key) < SMALL_KEY_MIN:
        return False
    for v in hits:
        p = src.place(src.variant(v)[0])
        if p.kind not in FAR_VILLAGE_KINDS or p.importance >= SMALL_IMPORTANCE or in_region(p, src.conflict_box):
            return False
    return True


def near_prominent(key: str, keys: Collection[str]) -> bool:
    """Could a Latin key be one edit (insert, delete, substitute, swap two neighbours) from,
    or an ending of at most PROMINENT_ENDING_MAX letters on, a name of a prominent place?
    ``keys`` holds those names' folded keys and each less one letter (matcher.prominent_keys):
    a key or a key less one letter among them finds every such edit (and some more: the
    full lookup then decides exactly)."""
    if key in keys:
        return True
    n = len(key)
    for i in range(n):
        if key[:i] + key[i + 1 :] in keys:
            return True
    return any(key[:-cut] in keys for cut in range(1, min(PROMINENT_ENDING_MAX, n - 1) + 1))


def exonym(lang: str, place, box: tuple[float, float, float, float]) -> bool:
    """Is a name in language ``lang`` the other side's name of a place outside the region
    (:data:`OWN_LANGUAGES`): Azerbaijani on a place of Armenia, Armenian on one of Azerbaijan?"""
    own = OWN_LANGUAGES.get(place.country)
    return own is not None and lang != own and lang in OWN_LANGUAGES.values() and not in_region(place, box)


def answer(query: str, key: str, src: Inputs) -> tuple[Candidate, ...] | None:
    """The lookup's answer for a query decided early, best first, or None (then only the
    full lookup, gazetteer/matcher.py, can answer). ``key`` is the query folded (not empty).

    Decided early: a query with no comma and no Armenian letter, no organisation's name,
    whose key is a known name (then no cue, generic word or qualifier reading is tried:
    the whole query is a name); and one word, not Cyrillic, with no bracket or apostrophe,
    whose Turkic lemmas are known names and which no guard refuses ("inflection": the only
    reading the full lookup would try for it).
    """
    if "," in query or key in src.org_names or src.has_armenian(query):
        return None
    if not query.isascii() and any(c in src.two_letter_marks for c in query):
        return None  # Talyš: read as Talysh first (Matcher._lookup_uncached)
    hits = src.postings(key, 0)
    method = "folded"
    if not hits:
        if " " in key or src.is_cyrillic(query) or any(c in query for c in _QUALIFIER_MARKS):
            return None
        hits = [v for lemma in src.lemmas(key) for v in src.postings(lemma, 0)]
        if not hits or guard(key, src) or english_adjective(query, src.adjective_stems):
            return None  # the loose methods, or a word's refusal: the full lookup decides
        method = "inflection"
    q = query.strip()
    if not q:
        return None
    if method == "folded" and small_only(key, hits, src):
        near = src.near_prominent
        if src.is_cyrillic(query) or near is None or near(key):
            return None  # a prominent place's inflection or misspelling? the full lookup decides
    score = METHOD_SCORE[method]
    best: dict[int, Candidate] = {}
    for v in hits:
        place_i, _text, _lang, vtype, ctx = src.variant(v)
        place = src.place(place_i)
        ctx = bool(ctx)
        rank = prior(score, place.kind, place.importance, vtype, ctx, None)
        prev = best.get(place_i)
        if prev is None or rank > prev.rank:
            best[place_i] = Candidate(place_i, v, method, score, rank, ctx, None)
    mark_exact(best.values(), q, lambda v: src.variant(v)[1], src.place)
    prefer_region(best, src.place, src.conflict_box, lambda v: src.variant(v)[2])
    prefer_renamed(best, src.place, src.conflict_box, lambda v: src.variant(v)[3])
    prefer_attested(best, src.place)
    out = tuple(sorted(best.values(), key=lambda c: -c.rank))
    if method == "folded":
        out = as_shared_name(out, key, q, src.place, lambda name, k: answer(name, k, src))
    return out


def _fold(text: str) -> str:
    from ._core import fold  # (the compiled core's, as the cold path reads keys)

    return fold(text)


def _same_skeleton(a: str, b: str) -> bool:
    """Do two folded keys have one skeleton (False when either has none: only y's)?"""
    from ._core import skeleton

    try:
        return skeleton(a) == skeleton(b)
    except IndexError:
        return False


def _letters_of(text: str) -> tuple[bool, bool]:
    """(has a Cyrillic letter, has an Armenian letter): the script a name is written in, as
    lookup.rs's has_cyrillic and has_armenian read it."""
    from .text.scripts import has_armenian, is_cyrillic  # (only here: the cold path stays light)

    return is_cyrillic(text), has_armenian(text)


def as_shared_name(
    out: tuple[Candidate, ...],
    key: str,
    query: str,
    place,
    exact: Callable[[str, str], Sequence[Candidate] | None],
) -> tuple[Candidate, ...]:
    """The places of the best candidate's Azerbaijani name (name_az) ranked among
    themselves as that name itself ranks them (``exact(name_az, its key)``): a query read
    through another spelling of a shared name (its key with the name's skeleton:
    Shukyurbeyli, Шукюрбейли, Şükürbeyli: a
    transliteration one of the villages named Şükürbəyli carries and the other lacks) ties
    them as the name does, not by which one a bulk import gave that spelling; unless the
    query is one's own name (its name, name_ru or name_hy: the same key, written in the
    same script). The places
    keep the positions and ranks they held; ``out`` as it is when fewer than two share the
    name or the query is the name."""
    if len(out) < 2:
        return out
    name = place(out[0].place).name_az
    shared = _fold(name) if name else ""
    if not shared or shared == key or not _same_skeleton(shared, key):
        return out  # the name itself, or a query that is no spelling of it (its consonants)
    at = [i for i, c in enumerate(out) if (n := place(c.place).name_az) and (n == name or _fold(n) == shared)]
    if len(at) < 2:
        return out
    written = _letters_of(query)
    for i in at:
        p = place(out[i].place)
        if any(n and _letters_of(n) == written and _fold(n) == key for n in (p.name, p.name_ru, p.name_hy)):
            # the query is one's own name in its own script (Antarut, not the Antarrut, both
            # İnəkli in Azerbaijani; Капанлы, the Russian name of one Qapanlı, or Капанли)
            return out
    ref = exact(name, shared)
    if not ref:
        return out
    order = {c.place: n for n, c in enumerate(ref)}
    group = sorted((out[i] for i in at), key=lambda c: order.get(c.place, len(order)))
    if [c.place for c in group] == [out[i].place for i in at]:
        return out
    ranks = [out[i].rank for i in at]
    new = list(out)
    for i, c, rank in zip(at, group, ranks):
        c.rank = rank
        new[i] = c
    return tuple(new)
