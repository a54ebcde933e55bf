"""Croissant JSON-LD (with or without the RAI vocabulary) to a datasheet.

Property names are resolved through the file's own `@context`, so `rai:dataBiases`, a full IRI
and a prefix bound to the older `croissant-RAI` namespace all mean the same property; the
spelling variants of the spec, its examples and mlcroissant are aliases (croissant_tables).
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from pydantic import TypeAdapter, ValidationError

from datacard import codes as core_codes
from datacard.codebook import interop as codes
from datacard.escape import unescape_inert
from datacard.findings import Finding, Severity
from datacard.interop import croissant_prov as P
from datacard.interop import croissant_records_read as R
from datacard.interop import croissant_tables as C
from datacard.interop import hf_tables as T
from datacard.interop.common import Imported, finish, get_path, set_path, slug
from datacard.interop.croissant_doc import CroissantDoc
from datacard.interop.croissant_doc import clip as _clip
from datacard.interop.croissant_doc import date as _date
from datacard.interop.croissant_doc import text as _text
from datacard.interop.croissant_doc import texts as _texts
from datacard.interop.licenses import spdx_expression, spdx_id
from datacard.interop.source_map import Home, SourceMap
from datacard.jsonpos import json_positions
from datacard.load import DEFAULT_MAX_DEPTH, bounded_int
from datacard.model.enums import CollectionMethod
from datacard.model.types import Bcp47
from datacard.positions import Path

_BCP47 = TypeAdapter(Bcp47)
_RAI = {p.name: p for p in C.RAI_PROPERTIES}
_TYPES_IN = {**{k.lower(): v for k, v in C.COLLECTION_TYPES.items()}, **{m.value: m.value for m in CollectionMethod}}
_USES_IN = {k.lower(): v for k, v in C.ML_USES.items()}
_HUB_PAGE = re.compile(r"^https?://huggingface\.co/datasets/([\w.-]+/[\w.-]+)/?$")
_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?")
_DATE = re.compile(r"^(\d{4})(-\d{2})?(-\d{2})?")


# --- names ---------------------------------------------------------------------------------

def _prefixes(context: Any) -> tuple[dict[str, str], str]:
    """Prefix and term bindings of a JSON-LD @context, and its @vocab."""
    bindings: dict[str, str] = {}
    vocab = "https://schema.org/"
    for ctx in context if isinstance(context, list) else [context]:
        if not isinstance(ctx, dict):
            continue
        for key, value in ctx.items():
            if key == "@vocab" and isinstance(value, str):
                vocab = value
            elif isinstance(value, str):
                bindings[key] = value
            elif isinstance(value, dict) and isinstance(value.get("@id"), str):
                bindings[key] = value["@id"]
    return bindings, vocab


def _expand(key: str, bindings: dict[str, str], vocab: str, depth: int = 0) -> str:
    if key.startswith(("http://", "https://")) or depth > 5:
        return key
    if key in bindings and not bindings[key].endswith(("/", "#")):
        return _expand(bindings[key], bindings, vocab, depth + 1)
    prefix, sep, rest = key.partition(":")
    if sep and prefix in bindings:
        return _expand(bindings[prefix], bindings, vocab, depth + 1) + rest
    if sep and prefix in ("sc", "schema"):
        return "https://schema.org/" + rest
    if sep and prefix == "rai":
        return C.RAI_NAMESPACES[0] + rest
    if sep and prefix == "prov":
        return C.PROV_NAMESPACE + rest
    return vocab + key


def _classify(iri: str) -> tuple[str, str]:
    """('rai' | 'core' | 'other', local name) for an expanded property IRI."""
    for namespace in C.RAI_NAMESPACES:
        if iri.startswith(namespace):
            local = re.sub(r"^\d+\.\d+/", "", iri[len(namespace):])
            return "rai", local
    if iri.startswith(C.PROV_NAMESPACE):
        return "prov", iri[len(C.PROV_NAMESPACE):]
    for namespace in (*C.SCHEMA_NAMESPACES, *C.CROISSANT_NAMESPACES, *C.DCT_NAMESPACES):
        if iri.startswith(namespace) and "/" not in iri[len(namespace):]:
            return "core", iri[len(namespace):]
    return "other", iri


# --- values --------------------------------------------------------------------------------

# --- RAI -----------------------------------------------------------------------------------

def _rai(doc: CroissantDoc, key: str, local: str, value: Any) -> None:
    if local in C.RAI_EXTRA:
        doc.put(C.RAI_EXTRA[local], _text(value), key)
        return
    name = C.RAI_ALIASES.get(local, local)
    prop = _RAI.get(name)
    if prop is None:
        doc.note(codes.UNMAPPED_KEY, key, f"{key!r} is not a Croissant RAI 1.0 property; not imported")
        return
    kind, path = prop.kind, prop.path
    if kind == "text":
        doc.put(path, _text(value), key)
    elif kind == "texts":
        doc.extend(path, _texts(value), key)
    elif kind == "risks":
        doc.extend(path, [{"description": t} for t in _texts(value)], key)
    elif kind == "limitations":
        for item in _texts(value):
            if item.startswith(C.OUT_OF_SCOPE_PREFIX):
                doc.extend("application.out_of_scope_uses", [item[len(C.OUT_OF_SCOPE_PREFIX):]], key)
            else:
                doc.extend(path, [{"description": item}], key)
    elif kind == "uses":
        for item in _texts(value):
            use = _USES_IN.get(item.lower())
            doc.extend("application.ml_uses" if use else path, [use or item], key)
    elif kind == "methods":
        for item in _texts(value):
            method = _TYPES_IN.get(item.lower())
            if method is None:
                # Prose where a type belongs: keep the prose with the collection description.
                doc.note(codes.BAD_VALUE, key, f"{key}: {item[:60]!r} is not one of RAI's collection types; "
                         "recorded as `other`, the text kept in origin.collection.description", Severity.INFO)
                described = get_path(doc.data, "origin.collection.description")
                set_path(doc.data, "origin.collection.description", f"{described}\n\n{item}" if described else item)
            doc.extend(path, [method or "other"], key)
    elif kind == "sources":
        for line in "\n".join(_texts(value)).split("\n"):
            name, url = _name_and_link(line)
            if re.fullmatch(r"https?://\S+", name):
                name, url = "", name
            # A source written as an identifier (hf:owner/name, doi:...) names a dataset.
            field = "dataset" if re.fullmatch(r"[a-z][a-z0-9+.-]*:\S+", name) else "name"
            entry = {k: v for k, v in ((field, name), ("url", url)) if v}
            doc.extend(path, [entry] if entry else [], key)
    elif kind == "timeframe":
        _timeframe(doc, key, local, value)
    elif kind == "count":
        text = _text(value) or ""
        if text.strip().isascii() and text.strip().isdigit():  # not "²", which int() refuses
            doc.put(path, int(text), key)
        else:
            doc.note(codes.BAD_VALUE, key, f"{key}: {text[:60]!r} is not a whole number of labels per item; "
                     "not imported")
    elif kind == "sensitive":
        statement = _text(value)
        if statement and statement.startswith(C.NO_SENSITIVE_PREFIX):
            doc.put("composition.sensitive.present", False, key)
            doc.put("composition.sensitive.reason", statement[len(C.NO_SENSITIVE_PREFIX):], key)
        else:
            doc.put("composition.sensitive.handling", statement, key)


def _name_and_link(line: str) -> tuple[str, str | None]:
    """`Name (https://...)` as written by datacard's exporter, else the line as a name."""
    text = line.strip()
    start = text.rfind("(http")
    if text.endswith(")") and start >= 0 and " " not in text[start:]:
        return text[:start].strip(), text[start + 1 : -1]
    return text, None


def _timeframe(doc: CroissantDoc, key: str, local: str, value: Any) -> None:
    items = _texts(value)
    if len(items) == 1 and "/" in items[0]:
        items = items[0].split("/", 1)
    dates = [_date(i) for i in items]
    if local.endswith("Start"):
        doc.put("origin.collection.timeframe.start", dates[0] if dates else None, key)
    elif local.endswith("End"):
        doc.put("origin.collection.timeframe.end", dates[0] if dates else None, key)
    else:
        for end, date in zip(("start", "end"), dates[:2], strict=False):
            doc.put(f"origin.collection.timeframe.{end}", date, key)
    if items and not any(dates):
        doc.note(codes.BAD_VALUE, key, f"{key}: {items[0][:40]!r} is not an ISO date; not imported")


# --- core ----------------------------------------------------------------------------------

def _agents(value: Any, role: str | None = None) -> list[dict[str, Any]]:
    out = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and item.strip():
            out.append({"name": item.strip()})
            continue
        if not isinstance(item, dict) or not _text(item.get("name")):
            continue
        agent: dict[str, Any] = {"name": _text(item["name"])}
        kind = str(item.get("@type", ""))
        if kind.endswith("Person"):
            agent["kind"] = "person"
        elif kind.endswith("Organization"):
            agent["kind"] = "organization"
        for field in ("email", "url"):
            if isinstance(item.get(field), str) and item[field].strip():
                agent[field] = item[field].strip().removeprefix("mailto:")
        if role:
            agent["roles"] = [role]
        out.append(agent)
    return out


def _license(doc: CroissantDoc, key: str, value: Any) -> None:
    several = spdx_expression(t for t in map(_text, value) if t) if isinstance(value, list) and len(value) > 1 else None
    if several is not None:  # several licences: all of them apply
        doc.put("audience.license", {"id": several}, key)
        return
    value = value[0] if isinstance(value, list) and value else value
    if isinstance(value, dict) and "@value" not in value:
        name, url = _text(value.get("name")), _text(value.get("url")) or _text(value.get("@id"))
        spdx = spdx_id(url or "") or spdx_id(name or "")
        entry = {"id": spdx or "other", "name": name, "url": url if url and url.startswith("http") else None}
        doc.put("audience.license", {k: v for k, v in entry.items() if v}, key)
        return
    text = _text(value)
    if not text or text.lower() in T.NO_LICENSES:
        return  # `"license": "None"`: no licence stated, not a licence named None
    if text.lower() in T.UNKNOWN_LICENSES:
        doc.put("audience.license", {"id": "unknown", "reason": "The Croissant file gives the licence as unknown."},
                key)
        return
    spdx = spdx_id(text)
    licence: dict[str, Any] = {"id": spdx or "other"}
    if text.startswith(("http://", "https://")):
        licence["url"] = text
    elif spdx is None and text.lower() != "other":
        licence["name"] = text
    if spdx is None and text.lower() != "other":
        doc.note(codes.BAD_VALUE, key, f"license: {text[:80]!r} is not an SPDX id or a known licence URL; "
                 "kept as `other`")
    doc.put("audience.license", licence, key)


def _languages(doc: CroissantDoc, key: str, value: Any) -> None:
    for item in _texts(value):
        tag = T.LANGUAGE_NAMES.get(item.lower(), item)
        try:
            _BCP47.validate_python(tag)
        except ValidationError:
            doc.note(codes.BAD_VALUE, key, f"inLanguage: {item!r} is not a BCP 47 tag; not imported")
            continue
        doc.extend("composition.languages", [{"tag": tag}], key)


def _alternate_names(doc: CroissantDoc, key: str, value: Any) -> None:
    """Other names: one written as a datasheet name is the datasheet's name (datacard's export
    writes it there); the Hub repository the file's `url` points to is an identifier; the
    others have no field of their own."""
    home = _HUB_PAGE.match(str(doc.data.get("homepage", "")))
    others = []
    for alias in _texts(value):
        if home and alias == home.group(1):
            doc.extend("identifiers", [f"hf:{alias}"], key)
        elif not _SLUG.fullmatch(alias) and alias != doc.data.get("title"):
            others.append(alias)
    if others:
        doc.note(codes.UNMAPPED_KEY, key, f"{key}: {', '.join(map(_clip, others))} not imported; a datasheet has "
                 "one title (from `name`)", Severity.INFO)


def _core(doc: CroissantDoc, key: str, local: str, value: Any) -> None:
    if local == "name":
        doc.put("title", _text(value), key)  # Croissant's name is the title people read
    elif local == "alternateName":
        _alternate_names(doc, key, value)
    elif local == "temporalCoverage":
        _timeframe(doc, key, "dataCollectionTimeframe", value)
    elif local == "description":
        text = _text(value)
        doc.put("summary", unescape_inert(text) if text else text, key)
    elif local in ("citeAs", "citation"):
        doc.put("citation", _text(value), key)
    elif local == "url":
        doc.put("homepage", _text(value), key)
    elif local == "version":
        doc.put("version", _text(value), key)
    elif local == "datePublished":
        doc.put("audience.distribution.published", _date(value), key)
    elif local == "keywords":
        items = _texts(value)
        if len(items) == 1 and "," in items[0]:
            items = [p.strip() for p in items[0].split(",")]
        doc.extend("keywords", items, key)
    elif local == "inLanguage":
        _languages(doc, key, value)
    elif local in ("sameAs", "identifier"):
        doc.extend("identifiers", [t for t in _texts(value) if re.fullmatch(r"[a-z][a-z0-9+.-]*:\S+", t)], key)
    elif local == "creator":
        doc.extend("origin.creators", _agents(value), key)
    elif local == "publisher":
        known = {a["name"] for a in doc.data.get("origin", {}).get("creators", [])}
        doc.extend("origin.creators", [a for a in _agents(value, "publisher") if a["name"] not in known], key)
    elif local == "funder":
        doc.extend("origin.funding", [{"funder": a["name"]} for a in _agents(value)], key)
    elif local == "license":
        _license(doc, key, value)
    elif local == "recordSet":
        R.read_record_sets(doc, key, value)
    elif local == "distribution":
        R.read_distribution(doc, key, value)
    elif local == "variableMeasured":
        R.read_variables(doc, key, value)


# --- entry point ---------------------------------------------------------------------------

def _depth(value: Any) -> int:
    """Nesting depth of parsed JSON, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                deepest = max(deepest, depth + 1)
                if deepest > DEFAULT_MAX_DEPTH:
                    return deepest
                stack.append((child, depth + 1))
    return deepest


class _NumberTooLarge(ValueError):
    pass


def _json_int(text: str) -> int:
    """An integer of the JSON text, bounded as the YAML loader bounds them (past 4,300 digits
    Python refuses to convert, and a long one costs time for nothing)."""
    value = bounded_int(text)
    if value is None:
        raise _NumberTooLarge(text)
    return value


class _NotANumber(ValueError):
    pass


def _no_constant(name: str) -> Any:
    """NaN and Infinity are not JSON (a JSON writer that lets them through wrote a bug): read,
    they became the text "nan" and "inf" in a datasheet's summary or version."""
    raise _NotANumber(name)


_CONSTANT = re.compile(r"(?<=[:,\[])[ \t\r\n]*(-?Infinity|NaN)")  # where a value goes, not in a string


def _constant_finding(text: str, path: str, name: str) -> Finding:
    found = _CONSTANT.search(text)
    line, column = (1, 1)
    if found is not None:
        at = found.start(1)
        line = text.count("\n", 0, at) + 1
        column = at - text.rfind("\n", 0, at)
    return codes.INVALID_JSON.finding(
        path, line, column, f"JSON syntax: {name} is not a JSON number; write null, or the value as a string")


def _parse(text: str, path: str) -> tuple[dict[str, Any] | None, Path, Finding | None]:
    """The dataset object, its path in the file ((0,) when a list holds it alone), or a finding."""
    try:
        value = json.loads(text, parse_int=_json_int, parse_constant=_no_constant)
    except _NotANumber as exc:
        return None, (), _constant_finding(text, path, str(exc))
    except json.JSONDecodeError as exc:
        return None, (), codes.INVALID_JSON.finding(path, exc.lineno, exc.colno, f"JSON syntax: {exc.msg}")
    except _NumberTooLarge as exc:
        return None, (), core_codes.NUMBER_RANGE.finding(
            path, 1, 1, f"an integer of {len(str(exc)):,} characters is beyond any quantity (over 2^1024)")
    except RecursionError:
        return None, (), codes.INVALID_JSON.finding(path, 1, 1, "JSON nested too deeply to read")
    if _depth(value) > DEFAULT_MAX_DEPTH:
        return None, (), core_codes.TOO_DEEP.finding(
            path, 1, 1, f"nesting deeper than {DEFAULT_MAX_DEPTH} levels; no Croissant file needs that")
    base: Path = ()
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
        value, base = value[0], (0,)  # some exporters wrap the one dataset in a list
    if not isinstance(value, dict):
        kind = (f"a list of {len(value)} items" if isinstance(value, list) and len(value) != 1
                else "a list" if isinstance(value, list) else "a single value")
        return None, (), codes.NOT_CROISSANT.finding(
            path, 1, 1, f"the JSON is {kind}; a Croissant file is one object with \"@type\": \"sc:Dataset\" "
            "(one file per dataset)")
    types = value.get("@type")
    types = types if isinstance(types, list) else [types]
    if not any(isinstance(t, str) and t.split(":")[-1].split("/")[-1] == "Dataset" for t in types):
        return None, (), codes.NOT_CROISSANT.finding(
            path, 1, 1, f"@type is {_clip(value.get('@type'))}, not sc:Dataset; this is not a Croissant dataset "
            "description")
    return value, base, None


# The order properties are read in, whatever the file's: the files before the fields that name
# them, and lineage last, as it completes the sources and creators read from other properties.
_LAST = {"distribution": 0, "recordSet": 1, "variableMeasured": 2, "alternateName": 2}
_PROV = ("wasDerivedFrom", "wasGeneratedBy", "wasAssociatedWith")


def _read(doc: CroissantDoc, value: dict[str, Any]) -> None:
    bindings, vocab = _prefixes(value.get("@context"))
    known = P.agents_by_id(value)
    later: list[tuple[int, str, str, Any]] = []
    for key, item in value.items():
        if key in C.IGNORED_CORE or key.startswith("@"):
            continue
        space, local = _classify(_expand(key, bindings, vocab))
        if space == "rai" or (space == "core" and (local in _RAI or local in C.RAI_ALIASES)):
            _rai(doc, key, local, item)
        elif space == "core" and local in _LAST:
            later.append((_LAST[local], key, local, item))
        elif space == "core" and local in C.HANDLED_CORE:
            _core(doc, key, local, item)
        elif space == "prov" and local in _PROV:
            later.append((3 + _PROV.index(local), key, local, item))
        elif item not in (None, "", [], {}):
            doc.note(codes.UNMAPPED_KEY, key, f"{key!r} has no datasheet field; not imported")
    for rank, key, local, item in sorted(later, key=lambda entry: entry[0]):
        if rank < 3:
            _core(doc, key, local, item)
        else:
            P.read_prov(doc, key, local, item, known)


def _name(doc: CroissantDoc, value: dict[str, Any], path: str, given: str | None) -> str:
    """The datasheet name: ``given``, else an `alternateName` that is already a datasheet name
    (as datacard writes it beside the title), else the title's slug, else the file's."""
    if given:
        return slug(given)
    for alias in _texts(value.get("alternateName")):
        if _SLUG.fullmatch(alias):
            return alias
    title = doc.data.get("title")
    stem = os.path.splitext(os.path.basename(path))[0]
    return slug(title) if isinstance(title, str) and slug(title) else slug(stem)


def croissant_source_map(doc: CroissantDoc, value: dict[str, Any]) -> SourceMap:
    """Where each value sits in the JSON-LD, and where a missing one belongs (a property of the
    dataset object)."""
    start = doc.positions.find(doc.base)
    written = {key.split(":")[-1]: key for key in value}
    homes: dict[str, Home] = {}
    for field, prop in C.HOME_PROPERTIES.items():
        key = written.get(prop.split(":")[-1])
        homes[field] = (Home(doc.point(key), f"in the `{key}` property") if key is not None
                        else Home(start, f"in a `{prop}` property of the dataset"))
    return SourceMap(dict(doc.points), homes, start)


def read_croissant(text: str, path: str = "metadata.json", *, name: str | None = None) -> Imported:
    """Convert a Croissant JSON-LD document to a datasheet."""
    value, base, problem = _parse(text, path)
    if value is None:
        return Imported(path, {}, None, [problem] if problem else [])
    scanned = json_positions(text)
    doc = CroissantDoc(path, text, scanned, base)
    for repeated, line, column in scanned.repeated:
        if repeated[:-1] == base:
            doc.findings.append(core_codes.DUPLICATE_KEY.finding(
                path, line, column, f"property {str(repeated[-1])!r} appears twice; JSON readers keep the last one",
                str(repeated[-1])))
    _read(doc, value)
    data = {"schema_version": 1, "name": _name(doc, value, path, name), **doc.data}
    imported = finish(path, data, doc.lines, doc.findings)
    imported.positions = croissant_source_map(doc, value)
    return imported
