"""The common-word list made by tools/make_common_words.py: frequent words of each
language are in it (Azerbaijani and Turkish inflected forms too), the region's towns,
cities, districts, regions and countries are not."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from gazetteer.table import read_places, read_variants
from gazetteer.text.folding import fold
from gazetteer.wordlist import COMMON, read_words, word_files

ROOT = Path(__file__).resolve().parent.parent


def _tool():  # noqa: ANN202 (the tool is a script, not a package module)
    spec = importlib.util.spec_from_file_location("make_common_words", ROOT / "tools" / "make_common_words.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # a dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def common() -> frozenset[str]:
    return frozenset(read_words(word_files()[COMMON]))


@pytest.mark.parametrize(
    "word",
    [
        # English, Russian, Turkish (wordfreq and FrequencyWords)
        "house", "government", "вода", "говорит", "çocuklar", "görüşmeleri",
        # Azerbaijani nouns and inflected forms (the Tesseract crawl list)
        "uşaqlar", "yazdı", "sülh", "şəhər", "binası", "məktəbə", "danışıqları",
    ],
)  # fmt: skip
def test_frequent_word_of_each_language_is_common(common: frozenset[str], word: str) -> None:
    assert fold(word) in common


@pytest.mark.parametrize("name", ["Bakıda", "Gəncədə", "Şuşa", "Ağdam", "Xankəndi", "Stepanakert", "Yerevan"])
def test_place_name_and_its_inflection_are_not_common(common: frozenset[str], name: str) -> None:
    assert fold(name) not in common


def test_no_name_of_a_town_district_region_or_country_is_common(common: frozenset[str]) -> None:
    naming = _tool().NAMING_LANGUAGES
    places = read_places(ROOT / "data" / "places.csv")
    major = {p.id for p in places if p.kind != "village"}
    # (an Azerbaijani or Russian name that is no variant, "Hacılar" of Mrgastan, is a
    # word first: the tool leaves out only its inflections)
    names = {fold(p.name) for p in places if p.id in major}
    variants = read_variants(ROOT / "data" / "variants.csv")
    names |= {fold(v.variant) for v in variants if v.id in major and v.lang in naming}
    assert not sorted(names & common)[:20], "run tools/make_common_words.py after tools/build_places.py"


@pytest.mark.parametrize(
    "word",
    [
        # Russian words that spell a country's or a town's name only in a language no text
        # we read is written in (Chuvash Грузи, Georgia; Mingrelian ქართი, Tbilisi; Avar
        # Комур, Gyumri)
        "грузы", "карты", "kömür",
    ],
)  # fmt: skip
def test_word_named_like_a_place_only_in_a_language_we_do_not_read_is_common(common: frozenset[str], word: str) -> None:
    assert fold(word) in common


def test_name_in_a_language_we_do_not_read_that_spells_a_word_needs_context() -> None:
    variants = read_variants(ROOT / "data" / "variants.csv")
    exotic = [v for v in variants if v.id == "georgia" and v.variant == "Грузи"]
    assert exotic and all(v.needs_context for v in exotic)


def test_frequent_word_spelled_like_a_foreign_name_of_a_country_is_no_mention(gz) -> None:
    # written for this test: "грузы" (cargo) is Georgia's name in Chuvash, folded
    for text in ("Грузы идут по железной дороге.", "Вчера грузы прошли таможню."):
        assert gz.extract(text) == []


def test_azerbaijani_list_reads_only_lower_case_words_above_its_rank() -> None:
    tool = _tool()
    lines = (ROOT / "data" / "reference" / "aze_wordlist_top.txt").read_text(encoding="utf-8").splitlines()[:40]
    read = [w for w in tool.reference_words(az_ranks=40, tr_count=10**9) if w.lang == "az"]
    assert read and {w.word for w in read} <= {w for w in lines if w == w.lower()}
    assert "və" in {w.word for w in read} and "Azərbaycan" not in {w.word for w in read}


def test_word_written_mostly_with_a_capital_is_a_name_not_a_word() -> None:
    by_word = {w.word: w for w in _tool().reference_words(tr_count=10**9)}
    assert by_word["uşaqlar"].word_over_name and by_word["binası"].word_over_name
    assert "bakıda" not in by_word or not by_word["bakıda"].word_over_name


def test_turkish_list_stops_at_its_count() -> None:
    counts = {}
    for line in (ROOT / "data" / "reference" / "tr_50k.txt").read_text(encoding="utf-8").splitlines():
        w, _, n = line.rpartition(" ")
        counts[w] = int(n)
    read = [w.word for w in _tool().reference_words(az_ranks=0, tr_count=5000) if w.lang == "tr"]
    assert read and all(counts[w] >= 5000 for w in read)
    assert len(read) == sum(1 for n in counts.values() if n >= 5000)


# A wholly lower-case Azerbaijani and a Turkish paragraph, written for this test: its
# everyday words fold like towns (uşaqlar / Uşak, yazdı / Yazd, binası / Binə, sülh /
# Sulh), one word is a town's locative (ağdamda).
LOWER_CASE_AZ = (
    "uşaqlar məktəbə getdilər və müəllim yazdı ki, sülh danışıqları davam edir. "
    "dövlət başçısı dünən ağdamda olub, yeni məktəb binasının açılışında iştirak edib."
)
LOWER_CASE_TR = "öğretmen barış görüşmelerinin sürdüğünü yazdı. sarayın bahçesinde binalar yıkıldı."


def test_lower_case_text_reads_its_words_as_words_and_its_town_as_a_town(gz) -> None:
    found = {(m["text"], m["id"]) for m in gz.extract(LOWER_CASE_AZ)}
    assert found == {("ağdamda", "aghdam")}
    assert gz.extract(LOWER_CASE_TR) == []
