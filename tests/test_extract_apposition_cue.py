"""An apposition after a name and a comma is the name's cue ("X, a village near Y": an
article, a singular settlement or district cue word, and what goes on with the phrase;
`apposition_cue` in crates/gazetteer-core/src/scan/rules/cues.rs), on a small table:
villages named like English words, and a river and two villages sharing a name."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer.api import Gazetteer
from tests.tabledata import write_table

ROWS = [
    "testabad_district,Testabad District,district,AZ,,39.70000,46.90000,,test:1,,,Testabad rayonu,Тестабадский район,",
    "testabad,Testabad,town,AZ,testabad_district,39.71000,46.91000,1200,test:2,,,Testabad,Тестабад,Տեստաբադ",
    # villages whose names are English words: without a cue, no place
    "meadow,Meadow,village,AZ,testabad_district,39.73000,46.95000,,test:3,,,,,",
    "orchard,Orchard,village,AZ,testabad_district,39.74000,46.95000,,test:4,,,,,",
    # a river and two villages of one name: bare, the river
    "zelvan_river,Zelvan River,river,AZ,,39.60000,46.80000,,test:5,,,Zelvan çayı,Зелван,Զելվան",
    "zelvan_far,Zelvan,village,AM,,40.40000,45.50000,,test:6,,,Zelvan,Зелван,Զելվան",
    "zelvan_near,Zelvan,village,AZ,testabad_district,39.73000,46.96000,,test:7,,,Zelvan,Зелван,Զելվան",
    # a name of two words, with another spelling
    "upper_kelan,Upper Kelan,village,AZ,testabad_district,39.75000,46.96000,,test:8,,,Yuxarı Kelan,,",
]
VARIANTS = [
    "zelvan_river,Zelvan,en,Latn,variant,0,test:v1",
    "testabad_district,Testabad,en,Latn,variant,0,test:v2",  # the district by its town's name
    "upper_kelan,Verin Kelan,hy,Latn,variant,0,test:v3",
]


@pytest.fixture(scope="module")
def gz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder: Path = tmp_path_factory.mktemp("apposition")
    return Gazetteer.load([write_table(folder, ROWS, variants=VARIANTS)], replace=True)


def _ids(gz: Gazetteer, text: str) -> dict[str, str]:
    return {r["text"]: r["id"] for r in gz.extract(text)}


@pytest.mark.parametrize(
    "text",
    [
        "We met families from Meadow, a village near Testabad.",
        "We met families from Meadow, the village on the road to Testabad.",
        "We met families from Meadow, a small village.",
        "We met families from Meadow, a village 5 km from Testabad.",
    ],
)
def test_apposition_of_a_village_makes_a_word_named_village_a_place(gz: Gazetteer, text: str) -> None:
    assert _ids(gz, text)["Meadow"] == "meadow"


def test_without_the_apposition_the_word_named_village_is_no_place(gz: Gazetteer) -> None:
    assert "Meadow" not in _ids(gz, "We met families from Meadow and went home.")


def test_apposition_of_a_village_turns_a_river_name_to_the_village(gz: Gazetteer) -> None:
    assert _ids(gz, "Residents of Zelvan returned.")["Zelvan"] == "zelvan_river"
    assert _ids(gz, "Residents of Zelvan, a village near Testabad, returned.")["Zelvan"] == "zelvan_near"


def test_apposition_of_a_district_picks_the_district(gz: Gazetteer) -> None:
    assert _ids(gz, "Testabad, a district of the republic, voted.")["Testabad"] == "testabad_district"
    assert _ids(gz, "Testabad, a town in the valley, voted.")["Testabad"] == "testabad"


def test_russian_apposition_without_article_needs_a_preposition_of_place(gz: Gazetteer) -> None:
    assert _ids(gz, "Жители Зелван, село в Тестабадском районе, вернулись.")["Зелван"] == "zelvan_near"
    # a cue word followed by a name is the next name's, not an apposition
    assert _ids(gz, "Жители Зелван, село Тестабад и другие вернулись.")["Зелван"] == "zelvan_river"


@pytest.mark.parametrize(
    "text",
    [
        "We met families from Meadow, villages and towns near Testabad.",  # plural: a list's
        "We met families from Meadow, the village council said.",  # a compound noun, no apposition
        "We met families from Meadow, the town of Testabad and Orchard.",  # the next name's cue
    ],
)
def test_no_apposition_cue(gz: Gazetteer, text: str) -> None:
    assert "Meadow" not in _ids(gz, text)


def test_the_cue_is_the_apposition_as_read(gz: Gazetteer) -> None:
    (meadow, _) = gz.extract("We met families from Meadow, a small village near Testabad.")
    assert meadow["cue"] == "a small village"
    (zelvan, _) = gz.extract("Жители Зелван, село в Тестабадском районе, вернулись.")
    assert zelvan["cue"] == "село в"


def test_normalise_replaces_a_name_of_two_words_before_an_apposition(gz: Gazetteer) -> None:
    # (a kind word right after the name is left with it, "the Kelan valley"; an apposition's is not)
    text = "Residents of Verin Kelan, a village near Testabad, returned."
    assert gz.normalise(text) == "Residents of Upper Kelan, a village near Testabad, returned."
