"""The stance extractor: who supports or opposes what, tied to the quote that says so.

Sources of stances, in order:

1. Quotations (“…” or "…", at least four words) attributed to a holder: '…,” X said',
   '…,” said X', '…,” noted Dr. X', 'X said/stated/stating, “…”', 'X …: “…”'.  The holder is
   the actor mention next to the reporting verb (or the subject of the sentence for
   "stating, “…”" and "…: “…”").
2. Embedded posts (passage role ``embed``) with an attribution line "— Name (@handle) date".
3. Attributed clauses without quotation marks whose content is explicitly evaluative
   ("Salazar said … the strategy has failed"; "X warned that …"; "…, Sheinbaum said.").
   "He"/"she" as a holder stands for the last person named before the sentence.

A candidate becomes a stance only when it bears on the relationship or security policy (a
topic word of ``core/data/stance_cues.tsv``) and carries evaluative words.  Support plus
opposition joined by a contrast ("we work together, but there is no compliance") is
``mixed``; otherwise the larger side wins (ties: mixed).  The target is the first topic that
matches, most specific first.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from core import syntax
from core.cues import (
    REPORTING_VERBS,
    Lexicon,
    MultiLexicon,
    combine,
    count_words,
    last_words,
    word_class,
    words_in,
)
from core.datafiles import read_table
from core.ids import stable_id
from core.parse import Parsed
from core.records import DateWindow, Mention, Passage, Stance

MIN_QUOTE_WORDS = 4
#: A quotation paragraph at most this many characters after the end of an attributed
#: quotation, and opening the next paragraph, carries on its speaker.
MAX_QUOTE_PARAGRAPH_GAP = 400
_QUOTE = re.compile(r"“([^“”]{1,3000})”|\"([^\"\n]{1,3000})\"")
_HOLDER_KINDS = frozenset({"person", "institution", "group", "country", "nonstate"})
_NOT_ONLY = re.compile(r"\bnot only\b[^.]{0,200}?\bbut also\b", re.IGNORECASE)
_NAME_AFTER = re.compile(r"\s+((?:Dr\.\s+)?[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’.\-]+){1,3})")
#: The holder of the article's own evaluations.
ARTICLE_VOICE = Mention(-1, -1, "", "", "Article (own voice)", "", "article", method="article")
_COUNTRY_NAMES = {"MX": "Mexico", "US": "the United States"}
_EMBED_ATTR = re.compile(r"[—–-]{1,2}\s?([^\n()]{1,80})\(@\w{1,30}\)")


@dataclass(frozen=True, slots=True)
class _Lex:
    article_voice: Lexicon
    attribution: Lexicon  # every reporting verb (reporting_verbs.tsv)
    attribution_always: frozenset[str]  # the first words of those that always report speech
    naming: Lexicon
    support: Lexicon
    oppose: Lexicon
    contrast: Lexicon
    topic: Lexicon
    evaluative: Lexicon
    holder_pronoun: frozenset[str]
    body_pronoun: frozenset[str]
    weights: dict[tuple[str, int], float]


@cache
def lexicons() -> _Lex:
    """The compiled stance lexicons (cached)."""
    name = "stance_cues.tsv"
    table = read_table(name, required=("kind", "pattern"))
    weights: dict[tuple[str, int], float] = {}
    for kind in ("support", "oppose"):
        rows = [r for r in table.rows if r["kind"] == kind]
        for i, r in enumerate(rows):
            try:
                weights[(kind, i)] = float(r["value"] or 1)
            except ValueError:
                weights[(kind, i)] = 1.0
    return _Lex(
        article_voice=word_class(name, "article_voice"),
        attribution=word_class(REPORTING_VERBS, "speech", "speech_or_object"),
        attribution_always=frozenset(word_class(REPORTING_VERBS, "speech").index),
        naming=word_class(name, "naming"),
        support=word_class(name, "support"),
        oppose=word_class(name, "oppose"),
        contrast=word_class(name, "contrast"),
        topic=word_class(name, "topic"),
        evaluative=word_class(name, "evaluative_clause"),
        holder_pronoun=frozenset(word_class(name, "holder_pronoun").index),
        body_pronoun=frozenset(word_class(name, "body_pronoun").index),
        weights=weights,
    )


@dataclass(frozen=True, slots=True)
class Judgement:
    """The evaluation carried by a span: stance, target, cue words and confidence."""

    stance: str
    target: str
    cue: str
    confidence: float


@cache
def _judged() -> MultiLexicon:
    """The topic, support and oppose lexicons, matched in one pass (cached)."""
    lex = lexicons()
    return combine([lex.topic, lex.support, lex.oppose])


def _actor_target(mentions: Sequence[Mention], start: int, end: int, holder: Mention | None) -> str:
    """When an evaluation names no topic word but a US or Mexican actor (the other side, as
    a rule: "the actions by the Mexican government are unprecedented"), its target: that
    country's government and policy; "" when it names none."""
    own = holder.country if holder is not None else ""
    named = [m.country for m in mentions if start <= m.start < end and m.country in ("US", "MX")]
    other = next((c for c in named if c != own), named[0] if named else "")
    if not other and own in ("US", "MX") and holder is not None and holder.kind in ("person", "institution"):
        # a US or Mexican official's evaluation in an article on the relationship ("it was a
        # very productive call"): about the other side, when it names no one
        other = "MX" if own == "US" else "US"
    return f"the government and policy of {_COUNTRY_NAMES[other]}" if other else ""


def judge(text: str, start: int, end: int, mentions: Sequence[Mention] = (), *,
          holder: Mention | None = None) -> Judgement | None:
    """Evaluate ``text[start:end]``: None when it carries no evaluation of a relevant topic.
    A topic is a topic word of the lexicon or, when ``holder`` is given, a US or Mexican
    actor named in the span (see :func:`_actor_target`)."""
    lex = lexicons()
    words = words_in(text, start, end)
    fallback = _actor_target(mentions, start, end, holder) if holder is not None else ""
    if lex.topic.index.keys().isdisjoint([w[2] for w in words]) and not fallback:
        return None  # (no topic word: no topic hit)
    (topics, sup, opp), _groups = _judged().scan(text, words, end)
    topic = min(topics, key=lambda h: h.row) if topics else None
    if topic is None and not fallback:
        return None
    # a negated support word counts against ("will not cooperate"); "no"/"not" before oppose
    # words is already inside the oppose phrases
    negated = [_negated(text, h.start) for h in sup]  # (once per hit: it was asked twice)
    s = sum(lex.weights.get(("support", h.row), 1.0) for h, neg in zip(sup, negated, strict=True) if not neg)
    o = sum(lex.weights.get(("oppose", h.row), 1.0) for h in opp)
    o += sum(1.0 for neg in negated if neg)
    if s == 0 and o == 0:
        return None
    if s and o and _contrasted(text, start, end):
        stance, conf = "mixed", 0.75
    elif s > o:
        stance, conf = "support", 0.8 if o == 0 else 0.6
    elif o > s:
        stance, conf = "oppose", 0.8 if s == 0 else 0.6
    else:
        stance, conf = "mixed", 0.5
    label = lex.topic.rows[topic.row]["value"] if topic is not None else fallback
    if "{country}" in label:
        country = next((_COUNTRY_NAMES.get(m.country, m.text) for m in mentions
                        if start <= m.start < end and m.kind == "country"), "")
        label = label.replace("{country}", country).replace("of ", "of " if country else "").strip()
        if not country:
            label = label.replace(" of", "").strip()
    cues = sorted(sup + opp, key=lambda h: h.start)[:4]
    return Judgement(stance, label, "; ".join(h.text for h in cues), conf)


def _contrasted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a contrast word ("but", "however") outside a
    "not only … but also"."""
    span = text[start:end]
    return any(not _in_not_only(span, h.start - start)
               for h in lexicons().contrast.find(text, start=start, end=end))


def _negated(text: str, pos: int) -> bool:
    before = last_words(text, max(0, pos - 25), pos, 2)
    return any(w in ("not", "no", "never", "n't", "cannot") or w.endswith("n't") for w in before)


def _in_not_only(span: str, rel: int) -> bool:
    return any(m.start() <= rel < m.end() for m in _NOT_ONLY.finditer(span))


# --------------------------------------------------------------------------- holders


def _is_holder(m: Mention) -> bool:
    return m.kind in _HOLDER_KINDS and bool(m.name or m.text)


#: At most this many words between a reporting verb and a quotation worked into the
#: sentence ('said Mexico “will not tolerate …”').
PARTIAL_QUOTE_GAP = 5
#: How far back the antecedent of "he"/"she" is looked for (characters).
PRONOUN_REACH = 1500


def _person_before(ms: Sequence[Mention], keys: Sequence[int], pos: int) -> Mention | None:
    """The antecedent of a "he"/"she" at ``pos``: the last person named before it (within
    ``PRONOUN_REACH`` characters), as the event coder resolves its pronouns."""
    return _named_before(ms, keys, pos, person=True)


def _named_before(ms: Sequence[Mention], keys: Sequence[int], pos: int, *, person: bool) -> Mention | None:
    """The last mention before ``pos`` (within ``PRONOUN_REACH`` characters) that is a named
    person (``person``) or else an institution, government or group that can hold a stance
    (the antecedent of "it": "The ministry said …  It says the patrols …")."""
    i = bisect_left(keys, pos)
    for m in reversed(ms[max(0, i - 30):i]):
        if m.start < pos - PRONOUN_REACH:
            break
        if m.end > pos:
            continue
        if person and m.kind == "person" and (m.name or m.text):
            return m
        if not person and m.kind != "person" and _is_holder(m):
            return m
    return None


def _pronoun_holder(ms: Sequence[Mention], keys: Sequence[int], pos: int, pronoun: str) -> Mention | None:
    """The holder a subject pronoun at ``pos`` stands for: "he"/"she" the last person named,
    "it" the last institution or government (stance_cues.tsv ``holder_pronoun`` and
    ``body_pronoun``); None for any other word."""
    lex = lexicons()
    if pronoun in lex.holder_pronoun:
        return _person_before(ms, keys, pos)
    if pronoun in lex.body_pronoun:
        return _named_before(ms, keys, pos, person=False)
    return None


def _is_pronoun(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one holder pronoun ("he", "she"), give or take
    punctuation and a leading conjunction ("and she")."""
    words = [w[2] for w in words_in(text, start, end)]
    if words[:1] == ["and"]:
        words = words[1:]
    return len(words) == 1 and words[0] in lexicons().holder_pronoun


def _attribution_after(text: str, qend: int, limit: int, mentions: Sequence[Mention],
                       antecedent: Mention | None = None) -> Mention | None:
    """'…,” X said' / '…,” said X' / '…,” explained X' / '…,” she said' (``antecedent``: the
    person "she" stands for): the holder after a quotation."""
    lex = lexicons()
    window_end = min(limit, qend + 120)
    verb = next(iter(lex.attribution.find(text, start=qend, end=window_end)), None)
    if verb is None or count_words(text, qend, verb.start) > 8:
        return None
    # the mention between the quote and the verb, else right after the verb
    between = [m for m in mentions if qend <= m.start and m.end <= verb.start and _is_holder(m)]
    if between:
        return between[0]
    if antecedent is not None and (_is_pronoun(text, qend, verb.start) or (
            not text[qend:verb.start].strip(" ,”\"'’") and _is_pronoun(text, verb.end, min(window_end, verb.end + 5)))):
        return antecedent
    after = [m for m in mentions if verb.end <= m.start < window_end and _is_holder(m)]
    if after:
        return after[0]
    name = _NAME_AFTER.match(text, verb.end, window_end)
    if name is not None and not text[qend:verb.start].strip(" ,”\"'’"):
        # '…,” said Cecilia Farfán-Méndez, a researcher': a person the knowledge base does not know
        return Mention(name.start(1), name.end(1), name.group(1), "", name.group(1), "", "person",
                       method="unknown-person")
    return None


def _attribution_before(text: str, lo: int, qstart: int, mentions: Sequence[Mention],
                        antecedent: Mention | None = None) -> Mention | None:
    """'X said, “…' / 'X stated, “…' / '…, stating, “…' / 'X …: “…' / 'She said, “…'
    (``antecedent``: the person "she" stands for): the holder before a quotation (the first
    person mention of the sentence, else the first actor)."""
    lead = text[lo:qstart]
    lex = lexicons()
    verb = None
    for h in lex.attribution.find(text, start=lo, end=qstart):
        verb = h
    if verb is None and not lead.rstrip().endswith(":"):
        return None
    before = qstart
    if verb is not None and text[verb.end:qstart].strip(" ,:\u00a0") != "":
        # the verb right before the quote ("stated, “…"), or a quote worked into what the
        # holder is reported to say ("told reporters that Mexico “will not tolerate …”"):
        # a few words between, none of them naming a person (who might be the one quoted)
        if not lead.rstrip().endswith(":"):
            if count_words(text, verb.end, qstart) > PARTIAL_QUOTE_GAP or any(
                    m.kind == "person" for m in mentions if verb.end <= m.start < qstart):
                return None
            before = verb.start
    cands = [m for m in mentions if lo <= m.start < before and _is_holder(m)]
    persons = [m for m in cands if m.kind == "person"]
    if persons:
        return persons[0]
    if cands:
        return cands[0]
    first = words_in(text, lo, qstart)[:1]
    if antecedent is not None and first and first[0][2] in lexicons().holder_pronoun:
        return antecedent
    return None


def _passage_at(passages: Sequence[Passage], pos: int, starts: Sequence[int] | None = None) -> Passage | None:
    """The passage holding ``pos`` (``passages`` sorted by start; binary search)."""
    keys = starts if starts is not None else [p.start for p in passages]
    i = bisect_right(keys, pos) - 1
    if i >= 0 and passages[i].start <= pos < passages[i].end:
        return passages[i]
    return None


def _sentence_start(passages: Sequence[Passage], pos: int, starts: Sequence[int] | None = None) -> int:
    p = _passage_at(passages, pos, starts)
    return p.start if p is not None else max(0, pos - 300)


@dataclass(frozen=True, slots=True)
class QuoteHolder:
    """A quotation (its inner span) and who said it."""

    start: int
    end: int
    holder: Mention
    how: str


def quote_holders(text: str, passages: Sequence[Passage], mentions: Sequence[Mention],
                  parses: Mapping[str, Parsed] | None = None) -> list[QuoteHolder]:
    """Every quotation of at least MIN_QUOTE_WORDS words whose holder can be found, in text
    order ('…,” X said', 'X stated, “…”', a quote continuing the previous one, and with
    ``parses`` the subject of a reporting verb of the quote's sentence wherever it stands).
    The coder and the stance extractor both need them: compute them once per article and
    pass them to both (``holders=``)."""
    ps = sorted(passages, key=lambda p: p.start)
    ms = sorted(mentions, key=lambda m: (m.start, -m.end))
    return _quote_holders(text, ps, ms, parses)


def _parsed_holder(text: str, p: Passage | None, qstart: int, qend: int, ms: list[Mention], mkeys: list[int],
                   parses: Mapping[str, Parsed] | None) -> Mention | None:
    """The holder of a quotation read off the parse of its sentence: the subject of a
    reporting verb outside the quotation ("In a statement, the department said …“…”")."""
    parsed = parses.get(p.passage_id) if parses and p is not None else None
    if parsed is None or p is None:
        return None
    lex = lexicons()
    inside = _mentions_between(ms, p.start, p.end, mkeys)
    for verb in lex.attribution.find(text, start=p.start, end=p.end):
        if qstart <= verb.start < qend:
            continue
        found = syntax.said(parsed, verb.start, verb.end, inside)
        if found is None:
            continue
        if found.holder is not None and _is_holder(found.holder) and not qstart <= found.holder.start < qend:
            return found.holder
        if found.pronoun:
            return _pronoun_holder(ms, mkeys, verb.start, found.pronoun)
    return None


def _quote_holders(text: str, ps: list[Passage], ms: list[Mention],
                   parses: Mapping[str, Parsed] | None = None) -> list[QuoteHolder]:
    starts = [p.start for p in ps]
    mkeys = [m.start for m in ms]
    out: list[QuoteHolder] = []
    last_holder: tuple[Mention, int] | None = None  # holder of the last quote and where it ended
    for q in _QUOTE.finditer(text):
        body_start = q.start() + 1
        body_end = q.end() - 1
        if count_words(text, body_start, body_end) < MIN_QUOTE_WORDS:
            continue
        para_end = text.find("\n", q.end())
        para_end = len(text) if para_end < 0 else para_end
        near = _mentions_between(ms, max(0, q.start() - 400), min(len(text), q.end() + 200), mkeys)
        lo = _sentence_start(ps, q.start(), starts)
        antecedent = _person_before(ms, mkeys, lo)
        # a quotation that ends its sentence ('… sovereignty.”') is not attributed by what
        # follows it: that is the next sentence
        closed = text[body_start:body_end].rstrip().endswith(".")
        holder = None if closed else _attribution_after(text, q.end(), para_end, near, antecedent)
        how = "quotation attributed after it"
        if holder is None:
            holder = _attribution_before(text, lo, q.start(), near, antecedent)
            how = "quotation introduced by its holder"
        if holder is None and last_holder is not None and "\n" not in text[last_holder[1]:q.start()] \
                and q.start() - last_holder[1] < 200:
            holder, how = last_holder[0], "quotation continuing the previous one"
        if holder is None and last_holder is not None and _next_quote_paragraph(text, last_holder[1], q.start()):
            holder, how = last_holder[0], "quotation paragraph after the holder's quotation"
        if holder is None and parses:
            holder = _parsed_holder(text, _passage_at(ps, q.start(), starts), q.start(), q.end(), ms, mkeys, parses)
            how = "quotation attributed by the parse of its sentence"
        if holder is None:
            continue
        last_holder = (holder, q.end())
        out.append(QuoteHolder(body_start, body_end, holder, how))
    return out


def _next_quote_paragraph(text: str, last_end: int, qstart: int) -> bool:
    """Whether the quotation at ``qstart`` opens the paragraph right after the one in which
    the previous attributed quotation ended (at ``last_end``), with nothing between but blank
    lines or a stray short line of page furniture: the news convention that such a paragraph
    carries on the same speaker."""
    if not 0 < qstart - last_end <= MAX_QUOTE_PARAGRAPH_GAP:
        return False
    lines = text[last_end:qstart].split("\n")
    if len(lines) < 2 or lines[-1].strip():
        return False  # (same paragraph, or the quotation does not open its paragraph)
    between = [ln.strip() for ln in lines[1:-1] if ln.strip()]
    return len(between) <= 1 and all(len(ln.split()) <= 3 and not ln.endswith((".", ":", "\u201d", '"')) for ln in between)


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether [a, b) overlaps one of ``spans`` (appended in text order; binary search)."""
    i = bisect_right(spans, (b, 0))
    return any(s < b and a < e for s, e in spans[max(0, i - 3):i])


def _mentions_between(ms: Sequence[Mention], lo: int, hi: int, keys: Sequence[int] | None = None) -> list[Mention]:
    """The mentions of ``ms`` (sorted by start) starting in [lo, hi); ``keys`` are their
    starts when the caller has them (binary search, no rescan)."""
    if keys is None:
        keys = [m.start for m in ms]
    return list(ms[bisect_left(keys, lo):bisect_left(keys, hi)])


_POST_TAIL_WORDS = 4


def _post_attribution(text: str, p: Passage, verb: Any, ms: Sequence[Mention],
                      keys: Sequence[int]) -> tuple[int, Mention] | None:
    """For a sentence that ends with its attribution ("…, Sheinbaum said." / "…, she said on
    Friday." / "…, said Sheinbaum."): where the clause it attributes ends (its last comma)
    and the holder; None for any other sentence."""
    comma = text.rfind(",", p.start, verb.start)
    if comma < 0 or count_words(text, comma, verb.start) > 6:
        return None
    holders = [m for m in _mentions_between(ms, comma, p.end, keys) if _is_holder(m)]
    before = [m for m in holders if m.end <= verb.start]
    if before:
        holder, tail_from = before[-1], verb.end
    elif holders and not text[comma + 1:verb.start].strip():
        holder, tail_from = holders[0], holders[0].end  # "…, said Sheinbaum."
    elif _is_pronoun(text, comma + 1, verb.start):
        found = _person_before(ms, keys, p.start)
        if found is None:
            return None
        holder, tail_from = found, verb.end
    else:
        return None
    if count_words(text, tail_from, p.end) > _POST_TAIL_WORDS:
        return None
    return comma, holder


# --------------------------------------------------------------------------- extraction


def _someone_elses(text: str, found: syntax.Said, holder: Mention) -> bool:
    """Whether what a holder is reported to say is another actor's evaluation: its subject
    is a person or body other than the holder, and its verb itself evaluates ("praised",
    "criticized")."""
    inner = found.inner
    if inner is None or inner.kind not in ("person", "institution") or (inner.name or inner.text) == (holder.name or holder.text):
        return False
    a, b = found.inner_verb
    lex = lexicons()
    return any(True for lx in (lex.support, lex.oppose) for _ in lx.find(text, start=a, end=b))


def extract_stances(text: str, passages: list[Passage], mentions: list[Mention], *, article_id: str,
                    published: DateWindow, kb: Any, parses: Mapping[str, Parsed] | None = None,
                    holders: Sequence[QuoteHolder] | None = None) -> list[Stance]:
    """Every stance of an article (see the module docstring).  Teasers are skipped.
    ``parses`` (by passage id, :mod:`core.parse`) lets reported speech be read off syntax;
    ``holders`` are the article's :func:`quote_holders` when already computed."""
    ps = sorted(passages, key=lambda p: p.start)
    skip = [(p.start, p.end) for p in ps if p.role == "teaser"]
    ms = sorted(mentions, key=lambda m: (m.start, -m.end))
    mkeys = [m.start for m in ms]
    us_admin, mx_admin = kb.administrations(published.low, published.high) if published.low else ("", "")
    out: list[Stance] = []
    seen: set[str] = set()
    taken: list[tuple[int, int]] = []

    starts = [p.start for p in ps]

    def emit(start: int, end: int, holder: Mention, j: Judgement, how: str) -> None:
        p = _passage_at(ps, start, starts)
        if p is None or any(a <= start < b for a, b in skip):
            return
        sid = stable_id("st", article_id, start, end, holder.name or holder.text)
        if sid in seen:
            return
        seen.add(sid)
        insort(taken, (start, end))
        country = holder.country if holder.country in ("US", "MX", "OTHER") else ""
        out.append(Stance(
            stance_id=sid, article_id=article_id, passage_id=p.passage_id, start=start, end=end,
            holder=holder.name or holder.text, holder_country=country, target=j.target,
            stance=j.stance, quote=text[start:end], date=published.value, us_admin=us_admin,
            mx_admin=mx_admin, cue=j.cue, confidence=j.confidence, holder_id=holder.actor_id,
            explanation=f"{how}; {j.stance} of {j.target} (cues: {j.cue}).",
        ))

    # 1. quotations
    for qh in quote_holders(text, ps, ms, parses) if holders is None else holders:
        j = judge(text, qh.start, qh.end, _mentions_between(ms, qh.start, qh.end, mkeys))
        if j is not None:
            emit(qh.start, qh.end, qh.holder, j, qh.how)

    # 2. embedded posts
    for p in ps:
        if p.role != "embed":
            continue
        attr = _EMBED_ATTR.search(text, p.start, min(len(text), p.end + 200))
        if attr is None:
            continue
        holder = next((m for m in _mentions_between(ms, attr.start(1), attr.end(1), mkeys) if _is_holder(m)), None)
        body_end = attr.start() if p.start < attr.start() <= p.end else p.end
        if holder is None or _overlaps(taken, p.start, body_end):
            continue
        j = judge(text, p.start, body_end, _mentions_between(ms, p.start, body_end, mkeys))
        if j is not None:
            emit(p.start, body_end, holder, j, "embedded post")

    lex = lexicons()
    # 3a. reported speech read off the parse: "X said (that) …", "…, X said.", "X called Y a Z",
    # "according to X, …", "X released a statement saying …"
    read: set[str] = set()
    for p in ps:
        parsed = parses.get(p.passage_id) if parses else None
        if parsed is None or p.role in ("teaser", "heading"):
            continue
        inside = _mentions_between(ms, p.start, p.end, mkeys)
        # (a verb that reports speech only with a clause reads no object as speech: "the
        # Pentagon announced a significant step"; naming verbs read one: "called Y a Z")
        verbs = sorted([*((h, h.text.lower().split()[0] in lex.attribution_always)
                          for h in lex.attribution.find(text, start=p.start, end=p.end)),
                        *((h, True) for h in lex.naming.find(text, start=p.start, end=p.end))],
                       key=lambda v: v[0].start)
        for said_verb, with_object in verbs:
            found = syntax.said(parsed, said_verb.start, said_verb.end, inside, with_object=with_object)
            if found is None:
                continue
            holder = found.holder if found.holder is not None and _is_holder(found.holder) else None
            if holder is None and found.pronoun:
                holder = _pronoun_holder(ms, mkeys, said_verb.start, found.pronoun)
            lo, hi = found.start, found.end
            if holder is None or count_words(text, lo, hi) < MIN_QUOTE_WORDS or _overlaps(taken, lo, hi):
                continue
            if _someone_elses(text, found, holder):
                continue  # "Sheinbaum said Salazar had praised cooperation": Salazar's evaluation
            j = judge(text, lo, hi, _mentions_between(ms, lo, hi, mkeys), holder=holder)
            if j is not None:
                read.add(p.passage_id)
                emit(lo, hi, holder, j, f"reported speech ({found.path})")

    # 3b. evaluative attributed clauses without quotation marks, in sentences where the parse
    # found no stance
    for p in ps:
        if p.role in ("teaser", "heading") or p.passage_id in read or _overlaps(taken, p.start, p.end):
            continue
        words = words_in(text, p.start, p.end)
        pronoun = bool(words) and words[0][2] in lex.holder_pronoun
        if not any(w[2] in lex.holder_pronoun for w in words) \
                and not any(_is_holder(m) for m in _mentions_between(ms, p.start, p.end, mkeys)):
            continue  # the holder would be a mention (or "he"/"she") inside the passage
        verb = next(iter(lex.attribution.find(text, start=p.start, end=p.end)), None)
        if verb is None:
            continue
        post = _post_attribution(text, p, verb, ms, mkeys)
        if post is not None:  # "The strategy has failed, Salazar said."
            cut, holder_after = post
            if next(iter(lex.evaluative.find(text, start=p.start, end=cut)), None) is not None:
                j = judge(text, p.start, cut, _mentions_between(ms, p.start, cut, mkeys))
                if j is not None:
                    emit(p.start, p.end, holder_after, j, "attributed clause (attribution after it)")
            continue
        ev = next(iter(lex.evaluative.find(text, start=verb.end, end=p.end)), None)
        if ev is None:
            continue
        holder = next((m for m in _mentions_between(ms, p.start, verb.start, mkeys) if _is_holder(m)), None)
        if holder is None and pronoun and count_words(text, p.start, verb.start) <= 3:
            holder = _person_before(ms, mkeys, p.start)  # "She added that …"
        if holder is None:
            continue
        j = judge(text, verb.end, p.end, _mentions_between(ms, verb.end, p.end, mkeys))
        if j is not None:
            emit(p.start, p.end, holder, j, "attributed clause")
    # 4. the article's own explicit verdicts ("… mark an important milestone in U.S.-Mexico
    # relations"), in body sentences without a quotation or a reporting verb
    for p in ps:
        if p.role != "body" or _overlaps(taken, p.start, p.end) or '“' in p.text or '"' in p.text:
            continue
        if next(iter(lex.article_voice.find(text, start=p.start, end=p.end)), None) is None:
            continue
        if next(iter(lex.attribution.find(text, start=p.start, end=p.end)), None) is not None:
            continue
        j = judge(text, p.start, p.end, _mentions_between(ms, p.start, p.end, mkeys))
        if j is not None:
            emit(p.start, p.end, ARTICLE_VOICE, j, "the article's own voice")
    out.sort(key=lambda s: s.start)
    return out
