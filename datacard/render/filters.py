"""How a rendered page shows each value: thin wrappers over :mod:`datacard.escape`, the one escaper.

Every value the page prints passes through :func:`shown`, which escapes it as inline text
unless a function here already produced :class:`Safe` output. A section that forgets to pick a
function therefore still cannot let a datasheet inject HTML, links or block structure into the
page.

Text that only fills a field (`TBD`, `[More Information Needed]`: the judgement of
:func:`datacard.context.placeholder`, the linter's DC207) is never shown as if it were an
answer: every filter that prints a datasheet's text shows such a value as a gap instead.
"""

from __future__ import annotations

import enum
import re
from contextvars import ContextVar
from functools import cache, lru_cache
from typing import Any

from datacard import escape
from datacard.context import placeholder
from datacard.model.enums import label as enum_label
from datacard.model.enums import sentence


class Safe(str):
    """Text already escaped for Markdown; :func:`shown` passes it through unchanged."""

    __slots__ = ()

#: The code of a placeholder outside the context needs (the linter's placeholder-text rule).
PLACEHOLDER_CODE = "DC207"

#: Whether the datasheet's prose is Markdown its author wrote for a renderer (a Hugging Face
#: card's sections, a Croissant description): shown as Markdown through
#: :func:`datacard.escape.markdown_prose_code` (emphasis, lists, tables, web links and code
#: blocks kept; no HTML, heading or other link), not as literal text. Set for one render by
#: :func:`datacard.render.markdown.render_markdown`.
PROSE_IS_MARKDOWN: ContextVar[bool] = ContextVar("datacard_prose_is_markdown", default=False)


def text(value: Any) -> str:
    """Plain text of a value: enums by their label, flags as yes or no, the rest by ``str``."""
    if isinstance(value, enum.Enum):
        return enum_label(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def filler(value: Any) -> str | None:
    """The placeholder a datasheet text consists of, or None (for an answer, or not text)."""
    if type(value) is str:
        return judged(value)
    if isinstance(value, (Safe, enum.Enum)) or not isinstance(value, str):
        return None
    return judged(str(value))


@lru_cache(maxsize=4096)
def judged(text: str) -> str | None:
    """:func:`filler` of a plain text, judged once however often the page asks."""
    # A page judges each text twice (in place and for the closing list), and lint's verdict
    # costs several regular expressions: once per text is enough.
    return placeholder(text) or None  # empty text is left out by the templates, not marked


def placeholder_gap(found: str) -> Safe:
    """How a placeholder outside the context needs is shown: a gap, with what it holds."""
    return Safe(f'*Not answered: holds only "{escape.markdown_inline(found)}"* ({PLACEHOLDER_CODE})')


def literal(value: Any) -> Safe:
    """Escape text for one line of Markdown, shown as written even when it is a placeholder
    (the placeholder a gap quotes, a mapping's keys, the dataset's name)."""
    if isinstance(value, Safe):
        return value
    return Safe(escape.markdown_inline(text(value)))


def inline(value: Any) -> Safe:
    """Escape text for one line of Markdown: a list item, a heading, a table cell."""
    if type(value) is str:
        if PROSE_IS_MARKDOWN.get():  # checked before the cache, which holds the literal form
            found = judged(value)
            return placeholder_gap(found) if found is not None else Safe(escape.markdown_prose_inline(value))
        return _inline_text(value) if len(value) <= _CACHED else _inline(value)
    if isinstance(value, enum.Enum):
        return _choice(type(value), value)
    found = filler(value)
    return placeholder_gap(found) if found is not None else literal(value)


#: Texts up to this length are escaped once per process (labels, names, short answers recur
#: from page to page); longer ones are prose, which seldom repeats and would fill the cache.
_CACHED = 200


def _inline(text: str) -> Safe:
    found = judged(text)
    return placeholder_gap(found) if found is not None else Safe(escape.markdown_inline(text))


_inline_text = lru_cache(maxsize=8192)(_inline)


@cache  # a vocabulary's values: a few hundred in all
def _choice(kind: type[enum.Enum], value: enum.Enum) -> Safe:
    # Keyed by the type too: values of two vocabularies may be equal ("image") and read
    # differently ("Image" as a field type, "Images" as a modality).
    return Safe(escape.markdown_inline(enum_label(value)))


def block(value: Any) -> Safe:
    """Escape text as top-level Markdown paragraphs, keeping its line and paragraph breaks."""
    found = filler(value)
    if found is not None:
        return placeholder_gap(found)
    if PROSE_IS_MARKDOWN.get():
        return Safe(escape.markdown_prose_code(text(value)))
    return Safe(escape.markdown_block(text(value)))


def cell(value: Any) -> Safe:
    """Escape text for a table cell: pipes are escaped and no newline can end the row."""
    if isinstance(value, Safe):
        return Safe(escape.markdown_table_cell(str(value)))
    found = filler(value)
    if found is not None:
        return Safe(escape.markdown_table_cell(placeholder_gap(found)))
    return Safe(escape.markdown_cell(text(value)))


def is_url(value: Any) -> bool:
    return escape.safe_url(value) is not None


def link(url: Any, label: Any = None) -> Safe:
    """A Markdown link, only for http(s) URLs; anything else is shown as escaped text."""
    shown = label if label is not None else url
    found = filler(shown)
    if found is not None:
        return placeholder_gap(found)
    return Safe(escape.markdown_link(url, text(shown)))


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
    return Safe(escape.markdown_fenced(str(value), info))


_BIBTEX = re.compile(r"^\s*@[A-Za-z]+\s*[{(]")


def citation(value: Any) -> Safe:
    """The citation as a block a reader can copy, marked as BibTeX when it is."""
    found = filler(value)
    if found is not None:
        return placeholder_gap(found)
    return fenced(value, "bibtex" if _BIBTEX.match(str(value)) else "text")


_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_ONE_LINE_CODE = re.compile(r"^ {0,3}(`{3,})(?!`)(.*?[^`])\1\s*$")
_INFO = re.compile(r"^[A-Za-z0-9_+.-]{1,20}$")


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def prose_with_code(value: Any) -> Safe:
    """Prose shown as written, and the code blocks in it kept as code blocks: an example
    instance recorded in ``composition.instance`` (a JSON record, say) stays copyable."""
    found = filler(value)
    if found is not None:
        return placeholder_gap(found)
    if PROSE_IS_MARKDOWN.get():
        return Safe(escape.markdown_prose_code(text(value)))
    parts: list[str] = []
    prose: list[str] = []

    def flush() -> None:
        if any(line.strip() for line in prose):
            parts.append(escape.markdown_block("\n".join(prose)))
        prose.clear()

    lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        one = _ONE_LINE_CODE.match(line)
        opening = _FENCE_OPEN.match(line)
        if one:
            flush()
            parts.append(escape.markdown_fenced(one.group(2).strip()))
        elif opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            flush()
            fence, info = opening.group(1), opening.group(2).strip()
            body: list[str] = []
            i += 1
            while i < len(lines) and not _closes(lines[i], fence):
                body.append(lines[i])
                i += 1
            parts.append(escape.markdown_fenced("\n".join(body), info if _INFO.match(info) else ""))
        else:
            prose.append(line)
        i += 1
    flush()
    return Safe("\n\n".join(parts))


def code(value: Any) -> Safe:
    """An inline code span whose backtick fence is longer than any run inside the text."""
    text = str(value)
    return _code(text) if len(text) <= _CACHED else Safe(escape.markdown_code(text))


@lru_cache(maxsize=4096)  # names recur: fields, columns, the places the closing list names
def _code(text: str) -> Safe:
    return Safe(escape.markdown_code(text))


def name(value: Any) -> Safe:
    """A name from the data (a column, a split): a code span, or the gap a placeholder is."""
    found = filler(value)
    return placeholder_gap(found) if found is not None else code(value)


def joined(values: Any, sep: str = ", ") -> Safe:
    """Escape each value and join them."""
    return Safe(sep.join(str(inline(v)) for v in values))


def labels(values: Any) -> Safe:
    """Values of a vocabulary as their labels, joined, the first capitalised: "Text, images"."""
    return Safe(sentence(", ".join(str(inline(v)) for v in values)))


def label(value: Any) -> Safe:
    """One value of a vocabulary as its label, capitalised: "Not sought"."""
    return Safe(sentence(str(inline(value))))


# --- numbers -----------------------------------------------------------------------------------

_UNITS = ("kB", "MB", "GB", "TB", "PB", "EB", "ZB")


def number(value: Any) -> str:
    """A count with thousands separators: 700,000."""
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def size(value: Any) -> str:
    """A size in bytes in decimal units, the exact count kept: 521.1 MB (521,082,742 bytes)."""
    if not isinstance(value, int) or isinstance(value, bool):
        return str(value)
    if value < 1000:
        return f"{value:,} byte{'' if value == 1 else 's'}"
    scaled, unit = float(value), "B"
    for unit in _UNITS:
        scaled /= 1000
        if scaled < 999.95 or unit == _UNITS[-1]:
            break
    return f"{scaled:,.1f} {unit} ({value:,} bytes)"


def share(value: Any) -> str:
    """A ratio between 0 and 1 as a percentage (41%, 0.3%); a count as a number; else as is."""
    if isinstance(value, float) and 0 <= value <= 1:
        percent = value * 100
        if abs(percent - round(percent)) < 1e-9:
            return f"{round(percent)}%"
        return f"{percent:.1f}%" if percent >= 1 else f"{percent:.2g}%"
    return number(value)


def counts(mapping: Any) -> Safe:
    """Counts by value (a split's label balance): `1: 2,263; 2: 2,266`."""
    return Safe("; ".join(f"{cell(literal(k))}: {number(v)}" for k, v in mapping.items()))


def measured(record: Any) -> Safe:
    """What datacard profile measured, when and from how many rows (`composition.measured`)."""
    what = f"by {inline(record.by)}" if record.by else ""
    when = f" on {inline(record.date)}" if record.date else ""
    rows = f" from {record.rows:,} rows" if record.rows is not None else ""
    sample = " (a sample)" if record.sample else ""
    sources = f" of {joined(record.sources)}" if record.sources else ""
    facts = f": {joined(record.facts)}" if record.facts else ""
    return Safe(f"{what}{when}{rows}{sample}{sources}{facts}".strip())


def shown(value: Any) -> Safe:
    """How the page prints any value: None as nothing, :class:`Safe` text as it is, anything
    else escaped as one line (:func:`inline`)."""
    if value is None:
        return _EMPTY
    if isinstance(value, Safe):
        return value
    return inline(value)


_EMPTY = Safe()
