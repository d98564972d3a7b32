"""The ``gazetteer`` command: a thin layer over :class:`gazetteer.Gazetteer`.

Records go to stdout, messages to stderr. Exit status: 0 all matched (or all
files processed), 1 some name unmatched (or some file failed), 2 bad usage or
bad data, with a one-line message and never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import contextmanager, nullcontext
from functools import wraps

import click

from .errors import GazetteerError, NotFoundError
from .records import LOOKUP_FIELDS

FIELDS = list(LOOKUP_FIELDS)
NAMING = click.Choice(["en", "az", "ru", "hy"])
FORMAT = click.Choice(["table", "json", "jsonl", "csv", "tsv", "geojson"])


def _fail(message: str, status: int = 2):
    click.echo(f"gazetteer: {message}", err=True)
    sys.exit(status)


def _guard(func):
    """Map our errors to exit 2, a closed pipe to a quiet exit, Ctrl-C to 130."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        _terminate_as_interrupt()
        try:
            return func(*args, **kwargs)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click prints usage errors itself, with exit status 2
        except NotFoundError as exc:
            _fail(str(exc), 1)
        except GazetteerError as exc:
            _fail(str(exc))
        except BrokenPipeError:
            _quiet_pipe()
        except KeyboardInterrupt:
            click.echo("gazetteer: interrupted", err=True)
            sys.exit(130)
        except _Terminated:
            click.echo("gazetteer: terminated", err=True)
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
        raise click.UsageError("--no-bundled needs --places FILE (or $GAZETTEER_PLACES)")
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
        return click.get_text_stream("stdout")


def _default_format(fmt: str | None) -> str:
    if fmt:
        return fmt
    return "table" if sys.stdout.isatty() else "jsonl"


def places_option(func):
    """--places FILE (repeatable) and --no-bundled: the tables a command works on."""
    func = click.option(
        "--no-bundled", is_flag=True, help="Use only the --places tables (a table for another region)."
    )(func)
    return click.option(
        "--places",
        "places",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Extra place table (CSV in the bundled format); repeatable. Also $GAZETTEER_PLACES.",
    )(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gazetteer")
def main() -> None:
    """Find and resolve place names of the Karabakh region, in any spelling."""


def _names_from(names: tuple[str, ...]):
    if names and names != ("-",):
        yield from names
        return
    if sys.stdin.isatty() and not names:
        _fail("give NAME arguments, or names on stdin (one per line)")
    stdin = click.get_text_stream("stdin", encoding="utf-8", errors="replace")
    for line in stdin:
        yield line.rstrip("\r\n")


@main.command()
@click.argument("names", nargs=-1)
@click.option("--format", "fmt", type=FORMAT, help="Output format (default: table on a terminal, else jsonl).")
@click.option("--top", type=click.IntRange(1, 100), default=1, show_default=True, help="Show the N best candidates.")
@click.option("--country", help="Only places of this country (ISO code, e.g. AZ).")
@click.option("--kind", help="Only places of this kind (city, town, village, district, river...).")
@click.option("--naming", type=NAMING, default="en", show_default=True, help="Language of the names printed.")
@click.option("--online", is_flag=True, help="Ask an online geocoder (Nominatim) for names the table cannot resolve.")
@click.option("--geocoder", type=click.Choice(["nominatim"]), help="Online geocoder to ask (implies --online).")
@click.option(
    "--user-agent",
    envvar="GAZETTEER_USER_AGENT",
    help="Your application's user agent for the online geocoder (required with --online).",
)
@click.option("--geocoder-url", help="Geocoder host, e.g. nominatim.example.org or http://127.0.0.1:8080.")
@click.option("--line-buffered", is_flag=True, help="Flush after each record (for a program waiting on each answer).")
@click.option(
    "--column",
    metavar="NAME|N",
    help="Table mode: resolve this column (name, or 1-based number) of the CSV/TSV/XLSX FILEs; append the places.",
)
@click.option("--delimiter", metavar="CHAR", help="With --column: the delimiter (or tab; default: by extension).")
@click.option("--no-header", is_flag=True, help="With --column: the table has no header row.")
@click.option("--prefix", help="With --column: prefix of the added columns (default: the column's name).")
@click.option(
    "--sheet", help="With --column: the sheet of an .xlsx workbook (name or number; default: the active one)."
)
@click.option(
    "--encoding",
    "table_encoding",
    callback=lambda ctx, param, value: _check_encoding(ctx, param, value),
    help="With --column: encoding of a CSV/TSV (default: UTF-8, or UTF-16/32 by BOM; auto: detect).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="With --column: write the table here (atomic replace)."
)
@places_option
@_guard
def lookup(
    names,
    fmt,
    top,
    country,
    kind,
    naming,
    online,
    geocoder,
    user_agent,
    geocoder_url,
    line_buffered,
    column,
    delimiter,
    no_header,
    prefix,
    sheet,
    table_encoding,
    output,
    places,
    no_bundled,
):
    """Resolve each NAME (or each line of stdin) to one place.

    One record per name, in order; a name with no match gets a record with
    null fields, and the exit status is 1. Without --online no network
    connection is ever opened; with it, unresolved names go to the geocoder
    (rate-limited, cached on disk) and come back with method "online".

    With --column, the arguments are tables (CSV, TSV, .xlsx; - for stdin): each is
    written as it was, with NAME_id, NAME_name, NAME_kind, NAME_district, NAME_lat,
    NAME_lon, NAME_score, NAME_method and NAME_needs_context appended to its rows; a
    summary goes to stderr and the exit status is 1 when some row did not resolve.
    """
    from .formats import make_writer

    if column is None:
        table_only = {"--delimiter": delimiter, "--prefix": prefix, "--sheet": sheet, "-o": output}
        table_only.update({"--no-header": no_header or None, "--encoding": table_encoding})
        given = [k for k, v in table_only.items() if v is not None]
        if given:
            raise click.UsageError(f"{', '.join(given)} only with --column")
    elif fmt or top > 1 or line_buffered:
        raise click.UsageError("--column writes the table as it came: no --format, --top or --line-buffered")
    gz = _load(places, no_bundled)
    remote = _online(geocoder or ("nominatim" if online else None), user_agent, geocoder_url)
    if column is not None:
        from .columns import TableOptions

        opts = TableOptions(column, delimiter, not no_header, prefix, sheet, table_encoding)
        _lookup_tables(gz, remote, names, output, opts, country=country, kind=kind, naming=naming)
    from .batch_lookup import LookupOptions, lookup_all

    fmt = _default_format(fmt)
    fields = FIELDS + (["rank"] if top > 1 else [])
    writer = make_writer(fmt, _stdout(line_buffered), fields)
    opts = LookupOptions(fields, top, country, kind, naming)
    ask = None if remote is None else (lambda name: _ask_online(remote, name))
    unmatched = lookup_all(gz, _names_from(names), writer, opts, ask)
    writer.close()
    sys.exit(1 if unmatched else 0)


def _lookup_tables(gz, remote, files: tuple[str, ...], output: str | None, opts, **filters) -> None:
    """lookup --column: each table in turn to stdout, or the one table to -o FILE."""
    from .columns import Resolver, check_output, resolve_table

    if not files and sys.stdin.isatty():
        _fail("give FILE arguments, or a table on stdin (-)")
    files = files or ("-",)
    check_output(files, output)

    def candidates(name: str) -> list:
        found = gz.candidates(name, 2, **filters)
        if not found and remote is not None and name.strip():
            found = _ask_online(remote, name)
        return found

    resolve = Resolver(candidates)
    stdout = click.get_binary_stream("stdout")
    stdin = click.get_binary_stream("stdin")
    unresolved = 0
    for name in files:
        summary = resolve_table(name, output, stdout, stdin, resolve, opts)
        click.echo(f"gazetteer: {summary.line()}", err=True)
        unresolved += summary.unresolved
    stdout.flush()
    sys.exit(1 if unresolved else 0)


def _online(provider: str | None, user_agent: str | None, url: str | None):
    if provider is None:
        return None
    from .online import OnlineGeocoder

    domain, scheme = None, "https"
    if url:
        scheme, _, rest = url.partition("://") if "://" in url else ("https", "", url)
        domain = rest.rstrip("/")
    return OnlineGeocoder(provider, user_agent=user_agent or "", domain=domain, scheme=scheme)


def _ask_online(remote, name: str) -> list:
    from .online import OnlineError, match_from_online

    try:
        result = remote.geocode(name)
    except OnlineError as exc:
        click.echo(f"gazetteer: {name}: online geocoder: {exc}", err=True)
        return []
    return [match_from_online(name, result)] if result else []


@main.command()
@click.argument("ids", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), help="Output format.")
@places_option
@_guard
def show(ids, fmt, places, no_bundled):
    """Show places by id, old id or name, with every variant and its source.

    An argument that is no id (nor an old id, see aliases.csv) is resolved as
    lookup resolves it, and the best place is shown; stderr says which name
    matched. An argument nothing matches gets one line on stderr and exit 1.
    """
    import json

    from .formats import visible

    gz = _load(places, no_bundled)
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    missing = 0
    out = click.get_text_stream("stdout")
    for pid in ids:
        row, note = _show_row(gz, pid)
        if note:
            click.echo(visible(f"gazetteer: {note}"), err=True)
        if row is None:
            missing += 1
            continue
        if fmt == "json":
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            continue
        # a user's table may hold control characters: shown, never sent to the terminal
        out.write(visible(f"{row['id']}: {row['name']} ({row['kind']}, {row['country']})") + "\n")
        for k in ("parent", "lat", "lon", "population", "source", "name_az", "name_ru", "name_hy"):
            if row[k] not in ("", None, 0):
                out.write(visible(f"  {k:<11} {row[k]}") + "\n")
        out.write(f"  variants ({len(row['variants'])}):\n")
        for v in row["variants"]:
            flag = " [needs context]" if v["needs_context"] else ""
            out.write(visible(f"    {v['variant']}  ({v['lang']}, {v['type']}){flag}  {v['source']}") + "\n")
    sys.exit(1 if missing else 0)


def _show_row(gz, arg: str) -> tuple[dict | None, str | None]:
    """The record ``show`` prints for an argument (an id, an old id, else a name) and what
    to say about it on stderr."""
    row = gz.place(arg)
    if row is not None:
        if "alias" in row:
            return row, f"{arg!r} is an old id of {row['id']}: {row['alias_reason'] or 'renamed'}"
        return row, None
    m = gz.lookup(arg)
    row = gz.place(m.id) if m is not None else None
    if row is None:
        return None, f"no place with id or name {arg!r}"
    return row, f"{arg!r} is no id: showing {row['id']} ({row['name']}), matched by {m.matched_variant!r} ({m.method})"


@main.command()
@click.argument("table", required=False, type=click.Path(dir_okay=False))
@click.option("--variants", type=click.Path(dir_okay=False), help="Variants file (default: beside TABLE).")
@click.option("--collisions", is_flag=True, help="Also list names shared by several important places.")
@_guard
def validate(table, variants, collisions):
    """Check a place table (default: the bundled one). Exit 2 when it has errors."""
    from pathlib import Path

    from .table import bundled_paths
    from .table import validate as check

    if table is None:
        ppath, vpath = bundled_paths()
    else:
        ppath = Path(table)
        vpath = Path(variants) if variants else None
        if vpath is None:
            from .api import _variants_beside

            vpath = _variants_beside(ppath)
    problems = check(ppath, vpath)
    for p in problems:
        click.echo(str(p), err=p.level == "error")
    errors = sum(p.level == "error" for p in problems)
    if collisions:
        from .collisions import important_collisions

        for line in important_collisions(ppath, vpath):
            click.echo(line)
    click.echo(f"{ppath}: {errors} error(s), {len(problems) - errors} warning(s)", err=True)
    sys.exit(2 if errors else 0)


if __name__ == "__main__":  # pragma: no cover
    main()


# ---------------------------------------------------------------- geography
GEO_FIELDS = ["query", "id", "name", "kind", "country", "district", "lat", "lon", "km"]


def _coordinate_pairs(args: tuple[str, ...]):
    """(label, lat, lon) from LAT LON arguments or from stdin lines "lat lon" / "lat,lon"."""
    from .api import _parse_coordinate

    if args and args != ("-",):
        if len(args) != 2:
            raise click.UsageError("give LAT LON, or pairs on stdin")
        try:
            lat, lon = float(args[0]), float(args[1])
        except ValueError:
            raise click.UsageError(f"not a coordinate: {' '.join(args)}") from None
        yield f"{args[0]},{args[1]}", lat, lon, None
        return
    if sys.stdin.isatty():
        _fail("give LAT LON, or coordinate pairs on stdin (one per line)")
    stdin = click.get_text_stream("stdin", encoding="utf-8", errors="replace")
    for n, line in enumerate(stdin, 1):
        text = line.strip()
        if not text:
            continue
        try:
            pair = _parse_coordinate(text)
        except GazetteerError as exc:
            yield text, None, None, f"line {n}: {exc}"
            continue
        if pair is None:
            yield text, None, None, f"line {n}: not a coordinate pair: {text[:60]!r}"
            continue
        yield text, pair[0], pair[1], None


@main.command()
@click.argument("coordinates", nargs=-1)
@click.option("-k", "k", type=click.IntRange(1, 1000), default=5, show_default=True, help="How many places.")
@click.option("--kind", help="Only places of this kind.")
@click.option("--max-km", type=click.FloatRange(min=0, min_open=True), help="Only places this close.")
@click.option("--format", "fmt", type=FORMAT, help="Output format (default: table on a terminal, else jsonl).")
@click.option("--naming", type=NAMING, default="en", show_default=True)
@places_option
@_guard
def reverse(coordinates, k, kind, max_km, fmt, naming, places, no_bundled):
    """The places nearest to LAT LON (or to each "lat lon" line of stdin), with distances."""
    from .formats import make_writer

    gz = _load(places, no_bundled)
    writer = make_writer(_default_format(fmt), _stdout(), GEO_FIELDS)
    bad = 0
    for label, lat, lon, problem in _coordinate_pairs(coordinates):
        if problem is None:
            try:
                found = gz.reverse(lat, lon, k, kind=kind, max_km=max_km, naming=naming)
            except GazetteerError as exc:
                if coordinates and coordinates != ("-",):
                    raise
                problem = str(exc)
        if problem is not None:
            click.echo(f"gazetteer: {problem}", err=True)
            bad += 1
            continue
        if not found:
            bad += 1
            writer.write(dict(dict.fromkeys(GEO_FIELDS), query=label))
        for rec in found:
            writer.write({"query": label, **rec})
    writer.close()
    sys.exit(1 if bad else 0)


@main.command()
@click.argument("where", nargs=-1, required=True)
@click.option("--km", "radius", type=click.FloatRange(min=0, min_open=True), default=20, show_default=True)
@click.option("--kind", help="Only places of this kind.")
@click.option("--format", "fmt", type=FORMAT, help="Output format (default: table on a terminal, else jsonl).")
@click.option("--naming", type=NAMING, default="en", show_default=True)
@places_option
@_guard
def near(where, radius, kind, fmt, naming, places, no_bundled):
    """Places within --km of a place (name or id) or of "LAT,LON", nearest first."""
    from .formats import make_writer

    gz = _load(places, no_bundled)
    label = " ".join(where)
    found = gz.near(label, radius, kind=kind, naming=naming)
    writer = make_writer(_default_format(fmt), _stdout(), GEO_FIELDS)
    for rec in found:
        writer.write({"query": label, **rec})
    writer.close()
    sys.exit(0 if found else 1)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@places_option
@_guard
def distance(a, b, fmt, places, no_bundled):
    """Geodesic distance (WGS84) between two places or "LAT,LON" points, in km."""
    import json

    gz = _load(places, no_bundled)
    lat1, lon1, pa = gz.resolve_point(a)
    lat2, lon2, pb = gz.resolve_point(b)
    d = gz.distance((lat1, lon1), (lat2, lon2))
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "a": a,
                    "b": b,
                    "a_id": pa and pa["id"],
                    "b_id": pb and pb["id"],
                    "a_lat": lat1,
                    "a_lon": lon1,
                    "b_lat": lat2,
                    "b_lon": lon2,
                    "km": round(d, 3),
                },
                ensure_ascii=False,
            )
        )
    else:
        na = pa["name"] if pa else f"{lat1},{lon1}"
        nb = pb["name"] if pb else f"{lat2},{lon2}"
        click.echo(f"{d:.1f} km  {na} -> {nb}")


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
            click.echo(f"gazetteer: {item.name}: {item.error}", err=True)
        else:
            click.echo(f"gazetteer: warning: {item.name}: {item.note}", err=True)
    return sum(1 for item in problems if item.error)


def _say_notes(res) -> None:
    for note in res.notes:
        click.echo(f"gazetteer: warning: {res.name}: {note}", err=True)


@contextmanager
def _progress(inputs, quiet: bool, label: str):
    """A bar of the bytes read by this process and its workers (progress.ByteProgress)."""
    from . import batch
    from .progress import ByteProgress

    bar = ByteProgress([i.path for i in inputs], label, quiet=quiet)
    batch.count_bytes_into(bar.count)
    try:
        with bar:
            yield
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
    input (started first: forked before the progress bar's thread), the progress bar, and
    a folder for the file workers' output (None: one process, no file workers)."""
    with (
        _piece_scan(jobs if workers == 1 else 1, inputs, places, no_bundled, gz) as scan,
        _progress(inputs, quiet, kind),
        _spool_folder(workers) as spool,
    ):
        yield inputs, spool, scan


def _spool_folder(workers: int):
    """A temporary folder for the output of ``workers`` file workers, or none for one."""
    if workers == 1:
        return nullcontext(None)
    import tempfile  # (only file workers need it: not imported at every start)

    return tempfile.TemporaryDirectory(prefix="gazetteer-")


def _places_list(places: tuple[str, ...]) -> list[str]:
    env = os.environ.get("GAZETTEER_PLACES")
    return ([p for p in env.split(os.pathsep) if p] if env else []) + list(places)


def _report_failure(res, walked: set[str]) -> int:
    """A binary file met while walking a folder is skipped with a warning; any other
    failure is an error that makes the exit status 1."""
    if res.binary and res.name in walked:
        click.echo(f"gazetteer: warning: {res.name}: skipped, {res.error}", err=True)
        return 0
    click.echo(f"gazetteer: {res.name}: {res.error}", err=True)
    return 1


def _copy_spool(res, consume) -> None:
    from .batch import write_result  # (a worker's output may be in shared memory)

    write_result(res, consume)


glob_option = click.option(
    "--glob", "globs", multiple=True, help="File pattern when walking folders (repeatable; default: common text files)."
)


def _check_encoding(ctx, param, value):
    import codecs

    if value is None or value == "auto":
        return value
    try:
        codecs.lookup(value)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r}") from None
    return value


encoding_option = click.option(
    "--encoding",
    callback=_check_encoding,
    help="Input encoding (default: UTF-8, or UTF-16/32 by BOM; auto: detect, e.g. cp1251).",
)
quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 256),
    help="Worker processes: files in parallel (default: the number of cores); for one file or stdin, its pieces (default: 1).",
)


@main.command()
@click.argument("files", nargs=-1)
@click.option(
    "--format", "fmt", type=FORMAT, help="Output format (default: by -o's extension; table on a terminal, else jsonl)."
)
@click.option("--naming", type=NAMING, default="en", show_default=True, help="Language of the names printed.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the records to FILE (atomic replace), not stdout."
)
@click.option(
    "--context",
    type=click.IntRange(0, 100_000),
    default=40,
    show_default=True,
    help="Characters of text each side of a mention in its context field.",
)
@click.option("--kind", help="Only mentions of places of this kind (city, town, village, district, river...).")
@click.option("--country", help="Only mentions of places of this country (ISO code, e.g. AZ).")
@click.option("--min-score", type=click.FloatRange(0, 100), help="Only mentions with at least this score.")
@click.option(
    "--geojson-per",
    type=click.Choice(["place", "mention"]),
    default="place",
    show_default=True,
    help="GeoJSON: one feature per place (with its mention count) or one per mention.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="List every candidate span with what became of it (verdict: found, rejected or "
    "waited) and why (reason): why a name was or was not taken for a place.",
)
@glob_option
@encoding_option
@jobs_option
@quiet_option
@places_option
@_guard
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
    """Find every place mention in FILES (files, folders, or - for stdin).

    One record per mention with code-point offsets (start, end) and byte
    offsets, then district, wof_id, geonames_id, the context around it and
    needs_review (true where a cue, a list, the text's other places or a close
    runner-up decided, or the name needs context); --format geojson gives one
    feature per place with its mention count and surface forms (or one per
    mention with --geojson-per mention).
    """
    import json

    from .batch import copy_out, extract_file, reuse_freed_memory, run
    from .formats import make_writer
    from .review import EXTRA_FIELDS

    inputs, problems = _inputs(files, globs)
    _refuse_output_over_input(inputs, output)
    walked = {i.name for i in inputs if i.root is not None}
    workers = _jobs(jobs, inputs)
    workers, jobs = _files_in_pieces(workers, inputs) if workers > 1 else (workers, jobs)
    reuse_freed_memory()  # (before the index: forked workers keep the setting)
    gz = _load(places, no_bundled)  # also the workers' (batch._executor forks them from here)
    fmt = fmt or _format_of(output) or _default_format(None)
    per_place = fmt == "geojson" and geojson_per == "place"
    fields = EXTRACT_FIELDS + list(EXTRA_FIELDS)
    by_place: dict[str, dict] = {}
    country = country.upper() if country else None
    filtered = kind is not None or country is not None or min_score is not None

    failed = _say_problems(problems)
    stdin = click.get_binary_stream("stdin")
    if explain:
        if fmt == "geojson":
            raise click.UsageError(
                "--explain lists text spans, not places: use --format jsonl, json, csv, tsv or table"
            )
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
                results = run("extract", jobs_, workers, _places_list(places), no_bundled, gz)
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
            raise click.UsageError(f"-o {output} is the input {i.name}; it would be overwritten")


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


@main.command()
@click.argument("files", nargs=-1)
@click.option("--naming", type=NAMING, default="en", show_default=True, help="Naming of the replacement names.")
@click.option("--annotate", "mode", flag_value="annotate", help="Keep each name and add [canonical, lat, lon].")
@click.option("--markup", "mode", flag_value="markup", help="Wrap each name in <place id=.. lat=.. lon=..> tags.")
@click.option(
    "-o", "--output", "outdir", type=click.Path(file_okay=False), help="Write into DIR (mirrors the input tree)."
)
@click.option("--in-place", is_flag=True, help="Rewrite the files themselves (atomic replace).")
@click.option("--backup", metavar="SUFFIX", help="With --in-place, keep the original as FILE+SUFFIX.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of writing.")
@click.option("--report", type=click.Path(dir_okay=False), help="Write every change (JSON Lines) to this file.")
@click.option(
    "--decisions",
    type=click.Path(dir_okay=False),
    help="Apply the reviewed decisions of this CSV (from extract --format csv): only mentions with a row change.",
)
@glob_option
@encoding_option
@jobs_option
@quiet_option
@places_option
@_guard
def normalise(
    files,
    naming,
    mode,
    outdir,
    in_place,
    backup,
    show_diff,
    report,
    decisions,
    globs,
    encoding,
    jobs,
    quiet,
    places,
    no_bundled,
):
    """Rewrite place names in FILES to one canonical spelling; nothing else changes.

    Output goes to stdout, to -o DIR, or back into the files with --in-place.

    \b
    Review before rewriting:
      gazetteer extract --format csv FILES > decisions.csv
      (add a "decision" column: keep or empty = the tool's replacement,
       reject = leave the mention as it is, a place id = that place's name)
      gazetteer normalise --decisions decisions.csv FILES

    With --decisions, only the mentions that have a row are rewritten, each as
    decided; mentions without a row are left unchanged. A row is matched by
    path and start/end offsets and its text must be the file's text there: a
    stale row (the file changed since) is reported and skipped, and the exit
    status is 1, as for an unknown place id.
    """
    import json
    from pathlib import Path

    from .batch import NormaliseOptions, copy_out, normalise_file, reuse_freed_memory, run

    if sum(bool(x) for x in (outdir, in_place, show_diff)) > 1:
        raise click.UsageError("choose one of -o, --in-place and --diff")
    if backup is not None and not in_place:
        raise click.UsageError("--backup needs --in-place")
    if backup is not None and (not backup or "/" in backup or os.sep in backup or backup in (".", "..")):
        raise click.UsageError(f"--backup takes a suffix such as .bak, not a path: {backup!r}")
    inputs, problems = _inputs(files, globs)
    walked = {i.name for i in inputs if i.root is not None}
    if (in_place or outdir) and any(i.path is None for i in inputs):
        raise click.UsageError("stdin can only be written to stdout (or shown with --diff)")
    out_root = Path(outdir).resolve() if outdir else None
    _refuse_overwriting_inputs(inputs, out_root, report, backup if in_place else None)
    target = "diff" if show_diff else "inplace" if in_place else "outdir" if outdir else "stdout"
    opts = NormaliseOptions(
        naming, mode or "replace", target, str(out_root) if out_root else None, backup, encoding, report=bool(report)
    )
    if decisions is not None and any(i.path is not None and _same_file(i.path, decisions) for i in inputs):
        raise click.UsageError(f"--decisions {decisions} is one of the inputs")
    if decisions is not None and jobs is not None and jobs > 1:
        raise click.UsageError("--decisions works in one process: leave out --jobs")
    workers = 1 if decisions is not None else _jobs(jobs, inputs)
    workers, jobs = _files_in_pieces(workers, inputs) if workers > 1 else (workers, jobs)
    reuse_freed_memory()  # (before the index: forked workers keep the setting)
    gz = _load(places, no_bundled)  # also the workers' (batch._executor forks them from here)
    reviewed = None
    if decisions is not None:
        from .decisions import Decisions

        reviewed = Decisions.load(decisions, gz, naming, mode or "replace")
        opts = opts._replace(decisions=reviewed)
    failed = _say_decision_problems(reviewed)
    stdout = click.get_binary_stream("stdout")
    stdin = click.get_binary_stream("stdin")
    report_fh = open(report, "w", encoding="utf-8") if report else None
    failed += _say_problems(problems)
    try:
        with _batch(inputs, quiet, "normalise", jobs, workers, places, no_bundled, gz) as (items, spool, scan):
            if workers == 1:
                results = (
                    normalise_file(gz, i.name, i.path, i.root, stdout, opts, stdin=stdin, scan=scan) for i in items
                )
            else:
                jobs_ = ((i.name, i.path, i.root, opts, spool) for i in items)
                results = run("normalise", jobs_, workers, _places_list(places), no_bundled, gz)
            for res in results:
                _copy_spool(res, lambda fh: copy_out(fh, stdout))
                stdout.flush()
                _say_notes(res)
                failed += _say_decision_problems(reviewed)
                if res.error:
                    failed += _report_failure(res, walked)
                    continue
                if report_fh is not None:
                    for c in res.changes:
                        report_fh.write(
                            json.dumps(
                                {
                                    "path": res.name,
                                    "start": c.start,
                                    "end": c.end,
                                    "old": c.old,
                                    "new": c.new,
                                    "id": c.id,
                                    # why the new name lost the old one's ending, if it did
                                    **({"note": c.note} if c.note else {}),
                                },
                                ensure_ascii=False,
                            )
                            + "\n"
                        )
    finally:
        if report_fh is not None:
            report_fh.close()
    for path in reviewed.unmatched_paths() if reviewed is not None else ():
        click.echo(f"gazetteer: warning: {decisions}: rows for {path}, which is not among the inputs", err=True)
    sys.exit(1 if failed else 0)


def _say_decision_problems(reviewed) -> int:
    """Say the stale rows and unknown place ids of --decisions; return how many (exit 1)."""
    if reviewed is None:
        return 0
    lines = reviewed.take_problems()
    for line in lines:
        click.echo(f"gazetteer: {line}", err=True)
    return len(lines)


def _refuse_overwriting_inputs(inputs, out_root, report: str | None, backup: str | None) -> None:
    """Usage errors, before anything is written, for a report or backup that is one of
    the inputs (as ``sort -o`` reads its input first for the same reason), and for
    outputs of -o that would overwrite an input or each other (batch.check_outputs)."""
    from .batch import check_outputs

    files = {os.path.realpath(i.path): i.name for i in inputs if i.path is not None}
    if report and os.path.realpath(report) in files:
        raise click.UsageError(f"--report {report} is one of the inputs; it would be emptied")
    if backup:
        for real in files:
            if real + backup in files:
                raise click.UsageError(f"--backup {backup} would write over the input {files[real + backup]}")
    if out_root is not None:
        check_outputs([(i.name, i.path, i.root) for i in inputs], out_root)


# British and American spelling both work.
main.add_command(normalise, name="normalize")


# ---------------------------------------------------------------- building tables for other regions
@main.group("import")
def import_group() -> None:
    """Build a place table (places.csv + variants.csv) from a GeoNames or WOF dump."""


@import_group.command("geonames")
@click.argument("dump", type=click.Path(dir_okay=False))
@click.option("--alternate-names", type=click.Path(dir_okay=False), help="GeoNames alternateNames(V2) file.")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False), required=True, help="Folder to write to.")
@click.option("--country", "countries", multiple=True, help="Only these ISO codes (repeatable).")
@click.option("--min-population", type=click.IntRange(min=0), default=0, show_default=True)
@_guard
def import_geonames_cmd(dump, alternate_names, outdir, countries, min_population):
    """From a GeoNames dump (allCountries.txt, a per-country file, or its .zip)."""
    from .importers import import_geonames

    report = import_geonames(
        dump,
        alternate_names=alternate_names,
        out_dir=outdir,
        countries=[c.upper() for c in countries] or None,
        min_population=min_population,
    )
    _finish_import(report, outdir)


@import_group.command("wof")
@click.argument("tsv", type=click.Path(dir_okay=False))
@click.option("--names", type=click.Path(dir_okay=False), help="The names TSV of the extract.")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False), required=True, help="Folder to write to.")
@_guard
def import_wof_cmd(tsv, names, outdir):
    """From a Who's On First extract TSV (as in ../shared/data/wof-places.tsv)."""
    from .importers import import_wof

    report = import_wof(tsv, names=names, out_dir=outdir)
    _finish_import(report, outdir)


def _finish_import(report, outdir) -> None:
    click.echo(report.summary(), err=True)
    click.echo(
        f"use it with: gazetteer lookup --no-bundled --places {os.path.join(outdir, 'places.csv')} NAME", err=True
    )
    sys.exit(0 if report.ok else 1)


# ---------------------------------------------------------------- a reconciliation service for OpenRefine
@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. The service has no authentication: keep it on loopback unless you mean otherwise.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port to listen on (0: a free port; the URL is printed on stderr).",
)
@places_option
@_guard
def serve(host, port, places, no_bundled):
    """Serve the places to OpenRefine: a W3C Reconciliation API (0.2) service.

    Prints its URL (http://HOST:PORT/reconcile) on stderr and answers until
    Ctrl-C. In OpenRefine: Reconcile > Start reconciling > Add standard service,
    then give that URL. Names are matched as `lookup` matches them; candidates
    carry id, name, kind and score, and "Add columns from reconciled values"
    offers lat, lon, district, country, kind, name_az, name_ru and name_hy.
    """
    from .serve import run

    gz = _load(places, no_bundled)
    run(gz, host, port, announce=lambda line: click.echo(f"gazetteer: {line}", err=True))
