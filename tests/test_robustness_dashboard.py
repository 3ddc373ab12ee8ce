"""No article text reaches the dashboard's HTML unescaped; uploads are inert; the server is
local with XSRF protection; no file path is taken from the URL.

The HTML builders (dashboard.render) are fuzzed with hostile text: their output is parsed
with the standard HTML parser and must hold only the builders' own tags and attributes,
no event handler, no link other than http(s), and text that reads back exactly as the input.
"""

from __future__ import annotations

import ast
import html
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robustness_support import FUZZ_EXAMPLES, WORDS, hostile_text

from core import limits

ROOT = Path(__file__).resolve().parents[1]
render = pytest.importorskip("dashboard.render")
FUZZ = settings(max_examples=FUZZ_EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

ALLOWED_TAGS = {"div", "span", "b", "mark", "a", "br", "code", "style"}
ALLOWED_ATTRS = {"class", "title", "data-kind", "style", "href", "target", "rel"}
ATTACKS = [
    "<script>window.__pwned=1</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>",
    "[click](javascript:alert(1))", "![img](javascript:alert(1))", "![x](https://evil.example/x.png)",
    "<a href='javascript:alert(1)'>x</a>", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
    "<iframe src=//evil>", "</div></mark><script>", "<!--", "]]>", "&lt;script&gt;", "&#60;script&#62;",
    "<style>*{display:none}</style>", "`code`", "$x^2$", ":smile:", "**bold**", "# heading", "> quote",
    "\" onmouseover=\"alert(1)", "' onfocus='alert(1)", "<br>", "\r\n", "\u2028", "\x00",
]
hostile = st.one_of(
    hostile_text(),
    st.lists(st.sampled_from(ATTACKS + WORDS + [" ", "\n"]), max_size=40).map("".join),
)


class Collector(HTMLParser):
    """Collects tags, attributes and the text content of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag == "br":
            self.text.append("\n")
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        raise AssertionError(f"a comment in the output: {data!r}")

    def handle_decl(self, decl: str) -> None:
        raise AssertionError(f"a declaration in the output: {decl!r}")

    def unknown_decl(self, data: str) -> None:
        raise AssertionError(f"a declaration in the output: {data!r}")


def parse_safe(out: str) -> Collector:
    """Parse builder output; fail on any tag, attribute or link the builders do not make."""
    c = Collector()
    c.feed(out)
    c.close()
    for tag, attrs in c.tags:
        assert tag in ALLOWED_TAGS, f"unexpected tag <{tag}> in {out[:300]!r}"
        for name, value in attrs:
            assert name in ALLOWED_ATTRS, f"unexpected attribute {name}= on <{tag}>"
            if name == "href":
                assert value and value.lower().startswith(("http://", "https://")), f"href={value!r}"
            if name == "style":
                assert tag != "a" and "url(" not in (value or "").lower() and "expression" not in (value or "")
    return c


def normalised(text: str) -> str:
    """The text as the builders show it: line breaks as \\n."""
    return re.sub(r"\r\n|\r|\n", "\n", text)


@FUZZ
@given(text=hostile)
def test_robustness_dashboard_escape_text_is_inert_and_lossless(text: str) -> None:
    out = render.escape_text(text)
    c = parse_safe(out)
    assert all(tag == "br" for tag, _ in c.tags), out
    assert "".join(c.text) == normalised(text)
    bare = re.sub(r"&#?\w+;", "", out)  # the text without its entities
    for markdown in ("[", "]", "(", ")", "*", "`", "!", "$", "_", "#"):
        assert markdown not in bare, f"markdown character {markdown!r} left raw"
    assert "javascript:" not in out.lower()


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]], int]:
    text = draw(hostile).replace("\r", "")  # stored article text has \n line ends (core.read)
    n = len(text)
    kinds = st.sampled_from([*render.KINDS, "<script>", "bogus"])
    spans = draw(st.lists(st.tuples(st.integers(-5, n + 5), st.integers(-5, n + 5), kinds), max_size=8))
    return text, [(min(a, b), max(a, b), k) for a, b, k in spans], draw(st.integers(0, 50))


@FUZZ
@given(case=text_and_spans())
def test_robustness_dashboard_highlight_is_inert_and_lossless(case: tuple[str, list[tuple[int, int, str]], int]
                                                             ) -> None:
    text, spans, offset = case
    out = render.highlight(text, spans, offset=offset, titles={"cue": "<b onclick=x>cue</b>"})
    c = parse_safe(out)
    assert "".join(c.text) == normalised(text)
    marks = [attrs for tag, attrs in c.tags if tag == "mark"]
    for attrs in marks:
        kinds = dict(attrs).get("class") or ""
        assert set(kinds.split()) <= set(render.KINDS), kinds


@FUZZ
@given(before=hostile, passage=hostile, after=hostile, data=st.data())
def test_robustness_dashboard_passage_and_article_html_are_inert(before: str, passage: str, after: str,
                                                                data: st.DataObject) -> None:
    passage = passage.replace("\r", "")  # stored article text has \n line ends (core.read)
    n = len(passage)
    spans = data.draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n), st.sampled_from(list(render.KINDS))),
                               max_size=5))
    spans = [(min(a, b), max(a, b), k) for a, b, k in spans]
    c = parse_safe(render.passage_html(passage, spans, offset=0, before=before, after=after))
    shown = "".join(c.text)
    assert normalised(passage) in shown
    c = parse_safe(render.article_html(passage, spans))
    assert "".join(c.text) == normalised(passage)


URLS = st.one_of(
    st.sampled_from([
        "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
        "java\nscript:alert(1)", "\x00javascript:alert(1)", "javascript&colon;alert(1)", "data:text/html,<script>",
        "vbscript:msgbox", "file:///etc/passwd", "//evil.example/x", "/relative", "http:/\\evil",
        "https://ok.example/a?b=1&c=<script>", 'https://ok.example/"onmouseover="alert(1)',
        "https://ok.example/' onfocus='x", "https://ok.example/path with space", "http://[::1", "https://",
        "https://ok.example/normal", "HTTPS://OK.EXAMPLE/", "http://ok.example/#javascript:alert(1)",
    ]),
    st.text(max_size=40),
    st.text(max_size=30).map(lambda s: "https://ok.example/" + s),
)


@FUZZ
@given(url=URLS, label=hostile)
def test_robustness_dashboard_links_only_http(url: str, label: str) -> None:
    out = render.link(url, label)
    c = parse_safe(out)
    assert "".join(c.text) == normalised(label)
    hrefs = [dict(a).get("href") for t, a in c.tags if t == "a"]
    assert all(h and h.lower().startswith(("http://", "https://")) for h in hrefs)
    for t, attrs in c.tags:
        if t == "a":
            assert dict(attrs).get("rel", "").find("noopener") >= 0


@FUZZ
@given(text=hostile)
def test_robustness_dashboard_plotly_labels_are_escaped(text: str) -> None:
    figures = pytest.importorskip("dashboard.figures")
    out = figures.esc(text)
    assert "<" not in out and ">" not in out and '"' not in out
    assert html.unescape(out) == text


def test_robustness_dashboard_server_config_is_local_and_protected() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server = config["server"]
    assert server["address"] in ("localhost", "127.0.0.1"), "the app must serve on localhost by default"
    assert server.get("enableXsrfProtection", True) is True
    assert server.get("enableCORS", True) is True
    assert 0 < server["maxUploadSize"] <= limits.MAX_UPLOAD_MB
    assert config["browser"]["gatherUsageStats"] is False


FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "cPickle", "dill", "joblib", "marshal", "shelve", "cloudpickle"}
FORBIDDEN_ATTRS = {"read_pickle", "to_pickle", "load_pickle", "unsafe_load"}


def _python_files() -> list[Path]:
    return sorted([*(ROOT / "dashboard").rglob("*.py"), *(ROOT / "core").rglob("*.py")])


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_robustness_dashboard_nothing_is_executed_or_unpickled(path: Path) -> None:
    """No module of the app or the core evaluates code or unpickles data (an uploaded file
    is only ever read as text)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            names = {(node.module or "").split(".")[0]}
        else:
            names = set()
        assert not names & FORBIDDEN_MODULES, f"{path.name}:{node.lineno}: imports {names & FORBIDDEN_MODULES}"
        if isinstance(node, ast.Call):
            fn = node.func
            if isinstance(fn, ast.Name):
                assert fn.id not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno}: calls {fn.id}()"
            if isinstance(fn, ast.Attribute):
                assert fn.attr not in FORBIDDEN_ATTRS, f"{path.name}:{node.lineno}: calls .{fn.attr}()"
                if fn.attr == "load" and any(k.arg == "allow_pickle" for k in node.keywords):
                    raise AssertionError(f"{path.name}:{node.lineno}: np.load(allow_pickle=...)")


def test_robustness_dashboard_uploads_saved_under_generated_names(tmp_path: Path) -> None:
    source = pytest.importorskip("dashboard.source")
    files = [
        ("../../../../tmp/escape.txt", b"Mexico and the U.S. agreed."),
        ("/etc/passwd.txt", b"root"),
        ("evil.py", b"import os; os.system('touch /tmp/pwned')"),
        ("data.pkl", b"\x80\x04K\x01."),
        ("name\nwith newline.jsonl", b'{"text": "ok"}\n'),
        ("big.txt", b"x" * 2048),
    ]
    tmp, names, refused = source.save_uploads(files, max_bytes=1024)
    try:
        saved = sorted(p.name for p in tmp.iterdir())
        assert all(p.parent == tmp for p in tmp.iterdir())
        assert set(saved) == set(names) and len(saved) == 3, saved
        for name in saved:
            stem, ext = name.rsplit(".", 1)
            assert stem.isdigit() and ext in ("txt", "jsonl"), name
        assert not (tmp.parent / "escape.txt").exists() and not Path("/tmp/escape.txt").exists()
        text = " ".join(refused)
        assert "evil.py" in text and "data.pkl" in text and "big.txt" in text
    finally:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


@pytest.mark.parametrize("params", [
    {"store": "/etc", "corpus": "/etc/passwd"},
    {"path": "../../../etc/passwd", "file": "/proc/self/environ", "source": "/root"},
    {"USMX_STORE": "/tmp/url-store-probe", "usmx_corpus": "/var/url-corpus-probe"},
])
def test_robustness_dashboard_no_path_from_url(params: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Query parameters that look like paths never change what the app opens: the source
    comes only from the command line and the environment."""
    ui = pytest.importorskip("dashboard.ui")
    source = pytest.importorskip("dashboard.source")
    opened: list[Any] = []
    real = source.resolve_source

    def spy(argv: Any = None, env: Any = None) -> Any:
        got = real(argv, env)
        opened.append(got)
        return got

    monkeypatch.setattr(source, "resolve_source", spy)
    monkeypatch.setattr(ui, "resolve_source", spy)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, "\n".join("\n".join(e.stack_trace) for e in at.exception)
    assert opened, "the app did not resolve its source"
    for src in opened:
        shown = repr(src)
        for v in params.values():
            assert v not in shown, f"a path from the URL reached the source: {shown}"
