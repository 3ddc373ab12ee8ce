"""Reference frames for refactoring: build corpora and save their frames, then show that a
changed checkout builds the very same frames.

    python scripts/reference_frames.py save OUT_DIR PATH [PATH ...]     # before a change
    python scripts/reference_frames.py check OUT_DIR PATH [PATH ...]    # after it: same frames?

``save`` writes one JSONL file per frame (rows in frame order, every column) and the peer
sentences' codes (``peer.jsonl``, from ``../shared/peer``) to ``OUT_DIR``; ``check`` builds
the same inputs with the current code and lists every frame whose rows differ (the first few
differing rows of each).  Paths are built one at a time, each into ``OUT_DIR/<n>/``.  Nothing
of an article's text is written anywhere but ``OUT_DIR``; keep it outside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

FRAMES = ("articles", "passages", "events", "stances")


def _rows(frame: Any) -> list[str]:
    return [json.dumps(r, sort_keys=True, default=str, ensure_ascii=False)
            for r in frame.astype(object).where(frame.notna(), None).to_dict("records")]


def _peer_rows() -> list[str]:
    from core.sentence_api import code_sentence

    shared = Path(os.environ.get("USMX_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    out: list[str] = []
    for path in sorted((shared / "peer").rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            text = rec.get("sentence") or rec.get("text") or ""
            if not text:
                continue
            coded = code_sentence(text)
            out.append(json.dumps({"file": path.name, "text": text[:80], "coded": coded},
                                  sort_keys=True, default=str, ensure_ascii=False))
    return out


def _outputs(paths: list[str]) -> dict[str, list[str]]:
    from core.pipeline import build_frames

    out: dict[str, list[str]] = {}
    for n, path in enumerate(paths):
        frames = build_frames([path])
        for name in FRAMES:
            out[f"{n}/{name}"] = _rows(getattr(frames, name))
        out[f"{n}/problems"] = [f"{p.path}|{p.line}|{p.severity}|{p.reason}" for p in frames.problems]
    out["peer"] = _peer_rows()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=("save", "check"))
    ap.add_argument("out", type=Path)
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args(argv)
    got = _outputs(args.paths)
    if args.mode == "save":
        for key, rows in got.items():
            target = args.out / f"{key}.jsonl"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("\n".join(rows), encoding="utf-8")
        print(f"saved {sum(len(r) for r in got.values())} rows in {len(got)} files to {args.out}")
        return 0
    bad = 0
    for key, rows in got.items():
        target = args.out / f"{key}.jsonl"
        old = target.read_text(encoding="utf-8").split("\n") if target.exists() else []
        old = [r for r in old if r]
        if old == rows:
            print(f"same  {key}: {len(rows)} rows")
            continue
        bad += 1
        print(f"DIFF  {key}: {len(old)} rows before, {len(rows)} now")
        shown = 0
        for i, (a, b) in enumerate(zip(old, rows, strict=False)):
            if a != b and shown < 3:
                print(f"   row {i}:\n     before {a[:300]}\n     now    {b[:300]}")
                shown += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
