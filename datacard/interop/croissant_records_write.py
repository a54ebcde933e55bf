"""A datasheet's files and fields as Croissant's description of the data.

`audience.distribution.files` becomes `distribution` (a FileObject, or a FileSet for files
given by `includes`); the fields become one record set whose fields name the file they are
read from (`source`), with their data type, a category's values as a list of values the field
refers to, and the identifier fields as the key. mlcroissant refuses a file without a media type
or (outside an archive) a place and a digest, and a field without a data type or a file to read
it from: what cannot be written so is reported (DC408 for a file, DC407 for fields), and such
fields are described in schema.org's `variableMeasured` (name and description), which catalogues
read and mlcroissant accepts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from datacard.codebook import interop as codes
from datacard.findings import Finding
from datacard.interop import croissant_tables as C
from datacard.model import Datasheet

#: Datasheet paths a Croissant file holds once the files and fields are written out.
FILE_FIELDS: tuple[str, ...] = tuple(
    f"audience.distribution.files[].{attr}" for attr in (
        "name", "description", "url", "contained_in", "includes", "excludes", "format", "size", "sha256", "md5"))
VARIABLE_FIELDS: tuple[str, ...] = ("composition.fields[].name", "composition.fields[].description")
RECORD_FIELDS: tuple[str, ...] = (
    "composition.instance", "composition.fields[].type", "composition.fields[].values",
    *(f"composition.fields[].source.{attr}" for attr in ("file", "column", "json_path", "file_property", "pattern")),
)


@dataclass
class Described:
    """What the export wrote about the data, and what it could not."""

    properties: dict[str, Any] = field(default_factory=dict)  # distribution, recordSet, variableMeasured
    held: tuple[str, ...] = ()  # datasheet paths the properties hold, for every item
    told: tuple[str, ...] = ()  # paths held for some items, the others named in a finding
    findings: list[Finding] = field(default_factory=list)


class _Ids:
    """@id values: one node each, as mlcroissant requires."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = set(taken)

    def new(self, wanted: str) -> str:
        ident, n = wanted, 2
        while ident in self.taken:
            ident, n = f"{wanted}-{n}", n + 1
        self.taken.add(ident)
        return ident


def describe_data(ds: Datasheet, splits: dict[str, Any] | None, path: str) -> Described:
    """`distribution`, the record sets (after ``splits``, the split record set) and
    `variableMeasured` for the datasheet's files and fields."""
    out = Described()
    files = _files(ds, out, path)
    if files:
        out.properties["distribution"] = [node for node, _ in files.values()]
        out.held += FILE_FIELDS
        # The formats come back from the files' media types when each has one that names it.
        named = {C.ENCODING_FORMATS.get(str(node["encodingFormat"]).lower()) for node, _ in files.values()}
        if ds.audience and ds.audience.distribution and set(ds.audience.distribution.formats) <= named:
            out.held += ("audience.distribution.formats",)
    comp = ds.composition
    fields = list(comp.fields) if comp else []
    if not fields:
        return out
    ids = _Ids({*files, "splits"})
    record_set = ids.new(ds.name)
    written, elsewhere, enumerations = [], [], []
    reasons: dict[str, list[str]] = {}
    seen: set[str] = set()
    for item in fields:
        why = _why_not(item, files, seen)
        seen.add(item.name)
        if why:
            reasons.setdefault(why, []).append(item.name)
            elsewhere.append(item)
            continue
        node, values = _field(item, record_set, files, ids, splits)
        written.append(node)
        if values is not None:
            enumerations.append(values)
    if written:
        sets: list[dict[str, Any]] = [*enumerations, _record_set(record_set, written, fields, comp)]
        out.properties["recordSet"] = sets
        if elsewhere:
            out.told += RECORD_FIELDS
        else:
            out.held += RECORD_FIELDS
    if elsewhere:
        out.properties["variableMeasured"] = [_variable(item) for item in elsewhere]
    out.held += VARIABLE_FIELDS
    # Roles the record set says: the key (identifier) and the field that names the split.
    said = {"identifier", *(["split"] if splits is not None else [])}
    if not elsewhere and all(item.role is None or str(item.role) in said for item in fields):
        out.held += ("composition.fields[].role",)
    for why, names in reasons.items():
        out.findings.append(codes.LOST_IN_EXPORT.finding(
            path, 0, 0, f"Croissant cannot hold the data type, values or source of {', '.join(names)}: {why}; "
            "they are described by name in variableMeasured", "composition.fields"))
    return out


# --- files ---------------------------------------------------------------------------------------

def _files(ds: Datasheet, out: Described, path: str) -> dict[str, tuple[dict[str, Any], bool]]:
    """name -> (FileObject or FileSet node, is a set), for every file mlcroissant accepts."""
    dist = ds.audience.distribution if ds.audience else None
    written: dict[str, tuple[dict[str, Any], bool]] = {}
    pending = list(enumerate(dist.files)) if dist else []
    problems: dict[int, str] = {}
    while True:  # a file inside another is written once that one is
        progress = False
        for index, item in list(pending):
            why = _file_problem(item, written, {f.name for _, f in pending} - {item.name})
            if why is None:
                written[item.name] = (_file(item), bool(item.includes))
                pending.remove((index, item))
                progress = True
            elif why != "":
                problems[index] = why
        if not progress:
            break
    for index, item in pending:
        why = problems.get(index) or f"it is inside {', '.join(item.contained_in)}, which is not written"
        out.findings.append(codes.MISSING_REQUIRED.finding(
            path, 0, 0, f"file {item.name!r} was not written: {why}", f"audience.distribution.files[{index}]"))
    return written


def _file_problem(item: Any, written: dict[str, Any], waiting: set[str]) -> str | None:
    """Why mlcroissant would refuse the file: None when it would not, "" while a file it is
    inside may still be written."""
    if item.name in written:
        return "another file has the same name (Croissant refers to each by its name)"
    if item.format is None:
        return "Croissant needs its media type (format: text/csv, application/x-parquet, ...)"
    missing = [c for c in item.contained_in if c not in written]
    if missing:
        return "" if any(c in waiting for c in missing) else \
            f"it is inside {', '.join(missing)}, which the datasheet does not list"
    if item.includes or item.contained_in:
        return None
    if item.url is None:
        return "Croissant needs where it is (url) or the archive it is inside (contained_in)"
    if not (item.sha256 or item.md5) and item.format not in C.REPOSITORY_FORMATS:
        return "Croissant needs the sha256 or md5 of a file that is not inside another"
    return None


def _file(item: Any) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "cr:FileSet" if item.includes else "cr:FileObject", "@id": item.name,
                            "name": item.name}
    if item.description:
        node["description"] = item.description
    if item.url:
        node["contentUrl"] = item.url
    if item.contained_in:
        refs = [{"@id": c} for c in item.contained_in]
        node["containedIn"] = refs[0] if len(refs) == 1 else refs
    for key, values in (("includes", item.includes), ("excludes", item.excludes)):
        if values:
            node[key] = values[0] if len(values) == 1 else list(values)
    node["encodingFormat"] = item.format
    if item.size:
        node["contentSize"] = item.size
    if item.sha256:
        node["sha256"] = item.sha256
    if item.md5:
        node["md5"] = item.md5
    if not (item.includes or item.contained_in or item.sha256 or item.md5):
        node["sha256"] = C.REPOSITORY_DIGEST  # a repository: the convention for "no digest"
    return node


# --- fields --------------------------------------------------------------------------------------

def _source_file(item: Any, files: dict[str, Any]) -> str | None:
    """The file a field is read from: its own, or the only file that holds data (one that no
    other file is inside) when the datasheet names none."""
    if item.source is not None:
        return str(item.source.file)
    leaves = [name for name, (node, _) in files.items()
              if not any({"@id": name} in _refs(other) for other, _ in files.values())]
    return leaves[0] if len(leaves) == 1 else None


def _refs(node: dict[str, Any]) -> list[Any]:
    value = node.get("containedIn", [])
    return value if isinstance(value, list) else [value]


def _why_not(item: Any, files: dict[str, Any], seen: set[str]) -> str:
    if item.name in seen:
        return "another field has the same name (Croissant refers to each by its name)"
    if item.type is None or str(item.type) not in C.DATA_TYPES_OUT:
        return "Croissant has no data type for them (give a type: string, integer, float, boolean, date, " \
               "datetime, category, image, audio or video)"
    source = _source_file(item, files)
    if source is None:
        return "Croissant reads each field from a file (list audience.distribution.files, with checksums, and " \
               "give each field its source)"
    if source not in files:
        return "the file each is read from is not written"
    return ""


def _field(item: Any, record_set: str, files: dict[str, tuple[dict[str, Any], bool]], ids: _Ids,
           splits: dict[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The record set's field for ``item``, and the record set of its values when it has them."""
    kind = str(item.type)
    node: dict[str, Any] = {"@type": "cr:Field", "@id": f"{record_set}/{item.name}", "name": item.name}
    if item.description:
        node["description"] = item.description
    node["dataType"] = list(C.CATEGORY_TYPES) if kind == "category" else C.DATA_TYPES_OUT[kind]
    node["source"] = _source(item, files)
    values = None
    if str(item.role) == "split" and splits is not None:
        node["references"] = {"field": {"@id": "splits/name"}}
    elif item.values:
        values = _values(ids.new(f"{item.name}-values"), item.values, kind == "category")
        node["references"] = {"field": {"@id": values["key"]["@id"]}}
    return node, values


def _source(item: Any, files: dict[str, tuple[dict[str, Any], bool]]) -> dict[str, Any]:
    name = _source_file(item, files)
    assert name is not None  # _why_not checked it
    src = item.source
    extract: dict[str, Any]
    if src is not None and src.json_path is not None:
        extract = {"jsonPath": src.json_path}
    elif src is not None and src.file_property is not None:
        extract = {"fileProperty": C.FILE_PROPERTIES_OUT[str(src.file_property)]}
    else:
        extract = {"column": src.column if src is not None and src.column else item.name}
    out: dict[str, Any] = {"fileSet" if files[name][1] else "fileObject": {"@id": name}, "extract": extract}
    if src is not None and src.pattern is not None:
        out["transform"] = {"regex": src.pattern}
    return out


def _values(ident: str, values: list[str], enumeration: bool) -> dict[str, Any]:
    """A field's allowed values as a record set of their own, written out in the file; a
    category's is an enumeration (the importer reads the field's type from the field)."""
    key = f"{ident}/value"
    node: dict[str, Any] = {"@type": "cr:RecordSet", "@id": ident, "name": ident}
    if enumeration:
        node["dataType"] = "sc:Enumeration"
    node.update({"key": {"@id": key}, "data": [{key: v} for v in values],
                 "field": [{"@type": "cr:Field", "@id": key, "name": "value", "dataType": "sc:Text"}]})
    return node


def _record_set(ident: str, written: list[dict[str, Any]], fields: list[Any], comp: Any) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "cr:RecordSet", "@id": ident, "name": ident}
    if comp.instance:
        node["description"] = comp.instance.strip()
    ids = {n["name"] for n in written}
    keys = [{"@id": f"{ident}/{f.name}"} for f in fields if str(f.role) == "identifier" and f.name in ids]
    if keys:
        node["key"] = keys[0] if len(keys) == 1 else keys
    node["field"] = written
    return node


def _variable(item: Any) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "sc:PropertyValue", "name": item.name}
    if item.description:
        node["description"] = item.description
    return node
