"""The extract and normalise commands, run as a subprocess on real files."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from . import passages as P

RAW = (
    b"\xef\xbb\xbf"  # BOM
    + "Shells hit Füzulidə overnight.   \r\n".encode()
    + b"Bad byte here: \xff, then Stepanakert\t \r\n"
    + "\r\nВ Джебраил вернулись жители.  ".encode()  # no final newline
)
RAW_EXPECTED = (
    b"\xef\xbb\xbf"
    + "Shells hit Fuzulidə overnight.   \r\n".encode()
    + b"Bad byte here: \xff, then Khankendi\t \r\n"
    + "\r\nВ Jabrayil вернулись жители.  ".encode()
)


@pytest.fixture
def corpus(tmp_path):
    """A small tree of text files (and one file the default globs skip)."""
    root = tmp_path / "in"
    (root / "ru").mkdir(parents=True)
    (root / "en.txt").write_text(P.ENGLISH + "\n", encoding="utf-8")
    (root / "az.md").write_text(P.AZERBAIJANI.replace("Səhər saatlarında ", "") + "\n", encoding="utf-8")
    (root / "ru" / "ru.txt").write_text(P.RUSSIAN + "\n", encoding="utf-8")
    (root / "notes.log").write_text("Stepanakert\n", encoding="utf-8")
    (root / "neg.txt").write_text(P.NEGATIVES + "\n", encoding="utf-8")
    return root


def jsonl(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


# ----------------------------------------------------------------- extract
def test_extract_folder_with_glob(run_cli, corpus):
    proc = run_cli("extract", corpus, "--glob", "*.txt", "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    recs = jsonl(proc.stdout)
    paths = sorted({os.path.relpath(r["path"], corpus) for r in recs})
    assert paths == ["en.txt", os.path.join("ru", "ru.txt")]
    en = [r["id"] for r in recs if r["path"].endswith("en.txt")]
    assert en == P.ENGLISH_IDS
    ru = [r["id"] for r in recs if r["path"].endswith("ru.txt")]
    assert ru == P.RUSSIAN_IDS


def test_extract_folder_default_globs(run_cli, corpus):
    proc = run_cli("extract", corpus, "--format", "jsonl")
    paths = {os.path.basename(r["path"]) for r in jsonl(proc.stdout)}
    assert paths == {"en.txt", "az.md", "ru.txt"}  # notes.log is not a default pattern, neg.txt has no place


def test_extract_offsets_slice_the_file(run_cli, tmp_path):
    f = tmp_path / "raw.txt"
    f.write_bytes(RAW)
    proc = run_cli("extract", f, "--format", "jsonl")
    recs = jsonl(proc.stdout)
    assert [r["id"] for r in recs] == ["fuzuli", "khankendi", "jabrayil"]
    text = RAW.decode("utf-8", "surrogateescape")
    for r in recs:
        assert text[r["start"] : r["end"]] == r["text"]
        assert RAW[r["byte_start"] : r["byte_end"]].decode("utf-8") == r["text"]


def test_extract_stdin(run_cli):
    proc = run_cli("extract", "-", "--format", "jsonl", input=P.TURKISH)
    assert proc.returncode == 0
    recs = jsonl(proc.stdout)
    assert [r["id"] for r in recs] == P.TURKISH_IDS
    assert {r["path"] for r in recs} == {"-"}
    # no FILE argument at all also reads stdin when it is not a terminal
    proc = run_cli("extract", "--format", "jsonl", input="Stepanakert")
    assert [r["id"] for r in jsonl(proc.stdout)] == ["khankendi"]


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv", "geojson"])
def test_extract_formats(run_cli, fmt):
    text = "Shells hit Füzulidə and Stepanakert; later Füzuli again.\n"
    proc = run_cli("extract", "-", "--format", fmt, input=text)
    assert proc.returncode == 0
    out = proc.stdout.decode("utf-8")
    if fmt == "geojson":
        doc = json.loads(out)
        feats = {f["properties"]["id"]: f for f in doc["features"]}
        assert set(feats) == {"fuzuli", "khankendi"}
        assert feats["fuzuli"]["properties"]["mentions"] == 2
        assert feats["fuzuli"]["properties"]["surface_forms"] == ["Füzulidə", "Füzuli"]
        assert feats["khankendi"]["geometry"]["coordinates"] == pytest.approx([46.7528, 39.8177], abs=1e-3)
        return
    if fmt == "json":
        rows = json.loads(out)
    elif fmt in ("csv", "tsv"):
        rows = list(csv.DictReader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
    else:
        lines = out.splitlines()
        header = lines[0].split()
        assert header[:3] == ["path", "start", "end"]
        rows = [dict(zip(header, line.split())) for line in lines[1:]]
    assert [r["id"] for r in rows] == ["fuzuli", "khankendi", "fuzuli"]
    assert [int(r["start"]) for r in rows] == [11, 24, 43]


def test_extract_missing_file_continues(run_cli, corpus):
    missing = corpus / "missing.txt"
    proc = run_cli("extract", missing, corpus / "en.txt", "--format", "jsonl")
    assert proc.returncode == 1
    err = proc.stderr.decode().strip().splitlines()
    assert len(err) == 1 and str(missing) in err[0]
    assert [r["id"] for r in jsonl(proc.stdout)] == P.ENGLISH_IDS  # the other file was still processed


def test_extract_binary_file_is_refused(run_cli, tmp_path):
    f = tmp_path / "img.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00Stepanakert")
    proc = run_cli("extract", f, "--format", "jsonl")
    assert proc.returncode == 1
    assert "img.txt" in proc.stderr.decode() and "binary" in proc.stderr.decode()
    assert proc.stdout == b""


def test_extract_bad_format_and_encoding(run_cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Stepanakert\n")
    assert run_cli("extract", f, "--format", "xml").returncode == 2
    proc = run_cli("extract", f, "--encoding", "no-such-codec", "--format", "jsonl")
    assert proc.returncode == 2  # a usage error, said once before any file is read
    assert "unknown encoding 'no-such-codec'" in proc.stderr.decode() and proc.stdout == b""


def test_extract_broken_pipe_is_quiet(cli_env, tmp_path, gz):
    big = tmp_path / "big.txt"
    big.write_text(("Shells hit Füzulidə and в Гадруте, then Stepanakert.\n" * 20000), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gazetteer", "extract", str(big), "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env,
    )
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read()
    rc = proc.wait(timeout=120)
    assert json.loads(first)["id"] == "fuzuli"
    assert b"Traceback" not in err and b"Exception" not in err, err.decode()
    assert rc == 0, err.decode()


def test_lookup_broken_pipe_is_quiet(cli_env, gz):
    names = ("Stepanakert\n" * 50000).encode()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gazetteer", "lookup", "-", "--format", "jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env,
    )
    import threading

    def feed():
        try:
            proc.stdin.write(names)
            proc.stdin.close()
        except (BrokenPipeError, ValueError, OSError):
            pass  # the command stopped reading once its stdout was closed: that is the point

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    rc = proc.wait(timeout=120)
    assert json.loads(first)["id"] == "khankendi"
    assert b"Traceback" not in err, err.decode()
    assert rc == 0


# ----------------------------------------------------------------- normalise
def test_normalise_stdin_to_stdout(run_cli):
    proc = run_cli("normalise", "-", input="Cəbrayıl, Джебраил.\r\nFüzuli'de\n")
    assert proc.returncode == 0
    assert proc.stdout == b"Jabrayil, Jabrayil.\r\nFuzuli'de\n"
    proc = run_cli("normalize", "-", "--naming", "az", input="Stepanakert")
    assert proc.stdout == "Xankəndi".encode()


def test_normalise_byte_exact(run_cli, tmp_path):
    f = tmp_path / "raw.txt"
    f.write_bytes(RAW)
    proc = run_cli("normalise", f)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == RAW_EXPECTED
    # and through stdin too
    proc = run_cli("normalise", "-", input=RAW)
    assert proc.stdout == RAW_EXPECTED


def test_normalise_output_dir_mirrors_tree(run_cli, corpus, tmp_path):
    out = tmp_path / "out"
    before = {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}
    proc = run_cli("normalise", corpus, "-o", out)
    assert proc.returncode == 0, proc.stderr
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["az.md", "en.txt", "neg.txt", os.path.join("ru", "ru.txt")]
    assert (out / "neg.txt").read_bytes() == (corpus / "neg.txt").read_bytes()
    en = (out / "en.txt").read_text(encoding="utf-8")
    assert "Officials in Khankendi denied" in en and "Stepanakert" not in en
    ru = (out / "ru" / "ru.txt").read_text(encoding="utf-8")
    assert "вернулись в Hadrut." in ru
    # inputs untouched
    assert before == {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}


def test_normalise_output_dir_inside_input_refused(run_cli, corpus):
    proc = run_cli("normalise", corpus, "-o", corpus / "out")
    assert proc.returncode == 2
    assert not (corpus / "out").exists()


def test_normalise_in_place_with_backup(run_cli, tmp_path):
    f = tmp_path / "raw.txt"
    f.write_bytes(RAW)
    proc = run_cli("normalise", f, "--in-place", "--backup", ".bak")
    assert proc.returncode == 0, proc.stderr
    assert f.read_bytes() == RAW_EXPECTED
    assert (tmp_path / "raw.txt.bak").read_bytes() == RAW
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw.txt", "raw.txt.bak"]
    # running again changes nothing
    run_cli("normalise", f, "--in-place")
    assert f.read_bytes() == RAW_EXPECTED


def test_normalise_diff_leaves_file(run_cli, tmp_path):
    f = tmp_path / "en.txt"
    f.write_text(P.ENGLISH + "\n", encoding="utf-8")
    proc = run_cli("normalise", f, "--diff")
    assert proc.returncode == 0
    diff = proc.stdout.decode("utf-8")
    assert diff.startswith(f"--- a/{f}\n+++ b/{f}\n@@ ")
    assert "\n-" + P.ENGLISH in diff
    plus = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert len(plus) == 1 and "Officials in Khankendi denied" in plus[0]
    assert f.read_text(encoding="utf-8") == P.ENGLISH + "\n"


def test_normalise_report(run_cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Cəbrayıl and Stepanakert, and Hadrut.\n", encoding="utf-8")
    report = tmp_path / "changes.jsonl"
    proc = run_cli("normalise", f, "--report", report)
    assert proc.returncode == 0
    assert proc.stdout == b"Jabrayil and Khankendi, and Hadrut.\n"
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert rows == [
        {"path": str(f), "start": 0, "end": 8, "old": "Cəbrayıl", "new": "Jabrayil", "id": "jabrayil"},
        {"path": str(f), "start": 13, "end": 24, "old": "Stepanakert", "new": "Khankendi", "id": "khankendi"},
    ]


def test_normalise_missing_file_continues(run_cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Stepanakert\n")
    missing = tmp_path / "missing.txt"
    proc = run_cli("normalise", missing, good, "--in-place")
    assert proc.returncode == 1
    err = proc.stderr.decode().strip().splitlines()
    assert len(err) == 1 and str(missing) in err[0]
    assert good.read_text() == "Khankendi\n"
    assert not missing.exists()


def test_normalise_utf16_in_place(run_cli, tmp_path):
    for enc, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        f = tmp_path / f"{enc}.txt"
        f.write_bytes(bom + "Shells hit Füzulidə.\r\nДжебраил, Stepanakert\r\n".encode(enc))
        proc = run_cli("normalise", f, "--in-place")
        assert proc.returncode == 0, proc.stderr
        data = f.read_bytes()
        assert data == bom + "Shells hit Fuzulidə.\r\nJabrayil, Khankendi\r\n".encode(enc)
        proc = run_cli("extract", f, "--format", "jsonl")
        recs = jsonl(proc.stdout)
        assert [r["id"] for r in recs] == ["fuzuli", "jabrayil", "khankendi"]
        for r in recs:
            assert data[r["byte_start"] : r["byte_end"]].decode(enc) == r["text"]


@pytest.mark.parametrize(
    "requested, enc, bom",
    [
        ("utf-8-sig", "utf-8", b"\xef\xbb\xbf"),
        ("utf-16", "utf-16-le", b"\xff\xfe"),
        ("utf-32", "utf-32-be", b"\x00\x00\xfe\xff"),
    ],
)
def test_bom_codecs_requested_by_name(run_cli, tmp_path, requested, enc, bom):
    """--encoding utf-8-sig/utf-16/utf-32 once counted a BOM in every byte offset and wrote
    one per piece: the BOM is read and written once, as text."""
    f = tmp_path / "a.txt"
    f.write_bytes(bom + "Shells hit Füzulidə and Baku.\n".encode(enc))
    proc = run_cli("extract", f, "--encoding", requested, "--format", "jsonl")
    recs = jsonl(proc.stdout)
    data = f.read_bytes()
    assert [r["id"] for r in recs] == ["fuzuli", "baku"]
    for r in recs:
        assert data[r["byte_start"] : r["byte_end"]].decode(enc) == r["text"]
    assert run_cli("normalise", f, "--encoding", requested, "--in-place").returncode == 0
    assert f.read_bytes() == bom + "Shells hit Fuzulidə and Baku.\n".encode(enc)


@pytest.mark.parametrize(
    "args",
    [("--in-place", "--diff"), ("--backup", ".bak"), ("-o", "OUT", "--in-place")],
)
def test_normalise_bad_option_combinations(run_cli, tmp_path, args):
    f = tmp_path / "a.txt"
    f.write_text("Stepanakert\n")
    args = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    proc = run_cli("normalise", f, *args)
    assert proc.returncode == 2
    assert f.read_text() == "Stepanakert\n"


def test_normalise_stdin_in_place_refused(run_cli):
    proc = run_cli("normalise", "-", "--in-place", input="Stepanakert")
    assert proc.returncode == 2
    assert proc.stdout == b""


def test_normalise_annotate_and_markup(run_cli):
    proc = run_cli("normalise", "-", "--annotate", input="Füzulidə.")
    assert proc.stdout.decode() == "Füzulidə [Fuzuli, 39.6009, 47.1453]."
    proc = run_cli("normalise", "-", "--markup", input="Füzulidə.")
    assert proc.stdout.decode() == '<place id="fuzuli" name="Fuzuli" lat="39.60094" lon="47.14529">Füzulidə</place>.'


# ----------------------------------------------------------------- worker processes
def _big_text() -> str:
    """Several scanner pieces (PIECE is 256k characters) of mixed-language passages."""
    para = "\n".join([P.ENGLISH, P.AZERBAIJANI, P.RUSSIAN, P.TURKISH, P.NEGATIVES, P.CUES]) + "\n"
    return para * (700_000 // len(para))


def test_jobs_split_one_big_file_into_pieces(run_cli, tmp_path):
    """--jobs N on one file scans its pieces in N workers: the output is the same."""
    f = tmp_path / "big.txt"
    f.write_text(_big_text(), encoding="utf-8")
    for sub, fmt in (("extract", ["--format", "jsonl"]), ("normalise", [])):
        one = run_cli(sub, f, "-q", "--jobs", "1", *fmt)
        two = run_cli(sub, f, "-q", "--jobs", "2", *fmt)
        assert one.returncode == two.returncode == 0, two.stderr
        assert one.stdout == two.stdout
    recs = jsonl(run_cli("extract", f, "-q", "--format", "jsonl", "-j", "2").stdout)
    text = f.read_text(encoding="utf-8")
    assert len(recs) > 1000 and all(text[r["start"] : r["end"]] == r["text"] for r in recs)
    piped = run_cli("normalise", "-", "-q", "-j", "2", input=text)
    assert piped.returncode == 0 and piped.stdout == one.stdout


def test_jobs_over_files_keep_input_order(run_cli, tmp_path):
    for n, body in enumerate([P.ENGLISH, P.RUSSIAN, P.TURKISH, P.AZERBAIJANI] * 2):
        (tmp_path / f"{n:02d}.txt").write_text(body, encoding="utf-8")
    one = run_cli("extract", tmp_path, "-q", "--format", "jsonl", "--jobs", "1")
    two = run_cli("extract", tmp_path, "-q", "--format", "jsonl", "--jobs", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout
    paths = [os.path.basename(r["path"]) for r in jsonl(two.stdout)]
    assert paths == sorted(paths) and len(set(paths)) == 8
