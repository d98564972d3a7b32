"""gazetteer.records: the named rows match what the index hands out."""

from __future__ import annotations

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
