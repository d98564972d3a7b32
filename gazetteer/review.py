"""The fields of an extract record that help a person review it.

``extract`` records carry, after the mention's own fields:

- ``district``: the name of the place's district (its parent), as lookup gives it;
- ``wof_id``, ``geonames_id``: the place's Who's On First and GeoNames ids from the
  place table (text, as written there; null where the table has none);
- ``context``: the mention with up to ``--context`` characters of text on each side,
  cut at a word boundary where the window ends inside a word, every run of spaces,
  tabs and line breaks shown as one space (text is scanned in pieces that end at a
  line end, see :func:`gazetteer.textio.iter_pieces`; the context does not reach
  across a piece boundary, which only a text of more than 256 K characters has); bytes
  that are not text in the file's encoding are shown as U+FFFD;
- ``needs_review``: true when the reading rests on more than the name itself. The rule,
  from what the scanner left on the mention (:class:`gazetteer.records.Mention`):

  1. a cue decided: ``cue`` is set ("Gabriel region", "the village of Sos");
  2. the variant needs context ("Gabriel", a person's name as well): a cue, a list of
     places or the same place named elsewhere in the text let it through;
  3. a list decided: the name is also a common word or a name of several things (the
     index's word lists) and no cue was there, so its company in a list of places (or
     its being an official name) let it through;
  4. a far anchor decided: the place chosen is not the best reading of the name alone
     (the first of ``candidates``): the distance to the text's other places, or the
     district named before it, chose another;
  5. the runner-up is close: another same-name place (not the chosen one's own district
     or a place within it) ranks within ``OPEN_MARGIN`` of the chosen one;
  6. the name is written in lower case (machine translation): accepted only because its
     place is named elsewhere in the text or a preposition of place stands before it.

  Everything else (a capitalised official or variant name, no cue, no close rival) is
  false. ``score`` and ``method`` say how the name was matched and are not part of the
  rule: the scanner matches running text only by exact, folded and inflected names.
"""

from __future__ import annotations

import re

from ._core import context_window as _context_window
from .formats import REVIEW_FIELDS
from .records import PlaceRow, VariantRow
from .scan.weights import OPEN_MARGIN
from .text.folding import fold

__all__ = ["EXTRA_FIELDS", "MentionExtras", "context_of"]

EXTRA_FIELDS = REVIEW_FIELDS  # the layout formats.json_line writes fast
DEFAULT_CONTEXT = 40
_SPACES = re.compile(r"\s+")
_SPACE = re.compile(r"\s")
_NOT_TEXT = re.compile("[\ud800-\udfff]")


def context_of(text: str, start: int, end: int, width: int = DEFAULT_CONTEXT) -> str:
    """The span ``text[start:end]`` with up to ``width`` characters each side, without the
    broken word at a cut edge, whitespace shown as single spaces.

    >>> context_of("Heavy shelling hit Fuzuli and\\nthe villages around it.", 19, 25, 12)
    'hit Fuzuli and the'
    """
    # the compiled core reads only the window around the span (a CLI piece is 250 KB);
    # text with lone surrogates (bytes that were not UTF-8), or odd offsets: the reference
    if 0 <= start <= end <= len(text) and width >= 0:
        a, b = max(0, start - width), min(len(text), end + width)
        lo = a - 1 if a else 0
        try:
            return _context_window(text[lo : b + 1], a - lo, start - lo, end - lo, b - lo)
        except UnicodeEncodeError:
            pass
    return _context_reference(text, start, end, width)


def _context_reference(text: str, start: int, end: int, width: int) -> str:
    """context_of in Python: the reference of the compiled one, and the way for text with
    lone surrogates, shown as U+FFFD."""
    width = max(0, width)
    a, b = max(0, start - width), min(len(text), end + width)
    left, right = text[a:start], text[end:b]
    if a > 0 and not text[a - 1].isspace():  # the window starts inside a word
        m = _SPACE.search(left)
        if m:
            left = left[m.start() :]
    if b < len(text) and not text[b].isspace():  # ... or ends inside one
        cut = max(right.rfind(" "), right.rfind("\n"), right.rfind("\t"), right.rfind("\r"))
        if cut >= 0:
            right = right[:cut]
    shown = _SPACES.sub(" ", left + text[start:end] + right).strip()
    # bytes that were not text (kept as lone surrogates to be written back) are shown as
    # U+FFFD: the context is for reading, and the record must stay valid UTF-8 JSON
    return _NOT_TEXT.sub("\ufffd", shown) if _NOT_TEXT.search(shown) else shown


class MentionExtras:
    """``extras(piece, mention)`` -> the fields of :data:`EXTRA_FIELDS` for a mention of
    ``piece`` (the hook of :func:`gazetteer.documents.extract_stream`)."""

    def __init__(self, gz, naming: str = "en", context: int = DEFAULT_CONTEXT):
        self.gz = gz
        self.naming = naming
        self.context = context
        self._about: dict[int, tuple] = {}  # place -> (district, wof_id, geonames_id)
        self._parents: dict[int, str] = {}  # place -> id of its parent
        self._words: dict[tuple[str, int], bool] = {}  # (surface, variant) -> rule 2, 3 or 6 holds

    def __call__(self, piece: str, m) -> dict:
        district, wof, geonames = self._place_fields(m.place)
        return {
            "district": district,
            "wof_id": wof,
            "geonames_id": geonames,
            "context": context_of(piece, m.start, m.end, self.context),
            "needs_review": self.needs_review(m),
        }

    def fill(self, rec: dict, piece: str, m) -> None:
        """Store the fields of :data:`EXTRA_FIELDS` into a mention's record, in their order
        (as ``rec.update(self(piece, m))``, without the dict between)."""
        rec["district"], rec["wof_id"], rec["geonames_id"] = self._place_fields(m.place)
        rec["context"] = context_of(piece, m.start, m.end, self.context)
        rec["needs_review"] = self.needs_review(m)

    def fill_with_context(self, rec: dict, m, context: str) -> None:
        """:meth:`fill` with the context already made (``_core.piece_fields``)."""
        rec["district"], rec["wof_id"], rec["geonames_id"] = self._place_fields(m.place)
        rec["context"] = context
        rec["needs_review"] = self.needs_review(m)

    def _place_fields(self, i: int) -> tuple:
        got = self._about.get(i)
        if got is None:
            wof, geonames = self.gz.index.source_ids(i)  # kept by the compiled index
            got = self._about[i] = (self.gz.district_of(i, self.naming), wof or None, geonames or None)
        return got

    def needs_review(self, m) -> bool:
        """The rule of the module docstring."""
        if m.cue is not None:
            return True  # 1
        key = (m.text, m.variant)
        weak = self._words.get(key)
        if weak is None:
            if len(self._words) > 50_000:
                self._words.clear()
            weak = self._words[key] = self.weak_name(m.text, m.variant)
        if weak:
            return True  # 2, 3, 6
        cands = m.candidates
        if not cands:
            return False
        if cands[0].place != m.place:
            return True  # 4
        chosen = cands[0].rank
        for c in cands[1:]:
            if c.place != m.place and chosen - c.rank < OPEN_MARGIN and not self._nested(c.place, m.place):
                return True  # 5
        return False

    def weak_name(self, text: str, variant_id: int) -> bool:
        """Rules 2, 3 and 6: does the name ``text`` (of that variant) alone want a review?"""
        index = self.gz.index
        variant = VariantRow._make(index.variant(variant_id))
        if variant.needs_context:
            return True
        if text[:1].islower():
            return True
        for key in {fold(text), fold(variant.text)}:
            if index.is_ambiguous_name(key) or index.is_common_word(key):
                return True
        return False

    def _parent(self, i: int) -> str:
        got = self._parents.get(i)
        if got is None:
            got = self._parents[i] = PlaceRow._make(self.gz.index.place(i)).parent
        return got

    def _nested(self, a: int, b: int) -> bool:
        """Is one place the other's parent (the town Shusha and Shusha District)?"""
        ida = PlaceRow._make(self.gz.index.place(a)).id
        idb = PlaceRow._make(self.gz.index.place(b)).id
        return self._parent(a) == idb or self._parent(b) == ida
