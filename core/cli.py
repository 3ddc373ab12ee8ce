"""The command line: ``python -m core build|export|code|evaluate``.

Exit status: 0 when every input was read, 1 when some inputs were skipped (or a command
failed, e.g. a corrupt store), 2 for usage errors.  Bad input never produces a traceback:
each bad file or row is one line on stderr (``path[:line]: reason``) and an entry under
``problems`` in ``manifest.json``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from core import __version__
from core.errors import CoreError, UsageError
from core.records import Problem

_DELEGATES: dict[str, tuple[str, str]] = {
    "code": ("core.sentence_api", "code single sentences from JSONL (see: python -m core code --help)"),
    "evaluate": ("core.evaluate", "score the frames against gold labels (see: python -m core evaluate --help)"),
    "check-data": ("core.validate", "check every data file (knowledge base, lexicons); list every problem"),
}


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises :class:`UsageError` instead of exiting."""

    def error(self, message: str) -> Any:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}\n{self.format_usage().strip()}")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``build`` and ``export`` commands (and the list of all)."""
    parser = _Parser(
        prog="python -m core",
        description="US–Mexico security relations: event and stance frames from news articles.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    build = sub.add_parser("build", help="read a corpus and write the frames store")
    build.add_argument("--corpus", action="append", required=True, metavar="PATH",
                       help="file or folder of articles (.txt .md .html .jsonl .csv); repeatable")
    build.add_argument("--out", required=True, metavar="DIR", help="store folder to (re)write")
    build.add_argument("--executor", choices=("auto", "serial", "processes", "dask"), default="auto",
                       help="run articles in this process (serial), on local worker processes "
                            "(processes), or on Dask workers (dask); auto (default): processes "
                            "for a corpus over 2 MB when there are several CPUs, else serial")
    build.add_argument("--workers", type=int, default=None, metavar="N",
                       help="worker processes (processes) or Dask workers of the local cluster (dask)")
    build.add_argument("--scheduler", default=None, metavar="ADDRESS", help="existing Dask scheduler address")
    build.add_argument("--full", action="store_true", help="rebuild everything (ignore the previous store)")
    build.add_argument("--max-mb", type=float, default=20.0, metavar="N",
                       help="skip input files larger than N megabytes (default 20)")
    export = sub.add_parser("export", help="write a store's frames as CSV, Parquet or JSON Lines")
    export.add_argument("--store", required=True, metavar="DIR")
    export.add_argument("--format", required=True, choices=("csv", "parquet", "jsonl"))
    export.add_argument("--out", required=True, metavar="DIR")
    export.add_argument("--corrected", action="store_true",
                        help="write the frames with the analysts' corrections applied (the corrections"
                             " file beside the store is exported as corrections.FORMAT either way)")
    for name, (_module, help_text) in _DELEGATES.items():
        sub.add_parser(name, help=help_text, add_help=False)
    return parser


def _print_problem(p: Problem) -> None:
    tag = "" if p.severity == "error" else "warning: "
    where = p.path if p.line is None else f"{p.path}:{p.line}"
    lines = p.reason.splitlines() or [""]
    more = f" (+{len(lines) - 1} more lines in manifest.json)" if len(lines) > 1 else ""
    print(f"{where}: {tag}{lines[0].strip()}{more}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    """``build``: read the corpus, write the store, report problems.  Returns the exit code."""
    from core.pipeline import build_frames
    from core.progress import ProgressBar
    from core.store import load_store, write_store

    paths: list[str] = list(args.corpus)
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        raise UsageError(f"--corpus path not found: {', '.join(missing)}")
    if args.max_mb <= 0:
        raise UsageError("--max-mb must be a positive number")
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: exists and is not a folder; choose another --out")
    previous = None
    if not args.full and out.is_dir() and (out / "manifest.json").is_file():
        try:
            previous = load_store(out)
        except CoreError as exc:
            print(f"warning: previous store not reused ({exc})", file=sys.stderr)
    bar = ProgressBar(sys.stderr)
    try:
        frames = build_frames(
            paths,
            progress=bar,
            executor=args.executor,
            workers=args.workers,
            scheduler=args.scheduler,
            previous=previous,
            max_bytes=int(args.max_mb * 1024 * 1024),
        )
    finally:
        bar.close()
    frames.manifest.setdefault("corpus", paths)
    write_store(frames, out)
    for p in frames.problems:
        _print_problem(p)
    errors = sum(1 for p in frames.problems if p.severity == "error")
    warnings = len(frames.problems) - errors
    print(
        f"wrote {out}: {len(frames.articles)} articles, {len(frames.passages)} passages, "
        f"{len(frames.events)} events, {len(frames.stances)} stances; "
        f"{errors} input(s) skipped, {warnings} warning(s)",
        file=sys.stderr,
    )
    return 1 if errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    """``export``: write a store's frames in another format, with the analysts' corrections
    beside them (``--corrected``: applied to the frames).  A corrections file that cannot be
    read is reported (exit status 1) and the frames are written without it.  Returns the
    exit code."""
    from core.corrections import export_with_corrections

    written, error = export_with_corrections(args.store, fmt=args.format, out=args.out,
                                             corrected=bool(args.corrected))
    for path in written:
        print(path)
    if error is not None:
        print(f"error: {error}; the frames were exported without corrections", file=sys.stderr)
        return 1
    return 0


def _delegate(command: str, rest: list[str]) -> int:
    module_name = _DELEGATES[command][0]
    import importlib

    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise CoreError(f"'{command}' is not available yet ({module_name} is missing)") from exc
    result = module.main(rest)
    return int(result or 0)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in _DELEGATES:
            return _delegate(args_list[0], args_list[1:])
        parser = build_parser()
        try:
            args = parser.parse_args(args_list)
        except SystemExit as exc:  # --help / --version
            return int(exc.code or 0) if not isinstance(exc.code, str) else 2
        if args.command == "build":
            return cmd_build(args)
        if args.command == "export":
            return cmd_export(args)
        raise UsageError(f"unknown command {args.command!r}")
    except CoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # noqa: BLE001 - last resort: one line, no traceback for users
        if os.environ.get("USMX_DEBUG"):
            import traceback

            traceback.print_exc()
        print(f"internal error: {type(exc).__name__}: {exc} (set USMX_DEBUG=1 for details)", file=sys.stderr)
        return 1
