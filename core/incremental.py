"""Incremental builds: re-process only the input files that changed since the last build.

:func:`core.pipeline.build_frames` records, for every input file, what the build got from
it in ``Frames.manifest["inputs"]`` (the store saves it in ``manifest.json``), one record
per file in input order::

    {"path": "corpus/a.jsonl",         # as given (relative where possible)
     "sha256": "…", "size": 1234, "kind": "jsonl",
     "article_ids": ["3fa2…", …],      # one per document read, in order (repeats kept)
     "article_paths": ["corpus/a.jsonl:1", …],   # the articles.path of each document
     "problems": [{"at": 0, "doc": false, "path": …, "line": 3, "reason": …, "severity": …}]}

``problems`` lists what the file produced besides articles: ``doc: false`` is a problem
met while reading, placed before document number ``at``; ``doc: true`` is a warning on
document ``at`` itself.  ``Frames.manifest["pipeline"]`` holds :func:`pipeline_fingerprint`
(the code and data files that made the frames).

On a rebuild with ``previous=`` (the old store, :func:`core.store.load_store`), a file
whose path, size, kind and SHA-256 are unchanged is *not* read again: its per-article
results are rebuilt from the old frames (rows of its article ids) and fed, in input order,
with the freshly processed files through the same :func:`core.pipeline.assemble`, which
re-runs article folding and event dedup over all events.  Hence the frames equal those of
a full build.  Everything is re-processed when the pipeline fingerprint differs (new code
or data files) or the old manifest lacks the per-file records.  A document that was a
duplicate in the old build and is no longer shadowed by an earlier copy has no row of its
own in the old frames: its file is re-processed.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

import core
from core.parse import model_name
from core.records import ArticleResult, Event, Frames, Passage, Problem, Stance

if TYPE_CHECKING:
    from core.read import FileEntry

_PASSAGE_FIELDS = tuple(f.name for f in fields(Passage))
_EVENT_FIELDS = tuple(f.name for f in fields(Event))
_STANCE_FIELDS = tuple(f.name for f in fields(Stance))


@cache
def pipeline_fingerprint() -> str:
    """SHA-256 over the package version, the parsing pipeline's name and version, the
    package's Python modules and its data files: two builds with the same fingerprint code
    the same text the same way."""
    root = Path(core.__file__).resolve().parent
    digest = hashlib.sha256(core.__version__.encode())
    digest.update(model_name().encode() + b"\0")
    files = sorted(root.glob("*.py")) + sorted(p for p in (root / "data").rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _problem_dict(problem: Problem, *, at: int, doc: bool) -> dict[str, Any]:
    return {"at": at, "doc": doc, "path": problem.path, "line": problem.line,
            "reason": problem.reason, "severity": problem.severity}


def input_record(entry: FileEntry, results: Iterable[ArticleResult | Problem]) -> dict[str, Any]:
    """The manifest record of one input file: its fingerprint and what it yielded."""
    ids: list[str] = []
    paths: list[str] = []
    problems: list[dict[str, Any]] = []
    for res in results:
        if isinstance(res, Problem):
            problems.append(_problem_dict(res, at=len(ids), doc=False))
            continue
        problems.extend(_problem_dict(p, at=len(ids), doc=True) for p in res.problems)
        ids.append(str(res.article["article_id"]))
        paths.append(str(res.article["path"]))
    return {"path": entry.path, "sha256": entry.sha256, "size": entry.size, "kind": entry.kind,
            "article_ids": ids, "article_paths": paths, "problems": problems}


def _rows_by_article(frame: pd.DataFrame, names: tuple[str, ...]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if frame is None or not len(frame):
        return out
    cols = [c for c in names if c in frame.columns]
    for row in frame[cols].to_dict("records"):
        out[str(row["article_id"])].append({str(k): v for k, v in row.items()})
    return out


@dataclass(slots=True)
class PreviousBuild:
    """The old store, indexed for reuse: input records by path, rows by article id."""

    records: dict[str, dict[str, Any]]
    frames: Frames
    _index: dict[str, Any] | None = None

    def record_for(self, entry: FileEntry) -> dict[str, Any] | None:
        """The old record of ``entry`` when the file is unchanged (else ``None``)."""
        rec = self.records.get(entry.path)
        if rec is None:
            return None
        if (rec.get("sha256"), rec.get("size"), rec.get("kind")) != (entry.sha256, entry.size, entry.kind):
            return None
        if len(rec.get("article_ids", ())) != len(rec.get("article_paths", ())):
            return None
        return rec

    def index(self) -> dict[str, Any]:
        """Rows of the old frames grouped by article id (built once, on first use)."""
        if self._index is None:
            f = self.frames
            arts = f.articles.to_dict("records") if len(f.articles) else []
            self._index = {
                "articles": {str(a["article_id"]): a for a in arts},
                "passages": _rows_by_article(f.passages, _PASSAGE_FIELDS),
                "events": _rows_by_article(f.events, _EVENT_FIELDS),
                "stances": _rows_by_article(f.stances, _STANCE_FIELDS),
            }
        return self._index


def previous_build(previous: Frames | None) -> PreviousBuild | None:
    """Index an old store for reuse, or ``None`` when it cannot be reused (no per-file
    records, or made by other code/data: a different pipeline fingerprint)."""
    if previous is None:
        return None
    manifest = previous.manifest or {}
    inputs = manifest.get("inputs")
    if not inputs or manifest.get("pipeline") != pipeline_fingerprint():
        return None
    records = {str(r["path"]): r for r in inputs if isinstance(r, dict) and "path" in r}
    return PreviousBuild(records=records, frames=previous)


def _stub(article_id: str, path: str) -> ArticleResult:
    return ArticleResult({"article_id": article_id, "path": path}, [], [], [])


def reuse_file(
    entry: FileEntry, record: dict[str, Any], prev: PreviousBuild, seen: set[str]
) -> list[ArticleResult | Problem] | None:
    """Rebuild the results of an unchanged file from the old frames, in document order.

    ``seen`` holds the article ids met earlier in this build (updated here).  Returns
    ``None`` when the file must be re-processed: one of its documents was a duplicate in
    the old build and is the first copy now, so the old frames hold no row made from it.
    """
    idx = prev.index()
    warnings: dict[int, list[Problem]] = defaultdict(list)
    loose: dict[int, list[Problem]] = defaultdict(list)
    for p in record.get("problems", ()):
        problem = Problem(str(p["path"]), str(p["reason"]), p.get("line"), str(p.get("severity", "error")))
        (warnings if p.get("doc") else loose)[int(p["at"])].append(problem)

    out: list[ArticleResult | Problem] = []
    added: set[str] = set()
    ids, paths = record["article_ids"], record["article_paths"]
    for i, (aid, path) in enumerate(zip(ids, paths, strict=True)):
        out.extend(loose.get(i, ()))
        row = idx["articles"].get(aid)
        if row is not None and row.get("path") == path:
            article = dict(row)
            article["duplicate_paths"] = ""
            res = ArticleResult(
                article,
                [Passage(**r) for r in idx["passages"].get(aid, ())],
                [Event(**{**r, "duplicate_of": ""}) for r in idx["events"].get(aid, ())],
                [Stance(**r) for r in idx["stances"].get(aid, ())],
                list(warnings.get(i, ())),
            )
        elif aid in seen or aid in added:
            res = _stub(aid, path)
            res.problems.extend(warnings.get(i, ()))
        else:
            return None
        added.add(aid)
        out.append(res)
    out.extend(loose.get(len(ids), ()))
    seen.update(added)
    return out
