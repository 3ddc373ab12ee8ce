"""Loaders for every supported format, encodings and hostile files (core/read.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core.read import FileEntry, iter_corpus, iter_files, read_file
from core.records import Problem, RawDoc

ARTICLE = (
    "Mexico and the United States agreed on Tuesday to expand joint patrols along the border. "
    "Officials said the plan would start next month."
)


def _read(*paths: Path, **kw: int) -> tuple[list[RawDoc], list[Problem]]:
    docs: list[RawDoc] = []
    problems: list[Problem] = []
    for item in iter_corpus([str(p) for p in paths], **kw):
        (problems if isinstance(item, Problem) else docs).append(item)  # type: ignore[arg-type]
    return docs, problems


def test_read_seeds_folder_sorted_with_fingerprints(seeds_dir: Path) -> None:
    entries = list(iter_files([str(seeds_dir)]))
    assert all(isinstance(e, FileEntry) for e in entries)
    files = [e for e in entries if isinstance(e, FileEntry)]
    assert [Path(e.path).name for e in files] == sorted(p.name for p in seeds_dir.iterdir())
    assert all(e.kind == "txt" and len(e.sha256) == 64 and e.size > 0 for e in files)
    docs, problems = _read(seeds_dir)
    assert len(docs) == 5 and problems == []
    assert docs[0].text.startswith("close\nclose\n\nSemainede4jours")


def test_read_paths_relative_to_cwd(seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(seeds_dir.parent)
    files = [e for e in iter_files(["seeds"]) if isinstance(e, FileEntry)]
    assert files[0].path == os.path.join("seeds", "000_e7d188ab2bf7eaa5.txt")
    assert os.path.isabs(files[0].abspath)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_read_plain_text(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"a{suffix}"
    path.write_bytes(("Title line\r\n\r\n" + ARTICLE + "\r\n").encode())
    docs, problems = _read(path)
    assert problems == []
    assert docs[0].text == "Title line\n\n" + ARTICLE + "\n"
    assert docs[0].line is None and not docs[0].is_html


def test_read_html_extracts_article_and_metadata(tmp_path: Path) -> None:
    html = f"""<html><head><title>Border pact | Daily Planet</title>
    <meta property="og:title" content="Border pact">
    <meta property="og:site_name" content="Daily Planet">
    <meta name="date" content="2024-05-01">
    <script>document.write("EVIL SCRIPT TEXT")</script><style>p {{color: red}}</style></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Border pact</h1><p>{ARTICLE}</p>
    <p>A second paragraph explains the plan in more detail for readers of the report.</p></article>
    <script>alert("more script")</script></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    docs, problems = _read(path)
    assert problems == []
    doc = docs[0]
    assert doc.is_html
    assert "agreed on Tuesday" in doc.text and "second paragraph" in doc.text
    assert "EVIL SCRIPT" not in doc.text and "alert" not in doc.text and "color" not in doc.text
    assert doc.title == "Border pact"
    assert doc.source == "Daily Planet"
    assert doc.published.startswith("2024-05-01")


def test_read_html_without_article_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "empty.htm"
    path.write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    docs, problems = _read(path)
    assert docs == [] and len(problems) == 1
    assert problems[0].path.endswith("empty.htm") and "no article text" in problems[0].reason


def test_read_jsonl_fields_case_insensitive_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"Text": ARTICLE, "TITLE": "Pact", "URL": "https://x.test/a", "Date": "2024-05-01",
                    "source": {"id": "dp", "name": "Daily Planet"}}),
        "",
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"headline": "no body here"}),
        json.dumps({"body": "Second article body, read from a synonym column.", "outlet": "Wire"}),
        json.dumps({"text": "   "}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, problems = _read(path)
    assert [(d.line, d.title, d.url, d.published, d.source) for d in docs] == [
        (1, "Pact", "https://x.test/a", "2024-05-01", "Daily Planet"),
        (6, "", "", "", "Wire"),
    ]
    assert docs[1].text.startswith("Second article")
    by_line = {p.line: p.reason for p in problems}
    assert set(by_line) == {3, 4, 5, 7}
    assert "malformed JSON" in by_line[3]
    assert "not a JSON object" in by_line[4]
    assert "no 'text' field" in by_line[5] and "headline" in by_line[5]
    assert "empty" in by_line[7]
    assert all(p.path.endswith("batch.jsonl") for p in problems)


def test_read_csv_rows_quoted_newlines_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        'ID,Title,Text,Published\n'
        f'1,Pact,"{ARTICLE}",2024-05-01\n'
        '2,Multi,"First line of a quoted cell.\nSecond line, still the same article.",2024-05-02\n'
        '3,Broken,too,many,fields\n'
        '4,Empty,,2024-05-03\n',
        encoding="utf-8",
    )
    docs, problems = _read(path)
    assert [(d.line, d.title) for d in docs] == [(2, "Pact"), (3, "Multi")]
    assert docs[1].text == "First line of a quoted cell.\nSecond line, still the same article."
    assert {p.line for p in problems} == {5, 6}
    assert any("fields" in p.reason for p in problems)


def test_read_csv_without_text_column_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "notext.csv"
    path.write_text("id,headline\n1,Hello\n", encoding="utf-8")
    docs, problems = _read(path)
    assert docs == []
    assert len(problems) == 1 and problems[0].line is None
    assert "notext.csv" in problems[0].message() and "no 'text' column" in problems[0].reason
    assert "headline" in problems[0].reason


def test_read_semicolon_csv(tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_text(f"title;text\nPact;{ARTICLE}\n", encoding="utf-8")
    docs, problems = _read(path)
    assert problems == [] and docs[0].title == "Pact"


def test_read_utf8_bom_is_not_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    docs, problems = _read(path)
    assert docs[0].text == ARTICLE and docs[0].warnings == [] and problems == []


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_read_legacy_encoding_decoded_with_warning(tmp_path: Path, encoding: str) -> None:
    text = "El presidente López Obrador dijo que la cooperación con Estados Unidos continúa."
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    docs, problems = _read(path)
    assert problems == []
    assert docs[0].text == text
    assert docs[0].warnings and "not UTF-8" in docs[0].warnings[0]


def test_read_cp1252_smart_quotes(tmp_path: Path) -> None:
    text = "“We coordinate,” Sheinbaum said — and the talks went on."
    path = tmp_path / "quotes.txt"
    path.write_bytes(text.encode("cp1252"))
    docs, _ = _read(path)
    assert docs[0].text == text


def test_read_removes_nul_and_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "ctrl.txt"
    path.write_bytes(b"Mexico\x00 and the\x07 US\x1b agreed.\r\nNext\rline\x0c.")
    docs, problems = _read(path)
    assert problems == []
    assert docs[0].text == "Mexico and the US agreed.\nNext\nline."


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t", "empty"),
        ("random.txt", bytes(range(256)) * 40, "binary"),
        ("doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("pic.md", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "PNG"),
    ],
)
def test_read_hostile_files_are_problems(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    docs, problems = _read(tmp_path)
    assert [Path(d.path).name for d in docs] == ["good.txt"]
    assert len(problems) == 1 and Path(problems[0].path).name == name
    assert reason in problems[0].reason
    assert problems[0].severity == "error"


def test_read_oversized_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 10, encoding="utf-8")
    docs, problems = _read(path, max_bytes=100)
    assert docs == [] and "too large" in problems[0].reason


def test_read_unsupported_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    docs, problems = _read(tmp_path)
    assert [Path(d.path).name for d in docs] == ["a.txt"]
    assert [(Path(p.path).name, p.severity) for p in problems] == [("notes.docx", "warning")]
    # named explicitly, an unsupported file is an error
    _, explicit = _read(tmp_path / "notes.docx")
    assert explicit[0].severity == "error" and "unsupported" in explicit[0].reason


def test_read_missing_path_and_symlink_loop(tmp_path: Path) -> None:
    sub = tmp_path / "corpus" / "sub"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink(tmp_path / "corpus", sub / "loop")
    docs, problems = _read(tmp_path / "corpus", tmp_path / "nope")
    assert len(docs) == 1
    reasons = [p.reason for p in problems]
    assert any("symlink loop" in r for r in reasons)
    assert any("no such file" in r for r in reasons)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_read_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    docs, problems = _read(path)
    assert docs == [] and "cannot read" in problems[0].reason


def test_read_file_streams_one_entry(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text("\n".join(json.dumps({"text": f"Article number {i}."}) for i in range(3)), encoding="utf-8")
    entry = next(e for e in iter_files([str(path)]) if isinstance(e, FileEntry))
    assert entry.kind == "jsonl"
    docs = list(read_file(entry))
    assert [d.line for d in docs if isinstance(d, RawDoc)] == [1, 2, 3]


def test_read_html_saved_as_txt_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(f"<!DOCTYPE html><html><head><title>Pact</title><script>var a=1;</script></head>"
                    f"<body><article><p>{ARTICLE}</p><p>{ARTICLE} Again, in other words.</p></article>"
                    f"</body></html>", encoding="utf-8")
    docs, problems = _read(path)
    assert problems == [] and docs[0].is_html
    assert "<" not in docs[0].text and "var a" not in docs[0].text and "agreed on Tuesday" in docs[0].text
