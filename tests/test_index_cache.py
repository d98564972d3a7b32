"""The compiled-index cache (issue 11): a damaged cache is a miss, user tables are keyed
by their content, old index files are removed, and a cache folder that other users can
write is refused in one line.

These run the CLI as a subprocess against a private GAZETTEER_CACHE per test, since what
matters is what a user sees on the next run.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import stat
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from .tabledata import GOOD_ROWS, write_table

# Enough names that a lookup run reads the whole index into memory (materialise), so that
# damage anywhere in the file is met, not only on the pages one lookup touches.
NAMES = (
    "Shusha Aghdam Fuzuli Khankendi Lachin Kalbajar Tartar Barda Goranboy Agdere Khojaly "
    "Khojavend Jabrayil Zangilan Gubadly Martuni Martakert Hadrut Askeran Gandzasar Tigranakert "
    "Amaras Dadivank Kelbajar Lacin Shushi Susa Agdam Fizuli Xankendi Laçın Kəlbəcər Tərtər "
    "Bərdə Ağdərə Xocalı Xocavənd Cəbrayıl Zəngilan Qubadlı Stepanakert Шуша Агдам Физули "
    "Лачин Кельбаджар Տիգրանակերտ Շուշի Ստեփանակերտ"
).split()

POSIX = hasattr(os, "getuid")


def run(cache: Path, *args, input: str = "", cwd=None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["GAZETTEER_CACHE"] = str(cache)
    env.pop("GAZETTEER_PLACES", None)
    env.pop("GAZETTEER_DEBUG", None)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "gazetteer", *map(str, args)],
        input=input.encode("utf-8"),
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )


def index_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("index-*.sqlite"))


def lookup_names(cache: Path) -> subprocess.CompletedProcess:
    return run(cache, "lookup", "--format", "jsonl", input="\n".join(NAMES) + "\n")


@pytest.fixture(scope="module")
def bundled_index(tmp_path_factory) -> Path:
    """The bundled table compiled once (about 20 MB); each test gets its own copy."""
    cache = tmp_path_factory.mktemp("built-index")
    proc = run(cache, "lookup", "Shusha")
    assert proc.returncode == 0, proc.stderr.decode()
    (index,) = index_files(cache)
    return index


@pytest.fixture
def cache(tmp_path, bundled_index) -> Path:
    d = tmp_path / "cache"
    d.mkdir(mode=0o700)
    shutil.copy2(bundled_index, d / bundled_index.name)
    return d


@pytest.fixture(scope="module")
def expected_lookup(bundled_index, tmp_path_factory) -> bytes:
    """What looking up NAMES prints with an undamaged cache."""
    d = tmp_path_factory.mktemp("pristine")
    shutil.copy2(bundled_index, d / bundled_index.name)
    proc = lookup_names(d)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.count(b"\n") == len(NAMES)
    return proc.stdout


def assert_clean(proc: subprocess.CompletedProcess) -> None:
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert proc.stderr == b""


# ----------------------------------------------------------------- damage is a miss
def test_random_bytes_in_the_middle_of_the_cache_are_rebuilt_not_an_error(cache, expected_lookup):
    (index,) = index_files(cache)
    size = index.stat().st_size
    with open(index, "r+b") as f:
        f.seek(size // 2)
        f.write(random.Random(11).randbytes(64 * 1024))
    proc = lookup_names(cache)
    assert_clean(proc)
    assert proc.stdout == expected_lookup
    # the file was replaced by a good one: the next run is clean too, and the single lookup works
    assert index_files(cache) == [index]
    assert_clean(lookup_names(cache))
    one = run(cache, "lookup", "Shusha", "--format", "jsonl")
    assert_clean(one)
    assert b'"id": "shusha"' in one.stdout


def test_damage_to_a_checked_index_is_found_even_with_its_old_times_put_back(cache, expected_lookup):
    # the first run checks the whole file once and stamps it; later runs trust the stamp
    # only while the file is that very file (a write changes its ctime, which no one can set)
    assert_clean(lookup_names(cache))
    (index,) = index_files(cache)
    assert index.with_name(index.name + ".checked").exists()
    before = index.stat()
    with open(index, "r+b") as f:
        f.seek(before.st_size // 3)
        f.write(random.Random(12).randbytes(4096))
    os.utime(index, ns=(before.st_atime_ns, before.st_mtime_ns))
    proc = lookup_names(cache)
    assert_clean(proc)
    assert proc.stdout == expected_lookup


def test_truncated_cache_is_rebuilt_not_an_error(cache, expected_lookup):
    (index,) = index_files(cache)
    with open(index, "r+b") as f:
        f.truncate(index.stat().st_size * 3 // 5)
    proc = lookup_names(cache)
    assert_clean(proc)
    assert proc.stdout == expected_lookup
    assert index.stat().st_size > 1_000_000  # rebuilt in full


def test_an_sqlite_file_of_another_schema_at_the_index_path_is_rebuilt(cache, expected_lookup):
    # a valid database, even one with the version row, that is not a complete index
    (index,) = index_files(cache)
    index.unlink()
    conn = sqlite3.connect(index)
    conn.execute("CREATE TABLE meta(k TEXT PRIMARY KEY, val TEXT)")
    conn.execute("INSERT INTO meta VALUES ('version', '10')")
    conn.commit()
    conn.close()
    proc = lookup_names(cache)
    assert_clean(proc)
    assert proc.stdout == expected_lookup


def test_a_changed_value_in_a_cached_row_is_detected_and_rebuilt(tmp_path):
    # SQLite has no page checksums: a flipped coordinate would be served as if it were true
    table = write_table(tmp_path / "table")
    cache = tmp_path / "cache"
    first = run(cache, "lookup", "--no-bundled", "--places", table, "Testabad", "--format", "jsonl")
    assert_clean(first)
    assert b'"lat": 39.71' in first.stdout
    (index,) = index_files(cache)
    data = index.read_bytes()
    good, bad = struct.pack(">d", 39.71), struct.pack(">d", 12.5)
    assert data.count(good) == 1  # SQLite keeps a REAL as 8 big-endian bytes
    index.write_bytes(data.replace(good, bad))
    again = run(cache, "lookup", "--no-bundled", "--places", table, "Testabad", "--format", "jsonl")
    assert_clean(again)
    assert b'"lat": 39.71' in again.stdout
    assert b"12.5" not in again.stdout


def test_damage_after_the_index_was_opened_is_rebuilt_mid_run(cache, bundled_index, monkeypatch, tmp_path):
    from gazetteer import Gazetteer

    pristine = tmp_path / "pristine"
    pristine.mkdir(mode=0o700)
    shutil.copy2(bundled_index, pristine / bundled_index.name)
    monkeypatch.setenv("GAZETTEER_CACHE", str(pristine))
    expected = [(m.id, m.lat, m.lon) if m else None for m in map(Gazetteer.load().lookup, NAMES)]
    assert all(expected)

    monkeypatch.setenv("GAZETTEER_CACHE", str(cache))
    gz = Gazetteer.load()
    assert gz.lookup("Shusha").id == "shusha"
    (index,) = index_files(cache)
    with open(index, "r+b") as f:  # in place, under the open index (a disk fault, a careless tool)
        f.seek(index.stat().st_size // 2)
        f.write(random.Random(12).randbytes(64 * 1024))
    got = [(m.id, m.lat, m.lon) if m else None for m in map(gz.lookup, NAMES)]
    assert got == expected
    assert gz.extract("From Shusha to Aghdam.")  # the scanner's keys load from the rebuilt file


def test_a_cache_folder_whose_name_holds_a_question_mark_or_hash_is_used_and_reused(tmp_path):
    # SQLite reads "file:...?mode=ro" as a URI: a raw ? or # in the folder name cut the path short
    cache = tmp_path / "odd#name?x=1"
    table = write_table(tmp_path / "t")
    first = run(cache, "lookup", "--no-bundled", "--places", table, "Testabad", "--format", "jsonl")
    assert_clean(first)
    assert b'"id": "testabad"' in first.stdout
    (index,) = index_files(cache)
    built = index.stat().st_ino, index.stat().st_mtime_ns
    again = run(cache, "lookup", "--no-bundled", "--places", table, "Testabad", "--format", "jsonl")
    assert_clean(again)
    assert again.stdout == first.stdout
    assert (index.stat().st_ino, index.stat().st_mtime_ns) == built  # a hit, not a rebuild


# ----------------------------------------------------------------- user tables keyed by content
def test_a_user_table_edited_keeping_size_and_mtime_is_not_served_stale(tmp_path):
    table = write_table(tmp_path / "table")
    cache = tmp_path / "cache"
    before = run(cache, "lookup", "--no-bundled", "--places", table, "Testabad", "--format", "jsonl")
    assert_clean(before)
    assert b'"lat": 39.71,' in before.stdout
    st = table.stat()
    text = table.read_text(encoding="utf-8")
    edited = text.replace("39.71000", "39.72000")
    assert edited != text and len(edited) == len(text)
    table.write_text(edited, encoding="utf-8")
    os.utime(table, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert table.stat().st_size == st.st_size and table.stat().st_mtime_ns == st.st_mtime_ns
    after = run(cache, "lookup", "--no-bundled", "--places", table, "Testabad", "--format", "jsonl")
    assert_clean(after)
    assert b'"lat": 39.72,' in after.stdout


def test_an_edited_variants_file_beside_a_user_table_is_not_served_stale(tmp_path):
    table = write_table(tmp_path / "table")
    variants = table.parent / "variants.csv"
    cache = tmp_path / "cache"
    before = run(cache, "lookup", "--no-bundled", "--places", table, "Զորքավան", "--format", "jsonl")
    assert_clean(before)
    assert b'"id": "zorkavan"' in before.stdout
    st = variants.stat()
    text = variants.read_text(encoding="utf-8")
    edited = text.replace("zorkavan,Զորքավան", "testabad,Զորքավան")  # the variant moves to another place
    assert edited != text and len(edited) == len(text)
    variants.write_text(edited, encoding="utf-8")
    os.utime(variants, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = run(cache, "lookup", "--no-bundled", "--places", table, "Զորքավան", "--format", "jsonl")
    assert_clean(after)
    assert b'"id": "testabad"' in after.stdout


# ----------------------------------------------------------------- old index files removed
def small_table(folder: Path, n: int) -> Path:
    """A valid table whose content (one latitude) differs with n, so it compiles to its own index."""
    rows = list(GOOD_ROWS)
    rows[2] = rows[2].replace("39.90000", f"39.{90000 + n:05d}")
    return write_table(folder / f"t{n}", rows)


def test_only_the_newest_three_index_files_are_kept_and_nothing_else_is_removed(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    others = ["notes.txt", "online-nominatim.sqlite", "index-keep.sqlite.bak", "index-1234.sqlite"]
    for name in others:
        (cache / name).write_text("not an index")
    built = []
    for n in range(5):
        table = small_table(tmp_path, n)
        assert_clean(run(cache, "lookup", "--no-bundled", "--places", table, "Zorkavan"))
        new = [p for p in index_files(cache) if p not in built and p.name not in others]
        assert len(new) == 1
        built.append(new[0])
        # distinct modification times, whatever the file system's resolution
        os.utime(new[0], (1_000_000_000 + n * 100, 1_000_000_000 + n * 100))
    left = [p for p in index_files(cache) if p.name not in others]
    assert left == sorted(built[-3:])
    for name in others:
        assert (cache / name).read_text() == "not an index"


def test_the_least_recently_used_index_is_the_one_removed(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    tables = [small_table(tmp_path, n) for n in range(4)]
    built = []
    for n, table in enumerate(tables[:3]):
        assert_clean(run(cache, "lookup", "--no-bundled", "--places", table, "Zorkavan"))
        (new,) = (p for p in index_files(cache) if p not in built)
        built.append(new)
        os.utime(new, (1_000_000_000 + n * 100, 1_000_000_000 + n * 100))  # long ago
    assert_clean(run(cache, "lookup", "--no-bundled", "--places", tables[0], "Zorkavan"))  # used again
    assert_clean(run(cache, "lookup", "--no-bundled", "--places", tables[3], "Zorkavan"))
    left = index_files(cache)
    assert len(left) == 3
    assert built[0] in left and built[2] in left
    assert built[1] not in left


def test_temporary_files_of_a_build_that_died_are_removed_but_not_a_running_builds(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    dead, running, other = cache / ".index-k1ll3d_.tmp", cache / ".index-bu1ld1ng.tmp", cache / ".other-x.tmp"
    for path in (dead, running, other):
        path.write_bytes(b"half an index")
    os.utime(dead, (1_000_000_000, 1_000_000_000))
    os.utime(other, (1_000_000_000, 1_000_000_000))
    assert_clean(run(cache, "lookup", "--no-bundled", "--places", small_table(tmp_path, 0), "Zorkavan"))
    assert not dead.exists()
    assert running.exists() and other.exists()


# ----------------------------------------------------------------- a private cache folder
@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_a_new_cache_folder_is_private_and_index_files_are_owner_only(tmp_path):
    cache = tmp_path / "new" / "cache"
    old = os.umask(0o022)
    try:
        proc = run(cache, "lookup", "--no-bundled", "--places", write_table(tmp_path / "t"), "Testabad")
    finally:
        os.umask(old)
    assert_clean(proc)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    (index,) = index_files(cache)
    assert stat.S_IMODE(index.stat().st_mode) == 0o600


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777, 0o1777], ids=oct)
def test_a_cache_folder_others_can_write_is_refused_in_one_line(tmp_path, mode):
    cache = tmp_path / "shared"
    cache.mkdir()
    os.chmod(cache, mode)
    proc = run(cache, "lookup", "--no-bundled", "--places", write_table(tmp_path / "t"), "Testabad")
    assert proc.returncode == 2
    assert proc.stdout == b""
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and err.startswith("gazetteer: ")
    assert str(cache) in err and "Traceback" not in err
    assert "chmod" in err or "GAZETTEER_CACHE" in err  # says what to do
    assert index_files(cache) == []  # nothing written there


@pytest.mark.skipif(not POSIX, reason="POSIX owners")
def test_a_cache_folder_owned_by_another_user_is_refused(tmp_path, monkeypatch):
    from gazetteer import Gazetteer
    from gazetteer.errors import GazetteerError

    cache = tmp_path / "theirs"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("GAZETTEER_CACHE", str(cache))
    monkeypatch.setattr(os, "getuid", lambda: cache.stat().st_uid + 1)
    with pytest.raises(GazetteerError) as info:
        Gazetteer.load([write_table(tmp_path / "t")], replace=True)
    message = str(info.value)
    assert "\n" not in message and str(cache) in message and "owned by" in message
    assert index_files(cache) == []


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_the_online_cache_folder_gets_the_same_check(tmp_path, monkeypatch):
    from gazetteer.errors import GazetteerError
    from gazetteer.online import OnlineGeocoder

    cache = tmp_path / "shared"
    cache.mkdir()
    os.chmod(cache, 0o777)
    monkeypatch.setenv("GAZETTEER_CACHE", str(cache))
    with pytest.raises(GazetteerError, match="writable by"):
        OnlineGeocoder(user_agent="gazetteer-tests/1.0 (tests@example.org)")


def test_key_shapes_are_built_with_the_index_and_match_the_keys(gz):
    from gazetteer.scan.shapes import key_shapes

    assert gz.index.key_shapes() == key_shapes(gz.index.folded_keys())
