"""The store survives crashes, damage and concurrent writers.

- A damaged store (missing or unreadable manifest, manifest with wrong counts, truncated,
  empty or garbage Parquet, a missing file or column, a column of the wrong type) is
  detected by ``load_store`` with a StoreError that names the store and says how to rebuild.
- A writer killed at *every* step of ``write_store`` (before and after each rename, fsync
  and delete: the swap window included) leaves a store that loads and is wholly the old or
  wholly the new one.
- Builds racing to one ``--out`` and readers loading while a writer swaps: every load sees
  one complete store, never a mix, never an error.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from core import schema
from core.errors import StoreError
from core.pipeline import Frames

pytestmark = pytest.mark.slow  # (run by .ci/run's second pytest: python -m pytest -m slow)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
store_mod = pytest.importorskip("core.store")


def seed_frames(paths: list[Path]) -> Frames:
    """Frames of real articles (read, cleaned and segmented; no coding needed for the store)."""
    from core.clean import clean_doc
    from core.ids import article_id
    from core.read import iter_corpus
    from core.records import RawDoc
    from core.segment import segment

    articles: list[dict[str, Any]] = []
    passages: list[dict[str, Any]] = []
    for raw in iter_corpus([str(p) for p in paths]):
        assert isinstance(raw, RawDoc), raw
        doc = clean_doc(raw)
        aid = article_id(doc.text)
        ps = segment(doc.text, article_id=aid, teasers=doc.teasers)
        articles.append({"article_id": aid, "path": raw.path, "title": doc.title, "text": doc.text,
                         "n_passages": len(ps)})
        passages.extend({"passage_id": p.passage_id, "article_id": aid, "start": p.start, "end": p.end,
                         "text": p.text, "index": p.index, "paragraph": p.paragraph, "role": p.role}
                        for p in ps)
    return Frames(
        articles=schema.to_frame("articles", articles),
        passages=schema.to_frame("passages", passages),
        events=schema.empty_frame("events"),
        stances=schema.empty_frame("stances"),
    )


@pytest.fixture(scope="module")
def good_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("good") / "store"
    store_mod.write_store(seed_frames(SEEDS), out)
    return out


def _truncate(p: Path) -> None:
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])


def _drop_column(p: Path, column: str) -> None:
    table = pq.read_table(p)
    pq.write_table(table.drop_columns([column]), p)


def _retype_column(p: Path, column: str) -> None:
    table = pq.read_table(p)
    i = table.schema.get_field_index(column)
    pq.write_table(table.set_column(i, column, pa.array(["not a number"] * table.num_rows)), p)


def _manifest(store: Path, change: Any) -> None:
    m = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    change(m)
    (store / "manifest.json").write_text(json.dumps(m), encoding="utf-8")


DAMAGE: dict[str, tuple[Any, str]] = {
    # name: (damage(store), a word the message must contain)
    "folder_missing": (lambda s: shutil.rmtree(s), "missing"),
    "manifest_missing": (lambda s: (s / "manifest.json").unlink(), "manifest.json"),
    "manifest_truncated": (lambda s: _truncate(s / "manifest.json"), "manifest.json"),
    "manifest_not_object": (lambda s: (s / "manifest.json").write_text("[1, 2]"), "manifest.json"),
    "manifest_binary": (lambda s: (s / "manifest.json").write_bytes(b"\xff\xfe\x00garbage"), "manifest.json"),
    "manifest_wrong_article_count": (
        lambda s: _manifest(s, lambda m: m["counts"].update(articles=m["counts"]["articles"] + 3)), "articles"),
    "manifest_wrong_passage_count": (
        lambda s: _manifest(s, lambda m: m["counts"].update(passages=0)), "passages"),
    **{f"{name}_truncated": ((lambda s, n=name: _truncate(s / f"{n}.parquet")), name)
       for name in schema.FRAMES},
    **{f"{name}_missing": ((lambda s, n=name: (s / f"{n}.parquet").unlink()), name) for name in schema.FRAMES},
    "articles_empty_file": (lambda s: (s / "articles.parquet").write_bytes(b""), "articles"),
    "passages_garbage": (lambda s: (s / "passages.parquet").write_bytes(os.urandom(5000)), "passages"),
    "passages_is_a_folder": (
        lambda s: ((s / "passages.parquet").unlink(), (s / "passages.parquet").mkdir()), "passages"),
    "articles_missing_text_column": (lambda s: _drop_column(s / "articles.parquet", "text"), "text"),
    "passages_missing_start_column": (lambda s: _drop_column(s / "passages.parquet", "start"), "start"),
    "passages_start_not_numbers": (lambda s: _retype_column(s / "passages.parquet", "start"), "passages"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_robustness_store_damage_detected_with_rebuild_hint(good_store: Path, tmp_path: Path,
                                                           damage: str) -> None:
    store = tmp_path / "store"
    shutil.copytree(good_store, store)
    store_mod.load_store(store)  # intact copy loads
    hurt, word = DAMAGE[damage]
    hurt(store)
    with pytest.raises(StoreError) as err:
        store_mod.load_store(store)
    msg = str(err.value)
    assert str(store) in msg and "Rebuild it with: python -m core build" in msg, msg
    assert word in msg, f"the message does not say what is wrong ({word!r}): {msg}"


@pytest.mark.parametrize("damage", ["manifest_truncated", "passages_truncated", "manifest_wrong_article_count"])
def test_robustness_store_damage_cli_one_line_no_traceback(good_store: Path, tmp_path: Path,
                                                          damage: str) -> None:
    store = tmp_path / "store"
    shutil.copytree(good_store, store)
    DAMAGE[damage][0](store)
    run = subprocess.run([sys.executable, "-m", "core", "export", "--store", str(store), "--format", "csv",
                          "--out", str(tmp_path / "csv")], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert "Rebuild it with" in run.stderr and str(store) in run.stderr


# --- killed writers -------------------------------------------------------------------

CRASHER = textwrap.dedent(
    """
    import os, shutil, signal, sys
    import core.store as cs
    new_src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    frames = cs.load_store(new_src)
    calls = [0]

    def crash_point():
        calls[0] += 1
        if calls[0] == n:
            os.kill(os.getpid(), signal.SIGKILL)

    def wrap(fn):
        def wrapped(*a, **k):
            crash_point()           # killed just before the call ...
            result = fn(*a, **k)
            crash_point()           # ... or just after it
            return result
        return wrapped

    for mod, name in ((os, "replace"), (os, "rename"), (os, "fsync"), (shutil, "rmtree"),
                      (os, "mkdir"), (os, "symlink"), (os, "unlink")):
        setattr(mod, name, wrap(getattr(mod, name)))
    cs.write_store(frames, out)
    print("completed", calls[0])
    """
)


def _ids(store: Path) -> set[str]:
    return set(store_mod.load_store(store).articles["article_id"])


def test_robustness_store_killed_at_every_step_of_the_swap(tmp_path: Path) -> None:
    old_src, new_src = tmp_path / "old_src", tmp_path / "new_src"
    store_mod.write_store(seed_frames(SEEDS[:3]), old_src)
    store_mod.write_store(seed_frames(SEEDS[3:]), new_src)
    old_ids, new_ids = _ids(old_src), _ids(new_src)
    assert old_ids and new_ids and not old_ids & new_ids
    script = tmp_path / "crasher.py"
    script.write_text(CRASHER, encoding="utf-8")
    outcomes: list[str] = []
    for n in range(1, 200):
        out = tmp_path / f"out{n}" / "store"
        shutil.copytree(old_src, out)
        run = subprocess.run([sys.executable, str(script), str(new_src), str(out), str(n)], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
        assert run.returncode in (0, -9), run.stderr
        got = _ids(out)  # must load, whatever step the writer died at
        assert got in (old_ids, new_ids), f"crash point {n}: a mix of old and new store"
        outcomes.append("old" if got == old_ids else "new")
        # the next build after a crash works and leaves no debris
        store_mod.write_store(seed_frames(SEEDS[3:]), out)
        assert _ids(out) == new_ids
        debris = [p.name for p in out.parent.iterdir() if p.name != "store"]
        assert not debris, f"crash point {n}: left {debris}"
        if run.returncode == 0:
            break
    else:
        pytest.fail("write_store never completed")
    assert "old" in outcomes and outcomes[-1] == "new", outcomes
    assert len(outcomes) >= 4, f"only {len(outcomes)} crash points: the swap was not exercised"


# --- concurrent writers and readers ------------------------------------------------------

def test_robustness_store_concurrent_builds_to_one_out(tmp_path: Path) -> None:
    """Three CLI builds of different corpora race to one --out: each exits cleanly, and the
    store that is left is exactly one of the three corpora."""
    corpora = []
    for i, group in enumerate((SEEDS[:2], SEEDS[2:4], SEEDS[4:])):
        d = tmp_path / f"corpus{i}"
        d.mkdir()
        for p in group:
            shutil.copy(p, d / p.name)
        corpora.append(d)
    expected = [_ids_of_corpus(c, tmp_path / f"ref{i}") for i, c in enumerate(corpora)]
    out = tmp_path / "shared" / "store"
    for round_ in range(3):
        procs = [subprocess.Popen([sys.executable, "-m", "core", "build", "--corpus", str(c), "--out", str(out),
                                   "--full"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for c in corpora]
        for p in procs:
            _, err = p.communicate(timeout=300)
            assert p.returncode in (0, 1), err
            assert "Traceback" not in err and "internal error" not in err, f"round {round_}: {err}"
        got = _ids(out)
        assert got in expected, f"round {round_}: the store mixes corpora"
        debris = [p.name for p in out.parent.iterdir() if p.name != "store"]
        assert not debris, f"round {round_}: left {debris}"


def _ids_of_corpus(corpus: Path, out: Path) -> set[str]:
    run = subprocess.run([sys.executable, "-m", "core", "build", "--corpus", str(corpus), "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode in (0, 1), run.stderr
    return _ids(out)


READER = textwrap.dedent(
    """
    import sys, time
    from core.store import load_store
    out, seconds = sys.argv[1], float(sys.argv[2])
    ok = bad = 0
    end = time.time() + seconds
    while time.time() < end:
        try:
            frames = load_store(out)
            assert len(frames.articles) == frames.manifest["counts"]["articles"]
            ok += 1
        except Exception as exc:
            bad += 1
            print(type(exc).__name__, exc, file=sys.stderr)
    print(ok, bad)
    """
)


def test_robustness_store_readers_never_see_a_half_swapped_store(tmp_path: Path) -> None:
    """A dashboard reloading while a build swaps its store in always gets a whole store."""
    a, b = seed_frames(SEEDS[:2]), seed_frames(SEEDS[2:])
    out = tmp_path / "store"
    store_mod.write_store(a, out)
    script = tmp_path / "reader.py"
    script.write_text(READER, encoding="utf-8")
    readers = [subprocess.Popen([sys.executable, str(script), str(out), "8"], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    time.sleep(2)  # let the readers start
    writes = 0
    errors: list[str] = []
    deadline = time.time() + 5
    while time.time() < deadline:
        try:
            store_mod.write_store(b if writes % 2 else a, out)
        except Exception as exc:  # noqa: BLE001 - collected and reported below
            errors.append(f"{type(exc).__name__}: {exc}")
        writes += 1
    for r in readers:
        stdout, stderr = r.communicate(timeout=60)
        ok, bad = (int(x) for x in stdout.split())
        assert bad == 0 and ok > 0, f"{bad} failed loads of {ok + bad} during {writes} swaps: {stderr[:1500]}"
    assert not errors, f"the writer failed while readers loaded: {errors[:3]}"
    assert isinstance(store_mod.load_store(out).articles, pd.DataFrame)
