"""Where each key and array item of a TOML document is written: ``tomllib`` parses without
positions, so a configuration finding finds its line here, in the text.

The scanner runs only on text that ``tomllib`` has already accepted, so it may be lenient: it
knows tables, dotted and quoted keys, inline tables, arrays and the four kinds of string, which
is all it needs to walk past values without mistaking their content for keys.
"""

from __future__ import annotations

import bisect
import re

Path = tuple[str | int, ...]
_BARE = re.compile(r"[A-Za-z0-9_-]+")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.found: dict[Path, int] = {}

    def peek(self, k: int = 1) -> str:
        return self.text[self.i:self.i + k]

    def blank(self, newlines: bool) -> None:
        """Skip spaces (and newlines and comments when ``newlines``)."""
        while self.i < len(self.text):
            c = self.text[self.i]
            if c in " \t" or (newlines and c in "\r\n"):
                self.i += 1
            elif c == "#":
                while self.i < len(self.text) and self.text[self.i] != "\n":
                    self.i += 1
            else:
                return

    def key(self) -> tuple[str, ...]:
        parts: list[str] = []
        while True:
            self.blank(False)
            if self.peek() in ('"', "'"):
                parts.append(self.string())
            else:
                match = _BARE.match(self.text, self.i)
                if match is None:
                    return tuple(parts)
                parts.append(match.group())
                self.i = match.end()
            self.blank(False)
            if self.peek() != ".":
                return tuple(parts)
            self.i += 1

    def string(self) -> str:
        quote = self.peek()
        if self.peek(3) == quote * 3:
            end = self.text.find(quote * 3, self.i + 3)
            end = len(self.text) if end < 0 else end
            while self.text[end + 3:end + 4] == quote:  # up to two quotes may close the content
                end += 1
            value, self.i = self.text[self.i + 3:end], end + 3
            return value
        start = self.i + 1
        j = start
        while j < len(self.text) and self.text[j] != quote and self.text[j] != "\n":
            j += 2 if quote == '"' and self.text[j] == "\\" else 1
        self.i = j + 1
        return self.text[start:j]

    def value(self, path: Path) -> None:
        self.blank(False)
        c = self.peek()
        if c == "[":
            self.i += 1
            index = 0
            while True:
                self.blank(True)
                if self.peek() in ("]", ""):
                    self.i += 1
                    return
                item: Path = (*path, index)
                self.found[item] = self.i
                self.value(item)
                self.blank(True)
                if self.peek() == ",":
                    self.i += 1
                index += 1
        elif c == "{":
            self.i += 1
            while True:
                self.blank(True)
                if self.peek() in ("}", ""):
                    self.i += 1
                    return
                start = self.i
                key = self.key()
                if not key:  # not TOML after all: stop rather than loop
                    self.i = len(self.text)
                    return
                self.found.setdefault((*path, *key), start)
                self.blank(False)
                self.i += 1  # "="
                self.value((*path, *key))
                self.blank(True)
                if self.peek() == ",":
                    self.i += 1
        elif c in ('"', "'"):
            self.string()
        else:
            while self.i < len(self.text) and self.text[self.i] not in ",]}\n#":
                self.i += 1

    def document(self) -> dict[Path, int]:
        table: tuple[str, ...] = ()
        while True:
            self.blank(True)
            if self.i >= len(self.text):
                return self.found
            start = self.i
            if self.peek() == "[":
                double = self.peek(2) == "[["
                self.i += 2 if double else 1
                table = self.key()
                self.found.setdefault(table, start)
                while self.i < len(self.text) and self.text[self.i] != "\n":
                    self.i += 1
                continue
            key = self.key()
            if not key:
                while self.i < len(self.text) and self.text[self.i] != "\n":
                    self.i += 1
                continue
            self.found.setdefault((*table, *key), start)
            self.blank(False)
            self.i += 1  # "="
            self.value((*table, *key))


class KeyPositions:
    """1-based (line, column) of keys and array items, addressed by their path of keys and indexes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._offsets = _Scanner(text).document()
        self._lines = [0] + [m.end() for m in re.finditer("\n", text)]

    def offset_position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._lines, offset) - 1
        return line + 1, offset - self._lines[line] + 1

    def position(self, path: Path) -> tuple[int, int]:
        """Where ``path`` is written; for a path that is not (a missing key), its nearest parent."""
        for end in range(len(path), 0, -1):
            offset = self._offsets.get(path[:end])
            if offset is not None:
                return self.offset_position(offset)
        return 1, 1
