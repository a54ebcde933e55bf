"""Helpers shared by the importers and exporters: dotted paths, the result types, what an export loses.

What counts as an answer (and so as a placeholder to drop on import) is :mod:`datacard.context`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from datacard.codebook import interop as codes
from datacard.context import EACH, Location, clean_text, says_something
from datacard.findings import Finding, Report
from datacard.model import Datasheet
from datacard.positions import Positions
from datacard.validate import error_message


def get_path(data: Any, path: str) -> Any:
    """The value at a dotted path (:class:`~datacard.context.Location`), as plain data;
    ``a.b[].c`` collects ``c`` from every item of list ``b``."""
    value = _location(path).get(data)
    if isinstance(value, list) and EACH in _location(path).parts:
        return [_plain(v) for v in value]
    return _plain(value)


@lru_cache(maxsize=512)
def _location(path: str) -> Location:
    return Location.parse(path)


def _plain(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


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
    # Where each datasheet value sits in the source file (a SourceMap), for commands that read
    # the card or Croissant file as a datasheet; None when the file could not be read at all.
    positions: Positions | None = None

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
            said = error_message({**error, "loc": tuple(loc)}, Datasheet)  # as `validate` words it
            findings.append(codes.INVALID_RESULT.finding(
                path, line, 1 if line else 0, f"{said}; the value was not imported", field=dotted,
            ))
            continue
        return Imported(path, canonical(model), model, findings)
    return Imported(path, data, None, findings)  # pragma: no cover - converters never get here


def canonical(model: Datasheet) -> dict[str, Any]:
    """The datasheet's data with its keys in the schema's order (as `datacard init` writes them),
    holding only what the conversion set."""
    data: dict[str, Any] = model.model_dump(mode="json", exclude_unset=True, exclude_none=True)
    return data


def with_identifiers(imported: Imported, identifiers: list[str]) -> Imported:
    """The import with ``identifiers`` (`hf:owner/name`) first among the datasheet's identifiers,
    so that a model card naming the dataset finds the datasheet."""
    if not identifiers or imported.datasheet is None:
        return imported
    known = [i for i in imported.data.get("identifiers", []) if i not in identifiers]
    data = {**imported.data, "identifiers": [*dict.fromkeys(identifiers), *known]}
    try:
        model = Datasheet.model_validate(data)
    except ValidationError as exc:
        raise ValueError(f"not an identifier: {exc.errors()[0]['msg']}") from None
    return Imported(imported.path, canonical(model), model, imported.findings, imported.positions)


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
    for end in range(len(parts), 0, -1):  # an item of a list, where the reader recorded it
        key = "".join(f"[{p}]" if p.isdigit() else (f".{p}" if i else p) for i, p in enumerate(parts[:end]))
        if "[" in key and key in lines:
            return lines[key]
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
    return [prefix] if says_something(value) else []


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
