"""YAML with the core schema of YAML 1.2: the resolver, the node-to-data builder, the dumper.

Part of the loader (`datacard.load` is the only caller): libyaml composes a node tree, the
resolver types plain scalars as YAML 1.2 does (``no`` and ``2017-01`` stay text), and the
builder turns nodes into plain data while catching duplicate keys, unsupported tags, alias
bombs and deep nesting as findings.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from datacard import codes
from datacard.findings import Finding

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

    class NodeLoader(CParser, _CoreResolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _CoreResolver.__init__(self)

else:  # pragma: no cover - exercised only where libyaml is missing

    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class NodeLoader(Reader, Scanner, Parser, Composer, _CoreResolver):  # type: ignore[no-redef]
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


class Stop(Exception):
    """Construction cannot go on; carries the finding."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


class TreeBuilder:
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
            raise Stop(codes.ALIAS_BOMB.finding(
                self.path, line, col,
                "aliases expand this document past the size datacard accepts; "
                "write the repeated values out instead of nesting aliases",
            ))
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if depth >= self.max_depth:
            line, col = self._pos(node)
            raise Stop(codes.TOO_DEEP.finding(
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
