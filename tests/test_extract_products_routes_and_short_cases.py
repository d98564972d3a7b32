"""Readings settled by the words beside a name: a grape variety or a bottled water named
after a village is a product; a basin is a river's; an article before a route ("the
Tartar–Sugovushan–Talish road") is the route's, not a river's; an apposition goes on
after an adverb ("Sos, a village just outside Martuni"); and a short Russian name is read
in its cases through its Russian spelling (Туга, Туге: Туг). The sentences are written
for these tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from .conftest import found


def test_a_grape_or_a_bottled_water_named_after_a_village_is_a_product(gz):
    text = "The family grows the Areni grape in Areni village and sells Jermuk sparkling water."
    assert found(gz, text) == [("Areni", "areni")]
    assert found(gz, "Buy Jermuk bottled water in Goris.") == [("Goris", "goris")]


def test_a_basin_after_a_name_makes_it_the_river(gz):
    text = "Snow returned to the upper Tartar basin above Kalbajar."
    assert found(gz, text)[0] == ("Tartar", "terter_river")


def test_an_article_before_a_route_is_the_routes(gz):
    text = "Reconstruction of the Tartar–Sugovushan–Talish road began in May."
    assert [i for _t, i in found(gz, text)][0] == "terter"


def test_an_apposition_goes_on_after_an_adverb(gz):
    got = found(gz, "He married a woman from Sos, a village just outside Martuni.")
    assert got[0] == ("Sos", "sos")


@pytest.mark.parametrize(
    "text",
    [
        "Мы шли в сторону Туга и Азыха.",
        "Из Туга и Азоха приехали семьи.",
    ],
)
def test_a_short_russian_name_is_read_in_its_cases(gz, text):
    assert "tug" in [i for _t, i in found(gz, text)]


def test_a_short_russian_word_is_read_only_through_a_russian_name(gz):
    # four letters whose stem folds like a place's non-Russian name only stay words
    assert found(gz, "Анна и Вера пришли, Юрия нет.") == []


@pytest.mark.parametrize(
    "text, kept",
    [
        # a grape variety, quoted or not; the village with its cue stays
        ("Նրա կարծիքով «Արենի» սորտը լավագույնն է։", []),
        ("Արենի սորտի խաղողն աճում է Արենի գյուղում։", [("Արենի", "areni")]),
        # an electoral alliance, an NGO, a company (ՓԲԸ) named with a place
        ("Կապանում հաղթել է «Հայաստան» դաշինքի թեկնածուն։", [("Կապանում", "kapan")]),
        ("«Հայաստանի էլեկտրական ցանցեր» ՓԲԸ-ն հայտնում է։", []),
    ],
)
def test_armenian_varieties_alliances_and_companies_named_after_places_are_no_mention(gz, text, kept):
    assert found(gz, text) == kept
