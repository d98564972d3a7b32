"""A name with several readings takes the one its own sentence says (document.rs
`named_beside`): the district named beside it holds that reading, or a generic word
right beside it names that reading's kind. Checked on a table of three rows (a town, a
village of the same name far from it, and the village's district), per language."""

from __future__ import annotations

import pytest

from gazetteer.api import Gazetteer

from .tabledata import HEADER, VARIANTS_HEADER

ROWS = [
    "zorvan,Zorvan,town,AZ,,40.60000,48.90000,8000,test:1,,,Zorvan,Зорван,Զորվան",
    "zorvan_village,Zorvan,village,AZ,betadist_district,39.60000,46.50000,,test:2,,,Zorvan,Зорван,Զորվան",
    "betadist_district,Betadist District,district,AZ,,39.65000,46.55000,,test:3,,,Betadist rayonu,Бетадистский район,Բետադիստի շրջան",
]


@pytest.fixture(scope="module")
def gz(tmp_path_factory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("named_beside")
    (folder / "places.csv").write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    (folder / "variants.csv").write_text(VARIANTS_HEADER + "\n", encoding="utf-8")
    return Gazetteer.load([folder / "places.csv"], replace=True, use_cache=False)


def _zorvan(gz: Gazetteer, text: str) -> list[str]:
    return [r["id"] for r in gz.extract(text) if r["id"].startswith("zorvan")]


@pytest.mark.parametrize(
    ("lang", "text", "ids"),
    [
        # the district named after the name says which Zorvan
        ("en", "A school opened in Zorvan, in Betadist District, on Monday.", ["zorvan_village"]),
        ("ru", "Школу открыли в Зорван (Бетадистский район) в понедельник.", ["zorvan_village"]),
        # a generic word beside the name says its kind, the district before it which
        ("az", "Betadist rayonunun Zorvan kəndində məktəb açıldı.", ["zorvan_village"]),
        ("hy", "Բետադիստի շրջանի Զորվան գյուղում դպրոց բացվեց։", ["zorvan_village"]),
        # a district named before heads a list: the town stays a town without a word
        ("en", "Buses left Betadist District, then Zorvan, on Monday.", ["zorvan"]),
        # a generic word that names the town's kind keeps the town
        ("az", "Betadist rayonunda və Zorvan şəhərində məktəb açıldı.", ["zorvan"]),
        # another sentence's district says nothing
        ("en", "Betadist District is quiet. A school opened in Zorvan on Monday.", ["zorvan"]),
    ],
)  # fmt: skip
def test_the_sentence_says_which_reading(gz: Gazetteer, lang: str, text: str, ids: list[str]):
    assert _zorvan(gz, text) == ids, lang
