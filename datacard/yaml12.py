"""YAML with the core schema of YAML 1.2: the resolver, the event-to-data builder, the dumper.

Part of the loader (`datacard.load` is the only caller): libyaml parses the text into events,
the resolver types plain scalars as YAML 1.2 does (``no`` and ``2017-01`` stay text), and the
builder turns the events straight into plain data and an index of positions
(`datacard.positions`), catching duplicate keys, unsupported tags, values that do not fit
their tag, alias bombs, deep nesting and oversized documents as findings as it goes.

No node tree is built. It cost about a kilobyte per value, and it was built whole before any
limit could be checked; events let every limit stop the parse as soon as it is passed, so the
work done on any input is bounded by the limits, not by the size of the attack.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from datacard import codes
from datacard.findings import Finding
from datacard.limits import MAX_FINDINGS
from datacard.positions import NO_KEY, Path, Positions

HAS_LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False))

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

# The forms of the YAML 1.2 core schema: one definition types plain scalars and checks the
# text after an explicit tag (`!!int abc` is not an integer, whatever the tag says).
_FORMS: dict[str, re.Pattern[str]] = {
    _BOOL: re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    _INT: re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    _FLOAT: re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    _NULL: re.compile(r"^(?:~|null|Null|NULL|)$"),
}
_FIRST_CHARS = {_BOOL: "tTfF", _INT: "-+0123456789", _FLOAT: "-+.0123456789", _NULL: ["~", "n", "N", ""]}
_EXAMPLES = {_BOOL: "true or false", _INT: "a whole number such as 42", _FLOAT: "a number such as 0.5",
             _NULL: "nothing, ~ or null"}


class _CoreResolver(BaseResolver):
    """Implicit typing by the YAML 1.2 core schema: no yes/no booleans, no timestamps."""

    # The inherited version also consults path and wildcard resolvers, which this resolver
    # never has; they took a sixth of the load time.
    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return _implicit_tag(value) if implicit[0] else _STR
        if kind is SequenceNode:
            return _SEQ
        return _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


for _tag, _first in _FIRST_CHARS.items():
    _CoreResolver.add_implicit_resolver(_tag, _FORMS[_tag], list(_first))
# First character -> the (tag, form) pairs a plain scalar starting with it may have.
_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = _CoreResolver.yaml_implicit_resolvers


def _implicit_tag(text: str) -> str:
    """The core-schema tag of a plain scalar."""
    for tag, regexp in _IMPLICIT.get(text[:1], ()):
        if regexp.match(text):
            return tag
    return _STR


if HAS_LIBYAML:

    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class EventParser(CParser, _CoreResolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _CoreResolver.__init__(self)

else:  # pragma: no cover - exercised only where libyaml is missing

    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class EventParser(Reader, Scanner, Parser, _CoreResolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            _CoreResolver.__init__(self)

        def dispose(self) -> None:
            pass


if HAS_LIBYAML:
    # libyaml composes node trees too; the editor of datacard.data.yamledit needs one (the loader
    # itself builds data and positions from events).
    NodeLoader = EventParser
else:  # pragma: no cover - exercised only where libyaml is missing
    from yaml.composer import Composer

    class NodeLoader(EventParser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            EventParser.__init__(self, stream)
            Composer.__init__(self)


class Stop(Exception):
    """Building cannot go on; carries the finding."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


@dataclass(frozen=True)
class Limits:
    """What one document may hold; each limit stops the parse as soon as it is passed."""

    max_depth: int
    max_values: int  # keys, list items and scalars as written
    max_items: int  # entries of one list or mapping
    budget: int  # values with aliases expanded: what any later step walks


class _Frame:
    """An open list or mapping: what it holds so far and where it is."""

    __slots__ = (
        "anchor",
        "col",
        "height",
        "is_map",
        "key",
        "key_col",
        "key_line",
        "line",
        "path",
        "rejected",
        "start",
        "value",
    )

    def __init__(self, is_map: bool, path: Path | None, line: int, col: int, anchor: str | None,
                 start: int, rejected: bool) -> None:
        self.is_map = is_map
        self.value: Any = {} if is_map else []
        self.path = path  # None: not indexed (inside a key, or a value that is dropped)
        self.line, self.col = line, col
        self.anchor = anchor
        self.start = start  # the expanded count when it opened: its size, when it closes
        self.rejected = rejected
        self.height = 1  # levels of lists and mappings, this one included
        self.key: Any = _AWAIT_KEY
        self.key_line = self.key_col = 0


_AWAIT_KEY = object()  # a mapping waits for its next key
_DROP = object()  # the key just read is rejected: its value is read and dropped


@dataclass(frozen=True)
class _Anchored:
    value: Any
    raw: str | None  # the text as written, for a scalar (an alias may stand for a key)
    path: Path | None
    size: int
    height: int


class Builder:
    """Events of one YAML stream to plain data, positions and findings."""

    def __init__(self, path: str, offset: int, limits: Limits) -> None:
        self.path = path
        self.offset = offset
        self.limits = limits
        self.findings: list[Finding] = []
        self.positions = Positions(offset)
        self.empty = False
        self._values = 0  # as written
        self._extra = 0  # added by aliases: each use counts the values it stands for
        self._cap = min(limits.max_values, limits.budget)  # _values past this: a limit is passed
        self._anchors: dict[str, _Anchored] = {}
        self._open: dict[str, tuple[int, int]] = {}  # anchors of lists and mappings not yet closed
        # A runaway expansion is reported at the top-level key whose value was being read,
        # which is where the aliases are used.
        self._top: tuple[int, int, str] | None = None

    # --- the event loop ---------------------------------------------------------------

    def build(self, parser: EventParser) -> Any:
        """The document's data; sets ``empty`` when the stream holds no document."""
        get: Callable[[], Any] = parser.get_event
        get()  # StreamStartEvent
        if type(get()) is StreamEndEvent:
            self.empty = True
            return None
        data = self._document(get)
        get()  # DocumentEndEvent
        event = get()
        if type(event) is not StreamEndEvent:
            raise Stop(codes.MULTI_DOC.finding(
                self.path, *self._at(event.start_mark),
                "a second YAML document starts here; keep one document per file",
            ))
        return data

    def _document(self, get: Callable[[], Any]) -> Any:
        stack: list[_Frame] = []
        top: _Frame | None = None  # the innermost open list or mapping
        # Locals for `top`'s fields, refreshed whenever `top` changes.
        container: Any = None
        path: Path | None = None
        is_map = False
        slots, marks = self.positions.storage()
        add_marks = marks.extend
        implicit = _IMPLICIT.get
        max_items = self.limits.max_items
        while True:
            event = get()
            kind = type(event)
            if kind is ScalarEvent and top is not None and event.tag is None and event.anchor is None:
                # Most events: a scalar without tag or anchor inside a list or mapping. Kept
                # inline, with the index written directly: this loop is most of the loader's time.
                mark = event.start_mark
                self._values += 1
                if self._values > self._cap:
                    self._over(mark)
                text = event.value
                if is_map:
                    key = top.key
                    if key is _AWAIT_KEY:
                        if len(stack) == 1 or text in container:
                            self._take_key(top, text, mark.line, mark.column)
                        else:  # keys stay the text written: `2017:` names "2017", `no:` names "no"
                            top.key, top.key_line, top.key_col = text, mark.line, mark.column
                        continue
                    top.key = _AWAIT_KEY
                    if key is _DROP:
                        continue
                    if path is not None:
                        slots[path + (key,)] = len(marks)  # noqa: RUF005 - half the cost of (*path, key)
                        add_marks((top.key_line, top.key_col, mark.line, mark.column))
                    if len(container) >= max_items:
                        self._too_many_items(top)
                    if event.implicit[0] and implicit(text[:1]) is not None:
                        container[key] = self._plain(text, mark)
                    else:
                        container[key] = text
                else:
                    if path is not None:
                        slots[path + (len(container),)] = len(marks)  # noqa: RUF005
                        add_marks((NO_KEY, NO_KEY, mark.line, mark.column))
                    if len(container) >= max_items:
                        self._too_many_items(top)
                    if event.implicit[0] and implicit(text[:1]) is not None:
                        container.append(self._plain(text, mark))
                    else:
                        container.append(text)
                continue
            if kind is ScalarEvent:
                value, raw = self._scalar(event, top)
                height, line, col = 0, event.start_mark.line, event.start_mark.column
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                top = self._open_frame(event, top, len(stack))
                stack.append(top)
                container, path, is_map = top.value, top.path, top.is_map
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                top = stack[-1] if stack else None
                if top is not None:
                    container, path, is_map = top.value, top.path, top.is_map
                value, raw, height = self._close_frame(frame)
                line, col = frame.line, frame.col
            elif kind is AliasEvent:
                value, raw, height = self._alias(event, top, len(stack))
                line, col = event.start_mark.line, event.start_mark.column
            else:  # pragma: no cover - the parser gives no other event inside a document
                raise yaml.composer.ComposerError(None, None, f"unexpected {kind.__name__}", event.start_mark)
            if top is None:
                return value
            self._deliver(top, value, raw, height, line, col)

    # --- opening, closing and delivering ----------------------------------------------

    def _count(self, mark: Any) -> None:
        self._values += 1
        if self._values > self._cap:
            self._over(mark)

    def _over(self, mark: Any) -> None:
        if self._values > self.limits.max_values:
            raise Stop(codes.TOO_MANY_VALUES.finding(
                self.path, *self._at(mark),
                f"the document holds more than {self.limits.max_values:,} values{self._reading()}; "
                "a datasheet describes its data and does not hold it: keep bulk values in the data "
                "files and summarise them here",
            ))
        self._alias_bomb()

    def _expanded(self) -> int:
        """Values read so far with every alias counted as the values it stands for."""
        return self._values + self._extra

    def _alias_bomb(self) -> None:
        line, col = (self._top[0], self._top[1]) if self._top else (1 + self.offset, 1)
        raise Stop(codes.ALIAS_BOMB.finding(
            self.path, line, col,
            "aliases expand this document past the size datacard accepts; "
            "write the repeated values out instead of nesting aliases",
        ))

    def _reading(self) -> str:
        return f" (reading {self._top[2]!r})" if self._top else ""

    def _child_path(self, parent: _Frame | None, line: int, col: int) -> Path | None:
        """The path of the value starting at (line, col), recorded in the index; None for keys."""
        if parent is None:
            self.positions.add((), NO_KEY, NO_KEY, line, col)
            return ()
        if parent.path is None:
            return None
        if parent.is_map:
            key = parent.key
            if key is _AWAIT_KEY or key is _DROP:
                return None
            path: Path = (*parent.path, key)
            self.positions.add(path, parent.key_line, parent.key_col, line, col)
            return path
        path = (*parent.path, len(parent.value))
        self.positions.add(path, NO_KEY, NO_KEY, line, col)
        return path

    def _open_frame(self, event: Any, parent: _Frame | None, depth: int) -> _Frame:
        mark = event.start_mark
        self._count(mark)
        if depth >= self.limits.max_depth:
            raise Stop(codes.TOO_DEEP.finding(
                self.path, *self._at(mark),
                f"nesting deeper than {self.limits.max_depth} levels; flatten the structure",
            ))
        is_map = type(event) is MappingStartEvent
        tag = event.tag
        rejected = tag is not None and tag != "!" and tag != (_MAP if is_map else _SEQ)
        if rejected:
            self._bad_tag(tag, mark)
        if event.anchor is not None:
            self._claim(event.anchor, mark)
        path = self._child_path(parent, mark.line, mark.column)
        return _Frame(is_map, None if rejected else path, mark.line, mark.column, event.anchor,
                      self._expanded() - 1, rejected)

    def _close_frame(self, frame: _Frame) -> tuple[Any, None, int]:
        value = None if frame.rejected else frame.value
        if frame.is_map and frame.key is not _AWAIT_KEY:  # pragma: no cover - the parser pairs them
            raise yaml.composer.ComposerError(None, None, "a key without a value", None)
        if frame.anchor is not None:
            del self._open[frame.anchor]
            self._anchors[frame.anchor] = _Anchored(
                value, None, frame.path, self._expanded() - frame.start, frame.height)
        return value, None, frame.height

    def _deliver(self, frame: _Frame, value: Any, raw: str | None, height: int, line: int, col: int) -> None:
        """Hand a finished value to the list or mapping that holds it (its path is indexed)."""
        if height >= frame.height:
            frame.height = height + 1
        if not frame.is_map:
            if len(frame.value) >= self.limits.max_items:
                self._too_many_items(frame)
            frame.value.append(value)
            return
        key = frame.key
        if key is _AWAIT_KEY:
            self._take_key(frame, raw, line, col)
            return
        frame.key = _AWAIT_KEY
        if key is not _DROP:
            if len(frame.value) >= self.limits.max_items:
                self._too_many_items(frame)
            frame.value[key] = value

    def _take_key(self, frame: _Frame, raw: str | None, line: int, col: int) -> None:
        """Line and column are 0-based; ``raw`` is None for a key that is a list or mapping."""
        if raw is None:
            self._note(codes.BAD_KEY.finding(
                self.path, line + 1 + self.offset, col + 1, "a key must be plain text, not a list or mapping",
            ))
            frame.key = _DROP
            return
        if raw in frame.value:
            first = self._first_line(frame, raw)
            self._note(codes.DUPLICATE_KEY.finding(
                self.path, line + 1 + self.offset, col + 1,
                f"duplicate key {_clip(raw)!r}: it is already set {first}; merge the two entries into one",
            ))
            frame.key = _DROP
            return
        frame.key, frame.key_line, frame.key_col = raw, line, col
        if frame.path == ():
            self._top = (line + 1 + self.offset, col + 1, _clip(raw))

    def _first_line(self, frame: _Frame, key: str) -> str:
        if frame.path is None:
            return "above"
        line, _ = self.positions.find((*frame.path, key), key=True)
        return f"on line {line}"

    def _too_many_items(self, frame: _Frame) -> None:
        where = ".".join(str(p) for p in frame.path) if frame.path else ""
        kind = "mapping" if frame.is_map else "list"
        raise Stop(codes.TOO_MANY_VALUES.finding(
            self.path, frame.line + 1 + self.offset, frame.col + 1,
            f"{repr(_clip(where)) if where else 'this ' + kind} has more than {self.limits.max_items:,} "
            f"entries; a datasheet describes its data and does not hold it: keep bulk values in "
            "the data files and summarise them here",
        ))

    # --- scalars and aliases ------------------------------------------------------------

    def _scalar(self, event: Any, parent: _Frame | None) -> tuple[Any, str | None]:
        mark = event.start_mark
        self._count(mark)
        text: str = event.value
        is_key = parent is not None and parent.is_map and parent.key is _AWAIT_KEY
        if is_key and event.anchor is None and (event.tag is None or event.tag == "!"):
            return None, text  # a plain key: its text, typed by nothing
        path = None if is_key else self._child_path(parent, mark.line, mark.column)
        value = self._typed(event, text, mark)
        if event.anchor is not None:
            self._claim(event.anchor, mark)
            self._anchors[event.anchor] = _Anchored(value, text, path, 1, 0)
        return value, text

    def _typed(self, event: Any, text: str, mark: Any) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            return self._plain(text, mark) if event.implicit[0] else text
        if tag == _STR:
            return text
        form = _FORMS.get(tag)
        if form is None:
            return self._bad_tag(tag, mark)
        if not form.match(text):
            self._note(codes.TAG_MISMATCH.finding(
                self.path, *self._at(mark),
                f"{_clip(text)!r} is not {_EXAMPLES[tag]}, as the tag {_short(tag)} says; remove the "
                "tag (quote the value if it is text)",
            ))
            return None
        return self._convert(tag, text, mark)

    def _plain(self, text: str, mark: Any) -> Any:
        """A plain scalar typed by the core schema: text unless it has the form of another type."""
        resolvers = _IMPLICIT.get(text[:1])
        if resolvers is not None:
            for tag, regexp in resolvers:
                if regexp.match(text):
                    return self._convert(tag, text, mark)
        return text

    def _convert(self, tag: str, text: str, mark: Any) -> Any:
        """The value of ``text``, which has the form of ``tag``."""
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return text.lower() == "true"
        if tag == _FLOAT:
            return _to_float(text)
        number = bounded_int(text)
        if number is None:
            self._note(codes.NUMBER_RANGE.finding(
                self.path, *self._at(mark),
                f"an integer of {len(text):,} characters is beyond any quantity (over 2^1024); write "
                "the real figure, or quote the value if it is an identifier made of digits",
            ))
        return number

    def _alias(self, event: Any, parent: _Frame | None, depth: int) -> tuple[Any, str | None, int]:
        mark = event.start_mark
        name = event.anchor
        anchored = self._anchors.get(name)
        if anchored is None:
            if name in self._open:
                raise Stop(codes.ALIAS_BOMB.finding(
                    self.path, *self._at(mark),
                    f"alias *{_clip(name)} is used inside the value it names, which would make it "
                    "endless; write the value out",
                ))
            raise yaml.composer.ComposerError(None, None, f"found undefined alias {_clip(name)!r}", mark)
        self._extra += anchored.size
        self._cap = min(self.limits.max_values, self.limits.budget - self._extra)
        if self._expanded() > self.limits.budget:
            self._alias_bomb()
        if depth + anchored.height > self.limits.max_depth:
            raise Stop(codes.TOO_DEEP.finding(
                self.path, *self._at(mark),
                f"with its alias expanded, nesting is deeper than {self.limits.max_depth} levels; "
                "flatten the structure",
            ))
        is_key = parent is not None and parent.is_map and parent.key is _AWAIT_KEY
        if not is_key:
            path = self._child_path(parent, mark.line, mark.column)
            if path is not None and anchored.path is not None:
                self.positions.link(path, anchored.path)
        return anchored.value, anchored.raw, anchored.height

    def _claim(self, name: str, mark: Any) -> None:
        if name in self._anchors or name in self._open:
            raise yaml.composer.ComposerError(
                None, None, f"anchor &{_clip(name)} is defined twice; give the second one another name", mark)
        self._open[name] = (mark.line, mark.column)

    def _bad_tag(self, tag: str, mark: Any) -> None:
        self._note(codes.UNSAFE_TAG.finding(
            self.path, *self._at(mark),
            f"tag {_short(tag) if tag.startswith(_YAML_ORG) else repr(_clip(tag))} is not allowed; "
            "remove it (quote the value if it should be text)",
        ))
        return None

    def _note(self, finding: Finding) -> None:
        """Record a finding; past MAX_FINDINGS the file is not a datasheet: stop reading it."""
        self.findings.append(finding)
        if len(self.findings) >= MAX_FINDINGS:
            raise Stop(codes.TOO_MANY_FINDINGS.finding(
                self.path, finding.line, finding.column,
                f"datacard stopped reading the file after {MAX_FINDINGS:,} findings; "
                "fix the ones above and check again",
            ))

    def _at(self, mark: Any) -> tuple[int, int]:
        return mark.line + 1 + self.offset, mark.column + 1


def _clip(text: str, limit: int = 60) -> str:
    """Text for a message: long values are cut, so that a finding stays one readable line."""
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


_YAML_ORG = "tag:yaml.org,2002:"


def _short(tag: str) -> str:
    return "!!" + _clip(tag.removeprefix(_YAML_ORG))


# A value below 2^1024 has at most 309 decimal, 342 octal or 256 hexadecimal digits: longer
# text is refused before conversion, whose cost grows with the square of the length.
_MAX_DIGITS = 400
_MAX_INT = 2**1024


def bounded_int(text: str) -> int | None:
    """The integer written as ``text`` (decimal, ``0o`` octal or ``0x`` hex), or None when it is
    past 2^1024, the range of a double: for every reader of numbers (YAML, JSON), so that no
    conversion costs more than a few hundred digits and every number can be printed."""
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    base = 10
    if digits.startswith(("0o", "0x")):
        base = 8 if digits[1] == "o" else 16
        digits = digits[2:]
    digits = digits.lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS:
        return None
    number = int(digits, base)
    return sign * number if number < _MAX_INT else None


def _to_float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(text)


def dump_yaml(data: Any) -> str:
    """Plain data to block-style YAML that datacard's loader reads back unchanged."""
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
        default_flow_style=False,
    )


class _Dumper(yaml.SafeDumper):
    """Quotes strings that a YAML 1.1 reader would take for booleans or numbers."""


_AMBIGUOUS = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE"
    r"|~|null|Null|NULL|[-+]?[0-9][0-9_:.eE+-]*|\.inf|\.nan|[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?.*)$"
)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar(_STR, value, style="|")
    if _AMBIGUOUS.match(value):
        return dumper.represent_scalar(_STR, value, style="'")
    return dumper.represent_scalar(_STR, value)


_Dumper.add_representer(str, _represent_str)
