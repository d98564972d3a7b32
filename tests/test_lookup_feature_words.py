"""Lookup of a landmark, pass or natural feature typed with a word for what it is
(lang/<code>/feature_words.tsv): the feature of that name, or the feature named after the
place the name names, in each language and word order; and what the word alone, or a
settlement with its own generic word, still gives."""

from __future__ import annotations

import csv
import os

import pytest

from .conftest import PLACES_CSV

LANG = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "gazetteer", "lang")
FEATURE_LANGUAGES = ("en", "az", "tr", "ru", "hy", "de", "fr")


def _feature_rows(lang: str) -> list[tuple[str, frozenset[str], str]]:
    """(word, features, before|after) of one language's feature_words.tsv."""
    from gazetteer.lang import read_table

    path = os.path.join(LANG, lang, "feature_words.tsv")
    return [(row[0], frozenset(row[1].split()), row[3]) for row in read_table(path)]


def _english_parts() -> list[tuple[str, str, frozenset[str], str]]:
    """(place id, kind, features, the name without its English feature word) of each place
    of the table whose English name is a name and an English feature word ("Tatev
    Monastery", "Sotk Pass", "Mount Ararat")."""
    words = _feature_rows("en")
    out = []
    with open(PLACES_CSV, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["name"]
            for word, features, where in words:
                if where == "after" and name.lower().endswith(" " + word):
                    out.append((row["id"], row["kind"], features, name[: -len(word) - 1]))
                    break
                if where == "before" and name.lower().startswith(word + " "):
                    out.append((row["id"], row["kind"], features, name[len(word) + 1 :]))
                    break
    return out


def _grid(gz) -> list[tuple[str, str]]:
    """(query, place id): each landmark and pass of the table whose English name is a name
    lookup knows by itself and a feature word, that name with every word of every language
    for the same feature, where that language puts it."""
    from gazetteer.lang import FEATURE_WORDS
    from gazetteer.text.folding import fold

    out = []
    for place_id, kind, features, name in _english_parts():
        if kind not in ("landmark", "pass") or gz.lookup(name) is None:
            continue
        for lang in FEATURE_LANGUAGES:
            for word, word_features, where in _feature_rows(lang):
                if not word_features & features or kind not in FEATURE_WORDS[(fold(word), where == "before")].kinds:
                    continue
                out.append((f"{word} {name}" if where == "before" else f"{name} {word}", place_id))
    return out


def test_the_grid_covers_the_tables_landmarks_and_passes_in_every_language(gz):
    grid = _grid(gz)
    places = {place_id for _q, place_id in grid}
    assert {"tatev_monastery", "sotk_pass", "shusha_fortress", "askeran_fortress", "aghdam_mosque"} <= places
    assert len(grid) > 200


def test_a_landmark_or_pass_with_a_word_for_it_is_that_feature_in_every_language_and_order(gz):
    wrong = []
    for query, place_id in _grid(gz):
        got = gz.lookup(query)
        if got is None or got.id != place_id:
            wrong.append((query, place_id, got and got.id))
    assert wrong == []


@pytest.mark.parametrize(
    "query, place_id",
    [
        # the Russian relative adjective of the place the feature is named after
        ("Аскеранская крепость", "askeran_fortress"),
        ("Шахбулагская крепость", "shahbulag_castle"),
        # the Armenian genitive of the name, the word in another case
        ("Տաթևի վանքում", "tatev_monastery"),
        ("Ասկերանի բերդում", "askeran_fortress"),
        # a case form of the word, the name in another spelling of the place
        ("Şahbulaq qalasında", "shahbulag_castle"),
        ("перевала Сотк", "sotk_pass"),
        # the name of the feature itself with a word in another language
        ("Amaras manastırı", "amaras_monastery"),
        ("монастырь Амарас", "amaras_monastery"),
    ],
)
def test_inflected_and_derived_names_with_a_feature_word_read_the_feature(gz, query, place_id):
    got = gz.lookup(query)
    assert got is not None and got.id == place_id


def test_a_feature_word_no_feature_of_the_name_answers_adds_nothing(gz):
    # no pass is named after Shusha: the city, as the name reads without the word
    assert gz.lookup("Shusha Pass").id == "shusha"
    # no fortress is named after Tatev, and Tatev Monastery (also "Tatev") is no fortress
    got = gz.lookup("Tatev qalası")
    assert got is None or got.id == "tatev"
    got = gz.lookup("перевал Татев")
    assert got is None or got.id == "tatev"


@pytest.mark.parametrize(
    "query, place_id",
    [("Tatev kəndi", "tatev"), ("село Сотк", "sotk"), ("Sotk village", "sotk"), ("Goris քաղաք", "goris")],
)
def test_a_settlements_own_generic_word_still_gives_the_settlement(gz, query, place_id):
    assert gz.lookup(query).id == place_id


def test_a_feature_word_alone_gives_nothing(gz):
    from gazetteer.text.folding import fold

    refused = []
    for lang in FEATURE_LANGUAGES:
        for word, _features, _where in _feature_rows(lang):
            key = fold(word)
            # (a place may bear the word as its name: Monasteri, a Georgian village; and a
            # word of one letter group from a name is that name's case, decided early: kilise)
            if not gz.index.postings(key) and not gz.matcher._known_key(key, word):
                refused.append(word)
                assert gz.lookup(word) is None, word
    assert {"aşırımı", "перевал", "ամրոց", "տաճար", "kloster"} <= set(refused)


@pytest.mark.parametrize("query", ["монастырь Кваргезд", "Zulvexor manastırı", "Qwertaz Pass", "Բժշկակաղի վանք"])
def test_a_feature_word_with_no_name_gives_nothing(gz, query):
    assert gz.lookup(query) is None


def test_feature_words_load_with_their_features_kinds_and_plain_spelling():
    from gazetteer.lang import FEATURE_WORDS

    word = FEATURE_WORDS[("monastiri", False)]  # monastırı, and as typed without its letters
    assert "monastery" in word.features and word.kinds == frozenset({"landmark"})
    assert FEATURE_WORDS[("pereval", True)].kinds == frozenset({"pass"})
    assert ("ashirimi", False) in FEATURE_WORDS


def test_feature_words_read_before_and_after_a_name():
    from gazetteer.matcher import _feature_readings

    def none(_word):
        return ()

    assert [r.name for r in _feature_readings("monastir tatev", none)] == ["tatev"]
    assert [r.name for r in _feature_readings("tatev monastiri", none)] == ["tatev"]
    assert [r.name for r in _feature_readings("monastere de tatev", none)] == ["tatev"]
    assert _feature_readings("monastir", none) == []


def test_variants_of_kinds_read_from_rank_rows_sql_or_memory_agree(cache_dir):
    from gazetteer import Gazetteer

    kinds = frozenset({"landmark", "pass"})
    ranked = Gazetteer.load().index
    by_ranks = ranked.variants_of_kinds(kinds)
    bare = Gazetteer.load().index
    bare._ranks = None  # an index built without its rank rows: read by SQL
    by_sql = bare.variants_of_kinds(kinds)
    held = Gazetteer.load().index
    held.materialise()
    by_memory = held.variants_of_kinds(kinds)
    assert by_ranks == by_sql == by_memory
    assert {held.place(held.variant(v)[0])[2] for v in by_memory} == kinds
