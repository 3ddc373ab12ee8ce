"""Stances: holders and their stances over time, with their quotes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data as D
from dashboard import ui
from dashboard.figures import stance_figure

ds = ui.dataset()
f = ui.filters()
st.title("Stances over time")
stances = D.filter_stances(ds.stances, f)
if len(ds.stances) == 0:
    st.info("No stances yet: holders and their stances appear here once stance frames have been coded.")
st.plotly_chart(stance_figure(stances), key="stance_chart", config={"displaylogo": False})
c1, c2, c3 = st.columns(3)
for col, name in zip((c1, c2, c3), ("support", "oppose", "mixed"), strict=True):
    col.metric(name.capitalize(), int((stances["stance"].astype(str) == name).sum()))
cols = ["date_window", "holder", "stance", "quote", "target", "holder_country", "confidence", "source",
        "us_admin", "mx_admin", "date", "article_id", "stance_id"]
st.subheader("Quotes")
table = D.public_columns(stances)
table.insert(1, "date_window", [
    "" if pd.isna(lo) else f"{pd.Timestamp(lo).date()}" + ("" if lo == hi else f" … {pd.Timestamp(hi).date()}")
    for lo, hi in zip(stances["_lo"], stances["_hi"], strict=True)])  # the window, never its start alone
st.dataframe(table[[c for c in cols if c in table.columns]], hide_index=True,
             width="stretch",
             column_config={"quote": st.column_config.TextColumn("quote", width="large")})
