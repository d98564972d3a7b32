"""People named after places: a given name (lang/<code>/given_names.txt) next to a place
name makes it part of a person's name, in every language; a place name that only
stands next to another name stays a place. Also: a clock time is no football score."""

from __future__ import annotations

import pytest

from gazetteer.api import Gazetteer
from gazetteer.lang import LEXICON
from gazetteer.scan.text_facts import _SCORE
from gazetteer.text.folding import fold


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.load()


def found(gz: Gazetteer, text: str) -> list[str]:
    return [r["text"] for r in gz.extract(text)]


# (text, the place-named word, is it found as a place?)
PERSON_ROWS = {
    "en": [
        ("Kemal Aras said the talks would resume.", "Aras", False),
        ("The poet Muhammad Fuzuli, never visited the region.", "Fuzuli", False),
        ("Armenia's Ararat valley was flooded.", "Ararat", True),
    ],
    "az": [
        ("Cəbrayıl Hüseynli dedi ki, yol açılıb.", "Cəbrayıl", False),
        ("Laçın xanım danışdı.", "Laçın", False),
        ("Cəbrayıl rayonunda mina partladı.", "Cəbrayıl rayonunda", True),
    ],
    "tr": [
        ("Kemal Aras Ankara'da konuştu.", "Aras", False),
        ("Kemal Aras Ankara'da konuştu.", "Ankara'da", True),
        ("Aras nehri taştı.", "Aras nehri", True),
    ],
    "ru": [
        ("Степан Шаумян родился в Тифлисе.", "Шаумян", False),
        ("вчера открыли новую дорогу, лачин мамедов из агдама прислал фото", "лачин", False),
        ("Шаумян — посёлок в районе.", "Шаумян", True),
    ],
    "hy": [
        ("Ստեփան Շահումյանը ծնվել է Թիֆլիսում։", "Շահումյանը", False),
        ("Ստեփան Շահումյանը ծնվել է Թիֆլիսում։", "Թիֆլիսում", True),
        ("Շահումյանը ծնվել է Թիֆլիսում։", "Շահումյանը", True),
    ],
}


@pytest.mark.parametrize(
    ("text", "word", "is_place"),
    [row for rows in PERSON_ROWS.values() for row in rows],
    ids=[f"{lang}{k}" for lang, rows in PERSON_ROWS.items() for k in range(len(rows))],
)
def test_a_given_name_next_to_a_place_name_makes_it_a_persons(gz: Gazetteer, text: str, word: str, is_place: bool):
    assert (word in found(gz, text)) is is_place


@pytest.mark.parametrize(
    "text",
    [
        "NOTE: Franklin Puerto Rico Tax-Free Income Fund. Reuter",  # a firm named after a man
        "Fighting in Lachin Monday killed two.",  # a place, then a weekday
        "lachini mijancqov, 30 jam spasecinq",  # Armenian in Latin letters: a case ending
        "They cut off Lachin from Armenia.",  # no comma before: not a person's home town
        "Laçın Qubadlı yolu açıldı.",  # two districts: Qubadlı ends like a family name
    ],
)
def test_a_place_name_stays_a_place_where_no_persons_name_is_read(gz: Gazetteer, text: str):
    got = found(gz, text)
    assert got
    assert not text.startswith("Laçın") or "Laçın" in got


@pytest.mark.parametrize(
    ("text", "person", "town"),
    [
        ("Our guide, Vardan from Kapan, warned that the bridge was shut.", "Vardan", "Kapan"),
        ("Гид, Вардан из Капана, сказал, что мост закрыт.", "Вардан", "Капана"),
        ("Shusha, Lachin from Goris are an hour apart.", "Goris", "Lachin"),  # a list: both places
    ],
)
def test_a_given_name_after_a_comma_before_a_home_town_is_a_persons(gz: Gazetteer, text: str, person: str, town: str):
    got = found(gz, text)
    assert town in got
    assert (person in got) is (person == "Goris")


@pytest.mark.parametrize("lang", ["az", "tr", "ru", "en", "hy"])
def test_every_language_has_a_given_names_list_with_a_source(lang: str):
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "gazetteer" / "lang" / lang / "given_names.txt"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Source: joke2k/faker")
    names = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert len(names) > 100
    assert all(fold(n) in LEXICON.given_names for n in names)


@pytest.mark.parametrize(
    ("text", "is_score"),
    [
        ("Qarabağ 2:1 Zirə", True),
        ("the match ended 3 – 2", True),
        ("kick-off at 09:05 in Agdam", False),
        ("from 18:30 to 23:59", False),
        ("won 24:05", True),  # no hour of a day
        ("won 2:1 and then left at 18:30", True),
    ],
)
def test_a_clock_time_is_no_score(text: str, is_score: bool):
    assert (_SCORE.search(text) is not None) is is_score
