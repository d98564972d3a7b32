"""extract on names the text itself decides: a river's cue word (a valley, a bank) on a
name that is also a village; a village named like a word on a route between places, or
joined by a hyphen to a place at a sentence start; a lower-case noun before a river's cue
is no village; and same-name towns decided by the province named as the text's parent,
not by a region's point. The sentences are written for these tests (not taken from any
evaluation set)."""

from __future__ import annotations

import pytest


def _ids(gz, text: str) -> list[tuple[str, str]]:
    return [(r["text"], r["id"]) for r in gz.extract(text)]


@pytest.mark.parametrize(
    "text, surface",
    [
        # Russian: долина (valley) before the river's name in the genitive
        ("Виноградники в долине Аракса пострадали от заморозков.", "Аракса"),
        # Armenian: ափ (bank) after the river's genitive, in its case forms
        ("Գյուղացիները այգիներ ունեն Արաքսի ափին։", "Արաքսի"),
        ("Երեկ ձկնորսները նստած էին Արաքսի ափի մոտ։", "Արաքսի"),
    ],
)
def test_river_cue_word_makes_the_name_the_river(gz, text, surface):
    assert (surface, "araz_river") in _ids(gz, text)


def test_lower_case_noun_before_a_river_cue_is_no_village(gz):
    # ջրամբար (reservoir) is also the name of a village: before ափ it is the noun
    found = _ids(gz, "Ճանապարհն անցնում է Սարսանգի ջրամբարի ափով։")
    assert [t for t, _ in found if t == "ջրամբարի"] == []


def test_village_named_like_a_word_on_a_route_with_spaced_dashes(gz):
    found = _ids(gz, "Новый автобус пойдёт по маршруту Капан — Корнидзор — Тех каждое утро.")
    assert ("Тех", "tegh") in found


def test_armenian_word_village_opening_a_sentence_joined_to_a_place(gz):
    found = _ids(gz, "Ճանապարհը նորոգվեց։ Տեղ-Կոռնիձոր հատվածը բաց է։")
    assert ("Տեղ", "tegh") in found


def test_armenian_word_opening_a_sentence_alone_stays_a_word(gz):
    # Տեղի ("local") opening a sentence, with no place joined to it
    found = _ids(gz, "Տեղի բնակիչները հավաքվեցին Գորիսում։")
    assert [t for t, _ in found if t == "Տեղի"] == []


def test_region_named_later_does_not_draw_a_same_name_town(gz):
    # Gegharkunik names the text's province; Karabakh, named after, is not where Martuni is
    text = (
        "Gegharkunik: road repairs this week.\n"
        "Works continue near Vardenis and Sotk. In Martuni the market will close early. "
        "This Martuni is not the one in Karabakh."
    )
    found = _ids(gz, text)
    assert ("Martuni", "martuni_gegarkunik") in found
    assert ("Martuni", "khojavend") not in found


def test_name_needing_context_in_a_forecast_row_of_places_and_figures(gz):
    # Cebrail is also a given name (Gabriel): a row "name figure, name figure" is a list
    found = _ids(gz, "Yarın öğlen sıcaklıklar şöyle: Cebrail 9, Zengilan 11, Füzuli 8 derece.")
    assert ("Cebrail", "jabrayil") in found


def test_town_just_before_a_name_names_its_district(gz):
    # three villages are called Sofulu; "Cəbrayıldakı" (the one in Jabrayil) says which
    found = _ids(gz, "Hesabatda Ağdam və Tərtər yolları da var; Cəbrayıldakı Sofulu kəndinə su xətti çəkilib.")
    assert ("Sofulu", "sofulu_jabrayil") in found


def test_russian_preposition_opening_a_sentence_is_no_given_name(gz):
    # (a bullet's item: the capital of Около is no given name's before a place's genitive)
    found = _ids(gz, "• Около Талыша сапёры нашли мины.")
    assert [t for t, _ in found if t == "Талыша"] == ["Талыша"]
