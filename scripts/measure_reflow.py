"""Measure :func:`core.reflow.reflow` on real articles, hard-wrapped here on purpose.

    python scripts/measure_reflow.py devcorpus/texts [--seeds seeds] [--hyphens keep|join]

Each text file (one paragraph per line) is hard-wrapped with ``textwrap.fill`` per
paragraph at widths 60, 70 and 80, with paragraphs separated by one newline (wire style)
and, separately, by a blank line; ``reflow`` must give the paragraphs back.  Every line
break of the wrapped copy is known to be inside a paragraph or between two, so each error
is counted where it happens: a break inside a paragraph left as a break ("split": at a
hyphen or elsewhere) or a break between paragraphs turned into a space ("merged": after a
line ending a sentence or not).  The unwrapped texts and the seed articles must come back
unchanged.  Last, a timing on large synthetic texts (wrapped and not).  Prints figures only,
never article text.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Literal

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.reflow import reflow  # noqa: E402

WIDTHS = (60, 70, 80)
STYLES = {"wire": "\n", "blank": "\n\n"}
_SENTENCE_END = tuple(".!?…")
_CLOSERS = "\"'”’)]»"


def _norm(paragraph: str) -> str:
    return " ".join(paragraph.split())


def _paragraphs(text: str) -> list[str]:
    return [p for p in (_norm(line) for line in text.split("\n")) if p]


def _ends_sentence(line: str) -> bool:
    return line.rstrip().rstrip(_CLOSERS).endswith(_SENTENCE_END)


# Advance widths of a sans-serif font (Helvetica-like, per 1000 units of the em), to wrap
# as a PDF does: lines of one width in points, not in characters.
_WIDTHS = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
         278, 556, 500, 722, 500, 500, 500, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556,
         833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611],
        strict=True,
    )
) | dict.fromkeys("0123456789", 556) | dict.fromkeys(" .,:;", 278) | {"-": 333, "'": 191, "’": 222}
_MEAN_WIDTH = 500  # the box of width W holds W characters of this mean width


def _advance(word: str) -> int:
    return sum(_WIDTHS.get(c, 556 if c.isalpha() else 400) for c in word)


def fill_proportional(paragraph: str, width: int) -> str:
    """Greedy wrapping in a proportional font into a box ``width`` mean characters wide."""
    box = width * _MEAN_WIDTH
    lines: list[list[str]] = []
    used = 0
    for word in paragraph.split():
        w = _advance(word)
        if lines and used + _WIDTHS[" "] + w <= box:
            lines[-1].append(word)
            used += _WIDTHS[" "] + w
        else:
            lines.append([word])
            used = w
    return "\n".join(" ".join(line) for line in lines)


def fill_monospace(paragraph: str, width: int) -> str:
    return textwrap.fill(paragraph, width)


WRAPPERS = {"textwrap": fill_monospace, "proportional": fill_proportional}


def wrap(text: str, width: int, sep: str, fill: Callable[[str, int], str]) -> tuple[str, list[tuple[int, str]]]:
    """The hard-wrapped copy, and for each of its line breaks (offset, kind): ``inside``,
    ``hyphen`` (inside, after a word hyphen) or ``between`` (two paragraphs)."""
    parts: list[str] = []
    breaks: list[tuple[int, str]] = []
    pos = 0
    for k, paragraph in enumerate(p for p in text.split("\n") if p.strip()):
        if k:
            for _ in sep:
                breaks.append((pos, "between"))
                pos += 1
            parts.append(sep)
        filled = fill(paragraph, width)
        for line in filled.split("\n")[:-1]:
            pos += len(line)
            hyphen = line.endswith("-") and len(line) > 1 and line[-2].isalnum()
            breaks.append((pos, "hyphen" if hyphen else "inside"))
            pos += 1
        pos += len(filled.split("\n")[-1])
        parts.append(filled)
    return "".join(parts), breaks


def measure(texts: list[tuple[str, str]], hyphens: Literal["join", "keep"]) -> int:
    """Wrap, reflow, compare; print one block per wrapper, style and width.  Returns the
    number of outputs that broke the length-and-offsets promise (must be 0)."""
    problems = 0
    print(f"\nwrapped copies, hyphens={hyphens!r}, {len(texts)} articles each")
    for (wrapper, fill), (style, sep) in itertools.product(WRAPPERS.items(), STYLES.items()):
        for width in WIDTHS:
            articles: Counter[str] = Counter()
            errors: Counter[str] = Counter()
            n_breaks: Counter[str] = Counter()
            for _name, text in texts:
                wrapped, breaks = wrap(text, width, sep, fill)
                out = reflow(wrapped, hyphens=hyphens)
                if len(out) != len(wrapped) or any(
                    x != y and not (x == "\n" and y == " ") for x, y in zip(wrapped, out, strict=True)
                ):
                    problems += 1
                    articles["BROKE THE LENGTH OR A CHARACTER"] += 1
                    continue
                kinds: set[str] = set()
                for pos, kind in breaks:
                    n_breaks[kind] += 1
                    joined = out[pos] == " "
                    if kind == "between" and joined:
                        line = wrapped[wrapped.rfind("\n", 0, pos) + 1 : pos]
                        what = "merged after a sentence end" if _ends_sentence(line) else "merged, no sentence end"
                    elif kind == "hyphen":
                        what = "hyphen joined as 'x- y'" if joined else "split at a hyphen"
                    elif kind == "inside" and not joined:
                        what = "split elsewhere"
                    else:
                        continue
                    errors[what] += 1
                    kinds.add(what)
                if _paragraphs(out) == _paragraphs(text):
                    articles["exact"] += 1
                elif out == wrapped:
                    articles["not detected as wrapped"] += 1
                else:
                    articles[" + ".join(sorted(kinds))] += 1
            inside = n_breaks["inside"] + n_breaks["hyphen"]
            print(
                f"\n  {wrapper} {style} width {width}: exact {articles['exact']}/{len(texts)}"
                f"  (breaks: {inside} inside paragraphs, {n_breaks['hyphen']} of them after a hyphen;"
                f" {n_breaks['between']} between paragraphs)"
            )
            for what, n in sorted(errors.items()):
                print(f"      {n:4} breaks  {what}")
            for what, n in sorted(articles.items(), key=lambda kv: (-kv[1], kv[0])):
                if what != "exact":
                    print(f"      {n:4} articles wrong: {what}")
    return problems


def changed(texts: list[tuple[str, str]]) -> dict[str, int]:
    """The texts that reflow changes, with the number of line breaks it joined."""
    out = {}
    for name, text in texts:
        result = reflow(text)
        if result != text:
            out[name] = sum(1 for x, y in zip(text, result, strict=True) if x != y)
    return out


def timing() -> None:
    rng = random.Random(7)
    vocab = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 11))) for _ in range(5000)]

    def paragraph() -> str:
        words = [rng.choice(vocab) for _ in range(rng.randint(20, 120))]
        return " ".join(words).capitalize() + "."

    paragraphs = [paragraph() for _ in range(2000)]
    target = 20_000_000
    unwrapped_parts: list[str] = []
    size = 0
    while size < target:
        p = paragraphs[len(unwrapped_parts) % len(paragraphs)]
        unwrapped_parts.append(p)
        size += len(p) + 1
    unwrapped = "\n".join(unwrapped_parts)
    wrapped = "\n".join(textwrap.fill(p, 72) for p in paragraphs)
    wrapped = "\n".join([wrapped] * (target // len(wrapped) + 1))
    capitals = wrapped.upper()  # every line starts in capitals: the dateline test runs on each
    for label, text in (
        ("wrapped at 72, wire style", wrapped),
        ("wrapped at 72, all in capitals", capitals),
        ("one paragraph per line", unwrapped),
    ):
        start = time.perf_counter()
        out = reflow(text)
        elapsed = time.perf_counter() - start
        assert len(out) == len(text)
        print(f"timing: {len(text) / 1e6:.1f} MB {label}: {elapsed:.2f} s ({out.count(chr(10))} line breaks left)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path, help="folder of .txt articles, one paragraph per line")
    parser.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parents[1] / "seeds")
    parser.add_argument("--hyphens", choices=["join", "keep"], default="join")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args(argv)
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(args.texts.glob("*.txt"))]
    seeds = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(args.seeds.glob("*.txt"))]
    if not texts:
        parser.error(f"no .txt files in {args.texts}")
    problems = 0
    for label, group in (("texts as they are", texts), ("seed articles", seeds)):
        joined = changed(group)
        print(f"{label}: {len(group) - len(joined)}/{len(group)} unchanged", end="")
        print("; changed: " + ", ".join(f"{k} ({v} breaks joined)" for k, v in joined.items()) if joined else "")
        if label == "seed articles":
            problems += len(joined)
    source_wrapped = changed(texts)
    if source_wrapped:
        print(
            f"  (left out of the wrapped copies below: {', '.join(source_wrapped)}, whose lines are not"
            " paragraphs; check by hand that it is hard-wrapped already in the source)"
        )
    problems += measure([t for t in texts if t[0] not in source_wrapped], args.hyphens)
    if not args.no_timing:
        print()
        timing()
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
