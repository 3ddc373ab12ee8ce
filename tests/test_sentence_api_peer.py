"""The sentence API against an outside labelled set (ConfliBERT TRAIN split only: the test split
is reported by benchmarks/peer_eval.py, never used to develop or test against)."""

from __future__ import annotations

import json

import pytest

from core.sentence_api import code_sentence
from tests.shared_paths import CONFLIBERT

pytestmark = pytest.mark.slow  # (run by .ci/run's second pytest: python -m pytest -m slow)

PEER = CONFLIBERT


@pytest.mark.skipif(not PEER.exists(), reason="outside peer set not available on this machine")
def test_sentence_api_peer_train_polarity_targets() -> None:
    recs = [json.loads(line) for line in PEER.open(encoding="utf-8") if line.strip()]
    train = [r for r in recs if r.get("split") == "train"]
    assert len(train) > 1000
    covered = right = 0
    for r in train:
        got = code_sentence(r["text"])["polarity"]
        if got != "neutral":
            covered += 1
            right += got == r["polarity"]
    coverage, accuracy = covered / len(train), right / covered
    assert coverage >= 0.80, coverage
    assert accuracy >= 0.85, accuracy
