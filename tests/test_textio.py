"""gazetteer.textio: encodings, pieces, atomic writes, walking folders."""

from __future__ import annotations

import codecs
import io
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.textio import atomic_writer, detect_encoding, error_handler, iter_pieces, looks_binary, walk


@pytest.mark.parametrize(
    "head, expected",
    [
        (b"plain", "utf-8"),
        (codecs.BOM_UTF8 + b"x", "utf-8"),
        (codecs.BOM_UTF16_LE + b"x\x00", "utf-16-le"),
        (codecs.BOM_UTF16_BE + b"\x00x", "utf-16-be"),
        (codecs.BOM_UTF32_LE + b"x\x00\x00\x00", "utf-32-le"),
        (codecs.BOM_UTF32_BE + b"\x00\x00\x00x", "utf-32-be"),
        (b"", "utf-8"),
    ],
)
def test_detect_encoding(head, expected):
    assert detect_encoding(head) == expected


def test_detect_encoding_requested():
    assert detect_encoding(codecs.BOM_UTF16_LE, "latin-1") == "latin-1"
    # codecs that manage a BOM themselves become their explicit forms (the BOM stays text)
    assert detect_encoding(codecs.BOM_UTF8 + b"x", "utf-8-sig") == "utf-8"
    assert detect_encoding(codecs.BOM_UTF16_BE + b"\x00x", "UTF-16") == "utf-16-be"
    assert detect_encoding(b"x\x00", "utf16") == "utf-16-le"
    assert detect_encoding(codecs.BOM_UTF32_BE, "utf-32") == "utf-32-be"
    with pytest.raises(LookupError):
        detect_encoding(b"", "no-such-encoding")


def test_error_handler_and_binary():
    assert error_handler("utf-8") == "surrogateescape"
    assert error_handler("utf-16-le") == "surrogatepass"
    assert looks_binary(b"\x89PNG\x00\x00", "utf-8")
    assert not looks_binary("Füzuli".encode("utf-16-le"), "utf-16-le")
    assert not looks_binary(b"text only\n", "utf-8")


def _pieces(data: bytes, enc="utf-8", block=5):
    return list(iter_pieces(io.BytesIO(data), enc, block))


def test_pieces_end_at_line_ends():
    data = "Füzuli\nCəbrayıl\r\nШуша\rend".encode()
    pieces = _pieces(data)
    assert "".join(pieces) == data.decode("utf-8")
    for p in pieces[:-1]:
        assert p.endswith(("\n", "\r"))
    # a CRLF is never split between two pieces
    assert not any(p.endswith("\r") and q.startswith("\n") for p, q in zip(pieces, pieces[1:]))


@settings(max_examples=100)
@given(st.binary(max_size=200), st.integers(1, 17))
def test_pieces_keep_every_byte(data, block):
    text = "".join(_pieces(data, block=block))
    assert text.encode("utf-8", "surrogateescape") == data


@settings(max_examples=60)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
    st.integers(2, 19),
    st.sampled_from(["utf-16-le", "utf-16-be", "utf-32-le"]),
)
def test_pieces_wide_encodings(text, block, enc):
    data = text.encode(enc)
    assert "".join(_pieces(data, enc, block)) == text


def test_atomic_writer_replaces_and_backs_up(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    with atomic_writer(target, ".bak") as fh:
        fh.write(b"new")
    assert target.read_bytes() == b"new"
    assert (tmp_path / "a.txt.bak").read_bytes() == b"old"
    assert (os.stat(target).st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "a.txt.bak"]


def test_atomic_writer_keeps_old_file_on_error(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_writer(target) as fh:
            fh.write(b"half")
            raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary left behind


def test_atomic_writer_creates_folders(tmp_path):
    target = tmp_path / "x" / "y" / "z.txt"
    with atomic_writer(target) as fh:
        fh.write(b"hi")
    assert target.read_bytes() == b"hi"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_atomic_writer_writes_into_a_named_pipe_and_leaves_it_a_pipe(tmp_path):
    import stat
    import threading

    pipe = tmp_path / "out.fifo"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    with atomic_writer(pipe) as fh:
        fh.write(b"through the pipe\n")
    reader.join(10)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.fifo"]  # no temporary left


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_atomic_writer_writes_through_a_link_and_keeps_it(tmp_path):
    real = tmp_path / "data" / "real.txt"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with atomic_writer(link) as fh:
        fh.write(b"new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"


def test_walk(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.md").write_text("x")
    (tmp_path / "c.bin").write_bytes(b"x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "sub" / "d.txt").write_text("x")
    found = [(i.name, i.root) for i in walk([str(tmp_path)])]
    names = [os.path.relpath(n, tmp_path) for n, _ in found]
    assert names == ["a.txt", "b.md", os.path.join("sub", "d.txt")]
    assert {r for _, r in found} == {tmp_path}
    only_md = [os.path.basename(i.name) for i in walk([str(tmp_path)], ("*.md",))]
    assert only_md == ["b.md"]
    # a file named twice (directly and through its folder) is listed once; "-" is stdin
    twice = list(walk([str(tmp_path / "a.txt"), str(tmp_path), "-"], ("*.txt",)))
    assert [os.path.basename(i.name) for i in twice] == ["a.txt", "d.txt", "-"]
    assert twice[-1].path is None and twice[-1].name == "-"
    # a missing file is still yielded, so that the caller can report it
    missing = list(walk([str(tmp_path / "nope.txt")]))
    assert missing[0].path == tmp_path / "nope.txt"
