"""A progress bar that counts bytes read, across this process and its workers.

Files differ in size by orders of magnitude, so a bar that counts files shows
nothing for minutes on one 200 MB file, and with workers it reaches "11/11"
while they are still at work. Here every input stream adds the bytes it reads
to one shared counter (a ``multiprocessing.Value`` that the file workers
inherit), and a thread draws the bar from it, as ``pv`` and ``rsync
--info=progress2`` do.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable
from typing import IO

__all__ = ["ByteProgress", "CountingReader", "counter"]

_TICK = 0.2  # seconds between redraws: smooth to the eye, negligible work


def counter():
    """A byte counter shared with worker processes (forkserver or spawn pass it on)."""
    import multiprocessing as mp

    return mp.get_context("spawn" if os.name == "nt" else "forkserver").Value("q", 0)


class CountingReader:
    """A binary stream that adds the bytes read from it to ``count``."""

    def __init__(self, stream: IO[bytes], count):
        self.stream = stream
        self.count = count

    def read(self, n: int = -1) -> bytes:
        data = self.stream.read(n)
        with self.count.get_lock():
            self.count.value += len(data)
        return data


class ByteProgress:
    """Draw the bytes added to ``count`` against the total size of ``paths`` on stderr
    while in the ``with``.

    Shown only on a terminal, unless ``quiet``, and only when the inputs are files of
    a known total size (stdin has none); otherwise ``count`` is None and nothing is
    counted.
    """

    def __init__(self, paths: Iterable[str | os.PathLike | None], label: str, *, quiet: bool = False):
        self.total = 0
        self.show = not quiet and sys.stderr.isatty()
        for p in paths:
            if p is None:
                self.show = False
                break
            try:
                self.total += os.stat(p).st_size
            except OSError:
                pass
        self.show = self.show and self.total > 0
        self.count = counter() if self.show else None  # nothing is counted for no bar
        self.label = f"{label} {_size(self.total)}"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> ByteProgress:
        if self.show:
            self._thread = threading.Thread(target=self._draw, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _draw(self) -> None:
        import click  # (here: a run without a bar starts without click)

        with click.progressbar(
            length=self.total, label=self.label, file=sys.stderr, show_percent=True, show_eta=True
        ) as bar:
            done = 0
            while True:
                stopping = self._stop.wait(_TICK)
                now = min(self.count.value, self.total)
                if now > done:
                    bar.update(now - done)
                    done = now
                if stopping:
                    return


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"  # pragma: no cover
