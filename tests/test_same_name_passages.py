"""Same-name places in running text are ranked as lookup ranks them: a village of the
conflict region before a far village of the name, and before a far place that the name
calls by the other side's exonym for it (early.prefer_region, applied by
Vocabulary.ranking)."""

from __future__ import annotations

import pytest

from gazetteer.api import Gazetteer

from .tabledata import HEADER, VARIANTS_HEADER

# A village inside table.CONFLICT_BOX, a town of Armenia outside it whose Azerbaijani
# (exonym) name is the village's name, and a far Azerbaijani village of another name
# shared with a second village of the region.
ROWS = [
    "qaynarsu,Qaynarsu,village,AZ,,40.05000,46.10000,,test:1,,,Qaynarsu,,",
    "jermavan,Jermavan,town,AM,,39.84000,45.67000,5000,test:2,,,,Джермаван,Ջերմավան",
    "boyuklu,Boyuklu,village,AZ,,40.60000,48.90000,,test:3,,,Böyüklü,,",
    "boyuklu_region,Boyuklu,village,AZ,,39.60000,46.90000,,test:4,,,Böyüklü,,",
]
VARIANTS = [
    "jermavan,Qaynarsu,az,Latn,historical,0,test:v1",
]


@pytest.fixture(scope="module")
def gz(tmp_path_factory):
    folder = tmp_path_factory.mktemp("same_name")
    (folder / "places.csv").write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    (folder / "variants.csv").write_text("\n".join([VARIANTS_HEADER, *VARIANTS]) + "\n", encoding="utf-8")
    return Gazetteer.load([folder / "places.csv"], replace=True, use_cache=False)


def _ids(gz: Gazetteer, text: str) -> list[str]:
    return [r["id"] for r in gz.extract(text)]


def test_a_region_village_comes_before_a_far_town_named_by_its_exonym(gz):
    assert _ids(gz, "Qaynarsu kəndində yeni məktəb açılıb.") == ["qaynarsu"]
    assert gz.lookup("Qaynarsu").id == "qaynarsu"


def test_the_far_town_keeps_its_own_name(gz):
    assert _ids(gz, "Buses run to Jermavan twice a day.") == ["jermavan"]


def test_a_region_village_comes_before_a_far_village_of_the_name(gz):
    assert _ids(gz, "Böyüklü kəndinə su xətti çəkilib.") == ["boyuklu_region"]
