"""Measured composition facts, as YAML on their own or merged into a user's datasheet.

What a merge writes is decided by :mod:`datacard.data.reconcile`: facts the datasheet does not
state, and contradicted ones only on request; each contradiction is a finding with both values,
and the facts written are recorded in ``composition.measured``. Merging edits the datasheet's
text in place (:mod:`datacard.data.yamledit`): only those values change, and columns or splits
the datasheet does not describe are appended. Every other byte stays where it was, comments,
blank lines, quoting and indentation included.

After the edit the result is loaded again and compared with what the merge meant to do (the
same merge applied to the loaded data): a difference, which would be a bug, refuses the merge
instead of writing a datasheet that says something else.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from datacard.data.profile import Profile
from datacard.data.reconcile import Options, plan
from datacard.data.yamledit import Document, EditError, is_null
from datacard.findings import Finding
from datacard.load import Loaded, dump_yaml, load_text, parse_yaml


def composition_data(prof: Profile, options: Options | None = None) -> dict[str, Any]:
    """The ``composition`` facts a profile measured, as plain data the datasheet model accepts
    (for rows read from a sample, no counts), with the record of the measurement."""
    return plan(None, prof, None, options).facts


def _header(prof: Profile) -> str:
    estimated = [c.name for c in prof.columns.values() if c.distinct is not None and not c.distinct_exact]
    lines = [f"# Measured by datacard profile from {', '.join(prof.sources) or 'a dataframe'}."]
    if estimated:
        lines.append(
            f"# distinct is estimated (KMV sketch, about {100 / (prof.spec.k - 2) ** 0.5:.1f} % "
            f"error) for: {', '.join(estimated)}."
        )
    return "\n".join(lines) + "\n"


def composition_yaml(prof: Profile, options: Options | None = None) -> str:
    """A ``composition:`` section ready to paste or merge into a datasheet."""
    return _header(prof) + dump_yaml({"composition": composition_data(prof, options)})


class MergeError(ValueError):
    """The facts cannot be merged into this datasheet's text; it is left as it was."""


@dataclass
class Merged:
    """A datasheet's text with the measured facts merged in, and what the merge has to say."""

    text: str
    findings: list[Finding] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # the places whose values the merge wrote
    sample: bool = False


def merge_text(text: str, prof: Profile, options: Options | None = None) -> str:
    """The datasheet ``text`` with the profile's facts merged into its composition section.

    Raises :class:`MergeError` when the text cannot be edited in place, or when the edited text
    would not hold exactly the merged facts.
    """
    return _merge_yaml(text, prof, "<datasheet>", 0, options or Options()).text


def _merge_yaml(text: str, prof: Profile, path: str, line_offset: int, options: Options) -> Merged:
    loaded = parse_yaml(text, path, line_offset=line_offset)
    if not isinstance(loaded.data, dict):
        raise MergeError("the datasheet does not load; fix it first (run `datacard validate`)")
    decided = plan(loaded.data, prof, loaded, options)
    if not decided.facts:
        return Merged(text, decided.findings, decided.written, decided.sample)
    try:
        doc = Document(text)
        _merge(doc, decided.facts)
        merged = doc.result()
    except EditError as exc:
        raise MergeError(f"cannot merge the measured facts into the datasheet: {exc}") from None
    _verify(loaded, merged, decided.facts)
    return Merged(merged, decided.findings, decided.written, decided.sample)


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
    if "count" in facts:
        _put(doc, comp, "count", facts["count"])
    for key in ("splits", "fields"):
        if key in facts:
            _merge_list(doc, comp, key, facts[key])
    if "measured" in facts:
        _put(doc, comp, "measured", facts["measured"])


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


def _merge_list(doc: Document, comp: MappingNode, key: str, items: list[dict[str, Any]]) -> None:
    """Set the given keys of the entries matched by ``name``; append the entries not there."""
    seq = doc.get(comp, key)
    if seq is None or is_null(seq):
        _put(doc, comp, key, items)
        return
    if not isinstance(seq, SequenceNode):
        raise EditError(f"line {seq.start_mark.line + 1}: composition.{key} is not a list")
    by_name = _entries(seq, doc)
    for item in items:
        entry = by_name.get(item["name"])
        if entry is None:
            continue
        for name, value in item.items():
            if name != "name":
                _put(doc, entry, name, value)
    # New entries go after the last one, where keys added to the last entry also go; edits at
    # one place apply in the order they were made, so the new entries come after those keys.
    for item in items:
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
    if "count" in facts:
        comp["count"] = facts["count"]
    for key in ("splits", "fields"):
        if key in facts:
            _merge_list_data(comp, key, facts[key])
    if "measured" in facts:
        comp["measured"] = copy.deepcopy(facts["measured"])
    return data


def _merge_list_data(comp: dict[str, Any], key: str, items: list[dict[str, Any]]) -> None:
    entries = comp.get(key)
    if not isinstance(entries, list):
        comp[key] = copy.deepcopy(items)
        return
    by_name: dict[Any, dict[str, Any]] = {}
    for entry in entries:
        if isinstance(entry, dict) and entry.get("name") is not None:
            by_name.setdefault(str(entry["name"]), entry)
    for item in items:
        found = by_name.get(item["name"])
        if found is None:
            entries.append(copy.deepcopy(item))
            continue
        for name, value in item.items():
            if name != "name":
                found[name] = copy.deepcopy(value)


def _verify(old: Loaded, after: str, facts: dict[str, Any]) -> None:
    new = load_text(after, "<after>")
    if new.data != merged_data(old.data, facts) or len(new.findings) > len(old.findings):
        raise MergeError("merging the measured facts would change the datasheet in a way datacard "
                         "did not intend; nothing was written (please report this as a datacard bug)")


def merge_measured(text: str, prof: Profile, *, path: str = "<datasheet>", markdown: bool = False,
                   options: Options | None = None) -> Merged:
    """Merge into a datasheet file's text; for Markdown, into its YAML front matter only.
    A file with Windows line ends keeps them on every line, the merged ones included. Findings
    carry the lines of the file."""
    options = options or Options()
    if "\r\n" in text:
        merged = merge_measured(text.replace("\r\n", "\n"), prof, path=path, markdown=markdown, options=options)
        merged.text = merged.text.replace("\n", "\r\n")
        return merged
    if not markdown:
        return _merge_yaml(text, prof, path, 0, options)
    from datacard.load import split_front_matter

    parts = split_front_matter(text)
    if parts is None:
        raise MergeError("the Markdown file has no YAML front matter")
    yaml_text, first, _, after = parts
    lines = text.splitlines(keepends=True)
    merged = _merge_yaml(yaml_text, prof, path, first, options)
    merged.text = "".join(lines[:first]) + merged.text + "".join(lines[after - 1 :])
    return merged


def merge_document(text: str, prof: Profile, *, markdown: bool = False, options: Options | None = None) -> str:
    """:func:`merge_measured`'s text."""
    return merge_measured(text, prof, markdown=markdown, options=options).text
