"""The datasheet being built from a Hugging Face card, shared by the front matter and body readers."""

from __future__ import annotations

from typing import Any

from datacard.findings import Finding, Severity
from datacard.interop.common import append_path, get_path, set_path
from datacard.load import Loaded


class Card:
    """The datasheet being built, where each value came from, and what could not be kept."""

    def __init__(self, path: str, loaded: Loaded) -> None:
        self.path = path
        self.loaded = loaded
        self.data: dict[str, Any] = {}
        self.lines: dict[str, int] = {}
        self.findings: list[Finding] = []
        # Fields whose text in the card could not be read as the field (curators in prose): the
        # line of that text and what to write there instead, so a gap points at it.
        self.unread: dict[str, tuple[int, str]] = {}
        # Tables of split counts in the body, (line, splits) each: the dataset's splits only when
        # there is one (a card with a table per configuration gives no count of the whole).
        self.split_tables: list[tuple[int, list[dict[str, Any]]]] = []

    def key_line(self, key: str) -> int:
        return self.loaded.position((key,), key=True)[0] if self.loaded.root is not None else 1

    def value_line(self, loc: tuple[str | int, ...]) -> int:
        return self.loaded.position(loc)[0] if self.loaded.root is not None else 1

    def put(self, path: str, value: Any, line: int, *, append_text: bool = False) -> None:
        existing = get_path(self.data, path)
        if existing is not None and append_text and isinstance(existing, str):
            if value not in existing:
                value = f"{existing}\n\n{value}"
        elif existing is not None:
            return
        set_path(self.data, path, value)
        self.lines.setdefault(path, line)

    def extend(self, path: str, values: list[Any], line: int) -> None:
        if values:
            append_path(self.data, path, values)
            self.lines.setdefault(path, line)

    def note(self, code: Any, line: int, message: str, field: str | None = None,
             severity: Severity | None = None) -> None:
        self.findings.append(code.finding(self.path, line, 1 if line else 0, message, field, severity))
