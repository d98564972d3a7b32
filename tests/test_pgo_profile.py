"""The compiled core is built with a recorded profile (profile-guided optimisation:
crates/gazetteer-core/pgo/merged.profdata, handed to rustc by pyproject.toml's [tool.maturin]
rustc-args). The profile must have been recorded on the crate as it is: functions changed
since lose their counts and run as if built without it, so the speed BENCHMARKS.md reports
would quietly go. After a change to the crate: ``bash tools/record_pgo_profile.sh``.

Run as a script with ``--write`` (the recording script does) to record the crate's hash.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRATE = ROOT / "crates" / "gazetteer-core"
PROFILE = CRATE / "pgo" / "merged.profdata"
RECORDED = CRATE / "pgo" / "crate.sha256"
# the first bytes of an indexed LLVM profile (llvm-profdata merge's output)
INDEXED_MAGIC = b"\xfflprofi\x81"


def crate_hash() -> str:
    """The hash of what the build compiles: Cargo.toml, Cargo.lock and every source file
    (paths and contents, in a fixed order)."""
    h = hashlib.sha256()
    files = [CRATE / "Cargo.toml", CRATE / "Cargo.lock", *sorted((CRATE / "src").rglob("*.rs"))]
    for f in files:
        h.update(f.relative_to(CRATE).as_posix().encode() + b"\0")
        h.update(f.read_bytes() + b"\0")
    return h.hexdigest()


def test_the_profile_is_an_indexed_llvm_profile():
    assert PROFILE.read_bytes()[: len(INDEXED_MAGIC)] == INDEXED_MAGIC


def test_the_package_build_reads_the_profile():
    # [tool.maturin] rustc-args (rustc runs in the crate's directory: the path is the crate's)
    lines = (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines()
    args = [line for line in lines if line.startswith("rustc-args")]
    assert args == [f'rustc-args = ["-Cprofile-use={PROFILE.relative_to(CRATE).as_posix()}"]']


def test_the_profile_was_recorded_on_the_crate_as_it_is():
    recorded = RECORDED.read_text(encoding="utf-8").split()[0]
    assert recorded == crate_hash(), (
        "crates/gazetteer-core changed since its PGO profile was recorded: run "
        "`bash tools/record_pgo_profile.sh` and commit crates/gazetteer-core/pgo/"
    )


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    RECORDED.write_text(
        f"{crate_hash()}  crates/gazetteer-core (Cargo.toml, Cargo.lock, src/**/*.rs)\n", encoding="utf-8"
    )
