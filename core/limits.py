"""One place for the size and time limits that keep hostile input from stalling a build.

Article text comes from arbitrary web pages: a file may be huge, a "sentence" may be a
five-megabyte line without a single space.  The readers skip files over
:data:`MAX_FILE_BYTES` (configurable per build: ``build --max-mb N`` or the ``max_bytes``
keyword); the stages after them keep every pattern bounded so that their run time grows
linearly with the text.  The tests in ``tests/test_robustness_*.py`` hold each stage to
:data:`STAGE_SECONDS_PER_MB` on adversarial text.
"""

from __future__ import annotations

MB = 1024 * 1024

MAX_FILE_MB = 20
"""Default size limit of one input file, in megabytes (``build --max-mb`` overrides it)."""

MAX_FILE_BYTES = MAX_FILE_MB * MB
"""Default size limit of one input file, in bytes."""

MAX_UPLOAD_MB = 50
"""Size limit of one file uploaded to the dashboard (``server.maxUploadSize``)."""

MAX_PASSAGE_CHARS = 2000
"""A longer run of text without a sentence end is cut into passages of at most this many
characters (at a space where there is one), so that no single "sentence" makes the
per-sentence stages slow."""

STAGE_SECONDS_PER_MB = 15.0
"""The time budget of one pipeline stage on one megabyte of adversarial text: a guard against
super-linear behaviour (a quadratic stage takes hours on a megabyte), not a speed target
(speed is measured in the benchmarks).  The slowest linear stage took 6 s on a megabyte of
"A. A. A. …" on the shared 2-core machine (2026-12-02), over the 5 s it was set to before."""


def mb_to_bytes(mb: float) -> int:
    """A size in megabytes (as given on the command line) in bytes; ``mb`` must be > 0."""
    if mb <= 0:
        raise ValueError(f"a size limit must be positive, not {mb}")
    return int(mb * MB)


def file_too_big(size: int, *, max_bytes: int = MAX_FILE_BYTES) -> str | None:
    """The reason to skip a file of ``size`` bytes, or ``None`` when it is within the limit.

    The reason says how big the file is, what the limit is and how to raise it.
    """
    if size <= max_bytes:
        return None
    return (
        f"file is {size / MB:.1f} MB, over the {max_bytes / MB:g} MB limit "
        "(skipped; raise the limit with --max-mb)"
    )
