"""What a real archive contains: each case ends in a clear message and loses nothing."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time

import pytest

from gazetteer.documents import extract_stream, normalise_stream
from gazetteer.textio import NotText

from .signals import sigint_default

NAMES = "Cəbrayıl and Füzulidə, в Гадруте, Stepanakert.\n"


def _normalised(gz, data: bytes) -> bytes:
    out = io.BytesIO()
    normalise_stream(gz, io.BytesIO(data), out)
    return out.getvalue()


def test_invalid_utf8_bytes_pass_through(gz):
    data = b"Bad \xff\xfe byte next to Stepanakert \xc3 and \xed\xa0\x80.\n"
    out = _normalised(gz, data)
    assert out == data.replace(b"Stepanakert", b"Khankendi")


def test_nul_bytes_are_refused_as_binary(gz):
    with pytest.raises(NotText):
        list(extract_stream(gz, io.BytesIO(b"Shusha\x00\x01\x02 binary")))


def test_long_single_line_streams_without_losing_bytes(gz):
    # 20 MB without a line end: cut at spaces into pieces, nothing lost or split
    line = ("word " * 1000 + "Shusha ") * 2900
    data = line.encode()
    assert len(data) > 14_000_000
    records = list(extract_stream(gz, io.BytesIO(data), block=1 << 20))
    assert len(records) == 2900
    assert all(line[r["start"] : r["end"]] == "Shusha" for r in records)
    assert _normalised(gz, data) == data  # Shusha is already canonical


def test_utf16_with_bom_round_trips(gz):
    for enc, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        data = bom + "Füzulidə\r\nСтепанакерт\r\n".encode(enc)
        out = _normalised(gz, data)
        assert out.startswith(bom)
        assert out.decode(enc) == "\ufeffFuzulidə\r\nKhankendi\r\n"


def test_utf16_of_odd_length_is_refused(gz):
    with pytest.raises(NotText, match="utf-16"):
        list(extract_stream(gz, io.BytesIO(b"\xfe\xff\x00")))


def test_empty_file_and_no_final_newline(gz):
    assert _normalised(gz, b"") == b""
    assert _normalised(gz, "Füzuli'de".encode()) == b"Fuzuli'de"


def test_binary_file_in_folder_is_skipped_with_warning(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("Shusha\n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    proc = run_cli("extract", tmp_path, "--format", "jsonl")
    assert proc.returncode == 0
    assert b"warning" in proc.stderr and b"image.txt" in proc.stderr
    assert proc.stdout.count(b"\n") == 1


def test_named_binary_file_is_an_error(run_cli, tmp_path):
    f = tmp_path / "image.bin"
    f.write_bytes(b"\x00\x01\x02")
    proc = run_cli("extract", f)
    assert proc.returncode == 1
    assert str(f).encode() in proc.stderr and proc.stderr.count(b"\n") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_input(run_cli, tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text("Shusha\n")
    f.chmod(0)
    proc = run_cli("extract", f)
    assert proc.returncode == 1 and b"permission denied" in proc.stderr


def test_unwritable_output_folder(run_cli, tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(NAMES, encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    proc = run_cli("normalise", src, "-o", blocker / "out")
    assert proc.returncode == 1
    assert b"in.txt" in proc.stderr
    assert src.read_text(encoding="utf-8") == NAMES


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_disk_on_stdout(cli_env, gz, tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(NAMES * 2000, encoding="utf-8")
    for cmd in (["extract", str(src), "--format", "jsonl"], ["normalise", str(src)], ["lookup", "Shusha"]):
        with open("/dev/full", "wb") as full:
            proc = subprocess.run(
                [sys.executable, "-m", "gazetteer", *cmd], stdout=full, stderr=subprocess.PIPE, env=cli_env, timeout=60
            )
        assert proc.returncode == 1, cmd
        assert b"no space left" in proc.stderr and b"Traceback" not in proc.stderr


def test_output_folder_inside_input_folder_is_refused(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text(NAMES, encoding="utf-8")
    proc = run_cli("normalise", tmp_path, "-o", tmp_path / "normalised")
    assert proc.returncode == 2 and b"inside" in proc.stderr
    assert not (tmp_path / "normalised").exists()


def test_same_file_twice_is_processed_once(run_cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Shusha\n", encoding="utf-8")
    proc = run_cli("extract", f, f, tmp_path, "--format", "jsonl")
    assert proc.returncode == 0 and proc.stdout.count(b"\n") == 1


def test_broken_pipe_exits_quietly(cli_env, gz, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Shusha and Fuzuli and Baku.\n" * 50_000, encoding="utf-8")
    for cmd in (["extract", str(big), "--format", "jsonl"], ["normalise", str(big)]):
        p = subprocess.Popen(
            [sys.executable, "-m", "gazetteer", *cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env
        )
        p.stdout.readline()
        p.stdout.close()  # like `| head -1`
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
        assert err == b"", err


def test_ctrl_c_during_in_place_leaves_every_file_old_or_new(cli_env, gz, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    old = ("Cəbrayıl, Füzulidə and Stepanakert. " * 2000 + "\n").encode()
    new = ("Jabrayil, Fuzulidə and Khankendi. " * 2000 + "\n").encode()
    for n in range(300):
        (folder / f"{n:03d}.txt").write_bytes(old)
    p = subprocess.Popen(
        [sys.executable, "-m", "gazetteer", "normalise", "--in-place", "-j", "1", "-q", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env,
        preexec_fn=sigint_default,  # (Ctrl-C reaches it even when the tests run in the background)
    )
    # wait until some files are rewritten, then interrupt
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any((folder / f"{n:03d}.txt").read_bytes() == new for n in range(5)):
        time.sleep(0.05)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert p.returncode in (0, 130), err
    contents = [f.read_bytes() for f in sorted(folder.iterdir())]
    assert len(contents) == 300, "no temporary file may be left behind"
    assert all(c in (old, new) for c in contents)
    assert any(c == new for c in contents)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_during_in_place_on_one_big_file_leaves_it_whole(cli_env, gz, tmp_path, jobs):
    """kill, timeout or a scheduler: exit 143 with one line, the file old or new, no
    temporary file, no worker left (with --jobs 2 the file's pieces are in workers)."""
    f = tmp_path / "big.txt"
    old = ("Cəbrayıl, Füzulidə and Stepanakert were named. " * 40 + "\n").encode() * 4000
    f.write_bytes(old)
    p = subprocess.Popen(
        [sys.executable, "-m", "gazetteer", "normalise", "--in-place", "-j", jobs, "-q", str(f)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env,
    )
    # the signal once the rewrite has begun (its temporary file is beside the file): a
    # signal before the command has installed its handler would end the interpreter as
    # any program ends on SIGTERM, which says nothing of how a rewrite stops
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and p.poll() is None and len(list(tmp_path.iterdir())) < 2:
        time.sleep(0.02)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=60)
    if p.returncode == 0:
        pytest.skip("the run ended before the signal")
    assert p.returncode == 143, err
    assert err.decode().strip() == "gazetteer: terminated"
    assert f.read_bytes() == old
    assert [x.name for x in tmp_path.iterdir()] == ["big.txt"]


@pytest.mark.parametrize(
    "table, message",
    [
        ("id,name,kind,lat,lon,source\nx,X,village,40,46,s\nx,Y,village,40,46,s\n", ":3: error: duplicate id"),
        ("id,name,kind,lat,lon,source\nx,X,village,400,46,s\n", ":2: error: x: coordinate 400.0"),
        ("id,name,kind,lon,source\nx,X,village,46,s\n", ":1: error: missing column(s): lat"),
        ("id;name;kind;lat;lon;source\nx;X;village;40;46;s\n", ":1: error: expected comma-separated"),
        ("id,name,kind,lat,lon,source\nx,X,village,forty,46,s\n", ":2: error: lat 'forty' is not a number"),
    ],
)
def test_malformed_user_tables_name_file_and_line(run_cli, tmp_path, table, message):
    f = tmp_path / "mine.csv"
    f.write_text(table, encoding="utf-8")
    proc = run_cli("lookup", "--places", f, "Shusha")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert str(f) in err and message in err, err
    assert err.count("\n") == 1


def test_a_query_longer_than_any_name_is_no_match_without_reading_it(gz, monkeypatch, run_cli):
    # a cell or a line holding a paragraph: no reading is tried (their cost grows with the
    # square of the words), the names around it are answered as ever
    from gazetteer.matcher import QUERY_MAX_CHARS

    paragraph = ("Ağdam " * (QUERY_MAX_CHARS // 6 + 1)).strip()
    matcher = gz.matcher
    monkeypatch.setattr(matcher, "_lookup", lambda q: pytest.fail("a reading was tried"))
    assert matcher.lookup(paragraph) == ()
    monkeypatch.undo()
    proc = run_cli("lookup", "--format", "jsonl", input=f"Ağdam\n{paragraph}\nFüzuli\n")
    ids = [line.split('"id": ')[1].split(",")[0] for line in proc.stdout.decode().splitlines()]
    assert ids == ['"aghdam"', "null", '"fuzuli"']
