"""A misspelt name is read as the name fewest edits from it (issue 13): among misspelling
readings the closest wins over a larger place a capped similarity let win, a name one
plausible typo away takes the place of readings two or more edits away, and no exact name
is ever read as a typo. The names are the table's own, misspelt by hand."""

from __future__ import annotations

import json

import pytest

from gazetteer.matcher import _plausible_typo


@pytest.mark.parametrize(
    "a, b",
    [
        ("fuzulli", "fuzuli"),  # a letter typed twice
        ("fzuli", "fuzuli"),  # a letter dropped
        ("lahcin", "lachin"),  # two neighbours swapped
        ("fizuli", "fuzuli"),  # a vowel for a vowel
        ("kubadli", "gubadli"),  # a letter of like sound
        ("lachon", "lachin"),  # o beside i on the keyboard (also a vowel)
        ("lacjin", "lachin"),  # j beside h on the keyboard
    ],
)
def test_plausible_typo_accepts_slips_of_hand_and_ear(a, b):
    assert _plausible_typo(a, b)


@pytest.mark.parametrize("a, b", [("susumu", "susulu"), ("ballar", "baltar")])
def test_plausible_typo_refuses_a_letter_far_on_the_keyboard_and_unlike_in_sound(a, b):
    assert not _plausible_typo(a, b)


@pytest.mark.parametrize(
    "query, place_id",
    [
        ("Kamaplı", "kamalli_lachin"),  # not Artashat, a town a capped similarity raised
        ("Dashtak'r", "dashtakar"),  # not the town Dasta, two letters shorter
        ("Gyuryur", "gyurgyur"),  # not Georgia
        ("Syubik'i", "syuniki"),  # the village, not the province two edits away
    ],
)
def test_misspelling_reads_the_name_fewest_edits_away(gz, query, place_id):
    assert gz.lookup(query).id == place_id


@pytest.mark.parametrize(
    "query, place_id",
    [
        ("Bzllar", "ballar"),  # a neighbour key for a; the skeleton's Bozlu is four edits away
        ("Oskkani", "oskani"),  # a k typed twice; the skeleton's Oshakan is two edits away
    ],
)
def test_one_plausible_edit_takes_the_place_of_a_farther_skeleton_reading(gz, query, place_id):
    assert gz.lookup(query).id == place_id


def test_word_an_implausible_edit_from_a_village_is_not_read_as_it(gz):
    # Susumu (a Japanese given name) is an m for an l from the Shusha village Susulu
    found = gz.lookup("Susumu")
    assert found is None or found.id != "shushulu"


@pytest.mark.parametrize("query", ["Oshakan", "Ballar", "Bozlu"])
def test_exact_name_is_never_read_as_a_typo_of_another(gz, query):
    # (which of the villages named Bozlu comes first is the same-name ranking's, not this test's)
    found = gz.lookup(query)
    assert (found.name, found.method) == (query, "exact")


def test_batch_lookup_reads_typos_as_the_api_does(gz, run_cli):
    names = ["Bzllar", "Oskkani", "Kamaplı", "Dashtak'r", "Oshakan"]
    out = run_cli("lookup", "--format", "jsonl", input="\n".join(names) + "\n")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in rows] == [gz.lookup(n).id for n in names]


@pytest.mark.parametrize(
    "query, place_id",
    [
        ("Ağçwkənd", "agchakand"),  # w beside a
        ("Fwrjan", "farjan"),
        ("Spfulu", "sofulu"),  # p beside o
        ("Efoğlu", "evoglu"),  # f for v, alike in sound
    ],
)
def test_region_village_with_one_letter_slipped_to_a_neighbour_resolves(gz, query, place_id):
    found = gz.lookup(query)
    assert (found.id, found.method) == (place_id, "fuzzy")


@pytest.mark.parametrize("query", ["ARAMID", "Arakuk"])
def test_last_letter_for_another_is_no_slip_from_a_region_village(gz, query):
    # Aramis (Yeremis) and Arakul differ in their last letter only: how real words differ
    assert gz.lookup(query) is None


@pytest.mark.parametrize(
    "a, b",
    [
        ("агиепе", "агтепе"),  # и beside т on a Russian keyboard
        ("агленд", "агбенд"),  # л beside б
        ("ağçwkənd", "ağçakənd"),  # w beside a on a Latin one
    ],
)
def test_plausible_typo_reads_the_keyboard_of_the_script_typed(a, b):
    assert _plausible_typo(a, b)


def test_keys_of_two_keyboards_are_no_neighbours():
    # т sits where n does on a Latin keyboard, and л where k does: no slip between scripts
    assert not _plausible_typo("агиепе", "агnепе")


@pytest.mark.parametrize("query, place_id", [("Агиепе", "agtapa"), ("Агленд", "aghband")])
def test_cyrillic_slip_to_a_neighbour_key_resolves_the_region_village(gz, query, place_id):
    assert gz.lookup(query).id == place_id
