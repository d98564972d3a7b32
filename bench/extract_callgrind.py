#!/usr/bin/env python3
"""Instructions of ``Gazetteer.extract``'s loop alone, counted by callgrind: the repeatable
figure for comparing two builds on a busy machine (issue 15), where wall-clock MB/s are not.

One interpreter loads the index and reads the first ``--mb`` MB of each corpus, one line a
call as bench/extract_throughput.py reads them; it extracts the next ``--warm`` MB first,
uncounted (what the engine builds once a process, its word lists, rank rows and first
places, would otherwise weigh on 2 MB sixteen times as on 32); then
``deque(maxlen=0).extend(map(extract, lines))`` runs the loop. Callgrind collects only inside that ``deque_extend`` call
(``--collect-atstart=no --toggle-collect``), so start-up, the index and reading the file
count nothing, and the records' creation and freeing count in full. Unlike
bench/extract_instructions.py (two interpreters subtracted, whose noise is as large as the
steps it measures) one run gives the loop's count exactly; a second run of the same build
gives the same count to a few parts in 10,000.

    python bench/extract_callgrind.py [--mb 2] [--corpus FILE]... [--top 25] [--keep DIR] [--normalise] [--peers] [--cli]
                                      [--cache-sim]

Prints per corpus: M instructions a MB of the whole loop, of the engine's ``scan_records``
(inclusive: the core's scan and the Python it calls back), and the ``--top`` functions by
their own instructions (``--keep DIR`` keeps the callgrind.out files for callgrind_annotate).
Needs valgrind; runs about fifty times slower than natively (2 MB: ~2–3 minutes). Run the
CLI once first in a new cache: the first run builds the index.

``--normalise`` counts ``Gazetteer.normalise``'s loop the same way (the engine's
``normalise`` in the last column), to set beside extract's (issue 15: normalise at 0.9x
extract's throughput or better).

``--peers`` counts geotext's ``GeoText(line).cities`` and flashgeotext's
``GeoText().extract(line)`` (bench/extract_throughput.py's rows) the same way, on the same
lines after the same warm-up, and prints each peer's count over gazetteer's: a
deterministic stand-in for the wall-clock ratios of issue 15 (2x geotext, 10x
flashgeotext), which swing by a third from one run to the next on a shared machine. An
instruction is not a nanosecond (cache misses and branch mispredictions differ between
the tools), so the ratio says which way a change moved and by how much, and the
wall-clock runs still say where the targets stand.

``--cli`` counts the command line as well, ``gazetteer extract FILE --format jsonl -q``
(bench/extract_throughput.py's CLI row, run as ``python -m gazetteer``) over a file of the
same measured lines: the whole process (start-up, the index opened, the file read and cut
into pieces, each piece scanned and its JSON Lines written), a run over one short line
(start-up and the engine's first build: what ``--warm`` leaves out of the loop), the
difference a MB, and the instructions inside ``_core.scan_lines_bytes`` (the piece's scan
and its lines) a MB. The process starts cold: its first sight of each word counts, as it
does not in the loop after ``--warm``, so compare it with the loop at ``--warm 0``. Each CLI
run is made twice uncounted first, without PYTHONDONTWRITEBYTECODE (``_common.cli_env``):
the counted one finds the package's bytecode cached and the index's checksum stamped, as
an installed package does (else compiling the package counts, ~550 M instructions).

``--cache-sim`` runs callgrind with ``--cache-sim=yes --branch-sim=yes`` (about twice as
slow) and prints, a MB, the instructions (Ir), first-level instruction-cache misses
(I1mr), first-level data-cache misses (D1mr + D1mw), last-level misses (ILmr + DLmr +
DLmw), mispredicted branches (Bcm + Bim, conditional and indirect), and the cycles
estimated from them by ``CYCLES`` below (with ``--peers``, the peers' beside). Callgrind
simulates a generic cache (the host's sizes, no prefetcher, no out-of-order overlap), so the
estimate says where an instruction count misleads (a build that executes fewer
instructions but misses the cache more), not what the clock will say: time two builds with
bench/ab_builds.py.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import CORPUS, PY, cli_env, machine, table  # noqa: E402

DEFAULT_CORPORA = (CORPUS / "news_32MB_1993.txt", CORPUS / "news_real.txt")
TOGGLE = "deque_extend"  # CPython's deque.extend, the C function that drives the loop
# the engine's entries for extract: Gazetteer.extract as compiled (src/scan/calls.rs), and
# the engine's scan_records, which a Python extract calls
SCAN = ("Calls::__pymethod_extract__", "__pymethod_scan_records__")
SCAN_NORMALISE = ("Calls::__pymethod_normalise__", "Engine::__pymethod_normalise__")  # (--normalise)
PEERS = ("geotext", "flashgeotext")  # counted with --peers
# a piece's scan and lines in the CLI (--cli): the binding's name, which a build may fold into
# PyO3's wrapper (`_core::python::__pyfunction_scan_lines_bytes`)
CLI_SCAN = ("_core::python::", "scan_lines_bytes")
FIRST = "Shells hit Füzulidə.\n"  # the short text the engine is first built on
SIM = ["--cache-sim=yes", "--branch-sim=yes"]  # --cache-sim
# --cache-sim's cycle model, a rough one for a current x86 core: three instructions a cycle,
# 10 cycles a first-level miss served by L2, 100 a last-level miss, 15 a mispredicted branch
CYCLES = {"Ir": 1 / 3, "L1": 10, "LL": 100, "mispredict": 15}
CYCLES_TEXT = "Ir/3 + 10 x (I1mr + D1mr + D1mw) + 100 x (ILmr + DLmr + DLmw) + 15 x (Bcm + Bim)"

# argv[1] the corpus, argv[2] the MB measured, argv[3] the MB extracted before, uncounted,
# argv[4] the tool (gazetteer, geotext, flashgeotext: extract_throughput.py's calls;
# normalise: gazetteer's ``normalise`` in extract's place)
_WORKER = """
import sys
from collections import deque
tool = sys.argv[4]
if tool == "gazetteer":
    from gazetteer import Gazetteer
    extract = Gazetteer.load().extract
elif tool == "normalise":
    from gazetteer import Gazetteer
    extract = Gazetteer.load().normalise
elif tool == "geotext":
    from geotext import GeoText
    extract = lambda s: GeoText(s).cities
else:
    from flashgeotext.geotext import GeoText
    extract = GeoText().extract
from _common import measured_lines
lines, warm, size = measured_lines(sys.argv[1], float(sys.argv[2]), float(sys.argv[3]))
extract("Shells hit Füzulidə.")  # the engine built before the lines are read
for line in warm:
    extract(line)
deque(maxlen=0).extend(map(extract, lines))
print(size)
"""

_ROW = re.compile(r"^\s*([\d,]+)\s+\([^)]*\)\s+(\S.*)$")


def annotate(out: Path, inclusive: bool) -> list[tuple[int, str]]:
    """(instructions, function) rows of callgrind_annotate, largest first."""
    # (--show=Ir: one column, as the rows are read, when --cache-sim recorded more events)
    cmd = [
        "callgrind_annotate",
        "--show=Ir",
        f"--inclusive={'yes' if inclusive else 'no'}",
        "--threshold=100",
        str(out),
    ]
    text = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rows = []
    for line in text.splitlines():
        m = _ROW.match(line)
        if m:
            rows.append((int(m.group(1).replace(",", "")), m.group(2).strip()))
    return rows


def measure(corpus: Path, mb: float, warm: float, out: Path, tool: str = "gazetteer", sim: bool = False) -> int:
    """Run ``tool``'s loop under callgrind into ``out`` (``sim``: with the cache and branch
    simulation); the bytes read."""
    cmd = [
        "valgrind",
        "--tool=callgrind",
        *(SIM if sim else []),
        "--collect-atstart=no",
        f"--toggle-collect={TOGGLE}",
        f"--callgrind-out-file={out}",
        PY,
        "-c",
        _WORKER,
        str(corpus),
        str(mb),
        str(warm),
        tool,
    ]
    # (bench/ after the caller's PYTHONPATH: the loop reads its lines with _common.measured_lines)
    path = os.pathsep.join(
        p for p in (os.environ.get("PYTHONPATH", ""), os.path.dirname(os.path.abspath(__file__))) if p
    )
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": path}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0 or not out.is_file():
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"{corpus.name}, {tool}: the run under valgrind failed ({tail})")
    return int(done.stdout.split()[-1])


def cli_lines(corpus: Path, mb: float, out: Path) -> int:
    """Write the lines the loop measures (the first ``mb`` MB of ``corpus``) to ``out``;
    the bytes written."""
    size = 0
    with open(corpus, "rb") as f, open(out, "wb") as w:
        for line in f:
            if size >= mb * 1e6:
                break
            w.write(line)
            size += len(line)
    return size


def measure_cli(text: Path, out: Path, sim: bool = False) -> tuple[int, int]:
    """Run ``gazetteer extract TEXT --format jsonl -q`` under callgrind into ``out``, all of
    the process counted (``sim``: with the cache and branch simulation); (its instructions,
    those inside ``_core.scan_lines_bytes``)."""
    cli = [PY, "-m", "gazetteer", "extract", str(text), "--format", "jsonl", "-q"]
    cmd = ["valgrind", "--tool=callgrind", *(SIM if sim else []), f"--callgrind-out-file={out}", *cli]
    env = {**cli_env(), "PYTHONHASHSEED": "0"}
    # (run twice first, uncounted: the package's bytecode cached, and the index built and
    # its checksum stamped beside it, which the open after the build does; else the count
    # holds compiling the package, ~550 M, or the index's CRC, ~170 M)
    for _ in range(2):
        subprocess.run(cli, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, check=False)
    if done.returncode != 0 or not out.is_file():
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"{text.name}: the CLI under valgrind failed ({tail})")
    total = next((n for n, f in annotate(out, inclusive=False) if f == "PROGRAM TOTALS"), 0)
    scan = max((n for n, f in annotate(out, inclusive=True) if all(p in f for p in CLI_SCAN)), default=0)
    return total, scan


class SimCounts(NamedTuple):
    """A run's events a MB under ``--cache-sim`` (millions)."""

    ir: float
    i1_miss: float
    d1_miss: float
    ll_miss: float
    mispredict: float

    @property
    def cycles(self) -> float:
        """The estimated cycles (millions) by ``CYCLES``."""
        return (
            self.ir * CYCLES["Ir"]
            + (self.i1_miss + self.d1_miss) * CYCLES["L1"]
            + self.ll_miss * CYCLES["LL"]
            + self.mispredict * CYCLES["mispredict"]
        )


def sim_counts(out: Path, mb: float) -> SimCounts:
    """The totals of a callgrind.out file written with ``SIM``, in millions a MB."""
    events: list[str] = []
    totals: list[int] = []
    for line in out.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("events:"):
            events = line.split()[1:]
        elif line.startswith(("summary:", "totals:")):
            totals = [int(x) for x in line.split()[1:]]
    ev = dict(zip(events, totals + [0] * (len(events) - len(totals))))
    if "I1mr" not in ev:
        raise SystemExit(f"{out}: no cache events (was it run with {' '.join(SIM)}?)")

    def per_mb(*names: str) -> float:
        return sum(ev.get(n, 0) for n in names) / mb / 1e6

    return SimCounts(
        ir=per_mb("Ir"),
        i1_miss=per_mb("I1mr"),
        d1_miss=per_mb("D1mr", "D1mw"),
        ll_miss=per_mb("ILmr", "DLmr", "DLmw"),
        mispredict=per_mb("Bcm", "Bim"),
    )


def sim_row(corpus: str, tool: str, c: SimCounts, base: SimCounts) -> list[str]:
    """A --cache-sim table row; the last column the tool's cycles over gazetteer's."""
    return [
        corpus,
        tool,
        f"{c.ir:.1f}",
        f"{c.i1_miss:.2f}",
        f"{c.d1_miss:.2f}",
        f"{c.ll_miss:.3f}",
        f"{c.mispredict:.2f}",
        f"{c.cycles:.1f}",
        f"{c.cycles / base.cycles:.2f}x",
    ]


def short(name: str) -> str:
    """A function's name without its file and Rust hash."""
    name = name.split(":", 1)[-1] if ":" in name and not name.startswith("0x") else name
    name = re.sub(r"::h[0-9a-f]{16}\b", "", name)
    name = name.replace("'2", "")
    return name if len(name) <= 90 else name[:87] + "..."


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=2.0, help="MB of each corpus to extract (default 2)")
    ap.add_argument("--corpus", type=Path, action="append", help="a corpus file (default: the two throughput corpora)")
    ap.add_argument(
        "--warm", type=float, default=0.25, help="MB after the measured ones extracted first, uncounted (default 0.25)"
    )
    ap.add_argument("--top", type=int, default=25, help="functions listed by their own instructions (default 25)")
    ap.add_argument("--keep", type=Path, help="a directory to keep the callgrind.out files in")
    ap.add_argument(
        "--normalise",
        action="store_true",
        help="count Gazetteer.normalise's loop in place of extract's (its engine entry in the last column)",
    )
    ap.add_argument(
        "--peers",
        action="store_true",
        help="count geotext's and flashgeotext's loops too, and their counts over gazetteer's",
    )
    ap.add_argument(
        "--cli",
        action="store_true",
        help="count the CLI too (gazetteer extract FILE --format jsonl -q over the same lines)",
    )
    ap.add_argument(
        "--cache-sim",
        action="store_true",
        help="simulate the caches and branch predictor too; print misses and estimated cycles a MB",
    )
    a = ap.parse_args()
    for tool in ("valgrind", "callgrind_annotate"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed: this benchmark counts instructions with callgrind")
    corpora = a.corpus or list(DEFAULT_CORPORA)
    for c in corpora:
        if not c.is_file():
            raise SystemExit(f"{c}: no such corpus (bench/extract_throughput.py makes the 1993 one)")
    print(machine())
    keep = a.keep or Path(tempfile.mkdtemp(prefix="extract_callgrind."))
    keep.mkdir(parents=True, exist_ok=True)
    rows, peer_rows, cli_rows, sim_rows = [], [], [], []
    first = 0
    if a.cli:
        # (start-up and the engine's first build, counted once: a run over one short line)
        (keep / "first.txt").write_text(FIRST, encoding="utf-8")
        first, _ = measure_cli(keep / "first.txt", keep / "callgrind.cli.first.out", a.cache_sim)
    for c in corpora:
        out = keep / f"callgrind.{c.stem}.out"
        size = measure(c, a.mb, a.warm, out, "normalise" if a.normalise else "gazetteer", a.cache_sim)
        mbs = size / 1e6
        own = annotate(out, inclusive=False)
        total = next((n for n, f in own if f == "PROGRAM TOTALS"), 0)
        if total == 0:
            raise SystemExit(f"{c.name}: callgrind counted nothing inside {TOGGLE} ({out})")
        base = sim_counts(out, mbs) if a.cache_sim else None
        if base is not None:
            sim_rows.append(sim_row(c.name, "normalise" if a.normalise else "gazetteer", base, base))
        if a.peers:
            row = [c.name, f"{total / mbs / 1e6:.2f}"]
            for peer in PEERS:
                pout = keep / f"callgrind.{c.stem}.{peer}.out"
                psize = measure(c, a.mb, a.warm, pout, peer, a.cache_sim)
                ptotal = next((n for n, f in annotate(pout, inclusive=False) if f == "PROGRAM TOTALS"), 0)
                if base is not None:
                    sim_rows.append(sim_row(c.name, peer, sim_counts(pout, psize / 1e6), base))
                per_mb = ptotal / (psize / 1e6) / 1e6
                row += [f"{per_mb:.2f}", f"{per_mb / (total / mbs / 1e6):.2f}x"]
            peer_rows.append(row)
        if a.cli:
            text = keep / f"{c.stem}.{a.mb:g}MB.txt"
            cmb = cli_lines(c, a.mb, text) / 1e6
            total_cli, scan_cli = measure_cli(text, keep / f"callgrind.{c.stem}.cli.out", a.cache_sim)
            cli_rows.append(
                [
                    c.name,
                    f"{total_cli / 1e6:.1f}",
                    f"{first / 1e6:.1f}",
                    f"{(total_cli - first) / cmb / 1e6:.2f}",
                    f"{scan_cli / cmb / 1e6:.2f}",
                ]
            )
        entry = SCAN_NORMALISE if a.normalise else SCAN
        # (the outermost entry called: the largest inclusive count of those named)
        scan = max((n for n, f in annotate(out, inclusive=True) if any(e in f for e in entry)), default=0)
        rows.append([c.name, f"{mbs:.2f}", f"{total / mbs / 1e6:.2f}", f"{scan / mbs / 1e6:.2f}"])
        print(f"\n{c.name}: functions by own instructions (M a MB)")
        for n, f in [r for r in own if r[1] != "PROGRAM TOTALS"][: a.top]:
            print(f"  {n / mbs / 1e6:8.2f}  {short(f)}")
    print()
    entry_head = "engine normalise" if a.normalise else "scan_records"
    print(table(["corpus", "MB", "loop M instr / MB", f"{entry_head} M instr / MB"], rows))
    if cli_rows:
        print()
        print("the CLI (gazetteer extract FILE --format jsonl -q) on the same lines, the whole process:")
        head = ["corpus", "M instr", "one short line", "difference / MB", "scan_lines_bytes / MB"]
        print(table(head, cli_rows))
    if peer_rows:
        print()
        print("the same loop's instructions (M a MB) of each tool, and the peer's over gazetteer's:")
        head = ["corpus", "gazetteer"]
        for peer in PEERS:
            head += [peer, f"{peer} / gazetteer"]
        print(table(head, peer_rows))
    if sim_rows:
        print()
        print(f"caches and branches simulated (M a MB); estimated cycles = {CYCLES_TEXT}:")
        head = ["corpus", "tool", "Ir", "I1 miss", "D1 miss", "LL miss", "mispredict", "est. M cycles", "over first"]
        print(table(head, sim_rows))
    if a.keep is None:
        shutil.rmtree(keep)


if __name__ == "__main__":
    main()
