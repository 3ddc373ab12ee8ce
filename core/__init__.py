"""usmx-frames: US–Mexico security relations as event and stance frames.

The public API::

    from core import build_frames
    frames = build_frames(["seeds/"])   # Frames with .articles .passages .events .stances
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.pipeline import Frames, build_frames

__all__ = ["Frames", "build_frames", "__version__"]


def __getattr__(name: str) -> Any:
    """``Frames`` and ``build_frames`` are imported on first use (PEP 562), so that
    ``python -m core --help`` and the other light commands do not import pandas."""
    if name in ("Frames", "build_frames"):
        from core import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'core' has no attribute {name!r}")
