"""The CLI's byte path: UTF-8 input is read as bytes, cut into pieces by the compiled
core (documents.utf8_pieces, the very pieces of textio.iter_pieces), and extract's JSON
Lines and normalise's text come back as bytes; what it writes is what the text path
writes, also with bytes that are not UTF-8, CR LF at piece ends and characters cut by
the reads."""

from __future__ import annotations

import io
import json
import os
import random

import pytest

from gazetteer.documents import extract_stream, utf8_pieces
from gazetteer.review import MentionExtras
from gazetteer.textio import MAX_PIECE, PIECE, iter_pieces

from . import passages as P

PARAGRAPH = "\r\n".join([P.ENGLISH, P.AZERBAIJANI, P.RUSSIAN, P.ARMENIAN]) + "\n"


def _text_of(size: int, seed: int) -> bytes:
    """About ``size`` code points of mixed-script text with bytes that are not UTF-8,
    lone CRs, and line ends near the piece size."""
    rnd = random.Random(seed)
    parts, n = [], 0
    while n < size:
        piece = PARAGRAPH[rnd.randrange(len(PARAGRAPH)) :]
        parts.append(piece.encode("utf-8"))
        n += len(piece)
        roll = rnd.random()
        if roll < 0.2:
            parts.append(bytes([rnd.choice([0xFF, 0xC3, 0xE2, 0x80, 0xF0])]))
        elif roll < 0.3:
            parts.append(b"\r")
    return b"".join(parts)


def _pieces_both_ways(data: bytes, block: int) -> tuple[list, list]:
    by_bytes = [(p.data[p.start : p.end], p.chars) for p in utf8_pieces(io.BytesIO(data), block)]
    by_text = [(t.encode("utf-8", "surrogateescape"), len(t)) for t in iter_pieces(io.BytesIO(data), "utf-8", block)]
    return by_bytes, by_text


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("block", [997, 4096, 1 << 16, 1 << 20])
def test_byte_pieces_are_the_pieces_of_the_text_reader(seed, block):
    data = _text_of(int(2.5 * PIECE), seed)
    by_bytes, by_text = _pieces_both_ways(data, block)
    assert len(by_text) >= 2
    assert by_bytes == by_text


def test_byte_pieces_at_a_cr_lf_a_cut_character_and_the_end():
    head = "é" * PIECE
    for tail in ("\r\nBaku", "\r", "\rBaku", "x\n", "Şuşa"):
        for extra in (b"", b"\xe2\x82", b"\xff"):
            data = head.encode("utf-8") + tail.encode("utf-8") + extra
            for block in (PIECE * 2 + 1, PIECE * 2 + 2, 1 << 20):
                by_bytes, by_text = _pieces_both_ways(data, block)
                assert by_bytes == by_text, (tail, extra, block)


def test_a_line_longer_than_the_longest_piece_is_cut_at_a_space_as_the_text_reader_cuts_it():
    words = ("Baku " * (MAX_PIECE // 5 + 10)).encode("utf-8")
    for data in (words, b"x" * (MAX_PIECE + 10) + b" Baku"):
        by_bytes, by_text = _pieces_both_ways(data, 1 << 20)
        assert len(by_text) >= 2
        assert by_bytes == by_text


def test_extract_cli_lines_are_the_json_of_the_records_of_a_file_with_bad_bytes(run_cli, gz, tmp_path):
    data = _text_of(int(1.5 * PIECE), 7)
    f = tmp_path / "mixed.txt"
    f.write_bytes(data)
    got = run_cli("extract", f, "--format", "jsonl", "-q")
    want = "".join(
        json.dumps(rec, ensure_ascii=False) + "\n"
        for rec in extract_stream(gz, io.BytesIO(data), path=str(f), extra=MentionExtras(gz, "en", 40))
    ).encode("utf-8", "surrogateescape")
    assert got.stdout.count(b"\n") > 100
    assert got.stdout == want
    # stdin and --jobs 2 give the same lines (the path aside)
    piped = run_cli("extract", "-", "--format", "jsonl", "-q", input=data)
    assert piped.stdout == want.replace(json.dumps(str(f)).encode(), b'"-"')
    assert run_cli("extract", f, "--format", "jsonl", "-q", "--jobs", "2").stdout == want


def test_normalise_cli_writes_the_text_gazetteer_normalise_writes_keeping_bad_bytes(run_cli, gz, tmp_path):
    data = _text_of(int(1.5 * PIECE), 11)
    f = tmp_path / "mixed.txt"
    f.write_bytes(data)
    got = run_cli("normalise", f, "-q").stdout
    want = "".join(gz.normalise(t) for t in iter_pieces(io.BytesIO(data), "utf-8")).encode("utf-8", "surrogateescape")
    assert got == want != data
    assert run_cli("normalise", "-", "-q", input=data).stdout == want
    assert run_cli("normalise", f, "-q", "--jobs", "2").stdout == want


def test_normalise_in_place_leaves_a_file_without_names_to_change_as_it_was(run_cli, gz, tmp_path):
    f = tmp_path / "plain.txt"
    f.write_bytes(b"Nothing to change here.\r\n\xff\n")
    before = os.stat(f)
    run_cli("normalise", "--in-place", f, "-q")
    after = os.stat(f)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    text = "Шуша и Füzulidə.\r\n"
    g = tmp_path / "names.txt"
    g.write_bytes(text.encode("utf-8"))
    run_cli("normalise", "--in-place", g, "-q")
    assert g.read_bytes() == gz.normalise(text).encode("utf-8") != text.encode("utf-8")
