"""Lower-case and quoted names (issue 12): when a name written in lower case is still a
name, and when quotation marks around a name make it a thing's (a club, a firm, a wine)
rather than the place's.

Each decision is one method of :class:`gazetteer.scan.scanner.Scanner` (a mixin):

- :meth:`CaseRules._lowercase_text`: is the whole text lower-case (computed once a text)?
- :meth:`CaseRules._lowercase_verdict`: reject, wait for corroboration, or accept a
  lower-case candidate, from its cue, preposition, case ending, list and the text;
- :meth:`CaseRules._common_reading`: is a lower-case name here the word it also is
  ("tartar sauce")?
- :meth:`CaseRules._quoted_thing`: is a quoted name a club's, a firm's, a work's?
"""

from __future__ import annotations

import re

from ..cues import KIND_GROUPS, VILLAGE_KINDS
from ..inflection import word_lemmas
from ..lang import LEXICON
from ..records import Mention
from ..table import FOCUS_COUNTRIES
from ..text.tokens import CLOSE_QUOTES, OPEN_QUOTES, WORD
from .document import _bounded, _Doc, _under_locative
from .weights import (
    LOWER_NEAR_KM,
    LOWER_TEXT_SHARE,
    LOWERCASE_MIN,
    QUOTED_TAIL_WORDS,
    SPORTS_WORDS_MIN,
)

# verdicts on a lower-case candidate (see CaseRules._lowercase_verdict)
REJECT, WAIT, ACCEPT = 0, 1, 2

# The first word of each sentence: at the start of the text, after a full stop, question
# or exclamation mark and a space, or after a blank line (a hard-wrapped line of prose
# continues its sentence, so a single newline is no start).
# The Armenian full stop (։) and the CJK one end sentences too; a full stop after a word
# of one or two letters is an abbreviation's (г., թ., e.g.), not a sentence's end.
_SENTENCE_FIRST = re.compile(r"(?:\A|(?<=[.!?…։。])\s|\n[ \t]*\n)[\W_]*?(" + WORD + ")")
_ABBREVIATION_BEFORE = re.compile(r"(?:^|[\W\d_])[^\W\d_]{1,2}\.\s*$")
# A closing quote, maybe a dash, and an opening one: two quoted names side by side
_QUOTE_TO_QUOTE = re.compile(
    "[" + re.escape("".join(CLOSE_QUOTES)) + r"]\s*[-–—:]?\s*[" + re.escape("".join(OPEN_QUOTES)) + "]"
)
# Words that make a quoted name a thing's: before the opening quote or just after the
# closing one (the club "Qarabağ", портвейн «Агдам», "Ağdam" muğam ansamblı).
_QUOTED_NAME_WORDS = LEXICON.quoted_name_words | LEXICON.org_words | LEXICON.org_words_any_case
# Words in front of which a lower-case name is read as a modifier no more than any other
# word ("tartar and", "baku on monday"): function words, conjunctions, prepositions.
_NOT_HEADS = LEXICON.function_words | LEXICON.conjunctions | LEXICON.locative_prepositions
# Words of football copy, as written (lower case, capitalised, capitals)
_SPORTS_WORDS = LEXICON.sports_words
# Place names that are words in lower case besides the frequent ones (tartar)
_NAME_WORDS = LEXICON.name_words
# Prepositions of place and direction (in, from, to; в, из, на), folded
_LOCATIVE_PREPOSITIONS = LEXICON.locative_prepositions
# Turkic endings of place (locative, ablative, -daki) and of direction (dative): a
# lower-case "füzulidə", "bakü'den", "xankəndiyə" is where something is, comes from, goes to.
_PLACE_CASES = LEXICON.place_cases
_PLACE_CASE_PREFIXES = LEXICON.place_case_prefixes
_DATIVES = LEXICON.dative_endings


class CaseRules:
    """Methods of Scanner: see the module's docstring."""

    def _lowercase_text(self, doc: _Doc) -> bool:
        """Is the text wholly or mostly lower-case (machine translation, phone typing)?

        Decided once per text from its sentence openings: the share of those in lower case,
        among the ones whose first word is not a place name (normalising capitalises names,
        and a second pass must judge the text as the first did). A text with no such opening
        is lower-case when no letter of it is a capital."""
        got = doc.lower
        if got is None:
            lower = upper = 0
            text = doc.text
            for m in _SENTENCE_FIRST.finditer(text):
                if m.start() and _ABBREVIATION_BEFORE.search(text[max(0, m.start() - 4) : m.start() + 1]):
                    continue
                word = m.group(1)
                first = word[:1]
                if not (first.islower() or first.isupper()) or self._word_hits(word)[0]:
                    continue
                if first.islower():
                    lower += 1
                else:
                    upper += 1
            if lower + upper:
                got = lower >= LOWER_TEXT_SHARE * (lower + upper)
            else:
                # no opening to judge: every sentence starts with a name. A capital there is
                # no evidence of a lower-case text ("Füzulidə yeni məktəb binası açılıb" is an
                # ordinary Azerbaijani sentence, whose "binası" is no Binə); only a text
                # without any capital is lower-case (once normalised, it is judged as
                # capitalised, which only makes the lower-case rules stricter)
                got = not any(ch.isupper() for t in doc.toks for ch in t)
            doc.lower = got
        return got

    def _governed(self, doc: _Doc, i: int) -> bool:
        """Does a preposition of place govern word i, directly ("in ganja", "в степанакерте")
        or through a list whose earlier items are place names too ("in ganja, baku and
        sumgait"; not "written in c, java")?"""
        toks, folded = doc.toks, doc.folded
        return _under_locative(
            doc, i, lambda k: bool(self._word_hits(toks[k])[0]) and not self.index.is_common_word(folded[k])
        )

    def _place_case(self, suffix: str) -> bool:
        """Is an ending a Turkic case of place or direction (-da, -dan, -daki, -ya)?"""
        return bool(suffix) and (
            suffix in _PLACE_CASES or suffix in _DATIVES or suffix.startswith(_PLACE_CASE_PREFIXES)
        )

    def _common_reading(self, doc: _Doc, j: int) -> bool:
        """Is a lower-case name that is also a word read as that word here? In English prose,
        when the next word is a lower-case word it modifies ("tartar sauce", "bank account"),
        not a function word, a conjunction or a cue ("barda to aghdam", "baku on monday")."""
        toks = doc.toks
        if j >= len(toks) or doc.gaps[j] != " " or not toks[j].islower() or not doc.english():
            return False
        nxt = doc.folded[j]
        return nxt not in _NOT_HEADS and not self._suffix_group(toks[j], nxt)

    def _lowercase_verdict(
        self,
        doc: _Doc,
        i: int,
        j: int,
        key: str,
        method: str,
        suffix: str,
        context: str | None,
        cue: str | None,
        kind: str,
        ambiguous: bool,
    ) -> int:
        """REJECT, WAIT (a name only if its place is named elsewhere in the text) or ACCEPT
        a candidate written in lower case.

        - a cue settles it ("lachin region's gorchu village", "the villages of gabriel
          region", "tartar district"); a cue before it settles even a frequent word ("the
          village of sus"), a cue after one may be the noun it modifies ("monastery village");
        - a short name, a name that is a frequent word (sus, bank, van) and a village named
          like a word need that cue;
        - an inflected form needs a lower-case text ("к линии", "dilində" in a capitalised
          text are words, even after a preposition);
        - a town or region that is also a word ("baku", "azerbaycan") is the word where it
          modifies the next word of English prose and no preposition governs it; a name
          listed as a word of the language (tartar) is the word unless a preposition
          governs it and it modifies nothing: one sense per text never makes "tartar
          sauce" Terter;
        - otherwise a preposition of place ("in ganja", "в степанакерте"), a Turkic case of
          place ("füzulidə", "bakü'den") or a lower-case text makes a town or region (in any
          form) a name, but a town named like a word ("baku", "того", "пути") only with
          both a lower-case text and the preposition or case, and waits without; a village needs both a lower-case text and a preposition or case
          of place, and waits for its place named elsewhere with one of them;
        - with none of these a known town waits for its place named elsewhere, as before,
          and an inflected form or a village is no name."""
        # the name without its ending: "binalarda" is the word "binalar" in the locative
        stem = key[: len(key) - len(suffix)] if suffix and key.endswith(suffix) else key
        # (a name of words that are each common, as a whole: "карин таке" is no "так")
        common = self.index.is_common_word(stem) or (stem != key and self.index.is_common_word(key))
        if context is not None:
            return self._lowercase_cue_settles(doc, j, context, cue, kind, common, ambiguous)
        if len(stem) < LOWERCASE_MIN or common:
            return REJECT
        ambiguous = ambiguous or (stem != key and self.index.is_ambiguous_name(stem))
        text = self._lowercase_text(doc)
        placed = self._governed(doc, i) or self._place_case(suffix)
        if method != "folded" and not text:
            return REJECT  # "к линии", "dilində": an inflected lowercase word of a capitalised text
        if kind in VILLAGE_KINDS:
            if ambiguous:
                return REJECT  # a village named like a word ("binalar") needs its cue
            return ACCEPT if (text and placed) else WAIT if (text or placed) else REJECT
        word = stem in _NAME_WORDS  # tartar: a word first, a name after a preposition of place
        if (ambiguous or word) and (word or not placed) and self._common_reading(doc, j):
            return REJECT
        if word and not placed:
            return REJECT
        if ambiguous and not (text and placed):
            return WAIT  # "в пути" (Poti) in capitalised prose, "баку" with no preposition
        if text or placed:
            return ACCEPT
        return WAIT if method == "folded" else REJECT

    def _lowercase_cue_settles(
        self, doc: _Doc, j: int, context: str, cue: str | None, kind: str, common: bool, ambiguous: bool
    ) -> int:
        """Does a cue make a lower-case word a name? Any cue, for a word that is only a name
        ("gorchu village"); for one that is also a word, a cue that fits its kind ("gabriel
        region"; not "после того", a settlement word before a country), and for a frequent
        word a phrase before it ("the village of sus"): a lone cue word may be the noun the
        word modifies ("monastery village") or its neighbour ("в городе пока нет")."""
        if not (common or ambiguous):
            return ACCEPT
        kinds = KIND_GROUPS.get(context)
        if kinds is not None and kind not in kinds:
            return REJECT
        if common:
            after = j < len(doc.toks) and cue == doc.toks[j]
            return ACCEPT if cue and not after and " " in cue.strip() else REJECT
        return ACCEPT

    def _lowercase_near_places(self, doc: _Doc, mentions: list[Mention], deferred: list[Mention]) -> None:
        """In a lower-case text, a deferred lower-case town or region named like a word
        ("баку", "ереван", "azerbaycan") is the place when the text's accepted places lie
        around it (within LOWER_NEAR_KM), or is a country of the region; it moves from
        ``deferred`` to ``mentions``. "того" (Togo) in a lower-case text about Karabakh stays
        a word, and so do villages and names that need context ("gabriel")."""
        if not deferred or not mentions or not doc.lower:
            return
        anchors = {a for m in mentions if (a := self._anchor(m.place)) is not None}
        keep = []
        for d in deferred:
            place = self._place(d.place)
            if not self._lowercase(d.text) or place.kind in VILLAGE_KINDS or self._variant(d.variant).needs_context:
                keep.append(d)
                continue
            if place.kind == "country":
                near = place.country in FOCUS_COUNTRIES
            else:
                near = bool(anchors) and self._nearest(d.place, anchors) <= LOWER_NEAR_KM
            (mentions if near else keep).append(d)
        if len(keep) < len(deferred):
            deferred[:] = keep
            mentions.sort(key=lambda m: m.start)

    # -------------------------------------------------------------- quotes
    def _quoted_thing(self, doc: _Doc, i: int, j: int, pos: int) -> bool:
        """Is a quoted name a thing's, not the place's? Quotation marks alone say nothing
        (`He said "Agdam" is a ghost town`, в «Агдаме» тихо): a word for a club, firm,
        paper, work or product right before the opening quote or just after the closing
        one says so (ФК «Карабах», портвейн «Агдам», "Ağdam" muğam ansamblı), and so does
        football copy («Карабах» обыграл...)."""
        toks, gaps = doc.toks, doc.gaps
        if not (j == len(toks) or gaps[j].strip()[:1] in CLOSE_QUOTES):
            return True  # a quoted title that starts with the name: "Qarabağ şikəstəsi" (a song)
        if i >= 1 and gaps[i].strip() in OPEN_QUOTES and self._quoted_name_word(toks[i - 1], doc.folded[i - 1]):
            return True
        if (j < len(toks) and _QUOTE_TO_QUOTE.fullmatch(gaps[j])) or (i >= 1 and _QUOTE_TO_QUOTE.fullmatch(gaps[i])):
            return True  # two quoted names side by side are a fixture's: "Qarabağ" "Neftçi"-ni məğlub edib
        for k in range(j, min(j + QUOTED_TAIL_WORDS, len(toks))):
            if k > j and gaps[k] != " ":
                break
            if self._quoted_name_word(toks[k], doc.folded[k]):
                return True
        return doc.sports(pos) or self._football_text(doc)

    def _football_text(self, doc: _Doc) -> bool:
        """Is the text about football at all (sports words in it, see _Doc.sports)? There a
        quoted town is its club even in a sentence without one ("Qarabağ" 1993-cü ildə
        Ağdamdan köçüb)."""
        doc.sports(0)
        return doc._sports[-1] >= SPORTS_WORDS_MIN

    def _quoted_name_word(self, token: str, key: str) -> bool:
        """Is a word one for a club, firm, paper, work or product (club, klubu, клуба), or a
        word of football copy (футболисты)?"""
        got = self._quote_words.get(token)
        if got is None:
            got = (
                key in _QUOTED_NAME_WORDS
                or token in _SPORTS_WORDS  # Футболисты «Карабаха»
                or any(lemma in _QUOTED_NAME_WORDS for lemma, _ in word_lemmas(token, key))
            )
            _bounded(self._quote_words)[token] = got
        return got
