"""Output bytes written by a thread while the engine scans on: extract's JSON Lines of a
place-dense file are ten times its size, and their write (a copy into the page cache, the
kernel's time) need not wait for the next piece's scan, nor the scan for the write.

The thread writes to the file descriptor itself (``os.write``: the GIL is let go for the
system call, and no buffer's lock is held that the interpreter's exit could wait for). A
write that fails (a closed pipe, a full disk) is raised in the thread that hands over the
next bytes, or in :meth:`BackgroundWrites.close`: nothing is lost without a word. At most
``limit`` bytes wait (and one write under way), so memory does not grow with the output.
"""

from __future__ import annotations

import os
import stat
import threading
from collections import deque
from typing import IO

__all__ = ["BackgroundWrites", "background_writes"]

# (macOS has no fdatasync: fsync there)
_datasync = getattr(os, "fdatasync", os.fsync)
LIMIT = 16 << 20  # bytes waiting for the thread at most (a few pieces' lines)
SYNC_EVERY = 32 << 20  # bytes written between two fdatasync of a file that is synced anyway


class BackgroundWrites:
    """Bytes written to ``fd`` in order by a thread; ``sync``: the file will be synced
    when it is complete (an atomic replace), so its pages are sent to the disk as they
    come (``fdatasync`` every ``SYNC_EVERY`` bytes, in the thread) and that last sync
    finds little left to do."""

    def __init__(self, fd: int, *, sync: bool = False, limit: int = LIMIT):
        self.fd = fd
        self.sync = sync
        self.limit = limit
        self.regular = stat.S_ISREG(os.fstat(fd).st_mode)
        self.pending: deque[bytes | None] = deque()
        self.size = 0  # bytes in `pending`
        self.busy = False  # a write under way (taken out of `pending`)
        self.error: BaseException | None = None
        self.raised = False
        self.dropping = False
        self.cond = threading.Condition()
        self.thread = threading.Thread(target=self._run, name="gazetteer-writes", daemon=True)
        self.thread.start()

    def __call__(self, data: bytes) -> None:
        """Hand ``data`` to the thread (waits while ``limit`` bytes wait already)."""
        if not data:
            return
        with self.cond:
            while self.error is None and self.size >= self.limit:
                self.cond.wait()
            self._raise()
            self.pending.append(data)
            self.size += len(data)
            self.cond.notify_all()

    def drain(self) -> None:
        """Wait until everything handed over is written (before anything else writes to
        the same output); raise the thread's error."""
        with self.cond:
            while self.error is None and (self.pending or self.busy):
                self.cond.wait()
            self._raise(again=False)

    def close(self) -> None:
        """Write what is left, stop the thread, raise its error."""
        try:
            self.drain()
        finally:
            self._stop()

    def abandon(self) -> None:
        """Stop on an error elsewhere (an interrupt): what waits is dropped; a write to a
        file under way is waited for (the file may be closed next), to a pipe not long (a
        reader that stopped reading must not hold the exit)."""
        with self.cond:
            self.dropping = True
            self.pending.clear()
            self.size = 0
        self._stop(None if self.regular else 1.0)

    def _stop(self, timeout: float | None = None) -> None:
        with self.cond:
            self.pending.append(None)
            self.cond.notify_all()
        self.thread.join(timeout)

    def _raise(self, again: bool = True) -> None:
        """The thread's error, raised in this one: at each handing over (each input that
        would be written hears of it), by :meth:`drain` only if not raised before."""
        if self.error is not None and (again or not self.raised):
            self.raised = True
            raise self.error

    def _run(self) -> None:
        written = 0
        fd = self.fd
        while True:
            with self.cond:
                while not self.pending:
                    self.cond.wait()
                data = self.pending.popleft()
                if data is None:
                    return
                self.size -= len(data)
                self.busy = not self.dropping and self.error is None
                self.cond.notify_all()
                if not self.busy:
                    continue
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                written += len(data)
                if self.sync and self.regular and written >= SYNC_EVERY:
                    written = 0
                    _datasync(fd)
            except BaseException as exc:  # (raised where the bytes come from)
                with self.cond:
                    self.error = exc
            finally:
                with self.cond:
                    self.busy = False
                    self.cond.notify_all()


def background_writes(buffer: IO[bytes], *, sync: bool = False) -> BackgroundWrites | None:
    """A :class:`BackgroundWrites` to ``buffer``'s file descriptor (flushed first), or
    None where the bytes had better be written as they come: an output with no descriptor
    (a test's, an IDE's), a terminal (a reader waiting for each piece), or no second core
    to write on."""
    if (os.cpu_count() or 1) < 2:
        return None
    try:
        fd = buffer.fileno()
        if os.isatty(fd):
            return None
        buffer.flush()
        return BackgroundWrites(fd, sync=sync)
    except (AttributeError, OSError, ValueError):
        return None
