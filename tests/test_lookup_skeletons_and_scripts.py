"""Lookup of misspellings by their consonant skeleton, which reaches no far village, and of
an Armenian common word that a romanisation of another name spells (issue 13)."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize("query", ["Brierley", "Hoadley", "Cleburne", "Gulton", "Paschoal"])
def test_surname_whose_skeleton_is_a_far_villages_names_no_place(gz, query):
    # English news surnames whose consonants are those of a village of Georgia or Armenia
    # (Brili, Hadili, Chalburun, Gulatan, Zaritap): a skeleton reaches no far village
    assert gz.lookup(query) is None


@pytest.mark.parametrize("query, place_id", [("Yeniakh", "yeniarkh"), ("Besham", "beshdam")])
def test_far_village_with_one_letter_wrong_is_found_by_its_edit_not_another_skeleton(gz, query, place_id):
    # before, another far village of the same consonants came first (Nshkhark, Bozhami)
    assert gz.lookup(query).id == place_id


@pytest.mark.parametrize("query, place_id", [("Khancig", "khanlig"), ("Sarkaplar", "sarkarlar")])
def test_region_village_with_one_letter_wrong_is_found(gz, query, place_id):
    assert gz.lookup(query).id == place_id


def test_region_village_still_found_by_its_skeleton(gz):
    # (the region's villages keep the skeleton reading: Lachin misspelt)
    assert gz.lookup("Lacana").id == "lachin"


def test_armenian_common_word_spelt_by_a_far_romanisation_is_no_place(gz):
    # աղավնի 'dove': Zabukh carries "Aghavni" among its untagged alternates, but its
    # Armenian name is Աղավնո
    assert gz.lookup("աղավնի") is None
    assert gz.lookup("Աղավնո").id == "zabukh"


@pytest.mark.parametrize("query, place_id", [("Վանք", "vank"), ("Տեղ", "tegh"), ("Հոկտեմբեր", "hoktember")])
def test_armenian_common_word_that_is_a_places_own_name_still_reads_it(gz, query, place_id):
    # a common word read by the place's Armenian name, or by a tagged name of it (Hoktember)
    assert gz.lookup(query).id == place_id


def test_cli_batch_gives_the_same_answers(run_cli):
    out = run_cli("lookup", "--format", "jsonl", input="Brierley\nYeniakh\nաղավնի\n")
    assert [json.loads(line)["id"] for line in out.stdout.splitlines()] == [None, "yeniarkh", None]


@pytest.mark.parametrize("query", ["Govurqala", "Gavurqala", "Գյավուրկալա"])
def test_aghdams_govurqala_site_is_in_the_table(gz, query):
    # the town site in Boyəhmədli (data/curated/lk17_places.csv), missing from WOF
    assert gz.lookup(query).id == "govurqala_aghdam"
