"""The development corpus of real articles: its committed manifest and offset-keyed gold are
well formed, and the evaluator reads offset-keyed gold (checking each span's hash).

The texts themselves are not in the repository (devcorpus/README.md): the tests that need them
skip with that reason when ``devcorpus/texts/`` is absent or incomplete."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import UsageError
from core.evaluate import check_gold, load_gold, read_manifest, span_sha

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "devcorpus"
TEXTS = DEV / "texts"
with (DEV / "manifest.tsv").open(encoding="utf-8", newline="") as _f:
    MANIFEST = list(csv.DictReader(_f, delimiter="\t"))


def _texts_present() -> bool:
    return all((TEXTS / f"{r['id']}.txt").is_file() for r in MANIFEST)


needs_texts = pytest.mark.skipif(not _texts_present(),
                                 reason="devcorpus/texts/ is absent or incomplete: re-pull it (devcorpus/README.md)")


def test_devcorpus_manifest_is_complete() -> None:
    ids = [r["id"] for r in MANIFEST]
    assert len(ids) >= 80 and len(set(ids)) == len(ids)
    assert len({r["url"] for r in MANIFEST}) == len(ids)
    assert sum(r["split"] == "test" for r in MANIFEST) >= 25
    assert {r["split"] for r in MANIFEST} == {"dev", "test"}
    assert len({r["outlet"] for r in MANIFEST}) >= 15
    for r in MANIFEST:
        assert len(r["sha256"]) == 64 and int(r["sha256"], 16) >= 0, r["id"]
        assert r["query"] and r["url"].startswith("http"), r["id"]
    recent = [r for r in MANIFEST if r["year"] and int(r["year"]) >= 2024]
    assert len(recent) >= 30


def test_devcorpus_gold_holds_no_article_text() -> None:
    for kind in ("articles", "events", "stances"):
        for line in (DEV / "gold" / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            assert not {"sentence", "quote", "title", "text"} & set(rec), rec["article"]
            if kind != "articles":
                assert rec["start"] < rec["end"] and len(rec["span_sha"]) == 12


def test_devcorpus_gold_names_only_manifest_articles() -> None:
    names = set(read_manifest(DEV / "manifest.tsv"))
    for kind in ("articles", "events", "stances"):
        for line in (DEV / "gold" / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines():
            assert json.loads(line)["article"] in names


@needs_texts
def test_devcorpus_texts_match_their_sha256() -> None:
    for r in MANIFEST:
        assert hashlib.sha256((TEXTS / f"{r['id']}.txt").read_bytes()).hexdigest() == r["sha256"], r["id"]


@needs_texts
def test_devcorpus_gold_spans_and_codes_are_valid() -> None:
    gold = load_gold(DEV / "gold", corpus=[TEXTS])  # raises on any changed span
    assert check_gold(gold) == []
    assert len(gold.articles) == len(MANIFEST)
    assert all(e.sentence for e in gold.events) and all(s.quote for s in gold.stances)


# ---------------------------------------------------------------- offset-keyed gold, on our own text

OWN = "Mexico extradited two suspects to the United States on Friday. The talks went well."


def _offset_gold(tmp: Path, *, sha: str | None = None) -> Path:
    corpus = tmp / "texts"
    corpus.mkdir()
    (corpus / "x01.txt").write_text(OWN, encoding="utf-8")
    gold = tmp / "gold"
    gold.mkdir()
    end = OWN.index(".") + 1
    event = {"article": "x01.txt", "start": 0, "end": end, "span_sha": sha or span_sha(OWN[:end]),
             "actor1": "Government of Mexico", "country1": "MX", "actor2": "Government of the United States",
             "country2": "US", "action": "TRANSFER", "polarity": "cooperation", "dyad": "gov",
             "modality": "asserted", "date_precision": "none"}
    (gold / "events.jsonl").write_text(json.dumps(event) + "\n", encoding="utf-8")
    (gold / "articles.jsonl").write_text(json.dumps({"article": "x01.txt", "date_precision": "none"}) + "\n",
                                         encoding="utf-8")
    (tmp / "manifest.tsv").write_text("id\tsplit\nx01\ttest\n", encoding="utf-8")
    return corpus


def test_evaluate_offset_gold_materialises_the_span(tmp_path: Path) -> None:
    corpus = _offset_gold(tmp_path)
    gold = load_gold(tmp_path / "gold", corpus=[corpus])
    assert gold.events[0].sentence == OWN[: OWN.index(".") + 1]


def test_evaluate_offset_gold_detects_a_changed_text(tmp_path: Path) -> None:
    corpus = _offset_gold(tmp_path, sha="000000000000")
    with pytest.raises(UsageError, match=r"events\.jsonl:1: .*text changed"):
        load_gold(tmp_path / "gold", corpus=[corpus])


def test_evaluate_offset_gold_needs_the_text(tmp_path: Path) -> None:
    _offset_gold(tmp_path)
    with pytest.raises(UsageError, match="re-pull"):
        load_gold(tmp_path / "gold", corpus=[tmp_path / "elsewhere"])


def test_evaluate_cli_scores_one_split(tmp_path: Path) -> None:
    corpus = _offset_gold(tmp_path)
    run = subprocess.run([sys.executable, "-m", "core", "evaluate", "--gold", str(tmp_path / "gold"),
                          "--corpus", str(corpus), "--split", "test"], capture_output=True, text=True,
                         cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "x01.txt" in run.stdout and "events" in run.stdout
    none = subprocess.run([sys.executable, "-m", "core", "evaluate", "--gold", str(tmp_path / "gold"),
                           "--corpus", str(corpus), "--split", "dev"], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert none.returncode == 2 and "no article in split 'dev'" in none.stderr
