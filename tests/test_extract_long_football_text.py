"""Football copy in a long text (a CLI piece is one text of up to 256K characters): the
engine finds the sentence a mention asks of from the mention, reading the sentence's bytes
(crates/gazetteer-core/src/scan/rules/sports.rs), where it once read the whole text's
sentence ends. A sentence is judged as text_facts.sports judges it over the whole text,
which the engine asks of a text holding a digit beyond 0-9, whether the text asks of a
few of its sentences or of most."""

from __future__ import annotations

import pytest

# a digit beyond 0-9 (Arabic-Indic three): the engine hands such a text to text_facts.py
OTHER_DIGIT = "\n\nCədvəl ٣."

QUIET = "Officials in Ganja met farmers on Monday. The harvest was good this year.\n"
MATCH = "Qarabağ beat Sabah 2-0 in Baku on Sunday; the coach praised the fans.\n"
CULTURE = "Shamkir marked the poet's anniversary with a concert.\n"
HEADLINE = "Qarabağ and Sabah meet again\n"

TEXTS = {
    # one match at the end of a long quiet text: a few sentences asked
    "few_asks": QUIET * 300 + MATCH + CULTURE,
    # a match a paragraph: most sentences asked
    "many_asks": (MATCH + CULTURE) * 200,
    # headlines (no full stop) in a text with three sports words and more
    "headlines": (HEADLINE + QUIET + MATCH) * 60,
}


def _found(gz, text: str) -> list[tuple[int, int, str, str]]:
    return [(r["start"], r["end"], r["text"], r["id"]) for r in gz.extract(text)]


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_a_long_texts_football_sentences_read_alike_in_the_engine_and_in_python(gz, name):
    text = TEXTS[name]
    found = _found(gz, text)
    assert found
    assert found == [m for m in _found(gz, text + OTHER_DIGIT) if m[1] <= len(text)]


@pytest.mark.parametrize("name", ["few_asks", "many_asks"])
def test_in_a_long_texts_match_report_the_venue_is_a_place_and_the_club_is_none(gz, name):
    found = _found(gz, TEXTS[name])
    names = {m[2] for m in found}
    assert "Baku" in names and "Shamkir" in names
    match_at = TEXTS[name].index(MATCH)
    assert not [m for m in found if m[2] in ("Qarabağ", "Sabah") and m[0] >= match_at]
