"""gazetteer.dask on a local cluster of worker *processes*: the same records as one process."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import typing

import pytest

pytest.importorskip("dask")
db = pytest.importorskip("dask.bag")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")
pd = pytest.importorskip("pandas")

import gazetteer.dask as gd  # noqa: E402
from gazetteer.documents import extract_stream  # noqa: E402
from gazetteer.errors import UsageError  # noqa: E402

TEXTS = [
    "Shells hit Füzulidə and в Гадруте overnight.",
    "Cəbrayıl rayonunda və Şuşada yeni evlər tikilir.",
    None,
    "Stepanakert residents fled to Goris along the Lachin corridor.",
    "Nothing to see here.",
    "Войска вошли в Джебраил, Физули и Шушу.",
    "Ağdam və Xocavənd, Hadrut'a yol.",
]


@pytest.fixture(scope="session")
def client(cache_dir, gz):
    """Two single-threaded worker processes; GAZETTEER_CACHE (set by ``cache_dir``) is
    inherited by them, and the index is already compiled there by ``gz``."""
    assert os.environ["GAZETTEER_CACHE"] == str(cache_dir)
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40
    )
    c = distributed.Client(cluster, set_as_default=True)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


def expected_records(gz, texts, ids=None):
    ids = range(len(texts)) if ids is None else ids
    return [{"doc": i, **rec} for i, t in zip(ids, texts, strict=True) if t is not None for rec in gz.extract(t)]


def test_module_name_does_not_hide_dask(tmp_path):
    code = (
        "import sys, gazetteer.dask as gd; assert 'dask' not in sys.modules, 'dask imported eagerly'; "
        "import dask, dask.bag; assert gd.__name__ == 'gazetteer.dask'; "
        "assert hasattr(dask, 'delayed') and dask.bag.Bag; print(dask.__file__)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert os.path.join("gazetteer", "dask.py") not in out.stdout


def test_loader_loads_once_per_process(monkeypatch, gz):
    import gazetteer.api

    calls = []
    monkeypatch.setattr(gazetteer.api.Gazetteer, "load", classmethod(lambda cls: calls.append(1) or gz))
    monkeypatch.setattr(gd, "_cached", None)
    barrier = threading.Barrier(8)
    got = []

    def worker():
        barrier.wait()
        got.append(gd._gazetteer())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len(got) == 8 and all(g is gz for g in got)


def test_extract_texts_equals_single_process(client, gz):
    bag = db.from_sequence(TEXTS, npartitions=3)
    got = gd.extract_texts(bag).compute()
    assert got == expected_records(gz, TEXTS)
    assert {r["id"] for r in got} >= {"fuzuli", "hadrut", "jabrayil_district", "shusha", "khankendi", "jabrayil"}
    assert gd.extract_texts(db.from_sequence(TEXTS, npartitions=1)).compute() == got


def test_extract_texts_with_ids_and_naming(client, gz):
    pairs = [(f"t{i}", t) for i, t in enumerate(TEXTS)]
    got = gd.extract_texts(db.from_sequence(pairs, npartitions=2), naming="ru").compute()
    want = [{"doc": i, **rec} for i, t in pairs if t is not None for rec in gz.extract(t, naming="ru")]
    assert got == want
    assert "Физули" in {r["name"] for r in got}


def test_workers_are_processes_that_load_the_table_once(client):
    gd.extract_texts(db.from_sequence(TEXTS, npartitions=4)).compute()
    pids = client.run(os.getpid)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
    first = client.run(lambda: id(gd._gazetteer()))
    assert client.run(lambda: id(gd._gazetteer())) == first


def test_extract_paths_and_a_missing_file(client, gz, tmp_path):
    paths = []
    for i, t in enumerate(TEXTS):
        if t is not None:
            p = tmp_path / f"doc{i}.txt"
            p.write_text(t + "\n", encoding="utf-16" if i == 5 else "utf-8")
            paths.append(str(p))
    missing = str(tmp_path / "gone.txt")
    got = gd.extract_paths(db.from_sequence([*paths[:3], missing, *paths[3:]], npartitions=3)).compute()
    want = []
    for p in [*paths[:3], missing, *paths[3:]]:
        if p == missing:
            want.append({"path": missing, "error": "no such file or directory"})
            continue
        with open(p, "rb") as fh:
            want.extend({"path": p, **rec} for rec in extract_stream(gz, fh))
    assert got == want
    assert any(r["path"] == paths[4] and r["text"] == "Джебраил" for r in got)  # the UTF-16 file


def test_normalise_paths_writes_files(client, gz, tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    files = {src / "a.txt": TEXTS[0], src / "sub" / "b.txt": TEXTS[3] + "\r\n", src / "c.txt": TEXTS[4]}
    for p, t in files.items():
        p.write_bytes(t.encode("utf-8"))
    out = tmp_path / "out"
    inputs = [str(p) for p in files] + [str(src / "gone.txt")]
    got = gd.normalise_paths(db.from_sequence(inputs, npartitions=2), out, root=src).compute()
    for (path, target, count), (p, t) in zip(got[:3], files.items(), strict=True):
        assert path == str(p) and target == str(out / p.relative_to(src))
        assert (out / p.relative_to(src)).read_bytes() == gz.normalise(t).encode("utf-8")
        assert count == sum(gz.replacement(m) != m.text for m in gz.mentions(t))
    assert [c for _, _, c in got[:3]] == [2, 1, 0]  # "Lachin corridor" keeps its own kind word
    assert got[3] == (str(src / "gone.txt"), None, "no such file or directory")
    assert not [p for p in out.rglob(".*.tmp")]
    # Without a root the file name alone is kept; an output over its own input is refused.
    flat = gd.normalise_paths(db.from_sequence([str(src / "sub" / "b.txt")]), out, mode="annotate").compute()
    b = files[src / "sub" / "b.txt"]
    assert flat == [(str(src / "sub" / "b.txt"), str(out / "b.txt"), len(gz.mentions(b)))]
    assert "[Khankendi, " in (out / "b.txt").read_text(encoding="utf-8")
    same = gd.normalise_paths(db.from_sequence([str(src / "a.txt")]), src).compute()
    assert same == [(str(src / "a.txt"), None, "output would overwrite the input")]
    assert (src / "a.txt").read_text(encoding="utf-8") == TEXTS[0]


@pytest.fixture
def frame():
    pdf = pd.DataFrame(
        {"body": TEXTS, "n": range(len(TEXTS))}, index=pd.Index([100 + i for i in range(len(TEXTS))], name="id")
    )  # "id" as in many article tables: no clash with the place "id"
    return pdf, dd.from_pandas(pdf, npartitions=3)


def test_extract_column(client, gz, frame):
    pdf, ddf = frame
    mentions = gd.extract_column(ddf, "body")
    assert list(mentions.columns) == list(gd.MENTION_COLUMNS)
    assert mentions.divisions == ddf.divisions  # indexed by the source rows: joins back onto ddf
    got = mentions.compute()
    assert list(got.columns) == list(gd.MENTION_COLUMNS) and got.index.name is None
    want = [{"row": label, **rec} for label, t in pdf["body"].items() if isinstance(t, str) for rec in gz.extract(t)]
    rows = got.astype(object).where(got.notna(), None).to_dict("records")
    assert rows == want
    assert list(got.index) == [r["row"] for r in want]
    assert mentions.groupby("id").size().compute()["shusha"] == 2
    joined = ddf.join(mentions[["id"]]).compute()
    assert set(joined.loc[105, "id"]) == {"jabrayil", "fuzuli", "shusha"}
    assert gd.extract_column(ddf, "body", naming="az").compute()["name"].tolist() == [
        r["name"] for t in pdf["body"] if isinstance(t, str) for r in gz.extract(t, naming="az")
    ]


def test_normalise_column(client, gz, frame):
    pdf, ddf = frame
    series = gd.normalise_column(ddf, "body")
    got = series.compute()
    assert got.name == "body" and list(got.index) == list(pdf.index)
    assert [None if pd.isna(v) else v for v in got] == [None if t is None else gz.normalise(t) for t in TEXTS]
    marked = gd.normalise_column(ddf, "body", mode="markup").compute()
    assert '<place id="hadrut"' in marked.iloc[0]


def test_pandas_functions_alone_and_as_spark_udfs(gz):
    s = pd.Series(TEXTS, dtype=object, name="body")
    out = gd.normalise_pandas(s)
    assert out.dtype == object and out[2] is None
    assert out.tolist() == [None if t is None else gz.normalise(t) for t in TEXTS]
    frame = gd.extract_pandas(s)
    assert list(frame.columns) == list(gd.MENTION_COLUMNS) and frame["row"].tolist() == list(frame.index)
    assert len(frame) == len(expected_records(gz, TEXTS))
    assert gd.extract_pandas(s.iloc[:0]).empty
    # PySpark infers a pandas UDF's kind from these type hints (Series -> Series: a scalar UDF).
    for fn in (gd.normalise_pandas, gd.pandas_normaliser("az")):
        assert typing.get_type_hints(fn) == {"series": pd.Series, "return": pd.Series}
    assert gd.pandas_normaliser("ru")(s)[5] == gz.normalise(TEXTS[5], naming="ru")


def test_bad_naming_is_refused_on_the_client(frame):
    with pytest.raises(UsageError):
        gd.extract_texts(db.from_sequence(["x"]), naming="fr")
    with pytest.raises(UsageError):
        gd.normalise_column(frame[1], "body", mode="bold")


def test_normalise_paths_refuses_two_inputs_with_one_output(client, tmp_path):
    a, b = tmp_path / "d1" / "a.txt", tmp_path / "d2" / "a.txt"
    for p in (a, b):
        p.parent.mkdir()
        p.write_text(TEXTS[0], encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(UsageError, match="would both be written"):
        gd.normalise_paths(db.from_sequence([str(a), str(b)], npartitions=2), out)
    assert not out.exists()
    # an output that lands on another input (in/in/x.txt mirrored into the parent of "in")
    inner = tmp_path / "in" / "in" / "a.txt"
    inner.parent.mkdir(parents=True)
    inner.write_text(TEXTS[1], encoding="utf-8")
    (tmp_path / "in" / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    paths = [str(tmp_path / "in" / "a.txt"), str(inner)]
    with pytest.raises(UsageError, match="overwrite the input"):
        gd.normalise_paths(db.from_sequence(paths), tmp_path, root=tmp_path / "in")
    assert (tmp_path / "in" / "a.txt").read_text(encoding="utf-8") == TEXTS[0]
