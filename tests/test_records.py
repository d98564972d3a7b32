"""gazetteer.records: the named rows match what the index hands out."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer
from gazetteer.index import PLACE_ROW
from gazetteer.records import PlaceRow, Ranked, VariantOfRow, VariantRow


def test_place_row_fields_are_the_index_columns():
    assert PlaceRow._fields == PLACE_ROW


def test_rows_of_the_bundled_index_read_by_name(cache_dir):
    gz = Gazetteer.load()
    i = gz.index.place_index("fuzuli")
    p = PlaceRow._make(gz.index.place(i))
    assert (p.id, p.kind, p.country) == ("fuzuli", "city", "AZ")
    assert p.name_in("en") == "Fuzuli" and p.name_in("az") == "Füzuli"
    variants = [VariantOfRow._make(r) for r in gz.index.variants_of(i)]
    assert any(v.text == "Füzuli" for v in variants)
    v = VariantRow._make(gz.index.variant(gz.index.postings("fuzuli")[0]))
    assert isinstance(v.place, int) and v.text


def test_mentions_carry_ranked_readings(cache_dir):
    gz = Gazetteer.load()
    (m,) = gz.mentions("Shells hit Fuzuli.")
    assert isinstance(m.candidates[0], Ranked) and m.candidates[0].place == m.place


def test_a_mention_replaced_keeps_every_other_field():
    from gazetteer.records import Mention, Ranked

    m = Mention(0, 5, "Şuşa", 7, 11, "folded", 97.0, None, "", (Ranked(7, 11, 1.0),))
    moved = m._replace(place=3)
    assert moved.place == 3 and m.place == 7
    assert [getattr(moved, f) for f in Mention.__slots__ if f != "place"] == [
        getattr(m, f) for f in Mention.__slots__ if f != "place"
    ]
    assert moved != m and m._replace() == m
    with pytest.raises(TypeError):
        m._replace(town=1)
