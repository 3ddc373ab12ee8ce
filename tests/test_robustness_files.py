"""Odd and hostile files in a corpus are reported, never fatal (the real CLI in a subprocess).

The corpus mixes good articles (some under odd names: spaces, unicode, a newline, a
leading dash, bytes that are not UTF-8) with symlink loops, a dangling symlink, a FIFO
(opening one blocks forever), a file whose read fails with an I/O error, an unreadable
file and folder (chmod 000; the build runs as an unprivileged user for that, since root
reads everything), a duplicate and an oversized file.  The build exits 1, names every bad
file on one line of stderr, prints no traceback, and every good article lands.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from robustness_support import budget

from core.store import load_store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
ODD_NAMES = ["with space.txt", "ünïcödé – 日本.txt", "new\nline.txt", "-rf.txt", "quote'\"and<tag>.txt"]
BAD_BYTES_NAME = b"latin1-\xe9\xff.txt"  # not valid UTF-8 in a file name


def build(corpus: Path, out: Path, *extra: str, honour_permissions: bool = False
          ) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "core", "build", "--corpus", str(corpus), "--out", str(out), *extra]
    if honour_permissions and os.geteuid() == 0:
        # root reads everything: drop the capabilities that bypass file permissions
        cmd = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *cmd]
    env = {**os.environ, "HOME": str(out.parent), "PYTHONDONTWRITEBYTECODE": "1"}
    with budget(300, "build"):
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, errors="replace", env=env,
                              timeout=300)


def body_line(path: Path) -> str:
    """A distinctive line of an article (to find it in the store)."""
    return max(path.read_text(encoding="utf-8").splitlines(), key=len)[:80]


def hostile_corpus(root: Path) -> tuple[Path, dict[str, Path]]:
    """The corpus and {description: good file} of the articles that must land."""
    corpus = root / "corpus"
    (corpus / "sub").mkdir(parents=True)
    good: dict[str, Path] = {}
    for name, seed in zip(ODD_NAMES, SEEDS, strict=False):
        shutil.copy(seed, corpus / name)
        good[name] = seed
    bad_name = os.fsencode(corpus) + b"/" + BAD_BYTES_NAME
    with open(bad_name, "wb") as fh:
        fh.write(SEEDS[-1].read_bytes())
    good["non-UTF-8 name"] = SEEDS[-1]
    # a duplicate (same article under another name), reported as such
    shutil.copy(SEEDS[0], corpus / "sub" / "copy of first.txt")
    # symlink loops: a folder linking to its parent, two files linking to each other
    (corpus / "sub" / "loop").symlink_to("..", target_is_directory=True)
    (corpus / "a.txt").symlink_to("b.txt")
    (corpus / "b.txt").symlink_to("a.txt")
    (corpus / "dangling.txt").symlink_to("does-not-exist.txt")
    os.mkfifo(corpus / "fifo.txt")  # open() on a FIFO blocks until a writer comes: must not hang
    (corpus / "ioerror.txt").symlink_to("/proc/self/mem")  # read() raises EIO
    (corpus / "big.txt").write_text("Mexico said. " * 200_000, encoding="utf-8")  # 2.6 MB > --max-mb 1
    return corpus, good


def check_build(run: subprocess.CompletedProcess[str], out: Path, good: dict[str, Path],
                bad: list[str]) -> None:
    err = run.stderr
    assert "Traceback" not in err and "internal error" not in err, err
    assert run.returncode == 1, f"exit {run.returncode}: {err}"
    lines = err.splitlines()
    for name in bad:
        assert any(name in line for line in lines), f"{name!r} is not named in stderr:\n{err}"
    frames = load_store(out)
    texts = list(frames.articles["text"])
    for what, seed in good.items():
        needle = body_line(seed)
        assert any(needle in t for t in texts), f"the article in {what!r} did not land"
    assert len(frames.articles) == len(set(good.values())), "an article landed twice"


def test_robustness_files_hostile_corpus_reported_not_fatal(tmp_path: Path) -> None:
    corpus, good = hostile_corpus(tmp_path)
    out = tmp_path / "store"
    run = build(corpus, out, "--max-mb", "1")
    check_build(run, out, good, bad=["fifo.txt", "ioerror.txt", "big.txt", "dangling.txt"])
    paths = " ".join(load_store(out).articles["path"]) + " ".join(load_store(out).articles["duplicate_paths"])
    for name in ODD_NAMES[:2]:
        assert name in paths, f"{name!r} is not in the articles' paths"
    problems = load_store(out).manifest["problems"]
    named = " ".join(f"{p['path']}: {p['reason']}" for p in problems)
    for name in ("fifo.txt", "ioerror.txt", "big.txt", "copy of first.txt"):
        assert name in named, f"{name} not in manifest problems: {problems}"


def _can_drop_root_read_capabilities() -> bool:
    if os.geteuid() != 0:
        return True  # chmod 000 applies anyway
    if shutil.which("setpriv") is None:
        return False
    probe = subprocess.run(["setpriv", "--bounding-set=-dac_override,-dac_read_search", "true"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_drop_root_read_capabilities(),
                    reason="running as root without a working setpriv (util-linux) to drop the capabilities "
                           "that let root read a chmod 000 file")
def test_robustness_files_unreadable_file_and_folder(tmp_path: Path) -> None:
    """chmod 000 only bites without CAP_DAC_OVERRIDE: as root the build runs with it dropped."""
    corpus = tmp_path / "corpus"
    (corpus / "locked_dir").mkdir(parents=True)
    good = {"good.txt": SEEDS[1], "other.txt": SEEDS[2]}
    for name, seed in good.items():
        shutil.copy(seed, corpus / name)
    shutil.copy(SEEDS[3], corpus / "secret.txt")
    shutil.copy(SEEDS[4], corpus / "locked_dir" / "inside.txt")
    (corpus / "secret.txt").chmod(0o000)
    (corpus / "locked_dir").chmod(0o000)
    out = tmp_path / "store"
    try:
        run = build(corpus, out, honour_permissions=True)
    finally:
        (corpus / "locked_dir").chmod(0o755)  # so that pytest can clean up
    assert "Permission denied" in run.stderr or "permission" in run.stderr.lower(), run.stderr
    check_build(run, out, good, bad=["secret.txt", "locked_dir"])


def test_robustness_files_fifo_does_not_hang_the_reader(tmp_path: Path) -> None:
    from core.read import iter_corpus
    from core.records import Problem

    os.mkfifo(tmp_path / "pipe.jsonl")
    shutil.copy(SEEDS[0], tmp_path / "good.txt")
    with budget(10, "reading a folder with a FIFO"):
        items = list(iter_corpus([str(tmp_path)]))
    assert [type(i).__name__ for i in items].count("RawDoc") == 1
    assert any(isinstance(i, Problem) and "pipe.jsonl" in i.path for i in items)
    with budget(10, "reading a FIFO named explicitly"):
        items = list(iter_corpus([str(tmp_path / "pipe.jsonl")]))
    assert len(items) == 1 and isinstance(items[0], Problem)


def test_robustness_files_default_size_limit_skips_21_mb_file(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS[0], corpus / "good.txt")
    with open(corpus / "huge.txt", "wb") as fh:
        fh.truncate(21 * 1024 * 1024)  # sparse: 21 MB of NULs, never read
    out = tmp_path / "store"
    run = build(corpus, out)
    check_build(run, out, {"good.txt": SEEDS[0]}, bad=["huge.txt"])
