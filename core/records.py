"""Named records passed between the pipeline stages.

Every stage of the pipeline is a small module named after what it does
(``read`` → ``clean`` → ``segment`` → ``resolve`` → ``dates`` → ``code`` /
``stance`` → ``dedup`` → ``store``).  They exchange the plain records defined
here; nothing else is shared between stages.  Offsets are always character
offsets into :attr:`CleanDoc.text` (the cleaned article text that the
``articles.text`` column stores), half-open ``[start, end)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: ``progress(done, total)``: called as articles are processed (``total`` may be ``None``)
Progress = Callable[[int, int | None], None]


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad input met while reading: a file, or a line/row of a file, that was skipped
    (or read with a warning).  ``line`` is 1-based for JSONL/CSV rows, else ``None``."""

    path: str
    reason: str
    line: int | None = None
    severity: str = "error"  # "error": skipped; "warning": read, but see reason

    def message(self) -> str:
        """The one-line message shown to the user: ``path[:line]: reason``."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class RawDoc:
    """An article as read from disk, before cleaning.

    ``path`` is as given (relative where possible); for JSONL/CSV rows ``line`` is the
    1-based line or row number.  Metadata fields are empty strings when unknown.
    ``is_html`` tells that ``text`` was already extracted from HTML by trafilatura.
    """

    path: str
    text: str
    title: str = ""
    url: str = ""
    published: str = ""  # as found in metadata (not yet parsed)
    source: str = ""  # outlet / site name
    line: int | None = None
    is_html: bool = False
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CleanDoc:
    """An article after cleaning: body text plus the parts separated from it.

    ``text`` is the cleaned text that every offset refers to.  ``teasers`` are
    ``(start, end)`` spans of ``text`` that hold "related stories" teaser lists (kept in
    the text so that nothing is hidden from the reader, flagged so that no frame is coded
    from them).  ``dateline`` holds lines such as "UPDATED 5:45 PM PT – Friday, October 8,
    2021" that were removed from the body (used by the date resolver).
    """

    text: str
    title: str = ""
    source: str = ""
    byline: str = ""
    dateline: str = ""
    teasers: list[tuple[int, int]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # chrome lines dropped, for the record


@dataclass(frozen=True, slots=True)
class Passage:
    """One sentence of the cleaned text.  ``text == article_text[start:end]``.

    ``role`` is ``body``, ``heading``, ``teaser`` (related-story lists), ``embed``
    (quoted tweets and similar) or ``bullet`` (list items in the article's own body).
    """

    passage_id: str
    article_id: str
    index: int  # sentence number in the article, from 0
    paragraph: int  # paragraph number, from 0
    start: int
    end: int
    text: str
    role: str = "body"


@dataclass(frozen=True, slots=True)
class Mention:
    """A reference to an actor in the text, with its character span in the article text.

    ``actor_id`` is the knowledge-base id ("" for an unknown named person or group, which
    then keeps ``name``, ``role`` and ``country`` as the text gives them).
    ``country`` is ``US``, ``MX``, ``NS`` (non-state) or ``OTHER`` ("" when unknown).
    ``kind`` is ``person``, ``institution``, ``country``, ``nonstate`` or ``group``.
    ``method`` tells how it was found: ``alias``, ``title+name``, ``title``, ``surname``,
    ``fuzzy``, ``unknown-person``.
    """

    start: int
    end: int
    text: str
    actor_id: str
    name: str
    country: str
    kind: str
    sector: str = ""
    role: str = ""
    method: str = "alias"
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class DateWindow:
    """A date known to lie in ``[low, high]`` (ISO dates).  ``value`` is the single date
    when the precision allows one (day, or the first day of a month/year), else "".
    ``precision`` is ``day``, ``month``, ``year``, ``window`` or ``none``."""

    value: str = ""
    low: str = ""
    high: str = ""
    precision: str = "none"
    confidence: float = 0.0
    evidence: str = ""


@dataclass(slots=True, unsafe_hash=True)
class Event:
    """One event frame (see FRAMES.md).  ``start``/``end`` are the evidence span in the
    article text; ``cue`` the words that triggered the coding.  Treated as immutable (not
    declared frozen: a frozen dataclass of this many fields takes several times as long to
    build, and frames are made by the million)."""

    event_id: str
    article_id: str
    passage_id: str
    start: int
    end: int
    actor1: str
    country1: str
    actor2: str
    country2: str
    action: str
    polarity: str
    intensity: float
    dyad: str
    modality: str
    date: str
    date_precision: str
    date_low: str
    date_high: str
    us_admin: str
    mx_admin: str
    cue: str
    cue_start: int
    cue_end: int
    confidence: float
    cameo_root: str
    quad_class: str
    duplicate_of: str = ""
    actor1_id: str = ""
    actor2_id: str = ""
    actor1_start: int = -1
    actor1_end: int = -1
    actor2_start: int = -1
    actor2_end: int = -1
    explanation: str = ""


@dataclass(slots=True, unsafe_hash=True)
class Stance:
    """One stance frame (see FRAMES.md).  Treated as immutable (not declared frozen: a
    frozen dataclass of this many fields takes several times as long to build, and frames
    are made by the million)."""

    stance_id: str
    article_id: str
    passage_id: str
    start: int
    end: int
    holder: str
    holder_country: str
    target: str
    stance: str
    quote: str
    date: str
    us_admin: str
    mx_admin: str
    cue: str
    confidence: float
    holder_id: str = ""
    explanation: str = ""


@dataclass(slots=True)
class ArticleResult:
    """Everything one article yields: its ``articles`` row, passages, events, stances,
    and any problems (warnings) met while processing it."""

    article: dict[str, Any]
    passages: list[Passage]
    events: list[Event]
    stances: list[Stance]
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class Frames:
    """The four frames as pandas DataFrames, plus the problems met and the manifest."""

    articles: pd.DataFrame
    passages: pd.DataFrame
    events: pd.DataFrame
    stances: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)

    def __iter__(self) -> Iterator[tuple[str, pd.DataFrame]]:
        yield from (
            ("articles", self.articles),
            ("passages", self.passages),
            ("events", self.events),
            ("stances", self.stances),
        )
