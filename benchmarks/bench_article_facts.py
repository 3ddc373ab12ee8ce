"""What the article-level readers of the dates issue cost per article, beside the whole build's
per-article stages (``python -m benchmarks.bench_article_facts [N]``): reflow, cleaning,
the URL date, outlet and wire, landmarks in every sentence, and the publication date.  Figures
are printed (per article, and as a share of cleaning + dating), never asserted."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.synth import write_corpus
from core import landmarks, outlets, urls
from core.clean import clean_doc
from core.dates import date_article
from core.kb import load_kb
from core.read import iter_corpus
from core.records import RawDoc
from core.reflow import reflow
from core.resolve import find_mentions


def _time(label: str, docs: list[Any], fn: Callable[[Any], object]) -> float:
    start = time.perf_counter()
    for d in docs:
        fn(d)
    per = (time.perf_counter() - start) / max(1, len(docs)) * 1e3
    print(f"  {label:<36} {per:8.3f} ms / article")
    return per


def main(argv: list[str]) -> int:
    """Time each reader on ``N`` synthetic articles (default 1,000), each with a dated URL."""
    n = int(argv[0]) if argv else 1000
    kb = load_kb()
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), n, seed=1)
        raws = [r for r in iter_corpus([tmp]) if isinstance(r, RawDoc)]
    for i, r in enumerate(raws):
        r.url = f"https://www.example.com/news/2025/03/{1 + i % 28:02d}/story-{i}"
    docs = [clean_doc(r) for r in raws]
    pairs = list(zip(raws, docs, [find_mentions(d.text, kb=kb) for d in docs], strict=True))
    landmarks.landmarks()  # (loaded once, outside the timings)
    outlets.outlet_of_host("example.com")
    print(f"{len(raws)} articles, {sum(len(d.text) for d in docs) / max(1, len(docs)):.0f} characters each")
    clean = _time("clean (with reflow)", raws, clean_doc)
    _time("  of which reflow", raws, lambda r: reflow(r.text))
    _time("URL date", raws, lambda r: urls.url_date(r.url))
    out = _time("outlet and wire", list(zip(raws, docs, strict=True)),
                lambda p: outlets.article_outlet(p[0].text, url=p[0].url, header_name=p[1].source))
    lms = _time("landmarks in every sentence", docs, lambda d: list(landmarks.find(d.text)))
    dated = _time("publication date (URL, text, landmarks)", pairs, lambda p: date_article(p[0], p[1], p[2], kb=kb))
    print(f"  outlet + landmarks = {(out + lms) / max(1e-9, clean + dated):.0%} of clean + date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
