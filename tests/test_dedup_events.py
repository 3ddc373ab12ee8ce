"""Event deduplication: repeated reports point to the first one; cost stays linear."""

from __future__ import annotations

import random
import time

import pandas as pd

from core.dedup import mark_duplicates


def _ev(i: int, article: str, action: str, c1: str, c2: str, date: str, cue: str,
        a1: str = "Government of Mexico", a2: str = "Government of the United States") -> dict[str, str]:
    return {"event_id": f"ev-{i}", "article_id": article, "passage_id": f"p{i}", "action": action,
            "country1": c1, "country2": c2, "actor1": a1, "actor2": a2, "cue": cue, "date": date}


def test_dedup_same_event_in_two_articles() -> None:
    df = pd.DataFrame([
        _ev(0, "a1", "TRANSFER", "MX", "US", "2025-02-27", "expelled 29 cartel figures"),
        _ev(1, "a2", "TRANSFER", "MX", "US", "2025-02-28", "expelled 29 cartel figures"),
        _ev(2, "a2", "SANCTION", "US", "MX", "2025-02-28", "imposed tariffs"),
    ])
    dup = mark_duplicates(df)
    assert dup.dtype == "string"
    assert list(dup) == ["", "ev-0", ""]


def test_dedup_first_report_is_the_earliest_and_far_dates_differ() -> None:
    df = pd.DataFrame([
        _ev(0, "a2", "CONSULT", "US", "MX", "2021-10-09", "met with"),
        _ev(1, "a1", "CONSULT", "US", "MX", "2021-10-08", "met with"),
        _ev(2, "a3", "CONSULT", "US", "MX", "2022-05-01", "met with"),
    ], index=[10, 11, 12])
    dup = mark_duplicates(df)
    assert list(dup.index) == [10, 11, 12]
    assert dup[10] == "ev-1" and dup[11] == "" and dup[12] == ""


def test_dedup_joint_act_told_from_either_side() -> None:
    df = pd.DataFrame([
        _ev(0, "a1", "AGREE", "US", "MX", "2025-03-01", "signed a joint statement"),
        _ev(1, "a2", "AGREE", "MX", "US", "2025-03-02", "signed a joint statement",
            a1="Government of the United States", a2="Government of Mexico"),
    ])
    assert list(mark_duplicates(df)) == ["", "ev-0"]


def test_dedup_uses_passage_text_when_given() -> None:
    df = pd.DataFrame([
        _ev(0, "a1", "ATTACK", "NS", "US", "2025-01-24", "fired at"),
        _ev(1, "a2", "ATTACK", "NS", "US", "2025-01-25", "opened fire on"),
    ])
    passages = pd.DataFrame({"passage_id": ["p0", "p1"], "text": [
        "Suspected cartel members fired at Border Patrol agents near the border in Texas.",
        "Suspected cartel members opened fire on Border Patrol agents near the Texas border.",
    ]})
    assert list(mark_duplicates(df, passages=passages)) == ["", "ev-0"]


def test_dedup_empty_frame() -> None:
    out = mark_duplicates(pd.DataFrame({"event_id": pd.Series([], dtype="string")}))
    assert len(out) == 0


def _synthetic(n: int) -> pd.DataFrame:
    rnd = random.Random(7)
    words = ["met", "signed", "accused", "expelled", "fired", "talks", "border", "cartel", "aid", "deal"]
    rows = []
    for i in range(n):
        day = 1 + rnd.randint(0, max(30, n // 20))
        rows.append(_ev(i, f"a{i // 5}", rnd.choice(["CONSULT", "AGREE", "ACCUSE", "ATTACK"]),
                        rnd.choice(["US", "MX"]), rnd.choice(["US", "MX", "NS"]),
                        pd.Timestamp("2000-01-01") .strftime("%Y-%m-%d") if day == 0 else
                        (pd.Timestamp("2000-01-01") + pd.Timedelta(days=day)).strftime("%Y-%m-%d"),
                        " ".join(rnd.choice(words) for _ in range(5))))
    return pd.DataFrame(rows)


def test_dedup_cost_is_near_linear() -> None:
    small, big = _synthetic(3000), _synthetic(30000)
    mark_duplicates(small)
    t0 = time.perf_counter()
    mark_duplicates(small)
    t_small = time.perf_counter() - t0
    t0 = time.perf_counter()
    mark_duplicates(big)
    t_big = time.perf_counter() - t0
    assert t_big < 20 * max(t_small, 0.01), (t_small, t_big)
    assert t_big < 10.0


def test_dedup_one_wire_story_reprinted_is_one_report() -> None:
    # the same AP story, trimmed and reworded by two papers: below the cross-article bar, but
    # one report when both articles carry the same wire
    df = pd.DataFrame([
        _ev(0, "a1", "TRANSFER", "MX", "US", "2025-08-12", "sent"),
        _ev(1, "a2", "TRANSFER", "MX", "US", "2025-08-12", "transferred"),
    ])
    passages = pd.DataFrame({"passage_id": ["p0", "p1"], "text": [
        "Mexico handed 26 suspected gang members to U.S. authorities on Tuesday, its security cabinet said.",
        "The Mexican government transferred 26 prisoners wanted by U.S. courts, in a second mass transfer.",
    ]})
    assert list(mark_duplicates(df, passages=passages)) == ["", ""]
    assert list(mark_duplicates(df, passages=passages, wires={"a1": "AP", "a2": "AP"})) == ["", "ev-0"]
    assert list(mark_duplicates(df, passages=passages, wires={"a1": "AP", "a2": "Reuters"})) == ["", ""]
