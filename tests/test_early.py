"""The lookup's early decisions (gazetteer/early.py): one copy, light to import, and what
the full lookup would answer.

The matcher and the quick launcher both call early.answer; here it is held to the full
lookup (a matcher that decides nothing early) on the table's names as written, re-cased
and with Turkic case endings, and on family names and common words the guards refuse.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from gazetteer import early
from gazetteer.cues import KIND_GROUPS
from gazetteer.matcher import Matcher, prior
from gazetteer.records import PlaceRow
from gazetteer.table import CONFLICT_BOX

ENDINGS = ("da", "də", "dan", "dən", "nın", "nin", "ın", "un", "ya", "yə", "a", "ə", "u", "i", "ov", "li", "lı")


class _Plain(Matcher):
    """Every query read the full way."""

    def _known_key(self, key, query):
        return None


@pytest.fixture(scope="module")
def plain(gz) -> Matcher:
    return _Plain(gz.index)


@pytest.fixture(scope="module")
def names(gz) -> list[str]:
    rng = random.Random(15)
    texts = [t for (t,) in gz.index.conn.execute("SELECT text FROM variants WHERE v % 11 = 0 ORDER BY v")]
    out = []
    for t in texts:
        out += [t, t.lower(), t.upper(), t + rng.choice(ENDINGS), t.lower() + rng.choice(ENDINGS)]
    return out


def _answer(cands) -> list[tuple]:
    return [(c.place, c.variant, c.method, c.score, c.rank, c.needs_context, c.cue) for c in cands]


def test_the_early_answers_are_the_full_lookups(gz, plain, names):
    decided = {"exact": 0, "folded": 0, "inflection": 0}
    for name in names:
        if "(" in name:
            continue  # test_a_known_name_with_a_bracket_...: a known divergence
        assert _answer(gz.matcher.lookup(name)) == _answer(plain.lookup(name)), name
        key = _fold(name)
        got = early.answer(name, key, gz.matcher._early) if key else None
        if got:
            decided[got[0].method] += 1
    # the equality means something: both early readings answered many of the names
    assert decided["exact"] + decided["folded"] > len(names) // 5, decided
    assert decided["inflection"] > len(names) // 20, decided


def test_a_known_name_with_a_bracket_is_answered_as_the_full_lookup_answers(gz, plain):
    # a name written with a bracket that is itself a variant is that name, decided early
    # or not (the bracket is read as "near this place" only when the whole is no name)
    name = "Nicosia (Lefkosia)"
    assert early.answer(name, _fold(name), gz.matcher._early) is not None
    assert _answer(gz.matcher.lookup(name)) == _answer(plain.lookup(name))


def _fold(text: str) -> str:
    from gazetteer.text.folding import fold

    return fold(text)


@pytest.mark.parametrize("name", ["Lachinov", "Fuzuliyev", "Fuzullidə", "Гадруте", "Martuni (Armenia)", "Sofulu, X"])
def test_family_names_misspellings_and_qualified_names_are_left_to_the_full_lookup(gz, name):
    assert early.answer(name, _fold(name), gz.matcher._early) is None


def test_a_family_name_on_a_known_name_is_guarded_and_a_plain_name_is_not(gz):
    src = gz.matcher._early
    assert early.guard("lachinov", src) == 2
    assert early.guard("fuzuli", src) == 0


def test_the_matchers_prior_is_earlys_with_the_cue_groups_kinds():
    for group in (None, *KIND_GROUPS):
        for kind in ("village", "district", "river", "mountain", "country"):
            for vtype, ctx in (("canonical", False), ("variant", True), ("mt_error", False), ("variant", False)):
                kinds = None if group is None else KIND_GROUPS[group]
                assert prior(97.0, kind, 3.0, vtype, ctx, group) == early.prior(97.0, kind, 3.0, vtype, ctx, kinds)
    # a fitting cue settles the kind, a bare name is rather the village than the river
    assert early.prior(97.0, "district", 3.0, "variant", False, KIND_GROUPS["admin"]) > early.prior(
        97.0, "town", 3.0, "variant", False, KIND_GROUPS["admin"]
    )
    assert early.prior(97.0, "village", 1.0, "variant", False, None) > early.prior(
        97.0, "river", 1.0, "variant", False, None
    )


def _row(kind: str, lat: float, lon: float) -> PlaceRow:
    return PlaceRow("x", "X", kind, "AZ", "", lat, lon, None, "", "", "", "", "", 1.0)


def test_the_regions_village_rises_just_above_a_far_village_and_no_further():
    s, w, n, e = CONFLICT_BOX
    rows = {0: _row("village", (s + n) / 2, (w + e) / 2), 1: _row("village", s - 5, w - 5)}
    best = {
        0: early.Candidate(0, 10, "folded", 97.0, 100.0, False),
        1: early.Candidate(1, 11, "folded", 97.0, 104.0, False),
    }
    early.prefer_region(best, rows.__getitem__, CONFLICT_BOX)
    assert best[0].rank == 104.0 + early.REGION_MARGIN
    # read through an ending, it does not pass a far village named as typed
    best = {
        0: early.Candidate(0, 10, "inflection", 93.0, 100.0, False),
        1: early.Candidate(1, 11, "exact", 100.0, 104.0, False),
    }
    early.prefer_region(best, rows.__getitem__, CONFLICT_BOX)
    assert best[0].rank == 100.0


def _placed(kind: str, country: str, lat: float, lon: float) -> PlaceRow:
    return PlaceRow("x", "X", kind, country, "", lat, lon, None, "", "", "", "", "", 1.0)


def test_a_far_place_read_by_the_other_sides_exonym_yields_to_the_regions_village():
    s, w, n, e = CONFLICT_BOX
    inside, far = ((s + n) / 2, (w + e) / 2), (s - 1, w - 1)
    # 0: a village of the region; 1: a larger Armenian town outside it whose Azerbaijani
    # name (variant 11, "az") is the village's; 2: the same town read by its Armenian name
    rows = {0: _placed("village", "AZ", *inside), 1: _placed("town", "AM", *far), 3: _placed("city", "AZ", *far)}
    langs = {10: "az", 11: "az", 12: "hy", 13: "hy"}
    best = {
        0: early.Candidate(0, 10, "exact", 100.0, 110.0, False),
        1: early.Candidate(1, 11, "exact", 100.0, 118.0, False),
    }
    early.prefer_region(best, rows.__getitem__, CONFLICT_BOX, langs.__getitem__)
    assert best[0].rank == 118.0 + early.REGION_MARGIN
    # the town read by its own language's name is no far village: the village stays below
    best = {
        0: early.Candidate(0, 10, "exact", 100.0, 110.0, False),
        1: early.Candidate(1, 12, "exact", 100.0, 118.0, False),
    }
    early.prefer_region(best, rows.__getitem__, CONFLICT_BOX, langs.__getitem__)
    assert best[0].rank == 110.0
    # nor is a far city read by an exonym when no village of the region competes
    # (Գանձակ is Ganja before an Armenian village Gandzak outside the region)
    rows[4] = _placed("village", "AM", *far)
    best = {
        3: early.Candidate(3, 13, "exact", 100.0, 125.0, False),
        4: early.Candidate(4, 12, "exact", 100.0, 110.0, False),
    }
    early.prefer_region(best, rows.__getitem__, CONFLICT_BOX, langs.__getitem__)
    assert (best[3].rank, best[4].rank) == (125.0, 110.0)


def test_importing_the_early_decisions_loads_nothing_heavy():
    code = "import json, sys; import gazetteer.early; print(json.dumps(sorted(sys.modules)))"
    before = set(json.loads(subprocess.run([sys.executable, "-c", code.replace("import gazetteer.early; ", "")],
                                           capture_output=True, check=True, text=True).stdout))  # fmt: skip
    after = set(
        json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, text=True).stdout)
    )
    loaded = after - before
    assert "gazetteer.early" in loaded
    heavy = {"re", "typing", "rapidfuzz", "click", "gazetteer.lang", "gazetteer.matcher", "gazetteer.cues"}
    assert not loaded & heavy, loaded & heavy
