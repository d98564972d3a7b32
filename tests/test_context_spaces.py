"""A mention's context in the compiled core (review.context_of) is the Python reference on
text of words and single spaces, where the core passes eight bytes at a time, and on runs
of whitespace, other spaces and non-ASCII characters beside them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.review import _context_reference, context_of

_PIECES = ["a", "Baku", " ", "  ", "\n", "\t", "\u00a0", "\u2009", "é", "x y z", "ab cd ef gh ij", "\x1c", "\x7f", ". "]
_text = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_text, st.data())
def test_context_of_words_and_spaces_is_the_reference(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    width = data.draw(st.integers(0, 50))
    assert context_of(text, start, end, width) == _context_reference(text, start, end, width)
