"""The gold annotation's records and vocabulary: what a gold event, stance and article hold,
and the codes the codebook allows in them (``../shared/CODEBOOK.md``; the format is in
``tests/gold/README.md``).

A low module of plain records: :mod:`core.evaluate` loads and scores gold made of them, and
:mod:`core.corrections` turns analysts' corrections into the same records, so that neither
depends on the other's internals.
"""

from __future__ import annotations

from dataclasses import dataclass

COUNTRIES_EVENT = frozenset({"US", "MX", "NS", "OTHER"})
COUNTRIES_STANCE = frozenset({"US", "MX", "OTHER", ""})  # "": the text gives no country
POLARITIES = frozenset({"cooperation", "friction", "neutral"})
STANCES = frozenset({"support", "oppose", "mixed"})
DYADS = frozenset({"gov", "nonstate", "domestic"})
MODALITIES = frozenset({"asserted", "reported", "planned"})
PRECISIONS = frozenset({"day", "month", "year", "window", "none"})
#: action type -> the polarities the codebook allows for it
ACTIONS: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"cooperation"}),
    "AGREE": frozenset({"cooperation"}),
    "COOPERATE": frozenset({"cooperation"}),
    "AID": frozenset({"cooperation"}),
    "TRANSFER": frozenset({"cooperation"}),
    "SUPPORT": frozenset({"cooperation"}),
    "REQUEST": frozenset({"cooperation", "friction"}),
    "ACCUSE": frozenset({"friction"}),
    "REJECT": frozenset({"friction"}),
    "DEMAND": frozenset({"friction"}),
    "THREATEN": frozenset({"friction"}),
    "SANCTION": frozenset({"friction"}),
    "UNILATERAL": frozenset({"friction"}),
    "ATTACK": frozenset({"friction"}),
    "ARREST": frozenset({"neutral", "cooperation"}),
    "POLICY": frozenset({"neutral"}),
}
SYMMETRIC_ACTIONS = frozenset({"CONSULT", "AGREE", "COOPERATE"})
ADMINISTRATIONS_US = ("Bush", "Obama", "Trump I", "Biden", "Trump II")
ADMINISTRATIONS_MX = ("Fox", "Calderón", "Peña Nieto", "López Obrador", "Sheinbaum")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event (see tests/gold/README.md)."""

    article: str
    sentence: str  # the text; in offset-keyed gold empty until materialised from the file
    actor1: str
    country1: str
    actor2: str
    country2: str
    action: str
    polarity: str
    dyad: str = ""
    modality: str = ""
    date: str = ""
    date_low: str = ""
    date_high: str = ""
    date_precision: str = "none"
    optional: bool = False
    rationale: str = ""
    start: int = -1  # offset-keyed gold: the span in the article file, and its short hash
    end: int = -1
    span_sha: str = ""
    where: str = ""  # file:line of the gold record


@dataclass(frozen=True, slots=True)
class GoldStance:
    """One gold stance."""

    article: str
    holder: str
    holder_country: str
    target: str
    stance: str
    quote: str
    optional: bool = False
    rationale: str = ""
    start: int = -1
    end: int = -1
    span_sha: str = ""
    where: str = ""


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """The gold publication date window and administrations of one article."""

    article: str
    published: str = ""
    date_low: str = ""
    date_high: str = ""
    date_precision: str = "none"
    us_admin: str = ""
    mx_admin: str = ""
    rationale: str = ""
    outlet: str = ""
    wire: str = ""
    date_source: str = ""
    title: str = ""
    title_start: int = -1
    title_end: int = -1
    title_sha: str = ""
    where: str = ""


@dataclass(frozen=True, slots=True)
class Gold:
    """A whole gold annotation."""

    events: tuple[GoldEvent, ...] = ()
    stances: tuple[GoldStance, ...] = ()
    articles: tuple[GoldArticle, ...] = ()

    def only(self, names: set[str]) -> Gold:
        """The gold of the articles named in ``names`` (file names) only."""
        return Gold(tuple(e for e in self.events if e.article in names),
                    tuple(st for st in self.stances if st.article in names),
                    tuple(a for a in self.articles if a.article in names))

    def article_names(self) -> list[str]:
        """Every article the gold names, in first-seen order."""
        names: dict[str, None] = {}
        items: list[GoldArticle | GoldEvent | GoldStance] = [*self.articles, *self.events, *self.stances]
        for item in items:
            names.setdefault(item.article, None)
        return list(names)
