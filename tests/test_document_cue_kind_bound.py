"""A cue's kind bounds the readings the passes over the text may give its mention
(`cue_allows` in crates/gazetteer-core/src/scan/document.rs), on a small table: a river
and two villages share a name, so a bare mention is the river and a mention with a
village cue is one of the villages, which the distances choose between."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer.api import Gazetteer
from tests.tabledata import write_table

ROWS = [
    "testabad_district,Testabad District,district,AZ,,39.70000,46.90000,,test:1,,,Testabad rayonu,Тестабадский район,",
    "testabad,Testabad,town,AZ,testabad_district,39.71000,46.91000,1200,test:2,,,Testabad,Тестабад,Տեստաբադ",
    "zelvan_river,Zelvan River,river,AZ,,39.60000,46.80000,,test:3,,,Zelvan çayı,Зелван,Զելվան",
    # two villages of the name: one far from Testabad, one beside it
    "zelvan_far,Zelvan,village,AM,,40.40000,45.50000,,test:4,,,Zelvan,Зелван,Զելվան",
    "zelvan_near,Zelvan,village,AZ,testabad_district,39.73000,46.95000,,test:5,,,Zelvan,Зелван,Զելվան",
]
VARIANTS = ["zelvan_river,Zelvan,en,Latn,variant,0,test:v1"]


@pytest.fixture(scope="module")
def gz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder: Path = tmp_path_factory.mktemp("cue_kind_bound")
    return Gazetteer.load([write_table(folder, ROWS, variants=VARIANTS)], replace=True)


def _ids(gz: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(r["text"], r["id"]) for r in gz.extract(text)]


def test_bare_name_is_the_river(gz: Gazetteer) -> None:
    assert _ids(gz, "Testabad, Zelvan.") == [("Testabad", "testabad"), ("Zelvan", "zelvan_river")]


@pytest.mark.parametrize(
    "text",
    [
        "Тестабад — Зелван. Дорога через село Зелван опасна.",
        "Testabad, Zelvan. The road through the village of Zelvan is dangerous.",
        "Տեստաբադ — Զելվան։ Ճանապարհը Զելվան գյուղով վտանգավոր է։",
    ],
)
def test_village_cue_keeps_a_village_when_the_bare_name_is_the_river(gz: Gazetteer, text: str) -> None:
    found = _ids(gz, text)
    assert [i for _, i in found] == ["testabad", "zelvan_river", "zelvan_near"]


def test_distances_still_choose_between_the_villages_the_cue_allows(gz: Gazetteer) -> None:
    # the village beside Testabad, not the far one, nor the river named first
    found = _ids(gz, "Testabad, Zelvan. The road through the village of Zelvan is dangerous.")
    assert found[-1] == ("Zelvan", "zelvan_near")


def test_river_cue_keeps_the_river_when_the_bare_name_is_a_village(gz: Gazetteer) -> None:
    found = _ids(gz, "Дорога через село Зелван и Тестабад. Река Зелван разлилась.")
    assert ("Зелван", "zelvan_near") in found and ("Зелван", "zelvan_river") in found
