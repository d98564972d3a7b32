"""The ``gazetteer`` command's entry point: a one-name lookup and a plain extract start
fast (issue 15).

Recognises the common shape ``gazetteer lookup NAME... [--format F] [--top N]
[--naming L]`` without importing click, and has gazetteer/quick.py answer it from the
cached index. Everything else (other commands and options, ``--help``, stdin, a value
click would refuse, a query quick.py does not answer exactly) goes to the click CLI
(gazetteer/cli.py) unchanged, so output, messages and exit statuses are the CLI's.

``gazetteer extract [FILE...]`` with the common options (:func:`parse_extract`) runs
gazetteer/commands.py's extract, the work the click command calls, without importing
click (about 50 ms of its start).
"""

from __future__ import annotations

import os
import sys


def parse(args: list[str]):
    """A quick.Request for ``lookup NAME... [--format F] [--top N] [--naming L]`` (each
    option at most once, as ``--opt V`` or ``--opt=V``; --top in decimal digits), else None.
    The values are checked against the CLI's choices by quick.py, from its snapshot."""
    if len(args) < 2 or args[0] != "lookup":
        return None
    names: list[str] = []
    opts: dict[str, str] = {}
    it = iter(args[1:])
    for arg in it:
        if not arg.startswith("-"):
            names.append(arg)
            continue
        opt, eq, value = arg.partition("=")
        if opt not in ("--format", "--top", "--naming") or opt in opts:
            return None
        if not eq:
            value = next(it, None)
            if value is None:
                return None
        opts[opt] = value
    top = opts.get("--top")
    if not names or (top is not None and not (top.isascii() and top.isdigit())):
        return None
    from .quick import Request

    return Request(names, opts.get("--format"), None if top is None else int(top), opts.get("--naming"))


# extract's options the fast path takes (cli.py's extract: their types and defaults there);
# any other (-o, --explain, --places, --no-bundled, --help, a short option with its value
# attached, "--") hands the command line to click
_EXTRACT_VALUES = {
    "--format": "fmt",
    "--naming": "naming",
    "--context": "context",
    "--kind": "kind",
    "--country": "country",
    "--min-score": "min_score",
    "--geojson-per": "geojson_per",
    "--glob": "globs",
    "--encoding": "encoding",
    "-j": "jobs",
    "--jobs": "jobs",
}
_EXTRACT_FLAGS = {"-q": "quiet", "--quiet": "quiet"}


def parse_extract(args: list[str]) -> dict | None:
    """commands.extract's arguments for ``extract [FILE...]`` with the options of
    _EXTRACT_VALUES and _EXTRACT_FLAGS (each value as ``--opt V`` or ``--opt=V``, each
    option at most once but --glob, every value one click takes as it is), else None:
    the click CLI parses it (and says what is wrong with it)."""
    if not args or args[0] != "extract":
        return None
    from .commands import FORMATS, NAMINGS

    files: list[str] = []
    globs: list[str] = []
    opts: dict[str, str] = {}
    flags: set[str] = set()
    it = iter(args[1:])
    for arg in it:
        if arg == "-" or not arg.startswith("-"):
            files.append(arg)
            continue
        if arg in _EXTRACT_FLAGS:
            flags.add(_EXTRACT_FLAGS[arg])
            continue
        opt, eq, value = arg.partition("=")
        if opt not in _EXTRACT_VALUES or (eq and not opt.startswith("--")):
            return None
        if not eq:
            value = next(it, None)
            if value is None or value.startswith("-"):
                return None
        name = _EXTRACT_VALUES[opt]
        if name == "globs":
            globs.append(value)
        elif name in opts:
            return None
        else:
            opts[name] = value
    kw = {
        "files": tuple(files),
        "fmt": opts.get("fmt"),
        "naming": opts.get("naming", "en"),
        "output": None,
        "context": 40,
        "kind": opts.get("kind"),
        "country": opts.get("country"),
        "min_score": None,
        "geojson_per": opts.get("geojson_per", "place"),
        "explain": False,
        "globs": tuple(globs),
        "encoding": opts.get("encoding"),
        "jobs": None,
        "quiet": "quiet" in flags,
        "places": (),
        "no_bundled": False,
    }
    if (kw["fmt"] is not None and kw["fmt"] not in FORMATS) or kw["naming"] not in NAMINGS:
        return None
    if kw["geojson_per"] not in ("place", "mention"):
        return None
    for name, low, high in (("context", 0, 100_000), ("jobs", 1, 256)):
        if name in opts:
            value = opts[name]
            if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
                return None
            kw[name] = int(value)
    if "min_score" in opts:
        try:
            score = float(opts["min_score"])
        except ValueError:
            return None
        if not 0 <= score <= 100:  # (also NaN: click's message for it)
            return None
        kw["min_score"] = score
    if kw["encoding"] not in (None, "auto"):
        import codecs

        try:
            codecs.lookup(kw["encoding"])
        except LookupError:
            return None
    return kw


_PAUSED = False  # the collector paused for extract's start-up (pause_collector)


def pause_collector() -> None:
    """Pause Python's cyclic collector for the start-up of ``gazetteer extract``: the
    imports, the index and its word lists make hundreds of thousands of objects that live
    for the whole run and make no garbage, and the collections their allocations set off
    walk them again and again (16 M of the 291 M instructions a one-line extract counts,
    callgrind). :func:`resume_collector` freezes what the start-up made and resumes it."""
    global _PAUSED
    import gc

    if gc.isenabled():
        gc.disable()
        _PAUSED = True


def resume_collector() -> None:
    """Resume the collector :func:`pause_collector` paused, what exists now frozen (the
    collections to come leave it alone); nothing when it was not paused."""
    global _PAUSED
    if _PAUSED:
        import gc

        _PAUSED = False
        gc.freeze()
        gc.enable()


def main(args: list[str] | None = None, **click_options) -> None:
    """Run the command line ``args`` (default: sys.argv[1:]); ``click_options`` go to the
    click CLI's main (``prog_name``) when it answers."""
    argv = sys.argv[1:] if args is None else list(args)
    req = parse(argv)
    miss = None
    if req is not None:
        from .quick import run

        status = run(req)
        if isinstance(status, int):
            sys.exit(status)
        miss = status
    elif argv[:1] == ["extract"]:
        pause_collector()  # (commands.extract resumes it once the index is open)
        if (kw := parse_extract(argv)) is not None:
            from .commands import Usage, extract, guarded

            try:
                guarded(extract)(**kw)  # (exits with the command's status)
            except Usage:  # (none of the options above gives one: click says it, as it would)
                pass
        resume_collector()  # (click parses it: the collector as it always is)
    from .cli import main as cli_main

    if miss is None or not miss.stale:
        cli_main(args=args, **click_options)
        return
    try:
        cli_main(args=args, **click_options)
    except SystemExit as done:
        if done.code in (0, 1, None):
            try:
                from .quick_build import refresh

                refresh()  # the next lookup starts fast
            except BaseException:  # Ctrl-C or SIGTERM meanwhile: the lookup's own exit stands
                if os.environ.get("GAZETTEER_DEBUG"):
                    raise
        raise


if __name__ == "__main__":
    main(prog_name="gazetteer")
