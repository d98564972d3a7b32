"""A declined reading replaces an exact one only through a name in the language whose ending
it is (`Vocabulary._word_hits`): on a small table, a village whose Russian name is spelled
like the Russian genitive of another language's label for a weightier town."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer.api import Gazetteer
from tests.tabledata import write_table

ROWS = [
    "zorkavan,Zorkavan,village,AM,,40.85000,45.50000,300,test:1,,,,Зоркавани,",
    "zorkavan_town,Zorkavanli,town,AZ,,41.40000,46.90000,9000,test:2,,,Zorkavanlı,,",
    "testabad,Testabad,town,AZ,,39.71000,46.91000,20000,test:3,,,Testabad,,",
    "testabad_village,Testabada,village,AZ,,40.10000,45.10000,100,test:4,,,,,",
]
VARIANTS = [
    # another language's label of the town, whose Russian genitive would be the village's name
    "zorkavan_town,Зоркаван,ava,Cyrl,preferred,0,test:v1",
    # the town's Russian name, whose genitive a Russian text does write
    "testabad,Тестабад,ru,Cyrl,preferred,0,test:v2",
    "testabad_village,Тестабада,ru,Cyrl,preferred,0,test:v3",
]


@pytest.fixture(scope="module")
def gz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder: Path = tmp_path_factory.mktemp("declined")
    return Gazetteer.load([write_table(folder, ROWS, variants=VARIANTS)], replace=True)


def _ids(gz: Gazetteer, text: str) -> dict[str, str]:
    return {r["text"]: r["id"] for r in gz.extract(text)}


def test_russian_name_is_not_read_as_another_languages_label_declined(gz: Gazetteer) -> None:
    assert _ids(gz, "Мы проехали через Зоркавани.")["Зоркавани"] == "zorkavan"


def test_russian_genitive_of_a_russian_town_name_outranks_a_village_spelled_alike(gz: Gazetteer) -> None:
    assert _ids(gz, "Мы выехали из Тестабада.")["Тестабада"] == "testabad"
