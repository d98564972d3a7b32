"""Clubs, firms, brands and people named after places (session 10): per language, a small
table of sentences where a place's name is another thing's name (not found) beside ones
where the same name, or the same word, still names the place (found).

The sentences are written for these tests, not taken from the benchmark.
"""

from __future__ import annotations

import pytest

from gazetteer.api import Gazetteer


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.load()


def _found(gz: Gazetteer, text: str) -> list[str]:
    return [r["text"] for r in gz.extract(text)]


# (text, a surface that names no place there)
NOT_PLACES = [
    # en: a club's double name in football copy, a firm, a clinic, a second team, an initial
    ("The match ended late: Araz-Naxçıvan drew 2-2 with Sabah and the coach was sent off.", "Araz"),
    ("In the league, Ararat-Armenia beat Alashkert 3-0 before 4,000 fans.", "Armenia"),
    ("In the first league, Gandzasar Kapan beat Lori 2-0 in a tense derby.", "Gandzasar"),
    ("The cargo was carried by a lorry from Horadiz Logistics last week.", "Horadiz"),
    ("The wounded were taken to the Goris Medical Centre overnight.", "Goris"),
    ("The two accused, Fuzuli A. and Rauf M., were released on bail.", "Fuzuli"),
    # az: the horse breed, a woman's given name, a son's name, a player
    ("Sərgidə Qarabağ atı cinsindən olan on at nümayiş olunub.", "Qarabağ"),
    ("Mərhumun oğlu Araz Quliyev Bakıda yaşayır.", "Araz"),
    ("Rəssamın anası Şuşa xanım uzun illər müəllim işləyib.", "Şuşa"),
    ("Qolu yarımmüdafiəçi Araz Əliyev vurdu, komanda qalib gəldi, matç 1-0 bitdi.", "Araz"),
    ("Toyda «Laçın» adlı ansambl çıxış edib.", "Laçın"),
    # tr: a restaurant, the horse breed, a woman's title
    ("Akşam Şuşa Sofrası adlı restoranda yemek yedik.", "Şuşa"),
    ("Festivalde Karabağ atları da sergilendi.", "Karabağ"),
    # ru: a club in a match report, kin, a street and a monument, a faction, a quoted title
    ("Вчера «Карабах» сыграл вничью с «Сабахом», болельщики были недовольны.", "Карабах"),
    ("У него остались сын Араз и дочь Шуша.", "Араз"),
    ("Автобус отходит с остановки на улице Давида Бека.", "Давида Бека"),
    ("На выборах победил блок «Армения».", "Армения"),
    ("Активисты движения «Тавуш во имя Родины» вышли на площадь.", "Тавуш"),
    ("Об этом сообщил Телеграм-канал «Вести Гянджи» со ссылкой на жителей.", "Гянджи"),
    # hy: a factory, a dance ensemble, a parliamentary faction
    ("«Ջերմուկ» գործարանը նոր աշխատողներ է փնտրում։", "Ջերմուկ"),
    ("Համերգին ելույթ ունեցավ «Տաթև» պարային համույթը։", "Տաթև"),
    ("«Հայաստան» խմբակցությունը հայտարարություն տարածեց։", "Հայաստան"),
]

# (text, a surface that is a place there): the same names and words, still cues
PLACES = [
    ("The Araz river rose after the rains near the bridge.", "Araz"),
    ("Talks between Armenia and Azerbaijan resumed in Geneva.", "Armenia"),
    ("A new hospital opened in Goris on Monday.", "Goris"),
    ("Pilgrims walked to Gandzasar before the derby, the fans said after the match.", "Gandzasar"),
    ("The road from Fuzuli to Shusha was repaved.", "Fuzuli"),
    ("Qarabağda yeni kəndlər salınır.", "Qarabağda"),
    ("Ailələr Şuşaya köçürülüb.", "Şuşaya"),
    ("Aileler Karabağ'a döndü.", "Karabağ'a"),
    ("Вчера в Шуше открыли гостиницу.", "Шуше"),
    ("Дорога через Лачин открыта.", "Лачин"),
    ("Ջերմուկում հյուրանոց է բացվել։", "Ջերմուկում"),
    # the other side's name of a village, given after a word for its language
    ("The school of Sarushen (Azerbaijani Dağyurd) reopened.", "Dağyurd"),
    ("Families returned to Dağyurd (Armenian Sarushen) in May.", "Sarushen"),
]


@pytest.mark.parametrize(("text", "surface"), NOT_PLACES)
def test_a_place_name_inside_another_things_name_is_not_found(gz: Gazetteer, text: str, surface: str) -> None:
    assert surface not in _found(gz, text)


@pytest.mark.parametrize(("text", "surface"), PLACES)
def test_the_same_names_still_name_the_place(gz: Gazetteer, text: str, surface: str) -> None:
    assert surface in _found(gz, text)


def test_an_abbreviation_after_a_country_is_no_initial(gz: Gazetteer) -> None:
    # "U.S." after a name is an abbreviation, not a person's initial; nor is "S." after a
    # name with an ending
    assert "Canada" in _found(gz, "Prices rose in Canada U.S. dollar terms.")
    assert "Georgia's" in _found(gz, "A loophole in Georgia's S. Ossetia rules was closed.")
