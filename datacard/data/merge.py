"""Measured composition facts, as YAML on their own or merged into a user's datasheet.

Merging edits the datasheet through ruamel.yaml's round-trip mode, which keeps comments, key
order, quoting and blank lines: only the measured values change (``count``, split counts, and
each field's ``missing``, ``distinct``, ``distribution``, and ``type`` and ``role`` where none
was written), and columns the datasheet does not describe are appended to ``composition.fields``. A
line-based splice of the ``composition:`` block could not do this: it would have to rewrite
the whole block and so lose the comments inside it.
"""

from __future__ import annotations

import io
import itertools
import re
from typing import Any

from datacard.data.profile import Profile
from datacard.load import dump_yaml


def composition_data(prof: Profile) -> dict[str, Any]:
    """The ``composition`` facts a profile measured, as plain data the datasheet model accepts."""
    out: dict[str, Any] = {"count": prof.rows}
    if prof.splits:
        out["splits"] = [{"name": name, "count": n} for name, n in sorted(prof.splits.items())]
    fields: list[dict[str, Any]] = []
    for column in prof.columns.values():
        entry: dict[str, Any] = {
            "name": column.name,
            "type": column.type.value,
            "missing": round(prof.missing_share(column.name), 6),
        }
        role = _role(prof, column.name)
        if role is not None:
            entry["role"] = role
        if column.distinct is not None:
            entry["distinct"] = column.distinct
        counts = prof.groups.get(column.name)
        if counts:
            entry["distribution"] = {
                str(k): n for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
            }
        fields.append(entry)
    out["fields"] = fields
    return out


def _role(prof: Profile, name: str) -> str | None:
    """The role the profile gave a column (from --split-column, --label, --subgroup or the
    datasheet), so that check, represent and render --data find it again without the options."""
    spec = prof.spec
    if name == spec.split_column:
        return "split"
    if name == spec.label:
        return "label"
    if name in spec.groups and name not in spec.sensitive_only:
        return "subgroup"
    return None


def _header(prof: Profile) -> str:
    estimated = [c.name for c in prof.columns.values() if c.distinct is not None and not c.distinct_exact]
    lines = [f"# Measured by datacard profile from {', '.join(prof.sources) or 'a dataframe'}."]
    if estimated:
        lines.append(
            f"# distinct is estimated (KMV sketch, about {100 / (prof.spec.k - 2) ** 0.5:.1f} % "
            f"error) for: {', '.join(estimated)}."
        )
    return "\n".join(lines) + "\n"


def composition_yaml(prof: Profile) -> str:
    """A ``composition:`` section ready to paste or merge into a datasheet."""
    return _header(prof) + dump_yaml({"composition": composition_data(prof)})


class MergeUnavailable(RuntimeError):
    """ruamel.yaml, needed to merge while keeping comments, is not installed."""


def _round_trip() -> Any:
    try:
        from ruamel.yaml import YAML
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MergeUnavailable(
            "merging into a datasheet needs ruamel.yaml (pip install ruamel.yaml); "
            "without --datasheet, profile prints a composition section to paste"
        ) from exc
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the user's long lines
    return yaml


def merge_text(text: str, prof: Profile) -> str:
    """The datasheet ``text`` with the profile's facts merged into its composition section."""
    from ruamel.yaml.comments import CommentedMap

    yaml = _round_trip()
    mapping, offset = guess_indent(text)
    yaml.indent(mapping=mapping, sequence=mapping + offset, offset=offset)
    doc = yaml.load(text)
    facts = composition_data(prof)
    comp = doc.get("composition")
    if comp is None:
        comp = CommentedMap()
        doc["composition"] = comp
    comp["count"] = facts["count"]
    if "splits" in facts:
        _merge_list(comp, "splits", facts["splits"], ("count",))
    _merge_list(comp, "fields", facts["fields"], ("missing", "distinct", "distribution"), keep=("type", "role"))
    out = io.StringIO()
    yaml.dump(doc, out)
    return _keep_layout(text, out.getvalue())


def merge_document(text: str, prof: Profile, *, markdown: bool = False) -> str:
    """Merge into a datasheet file's text; for Markdown, into its YAML front matter only.
    A file with Windows line ends keeps them on every line, the merged ones included."""
    if "\r\n" in text:
        return merge_document(text.replace("\r\n", "\n"), prof, markdown=markdown).replace("\n", "\r\n")
    if not markdown:
        return merge_text(text, prof)
    from datacard.load import split_front_matter

    parts = split_front_matter(text)
    if parts is None:
        raise ValueError("the Markdown file has no YAML front matter")
    yaml_text, first, _, after = parts
    lines = text.splitlines(keepends=True)
    merged = merge_text(yaml_text, prof)
    return "".join(lines[:first]) + merged + "".join(lines[after - 1 :])


def _keep_layout(original: str, merged: str) -> str:
    """Undo ruamel's re-flowing: where a run of lines differs from the original only in how
    its words are spread over lines (a multi-line plain scalar joined into one), keep the
    original lines. Every changed value differs in its words, so it is kept as merged."""
    import difflib

    old, new = original.splitlines(keepends=True), merged.splitlines(keepends=True)
    result: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "replace" and "".join(old[i1:i2]).split() == "".join(new[j1:j2]).split():
            result.extend(old[i1:i2])
        else:
            result.extend(new[j1:j2])
    return "".join(result)


_KEY_LINE = re.compile(r"^( *)[^\s#-][^#]*:\s*(#.*)?$")
_ITEM_LINE = re.compile(r"^( *)- ")


def guess_indent(text: str) -> tuple[int, int]:
    """(mapping indent, offset of '- ' under its key) as the file writes block collections."""
    mapping = offset = None
    lines = text.splitlines()
    for above, line in itertools.pairwise(lines):
        parent, item = _KEY_LINE.match(above), _ITEM_LINE.match(line)
        if parent and item and offset is None:
            offset = len(item.group(1)) - len(parent.group(1))
        child = re.match(r"^( *)[^\s#-]", line)
        if parent and child and mapping is None and len(child.group(1)) > len(parent.group(1)):
            mapping = len(child.group(1)) - len(parent.group(1))
    return mapping or 2, max(0, offset or 0)


def _set_mapping(entry: Any, key: str, value: dict[str, Any]) -> None:
    """Set a nested mapping, keeping the comments attached to the old one's keys (ruamel
    attaches the comment lines that follow a mapping to its last key)."""
    from ruamel.yaml.comments import CommentedMap

    old = entry.get(key)
    new = CommentedMap(value)
    if isinstance(old, CommentedMap) and old and new:
        old_last, new_last = list(old)[-1], list(new)[-1]
        for name, comment in old.ca.items.items():
            if name in new and name != old_last:
                new.ca.items[name] = comment
        if old_last in old.ca.items:
            new.ca.items[new_last] = old.ca.items[old_last]
    entry[key] = new


def _merge_list(comp: Any, key: str, measured: list[dict[str, Any]], facts: tuple[str, ...],
                keep: tuple[str, ...] = ()) -> None:
    """Update entries matched by ``name``; set ``facts`` always and ``keep`` only if absent."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    entries = comp.get(key)
    if entries is None:
        entries = CommentedSeq()
        comp[key] = entries
    by_name = {e.get("name"): e for e in entries if isinstance(e, dict)}
    for item in measured:
        entry = by_name.get(item["name"])
        if entry is None:
            entries.append(CommentedMap(item))
            continue
        for name in keep:
            if name in item and name not in entry:
                entry[name] = item[name]
        for name in facts:
            if isinstance(item.get(name), dict):
                _set_mapping(entry, name, item[name])
            elif name in item:
                entry[name] = item[name]
