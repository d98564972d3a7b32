"""The scanner's key table (gazetteer._core.KeyTable), written with the index and read
back at every start instead of a dictionary: the same answers, and never trusted damaged."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gazetteer import _core
from gazetteer.index import _SCAN_TABLE, _scan_table
from gazetteer.scan.shapes import key_shapes


def test_the_key_table_answers_as_the_folded_keys(gz):
    table = gz.index.scan_table()
    keys = gz.index.folded_keys()
    assert len(table) == len(keys)
    assert list(table) == sorted(keys)
    assert all(table[k] == ids and table.get(k) == ids and k in table for k, ids in keys.items())
    assert table.get("no such key at all") is None and "no such key at all" not in table
    with pytest.raises(KeyError):
        table["no such key at all"]


def test_a_key_hands_out_the_same_tuple_every_time(gz):
    # the engine keeps the rankings of a span by the address of its ids
    table = gz.index.scan_table()
    assert table.get("baku") is table["baku"] is table.get("baku")


def test_a_key_without_variants_is_a_key_that_names_nothing():
    shapes = key_shapes(["lachin", "lachin corridor"])
    data = _core.key_table_bytes({"lachin": (3,), "": ()}, *shapes)
    table = _core.KeyTable(data)
    assert "" in table and table[""] == () and table.get("lachin corridor") is None


def test_a_damaged_key_table_is_refused():
    keys = {"lachin": (3, 4), "lachin corridor": (7,), "şuşa": (9,)}
    data = _core.key_table_bytes(keys, *key_shapes(keys))
    table = _core.KeyTable(data)
    assert {k: table[k] for k in keys} == keys
    for damaged in (data[:-1], data[:20], b"", b"GZKT" + data[4:8] + b"\xff" * (len(data) - 8)):
        with pytest.raises(ValueError):
            _core.KeyTable(damaged)


def test_a_damaged_table_row_is_damage_the_index_rebuilds_from():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE meta(k TEXT PRIMARY KEY, val TEXT)")
    conn.execute("INSERT INTO meta VALUES (?, ?)", (_SCAN_TABLE, b"GZKT\x01\x00\x00\x00 not a table"))
    # a ValueError is what CompiledIndex._read treats as a damaged file (rebuilt)
    with pytest.raises(ValueError):
        _scan_table(conn)


def test_a_cached_index_whose_key_table_was_changed_is_rebuilt(gz, cache_dir, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    env = dict(os.environ, GAZETTEER_CACHE=str(cache))
    text = tmp_path / "one.txt"
    text.write_text("Shells hit Füzulidə and the Baku road near Ganja.\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "gazetteer", "extract", str(text), "--format", "jsonl", "-q"]
    first = subprocess.run(cmd, env=env, capture_output=True, check=True).stdout
    (index,) = Path(cache).glob("index-*.sqlite")
    conn = sqlite3.connect(index)
    (size,) = conn.execute("SELECT length(val) FROM meta WHERE k=?", (_SCAN_TABLE,)).fetchone()
    conn.execute("UPDATE meta SET val=? WHERE k=?", (b"\x00" * size, _SCAN_TABLE))
    conn.commit()
    conn.close()
    again = subprocess.run(cmd, env=env, capture_output=True)
    assert again.returncode == 0 and again.stdout == first and b"Traceback" not in again.stderr
    conn = sqlite3.connect(index)
    (blob,) = conn.execute("SELECT val FROM meta WHERE k=?", (_SCAN_TABLE,)).fetchone()
    assert len(_core.KeyTable(blob)) == len(gz.index.folded_keys())
