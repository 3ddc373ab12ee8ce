"""Where the team's shared material lives: ``../shared`` beside the repository (as on the
developers' machines and in CI), or ``$USMX_SHARED``.  Tests that need it skip with a reason
when it is absent (a user's clone has no ``shared/``)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("USMX_SHARED", ROOT.parent / "shared"))
PEER_DIR = SHARED / "peer"
CONFLIBERT = PEER_DIR / "conflibert_cameo_pentaclass.jsonl"
CODEBOOK = SHARED / "CODEBOOK.md"
