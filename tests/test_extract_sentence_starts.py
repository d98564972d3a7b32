"""extract on names whose evidence is their own ending or their neighbours: a case of place
or an Armenian ending on a village that opens a sentence, a declined word before a
capital (no given name), a word opening a sentence before a village (no given name), a
capitalised Armenian common word mid-sentence, a league table's clubs, a one-letter
abbreviation of a cue, a given name before a declined family name, and the forms of a
company, a street or a league after a place's name. The sentences are written for these
tests (not taken from any evaluation set)."""

from __future__ import annotations

import pytest


def _ids(gz, text: str) -> list[tuple[str, str]]:
    return [(r["text"], r["id"]) for r in gz.extract(text)]


@pytest.mark.parametrize(
    "text, surface, place",
    [
        # a case of place (locative, ablative) on a village opening a sentence
        ("Խնձորեսկում բացվել է նոր թանգարան։", "Խնձորեսկում", "khndzoresk"),
        ("Գնդեվազից մինչև գետը երկու կիլոմետր է։", "Գնդեվազից", "gndevaz"),
        # a Turkish case of place on a name that needs context
        ("Haberde Cebrail'den gelen ailelerin yeni evlere yerleştiği yazıyor.", "Cebrail'den", "jabrayil"),
        # an Armenian ending at a sentence start (the capital is not all there is)
        ("Դրմբոնի բնակիչները հավաքվել էին հրապարակում։", "Դրմբոնի", "drombon"),
        # a genitive before a capitalised noun is no given name before a family name
        ("Երեկ Ոսկեպարի Սուրբ Աստվածածին եկեղեցում պատարագ մատուցվեց։", "Ոսկեպարի", "voskepar"),
        # a capitalised Armenian word that is also a common word, mid-sentence: the village
        ("Անցած ամիս Տեղում բացվեց նոր դպրոց։", "Տեղում", "tegh"),
        # a one-letter abbreviation of a cue before a dot
        ("Он родился в с. Туг в 1970 году.", "Туг", "tug"),
    ],
)
def test_village_found_by_its_ending_or_cue(gz, text, surface, place):
    assert (surface, place) in _ids(gz, text)


def test_word_opening_a_sentence_is_no_given_name_before_a_village(gz):
    found = _ids(gz, "Жители Мадагиза просят отремонтировать школу.")
    assert [p for _, p in found] == ["sugovushan"]


def test_given_name_before_a_declined_family_name_is_a_person(gz):
    assert _ids(gz, "Baytar həkim Laçın Məmmədovanın sözlərinə görə peyvənd pulsuzdur.") == []


def test_league_table_rows_are_clubs(gz):
    text = "Ligin 12. haftasında Neftçi golle kazandı. Puan durumu: 1. Karabağ 40, 2. Sabah 35, 3. Sumgayıt 30."
    assert _ids(gz, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Lachin Build LLC won the tender for the school.",
        "Bakı şəhəri, Şuşa küçəsi 5 ünvanında yeni aptek açılıb.",
        "Azerbaycan Premier Ligi'nde yeni sezon başladı.",
    ],
)
def test_place_name_inside_a_company_street_or_league_name_is_no_mention(gz, text):
    found = _ids(gz, text)
    assert not any(s in ("Lachin", "Şuşa", "Azerbaycan") for s, _ in found), found


def test_en_dash_route_keeps_its_middle_place(gz):
    found = _ids(gz, "«Երևան–Գորիս–Կապան» երթուղու ավտոբուսները մեկնում են առավոտյան։")
    assert ("Գորիս", "goris") in found


def test_name_opening_a_sentence_in_english_stays_a_firm(gz):
    assert _ids(gz, "McDonnell Douglas said on Monday that orders rose.") == []
