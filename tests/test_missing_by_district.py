"""tools/missing_by_district.py: listed names are matched as the table spells them, and the
committed data/reference/missing_by_district.csv is what the script writes from the table."""

from __future__ import annotations

from pathlib import Path

from .tools_loader import ROOT, load_tool, tool_paths

mbd = load_tool("missing_by_district.py", "missing_by_district")


def test_ordinal_prefixes_are_tried_both_ways() -> None:
    assert "birinci agali" in mbd.keys("I Ağalı")
    assert "iii agali" in mbd.keys("Üçüncü Ağalı")


def test_hyphen_and_space_do_not_decide_a_match() -> None:
    assert mbd.keys("Kollu-Qışlaq") & mbd.name_keys("Kolluqışlaq")


def test_committed_report_matches_the_table(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "missing_by_district.csv"
    monkeypatch.setattr(mbd, "OUT", out)
    with tool_paths():
        assert mbd.main([]) == 0
    committed = (ROOT / "data" / "reference" / "missing_by_district.csv").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed
