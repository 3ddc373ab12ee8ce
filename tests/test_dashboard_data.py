"""Unit tests of the dashboard's data functions (pure pandas, no Streamlit)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest_dashboard import seed_frames

from dashboard import data as D


@pytest.fixture(scope="module")
def seeds() -> dict[str, pd.DataFrame]:
    fr = seed_frames()
    return {
        "events": D.prepare_events(fr.events, fr.articles),
        "articles": D.prepare_articles(fr.articles),
        "passages": D.prepare_passages(fr.passages),
        "stances": D.prepare_stances(fr.stances, fr.articles),
    }


def test_dashboard_filters_are_hashable_cache_keys() -> None:
    a = D.Filters(actors=("Ken Salazar",), min_confidence=0.5)
    assert hash(a) == hash(D.Filters(actors=("Ken Salazar",), min_confidence=0.5))
    assert {a: 1}[D.Filters(actors=("Ken Salazar",), min_confidence=0.5)] == 1


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (D.Filters(), 8),  # gov + asserted by default, of the 10 coded events
        (D.Filters(modalities=()), 10),
        (D.Filters(us_admins=("Biden",)), 4),
        (D.Filters(mx_admins=("Sheinbaum",)), 5),
        (D.Filters(actors=("Ken Salazar",)), 2),
        (D.Filters(actors=("Government of Mexico",)), 7),  # as actor or as target
        (D.Filters(polarities=("friction",)), 3),
        (D.Filters(actions=("COOPERATE", "TRANSFER")), 3),
        (D.Filters(outlets=("OAN",)), 2),
        (D.Filters(min_confidence=0.8), 4),
        (D.Filters(date_from="2025-01-01"), 3),
        (D.Filters(date_from="2024-11-01", date_to="2024-12-31"), 2),  # the Oct–Nov window overlaps
        (D.Filters(dyads=("nonstate",)), 0),
    ],
)
def test_dashboard_filter_mask_on_seeds(seeds: dict[str, pd.DataFrame], filters: D.Filters, expected: int) -> None:
    mask = D.filter_mask(seeds["events"], filters)
    assert int(mask.sum()) == expected
    assert len(D.filter_events(seeds["events"], filters)) == expected


def test_dashboard_admin_filter_matches_either_side_of_a_transition() -> None:
    ev = seed_frames().events.copy()
    ev.loc[0, "us_admin"] = "Biden → Trump II"
    p = D.prepare_events(ev)
    assert D.filter_mask(p, D.Filters(us_admins=("Trump II",), modalities=()))[0]
    assert D.filter_mask(p, D.Filters(us_admins=("Biden",), modalities=()))[0]


def test_dashboard_duplicates_left_out_unless_asked() -> None:
    ev = seed_frames().events.copy()
    ev.loc[1, "duplicate_of"] = ev.loc[0, "event_id"]
    p = D.prepare_events(ev)
    assert not D.filter_mask(p, D.Filters())[1]
    assert D.filter_mask(p, D.Filters(include_duplicates=True))[1]


@pytest.mark.parametrize("measure", D.MEASURES)
def test_dashboard_aggregate_diverging_and_net(seeds: dict[str, pd.DataFrame], measure: str) -> None:
    ev = seeds["events"]
    agg = D.aggregate(ev, period="month", measure=measure, mask=D.filter_mask(ev, D.Filters(modalities=())))
    assert (agg["cooperation"] >= 0).all() and (agg["friction"] <= 0).all()
    assert np.allclose(agg["net"], agg["cooperation"] + agg["friction"])
    oct21 = agg[agg["label"] == "2021-10"].iloc[0]
    if measure == "count":
        assert (oct21["cooperation"], oct21["friction"], oct21["n_events"]) == (2.0, -1.0, 3)
    else:
        assert (oct21["cooperation"], oct21["friction"]) == (9.0, -2.0)
    # months between are present with zeros (gaps are visible), undated/imprecise are not bars
    assert agg["key"].is_monotonic_increasing and (agg["key"].diff().dropna() == 1).all()
    assert agg["n_events"].sum() == 6  # 10 - 1 undated - 3 in windows wider than a month


def test_dashboard_imprecise_dates_never_become_points(seeds: dict[str, pd.DataFrame]) -> None:
    ev = seeds["events"]
    mask = D.filter_mask(ev, D.Filters(modalities=()))
    spans = D.imprecise_spans(ev, period="month", mask=mask)
    assert set(zip(spans["lo"].astype(str), spans["hi"].astype(str), spans["n_events"], strict=True)) == {
        ("2024-10-01", "2024-11-30", 2), ("2024-01-01", "2024-11-30", 1)}
    # a month-precision event fits in its month: a bar, not a span
    assert "2025-03" in set(D.aggregate(ev, period="month", mask=mask)["label"])
    # with years, the Oct-Nov 2024 window fits into 2024
    assert D.imprecise_spans(ev, period="year", mask=mask).empty
    assert D.undated_counts(ev, seeds["articles"], mask=mask) == {"events": 1, "articles": 1}


@pytest.mark.parametrize(
    ("key", "period", "label", "start"),
    [
        (D.period_keys(np.array(["2024-09-04"], "datetime64[D]"), "week")[0], "week", "2024-W36", "2024-09-02"),
        (D.period_keys(np.array(["2024-09-04"], "datetime64[D]"), "month")[0], "month", "2024-09", "2024-09-01"),
        (D.period_keys(np.array(["2024-09-04"], "datetime64[D]"), "quarter")[0], "quarter", "2024-Q3", "2024-07-01"),
        (D.period_keys(np.array(["2024-09-04"], "datetime64[D]"), "year")[0], "year", "2024", "2024-01-01"),
    ],
)
def test_dashboard_period_keys_labels_and_starts(key: int, period: str, label: str, start: str) -> None:
    assert D.period_label(int(key), period) == label
    assert str(D.period_start(int(key), period)[0].date()) == start


@pytest.mark.parametrize(
    ("days", "period"), [(30, "week"), (400, "week"), (600, "month"), (2000, "quarter"), (7300, "year")]
)
def test_dashboard_choose_period_from_span(days: int, period: str) -> None:
    lo = pd.Timestamp("2020-01-01")
    assert D.choose_period(lo, lo + pd.Timedelta(days=days)) == period  # at most 60 bars


@pytest.mark.parametrize(
    ("days", "n_events", "period"), [(600, 5000, "month"), (600, 5, "quarter"), (400, 3, "month"),
                                     (7300, 10_000, "year"), (30, 1, "week")]
)
def test_dashboard_choose_period_from_density(days: int, n_events: int, period: str) -> None:
    lo = pd.Timestamp("2020-01-01")
    assert D.choose_period(lo, lo + pd.Timedelta(days=days), n_events=n_events) == period


def test_dashboard_stack_rows_never_overlap_in_a_row() -> None:
    rng = np.random.default_rng(0)
    lo = np.sort(rng.integers(0, 1000, 300)).astype("datetime64[D]")
    hi = lo + rng.integers(0, 200, 300).astype("timedelta64[D]")
    rows = D.stack_rows(lo, hi)
    for r in np.unique(rows):
        idx = np.flatnonzero(rows == r)
        order = idx[np.argsort(lo[idx])]
        assert (lo[order][1:] > hi[order][:-1]).all()
    assert rows.max() + 1 == max(int(((lo <= d) & (hi >= d)).sum()) for d in lo)  # the fewest rows


@pytest.mark.parametrize(
    ("args", "text"),
    [(("", "2018-12-01", "2023-06-11", "month"), "2018-12-01 … 2023-06-11 (window; precision month)"),
     (("2024-03-05", "2024-03-05", "2024-03-05", "day"), "2024-03-05"),
     (("", "", "", "none"), "undated")],
)
def test_dashboard_window_text_never_shows_a_window_start_as_the_date(args: tuple, text: str) -> None:
    assert D.window_text(*args) == text


@pytest.mark.parametrize(
    ("value", "found"), [("abc123", "abc123"), ("A title [abc123]", "abc123"), ("zzz", None), ("", None)]
)
def test_dashboard_article_param_accepts_an_id_or_the_old_label(value: str, found: str | None) -> None:
    assert D.article_param(value, ["abc123", "def456"]) == found


def test_dashboard_unknown_link_values_are_named() -> None:
    got = D.unknown_values({"us": ["Nixon", "Biden"], "actor": ["Nobody"], "x": ["y"]},
                           {"us": {"Biden"}, "actor": {"DEA"}})
    assert got == ["us=Nixon", "actor=Nobody"]


def test_dashboard_selection_to_event_ids(seeds: dict[str, pd.DataFrame]) -> None:
    ev = seeds["events"]
    mask = D.filter_mask(ev, D.Filters(modalities=()))
    agg = D.aggregate(ev, period="month", mask=mask)
    key = int(agg.loc[agg["label"] == "2021-10", "key"].iloc[0])
    by_id = ev.set_index("event_id")
    coop = D.selection_event_ids(ev, [{"customdata": ["bar", key, key, "cooperation"]}], period="month", mask=mask)
    assert sorted(by_id.loc[coop, "actor1"].astype(str)) == ["Antony Blinken", "Government of the United States"]
    fric = D.selection_event_ids(ev, [{"customdata": ["bar", key, key, "friction"]}], period="month", mask=mask)
    assert by_id.loc[fric, "action"].astype(str).tolist() == ["REQUEST"]
    net = D.selection_event_ids(ev, [{"customdata": ["net", key, key, ""]}], period="month", mask=mask)
    assert sorted(net) == sorted(coop + fric)
    span = D.selection_event_ids(
        ev, [{"customdata": ["span", "2024-10-01", "2024-11-30", "friction"]}], period="month", mask=mask)
    assert by_id.loc[span, "actor1"].astype(str).tolist() == ["Ken Salazar", "Ken Salazar"]
    # a filtered-out event is never returned; junk points are ignored
    assert D.selection_event_ids(ev, [{"customdata": ["bar", key, key, "cooperation"]}], period="month",
                                 mask=D.filter_mask(ev, D.Filters())) == [
        i for i in coop if by_id.loc[i, "modality"] == "asserted"]
    assert D.selection_event_ids(ev, [{"x": 1}, {"customdata": ["bar", "x", 0, ""]}], period="month") == []


def test_dashboard_drilldown_has_passage_context_and_spans(seeds: dict[str, pd.DataFrame]) -> None:
    ev = seeds["events"]
    eid = ev.index[ev["actor1"].astype(str) == "Antony Blinken"][0]
    (item,) = D.drilldown(ev, seeds["passages"], seeds["articles"], [eid, "ev-missing"])
    assert item.passage_text.startswith("Secretary of State Antony Blinken met with the Mexican government")
    assert item.before.startswith("UPDATED 5:45 PM PT")
    assert item.after.startswith("Blinken and fellow U.S. officials")
    text = item.article["text"]
    assert {(text[s:e], k) for s, e, k in item.spans} == {
        ("met with", "cue"), ("Antony Blinken", "actor"), ("Mexican government", "target")}
    assert item.article["source"] == "OAN" and item.event["action"] == "CONSULT"


def test_dashboard_actor_ranking_and_dyads(seeds: dict[str, pd.DataFrame]) -> None:
    ev = seeds["events"]
    mask = D.filter_mask(ev, D.Filters(modalities=()))
    rank = D.actor_ranking(ev, mask=mask)
    top = rank.iloc[0]
    assert top["actor"] == "Government of Mexico" and top["n_events"] == 4
    salazar = rank[rank["actor"] == "Ken Salazar"].iloc[0]
    assert (salazar["cooperation"], salazar["friction"]) == (0.0, -2.0)
    dy = D.dyad_table(ev, mask=mask)
    pairs = {(r.side1, r.side2): r.n_events for r in dy.itertuples()}
    assert pairs == {("MX", "US"): 4, ("US", "MX"): 6}
    sec = D.dyad_table(ev, mask=mask, by="sector", sectors={"U.S. Department of Defense": "military"})
    assert ("military", "other") in {(r.side1, r.side2) for r in sec.itertuples()}


def test_dashboard_stance_filters(seeds: dict[str, pd.DataFrame]) -> None:
    st = seeds["stances"]
    assert len(D.filter_stances(st, D.Filters())) == 3
    assert D.filter_stances(st, D.Filters(actors=("Claudia Sheinbaum",)))["stance"].astype(str).tolist() == ["mixed"]
    assert len(D.filter_stances(st, D.Filters(countries=("US",)))) == 2
    assert len(D.filter_stances(st, D.Filters(date_from="2024-11-15"))) == 2  # the Oct–Nov 2024 window overlaps
    assert len(D.filter_stances(st, D.Filters(date_to="2022-01-01"))) == 1


def test_dashboard_empty_frames_work() -> None:
    from core import schema

    ev = D.prepare_events(schema.empty_frame("events"), schema.empty_frame("articles"))
    mask = D.filter_mask(ev, D.Filters())
    assert D.aggregate(ev, period="month", mask=mask).empty
    assert D.imprecise_spans(ev, period="month", mask=mask).empty
    assert D.actor_ranking(ev, mask=mask).empty
    assert D.dyad_table(ev, mask=mask).empty
    assert D.selection_event_ids(ev, [{"customdata": ["bar", 1, 1, ""]}], period="month") == []
    assert D.date_span(ev) == (None, None)


# Speed at a million events is measured (not asserted) by `python -m benchmarks`
# (benchmarks/bench_dashboard.py): timed tests fail at random on shared machines.


@pytest.mark.parametrize("filters", [D.Filters(), D.Filters(polarities=("friction",))])
@pytest.mark.parametrize("name", D.DATA_TABLES)
def test_dashboard_data_table_pages_and_downloads_agree(seeds: dict[str, pd.DataFrame], filters: D.Filters,
                                                       name: str) -> None:
    """The Data view's page (first rows) is the head of what its download holds, and the
    download holds what the filters say: every event of the mask, the articles and passages
    of the shown events and stances, the passages' text restored."""
    ev, st, art, pas = seeds["events"], seeds["stances"], seeds["articles"], seeds["passages"]
    mask = D.filter_mask(ev, filters)
    kw = {"events": ev, "stances": st, "articles": art, "passages": pas, "mask": mask, "filters": filters}
    total, full = D.data_table(name, **kw)
    shown_n, page = D.data_table(name, limit=2, **kw)
    assert total == shown_n == len(full)
    pd.testing.assert_frame_equal(page, full.head(2))
    assert not any(str(c).startswith("_") for c in full.columns)
    if name == "events":
        assert total == int(mask.sum())
    shown_articles = set(ev.loc[mask, "article_id"].astype(str)) | set(
        D.filter_stances(st, filters)["article_id"].astype(str))
    if name in ("articles", "passages") and filters != D.Filters():
        assert set(full["article_id"].astype(str)) == shown_articles
    if name == "passages":
        texts = dict(zip(art.index.astype(str), art["text"].astype(str), strict=True))
        for row in full.itertuples():
            assert row.text == texts[str(row.article_id)][row.start:row.end]


def test_dashboard_data_table_rejects_unknown_names(seeds: dict[str, pd.DataFrame]) -> None:
    ev = seeds["events"]
    with pytest.raises(ValueError, match="unknown table 'actors'"):
        D.data_table("actors", events=ev, stances=seeds["stances"], articles=seeds["articles"],
                     passages=seeds["passages"], mask=np.ones(len(ev), dtype=bool), filters=D.Filters())


def test_dashboard_passage_rows_finds_passages_by_article_and_start_in_any_input_order() -> None:
    """The drill-down finds an event's passage by two binary searches (article, then start),
    whatever order the store's passages came in, and only the passage asked for."""
    raw = seed_frames().passages
    shuffled = raw.sample(frac=1.0, random_state=7).reset_index(drop=True)
    prepared = D.prepare_passages(shuffled)
    assert isinstance(prepared.index, pd.RangeIndex)  # no hash index over millions of ids
    want = raw.sample(n=25, random_state=3)
    rows = D.passage_rows(prepared, list(want["article_id"]), list(want["start"]), list(want["passage_id"]))
    assert (rows >= 0).all()
    assert list(prepared["passage_id"].iloc[rows].astype(str)) == list(want["passage_id"].astype(str))
    first = want.iloc[0]
    # a wrong id at the right place, an unknown article, a start between passages: not found
    missing = D.passage_rows(prepared, [first["article_id"], "no-such-article", first["article_id"]],
                             [first["start"], first["start"], first["start"] + 1],
                             ["p-wrong", first["passage_id"], first["passage_id"]])
    assert missing.tolist() == [-1, -1, -1]


@pytest.mark.parametrize("mode", D.GENERIC_MODES)
def test_dashboard_actor_ranking_generic_modes(seeds: dict[str, pd.DataFrame], mode: str) -> None:
    ev = seeds["events"]
    mask = D.filter_mask(ev, D.Filters(modalities=(), dyads=()))
    generic = {"Government of Mexico", "Government of the United States"}
    rank = D.actor_ranking(ev, mask=mask, generic=generic, generic_mode=mode, top=50)
    names = set(rank["actor"])
    if mode == "apart":
        assert names & generic and names - generic
    elif mode == "left out":
        assert not names & generic and names
    else:
        assert names <= {"US (all actors)", "MX (all actors)", "NS (all actors)", "OTHER (all actors)"}
        assert rank["n_events"].sum() == D.actor_ranking(ev, mask=mask, top=50)["n_events"].sum()


def test_dashboard_about_counts_loose_and_undated_articles(seeds: dict[str, pd.DataFrame]) -> None:
    ab = D.about(seeds["articles"])
    assert ab.n_articles == 5 and ab.first and ab.last >= ab.first
    assert ab.n_loose >= 1  # the undated seed at least
    assert 0 < ab.loose_share < 1


def test_dashboard_reading_order_puts_what_people_read_first(seeds: dict[str, pd.DataFrame]) -> None:
    st = D.reading_order(D.public_columns(seeds["stances"]), "stances")
    assert list(st.columns[:4]) == ["date", "holder", "stance", "quote"]
    ev = D.reading_order(D.public_columns(seeds["events"]), "events")
    assert list(ev.columns[:3]) == ["date", "date_low", "date_high"] and "event_id" not in ev.columns[:8]
