"""The one escaper (datacard.escape): each function against a table of cases, and properties
checked with a real CommonMark parser (markdown-it-py, used in tests only)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from datacard import escape

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# What no escaped output may carry raw: C0 but tab and line feed, DEL, C1, bidi controls,
# line separators and lone surrogates.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def tokens(markdown: str) -> tuple[list[Token], dict[str, object]]:
    env: dict[str, object] = {}
    return MD.parse(markdown, env), env


def walk(items: list[Token]) -> Iterator[Token]:
    for token in items:
        yield token
        yield from walk(token.children or [])


def headings(markdown: str) -> list[str]:
    found, _ = tokens(markdown)
    return [found[i + 1].content for i, t in enumerate(found) if t.type == "heading_open"]


def unsafe_nodes(markdown: str) -> list[str]:
    """HTML, links and images to anything but http(s), and link definitions, as CommonMark sees them."""
    found, env = tokens(markdown)
    bad = [f"definition {k}" for k in (env.get("references") or {})]  # type: ignore[union-attr]
    for token in walk(found):
        if token.type in ("html_block", "html_inline") and token.content != "<br>":  # ours, in cells
            bad.append(f"{token.type} {token.content!r}")
        if token.type in ("link_open", "image"):
            target = str(token.attrs.get("href") or token.attrs.get("src") or "")
            if not target.lower().startswith(("http://", "https://")):
                bad.append(f"{token.type} {target!r}")
    return bad


# --- terminal and CI log --------------------------------------------------------------------

TERMINAL_CASES = [
    ("plain text", "plain text", "plain text"),
    ("\x1b]0;pwn\x07", r"\x1b]0;pwn\x07", r"\x1b]0;pwn\x07"),
    ("\x1b[2J", r"\x1b[2J", r"\x1b[2J"),
    ("a\x9b31mb", r"a\x9b31mb", r"a\x9b31mb"),
    ("abc\u202edcba", r"abc\u202edcba", r"abc\u202edcba"),
    ("line\nnext", "line\nnext", r"line\nnext"),
    ("crlf\r\nnext", "crlf\r\nnext", r"crlf\r\nnext"),
    ("over\rwrite", r"over\rwrite", r"over\rwrite"),
    ("tab\there", "tab\there", r"tab\there"),
    ("sep\u2028x", r"sep\u2028x", r"sep\u2028x"),
    ("name\udcff.yaml", r"name\xff.yaml", r"name\xff.yaml"),  # an undecodable byte of a file name
    ("del\x7f", r"del\x7f", r"del\x7f"),
    ("ünïcödé 中文 עברית", "ünïcödé 中文 עברית", "ünïcödé 中文 עברית"),
]


@pytest.mark.parametrize(("raw", "text", "line"), TERMINAL_CASES)
def test_terminal_escapes(raw: str, text: str, line: str) -> None:
    assert escape.terminal_text(raw) == text
    assert escape.terminal_line(raw) == line
    assert "\n" not in escape.terminal_line(raw)
    escape.terminal_line(raw).encode("utf-8")  # printable: no lone surrogate left


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("evil\n::error file=pwn.py::X.datacard.yaml", r"evil\n::error file=pwn.py::X.datacard.yaml"),
        ("::error file=pwn.py::X.datacard.yaml", "./::error file=pwn.py::X.datacard.yaml"),
        (" ::warning::x.yaml", "./ ::warning::x.yaml"),
        ("\u3000::notice::x.yaml", "./\u3000::notice::x.yaml"),  # .NET's TrimStart trims it too
        ("a/##[error]x.yaml", r"a/##\[error]x.yaml"),
        ("###[add-mask]x.yaml", r"###\[add-mask]x.yaml"),
        ("/abs/::x.yaml", "/abs/::x.yaml"),
        ("data/ok.datacard.yaml", "data/ok.datacard.yaml"),
    ],
)
def test_log_path_never_starts_a_workflow_command(path: str, shown: str) -> None:
    assert escape.log_path(path) == shown
    assert not escape.log_path(path).lstrip().startswith("::")
    assert "##[" not in escape.log_path(path)


def test_json_dumps_is_json_and_terminal_safe() -> None:
    value = {"m": "a\x1b]0;x\x07 \x9b \u202e \u2028 ü", "p": "bad\udcff"}
    text = escape.json_dumps(value)
    assert not RAW_CONTROL.search(text)
    text.encode("utf-8")
    back = json.loads(text)
    assert back["m"] == value["m"]  # only the undecodable byte is lost (as U+FFFD)
    assert back["p"] == "bad\ufffd"


# --- Markdown shown literally ---------------------------------------------------------------

INLINE_CASES = [
    ("plain text", "plain text"),
    ("a | b", r"a \| b"),
    ("<b>", "&lt;b&gt;"),
    ("R&D", "R&amp;D"),
    ("# title", r"\# title"),
    ("- item", r"\- item"),
    ("===", r"\==="),
    ("2015. A year", r"2015\. A year"),
    ("snake_case *x*", r"snake\_case \*x\*"),
    ("[a](javascript:x)", r"\[a\](javascript:x)"),
    ("one\ntwo", "one two"),
    ("one\n\ntwo", "one<br><br>two"),
    ("esc\x1b]0;t\x07", r"esc\\x1b\]0;t\\x07"),
]


@pytest.mark.parametrize(("raw", "expected"), INLINE_CASES)
def test_markdown_inline(raw: str, expected: str) -> None:
    assert escape.markdown_inline(raw) == expected


@pytest.mark.parametrize(("shown", "raw"), [(escape.markdown_inline(r), r) for r, _ in INLINE_CASES
                                            if "\n" not in r and "\x1b" not in r])
def test_markdown_plain_reads_back_one_line(shown: str, raw: str) -> None:
    assert escape.markdown_plain(shown) == raw


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/x", True),
        ("HTTP://example.org", False),  # not worth the risk: shown as text
        ("javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:msgbox", False),
        ("//evil.example/x", False),
        ("/relative", False),
        ("https://x.org/\x1b]0;t\x07", False),
        ("https://x.org/\u202egnp.exe", False),
        ("https://x.org/a b", False),
    ],
)
def test_links_only_for_plain_http_urls(url: str, linked: bool) -> None:
    assert (escape.safe_url(url) is not None) == linked
    assert not unsafe_nodes(escape.markdown_link(url, "label"))


def test_fence_is_longer_than_any_backtick_run() -> None:
    block = escape.markdown_fenced("a\n````\n# b\n", "bibtex")
    assert block.startswith("`````bibtex\n") and block.endswith("\n`````")
    found, _ = tokens(block + "\n\n# after\n")
    assert [t.type for t in found if t.type in ("fence", "heading_open")] == ["fence", "heading_open"]


def test_markdown_table_cell_escapes_only_unescaped_pipes() -> None:
    assert escape.markdown_table_cell("`a` | b \\| c\nd") == "`a` \\| b \\| c d"


# --- Markdown the author wrote --------------------------------------------------------------

PROSE_CASES = [
    ("**bold**, _em_, `code` and [a link](https://example.org)", "**bold**, _em_, `code` and [a link](https://example.org)"),
    ("- item\n- item\n\n> quote", "- item\n- item\n\n> quote"),
    ("<https://example.org>", "<https://example.org>"),
    ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert(1)>"),
    ("<!-- hidden -->", r"\<!-- hidden -->"),
    ("<javascript:alert(1)>", r"\<javascript:alert(1)>"),
    ("[a](javascript:alert(1))", r"[a\](javascript:alert(1))"),
    ("![x](javascript:alert(1))", r"![x\](javascript:alert(1))"),
    ("[a](&#106;avascript:alert(1))", r"[a\](&#106;avascript:alert(1))"),
    ("[a](/relative)", r"[a\](/relative)"),
    ("[x]: javascript:alert(1)", r"\[x]: javascript:alert(1)"),
    ("\n## Uses", "\n\\## Uses"),
    ("text\n===", "text\n\\==="),
    ("text\n---", "text\n\\---"),
    ("- # in a list", r"- \# in a list"),
    ("> ## in a quote", r"> \## in a quote"),
    ("```\nunclosed", "\\```\nunclosed"),
    ("\\# already escaped", r"\\\# already escaped"),
    ("#hashtag and 5 # 6", "#hashtag and 5 # 6"),
]


@pytest.mark.parametrize(("raw", "expected"), PROSE_CASES)
def test_markdown_prose(raw: str, expected: str) -> None:
    assert escape.markdown_prose(raw) == expected
    assert escape.unescape_prose(expected) == raw


def test_markdown_inert_keeps_structure_but_not_html_or_script_links() -> None:
    text = "# Heading\n\n<img src=x onerror=alert(1)> [a](javascript:x)\n\n[r]: javascript:x"
    inert = escape.markdown_inert(text)
    assert headings(inert) == ["Heading"] and not unsafe_nodes(inert)
    assert escape.unescape_inert(inert) == text


# Pieces that make Markdown structure, to be combined at random.
_PIECES = st.sampled_from([
    *"#=-`~[]()<>!:\\ \n\t*_|&;x1.", "javascript:", "https://", "http://a", "\n\n", "    ", "&#106;",
    "<!--", "- ", "> ", "1. ", "```", "~~~", "[x]: ", "](", "<https://a>", "\u202e", "ü",
])
_MARKDOWNISH = st.lists(_PIECES, max_size=30).map("".join)
_SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(_MARKDOWNISH)
def test_prose_is_inert_and_cannot_restructure_a_card(text: str) -> None:
    prose = escape.markdown_prose(text)
    assert escape.unescape_prose(prose) == text.replace("\r\n", "\n").replace("\r", "\n")
    card = f"# Title\n\n## Section\n\n{prose}\n\n## After\n\n[More Information Needed]\n"
    assert headings(card) == ["Title", "Section", "After"]
    assert not unsafe_nodes(card)
    assert not any(t.type == "fence" for t in tokens(card)[0])
    item = prose.strip().replace("\n", "\n  ")  # as a labelled list item of a card
    listed = f"## S\n\n- **Label:** {item}\n- **Other:** [More Information Needed]\n\n## After\n"
    assert headings(listed) == ["S", "After"] and not unsafe_nodes(listed)


@_SETTINGS
@given(_MARKDOWNISH)
def test_prose_on_one_line_stays_in_its_list_item(text: str) -> None:
    # How `render` shows a card's list items (intended uses, risks): one item each.
    page = f"# T\n\n- {escape.markdown_prose_inline(text)}\n- second\n\n## After\n"
    assert headings(page) == ["T", "After"]
    assert not unsafe_nodes(page)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", escape.markdown_prose_inline(text))
    top = [t for t in tokens(page)[0] if t.type == "bullet_list_open" and t.level == 0]
    items = [t for t in tokens(page)[0] if t.type == "list_item_open" and t.level == 1]
    assert len(top) == 1 and len(items) == 2


@_SETTINGS
@given(_MARKDOWNISH)
def test_inert_has_no_html_or_script_links(text: str) -> None:
    inert = escape.markdown_inert(text)
    assert escape.unescape_inert(inert) == text.replace("\r\n", "\n").replace("\r", "\n")
    assert not unsafe_nodes(inert)


_LITERAL_ONLY = {"paragraph_open", "paragraph_close", "inline", "text", "softbreak", "heading_open",
                 "heading_close", "html_inline"}


@_SETTINGS
@given(_MARKDOWNISH)
def test_literal_text_creates_no_markdown_at_all(text: str) -> None:
    page = f"# T\n\n{escape.markdown_block(text)}\n\n## A\n\n| {escape.markdown_cell(text)} |\n|---|\n"
    assert headings(page) == ["T", "A"]
    kinds = {t.type for t in walk(tokens(page)[0])} - _LITERAL_ONLY
    assert kinds <= {"table_open", "table_close", "thead_open", "thead_close", "tr_open", "tr_close",
                     "th_open", "th_close"}, kinds
    # The only HTML is the <br> that stands for a paragraph break in a cell.
    assert all(t.content == "<br>" for t in walk(tokens(page)[0]) if t.type == "html_inline")
    # Controls are shown; bidirectional marks stay, as right-to-left text needs them.
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", escape.markdown_block(text))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_terminal_line_is_one_printable_line(text: str) -> None:
    line = escape.log_line(text)
    assert not RAW_CONTROL.search(line) and "\n" not in line and "##[" not in line
    line.encode("utf-8")


@pytest.mark.parametrize(("raw", "shown"), [
    ("a\x00b", "`a\\x00b`"), ("esc\x1b[31m", "`esc\\x1b[31m`"), ("c\x9bd", "`c\\x9bd`"), ("x``y", "```x``y```"),
    ("`tick", "`` `tick ``"), ("two\nlines", "`two lines`"),
])
def test_code_spans_show_controls_as_escapes(raw: str, shown: str) -> None:
    assert escape.markdown_code(raw) == shown


def _inline_by_paragraphs(text: str) -> str:
    return "<br><br>".join(" ".join(escape._literal_line(ln) for ln in p) for p in escape._paragraphs(text))


def _block_by_paragraphs(text: str) -> str:
    return "\n\n".join("\n".join(escape._literal_line(ln) for ln in p) for p in escape._paragraphs(text))


_TEXT = st.text(st.sampled_from(list("ab 1.)-#+=*_`[]|~&<>\\\n\r\t\x00\x1b\x85\xa0\u2028\u202e\udc80é")), max_size=12)


@settings(max_examples=400, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.one_of(_TEXT, st.text(max_size=20)))
def test_plain_text_shortcut_escapes_as_the_paragraph_path(text: str) -> None:
    """Text with nothing to escape inside takes a shortcut; it must give what the full path gives."""
    assert escape.markdown_inline(text) == _inline_by_paragraphs(text)
    assert escape.markdown_block(text) == _block_by_paragraphs(text)
