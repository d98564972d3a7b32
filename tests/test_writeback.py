"""extract's output written by a thread (gazetteer.writeback): every byte in order, a
write that fails raised where the bytes come from, nothing waiting once a run stops; the
CLI's lines the same to a file, to -o FILE and to a pipe, a full disk one line."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from gazetteer.writeback import LineSink

from . import passages as P

pytestmark = pytest.mark.skipif(LineSink is None, reason="no POSIX file descriptors")


def test_every_chunk_is_written_in_order_also_when_the_writer_waits_for_room(tmp_path):
    path = tmp_path / "out.bin"
    chunks = [bytes([i % 251]) * (1 + i * 37 % 5000) for i in range(400)]
    with open(path, "wb") as fh:
        writes = LineSink(fh.fileno(), False, 8192)  # (room for a few chunks: waits)
        for c in chunks:
            writes(c)
        writes.close()
    assert path.read_bytes() == b"".join(chunks)
    assert not writes.running


def test_a_synced_file_gets_every_byte_across_its_periodic_syncs(tmp_path):
    path = tmp_path / "out.bin"
    chunks = [bytes([65 + i % 26]) * 3000 for i in range(200)]
    with open(path, "wb") as fh:
        writes = LineSink(fh.fileno(), True, 1 << 20, 10_000)  # (a sync every few chunks)
        for c in chunks:
            writes(memoryview(c))  # (any buffer)
        writes.close()
    assert path.read_bytes() == b"".join(chunks)


def test_a_write_that_fails_is_raised_by_the_next_handing_over_and_close_says_it_once():
    fd = os.open("/dev/full", os.O_WRONLY)
    try:
        writes = LineSink(fd)
        writes(b"x" * 1000)
        with pytest.raises(OSError) as first:
            for _ in range(1000):  # (the thread's error comes back by one of these)
                writes(b"y")
                threading.Event().wait(0.001)
        assert first.value.errno == 28  # ENOSPC
        with pytest.raises(OSError):
            writes(b"z")  # every input that would be written hears of it
        writes.close()  # (raised already: not again)
        assert not writes.running
    finally:
        os.close(fd)


def test_drain_raises_an_error_no_handing_over_heard_of():
    fd = os.open("/dev/full", os.O_WRONLY)
    try:
        writes = LineSink(fd)
        writes(b"x" * 1000)
        with pytest.raises(OSError) as got:
            writes.drain()
        assert got.value.errno == 28
        writes.close()
    finally:
        os.close(fd)


def test_a_closed_pipe_is_a_broken_pipe_error():
    r, w = os.pipe()
    os.close(r)
    try:
        writes = LineSink(w)
        writes(b"x" * 100)
        with pytest.raises(BrokenPipeError):
            writes.close()
    finally:
        os.close(w)


def test_abandon_drops_what_waits_and_stops_the_thread():
    r, w = os.pipe()
    try:
        writes = LineSink(w, False, 1 << 30)
        for _ in range(64):
            writes(b"a" * 65536)  # more than the pipe holds: the thread waits in a write
        threading.Event().wait(0.1)
        writes.abandon()  # (a pipe: not waited for)
        assert writes.pending == 0
        os.close(r)  # the reader goes: the write under way ends
        for _ in range(500):
            if not writes.running:
                break
            threading.Event().wait(0.01)
        assert not writes.running
    finally:
        os.close(w)


def test_the_descriptor_stays_open_after_close(tmp_path):
    with open(tmp_path / "out.bin", "wb") as fh:
        writes = LineSink(fh.fileno())
        writes(b"first ")
        writes.close()
        fh.write(b"second")  # (the file's own descriptor: still open)
    assert (tmp_path / "out.bin").read_bytes() == b"first second"


@pytest.fixture
def news_file(tmp_path):
    f = tmp_path / "news.txt"
    f.write_text((P.ENGLISH + "\n" + P.AZERBAIJANI + "\n") * 3000, encoding="utf-8")
    return f


def _cli(args, cli_env, **kw):
    return subprocess.run([sys.executable, "-m", "gazetteer", *map(str, args)], env=cli_env, timeout=120, **kw)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_extract_writes_the_same_bytes_to_a_file_to_o_and_to_a_pipe(run_cli, cli_env, news_file, tmp_path, fmt):
    piped = run_cli("extract", news_file, "--format", fmt, "-q").stdout
    assert piped.count(b"\n") > 1000
    redirected = tmp_path / f"stdout.{fmt}"
    with open(redirected, "wb") as fh:
        assert _cli(["extract", news_file, "--format", fmt, "-q"], cli_env, stdout=fh).returncode == 0
    assert redirected.read_bytes() == piped
    out = tmp_path / f"out.{fmt}"
    assert run_cli("extract", news_file, "-q", "-o", out).returncode == 0
    assert out.read_bytes() == piped
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_extract_to_a_full_disk_says_so_in_one_line(run_cli, cli_env, news_file):
    with open("/dev/full", "wb") as full:
        proc = _cli(["extract", news_file, "--format", "jsonl", "-q"], cli_env, stdout=full, stderr=subprocess.PIPE)
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr
    assert proc.stderr.decode().strip().count("\n") == 0
    assert "no space left on device" in proc.stderr.decode()


def test_extract_into_a_pipe_closed_early_ends_quietly(run_cli, cli_env, news_file):
    proc = subprocess.Popen(
        [sys.executable, "-m", "gazetteer", "extract", str(news_file), "--format", "jsonl", "-q"],
        env=cli_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(60) == 0
    assert b"Traceback" not in err


def test_pieces_python_makes_keep_their_place_among_the_engines(gz, tmp_path):
    """A piece whose bytes are not all UTF-8 is made by Python and handed to the sink by
    the caller, between pieces the engine hands over itself: the order is the input's."""
    from gazetteer.documents import extract_line_bytes
    from gazetteer.review import MentionExtras

    line = (P.ENGLISH + "\n").encode()
    piece = line * (300_000 // len(line))  # (more than a piece: several pieces)
    src = tmp_path / "mixed.txt"
    src.write_bytes(piece + b"Shusha \xff\xfe bytes.\n" + piece + b"caf\xe9 Aghdam\n" + piece)

    def lines(sink=None):
        with open(src, "rb") as fh:
            yield from extract_line_bytes(gz, fh, path="x", extra=MentionExtras(gz, "en", 40), sink=sink)

    whole = b"".join(lines())
    out = tmp_path / "out.jsonl"
    by_python = []
    with open(out, "wb") as fh:
        sink = LineSink(fh.fileno(), False, 1 << 16)
        for data in lines(sink):  # (each handed over as it comes, as the CLI does)
            by_python.append(data)
            sink(data)
        sink.close()
    assert 0 < len(by_python) < 5  # (the pieces with bytes that are not UTF-8 only)
    assert out.read_bytes() == whole
    assert whole.count(b"\n") > 1000


def test_sigterm_during_extract_to_o_file_keeps_the_old_file_and_leaves_no_temporary(cli_env, gz, tmp_path):
    """The writing thread stops with the run: -o FILE is the old file (atomic replace),
    no temporary is left, one line and exit 143."""
    import signal
    import time

    src = tmp_path / "big.txt"
    src.write_bytes(((P.ENGLISH + " " + P.AZERBAIJANI + "\n") * 40_000).encode())
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"old\n")
    p = subprocess.Popen(
        [sys.executable, "-m", "gazetteer", "extract", str(src), "-q", "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env,
    )
    deadline = time.monotonic() + 60  # (until the temporary file has lines in it)
    while time.monotonic() < deadline and p.poll() is None:
        tmp = [f for f in tmp_path.iterdir() if f.name not in ("big.txt", "out.jsonl")]
        if tmp and tmp[0].stat().st_size > 1 << 20:
            break
        time.sleep(0.02)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=60)
    if p.returncode == 0:
        pytest.skip("the run ended before the signal")
    assert p.returncode == 143, err
    assert err.decode().strip() == "gazetteer: terminated"
    assert out.read_bytes() == b"old\n"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["big.txt", "out.jsonl"]


def test_extract_to_o_file_on_a_full_disk_keeps_the_old_file(cli_env, gz, tmp_path):
    """A write that fails in the thread (here: the file grown past its limit, EFBIG)
    stops the run with one line, exit 1, and the old -o FILE as it was."""
    import resource

    src = tmp_path / "news.txt"
    src.write_bytes(((P.ENGLISH + "\n") * 20_000).encode())
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"old\n")

    def small_files():
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # (a write past the limit: EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))

    proc = subprocess.run(
        [sys.executable, "-m", "gazetteer", "extract", str(src), "-q", "-o", str(out)],
        env=cli_env,
        capture_output=True,
        timeout=120,
        preexec_fn=small_files,
    )
    assert proc.returncode == 1, proc.stderr
    assert b"Traceback" not in proc.stderr
    assert proc.stderr.decode().strip().count("\n") == 0
    assert "too large" in proc.stderr.decode()
    assert out.read_bytes() == b"old\n"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["news.txt", "out.jsonl"]
