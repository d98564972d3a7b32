"""One file of extract or normalise, run inline or in a pool of worker processes.

Each job sends its output to a sink: inline, straight to stdout (memory stays
flat for any file size); in a worker, to a spool file that the parent copies
to stdout in input order, so ``--jobs`` never changes what is printed. A
failing file is a result with an error, never an exception that stops the
others.
"""

from __future__ import annotations

import io
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, NamedTuple

from .documents import BinaryFile, Change, extract_lines, extract_stream, normalise_stream, unified_diff
from .errors import UsageError
from .formats import json_line
from .textio import NotRegularFile, NotText, atomic_writer, detect_encoding, error_handler, unchanged_since

__all__ = ["FileResult", "extract_file", "normalise_file", "run", "PieceScan", "FILE_ERRORS"]

FILE_ERRORS = (OSError, NotText, UnicodeDecodeError, LookupError)


class FileResult(NamedTuple):
    name: str
    error: str | None = None
    spool: str | None = None  # worker output waiting to be copied, in order
    changes: tuple = ()
    binary: bool = False  # the error is "not text": a folder walk skips such files
    notes: tuple[str, ...] = ()  # warnings about the file (a likely code page, names kept)


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
    lines: Callable[[str], None] | None = None,
) -> FileResult:
    """``context``: add the review fields (gazetteer.review), with that many characters of
    context each side; None: the mention records alone. ``lines``: takes the records'
    JSON Lines instead of ``emit`` the records (documents.extract_lines)."""
    notes: list[str] = []
    extra = None
    if context is not None:
        from .review import MentionExtras

        extra = MentionExtras(gz, naming, context)
    try:
        with _input(path, stdin) as stream:
            if lines is not None and scan is None:
                for text in extract_lines(
                    gz, stream, encoding=encoding, naming=naming, path=name, notes=notes, extra=extra
                ):
                    lines(text)
                return FileResult(name, notes=tuple(notes))
            records = extract_stream(
                gz, stream, encoding=encoding, naming=naming, scan=scan, path=name, notes=notes, extra=extra
            )
            for rec in records:
                emit(rec)
    except BrokenPipeError:
        raise
    except FILE_ERRORS as exc:
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
        "scan": scan,
        "notes": notes,
    }
    if opts.decisions is not None:
        kw["decisions"] = opts.decisions.for_file(name, path)
    try:
        if opts.target == "inplace":
            assert path is not None
            _rewrite_in_place(gz, path, opts.backup, kw, notes)
        else:
            with _input(path, stdin) as stream:
                if opts.target == "diff":
                    raw = stream.read()
                    buf = io.BytesIO()
                    normalise_stream(gz, io.BytesIO(raw), buf, **kw)
                    enc = detect_encoding(raw[:65536], opts.encoding)
                    old = raw.decode(enc, error_handler(enc))
                    new = buf.getvalue().decode(enc, error_handler(enc))
                    assert sink is not None
                    sink.write(unified_diff(name, old, new).encode("utf-8", "surrogateescape"))
                elif opts.target == "outdir":
                    assert path is not None and opts.out_root is not None
                    with atomic_writer(output_path(path, root, opts.out_root)) as fh:
                        normalise_stream(gz, stream, fh, **kw)
                else:
                    normalise_stream(gz, stream, sink, **kw)
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


def _rewrite_in_place(gz, path: Path, backup: str | None, kw: dict, notes: list[str]) -> None:
    """Rewrite a regular file through any link to it, only if a name changed, keeping its
    owner and mode; leave it as it is if it changed while it was read."""
    real = Path(os.path.realpath(path))
    if not stat.S_ISREG(os.stat(real).st_mode):
        raise NotRegularFile("not a regular file; not rewritten")
    with open(real, "rb") as stream:
        before = os.fstat(stream.fileno())
        writer = atomic_writer(real, backup)
        with writer as fh:
            if normalise_stream(gz, _counted(stream), fh, **kw) == 0:
                writer.discard()
            writer.before_replace = lambda: unchanged_since(real, before)
    default_backup = real.with_name(real.name + backup) if backup else None
    if writer.backup_path is not None and writer.backup_path != default_backup:
        notes.append(f"{default_backup.name} exists: original kept as {writer.backup_path}")


# ---------------------------------------------------------------- worker processes
_WORKER_GZ = None


def _init_worker(places: list[str], replace: bool, count=None) -> None:
    global _WORKER_GZ
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    # the pool stops workers with SIGTERM: turn it into an exception, so that the
    # atomic writer of the file in progress removes its temporary file
    signal.signal(signal.SIGTERM, _terminate)
    from .api import Gazetteer

    _WORKER_GZ = Gazetteer.load(places, replace=replace)
    count_bytes_into(count)
    # A worker reports its errors through its results; what it would print itself is the
    # pool's own traceback when the parent was killed (a broken pipe): keep stderr clean.
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the life of the worker


def _terminate(signum, frame):
    raise SystemExit(1)


def _spool(spool_dir: str) -> IO[bytes]:
    return tempfile.NamedTemporaryFile("wb", dir=spool_dir, delete=False, suffix=".spool")


def _extract_worker(job) -> FileResult:
    name, path, encoding, naming, spool_dir, *more = job  # more: (context,) for the review fields
    context = more[0] if more else None
    with _spool(spool_dir) as fh:

        def emit(rec: dict) -> None:
            fh.write(json_line(rec).encode("utf-8"))

        res = extract_file(_WORKER_GZ, name, path, emit, encoding=encoding, naming=naming, context=context)
    return res._replace(spool=fh.name)


def _normalise_worker(job) -> FileResult:
    name, path, root, opts, spool_dir = job
    with _spool(spool_dir) as fh:
        res = normalise_file(_WORKER_GZ, name, path, root, fh, opts)
    return res._replace(spool=fh.name)


def _pool(workers: int, places: list[str], replace: bool):
    import multiprocessing as mp

    ctx = mp.get_context("spawn" if os.name == "nt" else "forkserver")
    return ctx.Pool(workers, initializer=_init_worker, initargs=(places, replace, _BYTES_READ))


def _stop_pool(pool, seconds: float = 10.0) -> None:
    """Pool.terminate(), given at most ``seconds``: it kills workers, and one killed while
    writing a result leaves the pool's result reader waiting forever for the rest (seen
    with the piece pool). A task here is a whole file, too long to wait for, so the
    workers are killed; if the pool's own shutdown hangs, the command exits without it
    (the workers are daemons and end with it)."""
    import threading

    stopper = threading.Thread(target=pool.terminate, daemon=True)
    stopper.start()
    stopper.join(seconds)


def _scan_piece(piece: str) -> list:
    return _WORKER_GZ.mentions(piece)


class PieceScan:
    """Scan the pieces of one big file or stream in worker processes, in order.

    Pieces are independent (each is its own context; see textio.iter_pieces), so the
    output is the same as inline. A few pieces per worker are in flight at a time:
    memory stays flat however long the input, and the parent formats and writes the
    results of one piece while the workers scan the next.
    """

    def __init__(self, workers: int, places: list[str], replace: bool = False):
        self.workers = workers
        self.pool = _pool(workers, places, replace)

    def __call__(self, pieces: Iterable[str]) -> Iterator[tuple[str, list]]:
        from collections import deque

        pending: deque = deque()
        for piece in pieces:
            pending.append((piece, self.pool.apply_async(_scan_piece, (piece,))))
            if len(pending) > 2 * self.workers:
                piece, result = pending.popleft()
                yield piece, result.get()
        while pending:
            piece, result = pending.popleft()
            yield piece, result.get()

    def __enter__(self) -> PieceScan:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        # Also after Ctrl-C or SIGTERM: the workers finish the few pieces in flight (well
        # under a second) and exit. Pool.terminate() would kill them mid-write of a result
        # and could leave the pool's result reader waiting forever for the rest of it.
        self.pool.close()
        self.pool.join()


def run(
    kind: str, jobs: Iterable[tuple], workers: int, places: list[str], replace: bool = False
) -> Iterator[FileResult]:
    """Results of ``extract``/``normalise`` jobs from a process pool, in input order."""
    worker = _extract_worker if kind == "extract" else _normalise_worker
    pool = _pool(workers, places, replace)
    try:
        yield from pool.imap(worker, jobs, chunksize=1)
        pool.close()
        pool.join()
    except BaseException:
        _stop_pool(pool)
        raise
