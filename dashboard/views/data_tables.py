"""Data: the filtered frames as tables, downloadable as CSV and Parquet."""

from __future__ import annotations

import io
from functools import partial

import pandas as pd
import streamlit as st

from dashboard import data as D
from dashboard import ui

ds = ui.dataset()
f = ui.filters()
mask = ui.mask(ds, f)
st.title("Data")
st.caption("The frames after the sidebar filters. Events follow every filter; stances the filters "
           "that apply to them; articles and passages are those of the shown events and stances.")
events = D.public_columns(ds.events[mask])
stances = D.public_columns(D.filter_stances(ds.stances, f))
aids = set(events["article_id"].astype(str)) | set(stances["article_id"].astype(str))
filtered = f != D.Filters()
art = ds.articles if not filtered else ds.articles[ds.articles["article_id"].isin(aids)]
articles = D.public_columns(art)
pas = ds.passages if not filtered else ds.passages[ds.passages["article_id"].isin(aids)]
passages = D.public_columns(D.with_passage_text(pas, ds.articles))
frames = {"events": events, "stances": stances, "articles": articles, "passages": passages}


def _parquet(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    return buf.getvalue()


def _csv(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False).encode("utf-8")


tabs = st.tabs([f"{name} ({len(df):,})" for name, df in frames.items()])
for tab, (name, df) in zip(tabs, frames.items(), strict=True):
    with tab:
        st.dataframe(df.head(10_000), hide_index=True, width="stretch")
        if len(df) > 10_000:
            st.caption(f"Showing the first 10,000 of {len(df):,} rows; the downloads hold all of them.")
        c1, c2 = st.columns(2)
        c1.download_button("Download CSV", data=partial(_csv, df),
                           file_name=f"{name}.csv", mime="text/csv", key=f"csv-{name}", on_click="ignore")
        c2.download_button("Download Parquet", data=partial(_parquet, df), file_name=f"{name}.parquet",
                           mime="application/octet-stream", key=f"pq-{name}", on_click="ignore")
