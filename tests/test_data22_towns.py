"""Kinds set by hand in data/curated/data22_fixes.csv: municipal centres of Georgia that
Who's On First lists as villages are towns in the built table, and a bare name in text is
the town, not its municipality."""

from __future__ import annotations

import csv
from pathlib import Path

from .conftest import found

ROOT = Path(__file__).resolve().parent.parent


def test_every_kind_set_by_hand_reaches_the_table() -> None:
    with open(ROOT / "data" / "curated" / "data22_fixes.csv", encoding="utf-8", newline="") as f:
        fixes = [r for r in csv.DictReader(f) if r["action"] == "set_kind"]
    with open(ROOT / "data" / "places.csv", encoding="utf-8", newline="") as f:
        kinds = {r["wof_id"]: r["kind"] for r in csv.DictReader(f) if r["wof_id"]}
    assert fixes
    for r in fixes:
        assert "wikipedia" in r["reason"]
        assert kinds[r["wof_id"]] == r["value"]


def test_a_bare_municipal_centre_is_the_town(gz) -> None:
    assert found(gz, "We drove on to Sighnaghi for the wine festival.") == [("Sighnaghi", "signagi")]
