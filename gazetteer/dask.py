"""Dask (and PySpark) helpers: extract and normalise over bags of texts or files and dataframe columns.

Needs the ``dask`` extra (``pip install 'gazetteer[dask]'``). Nothing here imports
Dask or pandas until a function is called, so ``import gazetteer.dask`` is cheap,
and the name of this module never hides the real ``dask`` package (imports are
absolute).

Each worker process loads the place table once (:func:`_gazetteer`) and reuses it
for every task. Files are read on the workers, so paths must be visible there.

The plain-pandas partition functions :func:`extract_pandas` and
:func:`normalise_pandas` are what the Dask functions map over partitions; they
also serve as PySpark pandas UDFs: ``pandas_udf(normalise_pandas, "string")``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

try:  # resolves the string annotations of the pandas functions (PySpark reads them)
    import pandas
except ImportError:  # pragma: no cover - the extra is not installed
    pass

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag
    import dask.dataframe

    from .api import Gazetteer

__all__ = [
    "extract_texts",
    "extract_paths",
    "normalise_paths",
    "extract_column",
    "normalise_column",
    "extract_pandas",
    "normalise_pandas",
    "pandas_normaliser",
    "MENTION_COLUMNS",
]

# Columns of extract_pandas / extract_column, in order, with their pandas dtypes.
_STR = "string"
MENTION_COLUMNS: dict[str, str] = {
    "row": "object",  # replaced by the source index dtype
    "start": "int64",
    "end": "int64",
    "text": _STR,
    "id": _STR,
    "name": _STR,
    "kind": _STR,
    "country": _STR,
    "lat": "float64",
    "lon": "float64",
    "score": "float64",
    "method": _STR,
    "cue": _STR,
}

MODES = ("replace", "annotate", "markup")

# ---------------------------------------------------------------- one table per process
_lock = threading.Lock()
_cached: Gazetteer | None = None


def _gazetteer() -> Gazetteer:
    """The bundled Gazetteer of this process, loaded on first use and then shared by every task."""
    global _cached
    gz = _cached
    if gz is None:
        with _lock:
            gz = _cached
            if gz is None:
                from .api import Gazetteer

                gz = _cached = Gazetteer.load()
    return gz


def _after_fork() -> None:
    # A forked child must not reuse the parent's SQLite connection or a lock held at fork time.
    global _cached, _lock
    _cached = None
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


# ---------------------------------------------------------------- bags of texts and files
def _extract_partition(items: Iterable[Any], offset: int, naming: str) -> list[dict]:
    gz = _gazetteer()
    out = []
    for i, item in enumerate(items, offset):
        if isinstance(item, (tuple, list)):
            doc, text = item
        else:
            doc, text = i, item
        if text is None:
            continue
        out.extend({"doc": doc, **rec} for rec in gz.extract(text, naming=naming))
    return out


def _count(items: Iterable[Any]) -> int:
    return sum(1 for _ in items)


def _offsets(counts: list[int]) -> list[int]:
    out, total = [], 0
    for n in counts:
        out.append(total)
        total += n
    return out


def extract_texts(texts: dask.bag.Bag, *, naming: str = "en") -> dask.bag.Bag:
    """Every mention of a bag of texts, flattened: one record (as ``Gazetteer.extract``) per mention.

    Items are strings or ``(id, text)`` pairs; each record gets ``"doc"``: the id, or
    for a plain string its position in the bag (0, 1, ...). None texts have no mentions.
    """
    import dask
    import dask.bag

    _check(naming)
    parts = texts.to_delayed()
    counts = [dask.delayed(_count)(p) for p in parts]
    offsets = dask.delayed(_offsets, nout=len(parts))(counts) if len(parts) > 1 else [0] * len(parts)
    out = [dask.delayed(_extract_partition)(p, offsets[k], naming) for k, p in enumerate(parts)]
    return dask.bag.from_delayed(out)


def _file_errors() -> tuple[type[BaseException], ...]:
    from .batch import FILE_ERRORS

    return FILE_ERRORS


def _describe(exc: BaseException) -> str:
    from .batch import describe

    return describe(exc)


def _extract_file(path: str | os.PathLike, naming: str, encoding: str | None) -> Iterator[dict]:
    from .documents import extract_stream

    name = os.fspath(path)
    try:
        with open(path, "rb") as fh:
            records = list(extract_stream(_gazetteer(), fh, encoding=encoding, naming=naming, path=name))
    except _file_errors() as exc:
        yield {"path": name, "error": _describe(exc)}
        return
    yield from records


def extract_paths(paths: dask.bag.Bag, *, naming: str = "en", encoding: str | None = None) -> dask.bag.Bag:
    """Mention records of each file in a bag of paths, each with ``"path"`` (and byte offsets).

    A file that cannot be read (missing, binary, bad encoding) gives one record
    ``{"path": ..., "error": ...}`` instead of failing the job.
    """
    _check(naming)
    return paths.map(_extract_file, naming, encoding).flatten()


def _normalise_file(
    path: str | os.PathLike, out_dir: str, root: str | None, naming: str, mode: str, encoding: str | None
) -> tuple[str, str | None, int | str]:
    from .documents import normalise_stream
    from .textio import atomic_writer

    name = os.fspath(path)
    src = Path(path)
    try:
        rel = src.resolve().relative_to(Path(root).resolve()) if root is not None else Path(src.name)
    except ValueError:
        return name, None, f"not under {root}"
    target = Path(out_dir) / rel
    try:
        if target.resolve() == src.resolve():
            return name, None, "output would overwrite the input"
        with open(src, "rb") as fh, atomic_writer(target) as out:
            count = normalise_stream(_gazetteer(), fh, out, encoding=encoding, naming=naming, mode=mode)
    except _file_errors() as exc:
        return name, None, _describe(exc)
    return name, str(target), count


def normalise_paths(
    paths: dask.bag.Bag,
    out_dir: str | os.PathLike,
    *,
    naming: str = "en",
    mode: str = "replace",
    root: str | os.PathLike | None = None,
    encoding: str | None = None,
) -> dask.bag.Bag:
    """Normalise each file of a bag of paths into ``out_dir``; a bag of ``(path, output path, replacements)``.

    Outputs mirror the paths relative to ``root``, or are named after the input
    file alone when no root is given. Each is written atomically (a temporary
    file renamed into place), so a failed task leaves no half-written file. A
    file that cannot be read gives ``(path, None, error message)``.
    """
    _check(naming, mode)
    out = os.fspath(out_dir)
    base = os.fspath(root) if root is not None else None
    _refuse_shared_outputs(paths, out, base)
    return paths.map(_normalise_file, out, base, naming, mode, encoding)


def _refuse_shared_outputs(paths: dask.bag.Bag, out: str, base: str | None) -> None:
    """UsageError now, before any task runs, if two paths would be written to one output
    or an output would overwrite another input (the bag of paths is computed for this:
    names are cheap; the tasks could not see each other's outputs)."""
    from .batch import check_outputs

    inputs = []
    for p in paths.compute():
        src = Path(p)
        if base is not None and not os.path.realpath(src).startswith(os.path.realpath(base) + os.sep):
            continue  # reported per file: "not under ROOT"
        root = Path(os.path.realpath(base)) if base is not None else None
        inputs.append((os.fspath(p), Path(os.path.realpath(src)) if root is not None else src, root))
    check_outputs(inputs, out, self_ok=True)


# ---------------------------------------------------------------- pandas partitions
def _mentions_frame(rows: list[dict], index: pandas.Index) -> pandas.DataFrame:
    import pandas as pd

    dtypes = dict(MENTION_COLUMNS, row=index.dtype)
    columns = {c: pd.Series([r[c] for r in rows], dtype=t) for c, t in dtypes.items()}
    frame = pd.DataFrame(columns)
    frame.index = pd.Index([r["row"] for r in rows], dtype=index.dtype)  # unnamed: a source index "id" would clash
    return frame


def _extract_series(series: pandas.Series, naming: str) -> pandas.DataFrame:
    gz = _gazetteer()
    rows = []
    for label, text in series.items():
        if isinstance(text, str):
            rows.extend({"row": label, **rec} for rec in gz.extract(text, naming=naming))
    return _mentions_frame(rows, series.index)


def extract_pandas(series: pandas.Series) -> pandas.DataFrame:
    """One row per mention in a Series of texts: ``row`` (the text's index label) and the
    fields of ``Gazetteer.extract``; the (unnamed) index holds ``row`` too. Missing texts have none."""
    return _extract_series(series, "en")


def _normalise_series(series: pandas.Series, naming: str, mode: str) -> pandas.Series:
    import pandas as pd

    gz = _gazetteer()
    values = [gz.normalise(t, naming=naming, mode=mode) if isinstance(t, str) else t for t in series]
    dtype = series.dtype if isinstance(series.dtype, pd.StringDtype) else object
    return pd.Series(values, index=series.index, name=series.name, dtype=dtype)


def normalise_pandas(series: pandas.Series) -> pandas.Series:
    """A Series of texts with each place name in its canonical English spelling; missing values stay missing.

    Usable as a PySpark UDF: ``pandas_udf(normalise_pandas, "string")``.
    """
    return _normalise_series(series, "en", "replace")


def pandas_normaliser(naming: str = "en", mode: str = "replace") -> Callable[[pandas.Series], pandas.Series]:
    """:func:`normalise_pandas` with another naming or mode, for ``pandas_udf(pandas_normaliser("az"), "string")``."""
    import pandas as pd

    _check(naming, mode)

    def normalise(series):
        return _normalise_series(series, naming, mode)

    normalise.__annotations__ = {"series": pd.Series, "return": pd.Series}
    normalise.__name__ = normalise.__qualname__ = f"normalise_pandas_{naming}_{mode}"
    return normalise


# ---------------------------------------------------------------- dask dataframes
def extract_column(df: dask.dataframe.DataFrame, column: str, *, naming: str = "en") -> dask.dataframe.DataFrame:
    """Mentions in a text column: one row per mention, with the source row's index label
    in a ``row`` column and as the (unnamed) index, so it joins back onto ``df`` and keeps its divisions."""
    import pandas as pd

    _check(naming)
    src = df[column]
    meta = _mentions_frame([], pd.Index([], dtype=src._meta.index.dtype))
    return src.map_partitions(_extract_series, naming, meta=meta)


def normalise_column(
    df: dask.dataframe.DataFrame, column: str, *, naming: str = "en", mode: str = "replace"
) -> dask.dataframe.Series:
    """The text column with place names normalised (same index and name; missing values stay missing)."""
    import pandas as pd

    _check(naming, mode)
    src = df[column]
    dtype = src.dtype if isinstance(src.dtype, pd.StringDtype) else object
    return src.map_partitions(_normalise_series, naming, mode, meta=(src.name, dtype))


def _check(naming: str, mode: str = "replace") -> None:
    """Refuse a bad naming or mode here, on the client, not in every task."""
    from .api import NAMINGS
    from .errors import UsageError

    if naming not in NAMINGS:
        raise UsageError(f"unknown naming {naming!r}; choose one of {', '.join(NAMINGS)}")
    if mode not in MODES:
        raise UsageError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
