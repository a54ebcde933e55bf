"""The one escaper: every piece of text that leaves datacard passes through a function here.

Text from a datasheet, a data file or a file name is hostile until it is escaped for the place
where it lands. Each function below names that place:

- **Markdown shown literally** (``render``, the tables of ``represent``, table cells of the rule
  docs): :func:`markdown_inline`, :func:`markdown_block`, :func:`markdown_cell`,
  :func:`markdown_link` and :func:`markdown_fenced` make the reader see exactly what was
  written; no Markdown or HTML in the text has any effect. :func:`markdown_comment`, for a
  comment on a forge (``diff --output-format markdown``), also keeps @mentions, issue
  references and bare addresses from notifying anyone or linking.
- **Markdown the author wrote for a renderer** (a Hugging Face card's prose, a Croissant
  description): :func:`markdown_prose` (:func:`markdown_prose_inline` on one line) keeps
  emphasis, lists, code and web links, but no HTML, no link to anything but ``http(s)://``,
  and no heading, setext underline, code fence or link
  definition can come from the text. :func:`markdown_inert` does only the HTML and link part.
  :func:`unescape_prose` and :func:`unescape_inert` undo exactly what they did, so that an
  importer reads back what the datasheet said.
- **A terminal or a CI log**: :func:`terminal_text` (several lines), :func:`terminal_line`
  (one line), and :func:`log_line` / :func:`log_path` for finding reports and :func:`log_text`
  for several lines (diffs), which also can never form a GitHub Actions workflow command.
- **JSON**: :func:`json_dumps`.
- **HTML** (the site, ``render --format html``, notebooks): :func:`html_text` for element
  content, :func:`html_attr` for a quoted attribute value, :func:`html_href` for a link
  target, and :func:`html_json` for JSON data inside a ``<script type="application/json">``.

Only the standard library is imported: every command, even ``validate``, uses this module.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

# --- characters that must never reach a reader raw -------------------------------------------

# Bidirectional embeddings, overrides and isolates reorder what a reader sees ("Trojan Source").
_BIDI = r"\u202a-\u202e\u2066-\u2069"
# Lone surrogates are the undecodable bytes of a file name (Python's surrogateescape); printed
# as they are, they crash the output stream.
_SURROGATES = r"\ud800-\udfff"
# C0 controls (ESC starts ANSI and OSC sequences), DEL and C1 controls (0x9b is a one-byte CSI):
# a terminal acts on them. Tab and line feed are kept in multi-line text; so is a carriage
# return that ends a line, but a lone one would let text overwrite the line it is on. The
# Unicode line and paragraph separators are shown too: a terminal does not break a line on
# them, and some other tools do.
_UNSAFE_TEXT = re.compile(rf"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}\u2028\u2029{_SURROGATES}]")
# On one line every control is shown, line feeds and tabs included.
_UNSAFE_LINE = re.compile(rf"[\x00-\x1f\x7f-\x9f{_BIDI}\u2028\u2029{_SURROGATES}]")
# In Markdown, bidirectional controls stay: right-to-left text needs them, and they cannot
# change the document's structure. Line ends are the Markdown's own business.
_UNSAFE_MARKDOWN = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_SURROGATES}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that os.fsdecode could not decode: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """Text of several lines, safe to print: controls, bidirectional overrides and undecodable
    bytes are shown as ``\\x1b``-style escapes; tabs and line ends are kept."""
    return _UNSAFE_TEXT.sub(_visible, text)


def terminal_line(text: str) -> str:
    """Text that must stay on one line: as :func:`terminal_text`, and line ends and tabs are
    shown as ``\\n``, ``\\r`` and ``\\t`` too."""
    return _UNSAFE_LINE.sub(_visible, text)


def log_line(text: str) -> str:
    """One line of a finding report, which CI systems read as well as people.

    GitHub Actions runs ``##[command]`` anywhere in a line of a job's output (the old syntax it
    still accepts), so that sequence is broken with a backslash.
    """
    return terminal_line(text).replace("##[", "##\\[")


# A line that starts with `::` (after white space) is a GitHub Actions workflow command.
_LOG_COMMAND = re.compile(r"^([ \t]*):(?=:)", re.MULTILINE)


def log_text(text: str) -> str:
    """Text of several lines for a CI log (the unified diffs of ``--diff``): as
    :func:`terminal_text`, and no line of it can be a workflow command: ``##[`` is broken with
    a backslash, and the first colon of a line that starts with ``::`` is shown as ``\x3a``."""
    return _LOG_COMMAND.sub(r"\1\\x3a", terminal_text(text).replace("##[", "##\\["))


def log_path(path: str) -> str:
    """A path that starts a line of a finding report.

    GitHub Actions runs a line that starts with ``::`` (after white space) as a workflow command;
    a file can be named ``::error file=x::y.datacard.yaml``. Such a relative path is shown as
    ``./::error...``, which names the same file.
    """
    shown = log_line(path)
    if shown.startswith(":") or shown != shown.lstrip():
        return "./" + shown
    return shown


# --- JSON ------------------------------------------------------------------------------------

# JSON escapes C0 controls itself; these are valid raw in JSON strings but act on a terminal or
# reorder the text. As \u escapes they decode to the same string.
_JSON_UNSAFE = re.compile(rf"[\x7f-\x9f{_BIDI}\u2028\u2029]")


def json_dumps(value: Any, indent: int | None = 2) -> str:
    """JSON text (UTF-8, not ASCII-only) that is also safe to print.

    Undecodable bytes of a file name become U+FFFD: strict JSON readers reject lone surrogates.
    """
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    text = re.sub(f"[{_SURROGATES}]", "\ufffd", text)
    # `##[` can only be inside a string (JSON's syntax has no `#`): written `##\u005b`, it reads
    # back the same and is no GitHub Actions command in a CI log.
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).replace("##[", "##\\u005b")


# --- XML ---------------------------------------------------------------------------------------

# Characters XML 1.0 does not allow at all (an XML parser rejects the whole document), plus the
# noncharacters U+FFFE and U+FFFF; controls, bidirectional overrides and lone surrogates are
# made visible as in a terminal.
_XML_FORBIDDEN = re.compile("[\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text for an XML attribute or element (a JUnit report): shown as :func:`terminal_text`
    shows it, with the characters XML cannot hold as escapes. Markup characters are left to the
    XML writer, which escapes ``&``, ``<`` and quotes."""
    return _XML_FORBIDDEN.sub(_visible, terminal_text(text)).replace("\r", "")


# --- Markdown shown literally ----------------------------------------------------------------

# Characters with inline meaning in CommonMark/GFM: escapes, code, emphasis, links, tables,
# strikethrough, each put behind a backslash; `<`, `>` and `&` become entities, so no HTML,
# autolink or entity survives. Each character is replaced on its own, so one pass of
# str.translate does it all.
_LITERAL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_[]|~"}})
# What makes a line start a heading, list, rule or setext underline ('>' and '*' are escaped
# everywhere already); an ordered-list marker is a number, '.' or ')', then a space.
_LEADING = "#+=-"
_ORDERED = re.compile(r"^([0-9]{1,9})([.)])(?=\s|$)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _literal_line(line: str) -> str:
    return _literal_start(line.strip().translate(_LITERAL))


def _literal_start(text: str) -> str:
    """Escaped text of one line, with a backslash where its start would open a block."""
    first = text[:1]
    if first and first in _LEADING:
        return "\\" + text
    if "0" <= first <= "9":
        return _ORDERED.sub(r"\1\\\2", text)
    return text


def _paragraphs(text: str) -> list[list[str]]:
    """Paragraphs of non-empty lines, controls made visible (so their backslash is escaped)."""
    text = _UNSAFE_MARKDOWN.sub(_visible, _newlines(text))
    paragraphs = [[ln for ln in p.split("\n") if ln.strip()] for p in _PARAGRAPH_BREAK.split(text)]
    return [p for p in paragraphs if p]


# Text of one line with nothing to escape inside it (most of a datasheet): only its start may
# need a backslash, and the paragraph split and the control check have nothing to do.
_PLAIN = re.compile(rf"[^\\`*_\[\]|~&<>\x00-\x1f\x7f-\x9f{_SURROGATES}]*")


def markdown_inline(text: str) -> str:
    """Text for one line of Markdown (a list item, a heading, a table cell), shown as written.

    Single newlines become spaces (as Markdown would render them); paragraph breaks become
    ``<br><br>`` so that they survive inside a list item or a table cell.
    """
    if _PLAIN.fullmatch(text):
        return _literal_start(text.strip())
    return _on_one_line(text, _literal_line)


def _on_one_line(text: str, line: Callable[[str], str]) -> str:
    """Each line of ``text`` through ``line``; a paragraph's lines joined by spaces, paragraphs
    by ``<br><br>`` (a list item or a table cell holds no paragraph break)."""
    return "<br><br>".join(" ".join(line(ln) for ln in p) for p in _paragraphs(text))


def markdown_block(text: str) -> str:
    """Text as top-level Markdown paragraphs, shown as written, line and paragraph breaks kept."""
    if _PLAIN.fullmatch(text):
        return _literal_start(text.strip())
    return "\n\n".join("\n".join(_literal_line(ln) for ln in p) for p in _paragraphs(text))


def markdown_cell(text: str) -> str:
    """Text for a table cell, shown as written: a ``|`` or a newline cannot end the cell or row."""
    return markdown_inline(text)


# What a forge (GitHub, GitLab) turns into a live reference in a comment, beyond Markdown: an
# @mention (it notifies the person or team), an issue or merge request reference (#12, GH-12,
# !12: it links, and puts a cross-reference on that issue), and a bare web or mail address (the
# GFM autolink extension). A zero-width space after the sign breaks each, and the reader sees
# the same text; in the Markdown it is written as an entity, so the raw comment says so.
_FORGE_REFERENCE = re.compile(r"(?<=[@#!])(?=\w)|(?<=\bGH-)(?=\d)|(?=://)|(?<=\bwww)(?=\.)", re.IGNORECASE)
ZERO_WIDTH_SPACE = "&#8203;"


def markdown_comment(text: str) -> str:
    """Text for Markdown posted as a comment on a forge (a pull request), shown as written: as
    :func:`markdown_inline` (so it is safe in a table cell), and no @mention, issue reference or
    bare address in it notifies anyone or links anywhere."""
    return _FORGE_REFERENCE.sub(ZERO_WIDTH_SPACE, markdown_inline(text))


def markdown_code(text: str) -> str:
    """An inline code span showing ``text`` on one line: the backtick fence is longer than any
    run inside, padded where the text starts or ends with a backtick; controls are made visible
    (a code span shows them raw)."""
    body = " ".join(_UNSAFE_MARKDOWN.sub(_visible, _newlines(text)).split())
    if "`" not in body:  # most names: a single backtick fences them
        return f"`{body}`"
    longest = max(len(run) for run in _BACKTICKS.findall(body))
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def markdown_table_cell(markdown: str) -> str:
    """Markdown that is already safe (our own, or escaped) placed in a table cell: unescaped
    pipes are escaped and line ends become spaces."""
    one_line = " ".join(_newlines(markdown).split("\n"))
    return _UNESCAPED_PIPE.sub(r"\1\\|", one_line) if "|" in one_line else one_line


_BACKTICKS = re.compile(r"`+")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")


_URL = re.compile(rf"^https?://[^\s<>\"'`\\\x00-\x1f\x7f-\x9f{_BIDI}]+$")


def safe_url(url: object) -> str | None:
    """The URL as a Markdown link target, or None when it is not a plain http(s) URL.

    ``javascript:``, ``data:``, ``vbscript:``, relative and protocol-relative targets, and
    anything with spaces, quotes, controls or bidirectional overrides get no link.
    """
    if not isinstance(url, str) or not _URL.match(url):
        return None
    return url.replace("(", "%28").replace(")", "%29")


def markdown_link(url: object, label: str) -> str:
    """A Markdown link to ``url`` labelled ``label`` (shown literally); only the label, as
    text, when the URL is not a plain http(s) URL."""
    shown = markdown_inline(label)
    target = safe_url(url)
    return f"[{shown}]({target})" if target else shown


def markdown_fenced(text: str, info: str = "") -> str:
    """A fenced code block whose fence is longer than any backtick run in the text, so the text
    cannot close it; controls are made visible."""
    body = _UNSAFE_MARKDOWN.sub(_visible, _newlines(text)).strip("\n")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{body}\n{fence}"


def markdown_plain(markdown: str) -> str:
    """The text a line of Markdown shows: backslash escapes and entities decoded (the reverse of
    :func:`markdown_inline` for one line; importers read titles with it)."""
    return _ESCAPE_OR_ENTITY.sub(_decode, markdown)


_ESCAPE_OR_ENTITY = re.compile(
    r"\\([!-/:-@\[-`{-~])|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _decode(match: re.Match[str]) -> str:
    return match.group(1) if match.group(1) is not None else html.unescape(match.group())


# --- Markdown the author wrote ---------------------------------------------------------------
#
# The author's Markdown is kept, and a backslash is put before each character that would make
# something unsafe: a `<` (HTML, HTML comments, autolinks such as <javascript:...>) unless it
# opens an http(s) autolink; a `]` that closes link text whose target is not http(s) (links
# and images alike); the `[` that would open a link reference definition, first in its line
# after block-quote and list markers (all definitions: one could otherwise turn a card's own
# `[More Information Needed]` into a link); and, in prose, the first character of a line that
# would open an ATX heading, a setext underline or a code fence.
#
# A run of k backslashes before an escaped character becomes 2k+1. Each decision looks only at
# the text after the character, and no decision changes when backslashes are added or removed
# before the characters concerned (a `<` after `](` counts as a web target only when it opens an
# http(s) autolink, which is never escaped). So the importer takes the same decisions on the
# escaped text, in one pass, and turns each odd run of 2k+1 back into k: the escape is exact to
# undo (tests/test_escape.py checks this on generated Markdown).

_BACKSLASHES = re.compile(r"\\*")
# Line-start characters that open a heading, a setext underline, a fence or a link definition.
_STRUCTURE = "#=-`~["
_INLINE_CANDIDATE = re.compile(r"\\*[<\]]")
_SAFE_AUTOLINK = re.compile(r"<https?://[^\s<>\x00-\x1f\x7f-\x9f]+>", re.IGNORECASE)
# An inline link target that begins with http(s):// literally (no entity or escape decoding can
# change its scheme), or is an http(s) autolink in angle brackets. Anything else (javascript:,
# data:, relative, empty) gets no link.
_SAFE_TARGET = re.compile(
    r"\]\([ \t]*(?:\n[ \t]*)?(?:https?://|<https?://[^\s<>\x00-\x1f\x7f-\x9f]+>)", re.IGNORECASE)
# Block-quote and list markers (and indentation) that may come before a line's content.
_CONTAINER = re.compile(r"[ \t]+|>|[-*+](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$)")
_ATX = re.compile(r"#{1,6}(?=[ \t]|$)")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_FENCE = re.compile(r"`{3,}|~{3,}")
# A link label is at most 999 characters; a line-start `[` with a `]:` that close after it may
# open a definition (escaping other brackets could complete one), so it is escaped.
_LABEL_REACH = 999 + 3


def _inline_unsafe(text: str, at: int) -> bool:
    """Whether the `<` or `]` at ``at`` must be escaped."""
    if text[at] == "<":
        return not _SAFE_AUTOLINK.match(text, at)
    return text.startswith("](", at) and not _SAFE_TARGET.match(text, at)


def _line_start_unsafe(text: str, at: int) -> bool:
    """Whether the character at ``at``, first in its line after container markers, would open
    a heading, setext underline, fence or link reference definition."""
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    char = text[at]
    if char == "#":
        return bool(_ATX.match(text, at, end))
    if char in "=-":
        return bool(_SETEXT.match(text, at, end))
    if char in "`~":
        return bool(_FENCE.match(text, at, end))
    return char == "[" and text.find("]:", at, at + _LABEL_REACH) >= 0


def _line_start(text: str, start: int, end: int, chars: str) -> tuple[int, int] | None:
    """The backslash run and character that start the line's content, after any container
    markers: (run start, run length), or None when the line has no such character."""
    pos = start
    while pos < end:
        run = _BACKSLASHES.match(text, pos, end)
        at = run.end() if run else pos
        if at >= end:
            return None
        # A `-` that is not a setext underline may be a list marker: look past it.
        dash_marker = at == pos and text[at] == "-" and not _SETEXT.match(text, at, end)
        if text[at] in chars and not dash_marker:
            return pos, at - pos
        if at > pos:
            return None  # an escaped character is text, not a marker
        marker = _CONTAINER.match(text, pos, end)
        if marker is None or marker.end() == pos:
            return None
        pos = marker.end()
    return None


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield start, end
        start = end + 1


def _candidates(text: str, structure: bool) -> list[tuple[int, int, Callable[[str, int], bool]]]:
    """(run start, run length, test) for each character that may need escaping, in text order.

    ``test(text, at)`` says whether the character at ``at`` must be escaped.
    """
    found: list[tuple[int, int, Callable[[str, int], bool]]] = []
    for match in _INLINE_CANDIDATE.finditer(text):
        found.append((match.start(), match.end() - 1 - match.start(), _inline_unsafe))
    chars = _STRUCTURE if structure else "["
    for start, end in _lines(text):
        head = _line_start(text, start, end, chars)
        if head is not None:
            found.append((head[0], head[1], _line_start_unsafe))
    found.sort(key=lambda c: c[0])
    return found


def _rewrite(text: str, structure: bool, runs: Callable[[int], int | None]) -> str:
    """``text`` with the backslash run before each character that must be escaped replaced by
    ``runs(length)`` backslashes (None: left as it is)."""
    out: list[str] = []
    done = 0
    for start, run, unsafe in _candidates(text, structure):
        at = start + run
        count = runs(run)
        if count is not None and unsafe(text, at):
            out.append(text[done:start])
            out.append("\\" * count)
            done = at
    out.append(text[done:])
    return "".join(out)


def _escape(text: str, structure: bool) -> str:
    return _rewrite(_UNSAFE_MARKDOWN.sub(_visible, _newlines(text)), structure, lambda run: 2 * run + 1)


def _unescape(text: str, structure: bool) -> str:
    return _rewrite(_newlines(text), structure, lambda run: run // 2 if run % 2 else None)


def markdown_prose(text: str) -> str:
    """The author's Markdown, kept readable, made unable to run code or restructure a document.

    Emphasis, lists, block quotes, code spans, tables and http(s) links and images stay. HTML,
    HTML comments and autolinks other than http(s), links and images to anything but
    ``http(s)://``, link reference definitions, and lines that would open a heading, a setext
    underline or a code fence are escaped with backslashes; controls are made visible.
    """
    return _escape(text, structure=True)


def markdown_prose_inline(text: str) -> str:
    """:func:`markdown_prose` for one line of Markdown (a list item): as :func:`markdown_inline`
    does, a paragraph's lines are joined by spaces and paragraphs by ``<br><br>``."""
    return _on_one_line(text, lambda ln: markdown_prose(ln.strip()))


# A fenced code block's opening line: at most three spaces in, a fence, a plain info word.
_CODE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})[ \t]*([\w+.#-]*)[ \t]*$")


def _code_blocks(lines: list[str]) -> Iterator[tuple[int, int]]:
    """(first, last) line of each fenced code block that the text itself closes and that holds
    no control character. Nothing in such a block is rendered, and nothing after it can be taken
    into it; a fence left open is not a block (the prose escaping escapes it)."""
    i = 0
    while i < len(lines):
        opening = _CODE_OPEN.match(lines[i])
        if opening is None:
            i += 1
            continue
        fence = opening.group(2)
        close = next((j for j in range(i + 1, len(lines)) if _closes_fence(lines[j], fence)), None)
        if close is None:
            return
        if not _UNSAFE_MARKDOWN.search("\n".join(lines[i + 1:close])):
            yield i, close
        i = close + 1


def _closes_fence(line: str, fence: str) -> bool:
    body = line.strip(" ")
    return len(line) - len(line.lstrip(" ")) <= 3 and len(body) >= len(fence) and set(body) == {fence[0]}


def _around_code(text: str, prose: Callable[[str], str]) -> str:
    lines = _newlines(text).split("\n")
    out: list[str] = []
    done = 0
    for first, last in _code_blocks(lines):
        if first > done:
            out.append(prose("\n".join(lines[done:first])))
        out.append("\n".join(lines[first:last + 1]))
        done = last + 1
    if done < len(lines):
        out.append(prose("\n".join(lines[done:])))
    return "\n".join(out)


def markdown_prose_code(text: str) -> str:
    """:func:`markdown_prose` around the fenced code blocks the text holds, which are kept as
    written: a block the text closes cannot take in what follows it, and a reader of the card
    sees code as code (an example record, a command) rather than escaped fences."""
    return _around_code(text, markdown_prose)


def unescape_prose_code(markdown: str) -> str:
    """The text :func:`markdown_prose_code` was given: prose unescaped, code blocks as written."""
    return _around_code(markdown, unescape_prose)


def markdown_inert(text: str) -> str:
    """The author's Markdown with no HTML, no link to anything but ``http(s)://`` and no link
    definition; its structure (headings included) is kept. For a field that is a document of
    its own."""
    return _escape(text, structure=False)


def unescape_prose(markdown: str) -> str:
    """The text :func:`markdown_prose` was given (controls aside, which stay visible)."""
    return _unescape(markdown, structure=True)


def unescape_inert(markdown: str) -> str:
    """The text :func:`markdown_inert` was given (controls aside, which stay visible)."""
    return _unescape(markdown, structure=False)


# --- HTML ------------------------------------------------------------------------------------
#
# Text lands in element content or in a double-quoted attribute value; both are escaped for
# every character that could end the text (&, <, >, both quotes), so the same text is safe in
# either place, inline SVG included. Controls are made visible as in Markdown: a NUL or an ESC
# in a page is never what an author meant to show.

_HTML_SPECIAL = re.compile("[&<>\"']")
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


def _html(text: str) -> str:
    text = _UNSAFE_MARKDOWN.sub(_visible, _newlines(text))
    return _HTML_SPECIAL.sub(lambda m: _HTML_ENTITIES[m.group()], text)


def html_text(text: str) -> str:
    """Text shown as written in an HTML element (or SVG ``<text>``): no tag, entity or
    comment in it has any effect."""
    return _html(text)


def html_attr(text: str) -> str:
    """Text for a double-quoted HTML attribute value (``title``, ``aria-label``, ``data-*``):
    it cannot close the quote or the tag."""
    return _html(text)


def html_href(url: object) -> str | None:
    """A web link's target for an ``href``, escaped for the attribute; None when the URL is not
    a plain http(s) URL (``javascript:``, ``data:``, relative and protocol-relative targets get
    no link, as in Markdown)."""
    target = safe_url(url)
    return None if target is None else _html(target)


_SCRIPT_BREAKERS = re.compile("[<>&]")


def html_json(value: Any) -> str:
    """JSON inside ``<script type="application/json">``: ``<``, ``>`` and ``&`` are written as
    ``\\u`` escapes, so that no ``</script>`` or ``<!--`` in the data can end the block; the
    data decodes unchanged."""
    text = json_dumps(value, indent=None)
    return _SCRIPT_BREAKERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
