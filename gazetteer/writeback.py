"""Output bytes written by a thread while the engine scans on: extract's JSON Lines of a
place-dense file are ten times its size, and their write (a copy into the page cache, the
kernel's time) need not wait for the next piece's scan, nor the scan for the write.

The thread is the compiled core's (``_core.LineSink``): the lines the engine makes are
handed to it as they are (``documents`` passes the sink to the engine: no copy of them
into Python bytes), and it writes them to the file descriptor itself, without the GIL.
Bytes Python makes (a piece the engine leaves to Python, a header) are handed over by
calling the sink, in order with the engine's. A write that fails (a closed pipe, a full
disk) is raised, as the ``OSError`` of its errno, in the thread that hands over the next
bytes, or by ``drain``/``close``: nothing is lost without a word. At most ``LIMIT`` bytes
wait (and one write under way), so memory does not grow with the output.

The sink's methods: ``sink(data)`` hands over a copy of ``data``; ``drain()`` waits until
everything handed over is written and raises the thread's error if not raised before;
``close()`` drains and stops the thread; ``abandon()`` drops what waits (an interrupt)
and stops it, waiting for a write under way to a regular file, not to a pipe.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from . import _core

__all__ = ["LineSink", "background_writes", "LIMIT", "SYNC_EVERY", "writing", "failed_writing"]

LIMIT = 16 << 20  # bytes waiting for the thread at most (a few pieces' lines)
SYNC_EVERY = 32 << 20  # bytes written between two fdatasync of a file that is synced anyway

# (a POSIX file descriptor: elsewhere there is none, and the bytes are written as they come)
LineSink = getattr(_core, "LineSink", None)


def background_writes(buffer: IO[bytes], *, sync: bool = False, limit: int = LIMIT):
    """A ``LineSink`` writing to ``buffer``'s file descriptor (flushed first); ``sync``:
    the file will be synced when it is complete (an atomic replace), so its pages are sent
    to the disk as they come (``fdatasync`` every ``SYNC_EVERY`` bytes, in the thread).
    None where the bytes had better be written as they come: an output with no descriptor
    (a test's, an IDE's), a terminal (a reader waiting for each piece), no second core to
    write on, or no POSIX descriptor."""
    if LineSink is None or (os.cpu_count() or 1) < 2:
        return None
    try:
        fd = buffer.fileno()
        if os.isatty(fd):
            return None
        buffer.flush()
        return LineSink(fd, sync, limit, SYNC_EVERY)
    except (AttributeError, OSError, ValueError):
        return None


@contextmanager
def writing() -> Iterator[None]:
    """A block that writes the run's output: an ``OSError`` raised in it (a full disk, a
    file grown past its limit) is marked as the output's, so that a caller that takes an
    ``OSError`` for its input's failure (batch.extract_file: the next file is tried) lets
    it stop the run instead (cli._guard says it in one line, -o FILE keeps its old text)."""
    try:
        yield
    except OSError as exc:
        exc.gazetteer_output = True
        raise


def failed_writing(exc: BaseException) -> bool:
    """Was ``exc`` raised by a write of the output (marked by :func:`writing`)?"""
    return getattr(exc, "gazetteer_output", False)
