"""A place in a datasheet: one type for "where", used by every layer.

A :class:`Location` is a path of keys and list indexes (``origin.sources[0].datacard``). It
reads the value at that place from plain data, writes its dotted form one way everywhere, and
asks the loader for its line and column. ``[]`` stands for every item of a list
(``composition.splits[].count``), for questions that any item may answer.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from datacard.load import Loaded

Part = str | int
EACH: Final = "[]"
"""A part that stands for every item of a list."""

_TOKEN = re.compile(r"\[(\d*)\]|\.?([^.\[\]]+)")


@dataclass(frozen=True, order=True)
class Location:
    """A path into a datasheet: mapping keys (str), list indexes (int) or :data:`EACH`."""

    parts: tuple[Part, ...] = ()

    @classmethod
    def parse(cls, dotted: str) -> Location:
        """``origin.sources[0].datacard`` -> Location; ``a.b[].c`` keeps ``[]`` as :data:`EACH`."""
        parts: list[Part] = []
        pos = 0
        while pos < len(dotted):
            match = _TOKEN.match(dotted, pos)
            if match is None or match.end() == pos:
                raise ValueError(f"not a datasheet location: {dotted!r}")
            index, key = match.groups()
            if key is not None:
                parts.append(key)
            else:
                parts.append(int(index) if index else EACH)
            pos = match.end()
        return cls(tuple(parts))

    @classmethod
    def of(cls, *parts: Part) -> Location:
        return cls(tuple(parts))

    @property
    def dotted(self) -> str:
        """The one written form: ``origin.sources[0].datacard``, ``composition.splits[].count``."""
        out = ""
        for part in self.parts:
            if isinstance(part, int):
                out += f"[{part}]"
            elif part == EACH:
                out += "[]"
            else:
                out += f".{part}" if out else part
        return sys.intern(out)  # the fields of findings: a lint run holds one per gap

    def __str__(self) -> str:
        return self.dotted

    def __truediv__(self, part: Part) -> Location:
        return Location((*self.parts, part))

    def __len__(self) -> int:
        return len(self.parts)

    @property
    def parent(self) -> Location:
        return Location(self.parts[:-1])

    @property
    def keys(self) -> tuple[str, ...]:
        """The mapping keys only: ``origin.sources[0].datacard`` -> (origin, sources, datacard)."""
        return tuple(p for p in self.parts if isinstance(p, str) and p != EACH)

    @property
    def pattern(self) -> Location:
        """The same place with every index as :data:`EACH`: what a field reference documents."""
        return Location(tuple(EACH if isinstance(p, int) else p for p in self.parts))

    def within(self, other: Location) -> bool:
        """Whether this place is ``other`` or lies inside it (indexes match :data:`EACH`)."""
        if len(other.parts) > len(self.parts):
            return False
        return all(o == s or (o == EACH and isinstance(s, int)) for o, s in zip(other.parts, self.parts, strict=False))

    def get(self, data: Any) -> Any:
        """The value at this place in plain data (or pydantic models), or None.

        With :data:`EACH` parts, the list of values found under every item (None items left out).
        """
        if EACH in self.parts:
            return [value for _, value in self.items(data) if value is not None]
        for part in self.parts:
            data = _step(data, part)
            if data is None:
                return None
        return data

    def items(self, data: Any) -> Iterator[tuple[Location, Any]]:
        """(concrete location, value) for every place this location names that exists."""
        stack: list[tuple[tuple[Part, ...], Any, int]] = [((), data, 0)]
        while stack:
            done, node, depth = stack.pop()
            if depth == len(self.parts):
                yield Location(done), node
                continue
            part = self.parts[depth]
            if part == EACH:
                if isinstance(node, list):
                    stack.extend(((*done, i), item, depth + 1) for i, item in reversed(list(enumerate(node))))
                continue
            child = _step(node, part)
            if child is not None:
                stack.append(((*done, part), child, depth + 1))

    def position(self, loaded: Loaded, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) in the loaded file: of the value, or of its key with ``key``.

        A place the file does not hold is placed on the deepest key that exists, the line a
        person would extend.
        """
        return loaded.position(tuple(p for p in self.parts if p != EACH), key=key)


def _step(node: Any, part: Part) -> Any:
    if isinstance(part, int):
        return node[part] if isinstance(node, list) and 0 <= part < len(node) else None
    if isinstance(node, dict):
        return node.get(part)
    if node is None or isinstance(node, (str, int, float, bool, list)):
        return None
    # pydantic models: attribute access, so renderers can ask the same question of models.
    fields = getattr(type(node), "model_fields", None)
    return getattr(node, part, None) if fields is not None and part in fields else None


def dotted(parts: tuple[Part, ...] | list[Part]) -> str:
    """The dotted form of raw parts (a pydantic error's ``loc``, a rule's path)."""
    return Location(tuple(parts)).dotted
