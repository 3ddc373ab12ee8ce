"""Frames are built column by column from the records: the same frames as from one dict per
row (``schema.to_frame``), dtypes included."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pandas as pd

from core import schema
from core.pipeline import build_frames, process_doc
from core.read import iter_files, read_file
from core.records import Passage, RawDoc


def test_pipeline_records_give_the_frames_of_row_dicts(seeds_dir: Path) -> None:
    results = []
    for entry in iter_files([str(seeds_dir)]):
        results.extend(process_doc(d) for d in read_file(entry) if isinstance(d, RawDoc))  # type: ignore[arg-type]
    for name, attr in (("passages", "passages"), ("events", "events"), ("stances", "stances")):
        records = [r for res in results for r in getattr(res, attr)]
        assert records, name
        pd.testing.assert_frame_equal(schema.from_records(name, records),
                                      schema.to_frame(name, [asdict(r) for r in records]))
    frames = build_frames([str(seeds_dir)])
    assert list(frames.events.columns) == list(schema.EVENTS)
    assert [str(t) for t in frames.passages.dtypes] == [
        str(pd.Series([], dtype=t).dtype) for t in schema.PASSAGES.values()]


def test_pipeline_records_missing_values_get_the_column_defaults() -> None:
    p = Passage("p-1", "a-1", 0, 0, 0, 4, "Text", None)  # type: ignore[arg-type]
    df = schema.from_records("passages", [p])
    assert df.loc[0, "role"] == "" and df.loc[0, "text"] == "Text"
    assert str(df["role"].dtype) == str(pd.Series([], dtype="string").dtype)
