"""Region names added by hand (data/curated/audit_*.csv, issue 13 "Complete"): each resolves
to the place it names, in each script it was added in, and the fixes keep names on one place.

These are the project's own curated rows, not benchmark items: the test reads them back.
"""

from __future__ import annotations

import csv

import pytest

from .conftest import PLACES_CSV, VARIANTS_CSV


@pytest.mark.parametrize(
    "query, place_id",
    [
        # Artsakh-era province names of the Azerbaijani districts
        ("Qashatagh", "lachin_district"),
        ("Kashatagh Province", "lachin_district"),
        ("Qashatagh Province", "lachin_district"),
        ("Քաշաթաղի շրջան", "lachin_district"),
        ("Shahumyan Province", "kalbajar_district"),
        ("Shaumyan Province", "kalbajar_district"),
        ("Hadrut Province", "hadrut_province"),
        ("Հադրութի շրջան", "hadrut_province"),
        # Arajamugh, founded 2005, imported from GeoNames as "Arrashamud"
        ("Arajamugh", "arrashamud"),
        ("Առաջամուղ", "arrashamud"),
        ("Aradjamough", "arrashamud"),
        # the official spelling of a Jabrayil village
        ("Sarıcallı", "sarijali_jabrayil"),
        # Vazgenashen's Azerbaijani names
        ("Abdal-Gülablı", "gulabli"),
        ("Gülablı", "gulabli"),
        ("Syunik", "syunik_province"),
        ("Syunik Province", "syunik_province"),
    ],
)
def test_added_name_resolves_to_its_place(gz, query, place_id):
    m = gz.lookup(query)
    assert m is not None and m.id == place_id, (query, m)


@pytest.mark.parametrize(
    "query, place_id",
    [
        ("Ijevanatun", "gargabazar"),
        ("Իջևանատուն", "gargabazar"),
        ("Qarğabazar", "gargabazar"),
        ("Hovtashen", "aliagali_aghdam"),
        ("Հովտաշեն", "aliagali_aghdam"),
        ("Vazgenashen", "gulabli"),
        ("Վազգենաշեն", "gulabli"),
        ("Əfəndilər", "afandilar_khojavend"),
    ],
)
def test_renamed_village_answers_for_its_other_name(gz, query, place_id):
    """Which same-name place wins is the ranking's business; the renamed Azerbaijani
    village must at least be a candidate for the name it bore."""
    ids = [c.id for c in gz.candidates(query, 5)]
    assert place_id in ids, (query, ids)


def test_province_names_leave_the_bare_town_names_alone(gz):
    assert gz.lookup("Hadrut").id == "hadrut"
    assert gz.lookup("Shahumyan").id != "kalbajar_district"


def _rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_vazgenashen_is_a_name_of_gulabli_only():
    owners = {v["id"] for v in _rows(VARIANTS_CSV) if v["variant"] in {"Vazgenashen", "Վազգենաշեն"}}
    assert "gulabli" in owners
    assert "hajisamli" not in owners


def test_arajamugh_record_carries_its_own_name_and_district():
    row = next(p for p in _rows(PLACES_CSV) if p["id"] == "arrashamud")
    assert (row["name"], row["name_hy"], row["parent"]) == ("Arajamugh", "Առաջամուղ", "jabrayil_district")


def test_hadrut_province_is_a_region_with_a_cited_coordinate():
    row = next(p for p in _rows(PLACES_CSV) if p["id"] == "hadrut_province")
    assert row["kind"] == "region" and row["lat"] and row["lon"]
    assert "Hadrut_Province" in row["source"]
