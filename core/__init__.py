"""usmx-frames: US–Mexico security relations as event and stance frames.

The public API::

    from core import build_frames
    frames = build_frames(["seeds/"])   # Frames with .articles .passages .events .stances
"""

from __future__ import annotations

__version__ = "0.1.0"

from core.pipeline import Frames, build_frames

__all__ = ["Frames", "build_frames", "__version__"]
