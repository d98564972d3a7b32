"""A town after a person in the results of an individual sport (chess, wrestling, boxing,
judo, athletics, weightlifting) is where the person comes from, not a club: a text with a
word of such a sport (``lang/<code>/individual_sport_words.txt``) and none of a team game
(``team_sport_words.txt``) is no football copy, however many words of sport it holds
(coach, season, çempionat, puan, тренер). Made-up sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer.lang import LANGUAGES, LEXICON, read_list

LANG = Path(__file__).resolve().parent.parent / "gazetteer" / "lang"

# (text, the town after a person, its id): a results page with words of sport besides
RESULTS = {
    "en": (
        "Regional chess championship: the club's season ends.\nFinal standings:\n"
        "1. Tural Hasanli (Lachin) 8 points\n2. Orkhan Mamedov (Aghdam) 7.5 points\n"
        "The coach said the young players won most games.",
        [("Lachin", "lachin"), ("Aghdam", "aghdam")],
    ),
    "az": (
        "Cüdo üzrə ölkə çempionat yekunlaşıb, məşqçi sezon barədə danışıb.\nNəticələr:\n"
        "1. Ramil Qasımov (Şuşa) qalib\n2. Vüqar Əhmədov (Laçın)\n",
        [("Şuşa", "shusha"), ("Laçın", "lachin")],
    ),
    "tr": (
        "Halter il şampiyonası sona erdi. Emre Yıldız (Şuşa) 180 puan, Kenan Aksoy (Laçın) 175 puan "
        "aldı. Antrenör sonuçtan memnun.",
        [("Şuşa", "shusha"), ("Laçın", "lachin")],
    ),
    "ru": (
        "Чемпионат по боксу завершился, тренер и болельщики довольны.\nИтоги:\n"
        "Руслан Алиев (Шуша) — 1 место\nФарид Гасанов (Лачин) — 2 место\n",
        [("Шуша", "shusha"), ("Лачин", "lachin")],
    ),
    "hy": (
        "Ծանրամարտի առաջնությունում Արմեն Հովհաննիսյան (Շուշի) առաջինն էր, Դավիթ Մկրտչյան "
        "(Ստեփանակերտ) երկրորդը։ Մարզիչը գոհ էր։",
        [("Շուշի", "shusha"), ("Ստեփանակերտ", "khankendi")],
    ),
}

# a round-up of the day's sport: a team game named, its club stays a club beside the chess
ROUND_UPS = {
    "en": ("Sports round-up. Football: Qarabağ beat Neftçi 2-0 in the league. Chess: Aliyev won the open.", "Qarabağ"),
    "az": ("Futbol: Qarabağ Neftçi ilə matçda 2:0 qalib gəldi. Güləş: Əliyev qızıl medal aldı.", "Qarabağ"),
    "tr": ("Futbol: Karabağ Neftçi ile maçta 2-0 kazandı. Güreş: Aliyev altın madalya aldı.", "Karabağ"),
    "ru": ("Футбол: Карабах обыграл Нефтчи со счётом 2:0. Бокс: Алиев выиграл турнир.", "Карабах"),
}

# a digit beyond 0-9 (Arabic-Indic three): the engine hands such a text to text_facts.py
OTHER_DIGIT = " Cədvəl ٣."


def _ids(gz, text: str) -> list[tuple[str, str]]:
    return [(r["text"], r["id"]) for r in gz.extract(text)]


@pytest.mark.parametrize("lang", sorted(RESULTS))
def test_a_town_after_a_person_in_individual_sport_results_is_a_place(gz, lang):
    text, towns = RESULTS[lang]
    found = _ids(gz, text)
    for town in towns:
        assert town in found


@pytest.mark.parametrize("lang", sorted(RESULTS))
def test_individual_sport_results_read_alike_in_the_engine_and_in_python(gz, lang):
    # with a digit other than 0-9 the text's football copy is decided in text_facts.py
    text, towns = RESULTS[lang]
    found = _ids(gz, text + OTHER_DIGIT)
    for town in towns:
        assert town in found


@pytest.mark.parametrize("lang", sorted(ROUND_UPS))
def test_a_club_in_a_round_up_naming_a_team_game_stays_a_club(gz, lang):
    text, club = ROUND_UPS[lang]
    assert club not in [t for t, _ in _ids(gz, text)]
    assert club not in [t for t, _ in _ids(gz, text + OTHER_DIGIT)]


def test_every_language_has_words_of_individual_sports_and_of_team_games():
    for lang in ("en", "az", "tr", "ru", "hy"):
        assert lang in LANGUAGES
        assert read_list(LANG / lang / "individual_sport_words.txt")
        assert read_list(LANG / lang / "team_sport_words.txt")


def test_no_word_is_both_of_an_individual_sport_and_of_a_team_game():
    assert not LEXICON.individual_sport_words & LEXICON.team_sport_words
