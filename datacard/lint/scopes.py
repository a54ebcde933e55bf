"""What each kind of rule receives: a datasheet, a training setup, or one resolved reference."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from datacard.codes import Code
from datacard.context import Location
from datacard.findings import Finding, Related
from datacard.lint.index import Sheet
from datacard.lint.lineage import Resolution, SourceLink
from datacard.lint.policy import Policy
from datacard.lint.training import Ref, Setup, chain_text

Where = Location | tuple[str | int, ...]


def _loc(where: Where) -> Location:
    return where if isinstance(where, Location) else Location(tuple(where))


@dataclass
class SheetContext:
    """A datasheet that validated, with its source links resolved."""

    sheet: Sheet
    data: dict[str, Any]
    links: list[SourceLink]
    policy: Policy | None = None  # the project's JSON Schema overlay, when it has one

    def at(self, code: Code, where: Where, message: str, *, key: bool = False, field: str | None = None) -> Finding:
        loc = _loc(where)
        line, col = loc.position(self.sheet.loaded, key=key)
        return code.finding(self.sheet.path, line, col, message, field=field or loc.dotted or None)


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
        """The model, the base models a reference is inherited through, then ``names``."""
        return chain_text((self.setup.name, *self.ref.via, *names))

    def at(self, code: Code, message: str, *, sheet: Sheet | None = None, loc: Where = (),
           related: tuple[Related, ...] = ()) -> Finding:
        """A finding on the reference's line; without a line (the Python API), on the datasheet."""
        ref = self.ref
        where = _loc(loc)
        field = where.dotted or None
        if ref.line > 0 or sheet is None:
            return ref.finding(code, message, field=field, related=related)
        line, col = where.position(sheet.loaded, key=True)
        return code.finding(sheet.path, line, col, message, field=field, related=related)
