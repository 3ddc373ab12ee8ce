"""Data: the filtered frames as tables, downloadable as CSV and Parquet."""

from __future__ import annotations

import io
import json
from functools import partial
from pathlib import Path

import streamlit as st

from dashboard import data as D
from dashboard import ui

ds = ui.dataset()
f = ui.filters()
mask = ui.mask(ds, f)
st.title("Data")
st.caption("The frames after the sidebar filters. Events follow every filter; stances the filters "
           "that apply to them; articles and passages are those of the shown events and stances.")
SHOWN = 10_000
frames = D.DATA_TABLES
table = partial(D.data_table, events=ds.events, stances=ds.stances, articles=ds.articles, passages=ds.passages,
                mask=mask, filters=f)
shown = {name: table(name, limit=SHOWN) for name in frames}  # (rows in all, the first SHOWN rows)


def _parquet(name: str) -> bytes:
    buf = io.BytesIO()
    table(name)[1].to_parquet(buf, index=False)  # every row, built when asked for
    return buf.getvalue()


def _csv(name: str) -> bytes:
    return table(name)[1].to_csv(index=False).encode("utf-8")


tabs = st.tabs([f"{name} ({shown[name][0]:,})" for name in frames])
for tab, name in zip(tabs, frames, strict=True):
    total, df = shown[name]
    with tab:
        st.dataframe(D.reading_order(df, name), hide_index=True, width="stretch")
        if total > SHOWN:
            st.caption(f"Showing the first {SHOWN:,} of {total:,} rows; the downloads hold all of them.")
        c1, c2 = st.columns(2)
        c1.download_button("Download CSV", data=partial(_csv, name),
                           file_name=f"{name}.csv", mime="text/csv", key=f"csv-{name}", on_click="ignore")
        c2.download_button("Download Parquet", data=partial(_parquet, name), file_name=f"{name}.parquet",
                           mime="application/octet-stream", key=f"pq-{name}", on_click="ignore")

path = ui.corrections_file(ds)
if path is not None and path.exists() and not ds.corrections_error:
    from core.corrections import load_corrections

    def _corrections_jsonl(file: Path = path) -> bytes:
        rows = load_corrections(file, include_withdrawn=True)
        return "".join(json.dumps(c.as_dict(), ensure_ascii=False) + "\n" for c in rows).encode("utf-8")

    st.subheader("Analyst corrections")
    st.caption(("The tables above include the corrections. " if ui.corrections_on() else
                "The tables above are the machine's coding (corrections off). ")
               + "Every correction, with who, when and why (withdrawn ones too):")
    st.download_button("Download the corrections (JSONL)", data=_corrections_jsonl, file_name="corrections.jsonl",
                       mime="application/jsonl", key="corrections-jsonl", on_click="ignore")
