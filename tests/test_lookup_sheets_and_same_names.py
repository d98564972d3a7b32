"""Lookups that forgive what people type (issue 13): a spreadsheet's qualified names
("District: Village", "Village, District" where the name names two districts or the
district by another era's name), the same-name choice between an attested village and a
record known by one bulk-import transliteration only, Spanish transcriptions and the
Armenian words of landforms, which are no place by themselves."""

from __future__ import annotations

from gazetteer import early
from gazetteer.matcher import transcription_readings
from gazetteer.records import PlaceRow
from gazetteer.table import CONFLICT_BOX


def _row(lat: float, lon: float, *, name_ru: str = "", kind: str = "village") -> PlaceRow:
    return PlaceRow("x", "X", kind, "AM", "", lat, lon, None, "", "", name_ru, "", "", 1.0)


def test_a_village_known_only_by_a_bulk_import_name_does_not_pass_an_attested_one():
    s, w, n, e = CONFLICT_BOX
    rows = {
        0: _row((s + n) / 2, (w + e) / 2),  # in the region, English-only
        1: _row(s - 2, w - 2, name_ru="Икс"),  # far, named in Russian too
        2: _row(s - 3, w - 3),  # far, English-only
    }
    best = {
        0: early.Candidate(0, 10, "exact", 100.0, 108.0, False),
        1: early.Candidate(1, 11, "folded", 97.0, 104.0, False),
        2: early.Candidate(2, 12, "folded", 97.0, 104.0, False),
    }
    early.prefer_region(best, rows.__getitem__, CONFLICT_BOX)
    early.prefer_attested(best, rows.__getitem__)
    order = sorted(best, key=lambda i: -best[i].rank)
    assert order[0] == 1
    assert best[0].rank == 104.0 - early.REGION_MARGIN
    # with no attested village of the name the region's preference is unchanged
    best = {
        0: early.Candidate(0, 10, "exact", 100.0, 100.0, False),
        2: early.Candidate(2, 12, "folded", 97.0, 104.0, False),
    }
    early.prefer_region(best, rows.__getitem__, CONFLICT_BOX)
    early.prefer_attested(best, rows.__getitem__)
    assert best[0].rank == 104.0 + early.REGION_MARGIN


def test_a_transcription_prefers_the_regions_attested_village_as_a_name_does():
    # Chanachtschi (German for Çanaqçı) reads four villages' names: the region's attested
    # one wins, as it would typed as its name; a misspelling's readings are left alone
    s, w, n, e = CONFLICT_BOX
    rows = {
        0: _row((s + n) / 2, (w + e) / 2, name_ru="Икс"),  # in the region, attested
        1: _row((s + n) / 2, (w + e) / 2 + 0.3),  # in the region, English-only
        2: _row(s - 2, w - 2, name_ru="Икс"),  # far, attested
    }
    for method, region_first in (("transcription", True), ("skeleton", False)):
        best = {
            0: early.Candidate(0, 10, method, 90.0, 101.0, False),
            1: early.Candidate(1, 11, method, 90.0, 104.5, False),
            2: early.Candidate(2, 12, method, 90.0, 104.0, False),
        }
        early.prefer_region(best, rows.__getitem__, CONFLICT_BOX)
        early.prefer_attested(best, rows.__getitem__)
        assert (max(best, key=lambda i: best[i].rank) == 0) is region_first, method


def test_an_attested_record_is_no_village_or_is_read_loosely_is_left_alone():
    rows = {0: _row(45.0, 50.0), 1: _row(46.0, 51.0, name_ru="Икс", kind="town")}
    best = {
        0: early.Candidate(0, 10, "folded", 97.0, 110.0, False),
        1: early.Candidate(1, 11, "folded", 97.0, 104.0, False),
    }
    early.prefer_attested(best, rows.__getitem__)
    assert best[0].rank == 110.0  # a town is not a village of the same name
    rows[1] = _row(46.0, 51.0, name_ru="Икс")
    best[1].method = "skeleton"
    early.prefer_attested(best, rows.__getitem__)
    assert best[0].rank == 110.0  # a misspelling's village does not decide


def test_a_district_before_a_colon_qualifies_the_village_after_it(gz):
    assert gz.lookup("Tərtər: Borsunlu").id == gz.lookup("Borsunlu, Tərtər").id == "borsunlu"
    assert gz.lookup("Sabirabad: Khalfali").id == "khalfali"


def test_a_qualifier_decides_before_attestation(gz):
    # Davit Bek (Kapan) is attested, Davit' Bek is an English-only record: bare, the attested
    # one; with a town beside it, the one nearest that town
    assert gz.lookup("Davit-Bek").id == gz.lookup("Davit' Bek").id == "davit_bek_kapan"


def test_a_qualifier_naming_the_city_unit_and_the_district_holds_the_districts_village(gz):
    # "Shusha" names Shusha City (a district-level unit) and Shusha District; the village
    # is filed under the district, and a far village has the same name
    assert gz.lookup("Khalfali, Shusha").id == "khalfali_shusha"
    assert gz.lookup("Khalfali, Sabirabad").id == "khalfali"


def test_a_qualifier_names_the_region_whose_name_begins_with_it(gz):
    # "Nakhchivan" names the city's district, and the Nakhchivan Autonomous Republic holds Ordubad
    assert gz.lookup("Ordubad, Nakhchivan").id == "ordubad"
    # a district that holds none of the name's places, a town far off: nothing
    assert gz.lookup("Lachin (Qubadli)") is None


def test_a_qualifier_in_any_spelling_of_a_town_names_the_region_named_after_it(gz):
    # "Нахичевань", "Nakhichevan" spell the city, not the start of the republic's name in
    # the table: the region is found through the city the spelling names
    assert gz.lookup("Ордубад, Нахичевань").id == "ordubad"
    assert gz.lookup("Садарак, Нахичевань").id == "sadarak"
    assert gz.lookup("Sadarak, Nakhichevan").id == "sadarak"


def test_a_district_named_by_its_other_eras_name_picks_the_nearest_of_the_name(gz):
    # Martakert (the Armenian-era name of Aghdara) names a district whose villages the table
    # files partly under Kalbajar: the head's place nearest to it is taken
    for query in ("Qozlu, Martakert", "Qozlu (Martakert)"):
        m = gz.lookup(query)
        assert m is not None and m.district == "Kalbajar District", (query, m)


def test_spanish_transcriptions_read_j_as_kh_and_dy_as_j(gz):
    assert "khankendi" in transcription_readings("jankendi", "es")
    assert gz.lookup("Jankendi").id == "khankendi"
    assert gz.lookup("Yabrayil").id == "jabrayil"


def test_the_armenian_words_for_landforms_are_no_place_but_the_villages_named_so_are(gz):
    for word in ("ջրվեժ", "լեռնանցք", "սարահարթ"):
        assert gz.lookup(word) is None, word
    assert gz.lookup("Ջրվեժ").id == "jrvezh"


def test_a_query_typed_with_the_azerbaijani_schwa_is_misspelt_in_azerbaijani_letters(gz):
    from gazetteer.matcher import _fuzzy_needed
    from gazetteer.text.folding import fold

    m = gz.matcher
    i = m.index.place_index("askipara")
    assert m._place(i).name_az == "Askipara"
    v = next(v for v in m._postings("askipara") if m.index.variant(v)[0] == i)

    def alike(typed: str) -> bool:
        m._typed = (fold(typed), typed.lower())
        return m._typed_alike(fold(typed), v, _fuzzy_needed(len(fold(typed))))

    assert alike("Askipəra")  # one letter off the Azerbaijani name as written
    assert not alike("Askipərra")  # folded one letter off (askiparra), as written two
    assert alike("Askiparra")  # no ə: the folded comparison alone decides


def test_an_address_line_from_the_broadest_part_names_its_narrowest_place(gz):
    # Azerbaijani and Russian addresses begin with the district, with their abbreviations
    for query in (
        "Cəbrayıl r., Soltanlı k.",
        "Джебраильский р-н, с. Солтанлы",
        "Jabrayil district, Soltanli vil.",
        "Azerbaijan, Cəbrayıl r., Soltanlı k.",
        "Cəbrayıl, Soltanlı k.",
    ):
        assert gz.lookup(query).id == "soltanli", query
    assert gz.lookup("Lori marz, Odzun").id == "odzun"


def test_without_a_generic_word_the_first_part_is_the_place(gz):
    # "Ağdam" names a district and villages: nothing says the line begins with the area
    assert gz.lookup("Ağdam, Dondar Quşçu").kind == "village"


def test_two_areas_after_a_comma_stay_a_place_and_its_qualifier(gz):
    assert gz.lookup("Jabrayil, Azerbaijan").id == "jabrayil"
    assert gz.lookup("Martuni, Armenia").id == "martuni_gegarkunik"
    assert gz.lookup("Lachin, Qubadli") is None  # a town in another district: nothing


def test_a_list_item_number_before_a_name_is_not_read(gz, places):
    # the table's towns and cities of Azerbaijan, as numbered lines of a list or sheet
    names = sorted(p.name for p in places if p.country == "AZ" and p.kind in ("city", "town"))[:40]
    for n, name in enumerate(names, 1):
        plain = gz.lookup(name)
        for numbered in (f"{n}. {name}", f"{n}) {name}", f"({n}) {name}", f"№ {n} {name}"):
            got = gz.lookup(numbered)
            assert (got and got.id) == (plain and plain.id), numbered


def test_a_number_that_is_part_of_a_name_stays():
    from gazetteer.matcher import _without_item_number

    assert _without_item_number("28 May") == "28 May"
    assert _without_item_number("1. 28 May") == "28 May"
    assert _without_item_number("12.") == "12."


def test_the_quick_path_drops_the_same_item_numbers():
    from gazetteer import matcher, quick

    assert quick._ITEM_NUMBER == matcher._ITEM_NUMBER.pattern


def test_a_village_named_as_written_is_not_passed_by_another_villages_case():
    # a query that is one village's name as written and another, weightier village's name
    # with a case ending: the name as written wins; a town's case still competes by weight
    s, w, _n, _e = CONFLICT_BOX
    rows = {
        0: _row(s - 2, w - 2, name_ru="Икс"),  # the declined village: attested, weightier
        1: _row(s - 2.2, w - 2.2),  # the village of the name as written
        2: _row(s - 2.4, w - 2.4, kind="town"),
    }
    best = {
        0: early.Candidate(0, 10, "inflection", 93.0, 104.0, False),
        1: early.Candidate(1, 11, "folded", 97.0, 99.0, False),
    }
    early.prefer_attested(best, rows.__getitem__)
    early.prefer_as_written(best, rows.__getitem__)
    assert sorted(best, key=lambda i: -best[i].rank) == [1, 0]
    assert best[0].rank < best[1].rank
    town = {
        2: early.Candidate(2, 12, "inflection", 93.0, 104.0, False),
        1: early.Candidate(1, 11, "folded", 97.0, 99.0, False),
    }
    early.prefer_as_written(town, rows.__getitem__)
    assert (town[2].rank, town[1].rank) == (104.0, 99.0)


def _shared_village_names() -> dict[str, set[str]]:
    """Latin names of one word (7-12 letters) that two or more villages of the table bear,
    with the villages' ids."""
    from collections import defaultdict

    from gazetteer.table import bundled_paths, read_places

    places = defaultdict(set)
    for p in read_places(bundled_paths()[0]):
        if p.kind == "village" and p.name.isascii() and p.name.isalpha() and 7 <= len(p.name) <= 12:
            places[p.name].add(p.id)
    return {n: ids for n, ids in sorted(places.items()) if len(ids) > 1}


def _doubled(name: str) -> str:
    """The name with its first consonant after the second letter written twice (Chinnari)."""
    for k in range(2, len(name) - 1):
        if name[k] not in "aeiouy":
            return name[: k + 1] + name[k:]
    return name


def test_a_misspelt_name_several_villages_bear_resolves_as_the_name_does(gz):
    # a vowel slipped (Vernashan) or a letter doubled (Chinnari): read loosely as the name,
    # the place is the one the name itself gives, not a region preference the name lacks
    shared = _shared_village_names()
    pairs = [("Vernashen", "Vernashan"), ("Chinari", "Chinnari")] + [(n, _doubled(n)) for n in shared]
    checked = 0
    for name, slip in pairs:
        got, want = gz.lookup(slip), gz.lookup(name)
        if got is None or want is None or got.method not in ("fuzzy", "skeleton") or got.matched_variant != name:
            continue  # (read as another name, or not at all: not this rule's case)
        if name in shared and want.id not in shared[name]:
            continue  # (the name is first a place of another kind, which no slip reads)
        checked += 1
        assert got.id == want.id, (slip, got.id, want.id)
    assert checked >= 10
