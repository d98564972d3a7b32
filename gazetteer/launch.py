"""The ``gazetteer`` command's entry point: a one-name lookup starts fast (issue 15).

Recognises the common shape ``gazetteer lookup NAME... [--format F] [--top N]
[--naming L]`` without importing click, and has gazetteer/quick.py answer it from the
cached index. Everything else (other commands and options, ``--help``, stdin, a value
click would refuse, a query quick.py does not answer exactly) goes to the click CLI
(gazetteer/cli.py) unchanged, so output, messages and exit statuses are the CLI's.
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
