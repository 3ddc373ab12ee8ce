"""The per-article pipeline: one read document in, its frames out (pure, so that it can run
in any process or on a Dask worker)::

    RawDoc ─clean─▶ CleanDoc ─segment─▶ passages
                       │ resolve.find_mentions ─▶ mentions
                       │ dates.date_article    ─▶ publication DateWindow
                       │ resolve.bind_titles   ─▶ title-only mentions bound to the date
                       │ parse.parse_passages  ─▶ dependency parses of the frame sentences
                       │ code.code_article     ─▶ events (roles from the parse)
                       │ stance.extract_stances ─▶ stances
                       └ code.speech_events    ─▶ the stances of US/MX holders as verbal acts

:mod:`core.executors` runs it over files; :mod:`core.pipeline` folds the results into frames.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from core import clean, code, dates, landmarks, outlets, parse, resolve, segment, stance
from core.ids import article_id as make_article_id
from core.kb import KnowledgeBase, load_kb
from core.records import ArticleResult, Problem, RawDoc


class EmptyArticle(ValueError):
    """An input whose cleaned text is empty: reported as a problem, not an article."""


@cache
def knowledge_base() -> KnowledgeBase:
    """The knowledge base every article is coded against, loaded once per process and
    prepared (:func:`prepare`)."""
    kb = load_kb()
    prepare(kb)
    return kb


def prepare(kb: KnowledgeBase) -> None:
    """Build what the stages build on their first article (the resolver's alias trie above
    all: a tenth of a second to compile), so that processes forked after
    :func:`knowledge_base` (the ``processes`` executor) share it instead of each building its
    own.  A failure is left for the stage itself to report, article by article."""
    try:
        parse.model()
        resolve.prepare(kb)
        dates.prepare(kb)
        clean.chrome_patterns()
        segment.abbreviations()
    except Exception:  # noqa: BLE001 - reported by the stage that needs it
        pass


def process_doc(raw: RawDoc) -> ArticleResult:
    """Run the per-article pipeline on one read document.  Raises :class:`EmptyArticle`
    when cleaning leaves no text; :func:`safe_process` turns that, and any unexpected failure
    of a stage, into a :class:`Problem` for that article."""
    kb = knowledge_base()
    doc = clean.clean_doc(raw)
    if not doc.text.strip():
        raise EmptyArticle("no article text left after cleaning (only site chrome, or blank)")
    aid = make_article_id(doc.text)
    passages = segment.segment(doc.text, article_id=aid, teasers=doc.teasers)
    mentions = resolve.find_mentions(doc.text, kb=kb)
    published = dates.date_article(raw, doc, mentions, kb=kb)
    mentions = resolve.bind_titles(mentions, kb=kb, window=published)
    us_admin, mx_admin = kb.administrations(published.low, published.high)
    outlet = outlets.article_outlet(raw.text, url=raw.url, site_name=raw.source, header_name=doc.source)
    parses, unparsed = parse.parse_passages(code.parse_candidates(doc.text, passages, mentions))
    holders = stance.quote_holders(doc.text, passages, mentions, parses)
    events = code.code_article(
        doc.text, passages, mentions, article_id=aid, published=published, kb=kb, parses=parses,
        holders=holders,
    )
    stances = stance.extract_stances(
        doc.text, passages, mentions, article_id=aid, published=published, kb=kb, parses=parses,
        holders=holders,
    )
    events += code.speech_events(doc.text, stances, events, passages, article_id=aid, published=published, kb=kb)
    problems = [Problem(raw.path, w, raw.line, "warning") for w in [*raw.warnings, *unparsed]]
    article = {
        "article_id": aid,
        "path": raw.path if raw.line is None else f"{raw.path}:{raw.line}",
        "source": outlet.outlet,
        "title": doc.title or raw.title,
        "url": raw.url,
        "published": published.value if published.precision == "day" else "",
        "date_low": published.low,
        "date_high": published.high,
        "date_precision": published.precision,
        "date_confidence": published.confidence,
        "date_evidence": published.evidence,
        "us_admin": us_admin,
        "mx_admin": mx_admin,
        "text": doc.text,
        "problems": "; ".join(p.reason for p in problems),
        "byline": doc.byline,
        "wire": outlet.wire,
        "source_evidence": outlet.evidence,
        "landmarks": landmarks.mentions_cell(doc.text, sentences=[(p.start, p.end) for p in passages]),
        "dateline": doc.dateline,
        "content_hash": aid,
        "duplicate_paths": "",
        "n_passages": len(passages),
        "n_events": len(events),
        "n_stances": len(stances),
    }
    return ArticleResult(article, passages, events, stances, problems)


def safe_process(raw: RawDoc) -> ArticleResult | Problem:
    """:func:`process_doc`, turning an unexpected exception into a :class:`Problem` so
    that one broken article never stops a build."""
    try:
        return process_doc(raw)
    except EmptyArticle as exc:
        return Problem(raw.path, str(exc), raw.line)
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the build
        return Problem(raw.path, f"could not be processed ({type(exc).__name__}: {exc})", raw.line)


def process_docs(docs: Iterable[RawDoc | Problem], *,
                 on_article: Callable[[], None] | None = None) -> list[ArticleResult | Problem]:
    """:func:`safe_process` on each document, in order (problems read from the file pass
    through in place); ``on_article()`` is called after each document processed."""
    out: list[ArticleResult | Problem] = []
    for doc in docs:
        if isinstance(doc, Problem):
            out.append(doc)
            continue
        out.append(safe_process(doc))
        if on_article is not None:
            on_article()
    return out
