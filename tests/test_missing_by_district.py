"""tools/missing_by_district.py: listed names are matched as the table spells them, and the
committed data/reference/missing_by_district.csv is what the script writes from the table."""

from __future__ import annotations

import importlib.util
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def _tool_imports():
    """The checkout on sys.path while the tool imports (it reads tools/district_names.py
    as ``tools.district_names``), and sys.path as it was afterwards: left there, every later
    import in this session and in the processes it spawns (Dask's workers) would take the
    checkout's package, which has no compiled core after a plain install."""
    saved = sys.path[:]
    sys.path.insert(0, str(ROOT))
    try:
        yield
    finally:
        sys.path[:] = saved


def _load_tool():
    """tools/missing_by_district.py as a module."""
    with _tool_imports():
        spec = importlib.util.spec_from_file_location("missing_by_district", ROOT / "tools" / "missing_by_district.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


mbd = _load_tool()


def test_ordinal_prefixes_are_tried_both_ways() -> None:
    assert "birinci agali" in mbd.keys("I Ağalı")
    assert "iii agali" in mbd.keys("Üçüncü Ağalı")


def test_hyphen_and_space_do_not_decide_a_match() -> None:
    assert mbd.keys("Kollu-Qışlaq") & mbd.name_keys("Kolluqışlaq")


def test_committed_report_matches_the_table(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "missing_by_district.csv"
    monkeypatch.setattr(mbd, "OUT", out)
    with _tool_imports():
        assert mbd.main([]) == 0
    committed = (ROOT / "data" / "reference" / "missing_by_district.csv").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed
