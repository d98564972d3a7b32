"""extract's output written by a thread (gazetteer.writeback): every byte in order, a
write that fails raised where the bytes come from, nothing waiting once a run stops; the
CLI's lines the same to a file, to -o FILE and to a pipe, a full disk one line."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from gazetteer.writeback import BackgroundWrites

from . import passages as P


def test_every_chunk_is_written_in_order_also_when_the_writer_waits_for_room(tmp_path):
    path = tmp_path / "out.bin"
    chunks = [bytes([i % 251]) * (1 + i * 37 % 5000) for i in range(400)]
    with open(path, "wb") as fh:
        writes = BackgroundWrites(fh.fileno(), limit=8192)  # (room for a few chunks: waits)
        for c in chunks:
            writes(c)
        writes.close()
    assert path.read_bytes() == b"".join(chunks)
    assert not writes.thread.is_alive()


def test_a_write_that_fails_is_raised_by_the_next_handing_over_and_close_says_it_once():
    fd = os.open("/dev/full", os.O_WRONLY)
    try:
        writes = BackgroundWrites(fd)
        writes(b"x" * 1000)
        with pytest.raises(OSError) as first:
            for _ in range(1000):  # (the thread's error comes back by one of these)
                writes(b"y")
                writes.thread.join(0.001)
        assert first.value.errno == 28  # ENOSPC
        with pytest.raises(OSError):
            writes(b"z")  # every input that would be written hears of it
        writes.close()  # (raised already: not again)
        assert not writes.thread.is_alive()
    finally:
        os.close(fd)


def test_abandon_drops_what_waits_and_stops_the_thread():
    r, w = os.pipe()
    try:
        writes = BackgroundWrites(w, limit=1 << 30)
        for _ in range(64):
            writes(b"a" * 65536)  # more than the pipe holds: the thread waits in a write
        threading.Event().wait(0.1)
        writes.abandon()  # (a pipe: not waited for long)
        os.close(r)  # the reader goes: the write under way ends
        writes.thread.join(5)
        assert not writes.thread.is_alive()
        assert not writes.pending
    finally:
        os.close(w)


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
