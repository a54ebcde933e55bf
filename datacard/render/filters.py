"""Escaping filters: user text becomes inert Markdown wherever it lands.

Every value printed by a template passes through :func:`finalize`, which escapes it as inline
text unless a filter already produced :class:`Safe` output. A template that forgets a filter
therefore still cannot let a datasheet inject HTML, links or block structure into the page.
"""

from __future__ import annotations

import enum
import re
from typing import Any

from markupsafe import Markup

Safe = Markup
"""Text already escaped for Markdown; :func:`finalize` passes it through unchanged."""

# Characters with inline meaning in CommonMark/GFM: emphasis, code, links, tables, strikethrough.
_INLINE = re.compile(r"([\\`*_\[\]|~])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_HTML_RE = re.compile("[&<>]")
# What makes a line start a heading, list, rule or setext underline ('>' and '*' are escaped
# everywhere already); an ordered-list marker is a number, '.' or ')', then a space.
_LEADING = re.compile(r"^[#+=-]")
_ORDERED = re.compile(r"^([0-9]{1,9})([.)])(?=\s|$)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$")


def _escape_line(line: str) -> str:
    text = _HTML_RE.sub(lambda m: _HTML[m.group()], line.strip())
    text = _INLINE.sub(r"\\\1", text)
    if _LEADING.match(text):
        return "\\" + text
    return _ORDERED.sub(r"\1\\\2", text)


def _lines(value: Any) -> list[list[str]]:
    """Paragraphs of non-empty lines."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [[ln for ln in p.split("\n") if ln.strip()] for p in _PARAGRAPH_BREAK.split(text)]
    return [p for p in paragraphs if p]


def text(value: Any) -> str:
    """Plain text of a value: enums by their value, everything else by ``str``."""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def inline(value: Any) -> Safe:
    """Escape text for one line of Markdown: a list item, a heading, a table cell.

    Single newlines become spaces (as Markdown would render them); paragraph breaks become
    ``<br><br>`` so they survive inside a list item or a table cell.
    """
    if isinstance(value, Markup):
        return value
    paragraphs = [" ".join(_escape_line(ln) for ln in p) for p in _lines(text(value))]
    return Safe("<br><br>".join(paragraphs))


def block(value: Any) -> Safe:
    """Escape text as top-level Markdown paragraphs, keeping its line and paragraph breaks."""
    paragraphs = ["\n".join(_escape_line(ln) for ln in p) for p in _lines(text(value))]
    return Safe("\n\n".join(paragraphs))


def cell(value: Any) -> Safe:
    """Escape text for a table cell: pipes are escaped and no newline can end the row."""
    return Safe(str(inline(value)).replace("\n", " "))


def is_url(value: Any) -> bool:
    return isinstance(value, str) and bool(_URL.match(value))


def link(url: Any, label: Any = None) -> Safe:
    """A Markdown link, only for http(s) URLs; anything else is shown as escaped text."""
    shown = inline(label if label is not None else url)
    if not is_url(url):
        return shown
    target = str(url).replace("(", "%28").replace(")", "%29")
    return Safe(f"[{shown}]({target})")


# Identifier schemes with a well-known resolver, so that `hf:imdb` becomes a working link.
_RESOLVERS = {
    "hf": "https://huggingface.co/datasets/",
    "doi": "https://doi.org/",
    "arxiv": "https://arxiv.org/abs/",
    "kaggle": "https://www.kaggle.com/datasets/",
}


def identifier(value: Any) -> Safe:
    """An identifier, linked through its scheme's resolver when it has one."""
    scheme, _, rest = str(value).partition(":")
    base = _RESOLVERS.get(scheme.lower())
    if base and rest and not rest.startswith("/"):
        return link(base + rest, value)
    return link(value)


def fenced(value: Any, info: str = "") -> Safe:
    """A fenced code block whose fence is longer than any backtick run in the text."""
    body = str(value).replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return Safe(f"{fence}{info}\n{body}\n{fence}")


def code(value: Any) -> Safe:
    """An inline code span whose backtick fence is longer than any run inside the text."""
    body = " ".join(str(value).split())
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return Safe(f"{fence}{pad}{body}{pad}{fence}")


def joined(values: Any, sep: str = ", ") -> Safe:
    """Escape each value and join them."""
    return Safe(sep.join(str(inline(v)) for v in values))


def field_values(field: Any) -> Safe:
    """The Values cell of the fields table: allowed values, measured counts, range, gaps."""
    parts: list[str] = []
    if field.values:
        parts.append(joined(field.values))
    if field.distribution:
        parts.append("; ".join(f"{cell(k)}: {v}" for k, v in field.distribution.items()))
    low, high = (field.range.min, field.range.max) if field.range else (None, None)
    if low is not None and high is not None:
        parts.append(f"{cell(low)} to {cell(high)}")
    elif low is not None:
        parts.append(f"at least {cell(low)}")
    elif high is not None:
        parts.append(f"at most {cell(high)}")
    if field.distinct is not None:
        parts.append(f"{field.distinct} distinct")
    if field.missing is not None:
        parts.append(f"missing: {field.missing}")
    elif field.nullable:
        parts.append("may be empty")
    return Safe("; ".join(parts))


def finalize(value: Any) -> Any:
    """Applied to every ``{{ ... }}``: None prints nothing, unsafe text is escaped."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return inline(value)


FILTERS = {
    "inline": inline,
    "block": block,
    "cell": cell,
    "link": link,
    "identifier": identifier,
    "fenced": fenced,
    "code": code,
    "joined": joined,
    "text": text,
    "field_values": field_values,
}
