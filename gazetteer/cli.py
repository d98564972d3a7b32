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

from .errors import GazetteerError

FIELDS = ["query", "id", "name", "kind", "country", "district", "lat", "lon", "score",
          "matched_variant", "method", "needs_context"]
NAMING = click.Choice(["en", "az", "ru", "hy"])
FORMAT = click.Choice(["table", "json", "jsonl", "csv", "tsv", "geojson"])


def _fail(message: str, status: int = 2):
    click.echo(f"gazetteer: {message}", err=True)
    sys.exit(status)


def _guard(func):
    """Map our errors to exit 2, a closed pipe to a quiet exit, Ctrl-C to 130."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except GazetteerError as exc:
            _fail(str(exc))
        except BrokenPipeError:
            _quiet_pipe()
        except KeyboardInterrupt:
            click.echo("gazetteer: interrupted", err=True)
            sys.exit(130)

    return wrapper


def _quiet_pipe():
    # Python flushes stdout at exit; point it at devnull so that flush cannot fail again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    sys.exit(0)


def _load(places: tuple[str, ...], replace: bool = False):
    from .api import Gazetteer

    paths = list(places)
    env = os.environ.get("GAZETTEER_PLACES")
    if env:
        paths = [p for p in env.split(os.pathsep) if p] + paths
    return Gazetteer.load(paths, replace=replace)


def _default_format(fmt: str | None) -> str:
    if fmt:
        return fmt
    return "table" if sys.stdout.isatty() else "jsonl"


places_option = click.option(
    "--places", "places", multiple=True, type=click.Path(dir_okay=False),
    help="Extra place table (CSV in the bundled format); repeatable. Also $GAZETTEER_PLACES.",
)


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
@places_option
@_guard
def lookup(names, fmt, top, country, kind, naming, places):
    """Resolve each NAME (or each line of stdin) to one place.

    One record per name, in order; a name with no match gets a record with
    null fields, and the exit status is 1.
    """
    from .formats import make_writer

    gz = _load(places)
    fmt = _default_format(fmt)
    fields = FIELDS + (["rank"] if top > 1 else [])
    writer = make_writer(fmt, click.get_text_stream("stdout"), fields)
    unmatched = 0
    for name in _names_from(names):
        found = gz.candidates(name, top, country=country, kind=kind, naming=naming)
        if not found:
            unmatched += 1
            rec = dict.fromkeys(fields)
            rec["query"] = name
            writer.write(rec)
            continue
        for rank, m in enumerate(found, 1):
            rec = {f: getattr(m, f) for f in FIELDS}
            if top > 1:
                rec["rank"] = rank
            writer.write(rec)
    writer.close()
    sys.exit(1 if unmatched else 0)


@main.command()
@click.argument("ids", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), help="Output format.")
@places_option
@_guard
def show(ids, fmt, places):
    """Show places by id, with every variant and its source."""
    import json

    gz = _load(places)
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    missing = 0
    out = click.get_text_stream("stdout")
    for pid in ids:
        row = gz.place(pid)
        if row is None:
            click.echo(f"gazetteer: no place with id {pid!r}", err=True)
            missing += 1
            continue
        if fmt == "json":
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            continue
        out.write(f"{row['id']}: {row['name']} ({row['kind']}, {row['country']})\n")
        for k in ("parent", "lat", "lon", "population", "source", "name_az", "name_ru", "name_hy"):
            if row[k] not in ("", None, 0):
                out.write(f"  {k:<11} {row[k]}\n")
        out.write(f"  variants ({len(row['variants'])}):\n")
        for v in row["variants"]:
            flag = " [needs context]" if v["needs_context"] else ""
            out.write(f"    {v['variant']}  ({v['lang']}, {v['type']}){flag}  {v['source']}\n")
    sys.exit(1 if missing else 0)


@main.command()
@click.argument("table", required=False, type=click.Path(dir_okay=False))
@click.option("--variants", type=click.Path(dir_okay=False), help="Variants file (default: beside TABLE).")
@click.option("--collisions", is_flag=True, help="Also list names shared by several important places.")
@_guard
def validate(table, variants, collisions):
    """Check a place table (default: the bundled one). Exit 2 when it has errors."""
    from pathlib import Path

    from .table import bundled_paths, validate as check

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
