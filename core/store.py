"""The frames store: one Parquet file per frame plus ``manifest.json``, written atomically.

Layout of a store directory::

    articles.parquet  passages.parquet  events.parquet  stances.parquet  manifest.json

:func:`write_store` writes everything into a temporary directory beside the target,
fsyncs it, then swaps it in with two renames (old store → backup, new → target) and
deletes the backup.  A build killed before the swap leaves the previous store untouched;
in the instant between the two renames the target is briefly missing, and
:func:`load_store` then restores the backup.  :func:`load_store` validates the store and
raises :class:`~core.errors.StoreError` (with a rebuild hint) for anything missing or
corrupt.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from core import __version__, schema
from core.errors import StoreError, UsageError
from core.records import Frames, Problem

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; concurrent builds to one --out are not guarded
    fcntl = None  # type: ignore[assignment]

FRAME_NAMES: tuple[str, ...] = tuple(schema.FRAMES)
MANIFEST = "manifest.json"
FORMATS: tuple[str, ...] = ("csv", "parquet", "jsonl")
_TMP_PREFIX = ".tmp-"
_OLD_PREFIX = ".old-"


@contextlib.contextmanager
def _locked(out: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold the store's lock (an advisory lock on the folder that holds it): exclusive while
    a build writes and swaps the store in, shared while a reader loads it.  So two builds to
    one ``--out`` take turns, and a reader never sees a half-swapped store.  Where the folder
    cannot be opened no lock is taken."""
    fd = -1
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fd = os.open(out.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        if fd >= 0:
            fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        if fd >= 0:
            os.close(fd)


def _fsync_path(path: Path) -> None:
    """Flush a file or directory to disk (directories: best effort, POSIX only)."""
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() and hasattr(os, "O_DIRECTORY") else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _is_store(path: Path) -> bool:
    return (path / MANIFEST).is_file() or any((path / f"{n}.parquet").is_file() for n in FRAME_NAMES)


def _backups(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f"{_OLD_PREFIX}{out.name}-*"))


def _article_ids_by_file(articles: pd.DataFrame) -> dict[str, list[str]]:
    """article ids per input file path (``path:line`` rows and duplicates included)."""
    out: dict[str, list[str]] = {}
    if not len(articles):
        return out
    dups = articles["duplicate_paths"] if "duplicate_paths" in articles else pd.Series([""] * len(articles))
    for aid, path, dup in zip(articles["article_id"], articles["path"], dups, strict=True):
        for p in [str(path), *[d.strip() for d in str(dup or "").split(";") if d.strip()]]:
            file = p
            head, sep, tail = p.rpartition(":")
            if sep and tail.isdigit():
                file = head
            ids = out.setdefault(file, [])
            if str(aid) not in ids:
                ids.append(str(aid))
    return out


def _inputs(frames: Frames, inputs: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    if inputs is None:
        inputs = frames.manifest.get("inputs")
    if inputs is None:
        corpus = frames.manifest.get("corpus") or []
        inputs = []
        if corpus:
            from core.read import FileEntry, iter_files

            for item in iter_files([str(c) for c in corpus], max_bytes=1 << 62):
                if isinstance(item, FileEntry):
                    inputs.append({"path": item.path, "sha256": item.sha256, "size": item.size,
                                   "kind": item.kind})
    ids = _article_ids_by_file(frames.articles)
    result = []
    for entry in inputs:
        row = dict(entry)
        if not row.get("article_ids"):
            row["article_ids"] = ids.get(str(row.get("path", "")), [])
        result.append(row)
    return result


def problem_dict(p: Problem) -> dict[str, Any]:
    """A problem as stored in ``manifest.json``."""
    return {"path": p.path, "line": p.line, "reason": p.reason, "severity": p.severity}


def build_manifest(frames: Frames, *, inputs: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The manifest for ``frames``: tool version, creation time, corpus paths, input file
    fingerprints with their article ids, counts per frame and the problems met.  Keys that
    the pipeline already put in ``frames.manifest`` are kept."""
    manifest: dict[str, Any] = dict(frames.manifest)
    manifest.update(
        {
            "tool": "usmx-frames",
            "version": __version__,
            "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "corpus": [str(c) for c in frames.manifest.get("corpus", [])],
            "inputs": _inputs(frames, inputs),
            "counts": {name: len(df) for name, df in frames},
            "problems": [problem_dict(p) for p in frames.problems],
        }
    )
    return manifest


def write_store(frames: Frames, out: str | Path, *, inputs: list[dict[str, Any]] | None = None) -> Path:
    """Write ``frames`` as a store at ``out`` atomically and return its path.

    Raises :class:`UsageError` when ``out`` is a file, or a non-empty folder that is not a
    store (so that a typo never deletes someone's data)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: exists and is not a folder; choose another --out")
    if out.is_dir() and any(out.iterdir()) and not _is_store(out):
        raise UsageError(f"{out}: folder is not empty and is not a frames store; choose another --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        return _write_locked(frames, out, inputs=inputs)


def _write_locked(frames: Frames, out: Path, *, inputs: list[dict[str, Any]] | None) -> Path:
    for stale in out.parent.glob(f"{_TMP_PREFIX}{out.name}-*"):  # left by killed builds
        shutil.rmtree(stale, ignore_errors=True)
    if not out.exists():
        _put_back(out)
    for stale in _backups(out):  # the store is whole: backups left by killed builds are stale
        shutil.rmtree(stale, ignore_errors=True)
    manifest = build_manifest(frames, inputs=inputs)
    tmp = Path(tempfile.mkdtemp(prefix=f"{_TMP_PREFIX}{out.name}-", dir=out.parent))
    try:
        for name, df in frames:
            path = tmp / f"{name}.parquet"
            schema.conform(name, df).to_parquet(path, index=False, engine="pyarrow")
            _fsync_path(path)
        path = tmp / MANIFEST
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False, indent=2, default=str)
            fh.flush()
            os.fsync(fh.fileno())
        _fsync_path(tmp)
        if out.exists():
            old = out.parent / f"{_OLD_PREFIX}{out.name}-{os.getpid()}"
            os.replace(out, old)
            os.replace(tmp, out)
            _fsync_path(out.parent)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out)
            _fsync_path(out.parent)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def _restore_backup(out: Path) -> None:
    """If a build was killed between its two renames, put the previous store back."""
    if _backups(out) and not out.exists():
        with _locked(out):
            _put_back(out)


def _put_back(out: Path) -> None:
    """:func:`_restore_backup` for a caller that holds the lock."""
    backups = _backups(out)
    if backups and not out.exists():
        with contextlib.suppress(OSError):
            os.replace(backups[-1], out)


def load_store(
    path: str | Path,
    *,
    skip: Mapping[str, Collection[str]] | None = None,
    categorical: Mapping[str, Collection[str]] | None = None,
    then: Callable[[str, pd.DataFrame], pd.DataFrame] | None = None,
) -> Frames:
    """Load and validate a store.  Raises :class:`StoreError` (naming the store and how to
    rebuild it) when the folder, the manifest or a frame is missing, unreadable or lacks
    contract columns.

    Options for a reader that must hold little memory (the dashboard at a million events),
    each a mapping from frame name to column names: ``skip`` columns are not read (they
    must still be in the file); ``categorical`` string columns are read as pandas
    categoricals straight from the Parquet dictionary (missing values as ""), never as a
    million strings.  ``then(name, frame)`` is called on each frame as soon as it is read
    and validated (in the order of :data:`FRAME_NAMES`) and its result is kept instead, so
    that the raw frames are never all held at once; the row counts are checked on the
    frames as read."""
    store = Path(path)
    _restore_backup(store)
    with _locked(store, shared=True):
        return _load_locked(store, skip=skip or {}, categorical=categorical or {}, then=then)


def _string_type(t: pa.DataType) -> bool:
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t))


def _read_table(fpath: Path, columns: Collection[str], categorical: Collection[str]) -> pa.Table:
    """``columns`` of a Parquet file read one at a time (the decoding buffers of one column
    only are alive at once), ``categorical`` string ones as dictionaries; pandas metadata
    kept."""
    pf = pq.ParquetFile(fpath, read_dictionary=[c for c in categorical if c in columns] or None,
                        pre_buffer=False)
    fields = [f for f in pf.schema_arrow if f.name in columns]
    arrays = [pf.read(columns=[f.name], use_threads=False).column(0) for f in fields]
    schema_ = pa.schema([pa.field(f.name, a.type) for f, a in zip(fields, arrays, strict=True)],
                        metadata=pf.schema_arrow.metadata)
    return pa.Table.from_arrays(arrays, schema=schema_)


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    """``table`` as a frame of the contract's dtypes, freeing each Arrow column as it is
    converted (strings stay Arrow-backed: no copy)."""
    string = pd.StringDtype()
    mapper = {pa.string(): string, pa.large_string(): string}
    return table.to_pandas(types_mapper=mapper.get, self_destruct=True, split_blocks=True)


def _conform_read(name: str, df: pd.DataFrame, categorical: Collection[str]) -> pd.DataFrame:
    """:func:`schema.conform` for the columns read: ``categorical`` string columns stay
    categoricals (string categories, "" for missing); the others get the contract's
    dtypes."""
    spec = schema.FRAMES[name]
    cats = {c: df.pop(c) for c in categorical if c in df.columns and spec.get(c) == "string"}
    read = [c for c in spec if c in df.columns or c in cats]
    if len(read) == len(spec) and not cats:
        return schema.conform(name, df)
    for col in [c for c in spec if c in df.columns]:
        if not schema.has_dtype(df[col], spec[col]):
            df[col] = schema.conform_column(df[col], spec[col])
    column: Any
    for col, column in cats.items():
        if not isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype("string").fillna("").astype("category")
        else:
            dtype = pd.CategoricalDtype(column.cat.categories.astype("string"))
            column = pd.Series(pd.Categorical.from_codes(column.cat.codes, dtype=dtype), index=df.index)
            if column.hasnans:
                if "" not in column.cat.categories:
                    column = column.cat.add_categories([""])
                column = column.fillna("")
        df[col] = column
    extra = [c for c in df.columns if c not in spec]
    return df[read + extra]


def _read_frame(store: Path, name: str, *, skip: Collection[str], categorical: Collection[str]) -> pd.DataFrame:
    fpath = store / f"{name}.parquet"
    if not fpath.is_file():
        raise StoreError(str(store), f"{name}.parquet is missing")
    try:
        names = pq.read_schema(fpath).names
        table = _read_table(fpath, [c for c in names if c not in skip], categorical)
        df = _to_pandas(table)
        del table
    except Exception as exc:  # noqa: BLE001 - any pyarrow failure means a corrupt file
        raise StoreError(str(store), f"{name}.parquet cannot be read ({type(exc).__name__}: {exc})") from exc
    missing = [c for c in schema.FRAMES[name] if c not in names]
    if missing:
        raise StoreError(str(store), f"{name}.parquet lacks column(s) {', '.join(missing)}")
    try:
        return _conform_read(name, df, categorical)
    except (TypeError, ValueError) as exc:
        raise StoreError(str(store), f"{name}.parquet has columns of the wrong type ({exc})") from exc


def _load_locked(
    store: Path,
    *,
    skip: Mapping[str, Collection[str]],
    categorical: Mapping[str, Collection[str]],
    then: Callable[[str, pd.DataFrame], pd.DataFrame] | None,
) -> Frames:
    if not store.is_dir():
        raise StoreError(str(store), "no store here (folder missing)")
    mpath = store / MANIFEST
    if not mpath.is_file():
        raise StoreError(str(store), f"{MANIFEST} is missing (incomplete or not a store)")
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(str(store), f"{MANIFEST} cannot be read ({exc})") from exc
    if not isinstance(manifest, dict):
        raise StoreError(str(store), f"{MANIFEST} is not a JSON object")
    frames: dict[str, pd.DataFrame] = {}
    rows: dict[str, int] = {}
    for name in FRAME_NAMES:
        df = _read_frame(store, name, skip=skip.get(name, ()), categorical=categorical.get(name, ()))
        rows[name] = len(df)
        frames[name] = then(name, df) if then is not None else df
        del df
    counts = manifest.get("counts")
    if not isinstance(counts, dict):
        raise StoreError(str(store), f"{MANIFEST} lacks the row counts (incomplete manifest)")
    for name, n in rows.items():
        if counts.get(name) != n:
            raise StoreError(str(store), f"{name}.parquet has {n} rows but {MANIFEST} records "
                             f"{counts.get(name)} (partial or mixed store)")
    problems = [
        Problem(str(p.get("path", "")), str(p.get("reason", "")), p.get("line"), str(p.get("severity", "error")))
        for p in manifest.get("problems", [])
        if isinstance(p, dict)
    ]
    return Frames(
        articles=frames["articles"],
        passages=frames["passages"],
        events=frames["events"],
        stances=frames["stances"],
        problems=problems,
        manifest=manifest,
    )


def export_store(store: str | Path | Frames, *, fmt: str, out: str | Path) -> list[Path]:
    """Write the frames of ``store`` (a store folder or :class:`Frames`) to ``out`` as
    ``csv``, ``parquet`` or ``jsonl`` (one file per frame, plus ``manifest.json``), and
    return the files written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}' (choose one of: {', '.join(FORMATS)})")
    frames = store if isinstance(store, Frames) else load_store(store)
    target = Path(out)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: exists and is not a folder; choose another --out")
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, df in frames:
        path = target / f"{name}.{fmt}"
        if fmt == "csv":
            df.to_csv(path, index=False)
        elif fmt == "parquet":
            df.to_parquet(path, index=False, engine="pyarrow")
        else:
            df.to_json(path, orient="records", lines=True, force_ascii=False)
        written.append(path)
    manifest = frames.manifest or build_manifest(frames)
    mpath = target / MANIFEST
    mpath.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    written.append(mpath)
    return written


def counts(frames: Frames) -> dict[str, int]:
    """Rows per frame."""
    return {name: len(df) for name, df in frames}


def problems_of(items: Iterable[Problem], *, severity: str = "error") -> list[Problem]:
    """The problems of one severity."""
    return [p for p in items if p.severity == severity]
