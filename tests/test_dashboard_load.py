"""The dashboard's low-memory store load (``dashboard.source.load_store(prepared=True)``):
each frame prepared as it is read, the passages' text never loaded, repetitive strings read
as categoricals straight from Parquet.  It must give the same frames as loading the store
and preparing it afterwards, and reject damaged stores exactly as ``core.store.load_store``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest_dashboard import seed_frames

from core.errors import StoreError
from core.store import load_store, write_store
from dashboard import data as D
from dashboard.source import Source, open_source
from dashboard.source import load_store as dash_load


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(seed_frames(), tmp_path_factory.mktemp("seeds") / "store")


def _messy(store: Path) -> Path:
    """The seed store as other writers may leave it: passages shuffled (several row groups)
    with one passage repeated, missing values in categorical and date columns, a repeated
    article row."""
    rng = np.random.default_rng(7)
    ps = pq.read_table(store / "passages.parquet")
    order = rng.permutation(ps.num_rows)
    ps = pa.concat_tables([ps.take(order), ps.slice(3, 1)])
    pq.write_table(ps, store / "passages.parquet", row_group_size=max(1, ps.num_rows // 3))
    ev = pq.read_table(store / "events.parquet")
    n = ev.num_rows
    for col in ("actor2", "date", "us_admin", "cue", "duplicate_of"):
        values = ev.column(col).to_pylist()
        values[::3] = [None] * len(values[::3])
        ev = ev.set_column(ev.schema.get_field_index(col), col, pa.array(values, pa.large_string()))
    pq.write_table(ev, store / "events.parquet", row_group_size=max(1, n // 2))
    art = pq.read_table(store / "articles.parquet")
    art = pa.concat_tables([art, art.slice(0, 1)])
    pq.write_table(art, store / "articles.parquet")
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    manifest["counts"].update(passages=ps.num_rows, articles=art.num_rows)
    (store / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return store


def _strings(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("string")
    return out


@pytest.mark.parametrize("messy", [False, True], ids=["seeds", "messy"])
def test_dashboard_prepared_load_equals_load_then_prepare(seed_store: Path, tmp_path: Path, messy: bool) -> None:
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    if messy:
        _messy(store)
    raw = load_store(store)
    before = {
        "events": D.prepare_events(raw.events, raw.articles),
        "passages": D.prepare_passages(raw.passages),
        "articles": D.prepare_articles(raw.articles),
        "stances": D.prepare_stances(raw.stances, raw.articles),
    }
    loaded = dash_load(store, prepared=True)
    assert loaded.prepared and not loaded.error
    assert len(loaded.frames.events) >= 10 and len(loaded.frames.stances) > 0
    for name, old in before.items():
        new = getattr(loaded.frames, name)
        assert list(new.columns) == list(old.columns), name
        pd.testing.assert_frame_equal(_strings(new), _strings(old), check_categorical=False)
        for col in old.columns:  # the filters' categories (options, order) are unchanged
            if isinstance(old[col].dtype, pd.CategoricalDtype):
                assert list(new[col].cat.categories) == list(old[col].cat.categories), (name, col)
    assert "text" not in loaded.frames.passages.columns
    assert not loaded.frames.passages["passage_id"].duplicated().any()  # the repeated passage kept once
    assert loaded.frames.articles.index.is_unique
    ids = list(before["events"]["event_id"])
    old_items = D.drilldown(before["events"], before["passages"], before["articles"], ids, limit=len(ids))
    new_items = D.drilldown(loaded.frames.events, loaded.frames.passages, loaded.frames.articles, ids,
                            limit=len(ids))
    assert new_items == old_items
    # the passage shown is the article's own text at the passage's offsets
    assert all(item.passage_text and item.passage_text in item.article["text"] for item in new_items)
    for f in (D.Filters(), D.Filters(us_admins=("Biden",), dyads=(), modalities=())):
        assert (D.filter_mask(loaded.frames.events, f) == D.filter_mask(before["events"], f)).all()


def _drop(name: str, col: str) -> Callable[[Path], None]:
    def hurt(store: Path) -> None:
        path = store / f"{name}.parquet"
        table = pq.read_table(path)
        pq.write_table(table.drop_columns([col]), path)
    return hurt


def _truncate(name: str) -> Callable[[Path], None]:
    def hurt(store: Path) -> None:
        path = store / f"{name}.parquet"
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return hurt


def _count(name: str) -> Callable[[Path], None]:
    def hurt(store: Path) -> None:
        m = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
        m["counts"][name] += 1
        (store / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    return hurt


@pytest.mark.parametrize(
    ("hurt", "needle"),
    [
        (_drop("passages", "text"), "passages.parquet lacks column(s) text"),  # skipped, still required
        (_drop("events", "actor1"), "events.parquet lacks column(s) actor1"),  # read as categorical
        (_truncate("events"), "events.parquet cannot be read"),
        (_truncate("passages"), "passages.parquet cannot be read"),
        (lambda s: (s / "stances.parquet").unlink(), "stances.parquet is missing"),
        (_count("passages"), "passages.parquet has"),
        (_count("events"), "partial or mixed store"),
    ],
)
def test_dashboard_prepared_load_rejects_damaged_store_like_core(seed_store: Path, tmp_path: Path,
                                                                 hurt: Callable[[Path], None], needle: str) -> None:
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    hurt(store)
    with pytest.raises(StoreError) as plain:
        load_store(store)
    with pytest.raises(StoreError) as lean:
        load_store(store, skip=D.STORE_SKIP, categorical=D.STORE_CATEGORICAL, then=D.frame_preparer())
    assert needle in str(plain.value)
    assert str(lean.value) == str(plain.value)
    shown = open_source(Source(store=str(store)), prepared=True)  # what the app shows
    assert needle in shown.error and len(shown.frames.events) == 0
