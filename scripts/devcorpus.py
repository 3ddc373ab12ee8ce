"""Development corpus of real articles: keep the manifest and the offset-keyed gold honest.

The articles' text belongs to their publishers, so only ``devcorpus/manifest.tsv`` (url, query,
sha256, length, split, outlet, year) and ``devcorpus/gold/*.jsonl`` (keyed by character
offsets, with a short hash of every span) are committed; the texts live in the git-ignored
``devcorpus/texts/`` (see ``devcorpus/README.md`` for how to re-pull them).

Commands::

    python scripts/devcorpus.py hash                 # fill sha256/length of the manifest from texts/
    python scripts/devcorpus.py verify               # every text present and unchanged?
    python scripts/devcorpus.py gold DRAFT_DIR       # draft gold (with sentences) -> offset gold
    python scripts/devcorpus.py gold --check DRAFT_DIR   # only check that every span is found
    python scripts/devcorpus.py merge                # the drafts' manifest parts -> manifest.tsv
    python scripts/devcorpus.py split --test 0.3     # assign a seeded split, stratified by period
    python scripts/devcorpus.py views                # texts/ -> views/: JSONL with urls, hard-wrapped copies

A draft directory holds ``articles.jsonl``, ``events.jsonl`` and ``stances.jsonl`` written
like ``tests/gold`` (events carry ``sentence``, stances ``quote``, exact substrings of the
article text); ``gold`` locates each in the text, writes ``start``/``end``/``span_sha`` in place
of the text and merges the result into ``devcorpus/gold/`` (records of the draft's articles
are replaced, others kept).  When a sentence occurs more than once, give ``"occurrence": N``
(0-based) in the draft.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "devcorpus"
MANIFEST = ROOT / "manifest.tsv"
TEXTS = ROOT / "texts"
GOLD = ROOT / "gold"
COLUMNS = ["id", "url", "query", "sha256", "length", "split", "outlet", "year"]
TEXT_FIELD = {"events": "sentence", "stances": "quote"}


def span_sha(text: str) -> str:
    """The short hash that the gold keeps of every span (12 hex digits of SHA-256)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def read_manifest() -> list[dict[str, str]]:
    """The manifest rows, as dicts with every column (missing ones empty)."""
    with MANIFEST.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [{c: (r.get(c) or "").strip() for c in COLUMNS} for r in rows]


def write_manifest(rows: list[dict[str, str]]) -> None:
    """Write the manifest back, sorted by id."""
    with MANIFEST.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        for r in sorted(rows, key=lambda r: r["id"]):
            w.writerow(r)


def text_of(article_id: str) -> str:
    """The pulled text of one article (``texts/<id>.txt``), read exactly as stored."""
    return (TEXTS / f"{article_id}.txt").read_bytes().decode("utf-8")


def cmd_hash(_: argparse.Namespace) -> int:
    rows = read_manifest()
    for r in rows:
        p = TEXTS / f"{r['id']}.txt"
        if not p.exists():
            print(f"{p}: missing", file=sys.stderr)
            continue
        data = p.read_bytes()
        r["sha256"] = hashlib.sha256(data).hexdigest()
        r["length"] = str(len(data.decode("utf-8")))
    write_manifest(rows)
    print(f"{len(rows)} rows hashed")
    return 0


def cmd_verify(_: argparse.Namespace) -> int:
    rows = read_manifest()
    bad = 0
    ids = set()
    for r in rows:
        if r["id"] in ids:
            print(f"{MANIFEST}: duplicate id {r['id']}")
            bad += 1
        ids.add(r["id"])
        p = TEXTS / f"{r['id']}.txt"
        if not p.exists():
            print(f"{p}: missing (re-pull it, devcorpus/README.md)")
            bad += 1
        elif hashlib.sha256(p.read_bytes()).hexdigest() != r["sha256"]:
            print(f"{p}: sha256 differs from the manifest (the text changed)")
            bad += 1
    urls = [r["url"] for r in rows]
    for u in sorted({u for u in urls if urls.count(u) > 1}):
        print(f"{MANIFEST}: url listed twice: {u}")
        bad += 1
    print(f"{len(rows)} articles, {bad} problem(s)")
    return 1 if bad else 0


def _locate(text: str, needle: str, occurrence: int, where: str) -> tuple[int, int]:
    starts = []
    i = text.find(needle)
    while i >= 0:
        starts.append(i)
        i = text.find(needle, i + 1)
    if not starts:
        raise ValueError(f"{where}: text not found in the article (copy it exactly)")
    if len(starts) > 1 and occurrence < 0:
        raise ValueError(f"{where}: text occurs {len(starts)} times; give \"occurrence\": 0..{len(starts) - 1}")
    k = max(occurrence, 0)
    if k >= len(starts):
        raise ValueError(f"{where}: occurrence {k} but the text occurs {len(starts)} times")
    return starts[k], starts[k] + len(needle)


def convert(kind: str, raw: dict, where: str) -> dict:
    """One draft record -> one committed record (offsets and span hash in place of text)."""
    rec = dict(raw)
    article_id = str(rec["article"]).removesuffix(".txt")
    rec["article"] = f"{article_id}.txt"
    text = text_of(article_id)
    if kind in TEXT_FIELD:
        needle = rec.pop(TEXT_FIELD[kind])
        start, end = _locate(text, needle, int(rec.pop("occurrence", -1)), where)
        rec = {"article": rec["article"], "start": start, "end": end, "span_sha": span_sha(text[start:end]),
               **{k: v for k, v in rec.items() if k != "article"}}
    elif rec.get("title"):
        start, end = _locate(text, rec.pop("title"), int(rec.pop("title_occurrence", -1)), where)
        rec["title_start"], rec["title_end"], rec["title_sha"] = start, end, span_sha(text[start:end])
    return rec


def cmd_gold(args: argparse.Namespace) -> int:
    draft = Path(args.draft)
    GOLD.mkdir(parents=True, exist_ok=True)
    problems = 0
    for kind in ("articles", "events", "stances"):
        src = draft / f"{kind}.jsonl"
        if not src.exists():
            continue
        new: list[dict] = []
        for lineno, line in enumerate(src.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{src}:{lineno}"
            try:
                new.append(convert(kind, json.loads(line), where))
            except (ValueError, KeyError, FileNotFoundError, json.JSONDecodeError) as exc:
                print(f"{where}: {exc}")
                problems += 1
        if args.check:
            print(f"{src}: {len(new)} record(s) located")
            continue
        articles = {r["article"] for r in new}
        out = GOLD / f"{kind}.jsonl"
        kept = []
        if out.exists():
            kept = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines() if x.strip()]
            kept = [r for r in kept if r["article"] not in articles]
        merged = sorted(kept + new, key=lambda r: (r["article"], r.get("start", 0)))
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in merged), encoding="utf-8")
        print(f"{out}: {len(new)} record(s) from {src}, {len(kept)} kept")
    return 1 if problems else 0


def cmd_merge(args: argparse.Namespace) -> int:
    """Merge the drafts' manifest parts into the manifest (rows of the same id replaced)."""
    rows = {r["id"]: r for r in read_manifest()} if MANIFEST.exists() else {}
    for part in sorted(Path(args.drafts).glob("*/manifest.tsv")):
        with part.open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                old = rows.get(r["id"], {})
                rows[r["id"]] = {c: (r.get(c) or old.get(c) or "").strip() for c in COLUMNS}
    write_manifest(list(rows.values()))
    print(f"{len(rows)} rows")
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    rows = read_manifest()
    rng = random.Random(args.seed)
    by_band: dict[str, list[dict[str, str]]] = {}
    for r in sorted(rows, key=lambda r: r["id"]):
        by_band.setdefault(r["id"].rstrip("0123456789"), []).append(r)  # the period's annotator
    for band_rows in by_band.values():
        rng.shuffle(band_rows)
        n_test = round(len(band_rows) * args.test)
        for i, r in enumerate(band_rows):
            r["split"] = "test" if i < n_test else "dev"
    write_manifest(rows)
    n = sum(r["split"] == "test" for r in rows)
    print(f"{n} test, {len(rows) - n} dev")
    return 0


VIEWS = ROOT / "views"


def _hard_wrap(text: str, width: int = 72) -> str:
    """The text as wire copy and e-mails paste it: a line break every ``width`` characters or
    fewer, put in place of a space, so the length (and every gold offset) is unchanged."""
    out = list(text)
    col = 0
    last_space = -1
    for i, ch in enumerate(text):
        if ch == "\n":
            col, last_space = 0, -1
            continue
        col += 1
        if ch == " ":
            last_space = i
        if col > width and last_space >= 0:
            out[last_space] = "\n"
            col = i - last_space
            last_space = -1
    return "".join(out)


def cmd_views(args: argparse.Namespace) -> int:
    """Write the git-ignored views the evaluation reads articles through, as users bring them:
    ``views/with_urls.jsonl`` (id, url, text: the page's address beside the text) and
    ``views/wrapped/<id>.txt`` (hard-wrapped at 72 columns, offsets unchanged)."""
    rows = read_manifest()
    wrapped = VIEWS / "wrapped"
    wrapped.mkdir(parents=True, exist_ok=True)
    lines = []
    missing = 0
    for r in rows:
        src = TEXTS / f"{r['id']}.txt"
        if not src.exists():
            print(f"{src}: missing (re-pull it first, see devcorpus/README.md)")
            missing += 1
            continue
        text = src.read_text(encoding="utf-8")
        lines.append(json.dumps({"id": r["id"], "url": r["url"], "text": text}, ensure_ascii=False))
        (wrapped / f"{r['id']}.txt").write_text(_hard_wrap(text), encoding="utf-8")
    (VIEWS / "with_urls.jsonl").write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    print(f"{len(lines)} articles -> {VIEWS}/with_urls.jsonl and {wrapped}/")
    return 1 if missing else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("hash").set_defaults(fn=cmd_hash)
    sub.add_parser("verify").set_defaults(fn=cmd_verify)
    g = sub.add_parser("gold")
    g.add_argument("draft")
    g.add_argument("--check", action="store_true", help="only locate every span; write nothing")
    g.set_defaults(fn=cmd_gold)
    m = sub.add_parser("merge")
    m.add_argument("drafts", nargs="?", default=str(ROOT / "drafts"))
    m.set_defaults(fn=cmd_merge)
    s = sub.add_parser("split")
    s.add_argument("--test", type=float, default=0.3)
    s.add_argument("--seed", type=int, default=20261202)
    s.set_defaults(fn=cmd_split)
    sub.add_parser("views").set_defaults(fn=cmd_views)
    args = ap.parse_args(argv)
    return int(args.fn(args))


if __name__ == "__main__":
    sys.exit(main())
