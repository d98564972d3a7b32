"""extract on village names that look like words or short keys only as folded, and on
same-name villages whose district the text names right before them: a name whose fold
is a short English word (Tugh, folded "tug") in English prose; a short Armenian name
capitalised inside a sentence; a village after the word for an enclave; a district in
the genitive right before a village that shares its name with a town. The sentences are
written for these tests (not taken from any evaluation set)."""

from __future__ import annotations


def _ids(gz, text: str) -> list[tuple[str, str]]:
    return [(r["text"], r["id"]) for r in gz.extract(text)]


def test_name_folding_to_a_short_english_word_is_found_in_prose(gz):
    found = _ids(gz, "Engineers restored the water supply of Tugh last week.")
    assert ("Tugh", "tug") in found


def test_the_english_word_itself_stays_a_word(gz):
    found = _ids(gz, "A tug pulled the barge. Tug crews went on strike in the port.")
    assert [t for t, _ in found if t.lower() == "tug"] == []


def test_lower_case_spelling_still_needs_context(gz):
    # lower-cased copy: a person's name read through the fold is no place without a cue
    found = _ids(gz, "mahnını müğənni piter qabriel oxudu.")
    assert [t for t, _ in found if t == "qabriel"] == []


def test_short_armenian_name_capitalised_inside_a_sentence_is_the_village(gz):
    found = _ids(gz, "Երեկ Տողի դպրոցում նոր համակարգիչներ տեղադրվեցին։")
    assert ("Տողի", "tug") in found


def test_village_after_the_word_for_enclave_opening_a_sentence(gz):
    found = _ids(gz, "Анклавы Бархударлы и Кярки обсуждались на встрече.")
    assert ("Бархударлы", "barkhudarli") in found


def test_district_in_the_genitive_right_before_a_village_names_its_parent(gz):
    # Tovuz's village Ağdam, not the town Aghdam that outranks it
    found = _ids(gz, "Məktəb Tovuz rayonunun Ağdam kəndində yenidən açılıb.")
    assert ("Ağdam", "agdam") in found


def test_an_english_adjective_in_i_of_a_place_is_no_mention(gz):
    # a stem spelt the English way (kh, gh, sh...) with a bare -i is an adjective or a
    # demonym even in a headline too short to be read as English prose
    for text in ("Nakhchivani delegation lands in Tabriz", "Karabakhi carpets sold out", "Aghdami farmers return"):
        assert [t for t, _ in _ids(gz, text) if t.endswith("i")] == [], text


def test_a_turkic_case_in_i_is_still_read_on_a_turkic_spelling_or_after_an_apostrophe(gz):
    # the accusative of the same names in Azerbaijani letters, or after an apostrophe, is
    # the place
    karabakh = _ids(gz, "Qarabağ")[0][1]
    assert _ids(gz, "Qarabağı gördük.") == [("Qarabağı", karabakh)]
    assert _ids(gz, "Karabakh'ı gördük.") == [("Karabakh'ı", karabakh)]


def test_an_armenian_genitive_in_latin_letters_is_still_read(gz):
    # in a line of Armenian written in Latin letters -i is the genitive, not an adjective
    got = _ids(gz, "Mer tatikn Artsakhi gyughic er, hima Gorisum enq.")
    assert "Artsakhi" in [t for t, _ in got]


def test_a_union_or_association_named_after_a_place_is_no_mention(gz):
    # an organisation's word after the name, in each language's spelling of it; the
    # place itself stays a place in the same sentence
    for text, place in (
        ("The Tartar Survivors Union said that Baku had agreed.", "Baku"),
        ("Laçın Gazileri Derneği üyeleri Bakü'de toplandı.", "Bakü'de"),
        ("Ağdam Qazilər Birliyi Bakıda toplandı.", "Bakıda"),
        ("Կապանի կոմբինատի աշխատակիցները հավաքվեցին Երևանում։", "Երևանում"),
    ):
        assert [t for t, _ in _ids(gz, text)] == [place], text
