"""The matcher of ``core.evaluate`` on small hand-made frames."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from core import schema
from core.evaluate import Gold, GoldArticle, GoldEvent, GoldStance, evaluate, locate, window_right

S1 = "Mexico expelled 26 cartel suspects to the United States on Monday."
S2 = "Mexican officials pressed the U.S. to stop the flow of guns."
S3 = "Local police arrested a man in Toluca."
S4 = "“We coordinate, we work together, but there is no subordination,” Sheinbaum said."
TEXT = " ".join([S1, S2, S3, S4])
NAME = "a.txt"


def _span(sentence: str) -> tuple[int, int]:
    start = TEXT.index(sentence)
    return start, start + len(sentence)


def _event(sentence: str, polarity: str, action: str, c1: str = "MX", c2: str = "US", **kw: Any) -> dict:
    start, end = _span(sentence)
    row = dict(event_id=f"ev-{start}-{polarity}", article_id="A1", start=start, end=end, polarity=polarity,
               action=action, country1=c1, country2=c2, actor1="x", actor2="y", date_low="2025-02-03",
               date_high="2025-02-03", date="2025-02-03", date_precision="day")
    row.update(kw)
    return row


def _stance(quote: str, stance: str, country: str = "MX") -> dict:
    start = TEXT.index(quote)
    return dict(stance_id=f"st-{start}", article_id="A1", start=start, end=start + len(quote), quote=quote,
                stance=stance, holder="Claudia Sheinbaum", holder_country=country, target="cooperation")


def _frames(events: list[dict], stances: list[dict] = (), **article: Any) -> SimpleNamespace:
    art = dict(article_id="A1", path=f"corpus/{NAME}", text=TEXT, date_low="2025-02-03", date_high="2025-02-03",
               date_precision="day", us_admin="Trump II", mx_admin="Sheinbaum")
    art.update(article)
    return SimpleNamespace(articles=schema.to_frame("articles", [art]),
                           events=schema.to_frame("events", events),
                           stances=schema.to_frame("stances", list(stances)))


def _gold(events: tuple[GoldEvent, ...] = (), stances: tuple[GoldStance, ...] = ()) -> Gold:
    return Gold(events, stances, (GoldArticle(NAME, "2025-02-03", "2025-02-03", "2025-02-03", "day",
                                              "Trump II", "Sheinbaum"),))


G1 = GoldEvent(NAME, S1, "Government of Mexico", "MX", "United States", "US", "TRANSFER", "cooperation",
               "gov", "asserted", "2025-02-03", "2025-02-03", "2025-02-03", "day")
G2 = GoldEvent(NAME, S2, "Government of Mexico", "MX", "United States", "US", "REQUEST", "friction",
               "gov", "asserted", "2025-02-03", "2025-02-03", "2025-02-03", "day")


def test_evaluate_match_perfect() -> None:
    rep = evaluate(_frames([_event(S1, "cooperation", "TRANSFER"), _event(S2, "friction", "REQUEST")]),
                   _gold((G1, G2)))
    assert (rep.events.tp, rep.events.fp, rep.events.fn) == (2, 0, 0)
    assert rep.events.f1 == 1.0
    assert rep.action_accuracy.value == 1.0 and rep.country_accuracy.value == 1.0
    assert rep.date_accuracy.value == 1.0 and rep.admin_accuracy.value == 1.0
    assert not rep.misses and not rep.false_positives and not rep.disagreements


def test_evaluate_match_a_miss_and_a_false_positive() -> None:
    rep = evaluate(_frames([_event(S1, "cooperation", "TRANSFER"), _event(S3, "friction", "ACCUSE")]),
                   _gold((G1, G2)))
    assert (rep.events.tp, rep.events.fp, rep.events.fn) == (1, 1, 1)
    assert rep.events.precision == 0.5 and rep.events.recall == 0.5
    assert [(f.kind, f.text) for f in rep.misses] == [("miss", S2)]
    assert [(f.kind, f.text) for f in rep.false_positives] == [("false_positive", S3)]
    assert "REQUEST/friction" in rep.misses[0].expected
    assert "ACCUSE/friction" in rep.false_positives[0].predicted


def test_evaluate_match_wrong_polarity_is_a_miss_and_a_false_positive() -> None:
    # expelling suspects coded as coercion: located, but the polarity is wrong
    rep = evaluate(_frames([_event(S1, "friction", "SANCTION")]), _gold((G1,)))
    assert (rep.events.tp, rep.events.fp, rep.events.fn) == (0, 1, 1)
    assert rep.polarity_accuracy.right == 0 and rep.polarity_accuracy.total == 1
    assert rep.misses[0].kind == "wrong_polarity" and "SANCTION/friction" in rep.misses[0].predicted
    assert rep.false_positives[0].kind == "wrong_polarity"
    assert rep.action_accuracy.total == 0  # only measured on matches


def test_evaluate_match_right_polarity_wrong_action_and_countries() -> None:
    rep = evaluate(_frames([_event(S2, "friction", "DEMAND", c1="US", c2="MX")]), _gold((G2,)))
    assert (rep.events.tp, rep.events.fp, rep.events.fn) == (1, 0, 0)
    assert rep.polarity_accuracy.value == 1.0
    assert rep.action_accuracy.value == 0.0 and rep.country_accuracy.value == 0.0
    assert {f.kind for f in rep.disagreements} == {"action", "countries"}


def test_evaluate_match_symmetric_action_accepts_reversed_countries() -> None:
    gold = GoldEvent(NAME, S1, "a", "US", "b", "MX", "COOPERATE", "cooperation", "gov", "asserted",
                     "", "2025-02-03", "2025-02-03", "day")
    rep = evaluate(_frames([_event(S1, "cooperation", "COOPERATE", c1="MX", c2="US")]), _gold((gold,)))
    assert rep.country_accuracy.value == 1.0


def test_evaluate_match_is_one_to_one_and_prefers_the_same_action() -> None:
    accuse = GoldEvent(NAME, S2, "Ken Salazar", "US", "Government of Mexico", "MX", "ACCUSE", "friction",
                       "gov", "asserted", "", "2025-02-03", "2025-02-03", "day")
    reject = GoldEvent(NAME, S2, "Government of Mexico", "MX", "United States", "US", "REJECT", "friction",
                       "gov", "reported", "", "2025-02-03", "2025-02-03", "day")
    preds = [_event(S2, "friction", "REJECT"), _event(S2, "friction", "REJECT", event_id="dup")]
    rep = evaluate(_frames(preds), _gold((accuse, reject)))
    assert (rep.events.tp, rep.events.fp, rep.events.fn) == (2, 0, 0)
    assert rep.action_accuracy.right == 1  # one REJECT matched REJECT, the other took ACCUSE
    rep = evaluate(_frames(preds[:1]), _gold((accuse, reject)))
    assert (rep.events.tp, rep.events.fn) == (1, 1)
    assert rep.action_accuracy.value == 1.0 and rep.misses[0].expected.startswith("Ken Salazar")


def test_evaluate_match_partial_span_overlap_counts() -> None:
    start, _end = _span(S1)
    row = _event(S1, "cooperation", "TRANSFER", start=start + 7, end=start + 30)
    rep = evaluate(_frames([row]), _gold((G1,)))
    assert rep.events.tp == 1


def test_evaluate_match_duplicates_still_count() -> None:
    rows = [_event(S1, "cooperation", "TRANSFER"),
            _event(S2, "cooperation", "TRANSFER", event_id="ev-2", duplicate_of="ev-1")]
    rep = evaluate(_frames(rows), _gold((G1,)))
    assert (rep.events.tp, rep.events.fp) == (1, 1)


def test_evaluate_match_optional_items_are_set_aside() -> None:
    opt = GoldEvent(NAME, S3, "police", "MX", "man", "NS", "ARREST", "neutral", "nonstate", "asserted",
                    "", "2025-02-03", "2025-02-03", "day", optional=True)
    rep = evaluate(_frames([_event(S1, "cooperation", "TRANSFER"), _event(S3, "neutral", "ARREST")]),
                   _gold((G1, opt)))
    assert (rep.events.tp, rep.events.fp, rep.events.fn, rep.set_aside) == (1, 0, 0, 1)
    rep = evaluate(_frames([_event(S1, "cooperation", "TRANSFER")]), _gold((G1, opt)))
    assert (rep.events.tp, rep.events.fp, rep.events.fn) == (1, 0, 0)


def test_evaluate_match_stances() -> None:
    quote = "We coordinate, we work together, but there is no subordination"
    gold = GoldStance(NAME, "Claudia Sheinbaum", "MX", "security cooperation with the US", "mixed", quote)
    rep = evaluate(_frames([], [_stance(quote, "mixed")]), _gold(stances=(gold,)))
    assert (rep.stances.tp, rep.stances.fp, rep.stances.fn) == (1, 0, 0)
    assert rep.holder_country_accuracy.value == 1.0
    rep = evaluate(_frames([], [_stance(quote, "support", "US")]), _gold(stances=(gold,)))
    assert (rep.stances.tp, rep.stances.fp, rep.stances.fn) == (0, 1, 1)
    assert rep.misses[0].kind == "wrong_stance" and rep.stance_accuracy.value == 0.0
    rep = evaluate(_frames([], [_stance("Local police arrested a man", "oppose")]), _gold(stances=(gold,)))
    assert (rep.stances.tp, rep.stances.fp, rep.stances.fn) == (0, 1, 1)


def test_evaluate_match_article_dates_and_administrations() -> None:
    gold = Gold((), (), (GoldArticle(NAME, "", "2024-11-06", "2025-01-19", "window", "Biden", "Sheinbaum"),))
    inside = _frames([], date_low="2024-11-10", date_high="2024-11-16", date_precision="window",
                     us_admin="Biden", mx_admin="Sheinbaum")
    rep = evaluate(inside, gold)
    assert rep.date_accuracy.value == 1.0 and rep.admin_accuracy.value == 1.0
    wide = _frames([], date_low="2024-10-01", date_high="2025-12-31", date_precision="window",
                   us_admin="Biden → Trump II", mx_admin="Sheinbaum")
    rep = evaluate(wide, gold)
    assert rep.date_accuracy.value == 0.0 and rep.date_overlap.value == 1.0
    assert rep.us_admin_accuracy.value == 0.0 and rep.mx_admin_accuracy.value == 1.0
    assert {f.kind for f in rep.disagreements} == {"date", "admin"}


def test_evaluate_match_gold_article_missing_from_frames_is_listed() -> None:
    rep = evaluate(_frames([], path="other.txt"), _gold((G1,)))
    assert rep.not_scored == (NAME,)
    assert rep.events.tp + rep.events.fn == 0


def test_evaluate_match_locates_text_after_cleaning_changes() -> None:
    text = "Intro.\n\nMexico  ‘closing the door’\non cooperation.  End."
    spans = locate("Mexico 'closing the door' on cooperation.", text)
    assert len(spans) == 1
    s, e = spans[0]
    assert text[s:e].startswith("Mexico") and text[s:e].endswith("cooperation.")
    assert locate("Headline", "Headline\nbody\nHeadline") == [(0, 8), (14, 22)]
    assert locate("nothing like it", text) == []


@pytest.mark.parametrize(
    ("pred", "gold", "right", "overlap"),
    [
        (("2021-10-08", "2021-10-08"), ("2021-10-08", "2021-10-08", "day"), True, True),
        (("2021-10-01", "2021-10-31"), ("2021-10-08", "2021-10-08", "day"), False, True),
        (("2022-03-01", "2024-09-30"), ("2022-04-01", "2024-09-30", "window"), True, True),
        (("2021-01-20", "2024-09-30"), ("2022-04-01", "2024-09-30", "window"), False, True),
        (("2019-01-01", "2019-12-31"), ("2022-04-01", "2024-09-30", "window"), False, False),
        (("", ""), ("", "", "none"), True, True),
        (("2025-01-01", "2025-12-31"), ("", "", "none"), False, False),
        (("", ""), ("2025-03-01", "2025-12-31", "window"), False, False),
    ],
)
def test_evaluate_match_window_rule(pred, gold, right, overlap) -> None:
    assert window_right(*pred, *gold) == (right, overlap)


def test_evaluate_match_the_gold_scores_itself_perfectly() -> None:
    """Frames made from the gold itself (offsets located in the raw seeds) score 1.0 with no
    finding; dropping one required event and one required stance loses exactly those."""
    from pathlib import Path

    from core.evaluate import load_gold

    root = Path(__file__).resolve().parents[1]
    gold = load_gold(root / "tests" / "gold")
    arts, evs, sts = [], [], []
    texts = {a.article: (root / "seeds" / a.article).read_text(encoding="utf-8") for a in gold.articles}
    for a in gold.articles:
        arts.append(dict(article_id=a.article, path=f"seeds/{a.article}", text=texts[a.article],
                         date_low=a.date_low, date_high=a.date_high, date_precision=a.date_precision,
                         us_admin=a.us_admin, mx_admin=a.mx_admin))
    for i, e in enumerate(gold.events):
        start = texts[e.article].index(e.sentence)
        evs.append(dict(event_id=f"ev-{i}", article_id=e.article, start=start, end=start + len(e.sentence),
                        polarity=e.polarity, action=e.action, country1=e.country1, country2=e.country2,
                        date_low=e.date_low, date_high=e.date_high, optional=e.optional))
    for i, st in enumerate(gold.stances):
        start = texts[st.article].index(st.quote)
        sts.append(dict(stance_id=f"st-{i}", article_id=st.article, start=start, end=start + len(st.quote),
                        stance=st.stance, holder_country=st.holder_country, optional=st.optional))
    frames = SimpleNamespace(articles=schema.to_frame("articles", arts), events=schema.to_frame("events", evs),
                             stances=schema.to_frame("stances", sts))
    rep = evaluate(frames, gold)
    n_ev = sum(not e.optional for e in gold.events)
    n_st = sum(not s.optional for s in gold.stances)
    assert (rep.events.tp, rep.events.fp, rep.events.fn) == (n_ev, 0, 0)
    assert (rep.stances.tp, rep.stances.fp, rep.stances.fn) == (n_st, 0, 0)
    assert rep.set_aside == len(gold.events) - n_ev + len(gold.stances) - n_st
    for ratio in (rep.polarity_accuracy, rep.action_accuracy, rep.country_accuracy, rep.event_date_accuracy,
                  rep.stance_accuracy, rep.date_accuracy, rep.admin_accuracy):
        assert ratio.value == 1.0
    assert not rep.misses and not rep.false_positives and not rep.disagreements

    sentences = [(e.article, e.sentence) for e in gold.events]
    first_required = next(i for i, e in enumerate(gold.events)
                          if not e.optional and sentences.count((e.article, e.sentence)) == 1)
    first_stance = next(i for i, s in enumerate(sts) if not s["optional"])
    frames.events = schema.to_frame("events", evs[:first_required] + evs[first_required + 1:])
    frames.stances = schema.to_frame("stances", sts[:first_stance] + sts[first_stance + 1:])
    rep = evaluate(frames, gold)
    assert (rep.events.tp, rep.events.fp, rep.events.fn) == (n_ev - 1, 0, 1)
    assert (rep.stances.tp, rep.stances.fn) == (n_st - 1, 1)


def test_evaluate_match_required_sentence_missing_from_the_cleaned_text_is_a_miss() -> None:
    gone = GoldEvent(NAME, "A sentence the cleaner dropped entirely from this text.", "a", "MX", "b", "US",
                     "AGREE", "cooperation", "gov", "asserted", "", "2025-02-03", "2025-02-03", "day")
    opt = GoldEvent(NAME, "An optional headline the cleaner dropped.", "a", "MX", "b", "US",
                    "AGREE", "cooperation", "gov", "asserted", "", "2025-02-03", "2025-02-03", "day", optional=True)
    rep = evaluate(_frames([]), _gold((gone, opt)))
    assert (rep.events.tp, rep.events.fn) == (0, 1)
    assert len(rep.misses) == 1 and "not found in the cleaned text" in rep.misses[0].expected


def test_evaluate_match_domestic_neutral_predictions_are_left_out_unless_asked() -> None:
    rows = [_event(S1, "cooperation", "TRANSFER"),
            _event(S3, "neutral", "ARREST", c1="MX", c2="MX", dyad="domestic"),
            _event(S3, "friction", "ACCUSE", c1="MX", c2="MX", dyad="domestic", event_id="ev-x")]
    rep = evaluate(_frames(rows), _gold((G1,)))
    assert (rep.events.tp, rep.events.fp, rep.domestic_neutral) == (1, 1, 1)  # friction still counts
    rep = evaluate(_frames(rows), _gold((G1,)), score_domestic=True)
    assert (rep.events.tp, rep.events.fp, rep.domestic_neutral) == (1, 2, 0)
