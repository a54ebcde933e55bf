"""The datasheet being built from one Croissant document, where each value came from, and the
readers of JSON-LD values (text, language maps, dates, node references) its importers share."""

from __future__ import annotations

import re
from typing import Any

from datacard.context import clean_text
from datacard.findings import Finding, Severity
from datacard.interop.common import append_path, get_path, set_path
from datacard.jsonpos import Scanned
from datacard.positions import Path

Loc = tuple[str | int, ...]  # a place in the JSON document, below the dataset object

_DATE = re.compile(r"^(\d{4})(-\d{2})?(-\d{2})?")


class CroissantDoc:
    """The datasheet being built from one Croissant document, and where each value came from."""

    def __init__(self, path: str, text: str, scanned: Scanned, base: Path = ()) -> None:
        self.path = path
        self.text = text
        self.positions = scanned.positions
        self.base = base  # the dataset object's path in the file: () or (0,) in a one-item list
        self.data: dict[str, Any] = {}
        self.lines: dict[str, int] = {}
        self.points: dict[str, tuple[int, int]] = {}
        self.findings: list[Finding] = []

    def point(self, key: str | Loc) -> tuple[int, int]:
        """1-based (line, column) of a property of the dataset object (or of a path below it)."""
        loc = (key,) if isinstance(key, str) else key
        return self.positions.find((*self.base, *loc), key=True)

    def line_of(self, key: str) -> int:
        return self.point(key)[0]

    def place(self, path: str, key: str | Loc) -> None:
        """Record that the datasheet value at ``path`` (dotted, list items as `[i]`) was read at
        ``key``, unless a place is already recorded for it."""
        point = self.point(key)
        self.lines.setdefault(path, point[0])
        self.points.setdefault(path, point)

    def put(self, path: str, value: Any, key: str | Loc) -> None:
        if value in (None, "", []) or get_path(self.data, path) is not None:
            return
        set_path(self.data, path, value)
        self.place(path, key)

    def extend(self, path: str, values: list[Any], key: str | Loc) -> None:
        values = [v for v in values if v not in (None, "")]
        if values:
            append_path(self.data, path, values)
            self.place(path, key)

    def note(self, code: Any, key: str | Loc, message: str, severity: Severity | None = None) -> None:
        line, column = self.point(key)
        field = key if isinstance(key, str) else str(key[0])
        self.findings.append(code.finding(self.path, line, column, message, field, severity))


# --- JSON-LD values ------------------------------------------------------------------------------

def text(value: Any) -> str | None:
    """Text of a JSON-LD value: a string, an @value object, a language map, or a list of these."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        parts = [t for t in (text(v) for v in value) if t]
        return "\n\n".join(parts) or None
    if isinstance(value, dict):
        if "@value" in value:
            return text(value["@value"])
        texts_ = [value.get("en")] + [v for k, v in value.items() if not k.startswith("@")]
        return next((t for t in (text(v) for v in texts_ if v is not None) if t), None)
    return None


def name(value: Any) -> str | None:
    """A name as written (a field, a file, a record set): a code, never judged as prose, so
    `_` or `na` stays a name. A language map gives its English or first name."""
    if isinstance(value, dict):
        value = value.get("@value", value.get("en", next((v for k, v in value.items() if not k.startswith("@")), None)))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return value.strip() or None if isinstance(value, str) else None


def texts(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [t for t in (text(v) for v in items) if t]


def date(value: Any) -> str | None:
    found = _DATE.match(text(value) or "")
    return "".join(g for g in found.groups() if g) if found else None


def member(node: dict[str, Any], local: str) -> Any:
    """A property of a nested node by its local name, whatever prefix it was written with."""
    for key, value in node.items():
        if key == local or key.endswith((f":{local}", f"#{local}", f"/{local}")):
            return value
    return None


def ref(value: Any) -> str | None:
    """The node a reference names: `{"@id": "x"}`, or `"x"` as Croissant 0.x writes it."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("@id")
    return value.strip() if isinstance(value, str) and value.strip() else None


def items(value: Any) -> list[Any]:
    """A JSON-LD value as a list (one value or several)."""
    return value if isinstance(value, list) else [value]


def clip(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else f"{shown[:59]}…"
