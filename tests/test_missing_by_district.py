"""tools/missing_by_district.py: listed names are matched as the table spells them, and the
committed data/reference/missing_by_district.csv is what the script writes from the table."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load_tool():
    """tools/missing_by_district.py as a module. The script puts the checkout first on
    sys.path to run from it; that is undone here, or every later import in this session and
    in the processes it spawns (Dask's workers) would take the checkout's package, which has
    no compiled core after a plain install."""
    saved = sys.path[:]
    try:
        spec = importlib.util.spec_from_file_location("missing_by_district", ROOT / "tools" / "missing_by_district.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path[:] = saved


mbd = _load_tool()


def test_ordinal_prefixes_are_tried_both_ways() -> None:
    assert "birinci agali" in mbd.keys("I Ağalı")
    assert "iii agali" in mbd.keys("Üçüncü Ağalı")


def test_hyphen_and_space_do_not_decide_a_match() -> None:
    assert mbd.keys("Kollu-Qışlaq") & mbd.name_keys("Kolluqışlaq")


def test_committed_report_matches_the_table(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "missing_by_district.csv"
    monkeypatch.setattr(mbd, "OUT", out)
    assert mbd.main([]) == 0
    committed = (ROOT / "data" / "reference" / "missing_by_district.csv").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed
