"""Facts of a whole text that Python's Unicode decides where the compiled engine defers.

The engine (crates/gazetteer-core/src/scan) answers these itself for almost every text:
whether a sentence is football copy (rules/sports.rs) and whether the text is written in
lower case (rules/case.rs). A text with a decimal digit other than 0-9 (which Python's
``\\d`` reads as a digit), or a letter whose case only Python's Unicode tables know, is
handed here, with the text cut into words as the engine cut it (:class:`Doc`).
tests/test_engine_prefilter.py holds the engine's own answers to these.

Also here: the two patterns the engine asks about a short stretch of text (what stands
between a village and its district; an abbreviation before a full stop).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..lang import LEXICON
from ..text.tokens import SPLIT, WORD
from .vocabulary import Vocabulary
from .weights import HEADLINE_MAX, HEADLINE_SPORTS_WORDS, LOWER_TEXT_SHARE, SPORTS_WORDS_MIN

__all__ = [
    "Doc",
    "sports",
    "football_text",
    "individual_sport_text",
    "lowercase_text",
    "ABBREVIATION_BEFORE",
    "PARENT_AFTER",
]

# Words of football copy in four languages, as written: lower case, capitalised, capitals
_SPORTS_WORDS = LEXICON.sports_words
# Words of an individual sport (chess, güləş, бокс), and of a team game (football, basketbol)
_INDIVIDUAL_SPORT_WORDS = LEXICON.individual_sport_words
_TEAM_SPORT_WORDS = LEXICON.team_sport_words
_SENTENCE_BREAK = re.compile(r"[.!?\n\u0589]")  # \u0589: the Armenian full stop ։
# a score (2-0, 1:1), not a clock time (09:05, 18:30: an hour, a colon, minutes 00-59)
_SCORE = re.compile(r"(?<![\d.,:/-])(?!(?:[01]?\d|2[0-3]):[0-5]\d(?![\d.,:/-]))\d{1,2} ?[-:–] ?\d{1,2}(?![\d.,:/-])")
# The first word of each sentence: at the start of the text, after a full stop, question
# or exclamation mark and a space, or after a blank line (a hard-wrapped line of prose
# continues its sentence, so a single newline is no start).
# The Armenian full stop (։) and the CJK one end sentences too; a full stop after a word
# of one or two letters is an abbreviation's (г., թ., e.g.), not a sentence's end.
_SENTENCE_FIRST = re.compile(r"(?:\A|(?<=[.!?…։。])\s|\n[ \t]*\n)[\W_]*?(" + WORD + ")")
ABBREVIATION_BEFORE = re.compile(r"(?:^|[\W\d_])[^\W\d_]{1,2}\.\s*$")
# what stands between a village and its district named after it ("Shuraabad in Aghdam
# district", "Talış, Tərtər rayonu", "Сос в Ходжавендском районе")
PARENT_AFTER = re.compile(
    r"\s*(?:,|\(|" + "|".join(map(re.escape, LEXICON.parent_prepositions)) + r")\s*", re.IGNORECASE
)


class Doc:
    """One text cut into words: ``toks[k]`` is word k, ``parts`` gap, word, ..., gap."""

    __slots__ = ("text", "toks", "parts", "_sports", "_sentences")

    def __init__(self, text: str, parts: list[str], toks: list[str]):
        self.text, self.toks, self.parts = text, toks, parts
        self._sports: dict[int, int | bool] | None = None  # sentence -> football copy?
        self._sentences: list[int] = []  # where sentences start (once football is in the text)


def sports(doc: Doc, pos: int) -> bool:
    """Is the sentence at ``pos`` football copy? A word of the game or a score in it, in
    a text with two such; or a headline of a text with three. (A culture page may report
    one match: only that sentence counts. A text about an individual sport is none:
    :func:`individual_sport_text`.)"""
    if doc._sports is None:
        total = len(_SPORTS_WORDS.intersection(doc.toks))
        if total == 1:
            total += _SCORE.search(doc.text) is not None
        if individual_sport_text(doc.toks):
            total = 0
        doc._sports = {-1: total}
        if total >= SPORTS_WORDS_MIN:
            doc._sentences = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(doc.text)]
    total = doc._sports[-1]
    if total < SPORTS_WORDS_MIN:
        return False
    text, starts = doc.text, doc._sentences
    k = bisect_right(starts, pos) - 1
    got = doc._sports.get(k)
    if got is None:
        end = starts[k + 1] if k + 1 < len(starts) else len(text)
        sentence = text[starts[k] : end]
        got = bool(_SPORTS_WORDS.intersection(SPLIT.findall(sentence)) or _SCORE.search(sentence))
        if not got and total >= HEADLINE_SPORTS_WORDS:
            line_end = text.find("\n", pos)
            line = text[text.rfind("\n", 0, pos) + 1 : line_end if line_end >= 0 else len(text)]
            got = len(line) < HEADLINE_MAX and not line.rstrip().endswith(".")  # a headline
        doc._sports[k] = got
    return got


def individual_sport_text(toks: list[str]) -> bool:
    """Is a text (its words) about an individual sport: a word of one (chess, güləş, бокс)
    and none of a team game (football, basketbol)? Its words of sport (match, coach,
    çempionat, turnuva) are no football copy: a town after a person there is where the
    person comes from ("1. A. Aliyev (Shusha) — 7 points"), not a club."""
    return not _INDIVIDUAL_SPORT_WORDS.isdisjoint(toks) and _TEAM_SPORT_WORDS.isdisjoint(toks)


def football_text(doc: Doc) -> bool:
    """Is the text about football at all (sports words in it, see :func:`sports`)? There
    a quoted town is its club even in a sentence without one ("Qarabağ" 1993-cü ildə
    Ağdamdan köçüb)."""
    sports(doc, 0)
    return doc._sports[-1] >= SPORTS_WORDS_MIN


def lowercase_text(doc: Doc, vocabulary: Vocabulary) -> bool:
    """Is the text wholly or mostly lower-case (machine translation, phone typing)?

    Decided from its sentence openings: the share of those in lower case, among the ones
    whose first word is not a place name (normalising capitalises names, and a second pass
    must judge the text as the first did). A text with no such opening is lower-case when
    no letter of it is a capital."""
    lower = upper = 0
    text = doc.text
    for m in _SENTENCE_FIRST.finditer(text):
        if m.start() and ABBREVIATION_BEFORE.search(text[max(0, m.start() - 4) : m.start() + 1]):
            continue
        word = m.group(1)
        first = word[:1]
        if not (first.islower() or first.isupper()) or vocabulary.word_hits(word)[0]:
            continue
        if first.islower():
            lower += 1
        else:
            upper += 1
    if lower + upper:
        return lower >= LOWER_TEXT_SHARE * (lower + upper)
    # no opening to judge: every sentence starts with a name. A capital there is no
    # evidence of a lower-case text ("Füzulidə yeni məktəb binası açılıb" is an ordinary
    # Azerbaijani sentence, whose "binası" is no Binə); only a text without any capital is
    # lower-case (once normalised, it is judged as capitalised, which only makes the
    # lower-case rules stricter)
    return not any(ch.isupper() for t in doc.toks for ch in t)
