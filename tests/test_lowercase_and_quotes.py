"""Issue 12, lower-case and quoted text: a lower-case name counts where a cue, a preposition
of place, a Turkic case of place or a wholly lower-case text settles it; quotation marks
alone do not make a name a club's; zero-width characters and soft hyphens do not hide a
name; CamelCase hashtags are cut into their words. The sentences are written for these
tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.text.tokens import SPLIT, camel_words, split_hashtags

from .test_normalise import _check_only_spans_changed, _normalise_bytes


def ids(gz, text: str) -> list[str]:
    return [m["id"] for m in gz.extract(text)]


def surfaces(gz, text: str) -> list[str]:
    return [m["text"] for m in gz.extract(text)]


# ----------------------------------------------------------------- lower-case names
@pytest.mark.parametrize(
    "text, place",
    [
        # en: after a preposition of place
        ("The convoy finally stopped in khankendi after dark.", "khankendi"),
        # en: a cue after the name
        ("Deminers are still at work in the gabriel region this week.", "jabrayil_district"),
        # ru: a preposition of place and a declined name, in a lower-case text
        ("вчера в степанакерте отключили свет.", "khankendi"),
        # ru: a cue before the name
        ("Дорогу отремонтировали у города шуша.", "shusha"),
        # az: a case of place on the name, in a lower-case text
        ("füzulidə yeni məktəb açılıb.", "fuzuli"),
        # tr: a case of place after an apostrophe, in a lower-case text
        ("ağdam'da yeni bir cami inşa ediliyor.", "aghdam"),
    ],
)
def test_lowercase_name_settled_by_cue_preposition_or_case(gz, text, place):
    assert place in ids(gz, text)


def test_lowercase_text_names_every_known_place(gz):
    text = (
        "the minister travelled from baku to shusha on friday. "
        "later he said that lachin and kalbajar will get new roads. "
        "residents of zangilan welcomed the plan."
    )
    got = ids(gz, text)
    for place in ("baku", "shusha", "lachin", "kalbajar", "zangilan"):
        assert place in got, (place, got)


def test_lowercase_russian_text_names_declined_places(gz):
    text = "жители шуши вернулись домой. из гадрута пришла колонна. в ханкенди тихо."
    got = ids(gz, text)
    for place in ("shusha", "hadrut", "khankendi"):
        assert place in got, (place, got)


def test_lowercase_town_named_like_a_word_is_the_place_near_the_texts_places(gz):
    # "баку" and "ереван" are also frequent words somewhere: in a lower-case text about the
    # region (Shusha, Hadrut) they are the capitals; "того" (Togo) stays a word
    text = "в шуше и гадруте снова тихо. баку молчит, ереван ждёт. после того, как всё стихло, люди вышли."
    got = ids(gz, text)
    assert "baku" in got and "yerevan" in got, got
    assert "togo" not in got


def test_lowercase_village_after_preposition_in_lowercase_text(gz):
    text = "the school opened last week. pupils in karxulu will start in autumn."
    assert "karkhulu" in ids(gz, text)


def test_short_lowercase_name_needs_a_cue(gz):
    assert "sus" in ids(gz, "A clinic opened in the village of sus this year.")
    assert "sus" not in ids(gz, "that plan sounds a bit sus to me. they did not agree.")


def test_tartar_sauce_is_not_terter_even_with_terter_named(gz):
    text = "Fish came with tartar sauce. Later we drove through Terter."
    got = gz.extract(text)
    assert [m["text"] for m in got] == ["Terter"]
    lower = "fish came with tartar sauce. later we drove through terter."
    assert [m["text"] for m in gz.extract(lower)] == ["terter"]


def test_common_word_in_lowercase_text_is_a_word(gz):
    # "bank", "van", "monastery" name places too, but in lower-case prose they are words
    text = "we parked the van near the bank. the monastery village was quiet."
    assert ids(gz, text) == []


def test_name_that_is_a_word_modifying_a_noun_is_the_word(gz):
    # "baku" is also a frequent word: before a lower-case noun, with no preposition, it is not
    # corroborated by the text alone; after a preposition it is the city
    assert "baku" in ids(gz, "the delegation flew from baku on monday.")


def test_inflected_lowercase_word_of_capitalised_text_is_a_word(gz):
    # a lower-case inflected word in a capitalised Russian text is not a name by its letters,
    # even after a preposition ("к линии", Lini); a name that is also a word waits there
    assert ids(gz, "Многие провели в пути больше суток. Потом они ждали.") == []
    assert ids(gz, "Фермеры вышли в поле у самой линии. Работы продолжаются.") == []
    assert ids(gz, "Фермеры подошли к линии фронта. Работы продолжаются.") == []


def test_capitalised_text_with_lowercase_name_and_no_evidence_waits(gz):
    # a lower-case name in capitalised prose, with no cue, preposition or list, needs its
    # place named elsewhere
    assert "shusha" not in ids(gz, "The Minister said shusha matters. He left.")
    assert ids(gz, "The Minister said shusha matters. He visited Shusha.").count("shusha") == 2


def test_lowercase_text_decision_is_per_text(gz):
    from gazetteer.scan.text_facts import Doc, lowercase_text

    engine = gz.scanner

    def lower(text):
        parts = split_hashtags(SPLIT.split(text))
        python = lowercase_text(Doc(text, parts, parts[1::2]), engine.vocabulary)
        compiled = engine._core.lowercase_text(text)  # None: the engine would ask Python
        assert compiled in (None, python)
        return python

    assert lower("residents returned on monday. the school opened. buses run again.")
    assert not lower("Residents returned on Monday. The school opened. Buses run again.")
    # a hard-wrapped line of prose continues its sentence: not a lower-case start
    assert not lower("Residents returned on Monday after\nthe ceremony. The school opened.")


# ----------------------------------------------------------------- quotes
@pytest.mark.parametrize(
    "text, place",
    [
        ('Locals say "Shusha" is a different town now.', "shusha"),
        ("The bus left for “Goris” at dawn.", "goris"),
        ("Туристы приехали в «Шушу» утром.", "shusha"),
        ("Reporters returned to ‘Lachin’ after the handover.", "lachin"),
        ("Gazeteciler „Ağdam“ şehrine gitti.", "aghdam"),
        ("Jurnalistlər ‹Şuşa›ya yola düşüb.", "shusha"),
    ],
)
def test_quotes_around_a_name_keep_it(gz, text, place):
    assert place in ids(gz, text)


@pytest.mark.parametrize(
    "text",
    [
        "ФК «Карабах» подписал нового вратаря.",
        '"Qarabağ" futbol klubu yeni məşqçi təyin edib.',
        'The club "Qarabag" signed a new goalkeeper.',
        "Он заказал бутылку портвейна «Агдам».",
        'Sahnəyə "Şuşa" ansamblı çıxdı.',
    ],
)
def test_quoted_name_of_a_club_firm_or_product_is_not_a_place(gz, text):
    assert ids(gz, text) in ([], ["azerbaijan"]), ids(gz, text)


@pytest.mark.parametrize(
    "text, places",
    [
        ("Пассажиры пересели на маршрутку «Горис — Татев».", ["goris", "tatev"]),
        ("The “Yerevan – Goris” bus was late again.", ["yerevan", "goris"]),
        ('"Bakı—Şuşa" avtobusu yola düşdü.', ["baku", "shusha"]),
    ],
)
def test_quoted_route_between_two_places_names_both(gz, text, places):
    assert ids(gz, text) == places


def test_quoted_double_name_joined_by_a_hyphen_stays_a_clubs(gz):
    assert ids(gz, "Клуб «Араз-Нахчыван» выиграл дома.") == []


def test_quoted_name_in_football_copy_is_the_club(gz):
    text = '"Qarabag" won 2-0 in the league on Sunday. The coach praised the goalkeeper after the match.'
    assert "karabakh" not in ids(gz, text)


# ----------------------------------------------------------------- invisible characters
@pytest.mark.parametrize(
    "text, place, surface",
    [
        ("Shelling near Füz\u200buli stopped.", "fuzuli", "Füz\u200buli"),
        ("Cəbra\u00adyıl rayonunda evlər tikilir.", "jabrayil_district", "Cəbra\u00adyıl rayonunda"),
        ("Дорога на Шу\u200dшу открыта.", "shusha", "Шу\u200dшу"),
    ],
)
def test_invisible_characters_inside_a_name_do_not_hide_it(gz, text, place, surface):
    got = gz.extract(text)
    assert [(m["id"], m["text"]) for m in got] == [(place, surface)]
    m = got[0]
    assert text[m["start"] : m["end"]] == surface


_INVISIBLE = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"])
_NAMES = st.sampled_from(["Füzuli", "Shusha", "Khankendi", "Ağdam", "Джебраил", "Laçın"])
_FRAME = st.sampled_from(["Shells fell on {}.", "{} rayonunda", "в {} тихо", "near {} and Baku", "{}"])


@settings(max_examples=60)
@given(_NAMES, _INVISIBLE, st.integers(1, 4), _FRAME)
def test_offsets_slice_to_the_surface_with_invisibles_injected(gz, name, mark, at, frame):
    at = min(at, len(name) - 1)
    text = frame.format(name[:at] + mark + name[at:])
    got = gz.extract(text)
    assert got, text
    for m in got:
        assert text[m["start"] : m["end"]] == m["text"]
    assert any(mark in m["text"] for m in got)


# ----------------------------------------------------------------- hashtags
def test_camelcase_hashtag_is_cut_into_words(gz):
    text = "Crowds chanted #KarabakhIsAzerbaijan in the square."
    got = gz.extract(text)
    assert [(m["id"], m["text"]) for m in got] == [("karabakh", "Karabakh"), ("azerbaijan", "Azerbaijan")]
    assert text[got[0]["start"] - 1] == "#"  # the span excludes '#'


def test_camel_words():
    assert camel_words("KarabakhIsAzerbaijan") == ["Karabakh", "Is", "Azerbaijan"]
    assert camel_words("VisitAZ") == ["Visit", "AZ"]
    assert camel_words("HRWReport") == ["HRW", "Report"]
    assert camel_words("shusha") is None
    assert camel_words("NATO") is None


def test_camelcase_outside_a_hashtag_stays_one_word():
    parts = split_hashtags(SPLIT.split("KarabakhIsAzerbaijan"))
    assert parts[1::2] == ["KarabakhIsAzerbaijan"]


# ----------------------------------------------------------------- normalise of lower-case text
_LOWER_WORDS = st.sampled_from(["the", "road", "from", "in", "to", "said", "and", "new", "school", ".", ","])
_LOWER_NAMES = st.sampled_from(["khankendi", "shusha", "fuzuli", "baku", "ağdam'da", "füzulidə", "в степанакерте"])


@st.composite
def lowercase_texts(draw):
    parts = []
    for _ in range(draw(st.integers(1, 20))):
        parts.append(draw(_LOWER_NAMES) if draw(st.integers(0, 3)) == 0 else draw(_LOWER_WORDS))
    return " ".join(parts)


@settings(max_examples=60)
@given(lowercase_texts())
def test_normalise_lowercase_text_changes_only_spans_and_is_idempotent(gz, text):
    data = text.encode("utf-8")
    once, changes, _ = _normalise_bytes(gz, data)
    _check_only_spans_changed(data, once, changes)
    twice, again, n = _normalise_bytes(gz, once)
    assert twice == once, [(c.old, c.new) for c in again]
    assert n == 0


def test_a_sentence_that_opens_with_a_name_is_no_lower_case_text(gz):
    # every word after the name is lower case, as Azerbaijani and Russian prose is; the
    # capital of the name is evidence enough: "binası" (its building) is no Binə
    found = [m.text for m in gz.mentions("Ağdamda yeni məktəb binası tikilir.")]
    assert found == ["Ağdamda"]
