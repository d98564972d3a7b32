"""Armenian written in Latin letters in running text (chat posts, comments): a text with an
Armenian function word in Latin letters (lang/hy/latin_function_words.tsv) reads its words'
Armenian case endings and articles back to a place (Kapanic: from Kapan, Sisianum: in
Sisian, Dilijanov: by Dilijan), lower-case ones too, and its function words name no place;
English, Azerbaijani, Turkish and Russian text with the same letters is left as it was
(crates/gazetteer-core/src/scan/armenian_latin.rs). The sentences are written for these
tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from gazetteer.lang.hy.latin_text import ARMENIAN_LATIN, load_armenian_latin


def names(gz, text: str) -> list[tuple[str, str]]:
    return [(m["text"], m["name"]) for m in gz.extract(text)]


# ------------------------------------------------------- names read by their endings
@pytest.mark.parametrize(
    "text, surface, name",
    [
        ("Ereky Kapanic ekanq, shat hognac enq", "Kapanic", "Kapan"),
        ("Sisianum enq hima, vaxy gnum enq tun", "Sisianum", "Sisian"),
        ("Vanadzorum chka normal hivandanoc", "Vanadzorum", "Vanadzor"),
        ("Dilijanov gnacinq, chanaparhy shat lav er", "Dilijanov", "Dilijan"),
        ("Gyumrium ches exel? shat gexecik qaghaq a", "Gyumrium", "Gyumri"),
        ("Meghrium shat shog er, bayc lav er", "Meghrium", "Meghri"),
        ("Jermukum jury shat hamov a", "Jermukum", "Jermuk"),
        ("Yerevanic ekel en, menq el enq gnalu", "Yerevanic", "Yerevan"),
        ("Sevanum loxanq, heto gnacinq tun", "Sevanum", "Sevan"),
        ("Gorisits zangecin, asum en hima lav a", "Gorisits", "Goris"),
        ("Stepanakerty hima shat gexecik a", "Stepanakerty", "Khankendi"),
        ("Shushin shat lav er, mer mot el", "Shushin", "Shusha"),
        ("Shushiic ekanq, hima Yerevan enq", "Shushiic", "Shusha"),
        ("Kapani chanaparhy pak a, menq stegh enq", "Kapani", "Kapan"),
    ],
)
def test_a_case_ending_in_armenian_latin_text_reads_the_place(gz, text, surface, name):
    assert (surface, name) in names(gz, text)


@pytest.mark.parametrize(
    "text, surface, name",
    [
        ("askeranic zangecin, asum en amen inch normal a", "askeranic", "Askeran"),
        ("vardenisum dzyun a galis, chanaparhy pak a", "vardenisum", "Vardenis"),
        ("erek kapanum einq, aysor arden tann enq", "kapanum", "Kapan"),
        ("mer axjiky sisianic a, shat lav axjik a", "sisianic", "Sisian"),
    ],
)
def test_a_lower_case_name_with_an_armenian_ending_is_a_name(gz, text, surface, name):
    assert (surface, name) in names(gz, text)


def test_a_name_of_two_words_reads_the_ending_of_its_last(gz):
    got = names(gz, "Mets Tagheric ekanq, hima Yerevanum enq")
    assert ("Mets Tagheric", "Boyuk Taghlar") in got
    assert ("Yerevanum", "Yerevan") in got


def test_a_name_as_written_keeps_its_reading(gz):
    assert names(gz, "Jermuk gnacinq, shat lav er") == [("Jermuk", "Jermuk")]


# ------------------------------------------------------------- no place to find
@pytest.mark.parametrize(
    "text",
    [
        "barev, inch ka, vonc eq?",
        "hima tann enq, shat hognac enq",
        "vaxy ashxatanqi enq gnalu, heto kgrem",
        "menq el enq uzum gal, bayc chenq karox",
        "aysor shat shog a, durs chem galis",
        "duq erb eq galis? mer mot shat lav a",
    ],
)
def test_armenian_latin_chat_without_a_place_finds_none(gz, text):
    assert names(gz, text) == []


def test_a_function_word_names_no_place_in_armenian_latin_text(gz):
    # "galis" (is coming) folds like a place's key: in this text it is the verb
    assert all(surface != "galis" for surface, _ in names(gz, "vardenisum dzyun a galis"))


# -------------------------------------------------------------- other languages
@pytest.mark.parametrize(
    "text",
    [
        "The Gorisum festival opened yesterday in a small town near the border.",
        "We stayed in Kapanic Hotel for two nights, and it was an inch from the sea.",
        "Dün Kapanic adlı restorana gittik, ev çok güzeldi, mi?",
        "Biz Gorisum mahnısını dinlədik, ev çox gözəldir.",
        "Мы были в Sisianum вчера, очень хорошо.",
        "Yerevanum em",  # one weak word: not enough to read the text as Armenian
    ],
)
def test_other_languages_do_not_read_armenian_endings(gz, text):
    assert names(gz, text) == []


def test_each_line_is_decided_alone(gz):
    text = "Ereky Kapanic ekanq, shat hognac enq\nThe Gorisum festival opened.\nhaterki chanaparhov gnacinq\n"
    got = names(gz, text)
    assert ("Kapanic", "Kapan") in got
    assert ("haterki", "Həsənriz") in got
    assert all(surface != "Gorisum" for surface, _ in got)


def test_a_line_of_an_armenian_latin_post_needs_only_a_weak_word_of_its_own(gz):
    got = names(gz, "Sisianum enq hima, shat lav a\nShushin el lav er")
    assert ("Sisianum", "Sisian") in got
    assert ("Shushin", "Shusha") in got


def test_english_prose_with_an_armenian_word_is_still_english(gz):
    text = "The word shat means much, and the guide said that Gorisum is how locals say it."
    assert ("Gorisum", "Goris") not in names(gz, text)


# ------------------------------------------------------------------------ data
def test_function_words_are_sure_or_weak_and_endings_longest_first():
    data = load_armenian_latin()
    assert {"enq", "mej", "hamar", "shat", "chka"} <= data.sure_words
    assert {"u", "ev", "vor", "es", "em"} <= data.weak_words
    assert not data.sure_words & data.weak_words
    lengths = [len(e) for e in data.endings]
    assert lengths == sorted(lengths, reverse=True)
    assert {"um", "ic", "its", "i", "ov", "n"} <= set(data.endings)
    assert data == ARMENIAN_LATIN


def test_a_bad_function_word_row_is_one_clear_error(tmp_path):
    for name in ("latin_case_endings.tsv", "latin_text_endings.tsv"):
        (tmp_path / name).write_text("um\tlocative\n", encoding="utf-8")
    (tmp_path / "latin_function_words.tsv").write_text("enq\tmaybe\n", encoding="utf-8")
    with pytest.raises(ValueError, match="sure or weak"):
        load_armenian_latin(str(tmp_path))


# ------------------------------------------------------------------ the twin
_TWIN_TEXTS = [
    "Ereky Kapanic ekanq, shat hognac enq",
    "vardenisum dzyun a galis, chanaparhy pak a",
    "Mets Tagheric ekanq, hima Yerevanum enq",
    "haterki chanaparhov gnacinq, Shushin shat lav er",
    "The Gorisum festival opened yesterday in a small town near the border.",
    "Sisianum enq hima\nThe Gorisum festival opened.\nMets Tagheric ekanq",
]


@pytest.mark.parametrize("text", _TWIN_TEXTS)
def test_the_python_finder_reads_armenian_latin_text_as_the_engine_does(gz, text):
    from gazetteer.scan.candidates import Candidate, candidates

    engine = gz.scanner
    compiled = [Candidate(*c) for c in engine._core.candidates(text)]
    assert compiled == candidates(engine.vocabulary, text)
