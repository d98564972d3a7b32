"""Lookup of a name with a generic word that settles its kind, of a name typed in two
words or in the other keyboard layout, and the refusal of Azerbaijani words for dishes
that are a spelling away from a village (issue 13)."""

from __future__ import annotations

import json

import pytest


def test_village_word_picks_the_village_over_a_larger_town_of_the_name(gz):
    # Berd is a town of Tavush and a village of Syunik: "village" says which
    assert gz.lookup("Berd").id == "berd"
    assert gz.lookup("Berd village").id == "berd_syunik"


def test_qualified_name_with_a_generic_word_is_read_without_it(gz):
    assert gz.lookup("Berd village, Armenia").id == "berd_syunik"


def test_generic_word_for_a_village_names_an_armenian_community(gz):
    from gazetteer.matcher import _named_kinds

    assert "community" in _named_kinds(frozenset({"village"}))
    assert _named_kinds(frozenset({"district"})) == frozenset({"district"})


def test_spring_word_after_a_name_reads_the_place(gz):
    assert gz.lookup("İstisu bulağı").id == "istisu"


@pytest.mark.parametrize("query, place_id", [("Xoca vənd", "khojavend"), ("Ağ dam", "aghdam")])
def test_name_typed_in_two_words_is_the_name(gz, query, place_id):
    assert gz.lookup(query).id == place_id


@pytest.mark.parametrize("query, place_id", [("агягдш", "fuzuli"), ("Ieif", "shusha"), ("Ujhbc", "goris")])
def test_name_typed_in_the_other_keyboard_layout_resolves(gz, query, place_id):
    assert gz.lookup(query).id == place_id


def test_other_layout_reads_key_by_key():
    from gazetteer.matcher import _other_layout

    assert _other_layout("агягдш") == "fuzuli"
    assert _other_layout("ieif") == "шуша"
    assert _other_layout("ie f") == ""  # a space is no key of either layout's letters


@pytest.mark.parametrize("query", ["xəngəl", "Xengel", "dovğa", "halva"])
def test_azerbaijani_dish_is_no_misspelt_village(gz, query):
    assert gz.lookup(query) is None


def test_cli_reads_other_layout_and_a_village_word(run_cli):
    out = run_cli("lookup", "--format", "jsonl", input="агягдш\nBerd village\nxəngəl\n")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["fuzuli", "berd_syunik", None]


@pytest.mark.parametrize("query", ["Qaradiğlı", "Muğsanlı"])
def test_misspelling_read_as_a_far_villages_exonym_reads_the_regions_villages_of_the_name(gz, query):
    # one edit from Qaradağlı / Muğanlı: the Azerbaijani names of two Armenian villages
    # (Mrgavet, Hovtashen) and of several villages of the region, which one edit alone
    # (to places that matter) did not read
    from gazetteer import early
    from gazetteer.table import CONFLICT_BOX

    place = gz.lookup(query)
    assert place.kind == "village" and place.country == "AZ"
    assert early.in_region(place, CONFLICT_BOX)


@pytest.mark.parametrize("query", ["fuels", "revs"])
def test_english_word_spelling_a_small_village_in_the_other_layout_names_nothing(gz, query):
    # fuels is агудш (Agudi, a village), revs is кумы: only places that matter, of five letters or more
    assert gz.lookup(query) is None
