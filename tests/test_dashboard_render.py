"""The safe-HTML builders and the figure builders (no Streamlit)."""

from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go
import pytest
from conftest_dashboard import HOSTILE_TEXT, seed_frames
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import data as D
from dashboard import figures, render

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "**bold** _it_ `code` # h $x$ :smile:",
    "\n\n<div>\n\n[x](http://evil)\n\n</div>",
    "&lt;script&gt; already escaped",
]
_TAG = re.compile(r"<(/?)([a-zA-Z]+)")
ALLOWED_TAGS = {"mark", "span", "div", "br", "style", "a", "b", "code"}


def _tags(out: str) -> set[str]:
    return {m.group(2).lower() for m in _TAG.finditer(out)}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_dashboard_escape_text_makes_payloads_inert(payload: str) -> None:
    out = render.escape_text(payload)
    assert "<" not in out.replace("<br>", "")
    assert not re.search(r"[\[\]()*_`#$!:]", re.sub(r"&#?\w+;", "", out))
    # the text still reads the same once the entities are decoded
    assert html.unescape(out.replace("<br>", "\n")) == payload


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.sampled_from(list("ab <>&\"'[]()!*_`#:/\\\n\r") + ["javascript:", "<script>",
                                                                        "onerror=", "](", "\u2028"]),
                  max_size=40).map("".join),
    spans=st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90),
                             st.sampled_from(["cue", "actor", "target", "event", "stance", "<script>"])),
                   max_size=6),
    offset=st.integers(0, 10),
)
def test_dashboard_highlight_never_lets_markup_through(text: str, spans: list, offset: int) -> None:
    out = render.highlight(text, spans, offset=offset)
    assert _tags(out) <= {"mark", "br"}
    assert "javascript:" not in out.lower()
    stripped = re.sub(r"<mark[^>]*>|</mark>", "", out).replace("<br>", "\n")
    assert html.unescape(stripped) == text.replace("\r\n", "\n").replace("\r", "\n")
    page = render.passage_html(text, spans, offset=offset, before=text, after=text)
    assert _tags(page) <= {"mark", "br", "span", "div", "style"}
    assert "javascript:" not in page.lower()


def test_dashboard_highlight_marks_overlapping_spans() -> None:
    text = "Ken Salazar said Mexico closed the door."
    out = render.highlight(text, [(0, 11, "actor"), (24, 39, "cue"), (17, 23, "target"), (4, 11, "cue")])
    assert '<mark class="actor"' in out and '<mark class="actor cue"' in out
    assert re.sub(r"<[^>]+>", "", out) == text
    assert ">closed the door</mark>" in out


@pytest.mark.parametrize(
    ("url", "ok"),
    [("https://example.org/a?b=1", True), ("http://x.mx/", True), ("javascript:alert(1)", False),
     ("JaVaScRiPt:alert(1)", False), (" javascript:alert(1)", False), ("data:text/html,<script>", False),
     ('https://x.org/"onmouseover="alert(1)', False), ("//evil.org", False), ("", False),
     ("https://x.org/\njavascript:", False)],
)
def test_dashboard_links_only_for_http_urls(url: str, ok: bool) -> None:
    assert (render.safe_url(url) is not None) is ok
    out = render.link(url, "<b>label</b>")
    assert ("<a href=" in out) is ok
    assert "&lt;b&gt;" in out and "javascript" not in out.lower().split("label")[0]


def test_dashboard_article_html_of_the_hostile_article() -> None:
    out = render.article_html(HOSTILE_TEXT, [(0, 20, "event"), (30, 60, "cue")])
    assert _tags(out) <= {"mark", "br", "div", "style"}
    assert "onerror=" not in out.replace("onerror&#61;", "") and "javascript:" not in out


@pytest.fixture(scope="module")
def ev() -> pd.DataFrame:
    fr = seed_frames(hostile=True)
    return D.prepare_events(fr.events, fr.articles)


def _customdata(fig: go.Figure) -> list:
    return [cd for tr in fig.data for cd in (tr.customdata if tr.customdata is not None else []) if cd is not None]


def test_dashboard_timeline_figure_bars_net_bands_and_lane(ev: pd.DataFrame) -> None:
    mask = D.filter_mask(ev, D.Filters(modalities=()))
    agg = D.aggregate(ev, period="month", mask=mask)
    spans = D.imprecise_spans(ev, period="month", mask=mask)
    bands = [figures.Band("US", "Biden", "2021-01-20", "2025-01-20"), figures.Band("MX", "Sheinbaum", "2024-10-01", "2030-09-30")]
    fig = figures.timeline_figure(agg, period="month", spans=spans, bands=bands)
    names = [t.name for t in fig.data]
    assert names[:3] == ["Cooperation", "Friction", "Net (cooperation − friction)"]
    coop, fric = fig.data[0], fig.data[1]
    assert min(coop.y) >= 0 and max(fric.y) <= 0  # diverging: cooperation up, friction down
    assert fig.layout.barmode == "relative"
    lane = [t for t in fig.data if t.yaxis == "y2"]
    segments = {(t.x[i], t.x[i + 1]) for t in lane for i in range(0, len(t.x), 3)}
    assert segments == {
        (pd.Timestamp("2024-10-01"), pd.Timestamp("2024-11-30")), (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-11-30"))}
    labels = [a.text for a in fig.layout.annotations]
    assert "US · Biden" in labels and "MX · Sheinbaum" in labels
    # every clicked point maps back to the events behind it
    total = 0
    for cd in _customdata(fig):
        if cd[0] == "bar":
            total += len(D.selection_event_ids(ev, [{"customdata": cd}], period="month", mask=mask))
    assert total == int(agg["n_events"].sum()) - int(
        sum(len(D.selection_event_ids(ev, [{"customdata": ["bar", k, k, "neutral"]}], period="month", mask=mask))
            for k in agg["key"]))


def test_dashboard_figures_on_empty_frames_say_so() -> None:
    empty = D.prepare_events(seed_frames().events.iloc[0:0])
    agg = D.aggregate(empty, period="month")
    fig = figures.timeline_figure(agg, period="month")
    assert "No events" in fig.layout.annotations[0].text
    assert "No actors" in figures.actor_figure(D.actor_ranking(empty)).layout.annotations[0].text
    assert "No dyads" in figures.dyad_figure(D.dyad_table(empty)).layout.annotations[0].text


def test_dashboard_figure_labels_from_articles_are_escaped(ev: pd.DataFrame) -> None:
    fig = figures.actor_figure(D.actor_ranking(ev, mask=D.filter_mask(ev, D.Filters())))
    ys = [y for t in fig.data for y in t.y]
    assert any("&lt;script&gt;" in y for y in ys) and not any("<script" in y for y in ys)
    fr = seed_frames(hostile=True)
    stances = D.prepare_stances(fr.stances, fr.articles)
    sf = figures.stance_figure(stances)
    blob = str(sf.to_plotly_json())
    assert "<script" not in blob and "<img" not in blob


def test_dashboard_timeline_figure_draws_no_coverage_as_a_gap(ev: pd.DataFrame) -> None:
    fr = seed_frames(hostile=True)
    art = D.prepare_articles(fr.articles)
    mask = D.filter_mask(ev, D.Filters(modalities=()))
    agg = D.with_coverage(D.aggregate(ev, period="quarter", mask=mask), art, "quarter")
    fig = figures.timeline_figure(agg, period="quarter")
    net = next(t for t in fig.data if t.name.startswith("Net"))
    cov = next(t for t in fig.data if t.name.startswith("Dated articles"))
    assert net.yaxis == "y3" and cov.yaxis == "y4"  # own panels: a net point never covers a bar
    empty = (agg["n_articles"] == 0) & (agg["n_events"] == 0)
    assert empty.any()  # the seeds leave quarters of 2022–2024 without a dated article
    assert [v is None for v in net.y] == empty.tolist()  # a gap, never a zero
    assert list(cov.y) == agg["n_articles"].tolist()
    greys = [s for s in fig.layout.shapes if s.fillcolor == "#bbbbbb"]
    assert len(greys) >= 1


def test_dashboard_timeline_figure_stacks_overlapping_windows(ev: pd.DataFrame) -> None:
    spans = pd.DataFrame({"lo": pd.to_datetime(["2020-01-01", "2020-02-01", "2020-06-01"]),
                          "hi": pd.to_datetime(["2020-12-31", "2020-03-01", "2020-07-01"]),
                          "polarity": ["cooperation", "friction", "friction"], "n_events": [1, 2, 3]})
    spans["row"] = D.stack_rows(spans["lo"].to_numpy(), spans["hi"].to_numpy())
    agg = D.aggregate(ev.iloc[0:0], period="month")
    fig = figures.timeline_figure(agg, period="month", spans=spans)
    rows = {(t.x[i], t.y[i]) for t in fig.data if t.yaxis == "y2" for i in range(0, len(t.x), 3)}
    assert rows == {(pd.Timestamp("2020-01-01"), 0), (pd.Timestamp("2020-02-01"), 1), (pd.Timestamp("2020-06-01"), 1)}


def test_dashboard_timeline_figure_labels_only_bands_that_fit(ev: pd.DataFrame) -> None:
    agg = D.aggregate(ev, period="month", mask=D.filter_mask(ev, D.Filters(modalities=())))
    bands = [figures.Band("US", "Biden", "2021-01-20", "2025-01-20"),
             figures.Band("US", "A very long administration label", "2025-01-20", "2025-01-27")]
    labels = [a.text for a in figures.timeline_figure(agg, period="month", bands=bands).layout.annotations]
    assert "US · Biden" in labels and not any("very long" in t for t in labels)


def test_dashboard_landmarks_on_the_timeline_are_context(ev: pd.DataFrame) -> None:
    fr = seed_frames()
    table, mentions = D.landmark_tables(D.prepare_articles(fr.articles))
    assert len(table) >= 100 and set(mentions["landmark_id"]) <= set(table["landmark_id"])
    assert "prisoners-transfer-26" in set(mentions["landmark_id"])
    mask = D.filter_mask(ev, D.Filters(modalities=()))
    agg = D.aggregate(ev, period="quarter", mask=mask)
    fig = figures.timeline_figure(agg, period="quarter", landmarks=table)
    marks = next(t for t in fig.data if t.name.startswith("Landmarks"))
    assert all(cd[0] == "landmark" for cd in marks.customdata)
    assert D.selection_event_ids(ev, [{"customdata": list(marks.customdata[0])}], period="quarter") == []
    near = D.landmarks_near(table, "prisoners-transfer-26", "quarter")
    assert near[0] == "prisoners-transfer-26" and len(near) >= 2


def test_dashboard_dyad_figure_uses_one_order_on_both_axes() -> None:
    dyads = pd.DataFrame({"side1": ["US", "MX", "US"], "side2": ["MX", "US", "NS"],
                          "cooperation": [3.0, 1.0, 0.0], "friction": [-1.0, 0.0, -2.0],
                          "net": [2.0, 1.0, -2.0], "n_events": [4, 1, 2]})
    hm = figures.dyad_figure(dyads).data[0]
    assert list(hm.x) == list(hm.y) == ["MX", "NS", "US"]  # the diagonal is a side toward itself
    assert hm.text[2][0] == "US → MX<br>4 ev." and hm.text[0][0] == ""
