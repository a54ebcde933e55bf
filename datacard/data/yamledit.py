"""Editing YAML text in place: change a few values, add keys and list items, touch nothing else.

A round-trip library re-emits the whole document from its own model of it, and where that
model does not fit the file (a comment before a list's first item, a comment at column 0 after
a section, a tab after a colon) it moves comments into the middle of entries or writes keys at
the wrong indentation. This module never re-emits anything: it reads where each node starts
and ends in the text (the composed node tree of the loader's parser) and splices new text in at
those places. Every byte it was not asked to change stays where it was, comments included.

Edits are collected first and applied together by :meth:`Document.result`; each names the
span of the original text it replaces, so that none can shift another.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from datacard.yaml12 import NodeLoader
from datacard.yamltext import YamlTextError
from datacard.yamltext import flow_text as _flow_text
from datacard.yamltext import scalar_text as _scalar_text

_MAX_DEPTH = 100


class EditError(ValueError):
    """The text cannot be edited in place safely; nothing was changed."""


# --- writing values -----------------------------------------------------------------------

# The scalar writers are the core's (`--fix` uses them too); an unwritable value is an EditError.
def scalar_text(value: Any) -> str:
    """``value`` as a YAML scalar every reader reads back as it is (:func:`datacard.yamltext.scalar_text`)."""
    try:
        return _scalar_text(value)
    except YamlTextError as exc:
        raise EditError(str(exc)) from None


def flow_text(value: Any) -> str:
    """A value in flow style: ``{a: 1, b: [x, y]}``."""
    try:
        return _flow_text(value)
    except YamlTextError as exc:
        raise EditError(str(exc)) from None


@dataclass(frozen=True)
class Style:
    """How the file indents: a mapping's keys under its parent key (``step``), and the dash of
    a list under its key (``offset``; the item's content then sits two columns further)."""

    step: int = 2
    offset: int = 2


def block_lines(key: str, value: Any, style: Style) -> list[str]:
    """``key: value`` as block lines, indented relative to the key's column."""
    head = f"{scalar_text(key)}:"
    if isinstance(value, dict) and value:
        return [head] + [" " * style.step + line for k, v in value.items() for line in block_lines(k, v, style)]
    if isinstance(value, list) and value:
        return [head] + [" " * style.offset + line for item in value for line in item_lines(item, style)]
    return [f"{head} {flow_text(value)}"]


def item_lines(item: Any, style: Style) -> list[str]:
    """One list item: ``- first: value`` and the rest of the item two columns in."""
    if isinstance(item, dict) and item:
        lines = [line for k, v in item.items() for line in block_lines(k, v, style)]
    else:
        lines = [flow_text(item)]
    return ["- " + lines[0]] + ["  " + line for line in lines[1:]]


# --- reading the node tree ----------------------------------------------------------------


def is_null(node: Node | None) -> bool:
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _walk_depth(node: Node, depth: int = 0) -> Iterator[tuple[Node, int]]:
    """Every node with its depth, an aliased one once per use."""
    if depth > _MAX_DEPTH:
        raise EditError("the document is nested too deeply to edit")
    yield node, depth
    if isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _walk_depth(key, depth + 1)
            yield from _walk_depth(value, depth + 1)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _walk_depth(item, depth + 1)


def _walk(node: Node) -> Iterator[Node]:
    return (n for n, _ in _walk_depth(node))


def _scalar_value(node: ScalarNode) -> Any:
    """The value the loader gives a plain scalar, for deciding whether an edit changes it."""
    tag, text = node.tag, node.value
    try:
        if tag.endswith(":int"):
            return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
        if tag.endswith(":float"):
            return float(text.replace(".inf", "inf").replace(".nan", "nan").replace(".Inf", "inf"))
        if tag.endswith(":bool"):
            return text.lower() == "true"
        if tag.endswith(":null"):
            return None
    except ValueError:
        return object()  # unreadable: never equal to a new value
    return text


def _same(old: Any, new: Any) -> bool:
    return type(old) is type(new) and old == new


class Document:
    """A YAML document's text and node tree, with edits to apply to the text."""

    def __init__(self, text: str) -> None:
        if "\r" in text:
            raise EditError("the text has carriage returns; give it with \\n line ends")
        self.text = text
        loader = NodeLoader(text)
        try:
            root = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise EditError(f"the text does not parse as YAML: {exc}") from None
        finally:
            loader.dispose()
        if not isinstance(root, MappingNode):
            raise EditError("the document is not a mapping")
        self.root: MappingNode = root
        # start, end, -depth, order, new text: insertions at one place go deepest first (keys
        # added to a list's last entry before the list's new items, before the parent's new
        # keys), then in the order they were made.
        self._edits: list[tuple[int, int, int, int, str]] = []
        self._depth: dict[int, int] = {}
        self._filled: set[int] = set()  # empty flow collections that have been given an item
        self._shared: set[int] = set()
        budget = len(text) + 10_000
        for node, depth in _walk_depth(root):
            budget -= 1
            if budget < 0:
                raise EditError("aliases expand the document too far to edit it")
            if id(node) in self._depth:
                self._shared.add(id(node))
            self._depth.setdefault(id(node), depth)
        self.style = self._style()

    # -- queries --

    def get(self, mapping: MappingNode, key: str) -> Node | None:
        """The value node under ``key`` (the first one, as the loader reports a repeat)."""
        for key_node, value in mapping.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return value  # type: ignore[no-any-return]
        return None

    def _style(self) -> Style:
        step = offset = None
        for node in _walk(self.root):
            if not isinstance(node, MappingNode) or node.flow_style:
                continue
            for key, value in node.value:
                if isinstance(value, MappingNode) and not value.flow_style and value.value and step is None:
                    child = value.value[0][0].start_mark
                    if child.line > key.start_mark.line:
                        step = child.column - key.start_mark.column
                if (isinstance(value, SequenceNode) and not value.flow_style and offset is None
                        and value.start_mark.line > key.start_mark.line):
                    offset = value.start_mark.column - key.start_mark.column
        return Style(step if step and step > 0 else 2, offset if offset is not None and offset >= 0 else 2)

    def _check_own(self, node: Node) -> None:
        if id(node) in self._shared:
            raise EditError(f"line {node.start_mark.line + 1}: the value is an alias (*name) used more than "
                            "once; write it out where it is used, then run again")

    # -- positions --

    def _end(self, node: Node) -> int:
        """Where the node's content ends: for a block collection, the end of its last value
        (its own end mark lies past the comments and blank lines after it)."""
        if isinstance(node, MappingNode) and not node.flow_style and node.value:
            key, value = node.value[-1]
            return max(self._end(key), self._end(value))
        if isinstance(node, SequenceNode) and not node.flow_style and node.value:
            return self._end(node.value[-1])
        return int(node.end_mark.index)

    def _after_line(self, index: int) -> int:
        """The start of the line after the one holding ``index - 1`` (a node's end)."""
        if index > 0 and self.text[index - 1] == "\n":
            return index
        newline = self.text.find("\n", index)
        return len(self.text) if newline < 0 else newline + 1

    def _add(self, start: int, end: int, new: str, within: Node | None = None) -> None:
        depth = self._depth.get(id(within), 0) if within is not None else 0
        self._edits.append((start, end, -depth, len(self._edits), new))

    def _insert_lines(self, index: int, lines: list[str], indent: int, within: Node) -> None:
        """Insert whole lines at the start of a line (or at the end of a text without a final
        newline)."""
        block = "".join(" " * indent + line + "\n" for line in lines)
        if index == len(self.text) and self.text and not self.text.endswith("\n"):
            block = "\n" + block
        self._add(index, index, block, within)

    # -- edits --

    def set_scalar(self, node: ScalarNode, value: Any) -> None:
        """Replace a scalar's text, unless it already holds ``value``."""
        self._check_own(node)
        if _same(_scalar_value(node), value):
            return
        start, end = int(node.start_mark.index), int(node.end_mark.index)
        new = scalar_text(value)
        if start == end and start > 0 and self.text[start - 1] == ":":
            new = " " + new
        self._add(start, end, new)

    def add(self, mapping: MappingNode, key: str, value: Any) -> None:
        """Add ``key: value`` after the mapping's last entry, in the mapping's own style."""
        self._check_own(mapping)
        if mapping.flow_style or not mapping.value:
            self._flow_add(mapping, f"{scalar_text(key)}: {flow_text(value)}")
            return
        column = int(mapping.value[0][0].start_mark.column)
        self._insert_lines(self._after_line(self._end(mapping)), block_lines(key, value, self.style), column, mapping)

    def append(self, seq: SequenceNode, item: Any) -> None:
        """Add an item after the list's last one, in the list's own style."""
        self._check_own(seq)
        if seq.flow_style or not seq.value:
            self._flow_add(seq, flow_text(item))
            return
        dash = int(seq.start_mark.column)
        first = seq.value[0].start_mark
        gap = first.column - dash if first.line == seq.start_mark.line else 2
        last = seq.value[-1]
        flow = isinstance(last, (MappingNode, SequenceNode)) and last.flow_style
        lines = ["- " + flow_text(item)] if flow else item_lines(item, self.style)
        lines = ["-" + " " * (gap - 1) + lines[0][2:]] + [" " * (gap - 2) + line for line in lines[1:]]
        self._insert_lines(self._after_line(self._end(seq)), lines, dash, seq)

    def _flow_add(self, node: MappingNode | SequenceNode, text: str) -> None:
        if node.value:
            last = node.value[-1]
            end = self._end(last[1] if isinstance(last, tuple) else last)
            self._add(end, end, ", " + text, node)
        else:
            opening = int(node.start_mark.index)
            bracket = self.text.find("{" if isinstance(node, MappingNode) else "[", opening)
            if bracket < 0:
                raise EditError(f"line {node.start_mark.line + 1}: cannot find the opening bracket")
            separator = ", " if id(node) in self._filled else ""
            self._filled.add(id(node))
            self._add(bracket + 1, bracket + 1, separator + text, node)

    def fill(self, key: ScalarNode, null: ScalarNode, value: Any, parent: MappingNode) -> None:
        """Give a key written without a value (``fields:``) or with ``null`` one."""
        self._check_own(null)
        if not isinstance(value, (dict, list)) or not value or parent.flow_style:
            start, end = int(null.start_mark.index), int(null.end_mark.index)
            new = flow_text(value)
            self._add(start, end, " " + new if self.text[start - 1 : start] == ":" else new)
            return
        self._add(int(null.start_mark.index), int(null.end_mark.index), "")
        column = int(key.start_mark.column)
        if isinstance(value, dict):
            lines = [" " * self.style.step + line for k, v in value.items() for line in block_lines(k, v, self.style)]
        else:
            lines = [" " * self.style.offset + line for item in value for line in item_lines(item, self.style)]
        self._insert_lines(self._after_line(int(null.end_mark.index)), lines, column, null)

    def removable(self, mapping: MappingNode) -> bool:
        """Whether each entry can be removed with its lines: a block mapping whose keys each
        start a line."""
        return not mapping.flow_style and all(self._at_line_start(k) for k, _ in mapping.value)

    def _at_line_start(self, node: Node) -> bool:
        start = int(node.start_mark.index)
        return not self.text[self.text.rfind("\n", 0, start) + 1 : start].strip()

    def remove(self, mapping: MappingNode, key: ScalarNode) -> None:
        """Remove the entry under ``key`` with its lines; comments on them stay, on lines of
        their own, where they were."""
        self._check_own(mapping)
        if not self.removable(mapping):
            raise EditError(f"line {key.start_mark.line + 1}: cannot remove an entry that shares its line")
        value = next(v for k, v in mapping.value if k is key)
        start, end = int(key.start_mark.index), self._end(value)
        line_start = self.text.rfind("\n", 0, start) + 1
        after = self._after_line(end)
        comments = self._comments(mapping, line_start, after)
        indent = " " * (start - line_start)
        self._add(line_start, after, "".join(indent + comment + "\n" for comment in comments), mapping)

    def replace(self, node: Node, value: Any) -> None:
        """Replace a whole value; comments inside it are kept, on lines just before the new value."""
        self._check_own(node)
        for child in _walk(node):
            self._check_own(child)
        block = isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value
        if not block:
            start, end = int(node.start_mark.index), self._end(node)
            comments = self._comments(node, start, end)
            self._add(start, end, flow_text(value))
            if comments:
                self._insert_lines(self._after_line(end), comments, self._indent_of(start), node)
            return
        assert isinstance(node, (MappingNode, SequenceNode))
        first = node.value[0][0] if isinstance(node, MappingNode) else node
        start, end = int(first.start_mark.index), self._end(node)
        column = int(first.start_mark.column)
        if isinstance(node, MappingNode) and isinstance(value, dict) and value:
            lines = [line for k, v in value.items() for line in block_lines(k, v, self.style)]
        elif isinstance(node, SequenceNode) and isinstance(value, list) and value:
            lines = [line for item in value for line in item_lines(item, self.style)]
        else:
            lines = [flow_text(value)]
        lines = self._comments(node, start, end) + lines
        self._add(start, end, ("\n" + " " * column).join(lines))

    def _indent_of(self, index: int) -> int:
        line_start = self.text.rfind("\n", 0, index) + 1
        line = self.text[line_start:index]
        return len(line) - len(line.lstrip(" "))

    def _comments(self, node: Node, start: int, end: int) -> list[str]:
        """The comments between ``start`` and ``end``: a ``#`` outside every scalar, at the
        start of a line or after a space, up to the end of its line."""
        masked = list(self.text[start:end])
        for child in _walk(node):
            if isinstance(child, ScalarNode):
                for i in range(max(child.start_mark.index, start), min(child.end_mark.index, end)):
                    masked[i - start] = "x"
        text = "".join(masked)
        found = []
        for match in re.finditer(r"(?:^|(?<=[ \t]))#[^\n]*", text, re.MULTILINE):
            found.append(self.text[start + match.start() : start + match.end()].rstrip())
        return found

    def result(self) -> str:
        """The text with every edit applied."""
        out = []
        position = 0
        for start, end, _, _, new in sorted(self._edits):
            if start < position:
                raise EditError("two edits overlap")  # a bug: refuse rather than corrupt
            out.append(self.text[position:start])
            out.append(new)
            position = end
        out.append(self.text[position:])
        return "".join(out)
