"""Text -> place mentions.

The scanner walks word tokens and, at each one, tries the longest run of
tokens (up to the longest multi-word name) whose folded form is a variant key;
a single word may also match through an inflected form. Loose matching
(skeleton, fuzzy) is never used on running text: in prose every word is a
candidate, and a near-miss is far more often a word than a typo.

Each candidate mention then passes the rejection rules that keep precision:
lowercase words, common words, words of a person's or an organisation's name,
and needs-context variants ("Gabriel") without a place cue.

The class is composed of its parts: :mod:`.candidates` (finding candidate spans),
:mod:`.rules` (judging each), :mod:`.document` (the passes over the whole text).

Where the compiled core carries the scanning engine, ``Gazetteer.scanner`` is
:class:`gazetteer.scan.engine.Engine` and this class is the reference it must agree with
(tests/test_engine_agreement.py), and the host of the rules the engine still calls back;
it is the scanner itself only where the core lacks the engine.
"""

from __future__ import annotations

from functools import lru_cache

from ..index import CompiledIndex
from ..records import Mention
from .candidates import Candidates
from .casing import CaseRules
from .document import DocumentPasses
from .rules import Rules
from .weights import (
    WORD_HITS_CACHE,
)

__all__ = ["Mention", "Scanner"]


class Scanner(Candidates, Rules, CaseRules, DocumentPasses):
    """Finds the place mentions of a text: ``Scanner(index).scan(text)``."""

    def __init__(self, index: CompiledIndex):
        self.index = index
        self.keys = index.folded_keys()
        # which words start, extend and follow multi-word names: computed with the index
        self.multi_first, self.prefixes, self.second_words = index.key_shapes()
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
        self._quote_words: dict[str, bool] = {}
        self._translit: dict[str, bool] = {}
        self._second_forms: dict[str, tuple] = {}
        self._anchor_of: dict[int, tuple[float, float] | None] = {}
        self._distances: dict[tuple, float] = {}
