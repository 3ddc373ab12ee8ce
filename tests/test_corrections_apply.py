"""apply_corrections (core/corrections.py) on the seed frames: what each verdict does, matching
by span (never by row or id), orphans, latest wins, categorical and dashboard frames."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from core import build_frames
from core.corrections import Correction, apply_corrections, correction_for, missed_frame

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seed_frames() -> Any:
    return build_frames([SEEDS])


def _alone(events: pd.DataFrame) -> pd.DataFrame:
    """Events alone on their span, not domestic/neutral."""
    size = events.groupby(["article_id", "start", "end"])["event_id"].transform("size")
    return events[(size == 1) & (events["polarity"] != "neutral")]


def _shared(events: pd.DataFrame) -> pd.DataFrame:
    """The events of the first span that holds two or more."""
    size = events.groupby(["article_id", "start", "end"])["event_id"].transform("size")
    first = events[size >= 2].iloc[0]
    return events[(events["article_id"] == first["article_id"]) & (events["start"] == first["start"])]


def _empty_passage(frames: Any) -> pd.Series:
    p = frames.passages
    taken = set(zip(frames.events["article_id"], frames.events["start"], strict=True))
    taken |= set(zip(frames.stances["article_id"], frames.stances["start"], strict=True))
    untaken = np.array([(a, s) not in taken for a, s in zip(p["article_id"], p["start"], strict=True)])
    free = p[untaken & (p["role"] == "body").to_numpy() & (p["text"].str.len() > 40).to_numpy()]
    return free.iloc[0]


def _numbered(corrections: list[Correction]) -> list[Correction]:
    """As the store would number them."""
    from dataclasses import replace

    return [replace(c, id=i) for i, c in enumerate(corrections, start=1)]


MISSED = {"actor1": "Government of Mexico", "country1": "MX", "actor2": "Government of the United States",
          "country2": "US", "action": "COOPERATE", "polarity": "cooperation"}


def test_corrections_apply_drops_changes_and_adds(seed_frames: Any) -> None:
    ev, st = seed_frames.events, seed_frames.stances
    alone = _alone(ev)
    gone, flip, actor = alone.iloc[0], alone.iloc[1], alone.iloc[2]
    new_pol = "cooperation" if flip["polarity"] == "friction" else "friction"
    new_act = "SUPPORT" if new_pol == "cooperation" else "ACCUSE"
    passage = _empty_passage(seed_frames)
    corrections = _numbered([
        correction_for("event", gone, "not_event", who="ana", why="background, not an act"),
        correction_for("event", flip, "wrong_polarity", value=new_pol, values={"action": new_act}, who="ana"),
        correction_for("event", actor, "wrong_actor", value="Omar García Harfuch", values={"country1": "OTHER"},
                       who="bo"),
        correction_for("stance", st.iloc[0], "wrong_stance", value="mixed", who="bo"),
        missed_frame("event", passage, MISSED, who="cy", why="the machine missed it"),
    ])
    before = ev.copy()
    out_ev, out_st, report = apply_corrections(ev, st, corrections, articles=seed_frames.articles)
    pd.testing.assert_frame_equal(ev, before)  # the machine's frames are untouched
    assert not report.orphans and report.applied == (1, 2, 3, 4, 5)
    assert len(out_ev) == len(ev) and report.events_dropped == 1 and report.events_added == 1
    assert gone["event_id"] not in set(out_ev["event_id"])
    row = out_ev.set_index("event_id").loc[flip["event_id"]]
    assert (row["polarity"], row["action"], row["correction"]) == (new_pol, new_act, "wrong_polarity")
    assert np.sign(row["intensity"]) == (1 if new_pol == "cooperation" else -1)
    assert f"polarity={flip['polarity']}" in row["machine"] and f"action={flip['action']}" in row["machine"]
    row = out_ev.set_index("event_id").loc[actor["event_id"]]
    assert (row["actor1"], row["country1"]) == ("Omar García Harfuch", "OTHER")
    if actor["country2"] not in ("NS",) and actor["actor2"]:
        assert row["dyad"] == "gov"
    added = out_ev[out_ev["event_id"] == "corr-5"].iloc[0]
    assert (added["start"], added["end"], added["correction"]) == (passage["start"], passage["end"], "missed")
    assert (added["action"], added["dyad"], added["passage_id"]) == ("COOPERATE", "gov", passage["passage_id"])
    art = seed_frames.articles.set_index("article_id").loc[passage["article_id"]]
    assert (added["date_low"], added["us_admin"]) == (art["date_low"], art["us_admin"])
    assert out_st.iloc[0]["stance"] == "mixed" and out_st.iloc[0]["machine"] == f"stance={st.iloc[0]['stance']}"
    assert set(out_ev["correction"]) == {"", "wrong_polarity", "wrong_actor", "missed"}
    assert isinstance(out_ev.index, pd.RangeIndex)


def test_corrections_apply_matches_by_span_not_by_row_or_id(seed_frames: Any) -> None:
    ev, st = seed_frames.events, seed_frames.stances
    shared = _shared(ev)
    a, b = shared.iloc[0], shared.iloc[1]
    corrections = _numbered([correction_for("event", a, "not_event", who="ana"),
                             correction_for("event", b, "wrong_target", value="Marco Rubio", values={"country2": "US"},
                                            who="ana")])
    # a rebuild: rows in another order, new ids
    rebuilt = ev.sample(frac=1.0, random_state=3).reset_index(drop=True)
    rebuilt["event_id"] = [f"ev-new-{i}" for i in range(len(rebuilt))]
    out, _, report = apply_corrections(rebuilt, st, corrections)
    assert not report.orphans and report.events_dropped == 1
    assert not ((out["cue_start"] == a["cue_start"]) & (out["start"] == a["start"])
                & (out["article_id"] == a["article_id"])).any()
    hit = out[(out["cue_start"] == b["cue_start"]) & (out["article_id"] == b["article_id"])
              & (out["start"] == b["start"])].iloc[0]
    assert (hit["actor2"], hit["actor1"], hit["correction"]) == ("Marco Rubio", b["actor1"], "wrong_target")


def test_corrections_apply_survives_a_moved_cue(seed_frames: Any) -> None:
    """A rebuild that re-codes the same text with another cue span: the span and the recorded
    values still find the frame."""
    ev, st = seed_frames.events, seed_frames.stances
    alone = _alone(ev).iloc[0]
    shared = _shared(ev)
    corrections = _numbered([
        correction_for("event", alone, "wrong_polarity", value="neutral", values={"action": "POLICY"}, who="ana"),
        correction_for("event", shared.iloc[1], "not_event", who="ana"),
    ])
    moved = ev.copy()
    moved.loc[moved["cue_start"] >= 0, "cue_start"] += 2
    out, _, report = apply_corrections(moved, st, corrections)
    assert not report.orphans
    assert report.events_dropped == 1 and len(out) == len(ev) - 1
    assert shared.iloc[1]["event_id"] not in set(out["event_id"])
    assert shared.iloc[0]["event_id"] in set(out["event_id"])
    assert out.set_index("event_id").loc[alone["event_id"], "action"] == "POLICY"


def test_corrections_apply_reports_orphans_with_their_reason(seed_frames: Any) -> None:
    ev, st = seed_frames.events, seed_frames.stances
    alone = _alone(ev).iloc[0]
    shared = _shared(ev)
    blind = correction_for("event", shared.iloc[0], "confirmed", who="ana")
    blind = Correction(kind="event", article_id=blind.article_id, start=blind.start, end=blind.end,
                       verdict="confirmed", who="ana")  # no cue, no recorded values
    corrections = _numbered([
        Correction(kind="event", article_id=alone["article_id"], start=alone["start"] + 1, end=alone["end"],
                   verdict="confirmed", who="ana"),
        Correction(kind="event", article_id="0000000000000000", start=0, end=10, verdict="not_event", who="ana"),
        blind,
        Correction(kind="stance", article_id="0000000000000000", start=0, end=10, verdict="missed", who="ana",
                   values={"holder": "Claudia Sheinbaum", "stance": "oppose", "target": "tariffs"}),
    ])
    out, out_st, report = apply_corrections(ev, st, corrections, articles=seed_frames.articles)
    reasons = {o.correction.id: o.reason for o in report.orphans}
    assert reasons == {1: "no event has this span any more", 2: "the article is not in the frames",
                       3: "several frames share this span and the recorded values do not tell which",
                       4: "the article is not in the frames"}
    assert len(out) == len(ev) and len(out_st) == len(st) and report.applied == ()


def test_corrections_apply_latest_wins_and_withdrawn_are_ignored(seed_frames: Any) -> None:
    ev, st = seed_frames.events, seed_frames.stances
    alone = _alone(ev)
    x, y = alone.iloc[0], alone.iloc[1]
    corrections = _numbered([
        correction_for("event", x, "wrong_actor", value="First Name", who="ana"),
        correction_for("event", x, "wrong_actor", value="Second Name", who="bo"),
        correction_for("event", y, "not_event", who="ana"),
        correction_for("event", y, "confirmed", who="bo", why="it is an act after all"),
        correction_for("event", x, "wrong_target", value="Someone Else", who="cy"),
    ])
    from dataclasses import replace

    corrections[4] = replace(corrections[4], withdrawn_when="2026-12-02T10:00:00+00:00", withdrawn_who="cy")
    out, _, report = apply_corrections(ev, st, corrections)
    row = out.set_index("event_id").loc[x["event_id"]]
    assert row["actor1"] == "Second Name" and row["actor2"] == x["actor2"]
    assert row["correction_ids"] == "2"
    assert y["event_id"] in set(out["event_id"])
    assert out.set_index("event_id").loc[y["event_id"], "correction"] == "confirmed"
    assert report.superseded == (1, 3) and report.applied == (2, 4)


def _as_dashboard_categoricals(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    out = df.copy()
    for c in cols:
        out[c] = out[c].astype("string").fillna("").astype("category")
    return out


def test_corrections_apply_on_categorical_frames(seed_frames: Any) -> None:
    cols = ["article_id", "actor1", "country1", "actor2", "country2", "action", "polarity", "dyad", "cameo_root",
            "quad_class", "date", "date_low", "date_high"]
    ev = _as_dashboard_categoricals(seed_frames.events, cols)
    st = _as_dashboard_categoricals(seed_frames.stances, ["article_id", "holder", "holder_country", "stance"])
    alone = _alone(seed_frames.events).iloc[0]
    corrections = _numbered([
        correction_for("event", ev.set_index("event_id").loc[alone["event_id"]].to_dict() | {
            "event_id": alone["event_id"]}, "wrong_actor", value="Aaaa New Actor", who="ana"),
        correction_for("stance", st.iloc[0], "wrong_holder", value="Zzzz New Holder", values={"holder_country": "MX"},
                       who="ana"),
        missed_frame("event", _empty_passage(seed_frames), MISSED | {"actor1": "Brand New Institution"}, who="ana"),
    ])
    out, out_st, report = apply_corrections(ev, st, corrections, articles=seed_frames.articles)
    assert not report.orphans
    for c in cols:
        assert isinstance(out[c].dtype, pd.CategoricalDtype), c
    cats = out["actor1"].cat.categories
    assert {"Aaaa New Actor", "Brand New Institution"} <= set(cats) and cats.is_monotonic_increasing
    assert out.set_index("event_id").loc[alone["event_id"], "actor1"] == "Aaaa New Actor"
    assert out_st.iloc[0]["holder"] == "Zzzz New Holder" and isinstance(out_st["holder"].dtype, pd.CategoricalDtype)
    assert out.iloc[-1]["event_id"] == "corr-3" and out.iloc[-1]["actor1"] == "Brand New Institution"
    assert ev["actor1"].cat.categories.equals(seed_frames.events["actor1"].astype("category").cat.categories)


def test_corrections_apply_fast_mode_keeps_every_row_in_place(seed_frames: Any) -> None:
    ev, st = seed_frames.events, seed_frames.stances
    alone = _alone(ev)
    corrections = _numbered([correction_for("event", alone.iloc[0], "not_event", who="ana"),
                             missed_frame("event", _empty_passage(seed_frames), MISSED, who="ana")])
    out, _, report = apply_corrections(ev, st, corrections, drop=False, append=False)
    assert len(out) == len(ev) and out.index.equals(ev.index)
    assert (~report.keep_events).sum() == 1
    assert out.loc[~report.keep_events, "correction"].tolist() == ["not_event"]
    assert report.added_events is not None and report.added_events["event_id"].tolist() == ["corr-2"]


def test_corrections_apply_missed_frame_the_machine_now_codes_is_not_doubled(seed_frames: Any) -> None:
    ev, st = seed_frames.events, seed_frames.stances
    x = _alone(ev).iloc[0]
    passage = {"article_id": x["article_id"], "start": x["start"], "end": x["end"], "passage_id": x["passage_id"]}
    values = {"actor1": x["actor1"], "country1": x["country1"], "action": x["action"], "polarity": x["polarity"],
              "actor2": "A Better Target"}
    out, _, report = apply_corrections(ev, st, _numbered([missed_frame("event", passage, values, who="ana")]))
    assert report.found == (1,) and report.events_added == 0 and len(out) == len(ev)
    row = out.set_index("event_id").loc[x["event_id"]]
    assert (row["actor2"], row["correction"]) == ("A Better Target", "missed")


def test_corrections_apply_on_dashboard_prepared_frames(seed_frames: Any, tmp_path: Path) -> None:
    data = pytest.importorskip("dashboard.data")
    from core.store import write_store
    from dashboard.source import load_store as dashboard_load

    write_store(seed_frames, tmp_path / "store")
    loaded = dashboard_load(tmp_path / "store", prepared=True)
    ev, st, art = loaded.frames.events, loaded.frames.stances, loaded.frames.articles
    alone = _alone(seed_frames.events)

    def prepare(name: str, rows: pd.DataFrame) -> pd.DataFrame:
        return data.prepare_events(rows, art) if name == "events" else data.prepare_stances(rows, art)

    corrections = _numbered([
        correction_for("event", alone.iloc[0], "wrong_polarity", value="neutral", values={"action": "POLICY"},
                       who="ana"),
        correction_for("event", alone.iloc[1], "not_event", who="ana"),
        missed_frame("event", _empty_passage(seed_frames), MISSED | {"actor2": "Unheard-of Agency"}, who="ana"),
    ])
    out, _, report = apply_corrections(ev, st, corrections, articles=art, prepare=prepare)
    assert not report.orphans and len(out) == len(ev)
    assert out.loc[alone.iloc[0]["event_id"], "polarity"] == "neutral"  # indexed by event_id, as prepared
    assert alone.iloc[1]["event_id"] not in out.index
    assert out.loc["corr-3", "actor2"] == "Unheard-of Agency" and not pd.isna(out.loc["corr-3", "_lo"])
    mask = data.filter_mask(out, data.Filters(modalities=("asserted", "reported", "planned")))
    agg = data.aggregate(out, period="month", measure="count", mask=mask)
    assert int(agg["n_events"].sum()) >= 1


@pytest.mark.parametrize("categorical", [False, True])
def test_corrections_apply_at_scale_matches_every_frame(categorical: bool) -> None:
    """Thousands of articles and long texts (packed join keys of many bits), shared spans:
    every correction finds its own frame, in a shuffled frame, by span, cue and values."""
    from core import schema

    rng = np.random.default_rng(7)
    n_art, n = 20_000, 60_000
    art = rng.integers(0, n_art, n)
    start = rng.integers(0, 3_000_000, n)
    ev = schema.conform("events", pd.DataFrame({
        "event_id": [f"ev-{i}" for i in range(n)], "article_id": [f"{a:016x}" for a in art],
        "start": start, "end": start + rng.integers(20, 400, n), "cue_start": start + 3, "cue_end": start + 9,
        "actor1": [f"Actor {i % 97}" for i in range(n)], "country1": "US", "actor2": "Government of Mexico",
        "country2": "MX", "action": "ACCUSE", "polarity": "friction", "dyad": "gov"}))
    twin = ev.iloc[:500].copy()  # a second event on each of 500 spans, same cue span, another actor
    twin["event_id"] = [f"tw-{i}" for i in range(500)]
    twin["actor1"] = "Twin Actor"
    ev = pd.concat([ev, twin], ignore_index=True)
    pick = rng.choice(len(ev), 5_000, replace=False)
    corrections = _numbered([correction_for("event", row, "wrong_actor", value=f"Right {row['event_id']}", who="t")
                             for row in ev.iloc[pick].to_dict(orient="records")])
    frame = ev.sample(frac=1.0, random_state=1).reset_index(drop=True)
    if categorical:
        frame = _as_dashboard_categoricals(frame, ["article_id", "actor1", "actor2", "country1", "country2"])
    out, _, report = apply_corrections(frame, schema.empty_frame("stances"), corrections)
    assert not report.orphans and len(report.applied) == 5_000
    hit = out[out["correction"] == "wrong_actor"]
    assert len(hit) == 5_000
    assert (hit["actor1"].astype(str) == "Right " + hit["event_id"].astype(str)).all()
