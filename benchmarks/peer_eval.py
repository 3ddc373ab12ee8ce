"""Polarity accuracy and coverage of the sentence API on the outside labelled sets.

    python benchmarks/peer_eval.py [--peer DIR] [--set NAME ...] [--split train|test|all]
                                   [--misses N]

For every English set in ../shared/peer (and each split of the ConfliBERT set) it prints:
n (records with a cooperation/friction label), coverage (share given a non-neutral polarity),
accuracy (share right among those), and for records labelled "none" the share we call neutral.
Develop on ``--split train`` only; the ConfliBERT test split is for the closing report.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.sentence_api import code_sentence  # noqa: E402

ENGLISH = (
    "conflibert_cameo_pentaclass",
    "petrarch2_validation",
    "ud_petrarch_validate_records_2_02",
    "petrarch2_gsr_validation",
    "plover_gsr_cameo_examples",
    "icews_cameo_codebook_examples",
)


def evaluate(records: list[dict], *, misses: int = 0) -> dict[str, float]:
    """Score the sentence API on ``records`` (each with text and polarity)."""
    n = covered = right = none_n = none_ok = 0
    shown = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for rec in records:
        gold = rec.get("polarity") or "none"
        got = code_sentence(rec["text"])["polarity"]
        if gold not in ("cooperation", "friction"):
            none_n += 1
            none_ok += got == "neutral"
            continue
        n += 1
        confusion[(gold, got)] += 1
        if got != "neutral":
            covered += 1
            right += got == gold
        if misses and got != gold and shown < misses:
            shown += 1
            print(f"    MISS gold={gold} got={got}: {rec['text'][:160]}")
    return {
        "n": n,
        "coverage": covered / n if n else 0.0,
        "accuracy": right / covered if covered else 0.0,
        "none_n": none_n,
        "none_neutral": none_ok / none_n if none_n else 0.0,
        **{f"{g}->{p}": float(v) for (g, p), v in sorted(confusion.items())},
    }


def main(argv: list[str]) -> int:
    """Print the figures per set and split."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--peer", default=str(Path(__file__).resolve().parents[2] / "shared" / "peer"))
    ap.add_argument("--set", action="append", dest="sets")
    ap.add_argument("--split", default="all", choices=("train", "test", "all"))
    ap.add_argument("--misses", type=int, default=0, help="print up to N misclassified sentences")
    args = ap.parse_args(argv)
    peer = Path(args.peer)
    for name in args.sets or ENGLISH:
        path = peer / f"{name}.jsonl"
        if not path.exists():
            print(f"{name}: missing ({path})")
            continue
        recs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        splits = sorted({r.get("split") or "all" for r in recs})
        for split in splits:
            if args.split != "all" and split not in (args.split, "all"):
                continue
            part = [r for r in recs if (r.get("split") or "all") == split]
            t0 = time.perf_counter()
            res = evaluate(part, misses=args.misses)
            dt = time.perf_counter() - t0
            extra = f"  none→neutral {res['none_neutral']:.2f} (n={res['none_n']})" if res["none_n"] else ""
            print(f"{name:38s} {split:5s} n={res['n']:5d}  coverage {res['coverage']:.3f}  "
                  f"accuracy {res['accuracy']:.3f}{extra}  ({dt * 1000 / max(1, len(part)):.2f} ms/sentence)")
            overlap = [r for r in part
                       if not any("cameo_code_from_icews_codebook" in e for e in r.get("expected") or [])]
            if name.startswith("conflibert") and len(overlap) < len(part):
                # ~263 ConfliBERT sentences repeat ICEWS/PLOVER examples (a development set here)
                sub = evaluate(overlap)
                print(f"{'  without ICEWS/PLOVER overlap':38s} {split:5s} n={sub['n']:5d}  coverage "
                      f"{sub['coverage']:.3f}  accuracy {sub['accuracy']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
