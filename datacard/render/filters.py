"""Jinja2 filters: thin wrappers over :mod:`datacard.escape`, the one escaper.

Every value printed by a template passes through :func:`finalize`, which escapes it as inline
text unless a filter already produced :class:`Safe` output. A template that forgets a filter
therefore still cannot let a datasheet inject HTML, links or block structure into the page.
"""

from __future__ import annotations

import enum
from typing import Any

from markupsafe import Markup

from datacard import escape

Safe = Markup
"""Text already escaped for Markdown; :func:`finalize` passes it through unchanged."""


def text(value: Any) -> str:
    """Plain text of a value: enums by their value, everything else by ``str``."""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def inline(value: Any) -> Safe:
    """Escape text for one line of Markdown: a list item, a heading, a table cell."""
    if isinstance(value, Markup):
        return value
    return Safe(escape.markdown_inline(text(value)))


def block(value: Any) -> Safe:
    """Escape text as top-level Markdown paragraphs, keeping its line and paragraph breaks."""
    return Safe(escape.markdown_block(text(value)))


def cell(value: Any) -> Safe:
    """Escape text for a table cell: pipes are escaped and no newline can end the row."""
    if isinstance(value, Markup):
        return Safe(escape.markdown_table_cell(str(value)))
    return Safe(escape.markdown_cell(text(value)))


def is_url(value: Any) -> bool:
    return escape.safe_url(value) is not None


def link(url: Any, label: Any = None) -> Safe:
    """A Markdown link, only for http(s) URLs; anything else is shown as escaped text."""
    return Safe(escape.markdown_link(url, text(label if label is not None else url)))


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


def code(value: Any) -> Safe:
    """An inline code span whose backtick fence is longer than any run inside the text."""
    return Safe(escape.markdown_code(str(value)))


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
    if field.lengths is not None and field.lengths.min is not None and field.lengths.max is not None:
        mean = f", mean {field.lengths.mean:g}" if field.lengths.mean is not None else ""
        parts.append(f"{field.lengths.min}-{field.lengths.max} characters{mean}")
    if field.positive is not None:
        parts.append(f"positive class: {cell(field.positive)}")
    if field.missing is not None:
        parts.append(f"missing: {field.missing}")
    elif field.nullable:
        parts.append("may be empty")
    return Safe("; ".join(parts))


def counts(mapping: Any) -> Safe:
    """Counts by value (a split's label balance): `1: 2,263; 2: 2,266`."""
    return Safe("; ".join(f"{cell(k)}: {v:,}" for k, v in mapping.items()))


def measured(record: Any) -> Safe:
    """What datacard profile measured, when and from how many rows (`composition.measured`)."""
    what = f"by {inline(record.by)}" if record.by else ""
    when = f" on {inline(record.date)}" if record.date else ""
    rows = f" from {record.rows:,} rows" if record.rows is not None else ""
    sample = " (a sample)" if record.sample else ""
    sources = f" of {joined(record.sources)}" if record.sources else ""
    facts = f": {joined(record.facts)}" if record.facts else ""
    return Safe(f"{what}{when}{rows}{sample}{sources}{facts}".strip())


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
    "counts": counts,
    "measured": measured,
}
