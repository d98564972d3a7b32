"""normalise and extract never lose or damage a user's file, and every refusal is one line.

Real files, real subprocesses, FIFOs, symlinks and ownership where the test can
chown. RELIABILITY.md lists these cases next to what sed -i, cp, tar and black
do for the same case.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from gazetteer.batch import NormaliseOptions, normalise_file
from gazetteer.textio import walk

OLD = "Cəbrayıl and Füzulidə, в Гадруте, Stepanakert.\n"
NEW = "Jabrayil and Fuzulidə, в Hadrut, Khankendi.\n"
PLAIN = "Nothing here names a place.\n"


def _write(path: Path, text: str = OLD) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _one_line_error(proc, status: int) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == status, err
    assert "internal error" not in err and "Traceback" not in err, err
    return err


# ---------------------------------------------------------------- outputs that are inputs


def test_report_that_is_an_input_is_refused_before_anything_is_written(run_cli, tmp_path):
    f = _write(tmp_path / "f.txt")
    for mode in (["--diff"], ["--in-place"], []):
        proc = run_cli("normalise", *mode, f, "--report", f)
        err = _one_line_error(proc, 2)
        assert "report" in err and "f.txt" in err
        assert f.read_text(encoding="utf-8") == OLD


def test_backup_that_is_an_input_is_refused(run_cli, tmp_path):
    a = _write(tmp_path / "a")
    b = _write(tmp_path / "a.txt", PLAIN)
    proc = run_cli("normalise", "--in-place", "--backup", ".txt", a, b)
    err = _one_line_error(proc, 2)
    assert "backup" in err
    assert a.read_text(encoding="utf-8") == OLD and b.read_text(encoding="utf-8") == PLAIN


def test_output_folder_whose_outputs_would_overwrite_inputs_is_refused(run_cli, tmp_path):
    # in/in/x.txt mirrored from the folder "in" into its parent lands on in/x.txt, an input
    outer = _write(tmp_path / "in" / "x.txt")
    inner = _write(tmp_path / "in" / "in" / "x.txt", PLAIN)
    proc = run_cli("normalise", tmp_path / "in", "-o", tmp_path)
    err = _one_line_error(proc, 2)
    assert "overwrite" in err
    assert outer.read_text(encoding="utf-8") == OLD and inner.read_text(encoding="utf-8") == PLAIN


def test_two_inputs_with_one_output_name_are_refused(run_cli, tmp_path):
    a = _write(tmp_path / "d1" / "a.txt")
    b = _write(tmp_path / "d2" / "a.txt", PLAIN)
    proc = run_cli("normalise", a, b, "-o", tmp_path / "out")
    err = _one_line_error(proc, 2)
    assert "d1/a.txt" in err and "d2/a.txt" in err
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- what is rewritten, and how


def test_file_that_changes_while_read_is_left_as_it_is(gz, tmp_path):
    f = _write(tmp_path / "log.txt", OLD * 50)

    def scan_and_append(pieces):
        for piece in pieces:
            with open(f, "a", encoding="utf-8") as other_writer:
                other_writer.write("appended while normalise was reading\n")
            yield piece, gz.mentions(piece)

    opts = NormaliseOptions(target="inplace")
    res = normalise_file(gz, str(f), f, None, None, opts, scan=scan_and_append)
    assert res.error and "changed as we read it" in res.error
    assert f.read_text(encoding="utf-8") == OLD * 50 + "appended while normalise was reading\n"
    assert sorted(os.listdir(tmp_path)) == ["log.txt"]


def test_concurrent_appends_during_in_place_are_never_lost(cli_env, gz, tmp_path):
    f = _write(tmp_path / "growing.txt", OLD * 20000)
    stop = threading.Event()
    appended = []

    def appender():
        n = 0
        while not stop.is_set() and n < 400:
            line = f"line {n} appended\n"
            with open(f, "a", encoding="utf-8") as fh:
                fh.write(line)
            appended.append(line)
            n += 1
            time.sleep(0.002)

    t = threading.Thread(target=appender)
    t.start()
    proc = subprocess.run(
        [sys.executable, "-m", "gazetteer", "normalise", "--in-place", "-q", str(f)],
        capture_output=True,
        env=cli_env,
        timeout=120,
    )
    stop.set()
    t.join()
    text = f.read_text(encoding="utf-8")
    assert proc.returncode in (0, 1), proc.stderr
    if proc.returncode == 1:
        assert b"changed as we read it" in proc.stderr
    assert all(line in text for line in appended)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_not_replaced_and_does_not_hang(run_cli, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    proc = run_cli("normalise", "--in-place", fifo)
    err = _one_line_error(proc, 1)
    assert "not a regular file" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    # met while walking a folder: skipped with a note, the other files go on
    _write(tmp_path / "a.txt")
    proc = run_cli("normalise", "--in-place", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert b"pipe.txt" in proc.stderr and b"not a regular file" in proc.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == NEW


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_in_place_keeps_owner_group_and_mode(run_cli, tmp_path):
    f = _write(tmp_path / "theirs.txt")
    os.chown(f, 65534, 65534)
    f.chmod(0o640)
    proc = run_cli("normalise", "--in-place", f)
    assert proc.returncode == 0, proc.stderr
    st = os.stat(f)
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (65534, 65534, 0o640)
    assert f.read_text(encoding="utf-8") == NEW


def test_files_without_a_change_are_not_touched(run_cli, tmp_path):
    plain = _write(tmp_path / "plain.txt", PLAIN)
    link = tmp_path / "hardlink.txt"
    os.link(plain, link)
    os.utime(plain, ns=(1_000_000_000, 1_000_000_000))
    before = os.stat(plain)
    changed = _write(tmp_path / "changed.txt")
    proc = run_cli("normalise", "--in-place", plain, changed)
    assert proc.returncode == 0, proc.stderr
    after = os.stat(plain)
    assert (after.st_ino, after.st_mtime_ns, after.st_nlink) == (before.st_ino, before.st_mtime_ns, 2)
    assert changed.read_text(encoding="utf-8") == NEW


def test_symlink_in_a_folder_is_skipped_and_stays_a_link(run_cli, tmp_path):
    real = _write(tmp_path / "d" / "real.txt")
    outside = _write(tmp_path / "outside.txt")
    (tmp_path / "d" / "link.txt").symlink_to(outside)
    proc = run_cli("normalise", "--in-place", tmp_path / "d")
    assert proc.returncode == 0, proc.stderr
    assert b"link.txt" in proc.stderr and b"symbolic link" in proc.stderr
    assert (tmp_path / "d" / "link.txt").is_symlink()
    assert outside.read_text(encoding="utf-8") == OLD
    assert real.read_text(encoding="utf-8") == NEW


def test_named_symlink_rewrites_its_target_and_stays_a_link(run_cli, tmp_path):
    target = _write(tmp_path / "target.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    proc = run_cli("normalise", "--in-place", link)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == NEW


def test_backup_is_never_overwritten(run_cli, tmp_path):
    f = _write(tmp_path / "a.txt")
    assert run_cli("normalise", "--in-place", "--backup", ".bak", f).returncode == 0
    _write(f, "Second draft: Füzuli.\n")
    proc = run_cli("normalise", "--in-place", "--backup", ".bak", f)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "a.txt.bak").read_text(encoding="utf-8") == OLD
    assert (tmp_path / "a.txt.bak.1").read_text(encoding="utf-8") == "Second draft: Füzuli.\n"
    assert b"a.txt.bak.1" in proc.stderr


def test_output_files_follow_the_umask_not_0600(cli_env, gz, tmp_path):
    src = _write(tmp_path / "in" / "a.txt")
    src.chmod(0o644)
    proc = subprocess.run(
        ["sh", "-c", 'umask 022 && exec "$0" -m gazetteer normalise "$1" -o "$2"', sys.executable, src, tmp_path / "o"],
        capture_output=True,
        env=cli_env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(os.stat(tmp_path / "o" / "a.txt").st_mode) == 0o644


def test_folders_default_to_prose_files_and_data_files_need_a_glob(run_cli, tmp_path):
    table = _write(tmp_path / "places.csv", "name,lat\nFüzuli,39.6\n")
    data = _write(tmp_path / "notes.json", '{"place": "Füzuli"}\n')
    prose = _write(tmp_path / "story.md")
    assert run_cli("normalise", "--in-place", tmp_path).returncode == 0
    assert table.read_text(encoding="utf-8") == "name,lat\nFüzuli,39.6\n"
    assert data.read_text(encoding="utf-8") == '{"place": "Füzuli"}\n'
    assert prose.read_text(encoding="utf-8") == NEW
    assert run_cli("normalise", "--in-place", "--glob", "*.csv", tmp_path).returncode == 0
    assert table.read_text(encoding="utf-8") == "name,lat\nFuzuli,39.6\n"


def test_replacement_the_encoding_cannot_write_keeps_the_name_and_goes_on(run_cli, tmp_path):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Réfugiés à Füzuli.\n".encode("latin-1"))
    other = tmp_path / "other.txt"
    other.write_bytes("Départ de Füzuli vers Shusha.\n".encode("latin-1"))
    proc = run_cli("normalise", "--in-place", "--naming", "ru", "--encoding", "latin-1", latin, other)
    err = _one_line_error(proc, 0)
    assert "latin1.txt" in err and "other.txt" in err and "kept" in err
    assert latin.read_bytes() == "Réfugiés à Füzuli.\n".encode("latin-1")
    assert other.read_bytes() == "Départ de Füzuli vers Shusha.\n".encode("latin-1")
    # names the encoding can write are still replaced
    proc = run_cli("normalise", "--in-place", "--encoding", "latin-1", latin)
    assert proc.returncode == 0 and latin.read_bytes() == "Réfugiés à Fuzuli.\n".encode("latin-1")


# ---------------------------------------------------------------- clear errors


def test_symlink_loops_are_one_line_each_and_the_run_goes_on(run_cli, tmp_path):
    d = tmp_path / "d"
    _write(d / "a.txt")
    (d / "loop").symlink_to(d)
    (d / "x.txt").symlink_to(d / "y.txt")
    (d / "y.txt").symlink_to(d / "x.txt")
    proc = run_cli("extract", "--format", "jsonl", d, d / "x.txt")
    err = _one_line_error(proc, 1)
    assert proc.stdout.count(b"\n") == 4  # a.txt was read
    assert "x.txt: too many levels of symbolic links" in err
    assert "loop: skipped: a symbolic link" in err


def test_very_deep_folder_is_walked(run_cli, tmp_path):
    folders = []
    d = tmp_path
    for _ in range(1100):  # deeper than Python's recursion limit
        d = d / "d"
        d.mkdir()
        folders.append(d)
    deep = _write(d / "deep.txt", "Shusha\n")
    try:
        proc = run_cli("extract", "--format", "jsonl", tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.count(b"\n") == 1
    finally:  # shutil.rmtree (and so pytest's clean-up) recurses: take it down here
        deep.unlink()
        for folder in reversed(folders):
            folder.rmdir()


@pytest.mark.parametrize(
    "args, words",
    [
        (["--in-place", "--backup", "/x"], "--backup"),
        (["--encoding", "nonsense"], "nonsense"),
    ],
)
def test_bad_backup_suffix_and_unknown_encoding_are_usage_errors(run_cli, tmp_path, args, words):
    f = _write(tmp_path / "a.txt")
    g = _write(tmp_path / "b.txt")
    proc = run_cli("normalise", *args, f, g)
    err = _one_line_error(proc, 2)
    assert words in err and err.count("Error") == 1  # said once, not once per file
    assert f.read_text(encoding="utf-8") == OLD


def test_unreadable_folder_is_reported_and_the_walk_goes_on(tmp_path, monkeypatch):
    _write(tmp_path / "ok" / "a.txt")
    _write(tmp_path / "locked" / "b.txt")
    real_scandir = os.scandir

    def scandir(path):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(walk([str(tmp_path)]))
    assert [os.path.basename(i.name) for i in found if i.path is not None] == ["a.txt"]
    errors = [i for i in found if i.error]
    assert len(errors) == 1 and "locked" in errors[0].name and "permission denied" in errors[0].error


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_folder_makes_exit_status_1(run_cli, tmp_path):
    _write(tmp_path / "ok" / "a.txt")
    locked = tmp_path / "locked"
    _write(locked / "b.txt")
    locked.chmod(0)
    try:
        proc = run_cli("extract", "--format", "jsonl", tmp_path)
    finally:
        locked.chmod(0o755)
    err = _one_line_error(proc, 1)
    assert "locked" in err


def test_legacy_code_page_is_named_with_the_option_to_use(run_cli, tmp_path):
    f = tmp_path / "cp1251.txt"
    f.write_bytes("Войска вошли в Джебраил и Физули, жители вернулись в Шушу.\n".encode("cp1251"))
    proc = run_cli("extract", "--format", "jsonl", f)
    err = _one_line_error(proc, 0)
    assert "cp1251" in err.lower().replace("windows-1251", "cp1251") and "--encoding" in err
    assert err.count("\n") == 1
    proc = run_cli("extract", "--format", "jsonl", "--encoding", "auto", f)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count(b"\n") == 3


# ---------------------------------------------------------------- progress


def _stderr_on_a_terminal(cli_env, args) -> str:
    """Run the CLI with stderr on a pseudo-terminal (where the bar is drawn); its text."""
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gazetteer", *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env=cli_env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    assert proc.wait(timeout=120) == 0
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_progress_counts_bytes_across_workers(cli_env, gz, tmp_path, jobs):
    big = _write(tmp_path / "big.txt", OLD * 40000)  # one file, many blocks
    small = _write(tmp_path / "small.txt")
    shown = _stderr_on_a_terminal(cli_env, ["extract", "--format", "jsonl", "-j", jobs, big, small])
    total = (big.stat().st_size + small.stat().st_size) / 1e6
    assert f"extract {total:.1f} MB" in shown
    assert "100%" in shown
    assert "0%" in shown.replace("100%", "")  # drawn before the end, not only at it


@pytest.mark.parametrize("where", ["open", "fdopen"])
def test_an_interrupt_while_the_temporary_is_made_leaves_no_temporary(tmp_path, monkeypatch, where):
    # Ctrl-C right after the temporary file exists, before the with-block that would remove
    # it has begun (os.open returned, or os.fdopen is wrapping it)
    from gazetteer import textio

    target = tmp_path / "news.txt"
    target.write_bytes(b"old\n")
    real_open, real_fdopen = os.open, os.fdopen

    def open_then_interrupt(*args, **kw):
        real_open(*args, **kw)
        raise KeyboardInterrupt

    def fdopen_interrupted(*args, **kw):
        raise KeyboardInterrupt

    if where == "open":
        monkeypatch.setattr(textio.os, "open", open_then_interrupt)
    else:
        monkeypatch.setattr(textio.os, "fdopen", fdopen_interrupted)
    with pytest.raises(KeyboardInterrupt):
        with textio.atomic_writer(target) as fh:
            fh.write(b"new\n")
    monkeypatch.setattr(textio.os, "open", real_open)
    monkeypatch.setattr(textio.os, "fdopen", real_fdopen)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.txt"]
    assert target.read_bytes() == b"old\n"
