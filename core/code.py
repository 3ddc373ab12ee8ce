"""The event coder: sentences in, event frames out (who did what to whom, how, when).

How a sentence is coded: a cue lexicon, the sentence's dependency parse when it was parsed
(:mod:`core.parse`; roles, anchors and "is this a verb at all" read off syntax by
:mod:`core.syntax`), and bounded look-arounds for what the parse does not decide yet (traps,
modality, pronouns) and for sentences that were not parsed:

1. Cues.  ``core/data/event_cues.tsv`` lists, per action, the words and phrases that trigger
   it; they are compiled once (:mod:`core.cues`) and found in one left-to-right pass, the
   longest phrase winning.  Noun cues ("joint operations", "meeting") count only when a
   launch verb anchors them in their clause ("unveiled new joint operations") or, for
   meeting nouns, when "between X and Y" / "with X" follows.
2. Traps (``core/data/modality.tsv``).  A cue is not an event when its clause, before it,
   holds a modal or a recommendation ("need to", "should", "can"), a condition ("if",
   "whether"), when it is negated ("did not agree"), when the sentence is a question, when it
   lies inside a long quotation (quotes are stance material), when it is the content of
   another act ("accused it of minimizing", "committed to cooperating") or an infinitive of
   purpose ("met … to discuss").  Hedges ("likely stemmed from") make it ``reported`` with a
   low confidence; "will", "plans to" make it ``planned``; a cue after a reporting verb
   ("Salazar said Mexico began closing itself off") is ``reported``.
3. Roles.  With a parse, the cue's subject / agent / object / prepositional argument
   (:func:`core.syntax.roles`) where it names an actor mention; otherwise, and as the
   fallback (``core/data/coder_roles.tsv``): the actor is the first actor mention of the cue's clause
   (a country name after "in", "across", "from"… is a place, not an actor); the target is the
   first actor mention after the cue.  Passive voice ("was targeted by X") swaps them;
   coordination ("Mexico and the United States have unveiled"), "between X and Y" and "both
   countries" make a joint act, coded once with the first named side as actor (documented
   choice: one event, not one per direction).  Pronouns take the last fitting mention
   ("he" → the last person, "they/their/the two leaders" → the sides of the previous event).
   A bilateral act with only one side named gets the other government when the article
   names both countries (lower confidence).
4. Semantics.  Polarity, CAMEO root, quad class and intensity come from the action
   (``core/data/cameo.tsv``; a cue row may override the polarity: "press" is a friction-toned
   REQUEST).  Acts inside one country are ``domestic`` and only measures (POLICY) and arrests
   are kept, as neutral.  Arrests with coordination words become COOPERATE.  A friction act
   reported by a speaker of the other country also yields the speech act itself (ACCUSE by
   the speaker, asserted).
5. Per sentence, one event per (pair of actors, polarity): the first cue wins, so "met with
   … to discuss" or "agreeing to conduct coordinated patrols" give one event.

Everything runs on compiled patterns and per-sentence windows: linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from operator import itemgetter
from typing import Any

from core import cameo, syntax
from core.cues import (
    REPORTING_VERBS,
    Hit,
    Lexicon,
    MultiLexicon,
    Token,
    combine,
    count_words,
    last_words,
    lexicon,
    word_before,
    word_class,
    words_in,
)
from core.ids import stable_id
from core.parse import Parsed, worth_parsing
from core.records import DateWindow, Event, Mention, Passage, Stance
from core.stance import QuoteHolder, quote_holders

#: Per-sentence caps (real sentences are far below them; they keep hostile input linear).
MAX_MENTIONS = 60
MAX_CUES = 40
#: Quotations at least this long (in words) are quotes, shorter ones scare quotes.
LONG_QUOTE_WORDS = 6
_SKIP_ROLES = frozenset({"teaser", "heading"})
_QUOTE = re.compile(r"“[^“”]{1,3000}”|\"[^\"\n]{1,3000}\"")
_PASSIVE_AUX = re.compile(
    r"\b(?:was|were|is|are|been|being|be|get|gets|got|has been|have been|had been)\s+(?:[a-z]+ly\s+)?$",
    re.IGNORECASE,
)
#: Lower-case strings one of which an ASCII text must hold for _PASSIVE_AUX to match in it
#: (every auxiliary holds one; a non-ASCII text is searched whatever it holds, as
#: IGNORECASE lets a few non-ASCII letters match ASCII ones)
_PASSIVE_NEEDLES = ("was", "were", "is", "are", "be", "get", "got")
_BY = re.compile(r"^\W{0,3}\s*by\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^['’]s?\b")
_CLAUSE_PUNCT = re.compile(r"[;:—–]|\s-\s")
# a non-restrictive relative clause (", which …", ", who …", ", quien …") up to the next
# comma, semicolon, colon, dash or bracket: a date inside it dates that background, not an
# act told outside it ("these crimes, which have risen in recent years, …")
_SIDE_CLAUSE = re.compile(
    r",\s+(?:which|who|whom|whose|quien|quienes|(?:el|la|los|las)\s+cual(?:es)?)\b[^,;:—–()\[\]]{0,400}",
    re.IGNORECASE)
_CLAUSE_CHARS = ";:—–-"
_WORD_TEXT = itemgetter(2)  # the lower-cased text of a word (start, end, text)
_TRAILING_ATTR = re.compile(r"[,”\"]\s*$")
_NOTHING: frozenset[str] = frozenset()
_STATE_PHRASE = re.compile(r"countr|nation|govern|U\.?S\b|United States|Mexic|American", re.IGNORECASE)
_PAREN = re.compile(r"\([^()]{0,60}\)")
_PREV_WORD = re.compile(r"([\w'’\-]+)[^\w'’\-]*$")
_STATE = frozenset({"US", "MX", "OTHER"})
_BILATERAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "AID", "TRANSFER", "SUPPORT", "REQUEST",
                        "ACCUSE", "REJECT", "DEMAND", "THREATEN", "SANCTION", "UNILATERAL"})
_QUOTE_ACTS = frozenset({"REJECT", "THREATEN", "DEMAND"})
_AGENTIVE_PASSIVE = frozenset({"SUPPORT", "AGREE", "CONSULT", "COOPERATE", "REQUEST", "DEMAND", "POLICY"})
_DOMESTIC_KEEP = frozenset({"POLICY", "ARREST"})
#: Knowledge-base sectors (actors.tsv) whose actors report acts and never take part in them.
NOT_A_SIDE_SECTORS = frozenset({"media"})
#: Acts toward a non-state group that the codebook codes as leverage on the other government
#: (a request to extradite cartel members, a threat to strike cartels).
_LEVERAGE_ON_STATE = frozenset({"REQUEST", "DEMAND", "THREATEN"})
_CONJOINED_GAP = re.compile(r"\s*(?:,\s*)?(?:and|or|&)\s*|\s*,\s*")
#: A subject pronoun within this many words after a reporting verb (and no actor named
#: between) stands for the verb's speaker ("said on Tuesday that they …").
SPEAKER_PRONOUN_REACH = 6
#: Between two actors, a sign that the second opens a clause of its own ("X did A, and Y did B").
_NEW_CLAUSE = re.compile(r",\s*(?:and|but|while|whereas)\b|;")
_THAT_AFTER = re.compile(r"\s*(?:\w+\s+){0,6}?that\b")
_BETWEEN_WITH = re.compile(r"\s*(between|with)\b")
_AND_GAP = re.compile(r"(,\s*)?and\s+(?:the\s+)?")
_WORD_CHAR = re.compile(r"\w")
_WORD_RUN = re.compile(r"[\w'’-]+")
_BETWEEN_AFTER = re.compile(r"\s*(?:\w+\s+){0,2}?between\s")


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True, slots=True)
class _Lex:
    events: Lexicon
    trap: Lexicon
    recommendation: Lexicon
    undo: Lexicon
    hypothetical: Lexicon
    negation: Lexicon
    hedge: Lexicon
    planned: Lexicon
    speech: Lexicon  # every reporting verb (reporting_verbs.tsv)
    speech_always: frozenset[str]  # the first words of those that always report speech
    coordinated: Lexicon
    place_prep: frozenset[str]
    target_prep: frozenset[str]
    joint: Lexicon
    pron_person: frozenset[str]
    pron_plural: frozenset[str]
    pron_object: frozenset[str]
    pron_subject: frozenset[str]
    auxiliary: frozenset[str]
    participle_of: frozenset[str]
    clause_break: Lexicon
    aspect: Lexicon
    launch: Lexicon
    content_prep: frozenset[str]
    opening_prep: frozenset[str]
    transferred: Lexicon
    time_after: Lexicon
    time_before: Lexicon
    determiner: frozenset[str]
    nominal_before: frozenset[str]
    subject_pronoun_any: frozenset[str]


def _words(name: str, kind: str) -> frozenset[str]:
    lex = word_class(name, kind)
    return frozenset(lex.index)


@cache
def lexicons() -> _Lex:
    """All compiled lexicons of the coder (cached; raises DataFileError on a bad file)."""
    m, r = "modality.tsv", "coder_roles.tsv"
    return _Lex(
        events=lexicon("event_cues.tsv", required=("action", "pattern", "kind", "scope")),
        trap=word_class(m, "trap"),
        recommendation=word_class(m, "recommendation"),
        undo=word_class(m, "undo"),
        hypothetical=word_class(m, "hypothetical"),
        negation=word_class(m, "negation"),
        hedge=word_class(m, "hedge"),
        planned=word_class(m, "planned"),
        speech=word_class(REPORTING_VERBS, "speech", "speech_or_object"),
        speech_always=_words(REPORTING_VERBS, "speech"),
        coordinated=word_class(m, "coordinated"),
        place_prep=_words(r, "place_prep"),
        target_prep=_words(r, "target_prep"),
        joint=word_class(r, "joint"),
        pron_person=_words(r, "pronoun_person"),
        pron_plural=_words(r, "pronoun_plural"),
        pron_object=_words(r, "pronoun_object"),
        pron_subject=_words(r, "pronoun_subject"),
        auxiliary=_words(r, "auxiliary"),
        participle_of=_words(r, "participle_of"),
        clause_break=word_class(r, "clause_break"),
        aspect=word_class(r, "aspect"),
        launch=word_class(r, "launch"),
        content_prep=_words(r, "content_prep"),
        opening_prep=_words(r, "opening_prep"),
        transferred=word_class(r, "transferred"),
        time_after=word_class(m, "time_after"),
        time_before=word_class(m, "time_before"),
        determiner=_words(r, "determiner"),
        nominal_before=_words(r, "nominal_before"),
        subject_pronoun_any=_words(r, "pronoun_subject_any"),
    )


@cache
def _subject_preps() -> frozenset[str]:
    """The prepositions that keep a mention after them from being a subject (cached)."""
    lex = lexicons()
    return lex.place_prep | lex.target_prep


#: The word classes a sentence is scanned for, all in one pass (see :meth:`SentenceAnalyser.hits`).
_SCANNED = ("events", "trap", "hypothetical", "negation", "hedge", "planned", "speech", "joint",
            "clause_break", "aspect", "launch", "transferred", "time_after", "time_before")
_SCAN_NO = {name: k for k, name in enumerate(_SCANNED)}


@cache
def _sentence_lexicon() -> MultiLexicon:
    """The word classes of :data:`_SCANNED` combined (cached)."""
    lex = lexicons()
    return combine([getattr(lex, name) for name in _SCANNED])


@dataclass(frozen=True, slots=True)
class CueRow:
    """The columns of an event-cue row that the coder reads (read once, not per cue)."""

    action: str
    polarity: str  # "" = the action's
    kind: str  # verb | noun
    scope: str
    roles: str
    except_next: frozenset[str]  # lower-cased words that cancel the cue when next


@cache
def cue_rows() -> tuple[CueRow, ...]:
    """The :class:`CueRow` of every row of the event-cue lexicon, in lexicon order (cached)."""
    return tuple(CueRow(r["action"], r.get("polarity"), r.get("kind", "verb"), r["scope"], r["roles"],
                        frozenset(w.lower() for w in r["except_next"].split("/")) if r["except_next"]
                        else frozenset())
                 for r in lexicons().events.rows)


# --------------------------------------------------------------------------- actors


@dataclass(slots=True, unsafe_hash=True)
class Side:
    """One side of an event: a resolved mention, a default government or an unknown.
    Treated as immutable (not declared frozen: a frozen dataclass is several times slower
    to build, and sides are made per mention)."""

    name: str
    country: str
    actor_id: str = ""
    kind: str = ""
    start: int = -1
    end: int = -1
    how: str = "mention"  # mention | pronoun | joint | default | unknown

    @staticmethod
    def of(m: Mention, how: str = "mention") -> Side:
        """The side named by mention ``m``."""
        return Side(m.name or m.text, m.country, m.actor_id, m.kind, m.start, m.end, how)


_GOV_NAMES = {"US": "Government of the United States", "MX": "Government of Mexico"}
_GOV_PROBES = {"US": "the United States", "MX": "Mexico"}


def _government_lookup(country: str, kb: Any) -> Side:
    try:
        from core.resolve import find_mentions

        for m in find_mentions(_GOV_PROBES[country], kb=kb):
            if m.country == country:
                return Side(m.name or _GOV_NAMES[country], country, m.actor_id, m.kind or "country",
                            how="default")
    except Exception:  # noqa: BLE001 - the resolver is optional here; fall back to the name
        pass
    return Side(_GOV_NAMES[country], country, "", "country", how="default")


def government(country: str, kb: Any) -> Side:
    """The government actor of ``country`` (US or MX) as the knowledge base names it
    (looked up once per knowledge base, in its ``cache``; without one, the default names)."""
    found: dict[str, Side] = {} if kb is None else kb.cache.setdefault("code.governments", {})
    side = found.get(country)
    if side is None:
        side = found[country] = _government_lookup(country, kb)
    return side


UNKNOWN_ATTACKERS = Side("Unknown attackers", "NS", "", "nonstate", how="unknown")


# --------------------------------------------------------------------------- analysis


@dataclass(slots=True)
class Candidate:
    """One coded act in a sentence (before relevance filters)."""

    hit: Hit
    action: str
    polarity: str
    kind: str  # verb | noun
    modality: str = "asserted"
    confidence: float = 0.85
    actor1: Side | None = None
    actor2: Side | None = None
    cue_start: int = -1
    cue_end: int = -1
    cue: str = ""
    speaker: Side | None = None
    speech_hit: Hit | None = None
    notes: list[str] = field(default_factory=list)
    skipped: str = ""  # why the cue is not an event ("" = it is one)
    quoted_by: Side | None = None  # the holder of the quotation the cue is in
    negated: bool = False


def _prev_word(text: str, pos: int, *, skip_det: bool = True) -> str:
    """The word before ``pos`` (skipping determiners when asked), lower-cased."""
    return word_before(text, pos, reach=48, skip=lexicons().determiner if skip_det else _NOTHING)


def prev_word_nominal(text: str, pos: int) -> bool:
    """Whether the word before ``pos`` makes a verb cue a noun ("those expelled", "public
    support", "the arrests")."""
    return _prev_word(text, pos, skip_det=False) in lexicons().nominal_before


def _last_words(text: str, lo: int, pos: int, n: int) -> list[str]:
    return last_words(text, max(lo, pos - 120), pos, n)


def _first_word_end(text: str, pos: int) -> int:
    """The end of the word starting at ``pos``."""
    m = _WORD_RUN.match(text, pos)
    return m.end() if m else pos


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of long quotations (at least LONG_QUOTE_WORDS words) in ``text``."""
    spans = []
    for m in _QUOTE.finditer(text):
        if count_words(text, m.start(), m.end()) >= LONG_QUOTE_WORDS:
            spans.append((m.start(), m.end()))
    return spans


_SLOGAN_BEFORE = re.compile(
    r"(?:strategy|policy|approach|plan|slogan|motto|doctrine|mantra|so-called|called|known as|dubbed)"
    r"\s+(?:to\s+|of\s+)?[“\"]$", re.IGNORECASE)


#: Lower-case strings one of which an ASCII text must hold for _SLOGAN_BEFORE to match in
#: it (see _PASSIVE_NEEDLES)
_SLOGAN_NEEDLES = ("strategy", "policy", "approach", "plan", "slogan", "motto", "doctrine", "mantra",
                   "called", "known as", "dubbed")


def may_search(text: str, needles: Sequence[str]) -> bool:
    """False only when a search for a pattern all of whose matches hold one of ``needles``
    (lower-case ASCII, matched case-insensitively) cannot match in ``text``: an ASCII text
    holding none of them (a cheap test before a regex search over a window)."""
    if not text.isascii():
        return True
    low = text.lower()
    return any(n in low for n in needles)


def slogan_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted slogans ("a strategy to “embrace rather than shoot”"): not acts."""
    out = []
    for m in _QUOTE.finditer(text):
        before = text[max(0, m.start() - 40):m.start() + 1]
        # (the needles lie before the quotation mark that ends the window)
        if may_search(before[:-1], _SLOGAN_NEEDLES) and _SLOGAN_BEFORE.search(before):
            out.append((m.start(), m.end()))
    return out


def _inside(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies inside one of ``spans`` (sorted, non-overlapping)."""
    i = bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] < pos < spans[i][1]


def _any_hit(lex: Lexicon, text: str, a: int, b: int) -> Hit | None:
    for h in lex.find(text, start=a, end=b):
        return h
    return None


def _last_hit(lex: Lexicon, text: str, a: int, b: int) -> Hit | None:
    last = None
    for h in lex.find(text, start=a, end=b):
        last = h
    return last


class SentenceAnalyser:
    """Codes the cues of one sentence.  ``mentions`` are the mentions inside the sentence,
    sorted by start; ``prior`` gives the mentions before the sentence (for pronouns);
    ``words``, when the caller has them, are ``words_in(text, start, end)``.  The sentence's
    words are scanned once for every word class; what depends only on a position or a
    mention (the word before it, whether a mention is an actor, its side) is found once."""

    __slots__ = ("text", "a", "b", "mentions", "_named", "scope", "prior", "quotes", "previous_pair", "parsed",
                 "quote_holders", "kb", "_mstarts", "lex", "is_question", "_hit_cache",
                 "_speech_list", "_break_list", "_tail", "_slogans", "_speech_at",
                 "_words", "_found", "_groups", "_prev_at", "_actorish_of", "_sides")

    def __init__(self, text: str, start: int, end: int, mentions: Sequence[Mention], *,
                 scope: str, prior: Sequence[Mention] = (), quotes: Sequence[tuple[int, int]] = (),
                 previous_pair: tuple[Side, Side] | None = None, kb: Any = None,
                 quote_holders: Sequence[tuple[int, int, Side]] = (),
                 words: Sequence[Token] | None = None, parsed: Parsed | None = None) -> None:
        self.text = text
        self.parsed = parsed  # the sentence's dependency parse, when it was parsed
        self.a = start
        self.b = end
        # bounded work per sentence, whatever the input: real sentences hold a handful of
        # mentions and cues; hostile "sentences" (5,000 chars of verbs) must stay linear
        named = [m for m in mentions if start <= m.start and m.end <= end][:MAX_MENTIONS]
        # every name blocks a cue inside it ("Fox News"), but the press is never a side of an
        # act ("as The Associated Press reported", "questioned by a CNN reporter")
        self._named = named
        self.mentions = [m for m in named if m.sector not in NOT_A_SIDE_SECTORS]
        self.scope = scope
        self.prior = prior
        self.quotes = quotes
        self.previous_pair = previous_pair
        self.quote_holders = [q for q in quote_holders if q[0] < end and start < q[1]]
        self.kb = kb
        self._mstarts = [m.start for m in named]
        self.lex = lexicons()
        self.is_question = text[start:end].rstrip().rstrip("”\"'’)").endswith("?")
        self._hit_cache: dict[str, tuple[list[Hit], list[int]]] = {}  # name -> hits, their starts
        self._speech_list: list[Hit] | None = None
        self._break_list: list[int] | None = None
        self._tail: int | None = None
        self._slogans: list[tuple[int, int]] | None = None
        self._speech_at: dict[int, tuple[Hit | None, Side | None]] = {}
        # the sentence's words (``words_in(text, start, end)``, when the caller has them) and
        # what the one scan of them found: hits per word class, and the cue groups
        self._words = words
        self._found: list[list[Hit]] | None = None
        self._groups: list[list[Hit]] = []
        self._prev_at: dict[tuple[int, bool], str] = {}
        self._actorish_of: dict[int, bool] = {}
        self._sides: dict[tuple[int, str], Side] = {}

    # ----- structure helpers

    @property
    def slogans(self) -> list[tuple[int, int]]:
        """Spans of the quoted slogans of the sentence (found when first asked)."""
        if self._slogans is None:
            lo = max(0, self.a - 40)
            part = self.text[lo:self.b]
            # (a slogan is a quotation: none without a quotation mark)
            self._slogans = [(a + lo, b + lo) for a, b in slogan_spans(part)] \
                if "“" in part or '"' in part else []
        return self._slogans

    def _scan(self) -> list[list[Hit]]:
        """Scan the sentence's words once for every word class of :data:`_SCANNED`."""
        if self._found is None:
            words = self._words if self._words is not None else words_in(self.text, self.a, self.b)
            self._found, self._groups = _sentence_lexicon().scan(self.text, words, self.b, all_of=0)
        return self._found

    def hits(self, name: str) -> list[Hit]:
        """Hits of word class ``name`` (an attribute of :class:`_Lex`) in the sentence, found
        once per sentence, in text order."""
        return self._hits_starts(name)[0]

    def _hits_starts(self, name: str) -> tuple[list[Hit], list[int]]:
        """(:meth:`hits`, their starts) of word class ``name``."""
        cached = self._hit_cache.get(name)
        if cached is None:
            k = _SCAN_NO.get(name)
            if k is not None:
                found = self._scan()[k]
            else:
                lex: Lexicon = getattr(self.lex, name)
                found = list(lex.find(self.text, start=self.a, end=self.b))
            cached = self._hit_cache[name] = (found, [h.start for h in found])
        return cached

    def _side(self, m: Mention, how: str = "mention") -> Side:
        """``Side.of(m, how)``, made once per mention of the sentence (sides are immutable)."""
        key = (id(m), how)
        side = self._sides.get(key)
        if side is None:
            side = self._sides[key] = Side.of(m, how)
        return side

    def _prev(self, pos: int, skip_det: bool = True) -> str:
        """``_prev_word(text, pos, skip_det=skip_det)``, found once per position."""
        key = (pos, skip_det)
        word = self._prev_at.get(key)
        if word is None:
            word = self._prev_at[key] = _prev_word(self.text, pos, skip_det=skip_det)
        return word

    def first_in(self, name: str, lo: int, hi: int) -> Hit | None:
        """The first hit of word class ``name`` inside [lo, hi) (binary search)."""
        hits, starts = self._hits_starts(name)
        if not hits:
            return None
        i = bisect_left(starts, lo)
        while i < len(hits) and hits[i].start < hi:
            if hits[i].end <= hi:
                return hits[i]
            i += 1
        return None

    def _describes_a_noun(self, hit: Hit) -> bool:
        """Whether a one-word cue such as "accused" (coder_roles.tsv ``participle_of``)
        followed by "of" is a participle describing the noun before it ("a former governor
        accused of corruption"), not a passive act ("has been accused of", "was repeatedly
        accused of"): no auxiliary before it.  ("warned of" is an act: not such a verb.)"""
        if hit.text.lower() not in self.lex.participle_of:
            return False
        nxt = words_in(self.text, hit.end, min(self.b, hit.end + 4))
        if not nxt or nxt[0][2] != "of":
            return False
        before = last_words(self.text, max(self.a, hit.start - 40), hit.start, 2)
        if before and before[-1].endswith("ly") and len(before) > 1:
            before = before[:-1]  # "was repeatedly accused of"
        return bool(before) and before[-1] not in self.lex.auxiliary and before[-1].isalpha()

    def _cue_starts_between(self, lo: int, hi: int, *, outside_mentions: bool = False) -> bool:
        """Whether an event cue starts inside [lo, hi) (wherever it ends); with
        ``outside_mentions``, only one that is not inside an actor mention ("States")."""
        hits, starts = self._hits_starts("events")
        i = bisect_left(starts, lo)
        while i < len(hits) and hits[i].start < hi:
            if not outside_mentions or not self._in_mention(hits[i].start, hits[i].start + 1):
                return True
            i += 1
        return False

    def last_in(self, name: str, lo: int, hi: int) -> Hit | None:
        """The last hit of word class ``name`` inside [lo, hi) (binary search)."""
        hits, starts = self._hits_starts(name)
        if not hits:
            return None
        i = bisect_left(starts, hi) - 1
        while i >= 0 and hits[i].start >= lo:
            if hits[i].end <= hi:
                return hits[i]
            i -= 1
        return None

    @property
    def _speech(self) -> list[Hit]:
        if self._speech_list is None:
            self._speech_list = [h for h in self.hits("speech")
                                 if not self._in_mention(h.start, h.end) and self._is_clausal(h)]
        return self._speech_list

    @property
    def _breaks(self) -> list[int]:
        if self._break_list is None:
            self._break_list = self._clause_breaks()
        return self._break_list

    def _in_mention(self, a: int, b: int) -> bool:
        i = bisect_right(self._mstarts, b) - 1
        mentions = self._named
        for j in range(max(0, i - 2), i + 1):
            if mentions[j].start < b and mentions[j].end > a:
                return True
        return False

    def _is_clausal(self, h: Hit) -> bool:
        """Whether a reporting verb introduces reported speech here ("announced that …",
        "said Mexico …") rather than taking a plain object ("announced a new step")."""
        if h.text.lower().split()[0] in self.lex.speech_always:
            return True
        after = self.text[h.end:min(self.b, h.end + 60)]
        if _THAT_AFTER.match(after):
            return True
        nxt = words_in(self.text, h.end, min(self.b, h.end + 30))
        if not nxt:
            return True  # '…, officials announced.'
        j = bisect_left(self._mstarts, h.end)
        if j < len(self._named) and self._named[j].start - h.end <= 6:
            return True  # 'announced Mexico would …'
        return nxt[0][2] in self.lex.subject_pronoun_any

    def _clause_breaks(self) -> list[int]:
        """Positions where a new clause starts (after punctuation, subordinators, speech)."""
        t, a, b = self.text, self.a, self.b
        out = [a]
        part = t[a:b]
        if any(ch in part for ch in _CLAUSE_CHARS):  # (every clause mark holds one of them)
            for m in _CLAUSE_PUNCT.finditer(t, a, b):
                out.append(m.end())
        for h in self.hits("clause_break"):
            out.append(h.start)
        for h in self._speech:
            if h.text.lower() == "according to":
                continue  # a parenthetical source, not a new clause
            end = h.end
            nxt = _THAT_AFTER.match(t[end:min(b, end + 60)])
            out.append(end + nxt.end() if nxt else end)
        return sorted(set(out))

    def clause_start(self, pos: int) -> int:
        """Start of the clause holding ``pos``."""
        breaks = self._breaks
        i = bisect_right(breaks, pos) - 1
        return breaks[i] if i >= 0 else self.a

    def clause_end(self, pos: int) -> int:
        """End of the clause holding ``pos``."""
        breaks = self._breaks
        i = bisect_right(breaks, pos)
        return breaks[i] if i < len(breaks) else self.b

    def is_place(self, m: Mention) -> bool:
        """Whether a country mention is used as a place ("violence in Mexico")."""
        if m.kind != "country":
            return False
        return self._prev(m.start) in self.lex.place_prep

    def is_joint(self, m: Mention) -> bool:
        """Whether a mention names both sides at once ("the two countries", "both nations")."""
        return m.country not in ("US", "MX", "NS", "OTHER") and self.first_in(
            "joint", m.start, m.end) is not None

    def _actorish(self, m: Mention) -> bool:
        found = self._actorish_of.get(id(m))
        if found is None:
            found = self._actorish_of[id(m)] = self._actorish_uncached(m)
        return found

    def _actorish_uncached(self, m: Mention) -> bool:
        if self.is_place(m):
            return False
        # "Mexico's Federal Police": the possessor yields to the mention that follows it
        after = self.text[m.end:m.end + 3]
        if _POSSESSIVE.match(after):
            for other in self.mentions:
                if 0 <= other.start - m.end <= 3:
                    return False
        return True

    def _speaker_before(self, pos: int) -> Side | None:
        cs = self.clause_start(pos)
        for m in self.mentions:
            if cs <= m.start < pos and self._actorish(m):
                return self._side(m)
        person = self._pronoun_side(cs, pos)
        return person

    def _pronoun_side(self, lo: int, hi: int) -> Side | None:
        for _s, _e, w in words_in(self.text, lo, hi)[:3]:
            if w in self.lex.pron_person:
                return self.person_before(lo)
        return None

    def person_before(self, pos: int, *, not_named: str = "") -> Side | None:
        """The antecedent of "he/she" at ``pos``: the last person named before it in the
        sentence, else in the preceding text; never the person ``not_named`` (the holder of
        the quotation the pronoun is in, who would say "I")."""
        for m in reversed([m for m in self.mentions if m.end <= pos]):
            if m.kind == "person" and not (not_named and m.name == not_named):
                return self._side(m, "pronoun")
        for m in reversed(self.prior):
            if m.kind == "person" and not (not_named and m.name == not_named):
                return self._side(m, "pronoun")
        return None

    def speech_for(self, pos: int) -> tuple[Hit | None, Side | None]:
        """The reporting verb governing ``pos`` and its speaker, if any (found once per
        position: the checks and the roles ask for it several times)."""
        found = self._speech_at.get(pos)
        if found is None:
            found = self._speech_at[pos] = self._speech_for(pos)
        return found

    def _speech_for(self, pos: int) -> tuple[Hit | None, Side | None]:
        before = [h for h in self._speech if h.end <= pos]
        if before:
            h = before[-1]
            if h.text.lower() == "according to":
                for m in self.mentions:
                    if m.start >= h.end and self._actorish(m):
                        return h, self._side(m)
                return h, None
            return h, self._speaker_before(h.start)
        tail = self._tail_start()
        after = [h for h in self._speech if h.start >= max(pos, tail) and not h.text.lower().endswith("ing")]
        for h in after:
            # post-posed attribution: '…,” Salazar said.' / '…, officials said Thursday.'
            lo = max(self.a, h.start - 60)
            for m in reversed(self.mentions):
                if lo <= m.start < h.start and _TRAILING_ATTR.search(self.text[max(self.a, m.start - 6):m.start]):
                    return h, self._side(m)
            for m in self.mentions:
                if h.end <= m.start <= h.end + 3:
                    return h, self._side(m)
            if _TRAILING_ATTR.search(self.text[max(self.a, h.start - 40):h.start].rstrip()):
                return h, None
        return None, None

    def _tail_start(self) -> int:
        """Where the last words of the sentence begin (a post-posed "…, X said Thursday."
        attribution lies there; computed once per sentence)."""
        if self._tail is None:
            lo = max(self.a, self.b - 80)
            # the words of text[lo:b] are the sentence's words starting at lo or later, after
            # the rest of a word cut at lo (if any): with eight of the former, that rest is
            # not among the last eight
            sentence = self._words if self._words is not None else words_in(self.text, self.a, self.b)
            words = [w[0] for w in sentence if w[0] >= lo]
            if len(words) < 8:
                words = [w[0] for w in words_in(self.text, lo, self.b)]
            self._tail = words[-8] if len(words) >= 8 else lo
        return self._tail

    # ----- the coding proper

    def candidates(self) -> list[Candidate]:
        """Every cue of the sentence coded as a candidate (``skipped`` tells the traps)."""
        out: list[Candidate] = []
        self._scan()
        rows = cue_rows()
        for hits in self._groups[:MAX_CUES]:
            hit = self._first_valid(hits)
            if hit is None or self._in_mention(hit.start, hit.start + 1):
                continue
            row = rows[hit.row]
            if row.scope == "article" and self.scope == "general":
                continue
            if row.scope == "general" and self.scope == "article":
                continue
            action = row.action
            pol = row.polarity or cameo.info(action).polarity
            if self.scope == "general":
                pol = row.polarity or cameo.info(action).general_polarity
            kind = row.kind
            if kind == "verb" and self.parsed is not None and self.scope == "article" \
                    and syntax.not_a_verb(self.parsed, hit.start, hit.end):
                kind = "noun"  # "signs", "his threats", "criticism by …": read as an event noun
            cand = Candidate(hit, action, pol, kind, cue_start=hit.start,
                             cue_end=hit.end, cue=hit.text)
            self._check(cand, row)
            if not cand.skipped and self.parsed is not None and self.scope == "article":
                cand.skipped = syntax.not_told(self.parsed, cand.hit.start, cand.hit.end, action)
            if not cand.skipped and self.parsed is not None and cand.kind == "verb" and row.roles != "patient" \
                    and self.scope == "article":  # (outside the domain the KB knows few actors)
                cand.skipped = syntax.not_an_act(self.parsed, cand.hit.start, cand.hit.end, self.mentions)
            if not cand.skipped or cand.negated:
                self._roles(cand, row)
                if self.parsed is not None:
                    self._syntax_roles(cand, row)
            out.append(cand)
        return out

    def _first_valid(self, hits: list[Hit]) -> Hit | None:
        rows = cue_rows()
        for h in hits:
            row = rows[h.row]
            if row.scope == "article" and self.scope == "general":
                continue
            if row.scope == "general" and self.scope == "article":
                continue
            if row.kind == "verb" and len(hits) > 1 and any(
                    rows[o.row].kind == "noun" for o in hits if o is not h) \
                    and self._prev(h.start, False) in self.lex.nominal_before and not h.text.lower().endswith(" of"):
                continue
            if row.kind == "verb" and self.parsed is not None and self.scope == "article" and len(hits) > 1 \
                    and any(rows[o.row].kind == "noun" for o in hits if o is not h) \
                    and syntax.not_a_verb(self.parsed, h.start, h.end):
                continue  # "a meeting between": a noun here, and a noun row takes it
            if row.except_next:
                nxt = words_in(self.text, h.end, min(self.b, h.end + 40))
                if nxt and nxt[0][2] in row.except_next:
                    continue
            return h
        return None

    def _check(self, cand: Candidate, row: CueRow) -> None:
        t, lex = self.text, self.lex
        pos = cand.hit.start
        if self.is_question:
            cand.skipped = "question"
            return
        if _inside(self.slogans, pos):
            cand.skipped = "inside a quoted slogan"
            return
        if self.scope == "article" and _inside(self.quotes, pos):
            holder = self._quote_holder(pos)
            whose = syntax.quoted_act(self.parsed, cand.hit.start, cand.hit.end, self.mentions,
                                      country=holder.country) if self.parsed is not None and holder is not None else ""
            if (cand.action not in _QUOTE_ACTS and not whose) or holder is None:
                cand.skipped = "inside a quotation"
                return
            if whose == "reported":  # another actor's act, told by the holder: a reported claim
                cand.speaker, cand.modality = holder, "reported"
                cand.notes.append(f"told in a quotation of {holder.name}")
            else:
                cand.quoted_by = holder
                cand.notes.append(f"in a quotation of {holder.name}")
        cs = self.clause_start(pos)
        # negation right before the cue ("did not agree", "never met")
        last = _last_words(t, cs, pos, 3)
        neg_words = lex.negation.index
        if any(w in neg_words for w in last) and not cand.hit.text.lower().startswith(("no ", "not ", "never ", "will not ", "won't ", "without")):
            neg = self.first_in("negation", max(cs, pos - 40), pos)
            if neg is not None:
                cand.skipped = "negated"
                cand.negated = True
                return
        prev = self._prev(pos, False)
        if self.scope == "article" and cand.kind == "verb" and prev in self.lex.nominal_before \
                and not cand.hit.text.lower().endswith(" of"):
            cand.skipped = "verb form used as a noun or adjective"
            return
        if cand.kind == "verb" and self._describes_a_noun(cand.hit):
            cand.skipped = "participle describing a noun ('a governor accused of …')"
            return
        # infinitive: "to <cue>" is the content of the governing verb unless it is an aspect
        # verb ("continued to press")
        if prev == "to" and cand.kind == "verb":
            to_pos = t.rfind("to", max(cs, pos - 6), pos)
            gov = self.last_in("aspect", max(cs, to_pos - 40), to_pos)
            if self.parsed is not None and syntax.planned_infinitive(self.parsed, cand.hit.start, cand.hit.end):
                cand.modality = "planned"  # "Pompeo was to meet …"
                cand.notes.append("'be to' (parse)")
            elif gov is None or t[gov.end:to_pos].strip():
                cand.skipped = "infinitive complement of another verb"
                return
        if (prev in lex.content_prep or (prev in lex.opening_prep and t[cs:pos].strip().lower() == prev)) \
                and prev != "to" and cand.hit.text.lower().split()[0].endswith("ing"):
            cand.skipped = f"content of another act ('{prev} …')"
            return
        if cand.kind == "noun" and not self._anchored(cand):
            cand.skipped = "noun cue without a launch verb"
            return
        if row.roles == "transfer":
            ce = self.clause_end(cand.hit.end)
            lo = cand.hit.start + 1
            ns = any(lo <= m.start < ce and m.country == "NS" for m in self.mentions)
            if not ns and self.first_in("transferred", lo, ce) is None and not self._handed_over_subject(cand):
                cand.skipped = "nobody handed over (no suspect or cartel member as object)"
                return
        if row.roles == "speaker":
            sh, sp = self.speech_for(pos)
            if sh is None or (sp is None and self.scope == "article"):
                cand.skipped = "claim without a speaker"
                return
        # modal / recommendation / hypothetical in the clause before the cue
        trap = self.last_in("trap", cs, pos)
        if trap is not None and row.roles != "speaker":
            word = trap.text.lower()
            sh, _sp = self.speech_for(pos)
            if word in ("would",) and sh is not None:
                cand.modality = "planned"
            elif self.scope == "article":
                cand.skipped = f"modal or recommendation ('{trap.text}')"
                return
        hyp = self.first_in("hypothetical", cs, pos)
        if hyp is not None:
            cand.skipped = f"hypothetical ('{hyp.text}')"
            return
        hedge = self.first_in("hedge", max(self.a, cs - 1), pos)
        if hedge is not None:
            cand.modality = "reported"
            cand.confidence = 0.45
            cand.notes.append(f"hedged ('{hedge.text}')")
        planned = self.last_in("planned", max(cs, pos - 40), pos)
        if planned is not None and cand.modality == "asserted":
            cand.modality = "planned"
            cand.confidence = min(cand.confidence, 0.75)
        sh, sp = self.speech_for(pos)
        if sh is not None and sh.start > pos:
            # post-posed attribution: the cue is the content of what the speaker said
            cand.speech_hit, cand.speaker = sh, sp
            if cand.modality == "asserted":
                cand.modality = "reported"
        elif sh is not None:
            cand.speech_hit, cand.speaker = sh, sp
            if cand.modality == "asserted":
                cand.modality = "reported"
        if cand.modality == "reported" and cand.confidence > 0.7:
            cand.confidence = 0.7

    def _handed_over_subject(self, cand: Candidate) -> bool:
        """Whether the parse shows someone handed over as the subject of a passive transfer
        verb: a non-state actor, a word for people handed over, or a name that is no US or
        Mexican official ("the suspect was flown to Houston to stand trial"; not "drones were flown")."""
        if self.parsed is None:
            return False
        found = syntax.passive_subject(self.parsed, cand.hit.start, cand.hit.end, self.mentions)
        if found is None:
            return False
        word, m = found
        if m is not None:
            return m.country == "NS"
        return word.lower() in self.lex.transferred.index or word[:1].isupper()

    def _anchored(self, cand: Candidate) -> bool:
        t = self.text
        cs = self.clause_start(cand.hit.start)
        launch = self.last_in("launch", cs, cand.hit.start)
        if launch is not None and self._good_anchor(launch, cand.hit):
            if cand.hit.end - launch.start <= 90:
                cand.cue_start = launch.start
                cand.cue = t[launch.start:cand.hit.end]
            return True
        if cand.action == "CONSULT":
            after = t[cand.hit.end:min(self.b, cand.hit.end + 12)].lower()
            if _BETWEEN_WITH.match(after):
                return True
        if self.parsed is not None:
            path, governor = syntax.noun_anchor(self.parsed, cand.hit.start, cand.hit.end, self.mentions)
            if path and (governor is None or not (self._cue_starts_between(*governor)
                                                  or self.first_in("undo", *governor) is not None)):
                cand.notes.append(f"parse: {path}")
                return True
        return False

    def _good_anchor(self, launch: Hit, noun: Hit) -> bool:
        """A launch verb anchors a noun cue when the noun is near (8 words), no other cue
        starts between them (even one that runs on over the noun: "imposed tariffs …, and
        Mexico suspended security cooperation" is no launch of cooperation), and the verb is
        itself an act (not "to create", "by engaging")."""
        t, lex = self.text, self.lex
        if count_words(t, launch.end, noun.start) > 8:
            return False
        if self._cue_starts_between(launch.end, noun.start):
            return False
        prev = self._prev(launch.start, False)
        if prev == "to":
            to_pos = t.rfind("to", max(self.a, launch.start - 6), launch.start)
            gov = self.last_in("aspect", max(self.a, to_pos - 40), to_pos)
            if gov is None or t[gov.end:to_pos].strip():
                return False
        if (prev in lex.content_prep or prev in lex.opening_prep) and prev != "to" \
                and launch.text.lower().split()[0].endswith("ing"):
            return False
        return True

    def _joint_in(self, lo: int, hi: int) -> Hit | None:
        return self.first_in("joint", lo, hi)

    def _subject(self, cand: Candidate, cs: int, *, victim: bool = False) -> tuple[Side | None, Side | None]:
        """(actor, co-actor) from the clause before the cue: the first actor mention, and a
        co-ordinated second one of another country ("Mexico and the United States")."""
        pos = cand.hit.start
        ms = self._subject_mentions(cs, pos)
        if cand.speech_hit is not None and cand.speech_hit.end <= pos \
                and cand.speech_hit.text.lower() != "according to":
            ms = [m for m in ms if m.start >= cand.speech_hit.end]
        joint = self._joint_in(max(cs, cand.speech_hit.end if cand.speech_hit and cand.speech_hit.end <= pos
                                   else cs), pos)
        if len(ms) > 1:
            last = ms[-1]
            if "," not in self.text[last.end:pos] and count_words(self.text, last.end, pos) <= 2 \
                    and _NEW_CLAUSE.search(self.text, ms[0].end, last.start) \
                    and self._cue_starts_between(ms[0].end, last.start, outside_mentions=True):
                # "X imposed tariffs, and Mexico suspended …": the subject of a new clause (an
                # act told between the two; "Mexico, the US, and Canada agreed" is one subject)
                ms = [last]
        if ms and self.is_joint(ms[0]):
            return self._joint_sides(None, self.first_in("joint", ms[0].start, ms[0].end))
        ms = [m for m in ms if not self.is_joint(m)]
        if ms:
            first = ms[0]
            if joint is not None and joint.end <= first.start:
                return self._joint_sides(first)
            a1 = self._side(first)
            for nxt in ms[1:]:
                if (nxt.name or nxt.text) == (first.name or first.text):
                    continue  # an apposition: "the Drug Enforcement Administration (DEA)"
                gap = _PAREN.sub("", self.text[first.end:nxt.start]).strip().lower()
                if gap in ("and", ",", ", and", "&") or _AND_GAP.fullmatch(gap + " "):
                    if nxt.country != first.country:
                        return a1, self._side(nxt, "joint")
                between = self.text[max(cs, first.start - 9):first.start].lower()
                if "between" in between and gap == "and" and nxt.country != first.country:
                    return a1, self._side(nxt, "joint")
                break
            return a1, None
        if joint is not None:
            return self._joint_sides(None, joint)
        lo = cand.speech_hit.end if cand.speech_hit and cand.speech_hit.end <= pos else cs
        words = [w[2] for w in words_in(self.text, lo, pos)[:3]]
        if any(w in self.lex.pron_person for w in words):
            quoted = cand.speaker is not None and _inside(self.quotes, pos)
            person = self.person_before(lo, not_named=cand.speaker.name if quoted and cand.speaker else "")
            if person is not None:
                return person, None
        if any(w in self.lex.pron_plural for w in words) and cand.speech_hit is not None:
            sp_lo = self.clause_start(cand.speech_hit.start)
            phrase = self.first_in("joint", sp_lo, cand.speech_hit.start)
            if phrase is not None:  # "both governments have insisted their agencies will …"
                return self._joint_sides(None, phrase)
        speaker = cand.speaker
        if speaker is not None and cand.speech_hit is not None and lo == cand.speech_hit.end \
                and any(w[2] in self.lex.pron_subject for w in words_in(self.text, lo, pos)[:SPEAKER_PRONOUN_REACH]):
            # "Mexican officials said they will not accept …", "The DEA said it had arrested …",
            # "… said at the time they had not been informed": a plural or impersonal pronoun
            # shortly after the reporting verb (no actor named between) is its speaker
            return replace(speaker, how="pronoun"), None
        if any(w in self.lex.pron_plural and (w in self.lex.pron_subject or not victim) for w in words) \
                and self.previous_pair is not None:
            # "they agreed …", "their talks culminated in …": the pair named last; not the
            # owner of the victim of an attack ("Their minivan came under fire": two
            # governments are no one's victims)
            p1, p2 = self.previous_pair
            return replace(p1, how="pronoun"), replace(p2, how="pronoun")
        # participial clause ("…, accusing it of"): the subject is the sentence's first actor
        if self.text[max(self.a, pos - 3):pos].strip() == "," or self._prev(pos, False) == "":
            for m in self.mentions:
                if m.start < pos and self._actorish(m):
                    return self._side(m), None
        return None, None

    def _subject_mentions(self, lo: int, hi: int) -> list[Mention]:
        """Actor mentions in [lo, hi) that can be a subject: not inside a prepositional
        phrase ("between Mexico and the United States", "ambassador to Mexico")."""
        preps = _subject_preps()
        out: list[Mention] = []
        prev_excluded: Mention | None = None
        for m in self.mentions:
            if not (lo <= m.start and m.end <= hi):
                continue
            pw = self._prev(m.start)
            if pw in preps or not self._actorish(m):
                prev_excluded = m
                continue
            if prev_excluded is not None and pw == "and" and not re.search(
                    r"[^\s,]", self.text[prev_excluded.end:m.start].replace("and", "").replace("the", "")):
                prev_excluded = m
                continue
            prev_excluded = None
            out.append(m)
        return out

    def _joint_sides(self, first: Mention | None, phrase: Hit | None = None) -> tuple[Side | None, Side | None]:
        states = phrase is not None and _STATE_PHRASE.search(phrase.text)
        if self.previous_pair is not None and not states:
            p1, p2 = self.previous_pair
            if {p1.country, p2.country} == {"US", "MX"}:
                return replace(p1, how="joint"), replace(p2, how="joint")
        if first is not None and first.country in ("US", "MX"):
            other = "MX" if first.country == "US" else "US"
            return self._side(first), government(other, self.kb)
        return replace(government("US", self.kb), how="joint"), replace(government("MX", self.kb), how="joint")

    def _object(self, cand: Candidate, exclude: Side | None) -> Side | None:
        """The target: the first actor mention after the cue in its clause."""
        t = self.text
        ce = self.clause_end(cand.hit.end)
        sh = next((h for h in self._speech if h.start >= cand.hit.end), None)
        if sh is not None and sh.start < ce:
            # a post-posed attribution ("…, a Jordanian official confirmed"): its speaker is
            # not the target
            comma = t.rfind(",", cand.hit.end, sh.start)
            if comma >= 0:
                ce = comma
        role = cue_rows()[cand.hit.row].roles
        # a cue with a gap holds its object ("designated six Mexican cartels … as terrorist"):
        # the target is sought from the end of the cue's first word
        lo = min(cand.hit.end, _first_word_end(t, cand.hit.start))
        for m in self.mentions:
            if m.start < lo or m.start >= ce:
                continue
            if exclude is not None and m.actor_id and m.actor_id == exclude.actor_id:
                continue
            if exclude is not None and (m.name or m.text) == exclude.name:
                continue
            adjacent = not _WORD_CHAR.search(t[cand.hit.end:m.start].replace("the", ""))
            if self.is_place(m) and not adjacent:
                continue
            if role in ("recipient", "transfer") and m.country == "NS":
                continue
            if self.is_joint(m):
                if exclude is not None and exclude.country in ("US", "MX"):
                    return government("MX" if exclude.country == "US" else "US", self.kb)
                continue
            if not self._actorish(m):
                continue
            return self._side(m)
        # object pronoun right after the cue ("accusing it of")
        nxt = words_in(t, cand.hit.end, min(self.b, cand.hit.end + 12))
        if nxt and nxt[0][2] in self.lex.pron_object:
            for m in reversed([m for m in self.mentions if m.end <= cand.hit.start] or list(self.prior)):
                if exclude is None or (m.name or m.text) != exclude.name:
                    if m.kind != "person":
                        return self._side(m, "pronoun")
        return None

    def _syntax_roles(self, cand: Candidate, row: CueRow) -> None:
        """Replace the roles read from word windows by those the dependency parse gives
        (:func:`core.syntax.roles`), where the parse names an actor mention."""
        if self.parsed is None or cand.quoted_by is not None or row.roles in ("speaker", "patient"):
            return
        found = syntax.roles(self.parsed, cand.cue_start, cand.cue_end, self.mentions,
                             recipient=row.roles in ("recipient", "transfer"))
        if found is None:
            return

        def usable(m: Mention | None) -> bool:
            return m is not None and self._actorish(m) and not self.is_joint(m) and not self.is_place(m)

        changed = False
        a1 = cand.actor1
        if usable(found.actor):
            assert found.actor is not None
            side = self._side(found.actor)
            if a1 is None or a1.name != side.name:
                cand.actor1, changed = side, True
                if a1 is not None and cand.actor2 is not None and cand.actor2.name == side.name:
                    cand.actor2 = None
            if usable(found.co_actor):
                assert found.co_actor is not None
                cand.actor2, changed = self._side(found.co_actor, "joint"), True
        word, at = found.target_pronoun
        if found.target is None and word and cand.actor2 is None:
            bound = self._pronoun_target(word, at, cand.actor1)
            if bound is not None:
                cand.actor2, changed = bound, True
        if usable(found.target) and found.co_actor is None:
            assert found.target is not None
            side = self._side(found.target)
            first = cand.actor1
            if (first is None or first.name != side.name) and (cand.actor2 is None or cand.actor2.name != side.name):
                cand.actor2, changed = side, True
        if changed:
            cand.notes.append(f"parse: {found.path}")

    def _pronoun_target(self, word: str, pos: int, actor: Side | None) -> Side | None:
        """The antecedent of an object pronoun at ``pos``: "him"/"her" the last person named
        before it, "them" the last group, institution or country named before it (in the
        sentence, else before it), never the actor itself."""
        if word in ("him", "her"):
            found = self.person_before(pos)
            return found if found is not None and (actor is None or found.name != actor.name) else None
        kinds = ("group", "institution", "country")
        for m in reversed([*self.prior, *(m for m in self.mentions if m.end <= pos)]):
            if m.kind in kinds and self._actorish(m) and (actor is None or (m.name or m.text) != actor.name):
                return self._side(m, "pronoun")
        return None

    def _quote_holder(self, pos: int) -> Side | None:
        for a, b, side in self.quote_holders:
            if a <= pos < b:
                return side
        return None

    def _roles(self, cand: Candidate, row: CueRow) -> None:
        pos = cand.hit.start
        cs = self.clause_start(pos)
        roles = row.roles
        if cand.quoted_by is not None:
            # the holder's own act, told in the first person: "We will never accept …"
            cand.actor1 = cand.quoted_by
            cand.actor2 = self._object(cand, cand.quoted_by)
            cand.modality = "asserted"
            cand.speaker = cand.speech_hit = None
            return
        if roles == "speaker":
            _sh, sp = self.speech_for(pos)
            cand.actor1 = sp
            ms = [m for m in self.mentions if cs <= m.start < pos and self._actorish(m)]
            if not ms:
                ms = [m for m in self.mentions if m.start < pos and self._actorish(m)
                      and (sp is None or ((m.name or m.text) != sp.name and m.country != sp.country))]
                ms = ms[-1:]
            cand.actor2 = self._side(ms[0]) if ms else None
            cand.modality = "asserted"
            return
        between = _BETWEEN_AFTER.match(self.text[cand.hit.end:min(self.b, cand.hit.end + 40)])
        if between is not None:
            lo = cand.hit.end + between.end()
            near = [m for m in self.mentions if lo <= m.start < self.clause_end(lo) and self._actorish(m)]
            pair = [m for m in near[:2] if not self.is_joint(m)]
            if len(pair) == 2 and pair[0].country != pair[1].country:
                cand.actor1, cand.actor2 = self._side(pair[0]), self._side(pair[1], "joint")
                cand.notes.append("between X and Y")
                return
            if len(pair) < 2 and self._joint_in(lo, min(self.clause_end(lo), lo + 60)) is not None:
                cand.actor1, cand.actor2 = self._joint_sides(None)
                cand.notes.append("joint act")
                return
        subj, co = self._subject(cand, cs, victim=roles == "patient")
        window = self.text[max(cs, pos - 40):pos]
        passive = may_search(window, _PASSIVE_NEEDLES) and _PASSIVE_AUX.search(window) is not None
        after = self.text[cand.hit.end:self.clause_end(cand.hit.end)]
        by_agent = bool(_BY.match(after))
        if passive and not by_agent and cand.action in _AGENTIVE_PASSIVE:
            passive = False  # "Mexico is committed to …": an adjectival participle
        if passive and roles in ("recipient", "transfer") and not by_agent:
            # "X was extradited to the United States": the target is the receiving side
            cand.actor1, cand.actor2 = None, self._object(cand, None)
            cand.notes.append("passive voice")
            return
        if roles == "patient" or (passive and cand.kind == "verb"):
            agent = None
            if roles == "patient" or by_agent:
                for m in self.mentions:
                    if cand.hit.end <= m.start < self.clause_end(cand.hit.end) and self._actorish(m):
                        agent = self._side(m)
                        break
            cand.actor1, cand.actor2 = agent, subj
            cand.notes.append("passive voice")
            return
        if cand.action == "UNILATERAL" and cand.hit.text.lower().startswith("without"):
            # "… operating in Mexico without authorization": the one acting is the nearest
            # actor before the modifier, not the subject of the sentence
            near = [m for m in self.mentions if m.end <= pos and self._actorish(m) and m.country != "NS"]
            if near:
                subj, co = self._side(near[-1]), None
        cand.actor1 = subj
        if co is not None:
            cand.actor2 = co
            cand.notes.append("joint act")
            return
        cand.actor2 = self._object(cand, subj)


# --------------------------------------------------------------------------- article coding


def _dyad(c1: str, c2: str) -> str:
    if "NS" in (c1, c2):
        return "nonstate"
    if c1 and c2 and c1 != c2:
        return "gov"
    return "domestic"


def _event_date(sentence: str, published: DateWindow, kb: Any) -> DateWindow:
    from core import dates

    return dates.event_date(sentence, published=published, kb=kb)


def date_text(sentence: str, cues: Sequence[tuple[int, int]], *,
              background: Sequence[tuple[int, int]] = ()) -> str:
    """The part of ``sentence`` that dates the acts whose cues are at ``cues`` (offsets in
    the sentence): the sentence with its side clauses (see ``_SIDE_CLAUSE``) that hold none of
    the cues blanked out, offsets kept.  "Officials emphasised a united front against these
    crimes, which have risen in recent years, …": "in recent years" dates the rise, not the
    emphasis.  ``background``: further spans to blank (offsets in the sentence), the
    background clauses the parse finds (:func:`core.syntax.background_spans`: "a requirement
    dropped in 2003")."""
    out = sentence
    for lo, hi in background:
        if not any(lo <= a < hi for a, _ in cues):
            out = out[:lo] + " " * (hi - lo) + out[hi:]
    if "," not in sentence:
        return out
    for m in _SIDE_CLAUSE.finditer(sentence):
        if any(m.start() <= a < m.end() for a, _ in cues):
            continue
        out = out[:m.start()] + " " * (m.end() - m.start()) + out[m.end():]
    return out


_CLAUSE_END = re.compile(r"[,;:—–()\[\]]")
_TIME_CLAUSE_MAX = 400


def time_clauses(sentence: str, *, words: Sequence[tuple[int, int, str]] | None = None
                 ) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of the clauses of time in ``sentence``: from a ``time_after`` or
    ``time_before`` word (modality.tsv: "after", "since", "before", "until", …) to the end of
    its clause (a comma, semicolon, colon, dash or bracket, or the sentence's end; at most
    ``_TIME_CLAUSE_MAX`` characters).  ``kind`` is ``"after"`` or ``"before"``: the act told
    in the clause came before, or after, the act told outside it.  ``words``: those words,
    already found, as ``(start, end, kind)`` offsets in ``sentence``."""
    if words is None:
        lex = lexicons()
        words = [(h.start, h.end, kind) for kind, found in (("after", lex.time_after), ("before", lex.time_before))
                 for h in found.find(sentence)]
    out: list[tuple[int, int, str]] = []
    for start, end, kind in words:
        stop = min(len(sentence), end + _TIME_CLAUSE_MAX)
        m = _CLAUSE_END.search(sentence, end, stop)
        out.append((start, m.start() if m else stop, kind))
    out.sort()
    return out


def _dates_by_time_clause(sentence: str, cues: Sequence[tuple[int, int]], acts: Sequence[int],
                          words: Sequence[tuple[int, int, str]], when: DateWindow, published: DateWindow,
                          kb: Any) -> list[DateWindow] | None:
    """The date of each event of a sentence whose cues are at ``cues`` (offsets in the
    sentence; ``when`` is the date of the sentence as a whole) when a clause of time tells
    another act (one of the cues found in the sentence, at ``acts``, coded or not): "Mexico
    began closing itself off after the United States arrested two cartel leaders earlier this
    year".  The clause's date ("earlier this year") dates the act told in it (the arrest); an
    event told outside it takes the rest of the sentence's date (here none: the publication
    date), not earlier than the clause's date ("after", "since") or not later ("before",
    "until").  An event told in a clause that states no date takes the publication date when
    that lies on the right side of the rest's date, else the rest's date.  A
    clause of time without a cue ("since 2008", "after a court ruled last week") is a date of
    the sentence, as before.  None when there is no clause of time telling an act (all events
    take ``when``).  ``words``: the sentence's time words (see :func:`time_clauses`)."""
    from core.dates import bounded, interval_before, shifted, states_date

    if not acts or not words:
        return None
    clauses = [t for t in time_clauses(sentence, words=words) if any(t[0] <= a < t[1] for a in acts)]
    if not clauses:
        return None
    known: dict[str, DateWindow] = {}

    def date_of(text: str) -> DateWindow:
        found = known.get(text)
        if found is None:
            found = known[text] = _event_date(text, published, kb)
        return found

    def without(spans: Sequence[tuple[int, int, str]]) -> str:
        text = sentence
        for lo, hi, _kind in spans:
            text = text[:lo] + " " * (hi - lo) + text[hi:]
        return text

    out: list[DateWindow] = []
    for a, _ in cues:
        inside = [t for t in clauses if t[0] <= a < t[1]]
        if inside:
            lo, hi, kind = min(inside, key=lambda t: t[1] - t[0])  # the innermost
            clause = sentence[lo:hi]
            w = date_of(clause)
            rest = date_of(without([(lo, hi, kind)])) if not states_date(w) and w.low else None
            gap = interval_before(sentence[:lo], kb=kb) if not states_date(w) else None
            if gap is not None:
                # "the ministers met three days after the White House said …": the act told in the clause
                # is that long before (after: earlier; before: later) the rest's act
                base = rest if rest is not None and states_date(rest) and rest.low else when
                n, unit = gap
                out.append(shifted(base, -n if kind == "after" else n, unit,
                                   why=f"{n} {unit}(s) {'before' if kind == 'after' else 'after'} {base.evidence}"))
                continue
            if rest is not None and states_date(rest) and rest.low:
                # the publication date, if it falls on the right side of the rest's date,
                # else the rest's date (the nearest the text allows)
                if kind == "after":
                    w = bounded(w, not_after=rest.high, why=f"before {rest.evidence}") \
                        if w.low <= rest.high else when
                else:
                    w = bounded(w, not_before=rest.low, why=f"after {rest.evidence}") \
                        if w.high >= rest.low else when
            out.append(w)
            continue
        w = date_of(without(clauses))
        for lo, hi, kind in clauses:
            clause = sentence[lo:hi]
            cw = date_of(clause)
            if states_date(cw) and cw.low:
                w = (bounded(w, not_before=cw.low, why=f"after {clause!r}") if kind == "after"
                     else bounded(w, not_after=cw.high, why=f"before {clause!r}"))
        out.append(w)
    return out


def _administrations(kb: Any, low: str, high: str) -> tuple[str, str]:
    """``kb.administrations(low, high)``, remembered per window in the knowledge base's
    ``cache`` (few distinct windows recur across a corpus)."""
    found: dict[tuple[str, str], tuple[str, str]] = kb.cache.setdefault("code.administrations", {})
    admins = found.get((low, high))
    if admins is None:
        if len(found) > 4096:
            found.clear()
        admins = found[(low, high)] = kb.administrations(low, high)
    return admins


def _bilateral_target(action: str, a1: Side, a2: Side, *, text: str, others: Sequence[Mention], kb: Any,
                      both_named: bool, notes: list[str]) -> Side | None:
    """The target of a bilateral act by a US or Mexican actor, corrected where the roles
    read a side that cannot be the counterpart: the actor itself ("a warning by Trump …" read
    back to Trump), or for a request, demand or threat its own government (the destination:
    "seeking the suspect's extradition to the United States") gives none (the caller then takes the
    other government when the article names both); a non-state object of a request, demand
    or threat ("asked for the suspects' extradition", "threats to strike cartel camps") makes the act one
    toward the other government (the codebook's leverage rule); a third country conjoined
    with the counterpart ("duties on steel from Mexico and Canada") gives the counterpart."""
    other = "MX" if a1.country == "US" else "US"
    own_government = a2.country == a1.country and a2.name == government(a1.country, kb).name
    if a2.name == a1.name or (own_government and action in _LEVERAGE_ON_STATE):
        notes.append(f"target {a2.name} is the actor's own side")
        return None
    if a2.country == "NS" and action in _LEVERAGE_ON_STATE and both_named:
        notes.append(f"{action.lower()} about {a2.name}: toward the other government")
        return government(other, kb)
    if a2.country == "OTHER" and a2.start >= 0:
        for m in others:
            if m.country != other:
                continue
            lo, hi = (m.end, a2.start) if m.end <= a2.start else (a2.end, m.start)
            if 0 <= hi - lo <= 8 and _CONJOINED_GAP.fullmatch(text[lo:hi]):
                notes.append(f"target {m.name or m.text}, conjoined with {a2.name}")
                return Side.of(m)
    return a2


def finalize(cand: Candidate, *, text: str, countries: frozenset[str], kb: Any,
             others: Sequence[Mention] = ()) -> Candidate | None:
    """Apply the relevance rules of the codebook to a candidate: fill a missing side of a
    bilateral act, decide the dyad and drop what does not bear on US–Mexico relations.
    Returns the candidate (possibly changed) or None."""
    a1, a2 = cand.actor1, cand.actor2
    action = cand.action
    both_named = {"US", "MX"} <= countries
    if action == "ATTACK" and a1 is None and a2 is not None and a2.country in ("US", "MX"):
        a1 = UNKNOWN_ATTACKERS
        cand.notes.append("attacker not named")
    if a1 is None and a2 is None:
        return None
    if action in _BILATERAL and a1 is not None and a2 is not None and a1.country in ("US", "MX"):
        a2 = _bilateral_target(action, a1, a2, text=text, others=others, kb=kb, both_named=both_named,
                               notes=cand.notes)
    if action in _BILATERAL and (both_named or action == "TRANSFER"):
        if a1 is not None and a2 is None and a1.country in ("US", "MX"):
            a2 = government("MX" if a1.country == "US" else "US", kb)
            cand.confidence -= 0.15
            cand.notes.append(f"target taken as {a2.name} (bilateral context)")
        elif a2 is not None and a1 is None and a2.country in ("US", "MX"):
            a1 = government("MX" if a2.country == "US" else "US", kb)
            cand.confidence -= 0.15
            cand.notes.append(f"actor taken as {a1.name} (bilateral context)")
    if action == "TRANSFER" and a1 is not None and a2 is not None and a2.country == a1.country \
            and a1.country in ("US", "MX") and both_named:
        a2 = government("MX" if a1.country == "US" else "US", kb)
    if a1 is None:
        return None
    if action == "POLICY":
        a2 = None  # a domestic measure has no target
    c1 = a1.country
    c2 = a2.country if a2 is not None else ""
    if not ({c1, c2} & {"US", "MX"}):
        return None
    if "OTHER" in (c1, c2):
        return None
    if a2 is not None and a1.name == a2.name:
        return None
    dyad = _dyad(c1, c2) if a2 is not None else "domestic"
    if action == "ARREST":
        coord = _any_hit(lexicons().coordinated, text, max(0, cand.hit.start - 160),
                         min(len(text), cand.hit.end + 160))
        if coord is not None or dyad == "gov":
            action = "COOPERATE"
            cand.notes.append("coordinated arrest" if coord is not None else "arrest involving both governments")
            if dyad == "nonstate" and c1 in ("US", "MX"):
                other = "MX" if c1 == "US" else "US"
                partner = next((m for m in (others or ()) if m.country == other), None)
                a2 = Side.of(partner) if partner is not None else government(other, kb)
                c2 = other
                dyad = "gov"
    if dyad == "domestic":
        if action not in _DOMESTIC_KEEP:
            return None
        cand.polarity = "neutral"
        if a2 is None:
            c2 = c1
    if dyad == "nonstate":
        state = c1 if c2 == "NS" else c2
        if action == "ATTACK" and state == "MX":
            cand.polarity = "neutral"
            cand.notes.append("violence inside Mexico: domestic, not bilateral friction")
        elif action == "ARREST":
            cand.polarity = "neutral"
        elif action not in ("ATTACK", "ARREST", "TRANSFER", "UNILATERAL", "POLICY", "SANCTION"):
            return None
    if action != cand.action:
        cand.action = action
        cand.polarity = cameo.info(action).polarity
    cand.actor1, cand.actor2 = a1, a2
    cand.notes.append(f"dyad {dyad}")
    cand.confidence = max(0.05, min(0.99, cand.confidence))
    return cand


def _explain(cand: Candidate) -> str:
    a1 = cand.actor1.name if cand.actor1 else "?"
    c1 = cand.actor1.country if cand.actor1 else "?"
    a2 = cand.actor2.name if cand.actor2 else "nobody"
    c2 = cand.actor2.country if cand.actor2 else ""
    parts = [f"'{cand.cue}' signals {cand.action} ({cand.polarity}): {a1} ({c1}) toward {a2}"
             + (f" ({c2})" if c2 else "")]
    if cand.modality == "reported" and cand.speaker is not None:
        parts.append(f"reported by {cand.speaker.name}")
    elif cand.modality != "asserted":
        parts.append(cand.modality)
    parts.extend(n for n in cand.notes if not n.startswith("dyad"))
    return "; ".join(parts) + "."


def _speech_act(cand: Candidate) -> Candidate | None:
    """A friction act reported by a speaker of the other side is also the speaker's
    accusation ("Salazar said Mexico began closing itself off" → ACCUSE by Salazar)."""
    sp, sh = cand.speaker, cand.speech_hit
    if sp is None or sh is None or cand.polarity != "friction" or cand.actor1 is None:
        return None
    if cand.action == "ACCUSE" or sp.country not in ("US", "MX") or cand.actor1.country not in ("US", "MX"):
        return None
    if sp.country == cand.actor1.country or sh.text.lower() == "according to":
        return None
    acc = Candidate(sh, "ACCUSE", "friction", "verb", modality="asserted", confidence=0.7,
                    actor1=sp, actor2=cand.actor1, cue_start=sh.start, cue_end=sh.end, cue=sh.text)
    acc.notes.append(f"speech act: claims that {cand.actor1.name} did a {cand.action} act")
    return acc


#: what a stance of a US or Mexican holder is, as a verbal act toward the other government
_STANCE_ACTS = {"support": "SUPPORT", "oppose": "ACCUSE"}



def speech_events(text: str, stances: Sequence[Stance], events: Sequence[Event], passages: Sequence[Passage], *,
                  article_id: str, published: DateWindow, kb: Any) -> list[Event]:
    """The verbal acts that stances are: praise of the other side or of cooperation by a US
    or Mexican holder is SUPPORT toward the other government, criticism ACCUSE (codebook:
    "praise, commit", "criticise, blame").  A sentence where the holder's own act is already
    coded adds nothing; mixed stances (a reservation) and the article's own voice add nothing."""
    by_id = {p.passage_id: p for p in passages}
    acting = {(e.passage_id, e.actor1) for e in events}
    out: list[Event] = []
    seen: set[str] = set()
    for st in stances:
        action = _STANCE_ACTS.get(st.stance)
        p = by_id.get(st.passage_id)
        if action is None or p is None or st.holder_country not in ("US", "MX") or (p.passage_id, st.holder) in acting:
            continue
        if next(iter(lexicons().recommendation.find(st.quote)), None) is not None:
            continue  # "We must work collaboratively …": a recommendation, not an act
        other = government("MX" if st.holder_country == "US" else "US", kb)
        eid = stable_id("ev", article_id, p.start, p.end, action, st.holder, other.name)
        if eid in seen:
            continue
        seen.add(eid)
        acting.add((p.passage_id, st.holder))
        when = _event_date(date_text(p.text, [(st.start - p.start, st.end - p.start)]), published, kb)
        us_admin, mx_admin = _administrations(kb, when.low, when.high) if when.low else ("", "")
        info = cameo.info(action, "cooperation" if action == "SUPPORT" else "friction")
        cue_start, cue_end = max(st.start, p.start), min(st.end, p.end)  # the evaluation, inside its sentence
        out.append(Event(
            event_id=eid, article_id=article_id, passage_id=p.passage_id, start=p.start, end=p.end,
            actor1=st.holder, country1=st.holder_country, actor2=other.name, country2=other.country,
            action=action, polarity=info.polarity, intensity=info.intensity, dyad="gov", modality="asserted",
            date=when.value, date_precision=when.precision, date_low=when.low, date_high=when.high,
            us_admin=us_admin, mx_admin=mx_admin, cue=text[cue_start:cue_end], cue_start=cue_start, cue_end=cue_end,
            confidence=round(min(st.confidence, 0.7), 2), cameo_root=info.cameo_root, quad_class=info.quad_class,
            actor1_id=st.holder_id, actor2_id=other.actor_id,
            explanation=f"{st.holder} ({st.holder_country}) expressed {st.stance} of {st.target}"
                        f" ({st.cue}): a verbal {action} toward {other.name}.",
        ))
    return out


def parse_candidates(text: str, passages: Sequence[Passage], mentions: Sequence[Mention]
                     ) -> list[tuple[str, int, str]]:
    """``(passage_id, start, text)`` of the sentences worth parsing (:func:`core.parse.worth_parsing`:
    an actor mention plus an event cue word, a reporting verb or a quotation mark); teasers and
    headings are never coded, so never parsed."""
    lex = lexicons()
    cue_words, speech_words = lex.events.index.keys(), lex.speech.index.keys()
    starts = sorted(m.start for m in mentions)
    out = []
    for p in passages:
        if p.role in _SKIP_ROLES:
            continue
        k = bisect_left(starts, p.start)
        has_mention = k < len(starts) and starts[k] < p.end
        if worth_parsing(map(_WORD_TEXT, words_in(text, p.start, p.end)), p.text, has_mention=has_mention,
                         cue_words=cue_words, speech_words=speech_words):
            out.append((p.passage_id, p.start, p.text))
    return out


def code_article(text: str, passages: list[Passage], mentions: list[Mention], *, article_id: str,
                 published: DateWindow, kb: Any, parses: Mapping[str, Parsed] | None = None,
                 holders: Sequence[QuoteHolder] | None = None) -> list[Event]:
    """Code every body sentence of an article into events (see the module docstring).

    ``parses`` holds the dependency parses of the sentences that were parsed, by passage id
    (:mod:`core.parse`); their roles come from the parse (:mod:`core.syntax`).  ``holders``
    are the article's :func:`core.stance.quote_holders` when already computed.
    Teasers and headings are skipped.  Offsets refer to ``text``."""
    ms = sorted(mentions, key=lambda m: (m.start, -m.end))
    countries = frozenset(m.country for m in ms if m.country in ("US", "MX"))
    quotes = quote_spans(text)
    if holders is None:
        holders = quote_holders(text, passages, ms, parses)
    spoken = [(q.start, q.end, Side.of(q.holder)) for q in holders]
    hstarts = [h[0] for h in spoken]
    events: list[Event] = []
    seen_ids: set[str] = set()
    pub_us, pub_mx = _administrations(kb, published.low, published.high) if published.low else ("", "")
    previous_pair: tuple[Side, Side] | None = None
    mi = 0
    cue_words = lexicons().events.index.keys()
    for p in sorted(passages, key=lambda p: p.start):
        if p.role in _SKIP_ROLES:
            continue
        words = words_in(text, p.start, p.end)
        if cue_words.isdisjoint(map(_WORD_TEXT, words)):
            continue  # (a sentence without a cue word yields no candidate at all)
        while mi < len(ms) and ms[mi].start < p.start:
            mi += 1
        inside = []
        j = mi
        while j < len(ms) and ms[j].start < p.end:
            inside.append(ms[j])
            j += 1
        prior = ms[max(0, mi - 30):mi]
        k = bisect_right(hstarts, p.end)
        near = [h for h in spoken[max(0, k - 3):k] if h[0] < p.end and p.start < h[1]]
        an = SentenceAnalyser(text, p.start, p.end, inside, scope="article", prior=prior, quotes=quotes,
                              previous_pair=previous_pair, kb=kb, quote_holders=near, words=words,
                              parsed=parses.get(p.passage_id) if parses else None)
        kept: list[Candidate] = []
        keys: set[tuple[str, str, str]] = set()
        ckeys: set[tuple[str, str, str, str]] = set()
        cands = an.candidates()
        for cand in cands:
            if cand.skipped:
                continue
            fin = finalize(cand, text=text, countries=countries, kb=kb, others=inside)
            if fin is None:
                continue
            extra = _speech_act(fin)
            for c in (fin, extra):
                if c is None or c.actor1 is None:
                    continue
                key = (c.actor1.name, c.actor2.name if c.actor2 else "", c.polarity)
                ckey = (c.actor1.country, c.actor2.country if c.actor2 else "", c.polarity, c.action)
                if key in keys or ckey in ckeys:
                    continue
                keys.add(key)
                ckeys.add(ckey)
                kept.append(c)
        if not kept:
            continue
        cue_spans = [(c.cue_start - p.start, c.cue_end - p.start) for c in kept]
        parsed = parses.get(p.passage_id) if parses else None
        background = [(lo - p.start, hi - p.start) for lo, hi in
                      syntax.background_spans(parsed, [(c.cue_start, c.cue_end) for c in kept])] if parsed else []
        sentence = date_text(p.text, cue_spans, background=background)
        when = _event_date(sentence, published, kb)
        time_words = [(h.start - p.start, h.end - p.start, kind)
                      for kind in ("after", "before") for h in an.hits("time_" + kind)]
        dated = _dates_by_time_clause(sentence, cue_spans, [c.cue_start - p.start for c in cands], time_words,
                                      when, published, kb) if time_words else None
        us_admin, mx_admin = _administrations(kb, when.low, when.high) if when.low else ("", "")
        for k, c in enumerate(kept):
            if dated is not None and dated[k] is not when:
                when_k = dated[k]
                admins_k = _administrations(kb, when_k.low, when_k.high) if when_k.low else ("", "")
            else:
                when_k, admins_k = when, (us_admin, mx_admin)
            if c.modality != "planned" and published.high and when_k.low > published.high:
                # a date after publication is not when an act already told happened ("announced
                # … until May 5", "threatened a levy beginning June 1")
                when_k, admins_k = published, (pub_us, pub_mx)
            info = cameo.info(c.action, c.polarity)
            a1 = c.actor1
            assert a1 is not None
            a2 = c.actor2
            eid = stable_id("ev", article_id, p.start, p.end, c.action, a1.name, a2.name if a2 else "")
            if eid in seen_ids:
                continue
            seen_ids.add(eid)
            c2 = a2.country if a2 is not None else a1.country
            events.append(Event(
                event_id=eid, article_id=article_id, passage_id=p.passage_id, start=p.start, end=p.end,
                actor1=a1.name, country1=a1.country, actor2=a2.name if a2 else "", country2=c2,
                action=c.action, polarity=c.polarity, intensity=info.intensity,
                dyad=_dyad(a1.country, a2.country) if a2 is not None else "domestic",
                modality=c.modality, date=when_k.value, date_precision=when_k.precision,
                date_low=when_k.low, date_high=when_k.high, us_admin=admins_k[0], mx_admin=admins_k[1],
                cue=c.cue, cue_start=c.cue_start, cue_end=c.cue_end, confidence=round(c.confidence, 2),
                cameo_root=info.cameo_root, quad_class=info.quad_class,
                actor1_id=a1.actor_id, actor2_id=a2.actor_id if a2 else "",
                actor1_start=a1.start, actor1_end=a1.end,
                actor2_start=a2.start if a2 else -1, actor2_end=a2.end if a2 else -1,
                explanation=_explain(c),
            ))
            if a2 is not None and {a1.country, a2.country} == {"US", "MX"}:
                previous_pair = (a1, a2)
    return events
