"""Helpers shared by the importers and exporters: placeholders, dotted paths, the result type."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from datacard.findings import Finding, Report
from datacard.interop import codes
from datacard.model import Datasheet

# Text that template generators leave behind; it says nothing about the dataset. The Hub's
# canonical cards link the placeholder to the contribution guide: `[More Information Needed](URL)`.
_PLACEHOLDERS = re.compile(
    r"^\s*(?:\[?\s*more information needed\s*\]?|\[?\s*needs more information\s*\]?|n/?a|tbd|todo"
    r"|\[?\s*optional\s*\]?|none provided|-+|\.+)(?:\(\s*[^()\s]*\s*\))?\s*\.?\s*$",
    re.IGNORECASE,
)
# Jinja variables of the card template, such as `{{ dataset_summary | default(...) }}`; BibTeX's
# `{{Organisation Name}}` has no space after the braces and is kept.
_TEMPLATE_VARIABLE = re.compile(r"\{\{\s+\w")
# A `<` after a backslash is text, not a comment (datacard's exports escape a `<` that way).
_COMMENT = re.compile(r"(?<!\\)<!--.*?-->", re.DOTALL)
_TEMPLATE_SENTENCES = (
    "this dataset card aims to be a base template for new datasets",
    "provide a quick summary of the dataset",
    "provide a longer summary of what this dataset is",
    "provide the basic links for the dataset",
    "this section describes suitable use cases for the dataset",
    "this section addresses misuse, malicious use",
    "users should be made aware of the risks, biases and limitations of the dataset",
)


def clean_text(text: str | None) -> str | None:
    """Text without HTML comments and surrounding blank lines; None when it is only a placeholder."""
    if text is None:
        return None
    stripped = _COMMENT.sub("", text).strip()
    if not stripped or _PLACEHOLDERS.match(stripped) or _TEMPLATE_VARIABLE.search(stripped):
        return None
    lowered = stripped.lower()
    if any(lowered.startswith(s) for s in _TEMPLATE_SENTENCES):
        return None
    return stripped


def get_path(data: Any, path: str) -> Any:
    """The value at a dotted path; ``a.b[].c`` collects ``c`` from every item of list ``b``."""
    current: list[Any] = [data]
    for part in path.split("."):
        many = part.endswith("[]")
        key = part[:-2] if many else part
        nxt: list[Any] = []
        for item in current:
            value = item.get(key) if isinstance(item, dict) else getattr(item, key, None)
            if value is None:
                continue
            if many:
                nxt.extend(value if isinstance(value, list) else [value])
            else:
                nxt.append(value)
        current = nxt
    if "[]" in path:
        return [_plain(v) for v in current]
    return _plain(current[0]) if current else None


def _plain(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def is_answered(value: Any) -> bool:
    """Whether a value says something: not None, not empty text, not an empty list or mapping."""
    if value is None:
        return False
    if isinstance(value, str):
        return clean_text(value) is not None  # placeholders such as TBD say nothing
    if isinstance(value, (list, dict)):
        return any(is_answered(v) for v in (value.values() if isinstance(value, dict) else value))
    return True


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set a dotted path (no list parts), creating mappings on the way."""
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def append_path(data: dict[str, Any], path: str, values: list[Any]) -> None:
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    existing = node.setdefault(parts[-1], [])
    existing.extend(v for v in values if v not in existing)


def slug(text: str) -> str:
    """A datasheet name from free text, as `datacard init` makes one ('Bokmål' -> bokmal)."""
    from datacard.starter import slugify

    return slugify(text)


@dataclass
class Imported:
    """A datasheet converted from another format, with what could not be carried over."""

    path: str
    data: dict[str, Any]
    datasheet: Datasheet | None
    findings: list[Finding] = field(default_factory=list)

    def report(self) -> Report:
        return Report(findings=list(self.findings), files=[self.path])


@dataclass
class Exported:
    """Text in another format, with what the format could not hold."""

    path: str
    text: str
    findings: list[Finding] = field(default_factory=list)

    def report(self) -> Report:
        return Report(findings=list(self.findings), files=[self.path])


def finish(path: str, data: dict[str, Any], lines: dict[str, int], findings: list[Finding]) -> Imported:
    """Validate converted data; drop values the schema rejects, each with a finding at its source line."""
    for _ in range(50):
        try:
            model = Datasheet.model_validate(data)
        except ValidationError as exc:
            error = exc.errors()[0]
            loc = [p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
            dotted = _drop(data, loc)
            if not dotted:  # nothing left to drop: a bug in a converter, reported, not looped on
                findings.append(codes.INVALID_RESULT.finding(path, 0, 0, f"{error['msg']}"))
                return Imported(path, data, None, findings)
            line = _line_for(lines, dotted)
            findings.append(codes.INVALID_RESULT.finding(
                path, line, 1 if line else 0,
                f"{dotted or 'value'}: {error['msg']}; the value was not imported", field=dotted,
            ))
            continue
        return Imported(path, data, model, findings)
    return Imported(path, data, None, findings)  # pragma: no cover - converters never get here


def _drop(data: dict[str, Any], loc: list[Any]) -> str:
    """Remove the smallest part of ``data`` at ``loc`` that exists; return its dotted path."""
    parents: list[tuple[Any, Any]] = []
    node: Any = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        if in_dict or (isinstance(node, list) and isinstance(part, int) and part < len(node)):
            parents.append((node, part))
            node = node[part]
        else:
            break
    if not parents:
        return ""
    container, key = parents[-1]
    del container[key]
    # Empty containers left behind would only confuse a reader.
    for container, key in reversed(parents[:-1]):
        if not container[key]:
            del container[key]
    return ".".join(str(p) for p, _ in zip(loc, parents, strict=False))


def _line_for(lines: dict[str, int], dotted: str) -> int:
    parts = dotted.split(".")
    while parts:
        key = ".".join(p for p in parts if not p.isdigit())
        if key in lines:
            return lines[key]
        parts.pop()
    return 0


def held_values(data: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """The values of ``fields`` that say something, normalised for comparison across formats:
    text stripped, placeholders dropped, lists of scalars sorted (order is not kept by every format)."""
    out: dict[str, Any] = {}
    for path in fields:
        value = _normalise(get_path(data, path))
        if value is not None and value != [] and not (isinstance(value, list) and all(v is None for v in value)):
            out[path] = value
    return out


def _normalise(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        items = [_normalise(v) for v in value]
        return sorted(items, key=repr)
    return value


# --- what an export format cannot hold ------------------------------------------------------

# Mappings whose keys are data (group names), not fields: each is one leaf.
_FREE_MAPS = frozenset({"origin.people.subpopulations[].distribution"})


def leaf_paths(value: Any, prefix: str = "") -> list[str]:
    """Dotted paths of every set leaf; list items appear as `[]`."""
    if isinstance(value, dict) and prefix not in _FREE_MAPS:
        return [p for k, v in value.items() for p in leaf_paths(v, f"{prefix}.{k}" if prefix else k)]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return sorted({p for item in value for p in leaf_paths(item, f"{prefix}[]")})
    return [prefix] if is_answered(value) or value is False or value == 0 else []


def not_held(ds: Datasheet, holdable: tuple[str, ...]) -> list[str]:
    data = ds.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data.pop("name", None)
    held = set(holdable)
    return [p for p in leaf_paths(data) if p not in held]


def lost_findings(ds: Datasheet, holdable: tuple[str, ...], path: str, what: str) -> list[Finding]:
    """One DC407 per datasheet part (origin.collection, composition.fields, ...) with lost fields."""
    groups: dict[str, list[str]] = {}
    for lost in not_held(ds, holdable):
        parts = lost.split(".")
        cut = 1 if len(parts) <= 2 else 2
        names = groups.setdefault(".".join(parts[:cut]), [])
        if parts[cut:]:
            names.append(".".join(parts[cut:]))
    return [
        codes.LOST_IN_EXPORT.finding(
            path, 0, 0, f"{what} cannot hold {group}" + (f": {', '.join(names)}" if names else ""), group)
        for group, names in groups.items()
    ]
