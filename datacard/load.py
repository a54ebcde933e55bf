"""Reading datasheet files: the only module that opens files and parses YAML.

The loader turns bytes into plain Python data (dicts, lists, str, int, float, bool, None) with
YAML 1.2 core-schema meaning (``no`` and ``2017-01`` stay text) and keeps the composed node
tree, so that any later finding can be placed on the line a person must edit. Every problem in
the file becomes a :class:`~datacard.findings.Finding`; nothing here raises on bad input.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from datacard import codes
from datacard.findings import Finding

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_DEPTH = 64
# libyaml's composer recurses in C; past some tens of thousands of levels it overflows the
# stack. Documents whose cheap depth bound stays under this are composed directly.
_SAFE_COMPOSE_DEPTH = 2000
_MARKDOWN_SUFFIXES = (".md", ".markdown")

HAS_LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False))


class _CoreResolver(BaseResolver):
    """Implicit typing by the YAML 1.2 core schema: no yes/no booleans, no timestamps."""

    # The parser calls these once per node. The inherited versions also consult path and
    # wildcard resolvers, which this resolver never has; they took a sixth of the load time.
    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return _STR
        if kind is SequenceNode:
            return str(self.DEFAULT_SEQUENCE_TAG)
        return str(self.DEFAULT_MAPPING_TAG)

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null",
    re.compile(r"^(?:~|null|Null|NULL|)$"),
    ["~", "n", "N", ""],
)

if HAS_LIBYAML:

    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _NodeLoader(CParser, _CoreResolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _CoreResolver.__init__(self)

else:  # pragma: no cover - exercised only where libyaml is missing

    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _NodeLoader(Reader, Scanner, Parser, Composer, _CoreResolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            _CoreResolver.__init__(self)


_STR = "tag:yaml.org,2002:str"
_ACCEPTED_SCALARS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "!",
}
_MAP_TAGS = {"tag:yaml.org,2002:map"}
_SEQ_TAGS = {"tag:yaml.org,2002:seq"}


@dataclass
class Loaded:
    """The result of loading one file: data (or None), the node tree and the findings."""

    path: str
    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    text: str = ""
    root: Node | None = None
    line_offset: int = 0
    body: str | None = None
    body_line: int = 0

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.findings

    def position(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``loc``, or of its key when ``key`` is set.

        Where ``loc`` runs past what the file holds (a missing key), the position is that of
        the deepest key that exists, which is the line a person would extend.
        """
        node = self.root
        mark_node: Node | None = None
        for part in loc:
            child_key, child = _child(node, part)
            if child is None:
                break
            mark_node = child_key if child_key is not None else child
            node = child
        else:
            if not key and node is not None:
                mark_node = node
        if mark_node is None:
            return (1 + self.line_offset, 1) if self.root is not None else (1, 1)
        mark = mark_node.start_mark
        return mark.line + 1 + self.line_offset, mark.column + 1


def _child(node: Node | None, part: str | int) -> tuple[Node | None, Node | None]:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == str(part):
                return key_node, value_node
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item = node.value[part]
        return None, item
    return None, None


class _Stop(Exception):
    """Construction cannot go on; carries the finding."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


class _Builder:
    """Turns a composed node tree into plain data, counting work to stop alias bombs."""

    def __init__(self, path: str, offset: int, budget: int, max_depth: int) -> None:
        self.path = path
        self.offset = offset
        self.budget = budget
        self.max_depth = max_depth
        self.findings: list[Finding] = []
        # Aliased nodes carry the position of their anchor; a runaway expansion is reported
        # at the top-level key whose value was being built, which is where the aliases are used.
        self.top_key: Node | None = None

    def _pos(self, node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.offset, node.start_mark.column + 1

    def build(self, node: Node, depth: int = 0) -> Any:
        self.budget -= 1
        if self.budget < 0:
            line, col = self._pos(self.top_key or node)
            raise _Stop(codes.ALIAS_BOMB.finding(
                self.path, line, col,
                "aliases expand this document past the size datacard accepts; "
                "write the repeated values out instead of nesting aliases",
            ))
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if depth >= self.max_depth:
            line, col = self._pos(node)
            raise _Stop(codes.TOO_DEEP.finding(
                self.path, line, col,
                f"nesting deeper than {self.max_depth} levels; flatten the structure",
            ))
        if isinstance(node, SequenceNode):
            if node.tag not in _SEQ_TAGS:
                return self._bad_tag(node)
            return [self.build(item, depth + 1) for item in node.value]
        if isinstance(node, MappingNode):
            if node.tag not in _MAP_TAGS:
                return self._bad_tag(node)
            return self._mapping(node, depth)
        return self._bad_tag(node)  # pragma: no cover - no other node kinds exist

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                line, col = self._pos(key_node)
                self.findings.append(codes.BAD_KEY.finding(
                    self.path, line, col, "a key must be plain text, not a list or mapping",
                ))
                continue
            # Keys stay the text that was written: `2017:` names "2017", `no:` names "no".
            key = key_node.value
            if key in seen:
                line, col = self._pos(key_node)
                first = seen[key].start_mark.line + 1 + self.offset
                self.findings.append(codes.DUPLICATE_KEY.finding(
                    self.path, line, col,
                    f"duplicate key {key!r}: it is already set on line {first}; "
                    "merge the two entries into one",
                ))
                continue
            seen[key] = key_node
            if depth == 0:
                self.top_key = key_node
            result[key] = self.build(value_node, depth + 1)
        return result

    def _scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag not in _ACCEPTED_SCALARS:
            return self._bad_tag(node)
        value: str = node.value
        if tag == _STR or tag == "!":
            return value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return value.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            return _to_int(value)
        return _to_float(value)

    def _bad_tag(self, node: Node) -> None:
        line, col = self._pos(node)
        self.findings.append(codes.UNSAFE_TAG.finding(
            self.path, line, col,
            f"tag {node.tag!r} is not allowed; remove it "
            "(quote the value if it should be text)",
        ))
        return None


def _to_int(text: str) -> int:
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text)


def _to_float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(text)


# --- bytes to text ------------------------------------------------------------------------

_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


def _line_col(raw: bytes, index: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, index) + 1
    start = raw.rfind(b"\n", 0, index) + 1
    return line, index - start + 1


def decode(raw: bytes, path: str) -> tuple[str | None, Finding | None]:
    """UTF-8 bytes to text, or a finding that says where the bytes go wrong."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return None, codes.ENCODING.finding(
                path, 1, 1, f"the file is {name}; save it as UTF-8"
            )
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(raw, nul)
        return None, codes.ENCODING.finding(
            path, line, col, "the file contains a NUL byte; it looks binary, not YAML text"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        byte = raw[exc.start : exc.start + 1].hex()
        return None, codes.ENCODING.finding(
            path, line, col,
            f"byte 0x{byte} is not valid UTF-8; save the file as UTF-8 "
            "(it may be Latin-1 or Windows-1252)",
        )
    return text.removeprefix("\ufeff"), None


# --- front matter -------------------------------------------------------------------------

_FENCE = re.compile(r"^---[ \t]*\r?\n?$")


def split_front_matter(text: str) -> tuple[str, int, str, int] | None:
    """Split Markdown into (yaml, yaml_first_line_index, body, body_first_line_index).

    Line indexes are 0-based. Returns None when the text has no closed front matter block.
    Leading blank lines are allowed, as the Hugging Face Hub allows them.
    """
    lines = text.splitlines(keepends=True)
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or not _FENCE.match(lines[start]):
        return None
    for end in range(start + 1, len(lines)):
        if _FENCE.match(lines[end]):
            yaml_text = "".join(lines[start + 1 : end])
            body = "".join(lines[end + 1 :])
            return yaml_text, start + 1, body, end + 1
    return None


# --- parsing ------------------------------------------------------------------------------


def _depth_bound(text: str) -> int:
    """A cheap upper bound on nesting depth: block levels need columns, flow levels brackets."""
    longest = max((len(line) for line in text.split("\n")), default=0)
    return 2 * longest + text.count("[") + text.count("{") + 2


def _event_depth(text: str, limit: int) -> int:
    """Nesting depth from the event stream, exact up to ``limit``; past it, the walk stops.

    libyaml's parser does not recurse, but its scanner does work per token in proportion to
    the flow depth so far: reading 100,000 nested brackets to the end would take minutes.
    Stopping at the first level past ``limit`` bounds the work by the size times the limit.
    """
    depth = deepest = 0
    start = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    loader = _NodeLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, start):
                depth += 1
                deepest = max(deepest, depth)
                if deepest > limit:
                    break
            elif isinstance(event, end):
                depth -= 1
    finally:
        loader.dispose()
    return deepest


def _syntax_finding(exc: yaml.YAMLError, path: str, offset: int) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 + offset if mark is not None else 1 + offset
    col = mark.column + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    if isinstance(exc, yaml.composer.ComposerError) and "single document" in str(context):
        return codes.MULTI_DOC.finding(
            path, line, col, "a second YAML document starts here; keep one document per file"
        )
    if "maximum nesting depth" in str(problem):
        # libyaml 0.2.6 and later stop at 1,000 levels on their own: the same finding, at the
        # same place, as datacard's own depth check gives with older libyaml.
        return codes.TOO_DEEP.finding(path, 1 + offset, 1, "nesting is too deep; flatten the structure")
    message = f"{context}, {problem}" if context else str(problem)
    hint = _syntax_hint(str(problem))
    return codes.SYNTAX.finding(path, line, col, f"YAML syntax: {message}{hint}")


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return " (a value containing ': ' must be quoted)"
    if "found character '\\t'" in problem or "tab" in problem:
        return " (indent with spaces, not tabs)"
    if "could not find expected ':'" in problem:
        return " (a key needs a colon after it, or a long value needs quotes)"
    return ""


def parse_yaml(
    text: str,
    path: str = "<string>",
    *,
    line_offset: int = 0,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Loaded:
    """Parse YAML text into a :class:`Loaded`; never raises on bad input."""
    loaded = Loaded(path=path, text=text, line_offset=line_offset)
    try:
        if _depth_bound(text) > _SAFE_COMPOSE_DEPTH and _event_depth(text, max_depth) > max_depth:
            loaded.findings.append(codes.TOO_DEEP.finding(
                path, 1 + line_offset, 1,
                f"nesting deeper than {max_depth} levels; flatten the structure",
            ))
            return loaded
        loader = _NodeLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        loaded.findings.append(_syntax_finding(exc, path, line_offset))
        return loaded
    except RecursionError:  # pragma: no cover - only the pure-Python composer recurses
        loaded.findings.append(codes.TOO_DEEP.finding(
            path, 1 + line_offset, 1, "nesting is too deep to parse; flatten the structure"
        ))
        return loaded
    if root is None:
        loaded.findings.append(codes.EMPTY.finding(
            path, 1 + line_offset, 1,
            "the document is empty; run `datacard init` for a starter datasheet",
        ))
        return loaded
    loaded.root = root
    builder = _Builder(path, line_offset, budget=len(text) + 10_000, max_depth=max_depth)
    try:
        data = builder.build(root)
    except _Stop as stop:
        loaded.findings.extend(builder.findings)
        loaded.findings.append(stop.finding)
        return loaded
    loaded.findings.extend(builder.findings)
    if not isinstance(data, dict):
        line, col = root.start_mark.line + 1 + line_offset, root.start_mark.column + 1
        kind = "a list" if isinstance(data, list) else "a single value"
        loaded.findings.append(codes.NOT_MAPPING.finding(
            path, line, col, f"the document is {kind}; a datasheet is a mapping such as `name: imdb`",
        ))
        return loaded
    if any(f.code == codes.UNSAFE_TAG.code for f in builder.findings):
        # A rejected value was dropped; validating what is left would report it twice.
        return loaded
    loaded.data = data
    return loaded


def load_text(
    text: str,
    path: str = "<string>",
    *,
    markdown: bool | None = None,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Loaded:
    """Load a datasheet (or Markdown with front matter) from text already in memory."""
    if markdown is None:
        markdown = path.lower().endswith(_MARKDOWN_SUFFIXES)
    if not markdown:
        return parse_yaml(text, path, max_depth=max_depth)
    parts = split_front_matter(text)
    if parts is None:
        loaded = Loaded(path=path, text=text, body=text)
        loaded.findings.append(codes.NO_FRONT_MATTER.finding(
            path, 1, 1, "no YAML front matter: start the file with a line `---`, the YAML, "
            "and another line `---`",
        ))
        return loaded
    yaml_text, yaml_line, body, body_line = parts
    loaded = parse_yaml(yaml_text, path, line_offset=yaml_line, max_depth=max_depth)
    loaded.text = text
    loaded.body = body
    loaded.body_line = body_line + 1
    return loaded


def read_bytes(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes | None, Finding | None]:
    """The file's bytes, or a finding when it cannot be read or is over the limit."""
    name = str(path)
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            return None, codes.TOO_LARGE.finding(
                name, 1, 1,
                f"the file has {size:,} bytes, over the limit of {max_bytes:,}; "
                "raise it with --max-bytes if this really is a datasheet",
            )
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except IsADirectoryError:
        return None, codes.UNREADABLE.finding(name, 0, 0, "this is a directory, not a file")
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, codes.UNREADABLE.finding(name, 0, 0, f"cannot read the file: {reason}")
    if len(raw) > max_bytes:  # grew while we read it
        return None, codes.TOO_LARGE.finding(
            name, 1, 1, f"the file is over the limit of {max_bytes:,} bytes"
        )
    return raw, None


def load(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    display: str | None = None,
) -> Loaded:
    """Load one datasheet file (YAML, or Markdown with YAML front matter).

    ``display`` is the path to print in findings (defaults to ``path`` as given).
    """
    name = display if display is not None else str(path)
    raw, problem = read_bytes(path, max_bytes)
    if problem is not None or raw is None:
        loaded = Loaded(path=name)
        if problem is not None:
            loaded.findings.append(_with_path(problem, name))
        return loaded
    text, problem = decode(raw, name)
    if problem is not None or text is None:
        loaded = Loaded(path=name)
        if problem is not None:
            loaded.findings.append(problem)
        return loaded
    return load_text(
        text, name, markdown=Path(str(path)).suffix.lower() in _MARKDOWN_SUFFIXES,
        max_depth=max_depth,
    )


def _with_path(finding: Finding, path: str) -> Finding:
    if finding.path == path:
        return finding
    return Finding(finding.code, finding.severity, path, finding.line, finding.column,
                   finding.message, finding.field)


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
