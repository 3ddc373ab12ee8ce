"""Plotly figure builders: plain functions of data frames (no Streamlit), unit-tested.

Every clickable point carries ``customdata = [kind, a, b, polarity]`` that
:func:`dashboard.data.selection_event_ids` turns back into event ids.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

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


def timeline_figure(
    agg: pd.DataFrame,
    *,
    period: str,
    measure: str = "count",
    spans: pd.DataFrame | None = None,
    bands: Sequence[Band] = (),
) -> go.Figure:
    """Cooperation (up) and friction (down) per period as diverging bars, the net index as
    a line, administrations as labelled shaded bands (US in the top strip, Mexico below it),
    and a separate lower lane for events dated only by a window wider than the period,
    drawn as horizontal spans from the window's start to its end.

    ``agg`` comes from :func:`dashboard.data.aggregate`, ``spans`` from
    :func:`dashboard.data.imprecise_spans`.
    """
    spans = spans if spans is not None else pd.DataFrame(columns=["lo", "hi", "polarity", "n_events"])
    if agg.empty and spans.empty:
        return _empty("No events match the filters yet")
    fig = go.Figure()
    unit = "events" if measure == "count" else "intensity"
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
        fig.add_trace(go.Scatter(
            x=mids, y=agg["net"], name="Net (cooperation − friction)", mode="lines+markers",
            line={"color": NET, "width": 2}, marker={"size": 7},
            customdata=[["net", int(k), int(k), ""] for k in keys], text=labels,
            hovertemplate=f"%{{text}}<br>Net: %{{y:.3~f}} {unit}<extra></extra>", yaxis="y",
        ))
    lane = not spans.empty
    if lane:
        level = {"cooperation": 1, "neutral": 0, "friction": -1}
        for pol in ("cooperation", "neutral", "friction"):
            sub = spans[spans["polarity"].astype(str) == pol]
            if sub.empty:
                continue
            xs: list[object] = []
            ys: list[object] = []
            cds: list[object] = []
            texts: list[object] = []
            for lo_v, hi_v, n_ev in zip(sub["lo"], sub["hi"], sub["n_events"], strict=True):
                lo, hi = pd.Timestamp(str(lo_v)), pd.Timestamp(str(hi_v))
                cd = ["span", lo.date().isoformat(), hi.date().isoformat(), pol]
                tip = f"{n_ev} {pol} event(s) dated only {lo.date()} … {hi.date()}"
                xs += [lo, hi, None]
                ys += [level[pol], level[pol], None]
                cds += [cd, cd, None]
                texts += [tip, tip, None]
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines+markers", name=f"Imprecise date ({pol})",
                line={"color": POLARITY_COLOURS[pol], "width": 6}, marker={"size": 9},
                customdata=cds, text=texts, hovertemplate="%{text}<extra></extra>", yaxis="y2",
                connectgaps=False,
            ))
    top = 0.80
    fig.update_layout(
        barmode="relative",
        height=520 if lane else 460,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": -0.08},
        hovermode="closest",
        clickmode="event+select",
        dragmode="pan",
        yaxis={"domain": [0.28 if lane else 0.0, top], "title": {"text": f"{unit} per {period}"},
               "zeroline": True, "zerolinewidth": 2, "zerolinecolor": "#555"},
        xaxis={"type": "date"},
    )
    if lane:
        fig.update_layout(yaxis2={
            "domain": [0.0, 0.20], "anchor": "x", "range": [-1.6, 1.6],
            "tickvals": [-1, 0, 1], "ticktext": ["friction", "neutral", "cooperation"],
            "title": {"text": "imprecise dates"},
        })
    x_lo, x_hi = _x_range(agg, spans, period)
    for band in bands:
        if x_lo is not None and x_hi is not None and (
            pd.Timestamp(band.end) < x_lo or pd.Timestamp(band.start) > x_hi
        ):
            continue  # outside the data's span
        y0, y1, colour = (0.91, 0.99, US_BAND) if band.country == "US" else (0.82, 0.90, MX_BAND)
        fig.add_shape(type="rect", xref="x", yref="paper", x0=band.start, x1=band.end, y0=y0, y1=y1,
                      fillcolor=colour, opacity=0.25, line={"width": 1, "color": colour}, layer="below")
        fig.add_vrect(x0=band.start, x1=band.end, fillcolor=colour, opacity=0.04, line_width=0,
                      layer="below")
        label_x = max(pd.Timestamp(band.start), x_lo) if x_lo is not None else pd.Timestamp(band.start)
        fig.add_annotation(x=label_x, y=(y0 + y1) / 2, xref="x", yref="paper", xanchor="left",
                           text=f"{band.country} · {esc(band.label)}", showarrow=False, font={"size": 11})
    if x_lo is not None:
        fig.update_xaxes(range=[x_lo, x_hi])
    return fig


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
    """A heat map of net cooperation (green) / friction (red) per dyad side1 → side2."""
    if dyads.empty:
        return _empty("No dyads match the filters yet")
    piv = dyads.pivot_table(index="side1", columns="side2", values="net", aggfunc="sum", fill_value=0.0)
    n = dyads.pivot_table(index="side1", columns="side2", values="n_events", aggfunc="sum", fill_value=0)
    bound = float(max(abs(piv.to_numpy()).max(), 1.0))
    fig = go.Figure(go.Heatmap(
        z=piv.to_numpy(), x=[esc(c) for c in piv.columns], y=[esc(i) for i in piv.index],
        zmin=-bound, zmax=bound, colorscale=[[0, FRIC], [0.5, "#f7f7f7"], [1, COOP]],
        text=n.reindex(index=piv.index, columns=piv.columns).to_numpy(),
        texttemplate="%{z:.3~f}<br>(%{text} ev.)",
        hovertemplate="%{y} → %{x}<br>net %{z:.3~f}<extra></extra>",
        colorbar={"title": {"text": "net"}},
    ))
    fig.update_layout(height=380, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      xaxis={"title": {"text": "toward (side 2)"}},
                      yaxis={"title": {"text": "actor (side 1)"}})
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
