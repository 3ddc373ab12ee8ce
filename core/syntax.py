"""Event arguments from the dependency parse: who acts and toward whom, read off syntax.

Given a parsed sentence (:class:`core.parse.Parsed`), the span of an event cue and the
sentence's actor mentions, :func:`roles` finds

* the **actor**: the cue verb's subject (``nsubj``), or a passive's agent (``agent`` →
  ``pobj``), inherited through conjoined and controlled verbs ("met … and agreed", "began
  closing"), a relative clause's antecedent ("the official who accused …"), or for an event
  noun its possessor ("Mexico's rejection of …", "Washington's tariffs");
* the **co-actor**: a subject conjoined to the actor ("Mexico and the United States agreed");
* the **target**: the direct object, or the prepositional argument the action names (to,
  with, against, from, on, over, toward), looked for in the verb's own clause (not inside a
  relative or complement clause of another verb), through appositions and "of" phrases; for
  transfers (cue role ``recipient``) the receiving side ("to U.S. authorities").

A token is tied to the mention that covers it, else to a mention in its noun phrase's core
(compounds, possessors, modifiers, "of" phrases, appositions).  Pronouns are left to the
coder's pronoun rules.  Every result names its syntactic path, for the event's explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from core.cues import word_class
from core.parse import Parsed
from core.records import Mention

SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "obj", "iobj"})
#: dependencies through which a verb hands its subject down to another verb
INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp"})
#: dependencies that open another clause: a target is not sought below them
CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "xcomp", "csubj", "parataxis", "conj"})
NP_CORE_DEPS = frozenset({"compound", "poss", "amod", "nmod", "appos", "npadvmod", "nummod", "det", "flat"})
MAX_DEPTH = 6


@dataclass(frozen=True, slots=True)
class Words:
    """The closed-class words the parse readers look for (``core/data/coder_roles.tsv``)."""

    relative: frozenset[str]  # relative pronouns: a relative clause's subject is its antecedent
    first_person: frozenset[str]  # "I", "we": the quotation holder's own act
    first_person_possessive: frozenset[str]  # "my", "our": the same ("extend our condolences")
    personal: frozenset[str]  # personal subject pronouns (the coder resolves whom they name)
    generic_determiner: frozenset[str]  # "any/no <event noun>": no act told
    wh_word: frozenset[str]  # an indirect question's first word ("asked how long …")
    object_pronoun: frozenset[str]  # an object pronoun the coder resolves ("urged them to …")


@cache
def words() -> Words:
    """The closed-class words of :class:`Words`, read once (raises DataFileError on a bad
    file)."""
    name = "coder_roles.tsv"
    return Words(*(frozenset(word_class(name, kind).index) for kind in
                   ("relative_word", "pronoun_first_person", "possessive_first_person", "pronoun_personal",
                    "generic_determiner", "wh_word", "pronoun_object_person")))


@dataclass(frozen=True, slots=True)
class Roles:
    """What the parse says of one cue: mentions (or ``None``) and the path that found them."""

    actor: Mention | None
    co_actor: Mention | None
    target: Mention | None
    passive: bool
    path: str
    target_pronoun: tuple[str, int] = ("", -1)  # an object pronoun ("them") and where it is, for the coder to bind


def _mention_of(token: Any, parsed: Parsed, mentions: Sequence[Mention]) -> Mention | None:
    """The mention covering ``token``, else one in its noun phrase's core."""
    if token is None or token.pos_ == "PRON":
        return None
    a, b = parsed.start_of(token), parsed.end_of(token)
    for m in mentions:
        if m.start < b and a < m.end:
            return m
    # a name the resolver does not know keeps its apposition's affiliation out ("Cecilia
    # Farfán-Méndez, head of … at the Center for U.S.-Mexican Studies" is not the United States)
    named = token.pos_ == "PROPN"
    stack = [(c, 0, c.dep_ == "appos") for c in token.children
             if (c.dep_ in NP_CORE_DEPS and not (named and c.dep_ == "appos"))
             or (c.dep_ == "prep" and c.lower_ == "of")]
    while stack:
        tok, depth, in_appos = stack.pop(0)
        if depth > 3:
            continue
        if tok.dep_ == "prep":
            stack.extend((c, depth + 1, in_appos) for c in tok.children if c.dep_ == "pobj")
            continue
        ta, tb = parsed.start_of(tok), parsed.end_of(tok)
        for m in mentions:
            if m.start < tb and ta < m.end:
                return m
        stack.extend((c, depth + 1, in_appos or c.dep_ == "appos") for c in tok.children
                     if c.dep_ in NP_CORE_DEPS or (c.dep_ == "prep" and c.lower_ == "of" and not in_appos))
    return None


def _child(token: Any, deps: frozenset[str]) -> Any | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _is_passive(verb: Any) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def _agent(verb: Any) -> Any | None:
    agent = _child(verb, frozenset({"agent"}))
    if agent is None:
        return None
    return _child(agent, frozenset({"pobj"}))


def _subject(verb: Any) -> tuple[Any | None, str]:
    """The token acting as ``verb``'s subject, climbing through conjoined / controlled verbs
    and relative clauses; and the path."""
    tok, path = verb, list[str]()
    for _ in range(MAX_DEPTH):
        subj = _subject_child(tok)
        if subj is not None and subj.lower_ in words().relative and tok.dep_ == "relcl":
            return tok.head, " ".join([*path, f"antecedent of '{tok.text}'"])
        if subj is not None:
            return subj, " ".join([*path, f"nsubj of '{tok.text}'"])
        if tok.dep_ == "relcl":
            return tok.head, " ".join([*path, f"antecedent of '{tok.text}'"])
        if tok.dep_ in ("amod", "acl") and tok.head is not tok:
            # a participle describing a noun: "Washington's threatened tariffs" (its possessor acts)
            poss = _child(tok.head, frozenset({"poss"}))
            if poss is not None:
                return poss, " ".join([*path, f"possessor of '{tok.head.text}' described by '{tok.text}'"])
            return None, ""
        if tok.dep_ in INHERIT_DEPS and tok.head is not tok and tok.head.pos_ in ("VERB", "AUX"):
            path.append(f"{tok.dep_} of '{tok.head.text}' →")
            tok = tok.head
            continue
        return None, ""
    return None, ""


def _subject_child(verb: Any) -> Any | None:
    """``verb``'s subject child; of several (a misparse: "MEXICO CITY (Reuters) – Mexican
    President Claudia Sheinbaum thanked …" gives the dateline a subject arc too), the nearest
    one before the verb."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) < 2:
        return subjects[0] if subjects else None
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else subjects[0]


def _own_clause(verb: Any) -> list[Any]:
    """Tokens of ``verb``'s own clause, breadth first: its subtree without the subtrees of
    the clauses it embeds (relative, complement, adverbial clauses; conjoined verbs)."""
    out: list[Any] = []
    queue = [c for c in verb.children]
    while queue:
        tok = queue.pop(0)
        if tok.dep_ in CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX"):
            continue
        out.append(tok)
        queue.extend(tok.children)
    return out


def _prep_objects(verb: Any, preps: Sequence[str]) -> list[tuple[str, Any]]:
    """(preposition, its object) pairs of ``verb``'s own clause whose preposition is in
    ``preps``, the verb's own prepositions first, in sentence order."""
    clause = _own_clause(verb)
    found = []
    for tok in clause:
        if tok.dep_ == "prep" and tok.lower_ in preps:
            pobj = _child(tok, frozenset({"pobj"}))
            if pobj is not None:
                found.append((0 if tok.head is verb else 1, tok.i, tok.lower_, pobj))
    found.sort(key=lambda x: (x[0], x[1]))
    return [(p, o) for _, _, p, o in found]


TARGET_PREPS = ("to", "with", "against", "on", "over", "toward", "towards", "from", "at", "into")
RECIPIENT_PREPS = ("to", "into")


def _is_state(m: Mention) -> bool:
    return m.country in ("US", "MX", "OTHER")


def roles(parsed: Parsed, cue_start: int, cue_end: int, mentions: Sequence[Mention], *,
          recipient: bool = False) -> Roles | None:
    """The actor, co-actor and target of the cue at ``[cue_start, cue_end)`` (see the module
    docstring), or ``None`` when the cue is not aligned to the parse."""
    span = parsed.tokens_of(cue_start, cue_end)
    if span is None:
        return None
    head = span.root
    if head.pos_ in ("VERB", "AUX"):
        return _verb_roles(head, parsed, mentions, recipient=recipient)
    if head.pos_ in ("NOUN", "PROPN"):
        return _noun_roles(head, parsed, mentions, recipient=recipient)
    return None


NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "compound", "attr", "appos"})


def planned_infinitive(parsed: Parsed, cue_start: int, cue_end: int) -> bool:
    """Whether "to <cue>" depends on "be" ("Pompeo was to meet …", "is to sign"): a planned
    act, not the content of another verb."""
    span = parsed.tokens_of(cue_start, cue_end)
    if span is None:
        return False
    verb = span.root
    return verb.dep_ == "xcomp" and verb.head.lemma_ == "be"


def not_told(parsed: Parsed, cue_start: int, cue_end: int, action: str) -> str:
    """Why a cue tells no act that happened, or "": an event noun under "any"/"no" ("any
    unilateral military action would …"); a request whose content is an indirect question
    ("asked how long she wanted …")."""
    span = parsed.tokens_of(cue_start, cue_end)
    if span is None:
        return ""
    head = span.root
    if head.pos_ == "ADJ" and head.dep_ == "amod":
        head = head.head  # "any unilateral military action": the noun the cue describes
    generic = [c for c in head.children if c.dep_ == "det" and c.lower_ in words().generic_determiner
               and not span.start <= c.i < span.end]  # ("no compliance" is itself a cue: a refusal)
    if head.pos_ in ("NOUN", "PROPN") and generic:
        return f"'{generic[0].text} {head.text}': no act told (parse)"
    if action == "REQUEST" and head.pos_ == "VERB":
        comp = _child(head, frozenset({"ccomp", "advcl"}))
        if comp is not None and comp.left_edge.lower_ in words().wh_word:
            return "an indirect question, not a request (parse)"
    return ""


def passive_subject(parsed: Parsed, cue_start: int, cue_end: int, mentions: Sequence[Mention]
                    ) -> tuple[str, Mention | None] | None:
    """The subject of a passive cue verb ("the suspect was flown to Houston to stand trial": the one
    handed over): its text and the mention it names, if any; None when the cue is not a
    passive verb with a subject."""
    span = parsed.tokens_of(cue_start, cue_end)
    if span is None:
        return None
    verb = span[0] if span[0].pos_ in ("VERB", "AUX") else span.root
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subj = _child(verb, PASSIVE_SUBJECT_DEPS)
    if subj is None:
        return None
    return subj.text, _mention_of(subj, parsed, mentions)


def not_a_verb(parsed: Parsed, cue_start: int, cue_end: int) -> str:
    """Why a verb cue is not a verb here ("signs", "offers", "talks" used as nouns), or "".
    Only a one-word cue the parse tags a noun in a noun's slot is rejected."""
    span = parsed.tokens_of(cue_start, cue_end)
    if span is None or len(span) != 1:
        return ""
    tok = span[0]
    if tok.pos_ == "NOUN" and tok.dep_ in NOMINAL_DEPS:
        return f"verb form used as a noun (parse: {tok.tag_} {tok.dep_})"
    return ""


def not_an_act(parsed: Parsed, cue_start: int, cue_end: int, mentions: Sequence[Mention]) -> str:
    """Why a verb cue tells no act of an actor, or "": a participle describing a noun with
    no one named as its doer ("the people transferred", "detained cartel members"; but
    "Washington's threatened tariffs" is Washington's act), or a subject that is a thing, not
    an actor ("the tariffs threatened to wreck …": a common noun that names no actor) or
    a name the knowledge base does not know ("Petrov accuses Washington …": not a US or
    Mexican actor, and never the first actor named elsewhere in the sentence)."""
    span = parsed.tokens_of(cue_start, cue_end)
    if span is None:
        return ""
    verb = span.root
    if verb.pos_ not in ("VERB", "AUX"):
        return ""
    if verb.dep_ in ("amod", "acl") and verb.tag_ == "VBN" and _agent(verb) is None \
            and _child(verb.head, frozenset({"poss"})) is None:
        return f"participle describing '{verb.head.text}' (parse)"
    if _is_passive(verb):
        return ""
    subj = _subject_child(verb)
    if subj is None and verb.dep_ == "xcomp":  # ("the tariffs threatened to wreck …")
        subj, _path = _subject(verb)
    if subj is not None and subj.pos_ in ("NOUN", "PROPN") and subj.dep_ == "nsubj" \
            and _mention_of(subj, parsed, mentions) is None \
            and not any(c.dep_ in ("conj", "prep", "poss", "appos", "relcl", "acl") for c in subj.children):
        if subj.pos_ == "PROPN":  # ("Petrov accuses Washington …": someone the knowledge base does not know)
            return f"its subject '{subj.text}' is no actor the knowledge base knows (parse)"
        return f"its subject '{subj.text}' names no actor (parse)"
    return ""


#: how a cue word that is not a verb hangs on the verb whose subject is its doer
#: ("issued a threat", "we are grateful to", "it was a success")
PREDICATE_DEPS = OBJECT_DEPS | {"acomp", "attr", "oprd"}


def quoted_act(parsed: Parsed, cue_start: int, cue_end: int, mentions: Sequence[Mention], *,
               country: str) -> str:
    """Whose act a cue inside a quotation tells: ``"own"`` when its subject (or that of the
    verb it depends on) is "I"/"we" or an actor of the quoted holder's country ("We have agreed
    not to seek …", "Mexico reiterates its willingness …"); ``"reported"`` when it is an actor
    of the other side or a third party ("Mexican authorities had located the victims", said
    the FBI); ``""`` otherwise (no act of a named actor: quotes are stance material)."""
    span = parsed.tokens_of(cue_start, cue_end)
    if span is None:
        return ""
    head = span.root
    if any(t.dep_ == "poss" and t.lower_ in words().first_person_possessive for t in span):
        return "own"  # ("extend our condolences", "reaffirm my commitment": the speaker's own act)
    verb = head if head.pos_ in ("VERB", "AUX") else \
        head.head if head.dep_ in PREDICATE_DEPS or (head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX")) \
        else None  # ("issued a threat"; "in close coordination with …, will continue": the verb it modifies)
    if verb is None:
        return ""
    subj, _ = _subject(verb)
    if subj is None:
        return "own" if _elided_first_person(verb) else ""
    if subj.lower_ in words().first_person:
        return "own"
    if subj.lower_ in words().personal:
        return "reported"  # ("She has promised to …", said Trump: the coder's pronoun rules tell who)
    m = _mention_of(subj, parsed, mentions)
    if m is None or m.country not in ("US", "MX", "OTHER"):
        return ""
    return "own" if country and m.country == country else "reported"


def _elided_first_person(verb: Any) -> bool:
    """Whether ``verb`` opens a quoted sentence whose subject, the speaker, is left out, as
    posts and notes are written ("Just had a wonderful conversation with …", "Spoke today with
    …"): a past-tense main verb, active, with only adverbs and punctuation before it in its
    sentence (not an imperative, not a participle of a headline-like fragment); the quoted
    sentence may be the complement of its attribution ("“Just had …,” Trump wrote")."""
    if verb.dep_ not in ("ROOT", "ccomp") or verb.tag_ != "VBD" or _is_passive(verb):
        return False
    before = [t for t in verb.sent if t.i < verb.i]
    return all(t.pos_ in ("ADV", "PUNCT", "SPACE") for t in before)


ANCHOR_PREPS = frozenset({"to", "with", "between", "against", "by", "from", "of"})


def noun_anchor(parsed: Parsed, cue_start: int, cue_end: int, mentions: Sequence[Mention]
                ) -> tuple[str, tuple[int, int] | None]:
    """Why an event noun is an act told here, or "": it is the object of a verb whose
    subject is an actor ("Washington filed a request"), it has an actor as
    possessor ("Mexico's rejection") or as agent ("criticism by President Calderón"), or it
    takes an actor and a second argument ("the extradition of X to the United States").
    Returns the path ("" when not anchored) and, for an object, the span of its verb (which
    the caller checks is no cue of its own: "suspended security cooperation" is a suspension)."""
    span = parsed.tokens_of(cue_start, cue_end)
    if span is None:
        return "", None
    noun = span.root
    if noun.pos_ not in ("NOUN", "PROPN"):
        return "", None
    if noun.dep_ in OBJECT_DEPS and noun.head.pos_ in ("VERB", "AUX"):
        verb = noun.head
        subj, path = _subject(verb)
        m = _mention_of(subj, parsed, mentions) if subj is not None else None
        governor = (parsed.start_of(verb), parsed.end_of(verb))
        if m is not None and m.country in ("US", "MX", "OTHER"):
            return f"object of '{verb.text}', {path} → {m.name or m.text}", governor
        if subj is not None and subj.lower_ in words().personal:
            return f"object of '{verb.text}', {path} → '{subj.text}'", governor
    poss = _child(noun, frozenset({"poss"}))
    m = _mention_of(poss, parsed, mentions) if poss is not None else None
    if m is not None and m.country in ("US", "MX", "OTHER"):
        return f"possessor of '{noun.text}' → {m.name or m.text}", None
    args = []
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ANCHOR_PREPS:
            pobj = _child(prep, frozenset({"pobj"}))
            pm = _mention_of(pobj, parsed, mentions) if pobj is not None else None
            if pm is not None:
                if prep.lower_ == "by" and pm.country in ("US", "MX", "OTHER"):
                    return f"'by' of '{noun.text}' → {pm.name or pm.text}", None
                args.append((prep.lower_, pm))
    if len(args) >= 2 and any(pm.country in ("US", "MX") for _, pm in args):
        return f"arguments of '{noun.text}': " + ", ".join(f"'{p}' → {pm.name or pm.text}" for p, pm in args), None
    return "", None


def _target(verb: Any, parsed: Parsed, mentions: Sequence[Mention], *, recipient: bool,
            exclude: Mention | None) -> tuple[Mention | None, str]:
    def ok(m: Mention | None) -> bool:
        return m is not None and m is not exclude and (exclude is None or m.name != exclude.name or not m.name)

    if recipient:
        for prep, pobj in _prep_objects(verb, RECIPIENT_PREPS):
            m = _mention_of(pobj, parsed, mentions)
            if ok(m) and m is not None and _is_state(m):
                return m, f"'{prep}' → {m.name or m.text}"
    obj = _child(verb, OBJECT_DEPS)
    if obj is not None:
        m = _mention_of(obj, parsed, mentions)
        if ok(m) and m is not None and not (recipient and m.country == "NS"):
            return m, f"dobj → {m.name or m.text}"
    for prep, pobj in _prep_objects(verb, TARGET_PREPS):
        m = _mention_of(pobj, parsed, mentions)
        if ok(m) and m is not None:
            return m, f"'{prep}' → {m.name or m.text}"
    return None, ""


def _object_pronoun(verb: Any, parsed: Parsed) -> tuple[str, int]:
    """An object pronoun of ``verb`` ("opened fire on them", "accused him"): its text and
    article offset, for the coder to bind to an earlier mention."""
    for tok in [c for c in verb.children if c.dep_ in OBJECT_DEPS] + [
            o for _, o in _prep_objects(verb, TARGET_PREPS)]:
        if tok.lower_ in words().object_pronoun:
            return tok.lower_, parsed.start_of(tok)
    return "", -1


def _verb_roles(verb: Any, parsed: Parsed, mentions: Sequence[Mention], *, recipient: bool) -> Roles:
    passive = _is_passive(verb)
    paths: list[str] = []
    actor = co_actor = target = None
    if passive:
        agent = _agent(verb)
        actor = _mention_of(agent, parsed, mentions) if agent is not None else None
        if actor is not None:
            paths.append(f"agent of '{verb.text}' → {actor.name or actor.text}")
        subj = _child(verb, PASSIVE_SUBJECT_DEPS)
        if recipient or subj is None:
            target, p = _target(verb, parsed, mentions, recipient=True, exclude=actor)
            if p:
                paths.append(p)
        else:
            target = _mention_of(subj, parsed, mentions)
            if target is not None:
                paths.append(f"nsubjpass of '{verb.text}' → {target.name or target.text}")
        return Roles(actor, None, target, True, "; ".join(paths))
    subj, path = _subject(verb)
    if subj is not None:
        actor = _mention_of(subj, parsed, mentions)
        if actor is not None:
            paths.append(f"{path} → {actor.name or actor.text}")
            conj = _child(subj, frozenset({"conj"}))
            if conj is not None:
                co_actor = _mention_of(conj, parsed, mentions)
                if co_actor is not None and co_actor.country == actor.country:
                    co_actor = None
                if co_actor is not None:
                    paths.append(f"conj → {co_actor.name or co_actor.text}")
    target, p = _target(verb, parsed, mentions, recipient=recipient, exclude=actor)
    if p:
        paths.append(p)
    pronoun = ("", -1) if target is not None else _object_pronoun(verb, parsed)
    return Roles(actor, co_actor, target, False, "; ".join(paths), pronoun)


def _noun_roles(noun: Any, parsed: Parsed, mentions: Sequence[Mention], *, recipient: bool) -> Roles:
    """An event noun: its possessor acts ("Mexico's rejection"), or the subject of the verb
    it is the object of ("X held talks with Y"); its prepositions name the target."""
    paths: list[str] = []
    actor = None
    poss = _child(noun, frozenset({"poss"}))
    if poss is not None:
        actor = _mention_of(poss, parsed, mentions)
        if actor is not None:
            paths.append(f"possessor of '{noun.text}' → {actor.name or actor.text}")
    if actor is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        pobj = _child(by, frozenset({"pobj"})) if by is not None else None
        actor = _mention_of(pobj, parsed, mentions) if pobj is not None else None
        if actor is not None:
            paths.append(f"'by' of '{noun.text}' → {actor.name or actor.text}")
    if actor is None and noun.dep_ in OBJECT_DEPS and noun.head.pos_ in ("VERB", "AUX"):
        subj, path = _subject(noun.head)
        actor = _mention_of(subj, parsed, mentions) if subj is not None else None
        if actor is not None:
            paths.append(f"{path} → {actor.name or actor.text}")
    target = None
    preps = RECIPIENT_PREPS if recipient else TARGET_PREPS
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            pobj = _child(child, frozenset({"pobj"}))
            m = _mention_of(pobj, parsed, mentions) if pobj is not None else None
            if m is not None and m is not actor:
                target = m
                paths.append(f"'{child.lower_}' of '{noun.text}' → {m.name or m.text}")
                break
    return Roles(actor, None, target, False, "; ".join(paths))


# --------------------------------------------------------------------------- reported speech


@dataclass(frozen=True, slots=True)
class Said:
    """One act of reported speech read off the parse: who said it (a mention, or a
    pronoun whose antecedent the caller resolves) and the article span of what was said."""

    start: int
    end: int
    holder: Mention | None
    pronoun: str  # the subject pronoun ("he", "she", "they", "it") when the holder is one
    verb: str
    path: str
    inner: Mention | None = None  # the subject of what was said, when a person or body is ("X said Y praised …")
    inner_verb: tuple[int, int] = (-1, -1)  # the span of the verb said of it


CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})


def _subtree_span(tok: Any, parsed: Parsed) -> tuple[int, int]:
    return parsed.start_of(tok.left_edge), parsed.end_of(tok.right_edge)


_EDGE = " ,;:—–-\n\t"


def _trim(parsed: Parsed, lo: int, hi: int) -> tuple[int, int]:
    """``[lo, hi)`` without the blanks and clause punctuation at its ends."""
    text, base = parsed.doc.text, parsed.base
    while lo < hi and text[lo - base] in _EDGE:
        lo += 1
    while hi > lo and text[hi - 1 - base] in _EDGE:
        hi -= 1
    return lo, hi


def _speaker(verb: Any) -> tuple[Any | None, str]:
    """The token that says: the reporting verb's subject; for "a statement saying …", the
    subject of the verb that has the statement, or the statement's possessor."""
    subj = _subject_child(verb)
    if subj is not None:
        return subj, f"nsubj of '{verb.text}'"
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        noun = verb.head
        poss = _child(noun, frozenset({"poss"}))
        if poss is not None:
            return poss, f"possessor of '{noun.text}' {verb.text}"
        if noun.dep_ in OBJECT_DEPS and noun.head.pos_ in ("VERB", "AUX"):
            subj, path = _subject(noun.head)
            return subj, f"{path} (the {noun.text} {verb.text})"
        return noun, f"'{noun.text}' {verb.text}"
    if verb.dep_ in ("conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None, ""


def said(parsed: Parsed, verb_start: int, verb_end: int, mentions: Sequence[Mention], *,
         with_object: bool = True) -> Said | None:
    """What the reporting verb at ``[verb_start, verb_end)`` reports, and who says it:
    "X said (that) …" and "…, X said." (the verb's clausal complement), "X called Y a Z"
    (object and predicate; not when ``with_object`` is false: "announced a significant step"
    reports no speech), "according to X, …" (the rest of the sentence), "a statement
    saying …" (the one whose statement it is).  ``None`` when the parse shows no content."""
    span = parsed.tokens_of(verb_start, verb_end)
    if span is None:
        return None
    verb = span[0]
    if verb.lower_ == "according":
        to = next((c for c in verb.children if c.lower_ == "to"), None)
        pobj = _child(to, frozenset({"pobj"})) if to is not None else None
        if pobj is None:
            return None
        head = verb.head
        pp = _subtree_span(verb, parsed)
        sent = _subtree_span(head, parsed) if head is not verb else pp
        # the sentence without the "according to X" phrase: the longer side of it
        before, after = (sent[0], pp[0]), (pp[1], sent[1])
        lo, hi = _trim(parsed, *max(before, after, key=lambda s: s[1] - s[0]))
        return Said(lo, hi, _mention_of(pobj, parsed, mentions), "", "according to",
                    f"pobj of 'according to' → {pobj.text}")
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    content = _child(verb, CONTENT_DEPS)
    path = ""
    inner = None
    inner_verb = (-1, -1)
    if content is not None:
        lo, hi = _subtree_span(content, parsed)
        path = f"{content.dep_} of '{verb.text}'"
        inner_subj = _subject_child(content) if content.pos_ in ("VERB", "AUX") else None
        inner = _mention_of(inner_subj, parsed, mentions) if inner_subj is not None else None
        inner_verb = (parsed.start_of(content), parsed.end_of(content))
    else:
        obj, oprd = _child(verb, OBJECT_DEPS), _child(verb, frozenset({"oprd"}))
        if obj is None or not with_object:
            return None
        # "called the conditions an excuse" (object + predicate); when the parse misses the
        # predicate ("called the talks “very successful …”"), the object and all after it
        last = oprd.right_edge if oprd is not None else verb.right_edge
        lo, hi = parsed.start_of(obj.left_edge), parsed.end_of(last)
        path = f"dobj + {'oprd' if oprd is not None else 'the rest'} of '{verb.text}'"
    lo, hi = _trim(parsed, lo, hi)
    subj, spath = _speaker(verb)
    if subj is None:
        return None
    holder = _mention_of(subj, parsed, mentions)
    pronoun = subj.lower_ if subj.pos_ == "PRON" else ""
    if holder is None and not pronoun:
        return None
    name = holder.name or holder.text if holder is not None else pronoun
    return Said(lo, hi, holder, pronoun, verb.text, f"{spath} → {name}; {path}", inner, inner_verb)


#: Clauses that tell something about a noun, not the sentence's main act: relative clauses
#: ("which was launched in 2008"), participles ("a requirement dropped in 2003") and appositions
#: ("Cienfuegos, defense minister from 2012 to 2018,").  A date inside one dates only them.
BACKGROUND_DEPS = frozenset({"relcl", "acl", "appos"})
#: Participle tags: an ``acl`` of these is background; an infinitive ("the decision to extradite
#: him on Tuesday") often carries the act's own date and is not.
_PARTICIPLE_TAGS = frozenset({"VBN", "VBG"})


def background_spans(parsed: Parsed, keep: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Article-offset spans of the background clauses of a parsed sentence (see
    :data:`BACKGROUND_DEPS`) that hold none of the ``keep`` offsets ``(start, end)``: the cues
    of the acts being dated.  Outermost clauses only."""
    out: list[tuple[int, int]] = []
    for tok in parsed.doc:
        if tok.dep_ not in BACKGROUND_DEPS or (tok.dep_ == "acl" and tok.tag_ not in _PARTICIPLE_TAGS):
            continue
        if tok.dep_ == "appos" and not any(t.like_num for t in tok.subtree):
            continue  # an apposition without a number holds no date
        lo, hi = parsed.start_of(tok.left_edge), parsed.end_of(tok.right_edge)
        if any(lo <= a < hi for a, _ in keep) or any(a <= lo and hi <= b for a, b in out):
            continue
        out.append((lo, hi))
    return out
