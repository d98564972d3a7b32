"""Lookup reads what people add to a name and how they shorten or render it (issue 13):
a qualifier in another language's grammar, a generic word naming a kind the table files
the place under another, an initial for a name's first word, a Turkish rendering of an
Azerbaijani word, a facility named after a place, a Russian letter group for an Armenian
letter, and a small far village's name that is a prominent town's case or misspelling.

Each mechanism is checked on small inputs (the functions themselves) and on probes made
by rule from the table, measured as a rate.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from gazetteer import early, fold
from gazetteer.matcher import NAME_METHODS, PROMINENT_IMPORTANCE, _russian_cases, _sound_alike_edit
from gazetteer.respell import ABBREVIATIONS, CALQUES, LETTER_GROUPS, respellings
from gazetteer.table import CONFLICT_BOX


def _hits(gz, probes: list[tuple[str, str]]) -> float:
    return sum(1 for q, pid in probes if (m := gz.lookup(q)) is not None and m.id == pid) / len(probes)


# ---------------------------------------------------------------- small inputs


def test_respellings_read_an_initial_a_turkish_word_and_a_letter_group():
    assert ABBREVIATIONS["n"] == ("nerkin",) and "yukhari" in ABBREVIATIONS[fold("Y")]
    assert respellings(fold("N. Karmir")) == ["nerkin karmir"]
    assert respellings(fold("Kırmızı Pazar köyü")) == [fold("Qırmızı Bazar kəndi")]
    assert respellings(fold("Тугх")) == [fold("Туг")] and LETTER_GROUPS[fold("гх")] == fold("г")
    assert CALQUES[fold("pazar")] == (fold("bazar"),)
    assert respellings("agdam") == [] and respellings("kichik kend") == []  # nothing to respell


def test_a_sound_alike_edit_keeps_a_names_sound():
    assert _sound_alike_edit("horadis", "horadiz")  # s for z
    assert _sound_alike_edit("byurakn", "byurakan")  # a vowel dropped
    assert _sound_alike_edit("lahcin", "lachin")  # two neighbours swapped
    assert _sound_alike_edit("agdamm", "agdam")  # a letter doubled
    assert not _sound_alike_edit("karki", "karbi")  # k for b: another name
    assert not _sound_alike_edit("aygevan", "aygavan")  # a vowel for another: another name
    assert not _sound_alike_edit("goris", "gorisaa")  # two letters


def test_russian_cases_of_a_name_are_its_declension():
    assert fold("Гориса") in _russian_cases(fold("Горис")) and fold("Шуши") in _russian_cases(fold("Шуша"))
    assert fold("Зардаби") not in _russian_cases(fold("Зардаб")) and _russian_cases(fold("Баку")) == ()


def test_near_prominent_finds_every_edit_and_ending_of_a_prominent_key():
    keys = {"goris", *("goris"[:i] + "goris"[i + 1 :] for i in range(5))}
    for key in ("goris", "gorisa", "gorsi", "goriz", "ogris", "gorisits", "gorisi"):
        assert early.near_prominent(key, keys), key
    assert not early.near_prominent("kapan", keys)
    assert not early.near_prominent("gorisyanne", keys)  # an ending of five letters


# ---------------------------------------------------------------- probes from the table


@pytest.fixture(scope="module")
def by_id(places) -> dict:
    return {p.id: p for p in places}


def test_a_russian_genitive_qualifier_picks_the_village_of_that_district(gz, places, by_id):
    """ "Агдам Товузского района": a village named in several districts, asked for with its
    district's Russian adjective in the genitive."""
    by_name: dict[str, list] = {}
    for p in places:
        if p.kind == "village" and p.country == "AZ" and p.name_ru and p.parent:
            by_name.setdefault(p.name_ru, []).append(p)
    probes = []
    for name, ps in by_name.items():
        if len({p.parent for p in ps}) < 2:
            continue
        for p in ps:
            district = by_id.get(p.parent)
            adjective = (district.name_ru or "").split(" ")[0] if district else ""
            if adjective.endswith("ский"):
                probes.append((f"{name} {adjective[:-2]}ого района", p.id))
    assert len(probes) >= 30
    assert _hits(gz, probes) >= 0.8  # 0.86 when written


def test_a_generic_word_keeps_a_place_of_another_kind_inside_its_qualifier(gz, places, by_id):
    """ "X kəndi, Tovuz": the table files some villages as towns; inside the district the
    qualifier names, the town is still read."""
    probes = []
    for p in places:
        if p.kind == "town" and p.country == "AZ" and p.name_az and p.parent in by_id:
            district = by_id[p.parent]
            if district.kind == "district" and district.name_az and district.name_az.endswith(" rayonu"):
                probes.append((f"{p.name_az} kəndi, {district.name_az[: -len(' rayonu')]}", p.id))
    assert len(probes) >= 20
    assert _hits(gz, probes) >= 0.8  # 0.9 when written


def test_an_initial_stands_for_a_names_first_word(gz, places):
    words = {fold(w): w for w in ("Nerkin", "Verin", "Ashaghi", "Yukhari", "Boyuk", "Kichik")}
    probes = []
    for p in places:
        first, _, rest = p.name.partition(" ")
        if fold(first) in words and rest and p.country in ("AZ", "AM"):
            probes += [(f"{first[0]}. {rest}", p.id), (f"{first[0]} {rest}", p.id)]
    assert len(probes) >= 40

    def right(q: str, pid: str) -> bool:
        m = gz.lookup(q)  # (a place of the same full name elsewhere is as right)
        return m is not None and fold(m.name) == fold(next(p.name for p in places if p.id == pid))

    assert sum(right(q, pid) for q, pid in probes) / len(probes) >= 0.9  # 0.95 when written


def test_a_turkish_rendering_reads_as_the_azerbaijani_word(gz, places):
    turkish = {az[0]: tr for tr, az in CALQUES.items() if tr not in ("koy", "koyu", "kent")}
    probes = []
    for p in places:
        if p.country != "AZ" or not p.name_az or " " not in p.name_az:
            continue
        words = fold(p.name_az).split()
        if any(w in turkish for w in words) and gz.lookup(p.name_az) is not None:
            own = gz.lookup(p.name_az).id
            probes.append((" ".join(turkish.get(w, w) for w in words), own))
    assert len(probes) >= 10
    assert _hits(gz, probes) >= 0.8  # 0.9 when written


@pytest.mark.parametrize("form", ["{n} checkpoint", "{n} border crossing", "КПП {ru}", "пункт пропуска {ru}"])
def test_a_facility_word_reads_as_the_place_it_is_named_after(gz, places, form):
    probes = [
        (form.format(n=p.name, ru=p.name_ru), p.id)
        for p in places
        if p.kind in ("town", "city") and p.country in ("AZ", "AM") and p.name_ru and gz.lookup(p.name) is not None
    ]
    probes = [(q, pid) for q, pid in probes if gz.lookup(q.split(" ")[-1] if "{ru}" in form else q) is not None]
    assert len(probes) >= 50
    assert _hits(gz, probes) >= 0.9  # 0.97 when written


def test_a_small_far_villages_name_one_sound_alike_edit_from_a_town_reads_as_the_town(gz, places):
    """Horadis (an Armenian village) is read as Horadiz (a town); a village of the region
    keeps its own name (Agaraki, also Agarak's genitive)."""
    prominent = {
        fold(p.name): p.id
        for p in places
        if p.kind in ("town", "city") and p.country in ("AZ", "AM") and p.importance >= PROMINENT_IMPORTANCE
    }
    far, ours = [], []
    for p in places:
        if p.kind != "village" or p.importance >= early.SMALL_IMPORTANCE or len(fold(p.name)) < early.SMALL_KEY_MIN:
            continue
        key = fold(p.name)
        near = [pid for k, pid in prominent.items() if _sound_alike_edit(key, k)]
        if len(near) == 1:
            (ours if early.in_region(p, CONFLICT_BOX) else far).append((p.name, near[0], p.id))
    assert len(far) >= 3
    moved = sum(1 for q, town, _own in far if (m := gz.lookup(q)) is not None and m.id == town)
    assert moved >= 0.5 * len(far)
    # (a village of the region keeps its name: a town it names too is read by that name only)
    assert all((m := gz.lookup(q)) is None or m.id != town or m.method in NAME_METHODS for q, town, _own in ours)


def test_the_batch_reads_small_villages_names_as_one_lookup_a_name_does(gz, places, cli_env):
    """The compiled early decisions leave the same keys to the full lookup as early.answer
    (early.near_prominent and its twin): a batch gives each name one lookup's answer."""
    names = sorted({p.name for p in places if p.kind == "village" and p.importance < early.SMALL_IMPORTANCE})[:600]
    names += ["Гориса", "Horadis", "Byurakn", "N. Karmiraghbyur", "КПП Агарак", "село Тугх"]
    out = subprocess.run(
        [sys.executable, "-m", "gazetteer", "lookup", "--format", "tsv"],
        input="\n".join(names) + "\n",
        capture_output=True,
        text=True,
        env=cli_env,
    ).stdout.splitlines()
    head = out[0].split("\t")
    at = head.index("id")
    batch = [line.split("\t")[at] or None for line in out[1:]]
    single = [m.id if (m := gz.lookup(n)) is not None else None for n in names]
    assert len(batch) == len(names)
    assert batch == single
