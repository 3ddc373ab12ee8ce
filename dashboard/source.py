"""Where the dashboard's frames come from: a built store, or a corpus built into a cached
store on first use (rebuilt when the corpus or the pipeline changes).

Paths come only from the command line (``streamlit run dashboard/app.py -- --corpus PATH``
or ``-- --store DIR``), the environment (``USMX_CORPUS``, ``USMX_STORE``, ``USMX_CACHE``) or
an upload; never from the URL.  No Streamlit here: the app wraps these in its caches.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from core.corrections import corrections_path
from core.records import Progress

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = PROJECT_ROOT / "seeds"
CORPUS_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".jsonl", ".csv")
UPLOAD_EXTENSIONS = ("txt", "md", "html", "htm", "jsonl", "csv")


@dataclass(frozen=True, slots=True)
class Source:
    """What to open: a built ``store`` directory, or ``corpus`` paths to build."""

    corpus: tuple[str, ...] = ()
    store: str = ""

    @property
    def label(self) -> str:
        """A short description for the sidebar."""
        if self.store:
            return f"store {self.store}"
        return "corpus " + ", ".join(self.corpus)


@dataclass(slots=True)
class Loaded:
    """The loaded frames, the problems met and where they came from.  ``prepared``: the
    frames are already the dashboard's (``dashboard.data.prepare_*``)."""

    frames: Any  # core.Frames
    problems: list[str] = field(default_factory=list)
    store: str = ""
    built: bool = False
    error: str = ""
    prepared: bool = False


def resolve_source(argv: Sequence[str] | None = None, env: dict[str, str] | None = None) -> Source:
    """The source from the script arguments (after ``--``) or the environment; the seeds
    by default.  Arguments win over the environment; ``--store`` wins over ``--corpus``."""
    env = dict(os.environ if env is None else env)
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--corpus", action="append", default=[])
    parser.add_argument("--store", default="")
    args, _ = parser.parse_known_args(list(argv or []))
    if args.store:
        return Source(store=args.store)
    if args.corpus:
        return Source(corpus=tuple(args.corpus))
    if env.get("USMX_STORE"):
        return Source(store=env["USMX_STORE"])
    if env.get("USMX_CORPUS"):
        return Source(corpus=tuple(p for p in env["USMX_CORPUS"].split(os.pathsep) if p))
    return Source(corpus=(str(DEFAULT_CORPUS),))


def cache_dir(env: dict[str, str] | None = None) -> Path:
    """Where built stores are cached: ``USMX_CACHE`` or ``<project>/.usmx``."""
    env = dict(os.environ if env is None else env)
    return Path(env.get("USMX_CACHE") or PROJECT_ROOT / ".usmx")


def _walk(paths: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in CORPUS_EXTENSIONS)
    return sorted(files)


def fingerprint(paths: Sequence[str]) -> str:
    """A fingerprint of the corpus (every file's path, size and mtime) and of the pipeline
    (the ``core`` package's code and data files), so that a change to either rebuilds."""
    h = hashlib.sha1()
    for f in _walk(paths):
        try:
            st = f.stat()
        except OSError:
            continue
        h.update(f"{f.resolve()}\x1f{st.st_size}\x1f{st.st_mtime_ns}\n".encode())
    core_dir = PROJECT_ROOT / "core"
    for f in sorted(core_dir.rglob("*")):
        if f.is_file() and (f.suffix in (".py", ".tsv", ".txt", ".json") or f.parent.name == "data"):
            try:
                st = f.stat()
            except OSError:
                continue
            h.update(f"{f.relative_to(core_dir)}\x1f{st.st_size}\x1f{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def _problems_of(frames: Any) -> list[str]:
    out = []
    for p in getattr(frames, "problems", []) or []:
        msg = p.message() if hasattr(p, "message") else str(p)
        out.append(msg)
    if not out:
        manifest = getattr(frames, "manifest", {}) or {}
        for p in manifest.get("problems", []) or []:
            where = p.get("path", "")
            if p.get("line"):
                where = f"{where}:{p['line']}"
            out.append(f"{where}: {p.get('reason', '')}")
    return out


def empty_frames() -> Any:
    """Frames with no rows (the app then says there is nothing to show yet)."""
    from core import schema
    from core.records import Frames

    return Frames(
        articles=schema.empty_frame("articles"),
        passages=schema.empty_frame("passages"),
        events=schema.empty_frame("events"),
        stances=schema.empty_frame("stances"),
    )


def _read_store(store: str | Path, *, prepared: bool) -> Any:
    """``core.store.load_store``; with ``prepared`` the frames are prepared for the dashboard
    one at a time as they are read (the passages' text never loaded), which keeps the peak
    memory of a large store close to what the dashboard then holds."""
    from core.store import load_store as _load

    if not prepared:
        return _load(store)
    from dashboard import data

    return _load(store, skip=data.STORE_SKIP, categorical=data.STORE_CATEGORICAL, then=data.frame_preparer())


def load_store(store: str | Path, *, prepared: bool = False) -> Loaded:
    """Load a built store with ``core.store.load_store`` (``prepared``: see
    :func:`_read_store`)."""
    frames = _read_store(store, prepared=prepared)
    return Loaded(frames, _problems_of(frames), str(store), prepared=prepared)


def build_corpus(
    corpus: Sequence[str],
    *,
    progress: Progress | None = None,
    cache: Path | None = None,
    name: str = "store",
    prune: bool = True,
    prepared: bool = False,
) -> Loaded:
    """Open ``corpus``: load its cached store if the fingerprint matches, else build it with
    ``core.build_frames`` and save it with ``core.store.write_store`` under ``cache`` (when
    the store cannot be written, the frames are still returned, with the reason).  ``prune``
    removes the older stores of the same ``name`` (the corpus changed).  ``prepared``: a
    cached store is loaded prepared for the dashboard (:func:`load_store`); frames just
    built are returned as built."""
    from core import build_frames

    fp = fingerprint(corpus)
    root = cache if cache is not None else cache_dir()
    out = root / f"{name}-{fp}"
    from core.store import write_store

    if (out / "manifest.json").exists():
        try:
            return load_store(out, prepared=prepared)
        except Exception:  # noqa: BLE001 - a broken cache is rebuilt, never fatal
            shutil.rmtree(out, ignore_errors=True)
    frames = build_frames(list(corpus), progress=progress)
    root.mkdir(parents=True, exist_ok=True)
    try:
        write_store(frames, out)
        for old in root.glob(f"{name}-*") if prune else ():
            if old != out and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    except Exception as exc:  # noqa: BLE001 - the frames are still usable in memory
        return Loaded(frames, _problems_of(frames) + [f"{out}: store not written ({exc})"], "", True)
    return Loaded(frames, _problems_of(frames), str(out), True)


def corrections_file(source: Source, store: str) -> Path | None:
    """Where the analysts' corrections of ``source`` are kept: beside a given store
    (``core.corrections.corrections_path``); for a corpus, one file per corpus in the cache,
    named after the corpus' paths and not after its fingerprint, so that the corrections
    survive every rebuild of the corpus' store (a changed file, a new coder version)."""
    if source.store:
        return corrections_path(source.store)
    if not source.corpus:
        return corrections_path(store) if store else None
    key = hashlib.sha1("\x1f".join(str(Path(p).resolve()) for p in source.corpus).encode()).hexdigest()[:16]
    return cache_dir() / f"corpus-{key}.corrections.sqlite"


def open_source(source: Source, *, progress: Progress | None = None, prepared: bool = False) -> Loaded:
    """Open ``source``; any failure becomes ``Loaded.error`` with empty frames, so that the
    app always starts and shows what went wrong.  ``prepared``: a store is loaded prepared
    for the dashboard (see :func:`load_store`; check ``Loaded.prepared``)."""
    try:
        if source.store:
            return load_store(source.store, prepared=prepared)
        return build_corpus(source.corpus, progress=progress, prepared=prepared)
    except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
        return Loaded(empty_frames(), [], "", False, f"{type(exc).__name__}: {exc}")


def save_uploads(files: Sequence[tuple[str, bytes]], *, max_bytes: int = 50 * 1024 * 1024) -> tuple[Path, dict[str, str], list[str]]:
    """Save uploaded ``(name, content)`` pairs to a new temp dir under safe generated names
    (``0001.txt``: the original name is never used as a path).  Returns the dir, the map
    from saved name to original name, and the files refused with their reason.  Nothing is
    executed or unpickled: the files are only read as text by the corpus readers."""
    tmp = Path(tempfile.mkdtemp(prefix="usmx-upload-"))
    names: dict[str, str] = {}
    refused: list[str] = []
    for i, (orig, data) in enumerate(files, start=1):
        ext = Path(orig).suffix.lower().lstrip(".")
        if ext not in UPLOAD_EXTENSIONS:
            refused.append(f"{orig}: unsupported file type (use {', '.join(UPLOAD_EXTENSIONS)})")
            continue
        if len(data) > max_bytes:
            refused.append(f"{orig}: larger than {max_bytes // (1024 * 1024)} MB")
            continue
        safe = f"{i:04d}.{ext}"
        (tmp / safe).write_bytes(data)
        names[safe] = orig
    return tmp, names, refused


def rename_problems(problems: Sequence[str], names: dict[str, str], tmp: Path) -> list[str]:
    """Problems about saved upload files, with the user's original file names."""
    out = []
    for msg in problems:
        for safe, orig in names.items():
            msg = msg.replace(str(tmp / safe), orig).replace(safe, orig)
        out.append(msg)
    return out


def frames_summary(frames: Any) -> pd.DataFrame:
    """Row counts per frame."""
    return pd.DataFrame({"frame": [n for n, _ in frames], "rows": [len(df) for _, df in frames]})
