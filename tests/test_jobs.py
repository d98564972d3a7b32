"""--jobs: one input cut into chunks of pieces for worker processes, and many files in
parallel, give the very bytes (and the warnings and exit status) of --jobs 1; a worker
that dies is a one-line error, never a short output taken for a whole one."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from gazetteer.batch import CHUNK

from . import passages as P

PARAGRAPH = "\r\n".join([P.ENGLISH, P.AZERBAIJANI, P.RUSSIAN, P.TURKISH, P.ARMENIAN, P.NEGATIVES, P.CUES]) + "\r\n"


def _several_chunks(chunks: float = 2.6) -> str:
    """Mixed-script text (several bytes per code point) of about ``chunks`` chunks."""
    return PARAGRAPH * int(chunks * CHUNK // len(PARAGRAPH))


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A file of several chunks with bytes that are not UTF-8 only after the first chunk:
    the note about them comes from a worker that is not the first."""
    text = _several_chunks()
    raw = text.encode("utf-8")
    cut = len(raw) * 2 // 3
    cut = raw.index(b"\r\n", cut) + 2
    raw = raw[:cut] + b"Bad byte \xff in Stepanakert.\r\n" + raw[cut:]
    path = tmp_path_factory.mktemp("jobs") / "big.txt"
    path.write_bytes(raw)
    return path


def _same(run_cli, *args, input=None) -> subprocess.CompletedProcess:
    """Run with --jobs 1 and --jobs 2; both must give the same stdout, stderr and status."""
    one = run_cli(*args, "-q", "--jobs", "1", input=input)
    two = run_cli(*args, "-q", "--jobs", "2", input=input)
    assert one.returncode == two.returncode, two.stderr
    assert one.stderr == two.stderr
    assert one.stdout == two.stdout
    return two


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson"])
def test_extract_of_one_file_in_two_jobs_is_byte_identical(run_cli, big, fmt):
    proc = _same(run_cli, "extract", big, "--format", fmt)
    assert proc.returncode == 0
    assert b"not UTF-8 text" in proc.stderr  # said once, from the chunk that has the byte
    assert proc.stderr.count(b"warning") == 1


def test_extract_records_of_later_chunks_point_at_their_text(run_cli, big):
    proc = _same(run_cli, "extract", big, "--format", "jsonl", "--context", "7")
    recs = [json.loads(line) for line in proc.stdout.splitlines()]
    raw = big.read_bytes()
    text = raw.decode("utf-8", "surrogateescape")
    assert recs[-1]["start"] > 2 * CHUNK  # the last chunk has mentions
    for rec in recs[:: max(1, len(recs) // 500)]:
        assert text[rec["start"] : rec["end"]] == rec["text"]
        assert raw[rec["byte_start"] : rec["byte_end"]].decode("utf-8") == rec["text"]


def test_extract_with_a_filter_and_other_options_in_two_jobs(run_cli, big):
    _same(run_cli, "extract", big, "--format", "tsv", "--kind", "district", "--naming", "az")
    _same(run_cli, "extract", big, "--format", "jsonl", "--min-score", "90", "--context", "0")


def test_extract_into_a_file_in_two_jobs(run_cli, big, tmp_path):
    for jobs in ("1", "2"):
        proc = run_cli("extract", big, "-q", "-j", jobs, "-o", tmp_path / f"out{jobs}.jsonl")
        assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out1.jsonl").read_bytes() == (tmp_path / "out2.jsonl").read_bytes()


def test_stdin_in_two_jobs(run_cli, big):
    raw = big.read_bytes()
    _same(run_cli, "extract", "-", "--format", "jsonl", input=raw)
    proc = _same(run_cli, "normalise", "-", input=raw)
    assert len(proc.stdout) > len(raw) // 2


@pytest.mark.parametrize("mode", [[], ["--annotate"], ["--markup", "--naming", "hy"]])
def test_normalise_of_one_file_in_two_jobs_is_byte_identical(run_cli, big, mode):
    proc = _same(run_cli, "normalise", big, *mode)
    assert proc.returncode == 0 and proc.stdout != big.read_bytes()


def test_normalise_report_diff_folder_and_in_place_in_two_jobs(run_cli, big, tmp_path):
    outs = {}
    for jobs in ("1", "2"):
        report = tmp_path / f"report{jobs}.jsonl"
        proc = run_cli("normalise", big, "-q", "-j", jobs, "--report", report, "-o", tmp_path / f"dir{jobs}")
        assert proc.returncode == 0, proc.stderr
        diff = run_cli("normalise", big, "-q", "-j", jobs, "--diff")
        copy = tmp_path / f"copy{jobs}.txt"
        copy.write_bytes(big.read_bytes())
        in_place = run_cli("normalise", copy, "-q", "-j", jobs, "--in-place")
        assert in_place.returncode == 0, in_place.stderr
        outs[jobs] = (
            report.read_bytes(),
            (tmp_path / f"dir{jobs}" / "big.txt").read_bytes(),
            diff.stdout,
            copy.read_bytes(),
        )
    assert outs["1"] == outs["2"]
    assert outs["2"][0].count(b"\n") > 1000


def test_names_an_encoding_cannot_write_are_counted_over_all_chunks(run_cli, tmp_path):
    """Armenian names into latin-1: the note counts the names of every chunk, once."""
    f = tmp_path / "latin1.txt"
    f.write_bytes(("Troops left Stepanakert and Shusha for Fuzuli.\n" * (CHUNK // 20)).encode("latin-1"))
    proc = _same(run_cli, "normalise", f, "--encoding", "latin-1", "--naming", "hy")
    note = proc.stderr.decode()
    assert note.count("name(s) kept as they were") == 1
    assert int(re.search(r"(\d+) name\(s\) kept", note).group(1)) > CHUNK // 20


def test_text_that_cannot_be_decoded_part_way_gives_the_same_records_and_error(run_cli, tmp_path):
    """UTF-16 cut in the middle of a code unit at the end of its third chunk: the records
    before it, then the error."""
    f = tmp_path / "utf16.txt"
    f.write_bytes(b"\xff\xfe" + _several_chunks(2.5).encode("utf-16-le") + b"A")
    proc = _same(run_cli, "extract", f, "--format", "jsonl")
    assert proc.returncode == 1
    assert b"not valid utf-16" in proc.stderr and proc.stderr.count(b"\n") == 1
    assert proc.stdout.count(b"\n") > 1000


def test_many_files_in_two_jobs_keep_input_order(run_cli, tmp_path):
    sizes = [3, 1, 40, 2, 25, 1, 8, 1]  # unequal files: results come back out of order
    for n, k in enumerate(sizes):
        (tmp_path / f"{n:02d}.txt").write_text(PARAGRAPH * k * 40, encoding="utf-8")
    proc = _same(run_cli, "extract", tmp_path, "--format", "jsonl")
    paths = [os.path.basename(json.loads(line)["path"]) for line in proc.stdout.splitlines()]
    assert paths == sorted(paths) and len(set(paths)) == len(sizes)
    _same(run_cli, "normalise", tmp_path)


def test_a_folder_of_big_files_scanned_one_after_another_is_byte_identical(run_cli, big, tmp_path, monkeypatch):
    """Files of a megabyte or more on average are scanned one after another, each by both
    processes from its two ends (batch.pieces_across_files): extract's lines, the warnings,
    normalise's -o DIR and report are those of one process, with files in UTF-8, UTF-16, a
    byte that is not UTF-8, one that is not text (skipped by the walk) and a small one."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_big.txt").write_bytes(big.read_bytes())
    (folder / "b_small.txt").write_text(PARAGRAPH, encoding="utf-8")
    (folder / "c_utf8.txt").write_text(_several_chunks(1.5), encoding="utf-8")
    (folder / "d_utf16.txt").write_bytes(b"\xff\xfe" + _several_chunks(1.2).encode("utf-16-le"))
    (folder / "e_binary.txt").write_bytes(b"\x00\x01\x02" * 1000)
    from gazetteer import batch

    # (the CLI's fresh process has one thread; this test process may have more, left by
    # other tests' servers, so the size rule is asked with forking taken as safe)
    monkeypatch.setattr(batch, "_can_fork", lambda: True)
    assert batch.pieces_across_files(sorted(folder.iterdir()))
    proc = _same(run_cli, "extract", folder, "--format", "jsonl", "--context", "5")
    assert proc.returncode == 0 and b"not UTF-8 text" in proc.stderr
    paths = [os.path.basename(json.loads(line)["path"]) for line in proc.stdout.splitlines()]
    assert sorted(set(paths)) == ["a_big.txt", "b_small.txt", "c_utf8.txt", "d_utf16.txt"]
    assert paths == sorted(paths)
    outs = {}
    for jobs in ("1", "2"):
        report = tmp_path / f"report{jobs}.jsonl"
        out = tmp_path / f"out{jobs}"
        proc = run_cli("normalise", folder, "-q", "-j", jobs, "-o", out, "--report", report)
        assert proc.returncode == 0, proc.stderr
        outs[jobs] = (proc.stderr, report.read_bytes(), {f.name: f.read_bytes() for f in sorted(out.iterdir())})
    assert outs["1"] == outs["2"]
    assert len(outs["2"][2]) == 4 and outs["2"][1].count(b"\n") > 1000


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


def _kill_a_worker_and_see_one_line(p: subprocess.Popen) -> None:
    """Kill a worker of the running command ``p`` (skip if it ends first): the command
    fails with one line saying a worker stopped."""
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and p.poll() is None and time.monotonic() < deadline:
        workers = _children(p.pid)
        time.sleep(0.02)
    if p.poll() is not None:
        pytest.skip("the run ended before a worker could be killed")
    os.kill(workers[-1], signal.SIGKILL)
    _, err = p.communicate(timeout=120)
    assert p.returncode not in (0, None)
    assert err.decode().count("\n") == 1 and "worker process stopped" in err.decode(), err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the workers in /proc")
@pytest.mark.parametrize("files", [1, 3])
def test_a_worker_killed_is_one_line_and_no_output_file(cli_env, gz, tmp_path, files):
    """One big file, or several scanned one after another by both processes."""
    names = [f"big{k}.txt" for k in range(files)]
    for name in names:
        (tmp_path / name).write_text(_several_chunks(12 / files), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    p = subprocess.Popen(
        [sys.executable, "-m", "gazetteer", "extract", "-q", "-j", "2", "-o", str(out)]
        + [str(tmp_path / name) for name in names],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env,
    )
    _kill_a_worker_and_see_one_line(p)  # with -j 2: one worker, the parent scanning beside it
    assert not out.exists()
    assert sorted(x.name for x in tmp_path.iterdir()) == names


# Run in a fresh interpreter: ChunkPool forks only a process without other threads, and
# other tests of this session (Dask's) leave threads running in the test process.
_BOTH_ENDS = """
import io, sys
from gazetteer import batch
from gazetteer.api import Gazetteer
from gazetteer.documents import extract_line_bytes, normalise_stream
from gazetteer.review import MentionExtras

workers, f, shared = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for name, size in (("FIRST_SEGMENT", 300_000), ("SEGMENT", 900_000), ("LAST_SEGMENT", 200_000), ("SHARED", shared)):
    setattr(batch, name, size)
gz = Gazetteer.load()
raw = open(f, "rb").read()
want = b"".join(extract_line_bytes(gz, io.BytesIO(raw), path=f, extra=MentionExtras(gz, "en", 40)))
want_text, want_changes = io.BytesIO(), []
want_count = normalise_stream(gz, io.BytesIO(raw), want_text, changes=want_changes)
got, got_text, got_changes = io.BytesIO(), io.BytesIO(), []
import gc
assert gc.get_freeze_count() == 0
with batch.ChunkPool(workers, [], False, gz) as pool, open(f, "rb") as fh:
    assert pool.claims is not None, "the workers are forked and share the ends"
    pool.extract(f, fh, lambda spool: batch.copy_out(spool, got), context=40, path=f)
    fh.seek(0)
    got_count = pool.normalise(gz, fh, got_text, changes=got_changes, path=f)
    piped = io.BytesIO()  # an input the workers cannot read themselves: bytes sent with the segment
    pool.extract(f, io.BytesIO(raw), lambda spool: batch.copy_out(spool, piped), context=40)
assert gc.get_freeze_count() == 0, "the pool thaws what it froze for its workers"
assert got.getvalue() == want, "extract lines differ"
assert piped.getvalue() == want, "extract lines of a stream differ"
assert got_text.getvalue() == want_text.getvalue(), "normalised text differs"
assert (got_count, got_changes) == (want_count, want_changes), "normalise count or changes differ"
print("same", len(want))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks")
@pytest.mark.parametrize(("workers", "shared"), [(2, 48 << 20), (3, 48 << 20), (2, 3 << 20), (3, 1)])
def test_a_file_of_many_segments_scanned_from_both_ends_is_byte_identical(tmp_path, workers, shared):
    """The parent scans each segment from its start and the workers from its end: with
    segments of a few pieces (many meetings, one or two workers at the end) extract's lines,
    normalise's text, its count and its changes are those of one process, whether the
    workers' output all fits in the memory they share with the parent (``shared`` bytes a
    segment), in part (the rest in spool files) or not at all; and of a stream the workers
    cannot read themselves (a pipe: the pieces' bytes go with the segment)."""
    f = tmp_path / "big.txt"
    f.write_text(_several_chunks(3), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", _BOTH_ENDS, str(workers), str(f), str(shared)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("same ") and int(proc.stdout.split()[1]) > 0
    assert sorted(x.name for x in tmp_path.iterdir()) == ["big.txt"]  # no spool file left


def _from_stdin(cli_env, src, *args: str, skip: int = 0) -> subprocess.CompletedProcess:
    """``gazetteer ARGS -`` with stdin the file ``src`` itself (not a pipe), ``skip`` bytes
    of it read before the command starts."""
    with open(src, "rb") as fh:
        fh.seek(skip)
        return subprocess.run(
            [sys.executable, "-m", "gazetteer", *args, "-"],
            stdin=fh,
            capture_output=True,
            env=cli_env,
            timeout=120,
        )


@pytest.mark.parametrize("command", [["extract", "--format", "jsonl", "--context", "7"], ["normalise"]])
def test_stdin_redirected_from_a_file_in_two_jobs_is_byte_identical(cli_env, big, tmp_path, command):
    """Stdin that is a regular file is read again by the workers (by its descriptor under
    /proc on Linux) and scanned from both ends like a named file: the same bytes as one
    process, also when the file was read part way before the command started."""
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes(_several_chunks(3).encode("utf-8"))
    for src, skip in ((utf8, 0), (utf8, 1000), (big, 0)):
        one = _from_stdin(cli_env, src, *command, "-q", "-j", "1", skip=skip)
        two = _from_stdin(cli_env, src, *command, "-q", "-j", "2", skip=skip)
        assert one.returncode == two.returncode == 0, two.stderr
        assert (one.stdout, one.stderr) == (two.stdout, two.stderr)
        assert len(one.stdout) > 100_000


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_only_a_regular_file_read_from_its_start_is_read_again(tmp_path):
    from gazetteer.batch import _read_again

    f = tmp_path / "text.txt"
    f.write_bytes(b"Stepanakert and Shusha.\n" * 10)
    with open(f, "rb") as fh:
        again = _read_again(fh)
        assert again is not None and again.read_bytes() == f.read_bytes()
        fh.read(1)
        assert _read_again(fh) is None  # read part way: the workers could not tell where
    r, w = os.pipe()
    with os.fdopen(r, "rb") as pipe, os.fdopen(w, "wb"):
        assert _read_again(pipe) is None
    assert _read_again(io.BytesIO(b"text")) is None


_FILES = """
import io, os, sys, tempfile
from gazetteer import batch
from gazetteer.api import Gazetteer
from gazetteer.documents import extract_line_bytes

slot, group, files = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
batch.SLOT = batch.HELD = slot
batch.GROUP = group
gz = Gazetteer.load()
want = b"".join(b"".join(extract_line_bytes(gz, open(f, "rb"), path=f)) for f in files)
spool = tempfile.mkdtemp()
got = io.BytesIO()
jobs = [(f, f, None, "en", spool, None) for f in files]
shared = 0
import gc
assert gc.get_freeze_count() == 0
for res in batch.run("extract", jobs, 2, [], False, gz):
    assert res.error is None, res.error
    shared += res.shared is not None
    batch.write_result(res, lambda fh: batch.copy_out(fh, got))
assert gc.get_freeze_count() == 0, "the pool thaws what it froze for its workers"
assert got.getvalue() == want, "extract lines differ"
assert os.listdir(spool) == [], "spool files left"
print("same", len(want), shared)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks")
@pytest.mark.parametrize(("slot", "group"), [(16 << 20, 1 << 20), (16 << 20, 1), (1, 1 << 20), (20_000, 30_000)])
def test_many_small_files_handed_over_in_shared_memory_are_byte_identical(tmp_path, slot, group):
    """Small files go to the workers a few at a time (``group`` bytes), their output handed
    over in a slot of memory shared with the parent (``slot`` bytes each) or, past that, a
    spool file: the lines are those of one process, in order, and no spool file is left."""
    files = []
    for n, k in enumerate([3, 1, 40, 2, 25, 1, 8, 1, 5, 12]):
        f = tmp_path / f"{n:02d}.txt"
        f.write_text(PARAGRAPH * k, encoding="utf-8")
        files.append(str(f))
    proc = subprocess.run(
        [sys.executable, "-c", _FILES, str(slot), str(group), *files], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    said, size, shared = proc.stdout.split()
    assert said == "same" and int(size) > 0
    if slot == 1:  # a slot of one byte: every worker output spilled to a spool file
        assert int(shared) == 0
    elif slot >= 1 << 20:  # room for all of it
        assert int(shared) > 0


_INTERRUPTED_START = """
import gc, os, sys
from gazetteer import batch
from gazetteer.api import Gazetteer

def interrupted(count, gz):
    raise KeyboardInterrupt

batch._Forked = interrupted  # Ctrl-C while the workers are being forked
gz = Gazetteer.load()
try:
    batch.ChunkPool(2, [], False, gz)
except KeyboardInterrupt:
    pass
else:
    raise SystemExit("the interrupt was swallowed")
assert gc.get_freeze_count() == 0, "the pool thaws what it froze for its workers"
print(os.listdir(sys.argv[1]))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks")
def test_an_interrupt_while_the_workers_start_leaves_no_spool_folder(tmp_path):
    """Ctrl-C (or SIGTERM) between the pool's spool folder being made and its workers
    running: the folder is removed and the collector thawed before the interrupt goes on."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED_START, str(tmp_path)], capture_output=True, text=True, timeout=300, env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


_BIG_TASKS = """
import io, os, sys, tempfile
from gazetteer import batch
from gazetteer.api import Gazetteer
from gazetteer.documents import normalise_stream

batch.GROUP, batch.GROUP_FILES = 1 << 30, int(sys.argv[1])
files = sys.argv[2:]
gz = Gazetteer.load()
want, want_changes = io.BytesIO(), []
for f in files:
    with open(f, "rb") as fh:
        changes = []
        normalise_stream(gz, fh, want, changes=changes)
        want_changes.append(changes)
spool = tempfile.mkdtemp()
opts = batch.NormaliseOptions(report=True)
got, got_changes = io.BytesIO(), []
for res in batch.run("normalise", [(f, f, None, opts, spool) for f in files], 2, [], False, gz):
    assert res.error is None, res.error
    got_changes.append(list(res.changes))
    batch.write_result(res, lambda fh: batch.copy_out(fh, got))
assert got.getvalue() == want.getvalue(), "normalised text differs"
assert got_changes == want_changes, "changes differ"
assert os.listdir(spool) == [], "spool files left"
print("same", len(want.getvalue()), sum(map(len, want_changes)))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks")
def test_tasks_and_results_bigger_than_a_pipe_neither_process_waits_for_the_other(tmp_path):
    """Many files with long names a task (a message bigger than the pipe holds) and
    normalise's report of each (a result as big): the parent sends the next task while the
    worker sends back the last one's result, and reads that result rather than wait for the
    worker (which waits for the parent to read it): the run ends, with one process's text
    and changes."""
    folder = tmp_path / ("x" * 200)
    folder.mkdir()
    files = []
    for n in range(400):
        f = folder / (f"{n:03d}_" + "y" * 200 + ".txt")
        f.write_text("Troops left Stepanakert and Shusha for Fuzuli and Khankendi.\n" * 4, encoding="utf-8")
        files.append(str(f))
    proc = subprocess.run(
        [sys.executable, "-c", _BIG_TASKS, "150", *files], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    said, size, changes = proc.stdout.split()
    assert said == "same" and int(size) > 0 and int(changes) > 1000


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the workers in /proc")
def test_a_worker_killed_amid_many_small_files_is_one_line_and_no_spool_folder(cli_env, gz, tmp_path):
    """Small files go to a worker forked from the command a few at a time: killed, it is
    a one-line error and a failing status, and the command's spool folder is gone."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(600):
        (folder / f"{n:03d}.txt").write_text(PARAGRAPH * 8, encoding="utf-8")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    p = subprocess.Popen(
        [sys.executable, "-m", "gazetteer", "extract", "-q", "-j", "2", "--format", "jsonl", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**cli_env, "TMPDIR": str(scratch)},
    )
    _kill_a_worker_and_see_one_line(p)
    assert list(scratch.iterdir()) == []


_NEXT_AHEAD = """
import io, sys
from gazetteer import batch
from gazetteer.api import Gazetteer
from gazetteer.documents import extract_line_bytes, normalise_stream

for name, size in (("FIRST_SEGMENT", 300_000), ("SEGMENT", 900_000), ("LAST_SEGMENT", 200_000)):
    setattr(batch, name, size)
files = sys.argv[1:]
gz = Gazetteer.load()
want = {f: b"".join(extract_line_bytes(gz, open(f, "rb"), path=f)) for f in files}
sent, dropped = [], []
first_of_next, drop = batch.ChunkPool._first_of_next, batch.ChunkPool._drop
batch.ChunkPool._first_of_next = lambda self, *a: sent.append(1) or first_of_next(self, *a)
batch.ChunkPool._drop = lambda self, *a: dropped.append(1) or drop(self, *a)
with batch.ChunkPool(2, [], False, gz) as pool:
    # told the order a, b, c, a; scanned a, c (b's first segment sent ahead: dropped), a, b
    pool.expect([(f, f) for f in (files[0], files[1], files[2], files[0])])
    for f in (files[0], files[2], files[0], files[1]):
        got = io.BytesIO()
        with open(f, "rb") as fh:
            pool.extract(f, fh, lambda spool: batch.copy_out(spool, got), path=f)
        assert got.getvalue() == want[f], f"extract lines of {f} differ"
    got_text = io.BytesIO()
    with open(files[1], "rb") as fh:
        pool.normalise(gz, fh, got_text, path=files[1])  # (after an extract: args differ)
want_text = io.BytesIO()
normalise_stream(gz, open(files[1], "rb"), want_text)
assert got_text.getvalue() == want_text.getvalue(), "normalised text differs"
assert sent and dropped, (sent, dropped)
print("same", len(sent), len(dropped))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks")
def test_the_next_files_first_segment_sent_ahead_is_taken_up_or_dropped(tmp_path):
    """Several files one after another: with a file's last segment the workers are sent
    the next file's first; the next call takes it up where it is the file and the work it
    was sent for, and drops it otherwise (another file, or the same file for other work):
    every file's output is that of one process."""
    files = []
    for k, chunks in enumerate((1.2, 0.8, 1.5)):
        f = tmp_path / f"f{k}.txt"
        f.write_text(_several_chunks(chunks), encoding="utf-8")
        files.append(str(f))
    proc = subprocess.run([sys.executable, "-c", _NEXT_AHEAD, *files], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("same ")
    assert sorted(x.name for x in tmp_path.iterdir()) == ["f0.txt", "f1.txt", "f2.txt"]


_ENDS_FROZEN = """
import atexit, gc, sys
# (registered first, so run last: after the exit handler ends_after_the_run registers)
atexit.register(lambda: sys.stdout.write(f"frozen at the end: {gc.get_freeze_count()}\\n"))
from gazetteer import batch
kept = [[i] for i in range(1000)]  # (objects the process holds when it ends)
assert gc.get_freeze_count() == 0
batch.ends_after_the_run()
assert gc.get_freeze_count() == 0, "nothing is frozen while the command runs"
"""


def test_the_cli_process_freezes_what_it_holds_as_it_ends():
    """After ends_after_the_run (the CLI's extract and normalise), what the process holds
    is frozen when its exit handlers run, so the interpreter's last collections skip it."""
    proc = subprocess.run([sys.executable, "-c", _ENDS_FROZEN], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    frozen = int(proc.stdout.rsplit(":", 1)[1])
    assert frozen > 1000, proc.stdout
