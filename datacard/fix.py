"""Applying the fixes that findings carry: ``--fix`` and ``--diff`` of `validate` and `lint`.

A fix (:class:`~datacard.findings.Fix`) names one place of the document: a scalar value, a key,
or a comment line. Applying it replaces exactly that span of the text, found in the node tree
of the loader's own parser, and touches no other byte: comments, quoting style, key order,
indentation and line ends stay as they were (a replaced text value keeps its quotes).

Fixes are checked before they are kept: the edited text is loaded again and must hold exactly
the old data with those changes (the same types, the same key order) and no new loader finding.
A round applies all of a file's fixes with one parse and one check; if the whole does not check
out, each fix is tried alone, and one that does not check out alone (a span the editor
misjudged, an alias shared by several places, a rename onto an existing key) is refused, the
text staying as it was. After a round the text is validated again and the fixes that now appear
(a value under a renamed key) are applied in the next round, so that one ``--fix`` leaves
nothing a second one would change. The file's own validity is not required: what cannot be
fixed stays for the user, and is reported.

Pure: text in, text out. Reading and writing the file (atomically, never over a file that
changed since it was read) is :func:`read_for_fix` and :func:`write_fixed`.
"""

from __future__ import annotations

import copy
import difflib
import functools
import os
import re
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
        for finding in pending:
            assert finding.fix is not None
            tried.add((finding.code, finding.field, finding.fix))
        out.text, applied = _round(out.text, sorted(pending, key=Finding.sort_key), path, markdown)
        out.applied += applied
        if out.text == before or refind is None:
            break
        pending = [f for f in refind(out.text) if applicable(f, unsafe)
                   and f.fix is not None and (f.code, f.field, f.fix) not in tried]
        if not pending:
            break
    return out


def _round(text: str, findings: list[Finding], path: str, markdown: bool) -> tuple[str, list[Finding]]:
    """One round: the comment-line fixes, then the fixes of values and keys, all at once when the
    result checks out as a whole (one parse for any number of fixes), else one by one."""
    text, applied = _line_fixes(text, [f for f in findings if f.fix is not None and f.fix.action == "line"],
                                path, markdown)
    values = [f for f in findings if f.fix is not None and f.fix.action != "line"]
    if not values:
        return text, applied
    fixes = [f.fix for f in values]
    batch = _in_document(text, markdown, lambda doc: _yaml_fixes(doc, fixes, path))
    if batch is not None:
        new_text, done = batch
        return new_text, applied + [values[i] for i in done]
    for finding in values[:_ONE_BY_ONE]:
        one = _in_document(text, markdown, functools.partial(_one, fix=finding.fix, path=path))
        if one is not None and one[1]:
            text = one[0]
            applied.append(finding)
    return text, applied


def _one(doc: str, *, fix: Fix | None, path: str) -> tuple[str, list[int]] | None:
    return _yaml_fixes(doc, [fix], path)


# When the fixes of a round do not check out together, each is tried alone (at most this many:
# each try parses the document again).
_ONE_BY_ONE = 200


def apply_fix(text: str, fix: Fix, path: str = "<text>", *, markdown: bool = False) -> str | None:
    """``text`` with one fix applied, or None when it cannot be applied exactly."""
    if fix.action == "line":
        return _line_fix(text, fix)
    done = _in_document(text, markdown, lambda doc: _yaml_fixes(doc, [fix], path))
    return done[0] if done is not None and done[1] else None


def _in_document(text: str, markdown: bool,
                 edit: Callable[[str], tuple[str, list[int]] | None]) -> tuple[str, list[int]] | None:
    """``edit`` applied to the YAML of ``text``: all of it, or a Markdown file's front matter."""
    if not markdown:
        return edit(text)
    parts = split_front_matter(text)
    if parts is None:
        return None
    yaml_text, first, _, after = parts
    lines = text.splitlines(keepends=True)
    done = edit(yaml_text)
    if done is None:
        return None
    return "".join(lines[:first]) + done[0] + "".join(lines[after - 1:]), done[1]


def _line_fixes(text: str, findings: list[Finding], path: str, markdown: bool) -> tuple[str, list[Finding]]:
    """The comment-line fixes (a stale `# noqa`) applied, checked as the value fixes are: a line
    that only looks like a comment (text in a block scalar that says `# noqa`) is part of a
    value, and a fix that would change the data is refused."""
    edited, applied = text, list[Finding]()
    for finding in findings:
        assert finding.fix is not None
        done = _line_fix(edited, finding.fix)
        if done is not None:
            edited, applied = done, [*applied, finding]
    if not applied or _keeps_data(text, edited, path, markdown):
        return edited, applied
    kept: list[Finding] = []
    for finding in applied:
        assert finding.fix is not None
        done = _line_fix(text, finding.fix)
        if done is not None and _keeps_data(text, done, path, markdown):
            text, kept = done, [*kept, finding]
    return text, kept


def _keeps_data(before: str, after: str, path: str, markdown: bool) -> bool:
    """Whether ``after`` holds exactly the data of ``before``, with no new loader finding."""
    old, new = load_text(before, path, markdown=markdown), load_text(after, path, markdown=markdown)
    return len(new.findings) <= len(old.findings) and _same(old.data, new.data)


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


# --- fixes in a YAML document ---------------------------------------------------------------


def _yaml_fixes(text: str, fixes: Sequence[Fix | None], path: str) -> tuple[str, list[int]] | None:
    """``text`` with every fix that can be placed applied, and their indexes; None when the
    result is not exactly the old data with those changes (then nothing is applied)."""
    before = load_text(text, path, markdown=False)
    root = _compose(text) if isinstance(before.data, dict) else None
    if root is None:
        return None
    expected = copy.deepcopy(before.data)
    edits: list[tuple[int, int, str]] = []
    done: list[int] = []
    for i, fix in enumerate(fixes):
        found = _find(root, fix.field) if fix is not None and fix.field else None
        if fix is None or found is None:
            continue
        edit = _edit(text, fix, found[0], found[1], expected)
        if edit is None or any(edit[0] < end and start < edit[1] for start, end, _ in edits):
            continue
        start, end, new_text, change = edit
        if not change(expected):
            continue
        edits.append((start, end, new_text))
        done.append(i)
    if not edits:
        return text, []
    after_text = text
    for start, end, new_text in sorted(edits, reverse=True):
        after_text = after_text[:start] + new_text + after_text[end:]
    after = load_text(after_text, path, markdown=False)
    if len(after.findings) > len(before.findings) or not _same(after.data, expected):
        return None
    return after_text, done


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


Change = Callable[[Any], bool]  # applies a fix to the expected data; False when it cannot


def _edit(text: str, fix: Fix, key: ScalarNode | None, node: Node,
          data: Any) -> tuple[int, int, str, Change] | None:
    """(start, end, new text, the change it makes to the data) for one fix."""
    loc = fix.field
    if fix.action == "key":
        if key is None or not isinstance(fix.new, str):
            return None
        return key.start_mark.index, key.end_mark.index, styled(fix.new, _quote_style(key)), _rename(loc, fix.new)
    if not isinstance(node, ScalarNode):
        return None
    start, end = int(node.start_mark.index), int(node.end_mark.index)
    if start == end or "\n" in text[start:end]:
        return None  # an empty value, or a scalar over several lines: not ours to rewrite
    anchor, start = _properties(text, start, end)
    source = text[start:end]
    if fix.action == "value":
        new_text = styled(fix.new, _quote_style(node)) if isinstance(fix.new, str) else scalar_text(fix.new)
        return start, end, new_text, _assign(loc, lambda _: fix.new)
    if fix.action == "quote" and not node.style:
        return start, end, double_quoted(source), _assign(loc, lambda _: source)
    if fix.action == "list" and not anchor:  # an anchor would name the list, not the item
        item = source if node.style in ("'", '"') or not set(source) & _FLOW_UNSAFE else double_quoted(source)
        return start, end, f"[{item}]", _assign(loc, lambda old: [old])
    return None


_PROPERTY = re.compile(r"([&!][^\s]*)[ \t]+")


def _properties(text: str, start: int, end: int) -> tuple[bool, int]:
    """Whether a scalar has an anchor (``&a 1``), and where the text a fix replaces starts: after
    the anchor, which stays in the file. A tag (``!!str 1``) is part of what a fix replaces: a
    tag that makes a number text is the very mistake the fix is about."""
    pos, replaced_from = start, start
    while (match := _PROPERTY.match(text, pos, end)) is not None:
        pos = match.end()
        if match.group(1).startswith("&"):
            replaced_from = pos
    return replaced_from != start, replaced_from


def _quote_style(node: ScalarNode) -> str | None:
    """The quoting of a scalar: ``'``, ``"``, or None for plain (and block scalars)."""
    return node.style if node.style in ("'", '"') else None


def _holder(data: Any, loc: Sequence[str | int]) -> Any:
    """The mapping or list that holds the last part of ``loc``, or None."""
    for part in loc[:-1]:
        if isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(data, dict) and str(part) in data:
            data = data[str(part)]
        else:
            return None
    return data


def _assign(loc: Sequence[str | int], value: Callable[[Any], Any]) -> Change:
    """A change that sets the value at ``loc`` to ``value(old value)``."""
    def change(data: Any) -> bool:
        holder, last = _holder(data, loc), loc[-1]
        if isinstance(holder, list) and isinstance(last, int) and 0 <= last < len(holder):
            holder[last] = value(holder[last])
            return True
        if isinstance(holder, dict) and str(last) in holder:
            holder[str(last)] = value(holder[str(last)])
            return True
        return False
    return change


def _rename(loc: Sequence[str | int], new: str) -> Change:
    """A change that renames the key at ``loc``, keeping its place among the keys."""
    def change(data: Any) -> bool:
        holder, old = _holder(data, loc), str(loc[-1])
        if not isinstance(holder, dict) or new in holder or old not in holder:
            return False
        items = [(new if k == old else k, v) for k, v in holder.items()]
        holder.clear()
        holder.update(items)
        return True
    return change


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
        from datacard.escape import terminal_line

        name = terminal_line(self.path.lstrip("/"))  # a name with a line end must not add a line
        lines = difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
                                     f"a/{name}", f"b/{name}")
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
    """The fixes of ``findings`` applied to the file's text in memory (nothing is written); None
    for a file that is not a regular file (a pipe such as `<(generate)` is read, never written)."""
    if not os.path.isfile(path):
        return None
    read = read_for_fix(path, max_bytes)
    if read is None:
        return None
    text, bom, mark = read
    if refind is not None:
        findings = _still_found(findings, refind(text))
    outcome = fix_text(text, path, findings, unsafe=unsafe, refind=refind)
    return FileFix(path, text, outcome.text, outcome.applied, bom, mark)


def _still_found(findings: Sequence[Finding], now: Sequence[Finding]) -> list[Finding]:
    """The findings whose fixes the text as read now still calls for. The findings came from an
    earlier read: if the file changed since (an editor saved it), a value fix would write its
    value over whatever the file says now (`license: mit` made 'CC-BY-4.0'). A comment-line fix
    carries the line it expects, and is checked against it when applied."""
    current = {(f.code, f.fix) for f in now if f.fix is not None}
    return [f for f in findings if f.fix is not None and (f.fix.action == "line" or (f.code, f.fix) in current)]


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
