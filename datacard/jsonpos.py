"""Where each key and value of a JSON document starts: the JSON counterpart of the YAML loader's
position index (:class:`~datacard.positions.Positions`), so that findings about a Croissant file
sit on the line and column of the property a person must edit.

The values themselves come from :func:`json.loads`; this scanner only records positions, in one
pass over the text and without recursion (a document nested 10,000 deep costs a list, not the
stack). It is called on text that ``json.loads`` accepted, so it can stop quietly at anything
unexpected: a position index that ends early places later findings on the nearest key above.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field

from datacard.positions import NO_KEY, Path, Positions

_SPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")


class _Lines:
    """Offsets -> 0-based (line, column), by a binary search over the line starts."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, offset - self.starts[line]


@dataclass
class _Open:
    """A list or mapping being read: its path, and the index of its next item."""

    path: Path
    is_object: bool
    index: int = 0
    keys: set[str] = field(default_factory=set)


@dataclass
class Scanned:
    """Positions of a JSON text, and the keys that appear twice in one object (JSON readers keep
    the last value; the position index keeps the first)."""

    positions: Positions
    repeated: list[tuple[Path, int, int]] = field(default_factory=list)  # path, 1-based line, column


def json_positions(text: str) -> Scanned:
    """The position of every key and value in ``text`` (JSON), by path: mapping keys and list
    indexes, as :class:`~datacard.positions.Positions` holds them for YAML."""
    scanned = Scanned(Positions())
    lines = _Lines(text)
    stack: list[_Open] = []
    pos = _skip(text, 0)
    key: tuple[str, int, int] | None = None  # the member's key being read, and where it starts
    while pos < len(text):
        char = text[pos]
        if stack and stack[-1].is_object and key is None and char == '"':
            match = _STRING.match(text, pos)
            if match is None:
                break
            key = (_key(match.group(0)), *lines.at(pos))
            pos = _skip(text, match.end())
            if not text.startswith(":", pos):
                break
            pos = _skip(text, pos + 1)
            continue
        if char == ",":
            pos = _skip(text, pos + 1)
            continue
        if char in "}]":
            stack.pop()
            pos = _skip(text, pos + 1)
            if not stack:
                break
            continue
        path, key_line, key_col = _member(stack, key, scanned)
        key = None
        line, col = lines.at(pos)
        scanned.positions.add(path, key_line, key_col, line, col)
        if char in "{[":
            stack.append(_Open(path, char == "{"))
            pos = _skip(text, pos + 1)
            continue
        match = _STRING.match(text, pos) if char == '"' else _SCALAR.match(text, pos)
        if match is None or not stack:
            break
        pos = _skip(text, match.end())
    return scanned


def _skip(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _member(stack: list[_Open], key: tuple[str, int, int] | None, scanned: Scanned) -> tuple[Path, int, int]:
    """The path of the value about to be read, with its key's position (NO_KEY for list items)."""
    if not stack:
        return (), NO_KEY, NO_KEY
    frame = stack[-1]
    if frame.is_object and key is not None:
        name, line, col = key
        if name in frame.keys:
            scanned.repeated.append(((*frame.path, name), line + 1, col + 1))
        frame.keys.add(name)
        return (*frame.path, name), line, col
    frame.index += 1
    return (*frame.path, frame.index - 1), NO_KEY, NO_KEY


def _key(token: str) -> str:
    try:
        value = json.loads(token)
    except ValueError:
        return token[1:-1]
    return value if isinstance(value, str) else token[1:-1]
