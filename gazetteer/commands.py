"""The text commands' work without click: ``extract`` and what it shares with ``normalise``.

gazetteer/cli.py is the click layer: it parses and checks the command line, then calls
:func:`extract` here. The launcher (gazetteer/launch.py) calls it directly for the
common command lines (``extract FILE... [--format F] [-j N] ...``), so that a run does
not pay for importing click (about 50 ms of a 0.2 s start, issue 15); any other command
line, and any usage error found here (:class:`Usage`), goes to the click CLI, so
output, messages and exit statuses are the CLI's.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import contextmanager, nullcontext
from functools import wraps

from .errors import GazetteerError, NotFoundError

# the choices of --naming and --format (cli.py's click.Choice of each)
NAMINGS = ("en", "az", "ru", "hy")
FORMATS = ("table", "json", "jsonl", "csv", "tsv", "geojson")


class Usage(Exception):
    """A usage error found by a command (before anything is written): the click CLI
    shows it as click.UsageError (usage line, exit status 2)."""


def _echo_err(message: str) -> None:
    """click.echo(message, err=True) without click: the line and a flush, ANSI styles
    left out where stderr is no terminal (as click does)."""
    stream = sys.stderr
    if stream is None:
        return
    if "\x1b" in message and not _isatty(stream):
        import re

        message = re.sub(r"\033\[[0-?]*[ -/]*[@-~]", "", message)
    stream.write(message + "\n")
    stream.flush()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except Exception:
        return False


def _click_errors() -> tuple:
    """click's own exceptions, which pass through :func:`guarded` (click prints usage
    errors itself); none when click was not imported (the launcher's fast path)."""
    click = sys.modules.get("click")
    if click is None:
        return ()
    return (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort)


def _binary_stdin():
    """click.get_binary_stream("stdin") without click."""
    stream = sys.stdin
    if stream is not None:
        if isinstance(getattr(stream, "mode", None), str) and "b" in stream.mode and hasattr(stream, "read"):
            return stream
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            return buffer
    raise RuntimeError("Was not able to determine binary stream for 'stdin'.")


def _fail(message: str, status: int = 2):
    _echo_err(f"gazetteer: {message}")
    sys.exit(status)


def guarded(func):
    """Map our errors to exit 2, a closed pipe to a quiet exit, Ctrl-C to 130."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        _terminate_as_interrupt()
        try:
            return func(*args, **kwargs)
        except _click_errors():
            raise  # click prints usage errors itself, with exit status 2
        except NotFoundError as exc:
            _fail(str(exc), 1)
        except GazetteerError as exc:
            _fail(str(exc))
        except BrokenPipeError:
            _quiet_pipe()
        except KeyboardInterrupt:
            _echo_err("gazetteer: interrupted")
            sys.exit(130)
        except _Terminated:
            _echo_err("gazetteer: terminated")
            sys.exit(143)
        except OSError as exc:  # stdout on a full disk, a vanished folder...
            where = f" {exc.filename}" if getattr(exc, "filename", None) else " output"
            _discard_stdout()
            _fail(f"cannot write{where}: {(exc.strerror or str(exc)).lower()}", 1)
        except Exception as exc:  # a bug: say so in one line; GAZETTEER_DEBUG=1 shows the traceback
            if os.environ.get("GAZETTEER_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set GAZETTEER_DEBUG=1 for details)", 2)

    return wrapper


class _Terminated(BaseException):
    """SIGTERM (kill, timeout, a scheduler): unwinds like Ctrl-C, so that temporary files
    are removed and worker pools stopped."""


def _terminate_as_interrupt() -> None:
    import signal

    def raise_terminated(signum, frame):
        raise _Terminated

    try:
        signal.signal(signal.SIGTERM, raise_terminated)
    except ValueError:  # not the main thread (the CLI called from a thread): leave it
        pass


def _discard_stdout():
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _quiet_pipe():
    # Python flushes stdout at exit; point it at devnull so that flush cannot fail again.
    _discard_stdout()
    sys.exit(0)


def _load(places: tuple[str, ...], replace: bool = False):
    from .api import Gazetteer

    paths = _places_list(places)
    if replace and not paths:
        raise Usage("--no-bundled needs --places FILE (or $GAZETTEER_PLACES)")
    return Gazetteer.load(paths, replace=replace)


def _stdout(line_buffered: bool = False):
    """UTF-8 text stdout. Buffered in pipes (a flush per record costs more than the
    lookup); line-buffered on a terminal or when asked (a coprocess waiting for
    each answer)."""
    import io

    buffered = sys.stdout.isatty() or line_buffered
    try:
        return io.TextIOWrapper(
            sys.stdout.buffer,
            encoding="utf-8",
            errors="surrogateescape",
            newline="\n",
            line_buffering=buffered,
            write_through=False,
        )
    except AttributeError:  # stdout replaced by something without a buffer (tests, IDEs)
        return sys.stdout


def _default_format(fmt: str | None) -> str:
    if fmt:
        return fmt
    return "table" if sys.stdout.isatty() else "jsonl"


# ---------------------------------------------------------------- text commands
EXTRACT_FIELDS = [
    "path",
    "start",
    "end",
    "byte_start",
    "byte_end",
    "text",
    "id",
    "name",
    "kind",
    "country",
    "lat",
    "lon",
    "score",
    "method",
    "cue",
]


def _inputs(files: tuple[str, ...], globs: tuple[str, ...]):
    """(inputs to process, problems met while walking: said by ``_say_problems``)."""
    from .textio import DEFAULT_GLOBS, walk

    if not files:
        if sys.stdin.isatty():
            _fail("give FILE or folder arguments, or text on stdin (-)")
        files = ("-",)
    inputs, problems = [], []
    for item in walk(list(files), tuple(globs) or DEFAULT_GLOBS):
        (problems if item.error or item.note else inputs).append(item)
    return inputs, problems


def _say_problems(problems) -> int:
    """Warn of what a folder walk skipped; return how many were errors (exit status 1)."""
    for item in problems:
        if item.error:
            _echo_err(f"gazetteer: {item.name}: {item.error}")
        else:
            _echo_err(f"gazetteer: warning: {item.name}: {item.note}")
    return sum(1 for item in problems if item.error)


def _say_notes(res) -> None:
    for note in res.notes:
        _echo_err(f"gazetteer: warning: {res.name}: {note}")


@contextmanager
def _progress(inputs, quiet: bool, label: str, before=None):
    """A bar of the bytes read by this process and its workers (progress.ByteProgress);
    ``before``, a context entered once the bar's counter exists and before its thread
    starts (workers forked from here: they add to the counter too)."""
    from . import batch
    from .progress import ByteProgress

    bar = ByteProgress([i.path for i in inputs], label, quiet=quiet)
    batch.count_bytes_into(bar.count)
    try:
        with before if before is not None else nullcontext() as got, bar:
            yield got
    finally:
        batch.count_bytes_into(None)


def _jobs(jobs: int | None, inputs) -> int:
    """Worker processes: only worth starting for several files (a worker loads the table)."""
    files = [i.path for i in inputs if i.path is not None]
    if jobs is None:
        jobs = os.cpu_count() or 1
    return max(1, min(jobs, len(files))) if len(files) == len(inputs) else 1


def _piece_jobs(jobs: int | None, inputs) -> int:
    """Worker processes for the pieces of a single input (file or stdin), or of several
    files scanned one after another (:func:`_files_in_pieces`): only when --jobs asks,
    since each worker holds its own copy of the table and caches."""
    several = len(inputs) > 1 and all(i.path is not None for i in inputs)
    return jobs if jobs is not None and (len(inputs) == 1 or several) else 1


def _files_in_pieces(workers: int, inputs) -> tuple[int, int | None]:
    """(file workers, piece workers): several files big enough (batch.pieces_across_files)
    are scanned one after another, each by all the processes from both ends, rather than a
    file per process (batch.run), so that the work is shared evenly and the workers hand
    their output over in memory."""
    from .batch import pieces_across_files

    if workers > 1 and pieces_across_files([i.path for i in inputs]):
        return 1, workers
    return workers, None


def _piece_scan(jobs: int | None, inputs, places, no_bundled, gz=None):
    """A batch.ChunkPool for one big input, or a context that gives None (scan inline);
    its workers share ``gz``, this process's Gazetteer, where they can."""

    from .batch import ChunkPool

    workers = _piece_jobs(jobs, inputs)
    return ChunkPool(workers, _places_list(places), no_bundled, gz) if workers > 1 else nullcontext()


@contextmanager
def _batch(inputs, quiet: bool, kind: str, jobs: int | None, workers: int, places, no_bundled: bool, gz=None):
    """What a run of extract or normalise holds open: the piece scanner of a single big
    input (started first: forked before the progress bar's thread), or the file workers of
    several files (batch.FileWorkers: forked once the bar's counter exists, before its
    thread), the progress bar, and a folder for the file workers' output (None: one
    process, no file workers). Yields (inputs, spool folder, piece scanner or file workers)."""
    if workers == 1:
        with (
            _piece_scan(jobs, inputs, places, no_bundled, gz) as scan,
            _progress(inputs, quiet, kind),
            _spool_folder(workers) as spool,
        ):
            yield inputs, spool, scan
        return
    from .batch import file_workers

    with (
        _spool_folder(workers) as spool,  # (removed after the workers have ended)
        _progress(inputs, quiet, kind, _LazyContext(lambda: file_workers(workers, gz))) as pool,
    ):
        yield inputs, spool, pool


class _LazyContext:
    """The context ``make()`` gives (or none, for None), made when entered."""

    def __init__(self, make) -> None:
        self.make = make
        self.got = None

    def __enter__(self):
        self.got = self.make()
        return self.got.__enter__() if self.got is not None else None

    def __exit__(self, *exc):
        return self.got.__exit__(*exc) if self.got is not None else None


def _spool_folder(workers: int):
    """A temporary folder for the output of ``workers`` file workers, or none for one."""
    if workers == 1:
        return nullcontext(None)
    import tempfile  # (only file workers need it: not imported at every start)

    return tempfile.TemporaryDirectory(prefix="gazetteer-")


# Input bytes from which extract has malloc keep freed blocks (batch.reuse_freed_memory):
# below, the pieces are small enough for glibc's default (blocks under 128 KB come from
# the heap, and its threshold rises with the first big block freed), and the setting's
# ctypes costs more than it saves (5 ms of a 0.1 s start)
BIG_INPUT = 1 << 20


def _big(inputs) -> bool:
    """Are the inputs (stdin: of unknown size) at least BIG_INPUT bytes together?"""
    total = 0
    for i in inputs:
        if i.path is None:
            return True
        try:
            total += os.stat(i.path).st_size
        except OSError:
            continue
        if total >= BIG_INPUT:
            return True
    return False


def _places_list(places: tuple[str, ...]) -> list[str]:
    env = os.environ.get("GAZETTEER_PLACES")
    return ([p for p in env.split(os.pathsep) if p] if env else []) + list(places)


def _report_failure(res, walked: set[str]) -> int:
    """A binary file met while walking a folder is skipped with a warning; any other
    failure is an error that makes the exit status 1."""
    if res.binary and res.name in walked:
        _echo_err(f"gazetteer: warning: {res.name}: skipped, {res.error}")
        return 0
    _echo_err(f"gazetteer: {res.name}: {res.error}")
    return 1


def _copy_spool(res, consume) -> None:
    from .batch import write_result  # (a worker's output may be in shared memory)

    write_result(res, consume)


def extract(
    files,
    fmt,
    naming,
    output,
    context,
    kind,
    country,
    min_score,
    geojson_per,
    explain,
    globs,
    encoding,
    jobs,
    quiet,
    places,
    no_bundled,
):
    """The work of ``gazetteer extract``, its arguments as the click command's (cli.extract,
    whose docstring is the command's help, parses them; launch.parse_extract parses a plain
    command line without click)."""
    import json

    from .batch import copy_out, ends_after_the_run, extract_file, reuse_freed_memory, run
    from .formats import make_writer
    from .launch import resume_collector
    from .review import EXTRA_FIELDS

    inputs, problems = _inputs(files, globs)
    _refuse_output_over_input(inputs, output)
    walked = {i.name for i in inputs if i.root is not None}
    workers = _jobs(jobs, inputs)
    workers, jobs = _files_in_pieces(workers, inputs) if workers > 1 else (workers, jobs)
    if _big(inputs):
        reuse_freed_memory()  # (before the index: forked workers keep the setting)
    ends_after_the_run()  # (what a pool of workers froze stays frozen: the exit skips it)
    gz = _load(places, no_bundled)  # also the workers' (batch._executor forks them from here)
    if inputs:  # (each input's first piece makes the engine: made here, in the pause)
        gz.scanner  # noqa: B018
    resume_collector()  # (launch.main paused it for the start-up: what it made is frozen)
    fmt = fmt or _format_of(output) or _default_format(None)
    per_place = fmt == "geojson" and geojson_per == "place"
    fields = EXTRACT_FIELDS + list(EXTRA_FIELDS)
    by_place: dict[str, dict] = {}
    country = country.upper() if country else None
    filtered = kind is not None or country is not None or min_score is not None

    failed = _say_problems(problems)
    stdin = _binary_stdin()
    if explain:
        if fmt == "geojson":
            raise Usage("--explain lists text spans, not places: use --format jsonl, json, csv, tsv or table")
        with _text_output(output) as stream:
            writer = make_writer(fmt, stream, EXPLAIN_FIELDS)
            failed += _explain_inputs(gz, inputs, writer, encoding, naming, stdin, walked)
            writer.close()
        sys.exit(1 if failed else 0)
    with _text_output(output) as stream:
        writer = make_writer(fmt, stream, fields if not per_place else ["id"])

        def emit(rec: dict) -> None:
            if filtered and (
                (kind is not None and rec["kind"] != kind)
                or (country is not None and rec["country"] != country)
                or (min_score is not None and not rec["score"] >= min_score)
            ):
                return
            if not per_place:
                writer.write(rec)
                return
            agg = by_place.setdefault(
                rec["id"],
                {
                    "id": rec["id"],
                    "name": rec["name"],
                    "kind": rec["kind"],
                    "country": rec["country"],
                    "lat": rec["lat"],
                    "lon": rec["lon"],
                    "mentions": 0,
                    "surface_forms": [],
                    "paths": [],
                    "district": rec.get("district"),
                    "wof_id": rec.get("wof_id"),
                    "geonames_id": rec.get("geonames_id"),
                    "mentions_to_review": 0,
                },
            )
            agg["mentions"] += 1
            agg["mentions_to_review"] += bool(rec.get("needs_review"))
            if rec["text"] not in agg["surface_forms"]:
                agg["surface_forms"].append(rec["text"])
            if rec["path"] not in agg["paths"]:
                agg["paths"].append(rec["path"])

        def spooled(fh) -> None:
            """Take the JSON Lines a worker wrote (UTF-8, in the order of the input)."""
            if fmt in _ROWS_OF_WORKERS and not filtered:  # the workers wrote the very lines this writer would
                writer.stream.flush()  # (a UTF-8 text stream over a binary one: _text_output)
                copy_out(fh, writer.stream.buffer)
            elif fmt == "json" and not filtered:  # JSON Lines, each line an item of the array
                # (by lines, gathered: a spool file and a worker's shared memory read alike)
                batch: list[bytes] = []
                size = 0
                for line in fh:
                    batch.append(line if line.endswith(b"\n") else line + b"\n")
                    size += len(line)
                    if size >= 1 << 20:
                        json_items(b"".join(batch))
                        batch, size = [], 0
                json_items(b"".join(batch))
            else:
                for line in fh:
                    emit(json.loads(line))

        # what the workers write: the lines this writer would (JSON Lines, CSV, TSV), else
        # JSON Lines for this process to read back
        workers_fmt = fmt if fmt in _ROWS_OF_WORKERS and not filtered else "jsonl"
        json_items = _json_items_to(writer) if fmt == "json" and not filtered else None
        rows_written = fmt in _ROWS_OF_WORKERS and not filtered
        with (
            _batch(inputs, quiet, "extract", jobs, workers, places, no_bundled, gz) as (items, spool, scan),
            _written_behind(
                writer, output, workers == 1 and scan is None and (rows_written or json_items is not None)
            ) as behind,
        ):
            if behind is not None:  # (the lines of a piece written while the next is scanned)
                json_items = _json_items_to(writer, behind) if json_items is not None else None
            if workers == 1:
                if scan is not None:  # (several files one after another: each next one sent ahead)
                    scan.expect((i.name, i.path) for i in items)
                results = (
                    extract_file(
                        gz,
                        i.name,
                        i.path,
                        emit,
                        encoding=encoding,
                        naming=naming,
                        stdin=stdin,
                        scan=scan,
                        spooled=spooled,
                        context=context,
                        # JSON Lines, CSV, TSV unfiltered: the engine writes a piece's lines at once
                        lines=(behind or _bytes_to(writer)) if rows_written else json_items,
                        fmt=workers_fmt,
                        fields=fields,
                        # (the engine hands its lines to the writing thread itself: no copy)
                        sink=behind if rows_written else None,
                    )
                    for i in items
                )
            else:
                jobs_ = ((i.name, i.path, encoding, naming, spool, context, workers_fmt) for i in items)
                results = run("extract", jobs_, workers, _places_list(places), no_bundled, gz, scan)
            for res in results:
                _copy_spool(res, spooled)
                _say_notes(res)
                if res.error:
                    failed += _report_failure(res, walked)
        for agg in by_place.values():
            writer.write(agg)
        writer.close()
    sys.exit(1 if failed else 0)


# extract --explain's records: a candidate span, what became of it and why, and the place of
# a span found
EXPLAIN_FIELDS = ["path", "start", "end", "text", "verdict", "reason", "id", "name", "kind", "country", "lat", "lon"]


def _explain_inputs(gz, inputs, writer, encoding, naming: str, stdin, walked: set[str]) -> int:
    """Write Gazetteer.explain's records of each input, piece by piece (code-point offsets
    in the whole input); return how many inputs failed."""
    from .batch import FILE_ERRORS, FileResult
    from .documents import open_text
    from .textio import iter_pieces

    failed = 0
    for i in inputs:
        try:
            with open(i.path, "rb") if i.path is not None else nullcontext(stdin) as raw:
                opened = open_text(raw, encoding)
                base = 0
                for piece in iter_pieces(opened.stream, opened.encoding):
                    for rec in gz.explain(piece, naming=naming):
                        rec = {**rec, "path": i.name, "start": rec["start"] + base, "end": rec["end"] + base}
                        writer.write({f: rec.get(f) for f in EXPLAIN_FIELDS})
                    base += len(piece)
        except BrokenPipeError:
            raise
        except FILE_ERRORS as exc:
            from .documents import BinaryFile

            failed += _report_failure(FileResult(i.name, error=str(exc), binary=isinstance(exc, BinaryFile)), walked)
    return failed


_FORMAT_OF_EXTENSION = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
    ".geojson": "geojson",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


def _format_of(output: str | None) -> str | None:
    """The format an -o FILE's extension names (None: none does)."""
    return _FORMAT_OF_EXTENSION.get(os.path.splitext(output)[1].lower()) if output else None


def _refuse_output_over_input(inputs, output: str | None) -> None:
    """A usage error, before anything is written, for an -o FILE that is one of the inputs."""
    if output is None:
        return
    real = os.path.realpath(output)
    for i in inputs:
        if i.path is not None and (os.path.realpath(i.path) == real or _same_file(i.path, output)):
            raise Usage(f"-o {output} is the input {i.name}; it would be overwritten")


def _same_file(a, b) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


# the formats whose lines extract's workers (and the engine) write as the writer would
_ROWS_OF_WORKERS = ("jsonl", "csv", "tsv")


def _bytes_to(writer) -> Callable[[bytes], None]:
    """Finished lines (JSON Lines, CSV or TSV rows) as UTF-8 bytes (or a view of them),
    written to the binary stream under the writer's text stream (as the text stream would
    encode them: ``surrogateescape``), or decoded for a text stream alone (a test's, an
    IDE's)."""
    stream = writer.stream
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        return lambda data: stream.write(str(data, "utf-8", "surrogateescape"))

    def write(data: bytes) -> None:
        stream.flush()
        buffer.write(data)

    return write


def _json_items_to(writer, write: Callable[[bytes], None] | None = None) -> Callable[[bytes], None]:
    """extract's JSON Lines (UTF-8 bytes, whole lines) written as items of the writer's
    JSON array, as formats.JsonArrayWriter writes records (``json_line`` of a record is
    its JSON and a newline; a newline inside a JSON string is escaped, so each raw one
    ends an item), by ``write`` (default: :func:`_bytes_to` the writer)."""
    write = write or _bytes_to(writer)

    def items(data: bytes) -> None:
        n = data.count(b"\n")
        if not n:
            return
        head = b"[\n  " if writer.n == 0 else b",\n  "
        writer.n += n
        if not data.endswith(b"\n"):
            write(head + data[:-1].replace(b"\n", b",\n  "))
            return
        # (one copy of the lines, not three: the last line's separator left out by a view)
        write(head)
        write(memoryview(data.replace(b"\n", b",\n  "))[:-4])

    return items


@contextmanager
def _written_behind(writer, output: str | None, wanted: bool):
    """A thread that writes the bytes given it to the writer's output while this one
    scans on (writeback.BackgroundWrites; ``output``: an -o FILE, synced at its end, whose
    pages go to the disk as they come), or None: not ``wanted``, or no output it can
    write to (see writeback.background_writes). Everything given it is written (or its
    error raised) when the block ends; on an error in the block what waits is dropped."""
    buffer = getattr(writer.stream, "buffer", None)
    behind = None
    if wanted and buffer is not None:
        from .writeback import background_writes

        writer.stream.flush()  # (what the writer wrote before: a CSV header)
        behind = background_writes(buffer, sync=output is not None)
    if behind is None:
        yield None
        return
    try:
        yield behind
    except BaseException:
        behind.abandon()
        raise
    behind.close()


@contextmanager
def _text_output(output: str | None):
    """UTF-8 text to stdout, or to -o FILE through an atomic writer: the file is
    replaced only when the run gets to its end (an interrupted run leaves the old one)."""
    if output is None:
        yield _stdout()
        return
    import io
    from pathlib import Path

    from .textio import atomic_writer

    with atomic_writer(Path(output)) as fh:
        stream = io.TextIOWrapper(fh, encoding="utf-8", errors="surrogateescape", newline="\n")
        try:
            yield stream
            stream.flush()
        finally:
            stream.detach()
