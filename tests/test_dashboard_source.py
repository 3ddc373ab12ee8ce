"""Where the dashboard's frames come from: arguments/environment (never the URL), the
cached store of a corpus rebuilt when the corpus changes, and saved uploads."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dashboard import source as S

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        ([], {}, S.Source(corpus=(str(S.DEFAULT_CORPUS),))),
        (["--corpus", "a", "--corpus", "b"], {}, S.Source(corpus=("a", "b"))),
        (["--store", "st"], {"USMX_CORPUS": "c"}, S.Source(store="st")),
        (["--corpus", "a", "--store", "st"], {}, S.Source(store="st")),
        ([], {"USMX_STORE": "st"}, S.Source(store="st")),
        ([], {"USMX_CORPUS": f"a{os.pathsep}b"}, S.Source(corpus=("a", "b"))),
        (["--corpus", "x"], {"USMX_STORE": "st"}, S.Source(corpus=("x",))),  # arguments win
        (["--co", "x", "-q", "tests/"], {}, S.Source(corpus=(str(S.DEFAULT_CORPUS),))),  # no abbreviations
    ],
)
def test_dashboard_source_from_arguments_and_environment(argv: list[str], env: dict[str, str],
                                                         expected: S.Source) -> None:
    assert S.resolve_source(argv, env) == expected


def test_dashboard_fingerprint_follows_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    shutil.copytree(ROOT / "seeds", corpus)
    fp = S.fingerprint([str(corpus)])
    assert S.fingerprint([str(corpus)]) == fp
    (corpus / "notes.bin").write_bytes(b"\0")  # not an article file: ignored
    assert S.fingerprint([str(corpus)]) == fp
    first = sorted(corpus.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nOne more line.", encoding="utf-8")
    fp2 = S.fingerprint([str(corpus)])
    assert fp2 != fp
    (corpus / "new.md").write_text("A new article about the border.", encoding="utf-8")
    assert S.fingerprint([str(corpus)]) not in (fp, fp2)


@pytest.mark.slow
def test_dashboard_corpus_store_built_once_then_rebuilt_on_change(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    shutil.copytree(ROOT / "seeds", corpus)
    cache = tmp_path / "cache"
    calls: list[int] = []
    first = S.build_corpus([str(corpus)], cache=cache, progress=lambda d, t: calls.append(d))
    assert first.built and first.store and (Path(first.store) / "manifest.json").exists()
    assert len(first.frames.articles) + len(first.frames.problems) >= 5 and calls
    again = S.build_corpus([str(corpus)], cache=cache)
    if again.built:  # the pipeline's code changed meanwhile (shared work tree): once more
        first, again = again, S.build_corpus([str(corpus)], cache=cache)
    assert not again.built and again.store == first.store  # loaded from the cached store
    assert len(again.frames.articles) == len(first.frames.articles)
    (corpus / "extra.txt").write_text(
        "Mexico and the United States agreed on Monday to share intelligence on fentanyl.\n", encoding="utf-8")
    third = S.build_corpus([str(corpus)], cache=cache)
    assert third.built and third.store != first.store
    assert not Path(first.store).exists()  # the stale store is removed
    assert len(third.frames.articles) >= len(first.frames.articles)


def test_dashboard_open_source_never_raises(tmp_path: Path) -> None:
    loaded = S.open_source(S.Source(store=str(tmp_path / "missing")))
    assert loaded.error and "missing" in loaded.error
    assert len(loaded.frames.events) == 0


def test_dashboard_uploads_saved_under_generated_names(tmp_path: Path) -> None:
    files = [
        ("../../etc/passwd.txt", b"Mexico and the US met."),
        ("evil name; rm -rf.csv", b"text\nhello\n"),
        ("payload.pkl", b"\x80\x04K\x01."),
        ("script.py", b"import os"),
        ("big.txt", b"x" * 2048),
    ]
    tmp, names, refused = S.save_uploads(files, max_bytes=1024)
    try:
        saved = sorted(p.name for p in tmp.iterdir())
        assert saved == ["0001.txt", "0002.csv"]
        assert names == {"0001.txt": "../../etc/passwd.txt", "0002.csv": "evil name; rm -rf.csv"}
        assert [r.split(":")[0] for r in refused] == ["payload.pkl", "script.py", "big.txt"]
        msg = S.rename_problems([f"{tmp / '0002.csv'}:2: missing text column"], names, tmp)
        assert msg == ["evil name; rm -rf.csv:2: missing text column"]
    finally:
        shutil.rmtree(tmp)


def test_dashboard_source_corrections_file_outlives_the_corpus_fingerprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.source import Source, corrections_file

    monkeypatch.setenv("USMX_CACHE", str(tmp_path / "cache"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("One\n\nText.\n", encoding="utf-8")
    first = corrections_file(Source(corpus=(str(corpus),)), str(tmp_path / "cache" / "store-aaaa"))
    (corpus / "a.txt").write_text("One\n\nOther text.\n", encoding="utf-8")  # a new fingerprint, a new store
    second = corrections_file(Source(corpus=(str(corpus),)), str(tmp_path / "cache" / "store-bbbb"))
    assert first == second and first is not None and first.name.endswith(".corrections.sqlite")
    other = corrections_file(Source(corpus=(str(tmp_path),)), "")
    assert other != first  # another corpus keeps its own
    assert corrections_file(Source(store=str(tmp_path / "st")), "") == tmp_path / "st.corrections.sqlite"
