"""Words that spell a place but name something else: a handle, an address or a file name;
a person after a rank or title; an eponym (Armenian անվան, "named after"); a shop, a
market, a system or an insurer named with a place. And readings the text's grammar
settles: the copula after a Turkic locative, the Russian Empire's uyezd, an Armenian
common word in lower case. The sentences are written for these tests, not taken from any
evaluation set."""

from __future__ import annotations

import pytest

from .conftest import found


@pytest.mark.parametrize(
    "text, kept",
    [
        # a handle's words, with the place named in the post itself
        ("@lachin_today: the road to Lachin is open again.", [("Lachin", "lachin")]),
        ("Ask @goris about Goris.", [("Goris", "goris")]),
        # an e-mail and web address
        ("Write to press@shusha.gov.az or see https://shusha.az before visiting Shusha.", [("Shusha", "shusha")]),
        ("Results are on www.fuzuli.az for Fuzuli.", [("Fuzuli", "fuzuli")]),
        # a file name
        ("Attached: kalbajar_survey.pdf on Kalbajar.", [("Kalbajar", "kalbajar")]),
    ],
)
def test_a_word_of_a_handle_address_or_file_name_is_no_mention(gz, text, kept):
    assert found(gz, text) == kept


def test_a_hashtag_joined_by_underscores_still_names_its_places(gz):
    got = [i for _t, i in found(gz, "Photos from #Shusha_and_Lachin today.")]
    assert got == ["shusha", "lachin"]


@pytest.mark.parametrize(
    "text",
    [
        "В музее рассказали о подвиге полковника Шуши.",
        "Памятник майору Гадруту открыли весной.",
        "A bust of Colonel Karyagin stands in the square.",
    ],
)
def test_a_name_after_a_rank_is_a_persons(gz, text):
    assert found(gz, text) == []


def test_a_soviet_name_taken_from_a_surname_needs_a_cue(gz):
    assert found(gz, "Colonel Karyagin led the regiment.") == []
    assert [i for _t, i in found(gz, "Karyagin uyezd had many villages.")] == ["fuzuli_district"]
    assert [i for _t, i in found(gz, "Villages of Karyagin uezd were listed.")] == ["fuzuli_district"]


def test_an_armenian_genitive_before_anvan_is_an_eponym(gz):
    # the prize named after Davit Bek; Goris is a place
    assert found(gz, "Դավիթ Բեկի անվան մրցանակը հանձնվեց Գորիսում։") == [("Գորիսում", "goris")]
    assert [i for _t, i in found(gz, "Նա ապրում է Դավիթ Բեկում։")] == ["davit_bek_kapan"]


@pytest.mark.parametrize(
    "text",
    [
        'Fruit is cheaper at the "Shusha" market this week.',
        "Alarms of the “Araz” system were tested on Monday.",
        'Toy "Qarabağ" şadlıq sarayında olacaq.',
        'Ekmeği "Kelbecer" marketten alıyoruz.',
        "Бензин есть на АЗС «Шуша» круглосуточно.",
        "Хлебозавод «Лачин» работает с утра.",
        "Poliçeyi Karabağ Sigorta düzenledi.",
    ],
)
def test_a_shop_market_system_or_insurer_named_after_a_place_is_no_mention(gz, text):
    assert found(gz, text) == []


@pytest.mark.parametrize(
    "text, place",
    [
        ("Yeni xəstəxana Füzulidədir.", "fuzuli"),
        ("Sərgi indi Laçındadır.", "lachin"),
        ("Okulun yeni binası Hadrut'tadır.", "hadrut"),
    ],
)
def test_the_copula_after_a_locative_keeps_the_place(gz, text, place):
    assert [i for _t, i in found(gz, text)] == [place]


def test_an_armenian_common_word_in_lower_case_is_the_word(gz):
    post = "սյունիքում ձյուն է։ քաղաքի կենտրոնում ճանապարհը փակ է, գորիսում էլ։"
    assert "kentron_district" not in [i for _t, i in found(gz, post)]


def test_a_river_named_beside_far_places_stays_the_river(gz):
    # the Araz's point is its mouth, far from where a text crosses it; a village named
    # Araks lies by Yerevan, which the text names too
    text = "Из Тифлиса он доехал до Эривани, затем переправился через Аракс и прибыл в Нахичевань."
    assert dict(found(gz, text))["Аракс"] == "araz_river"


@pytest.mark.parametrize(
    "text, place",
    [
        ("Гол забил полузащитник Давид Ерасхян, уроженец Ерасха.", "yeraskh"),
        ("The poet, a native of Yeraskh, read first.", "yeraskh"),
    ],
)
def test_a_birthplace_is_a_settlement_not_a_river(gz, text, place):
    # Yeraskh is a village and the Armenian name of the Araz: one is born in the village
    assert place in [i for _t, i in found(gz, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Azerbaycan Demiryolları yeni tarifeyi açıkladı.",
        "Yardımı Azerbaycan Kızılayı dağıttı.",
        "The Karabakh Express leaves at noon.",
    ],
)
def test_a_railway_a_red_crescent_or_a_train_named_after_a_place_is_no_mention(gz, text):
    assert found(gz, text) == []


@pytest.mark.parametrize(
    "text, place",
    [
        ("Prezident Xankəndiyə gəldi.", "khankendi"),
        ("Nazir Ağdama səfər edib.", "aghdam"),
    ],
)
def test_a_place_in_a_case_after_an_undeclined_title_is_the_place(gz, text, place):
    # a Turkic title does not decline: a name after it in a case is a person's only when it
    # is a given or family name (Prezident Əliyevə)
    assert [i for _t, i in found(gz, text)] == [place]


def test_a_given_name_after_a_rank_is_a_persons(gz):
    assert found(gz, "Yüzbaşı Füzuli Aydın mayınları temizledi.") == []
