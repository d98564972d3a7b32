"""The ``gazetteer`` command: a thin layer over :class:`gazetteer.Gazetteer`.

Records go to stdout, messages to stderr. Exit status: 0 all matched (or all
files processed), 1 some name unmatched (or some file failed), 2 bad usage or
bad data, with a one-line message and never a traceback.
"""

from __future__ import annotations

import os
import sys
from functools import wraps

import click

from . import commands
from .commands import (  # what every command shares, and extract's work (click-free: commands.py)
    EXTRACT_FIELDS,  # noqa: F401 (read here by callers)
    Usage,
    _batch,
    _copy_spool,
    _default_format,
    _fail,
    _files_in_pieces,
    _inputs,
    _jobs,
    _load,
    _places_list,
    _report_failure,
    _same_file,
    _say_notes,
    _say_problems,
    _stdout,
    guarded,
)
from .errors import GazetteerError
from .records import LOOKUP_FIELDS

FIELDS = list(LOOKUP_FIELDS)
NAMING = click.Choice(list(commands.NAMINGS))
FORMAT = click.Choice(list(commands.FORMATS))


def _guard(func):
    """commands.guarded (our errors to exit 2, a closed pipe to a quiet exit, Ctrl-C to
    130), with a usage error found by the work (commands.Usage) shown as click's."""
    work = guarded(func)

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return work(*args, **kwargs)
        except Usage as exc:
            raise click.UsageError(str(exc)) from None

    return wrapper


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
    commands.extract(
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
    )


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

    from .batch import NormaliseOptions, copy_out, ends_after_the_run, normalise_file, reuse_freed_memory, run

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
    ends_after_the_run()  # (what a pool of workers froze stays frozen: the exit skips it)
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
                if scan is not None:  # (several files one after another: each next one sent ahead)
                    scan.expect((i.name, i.path) for i in items)
                results = (
                    normalise_file(gz, i.name, i.path, i.root, stdout, opts, stdin=stdin, scan=scan) for i in items
                )
            else:
                jobs_ = ((i.name, i.path, i.root, opts, spool) for i in items)
                results = run("normalise", jobs_, workers, _places_list(places), no_bundled, gz, scan)
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
