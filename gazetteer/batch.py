"""One file of extract or normalise, run inline or in a pool of worker processes.

Each job sends its output to a sink: inline, straight to stdout (memory stays
flat for any file size); in a worker, to memory it shares with the parent (or,
past a bound, a spool file), which the parent copies to stdout in input order,
so ``--jobs`` never changes what is printed. With one input (a file or stdin),
or several files of a megabyte or more on average, the processes scan each
input's pieces from both ends (:class:`ChunkPool`); other files go to the
workers a few at a time (:func:`run`). Both fork their workers with a plain
``os.fork`` (:class:`_Forked`); a ProcessPoolExecutor only where that is not
safe (no fork, or another thread running: :func:`_can_fork`) or there is no
Gazetteer of the caller's to share. A failing file is a result with an error,
never an exception that stops the others.
"""

from __future__ import annotations

import errno
import functools
import io
import os
import stat
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from .documents import (
    ROW_FIELDS,
    BinaryFile,
    Change,
    Chunk,
    FileRange,
    chunk_line_bytes,
    chunks,
    extract_line_bytes,
    extract_stream,
    normalise_chunk,
    normalise_stream,
    open_text,
    unified_diff,
    unwritable_note,
)
from .errors import GazetteerError, UsageError
from .formats import json_line
from .named import NamedTuple
from .textio import NotRegularFile, NotText, atomic_writer, detect_encoding, error_handler, unchanged_since
from .writeback import failed_writing, writing

__all__ = ["FileResult", "extract_file", "normalise_file", "run", "ChunkPool", "WorkerStopped", "FILE_ERRORS"]

FILE_ERRORS = (OSError, NotText, UnicodeDecodeError, LookupError)


class FileResult(NamedTuple):
    name: str
    error: str | None = None
    spool: str | None = None  # worker output waiting to be copied, in order
    changes: tuple = ()
    binary: bool = False  # the error is "not text": a folder walk skips such files
    notes: tuple[str, ...] = ()  # warnings about the file (a likely code page, names kept)
    shared: tuple[int, int] | None = None  # worker output waiting in run()'s shared memory (offset, length)
    data: bytes | None = None  # this process's own output waiting to be written out


class NormaliseOptions(NamedTuple):
    naming: str = "en"
    mode: str = "replace"
    target: str = "stdout"  # stdout, diff, inplace, outdir
    out_root: str | None = None
    backup: str | None = None
    encoding: str | None = None
    report: bool = False  # collect every change (memory grows with the number of changes)
    decisions: object = None  # a gazetteer.decisions.Decisions: only the mentions it has rows for change


def describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)


_BYTES_READ = None  # a progress.counter() that every input adds its bytes to, when set


def count_bytes_into(count) -> None:
    """Make every input of this process add the bytes it reads to ``count`` (None: stop)."""
    global _BYTES_READ
    _BYTES_READ = count


def _counted(stream: IO[bytes]) -> IO[bytes]:
    if _BYTES_READ is None:
        return stream
    from .progress import CountingReader

    return CountingReader(stream, _BYTES_READ)


@contextmanager
def _input(path: Path | None, stdin: IO[bytes] | None) -> Iterator[IO[bytes]]:
    """The file, opened and closed; or stdin, which is never closed here."""
    if path is None:
        assert stdin is not None
        yield _counted(stdin)
        return
    with open(path, "rb") as fh:
        yield _counted(fh)


def _failed(name: str, exc: BaseException) -> FileResult:
    return FileResult(name, describe(exc), binary=isinstance(exc, BinaryFile))


def extract_file(
    gz,
    name: str,
    path: Path | None,
    emit: Callable[[dict], None],
    *,
    encoding=None,
    naming="en",
    stdin: IO[bytes] | None = None,
    scan=None,
    context: int | None = None,
    lines: Callable[[bytes], None] | None = None,
    spooled: Callable[[IO[bytes]], None] | None = None,
    fmt: str = "jsonl",
    fields: Iterable[str] = (),
    sink=None,
) -> FileResult:
    """``context``: add the review fields (gazetteer.review), with that many characters of
    context each side; None: the mention records alone. ``lines``: takes the records'
    JSON Lines (UTF-8 bytes) instead of ``emit`` the records (documents.extract_line_bytes;
    ``fmt`` "csv" or "tsv": their rows of ``fields`` instead, no header); ``sink``, the
    writeback.LineSink that ``lines`` is, if it is one: the engine hands it its lines
    itself. ``scan``, a
    :class:`ChunkPool`: the file's pieces are scanned in its workers, whose JSON Lines
    (UTF-8) ``spooled`` takes, a file at a time, in order."""
    notes: list[str] = []
    extra = None
    if context is not None:
        from .review import MentionExtras

        extra = MentionExtras(gz, naming, context)
    try:
        with _input(path, stdin) as stream:
            if isinstance(scan, ChunkPool):
                assert spooled is not None

                def spooled_out(fh: IO[bytes]) -> None:
                    with writing():
                        spooled(fh)

                scan.extract(
                    name, stream, spooled_out, encoding=encoding, naming=naming, context=context, notes=notes,
                    path=path, fmt=fmt,
                )  # fmt: skip
                return FileResult(name, notes=tuple(notes))
            if lines is not None and scan is None:
                for data in extract_line_bytes(
                    gz, stream, encoding=encoding, naming=naming, path=name, notes=notes, extra=extra, fmt=fmt,
                    fields=fields, sink=sink,
                ):  # fmt: skip
                    with writing():
                        lines(data)
                return FileResult(name, notes=tuple(notes))
            records = extract_stream(
                gz, stream, encoding=encoding, naming=naming, scan=scan, path=name, notes=notes, extra=extra
            )
            with writing():
                for rec in records:
                    emit(rec)
    except BrokenPipeError:
        raise
    except FILE_ERRORS as exc:
        if failed_writing(exc):  # the output's failure, not the input's: the run stops
            raise
        return _failed(name, exc)
    return FileResult(name, notes=tuple(notes))


def normalise_file(
    gz,
    name: str,
    path: Path | None,
    root: Path | None,
    sink: IO[bytes] | None,
    opts: NormaliseOptions,
    *,
    stdin: IO[bytes] | None = None,
    scan=None,
) -> FileResult:
    changes: list[Change] | None = [] if opts.report else None
    notes: list[str] = []
    kw = {
        "encoding": opts.encoding,
        "naming": opts.naming,
        "mode": opts.mode,
        "changes": changes,
        "notes": notes,
    }
    # normalise_stream, or the same over a ChunkPool's workers
    rewrite = normalise_stream
    if isinstance(scan, ChunkPool):
        rewrite = scan.normalise
        kw["path"] = path if opts.target != "diff" else None
    else:
        kw["scan"] = scan
    if opts.decisions is not None:
        kw["decisions"] = opts.decisions.for_file(name, path)
    try:
        if opts.target == "inplace":
            assert path is not None
            _rewrite_in_place(gz, path, opts.backup, kw, notes, rewrite)
        else:
            with _input(path, stdin) as stream:
                if opts.target == "diff":
                    raw = stream.read()
                    buf = io.BytesIO()
                    rewrite(gz, io.BytesIO(raw), buf, **kw)
                    enc = detect_encoding(raw[:65536], opts.encoding)
                    old = raw.decode(enc, error_handler(enc))
                    new = buf.getvalue().decode(enc, error_handler(enc))
                    assert sink is not None
                    sink.write(unified_diff(name, old, new).encode("utf-8", "surrogateescape"))
                elif opts.target == "outdir":
                    assert path is not None and opts.out_root is not None
                    with atomic_writer(output_path(path, root, opts.out_root)) as fh:
                        rewrite(gz, stream, fh, **kw)
                else:
                    rewrite(gz, stream, sink, **kw)
    except BrokenPipeError:
        raise
    except FILE_ERRORS as exc:
        return _failed(name, exc)
    return FileResult(name, changes=tuple(changes or ()), notes=tuple(notes))


def output_path(path: Path, root: Path | None, out_root: str | os.PathLike) -> Path:
    """Where ``-o DIR`` writes ``path``: its place under the folder it was found in, or its name."""
    rel = path.relative_to(root) if root is not None else Path(path.name)
    return Path(out_root) / rel


def check_outputs(
    inputs: list[tuple[str, Path, Path | None]], out_root: str | os.PathLike, *, self_ok: bool = False
) -> None:
    """Raise UsageError if writing ``(name, path, root)`` inputs into ``out_root`` would
    put the output folder inside an input folder, overwrite an input, or write two
    inputs to one output (cp: "cannot copy a directory into itself", "will not
    overwrite just-created"). ``self_ok`` leaves an output that is its own input to the
    caller (the Dask helpers report it per file)."""
    out = Path(os.path.realpath(out_root))
    files = {os.path.realpath(path): name for name, path, _root in inputs}
    written: dict[str, str] = {}
    for name, path, root in inputs:
        if root is not None:
            base = Path(os.path.realpath(root))
            if out == base or base in out.parents:
                raise UsageError(f"output folder {out_root} is inside input folder {root}")
        target = os.path.realpath(output_path(path, root, out))
        if target in files and not (self_ok and target == os.path.realpath(path)):
            raise UsageError(f"-o {out_root} would overwrite the input {files[target]} (with {name})")
        if target in written:
            raise UsageError(f"{written[target]} and {name} would both be written to {target}")
        written[target] = name


def _rewrite_in_place(gz, path: Path, backup: str | None, kw: dict, notes: list[str], rewrite=normalise_stream) -> None:
    """Rewrite a regular file through any link to it, only if a name changed, keeping its
    owner and mode; leave it as it is if it changed while it was read."""
    real = Path(os.path.realpath(path))
    if not stat.S_ISREG(os.stat(real).st_mode):
        raise NotRegularFile("not a regular file; not rewritten")
    with open(real, "rb") as stream:
        before = os.fstat(stream.fileno())
        writer = atomic_writer(real, backup)
        with writer as fh:
            if rewrite(gz, _counted(stream), fh, **kw) == 0:
                writer.discard()
            writer.before_replace = lambda: unchanged_since(real, before)
    default_backup = real.with_name(real.name + backup) if backup else None
    if writer.backup_path is not None and writer.backup_path != default_backup:
        notes.append(f"{default_backup.name} exists: original kept as {writer.backup_path}")


# ---------------------------------------------------------------- memory
_M_TRIM_THRESHOLD = -1  # glibc malloc.h
_M_MMAP_THRESHOLD = -3
_KEEP_FREED = 256 << 20  # bytes of freed memory malloc keeps for reuse
_MMAP_FROM = 32 << 20  # blocks at least this big are mapped apart (glibc's largest threshold)


def reuse_freed_memory() -> None:
    """Have glibc's malloc keep freed memory for reuse rather than give it back at once.

    extract and normalise make and drop strings of megabytes for every piece (its text,
    its JSON Lines, their bytes). By default malloc maps each such block afresh and
    unmaps it when freed, so each is paid again in page faults: one per 4 KB, about
    100,000 on 32 MB of text, the greater part of a run's system time, and twice that
    in workers. Kept, the blocks are reused; what is kept is bounded by what was in use
    at the peak, so the peak memory stays what it was. Elsewhere than glibc: nothing."""
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, _MMAP_FROM)
    mallopt(_M_TRIM_THRESHOLD, _KEEP_FREED)


# ---------------------------------------------------------------- worker processes
_WORKER_GZ = None


def _init_worker(places: list[str], replace: bool, count=None, gz=None) -> None:
    """Set up a worker: its own Gazetteer loaded from ``places``, or ``gz``, the parent's,
    when the worker was forked from it."""
    global _WORKER_GZ
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    # the pool stops workers with SIGTERM: turn it into an exception, so that the
    # atomic writer of the file in progress removes its temporary file
    signal.signal(signal.SIGTERM, _terminate)
    if gz is None:
        from .api import Gazetteer

        reuse_freed_memory()
        gz = Gazetteer.load(places, replace=replace)
    _WORKER_GZ = gz
    count_bytes_into(count)
    # A worker reports its errors through its results; what it would print itself is the
    # pool's own traceback when the parent was killed (a broken pipe): keep stderr clean.
    # Its output goes to spool files: a forked worker must never flush the parent's
    # stdout buffer (text not yet written would be written twice).
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the life of the worker
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - for the life of the worker


class _Terminated(SystemExit):
    """SIGTERM in a worker: the pool is stopping it."""


def _terminate(signum, frame):
    raise _Terminated(1)


def _task(fn):
    """A worker's task that ends the worker when SIGTERM stops it mid-task, once the
    ``with`` blocks it was in have cleaned up (temporary files removed): the pool takes
    any exception of a task, SystemExit too, as its result and waits for the next one, and
    after a sibling was killed the queue it waits on may never give one (a lock the dead
    worker held), so the pool would wait for this worker forever."""

    @functools.wraps(fn)
    def run(*args):
        try:
            return fn(*args)
        except _Terminated:
            os._exit(1)

    return run


def _spool(spool_dir: str) -> IO[bytes]:
    import tempfile  # (workers only: not imported at every start)

    return tempfile.NamedTemporaryFile("wb", dir=spool_dir, delete=False, suffix=".spool")


def _extract_into_spool(gz, job, fh: IO[bytes]) -> FileResult:
    """extract of one file, its JSON Lines (or CSV/TSV rows) written to ``fh``."""
    name, path, encoding, naming, _spool_dir, *more = job  # more: (context, fmt) for the review fields
    context = more[0] if more else None
    fmt = more[1] if len(more) > 1 else "jsonl"

    def emit(rec: dict) -> None:
        fh.write(json_line(rec).encode("utf-8", "surrogateescape"))

    def lines(data: bytes) -> None:  # as the CLI writes them
        fh.write(data)

    return extract_file(
        gz, name, path, emit, encoding=encoding, naming=naming, context=context, lines=lines, fmt=fmt,
        fields=ROW_FIELDS,
    )  # fmt: skip


def _normalise_into_spool(gz, job, fh: IO[bytes]) -> FileResult:
    """normalise of one file, written to ``fh`` (or, -o DIR / --in-place, its own)."""
    name, path, root, opts, _spool_dir = job
    return normalise_file(gz, name, path, root, fh, opts)


_INTO_SPOOL = {"extract": _extract_into_spool, "normalise": _normalise_into_spool}


class _Spill:
    """A sink that holds what is written to it in memory up to ``limit`` bytes, and past
    that writes it all to a spool file in ``spool_dir`` (memory stays bounded however big
    a file's output)."""

    __slots__ = ("parts", "size", "limit", "spool_dir", "fh")

    def __init__(self, limit: int, spool_dir: str) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.limit = limit
        self.spool_dir = spool_dir
        self.fh: IO[bytes] | None = None

    def write(self, data) -> int:
        if self.fh is not None:
            return self.fh.write(data)
        self.parts.append(data if type(data) is bytes else bytes(data))
        self.size += len(data)
        if self.size > self.limit:
            self.fh = _spool(self.spool_dir)
            for part in self.parts:
                self.fh.write(part)
            self.parts = []
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()

    def discard(self) -> None:
        """Close and remove the spool file, if there is one (the output is not wanted)."""
        if self.fh is not None:
            self.fh.close()
            with suppress(OSError):
                os.unlink(self.fh.name)


def _group_job(gz, kind: str, jobs: list[tuple], slot: int | None = None) -> list[FileResult]:
    """``kind`` of a few consecutive files, their output all handed over with the last
    one's result (the others' comes before it, in order): held in memory (``data``) in
    this process; in a worker, copied into its ``slot`` of run()'s shared memory
    (``shared``); a spool file where it is too big for either."""
    one = _INTO_SPOOL[kind]
    limit = SLOT if slot is not None else HELD
    sink = _Spill(limit, jobs[0][4])  # (the spool folder is each job's fifth item)
    try:
        results = [one(gz, job, sink) for job in jobs]  # type: ignore[arg-type]
        sink.close()
    except BaseException:
        sink.discard()
        raise
    last = results[-1]
    if sink.fh is not None:
        last = last._replace(spool=sink.fh.name)
    elif slot is not None and _FILE_SHARED is not None:
        start = pos = slot * SLOT
        region = _FILE_SHARED
        for part in sink.parts:
            region[pos : pos + len(part)] = part
            pos += len(part)
        last = last._replace(shared=(start, sink.size))
    else:
        last = last._replace(data=b"".join(sink.parts))
    return [*results[:-1], last]


@_task
def _group_worker(kind: str, jobs: list[tuple], slot: int | None = None) -> list[FileResult]:
    return _group_job(_WORKER_GZ, kind, jobs, slot)


# bytes of each worker's task's output that it hands over in memory shared with the
# parent (run()): a slot for each task that can be in flight; more goes to a spool file
SLOT = 16 << 20
HELD = 16 << 20  # bytes of this process's own output of a task held in memory; more: a spool file
_FILE_SHARED = None  # run()'s shared memory (an mmap), in this process and the workers forked from it


def write_result(res: FileResult, consume: Callable[[IO[bytes]], None]) -> None:
    """Hand a result's output (a worker's, in shared memory or a spool file, or this
    process's own) to ``consume``; a spool file is removed after."""
    if res.shared is not None:
        assert _FILE_SHARED is not None
        at, size = res.shared
        with memoryview(_FILE_SHARED) as whole, whole[at : at + size] as view:
            consume(SharedView(view))
        return
    if res.data is not None:
        consume(io.BytesIO(res.data))
        return
    if res.spool is None:
        return
    try:
        with open(res.spool, "rb") as fh:
            consume(fh)
    finally:
        os.unlink(res.spool)


# bytes of input a task of several files holds at least (the files read one after
# another in a worker, their output in a slot of the shared memory). A task costs a round
# trip on the forked worker's pipes (a few small messages), and its output (about ten
# times the text in extract's JSON Lines) is what the worker writes into its slot, the
# parent reads from there or holds of its own: the pages first touched. On 16 MB cut into
# 1,000 files (load 7): 1 MB tasks 37k page faults in all and 0.55 s of system time,
# 256 KB 22k and 0.30 s, 64 KB 19k and 0.24 s (one process: 8.8k, 0.26 s)
GROUP = 1 << 16
GROUP_FILES = 256  # files a task holds at most


def _groups(jobs: Iterable[tuple]) -> Iterator[list[tuple]]:
    """Consecutive jobs, a few files of about GROUP bytes in all at a time."""
    group: list[tuple] = []
    total = 0
    for job in jobs:
        group.append(job)
        path = job[1]
        total += (_regular_size(path) or GROUP) if path is not None else GROUP
        if total >= GROUP or len(group) >= GROUP_FILES:
            yield group
            group, total = [], 0
    if group:
        yield group


def _executor(workers: int, places: list[str], replace: bool, count=None, gz=None):
    """A pool of ``workers`` processes, started now. With ``gz``, the parent's Gazetteer,
    they are forked from this process and share it (its engine built first): no imports,
    no index to open, no engine to build in each; where forking is not safe, each starts
    afresh and loads ``places``. A worker that dies breaks the pool (BrokenProcessPool),
    it never leaves the parent waiting."""
    from concurrent.futures import ProcessPoolExecutor

    forked = gz is not None and _can_fork()
    if forked:
        _before_fork(gz)
    executor = ProcessPoolExecutor(
        workers,
        mp_context=_context("fork" if forked else None),
        initializer=_init_worker,
        initargs=(places, replace, count, gz if forked else None),
    )
    for _ in range(workers):  # start the workers now (forked before any other thread)
        executor.submit(int)
    return executor


def _before_fork(gz) -> None:
    """Ready ``gz`` to be shared by workers forked from this process: its engine built
    once, here, and the collector's view of what exists now frozen."""
    gz.scanner  # noqa: B018 - the engine built once, here, and shared by the forked workers
    import gc

    # what exists now lives for the whole run: the collector leaves it alone from here
    # on, so it neither spends time walking it nor writes to its pages, which forked
    # workers share with this process until either writes to one (a page fault and a
    # copy each; about 2,500 fewer on the 32 MB dense corpus); thawed when the pool
    # stops (_thaw), so a long-lived caller's objects are collected again afterwards
    if gc.get_freeze_count() == 0:
        gc.freeze()
        _FROZEN.add(id(gz))
    elif not _THAW:  # (the CLI froze its start-up, launch.resume_collector: the engine joins it)
        gc.freeze()


# the Gazetteers whose pool froze the collector's view of this process (_executor, _Forked)
_FROZEN: set[int] = set()


_THAW = True  # False: the process ends after its pools (the CLI: ends_after_the_run)


def ends_after_the_run() -> None:
    """This process ends once its pools have stopped (the CLI's extract and normalise):
    what they froze stays frozen (:func:`_thaw`). Thawed, it is all walked again by the
    collection a process makes as it ends: 20-60 ms (16 MB, load 7) of one process's time
    after the workers are done, where frozen it is skipped (0.3 ms).

    And what the process holds when it ends is frozen then (once the exit handlers run),
    pool or none: the index, the word lists and the engine's Python side are otherwise
    walked by the interpreter's last collections, 19 M of the 313 M instructions a
    one-line extract counts (callgrind), and ~30 ms of its wall clock (45 -> 11 ms from
    the exit handlers to the process's end, median of seven, load 4)."""
    import atexit
    import gc

    global _THAW
    _THAW = False
    atexit.register(gc.freeze)


def _thaw(gz) -> None:
    """Undo :func:`_executor`'s ``gc.freeze()`` once its pool has stopped: a library caller
    that runs pools in a long-lived process gets its objects collected again (the CLI,
    which exits anyway, leaves them frozen: :func:`ends_after_the_run`). A freeze the
    caller made itself is left alone."""
    if gz is not None and id(gz) in _FROZEN and _THAW:
        import gc

        _FROZEN.discard(id(gz))
        gc.unfreeze()


def _stop_executor(executor) -> None:
    """Stop a pool at once (Ctrl-C, SIGTERM, an error): tasks not started are dropped and
    the workers get SIGTERM, which makes the file each was writing remove its temporary
    file (a task here can be a whole file, too long to wait for)."""
    for proc in list(getattr(executor, "_processes", {}).values()):
        try:
            proc.terminate()
        except (OSError, ValueError, AttributeError):
            pass
    executor.shutdown(wait=True, cancel_futures=True)


def _in_order(executor, task, jobs: Iterable[tuple], in_flight: int) -> Iterator:
    """Results of ``task(*job)`` for ``jobs``, in order, at most ``in_flight`` submitted
    ahead; a dead worker is a :class:`WorkerStopped` error."""
    from concurrent.futures.process import BrokenProcessPool

    pending: deque = deque()
    try:
        for job in jobs:
            pending.append(executor.submit(task, *job))
            if len(pending) > in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool:
        raise WorkerStopped(WORKER_STOPPED) from None
    finally:
        for fut in pending:  # an error or an interrupt: nothing more is taken
            fut.cancel()


def _ordered(executor, task, here: Callable | None, jobs: Iterator[tuple], in_flight: int) -> Iterator:
    """:func:`_in_order`, with this process as one more worker: while the oldest job a
    worker holds is not done, this process does the next job itself (``here(*job)``), so
    that --jobs N keeps N processes busy, not N workers and a parent waiting on them. Its
    results wait in order with the workers'; at most ``in_flight`` jobs are with the
    workers, and as many of its own wait, so memory stays bounded. ``here`` None: the
    workers do every job."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    if here is None:
        yield from _in_order(executor, task, jobs, in_flight)
        return
    pending: deque = deque()  # Futures of the workers' jobs and this process's results, in job order
    with_workers = 0
    more = True
    try:
        while more or pending:
            while more and with_workers < in_flight:  # keep the workers fed
                job = next(jobs, None)
                if job is None:
                    more = False
                    break
                pending.append(executor.submit(task, *job))
                with_workers += 1
            while pending and (not isinstance(pending[0], Future) or pending[0].done()):
                head = pending.popleft()
                if isinstance(head, Future):
                    with_workers -= 1
                    head = head.result()
                yield head
            if not pending:
                continue
            if more and len(pending) - with_workers < in_flight:  # a job here while the oldest is not done
                job = next(jobs, None)
                if job is not None:
                    pending.append(here(*job))
                    continue
                more = False
            head = pending.popleft()  # a worker's job, the oldest: wait for it
            with_workers -= 1
            yield head.result()
    except BrokenProcessPool:
        raise WorkerStopped(WORKER_STOPPED) from None
    finally:
        for fut in pending:  # an error or an interrupt: nothing more is taken
            if isinstance(fut, Future):
                fut.cancel()


# ---------------------------------------------------------------- one input's chunks
CHUNK = 1 << 20  # code points a worker scans at a time (four pieces of textio.PIECE)


class WorkerStopped(GazetteerError):
    """A worker process ended without its result (killed, or out of memory)."""


WORKER_STOPPED = "a worker process stopped (killed, or out of memory?): the output is not complete"


_EXTRAS: dict = {}  # (naming, context) -> review.MentionExtras of this worker


def _extras(gz, naming: str, context: int | None):
    if context is None:
        return None
    got = _EXTRAS.get((naming, context))
    if got is None:
        from .review import MentionExtras

        got = _EXTRAS[naming, context] = MentionExtras(gz, naming, context)
    return got


class ChunkDone(NamedTuple):
    """The answer for one chunk: its output waiting in ``spool`` or at ``shared`` (a
    worker's) or held in ``data`` (the parent's own), the note of a likely legacy code
    page, and for normalise the names replaced and kept."""

    spool: str | None
    notes: tuple[str, ...] = ()
    count: int = 0
    unwritable: int = 0
    changes: tuple = ()
    data: bytes | None = None
    shared: tuple[int, int] | None = None  # (offset, length) in the ChunkPool's SharedOut


def _extract_into(
    gz, fh: IO[bytes], chunk: Chunk, enc: str, requested, name: str, naming: str, context, fmt: str = "jsonl"
) -> ChunkDone:
    """Write a chunk's JSON Lines (or CSV/TSV rows, ``fmt``), as the CLI writes them, to ``fh``."""
    notes: list[str] = []
    extra = _extras(gz, naming, context)
    for data in chunk_line_bytes(
        gz, chunk, enc, naming=naming, path=name, notes=notes, extra=extra, requested=requested, fmt=fmt,
        fields=ROW_FIELDS,
    ):  # fmt: skip
        fh.write(data)
    return ChunkDone(None, tuple(notes))


def _normalise_into(gz, fh: IO[bytes], chunk: Chunk, enc: str, requested, naming: str, mode: str, report: bool):
    """Write a chunk's rewritten text to ``fh``."""
    notes: list[str] = []
    changes: list[Change] | None = [] if report else None
    done = normalise_chunk(
        gz, chunk, fh, enc, naming=naming, mode=mode, changes=changes, notes=notes, requested=requested
    )
    return ChunkDone(None, tuple(notes), done.count, done.unwritable, tuple(changes or ()))


@_task
def _extract_chunk(
    chunk: Chunk, enc: str, requested, name: str, naming: str, context, fmt: str, spool_dir: str
) -> ChunkDone:
    with _spool(spool_dir) as fh:
        done = _extract_into(_WORKER_GZ, fh, chunk, enc, requested, name, naming, context, fmt)
    return done._replace(spool=fh.name)


@_task
def _normalise_chunk(chunk: Chunk, enc: str, requested, naming: str, mode: str, report: bool, spool_dir: str):
    with _spool(spool_dir) as fh:
        done = _normalise_into(_WORKER_GZ, fh, chunk, enc, requested, naming, mode, report)
    return done._replace(spool=fh.name)


class _Held:
    """A sink that keeps the bytes written to it as they are (no copy): this process's own
    output of a chunk, a piece's bytes at a time, until it is written out."""

    __slots__ = ("parts",)

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data) -> int:
        self.parts.append(data if type(data) is bytes else bytes(data))
        return len(data)

    def value(self) -> bytes:
        parts = self.parts
        return parts[0] if len(parts) == 1 else b"".join(parts)


def _here(into: Callable[..., ChunkDone], gz) -> Callable[..., ChunkDone]:
    """``into`` run in this process: a chunk's output held in memory (``data``). A chunk
    here is one piece, whose output is one bytes object: it is handed on as it is; a
    BytesIO would copy it twice on the way out (into its buffer, and out again as a
    buffer to write), about 0.03 s of this process's time on the 32 MB dense corpus."""

    def run(chunk: Chunk, *args) -> ChunkDone:
        held = _Held()
        done = into(gz, held, chunk, *args[:-1])  # (the last argument is the workers' spool folder)
        return done._replace(data=held.value())

    return run


FIRST_SEGMENT = 2 << 20  # bytes: the first segment is cut before the workers have work
# bytes of input whose second half at most waits for this process to write it out
# (extract's JSON Lines of place-dense news are ten times the text: about 6 MB, which a
# half of SHARED holds). Small segments keep the shared memory small, and the pages of
# memory first touched are what costs: on the 32 MB dense corpus (8 runs each, load 1.8)
# 2 MB segments and 16 MB halves took 1.26 s of CPU and 0.74 s, 4 MB and 24 MB 1.30 s and
# 0.75 s, 8 MB and 48 MB 1.37 s and 0.79 s; on 96 MB the same wall time for all three.
# Since neither end waits for the other where they meet (ChunkPool._two_ends), a segment
# costs no idle time, and 1 MB halves the pages of the SharedOut a worker first touches
# (16 MB dense: 6,440 to 3,880 page faults in hand_over, 30.0k to 26.7k in all)
SEGMENT = 1 << 20
LAST_SEGMENT = 1 << 20  # bytes: segments shrink to this towards the end of a file
# bytes of each of the two halves of the memory through which forked workers hand their
# output over (SharedOut); what does not fit goes to spool files
SHARED = 16 << 20


def _next_segment(size: int | None, done: int) -> int:
    """Bytes of the next segment of a file of ``size`` bytes (None: not known), ``done``
    of them cut: half of what is left, within LAST_SEGMENT and SEGMENT."""
    if size is None:
        return SEGMENT
    return min(SEGMENT, max(LAST_SEGMENT, (size - done) // 2))


def _segment(pieces: Iterator[Chunk], nbytes: int, failure: list[BaseException], cut: list[int]) -> list[Chunk]:
    """The next pieces of the input, about ``nbytes`` of it (the places of their bytes),
    their bytes added to ``cut[0]``; an input that cannot be read further adds its error to
    ``failure``."""
    got: list[Chunk] = []
    total = 0
    try:
        for chunk in pieces:
            got.append(chunk)
            total += chunk.pieces.size if isinstance(chunk.pieces, FileRange) else sum(map(len, chunk.pieces))
            if total >= nbytes:
                break
    except FILE_ERRORS as exc:
        failure.append(exc)
    cut[0] += total
    return got


class _PipeLock:
    """A lock that processes forked from its maker share: a pipe that holds one byte while
    the lock is free; acquiring takes the byte, releasing puts it back. (Plain system calls:
    no import of multiprocessing, about 40 ms of a start whose every millisecond comes
    before the workers can help; claims are taken a piece at a time, so a few system calls
    each cost nothing measurable.)"""

    __slots__ = ("r", "w")

    def __init__(self) -> None:
        self.r, self.w = os.pipe()
        os.set_blocking(self.r, False)
        os.write(self.w, b"x")

    def acquire(self, timeout: float) -> bool:
        import select
        import time

        deadline = None
        while True:
            try:
                if os.read(self.r, 1):
                    return True
            except BlockingIOError:
                pass
            now = time.monotonic()
            deadline = deadline if deadline is not None else now + timeout
            if now >= deadline:
                return False
            select.select([self.r], [], [], deadline - now)

    def release(self) -> None:
        os.write(self.w, b"x")

    def close(self) -> None:
        for fd in (self.r, self.w):
            with suppress(OSError):
                os.close(fd)


class Claims(NamedTuple):
    """Who scans which piece of a segment: this process takes pieces from its start, the
    workers from its end, until they meet; and which bytes of the segment's half of the
    SharedOut the workers have filled; in memory shared with forked workers."""

    lock: object
    ends: object  # [next from the start, one past the next from the end, bytes of SharedOut used]

    def _held(self):
        """The lock, or WorkerStopped if it is not free within seconds (held for a few
        instructions at a time: a worker killed while it held it)."""
        if not self.lock.acquire(timeout=10):
            raise WorkerStopped(WORKER_STOPPED)
        return self

    @classmethod
    def make(cls) -> Claims:
        import mmap

        return cls(_PipeLock(), memoryview(mmap.mmap(-1, 24)).cast("q"))

    def __enter__(self) -> Claims:
        return self._held()

    def __exit__(self, *exc) -> None:
        self.lock.release()

    def reset(self, count: int) -> None:
        with self:
            self.ends[0], self.ends[1], self.ends[2] = 0, count, 0

    def take(self, size: int, limit: int) -> int | None:
        """Where ``size`` bytes of a worker's output go in the segment's half of the
        SharedOut (``limit`` bytes), or None: it is full."""
        with self:
            at = self.ends[2]
            if at + size > limit:
                return None
            self.ends[2] = at + size
            return at

    def front(self) -> int | None:
        with self:
            i, end = self.ends[0], self.ends[1]
            if i >= end:
                return None
            self.ends[0] = i + 1
            return i

    def back(self) -> int | None:
        with self:
            start, end = self.ends[0], self.ends[1]
            if end <= start:
                return None
            self.ends[1] = end - 1
            return end - 1

    def met(self) -> int:
        """Where the two ends met: the first piece a worker took."""
        with self:
            return self.ends[0]

    def stop(self) -> None:
        with self:
            self.ends[1] = self.ends[0]


# the ChunkPool's claims of the segments whose output goes to each half of the SharedOut
# (two segments can be in hand at once: _two_ends), in a worker forked from its process
_CLAIMS: tuple[Claims, Claims] | None = None


class SharedOut(NamedTuple):
    """Memory a ChunkPool shares with the workers it forks (an anonymous shared mapping),
    through which they hand it their output: two halves of ``half`` bytes, the segments'
    in turn (the workers fill one with a segment's output while this process writes out the
    other's). A worker copies a piece's output there once and this process writes it from
    there; a spool file costs the copy into the file, the file system's work for it (page
    cache taken and given back for every page, blocks reserved, the file made and removed)
    and the read back. The pages here, once touched, are reused for every segment: on 96 MB
    of dense news (the 32 MB corpus three times; 1.5 GB of JSON Lines to a file; load 5-6)
    two processes spent 0.64 s of system time against 0.89 with spool files only (3.81 s of
    CPU against 4.10, lower in each of six runs); on the 32 MB alone the first touch of the
    pages costs about what spool files do."""

    region: object  # mmap.mmap
    half: int

    @classmethod
    def make(cls, half: int) -> SharedOut:
        import mmap

        return cls(mmap.mmap(-1, 2 * half), half)

    def close(self) -> None:
        with suppress(BufferError):  # (a view still held: the mapping goes with the process)
            self.region.close()


_SHARED: SharedOut | None = None  # the ChunkPool's, in a worker forked from its process


class SharedView:
    """A worker's output in the SharedOut, read as a file: :func:`copy_out` writes it
    from there; iterated, its lines."""

    __slots__ = ("view",)

    def __init__(self, view: memoryview):
        self.view = view

    def read(self, size: int = -1) -> bytes:
        return bytes(self.view if size < 0 else self.view[:size])

    def __iter__(self) -> Iterator[bytes]:
        return iter(io.BytesIO(self.view))


def _hand_over(parts: list[bytes], done: ChunkDone, half: int, spool_dir: str) -> ChunkDone:
    """A worker's output of a piece (``parts``) into the segment's ``half`` of the
    SharedOut, or where it is full (or there is none), into a spool file."""
    size = sum(map(len, parts))
    at = None if _SHARED is None or _CLAIMS is None else _CLAIMS[half].take(size, _SHARED.half)
    if at is not None:
        assert _SHARED is not None
        start = pos = half * _SHARED.half + at
        region = _SHARED.region
        for part in parts:
            region[pos : pos + len(part)] = part
            pos += len(part)
        return done._replace(shared=(start, size))
    with _spool(spool_dir) as fh:
        for part in parts:
            fh.write(part)
    return done._replace(spool=fh.name)


@_task
def _from_the_end(into, segment: list[Chunk], args: tuple, half: int = 0) -> list[tuple[int, ChunkDone]]:
    """A worker's part of a segment: pieces taken from its end, each handed over
    (:func:`_hand_over`: into ``half`` of the SharedOut, or a spool file), until it meets
    the parent's end (``args[-1]``: the spool folder); the segment's claims are those of
    its ``half``."""
    assert _CLAIMS is not None
    claims = _CLAIMS[half]
    got: list[tuple[int, ChunkDone]] = []
    while (i := claims.back()) is not None:
        held = _Held()
        done = into(_WORKER_GZ, held, segment[i], *args[:-1])
        got.append((i, _hand_over(held.parts, done, half, args[-1])))
    return got


def _pickled(obj) -> bytes:
    """``obj`` as a message on a pipe: its length (8 bytes) and its pickle."""
    import pickle

    data = pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)
    return len(data).to_bytes(8, "little") + data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_exact(fd: int, size: int) -> bytes | None:
    """``size`` bytes from ``fd``, or None if it ends first (the other end closed)."""
    parts: list[bytes] = []
    while size:
        got = os.read(fd, min(size, 1 << 20))
        if not got:
            return None
        parts.append(got)
        size -= len(got)
    return b"".join(parts)


def _received(fd: int):
    """The next message on ``fd`` (:func:`_pickled`), or None: the other end closed."""
    head = _read_exact(fd, 8)
    data = None if head is None else _read_exact(fd, int.from_bytes(head, "little"))
    if data is None:
        return None
    import pickle

    return pickle.loads(data)


def _serve(tasks: int, results: int) -> None:
    """A forked worker's life (:class:`_Forked`): each task it is sent, ``(function,
    arguments)`` (a segment's pieces from its end, :func:`_from_the_end`; a few files,
    :func:`_group_worker`), done and its result sent back; until its task pipe closes."""
    while (task := _received(tasks)) is not None:
        fn, args = task
        try:
            reply = (True, fn(*args))
        except Exception as exc:  # the input's error (a file that cannot be read): the parent's to report
            reply = (False, exc)
        try:
            data = _pickled(reply)
        except Exception as exc:  # (an error that cannot be sent as it is)
            data = _pickled((False, WorkerStopped(f"a worker process failed: {describe(exc)}")))
        _write_all(results, data)


# bytes of a message sent to a busy worker (:meth:`_Forked.submit`): at most two wait in its
# task pipe, which holds 16 KB or more (64 KB on Linux), so sending never waits for the
# worker; a segment of a file's pieces is about 1 KB, of a pipe's bytes megabytes
SMALL_TASK = 4 << 10


class _Forked:
    """``count`` worker processes forked from this one, sharing ``gz`` (its index and engine,
    :func:`_before_fork`), for :class:`ChunkPool`'s segments and :func:`run`'s files: a plain
    ``os.fork`` and two pipes each, where a ProcessPoolExecutor costs its imports
    (multiprocessing, concurrent.futures, logging, pickle's helpers: about 40 ms of CPU
    before any worker exists, which no worker can share), two threads in this process, a
    start-up in each worker and its own page faults (1,000 small files: 36k against 8.6k
    in one process). Each worker waits for a task, does it (:func:`_serve`) and sends back
    its result, in the order it was sent; the end of its task pipe ends it. A worker that
    dies is a :class:`WorkerStopped` error here (its result pipe ends). ``count_bytes``:
    the progress bar's counter, which the workers add the bytes they read to."""

    def __init__(self, count: int, gz, count_bytes=None) -> None:
        self.gz = gz
        self.count_bytes = count_bytes
        self.workers: list[tuple[int, int, int]] = []  # (pid, task pipe to write, result pipe to read)
        self.busy: list[int] = []  # tasks sent whose results are not read yet
        self.early: list[deque] = []  # results read while a task waited to be sent (:meth:`send`)
        import pickle  # noqa: F401 - imported once, before the fork: every message is one

        try:
            for _ in range(count):
                self._fork()
        except BaseException:
            self.close()
            raise

    def _fork(self) -> None:
        tasks_r, tasks_w = os.pipe()
        results_r, results_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: never returns (os._exit, no flush of this process's buffers)
            code = 1
            try:
                os.close(tasks_w)
                os.close(results_r)
                for _pid, w, r in self.workers:  # (the other workers' pipes: their ends are theirs)
                    os.close(w)
                    os.close(r)
                _init_worker([], False, self.count_bytes, self.gz)
                _serve(tasks_r, results_w)
                code = 0
            finally:
                os._exit(code)
        os.close(tasks_r)
        os.close(results_w)
        os.set_blocking(tasks_w, False)  # (a task that does not fit in the pipe: send)
        self.workers.append((pid, tasks_w, results_r))
        self.busy.append(0)
        self.early.append(deque())

    def submit(self, *task, small_only: bool = False) -> bool:
        """Send every worker ``task``, the arguments of :func:`_from_the_end`; with
        ``small_only``, only if the message is small enough for the pipe to hold it at once
        (a segment's places in a file, not its bytes) while the worker is busy: whether it
        was sent."""
        data = _pickled((_from_the_end, task))
        if small_only and len(data) > SMALL_TASK:
            return False
        for k in range(len(self.workers)):
            self._send(k, data)
        return True

    def send(self, k: int, fn, *args) -> None:
        """Send worker ``k`` the task ``fn(*args)``."""
        self._send(k, _pickled((fn, args)))

    def _send(self, k: int, data: bytes) -> None:
        """Write a task to worker ``k``'s pipe. Where the pipe is full (a worker busy with
        a task and a big one waiting) and the worker is sending a result meanwhile, that
        result is read (kept for :meth:`reply`): neither process waits for the other."""
        import select

        _pid, w, r = self.workers[k]
        view = memoryview(data)
        try:
            while view:
                try:
                    view = view[os.write(w, view) :]
                    continue
                except BlockingIOError:
                    pass
                readable, _, _ = select.select([r], [w], [])
                if readable:
                    got = _received(r)
                    if got is None:
                        raise BrokenPipeError
                    self.early[k].append(got)
        except BrokenPipeError:  # (the worker's pipe, not the output's)
            raise WorkerStopped(WORKER_STOPPED) from None
        self.busy[k] += 1

    def has_reply(self, k: int) -> bool:
        """Has worker ``k`` begun to send back the oldest task it holds (or ended)?"""
        import select

        return bool(self.early[k]) or bool(select.select([self.workers[k][2]], [], [], 0)[0])

    def reply(self, k: int):
        """Worker ``k``'s result of the oldest task it holds (waiting for it); its error raised."""
        self.busy[k] -= 1
        got = self.early[k].popleft() if self.early[k] else _received(self.workers[k][2])
        if got is None:
            raise WorkerStopped(WORKER_STOPPED)
        if not got[0]:
            raise got[1]
        return got[1]

    def ready(self) -> bool:
        """Has every worker begun to send back the oldest segment it holds (or ended)?"""
        import select

        waiting = [r for k, (_pid, _w, r) in enumerate(self.workers) if self.busy[k] and not self.early[k]]
        return not waiting or len(select.select(waiting, [], [], 0)[0]) == len(waiting)

    def results(self) -> list:
        """What each worker sent back for the oldest segment it was sent, in turn; its
        error raised."""
        got = []
        error: BaseException | None = None
        for k, (_pid, _w, r) in enumerate(self.workers):
            if not self.busy[k]:
                continue
            self.busy[k] -= 1
            reply = self.early[k].popleft() if self.early[k] else _received(r)
            if reply is None:
                error = error or WorkerStopped(WORKER_STOPPED)
            elif not reply[0]:
                error = error or reply[1]
            else:
                got.append(reply[1])
        if error is not None:
            raise error
        return got

    def drain(self) -> None:
        """Wait for the results not read yet and drop them (an error or an interrupt, the
        claims stopped: each worker ends the piece it holds)."""
        while any(self.busy):
            with suppress(Exception):
                self.results()

    def stop(self) -> None:
        """End the workers at once (an error or an interrupt amid :func:`run`'s files, each
        of which can be long): SIGTERM makes the file each was writing remove its temporary
        file (:func:`_task`) and the worker exit."""
        import signal

        for pid, _w, _r in self.workers:
            with suppress(OSError):
                os.kill(pid, signal.SIGTERM)
        self.close()

    def close(self) -> None:
        """End the workers: their pipes closed, each ends the piece it holds and exits."""
        workers, self.workers, self.busy, self.early = self.workers, [], [], []
        for _pid, w, r in workers:
            for fd in (w, r):
                with suppress(OSError):
                    os.close(fd)
        for pid, _w, _r in workers:
            with suppress(ChildProcessError):
                os.waitpid(pid, 0)


def copy_out(src: IO[bytes], out: IO[bytes]) -> None:
    """Copy a spool file to ``out`` (flushed first), in the kernel where it can."""
    out.flush()
    if isinstance(src, SharedView):  # a worker's, in memory shared with it
        out.write(src.view)
        return
    if isinstance(src, io.BytesIO):  # output this process made itself
        out.write(src.getvalue())  # (the bytes it was made from, not a copy as getbuffer makes)
        return
    try:
        fd = out.fileno()
        src.fileno()
    except (AttributeError, OSError, io.UnsupportedOperation):
        fd = None  # (an output or a source in memory)
    if fd is not None:
        size = os.fstat(src.fileno()).st_size
        offset = 0
        try:
            while offset < size:
                sent = os.sendfile(fd, src.fileno(), offset, size - offset)
                if sent == 0:
                    break
                offset += sent
            return
        except OSError as exc:
            if exc.errno not in (errno.EINVAL, errno.ENOSYS, errno.EBADF) or offset:
                raise
    src.seek(0)
    import shutil

    shutil.copyfileobj(src, out, 1 << 20)


class _Early(NamedTuple):
    """An input's first segment sent to the workers before its turn (ChunkPool._two_ends):
    the work it was sent for, and the half of the SharedOut their output of it goes to."""

    into: Callable
    args: tuple
    segment: list
    half: int


class ChunkPool:
    """Scan one big input (a file or stdin) in worker processes, a chunk of pieces at a time.

    The parent reads the input and cuts it into the very pieces one process scans
    (documents.chunks), a few per task: their text, or for a UTF-8 file their place in
    it, which the worker reads itself. Each worker hands a chunk's output over in memory
    it shares with the parent (:class:`SharedOut`, a regular file's segments) or in a
    spool file, and the parent copies it to the output in input order (sendfile for a
    spool file), so the output is byte for byte the same as inline. A few chunks per worker are in
    flight: memory stays flat however long the input. The workers start once, forked
    from the parent with its index and engine (:class:`_Forked`; where forking is not
    safe, a ProcessPoolExecutor's, _executor). A worker that dies is a
    :class:`WorkerStopped` error, never a short output taken for a whole one.
    """

    def __init__(self, workers: int, places: list[str], replace: bool = False, gz=None):
        """``workers``: processes that scan, this one included when it has ``gz``, its
        Gazetteer (which forked workers share, see _Forked): then it scans chunks too
        while it waits for the workers' (:meth:`_map`)."""
        self.workers = workers
        self.gz = gz
        self.halves: tuple[Claims, Claims] | None = None
        self.claims: Claims | None = None
        self.shared: SharedOut | None = None
        self.executor = None
        self.forked: _Forked | None = None
        self.after: dict[str, tuple[str, Path]] = {}  # each input's path -> the next input (expect)
        self.early: _Early | None = None  # the next input's first segment, sent ahead (_two_ends)
        import tempfile

        self.spool_dir = tempfile.mkdtemp(prefix="gazetteer-chunks-")
        try:
            self._start(places, replace)
        except BaseException:  # Ctrl-C or SIGTERM while the workers start: no folder left behind
            self.__exit__(None, None, None)
            raise

    def _start(self, places: list[str], replace: bool) -> None:
        workers, gz = self.workers, self.gz
        # the two ends of a segment, shared with workers forked from here: of the segments
        # whose workers' output goes to one half of the SharedOut and of the other's
        self.halves = (Claims.make(), Claims.make()) if gz is not None and _can_fork() else None
        self.claims = self.halves[0] if self.halves is not None else None
        # the memory forked workers hand their output over through
        self.shared = SharedOut.make(SHARED) if self.claims is not None else None
        global _CLAIMS, _SHARED
        _CLAIMS, _SHARED = self.halves, self.shared
        if self.claims is not None:  # (then every input is scanned from both ends: _map)
            _before_fork(gz)
            self.forked = _Forked(workers - 1, gz)
        else:
            self.executor = _executor(workers - 1 if gz is not None else workers, places, replace, None, gz)

    def expect(self, inputs: Iterable[tuple[str, Path | None]]) -> None:
        """The inputs, ``(name, path)``, that will be scanned one after another: at an
        input's last segment the workers are sent the next one's first (:meth:`_two_ends`)."""
        named = [(name, path) for name, path in inputs]
        self.after = {str(path): named[k + 1] for k, (_name, path) in enumerate(named[:-1]) if path is not None}

    def extract(
        self,
        name: str,
        stream: IO[bytes],
        spooled: Callable[[IO[bytes]], None],
        *,
        encoding: str | None = None,
        naming: str = "en",
        context: int | None = None,
        notes: list[str] | None = None,
        path: Path | None = None,
        fmt: str = "jsonl",
    ) -> None:
        """extract's JSON Lines (or CSV/TSV rows, ``fmt``) of ``stream``, each chunk's handed
        to ``spooled`` in order; ``path``: the file ``stream`` reads from its start, which
        workers may read too."""
        path = path if path is not None else _read_again(stream)
        opened = open_text(stream, encoding)
        args = (opened.encoding, encoding, name, naming, context, fmt, self.spool_dir)

        def args_of(name: str, enc: str) -> tuple:  # (the next input's, alike)
            return (enc, encoding, name, naming, context, fmt, self.spool_dir)

        for done in self._map(_extract_chunk, _extract_into, opened, args, path, (encoding, args_of)):
            _note_once(notes, done.notes)
            self._consume(done, spooled)

    def normalise(
        self,
        gz,
        stream: IO[bytes],
        out: IO[bytes] | None,
        *,
        encoding: str | None = None,
        naming: str = "en",
        mode: str = "replace",
        changes: list[Change] | None = None,
        notes: list[str] | None = None,
        decisions=None,
        path: Path | None = None,
    ) -> int:
        """documents.normalise_stream, the pieces rewritten in the workers; ``path`` as
        for :meth:`extract`."""
        if decisions is not None:
            raise UsageError("--decisions works in one process: leave out --jobs")
        path = path if path is not None else _read_again(stream)
        opened = open_text(stream, encoding)
        args = (opened.encoding, encoding, naming, mode, changes is not None, self.spool_dir)

        def args_of(_name: str, enc: str) -> tuple:  # (the next input's, alike)
            return (enc, *args[1:])

        count = unwritable = 0
        for done in self._map(_normalise_chunk, _normalise_into, opened, args, path, (encoding, args_of)):
            _note_once(notes, done.notes)
            count += done.count
            unwritable += done.unwritable
            if changes is not None:
                changes.extend(done.changes)
            self._consume(done, None if out is None else lambda fh: copy_out(fh, out))
        if notes is not None and unwritable:
            notes.append(unwritable_note(unwritable, opened.encoding))
        return count

    def _map(
        self, task, into, opened, args: tuple, path: Path | None = None, following: tuple | None = None
    ) -> Iterator[ChunkDone]:
        """Results of ``task(chunk, *args)`` for the input's chunks, in order. An input
        that fails part way (text that cannot be decoded) has its earlier chunks' results
        given first, as in one process, and then its error raised. The workers read the
        chunks of a regular ``path`` themselves (documents.FileRange), whose last chunks are
        single pieces. ``into``: the same work done in this process (``into(gz, fh, chunk,
        *args)``), for the chunks it takes itself (:func:`_ordered`). ``following``: (the
        encoding asked for, a function of a name and an encoding giving ``args`` for
        another input), for the next input's first segment (:meth:`_two_ends`)."""
        failure: list[BaseException] = []
        size = _regular_size(path) if path is not None else None
        # the last chunks a piece at a time: no process idles while another ends a big one
        taper = None if size is None else size - 2 * self.workers * CHUNK
        where = None if size is None else str(path)

        def tasks() -> Iterator[tuple]:
            try:
                for chunk in chunks(opened, CHUNK, path=where, taper_from=taper):
                    yield (chunk, *args)
            except FILE_ERRORS as exc:
                failure.append(exc)

        here = None if self.gz is None else _here(into, self.gz)
        pool = self.workers - 1 if here is not None else self.workers  # worker processes
        if here is not None and self.claims is not None:
            # a piece at a time: the ends meet to within one. Pieces of a pipe (or of text
            # in another encoding than UTF-8) carry their bytes (or text), sent to the workers
            # with the segment: about 1 ms a megabyte, where a chunk each in turn made each
            # process meet every other chunk's new words and hand its output over in a
            # spool file
            pieces = chunks(opened, 1, path=where if opened.encoding == "utf-8" else None)
            early = self.early
            self.early = None
            nxt = (following, where) if following is not None and where is not None else None
            yield from self._two_ends(into, here, pieces, args, pool, size, early, nxt)
            return
        yield from _ordered(self.executor, task, here, tasks(), 2 * pool)
        if failure:
            raise failure[0]

    def _two_ends(
        self,
        into,
        here,
        pieces: Iterator[Chunk],
        args: tuple,
        pool: int,
        size: int | None,
        early: _Early | None = None,
        nxt: tuple | None = None,
    ) -> Iterator[ChunkDone]:
        """An input of ``size`` bytes (None: not known, a pipe), a segment at a time: this process scans
        the segment's pieces from its start and hands on their output at once; the workers
        take pieces from its end (:func:`_from_the_end`, their output handed over in the
        SharedOut or spool files) until the two
        ends meet, then their output follows, in order, while they start on the next
        segment. Neither end waits for the other where they meet: the workers are sent the
        next segment (of a file: the pieces' places, a small message) as soon as it is cut,
        and take it up from its end once they end this one; this process, until they have,
        scans the next segment's first pieces (their output held, and written out after the
        workers' of this one). Waiting there, for the piece a worker held, left one process
        idle for about half a piece at every segment (about 95 ms of 16 MB of dense text, a
        tenth of the run's wall time), time no CPU figure shows. Each process scans a run
        of neighbouring text rather than every other chunk, so it meets fewer words it has
        not seen yet (the engine learns each word once per process: on the 32 MB dense
        corpus every other chunk costs about 0.2 s of CPU more than one process, two halves
        0.03 s), and nothing this process makes is held back or copied but the few pieces it
        scans ahead. Segments (:func:`_next_segment`) are at most SEGMENT bytes (the
        workers' output of about half of it fits in a half of the SharedOut) and get smaller
        towards the end of the file, so that little output is left to copy once the workers
        are done.

        Of several inputs one after another (:meth:`expect`), the workers are sent the next
        input's first segment (``nxt``: the ``following`` of :meth:`_map` and this input's
        path) with this one's last, and start on it from its end as soon as they have ended
        this one; it is this call's ``early`` for the next input's call, which takes it up
        if it cut the same first segment with the same arguments (else it is dropped).
        Otherwise the workers waited at each input's end while this process wrote out
        their output, ended the input (normalise -o: the file's fsync, 20-30 ms) and cut
        the next input's first segment."""
        halves, forked = self.halves, self.forked
        assert halves is not None and forked is not None
        failure: list[BaseException] = []  # the input cannot be read further: after what came before
        cut = [0]  # bytes of the input cut into segments so far
        segment = _segment(pieces, min(FIRST_SEGMENT, _next_segment(size, 0)), failure, cut)
        half = 0  # the segment's half of the SharedOut, and its claims
        sent = False  # the segment sent to the workers
        handed_on = False  # the next input's first segment is with the workers (self.early)
        if early is not None:
            if early.into is into and early.args == args and early.segment == segment and not failure:
                half, sent = early.half, True
            else:
                self._drop(early)
        try:
            while segment:
                claims = halves[half]
                if not sent:
                    claims.reset(len(segment))
                    forked.submit(into, segment, args, half)
                following = [] if failure else _segment(pieces, _next_segment(size, cut[0]), failure, cut)
                sent = False
                if not following and not failure and nxt is not None:
                    # this input's last segment: the workers get the next input's first,
                    # to start on once they have ended this one
                    self.early = self._first_of_next(into, nxt, 1 - half)
                    handed_on = self.early is not None
                if following:
                    # the workers get the next segment now, to start on once they have ended
                    # this one (its pieces' places in the file: a message the pipe holds
                    # without waiting); its half of the SharedOut was written out
                    halves[1 - half].reset(len(following))
                    sent = forked.submit(into, following, args, 1 - half, small_only=True)
                while (i := claims.front()) is not None:
                    yield here(segment[i], *args)
                # the ends met: while the workers end the pieces they hold, this process
                # scans the next segment's first pieces (held, written out after the
                # workers' output of this one), rather than wait
                ahead: list[ChunkDone] = []
                if following:
                    if not sent:
                        halves[1 - half].reset(len(following))
                    while not forked.ready():
                        j = halves[1 - half].front()
                        if j is None:
                            break
                        ahead.append(here(following[j], *args))
                theirs = sorted(item for got in forked.results() for item in got)
                if [i for i, _done in theirs] != list(range(claims.met(), len(segment))):
                    raise WorkerStopped("a worker process lost a piece of the input: the output is not complete")
                if following and not sent:  # the workers start on the next segment while their output is copied
                    forked.submit(into, following, args, 1 - half)
                    sent = True
                for _i, got in theirs:
                    yield got
                yield from ahead
                segment = following
                half = 1 - half
            if failure:
                raise failure[0]
        except BaseException:
            handed_on = False
            raise
        finally:
            if not handed_on:
                if self.early is not None:
                    self.early = None
                for claims in halves:  # an error or an interrupt: the workers take no more pieces
                    with suppress(WorkerStopped):  # (a worker gone meanwhile: what is raising stands)
                        claims.stop()
                forked.drain()  # (and what they send back for the pieces they held is dropped)

    def _first_of_next(self, into, nxt: tuple, half: int) -> _Early | None:
        """The first segment of the input after ``nxt[1]`` (:meth:`expect`), sent to the
        workers with ``half`` of the SharedOut; None where there is none, or it is not a
        regular UTF-8 file (its pieces' places are a small message: the pipe holds it while
        the workers are busy) or cannot be read."""
        (requested, args_of), where = nxt
        after = self.after.get(where)
        if after is None or self.halves is None or self.forked is None:
            return None
        name, path = after
        size = _regular_size(path) if path is not None else None
        if not size:
            return None
        failure: list[BaseException] = []
        try:
            with open(path, "rb") as fh:
                opened = open_text(fh, requested)
                if opened.encoding != "utf-8":
                    return None
                pieces = chunks(opened, 1, path=str(path))
                segment = _segment(pieces, min(FIRST_SEGMENT, _next_segment(size, 0)), failure, [0])
        except FILE_ERRORS:
            return None
        if failure or not segment:
            return None
        args = args_of(name, opened.encoding)
        self.halves[half].reset(len(segment))
        if not self.forked.submit(into, segment, args, half, small_only=True):
            self.halves[half].stop()
            return None
        return _Early(into, args, segment, half)

    def _drop(self, early: _Early) -> None:
        """The workers stop on a segment sent ahead that is not to be used; their output of
        it is dropped."""
        assert self.halves is not None and self.forked is not None
        self.halves[early.half].stop()
        try:
            dropped = self.forked.results()
        except WorkerStopped:
            raise
        except Exception:  # (the other input's error: its own call reports it)
            return
        for got in dropped:
            for _i, done in got:
                if done.spool is not None:
                    with suppress(OSError):
                        os.unlink(done.spool)

    def _consume(self, done: ChunkDone, consume: Callable[[IO[bytes]], None] | None) -> None:
        if done.shared is not None:
            if consume is not None:
                assert self.shared is not None
                at, size = done.shared
                with memoryview(self.shared.region) as whole, whole[at : at + size] as view:
                    consume(SharedView(view))
            return
        if done.spool is None:
            if consume is not None:
                consume(io.BytesIO(done.data or b""))
            return
        try:
            if consume is not None:
                with open(done.spool, "rb") as fh:
                    consume(fh)
        finally:
            os.unlink(done.spool)

    def __enter__(self) -> ChunkPool:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        # Also after Ctrl-C or SIGTERM: the workers finish the chunks they hold (a fraction
        # of a second) and exit; the spool files of results never copied go with the folder.
        import shutil

        try:
            for claims in self.halves or ():  # (a broken pipe leaves the scan unclosed until later)
                with suppress(WorkerStopped):
                    claims.stop()  # workers scanning a segment's end take no more pieces
            if self.forked is not None:
                self.forked.close()
            if self.executor is not None:
                self.executor.shutdown(wait=True, cancel_futures=True)
        finally:
            shutil.rmtree(self.spool_dir, ignore_errors=True)
            if self.shared is not None:
                self.shared.close()
            for claims in self.halves or ():
                claims.lock.close()
            _thaw(self.gz)


def _read_again(stream: IO[bytes]) -> Path | None:
    """A path by which this process and its workers can read ``stream`` themselves: where
    it is a regular file not read from yet (stdin redirected from a file), its descriptor
    under /proc (Linux); None elsewhere (a pipe, a terminal, a stream read part way,
    another system). With it, stdin from a file is scanned as that file is: the workers
    read their pieces from it and a segment is scanned from both ends (:meth:`ChunkPool.
    _two_ends`), where a pipe's chunks must be read here and sent to them, a chunk each in
    turn (each process then meets every other chunk's new words: about 0.1 s more CPU on
    the 32 MB dense corpus)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        fd = stream.fileno()
        st = os.fstat(fd)
        if stream.tell() != 0 or not stat.S_ISREG(st.st_mode):
            return None
        again = Path(f"/proc/{os.getpid()}/fd/{fd}")
        there = os.stat(again)  # (/proc mounted, the link followed to the very file)
    except (AttributeError, OSError, ValueError):  # (io.UnsupportedOperation is both)
        return None
    return again if (there.st_dev, there.st_ino) == (st.st_dev, st.st_ino) else None


def _regular_size(path: Path) -> int | None:
    """The size of a regular file (None: not one, e.g. a pipe named on the command line)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def _note_once(notes: list[str] | None, new: tuple[str, ...]) -> None:
    """A chunk's note of a likely code page, kept if no earlier chunk of the file gave one."""
    if notes is not None and new and not notes:
        notes.extend(new)


def _context(method: str | None = None):
    import multiprocessing as mp

    return mp.get_context(method or ("spawn" if os.name == "nt" else "forkserver"))


def _can_fork() -> bool:
    """Is a plain fork of this process safe: a POSIX system and no other thread (a lock
    another thread holds would stay held in the child; the progress bar is a thread)?"""
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1


# bytes a file holds on average for several files to be scanned one after another, each
# from both ends by all the processes (ChunkPool), rather than a file per process (run)
FILES_IN_PIECES = 1 << 20


def pieces_across_files(paths: list[Path | None]) -> bool:
    """Should these files be scanned one after another, each by all the processes from
    both ends (:class:`ChunkPool`), rather than a file per process (:func:`run`)? Where
    workers can be forked and the files are regular and big enough on average: then the
    processes share each file's work evenly (a file per process leaves one idle while the
    other ends the last file), each scans neighbouring text, and the workers hand their
    output over in shared memory rather than a spool file per file."""
    if not paths or any(p is None for p in paths) or not _can_fork():
        return False
    sizes = [_regular_size(p) for p in paths if p is not None]
    if any(size is None for size in sizes):
        return False
    return sum(s or 0 for s in sizes) >= FILES_IN_PIECES * len(sizes)


class FileWorkers:
    """``workers - 1`` processes forked from this one for :func:`run`'s files, sharing
    ``gz`` (its index and engine, :func:`_before_fork`), and the memory they hand their
    output over in (FILE_TASKS_AHEAD slots of SLOT bytes each). Made before any other thread starts
    (the progress bar's: commands._batch), after the progress bar's counter, which they
    add the bytes they read to. ``None`` where a plain fork is not safe
    (:func:`file_workers`)."""

    def __init__(self, workers: int, gz) -> None:
        global _FILE_SHARED
        import mmap

        self.gz = gz
        self.forked: _Forked | None = None
        _before_fork(gz)
        try:
            # FILE_TASKS_AHEAD slots a worker, made before the fork: shared (only pages written cost)
            self.shared = _FILE_SHARED = mmap.mmap(-1, FILE_TASKS_AHEAD * (workers - 1) * SLOT)
            self.forked = _Forked(workers - 1, gz, _BYTES_READ)
        except BaseException:
            self.__exit__(None, None, None)
            raise

    def __enter__(self) -> FileWorkers:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        global _FILE_SHARED
        try:
            if self.forked is not None and exc_type is not None:  # an error or an interrupt: at once
                self.forked.stop()
            elif self.forked is not None:
                self.forked.close()
        finally:
            if _FILE_SHARED is getattr(self, "shared", None):
                _FILE_SHARED = None
            if getattr(self, "shared", None) is not None:
                with suppress(BufferError):
                    self.shared.close()
            _thaw(self.gz)


def file_workers(workers: int, gz) -> FileWorkers | None:
    """:class:`FileWorkers` for ``workers`` processes (this one included), or None where
    there is no Gazetteer to share or a plain fork is not safe (not POSIX, or another
    thread running: :func:`_can_fork`); then :func:`run` starts a ProcessPoolExecutor."""
    if workers < 2 or gz is None or not _can_fork():
        return None
    return FileWorkers(workers, gz)


def run(
    kind: str,
    jobs: Iterable[tuple],
    workers: int,
    places: list[str],
    replace: bool = False,
    gz=None,
    pool: FileWorkers | None = None,
) -> Iterator[FileResult]:
    """Results of ``extract``/``normalise`` jobs, in input order, from ``workers``
    processes: with ``gz``, the parent's Gazetteer, this one and ``workers - 1`` forked
    from it (``pool``, or made here: :class:`FileWorkers`), each sent a few files at a time
    as they come (this one does a few files itself while the oldest a worker holds is not
    done, :func:`_ordered_forked`); where they cannot be forked, a ProcessPoolExecutor's
    (``workers`` started afresh without ``gz``)."""
    if pool is None and gz is not None and workers > 1:
        pool = file_workers(workers, gz)
        if pool is not None:
            with pool:
                yield from run(kind, jobs, workers, places, replace, gz, pool)
            return
    if pool is not None:
        assert pool.forked is not None
        tasks = ((kind, group) for group in _groups(jobs))
        try:
            for results in _ordered_forked(pool.forked, functools.partial(_group_job, gz), tasks):
                yield from results
        except BaseException:
            pool.forked.stop()  # (the workers' files left as they were, no temporary file)
            raise
        return
    yield from _run_executor(kind, jobs, workers, places, replace, gz)


def _ordered_forked(forked: _Forked, here: Callable, tasks: Iterator[tuple]) -> Iterator:
    """Results of ``_group_job(kind, group, slot)`` for ``tasks`` (``(kind, group)``), in
    order: each worker of ``forked`` holds FILE_TASKS_AHEAD tasks, the next sent as soon as
    it has handed one back, so that it never waits for this process; this process does the next
    task itself (``here(kind, group)``) while the oldest a worker holds is not done, so
    that --jobs N keeps N processes busy. At most two of its own results wait, so memory
    stays bounded. Worker ``k``'s tasks take its FILE_TASKS_AHEAD slots of the shared memory
    in turn: a slot is free again once the result that used it was written out (a task is
    sent only after the one FILE_TASKS_AHEAD before it on that worker was handed on)."""
    count = len(forked.workers)
    sent = [0] * count  # tasks sent to each worker
    held = [0] * count  # of them, not handed on yet
    pending: deque = deque()  # in task order: a worker's number (its oldest task) or this process's result
    own = 0  # this process's results in pending
    more = True

    def take(head):
        """The result ``pending``'s head stands for: a worker's (waited for) or this process's."""
        nonlocal own
        if isinstance(head, _Worker):
            held[head.k] -= 1
            return forked.reply(head.k)
        own -= 1
        return head

    while more or pending:
        for k in range(count):  # keep every worker fed with FILE_TASKS_AHEAD tasks
            while more and held[k] < FILE_TASKS_AHEAD:
                task = next(tasks, None)
                if task is None:
                    more = False
                    break
                forked.send(k, _group_worker, *task, FILE_TASKS_AHEAD * k + sent[k] % FILE_TASKS_AHEAD)
                sent[k] += 1
                held[k] += 1
                pending.append(_Worker(k))
        while pending and (not isinstance(pending[0], _Worker) or forked.has_reply(pending[0].k)):
            yield take(pending.popleft())
        if not pending:
            continue
        if more and own < 2:  # a task here while the oldest a worker holds is not done
            task = next(tasks, None)
            if task is not None:
                pending.append(here(*task))
                own += 1
                continue
            more = False
        yield take(pending.popleft())  # a worker's task, the oldest: wait for it


# tasks of run()'s files each worker holds: it runs dry only if this process, between two
# looks, does more than that many tasks' work (its own task, writing out, or the CPU
# taken by others). 16 MB cut into 1,000 files, load 11: with 2 the worker waited for a
# task 57-60 times, 1.4-1.8 s in all; with 4, 0-4 times, 0-0.27 s (the same page faults:
# a slot's pages are those its task's output touches)
FILE_TASKS_AHEAD = 4


class _Worker(NamedTuple):
    """In :func:`_ordered_forked`'s queue: the oldest task worker ``k`` holds."""

    k: int


def _run_executor(
    kind: str, jobs: Iterable[tuple], workers: int, places: list[str], replace: bool = False, gz=None
) -> Iterator[FileResult]:
    """:func:`run` where a plain fork is not safe: a ProcessPoolExecutor's workers, forked
    from this one if it can (then sharing ``gz``), else started afresh (each loads
    ``places``); their output handed over in spool files."""
    pool = workers - 1 if gz is not None else workers
    in_flight = 2 * pool
    executor = _executor(pool, places, replace, _BYTES_READ, gz)
    here = None if gz is None else functools.partial(_group_job, gz)
    try:
        tasks = ((kind, group) for group in _groups(jobs))
        for results in _ordered(executor, _group_worker, here, tasks, in_flight):
            yield from results
    except BaseException:
        _stop_executor(executor)
        raise
    finally:
        _thaw(gz)
    executor.shutdown(wait=True)
