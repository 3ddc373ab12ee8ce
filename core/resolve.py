"""Mention resolution: find every reference to an actor in an article, with its span.

One pass of a single compiled regex (a trie of every alias, title, role word, surname and
place name in the knowledge base, matched on accent-folded text so that offsets are
kept) finds the candidates; a small amount of logic then joins titles to the names that
follow them ("Secretary of State Antony Blinken"), resolves surnames after a full mention
("Salazar"), keeps unknown named people with their role and country ("Community activist
Maria Gonzalez from … Laredo, Texas"), and fuzzy-matches (rapidfuzz) capitalised names
the exact pass missed ("Anthony Blinken").  Title-only mentions ("the Mexican president")
are bound to the office holder of the article's date by :func:`bind_titles`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from operator import attrgetter

from rapidfuzz import fuzz, process

from core.kb import Actor, AliasEntry, KnowledgeBase
from core.records import DateWindow, Mention
from core.text import fold, fold_key

FUZZY_CUTOFF = 88.0  # rapidfuzz ratio (0–100) for a misspelt full name
# possessive quantifiers and a look-ahead keep these linear on hostile input (no backtracking)
_NAME_WORD = r"(?:[A-Z](?=[A-Za-z'\-]{0,40}[a-z])[A-Za-z'\-]{1,40}+|[A-Z]\.|[A-Z]{2,40}+[a-z]{0,40}+)"
_NAME_LINK = r"(?:de|del|la|las|los|y|van|von|da|di|bin)"
# a capitalised name of 1–5 words, allowing particles ("Juan Ramón de la Fuente") and initials
_NAME = re.compile(
    rf"{_NAME_WORD}(?:[ \t]+(?:{_NAME_LINK}[ \t]+){{0,2}}{_NAME_WORD}){{0,4}}"
)
_CAP_SPAN = re.compile(  # no look-behind (slow); matches preceded by a word character are skipped
    rf"[A-Z][a-z'\-]+(?:[ \t]+(?:[A-Z]\.[ \t]+)?(?:{_NAME_LINK}[ \t]+){{0,2}}[A-Z][a-z'\-]+){{1,3}}"
)
_APPOSITIVE = re.compile(r",[ \t]+(?:a|an|the)[ \t]+((?:[\w-]+[ \t]*){1,4})")
_NOT_FIRST = frozenset({"the", "in", "on", "at", "for", "and", "but", "as", "by", "from", "with", "when", "after"})
_WORD_BEFORE = re.compile(r"([A-Z][a-z'\-]+)[ \t]+$")  # what _widen_left looks for (done without it)
_LOWER_RUN = "abcdefghijklmnopqrstuvwxyz'-"
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SENT_END = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z\"“‘(])|\n")


# --------------------------------------------------------------------------- matcher


@dataclass(frozen=True, slots=True)
class _Entry:
    target: str  # actor, title, prefix, role, group, surname, place
    ref: str
    case: str
    text: str
    valid_from: str = ""
    valid_to: str = ""


@dataclass(frozen=True, slots=True)
class _Tok:
    """What one matched span (folded text) stands for: its entries that fit the span's
    case, and what :func:`find_mentions` asks of them (worked out once per distinct span)."""

    found: list[_Entry]
    demonym: _Entry | None
    actor: _Entry | None
    place: bool
    heads: list[_Entry]
    group: _Entry | None
    surname: bool
    person: Actor | None  # the actor of ``actor`` when a person
    other_country: bool  # ``actor`` is a country other than the US and Mexico, and a place too


def _tok(found: list[_Entry], kb: KnowledgeBase) -> _Tok:
    actor = _current_actor_entry(found)
    place = any(x.target == "place" for x in found)
    a = kb.actors[actor.ref] if actor is not None else None
    return _Tok(
        found,
        next((x for x in found if x.target == "demonym"), None),
        actor,
        place,
        [x for x in found if x.target in ("title", "prefix", "role")],
        next((x for x in found if x.target == "group"), None),
        any(x.target == "surname" for x in found),
        a if a is not None and a.kind == "person" else None,
        a is not None and a.kind == "country" and a.iso2 not in ("US", "MX") and place,
    )


#: bound of :attr:`_Matcher.toks` (distinct matched spans: aliases in their case variants)
_MAX_TOKS = 1 << 16


@dataclass
class _Matcher:
    regex: re.Pattern[str]  # the trie, on lower-cased folded text
    entries: dict[str, list[_Entry]]
    group_regex: re.Pattern[str] | None  # anchored after a demonym: [modifiers] group noun
    demonyms: dict[str, str]  # folded demonym -> country code
    group_noun: dict[str, str]  # folded noun -> group id
    fuzzy_buckets: dict[str, list[tuple[str, str]]]  # first letter of last word -> (key, actor)
    toks: dict[str, _Tok | None] = field(default_factory=dict)  # matched span -> what it stands for
    ci: list[re.Pattern[str]] = field(default_factory=list)  # the case-insensitive trie, once needed

    def regex_ci(self) -> re.Pattern[str]:
        """The trie, case-insensitive (for text whose ``lower()`` changes length: rare, so
        compiled on first use; compiling it cost a sixth of a second per process)."""
        if not self.ci:
            self.ci.append(re.compile(self.regex.pattern, re.IGNORECASE))
        return self.ci[0]


def _trie_pattern(keys: Iterable[str]) -> str:
    """A regex matching any of ``keys`` (lower-case, single-spaced), longest first, each
    ending at a word boundary.  Chains of single children are emitted as literals."""
    root: dict[str, dict] = {}
    end = ""  # key marking the end of a word in the trie
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[end] = {}

    def lit(ch: str) -> str:
        return r"[ \t]+" if ch == " " else re.escape(ch)

    def emit(node: dict[str, dict]) -> str:
        alts: list[str] = []
        for ch in sorted(k for k in node if k != end):
            child = node[ch]
            chain = lit(ch)
            while len(child) == 1 and end not in child:
                (nxt, child), = child.items()
                chain += lit(nxt)
            alts.append(chain + emit(child) if child else chain)
        if end in node:
            alts.append(r"(?!\w)")
        if not alts:
            return ""
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return r"(?<![\w@#])" + emit(root)


def prepare(kb: KnowledgeBase) -> None:
    """Build the alias matcher of ``kb`` now (a tenth of a second) instead of on the first
    article, so that worker processes forked afterwards share it."""
    _matcher(kb)


def _matcher(kb: KnowledgeBase) -> _Matcher:
    cached = kb.cache.get("matcher")
    if isinstance(cached, _Matcher):
        return cached
    entries: dict[str, list[_Entry]] = defaultdict(list)

    def add(text: str, entry: _Entry) -> None:
        key = fold_key(text)
        if key and entry not in entries[key]:
            entries[key].append(entry)

    for a in kb.aliases:
        add(a.text, _entry_of(a))
    for actor in kb.actors.values():
        for s in actor.surnames:
            add(s, _Entry("surname", actor.id, "cap", s))
    for name in kb.places:
        add(name, _Entry("place", kb.places[name], "cap", name))
    demonyms: dict[str, str] = {}
    for c in kb.countries.values():
        for d in c.demonyms:
            demonyms.setdefault(fold(d), c.code)
            add(d, _Entry("demonym", c.code, "exact" if _is_acronym(d) else "cap", d))
    pattern = _trie_pattern(sorted(entries, key=len, reverse=True))
    regex = re.compile(pattern)

    nouns = {fold_key(n): gid for n, gid in kb.group_nouns}
    group_regex = None
    if demonyms and nouns:
        dem = "|".join(re.escape(d) for d in sorted(demonyms, key=len, reverse=True))
        mods = "|".join(re.escape(fold_key(m)) for m in sorted(kb.group_modifiers, key=len, reverse=True))
        nn = "|".join(re.escape(n).replace(r"\ ", r"[ \t]+") for n in sorted(nouns, key=len, reverse=True))
        mod_part = rf"(?:(?i:{mods})[ \t]+){{0,2}}" if mods else ""
        group_regex = re.compile(
            rf"(?:[ \t]+(?i:and|or)[ \t]+(?:{dem}))?[ \t]+{mod_part}((?i:{nn}))(?!\w)"
        )

    buckets: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for actor in kb.actors.values():
        if actor.kind != "person":
            continue
        for alias in actor.aliases:
            key = fold_key(alias).replace('"', "")
            words = key.split()
            if len(words) >= 2 and len(key) >= 8:
                buckets[words[-1][:1]].append((key, actor.id))
    m = _Matcher(regex, dict(entries), group_regex, demonyms, nouns, dict(buckets))
    kb.cache["matcher"] = m
    return m


def _entry_of(a: AliasEntry) -> _Entry:
    return _Entry(a.target, a.ref, a.case, a.text, a.valid_from, a.valid_to)


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


_LOWER: list[tuple[str, str]] = []  # the last (folded, lower) pair: callers scan one text many times


def _lowered(folded: str) -> str:
    """``folded.lower()`` when it keeps every offset, else "" (computed once per text)."""
    if _LOWER and _LOWER[0][0] is folded:
        return _LOWER[0][1]
    lower = folded.lower()
    lower = lower if len(lower) == len(folded) else ""
    _LOWER[:] = [(folded, lower)]
    return lower


def _scan(mt: _Matcher, folded: str, pos: int = 0, endpos: int | None = None) -> Iterable[re.Match[str]]:
    """Trie matches in ``folded[pos:endpos]``: case-sensitive on the lower-cased text when
    lower-casing keeps every offset, else case-insensitive on the text itself."""
    end = len(folded) if endpos is None else endpos
    lower = _lowered(folded)
    if lower:
        return mt.regex.finditer(lower, pos, end)
    return mt.regex_ci().finditer(folded, pos, end)


def _case_ok(entry: _Entry, span: str) -> bool:
    if entry.case == "exact":
        return " ".join(span.split()) == " ".join(fold(entry.text).split())
    if entry.case == "cap":
        return span[:1].isupper()
    return True


# --------------------------------------------------------------------------- finding


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    mention: Mention
    rank: int  # lower wins on equal length


def find_mentions(text: str, *, kb: KnowledgeBase) -> list[Mention]:
    """Every actor mention in ``text`` with its character span, sorted by start, without
    overlaps (the longest wins).  Title-only mentions ("the Mexican president") come back
    with ``actor_id`` "", ``method`` "title" and ``role`` set to the office id, to be bound
    by :func:`bind_titles` once the article's date is known."""
    if not text:
        return []
    mt = _matcher(kb)
    folded = fold(text)
    tokens: list[tuple[int, int, list[_Entry]]] = []
    infos: list[_Tok] = []
    toks = mt.toks
    definite: list[tuple[int, int, list[str]]] = []  # "the ambassador": (start, end, offices)
    for m in _scan(mt, folded):
        s, e = m.span()
        span = folded[s:e]
        the = _DEFINITE_BEFORE.search(folded, max(0, s - 5), s)
        if the is not None and not _NAME_OR_OF_AFTER.match(folded, e):
            entries = mt.entries.get(fold_key(span), ())
            offices = [o for x in entries if x.target == "prefix" for o in x.ref.split("|")]
            if offices and not any(x.target == "title" for x in entries):  # (titles: bind_titles)
                definite.append((the.start("the"), e, offices))
        if span in toks:
            info = toks[span]
        else:
            found = [x for x in mt.entries.get(fold_key(span), ()) if _case_ok(x, span)]
            info = _tok(found, kb) if found else None
            if len(toks) >= _MAX_TOKS:
                toks.clear()
            toks[span] = info
        if info is not None:
            tokens.append((s, e, info.found))
            infos.append(info)

    cands: list[_Cand] = []
    used_title_at: set[int] = set()
    full_persons: list[tuple[int, str]] = []  # (start, actor id) of full person mentions
    surname_tokens: list[tuple[int, int, list[_Entry]]] = []
    n = len(tokens)
    for i, (s, e, found) in enumerate(tokens):
        info = infos[i]
        demonym = info.demonym
        if demonym is not None and mt.group_regex is not None:
            gm = mt.group_regex.match(folded, e)
            g = kb.groups.get(mt.group_noun.get(fold_key(gm.group(1)), "")) if gm else None
            if gm is not None and g is not None:
                both = gm.group(0).lstrip()[:3].lower() in ("and", "or ")
                ge = gm.end()
                label = text[s:ge] if both else f"{text[s:e]} {g.label}"
                # a noun with a country of its own keeps it ("Mexican cartels" are non-state)
                country = g.country or ("" if both else demonym.ref)
                cands.append(_Cand(s, ge, Mention(s, ge, text[s:ge], "", label, country,
                                                  "group", g.sector, g.label, "alias", 1.0), 1))
        actor = info.actor
        if actor is not None:
            if info.other_country:
                continue  # "Georgia": the US state, not the country
            person = info.person
            if person is not None:
                s2 = _widen_left(text, folded, s, person.id, kb)
                cands.append(_Cand(s2, e, Mention(s2, e, text[s2:e], person.id, person.name, person.country,
                                                   person.kind, person.sector, "", "alias", 1.0), 0))
                full_persons.append((s2, person.id))
            else:
                cands.append(_Cand(s, e, _actor_mention(text, s, e, actor.ref, kb, "alias"), 0))
            continue
        if info.place:
            continue
        heads = info.heads
        if heads:
            if i in used_title_at:
                continue
            nxt = tokens[i + 1] if i + 1 < n else None
            joined = _join_title(text, folded, s, e, heads, nxt, kb, mt)
            if joined is not None:
                cand, consumed = joined
                cands.append(cand)
                if consumed:
                    used_title_at.add(i + 1)
                if cand.mention.kind == "person" and cand.mention.actor_id:
                    full_persons.append((cand.start, cand.mention.actor_id))
                continue
            title = next((x for x in heads if x.target == "title"), None)
            if title is not None:
                office = kb.offices[title.ref]
                cands.append(_Cand(s, e, Mention(s, e, text[s:e], "", office.name, office.country, "person",
                                                 office.sector, office.id, "title", 1.0), 2))
            continue
        group = info.group
        if group is not None:
            g = kb.groups[group.ref]
            cands.append(_Cand(s, e, Mention(s, e, text[s:e], "", g.label, g.country, "group", g.sector,
                                             g.label, "alias", 1.0), 1))
            continue
        if info.surname:
            surname_tokens.append((s, e, found))

    # surnames after a full mention in the same article
    if surname_tokens and full_persons:
        mentioned = {aid for _, aid in full_persons}
        for s, e, found in surname_tokens:
            ids = [x.ref for x in found if x.target == "surname" and x.ref in mentioned]
            if not ids:
                continue
            aid = _nearest(ids, s, full_persons)
            cands.append(_Cand(s, e, _actor_mention(text, s, e, aid, kb, "surname", 0.9), 3))

    # "the ambassador", "the attorney general": the one person named in full before it who
    # held that office (at any time: the article's date is not known yet); none when several
    # did ("the president" after both presidents were named)
    for s, e, offices in definite:
        held = {aid for p, aid in full_persons if p < s and _held(kb, aid, offices)}
        if len(held) == 1:
            cands.append(_Cand(s, e, _actor_mention(text, s, e, held.pop(), kb, "definite", 0.85), 3))

    chosen = _select(cands)
    chosen = _fuzzy_pass(text, folded, chosen, kb, mt)
    return [c.mention for c in chosen]


#: "the" right before an office word ("the ambassador said"), and what must not follow it: a
#: capitalised name (a title before a name is read as such) or "of" ("the president of the bank")
_DEFINITE_BEFORE = re.compile(r"(?:^|[^\w])(?P<the>[Tt]he)[ \t]+$")
_NAME_OR_OF_AFTER = re.compile(r"[ \t]+(?:of\b|[A-Z])|[\w'’-]")


def _current_actor_entry(found: list[_Entry]) -> _Entry | None:
    """The actor entry of a token; when an alias names different actors in different
    periods, the most recent one (:func:`bind_titles` re-reads it for the article's date)."""
    actors = [x for x in found if x.target == "actor"]
    if len(actors) <= 1:
        return actors[0] if actors else None
    return max(actors, key=lambda x: (x.valid_to or "9999-12-31", x.valid_from))


def _nearest(ids: list[str], pos: int, full: list[tuple[int, str]]) -> str:
    """Of the actors in ``ids``, the one fully mentioned closest before ``pos`` (else after)."""
    before = [(p, a) for p, a in full if a in ids and p <= pos]
    if before:
        return max(before)[1]
    after = [(p, a) for p, a in full if a in ids]
    return min(after)[1]


def _actor_mention(text: str, s: int, e: int, actor_id: str, kb: KnowledgeBase, method: str,
                   score: float = 1.0, role: str = "") -> Mention:
    a = kb.actors[actor_id]
    return Mention(s, e, text[s:e], a.id, a.name, a.country, a.kind, a.sector, role, method, score)


def _widen_left(text: str, folded: str, s: int, actor_id: str, kb: KnowledgeBase) -> int:
    """Widen a one-word person match over a preceding capitalised first name when the two
    words together fuzzily match one of the person's names ("Anthony Blinken")."""
    if not s or folded[s - 1] not in " \t\n":  # the pattern ends with blanks (before "$")
        return s
    # what ``_WORD_BEFORE.search(folded[max(0, s - 30):s])`` matches, with two C-level
    # strips instead of a regex tried at each of the 30 positions: a capital letter, then
    # the run of [a-z'-] before the trailing blanks
    lo = max(0, s - 30)
    if folded[s - 1] == "\n":  # ("$" also matches before a final newline)
        m = _WORD_BEFORE.search(folded[lo:s])
        if m is None:
            return s
        return _widen_to(folded, s, s - len(m.group(0)), actor_id, kb)
    head = folded[lo:s].rstrip(" \t")
    rest = head.rstrip(_LOWER_RUN)
    if len(rest) == len(head) or not rest or rest[-1] not in _UPPER:
        return s
    return _widen_to(folded, s, lo + len(rest) - 1, actor_id, kb)


def _widen_to(folded: str, s: int, start: int, actor_id: str, kb: KnowledgeBase) -> int:
    cand = fold_key(folded[start:s] + folded[s:s + 40].split(maxsplit=1)[0])
    actor = kb.actors[actor_id]
    best = max((fuzz.ratio(cand, fold_key(al)) for al in actor.aliases if " " in al.strip()), default=0.0)
    return start if best >= FUZZY_CUTOFF else s


def _join_title(text: str, folded: str, s: int, e: int, heads: list[_Entry],
                nxt: tuple[int, int, list[_Entry]] | None, kb: KnowledgeBase,
                mt: _Matcher) -> tuple[_Cand, bool] | None:
    """A title, prefix or role word followed by a name: ``(candidate, consumed_next)``."""
    offices = [o for x in heads if x.target in ("title", "prefix") for o in x.ref.split("|")]
    role_word = next((x.ref for x in heads if x.target == "role"), "")
    # 1. the next token is a known person right after the title
    if nxt is not None and re.fullmatch(r"[ \t]+", folded[e:nxt[0]] or "x"):
        person = next((x for x in nxt[2] if x.target == "actor" and kb.actors[x.ref].kind == "person"), None)
        surname = [x.ref for x in nxt[2] if x.target == "surname"]
        if person is not None:
            return _titled(text, s, nxt[1], person.ref, offices, role_word, heads, kb, "title+name", 1.0), True
        if surname and offices:
            held = [aid for aid in dict.fromkeys(surname) if _held(kb, aid, offices)]
            if len(held) == 1:
                return _titled(text, s, nxt[1], held[0], offices, role_word, heads, kb, "title+name", 0.9), True
    # 2. a capitalised name follows: fuzzy match, else an unknown person
    m = _NAME.match(folded, e + 1) if folded[e:e + 1] in (" ", "\t") else None
    if m is None:
        return None
    name_s, name_e = m.start(), m.end()
    while name_e > name_s and folded[name_e - 1] == "." and not re.search(r"(?<![A-Za-z])[A-Z]\.$", folded[name_s:name_e]):
        name_e -= 1
    name = text[name_s:name_e]
    words = name.split()
    if nxt is not None and name_s <= nxt[0] < name_e and any(
            x.target not in ("surname", "place") and not _one_word_country(x, kb) for x in nxt[2]):
        # the name runs into another known token (e.g. an institution): keep only the words before it
        cut = folded[name_s:nxt[0]].rstrip()
        if not cut:
            return None
        name_e = name_s + len(cut)
        name = text[name_s:name_e]
        words = name.split()
    aid, score = _fuzzy_person(fold_key(name), mt)
    if aid:
        return _titled(text, s, name_e, aid, offices, role_word, heads, kb, "fuzzy", score / 100.0), False
    head_text = text[s:e]
    abbreviated = head_text.endswith(".")
    if len(words) < 2 and not abbreviated:
        return None
    if len(words) == 1 and len(name) <= 2:  # "Sen. No." / "Gen. St.": abbreviations, not names
        return None
    if not any(c.islower() for c in name):  # ALL CAPS run, not a name
        return None
    role, sector, country = _role_of(head_text, heads, kb, mt)
    country = (country or _demonym_before(folded, s, mt) or _place_before(folded, s, mt)
               or _place_country(text, folded, name_e, kb, mt))
    hit = _appositive_role(folded, name_e, kb)
    if hit is not None:
        role, sector = hit[0], hit[1] or sector
    men = Mention(s, name_e, text[s:name_e], "", " ".join(words), country, "person", sector, role,
                  "unknown-person", 0.7)
    return _Cand(s, name_e, men, 1), False


def _appositive_role(folded: str, pos: int, kb: KnowledgeBase) -> tuple[str, str, str, str] | None:
    """The role given in apposition after a name (", a noted analyst of …")."""
    app = _APPOSITIVE.match(folded, pos)
    if app is None:
        return None
    words = fold_key(app.group(1)).split()
    for k in range(len(words), 0, -1):  # the longest known phrase, then its last word
        hit = kb.roles.get(" ".join(words[:k]))
        if hit is None:
            hit = kb.roles.get(words[k - 1])
        if hit is not None and hit[2] in ("appositive", "both"):
            return hit
    return None


def _one_word_country(entry: _Entry, kb: KnowledgeBase) -> bool:
    """A one-word country name inside a person's name ("Rep. Jim Jordan") is the name."""
    return entry.target == "actor" and kb.actors[entry.ref].kind == "country" and " " not in entry.text.strip()


def _held(kb: KnowledgeBase, actor_id: str, offices: list[str]) -> bool:
    return any(t.office in offices for t in kb.terms_of(actor_id))


def _titled(text: str, s: int, e: int, actor_id: str, offices: list[str], role_word: str,
            heads: list[_Entry], kb: KnowledgeBase, method: str, score: float) -> _Cand:
    held = [o for o in dict.fromkeys(offices) if any(t.office == o for t in kb.terms_of(actor_id))]
    role = held[0] if held else (role_word or fold_key(heads[0].text))
    return _Cand(s, e, _actor_mention(text, s, e, actor_id, kb, method, score, role), 0)


def _role_of(head_text: str, heads: list[_Entry], kb: KnowledgeBase, mt: _Matcher) -> tuple[str, str, str]:
    """(role, sector, country) of an unknown person from the words before the name."""
    for x in heads:
        if x.target in ("title", "prefix"):
            office = kb.offices[x.ref.split("|")[0]]
            country = office.country if "|" not in x.ref else _demonym_country(head_text, mt)
            return fold_key(x.text), office.sector, country
    for x in heads:
        if x.target == "role":
            hit = kb.roles.get(fold_key(x.text))
            if hit is not None:
                return hit[0], hit[1], _demonym_country(head_text, mt) or hit[3]
    return "", "", ""


def _demonym_country(head: str, mt: _Matcher) -> str:
    for word in re.findall(r"[A-Z][\w.]*", fold(head)):
        if word in mt.demonyms:
            return mt.demonyms[word]
    return ""


def _place_country(text: str, folded: str, pos: int, kb: KnowledgeBase, mt: _Matcher) -> str:
    """The country of the first known place named after ``pos`` in the same sentence."""
    stop = _SENT_END.search(folded, pos)
    end = stop.start() if stop else min(len(folded), pos + 300)
    for m in _scan(mt, folded, pos, min(end, pos + 300)):
        span = folded[m.start():m.end()]
        for x in mt.entries.get(fold_key(span), ()):
            if x.target == "place" and x.ref in ("US", "MX") and _case_ok(x, span):
                return x.ref
    return ""


def _demonym_before(folded: str, pos: int, mt: _Matcher) -> str:
    """The country of a demonym written right before ``pos`` ("Mexican General …")."""
    m = re.search(r"(\S{2,20})[ \t]+$", folded[max(0, pos - 25):pos])
    return mt.demonyms.get(m.group(1), "") if m else ""


def _place_before(folded: str, pos: int, mt: _Matcher) -> str:
    """The country of a place named right before ``pos`` ("Texas Gov. Greg Abbott")."""
    found = ""
    for m in _scan(mt, folded, max(0, pos - 40), pos):
        span = folded[m.start():m.end()]
        if folded[m.end():pos].strip(" \t,"):
            continue
        for x in mt.entries.get(fold_key(span), ()):
            if x.target == "place" and x.ref in ("US", "MX") and _case_ok(x, span):
                found = x.ref
    return found


def _fuzzy_person(key: str, mt: _Matcher) -> tuple[str, float]:
    words = key.split()
    if len(words) < 2 or len(key) < 8:
        return "", 0.0
    choices = mt.fuzzy_buckets.get(words[-1][:1], [])
    if not choices:
        return "", 0.0
    best = process.extractOne(key, [c[0] for c in choices], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if best is None or best[0][:1] != key[:1]:  # a typo keeps both initials ("Anthony Blinken")
        return "", 0.0
    return choices[best[2]][1], float(best[1])


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates: longest first, then by rank, then leftmost."""
    chosen: list[_Cand] = []
    if not cands:
        return chosen
    by_start = sorted(cands, key=attrgetter("start"))
    prev_end = -1
    for c in by_start:
        if c.start >= c.end or c.start < prev_end:
            break
        prev_end = c.end
    else:  # no two overlap (most articles): every one is kept, in text order
        return by_start
    covered = bytearray(max(c.end for c in cands) + 1)
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
        if 1 in covered[c.start:c.end]:
            continue
        chosen.append(c)
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _fuzzy_pass(text: str, folded: str, chosen: list[_Cand], kb: KnowledgeBase, mt: _Matcher) -> list[_Cand]:
    """Capitalised 2–4 word names that no exact match covered, matched fuzzily against the
    full names of known people (typos: "Anthony Blinken")."""
    # the spans taken (sorted, without overlaps: their ends are sorted too); a misspelt
    # full name may hold a surname match
    taken = [c for c in chosen if c.start < c.end and c.mention.method != "surname"]
    starts_taken = [c.start for c in taken]
    ends_taken = [c.end for c in taken]
    n_taken = len(taken)
    extra: list[_Cand] = []
    for m in _CAP_SPAN.finditer(folded):
        s, e = m.start(), m.end()
        if s and (folded[s - 1].isalnum() or folded[s - 1] in "._"):
            continue
        k = bisect_right(ends_taken, s)  # the first span taken that ends after s
        if k < n_taken and starts_taken[k] < e:
            continue
        starts = [s + w.start() for w in re.finditer(r"\S+", m.group(0))]
        words = fold_key(m.group(0)).split()
        for k in range(len(words) - 1):  # try the span, then without leading words
            aid, score = _fuzzy_person(" ".join(words[k:]), mt)
            if aid:
                s2 = starts[k]
                extra.append(_Cand(s2, e, _actor_mention(text, s2, e, aid, kb, "fuzzy", score / 100.0), 2))
                break
        else:  # an unknown person introduced with a role in apposition ("John Roe, an activist")
            hit = _appositive_role(folded, e, kb)
            if hit is not None and folded[s:e].split()[0].lower() not in _NOT_FIRST:
                country = _place_country(text, folded, e, kb, mt)
                extra.append(_Cand(s, e, Mention(s, e, text[s:e], "", " ".join(text[s:e].split()), country,
                                                 "person", hit[1], hit[0], "unknown-person", 0.6), 2))
    if not extra:
        return chosen
    kept = [c for c in chosen if not any(c.start < x.end and x.start < c.end for x in extra)]
    return sorted(kept + extra, key=lambda c: c.start)


# --------------------------------------------------------------------------- binding


def bind_titles(mentions: list[Mention], *, kb: KnowledgeBase, window: DateWindow) -> list[Mention]:
    """Bind title-only mentions to whoever held the office over the article's date window.
    A mention is bound only when one holder covers the whole window; otherwise it keeps the
    office name ("President of Mexico") and an empty ``actor_id``.  An alias that named
    different actors in different periods ("SSP") is re-read for the window too."""
    if not window.low or not window.high:
        return list(mentions)
    mt = _matcher(kb)
    out: list[Mention] = []
    for m in mentions:
        if m.method == "alias" and m.actor_id:
            dated = [x for x in mt.entries.get(fold_key(m.text), ()) if x.target == "actor"
                     and (x.valid_from or x.valid_to)]
            if len(dated) > 1:  # an alias that named different actors over time ("SSP")
                fits = [x for x in dated if (x.valid_from or "0000") <= window.low
                        and window.high <= (x.valid_to or "9999-12-31")]
                if len(fits) == 1 and fits[0].ref != m.actor_id:
                    a = kb.actors[fits[0].ref]
                    m = replace(m, actor_id=a.id, name=a.name, country=a.country, kind=a.kind, sector=a.sector)
        if m.method == "title" and not m.actor_id and m.role in kb.offices:
            terms = [t for t in kb.terms_in(m.role) if t.covers(window.low) and t.covers(window.high)]
            if len(terms) == 1:
                a = kb.actors[terms[0].actor_id]
                m = replace(m, actor_id=a.id, name=a.name, country=a.country, sector=a.sector or m.sector)
        out.append(m)
    return out
