"""Reading and rewriting text files without losing a byte.

Files are decoded in blocks with ``surrogateescape`` (bytes that are not valid
UTF-8 survive as lone surrogates and are written back unchanged), and cut at
line ends, so memory does not grow with file size and no mention is split.
Line ends, BOMs and trailing spaces are ordinary characters here: whatever is
outside a replaced span is written back exactly as read.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from .named import NamedTuple

__all__ = [
    "NotText",
    "FileChanged",
    "NotRegularFile",
    "BLOCK",
    "detect_encoding",
    "guess_legacy_encoding",
    "error_handler",
    "iter_pieces",
    "atomic_writer",
    "walk",
    "Input",
    "DEFAULT_GLOBS",
    "looks_binary",
]

BLOCK = 1 << 20  # bytes read at a time
PIECE = 256 << 10  # characters scanned together (the context of one-sense and lists)
MAX_PIECE = 8 << 20  # a "line" longer than this is cut at a space instead
# Prose only: a folder walk must not rewrite a user's place tables or break CSV columns
# with --annotate; data files (csv, tsv, json...) only when asked with --glob.
DEFAULT_GLOBS = (
    "*.txt",
    "*.text",
    "*.md",
    "*.markdown",
    "*.rst",
    "*.org",
    "*.html",
    "*.htm",
    "*.xhtml",
    "*.srt",
    "*.vtt",
)
AUTO = "auto"  # --encoding auto: ask a detector (charset-normalizer)


class NotText(ValueError):
    """The input cannot be read as text in the encoding it declares or was given."""


class FileChanged(OSError):
    """Another process changed the file while it was read: it is left as it is (as tar's
    "file changed as we read it")."""


class NotRegularFile(OSError):
    """A FIFO, device or socket: never rewritten, and never opened for an in-place run
    (opening a FIFO would wait for a writer forever)."""


def detect_encoding(head: bytes, requested: str | None = None) -> str:
    """utf-8 unless told otherwise or a UTF-16/32 BOM says so; ``auto`` asks a detector."""
    if requested == AUTO:
        requested = _detected(head)
    if requested:
        name = codecs.lookup(requested).name  # raises LookupError for unknown names
        # Codecs that strip and re-add a BOM would add one to every piece written back and
        # count it in every byte offset: take their explicit forms, so that a BOM stays a
        # character of the text, as it does when the encoding is detected.
        if name == "utf-8-sig":
            return "utf-8"
        if name in ("utf-16", "utf-32"):
            bom_be = codecs.BOM_UTF16_BE if name == "utf-16" else codecs.BOM_UTF32_BE
            return f"{name}-be" if head.startswith(bom_be) else f"{name}-le"
        return requested
    # Explicit byte order, so that the BOM stays a character of the text and is
    # written back as it was (the plain "utf-16" codec strips and re-adds it).
    if head.startswith(codecs.BOM_UTF32_LE):
        return "utf-32-le"
    if head.startswith(codecs.BOM_UTF32_BE):
        return "utf-32-be"
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    return "utf-8"


def error_handler(encoding: str) -> str:
    """surrogateescape keeps invalid bytes of ASCII-compatible encodings; UTF-16/32 cannot."""
    return "surrogatepass" if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")) else "surrogateescape"


def looks_binary(head: bytes, encoding: str) -> bool:
    """NUL bytes in UTF-8 text mean an image, an archive or a database."""
    return encoding == "utf-8" and b"\x00" in head[:8192]


def iter_pieces(stream: IO[bytes], encoding: str = "utf-8", block: int = BLOCK) -> Iterator[str]:
    """Decoded text in pieces of about PIECE characters that end at a line end.

    Boundaries depend on the text only (the first line end at or after PIECE
    characters), never on how the stream was read, so results are the same
    for any block size; a text shorter than PIECE is one piece, so the whole
    article is the scanner's context.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors=error_handler(encoding))
    pending = ""
    offset = 0
    while True:
        data = stream.read(block)
        final = not data
        try:
            pending += decoder.decode(data, final=final)
        except UnicodeDecodeError as exc:
            # only UTF-16/32 get here (UTF-8 keeps bad bytes through surrogateescape)
            raise NotText(f"not valid {encoding} text near byte {offset + exc.start}; use --encoding") from None
        offset += len(data)
        while len(pending) > PIECE:
            cut = _line_end_after(pending, PIECE)
            if cut < 0:
                if len(pending) < MAX_PIECE:
                    break  # wait for the line to end
                cut = pending.find(" ", MAX_PIECE - PIECE // 2)
                cut = cut + 1 if cut >= 0 else MAX_PIECE
            yield pending[:cut]
            pending = pending[cut:]
        if final:
            if pending:
                yield pending
            return


def _line_end_after(text: str, start: int) -> int:
    """Index just after the first line end at or after ``start`` (CRLF kept whole), or -1."""
    n = text.find("\n", start)
    r = text.find("\r", start)
    if r >= 0 and (n < 0 or r < n):
        if r + 1 >= len(text):
            return -1  # a CR at the very end may be half of a CRLF
        return r + 2 if text[r + 1] == "\n" else r + 1
    return n + 1 if n >= 0 else -1


def _detected(head: bytes) -> str | None:
    """The encoding charset-normalizer finds for ``head`` (None: let the BOM rules decide)."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if _valid_utf8(head):
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    return None if best is None else codecs.lookup(best.encoding).name


def _valid_utf8(data: bytes) -> bool:
    """True if ``data`` is UTF-8, allowing a sequence cut at its end."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def guess_legacy_encoding(data: bytes) -> str:
    """The likely 8-bit code page of text that is not UTF-8 (for a warning that names
    the ``--encoding`` to use)."""
    found = _detected(data)
    if found is None or found.startswith("utf"):
        return "cp1252"
    return found


class atomic_writer:
    """Write to a temporary file beside ``target``; rename over it only on success.

    Ctrl-C, a full disk or a crash leave the old file (or no file) in place,
    never a half-written one. An existing target keeps its mode, owner and group
    (where this process may set them); a new one gets the mode of any new file
    (0666 less the umask). ``discard()`` leaves the target untouched (nothing
    changed); ``before_replace`` runs just before the rename and may raise to keep
    the target as it is (it changed while it was read).

    With ``backup``, the original is kept as TARGET+SUFFIX, hard-linked before the
    rename so that the target never goes missing; an existing backup is never
    overwritten: the next free TARGET+SUFFIX.N is taken (``backup_path`` says which).

    The temporary name carries this process's id (``.NAME.PID.xxxx.tmp``), so a later
    run removes the ones a killed run left behind.

    A target that is a link is written through, as the shell's ``>`` does: the file it
    points to is replaced and the link stays. A target that exists and is no regular
    file (``/dev/null``, a named pipe, a terminal) is written to directly: renaming a
    file over it would replace the device or pipe with a file.
    """

    def __init__(self, target: Path, backup: str | None = None):
        target = Path(target)
        self.target = Path(os.path.realpath(target)) if os.path.islink(target) else target
        self.direct = _is_special(self.target)
        self.backup = backup
        self.fh: IO[bytes] | None = None
        self.tmp = ""
        self.backup_path: Path | None = None
        self.before_replace: Callable[[], None] | None = None
        self._discard = False

    def discard(self) -> None:
        self._discard = True

    def __enter__(self) -> IO[bytes]:
        if self.direct:  # nothing to keep or rename: the bytes go where the user sent them
            self.fh = open(self.target, "wb")  # noqa: SIM115 - closed in __exit__
            return self.fh
        self.target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(self.target)
        # The temporary's name is known before the file exists, so that an interrupt at
        # any point here (Ctrl-C right after the file is made, before the with-block that
        # would remove it begins) still removes it: mkstemp names it only on return.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = -1
        try:
            for _ in range(100):
                self.tmp = os.path.join(
                    self.target.parent, f".{self.target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
                )
                try:
                    fd = os.open(self.tmp, flags, 0o600)
                except FileExistsError:  # (another's: never removed)
                    self.tmp = ""
                    continue
                self.fh = os.fdopen(fd, "wb")
                return self.fh
            raise FileExistsError(errno.EEXIST, "no free temporary name", str(self.target))
        except BaseException:
            if self.fh is None and fd >= 0:
                os.close(fd)
            if self.tmp and os.path.exists(self.tmp):
                os.unlink(self.tmp)
            raise

    def __exit__(self, exc_type, exc, tb) -> None:
        assert self.fh is not None
        if self.direct:
            self.fh.close()
            return
        try:
            if exc_type is None and not self._discard:
                self.fh.flush()
                os.fsync(self.fh.fileno())
                self._take_attributes(self.fh.fileno())
            self.fh.close()
            if exc_type is None and not self._discard:
                if self.before_replace is not None:
                    self.before_replace()
                if self.backup and os.path.lexists(self.target):
                    self.backup_path = _keep_backup(self.target, self.backup)
                os.replace(self.tmp, self.target)
                _fsync_dir(self.target.parent)
        finally:
            if os.path.exists(self.tmp):
                os.unlink(self.tmp)

    def _take_attributes(self, fd: int) -> None:
        try:
            st = os.stat(self.target)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, 0o666 & ~umask)
            return
        if hasattr(os, "fchown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.fchown(fd, st.st_uid, st.st_gid)
            except PermissionError:  # not root: keep the group if we are in it, as sed -i does
                try:
                    os.fchown(fd, -1, st.st_gid)
                except PermissionError:
                    pass
        os.fchmod(fd, stat.S_IMODE(st.st_mode))


def _is_special(path: Path) -> bool:
    """``path`` exists and is neither a regular file nor a folder (a device, a pipe)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _keep_backup(target: Path, suffix: str) -> Path:
    """Hard-link the original to the first free TARGET+SUFFIX[.N] (a copy where links fail)."""
    base = target.with_name(target.name + suffix)
    for n in range(10_000):
        bak = base if n == 0 else base.with_name(f"{base.name}.{n}")
        try:
            os.link(target, bak)
            return bak
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links
            import shutil  # (here: only a backup without hard links needs it, not every start)

            try:
                with open(target, "rb") as src, open(bak, "xb") as dst:
                    shutil.copyfileobj(src, dst)
                shutil.copystat(target, bak)
                return bak
            except FileExistsError:
                continue
    raise FileExistsError(errno.EEXIST, "too many backups", str(base))


def _remove_stale_temporaries(target: Path) -> None:
    """Remove the .NAME.PID.xxxx.tmp files of processes that no longer run."""
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    prefix = f".{target.name}."
    for name in names:
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid = name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            try:
                os.unlink(target.parent / name)
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def unchanged_since(path: Path, before: os.stat_result) -> None:
    """Raise FileChanged if ``path`` is not the file ``before`` described (size, mtime, inode)."""
    now = os.stat(path)
    if (now.st_size, now.st_mtime_ns, now.st_ino, now.st_dev) != (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
        before.st_dev,
    ):
        raise FileChanged("file changed as we read it; left as it is, run again")


class Input(NamedTuple):
    """One input of a run: a file (``path``), stdin (``path`` None), or a problem met
    while walking (``error`` makes the exit status 1; ``note`` is only said)."""

    name: str  # as the user will see it
    path: Path | None
    root: Path | None = None  # the folder it was found under
    error: str | None = None
    note: str | None = None


def walk(paths: list[str], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Iterator[Input]:
    """The inputs named by ``paths``: files as given, folders walked ("-" is stdin).

    Walking a folder takes regular files whose name matches ``globs`` and skips hidden
    files. Symbolic links met in a folder are skipped with a note (so no loop, and no
    file outside the folder is read or rewritten); a link named on the command line is
    followed. FIFOs and devices in a folder are skipped with a note. A folder that cannot
    be read is an error, and the walk goes on. The walk keeps its own stack, so no depth
    of folders exhausts Python's recursion. A file reached twice is given once.
    """
    seen: set[Path] = set()
    for p in paths:
        if p == "-":
            yield Input("-", None)
            continue
        path = Path(p)
        if path.is_dir():
            for item in _walk_folder(path, globs):
                if item.path is not None:
                    r = item.path.resolve()
                    if r in seen:
                        continue
                    seen.add(r)
                yield item
            continue
        try:
            r = path.resolve()
        except (OSError, RuntimeError):  # a loop of links: opening it gives the error
            r = path
        if r in seen:
            continue
        seen.add(r)
        yield Input(str(path), path)


def _walk_folder(root: Path, globs: tuple[str, ...]) -> Iterator[Input]:
    found: list[tuple[tuple[str, ...], Input]] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listing = list(entries)
        except OSError as exc:
            found.append(
                (_parts(folder, root), Input(str(folder), None, root, error=f"cannot read folder: {_why(exc)}"))
            )
            continue
        for entry in listing:
            if entry.name.startswith("."):
                continue
            here = folder / entry.name
            try:
                if entry.is_symlink():
                    if entry.is_dir() or any(here.match(g) for g in globs):
                        found.append(
                            (_parts(here, root), Input(str(here), None, root, note="skipped: a symbolic link"))
                        )
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append(here)
                    continue
                if not any(here.match(g) for g in globs):
                    continue
                if not entry.is_file(follow_symlinks=False):
                    found.append((_parts(here, root), Input(str(here), None, root, note="skipped: not a regular file")))
                    continue
            except OSError as exc:
                found.append((_parts(here, root), Input(str(here), None, root, error=_why(exc))))
                continue
            found.append((_parts(here, root), Input(str(here), here, root)))
    found.sort(key=lambda pair: pair[0])
    for _, item in found:
        yield item


def _parts(path: Path, root: Path) -> tuple[str, ...]:
    return path.relative_to(root).parts


def _why(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()
