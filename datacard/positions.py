"""Where each key and value of a loaded document starts: a compact index from path to position.

The loader fills it while it builds the data, in the same pass, so that a finding costs one
dictionary lookup per level of its path, whatever the number of findings or the size of the
mapping holding the value. A path is a tuple of mapping keys (text) and list indexes (int), as
pydantic reports locations. Positions are kept in one flat array, four numbers per value; the
node tree this replaces cost about a kilobyte per value and had to be searched key by key.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

Path = tuple[str | int, ...]
NO_KEY = -1  # the key position of a list item or of the root: it has none


class Positions:
    """0-based marks of every key and value, by path, with alias uses linked to their anchors."""

    __slots__ = ("_links", "_marks", "_slot", "offset")

    def __init__(self, offset: int = 0) -> None:
        self.offset = offset  # lines before the YAML (Markdown front matter starts below line 1)
        self._slot: dict[Path, int] = {}
        # key line, key column, value line, value column; NO_KEY for list items and the root
        self._marks = array("q")
        # An alias's path -> the anchored value's path, where the positions inside it are kept.
        self._links: dict[Path, Path] = {}

    def __len__(self) -> int:
        return len(self._slot)

    def add(self, path: Path, key_line: int, key_col: int, line: int, col: int) -> None:
        """Record a value (and its key); the first value at a path wins, as it does in the data."""
        if path not in self._slot:
            self._slot[path] = len(self._marks)
            self._marks.extend((key_line, key_col, line, col))

    def storage(self) -> tuple[dict[Path, int], array[int]]:
        """The dictionary and the array, for the loader to fill directly (the same as `add`
        with no check that a path is new: the loader never gives a path twice)."""
        return self._slot, self._marks

    def link(self, path: Path, anchored: Path) -> None:
        """Positions below ``path`` (an alias) are those below ``anchored`` (its anchor's value)."""
        self._links[path] = anchored

    def nbytes(self) -> int:
        """Memory held by the index, approximately: the dictionaries, the paths and the array."""
        import sys

        paths = sum(sys.getsizeof(p) for p in self._slot)
        return (sys.getsizeof(self._slot) + paths + sys.getsizeof(self._links)
                + self._marks.itemsize * len(self._marks))

    def _child(self, path: Path, part: str | int) -> Path | None:
        base = self._links.get(path, path)
        probe = (*base, part)
        if probe in self._slot:
            return probe
        if isinstance(part, int):  # a mapping key written as a number, such as `2017:`
            probe = (*base, str(part))
            if probe in self._slot:
                return probe
        return None

    def find(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``loc``, or of its key when ``key`` is set.

        Where ``loc`` runs past what the document holds (a missing key), the position is that
        of the deepest key that exists, which is the line a person would extend.
        """
        path: Path = ()
        for part in loc:
            found = self._child(path, part)
            if found is None:
                break
            path = found
        else:
            if not key and path in self._slot:
                return self._mark(path, 2)
        if not path:
            return 1 + self.offset, 1
        slot = self._slot[path]
        return self._mark(path, 0 if self._marks[slot] != NO_KEY else 2)

    def home(self, loc: Sequence[str | int]) -> str | None:
        """Where the answer for ``loc`` belongs, in words, when the file is not the datasheet
        itself (a card or Croissant file read as one: :mod:`datacard.interop.source_map`)."""
        return None

    def _mark(self, path: Path, at: int) -> tuple[int, int]:
        slot = self._slot[path] + at
        return self._marks[slot] + 1 + self.offset, self._marks[slot + 1] + 1

