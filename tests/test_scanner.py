"""Gazetteer.extract / mentions and extract_stream offsets."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.documents import extract_stream

from . import passages as P


def ids(gz, text):
    return [r["id"] for r in gz.extract(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (P.ENGLISH, P.ENGLISH_IDS),
        (P.AZERBAIJANI, P.AZERBAIJANI_IDS),
        (P.RUSSIAN, P.RUSSIAN_IDS),
        (P.TURKISH, P.TURKISH_IDS),
        (P.ARMENIAN, P.ARMENIAN_IDS),
        (P.CUES, P.CUES_IDS),
        (P.NEGATIVES, []),
    ],
    ids=["en", "az", "ru", "tr", "hy", "cues", "negatives"],
)
def test_passage_ids(gz, text, expected):
    got = [(r["text"], r["id"]) for r in gz.extract(text)]
    assert [i for _, i in got] == expected, got


def test_surface_texts(gz):
    assert [r["text"] for r in gz.extract(P.RUSSIAN)] == ["Шуше", "Физулинского района", "Гадрут"]
    assert [r["text"] for r in gz.extract(P.TURKISH)] == ["Hadrut'a", "Cebrail'in", "Ağdam'da"]


def test_record_fields(gz):
    (rec,) = gz.extract("Shells fell on Füzulidə.")
    assert rec["start"] == 15 and rec["end"] == 23 and rec["text"] == "Füzulidə"
    assert rec["id"] == "fuzuli" and rec["name"] == "Fuzuli" and rec["country"] == "AZ"
    assert rec["method"] == "inflection"
    assert isinstance(rec["lat"], float) and isinstance(rec["score"], float)
    (az,) = gz.extract("Shells fell on Füzulidə.", naming="az")
    assert az["name"] == "Füzuli"


def test_cue_words(gz):
    recs = gz.extract("Gabriel region and the villages of Gabriel.")
    assert [(r["id"], r["cue"]) for r in recs] == [("jabrayil_district", "region"), ("jabrayil", "villages of")]


def test_needs_context_without_cue_is_dropped(gz):
    assert ids(gz, "Gabriel said hello.") == []
    assert ids(gz, "Peter Gabriel played a concert.") == []


def test_person_and_org_context(gz):
    assert ids(gz, "Mr Shusha said nothing.") == []
    assert ids(gz, "They met at the Shusha Hotel on Lachin Street.") == []
    assert ids(gz, "The OSCE Minsk Group met again.") == []


def test_sentence_initial_common_word_is_not_a_place(gz):
    # Azerbaijani "Səhər" (morning) at the start of a sentence is not the village Saray (Qubadli)
    assert ids(gz, "Səhər tezdən Ağdama getdik.") == ["aghdam"]


def test_capitalised_dish_is_not_terter(gz):
    # "Tartare" is a French/English word, not Tartar (Terter) with a Russian or Turkic ending
    assert ids(gz, "Tartare de boeuf is served at noon.") == []


def test_dateline_in_capitals(gz):
    recs = gz.extract("AGDAM, Azerbaijan (AP) - Demining continues.")
    assert [(r["text"], r["id"]) for r in recs] == [("AGDAM", "aghdam"), ("Azerbaijan", "azerbaijan")]


def test_empty_and_whitespace(gz):
    assert gz.extract("") == []
    assert gz.extract(" \r\n\t") == []


# ----------------------------------------------------------------- span properties
_WORDS = st.sampled_from(
    [
        "the",
        "and",
        "road",
        "Shells",
        "hit",
        "köçkünlər",
        "yol",
        "журналисты",
        "село",
        "Լրագրողները",
        "über",
        "naïve",
        "日本",
        "🙂",
        "x",
        "A",
        "qayıtdı",
        "ulaştı",
        "Peter",
        "Gabriel",
        "OSCE",
        "Minsk",
        "Group",
    ]
)
_SEPS = st.sampled_from([" ", "  ", ", ", ". ", "\n", "\r\n", "\r", "\t", " - ", " (", ") ", "\u00a0", "; "])
_NAMES = st.sampled_from([s for s, _ in P.INJECTED])
_NOISE = st.text(alphabet=st.characters(blacklist_characters="\x00"), max_size=6)  # NUL means binary


@st.composite
def passages(draw, max_parts=25):
    n = draw(st.integers(1, max_parts))
    out = []
    for _ in range(n):
        out.append(draw(st.one_of(_WORDS, _NAMES, _WORDS, _NOISE)))
        out.append(draw(_SEPS))
    return "".join(out)


@settings(max_examples=80)
@given(passages())
def test_spans_slice_to_surface(gz, text):
    recs = gz.extract(text)
    last_end = 0
    for r in recs:
        assert text[r["start"] : r["end"]] == r["text"]
        assert r["start"] >= last_end  # in order, not overlapping
        last_end = r["end"]


_NEUTRAL = st.sampled_from(
    ["the road", "was closed", "köçkünlər qayıtdı", "журналисты", "ulaştı", "residents said", "42", "naïve", "🙂"]
)


@settings(max_examples=60)
@given(
    st.lists(st.one_of(_NEUTRAL, st.sampled_from(P.INJECTED)), min_size=1, max_size=12),
    st.sampled_from([", ", "; ", "\n", "\r\n", " - "]),
)
def test_injected_names_are_found(gz, items, sep):
    text = "Reports: " + sep.join(x if isinstance(x, str) else x[0] for x in items) + "."
    found = ids(gz, text)
    expected = [x[1] for x in items if not isinstance(x, str)]
    assert found == expected, text


_ENCODINGS = ["utf-8", "utf-16-le", "utf-16-be"]


@settings(max_examples=60)
@given(passages(), st.sampled_from(_ENCODINGS), st.sampled_from([b"", b"\xff", b"\xc3\x28"]))
def test_stream_offsets_slice_bytes(gz, text, encoding, junk):
    bom = {"utf-8": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    data = bom + text.encode(encoding)
    if encoding == "utf-8":
        data += junk + text.encode(encoding)  # invalid bytes in the middle
    decoded = data.decode(encoding, "surrogateescape" if encoding == "utf-8" else "strict")
    recs = list(extract_stream(gz, io.BytesIO(data), block=64))
    for r in recs:
        assert decoded[r["start"] : r["end"]] == r["text"]
        assert data[r["byte_start"] : r["byte_end"]].decode(encoding) == r["text"]
    # every mention of the stream is a mention of the whole text, at the same place
    whole = {(r["start"], r["end"], r["id"]) for r in gz.extract(decoded)}
    assert {(r["start"], r["end"], r["id"]) for r in recs} <= whole


def test_stream_mentions_do_not_depend_on_block_size(gz):
    # "one sense per discourse": a later Cəbrayıl confirms an earlier needs-context "Gabriel".
    # Reading the same bytes in smaller blocks must not change which mentions are found.
    text = "Shelling was heard near Gabriel\nlate at night. Residents of Cəbrayıl left.\n"
    whole = [(r["start"], r["id"]) for r in gz.extract(text)]
    assert whole == [(text.index("Gabriel"), "jabrayil"), (text.index("Cəbrayıl"), "jabrayil")]
    data = text.encode("utf-8")
    for block in (1 << 20, 64, 16):
        got = [(r["start"], r["id"]) for r in extract_stream(gz, io.BytesIO(data), block=block)]
        assert got == whole, f"block={block}: {got}"


def test_stream_offsets_across_blocks(gz):
    line = "Shells hit Füzulidə and в Гадруте.\r\n"
    data = ("\ufeff" + line * 50).encode("utf-8")
    recs = list(extract_stream(gz, io.BytesIO(data), block=7))
    assert len(recs) == 100
    assert {r["id"] for r in recs} == {"fuzuli", "hadrut"}
    text = data.decode("utf-8")
    for r in recs:
        assert text[r["start"] : r["end"]] == r["text"]
        assert data[r["byte_start"] : r["byte_end"]].decode("utf-8") == r["text"]


def test_plural_cue_applies_to_a_coordinated_pair(gz):
    ids = [m["id"] for m in gz.extract("Shelling hit the Jabrayil and Fizuli districts.")]
    assert ids == ["jabrayil_district", "fuzuli_district"]
    ids = [m["id"] for m in gz.extract("Nümayəndə heyəti Qubadlı və Laçın rayonlarına səfər edib.")]
    assert ids == ["qubadli_district", "lachin_district"]


def test_foreign_city_as_a_first_name_is_not_a_place(gz):
    ids = [m["id"] for m in gz.extract("Nikol Pashinyan spoke to Vladimir Putin about Goris.")]
    assert ids == ["goris"]


def test_two_capitalised_villages_without_punctuation_are_a_person(gz):
    # Azerbaijani surnames end in -li like village names: "Ali Karimli" is a person
    assert gz.extract("Opposition leader Ali Karimli spoke.") == []


# ------------------------------------------------------ rules found on new passages
@pytest.mark.parametrize(
    "text, expected",
    [
        # English possessives
        ("Azerbaijan's army entered Shusha’s old quarter.", ["azerbaijan", "shusha"]),
        # a title before a country or a declined name is no person
        ("Президент России заявил, что переговоры продолжатся.", ["russia"]),
        # a case ending on either word: no person's name
        ("Yeni qatar Horadizdən Ağbəndə gedəcək.", ["horadiz", "aghband"]),
        # a place name before a family name is a first name
        ("Ararat Mirzoyan met officials in Ararat on Monday.", ["ararat"]),
        # organisations in four languages
        ("Qarabağ FK won; Минская группа ОБСЕ распущена; ATƏT-in Minsk qrupu toplandı.", []),
        # ilə/ile coordinate like 'and'; a route's dash lists places
        ("Cebrail ile Ağdere yönünde operasyon yapıldı.", ["jabrayil", "aghdara"]),
        ("Work on the Gabriel-Zengilan highway resumed.", ["jabrayil", "zangilan"]),
        # a town's centre is a place cue
        ("Cebrail'in merkezinde yeni okul açıldı.", ["jabrayil"]),
        # lowercased by translation, after a locative preposition
        ("He gave a speech in ganja yesterday, then ordered tartar sauce.", ["ganja"]),
        # a comma after a sentence's first word is no list
        ("Tünel, Azerbaycan'ın en uzun tüneli oldu.", ["azerbaijan"]),
        # Russian genitive of a town over a village spelt like it
        ("Снаряды падали у Гориса.", ["goris"]),
        # a river's kind word does not make the bare town's name the river
        (
            "Fighting between Aghdam and Tartar, and along the Tartar river, went on.",
            ["aghdam", "terter", "terter_river"],
        ),
    ],
)
def test_rules_from_new_passages(gz, text, expected):
    assert ids(gz, text) == expected


def test_russian_adjective_alone_is_a_place_only_without_another_noun(gz):
    assert ids(gz, "Сапёры Азербайджанского агентства прибыли.") == []
    got = ids(gz, "После Кельбаджарского района настала очередь Лачинского.")
    assert got[0] == "kalbajar_district" and got[1].startswith("lachin")


def test_russian_postal_abbreviation_is_a_district_cue(gz):
    """Address lines and tables abbreviate район as р-н (р-на, р-не) and область as обл.:
    a district's adjective before them is the district, as before the whole word."""
    got = gz.extract("Адрес: Тертерский р-н, с. Талыш. Хозяйства Кубатлинского р-на и в Лачинском р-не.")
    assert [(r["text"], r["id"]) for r in got][:1] == [("Тертерский", "terter_district")]
    assert {"qubadli_district", "lachin_district"} <= {r["id"] for r in got}
    assert ids(gz, "Агдам обл.") == ["aghdam_district"]


def test_possessive_kept_when_normalised(gz):
    assert gz.normalise("Xankəndi's mayor") == "Khankendi's mayor"


def test_village_in_the_district_named_before_it(gz):
    """Several villages are called Talış; the text's 'Tərtər rayonunun' picks Tartar's."""
    got = gz.extract("Əkin Ağdam rayonunda başladı. Tərtər rayonunun Suqovuşan və Talış kəndlərində davam edir.")
    assert [r["id"] for r in got][-1] == "talish_terter"


def test_bare_name_is_the_village_not_the_river(gz):
    """Yeraskh is a village and the Armenian name of the Araks: bare, it is the village;
    settled once by a cue, later mentions keep that sense whatever the distances say."""
    assert ids(gz, "Shots were heard near Yeraskh on Tuesday.") == ["yeraskh"]
    text = "The village of Yeraskh lies on the Araks. Farmers in Yeraskh fear the border road."
    assert ids(gz, text) == ["yeraskh", "araz_river", "yeraskh"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a list of villages, each with its district in brackets
        (
            "Returned in May:\n1. Talish (Tartar district): 90 families\n2. Sus (Lachin district): 12 families",
            ["talish_terter", "terter_district", "sus", "lachin_district"],
        ),
        # poets and languages are not places
        ("Tribünde şair Fuzuli'nin dizeleri Azerbaycan Türkçesiyle okundu.", []),
        ("Он читал стихи поэта Физули.", []),
        ("O, əvvəlcə Azərbaycan dilində danışdı.", []),
        # a club's name in guillemets
        ("Футбольный клуб «Карабах» провёл матч в Баку.", ["baku"]),
        # a title before a place in the locative is no person
        ("Prezident Bakıda çıxış etdi.", ["baku"]),
        # a district's cue does not make a later bare name the district
        ("Villages of the Gabriel region were cleared; Gabriel center is next.", ["jabrayil_district", "jabrayil"]),
    ],
)
def test_rules_from_a_second_set_of_passages(gz, text, expected):
    assert ids(gz, text) == expected


def test_spellings_derived_from_azerbaijani_names(gz):
    """Turkish letters (Hocavend, Serseng) and copy without diacritics (Sugovusan, Lacin)."""
    got = ids(gz, "Families returned to Sugovusan and the Lacin road reopened; Serseng Barajı'ndan su gelecek.")
    assert got == ["sugovushan", "lachin", "sarsang_reservoir"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # lowercased by translation, but with a cue: villages and cities count
        (
            "Families moved to lachin region's gorchu village and to the forum in baku city.",
            ["lachin_district", "gorchu", "baku"],
        ),
        # organisations of two words after the name
        ("Students of Baku State University and Bakı Dövlət Universiteti met.", []),
        ("Gəncə Hava Yolları yeni reys açdı.", []),
        # a Russian adjective begins a name of its own: the university is in the town
        ("В Шуше Азербайджанский университет открыл новый корпус.", ["shusha"]),
        ("Вчера в Лачине Азербайджанский технический университет открыл филиал.", ["lachin"]),
        # quoted names are clubs, unions, songs
        ('Şuşada "Qarabağ" ictimai birliyi toplandı.', ["shusha"]),
        # a title with a period
        ("Prof. Dr. Aras Demir said the river is clean.", []),
        # a whole word with a period ends its sentence: the name after it is no person's
        ("The talks ended at the ministry. Ganja hosted the next round.", ["ganja"]),
        ("Պատգամավոր. Բագրատաշենի անցակետը փակ է։", ["bagratashen"]),
        # a word with a case ending after an apostrophe is no given name: the village after
        # it is no family name
        ("Sabah Yeşil Vadi'den Daşaltı yoluna indik.", ["dashalti"]),
        ("Yeni Körpü'dən Daşaltı yoluna düşdük.", ["dashalti"]),
        # a Russian adjective after a first name is a family name
        ("Историк Дмитрий Шушинский рассказал о дороге.", []),
        # war reports: directions are places
        ("Döyüşlər Suqovuşan və Talış istiqamətlərində davam edir.", ["sugovushan", "talish_terter"]),
        # a title before a district is no person
        ("Prezident Xocavənd rayonunun Hadrut qəsəbəsində oldu.", ["khojavend_district", "hadrut"]),
    ],
)
def test_rules_from_a_third_set_of_passages(gz, text, expected):
    assert ids(gz, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a Latin word matching only a Cyrillic, Armenian or Arabic name (Банк, Օմար, قطر)
        ("The Central Bank raised rates; Bank officials and Omar Khan spoke.", []),
        ("Qtr ended Jan 31; the Bank's net profit rose.", []),
        # ... is still a place with a cue, and long transliterations count (Шафибейли)
        ("Neftçala rayonunun Bank qəsəbəsində yeni məktəb açıldı.", ["neftchala_district", "banka"]),
        # abbreviations only in capitals: Baa is a credit rating, BƏƏ the Emirates
        ("Moody's rated the notes Baa and the bank A.", []),
        # Turkic endings are not read into English words
        ("Bakunin and Goria wrote about Baku and Gori.", ["baku", "gori"]),
        ("Fuzuli'de ve Füzulidə kutlama yapıldı.", ["fuzuli", "fuzuli"]),
        # the end of a name that is not ours
        ("Refiners in New Jersey and New Mexico, and in Mexico and New York.", ["mexico", "new_york_citi"]),
    ],
)
def test_english_news_lookalikes(gz, text, expected):
    assert ids(gz, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a river named by its kind word is what a later form of the same name means; a
        # river named otherwise does not pull a village of another name
        (
            "Araz çayında su azalıb. Tullantılar Oxçuçay vasitəsilə Araza axır.",
            ["araz_river", "okhchuchay_river", "araz_river"],
        ),
        ("The Aras river marks the border; the highway to Yeraskh runs beside it.", ["araz_river", "yeraskh"]),
        # a genitive in Azerbaijani letters outranks a village spelled like it
        (
            "Araz çayı boyunca, Ağbənd yaxınlığında Arazın üzərindən körpü salınır.",
            ["araz_river", "aghband", "araz_river"],
        ),
        # a plural cue before or after a list reaches every name of it
        ("Бригады работают в сёлах Хндзореск, Веришен и Тех.", ["khndzoresk", "verishen", "tegh"]),
        # banks and tributaries are a river's
        ("Готовы мосты через притоки Аракса.", ["araz_river"]),
        # a direction from a place is a place cue
        ("Hat, Fuzuli ilçesinden başlayıp Cebrail'in güneyinden geçiyor.", ["fuzuli_district", "jabrayil"]),
        # a poet next to his works, or after an artist's title in any case, is no town
        ("Actors read the ghazals of Fuzuli in Shusha.", ["shusha"]),
        ("Актёры читали газели Физули в Шуше.", ["shusha"]),
        ("Festivalda Füzulinin qəzəllərinə həsr olunmuş gecə keçirildi.", []),
        ("Kültür merkezi adını şair Fuzuli'den alıyor.", []),
        # a country before a ministry is a mention (as the benchmark annotates it)
        ("Türkiye Dışişleri Bakanlığı saldırıyı kınadı.", ["turkey"]),
    ],
)
def test_rules_from_fresh_passages(gz, text, expected):
    assert ids(gz, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # in football copy a town or region named without a case of place is its club
        (
            "Qarabağ beat Sabah 2-0 in Baku on Sunday; the coach praised the fans.",
            ["baku"],
        ),
        ("Karabağ'ın golleri ikinci yarıda geldi; takım maçtan sonra Ağdam'a döndü. Lig devam ediyor.", ["aghdam"]),
        # ... but a culture page reporting one match keeps its other places
        (
            "Ganja marked the poet's anniversary. Qarabağ FK played a match; a midfielder scored. "
            "The festival ends in Shamkir.",
            ["ganja", "shamkir"],
        ),
        # a quoted club name opening a headline, and the second word of a quoted pair
        ('"Qarabağ" "Araz-Naxçıvan"ı məğlub edib.', []),
    ],
)
def test_football_clubs_are_not_places(gz, text, expected):
    assert ids(gz, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a name in a case of place or direction is no first name before another word
        ("Şəxs Rusiya vətəndaşlığından imtina edərək Moskvadan Xankəndiyə gəlib.", ["russia", "moscow", "khankendi"]),
        # ... but a word with another ending still starts a person's name
        ("Sürücü Füzuli Məmmədov xəsarət alıb.", []),
        # a cue that fits no reading of a common word: the Middle Corridor
        ("Hattın tamamlanmasıyla Orta Koridor'daki taşımacılık artacak.", []),
        # a locative preposition governs a lowercase list (machine translation)
        ("Families who lived in ganja, sumgait and mingachevir were given keys.", ["ganja", "sumgait", "mingachevir"]),
    ],
)
def test_cases_cues_and_lowercase_lists(gz, text, expected):
    assert ids(gz, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a country before a ministry is a mention; before a company or museum it is not
        ("An Iran Foreign Ministry spokesman spoke, and Russia's Foreign Ministry agreed.", ["iran", "russia"]),
        ("A show from the Azerbaijan National Carpet Museum and the Karabakh Revival Fund.", []),
        # the dash of a dateline is no part of an organisation's name
        ("BAKÜ - Azerbaycan Demir Yolları hattı tamamladı.", ["baku"]),
        # a poet after his works, or after a title and a first name
        ("The opera is based on the poem by Fuzuli.", []),
        ("Зал посвящён поэту Мухаммеду Физули.", []),
        # a club word after a Turkish suffix
        ("Karabağ FK'nın maçları Bakü'de oynandı.", ["baku"]),
        ("Ziyaretçiler Cebrail yakınlarındaki köprüleri gezdi.", ["jabrayil"]),
    ],
)
def test_rules_from_sets_in_the_benchmarks_styles(gz, text, expected):
    assert ids(gz, text) == expected


def test_district_named_right_after_picks_the_village(gz):
    """Two villages are named Shuraabad; 'in Aghdam district' right after says which."""
    got = gz.extract("Families were housed in the rebuilt villages of Boyahmedli and Shuraabad in Aghdam district.")
    shuraabad = [r for r in got if r["text"] == "Shuraabad"]
    assert shuraabad and gz.place(shuraabad[0]["id"])["parent"] == "aghdam_district"


def test_a_poets_memorials_name_the_poet(gz):
    got = ids(gz, "A literary evening in Ganja, where Nizami's mausoleum was rebuilt; Мавзолей Низами в Гяндже.")
    assert got == ["ganja", "ganja"]
    assert ids(gz, "Armenia's grave concern was noted in Shusha.") == ["armenia", "shusha"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a list of one district's villages, each opening its line
        (
            "Schools reopened in the Jabrayil district.\nSoltanli — two schools.\nMehdili — one school.",
            ["jabrayil_district", "soltanli", "mehdili"],
        ),
        (
            "Ремонт дорог в Джебраильском районе.\nСолтанлы — две школы.\nМехдили — одна школа.",
            ["jabrayil_district", "soltanli", "mehdili"],
        ),
        # nothing near: the villages wait and are dropped
        ("Soltanli — two schools.\nMehdili — one school.", []),
        ("Schools reopened in Gabala.\nSoltanli — two schools.", ["gabala"]),
    ],
)
def test_village_opening_a_sentence_is_the_village_when_the_texts_places_lie_near(gz, text, expected):
    assert [m["id"] for m in gz.extract(text)] == expected


def test_word_read_through_an_ending_at_a_sentence_start_is_not_corroborated_by_nearness(gz):
    # "Karvanda" (in the caravan) reads as a case of Garvand near Fuzuli, but a common
    # noun's case opens sentences as often: nearness alone does not make it the village
    text = "Yeni məktəb Füzulidə açılıb. Karvanda uşaqlar da var idi."
    assert [m["id"] for m in gz.extract(text)] == ["fuzuli"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the text's other places crowd round Armenia's Martuni, none near Khojavend's
        (
            "Вчера в Мартуни и в окрестностях Вардениса, в марзе Гехаркуник, шёл снег.",
            ["martuni_gegarkunik", "vardenis", "gegarkunik_province"],
        ),
        (
            "Snow fell in Martuni and around Vardenis, in Gegharkunik province.",
            ["martuni_gegarkunik", "vardenis", "gegarkunik_province"],
        ),
        # nothing crowds round the other reading: the name keeps its first
        ("Snow fell in Martuni and Hadrut.", ["khojavend", "hadrut"]),
        # a town does not become a village of its name because the text's places lie near that village
        ("Buses ran from Yerevan and Masis to Vardenis.", ["yerevan", "masis", "vardenis"]),
    ],
)
def test_a_name_turns_to_the_reading_the_texts_other_places_crowd_round(gz, text, expected):
    assert [m["id"] for m in gz.extract(text)] == expected


@pytest.mark.parametrize(
    ("text", "place", "cue"),
    [
        # in football copy a town's name alone is its club, but a birthplace is a place
        ("Karabağ, Kocaelispor'u 2-1 yendi. Maçın yıldızı Kelbecer doğumlu kaleci oldu.", "kalbajar", "doğumlu"),
        ("Qarabağ Sabahı 2:0 məğlub etdi. Qolu Füzuli əsilli hücumçu vurdu.", "fuzuli", "əsilli"),
        ("Qarabag beat Sabah 2-0; the goal came from a striker born in Lachin.", "lachin", "born in"),
        ("«Карабах» обыграл «Сабах» 2:0; гол забил нападающий, уроженец Шуши.", "shusha", "уроженец"),
    ],
)
def test_a_birthplace_phrase_is_a_cue_even_in_football_copy(gz, text, place, cue):
    found = {r["id"]: r["cue"] for r in gz.extract(text)}
    assert found.get(place) is not None and found[place].lower() == cue
