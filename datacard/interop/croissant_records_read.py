"""Croissant's description of the data, read into a datasheet.

`distribution` (FileObject, FileSet) becomes audience.distribution.files; the record set of the
instances becomes composition.fields (name, description, data type, source, allowed values, key)
and its description composition.instance; the split record set becomes composition.splits; the
schema.org `variableMeasured` list adds fields that are described without a file. A record set
that only lists the values of a category (an enumeration written out in the file) becomes that
field's values. What has no home (other tables, nested fields, transforms other than a regular
expression) is a finding on its own line.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from typing import Any

from datacard.codebook import interop as codes
from datacard.findings import Severity
from datacard.interop import croissant_tables as C
from datacard.interop.croissant_doc import CroissantDoc, Loc, clip, items, member, ref, text, texts
from datacard.interop.croissant_doc import name as _name

_HEX = {"sha256": re.compile(r"[0-9a-f]{64}"), "md5": re.compile(r"[0-9a-f]{32}")}
_FILE_KEYS = {"@type", "@id", "name", "description", "contentUrl", "containedIn", "includes", "excludes",
              "encodingFormat", "contentSize", "sha256", "md5"}
_SET_KEYS = {"@type", "@id", "name", "description", "field", "key", "dataType", "data"}
_FIELD_KEYS = {"@type", "@id", "name", "description", "dataType", "source", "references", "subField", "isArray",
               "arrayShape", "repeated"}


def _local(name: Any) -> str:
    """`cr:FileSet`, `http://schema.org/Text` -> FileSet, Text."""
    return re.split(r"[:/#]", str(name))[-1]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _at(key: str, value: Any, index: int) -> Loc:
    """Where item ``index`` of a property's value sits (the property itself when it holds one)."""
    return (key, index) if isinstance(value, list) else (key,)


def _unknown(node: dict[str, Any], known: set[str]) -> list[str]:
    return [k for k in node if _local(k) not in known and k not in known and node[k] not in (None, "", [], {})]


# --- distribution --------------------------------------------------------------------------------

def read_distribution(doc: CroissantDoc, key: str, value: Any) -> None:
    """FileObjects and FileSets -> audience.distribution.files; their media types -> formats."""
    known = {f["name"] for f in doc.data.get("audience", {}).get("distribution", {}).get("files", [])}
    formats = []
    for i, node in enumerate(items(value)):
        loc = _at(key, value, i)
        entry = _file(doc, node, loc) if isinstance(node, dict) else None
        if entry is None:
            continue
        if entry["name"] in known:
            doc.note(codes.BAD_VALUE, loc, f"{key}: a second file with the id {clip(entry['name'])}; not imported "
                     "(fields refer to a file by its id)")
            continue
        known.add(entry["name"])
        doc.extend("audience.distribution.files", [entry], loc)
        index = len(doc.data["audience"]["distribution"]["files"]) - 1
        doc.place(f"audience.distribution.files[{index}]", loc)
        for attr, prop in (("url", "contentUrl"), ("format", "encodingFormat"), ("sha256", "sha256"), ("md5", "md5")):
            written = next((k for k in node if _local(k) == prop), None)
            if attr in entry and written is not None:
                doc.place(f"audience.distribution.files[{index}].{attr}", (*loc, written))
        fmt = C.ENCODING_FORMATS.get(str(entry.get("format", "")).lower())
        if fmt and fmt not in formats:
            formats.append(fmt)
    doc.extend("audience.distribution.formats", formats, key)


def _file(doc: CroissantDoc, node: dict[str, Any], loc: Loc) -> dict[str, Any] | None:
    kind = _local(node.get("@type", ""))
    if kind not in ("FileObject", "FileSet"):
        doc.note(codes.UNMAPPED_KEY, loc, f"a distribution entry of type {clip(node.get('@type'))} is neither a "
                 "FileObject nor a FileSet; not imported", Severity.INFO)
        return None
    ident, name = ref(node.get("@id")), _name(member(node, "name"))
    if not (ident or name):
        doc.note(codes.BAD_VALUE, loc, f"a {kind} without @id or name cannot be referred to; not imported")
        return None
    entry: dict[str, Any] = {"name": ident or name}
    if ident and name and name != ident:
        doc.note(codes.UNMAPPED_KEY, (*loc, "name"), f"{kind} {clip(ident)} is named {clip(name)}; the datasheet "
                 "keeps the @id, by which fields refer to it", Severity.INFO)
    for attr, prop in (("description", "description"), ("url", "contentUrl"), ("size", "contentSize")):
        found = text(member(node, prop))
        if found:
            entry[attr] = found
    formats = texts(member(node, "encodingFormat"))
    if formats:
        entry["format"] = formats[0]
        if len(formats) > 1:
            doc.note(codes.BAD_VALUE, (*loc, "encodingFormat"), f"{kind} {clip(entry['name'])} gives "
                     f"{len(formats)} media types; the first, {clip(formats[0])}, was kept", Severity.INFO)
    for attr, prop in (("contained_in", "containedIn"), ("includes", "includes"), ("excludes", "excludes")):
        listed = [ref(v) if attr == "contained_in" else text(v) for v in items(member(node, prop))]
        if any(listed):
            entry[attr] = [f for f in listed if f]
    for digest in ("sha256", "md5"):
        _digest(doc, node, loc, entry, digest)
    extra = _unknown(node, _FILE_KEYS)
    if extra:
        doc.note(codes.UNMAPPED_KEY, loc, f"{kind} {clip(entry['name'])}: {', '.join(extra)} not imported",
                 Severity.INFO)
    return entry


def _digest(doc: CroissantDoc, node: dict[str, Any], loc: Loc, entry: dict[str, Any], digest: str) -> None:
    written = next((k for k in node if _local(k) == digest), None)
    found = text(node[written]) if written is not None else None
    if not found:
        return
    kept = _as_hex(found)
    if kept == (digest, found.strip().lower()):
        entry[digest] = kept[1]
    elif kept is not None:
        # An MD5 under `sha256` (or the reverse), or a digest in base64: the length of the
        # digest says which it is, and the datasheet keeps it where it belongs.
        algorithm, value = kept
        entry.setdefault(algorithm, value)
        what = "an MD5 digest" if algorithm == "md5" else "a SHA-256 digest"
        how = "in base64" if value != found.strip().lower() else f"({len(value)} hexadecimal digits)"
        doc.note(codes.BAD_VALUE, (*loc, written or digest), f"{digest}: {clip(found)} is {what} {how}; kept as "
                 f"{algorithm}: write `\"{algorithm}\": \"{value}\"`", Severity.INFO)
    elif entry.get("format") in C.REPOSITORY_FORMATS and found.startswith(("http://", "https://")):
        # Croissant asks every file for a digest; a repository has none, and Hugging Face's
        # exporter writes a link that says so. It is not a digest, so the datasheet holds none.
        return
    else:
        digits = 64 if digest == "sha256" else 32
        doc.note(codes.BAD_VALUE, (*loc, written or digest), f"{digest}: {clip(found)} is not a digest (write its "
                 f"{digits} hexadecimal digits); not imported")


def _as_hex(found: str) -> tuple[str, str] | None:
    """(algorithm, hexadecimal digits) of a digest written in hexadecimal or in base64; the
    algorithm is the one its length says (32 digits: md5, 64: sha256)."""
    lowered = found.strip().lower()
    for algorithm, pattern in _HEX.items():
        if pattern.fullmatch(lowered):
            return algorithm, lowered
    try:
        raw = base64.b64decode(found.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    by_size = {32: "sha256", 16: "md5"}
    return (by_size[len(raw)], raw.hex()) if len(raw) in by_size else None


# --- record sets ---------------------------------------------------------------------------------

@dataclass
class _Set:
    """One record set of the file, and the facts about it the reader needs."""

    index: int
    node: dict[str, Any]
    loc: Loc
    ident: str
    fields: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return " ".join(_local(t) for t in items(self.node.get("dataType")) if t)

    @property
    def rows(self) -> list[dict[str, Any]]:
        data = self.node.get("data")
        data = [data] if isinstance(data, dict) else data  # one row written without its list
        return [r for r in data if isinstance(r, dict)] if isinstance(data, list) else []


def _sets(key: str, value: Any) -> list[_Set]:
    out = []
    for i, node in enumerate(items(value)):
        if not isinstance(node, dict):
            continue
        ident = ref(node.get("@id")) or _name(node.get("name")) or f"record set {i + 1}"
        fields = [(j, f) for j, f in enumerate(items(node.get("field"))) if isinstance(f, dict)]
        out.append(_Set(i, node, _at(key, value, i), ident, fields))
    return out


def _field_id(rs: _Set, node: dict[str, Any]) -> str:
    return ref(node.get("@id")) or f"{rs.ident}/{_name(node.get('name')) or ''}"


def read_record_sets(doc: CroissantDoc, key: str, value: Any) -> None:
    """The split record set -> composition.splits; the record set of the instances ->
    composition.fields; the others are reported where they are."""
    sets = _sets(key, value)
    owner = {_field_id(rs, f): rs for rs in sets for _, f in rs.fields}
    # Croissant 0.x refers to a field as `record_set/name`.
    owner.update({f"{rs.ident}/{_name(f.get('name'))}": rs for rs in sets for _, f in rs.fields
                  if _name(f.get("name"))})
    looked_up = {owner[t].ident for rs in sets for _, f in rs.fields
                 if (t := _reference(f)) is not None and t in owner and owner[t] is not rs}
    # The instances' record set: of those that are not splits or lists of values, the one with
    # the most fields (the other tables describe things the instances refer to).
    tables = [rs for rs in sets if "Split" not in rs.kind and "Enumeration" not in rs.kind
              and rs.ident not in looked_up and rs.fields]
    main = max(tables, key=lambda rs: len(rs.fields), default=None)
    used: set[str] = set()
    for rs in sets:
        if "Split" in rs.kind:
            _splits(doc, rs)
            used.add(rs.ident)
    if main is not None:
        used.add(main.ident)
        used |= _fields(doc, main, owner)
    for rs in sets:
        if rs.ident not in used:
            what = ("a list of values that fields refer to (imported as a category's values only when the file "
                    "writes them out in `data`, with one field)" if rs.ident in looked_up else "a table of its own")
            kept = f" ({clip(main.ident)})" if main is not None else ""
            size = _count(len(rs.fields), "field")
            doc.note(codes.UNMAPPED_KEY, rs.loc, f"record set {clip(rs.ident)} ({size}) was not imported: a "
                     f"datasheet lists the fields of one record set{kept}, and this one is {what}", Severity.INFO)


def _splits(doc: CroissantDoc, rs: _Set) -> None:
    for row in rs.rows:
        name = next((v for k, v in row.items() if k.endswith("name") and isinstance(v, str)), None)
        count = next((v for k, v in row.items() if k.endswith("count") and isinstance(v, int)), None)
        if name:
            doc.extend("composition.splits", [{"name": name, **({"count": count} if count is not None else {})}],
                       rs.loc)


def _reference(node: dict[str, Any]) -> str | None:
    """The field a field's `references` names."""
    refs = node.get("references")
    if isinstance(refs, dict):
        return ref(member(refs, "field")) or (ref(refs) if "@id" in refs else None)
    return ref(refs)


def _fields(doc: CroissantDoc, rs: _Set, owner: dict[str, _Set]) -> set[str]:
    """The fields of the instances' record set; returns the record sets whose content they took."""
    doc.put("composition.instance", text(rs.node.get("description")), (*rs.loc, "description"))
    keys = {ref(k) for k in items(rs.node.get("key")) if ref(k)}
    files = {f["name"] for f in doc.data.get("audience", {}).get("distribution", {}).get("files", [])}
    start = len(doc.data.get("composition", {}).get("fields", []))
    used: set[str] = set()
    entries: list[dict[str, Any]] = []
    for j, node in rs.fields:
        loc: Loc = (*rs.loc, "field", j) if isinstance(rs.node.get("field"), list) else (*rs.loc, "field")
        entry = _field(doc, rs, node, loc, files)
        if entry is None:
            continue
        target = _reference(node)
        if target is not None:
            used |= _looked_up(doc, entry, target, owner, loc)
        elif node.get("references") not in (None, {}, []):
            doc.note(codes.UNMAPPED_KEY, (*loc, "references"), f"field {clip(entry['name'])} references a file, "
                     "not a field; not imported", Severity.INFO)
        if _field_id(rs, node) in keys and "role" not in entry:
            entry["role"] = "identifier"
        index = start + len(entries)
        entries.append(entry)
        doc.place(f"composition.fields[{index}]", loc)
        for attr, prop in (("type", "dataType"), ("description", "description"), ("source", "source"),
                           ("values", "references")):
            if attr in entry and prop in node:
                doc.place(f"composition.fields[{index}].{attr}", (*loc, prop))
    doc.extend("composition.fields", entries, (*rs.loc, "field"))
    extra = _unknown(rs.node, _SET_KEYS)
    if extra:
        doc.note(codes.UNMAPPED_KEY, rs.loc, f"record set {clip(rs.ident)}: {', '.join(extra)} not imported",
                 Severity.INFO)
    return used


def _field(doc: CroissantDoc, rs: _Set, node: dict[str, Any], loc: Loc, files: set[str]) -> dict[str, Any] | None:
    ident = _field_id(rs, node)
    name = _name(node.get("name")) or ident
    for prefix in {f"{rs.ident}/", f"{_name(rs.node.get('name'))}/"}:
        name = name.removeprefix(prefix)
    if not name:
        return None
    entry: dict[str, Any] = {"name": name}
    description = text(node.get("description"))
    if description:
        entry["description"] = description
    kind = _data_type(doc, node, loc, name)
    if kind:
        entry["type"] = kind
    source = _source(doc, node.get("source"), (*loc, "source"), name, files)
    if source:
        entry["source"] = source
    extra = _unknown(node, _FIELD_KEYS)
    if node.get("subField"):
        extra.insert(0, f"{_count(len(items(node['subField'])), 'nested field')} (subField)")
    if extra:
        doc.note(codes.UNMAPPED_KEY, loc, f"field {clip(name)}: {', '.join(extra)} not imported", Severity.INFO)
    return entry


def _data_type(doc: CroissantDoc, node: dict[str, Any], loc: Loc, name: str) -> str | None:
    names = [_local(t) for t in items(node.get("dataType")) if isinstance(t, str)]
    if node.get("subField"):
        return "struct"
    if node.get("isArray") is True or node.get("repeated") is True:
        return "list"
    if any(n in C.ENUMERATION_TYPES for n in names):
        return "category"
    kind = next((C.DATA_TYPES_IN[n] for n in names if n in C.DATA_TYPES_IN), None)
    if kind is None and names:
        doc.note(codes.BAD_VALUE, (*loc, "dataType"), f"field {clip(name)}: data type {clip(names[0])} has no "
                 "datasheet type; not imported", Severity.INFO)
    return kind


def _source(doc: CroissantDoc, value: Any, loc: Loc, name: str, files: set[str]) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        return None
    named = next((ref(v) for k, v in value.items() if _local(k) in ("fileObject", "fileSet", "distribution")), None)
    if named is None or named not in files:
        what = f"file {clip(named)}, which was not imported" if named else "no file of the distribution"
        doc.note(codes.UNMAPPED_KEY, loc, f"field {clip(name)} reads {what}; its source was not imported",
                 Severity.INFO)
        return None
    source: dict[str, Any] = {"file": named}
    extract = member(value, "extract")
    extract = extract if isinstance(extract, dict) else {}
    column, path, prop = (text(member(extract, k)) for k in ("column", "jsonPath", "fileProperty"))
    if column and column != name:
        source["column"] = column
    elif path:
        source["json_path"] = path
    elif prop:
        source["file_property"] = C.FILE_PROPERTIES_IN.get(prop, prop)
    transform = member(value, "transform")
    for step in items(transform) if transform is not None else []:
        pattern = text(member(step, "regex")) if isinstance(step, dict) else None
        if pattern and "pattern" not in source:
            source["pattern"] = pattern
        else:
            doc.note(codes.UNMAPPED_KEY, (*loc, "transform"), f"field {clip(name)}: transform {clip(step)} has no "
                     "datasheet field (a regular expression does); not imported", Severity.INFO)
    return source


def _looked_up(doc: CroissantDoc, entry: dict[str, Any], target: str, owner: dict[str, _Set], loc: Loc) -> set[str]:
    """A reference to a split record set makes the field the split; to a list of values, a
    category with those values (when the file writes them out)."""
    rs = owner.get(target)
    if rs is None:
        doc.note(codes.UNMAPPED_KEY, (*loc, "references"), f"field {clip(entry['name'])} references "
                 f"{clip(target)}, which the file does not describe; not imported", Severity.INFO)
        return set()
    if "Split" in rs.kind:
        entry["role"] = "split"
        return {rs.ident}
    if "Enumeration" in rs.kind and entry.get("type") in (None, "string"):
        entry["type"] = "category"  # its values are the members of an enumeration
    # Rows are keyed by the field's @id (Croissant 1.x) or by its name (0.x).
    cells = [row.get(target, row.get(target.rsplit("/", 1)[-1])) for row in rs.rows]
    values = [str(c) for c in cells if isinstance(c, (str, int, float)) and not isinstance(c, bool)]
    if values:
        entry["values"] = list(dict.fromkeys(values))
        return {rs.ident} if len(rs.fields) == 1 else set()
    return set()


# --- variables -----------------------------------------------------------------------------------

def read_variables(doc: CroissantDoc, key: str, value: Any) -> None:
    """schema.org `variableMeasured` (text or PropertyValue): fields described without a file."""
    fields = doc.data.setdefault("composition", {}).setdefault("fields", [])
    by_name = {f["name"]: f for f in fields}
    for i, node in enumerate(items(value)):
        loc = _at(key, value, i)
        name = _name(node.get("name")) if isinstance(node, dict) else _name(node)
        if not name:
            continue
        description = text(node.get("description")) if isinstance(node, dict) else None
        found = by_name.get(name)
        if found is not None:
            if description and not found.get("description"):
                found["description"] = description
            elif description and description != found.get("description"):
                doc.note(codes.UNMAPPED_KEY, loc, f"variable {clip(name)}: its description differs from the "
                         "record set field's, which was kept; not imported", Severity.INFO)
            continue
        entry = {"name": name, **({"description": description} if description else {})}
        by_name[name] = entry
        doc.place(f"composition.fields[{len(fields)}]", loc)
        fields.append(entry)
        extra = _unknown(node, {"@type", "name", "description"}) if isinstance(node, dict) else []
        if extra:
            doc.note(codes.UNMAPPED_KEY, loc, f"variable {clip(name)}: {', '.join(extra)} not imported", Severity.INFO)
    if not fields:
        doc.data["composition"].pop("fields")
        if not doc.data["composition"]:
            doc.data.pop("composition")
    else:
        doc.place("composition.fields", key)
