"""Same-name places told apart by the words around the name: a cue that names a village or
a town, a parent district named beside it (and one sense for the rest of the text), and a
town named as a team's home in football copy (made-up sentences)."""

from __future__ import annotations

import pytest


def _ids(gz, text: str) -> list[tuple[str, str]]:
    return [(r["text"], r["id"]) for r in gz.extract(text)]


def test_village_cue_prefers_the_village_over_a_settlement_of_the_name(gz):
    assert ("Bartaz", "bartaz") in _ids(gz, "Dünən Bartaz kəndində yeni su xətti çəkildi.")


def test_settlement_cue_prefers_the_settlement_over_a_village_of_the_name(gz):
    assert ("Bartaz", "bartaz_settlement") in _ids(gz, "Dünən Bartaz qəsəbəsində yeni su xətti çəkildi.")


def test_russian_village_cue_is_no_town_another_language_names_alike(gz):
    # Тавуш is also the Armenian-side name of the town Tovuz; "село" says the village
    assert ("Тавуш", "tavush") in _ids(gz, "Во вторник врачи приедут в село Тавуш.")


def test_armenian_village_cue_picks_the_village(gz):
    assert ("Տավուշ", "tavush") in _ids(gz, "Երեկ բժիշկներն այցելեցին Տավուշ գյուղ։")


def test_a_cue_word_before_a_comma_is_no_cue_of_the_name_after_it(gz):
    # "сёла" ends its clause at the comma: Товуз is the town, not the village Tavush
    assert ("Товуз", "tovuz") in _ids(gz, "За рекой видны сёла, Товуз ещё спит.")


def test_plural_village_cue_over_a_list_keeps_a_town_no_village_of_its_name_is_near(gz):
    found = _ids(gz, "Müəllim uzun illər Şəmkir və Daşkəsən kəndlərində dərs deyib.")
    assert ("Daşkəsən", "dashkasan") in found


def test_district_named_after_the_village_with_a_preposition_is_its_parent(gz):
    found = _ids(gz, "The well in Aghdam in Tovuz district was repaired last week.")
    assert ("Aghdam", "agdam") in found


def test_parent_named_once_holds_for_the_name_through_the_text(gz):
    text = "Farmers of Aghdam in Tovuz district met the governor. Later the road to Aghdam was paved."
    assert [i for t, i in _ids(gz, text) if t == "Aghdam"] == ["agdam", "agdam"]


def test_turkish_word_of_belonging_after_the_town_names_the_parent(gz):
    found = _ids(gz, "Tovuz'a bağlı Ağdam köyünde su sorunu çözüldü.")
    assert ("Ağdam", "agdam") in found


def test_a_later_cue_of_the_same_kind_follows_the_named_parent_but_not_a_cue_of_another(gz):
    text = (
        "Tovuz rayonunun Ağdam kəndində körpü tikilib. Ağdam kəndinin sakinləri razıdır. "
        "Ağdam şəhərində isə bərpa işləri gedir."
    )
    assert [i for t, i in _ids(gz, text) if t == "Ağdam"] == ["agdam", "agdam", "aghdam"]


def test_a_club_named_with_spor_is_no_town(gz):
    text = "Güreş turnuvasında Kelbecer Spor'un güreşçisi finalde rakibini 5-1 yendi, maç uzun sürdü."
    assert [t for t, _ in _ids(gz, text) if t.startswith("Kelbecer")] == []


def test_towns_named_as_teams_homes_in_football_copy_are_places(gz):
    text = "Ligde maç 2-2 bitti. Gelecek hafta Füzuli ile Laçın temsilcileri karşılaşacak."
    found = _ids(gz, text)
    assert ("Füzuli", "fuzuli") in found and ("Laçın", "lachin") in found


def test_country_in_the_genitive_before_a_state_body_is_a_mention(gz):
    found = _ids(gz, "Dün Ermenistan'ın Devlet Emlak Komitesi yeni bir karar aldı.")
    assert ("Ermenistan'ın", "armenia") in found


def test_company_named_after_a_country_is_still_no_mention(gz):
    assert _ids(gz, "Dün Ermenistan Emlak şirketi iflas etti.") == []


def test_plural_village_cue_turns_a_town_of_another_country_than_the_list(gz):
    # the list's other villages are Armenian; Тавуш as Tovuz (Azerbaijan) is no village of it
    found = _ids(gz, "Врачи объехали сёла Чоратан, Мовсес и Тавуш за два дня.")
    assert ("Тавуш", "tavush") in found


def test_village_cue_leaves_a_city_whose_old_village_the_text_means(gz):
    # far villages share the name; the text's other places lie around the city
    text = "В 1923 году село Ханкенди у Шуши и Аскерана стало центром области."
    assert ("Ханкенди", "khankendi") in _ids(gz, text)


def test_village_cue_keeps_a_reading_near_the_text_over_a_far_village_abroad(gz):
    text = "Tovuz rayonu üzrə: Dondar Quşçu kəndində 4 ev, Çatax kəndində 2 ev təmir olunub."
    assert ("Çatax", "chatag") in _ids(gz, text)


def test_a_name_with_a_case_ending_owns_the_village_noun_after_it(gz):
    # "the villages in Khojavend": the district's town, not a village of its name
    found = _ids(gz, "Hocavend'deki köylerde elektrik hatları yenileniyor.")
    assert ("Hocavend'deki", "khojavend") in found


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Специалисты изучили бассейн Тертера весной.", "Тертера"),
        ("Mütəxəssislər Tərtər hövzəsində su ehtiyatını ölçüb.", "Tərtər"),
        ("Uzmanlar Terter havzasındaki su seviyesini ölçtü.", "Terter"),
        ("Մասնագետները Թարթառի ավազանում ջուրը չափեցին։", "Թարթառի"),
    ],
)
def test_a_basin_after_or_before_the_name_is_the_rivers(gz, text, surface):
    # the town Terter shares the river's name; a catchment is the river's
    assert (surface, "terter_river") in _ids(gz, text)
