"""Armenian written in Latin letters in running text, in pure Python: the twin of the
compiled engine's reading (crates/gazetteer-core/src/scan/armenian_latin.rs) that the
pure-Python candidate finder (:mod:`.candidates`) uses, so the two find the same spans
(tests/test_candidates_twin.py).

Each line is decided alone, or, in a text that is so as a whole, by any function word
of its own (sure or weak). A line holding a sure Armenian function word in Latin letters (enq, mej, hamar, shat:
``lang/hy/latin_function_words.tsv``), whose distinct marked words score at least
``HY_LATIN_MIN`` (a sure word 2, a weak one 1) and that is no English prose, is Armenian
in Latin letters. There its function words name no place, and a Latin word that is no
name as written whose fold less one Armenian case ending or article
(``lang/hy/latin_case_endings.tsv``, ``latin_text_endings.tsv``) is a place's key, of
``HY_STEM_MIN`` letters or more and no common word, names that place ("Kapanic": from
Kapan).
"""

from __future__ import annotations

from ..lang.hy.latin_text import ARMENIAN_LATIN
from ..named import NamedTuple
from ..text.folding import fold
from .vocabulary import NO, YES, Vocabulary
from .weights import ENGLISH_MIN, ENGLISH_ONE_IN

__all__ = ["HyLatinText", "hy_latin_text"]

#: the least score of a text's distinct marked words (a sure word 2, a weak one 1)
HY_LATIN_MIN = 2
#: the fewest letters of a stem read back to a place
HY_STEM_MIN = 4
#: the longest function word, in UTF-8 bytes: a longer word is not looked up
_WORD_MAX = 12
_SURE, _WEAK = 2, 1

Hit = tuple[tuple[int, ...], str, str]


def _mark(word: str) -> int:
    """2: a sure function word as written, 1: a weak one, 0: neither."""
    if len(word.encode("utf-8")) > _WORD_MAX or not (word.isascii() and word.isalpha()):
        return 0
    lower = word.lower()
    return _SURE if lower in ARMENIAN_LATIN.sure_words else _WEAK if lower in ARMENIAN_LATIN.weak_words else 0


def _latin_only(word: str) -> bool:
    """No Cyrillic or Armenian letter, and an ASCII letter."""
    return not any("\u0400" <= c <= "\u04ff" or "\u0530" <= c <= "\u058f" for c in word) and any(
        c.isascii() and c.isalpha() for c in word
    )


def _stems(key: str) -> list[tuple[str, str]]:
    """(stem, ending) of a folded key less one ending, longest ending first."""
    out = []
    for ending in ARMENIAN_LATIN.endings:
        if key.endswith(ending):
            stem = key[: len(key) - len(ending)]
            if len(stem) >= HY_STEM_MIN and stem.isalpha():
                out.append((stem, ending))
    return out


class HyLatinText(NamedTuple):
    """A text of Armenian in Latin letters: its verdicts and the words read by their endings."""

    vocabulary: Vocabulary
    flags: dict[int, int]
    hits: dict[int, Hit]
    #: by word: is its line Armenian in Latin letters
    lines: list[bool]

    def flag(self, k: int, flag: int) -> int:
        """Word k's verdict in this text."""
        return self.flags.get(k, flag)

    def second(self, k: int, word: str) -> bool:
        """Can ``word``, word k, be a name's second word once an Armenian ending is cut off?"""
        if not self.lines[k] or any("\u0400" <= c <= "\u04ff" or "\u0530" <= c <= "\u058f" for c in word):
            return False
        seconds = self.vocabulary.second_words
        return any(stem in seconds for stem, _ in _stems(fold(word)))

    def run(self, k: int, key: str) -> Hit | None:
        """A run of words (folded) whose last word, word k, carries an Armenian ending."""
        if not self.lines[k]:
            return None
        last = key.rsplit(" ", 1)[-1]
        head = key[: len(key) - len(last)]
        for stem, ending in _stems(last):
            hits = self.vocabulary.keys.get(head + stem)
            if hits:
                return hits, "inflection", ending
        return None


def _hit(vocabulary: Vocabulary, word: str) -> Hit | None:
    if not _latin_only(word):
        return None
    for stem, ending in _stems(fold(word)):
        hits = vocabulary.keys.get(stem)
        if hits and not vocabulary.key_flags(stem)[1]:
            return hits, "inflection", ending
    return None


def _english(toks: list[str], english_words) -> bool:
    """Are these words English prose (the engine's test)?"""
    markers = sum(t in english_words for t in toks)
    return markers >= ENGLISH_MIN and ENGLISH_ONE_IN * markers >= len(toks)


def _hy_line(toks: list[str], marks: list[int], english_words) -> bool:
    """Is a text or a line (its words and their marks) Armenian in Latin letters?"""
    if _SURE not in marks:
        return False
    distinct = {t: m for t, m in zip(toks, marks) if m}
    return sum(distinct.values()) >= HY_LATIN_MIN and not _english(toks, english_words)


def hy_latin_text(
    vocabulary: Vocabulary, toks: list[str], gaps: list[str], flags: list[int], english_words
) -> HyLatinText | None:
    """The reading of a text cut into ``toks`` (``gaps[k]``: the text before word k; their
    verdicts ``flags``) as Armenian in Latin letters, line by line, or None: no line is."""
    marks = [_mark(t) for t in toks]
    if _SURE not in marks:
        return None
    whole = _hy_line(toks, marks, english_words)
    lines = [False] * len(toks)
    a = 0
    while a < len(toks):
        b = a + 1
        while b < len(toks) and "\n" not in gaps[b]:
            b += 1
        if _hy_line(toks[a:b], marks[a:b], english_words) or (
            whole and any(marks[a:b]) and not _english(toks[a:b], english_words)
        ):
            lines[a:b] = [True] * (b - a)
        a = b
    if not any(lines):
        return None
    out = HyLatinText(vocabulary, {}, {}, lines)
    for k, (tok, mark, flag) in enumerate(zip(toks, marks, flags)):
        if not lines[k]:
            continue
        if mark:
            out.flags[k] = NO  # a function word names no place ("galis": is coming)
            continue
        if flag > YES or (flag == YES and vocabulary.word_hits(tok)[1] != "inflection"):
            continue
        hit = _hit(vocabulary, tok)
        if hit:
            out.flags[k] = YES
            out.hits[k] = hit
    return out
