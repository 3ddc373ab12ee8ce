"""Fuzz the reader with malformed files: random bytes in every format, JSONL and CSV files
mixing good rows with broken ones.

The reader never raises; every good row lands as a RawDoc with its line number; every
bad one is a Problem that names the file (and the line).
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robustness_support import CASE_SECONDS, FUZZ_EXAMPLES, budget, hostile_text

from core.records import Problem, RawDoc

pytestmark = pytest.mark.slow  # (run by .ci/run's second pytest: python -m pytest -m slow)

FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)




def read_all(path: Path, **kw: Any) -> list[RawDoc | Problem]:
    read = importlib.import_module("core.read")
    with budget(CASE_SECONDS, f"iter_corpus on {path.name}"):
        items = list(read.iter_corpus([str(path)], **kw))
    for it in items:
        assert isinstance(it, RawDoc | Problem), f"iter_corpus yielded {type(it).__name__}"
        if isinstance(it, Problem):
            assert path.name in it.path, f"problem does not name the file: {it.message()}"
            assert it.reason.strip() and "\n" not in it.message().rstrip("\n")
        else:
            assert "\x00" not in it.text
            for name in ("text", "title", "url", "published", "source", "path"):
                getattr(it, name).encode("utf-8")  # no lone surrogates: they would break the store
            assert it.text.strip(), "an empty article was read instead of reported"
    return items


@FUZZ
@given(data=st.binary(max_size=4000), ext=st.sampled_from(["txt", "md", "html", "htm", "jsonl", "csv"]))
def test_fuzz_files_random_bytes_never_raise(data: bytes, ext: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"random.{ext}"
        path.write_bytes(data)
        items = read_all(path)
    assert items, "a file yielded neither an article nor a problem"


# good rows: plain words, so that cleaning cannot empty them
GOOD_TEXT = st.lists(st.sampled_from(["Mexico", "and", "the", "U.S.", "agreed", "said", "Salazar", "é", "日本",
                                      "“quoted”", "50%", "a,b", 'say "hi"']),
                     min_size=3, max_size=30).map(" ".join)

def no_c0(max_pieces: int) -> st.SearchStrategy[str]:
    """Hostile text without C0 control characters (nor line breaks)."""
    return hostile_text(max_pieces).map(lambda s: "".join(c for c in s if c >= " " or c == "\t"))


BAD_JSONL_LINES = st.one_of(
    st.sampled_from([
        "{", "}", "[]", "null", "42", '"text"', "{'text': 'single quotes'}", '{"text": }',
        '{"text": null}', '{"text": 42}', '{"text": ["a", "b"]}', '{"text": {"a": 1}}', '{"title": "no text"}',
        '{"text": ""}', '{"text": "   "}', '{"text": "\\u0000\\u0000"}', '{"text": "lone \\ud800 surrogate"}',
        '{"text": "x", "text": 5}', '{"TEXT": 7}', "\ufeff{",
        "[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000,
        '{"text": "' + "x" * 10 + '"', "NaN", "Infinity", '{"text": NaN}',
    ]),
    # (C0 control bytes are left to the test below: in a tiny file a few of them rightly make
    # the whole file look binary)
    no_c0(20),
)


@st.composite
def jsonl_file(draw: st.DrawFn) -> tuple[str, dict[int, str]]:
    """A JSONL file text and {line number: text} of its good rows."""
    lines: list[str] = []
    good: dict[int, str] = {}
    for _ in range(draw(st.integers(1, 12))):
        if draw(st.booleans()):
            text = draw(GOOD_TEXT)
            row: dict[str, Any] = {"text": text}
            if draw(st.booleans()):
                row["title"] = draw(hostile_text(5))
            if draw(st.booleans()):
                row["published"] = draw(st.one_of(st.dates().map(str), hostile_text(4)))
            if draw(st.booleans()):
                row["extra"] = draw(st.one_of(st.integers(), st.none(), st.lists(st.integers())))
            # raw U+2028 / U+2029 inside a JSON string are legal and must not split the line
            ensure_ascii = draw(st.booleans())
            if draw(st.booleans()):
                row["text"] = text = text + "\u2028" + text
            lines.append(json.dumps(row, ensure_ascii=ensure_ascii))
            good[len(lines)] = text
        else:
            bad = draw(BAD_JSONL_LINES)
            lines.append(bad)
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return ending.join(lines) + draw(st.sampled_from(["", ending])), good


@FUZZ
@given(case=jsonl_file())
def test_fuzz_files_jsonl_good_rows_land(case: tuple[str, dict[int, str]]) -> None:
    content, good = case
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "mixed.jsonl"
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
        items = read_all(path)
    docs = {it.line: it for it in items if isinstance(it, RawDoc)}
    for line, text in good.items():
        assert line in docs, f"good row on line {line} was lost: {text!r}; got {items!r}"[:2000]
        assert docs[line].text.split() == text.split(), f"line {line}: {docs[line].text!r} != {text!r}"


def test_fuzz_files_jsonl_line_with_nul_bytes_loses_only_that_line(tmp_path: Path) -> None:
    good = [json.dumps({"text": f"Mexico and the United States agreed on point {i}."}) for i in range(60)]
    lines = good[:30] + ['{"text": "corrupt\x00\x00\x00 line"}', "\x00" * 20] + good[30:]
    path = tmp_path / "nul.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = [it for it in read_all(path) if isinstance(it, RawDoc)]
    assert len(docs) >= 60
    assert all("\x00" not in d.text for d in docs)


@st.composite
def csv_file(draw: st.DrawFn) -> tuple[str, dict[int, str], bool]:
    """A CSV file text, {row number: text} of its good rows, and whether it has a text column."""
    has_text = draw(st.booleans()) or draw(st.booleans())
    header = ["title", "Text" if draw(st.booleans()) else "text", "url"] if has_text else ["title", "body_x"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    w.writerow(header)
    good: dict[int, str] = {}
    raw_lines: list[str] = []
    for i in range(draw(st.integers(0, 10))):
        kind = draw(st.sampled_from(["good", "good", "long", "short_row", "long_row", "empty", "hostile"]))
        if kind in ("good", "long"):
            text = draw(GOOD_TEXT)
            if kind == "long":  # longer than csv's default field_size_limit (131072)
                text = (text + " ") * (200_000 // len(text) + 1)
            w.writerow([draw(no_c0(4)), text, "https://example.com/" + str(i)])
            good[i + 1] = text.strip()
        elif kind == "short_row":
            w.writerow([draw(no_c0(4))])
        elif kind == "long_row":
            w.writerow(["t", draw(GOOD_TEXT), "u", "extra", "more"])
        elif kind == "empty":
            w.writerow(["", "", ""])
        else:
            w.writerow([draw(no_c0(6)), draw(no_c0(10)), draw(no_c0(3))])
        raw_lines.append(kind)
    content = buf.getvalue()
    if draw(st.booleans()):
        content += draw(st.sampled_from(['"unterminated, quote\n', '"",""\n', "a;b;c\n", "\ufeff,\n"]))
    return content, good, has_text


@FUZZ
@given(case=csv_file())
def test_fuzz_files_csv_good_rows_land(case: tuple[str, dict[int, str], bool]) -> None:
    content, good, has_text = case
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "mixed.csv"
        path.write_text(content, encoding="utf-8", newline="")
        items = read_all(path)
    docs = [it for it in items if isinstance(it, RawDoc)]
    if not has_text:
        assert not docs and any(isinstance(p, Problem) for p in items), "a CSV without a text column"
        return
    landed = {" ".join(d.text.split()) for d in docs}
    for row, text in good.items():
        assert " ".join(text.split()) in landed, f"good row {row} was lost ({len(text)} chars)"


@pytest.mark.parametrize("depth", [10, 200, 1_000, 100_000])
def test_fuzz_files_deeply_nested_html_is_read_or_reported(tmp_path: Path, depth: int) -> None:
    from robustness_support import nested_html

    path = tmp_path / f"nested_{depth}.html"
    path.write_text(nested_html(depth), encoding="utf-8")
    items = read_all(path)
    assert len(items) == 1
    if depth <= 200:  # deeper than libxml2's nesting limit (256) the text may be lost: reported, not fatal
        assert isinstance(items[0], RawDoc) and "agreed" in items[0].text, items[0]


def test_fuzz_files_size_limit_skips_big_file_with_message(tmp_path: Path) -> None:
    read = importlib.import_module("core.read")
    small = tmp_path / "small.txt"
    small.write_text("Mexico and the United States agreed to share intelligence.", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("Mexico said. " * 20_000, encoding="utf-8")  # 260 kB
    items = list(read.iter_corpus([str(tmp_path)], max_bytes=100_000))
    problems = [it for it in items if isinstance(it, Problem)]
    docs = [it for it in items if isinstance(it, RawDoc)]
    assert [Path(d.path).name for d in docs] == ["small.txt"]
    assert len(problems) == 1 and "big.txt" in problems[0].path
    assert "MB" in problems[0].reason or "limit" in problems[0].reason.lower()


def test_fuzz_files_default_size_limit_is_20_mb() -> None:
    import inspect

    from core import limits

    read = importlib.import_module("core.read")
    default = inspect.signature(read.iter_corpus).parameters["max_bytes"].default
    assert default == limits.MAX_FILE_BYTES == 20 * 1024 * 1024


def test_fuzz_files_jsonl_raw_line_separator_inside_string_is_one_row(tmp_path: Path) -> None:
    """Regression: U+2028/U+2029/NEL are legal raw inside JSON strings; the reader used to
    split JSONL lines on them (normalising line ends before splitting) and lost the row."""
    path = tmp_path / "sep.jsonl"
    rows = [{"text": "Mexico agreed.\u2028The U.S. said so."}, {"text": "Second\u2029row\x85here."}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    docs = [it for it in read_all(path) if isinstance(it, RawDoc)]
    assert [d.line for d in docs] == [1, 2]
    assert docs[0].text.split() == ["Mexico", "agreed.", "The", "U.S.", "said", "so."]


def test_fuzz_files_jsonl_lone_surrogate_escape_is_dropped(tmp_path: Path) -> None:
    """Regression: a JSON escape such as \\ud800 decodes to a lone surrogate, which cannot be
    written to the store (UnicodeEncodeError); the reader removes it."""
    path = tmp_path / "surrogate.jsonl"
    path.write_text('{"text": "Mexico \\ud800agreed.", "title": "\\udfff"}\n', encoding="utf-8")
    docs = [it for it in read_all(path) if isinstance(it, RawDoc)]
    assert len(docs) == 1 and docs[0].text == "Mexico agreed."
