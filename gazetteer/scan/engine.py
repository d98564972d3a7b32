"""The compiled scanning engine (``gazetteer._core.Engine``), wrapped to give the same
:class:`gazetteer.records.Mention` records as :meth:`gazetteer.scan.scanner.Scanner.scan`.

Issue 15 ports the scanner into the crate step by step; each step lands only when
tests/test_engine_agreement.py finds the two identical. Ported: cutting a text into words,
the per-word verdict cache, the scan loop and the candidate finder (multi-word names
longest first, an inflected last word, declined Russian pairs, a word alone). Called back
into Python (through the :class:`_Host` below), each answer kept in the engine where it
depends on the word alone: the verdict of a word never seen before, whether two words can
start a multi-word name, what a word alone stands for (``Scanner._word_hits``), the
lemmas of a word (morphology stays Python), the rules on each candidate
(``Scanner._judge``), and the passes over the whole text (lower-case names near places,
one sense, disambiguation).
"""

from __future__ import annotations

from ..index import CompiledIndex
from ..inflection import lemmas, word_lemmas
from ..records import Mention
from ..text.tokens import SPLIT, join_invisibles, split_hashtags
from .document import _Doc
from .scanner import Scanner
from .weights import SMALL_CACHE, VOCABULARY_CACHE, WORD_HITS_CACHE

__all__ = ["Engine", "compiled_engine_available"]


def compiled_engine_available() -> bool:
    """Does the compiled core carry the scanning engine (an older build may not)?"""
    try:
        from .. import _core
    except ImportError:
        return False
    return hasattr(_core, "Engine")


class _Host:
    """What the compiled engine asks of Python (see crates/gazetteer-core/src/scan)."""

    __slots__ = ("sc", "keys", "multi_first", "prefixes")

    def __init__(self, sc: Scanner):
        self.sc = sc
        # the tables the engine copies once: folded key -> variant ids, and the key shapes
        self.keys, self.multi_first, self.prefixes = sc.keys, sc.multi_first, sc.prefixes

    def classify(self, words: list[str]) -> list[int]:
        """Can a mention start at each word (Scanner._classify)? The compiled engine keeps
        the answers, so the Scanner's own cache of them is emptied."""
        classify = self.sc._classify
        got = [classify(w) for w in words]
        self.sc._interesting.clear()
        return got

    def pair_starts_name(self, first: str, second: str) -> bool:
        return self.sc._pair_starts_name(first, second)

    @staticmethod
    def split(text: str) -> list[str]:
        """Gap, word, gap, ..., gap, as Scanner.scan cuts a text with '#' or invisibles."""
        return split_hashtags(join_invisibles(SPLIT.split(text)))

    @staticmethod
    def doc(text: str, parts: list[str], toks: list[str]) -> _Doc:
        return _Doc(text, parts, toks)

    def word_hits(self, word: str) -> tuple[tuple[int, ...], str, str]:
        """(variant ids, method, ending) of one word alone (Scanner._word_hits)."""
        return self.sc._word_hits(word)

    @staticmethod
    def lemmas(key: str) -> list[str]:
        """The lemmas of a folded word (for a declined Russian pair)."""
        return [lemma for lemma, _ in lemmas(key)]

    @staticmethod
    def word_lemmas(word: str, key: str) -> tuple[tuple[str, str], ...]:
        """(lemma, ending) of a run of words folded as ``key`` ending in ``word``."""
        return word_lemmas(word, key)

    def judge(self, doc: _Doc, i: int, j: int, hits: tuple[int, ...], method: str, suffix: str):
        """The rules on one candidate span (Scanner._judge): (mention or None, wait)."""
        return self.sc._judge(doc, i, j, hits, method, suffix)

    def finish(self, doc: _Doc, mentions: list[Mention], deferred: list[Mention]) -> list[Mention]:
        """The passes over the whole text, as at the end of Scanner.scan."""
        sc = self.sc
        sc._lowercase_near_places(doc, mentions, deferred)
        mentions = sc._one_sense(mentions, deferred)
        return sc._disambiguate(mentions, doc.text)

    def scan(self, text: str) -> list[Mention]:
        """The reference, for what the compiled engine cannot hold (lone surrogates)."""
        return self.sc.scan(text)


class Engine:
    """Finds the place mentions of a text with the compiled core: ``Engine(index).scan(text)``.

    Any other attribute (``keys``, ``_ranking``, the rules) is that of the Scanner it calls
    back into, while the port is under way."""

    def __init__(self, index: CompiledIndex):
        from .. import _core

        self.index = index
        self._scanner = Scanner(index)
        self._core = _core.Engine(_Host(self._scanner), VOCABULARY_CACHE, SMALL_CACHE, WORD_HITS_CACHE)
        self.scan = self._core.scan

    def scan(self, text: str) -> list[Mention]:  # replaced per instance by the compiled method
        return self._core.scan(text)

    def __getattr__(self, name: str):
        """The rest is still the Scanner's, which the engine calls back into (its rules and
        decisions, which tests read one by one)."""
        return getattr(self._scanner, name)
