"""Russian spellings of Armenian names (gazetteer/lang/hy/russian.py, the table
gazetteer/lang/hy/transcription_ru.tsv) and the variants the builder derives from them
(tools/russian_spellings.py): the rules of position on made-up names, the filters on a
made-up table, and that a derived spelling of the built table resolves in lookup and in
Russian text (the cases are read from the built table, not written here)."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from gazetteer.lang.hy.russian import transcribe_ru
from gazetteer.text.folding import fold

from .conftest import VARIANTS_CSV
from .tools_loader import load_tool


@pytest.fixture(scope="module")
def spellings():
    return load_tool("russian_spellings.py", "russian_spellings_under_test")


def test_initial_vo_and_ye_and_the_u_pair() -> None:
    assert transcribe_ru("Ոսկեքար") == ("Воскекар",)
    assert transcribe_ru("Երմուտ") == ("Ермут",)
    assert transcribe_ru("Նորուտ") == ("Норут",)


def test_gh_is_kh_at_the_end_and_before_a_voiceless_letter_and_g_or_kh_before_a_vowel() -> None:
    assert transcribe_ru("Բարեղ") == ("Барех",)
    assert transcribe_ru("Մաղթուն") == ("Махтун",)
    assert transcribe_ru("Վաղան") == ("Ваган", "Вахан")
    assert transcribe_ru("Ղարմիս") == ("Кармис",)


def test_h_is_g_or_nothing_at_the_start_and_nothing_inside() -> None:
    assert transcribe_ru("Հարեն") == ("Гарен", "Арен")
    assert transcribe_ru("Սարահատ") == ("Сараат",)


def test_y_pairs_and_the_spring_word_and_the_classical_spelling() -> None:
    assert transcribe_ru("Դյուրան") == ("Дюран",)
    assert transcribe_ru("Մայիսան") == ("Маисан",)
    assert transcribe_ru("Քարաղբյուր") == ("Карахпюр",)
    assert transcribe_ru("Նորագիւղ") == transcribe_ru("Նորագյուղ") == ("Норагюх",)
    assert transcribe_ru("Արևիկ") == ("Аревик",)


def test_each_word_is_capitalised_and_a_latin_name_is_not_transcribed() -> None:
    assert transcribe_ru("Վերին Գոմեր") == ("Верин Гомер",)
    assert transcribe_ru("Գոմեր-2") == ("Гомер-2",)
    assert transcribe_ru("Gomer") == ()


def _place(pid: str, country: str = "AM", parent: str = "syunik", name_hy: str = "", name_ru: str = "") -> dict:
    return {
        "id": pid,
        "name": pid.title(),
        "kind": "village",
        "country": country,
        "parent": parent,
        "name_az": "",
        "name_ru": name_ru,
        "name_hy": name_hy,
        "source": f"wof:{pid}",
    }


def _variant(pid: str, text: str, script: str = "Armn", lang: str = "hy", vtype: str = "preferred") -> dict:
    return {
        "id": pid,
        "variant": text,
        "lang": lang,
        "script": script,
        "type": vtype,
        "needs_context": "0",
        "source": f"wof:{pid}",
    }


def test_derived_spelling_is_added_with_its_rule_and_armenian_source(spellings) -> None:
    places = {"vardut": _place("vardut", name_hy="Վարդուտ")}
    added = spellings.derive_russian_spellings(places, [])
    assert [(a["id"], a["variant"], a["lang"], a["script"], a["type"]) for a in added] == [
        ("vardut", "Вардут", "ru", "Cyrl", "transcription")
    ]
    assert "Վարդուտ" in added[0]["source"] and "wof:vardut" in added[0]["source"]


def test_no_spelling_where_the_place_has_that_cyrillic_name_or_another_place_bears_it(spellings) -> None:
    places = {
        "vardut": _place("vardut", name_hy="Վարդուտ", name_ru="Вардут"),
        "kamut": _place("kamut", name_hy="Կամուտ"),
        "kamut_river": dict(_place("kamut_river"), kind="river", name="Kamut"),
    }
    assert spellings.derive_russian_spellings(places, []) == []


def test_no_spelling_that_is_a_frequent_russian_word(spellings) -> None:
    places = {"park": _place("park", name_hy="Պարկ")}  # Парк
    assert spellings.derive_russian_spellings(places, []) == []


def test_places_sharing_an_armenian_name_all_get_its_spelling(spellings) -> None:
    places = {"sarut": _place("sarut", name_hy="Սարուտ"), "sarut_2": _place("sarut_2", name_hy="Սարուտ")}
    added = spellings.derive_russian_spellings(places, [])
    assert sorted(a["id"] for a in added) == ["sarut", "sarut_2"]


def test_only_armenian_era_names_outside_armenia_and_the_former_nkao_and_no_western_labels(spellings) -> None:
    places = {
        "goy": _place("goy", country="AZ", parent="lachin_district"),
        "dag": _place("dag", country="AZ", parent="khojavend_district"),
        "vet": _place("vet"),
    }
    variants = [
        _variant("goy", "Գոյաթաղ"),  # a spelling of the Azerbaijani name: not transcribed
        _variant("goy", "Կարմրաշեն", vtype="armenian"),
        _variant("dag", "Դաշտուտ"),
        _variant("vet", "Պարեկան", lang="hyw"),
    ]
    added = {(a["id"], a["variant"]) for a in spellings.derive_russian_spellings(places, variants)}
    assert added == {("goy", "Кармрашен"), ("dag", "Даштут")}


def _built_transcriptions() -> list[dict]:
    with open(VARIANTS_CSV, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    owners: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        owners[fold(r["variant"])].add(r["id"])
    return [
        r
        for r in rows
        if r["type"] == "transcription"
        and r["needs_context"] == "0"
        and owners[fold(r["variant"])] == {r["id"]}
        and " " not in r["variant"]
        and len(r["variant"]) >= 6
    ]


# one in 100 of the derived one-word spellings that only their place bears
BUILT = _built_transcriptions()[::100]


def test_the_built_table_holds_russian_transcriptions() -> None:
    assert len(BUILT) >= 5


@pytest.mark.parametrize("row", BUILT, ids=[r["id"] for r in BUILT])
def test_a_derived_spelling_resolves_in_lookup(gz, row) -> None:
    m = gz.lookup(row["variant"])
    assert m is not None and m.id == row["id"], (row, m)


@pytest.mark.parametrize("row", BUILT, ids=[r["id"] for r in BUILT])
def test_a_derived_spelling_is_found_in_russian_text(gz, row) -> None:
    text = f"Вчера жители села {row['variant']} сообщили о строительстве новой дороги."
    assert row["id"] in {m["id"] for m in gz.extract(text)}, (row, gz.extract(text))
