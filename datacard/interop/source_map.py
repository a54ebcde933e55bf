"""Where a datasheet converted from a card or a Croissant file sits in that file.

A converted datasheet is checked like any other, and every finding must land on the line of the
file a person edits: the card or the JSON-LD, never the datasheet nobody wrote. A
:class:`SourceMap` answers the loader's question "where is this value?" for a converted
document: the line a value was read from, else the place its answer belongs (the card section or
front matter key that would hold it), else the top of the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from datacard.positions import Positions

Point = tuple[int, int]  # 1-based line and column


@dataclass(frozen=True)
class Home:
    """Where an answer belongs in the source file, and how to say so to a person."""

    at: Point
    where: str  # "under `### Curation Rationale`", "in the `license:` key of the front matter"


def indexed(loc: Sequence[str | int]) -> str:
    """A place with its list items: `composition.fields[2].type`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class SourceMap(Positions):
    """Datasheet locations -> positions in the file the datasheet was converted from."""

    __slots__ = ("_default", "_homes", "_values")

    def __init__(self, values: dict[str, Point], homes: dict[str, Home], default: Point) -> None:
        super().__init__()
        # dotted datasheet path -> where its value was read; without list indexes, or with them
        # (`composition.fields[2]`) where a reader recorded each item
        self._values = values
        self._homes = homes  # dotted datasheet path -> where its answer belongs
        self._default = default

    def __len__(self) -> int:
        return len(self._values)

    def find(self, loc: Sequence[str | int], *, key: bool = False) -> Point:
        """The position of the value at ``loc`` in the source file, or of the place its answer
        belongs there (the nearest enclosing value or home), or the top of the file."""
        first = next((i for i, p in enumerate(loc) if isinstance(p, int)), len(loc))
        for end in range(len(loc), first, -1):  # an item of a list, where the reader recorded it
            found = self._values.get(indexed(loc[:end]))
            if found is not None:
                return found
        names = [p for p in loc if isinstance(p, str)]
        for end in range(len(names), 0, -1):
            dotted = ".".join(names[:end])
            if dotted in self._values:
                return self._values[dotted]
            if dotted in self._homes:
                return self._homes[dotted].at
        return self._default

    def home(self, loc: Sequence[str | int]) -> str | None:
        """Where the answer for ``loc`` belongs in the source file, in words, when it has a home."""
        names = [p for p in loc if isinstance(p, str)]
        for end in range(len(names), 0, -1):
            found = self._homes.get(".".join(names[:end]))
            if found is not None:
                return found.where
        return None
