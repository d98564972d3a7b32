#!/usr/bin/env bash
# Record the profile the compiled core is built with (profile-guided optimisation, PGO):
# crates/gazetteer-core/pgo/merged.profdata, and pgo/crate.sha256, the hash of the crate's
# sources it was recorded on (tests/test_pgo_profile.py fails when the crate changed since).
# Run it after every change to crates/gazetteer-core/ (about 3 minutes on 2 cores):
#
#   bash tools/record_pgo_profile.sh
#
# 1. builds the extension as maturin does (a cdylib only), instrumented (-Cprofile-generate);
# 2. runs it on a training load made here, none of it a benchmark's measured text: 2 MB of
#    bench/_corpus.py's place-dense news (seed 2026; the benchmarks read seed 1993), every
#    passage of eval/ (five languages) through the extract and normalise loops and the CLI,
#    and 20,000 names made by bench/lookup_batch.py's generator (seed 2026) through
#    `gazetteer lookup`;
# 3. merges the counts with the toolchain's llvm-profdata (`rustup component add
#    llvm-tools` once) into the profile that pyproject.toml's [tool.maturin] rustc-args
#    hands to rustc (-Cprofile-use). A rustc whose LLVM cannot read the profile warns and
#    builds without it; functions changed since the recording lose their counts (warnings).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
crate=crates/gazetteer-core/Cargo.toml
pgo=crates/gazetteer-core/pgo
profdata=$(ls "$(rustc --print sysroot)"/lib/rustlib/*/bin/llvm-profdata 2>/dev/null | head -1 || true)
[ -x "${profdata:-}" ] || { echo "llvm-profdata not found: rustup component add llvm-tools" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

CARGO_TARGET_DIR="$work/target" RUSTFLAGS="-Cprofile-generate=$work/raw" cargo rustc --release -q \
    --manifest-path "$crate" --lib --crate-type cdylib --features python,pyo3/extension-module

# a tree of this checkout with the instrumented build as gazetteer/_core.abi3.so
mkdir -p "$work/tree/gazetteer"
for f in "$root"/*; do [ "$(basename "$f")" = gazetteer ] || ln -s "$f" "$work/tree/"; done
for f in "$root"/gazetteer/*; do [ "$(basename "$f")" = _core.abi3.so ] || ln -s "$f" "$work/tree/gazetteer/"; done
cp "$work/target/release/lib_core.so" "$work/tree/gazetteer/_core.abi3.so"
export PYTHONPATH="$work/tree" PYTHONHASHSEED=0 GAZETTEER_CACHE="$work/cache" PYTHONSAFEPATH=1
# (the training must run the instrumented build, not the checkout's: a profile of nothing
# would build the plain core and say nothing)
python -c "import gazetteer._core as c, sys; sys.exit(c.__file__ != '$work/tree/gazetteer/_core.abi3.so')" ||
    { echo "the instrumented build is not the one imported" >&2; exit 1; }
python - "$work" <<'PY'
import sys
from pathlib import Path

sys.path.insert(0, "bench")
import _corpus  # noqa: E402
from lookup_batch import build_names  # noqa: E402

work = Path(sys.argv[1])
_corpus.make_corpus(work / "dense.txt", 2_000_000, 2026)
passages = sorted(Path("eval").glob("*/texts/*.txt"))
(work / "passages.txt").write_text("\n".join(p.read_text(encoding="utf-8") for p in passages), encoding="utf-8")
(work / "names.txt").write_text("\n".join(build_names(20_000, 2026)) + "\n", encoding="utf-8")
PY
export LLVM_PROFILE_FILE="$work/raw/%m-%p.profraw"
for f in "$work/dense.txt" "$work/passages.txt"; do
    python - "$f" <<'PY'
import sys
from collections import deque

from gazetteer import Gazetteer

gz = Gazetteer.load()
lines = open(sys.argv[1], encoding="utf-8").readlines()
deque(map(gz.extract, lines), maxlen=0)
deque(map(gz.normalise, lines[: len(lines) // 4]), maxlen=0)
PY
    python -m gazetteer extract "$f" --format jsonl -q >/dev/null
    python -m gazetteer normalise "$f" -q >/dev/null
done
python -m gazetteer lookup --format jsonl <"$work/names.txt" >/dev/null || true
"$profdata" merge --sparse -o "$pgo/merged.profdata" "$work"/raw/*.profraw
python tests/test_pgo_profile.py --write
echo "$pgo/merged.profdata recorded; commit it with the crate's change"
