"""Reading a corpus: files and folders → :class:`~core.records.RawDoc` records.

A corpus is any mix of files and folders, walked recursively in sorted order:

* ``.txt`` / ``.md``: plain text copied from web pages (one article per file);
* ``.html`` / ``.htm``: article extraction with trafilatura (text, title, date, site name);
* ``.jsonl`` (also ``.ndjson``) and ``.csv``: one article per line / row, with a ``text``
  column and optional ``title``, ``url``, ``published``, ``source`` (names matched
  case-insensitively; common synonyms accepted, see :data:`FIELD_SYNONYMS`).

Bytes are decoded as UTF-8 (with or without BOM); otherwise UTF-16/32 or a multi-byte
encoding detected by charset-normalizer, else cp1252 (latin-1 as the last resort), with a
warning on the article.  NUL and other control characters are removed and line endings
normalised to ``\\n``.  Nothing here raises for bad input: every unreadable, empty, binary,
oversized or malformed file (and every bad JSONL line / CSV row) becomes a
:class:`~core.records.Problem` and the walk goes on.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from core import limits
from core.records import Problem, RawDoc
from core.text import CONTROL_CHARS, normalize_text
from core.urls import normalise_url, url_in_text

KINDS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}

#: Default size limit per file (20 MB); larger files are skipped with a problem.
MAX_BYTES = limits.MAX_FILE_BYTES

#: Field names accepted in JSONL/CSV records (case-insensitive), first match wins.
FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext", "full_text", "article_text"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "published": ("published", "date", "published_at", "publish_date", "date_publish", "pubdate"),
    "source": ("source", "outlet", "site", "sitename", "site_name", "publisher", "source_name"),
}

# Files that are clearly not articles: skipped silently inside folders.
_QUIET_SUFFIXES = frozenset(
    ".jpg .jpeg .png .gif .webp .svg .ico .css .js .map .pyc .parquet .lock .gz .zip".split()
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (e.g. .docx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PAR1", "Parquet file"),
    (b"\x7fELF", "executable"),
)
_HTML_START = re.compile(r"\s{0,200}<(?:!doctype\s{1,5}html|html[\s>])", re.IGNORECASE)
_CONTROL_BYTES = frozenset(set(range(0, 32)) - {9, 10, 12, 13})
_CONTROL_BYTES_DEL = bytes(sorted(_CONTROL_BYTES))  # for bytes.translate(None, ...)
_MULTIBYTE = ("utf_16", "utf_32", "shift_jis", "cp932", "euc", "gb", "big5", "hz", "iso2022", "cp949")


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One input file found by :func:`iter_files`: its path (as given, relative where
    possible), absolute path, size in bytes, SHA-256 of its bytes and its kind
    (``txt``, ``md``, ``html``, ``jsonl`` or ``csv``)."""

    path: str
    abspath: str
    size: int
    sha256: str
    kind: str


def _display(path: str) -> str:
    """A path for messages and the ``path`` column: relative to the working directory when
    the file lies under it, else as given."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute)
    except ValueError:  # another drive (Windows)
        return _storable(path)
    return _storable(rel if not rel.startswith("..") else os.path.normpath(path))


def _storable(path: str) -> str:
    """A file name's undecodable bytes (surrogate escapes, e.g. a latin-1 name) written as
    ``\\xe9``: such a name cannot be stored in Parquet/JSON or printed as UTF-8."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "replace")
    return raw.decode("utf-8", "backslashreplace")


def _entry(path: str, *, max_bytes: int, explicit: bool) -> FileEntry | Problem | None:
    shown = _display(path)
    suffix = os.path.splitext(path)[1].lower()
    kind = KINDS.get(suffix)
    if kind is None:
        if not explicit and (suffix in _QUIET_SUFFIXES or os.path.basename(path).startswith(".")):
            return None
        supported = ", ".join(sorted(KINDS))
        return Problem(shown, f"unsupported file type '{suffix or '(none)'}' (supported: {supported})",
                       None, "error" if explicit else "warning")
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # opening a FIFO blocks forever; a device never ends
            return Problem(shown, "not a regular file (a FIFO, socket or device)")
        size = info.st_size
        if size > max_bytes:
            return Problem(shown, f"file too large ({size:,} bytes; limit {max_bytes:,}; see --max-mb)")
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        return Problem(shown, f"cannot read ({exc.strerror or exc})")
    return FileEntry(shown, os.path.abspath(path), size, digest.hexdigest(), kind)


def iter_files(paths: Sequence[str], *, max_bytes: int = MAX_BYTES) -> Iterator[FileEntry | Problem]:
    """Walk files and folders (recursively, sorted, following symlinks once) and yield a
    :class:`FileEntry` per readable article file, or a :class:`Problem` for a missing
    path, an unreadable or oversized file, a symlink loop, or an unsupported file type.

    Hidden files and obvious non-articles (images, archives, scripts) inside folders are
    skipped silently; other unsupported files inside folders are reported as warnings, and
    an unsupported file named explicitly is an error."""
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    for given in paths:
        given = str(given)
        if not os.path.exists(given):
            kind = "broken symlink" if os.path.islink(given) else "no such file or directory"
            yield Problem(_display(given), kind)
            continue
        if not os.path.isdir(given):
            item = _file_once(given, seen_files, max_bytes=max_bytes, explicit=True)
            if item is not None:
                yield item
            continue
        yield from _walk(given, seen_dirs, seen_files, max_bytes=max_bytes)


def _file_once(path: str, seen_files: set[str], *, max_bytes: int, explicit: bool) -> FileEntry | Problem | None:
    """The entry of the file at ``path`` unless its real path was read already (a file named
    twice, or reached again through a symlink, is read once)."""
    real = os.path.realpath(path)
    if real in seen_files:
        return None
    seen_files.add(real)
    return _entry(path, max_bytes=max_bytes, explicit=explicit)


def _walk(top: str, seen_dirs: set[str], seen_files: set[str], *, max_bytes: int
          ) -> Iterator[FileEntry | Problem]:
    real = os.path.realpath(top)
    if real in seen_dirs:
        yield Problem(_display(top), "symlink loop (folder already read)", None, "warning")
        return
    seen_dirs.add(real)
    try:
        names = sorted(os.listdir(top))
    except OSError as exc:
        yield Problem(_display(top), f"cannot list folder ({exc.strerror or exc})")
        return
    for name in names:
        path = os.path.join(top, name)
        if name.startswith(".") or name == "__pycache__":
            continue
        if os.path.isdir(path):
            yield from _walk(path, seen_dirs, seen_files, max_bytes=max_bytes)
            continue
        if not os.path.exists(path):
            yield Problem(_display(path), "broken symlink", None, "warning")
            continue
        item = _file_once(path, seen_files, max_bytes=max_bytes, explicit=False)
        if item is not None:
            yield item


def looks_binary(data: bytes) -> str:
    """Return why ``data`` looks like a binary (non-text) file, or "" when it looks like text."""
    head = data[:8192]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"binary file ({what}), not text"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ""
    if not head:
        return ""
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES_DEL))  # (in C, not per byte)
    try:
        head.decode("utf-8")
        limit = 0.30  # valid UTF-8: only a text made mostly of control bytes is "binary"
    except UnicodeDecodeError as exc:
        # a multi-byte character cut at the sample's end is still text
        limit = 0.30 if exc.start >= len(head) - 4 and len(data) > len(head) else 0.02
    if controls / len(head) > limit:
        return f"binary or undecodable file ({controls * 100 // len(head)}% control bytes)"
    return ""


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text.  Returns ``(text, warning)``; the warning is "" for UTF-8 and
    names the fallback encoding otherwise.  Never raises."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32", errors="replace"), ""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), ""
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    guess = ""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        guess = best.encoding if best is not None else ""
    except Exception:  # noqa: BLE001 - detection is best effort
        guess = ""
    # The detector is reliable for multi-byte encodings; among Western single-byte code
    # pages it often confuses cp1250/cp1252/latin-1, where cp1252 is the right bet for
    # news text (curly quotes and dashes live in 0x80–0x9f).
    if guess and guess.lower().startswith(_MULTIBYTE):
        try:
            return data.decode(guess), f"not UTF-8; decoded as {guess} (detected)"
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("cp1252"), "not UTF-8; decoded as cp1252 (Windows-1252) fallback"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8; decoded as latin-1 fallback"


def _read_text(entry: FileEntry) -> tuple[str, str] | Problem:
    try:
        with open(entry.abspath, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return Problem(entry.path, f"cannot read ({exc.strerror or exc})")
    if not data.strip():
        return Problem(entry.path, "empty file")
    why = looks_binary(data)
    if why:
        return Problem(entry.path, why)
    text, warning = decode(data)
    # JSON strings may hold raw U+2028/U+2029/NEL: split JSONL on real line ends only
    # (each field is normalised on its own when read).
    text = normalize_text(text) if entry.kind != "jsonl" else CONTROL_CHARS.sub("", re.sub(r"\r\n?", "\n", text))
    if not text.strip():
        return Problem(entry.path, "no text after removing control characters")
    return text, warning


def _field_map(names: Sequence[str]) -> dict[str, str]:
    """Map our field names to the record's keys (case-insensitive, synonyms allowed)."""
    folded: dict[str, str] = {}
    for name in names:
        folded.setdefault(str(name).strip().lower(), name)
    out: dict[str, str] = {}
    for ours, synonyms in FIELD_SYNONYMS.items():
        for syn in synonyms:
            if syn in folded:
                out[ours] = folded[syn]
                break
    return out


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):  # e.g. NewsAPI: "source": {"id": .., "name": ..}
        value = value.get("name") or value.get("title") or ""
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return normalize_text(str(value)).strip()


def _doc(entry: FileEntry, record: dict[str, Any], fields: dict[str, str], line: int,
         warning: str) -> RawDoc | Problem:
    text = _as_text(record.get(fields["text"]))
    if not text:
        return Problem(entry.path, f"empty '{fields['text']}'", line)
    warnings = [warning] if warning else []
    url, url_warning = _checked_url(_as_text(record.get(fields["url"])) if "url" in fields else "", text)
    if url_warning:
        warnings.append(url_warning)
    return RawDoc(
        path=entry.path,
        text=text,
        title=_as_text(record.get(fields["title"])) if "title" in fields else "",
        url=url,
        published=_as_text(record.get(fields["published"])) if "published" in fields else "",
        source=_as_text(record.get(fields["source"])) if "source" in fields else "",
        line=line,
        warnings=warnings,
    )


def _checked_url(given: str, text: str) -> tuple[str, str]:
    """The article's address: ``given`` (a url column or page metadata) when it is a URL, else
    an address line of the text (:func:`core.urls.url_in_text`); and a warning when ``given``
    is not a URL (it is then ignored, never a crash)."""
    if given:
        url = normalise_url(given)
        if url:
            return url, ""
        shown = given if len(given) <= 80 else given[:77] + "..."
        return url_in_text(text), f"url {shown!r} is not a URL (ignored)"
    return url_in_text(text), ""


def _missing_text(names: Sequence[str], what: str) -> str:
    shown = ", ".join(str(n) for n in list(names)[:12]) or "none"
    accepted = "/".join(FIELD_SYNONYMS["text"])
    return f"no 'text' {what} (found: {shown}; accepted names: {accepted})"


def _read_jsonl(entry: FileEntry, text: str, warning: str) -> Iterator[RawDoc | Problem]:
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield Problem(entry.path, f"malformed JSON ({reason})", lineno)
            continue
        if not isinstance(record, dict):
            yield Problem(entry.path, f"not a JSON object (a {type(record).__name__})", lineno)
            continue
        fields = _field_map(list(record))
        if "text" not in fields:
            yield Problem(entry.path, _missing_text(list(record), "field"), lineno)
            continue
        yield _doc(entry, record, fields, lineno, warning)


def _read_csv(entry: FileEntry, text: str, warning: str) -> Iterator[RawDoc | Problem]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        yield Problem(entry.path, f"malformed CSV header ({exc or 'no rows'})")
        return
    fields = _field_map(header)
    if "text" not in fields:
        yield Problem(entry.path, _missing_text(header, "column"))
        return
    index = {name: i for i, name in reversed(list(enumerate(header)))}
    rows = 0
    while True:
        lineno = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Problem(entry.path, f"malformed CSV row ({exc})", lineno)
            return
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        if len(row) != len(header):
            yield Problem(entry.path, f"malformed row: {len(row)} fields, header has {len(header)}", lineno)
            continue
        record = {name: row[i] for name, i in index.items()}
        yield _doc(entry, record, fields, lineno, warning)
    if rows == 0:
        yield Problem(entry.path, "CSV file has a header but no rows")


def _read_html(entry: FileEntry, text: str, warning: str) -> Iterator[RawDoc | Problem]:
    try:
        import trafilatura
    except ImportError as exc:  # a broken install (e.g. lxml without lxml_html_clean)
        yield Problem(entry.path, f"HTML support unavailable ({exc})")
        return
    try:
        doc = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # noqa: BLE001 - malformed HTML must not stop the build
        yield Problem(entry.path, f"malformed HTML ({type(exc).__name__}: {exc})")
        return
    meta: dict[str, Any] = {}
    if doc is not None:
        meta = doc if isinstance(doc, dict) else doc.as_dict()
    body = _as_text(meta.get("text"))
    if not body:
        yield Problem(entry.path, "no article text found in HTML")
        return
    url, url_warning = _checked_url(_as_text(meta.get("url")), body)
    yield RawDoc(
        path=entry.path,
        text=body,
        title=_as_text(meta.get("title")),
        url=url,
        published=_as_text(meta.get("date")),
        source=_as_text(meta.get("sitename")),
        is_html=True,
        warnings=[w for w in (warning, url_warning) if w],
    )


def read_file(entry: FileEntry) -> Iterator[RawDoc | Problem]:
    """Read one file into :class:`RawDoc` records (one per JSONL line / CSV row, whose
    ``line`` is the 1-based line number), yielding a :class:`Problem` for the file or for
    each bad line/row.  Never raises for bad input."""
    got = _read_text(entry)
    if isinstance(got, Problem):
        yield got
        return
    text, warning = got
    kind = entry.kind
    if kind in ("txt", "md") and _HTML_START.match(text):  # a saved page with a .txt name
        kind = "html"
    if kind == "jsonl":
        yield from _read_jsonl(entry, text, warning)
    elif kind == "csv":
        yield from _read_csv(entry, text, warning)
    elif kind == "html":
        yield from _read_html(entry, text, warning)
    else:
        yield RawDoc(path=entry.path, text=text, url=url_in_text(text), warnings=[warning] if warning else [])


def iter_corpus(paths: Sequence[str], *, max_bytes: int = MAX_BYTES) -> Iterator[RawDoc | Problem]:
    """Every article under ``paths`` (:func:`iter_files` then :func:`read_file`), with a
    :class:`Problem` for each bad input in between."""
    for item in iter_files(paths, max_bytes=max_bytes):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_file(item)
