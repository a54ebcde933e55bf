"""What each kind of rule receives: a datasheet, a training setup, or one resolved reference."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from datacard.codes import Code
from datacard.findings import Finding
from datacard.lint.context import Loc, dotted
from datacard.lint.index import Sheet
from datacard.lint.lineage import Resolution, SourceLink
from datacard.lint.setup import Ref, Setup


@dataclass
class SheetContext:
    """A datasheet that validated, with its source links resolved."""

    sheet: Sheet
    data: dict[str, Any]
    links: list[SourceLink]

    def at(self, code: Code, loc: Loc, message: str, *, key: bool = False) -> Finding:
        line, col = self.sheet.loaded.position(loc, key=key)
        return code.finding(self.sheet.path, line, col, message, field=dotted(loc) or None)


@dataclass
class SetupContext:
    setup: Setup

    def at(self, code: Code, line: int, column: int, message: str, field: str | None = None) -> Finding:
        return code.finding(self.setup.path, line, column, message, field=field)


@dataclass
class RefContext:
    setup: Setup
    resolution: Resolution

    @property
    def ref(self) -> Ref:
        return self.resolution.ref

    def chain(self, *names: str) -> str:
        return " -> ".join((self.setup.name, *names))

    def at(self, code: Code, message: str, *, sheet: Sheet | None = None, loc: Loc = ()) -> Finding:
        """A finding on the reference's line; without a line (the Python API), on the datasheet."""
        ref = self.ref
        if ref.line > 0 or sheet is None:
            return ref.finding(code, message, field=dotted(loc) or None)
        line, col = sheet.loaded.position(loc, key=True)
        return code.finding(sheet.path, line, col, message, field=dotted(loc) or None)
