"""A diff for its reader: text for a terminal, Markdown for a pull-request comment, JSON.

Every value and path comes from a user's file, so each passes through :mod:`datacard.escape`
for the place it lands: one safe line on a terminal, a code span or literal text in a table
cell, a JSON string. Pure: diffs in, text out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from datacard.diff.changes import Change, ChangeClass, Op
from datacard.diff.sides import FileDiff
from datacard.escape import json_dumps, log_line, log_path, markdown_code, markdown_comment, markdown_table_cell

_CLIP = 60


# --- values as a person reads them ----------------------------------------------------------------


def shown(value: Any) -> str:
    """A value in a few words: numbers with separators, text clipped, entries by their name."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return _clip(f"{value:,}")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return _clip(" ".join(value.split()))
    if isinstance(value, dict):
        return _clip(", ".join(f"{k}: {shown(v)}" for k, v in value.items()))
    if isinstance(value, list):
        return _clip(", ".join(shown(v) for v in value[:5]) + (", ..." if len(value) > 5 else ""))
    return _clip(str(value))


def _clip(text: str) -> str:
    return text if len(text) <= _CLIP else text[: _CLIP - 1] + "…"


def _relative(change: Change) -> str:
    if change.relative is None:
        return ""
    return f" ({change.relative:+.1%})".replace("-", "−")


def describe(change: Change) -> str:
    """One sentence for a change, in plain text."""
    need = change.need
    if change.cls is ChangeClass.REGRESSION and need is not None:
        if change.op is Op.CHANGED:
            condition = need.condition.name if need.condition else "always"
            return f"{need.label} is needed now ({condition}) and is not answered"
        now = f"; it holds only {shown(change.new)!r}" if change.new is not None else ""
        return f"{need.label} was answered and is not any more{now}"
    if change.cls is ChangeClass.CONTEXT_ADDED and need is not None:
        return f"{need.label} is answered now"
    subject = ""
    if change.op is Op.ADDED:
        return f"added {shown(change.new)}"
    if change.op is Op.REMOVED:
        return f"removed {shown(change.old)}"
    return f"{subject}{shown(change.old)} -> {shown(change.new)}{_relative(change)}"


def _lines(change: Change) -> str:
    old = str(change.old_line) if change.old_line else "-"
    new = str(change.new_line) if change.new_line else "-"
    return f"{old} -> {new}"


def _title(diff: FileDiff) -> str:
    if diff.old.path != diff.new.path:
        return f"{diff.old.path} -> {diff.new.path}"
    return diff.path


def summary(diffs: Sequence[FileDiff]) -> Counter[ChangeClass]:
    return Counter(c.cls for d in diffs for c in d.changes)


def _counts(counts: Counter[ChangeClass]) -> str:
    return ", ".join(f"{counts[c]} {c.heading}" for c in ChangeClass if counts[c])


# --- text -------------------------------------------------------------------------------------


def text_report(diffs: Sequence[FileDiff]) -> str:
    """For a terminal: one block per file, one line per change, a closing count."""
    out: list[str] = []
    width = max((len(c.cls.heading) for d in diffs for c in d.changes), default=0)
    for diff in diffs:
        if not diff.changes and diff.status == "unchanged":
            continue
        out.append(f"{log_path(_title(diff))} ({diff.status})")
        for change in diff.changes:
            line = change.new_line or change.old_line
            where = f"{change.field}:{line}" if line else change.field
            where += f" ({change.entry})" if change.entry else ""
            out.append(f"  {change.cls.heading:<{width}}  {log_line(where)}  {log_line(describe(change))}")
    counts = summary(diffs)
    files = sum(1 for d in diffs if d.changes)
    if counts:
        out.append(f"{sum(counts.values())} change{_s(sum(counts.values()))} in {files} file{_s(files)}: "
                   f"{_counts(counts)}.")
    else:
        out.append("No changes." if not diffs else "No changes to the data of the datasheets.")
    return "\n".join(out) + "\n"


# --- Markdown ---------------------------------------------------------------------------------


def markdown_report(diffs: Sequence[FileDiff]) -> str:
    """For a pull-request comment: a table per file (CommonMark with GitHub's tables)."""
    counts = summary(diffs)
    out = ["## Datasheet changes", ""]
    if not counts:
        return "\n".join([*out, "No changes to the data of the datasheets.", ""])
    regressions = counts[ChangeClass.REGRESSION]
    if regressions:
        out += [f"**{regressions} regression{_s(regressions)}**: context the datasheet gave before is "
                "missing now.", ""]
    out += [f"{sum(counts.values())} change{_s(sum(counts.values()))}: {_counts(counts)}.", ""]
    for diff in diffs:
        if not diff.changes:
            continue
        out += [f"### {_code(_title(diff))} ({diff.status})", "",
                "| Change | Field | Before | After | Lines |", "|---|---|---|---|---|"]
        out += [_row(change) for change in diff.changes]
        out.append("")
    return "\n".join(out)


def _row(change: Change) -> str:
    kind = change.cls.heading
    if change.cls is ChangeClass.REGRESSION:
        kind = f"**{kind}**"
    before, after = _cell_value(change, change.old, old=True), _cell_value(change, change.new, old=False)
    entry = f" ({markdown_comment(change.entry)})" if change.entry else ""
    return (f"| {kind} | {markdown_table_cell(markdown_code(change.field))}{entry} | {before} | {after} | "
            f"{_lines(change)} |")


def _cell_value(change: Change, value: Any, *, old: bool) -> str:
    need = change.need
    if need is not None and ((change.cls is ChangeClass.REGRESSION and not old)
                             or (change.cls is ChangeClass.CONTEXT_ADDED and old)):
        held = f" (holds only {markdown_table_cell(markdown_code(shown(value)))})" if value is not None else ""
        return f"*{markdown_comment(need.label)} not answered*{held}"
    if value is None:
        return ""
    text = shown(value)
    cell = markdown_table_cell(markdown_code(text)) if _codelike(value) else markdown_comment(text)
    return cell + (_relative(change) if not old else "")


def _codelike(value: Any) -> bool:
    """Short values without spaces read as code (ids, tags, numbers); prose reads as text."""
    if isinstance(value, (dict, list)):
        return False
    return not isinstance(value, str) or (" " not in value.strip() and len(value) <= _CLIP)


def _code(text: str) -> str:
    return markdown_code(text)


# --- JSON ---------------------------------------------------------------------------------------


def json_report(diffs: Sequence[FileDiff]) -> str:
    """For programs: every change with its class, place, values, lines and relative change."""
    files = [{
        "old": d.old.path, "new": d.new.path, "status": d.status,
        "changes": [_change_dict(c) for c in d.changes],
    } for d in diffs]
    counts = summary(diffs)
    return json_dumps({"files": files, "summary": {c.value: counts[c] for c in ChangeClass if counts[c]}}) + "\n"


def _change_dict(change: Change) -> dict[str, Any]:
    return {
        "class": change.cls.value, "change": change.op.value, "field": change.field,
        "entry": change.entry, "need": change.need.id if change.need else None,
        "old": _plain(change.old), "new": _plain(change.new), "relative": change.relative,
        "old_line": change.old_line, "new_line": change.new_line, "message": describe(change),
    }


def _plain(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # `.inf` and `.nan` in YAML: strict JSON has no such numbers
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)


def _s(n: int) -> str:
    return "" if n == 1 else "s"
