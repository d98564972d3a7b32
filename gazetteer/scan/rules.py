"""The rules that accept or reject one candidate span in its context: cues, persons
and organisations, works of poets, football clubs, case and lowercase, lists.

Part of :class:`gazetteer.scan.scanner.Scanner` (a mixin, moved unchanged from the one
class; issue 15 splits it into one rule a file and ports it to the compiled core).
"""

from __future__ import annotations

from ..cues import KIND_GROUPS, PREFIX_CUES, SUFFIX_CUES, VILLAGE_KINDS
from ..inflection import is_russian_adjective, lemmas, word_lemmas
from ..lang import LEXICON
from ..lang.hy import is_common_noun as hy_noun
from ..lang.hy import is_common_word as hy_common
from ..lang.hy import is_derived_word as hy_derived
from ..lang.hy import is_family_name as hy_family
from ..lang.hy import is_venue_noun as hy_venue
from ..lang.hy.morphology import is_plural as hy_plural
from ..records import Mention
from ..table import FOCUS_COUNTRIES
from ..text.folding import fold
from ..text.scripts import is_cyrillic, script
from ..text.tokens import APOSTROPHE, APOSTROPHES, CLOSE_QUOTES, OPEN_QUOTES
from .casing import ACCEPT, REJECT, WAIT
from .document import (
    _CONJUNCTIONS,
    _LIST_WORDS,
    _bounded,
    _comma,
    _Doc,
    _item_before,
    _list_gap,
    _sentence_start,
    _under_locative,
)
from .weights import (
    CAPITALS_MAX,
    LIST_ITEMS,
    METHOD_SCORE,
    ORG_REACH,
    PREFIX_CUE_MIN,
    TRANSLITERATED_MAX,
)

CAPITALISED, ANY_CASE = 1, 2  # organisation words (see Scanner._org_word)
_ARTICLES = LEXICON.articles  # an article before a name only ranks: the Araz is the river
_WORK_PREPOSITIONS = LEXICON.work_prepositions  # the ghazals of Fuzuli
_NEW = LEXICON.foreign_name_heads  # New Mexico: the end of a name we lack
_TIGHT_HYPHENS = frozenset(("-", "‐", "‑"))
# kinds of place a football club is named after
_CLUB_KINDS = frozenset(("region", "city", "town", "district"))
# prepositions of place before a venue in football copy
_VENUE_PREPOSITIONS = LEXICON.venue_prepositions
_DATIVES = LEXICON.dative_endings  # Turkic dative endings, folded
_OFFICE, _ARTIST = 1, 2  # kinds of title (see Scanner._title_word)
# Turkic locative and ablative endings (folded): a person's name rarely takes them
_PLACE_CASES = LEXICON.place_cases
_PLACE_CASE_PREFIXES = LEXICON.place_case_prefixes  # and -daki, -ndan: Bakü'deki
# prepositions after which a lowercased name is a place ("a speech in ganja")
_LOCATIVE_PREPOSITIONS = LEXICON.locative_prepositions
# endings of family names (Mirzoyan, Aliyev, Hasanova, Rzazade): the word after a
# place name with one of these makes the two a person's name ("Ararat Mirzoyan")
_FAMILY_ENDINGS = LEXICON.family_endings
# A name followed by one of these is the modifier of an organisation or event.
ORG_WORDS = LEXICON.org_words
# The same in other languages, where they follow the name in lower case: Minsk qrupu,
# Minsk grubu, Минская группа, Şuşa Beyannamesi, Qarabağ FK, Bakı Dövlət Universiteti.
ORG_WORDS_ANY_CASE = LEXICON.org_words_any_case
# Whole names of organisations written like a place's name (Կարմիր Խաչ, the Red Cross).
ORG_NAMES = LEXICON.org_names
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
# Words before a capitalised name that show a person (titles).
PERSON_TITLES = LEXICON.person_titles
# Titles of artists and saints: the name after one is the person's in any case ("şair
# Fuzuli'den alan", named after the poet), where an office may stand before a place
# ("Prezident Bakıda").
ARTIST_TITLES = LEXICON.artist_titles
# A poet's works: "ghazals of Fuzuli", "газели Физули", "Füzulinin qəzəlləri", "Fuzuli'nin
# şiirleri" name the poet, not the town named after him.
WORK_WORDS = LEXICON.work_words
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


# Words that start sentences without being names ("Near Talish", "In Gabriel region").
FUNCTION_WORDS = LEXICON.function_words


class Rules:
    """Methods of Scanner: see the module's docstring."""

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
            for lemma, _ in word_lemmas(token, key):
                group = table.get(lemma)
                if group:
                    break
        elif key in _HY_ONLY_CUES and script(token) != "armenian" and self.index.is_common_word(key):
            group = None  # "get" is no river in English
        _bounded(cache)[token] = group
        return group

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
            if (folded[j] in _CONJUNCTIONS or toks[j] in _LIST_WORDS) and j + 2 < n:
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
            if toks[i - 1] in _ARTICLES and toks[i][:1].isupper():
                return "article", toks[i - 1]
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
        if context is None and (
            key in ORG_NAMES
            or (method == "inflection" and any(w in ORG_NAMES for w, _ in word_lemmas(toks[j - 1], key)))
        ):
            return None, False  # Կարմիր Խաչի միջազգային կոմիտե: the Red Cross, not the village
        if j - i == 1 and (method == "folded" or suffix == "s") and self._transliterated(toks[i], hits):
            # a spelling of ours only through another script is no official name, and a
            # short one (Bank, Omar, Qtr) is a place only with a cue ("Bank qəsəbəsi")
            if context is None and len(key) - len(suffix) <= TRANSLITERATED_MAX:
                return None, False
            official = False
        ambiguous, common = self._key_flags_of(key)
        if j - i == 1 and context is None and script(surface) == "armenian":
            if hy_common(toks[i]):
                # an Armenian word that is also a place's name (Տեղի: local; Հոկտեմբերի: of
                # October): a place in a list, never at the start of a sentence without a cue
                if _sentence_start(text, s):
                    return None, False
                common = True
            elif i and hy_derived(toks[i]) and doc.gaps[i] == " " and toks[i - 1][:1].isupper():
                return None, False  # a family name after a given name: Վարդան Շահումեանը
        if context is not None and kind in VILLAGE_KINDS and (ambiguous or common) and kind not in KIND_GROUPS[context]:
            # a cue that fits no reading of a word is about something else: "Orta Koridor"
            # is the Middle Corridor, not a corridor named after the village Orta
            return None, False
        lowercase = self._lowercase(surface)
        lower_verdict = ACCEPT
        if lowercase:
            # machine translation and phones lowercase names ("ganja"): see _lowercase_verdict
            lower_verdict = self._lowercase_verdict(doc, i, j, key, method, suffix, context, cue, kind, ambiguous)
            if lower_verdict == REJECT:
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
                if opens and not (official and kind not in VILLAGE_KINDS):
                    return None, False
                if kind in VILLAGE_KINDS or not official:
                    return None, False
        # names that are also first names or words: villages, needs-context aliases, and cities
        # far from the region ("Vladimir Putin" is not the Russian city)
        weak = kind in VILLAGE_KINDS or needs_ctx or (kind == "city" and country not in FOCUS_COUNTRIES)
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
        weak_start = kind in VILLAGE_KINDS and context is None and j - i == 1 and _sentence_start(text, s)
        if (needs_ctx or weak_start) and listed is None:
            listed = self._listed_with_places(doc, i, j) or self._place_in_brackets_after(doc, j)
        # a lowercase name waits for its place named elsewhere unless its cue, preposition,
        # case or the lowercase text settled it (see _lowercase_verdict)
        wait = ((needs_ctx or weak_start) and not listed) or lower_verdict == WAIT
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
        toks = doc.toks
        return _under_locative(doc, i, lambda k: toks[k].islower() or self._list_item(toks[k]))

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
        if script(toks[i]) == "armenian" and any(hy_venue(toks[k]) for k in range(i + 1, min(i + 4, len(toks)))):
            return True  # Երևանի Հանրապետական մարզադաշտում: the town's stadium
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
                        if (
                            weak
                            or (folded[j].endswith(_FAMILY_ENDINGS) and not self._word_hits(w)[0] and not hy_noun(w))
                            or hy_family(w)  # a family name in a case: Շուշան Ստեփանյանի
                        ):
                            return True
        if (
            group is None
            and j - i == 1
            # "Qarabağ" opening a headline; the second word of "Araz-Naxçıvan", «Интерфакс-Азербайджан»
            and (gaps[i][-1:] in OPEN_QUOTES or (i > 0 and gaps[i] in ("-", "–") and gaps[i - 1][-1:] in OPEN_QUOTES))
            and self._closes_soon(doc, j)
            and (gaps[i] in ("-", "–") or self._quoted_thing(doc, i, j, doc.start(i)))
        ):
            # ФК «Карабах», "Qarabağ" ictimai birliyi, "Ağdam" muğam ansamblı, «Интерфакс-Азербайджан»:
            # a quoted name with a word for a thing, or in football copy, is a club's, a paper's,
            # a song's or a firm's, not a place (quotes alone are not: в «Агдаме» тихо)
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
            forms = (key, *(lemma for lemma, _ in word_lemmas(token, key)))
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
            got = key in WORK_WORDS or any(lemma in WORK_WORDS for lemma, _ in word_lemmas(token, key))
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
            if (
                i >= 2
                and toks[i - 1].lower() in _WORK_PREPOSITIONS
                and gaps[i - 1] == " "
                and self._work_word(i - 2, doc)
            ):
                return True  # the ghazals of Fuzuli, the poem by Fuzuli
        return False

    def _org_word(self, token: str, key: str) -> int:
        """Does this word after a name make it an organisation's? ANY_CASE (qrupunun,
        группы), CAPITALISED (Group, Airlines: in lower case, "Baku talks" is a place),
        or 0."""
        got = self._org_words.get(token)
        if got is None:
            forms = [key] + [lemma for lemma, _ in word_lemmas(token, key)]
            if any(a in token for a in APOSTROPHES):  # FK'nın, Group's
                forms.append(fold(APOSTROPHE.split(token, maxsplit=1)[0]))
            if any(f in ORG_WORDS_ANY_CASE for f in forms):
                got = ANY_CASE
            else:
                got = CAPITALISED if any(f in ORG_WORDS for f in forms) else 0
            _bounded(self._org_words)[token] = got
        return got
