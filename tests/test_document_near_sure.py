"""The document pass that reads a name with several readings by the places the text names
without doubt (`near_sure_places` in crates/gazetteer-core/src/scan/document.rs), on a
small table: two places named Kerimli, a town far away and a village beside the region's
other places."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer.api import Gazetteer
from gazetteer.scan import weights
from tests.tabledata import write_table

ROWS = [
    "testabad_district,Testabad District,district,AZ,,39.70000,46.90000,,test:1,,,Testabad rayonu,,",
    "testabad,Testabad,town,AZ,testabad_district,39.71000,46.91000,1200,test:2,,,Testabad,,",
    "bashkend,Bashkend,village,AZ,testabad_district,39.75000,46.95000,300,test:3,,,Başkənd,,",
    # the village of the region and the far town of the same name
    "kerimli_testabad,Kerimli,village,AZ,testabad_district,39.73000,46.98000,200,test:4,,,Kərimli,,",
    "kerimli,Kerimli,town,AZ,,40.60000,48.40000,9000,test:5,,,Kərimli,,",
    # a village beside the far town
    "uzunova,Uzunova,village,AZ,,40.62000,48.42000,300,test:6,,,Uzunova,,",
    # a lake, and a village on its shore named like a far town
    "lake_testgol,Lake Testgol,lake,AZ,,40.30000,45.30000,,test:7,,,Testgöl,,",
    "sarigol_shore,Sarigol,village,AZ,,40.15000,45.31000,200,test:8,,,Sarıgöl,,",
    "sarigol,Sarigol,town,AZ,,40.58000,48.38000,9000,test:9,,,Sarıgöl,,",
]


@pytest.fixture(scope="module")
def gz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder: Path = tmp_path_factory.mktemp("near_sure")
    return Gazetteer.load([write_table(folder, ROWS, variants=[])], replace=True)


def _ids(gz: Gazetteer, text: str) -> dict[str, str]:
    return {r["text"]: r["id"] for r in gz.extract(text)}


def test_table_ranks_the_far_town_first_within_the_margin(gz: Gazetteer) -> None:
    text = "The road from Kerimli was closed."
    assert _ids(gz, text)["Kerimli"] == "kerimli"  # nothing else decides: the weightier town
    (m,) = gz.scanner.scan(text)
    ranks = [c.rank for c in m.candidates]
    assert len(ranks) == 2 and 0 < ranks[0] - ranks[1] <= weights.NEAR_SURE_MARGIN


def test_name_with_two_readings_takes_the_one_beside_the_places_named_without_doubt(gz: Gazetteer) -> None:
    ids = _ids(gz, "Families returned to Bashkend and Testabad, and the school in Kerimli village reopened.")
    assert ids["Kerimli"] == "kerimli_testabad"


def test_a_bare_town_name_does_not_become_a_village_by_nearness(gz: Gazetteer) -> None:
    ids = _ids(gz, "Families returned to Bashkend and Testabad, and the school in Kerimli reopened.")
    assert ids["Kerimli"] == "kerimli"


def test_reading_beside_sure_places_of_its_own_stays(gz: Gazetteer) -> None:
    ids = _ids(gz, "Families returned to Uzunova and Testabad, and the school in Kerimli reopened.")
    assert ids["Kerimli"] == "kerimli"  # Uzunova lies beside the town: nothing turns


def test_a_lake_named_without_doubt_counts_by_its_centre(gz: Gazetteer) -> None:
    assert _ids(gz, "The village of Sarigol lies on the shore of Lake Testgol.")["Sarigol"] == "sarigol_shore"


def test_a_village_beside_nothing_named_does_not_take_the_far_town(gz: Gazetteer) -> None:
    # Testabad lies 400 km from the lake: neither reading is near a sure place
    assert _ids(gz, "Sarigol and Testabad held elections.")["Sarigol"] == "sarigol"


def test_explain_gives_the_reason_for_the_turn(gz: Gazetteer) -> None:
    out = gz.explain("Families returned to Bashkend and Testabad, and the school in Kerimli village reopened.")
    kerimli = [e for e in out if e["text"] == "Kerimli"]
    assert [e["verdict"] for e in kerimli] == ["found"]  # one entry a span: the mention, with why it turned
    assert "turned:" in kerimli[0]["reason"] and "without doubt" in kerimli[0]["reason"]
