"""Measured composition facts, as YAML on their own or merged into a user's datasheet.

Merging edits the datasheet's text in place (:mod:`datacard.data.yamledit`): only the measured
values change (``count``, split counts, and each field's ``missing``, ``distinct``,
``distribution``, and ``type`` and ``role`` where none was written), and columns the datasheet
does not describe are appended to ``composition.fields``. Every other byte stays where it was,
comments, blank lines, quoting and indentation included.

After the edit the result is loaded again and compared with what the merge meant to do (the
same merge applied to the loaded data): a difference, which would be a bug, refuses the merge
instead of writing a datasheet that says something else.
"""

from __future__ import annotations

import copy
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from datacard.data.profile import Profile
from datacard.data.yamledit import Document, EditError, is_null
from datacard.load import dump_yaml, load_text


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


class MergeError(ValueError):
    """The facts cannot be merged into this datasheet's text; it is left as it was."""


# The facts a profile measures, set on every merge, and those written only where the
# datasheet says nothing (a declared type or role is the user's to change).
_FACTS = ("missing", "distinct", "distribution")
_KEEP = ("type", "role")


def merge_text(text: str, prof: Profile) -> str:
    """The datasheet ``text`` with the profile's facts merged into its composition section.

    Raises :class:`MergeError` when the text cannot be edited in place, or when the edited text
    would not hold exactly the merged facts.
    """
    facts = composition_data(prof)
    try:
        doc = Document(text)
        _merge(doc, facts)
        merged = doc.result()
    except EditError as exc:
        raise MergeError(f"cannot merge the measured facts into the datasheet: {exc}") from None
    _verify(text, merged, facts)
    return merged


def _merge(doc: Document, facts: dict[str, Any]) -> None:
    root = doc.root
    comp = doc.get(root, "composition")
    if comp is None:
        doc.add(root, "composition", facts)
        return
    if is_null(comp):
        doc.fill(_key_of(root, comp), comp, facts, root)  # type: ignore[arg-type]
        return
    if not isinstance(comp, MappingNode):
        raise EditError(f"line {comp.start_mark.line + 1}: composition is not a mapping")
    _put(doc, comp, "count", facts["count"])
    if "splits" in facts:
        _merge_list(doc, comp, "splits", facts["splits"], ("count",), ())
    _merge_list(doc, comp, "fields", facts["fields"], _FACTS, _KEEP)


def _key_of(mapping: MappingNode, value: Node) -> ScalarNode:
    key: ScalarNode = next(k for k, v in mapping.value if v is value)
    return key


def _put(doc: Document, mapping: MappingNode, key: str, value: Any) -> None:
    """Set ``key`` to ``value``: in place where the file has it, else as a new last key."""
    node = doc.get(mapping, key)
    if node is None:
        doc.add(mapping, key, value)
    elif is_null(node):
        doc.fill(_key_of(mapping, node), node, value, mapping)  # type: ignore[arg-type]
    elif isinstance(value, dict) and value and isinstance(node, MappingNode) and _scalar_entries(node):
        _put_mapping(doc, node, value)
    elif isinstance(node, ScalarNode) and not isinstance(value, (dict, list)):
        doc.set_scalar(node, value)
    else:
        doc.replace(node, value)


def _put_mapping(doc: Document, node: MappingNode, value: dict[str, Any]) -> None:
    """Update a mapping of scalars key by key, so that each line keeps its comments: values
    change in place, keys the data no longer has go, new ones follow the last. Where a key
    cannot go with its lines (a flow mapping), the mapping is written anew in the same order."""
    written = [key.value for key, _ in node.value]
    if set(written) != set(value) and not doc.removable(node):
        ordered = {k: value[k] for k in written if k in value}
        doc.replace(node, ordered | {k: v for k, v in value.items() if k not in ordered})
        return
    for key, _ in node.value:
        if key.value in value:
            _put(doc, node, key.value, value[key.value])
        else:
            doc.remove(node, key)
    for name, child in value.items():
        if name not in written:
            doc.add(node, name, child)


def _scalar_entries(node: MappingNode) -> bool:
    """Whether every entry is ``text: scalar`` under a distinct key (a distribution as written)."""
    keys = [k.value for k, v in node.value if isinstance(k, ScalarNode) and isinstance(v, ScalarNode)]
    return len(keys) == len(node.value) and len(set(keys)) == len(keys)


def _entries(seq: SequenceNode, doc: Document) -> dict[str, MappingNode]:
    """The list's mapping entries by their ``name`` (the first of a repeated name)."""
    by_name: dict[str, MappingNode] = {}
    for item in seq.value:
        name = doc.get(item, "name") if isinstance(item, MappingNode) else None
        if isinstance(name, ScalarNode) and not is_null(name):
            by_name.setdefault(name.value, item)  # type: ignore[arg-type]
    return by_name


def _merge_list(doc: Document, comp: MappingNode, key: str, measured: list[dict[str, Any]],
                facts: tuple[str, ...], keep: tuple[str, ...]) -> None:
    """Update entries matched by ``name``; set ``facts`` always and ``keep`` only if absent."""
    seq = doc.get(comp, key)
    if seq is None or is_null(seq):
        _put(doc, comp, key, measured)
        return
    if not isinstance(seq, SequenceNode):
        raise EditError(f"line {seq.start_mark.line + 1}: composition.{key} is not a list")
    by_name = _entries(seq, doc)
    for item in measured:
        entry = by_name.get(item["name"])
        if entry is None:
            continue
        for name in keep:
            if name in item and doc.get(entry, name) is None:
                doc.add(entry, name, item[name])
        for name in facts:
            if name in item:
                _put(doc, entry, name, item[name])
    # New entries go after the last one, where keys added to the last entry also go; edits at
    # one place apply in the order they were made, so the new entries come after those keys.
    for item in measured:
        if item["name"] not in by_name:
            doc.append(seq, item)


# --- the same merge on loaded data, to check the edited text against ---------------------


def merged_data(data: dict[str, Any], facts: dict[str, Any]) -> dict[str, Any]:
    """What the datasheet ``data`` holds after the merge."""
    data = copy.deepcopy(data)
    comp = data.get("composition")
    if not isinstance(comp, dict):
        data["composition"] = copy.deepcopy(facts)
        return data
    comp["count"] = facts["count"]
    if "splits" in facts:
        _merge_list_data(comp, "splits", facts["splits"], ("count",), ())
    _merge_list_data(comp, "fields", facts["fields"], _FACTS, _KEEP)
    return data


def _merge_list_data(comp: dict[str, Any], key: str, measured: list[dict[str, Any]],
                     facts: tuple[str, ...], keep: tuple[str, ...]) -> None:
    entries = comp.get(key)
    if not isinstance(entries, list):
        comp[key] = copy.deepcopy(measured)
        return
    by_name: dict[Any, dict[str, Any]] = {}
    for entry in entries:
        if isinstance(entry, dict) and entry.get("name") is not None:
            by_name.setdefault(str(entry["name"]), entry)
    for item in measured:
        found = by_name.get(item["name"])
        if found is None:
            entries.append(copy.deepcopy(item))
            continue
        for name in keep:
            if name in item and name not in found:
                found[name] = item[name]
        for name in facts:
            if name in item:
                found[name] = copy.deepcopy(item[name])


def _verify(before: str, after: str, facts: dict[str, Any]) -> None:
    old, new = load_text(before, "<before>"), load_text(after, "<after>")
    if not isinstance(old.data, dict):
        raise MergeError("the datasheet does not load; fix it first (run `datacard validate`)")
    if new.data != merged_data(old.data, facts) or len(new.findings) > len(old.findings):
        raise MergeError("merging the measured facts would change the datasheet in a way datacard "
                         "did not intend; nothing was written (please report this as a datacard bug)")


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
        raise MergeError("the Markdown file has no YAML front matter")
    yaml_text, first, _, after = parts
    lines = text.splitlines(keepends=True)
    merged = merge_text(yaml_text, prof)
    return "".join(lines[:first]) + merged + "".join(lines[after - 1 :])
