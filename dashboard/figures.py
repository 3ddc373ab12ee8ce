"""Plotly figure builders: plain functions of data frames (no Streamlit), unit-tested.

Every clickable point carries ``customdata = [kind, a, b, polarity]`` that
:func:`dashboard.data.selection_event_ids` turns back into event ids.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.data import period_end


def esc(text: object) -> str:
    """Escape text for Plotly labels and hovers (Plotly renders a subset of HTML, including
    links, in text: article-derived strings must not become markup)."""
    return html.escape(str(text), quote=True)

COOP = "#2a9d8f"
FRIC = "#e76f51"
NEUT = "#8d99ae"
NET = "#264653"
US_BAND = "#4c78a8"
MX_BAND = "#54a24b"
POLARITY_COLOURS = {"cooperation": COOP, "friction": FRIC, "neutral": NEUT}
STANCE_COLOURS = {"support": COOP, "oppose": FRIC, "mixed": "#f4a261"}


@dataclass(frozen=True, slots=True)
class Band:
    """An administration drawn as a labelled band: ``country`` US or MX, ISO dates."""

    country: str
    label: str
    start: str
    end: str


def _empty(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 16})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=260, margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return fig


#: heights in pixels of the timeline's panels (the figure's height is their sum)
PANEL_PX = {"bands": 54, "landmarks": 64, "net": 120, "bars": 250, "coverage": 60, "lane_row": 18, "lane_pad": 34}
MAX_LANE_ROWS = 14
#: an administration's label is drawn when its band is at least this many pixels per
#: character wide on a plot this narrow (the 800 px screen's plot area)
LABEL_PX_PER_CHAR, NARROW_PLOT_PX = 7.0, 560.0


def _fits(start: pd.Timestamp, end: pd.Timestamp, x_lo: pd.Timestamp, x_hi: pd.Timestamp, text: str) -> bool:
    """Whether ``text`` fits in the part of [start, end] inside the x range on a narrow plot."""
    shown = (min(end, x_hi) - max(start, x_lo)) / (x_hi - x_lo)
    return shown * NARROW_PLOT_PX >= LABEL_PX_PER_CHAR * len(text) + 8


def _stack_domains(parts: Sequence[tuple[str, float]], gap_px: float = 16) -> tuple[dict[str, tuple[float, float]], float]:
    """Paper domains, bottom to top, for panels of the given heights (px); and the total."""
    total = sum(h for _, h in parts) + gap_px * (len(parts) - 1)
    out: dict[str, tuple[float, float]] = {}
    y = 0.0
    for name, h in parts:
        out[name] = (y / total, (y + h) / total)
        y += h + gap_px
    return out, total


def _runs(flags: Sequence[bool]) -> list[tuple[int, int]]:
    """(first, last) index of each run of True in ``flags``."""
    runs: list[tuple[int, int]] = []
    first = -1
    for i, f in enumerate([*flags, False]):
        if f and first < 0:
            first = i
        elif not f and first >= 0:
            runs.append((first, i - 1))
            first = -1
    return runs


def timeline_figure(
    agg: pd.DataFrame,
    *,
    period: str,
    measure: str = "count",
    spans: pd.DataFrame | None = None,
    bands: Sequence[Band] = (),
    landmarks: pd.DataFrame | None = None,
) -> go.Figure:
    """The timeline, in panels from the top down:

    * administrations as labelled bands (US above Mexico), labels only where they fit;
    * cooperation (up) and friction (down) per period as diverging bars;
    * the net index (cooperation − friction) as a line in a panel of its own, so that its
      points never cover a small bar; broken (a gap, shaded grey) where no article is dated;
    * coverage: dated articles per period (``agg["n_articles"]``, from
      :func:`dashboard.data.with_coverage`), so that "no news" and "balanced news" differ;
    * landmarks (``landmarks``: ``landmark_id``, ``low``, ``high``, ``precision``, ``name``,
      ``n_articles``) as labelled markers: context, never counted;
    * imprecise dates: events dated only by a window wider than the period, each window a
      horizontal span in a row of its own (``spans`` from :func:`dashboard.data.imprecise_spans`,
      stacked by its ``row``), coloured by polarity.

    Every clickable point carries ``customdata = [kind, a, b, polarity]``.
    """
    spans = spans if spans is not None else pd.DataFrame(columns=["lo", "hi", "polarity", "n_events", "row"])
    if agg.empty and spans.empty:
        return _empty("No events match the filters yet")
    fig = go.Figure()
    unit = "events" if measure == "count" else "intensity"
    lane = not spans.empty
    has_cov = "n_articles" in agg.columns and not agg.empty
    lm = landmarks if landmarks is not None and len(landmarks) else None
    rows_used = int(min(int(spans["row"].max()) + 1, MAX_LANE_ROWS)) if lane and "row" in spans else (3 if lane else 0)
    parts: list[tuple[str, float]] = []  # bottom to top
    if lane:
        parts.append(("lane", PANEL_PX["lane_pad"] + PANEL_PX["lane_row"] * rows_used))
    if lm is not None:
        parts.append(("landmarks", PANEL_PX["landmarks"]))
    if has_cov:
        parts.append(("coverage", PANEL_PX["coverage"]))
    parts += [("net", PANEL_PX["net"]), ("bars", PANEL_PX["bars"]), ("bands", PANEL_PX["bands"])]
    dom, total = _stack_domains(parts)
    x_lo, x_hi = _x_range(agg, spans, period)
    if not agg.empty:
        keys = agg["key"].to_numpy()
        starts = agg["period"]
        ends = period_end(keys, period)
        mids = starts + (ends - starts) / 2
        width_ms = [(e - s).total_seconds() * 1000 * 0.8 for s, e in zip(starts, ends, strict=True)]
        labels = agg["label"].astype(str).tolist()
        for col, colour, name in (("cooperation", COOP, "Cooperation"), ("friction", FRIC, "Friction")):
            fig.add_trace(go.Bar(
                x=mids, y=agg[col], width=width_ms, name=name, marker_color=colour,
                customdata=[["bar", int(k), int(k), col] for k in keys],
                text=labels, hovertemplate=f"%{{text}}<br>{name}: %{{y:.3~f}} {unit}<extra></extra>",
                textposition="none", yaxis="y",
            ))
        covered = (agg["n_articles"].to_numpy() > 0) if has_cov else np.ones(len(agg), dtype=bool)
        covered |= agg["n_events"].to_numpy() > 0
        net = [float(v) if c else None for v, c in zip(agg["net"], covered, strict=True)]
        fig.add_trace(go.Scatter(
            x=mids, y=net, name="Net (cooperation − friction)", mode="lines+markers", connectgaps=False,
            line={"color": NET, "width": 2}, marker={"size": 7},
            customdata=[["net", int(k), int(k), ""] for k in keys], text=labels,
            hovertemplate=f"%{{text}}<br>Net: %{{y:.3~f}} {unit}<extra></extra>", yaxis="y3",
        ))
        for a, b in _runs(list(~covered)):  # no dated article: a gap, shaded, never a zero
            fig.add_vrect(x0=starts.iloc[a], x1=ends[b], fillcolor="#bbbbbb", opacity=0.18, line_width=0,
                          layer="below")
        if has_cov:
            fig.add_trace(go.Bar(
                x=mids, y=agg["n_articles"], width=width_ms, name="Dated articles (coverage)",
                marker_color="#9aa5b1", customdata=[["coverage", int(k), int(k), ""] for k in keys],
                text=labels, hovertemplate="%{text}<br>%{y} dated article(s)<extra></extra>",
                textposition="none", yaxis="y4",
            ))
    if lane:
        for pol in ("cooperation", "neutral", "friction"):
            sub = spans[(spans["polarity"].astype(str) == pol) & (spans["row"] < MAX_LANE_ROWS)]
            if sub.empty:
                continue
            xs: list[object] = []
            ys: list[object] = []
            cds: list[object] = []
            texts: list[object] = []
            for lo_v, hi_v, n_ev, row in zip(sub["lo"], sub["hi"], sub["n_events"], sub["row"], strict=True):
                lo, hi = pd.Timestamp(str(lo_v)), pd.Timestamp(str(hi_v))
                cd = ["span", lo.date().isoformat(), hi.date().isoformat(), pol]
                tip = f"{n_ev} {pol} event(s) dated only {lo.date()} … {hi.date()}"
                xs += [lo, hi, None]
                ys += [int(row), int(row), None]
                cds += [cd, cd, None]
                texts += [tip, tip, None]
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines+markers", name=f"Imprecise date ({pol})",
                line={"color": POLARITY_COLOURS[pol], "width": 6}, marker={"size": 9},
                customdata=cds, text=texts, hovertemplate="%{text}<extra></extra>", yaxis="y2",
                connectgaps=False,
            ))
    if lm is not None and x_lo is not None and x_hi is not None:
        _add_landmarks(fig, lm, x_lo, x_hi, dom["landmarks"])
    fig.update_layout(
        barmode="relative",
        height=int(total + 80),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.02, "yanchor": "top"},
        hovermode="closest",
        clickmode="event+select",
        dragmode="pan",
        yaxis={"domain": list(dom["bars"]), "title": {"text": f"{unit} per {period}"},
               "zeroline": True, "zerolinewidth": 2, "zerolinecolor": "#555"},
        yaxis3={"domain": list(dom["net"]), "anchor": "x", "title": {"text": "net"}, "zeroline": True,
                "zerolinewidth": 1, "zerolinecolor": "#888"},
        xaxis={"type": "date"},
    )
    if has_cov:
        fig.update_layout(yaxis4={"domain": list(dom["coverage"]), "anchor": "x", "rangemode": "tozero",
                                  "title": {"text": "articles"}, "nticks": 3})
    if lane:
        fig.update_layout(yaxis2={
            "domain": list(dom["lane"]), "anchor": "x", "range": [rows_used - 0.4, -0.6],
            "showticklabels": False, "zeroline": False, "showgrid": False,
        })
    for panel, title in (("lane", "events dated only by a window (one row per overlapping window)"),
                         ("landmarks", "landmarks (context from the knowledge base, not counted)")):
        if panel in dom:  # a small panel's name above it, never squeezed beside it
            fig.add_annotation(x=0, xref="paper", y=dom[panel][1], yref="paper", xanchor="left", yanchor="bottom",
                               text=title, showarrow=False, font={"size": 10, "color": "#6c757d"})
    b0, b1 = dom["bands"]
    mid_b = (b0 + b1) / 2
    for band in bands:
        start, end = pd.Timestamp(band.start), pd.Timestamp(band.end)
        if x_lo is not None and x_hi is not None and (end < x_lo or start > x_hi):
            continue  # outside the data's span
        y0, y1, colour = (mid_b + 0.002, b1, US_BAND) if band.country == "US" else (b0, mid_b - 0.002, MX_BAND)
        fig.add_shape(type="rect", xref="x", yref="paper", x0=band.start, x1=band.end, y0=y0, y1=y1,
                      fillcolor=colour, opacity=0.25, line={"width": 1, "color": colour}, layer="below")
        fig.add_vrect(x0=band.start, x1=band.end, fillcolor=colour, opacity=0.04, line_width=0,
                      layer="below")
        text = f"{band.country} · {band.label}"
        if x_lo is not None and x_hi is not None and not _fits(start, end, x_lo, x_hi, text):
            text = band.label
            if not _fits(start, end, x_lo, x_hi, text):
                continue  # too narrow to label without overlapping its neighbours
        label_x = max(start, x_lo) if x_lo is not None else start
        fig.add_annotation(x=label_x, y=(y0 + y1) / 2, xref="x", yref="paper", xanchor="left",
                           text=esc(text), showarrow=False, font={"size": 11})
    if x_lo is not None:
        fig.update_xaxes(range=[x_lo, x_hi])
    return fig


def _add_landmarks(fig: go.Figure, lm: pd.DataFrame, x_lo: pd.Timestamp, x_hi: pd.Timestamp,
                   domain: tuple[float, float]) -> None:
    """Landmarks as diamonds on one row (dark when an article of the dataset names them),
    and the names of the most-named ones in two label rows above, where a name has room."""
    lm = lm.assign(_x=pd.to_datetime(lm["low"].astype(str), errors="coerce")).dropna(subset=["_x"])
    lm = lm[(lm["_x"] >= x_lo) & (lm["_x"] <= x_hi)].sort_values("_x")
    if lm.empty:
        return
    span = x_hi - x_lo

    def px(x: pd.Timestamp) -> float:
        return float((x - x_lo) / span * NARROW_PLOT_PX)

    tips, cds = [], []
    for lid, name, low, high, prec, n_art in zip(
        lm["landmark_id"].astype(str), lm["name"].astype(str), lm["low"].astype(str), lm["high"].astype(str),
        lm["precision"].astype(str), lm["n_articles"].astype(int), strict=True,
    ):
        when = low if low == high else f"{low} … {high}"
        tips.append(esc(f"{name} — {when} ({prec}); named in {n_art} article(s) of this dataset"))
        cds.append(["landmark", lid, "", ""])
    named = lm["n_articles"].to_numpy() > 0
    fig.add_trace(go.Scatter(
        x=lm["_x"], y=[0] * len(lm), mode="markers", name="Landmarks (context, not counted)",
        marker={"symbol": "diamond", "size": np.where(named, 11, 7).tolist(),
                "color": np.where(named, "#495057", "#ced4da").tolist(), "line": {"width": 1, "color": "#495057"}},
        customdata=cds, hovertext=tips, hovertemplate="%{hovertext}<extra></extra>", yaxis="y5",
    ))
    taken: list[list[tuple[float, float]]] = [[], []]  # label extents (px) of each label row
    lx, ly, lt = [], [], []
    for x, name in zip(lm.loc[named, "_x"], lm.loc[named, "name"].astype(str), strict=True):
        short = name if len(name) <= 30 else name[:29] + "…"
        a = px(x)
        b = a + LABEL_PX_PER_CHAR * len(short) + 6
        if b > NARROW_PLOT_PX:
            continue
        for row, extents in enumerate(taken):
            if all(b < c or a > d for c, d in extents):
                extents.append((a, b))
                lx.append(x)
                ly.append(row + 1)
                lt.append(esc(short))
                break
    if lx:
        fig.add_trace(go.Scatter(x=lx, y=ly, mode="text", text=lt, textposition="middle right",
                                 textfont={"size": 10, "color": "#495057"}, hoverinfo="skip",
                                 showlegend=False, yaxis="y5"))
    fig.update_layout(yaxis5={"domain": list(domain), "anchor": "x", "range": [-0.6, 2.6],
                              "showticklabels": False, "showgrid": False, "zeroline": False})


def _x_range(agg: pd.DataFrame, spans: pd.DataFrame, period: str) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    lows: list[pd.Timestamp] = []
    highs: list[pd.Timestamp] = []
    if not agg.empty:
        lows.append(pd.Timestamp(agg["period"].min()))
        highs.append(pd.Timestamp(period_end(int(agg["key"].max()), period)[0]))
    if not spans.empty:
        lows.append(pd.Timestamp(spans["lo"].min()))
        highs.append(pd.Timestamp(spans["hi"].max()) + pd.Timedelta(days=1))
    if not lows:
        return None, None
    lo, hi = min(lows), max(highs)
    pad = max((hi - lo) * 0.03, pd.Timedelta(days=3))
    return lo - pad, hi + pad


def actor_figure(ranking: pd.DataFrame, *, measure: str = "count") -> go.Figure:
    """A ranked horizontal diverging bar chart: cooperation right, friction left, per actor
    (from :func:`dashboard.data.actor_ranking`); the most active actor on top."""
    if ranking.empty:
        return _empty("No actors match the filters yet")
    r = ranking.iloc[::-1]
    fig = go.Figure()
    for col, colour, name in (("cooperation", COOP, "Cooperation"), ("friction", FRIC, "Friction")):
        fig.add_trace(go.Bar(
            y=[esc(a) for a in r["actor"]], x=r[col], orientation="h", name=name, marker_color=colour,
            customdata=[[a] for a in r["actor"]],
            hovertemplate=f"%{{y}}<br>{name}: %{{x:.3~f}}<extra></extra>",
        ))
    fig.update_layout(barmode="relative", height=max(260, 28 * len(r) + 80),
                      margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      xaxis={"title": {"text": "events" if measure == "count" else "intensity"},
                             "zeroline": True, "zerolinewidth": 2},
                      legend={"orientation": "h", "y": -0.15}, clickmode="event+select")
    return fig


def dyad_figure(dyads: pd.DataFrame) -> go.Figure:
    """A heat map of net cooperation (green) / friction (red) per dyad: rows are who acts
    (side 1), columns whom they act toward (side 2), both in the same order so that the
    diagonal is always a side toward itself; each cell says its direction ("US → MX")."""
    if dyads.empty:
        return _empty("No dyads match the filters yet")
    sides = sorted(set(dyads["side1"].astype(str)) | set(dyads["side2"].astype(str)))
    piv = dyads.pivot_table(index="side1", columns="side2", values="net", aggfunc="sum", fill_value=0.0)
    n = dyads.pivot_table(index="side1", columns="side2", values="n_events", aggfunc="sum", fill_value=0)
    piv = piv.reindex(index=sides, columns=sides, fill_value=0.0)
    n = n.reindex(index=sides, columns=sides, fill_value=0)
    bound = float(max(abs(piv.to_numpy()).max(), 1.0))
    counts = n.to_numpy(dtype="int64")
    text = [[f"{esc(a)} → {esc(b)}<br>{counts[i, j]} ev." if counts[i, j] else "" for j, b in enumerate(sides)]
            for i, a in enumerate(sides)]
    fig = go.Figure(go.Heatmap(
        z=piv.to_numpy(), x=[esc(c) for c in sides], y=[esc(i) for i in sides],
        zmin=-bound, zmax=bound, colorscale=[[0, FRIC], [0.5, "#f7f7f7"], [1, COOP]],
        text=text, texttemplate="%{text}", xgap=2, ygap=2,
        hovertemplate="%{y} → %{x}<br>net %{z:.3~f}<extra></extra>",
        colorbar={"title": {"text": "net"}},
    ))
    fig.update_layout(height=max(300, 60 * len(sides) + 140), margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      xaxis={"title": {"text": "toward (side 2) →"}, "side": "top", "type": "category"},
                      yaxis={"title": {"text": "who acts (side 1)"}, "autorange": "reversed", "type": "category"})
    return fig


def stance_figure(stances: pd.DataFrame, *, top: int = 15) -> go.Figure:
    """Holders (rows) and their stances over time, coloured support / oppose / mixed: a
    point for a stance dated to the day, a horizontal span from the start to the end of
    the window for one dated only roughly; the hover shows the target and the quote."""
    dated = stances[stances["_lo"].notna()] if "_lo" in stances.columns else stances.iloc[0:0]
    if dated.empty:
        return _empty("No dated stances match the filters yet")
    holders = dated["holder"].astype(str).value_counts().head(top).index.tolist()
    sub = dated[dated["holder"].astype(str).isin(holders)]
    fig = go.Figure()
    for stance, colour in STANCE_COLOURS.items():
        s = sub[sub["stance"].astype(str) == stance]
        if s.empty:
            continue
        xs: list[object] = []
        ys: list[object] = []
        cds: list[object] = []
        for sid, holder_raw, target, quote, lo, hi in zip(
            s["stance_id"].astype(str), s["holder"].astype(str), s["target"].astype(str),
            s["quote"].astype(str), s["_lo"], s["_hi"], strict=True,
        ):
            when = f"{pd.Timestamp(lo).date()}" + ("" if lo == hi else f" … {pd.Timestamp(hi).date()}")
            cd = [sid, esc(target), esc(quote if len(quote) <= 120 else quote[:117] + "…"), when]
            holder = esc(holder_raw)
            if lo == hi:
                xs += [lo, None]
                ys += [holder, None]
                cds += [cd, None]
            else:
                xs += [lo, hi, None]
                ys += [holder, holder, None]
                cds += [cd, cd, None]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines+markers", name=stance, connectgaps=False,
            line={"color": colour, "width": 5}, marker={"color": colour, "size": 13, "line": {"width": 1, "color": "#333"}},
            customdata=cds,
            hovertemplate="%{y} — " + stance + " %{customdata[1]}<br>%{customdata[3]}<br>%{customdata[2]}<extra></extra>",
        ))
    lo, hi = pd.Timestamp(sub["_lo"].min()), pd.Timestamp(sub["_hi"].max())
    pad = max((hi - lo) * 0.05, pd.Timedelta(days=30))
    fig.update_layout(height=max(260, 40 * len(holders) + 120), margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      legend={"orientation": "h", "y": -0.2},
                      xaxis={"type": "date", "range": [lo - pad, hi + pad]})
    return fig
