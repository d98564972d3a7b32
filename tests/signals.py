"""Children started as a terminal starts them.

A command started in the background of a non-interactive shell (``cmd &`` in a script, and
so some CI runners and ``pytest ... &``) inherits SIGINT ignored, and Python then leaves it
ignored: Ctrl-C sent to a child of such a run does nothing, and a test of what Ctrl-C does
would hang or test nothing. ``preexec_fn=sigint_default`` gives the child SIGINT's default
disposition, so that Python installs its KeyboardInterrupt handler as it does under a
terminal."""

from __future__ import annotations

import signal


def sigint_default() -> None:
    """Reset SIGINT to its default disposition (run in the child before exec)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
