"""Russian spellings of Azerbaijani names by the Azerbaijani-Russian practical transcription
(tools/az_russian.py, gazetteer/lang/az/russian_letters.tsv) and the builder step that adds
them as variants (derive_az_russian_spellings)."""

from __future__ import annotations

import pytest

from .tools_loader import load_tool, tool_paths


@pytest.fixture(scope="module")
def az_russian():
    with tool_paths():
        return load_tool("az_russian.py", "az_russian_under_test")


@pytest.fixture(scope="module")
def build_places():
    return load_tool("build_places.py", "build_places_under_test")


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Gədəbəy", "Гядебей"),  # g+ə -> я, ə before y -> е, final y -> й
        ("Hacılı", "Гаджилы"),  # initial h -> г, c -> дж, ı after c -> и
        ("Şükürbəyli", "Шукюрбейли"),  # ü after ş -> у, after k -> ю
        ("Yevlax", "Евлах"),  # ye -> е
        ("Yardımlı", "Ярдымлы"),  # ya -> я
        ("Elçin", "Эльчин"),  # initial e -> э, l after e before a consonant -> ль
        ("Qəbul", "Габул"),  # q -> г, ə after q -> а
        ("Öndər", "Ондер"),  # initial ö -> о
        ("Tövləkənd", "Тёвлякянд"),  # ö after a consonant -> ё, l+ə and k+ə -> я
    ],
)
def test_a_name_is_transcribed_by_the_position_rules(az_russian, name, first):
    assert az_russian.russian_spellings(name)[0] == first


def test_a_second_spelling_takes_the_alternatives_the_page_allows(az_russian):
    assert az_russian.russian_spellings("Gədəbəy") == ["Гядебей", "Гядабей"]
    assert az_russian.russian_spellings("Kürdbulaq") == ["Кюрдбулаг", "Курдбулак"]


def test_a_name_with_nothing_to_choose_has_one_spelling(az_russian):
    assert az_russian.russian_spellings("Qubadlı") == ["Губадлы"]


def test_words_keep_their_separators_and_capitals(az_russian):
    assert az_russian.russian_spellings("Yuxarı Ağ-Qaya")[0] == "Юхары Аг-Гая"


@pytest.mark.parametrize(
    "name",
    [
        "Dashtahat",  # an English romanisation filed as Azerbaijani: sh, kh
        "Turaby",  # y after a consonant at the end of a word
        "QKMV",  # an abbreviation
        "Washington",  # w is no Azerbaijani letter
        "Ջերմուկ",  # another alphabet
    ],
)
def test_a_name_that_is_not_azerbaijani_spelling_gets_none(az_russian, name):
    assert az_russian.russian_spellings(name) == []


def _village(pid: str, name_az: str, name_ru: str = "") -> dict[str, str]:
    return {
        "id": pid,
        "name": pid.title(),
        "kind": "village",
        "country": "AZ",
        "parent": "",
        "name_az": name_az,
        "name_ru": name_ru,
        "name_hy": "",
        "source": f"test:{pid}",
    }


def test_the_builder_adds_a_transcription_a_place_lacks(tmp_path, build_places):
    b = build_places.Builder(tmp_path)
    b.places = {"tovlakand": _village("tovlakand", "Tövləkənd")}
    b.derive_az_russian_spellings()
    added = {v["variant"]: v for v in b.variants}
    assert set(added) == {"Тёвлякянд"}  # no second spelling: no alternative in this name
    v = added["Тёвлякянд"]
    assert (v["lang"], v["script"], v["type"], v["needs_context"]) == ("ru", "Cyrl", "transcription", "0")
    assert "Tövləkənd" in v["source"] and "test:tovlakand" in v["source"]


def test_the_builder_skips_a_fold_the_place_or_another_place_has(tmp_path, build_places):
    b = build_places.Builder(tmp_path)
    b.places = {
        "gubadli": _village("gubadli", "Qubadlı", name_ru="Губадлы"),  # has it already
        "gushchu": _village("gushchu", "Quşçu"),
        "other": _village("other", "Başqa"),
    }
    b.variants = [
        {"id": "other", "variant": "Гушчу", "lang": "ru", "script": "Cyrl", "type": "variant", "needs_context": "0"}
    ]
    b.derive_az_russian_spellings()
    assert [v for v in b.variants if v["type"] == "transcription" and v["id"] in {"gubadli", "gushchu"}] == []


def test_the_builder_leaves_out_a_name_with_a_generic_word_and_a_frequent_russian_word(tmp_path, build_places):
    b = build_places.Builder(tmp_path)
    b.places = {
        "tovlakand_district": dict(_village("tovlakand_district", "Tövləkənd rayonu"), kind="district"),
        "mama": _village("mama", "Mama"),  # Мама: a frequent Russian word
    }
    b.derive_az_russian_spellings()
    assert [v for v in b.variants if v["type"] == "transcription"] == []


def test_a_derived_spelling_resolves_in_lookup_and_declined_in_russian_text(gz):
    got = gz.lookup("Гядабей")
    assert got is not None and got.id == "gadabay"
    text = "Вчера в Гядабее открыли новую библиотеку."
    assert [(text[m["start"] : m["end"]], m["id"]) for m in gz.extract(text)] == [("Гядабее", "gadabay")]
