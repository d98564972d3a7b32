"""Shared helpers for the benchmark scripts (standard library only)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CORPUS = BENCH / "corpus"
PY = sys.executable
BIN = Path(PY).parent
GAZ = str(BIN / "gazetteer") if (BIN / "gazetteer").exists() else "gazetteer"
TIME = "/usr/bin/time"


def cli_env() -> dict[str, str]:
    """The environment a measured command line runs in: this one without
    PYTHONDONTWRITEBYTECODE, so that the package's bytecode is cached by a first run, as an
    installed package's is (pip compiles it); with it set, every start compiles the modules
    again (~0.07 s of CPU for extract) and measures the compiler (bench/startup.py likewise)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def machine() -> str:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    date = subprocess.run(["date", "-u"], capture_output=True, text=True).stdout.strip()
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    return f"{date} | {cpu} x{os.cpu_count()} | Python {platform.python_version()} | loadavg {load}"


def run_measured(
    cmd: list[str], stdin_path: str | None = None, stdout=subprocess.DEVNULL, env: dict | None = None, check_rc=(0, 1)
) -> tuple[float, int]:
    """Run cmd under /usr/bin/time; return (wall seconds, peak RSS in KB)."""
    r, w = os.pipe()
    full = [TIME, "-f", "%M", "-o", f"/dev/fd/{w}"] + cmd
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(full, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, pass_fds=(w,), env=env)
    os.close(w)
    _, err = p.communicate()
    dt = time.perf_counter() - t0
    rss = os.read(r, 1000).decode().strip().splitlines()
    os.close(r)
    if stdin_path:
        stdin.close()
    if p.returncode not in check_rc:
        sys.stderr.write(err.decode(errors="replace")[-2000:])
        raise SystemExit(f"command failed ({p.returncode}): {' '.join(cmd)}")
    kb = int(rss[-1]) if rss and rss[-1].isdigit() else -1
    return dt, kb


def table(headers: list[str], rows: list[list]) -> str:
    cells = [[str(c) for c in r] for r in [headers] + rows]
    w = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    out = [
        "| " + " | ".join(c.ljust(w[i]) for i, c in enumerate(cells[0])) + " |",
        "|" + "|".join("-" * (x + 2) for x in w) + "|",
    ]
    for r in cells[1:]:
        out.append("| " + " | ".join(c.ljust(w[i]) for i, c in enumerate(r)) + " |")
    return "\n".join(out)


def measured_lines(path: str | Path, mb: float, warm_mb: float) -> tuple[list[str], list[str], int]:
    """The lines an extraction loop measures: the first ``mb`` MB of ``path`` (whole lines),
    the ``warm_mb`` MB after them (extracted first, uncounted: what the engine builds once a
    process), and the bytes measured. Read by the loops bench/extract_callgrind.py and
    bench/ab_builds.py run in their child interpreters."""
    lines: list[str] = []
    warm: list[str] = []
    size = seen = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            n = len(line.encode("utf-8"))
            if size < mb * 1e6:
                lines.append(line)
                size += n
            elif seen < warm_mb * 1e6:
                warm.append(line)
                seen += n
            else:
                break
    return lines, warm, size
