"""Safe HTML for article text: every piece of text is escaped before it becomes HTML.

Article text is hostile.  The functions here are pure and build HTML only from escaped
pieces and fixed tags; markdown-significant characters are encoded as entities too, so that
even a renderer that parses markdown shows them as text.  Links are only built from
``http``/``https`` URLs (never from ``javascript:`` or other schemes).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

# characters that markdown (and Streamlit's LaTeX/emoji extensions) give a meaning to
_MD_ENTITIES = {
    "[": "&#91;", "]": "&#93;", "(": "&#40;", ")": "&#41;", "*": "&#42;", "_": "&#95;",
    "`": "&#96;", "#": "&#35;", "!": "&#33;", "~": "&#126;", "|": "&#124;", "$": "&#36;",
    ":": "&#58;", "\\": "&#92;", "{": "&#123;", "}": "&#125;", "+": "&#43;", "=": "&#61;",
}
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
# one pass over the text: every special character to its entity (no double encoding)
_ESCAPES = str.maketrans({**_MD_ENTITIES, **_HTML_ENTITIES})
_NEWLINES = re.compile(r"\r\n|\r|\n")

#: highlight kinds → CSS class and legend text
KINDS: dict[str, str] = {
    "cue": "the words that triggered the coding",
    "actor": "the actor (who acts)",
    "target": "the target (toward whom)",
    "event": "an event's evidence span",
    "stance": "a stance's quote",
    "mention": "an actor mention",
}

STYLE = """<style>
.usmx-passage{line-height:1.6;font-size:1rem}
.usmx-passage mark{padding:0 .15em;border-radius:.2em}
.usmx-passage mark.mention{background:#e3e3e3}
.usmx-passage mark.event{background:#d8f5d0}
.usmx-passage mark.stance{background:#ffd1dc}
.usmx-passage mark.cue{background:#ffe08a}
.usmx-passage mark.actor{background:#9fd3ff}
.usmx-passage mark.target{background:#c7b8ff}
.usmx-context{color:#6b7280}
.usmx-article{white-space:normal;line-height:1.6;max-height:36rem;overflow:auto}
</style>"""


def escape_text(text: str) -> str:
    """Escape ``text`` for HTML (``<>&"'``) and encode markdown-significant characters as
    entities; newlines become ``<br>``.  The result shows the text literally."""
    return _NEWLINES.sub("<br>", str(text).translate(_ESCAPES))


def safe_url(url: str) -> str | None:
    """``url`` if it is an absolute http(s) URL without control characters, else None."""
    url = str(url or "").strip()
    if not url or any(ord(c) < 32 or c in "\"'<> `" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def link(url: str, label: str) -> str:
    """An ``<a>`` to a safe http(s) ``url`` (opened in a new tab, no referrer), or the
    escaped label alone when the URL is not safe."""
    target = safe_url(url)
    text = escape_text(label)
    if target is None:
        return text
    return (
        f'<a href="{html.escape(target, quote=True)}" target="_blank" '
        f'rel="noopener noreferrer nofollow">{text}</a>'
    )


def highlight(
    text: str,
    spans: Iterable[tuple[int, int, str]],
    *,
    offset: int = 0,
    titles: dict[str, str] | None = None,
) -> str:
    """``text`` as HTML with ``spans`` wrapped in ``<mark class="KIND">``.

    ``spans`` are ``(start, end, kind)`` in the coordinates of a larger text of which
    ``text`` starts at ``offset`` (e.g. article offsets for a passage); spans outside are
    clipped.  Overlapping spans are split at every boundary, and each piece is marked with
    the kinds covering it (nested-safe, linear in the number of boundaries).  ``titles``
    maps a kind to a tooltip.  Every character of ``text`` is escaped.
    """
    n = len(text)
    clipped: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        s, e = max(int(start) - offset, 0), min(int(end) - offset, n)
        if s < e and kind in KINDS:
            clipped.append((s, e, kind))
    if not clipped:
        return escape_text(text)
    bounds = sorted({0, n, *(s for s, _, _ in clipped), *(e for _, e, _ in clipped)})
    tips = titles or {}
    pieces: list[str] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        kinds = [k for s, e, k in clipped if s <= a and b <= e]
        chunk = escape_text(text[a:b])
        if not kinds:
            pieces.append(chunk)
            continue
        kind = kinds[-1]
        classes = " ".join(dict.fromkeys(kinds))
        tip = " / ".join(dict.fromkeys(tips.get(k, KINDS[k]) for k in kinds))
        pieces.append(
            f'<mark class="{html.escape(classes, quote=True)}" title="{escape_text(tip)}" '
            f'data-kind="{kind}">{chunk}</mark>'
        )
    return "".join(pieces)


def passage_html(
    passage: str,
    spans: Sequence[tuple[int, int, str]],
    *,
    offset: int,
    before: str = "",
    after: str = "",
) -> str:
    """A highlighted passage between its neighbouring sentences (shown muted)."""
    parts = ['<div class="usmx-passage">']
    if before:
        parts.append(f'<span class="usmx-context">{escape_text(before)} </span>')
    parts.append(f'<span class="usmx-focus">{highlight(passage, spans, offset=offset)}</span>')
    if after:
        parts.append(f'<span class="usmx-context"> {escape_text(after)}</span>')
    parts.append("</div>")
    return STYLE + "".join(parts)


def article_html(text: str, spans: Sequence[tuple[int, int, str]], *, titles: dict[str, str] | None = None) -> str:
    """The whole cleaned article with every frame's span highlighted (escaped)."""
    return (
        STYLE
        + '<div class="usmx-passage usmx-article">'
        + highlight(text, spans, offset=0, titles=titles)
        + "</div>"
    )


def legend_html(kinds: Iterable[str]) -> str:
    """A small legend of the highlight colours used."""
    items = " ".join(
        f'<mark class="{k}">{html.escape(k)}</mark> {html.escape(KINDS[k])}' for k in kinds if k in KINDS
    )
    return STYLE + f'<div class="usmx-passage" style="font-size:.85rem">{items}</div>'
