"""Applying the fixes that findings carry: ``--fix`` and ``--diff`` of `validate` and `lint`.

A fix (:class:`~datacard.findings.Fix`) names one place of the document: a scalar value, a key,
or a comment line. Applying it replaces exactly that span of the text, found in the node tree
of the loader's own parser, and touches no other byte: comments, quoting style, key order,
indentation and line ends stay as they were (a replaced text value keeps its quotes).

Each fix is checked before it is kept: the edited text is loaded again and must hold exactly
the old data with that one change (the same types, the same key order) and no new loader
finding. A span the editor misjudged, an alias shared by several places, a rename onto an
existing key: each is refused, and the text stays as it was. After a round of fixes the text is
validated again and the fixes that now appear (a value under a renamed key) are applied in the
next round, so that one ``--fix`` leaves nothing a second one would change.

Pure: text in, text out. Reading and writing the file (atomically, never over a file that
changed since it was read) is :func:`read_for_fix` and :func:`write_fixed`.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from datacard.findings import Finding, Fix
from datacard.load import load_text, split_front_matter
from datacard.yaml12 import NodeLoader
from datacard.yamltext import double_quoted, scalar_text, styled

Refind = Callable[[str], list[Finding]]
MAX_ROUNDS = 8  # rounds of fix-and-revalidate; each round must change the text to go on
_FLOW_UNSAFE = set(",[]{}#&*!|>'\"%@`")
_UTF8_BOM = b"\xef\xbb\xbf"


def applicable(finding: Finding, unsafe: bool = False) -> bool:
    """Whether ``--fix`` applies this finding's fix (unsafe ones only with ``--unsafe-fixes``)."""
    return finding.fix is not None and (finding.fix.safe or unsafe)


def count_fixable(findings: Sequence[Finding]) -> tuple[int, int]:
    """(findings with a safe fix, findings with only an unsafe one)."""
    safe = sum(1 for f in findings if f.fix is not None and f.fix.safe)
    return safe, sum(1 for f in findings if f.fix is not None and not f.fix.safe)


@dataclass
class Outcome:
    """The fixed text and the findings whose fixes went into it, in the order they were applied."""

    text: str
    applied: list[Finding] = field(default_factory=list)


def fix_text(text: str, path: str, findings: Sequence[Finding], *, unsafe: bool = False,
             refind: Refind | None = None, markdown: bool | None = None) -> Outcome:
    """``text`` (the file ``path``) with the fixes of ``findings`` applied, each one checked.

    ``refind`` gives the findings of an edited text (validation): the fixes they carry are
    applied in further rounds. A text with carriage returns keeps them: it is fixed with
    ``\\n`` line ends and given back with ``\\r\\n``; a lone ``\\r`` leaves the text as it is.
    """
    if "\r" in text:
        if "\r" in text.replace("\r\n", ""):
            return Outcome(text)
        plain = fix_text(text.replace("\r\n", "\n"), path, findings, unsafe=unsafe, refind=refind,
                         markdown=markdown)
        return Outcome(plain.text.replace("\n", "\r\n"), plain.applied)
    if markdown is None:
        markdown = path.lower().endswith((".md", ".markdown"))
    out = Outcome(text)
    tried: set[tuple[str, str | None, Fix]] = set()
    pending = [f for f in findings if applicable(f, unsafe)]
    for _ in range(MAX_ROUNDS):
        before = out.text
        for finding in sorted(pending, key=Finding.sort_key):
            assert finding.fix is not None
            tried.add((finding.code, finding.field, finding.fix))
            edited = apply_fix(out.text, finding.fix, path, markdown=markdown)
            if edited is not None and edited != out.text:
                out.text = edited
                out.applied.append(finding)
        if out.text == before or refind is None:
            break
        pending = [f for f in refind(out.text) if applicable(f, unsafe)
                   and f.fix is not None and (f.code, f.field, f.fix) not in tried]
        if not pending:
            break
    return out


def apply_fix(text: str, fix: Fix, path: str = "<text>", *, markdown: bool = False) -> str | None:
    """``text`` with one fix applied, or None when it cannot be applied exactly."""
    if fix.action == "line":
        return _line_fix(text, fix)
    if not markdown:
        return _yaml_fix(text, fix, path)
    parts = split_front_matter(text)
    if parts is None:
        return None
    yaml_text, first, _, after = parts
    lines = text.splitlines(keepends=True)
    fixed = _yaml_fix(yaml_text, fix, path)
    if fixed is None:
        return None
    return "".join(lines[:first]) + fixed + "".join(lines[after - 1:])


def _line_fix(text: str, fix: Fix) -> str | None:
    lines = text.splitlines(keepends=True)
    if not 1 <= fix.line <= len(lines):
        return None
    line = lines[fix.line - 1]
    body = line.rstrip("\r\n")
    if body != fix.old:
        return None
    if fix.new is None:
        lines[fix.line - 1] = ""
    else:
        lines[fix.line - 1] = str(fix.new) + line[len(body):]
    return "".join(lines)


# --- a fix in a YAML document ---------------------------------------------------------------


def _yaml_fix(text: str, fix: Fix, path: str) -> str | None:
    before = load_text(text, path, markdown=False)
    if not isinstance(before.data, dict) or not fix.field:
        return None
    root = _compose(text)
    found = _find(root, fix.field) if root is not None else None
    if found is None:
        return None
    key, node = found
    edit = _edit(text, fix, key, node, before.data)
    if edit is None:
        return None
    start, end, new_text, expected = edit
    after_text = text[:start] + new_text + text[end:]
    after = load_text(after_text, path, markdown=False)
    if len(after.findings) > len(before.findings) or not _same(after.data, expected):
        return None
    return after_text


def _compose(text: str) -> Node | None:
    loader = NodeLoader(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _find(root: Node, loc: Sequence[str | int]) -> tuple[ScalarNode | None, Node] | None:
    """(key node, value node) at ``loc``; the key is None for a list item."""
    key: ScalarNode | None = None
    node = root
    for part in loc:
        if isinstance(node, MappingNode):
            match = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(part)), None)
            if match is None:
                return None
            key, node = match
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            key, node = None, node.value[part]
        else:
            return None
    return key, node


def _edit(text: str, fix: Fix, key: ScalarNode | None, node: Node,
          data: dict[str, Any]) -> tuple[int, int, str, dict[str, Any]] | None:
    """(start, end, new text, the data expected after the edit) for one fix."""
    loc = fix.field
    if fix.action == "key":
        if key is None or not isinstance(fix.new, str):
            return None
        expected = _renamed(data, loc, fix.new)
        if expected is None:
            return None
        return key.start_mark.index, key.end_mark.index, styled(fix.new, _quote_style(key)), expected
    if not isinstance(node, ScalarNode):
        return None
    start, end = int(node.start_mark.index), int(node.end_mark.index)
    source = text[start:end]
    if start == end or "\n" in source:
        return None  # an empty value, or a scalar over several lines: not ours to rewrite
    old = _get(data, loc)
    if fix.action == "value":
        new_text = styled(fix.new, _quote_style(node)) if isinstance(fix.new, str) else scalar_text(fix.new)
        return start, end, new_text, _set(data, loc, fix.new)
    if fix.action == "quote" and not node.style:
        return start, end, double_quoted(source), _set(data, loc, source)
    if fix.action == "list":
        item = source if node.style in ("'", '"') or not set(source) & _FLOW_UNSAFE else double_quoted(source)
        return start, end, f"[{item}]", _set(data, loc, [old])
    return None


def _quote_style(node: ScalarNode) -> str | None:
    """The quoting of a scalar: ``'``, ``"``, or None for plain (and block scalars)."""
    return node.style if node.style in ("'", '"') else None


def _get(data: Any, loc: Sequence[str | int]) -> Any:
    for part in loc:
        data = data[int(part)] if isinstance(data, list) else data.get(str(part))
    return data


def _set(data: dict[str, Any], loc: Sequence[str | int], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    holder: Any = _get(out, loc[:-1])
    last = loc[-1]
    if isinstance(holder, list):
        holder[int(last)] = value
    else:
        holder[str(last)] = value
    return out


def _renamed(data: dict[str, Any], loc: Sequence[str | int], new: str) -> dict[str, Any] | None:
    out = copy.deepcopy(data)
    holder = _get(out, loc[:-1])
    if not isinstance(holder, dict) or new in holder or str(loc[-1]) not in holder:
        return None
    items = [(new if k == str(loc[-1]) else k, v) for k, v in holder.items()]
    holder.clear()
    holder.update(items)
    return out


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same types, mappings in the same key order (``True != 1`` here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


# --- files ------------------------------------------------------------------------------------


@dataclass
class FileFix:
    """One file's text before and after its fixes, and what it was when it was read."""

    path: str
    before: str
    after: str
    applied: list[Finding]
    bom: bool
    fingerprint: Any  # datacard.write.Fingerprint: the write is refused if the file changed since

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def diff(self) -> str:
        """A unified diff of the fix, as ``git diff`` shows one."""
        lines = difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
                                     f"a/{self.path.lstrip('/')}", f"b/{self.path.lstrip('/')}")
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def read_for_fix(path: str, max_bytes: int) -> tuple[str, bool, Any] | None:
    """(text, whether it starts with a byte-order mark, fingerprint), or None when the file
    cannot be read as UTF-8 text (the check has reported why)."""
    from datacard.load import decode, read_bytes
    from datacard.write import fingerprint

    mark = fingerprint(path)
    raw, _ = read_bytes(path, max_bytes)
    if raw is None or mark is None:
        return None
    text, _ = decode(raw, path)
    return (text, raw.startswith(_UTF8_BOM), mark) if text is not None else None


def fix_file(path: str, findings: Sequence[Finding], *, unsafe: bool, refind: Refind | None,
             max_bytes: int) -> FileFix | None:
    """The fixes of ``findings`` applied to the file's text in memory (nothing is written)."""
    read = read_for_fix(path, max_bytes)
    if read is None:
        return None
    text, bom, mark = read
    outcome = fix_text(text, path, findings, unsafe=unsafe, refind=refind)
    return FileFix(path, text, outcome.text, outcome.applied, bom, mark)


def write_fixed(fixed: FileFix) -> None:
    """Write the fixed text over the file, atomically, unless the file changed since it was read
    (:class:`~datacard.write.WriteConflict`)."""
    from datacard.write import write_bytes_atomic

    data = (_UTF8_BOM if fixed.bom else b"") + fixed.after.encode("utf-8")
    write_bytes_atomic(fixed.path, data, overwrite=True, expect=fixed.fingerprint)


def validation_refind(path: str) -> Refind:
    """The findings of validation for an edited text of ``path``."""
    from datacard.validate import validate_loaded

    def refind(text: str) -> list[Finding]:
        return validate_loaded(load_text(text, path))[1].findings

    return refind
