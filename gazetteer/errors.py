"""One error root, so callers (and the CLI) can catch everything we raise."""

from __future__ import annotations

__all__ = ["GazetteerError", "DataError", "UsageError", "NotFoundError", "CacheError"]


class GazetteerError(Exception):
    """Root of the errors raised by gazetteer."""


class DataError(GazetteerError, ValueError):
    """A place table or variants file is missing, malformed or inconsistent.

    The message names the file and, where there is one, the line.
    """


class UsageError(GazetteerError, ValueError):
    """An option or argument the caller gave cannot be used."""


class NotFoundError(GazetteerError, LookupError):
    """A name the caller gave matches no place (the CLI exits 1, as for an unmatched lookup)."""


class CacheError(GazetteerError):
    """The cache folder cannot be trusted (others can write it, or another user owns it),
    or a compiled index failed in a way a rebuild could not mend.

    The message is one line that names the folder or file and what to do.
    """
