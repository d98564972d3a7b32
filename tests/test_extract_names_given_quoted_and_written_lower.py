"""Names the words around them settle: a name given to a person or an animal ("a gardener
named Jabrayil", по кличке «Шуша») against a place so named ("a village named Jabrayil");
a place and a year in quotes, as a label or an engraving writes them; a lower-case name
with a Turkic case ending set off by an apostrophe, which Turkish and Azerbaijani write
after proper names only; and the words of fans, airlines, firms, publishers and poems
around a place's name. The sentences are written for these tests, not taken from any
evaluation set."""

from __future__ import annotations

import pytest

from .conftest import found


@pytest.mark.parametrize(
    "text, kept",
    [
        ("In Aghdam an old gardener named Jabrayil tends the trees.", [("Aghdam", "aghdam")]),
        ("Near Goris we met a shepherd nicknamed Lachin.", [("Goris", "goris")]),
        ("Под Агджабеди пропал жеребец по кличке «Шуша».", [("Агджабеди", "aghjabadi")]),
        ("Под Агджабеди пропал пёс по кличке Лачин.", [("Агджабеди", "aghjabadi")]),
    ],
)
def test_a_name_given_to_a_person_or_an_animal_is_no_mention(gz, text, kept):
    assert found(gz, text) == kept


@pytest.mark.parametrize(
    "text, place",
    [
        ("He was born in a village named Jabrayil.", "jabrayil"),
        ("They reached a town named Lachin at dusk.", "lachin"),
    ],
)
def test_a_place_noun_before_named_keeps_the_place(gz, text, place):
    assert [i for _t, i in found(gz, text)] == [place]


@pytest.mark.parametrize(
    "text, kept",
    [
        ('The lid is stamped "Шуша, 1893" in blue ink.', [("Шуша", "shusha")]),
        ("Ճարմանդին փորագրված է «Շուշի 1887»։", [("Շուշի", "shusha")]),
        # a club's name with its year is still the club's
        ('Fans of the club "Qarabag 1987" sang all night.', []),
    ],
)
def test_a_quoted_place_with_a_year_is_the_place(gz, text, kept):
    assert found(gz, text) == kept


def test_a_lower_case_name_with_a_case_ending_after_an_apostrophe_is_a_name(gz):
    text = "Geçen yaz gittik. Otel güzeldi. şuşa'ya yine gelirim ama bu otele değil."
    assert found(gz, text) == [("şuşa'ya", "shusha")]


def test_a_lower_case_inflected_name_without_an_apostrophe_stays_a_word(gz):
    # the same word without the apostrophe in capitalised prose: nothing marks it a name
    assert found(gz, "Geçen yaz gittik. Otel güzeldi. Sonra şuşaya gelirim dedi.") == []


@pytest.mark.parametrize(
    "text, kept",
    [
        # a club's fans (болельщик, singular) before its quoted name
        ("Пастух из Забуха, болельщик «Карабаха», спорит с сыном.", [("Забуха", "zabukh")]),
        # an airline, a logistics firm, a customs broker
        ("Oyun Azerbaycan Havayolları'nın katkılarıyla sahnelendi.", []),
        ("Karabağ Lojistik ve Aras Gümrük Müşavirliği yetkilendirildi.", []),
        # a publisher in quotes
        ("«Արցախ» հրատարակչության նոր գրքերը Գորիսում են։", [("Գորիսում", "goris")]),
        # a poet's ghazal, a poet's verses
        ("Xanəndə Bakıda Füzulinin qəzəlini oxudu.", [("Bakıda", "baku")]),
        ("Ankara'da Nesimi'den beyitler okundu.", [("Ankara'da", "ankara_tr")]),
    ],
)
def test_fans_firms_publishers_and_poems_around_a_name_make_it_no_place(gz, text, kept):
    assert found(gz, text) == kept


def test_armenian_anvanum_calls_is_no_eponym_word(gz):
    # անվան ("named after") makes an eponym (test_extract_identifiers_and_named_things);
    # անվանում ("calls") does not, though it reads as անվան's locative
    assert found(gz, "Նա Շուշին անվանում է իր տունը։") == [("Շուշին", "shusha")]
