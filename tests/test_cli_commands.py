"""The command line in a subprocess (core/cli.py): exit codes, problems, export."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.slow  # (run by .ci/run's second pytest: python -m pytest -m slow)

GOOD = "Mexican and US officials met on Monday to discuss border security. They agreed to meet again."


def _store_articles(store: Path) -> pd.DataFrame:
    return pd.read_parquet(store / "articles.parquet")


def test_cli_build_seeds_exit_0(run_cli, seeds_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli("build", "--corpus", str(seeds_dir), "--out", "store")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "\r" not in proc.stderr  # no progress bar when stderr is not a terminal
    assert "wrote store: 5 articles" in proc.stderr
    store = tmp_path / "store"
    articles = _store_articles(store)
    assert len(articles) == 5
    titles = set(articles["title"])
    assert "Mexico and US Strengthen Cooperation on Cross-Border Crime" in titles
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["articles"] == 5
    assert len(manifest["inputs"]) == 5
    assert all(len(i["sha256"]) == 64 and i["article_ids"] for i in manifest["inputs"])
    assert manifest["problems"] == []
    passages = pd.read_parquet(store / "passages.parquet")
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    for row in passages.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text


def test_cli_build_bad_inputs_exit_1_and_listed(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (corpus / "latin.txt").write_bytes("La cooperación de México con Estados Unidos sigue.".encode("latin-1"))
    (corpus / "rows.jsonl").write_text(json.dumps({"text": "A JSONL article about the border."}) + "\n{broken\n",
                                       encoding="utf-8")
    (corpus / "notext.csv").write_text("id,headline\n1,Hi\n", encoding="utf-8")
    (corpus / "page.html").write_text(
        f"<html><head><script>alert('x')</script></head><body><article><p>{GOOD}</p>"
        f"<p>{GOOD} More words so that the extractor keeps this paragraph.</p></article></body></html>",
        encoding="utf-8")
    proc = run_cli("build", "--corpus", "corpus", "--out", "store")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    err = proc.stderr.splitlines()
    assert any(line.startswith("corpus/empty.txt: empty file") for line in err)
    assert any(line.startswith("corpus/binary.txt: binary") for line in err)
    assert any(line.startswith("corpus/rows.jsonl:2: malformed JSON") for line in err)
    assert any(line.startswith("corpus/notext.csv: no 'text' column") for line in err)
    assert any(line.startswith("corpus/latin.txt: warning: not UTF-8") for line in err)
    manifest = json.loads((tmp_path / "store" / "manifest.json").read_text(encoding="utf-8"))
    problems = {(p["path"], p["line"]): p for p in manifest["problems"]}
    assert ("corpus/rows.jsonl", 2) in problems and ("corpus/empty.txt", None) in problems
    assert problems[("corpus/latin.txt", None)]["severity"] == "warning"
    paths = set(_store_articles(tmp_path / "store")["path"])
    assert {"corpus/good.txt", "corpus/latin.txt", "corpus/rows.jsonl:1", "corpus/page.html"} <= paths


def test_cli_build_duplicate_article_reported(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "b.txt").write_text(GOOD.replace(" ", "  ") + "\r\n", encoding="utf-8")
    proc = run_cli("build", "--corpus", "corpus", "--out", "store")
    assert proc.returncode == 0, proc.stderr
    assert "corpus/b.txt: warning: duplicate of corpus/a.txt" in proc.stderr
    assert len(_store_articles(tmp_path / "store")) == 1


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ((), "COMMAND"),
        (("build", "--out", "store"), "--corpus"),
        (("build", "--corpus", "missing-folder", "--out", "store"), "not found: missing-folder"),
        (("export", "--store", "store", "--format", "xlsx", "--out", "x"), "invalid choice"),
        (("frobnicate",), "invalid choice"),
        (("build", "--corpus", ".", "--out", "afile.txt"), "not a folder"),
    ],
)
def test_cli_usage_errors_exit_2(run_cli, tmp_path: Path, args: tuple[str, ...], needle: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "afile.txt").write_text("x", encoding="utf-8")
    proc = run_cli(*args)
    assert proc.returncode == 2, proc.stderr
    assert needle in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_help_exit_0(run_cli) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli("--help")
    assert proc.returncode == 0
    for command in ("build", "export", "code", "evaluate"):
        assert command in proc.stdout


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_cli_export_formats(run_cli, seeds_dir: Path, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(seeds_dir, tmp_path / "seeds")
    assert run_cli("build", "--corpus", "seeds", "--out", "store").returncode == 0
    proc = run_cli("export", "--store", "store", "--format", fmt, "--out", "exported")
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in (tmp_path / "exported").iterdir())
    assert names == sorted([f"{n}.{fmt}" for n in ("articles", "passages", "events", "stances")] + ["manifest.json"])
    path = tmp_path / "exported" / f"passages.{fmt}"
    df = {"csv": pd.read_csv, "parquet": pd.read_parquet}.get(fmt, lambda p: pd.read_json(p, lines=True))(path)
    assert len(df) == len(pd.read_parquet(tmp_path / "store" / "passages.parquet")) > 0


def test_cli_export_corrupt_store_exit_1_with_hint(run_cli, seeds_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("build", "--corpus", str(seeds_dir), "--out", "store").returncode == 0
    (tmp_path / "store" / "manifest.json").write_text("{", encoding="utf-8")
    proc = run_cli("export", "--store", "store", "--format", "csv", "--out", "x")
    assert proc.returncode == 1
    assert "manifest.json cannot be read" in proc.stderr and "Rebuild it with" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(importlib.util.find_spec("core.sentence_api") is None,
                    reason="core.sentence_api (the coding helper's module) does not exist yet")
def test_cli_code_delegates_help(run_cli) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli("code", "--help")
    assert proc.returncode == 0
    assert "--jsonl" in proc.stdout


@pytest.mark.skipif(importlib.util.find_spec("core.evaluate") is None,
                    reason="core.evaluate (the evaluation helper's module) does not exist yet")
def test_cli_evaluate_delegates_help(run_cli) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli("evaluate", "--help")
    assert proc.returncode == 0
    assert "--gold" in proc.stdout
