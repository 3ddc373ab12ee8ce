"""Date rules: metadata formats, datelines, inferred windows, and event dates relative
to the publication date (one parametrised case per rule)."""

from __future__ import annotations

import pytest

from core.dates import date_article, event_date, infer_window, parse_date
from core.kb import load_kb
from core.records import CleanDoc, DateWindow, RawDoc
from core.resolve import find_mentions

KB = load_kb()
FRIDAY = DateWindow("2021-10-08", "2021-10-08", "2021-10-08", "day", 0.9, "test")
WINDOW_2025 = DateWindow("", "2025-02-01", "2025-12-31", "window", 0.6, "test")
UNDATED = DateWindow()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-10-08", ("2021-10-08", "day")),
        ("2021-10-08T17:45:00Z", ("2021-10-08", "day")),
        ("2021-10-08 17:45:00+02:00", ("2021-10-08", "day")),
        ("Fri, 08 Oct 2021 17:45:00 GMT", ("2021-10-08", "day")),
        ("October 8, 2021", ("2021-10-08", "day")),
        ("Oct. 8, 2021", ("2021-10-08", "day")),
        ("8 October 2021", ("2021-10-08", "day")),
        ("8 de octubre de 2021", ("2021-10-08", "day")),
        ("10/08/2021", ("2021-10-08", "day")),  # US month first
        ("25/10/2021", ("2021-10-25", "day")),  # cannot be month first
        ("08.10.2021", ("2021-10-08", "day")),  # European day first
        ("2021/10/08", ("2021-10-08", "day")),
        ("20211008", ("2021-10-08", "day")),
        ("1633715100", ("2021-10-08", "day")),  # Unix seconds
        ("2021-10", ("2021-10-01", "month")),
        ("October 2021", ("2021-10-01", "month")),
        ("2021", ("2021-01-01", "year")),
    ],
)
def test_dates_parse_metadata_formats(value: str, expected: tuple[str, str]) -> None:
    w = parse_date(value, kb=KB)
    assert w is not None and (w.value, w.precision) == expected


@pytest.mark.parametrize("value", ["", "   ", "yesterday", "2021-13-45", "n/a", "May"])
def test_dates_parse_rejects_non_dates(value: str) -> None:
    assert parse_date(value, kb=KB) is None


def _article(text: str, *, published: str = "", dateline: str = "") -> DateWindow:
    raw = RawDoc("x.txt", text, published=published)
    doc = CleanDoc(text, dateline=dateline)
    return date_article(raw, doc, find_mentions(text, kb=KB), kb=KB)


@pytest.mark.parametrize(
    ("text", "dateline", "published", "value"),
    [
        ("Body text.", "", "2020-10-19", "2020-10-19"),  # metadata first
        ("OAN\nUPDATED 5:45 PM PT – Friday, October 8, 2021\nBlinken met.", "", "", "2021-10-08"),
        ("Body.", "UPDATED 5:45 PM PT – Friday, October 8, 2021", "", "2021-10-08"),
        ("Title\nPublished: Monday, October 19, 2020\nText.", "", "", "2020-10-19"),
        ("Title\ndate 2025-02-28\nText.", "", "", "2025-02-28"),
        ("Title\nFecha: 3 de marzo de 2025\nTexto.", "", "", "2025-03-03"),
        ("Connect with us\n\nPublished\n\non\n\nMarch 3, 2025\n\nText.", "", "", "2025-03-03"),
    ],
)
def test_dates_article_metadata_and_datelines(text: str, dateline: str, published: str, value: str) -> None:
    w = _article(text, published=published, dateline=dateline)
    assert (w.value, w.low, w.high, w.precision) == (value, value, value, "day")
    assert w.evidence and w.confidence >= 0.9


_WIRE_BODY = " Officials from both governments met for hours to discuss fentanyl and arms trafficking."


@pytest.mark.parametrize(
    ("text", "value", "dateline"),
    [
        ("MEXICO CITY, May 2, 2025 —" + _WIRE_BODY, "2025-05-02", "MEXICO CITY, May 2, 2025 —"),
        ("WASHINGTON (Reuters) - March 3, 2024 -" + _WIRE_BODY, "2024-03-03",
         "WASHINGTON (Reuters) - March 3, 2024 -"),
        ("Mexico City, 2 May 2025 (AP) —" + _WIRE_BODY, "2025-05-02", "Mexico City, 2 May 2025 (AP) —"),
        ("CIUDAD DE MÉXICO, 2 de mayo de 2025.- La presidenta habló con sus homólogos durante horas.",
         "2025-05-02", "CIUDAD DE MÉXICO, 2 de mayo de 2025.-"),
        ("WASHINGTON, D.C., Oct. 8, 2021 --" + _WIRE_BODY, "2021-10-08", "WASHINGTON, D.C., Oct. 8, 2021 --"),
        # a second line near the top (after a kicker the cleaner kept) still opens the body
        ("Border security\n\nMEXICO CITY, May 2, 2025 —" + _WIRE_BODY, "2025-05-02",
         "MEXICO CITY, May 2, 2025 —"),
    ],
)
def test_dates_wire_dateline_is_the_publication_day(text: str, value: str, dateline: str) -> None:
    w = _article(text)
    assert (w.value, w.low, w.high, w.precision) == (value, value, value, "day"), w.evidence
    assert w.confidence >= 0.9 and w.evidence == f"wire dateline {dateline!r}"


@pytest.mark.parametrize(
    "text",
    [
        "In May 2, 2025 the two governments met —" + _WIRE_BODY,  # a date inside a sentence
        "Officials met Friday, May 2, 2025 — and" + _WIRE_BODY,  # a sentence, not a place
        "Talks went on. MEXICO CITY, May 2, 2025 —" + _WIRE_BODY,  # not at the start of a line
        "MEXICO CITY, May 2, 2025 and the talks went on." + _WIRE_BODY,  # no dash after the date
        "MEXICO CITY, May 2025 —" + _WIRE_BODY,  # no day: not a dateline
        "x" * 300 + " end.\nMEXICO CITY, May 2, 2025 —" + _WIRE_BODY,  # past the start of the body
    ],
)
def test_dates_wire_dateline_needs_a_line_start_and_a_dash(text: str) -> None:
    w = _article(text)
    assert w.precision != "day" and "wire dateline" not in w.evidence, w.evidence


def test_dates_empty_published_label_is_not_a_date() -> None:
    w = _article("Connect with us\n\nPublished\n\non\n\nText without dates.")
    assert w.precision == "none" and w.low == ""


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Mexican President Claudia Sheinbaum spoke. President-elect Donald Trump replied.",
         "2024-11-06", "2025-01-19"),
        ("Ambassador Ken Salazar and Mexican President Andrés Manuel López Obrador met.",
         "2021-09-14", "2024-09-30"),
        # the latest past date narrows the window
        ("Ambassador Ken Salazar spoke about data from March 2021 to March 2022.", "2022-04-01", "2025-01-07"),
        # an older title that conflicts with the rest is history, not the date
        ("Mexican President Claudia Sheinbaum spoke; President Barack Obama had warned of this.",
         "2024-10-01", "2026-01-01"),
        # titles consistent with an older reading narrow to it (Trump elect while Obama in office)
        ("President-elect Donald Trump spoke; President Barack Obama had warned of this.",
         "2016-11-09", "2017-01-19"),
    ],
)
def test_dates_inferred_window_from_titles(text: str, low: str, high: str) -> None:
    w = infer_window(text, find_mentions(text, kb=KB), kb=KB, today="2026-01-01")
    assert (w.low, w.high) == (low, high), w.evidence
    assert w.precision == "window" and 0 < w.confidence < 0.9 and w.value == ""


def test_dates_dated_embed_is_a_lower_bound() -> None:
    text = ("Secretary of State Antony Blinken met Mexican officials.\n"
            "— Secretary Antony Blinken (@SecBlinken) October 8, 2021\nMore talks followed.")
    w = _article(text)
    assert (w.low, w.high, w.precision) == ("2021-10-08", "2025-01-19", "window"), w.evidence


def test_dates_two_readings_take_the_most_recent_and_say_so() -> None:
    text = "President-elect Donald Trump said he would act."
    w = infer_window(text, find_mentions(text, kb=KB), kb=KB, today="2026-01-01")
    assert (w.low, w.high) == ("2024-11-06", "2025-01-19")
    assert "also possible: 2016-11-09…2017-01-19" in w.evidence


def test_dates_former_title_gives_after_the_term() -> None:
    text = "Trade fell under former President Joe Biden."
    w = infer_window(text, find_mentions(text, kb=KB), kb=KB, today="2026-01-01")
    assert (w.low, w.high) == ("2025-01-20", "2026-01-01")


def test_dates_text_contradicting_the_kb_is_flagged_and_kb_wins() -> None:
    text = ("Changes were made since President Trump took office on January 20, 2024. "
            "This compares with former President Joe Biden.")
    w = infer_window(text, find_mentions(text, kb=KB), kb=KB, today="2026-01-01")
    assert w.low >= "2025-01-20"
    assert "2024-01-20" in w.evidence and "knowledge base" in w.evidence


def test_dates_past_date_alone_gives_an_open_window_of_low_confidence() -> None:
    text = "The program has operated since it began in March 2019."
    w = infer_window(text, find_mentions(text, kb=KB), kb=KB, today="2026-01-01")
    assert (w.low, w.high, w.precision) == ("2019-04-01", "2026-01-01", "window")
    assert w.confidence < 0.5 and "March 2019" in w.evidence


def test_dates_no_cue_stays_undated() -> None:
    w = _article("Cartels operate in Mexico. Cooperation matters for both nations.")
    assert (w.value, w.low, w.high, w.precision, w.confidence) == ("", "", "", "none", 0.0)
    assert w.evidence


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # explicit dates are taken as written
        ("They met on October 1, 2021.", FRIDAY, ("2021-10-01", "2021-10-01", "2021-10-01", "day")),
        ("The law passed in March 2020.", FRIDAY, ("2020-03-01", "2020-03-01", "2020-03-31", "month")),
        ("The deal of 2019-05-02 held.", FRIDAY, ("2019-05-02", "2019-05-02", "2019-05-02", "day")),
        ("On September 30 they met.", FRIDAY, ("2021-09-30", "2021-09-30", "2021-09-30", "day")),
        ("On December 30 they met.", FRIDAY, ("2020-12-30", "2020-12-30", "2020-12-30", "day")),
        # relative expressions against the publication date
        ("They met last week.", FRIDAY, ("", "2021-09-27", "2021-10-03", "window")),
        ("Ten people died this month.", FRIDAY, ("2021-10-01", "2021-10-01", "2021-10-31", "month")),
        ("Two leaders were arrested earlier this year.", FRIDAY, ("", "2021-01-01", "2021-10-08", "window")),
        ("Gotaways dropped in January.", FRIDAY, ("2021-01-01", "2021-01-01", "2021-01-31", "month")),
        ("Blinken traveled Friday morning.", FRIDAY, ("2021-10-08", "2021-10-08", "2021-10-08", "day")),
        ("They spoke on Tuesday.", FRIDAY, ("2021-10-05", "2021-10-05", "2021-10-05", "day")),
        ("He was extradited in 2019.", FRIDAY, ("2019-01-01", "2019-01-01", "2019-12-31", "year")),
        ("He was extradited two years ago.", FRIDAY, ("2019-01-01", "2019-01-01", "2019-12-31", "year")),
        ("He was arrested 3 days ago.", FRIDAY, ("2021-10-05", "2021-10-05", "2021-10-05", "day")),
        ("Aid has flowed since 2008.", FRIDAY, ("", "2008-01-01", "2021-10-08", "window")),
        ("Sheriffs have done so since the 1990s.", FRIDAY, ("", "1990-01-01", "2021-10-08", "window")),
        ("They met yesterday.", FRIDAY, ("2021-10-07", "2021-10-07", "2021-10-07", "day")),
        ("Talks stalled last month.", FRIDAY, ("2021-09-01", "2021-09-01", "2021-09-30", "month")),
        ("Talks stalled last year.", FRIDAY, ("2020-01-01", "2020-01-01", "2020-12-31", "year")),
        ("The previous administration ended the program.", FRIDAY,
         ("", "2017-01-20", "2021-01-19", "window")),
        ("The policy was developed under the Obama administration.", FRIDAY,
         ("", "2009-01-20", "2017-01-19", "window")),
        ("They meet next week.", FRIDAY, ("", "2021-10-11", "2021-10-17", "window")),
        ("It will be done next month.", FRIDAY, ("2021-11-01", "2021-11-01", "2021-11-30", "month")),
        ("Talks resume tomorrow.", FRIDAY, ("2021-10-09", "2021-10-09", "2021-10-09", "day")),
        # a weekday ahead: "next Monday", or in a sentence about the future
        ("They meet next Monday.", FRIDAY, ("2021-10-11", "2021-10-11", "2021-10-11", "day")),
        ("Officials will meet on Tuesday.", FRIDAY, ("2021-10-12", "2021-10-12", "2021-10-12", "day")),
        ("Officials will meet on Friday.", FRIDAY, ("2021-10-08", "2021-10-08", "2021-10-08", "day")),
        ("El próximo lunes se reunirán.", FRIDAY, ("2021-10-11", "2021-10-11", "2021-10-11", "day")),
        # a weekday is finer than "this year" in the same sentence
        ("They met on Tuesday in the second round of talks this year.", FRIDAY,
         ("2021-10-05", "2021-10-05", "2021-10-05", "day")),
        # "since" before an explicit date: from then until the publication date
        ("Since taking office in January 2021, Biden has deported thousands.", FRIDAY,
         ("", "2021-01-01", "2021-10-08", "window")),
        ("Gunmen clashed with troops over the weekend.", FRIDAY, ("", "2021-10-02", "2021-10-03", "window")),
        ("Violence rose in recent months.", FRIDAY, ("", "2021-04-08", "2021-10-08", "window")),
        ("A decision is expected later this year.", FRIDAY, ("", "2021-10-08", "2021-12-31", "window")),
        # Spanish
        ("Lo detuvieron hace dos años.", FRIDAY, ("2019-01-01", "2019-01-01", "2019-12-31", "year")),
        ("Ayer se reunieron.", FRIDAY, ("2021-10-07", "2021-10-07", "2021-10-07", "day")),
        ("La semana pasada hubo un ataque.", FRIDAY, ("", "2021-09-27", "2021-10-03", "window")),
        ("El pasado martes se reunieron.", FRIDAY, ("2021-10-05", "2021-10-05", "2021-10-05", "day")),
        ("El gobierno anterior no lo hizo.", FRIDAY, ("", "2012-12-01", "2018-11-30", "window")),
        ("Se firmó el 3 de marzo de 2020.", FRIDAY, ("2020-03-03", "2020-03-03", "2020-03-03", "day")),
        # otherwise the publication date
        ("Both sides agreed to cooperate.", FRIDAY, ("2021-10-08", "2021-10-08", "2021-10-08", "day")),
        # a window-only publication date gives windows (or keeps the precision when both ends agree)
        ("Gotaways dropped in January.", WINDOW_2025, ("2025-01-01", "2025-01-01", "2025-01-31", "month")),
        ("They met last week.", WINDOW_2025, ("", "2025-01-20", "2025-12-28", "window")),
        ("Both sides agreed.", WINDOW_2025, ("", "2025-02-01", "2025-12-31", "window")),
        # an undated article: relative dates stay unknown, explicit ones still count
        ("They met last week.", UNDATED, ("", "", "", "none")),
        ("They met on October 1, 2021.", UNDATED, ("2021-10-01", "2021-10-01", "2021-10-01", "day")),
    ],
)
def test_dates_event_date_rules(sentence: str, published: DateWindow, expected: tuple[str, str, str, str]) -> None:
    w = event_date(sentence, published=published, kb=KB)
    assert (w.value, w.low, w.high, w.precision) == expected, w.evidence
    assert w.evidence


def test_dates_previous_mexican_administration() -> None:
    pub = DateWindow("2025-03-10", "2025-03-10", "2025-03-10", "day")
    w = event_date("Mexico's previous administration refused.", published=pub, kb=KB)
    assert (w.low, w.high) == ("2018-12-01", "2024-09-30")


def test_dates_current_administration_takes_the_publication_date() -> None:
    pub = DateWindow("2025-03-10", "2025-03-10", "2025-03-10", "day")
    w = event_date("The Trump administration announced patrols.", published=pub, kb=KB)
    assert w.value == "2025-03-10"


def test_dates_may_the_verb_is_not_a_month() -> None:
    w = event_date("The measure may not come into effect.", published=FRIDAY, kb=KB)
    assert w.value == "2021-10-08" and "publication" in w.evidence


@pytest.mark.parametrize(
    ("text", "high"),
    [
        # the latest dated day (a Tuesday) is also named on its own: published within the week
        ("The hikers were rescued on Tuesday. Photo: El Paso, Tuesday, March 7, 2023.",
         "2023-03-13"),
        # only the date names the weekday: no upper bound but today
        ("Photo: El Paso, Tuesday, March 7, 2023.", "2026-01-01"),
        # a weekday the text names that is not the dated day's: no upper bound either
        ("The hikers were rescued on Friday. Photo: March 7, 2023.", "2026-01-01"),
    ],
)
def test_dates_named_weekday_of_the_latest_day_bounds_the_window(text: str, high: str) -> None:
    w = infer_window(text, find_mentions(text, kb=KB), kb=KB, today="2026-01-01")
    assert (w.low, w.high) == ("2023-03-07", high), w
