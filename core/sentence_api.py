"""The sentence API for other tools: one sentence in, its polarity, main action and events out.

``python -m core code --jsonl IN --out OUT`` reads lines ``{"id", "text", "date"?}`` and
writes lines ``{"id", "polarity", "action", "events": [...]}``.  The same cue semantics as the
article coder apply to any pair of actors (the general-scope rows of the cue lexicon are used
too: protest, fight, investigate, yield…), and the polarity comes from the cues even when no
actor is known.  Differences from the article coder, by design:

* no relevance filter (any countries), no quotation rule;
* modals after a reporting verb ("X said Y must …") are DEMAND, other traps still apply;
* a negated cooperative act ("will not lift the ban", "refused to sign") is a rejection
  (REJECT, friction); a negated hostile act is no event;
* the main action is the first act of the sentence that is not a bare statement ("said"),
  verbs before nouns; a sentence with only a reporting verb is a STATEMENT (CAMEO 01,
  cooperation by the GDELT root rule).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from functools import cache
from typing import Any

from core import cameo, parse
from core.code import Candidate, SentenceAnalyser
from core.errors import CoreError
from core.limits import MAX_PASSAGE_CHARS
from core.records import Mention

_LOW_PRIORITY = frozenset({"SAY"})


@cache
def _kb() -> Any:
    try:
        from core.kb import load_kb

        return load_kb()
    except CoreError:
        return None


def _mentions(text: str) -> list[Mention]:
    kb = _kb()
    if kb is None:
        return []
    try:
        from core.resolve import find_mentions

        return sorted(find_mentions(text, kb=kb), key=lambda m: (m.start, -m.end))
    except Exception:  # noqa: BLE001 - polarity must come from cues even without actors
        return []


def _event_dict(c: Candidate, date: str | None) -> dict[str, Any]:
    info = cameo.info(c.action, c.polarity)
    a1, a2 = c.actor1, c.actor2
    return {
        "action": c.action,
        "polarity": c.polarity,
        "intensity": info.intensity,
        "cameo_root": info.cameo_root,
        "quad_class": info.quad_class,
        "actor1": a1.name if a1 else "",
        "country1": a1.country if a1 else "",
        "actor2": a2.name if a2 else "",
        "country2": a2.country if a2 else "",
        "modality": c.modality,
        "cue": c.cue,
        "cue_start": c.cue_start,
        "cue_end": c.cue_end,
        "confidence": round(c.confidence, 2),
        "date": date or "",
    }


def _as_rejection(c: Candidate) -> Candidate:
    c.action = "REJECT"
    c.polarity = "friction"
    c.skipped = ""
    c.notes.append("negated cooperative act")
    return c


def code_sentence(text: str, *, date: str | None = None) -> dict[str, Any]:
    """Code one sentence: ``{"polarity", "action", "events"}`` (see the module docstring).
    ``polarity`` is cooperation, friction or neutral (no act found)."""
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    mentions = _mentions(text)
    acts: list[Candidate] = []
    chunks = _chunks(text)
    # one sentence is parsed; a text over the parser's limit is coded from its words alone
    parses, _ = parse.parse_passages([("0", 0, text)]) if len(chunks) == 1 else ({}, [])
    for k, (a, b) in enumerate(chunks):
        analyser = SentenceAnalyser(text, a, b, [m for m in mentions if a <= m.start and m.end <= b],
                                    scope="general", parsed=parses.get(str(k)))
        for c in analyser.candidates():
            if c.skipped:
                if c.negated and c.polarity == "cooperation" and c.action not in _LOW_PRIORITY:
                    acts.append(_as_rejection(c))
                continue
            acts.append(c)
    events = [_event_dict(c, date) for c in acts]
    main = _main(acts)
    if main is None:
        return {"polarity": "neutral", "action": "", "events": events}
    return {"polarity": main.polarity, "action": main.action, "events": events}


def _chunks(text: str) -> list[tuple[int, int]]:
    """[start, end) pieces of at most MAX_PASSAGE_CHARS, cut at a blank where there is one: a
    "sentence" of a megabyte is coded piece by piece, in linear time."""
    out: list[tuple[int, int]] = []
    a, n = 0, len(text)
    while a < n:
        b = min(n, a + MAX_PASSAGE_CHARS)
        if b < n:
            cut = text.rfind(" ", a + MAX_PASSAGE_CHARS // 2, b)
            b = cut + 1 if cut > 0 else b
        out.append((a, b))
        a = b
    return out or [(0, 0)]


def _main(acts: Sequence[Candidate]) -> Candidate | None:
    for want in ("verb", "noun"):
        for c in acts:
            if c.kind == want and c.action not in _LOW_PRIORITY:
                return c
    return acts[0] if acts else None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m core code",
        description="Code sentences (JSON Lines {id, text, date?}) into polarity, action and events.",
    )
    p.add_argument("--jsonl", required=True, metavar="IN", help="input JSON Lines file ('-' = stdin)")
    p.add_argument("--out", required=True, metavar="OUT", help="output JSON Lines file ('-' = stdout)")
    return p


def main(argv: list[str]) -> int:
    """Command-line entry: returns 0 on success, 1 when some lines were bad (each reported
    on stderr with file and line, and skipped), 2 on a usage error."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    src_name = args.jsonl
    try:
        src = sys.stdin if src_name == "-" else open(src_name, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        print(f"{src_name}: cannot read input ({exc.strerror or exc})", file=sys.stderr)
        return 2
    try:
        dst = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        print(f"{args.out}: cannot write output ({exc.strerror or exc})", file=sys.stderr)
        if src is not sys.stdin:
            src.close()
        return 2
    bad = 0
    try:
        for lineno, line in enumerate(src, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{src_name}:{lineno}: not valid JSON ({exc.msg}); line skipped", file=sys.stderr)
                bad += 1
                continue
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                print(f"{src_name}:{lineno}: expected an object with a string 'text'; line skipped",
                      file=sys.stderr)
                bad += 1
                continue
            date = rec.get("date")
            if date is not None and not isinstance(date, str):
                date = str(date)
            out = code_sentence(rec["text"], date=date)
            dst.write(json.dumps({"id": rec.get("id"), **out}, ensure_ascii=False) + "\n")
    except UnicodeDecodeError as exc:
        print(f"{src_name}: not UTF-8 text ({exc.reason}); stopped", file=sys.stderr)
        bad += 1
    finally:
        if src is not sys.stdin:
            src.close()
        if dst is not sys.stdout:
            dst.close()
    return 1 if bad else 0
