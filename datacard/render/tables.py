"""The tables of a rendered datasheet: one function per table, each dropping the columns that no
row fills (a Values column empty for every field says nothing, and costs the reader a look).

Cells are built with the filters of :mod:`datacard.render.filters`, so that every value is
escaped for a cell and a placeholder is shown as a gap, as everywhere else on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from datacard.render.filters import Safe, cell, counts, label, literal, name, number, share, text

Column = tuple[str, str]  # (heading, alignment row: "---" or "---:")


def markdown_table(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> Safe:
    """A GFM table of ``rows`` (cells already escaped for a cell: a pipe even inside a code span
    ends a GFM cell unless escaped), without the columns that every row leaves empty; the first
    column always stays."""
    keep = [i for i in range(len(columns)) if i == 0 or any(str(row[i]).strip() for row in rows)]
    lines = ["| " + " | ".join(columns[i][0] for i in keep) + " |",
             "|" + "|".join(columns[i][1] for i in keep) + "|"]
    lines += ["| " + " | ".join(str(row[i]) for i in keep) + " |" for row in rows]
    return Safe("\n".join(lines))


def _opt(value: Any, show: Any = cell) -> str:
    return "" if value is None or value == "" or value == [] else str(show(value))


def _mapping(values: dict[str, Any]) -> str:
    """``group: share`` pairs; the keys are the author's names for groups, shown as written."""
    return "; ".join(f"{cell(literal(k))}: {share(v)}" for k, v in values.items())


def field_values(field: Any) -> str:
    """The Values cell of the fields table: allowed values, measured counts, range, gaps."""
    parts: list[str] = []
    if field.values:
        parts.append(", ".join(str(cell(v)) for v in field.values))
    if field.distribution:
        parts.append(_mapping(field.distribution))
    low, high = (field.range.min, field.range.max) if field.range else (None, None)
    if low is not None and high is not None:
        parts.append(f"{_range_end(low)} to {_range_end(high)}")
    elif low is not None:
        parts.append(f"at least {_range_end(low)}")
    elif high is not None:
        parts.append(f"at most {_range_end(high)}")
    if field.distinct is not None:
        parts.append(f"{number(field.distinct)} distinct")
    if field.lengths is not None and field.lengths.min is not None and field.lengths.max is not None:
        mean = f", mean {field.lengths.mean:,.4g}" if field.lengths.mean is not None else ""
        parts.append(f"{number(field.lengths.min)} to {number(field.lengths.max)} characters{mean}")
    if field.positive is not None:
        parts.append(f"positive class: {cell(literal(field.positive))}")
    if field.missing is not None:
        parts.append(f"{share(field.missing)} missing")
    elif field.nullable:
        parts.append("may be empty")
    elif field.nullable is False:
        parts.append("never empty")
    return "; ".join(parts)


def _range_end(value: Any) -> str:
    return number(value) if isinstance(value, int) and not isinstance(value, bool) else str(cell(value))


def fields_table(fields: Sequence[Any]) -> Safe:
    rows = []
    for f in fields:
        role = label(f.role) if f.role else ""
        if f.sensitive:
            role = f"{role}, sensitive" if role else "Sensitive"
        rows.append([str(cell(name(f.name))), _opt(f.type, label), str(role), _opt(f.description),
                     field_values(f), field_source(f.source)])
    return markdown_table([("Field", "---"), ("Type", "---"), ("Role", "---"), ("Description", "---"),
                           ("Values", "---"), ("Source", "---")], rows)


def field_source(source: Any) -> str:
    """Where a field is read from: the file, and the column, JSON path or file property in it."""
    if source is None:
        return ""
    parts = [str(cell(name(source.file)))]
    if source.column is not None:
        parts.append(f"column {cell(name(source.column))}")
    if source.json_path is not None:
        parts.append(f"path {cell(name(source.json_path))}")
    if source.file_property is not None:
        parts.append(str(cell(literal(text(source.file_property)))))
    if source.pattern is not None:
        parts.append(f"matching {cell(name(source.pattern))}")
    return ", ".join(parts)


def files_table(files: Sequence[Any]) -> Safe:
    """The files of the distribution: where each is, what it is inside, its format, size and digest."""
    rows = []
    for f in files:
        where = f.url if f.url is not None else ", ".join(f.includes)
        if f.excludes:
            where = f"{where} (not {', '.join(f.excludes)})"
        digest = f"SHA-256 {f.sha256}" if f.sha256 else f"MD5 {f.md5}" if f.md5 else ""
        rows.append([str(cell(name(f.name))), _opt(where, lambda v: cell(literal(v))),
                     ", ".join(str(cell(name(c))) for c in f.contained_in), _opt(f.format, lambda v: cell(literal(v))),
                     _opt(f.size, lambda v: cell(literal(v))), _opt(digest, lambda v: cell(literal(v))),
                     _opt(f.description)])
    return markdown_table([("File", "---"), ("Where", "---"), ("Inside", "---"), ("Format", "---"),
                           ("Size", "---"), ("Digest", "---"), ("Description", "---")], rows)


def splits_table(splits: Sequence[Any], total: int | None) -> Safe:
    """Splits with their sizes and, when the total is known, their share of it."""
    rows = []
    for s in splits:
        count = number(s.count) if s.count is not None else ""
        part = share(s.count / total) if s.count is not None and total else ""
        balance = f"{counts(s.distribution)}" if s.distribution else ""
        rows.append([str(cell(s.name)), count, part, balance, _opt(s.description)])
    return markdown_table([("Split", "---"), ("Instances", "---:"), ("Share", "---:"), ("Labels", "---"),
                           ("Description", "---")], rows)


def languages_table(languages: Sequence[Any]) -> Safe:
    rows = [[str(code_tag(lang.tag)), _opt(lang.description)] for lang in languages]
    return markdown_table([("Tag", "---"), ("Variety", "---")], rows)


def code_tag(tag: str) -> Safe:
    """A BCP 47 tag, which the model's pattern keeps to letters, digits and hyphens."""
    return literal(tag)


def subpopulations_table(groups: Sequence[Any]) -> Safe:
    rows = [[str(cell(g.name)), _opt(g.field, lambda v: cell(name(v))), _mapping(g.distribution), _opt(g.description)]
            for g in groups]
    return markdown_table([("Attribute", "---"), ("Field", "---"), ("Distribution", "---"),
                           ("Notes", "---")], rows)


def releases_table(releases: Sequence[Any]) -> Safe:
    rows = []
    for r in releases:
        available = "" if r.available is None else ("available" if r.available else "no longer available")
        rows.append([str(cell(r.version)), _opt(r.date, literal), available, _opt(r.notes)])
    return markdown_table([("Release", "---"), ("Date", "---"), ("Availability", "---"), ("Notes", "---")], rows)

