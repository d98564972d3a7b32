"""Three things the words around a name settle: a given name before the father's name and
a patronymic's word (Laçın Vaqif oğlu, Физули Эльман оглы) is a person's; a Turkic case
ending set off by an apostrophe makes a name's case even where the letters, folded,
spell a frequent word (Türkiye'de), unless the stem is itself a word (Mayıs'ta, in May);
a name that is also a common word counts when its district follows after a comma, as an
address writes it (Sus, Laçın rayonu). The sentences are written for these tests, not
taken from any evaluation set."""

from __future__ import annotations

import pytest

from .conftest import found


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Əliyev Laçın Vaqif oğlu, Ağdam şəhərində işləyir.", [("Ağdam", "aghdam")]),
        ("Rauf Cəbrayıl oğlu Məmmədov Ağdamda yaşayır.", [("Ağdamda", "aghdam")]),
        ("Наградить Мамедова Джабраила Рауф оглы, жителя Агдама.", [("Агдама", "aghdam")]),
        ("Гасанова Физули Эльман оглы живёт в Агдаме.", [("Агдаме", "aghdam")]),
        ("The medal went to Aliyev Lachin Vagif oglu of Aghdam.", [("Aghdam", "aghdam")]),
    ],
)
def test_a_given_name_before_a_patronymic_is_a_persons(gz, text, kept):
    assert found(gz, text) == kept


def test_a_place_in_a_case_of_place_before_an_epithet_stays_the_place(gz):
    # "Xan qızı" (the Khan's daughter) is Natavan's epithet, not a patronymic of Shusha
    text = "Markada Şuşadakı Xan qızı Natəvanın evi təsvir olunub."
    assert found(gz, text) == [("Şuşadakı", "shusha")]


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Ehliyetler Türkiye'de de geçerlidir.", [("Türkiye'de", "turkey")]),
        ("Halı Türkiye’de üretilmiş.", [("Türkiye’de", "turkey")]),
    ],
)
def test_a_case_ending_after_an_apostrophe_makes_a_names_case(gz, text, kept):
    assert found(gz, text) == kept


def test_a_frequent_word_before_an_apostrophe_stays_a_word(gz):
    # Mayıs (May) names a village too; "Mayıs'ta" is the month's locative
    assert found(gz, "Araç 10 Mayıs'ta Şerur'a gidecek.") == [("Şerur'a", "sharur")]


@pytest.mark.parametrize(
    "text",
    [
        "Ünvan: Sus, Laçın rayonu, AZ 4711.",
        "Ünvan: Sus, Laçın r-nu, AZ 4711.",
        "Sus, Lachin district, has a new school.",
    ],
)
def test_a_common_word_with_its_district_after_a_comma_is_the_village(gz, text):
    assert [i for _t, i in found(gz, text)][:1] == ["sus"]


def test_a_common_word_alone_at_a_sentence_start_stays_a_word(gz):
    assert found(gz, "Sus, uşaq yatır.") == []


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Qonşumuz Laçın xala hər axşam bizə Tuğ kəndindən danışardı.", [("Tuğ", "tug")]),
        ("Ailesi Gence'de yaşıyor; kızı Şuşa doktor oldu.", [("Gence'de", "ganja")]),
        ("We stayed in Goris with my brother Lachin and his family.", [("Goris", "goris")]),
    ],
)
def test_kin_words_around_a_given_name_make_it_a_persons(gz, text, kept):
    assert found(gz, text) == kept


@pytest.mark.parametrize(
    "text, kept",
    [
        # Azerbaijani and Turkish put the verb last: a kin word opens a clause whose
        # object may be a place ("my grandmother talked of the Araz's bank")
        ("Nənəm Araz sahilindəki bağlardan danışardı.", [("Araz", "araz_river")]),
        ("2000'de Kars'a tayin oldum, en son Ankara.", [("Kars'a", "kars"), ("Ankara", "ankara_tr")]),
    ],
)
def test_a_kin_word_before_a_place_in_a_verb_last_language_keeps_the_place(gz, text, kept):
    assert found(gz, text) == kept


@pytest.mark.parametrize(
    "text, kept",
    [
        ("A nineteenth-century Karabakh carpet from Hadrut is on show.", [("Hadrut", "hadrut")]),
        ("Babam Şuşa'da Karabağ halısı dokurdu.", [("Şuşa'da", "shusha")]),
        ("Nənəm Qarabağ xalçası toxuyurdu.", []),
    ],
)
def test_a_carpet_named_after_a_place_is_a_kind_not_a_mention(gz, text, kept):
    assert found(gz, text) == kept


def test_a_plural_cue_after_a_list_reaches_an_item_before_a_two_word_name(gz):
    text = "Layihə çərçivəsində Tuğ və Böyük Tağlar kəndlərinə də yeni xətlər çəkiləcək."
    assert [i for _t, i in found(gz, text)] == ["tug", "boyuk_taglar"]


def test_an_armenian_quoted_name_before_a_work_word_is_the_works_title(gz):
    # «Շուշի» ֆիլմում: in the film "Shushi"; the town named bare after it stays
    text = "Դերասանը նկարահանվել է «Շուշի» ֆիլմում, որը նկարահանվել է Շուշիում։"
    assert found(gz, text) == [("Շուշիում", "shusha")]
