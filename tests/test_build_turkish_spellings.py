"""The Turkish spellings the build derives from Azerbaijani names (tools/build_places.py,
``derive_turkish_spellings``), with its letters and words read from language data
(``lang/tr/azerbaijani_letters.tsv``, ``lang/tr/calques.tsv``, ``lang/az/plain_letters.tsv``).
The names are made up."""

from __future__ import annotations

from collections import Counter

from .tools_loader import load_tool

bp = load_tool("build_places.py", "build_places_turkish_under_test")
LETTERS = bp.read_letter_readings(bp.LANG / "tr" / "azerbaijani_letters.tsv")
WORDS = bp.read_turkish_name_words(bp.LANG / "tr" / "calques.tsv", bp.LANG / "az" / "generic_words.tsv")


def _spellings(az: str) -> list[str]:
    main, others = bp.turkish_spellings(az, LETTERS, WORDS)
    return [s.spelling for s in main + others]


def _builder(tmp_path, names: dict[str, str]):
    b = bp.Builder(tmp_path)
    b.places = {
        pid: {
            "id": pid,
            "name": pid.title(),
            "name_az": az,
            "name_ru": "",
            "name_hy": "",
            "kind": "village",
            "country": "AZ",
            "source": f"made-up {pid}",
        }
        for pid, az in names.items()
    }
    b.variants = []
    b.stats = Counter()
    b.derive_turkish_spellings()
    return {(v["id"], v["variant"]): v["source"] for v in b.variants}


def test_letter_tables_give_capitals_and_the_usual_reading_first() -> None:
    assert LETTERS["ə"] == ("e", "a") and LETTERS["Ə"] == ("E", "A")
    assert LETTERS["Q"] == ("K",) and LETTERS["x"] == ("h",)
    plain = bp.read_letter_readings(bp.LANG / "az" / "plain_letters.tsv")
    assert plain["İ"] == ("I",) and plain["Ş"] == ("S",) and plain["ı"] == ("i",)


def test_name_words_are_the_calques_read_backwards_without_generic_words() -> None:
    assert WORDS["yuxarı"] == "yukarı" and WORDS["kiçik"] == "küçük" and WORDS["köhnə"] == "eski"
    assert "kənd" not in WORDS and "kəndi" not in WORDS  # köy, kent: a generic word stays as it is


def test_a_word_of_the_name_is_written_as_turkish_writes_it_in_its_capitals() -> None:
    spellings = _spellings("Yuxarı Qəmbərli")
    assert spellings[0] == "Yuharı Kemberli"  # the letters alone, as before
    assert "Yukarı Kemberli" in spellings
    assert "Eski Demirçi" in _spellings("Köhnə Dəmirçi")
    assert bp.turkish_words("KİÇİK Ağcalı", WORDS)[0] == "KÜÇÜK Ağcalı"
    assert bp.turkish_words("Daşqəmbər", WORDS)[0] == "Daşqəmbər"  # a joined word is left alone


def test_the_first_schwa_may_be_written_a_as_in_turkish_names_from_arabic() -> None:
    spellings = _spellings("Xələfbəyli")
    assert spellings[0] == "Helefbeyli"
    assert "Halefbeyli" in spellings  # the first ə as a (Halef)
    assert "Halafbayli" in spellings  # every ə as a (Hasan)
    assert "Helafbeyli" not in spellings  # no Turkish spelling mixes them the other way


def test_a_name_of_several_common_words_gets_its_turkish_spelling(tmp_path) -> None:
    rows = _builder(tmp_path, {"made_gapi": "Qapı", "made_gara_gapi": "Qara Qapı"})
    assert ("made_gara_gapi", "Kara Kapı") in rows  # a phrase is no Turkish word
    assert ("made_gapi", "Kapı") not in rows  # a one-word name that is a frequent word is refused
    source = rows[("made_gara_gapi", "Kara Kapı")]
    assert "Azerbaijani name 'Qara Qapı'" in source and "made-up made_gara_gapi" in source


def test_a_spelling_of_the_second_round_keeps_its_source_and_the_first_rounds_rows(tmp_path) -> None:
    rows = _builder(tmp_path, {"made_kohna": "Köhnə Xəlfəbad"})
    assert ("made_kohna", "Köhne Helfebad") in rows  # the letters' spelling, first round
    assert ("made_kohna", "Eski Helfebad") in rows
    assert ("made_kohna", "Eski Halfebad") in rows
    assert "Köhnə>Eski" in rows[("made_kohna", "Eski Helfebad")]
    assert "Azerbaijani name 'Köhnə Xəlfəbad'" in rows[("made_kohna", "Eski Halfebad")]


def test_a_guessed_spelling_that_folds_like_a_frequent_turkish_word_is_refused(tmp_path) -> None:
    rows = _builder(tmp_path, {"made_khalai": "Xəlai"})
    assert ("made_khalai", "Helai") in rows  # the letters' spelling
    assert ("made_khalai", "Halai") not in rows  # folds like halay (a folk dance), no word as written
