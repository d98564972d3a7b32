#!/usr/bin/env bash
# Profile-guided build of the compiled core, for measuring what PGO would give (issue 15):
# not how the package ships (see the [profile.release] comment in
# crates/gazetteer-core/Cargo.toml for why).
#
#   bench/pgo_build.sh OUTDIR
#
# 1. builds the extension as maturin does (a cdylib only) instrumented, -Cprofile-generate;
# 2. runs it on the training load: the extract API loop and a quarter as much normalise over
#    2 MB of the dense corpus and 2 MB of newswire, the CLI's extract and normalise over the
#    same files, and 20,000 names through `gazetteer lookup`;
# 3. merges the counts with the toolchain's llvm-profdata (`rustup component add
#    llvm-tools`) and rebuilds with -Cprofile-use.
# OUTDIR gets plain.so (the release profile as it is), pgo.so and merged.profdata; compare
# them with bench/ab_builds.py and bench/extract_callgrind.py --cache-sim (a tree whose
# gazetteer/_core.abi3.so is the build). Needs the corpora of bench/extract_throughput.py.
set -euo pipefail
out=$(realpath -m "${1:?usage: bench/pgo_build.sh OUTDIR}")
cd "$(dirname "$0")/.."
root=$PWD
crate=crates/gazetteer-core/Cargo.toml
profdata=$(ls "$(rustc --print sysroot)"/lib/rustlib/*/bin/llvm-profdata 2>/dev/null | head -1)
[ -x "$profdata" ] || { echo "llvm-profdata not found: rustup component add llvm-tools" >&2; exit 1; }
for c in news_32MB_1993.txt news_real.txt lookup_names_100000_20261125.txt; do
    [ -f "bench/corpus/$c" ] || { echo "bench/corpus/$c missing (bench/extract_throughput.py, bench/lookup_batch.py make them)" >&2; exit 1; }
done
mkdir -p "$out"
rm -rf "$out/raw" "$out/tree"

build() {  # build NAME RUSTFLAGS: a cdylib as maturin builds it, into OUTDIR/NAME.so
    CARGO_TARGET_DIR="$out/target-$1" RUSTFLAGS="$2" cargo rustc --release -q --manifest-path "$crate" \
        --lib --crate-type cdylib --features python,pyo3/extension-module
    cp "$out/target-$1/release/lib_core.so" "$out/$1.so"
}

build plain ""
build instrumented "-Cprofile-generate=$out/raw"
# (RUSTFLAGS instrument the build scripts and proc macros too: their runs' counts go)
rm -rf "$out/raw"

# a tree of this checkout with the instrumented build as gazetteer/_core.abi3.so
mkdir -p "$out/tree/gazetteer"
for f in "$root"/*; do [ "$(basename "$f")" = gazetteer ] || ln -s "$f" "$out/tree/"; done
for f in "$root"/gazetteer/*; do [ "$(basename "$f")" = _core.abi3.so ] || ln -s "$f" "$out/tree/gazetteer/"; done
cp "$out/instrumented.so" "$out/tree/gazetteer/_core.abi3.so"
export PYTHONPATH="$out/tree" PYTHONHASHSEED=0 GAZETTEER_CACHE="${GAZETTEER_CACHE:-$out/cache}"
head -c 2000000 bench/corpus/news_32MB_1993.txt >"$out/dense.txt"
head -c 2000000 bench/corpus/news_real.txt >"$out/news.txt"
names="$root/bench/corpus/lookup_names_100000_20261125.txt"
# (run from OUTDIR: in the checkout, `python -m` and `python -` would import its gazetteer,
# the current directory coming before PYTHONPATH, and train nothing)
cd "$out"
python -c "import gazetteer._core as c, sys; sys.exit(c.__file__ != '$out/tree/gazetteer/_core.abi3.so')" ||
    { echo "the instrumented build is not the one imported" >&2; exit 1; }
for f in "$out/dense.txt" "$out/news.txt"; do
    python - "$f" <<'PY'
import sys
from collections import deque

from gazetteer import Gazetteer

gz = Gazetteer.load()
lines = open(sys.argv[1], encoding="utf-8", errors="replace").readlines()
deque(map(gz.extract, lines), maxlen=0)
deque(map(gz.normalise, lines[: len(lines) // 4]), maxlen=0)
PY
    python -m gazetteer extract "$f" --format jsonl -q >/dev/null
    python -m gazetteer normalise "$f" -q >/dev/null
done
head -20000 "$names" | python -m gazetteer lookup --format jsonl >/dev/null || true
cd "$root"
"$profdata" merge -o "$out/merged.profdata" "$out"/raw/*.profraw
# (cargo fingerprints RUSTFLAGS, not the profile they name: build afresh)
rm -rf "$out/target-pgo"
build pgo "-Cprofile-use=$out/merged.profdata"
rm -rf "$out/tree" "$out/raw" "$out/dense.txt" "$out/news.txt"
echo "$out: plain.so, pgo.so, merged.profdata"
