"""Datasheet to Croissant 1.1 JSON-LD with the RAI 1.0 properties, PROV-O lineage, and the
files and fields of the data (croissant_records_write) where the datasheet says where each
field is read from. mlcroissant accepts every file written."""

from __future__ import annotations

from typing import Any

from datacard.codebook import interop as codes
from datacard.context import says_something
from datacard.escape import json_dumps, markdown_inert
from datacard.findings import Finding
from datacard.interop import croissant_tables as C
from datacard.interop.common import Exported, get_path, lost_findings
from datacard.interop.croissant_prov import prov_held, write_prov
from datacard.interop.croissant_records_write import describe_data
from datacard.interop.licenses import license_urls
from datacard.model import Datasheet

_TYPES_OUT = {v: k for k, v in C.COLLECTION_TYPES.items()}
_USES_OUT = {v: k for k, v in C.ML_USES.items()}


def _texts(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _one_or_many(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


def _rai_value(prop: C.Rai, data: dict[str, Any]) -> Any:
    """The JSON value of one RAI property, or None when the datasheet says nothing for it."""
    value = get_path(data, prop.path)
    kind = prop.kind
    if kind == "uses":
        uses = [_USES_OUT[u] for u in get_path(data, "application.ml_uses") or [] if u in _USES_OUT]
        items = uses + list(value or [])
        return _one_or_many(items) if items else None
    if kind == "limitations":
        items = [r["description"] for r in value or []]
        items += [C.OUT_OF_SCOPE_PREFIX + u for u in get_path(data, "application.out_of_scope_uses") or []]
        return _one_or_many(items) if items else None
    if kind == "sensitive":
        if not value:
            return None
        if value.get("present") is False:
            return C.NO_SENSITIVE_PREFIX + value["reason"]
        return value.get("handling")
    if not says_something(value):
        return None
    if kind == "methods":
        # RAI's labels where one fits; datacard's finer methods as written (the range is text).
        return _one_or_many([_TYPES_OUT.get(m, m) for m in value])
    if kind == "risks":
        return _one_or_many([r["description"] for r in value])
    if kind == "sources":
        items = []
        for source in value:
            label = source.get("name") or source.get("dataset")
            url = source.get("url")
            items.append(f"{label} ({url})" if label and url else label or url)
        # RAI gives this property cardinality one: one source per line.
        return "\n".join(i for i in items if i) or None
    if kind == "timeframe":
        ends = [value.get("start"), value.get("end")]
        return [str(e) for e in ends if e] or None
    if kind == "count":
        return str(value)
    if kind == "texts":
        return _one_or_many(_texts(value))
    return value


def _agent(agent: dict[str, Any]) -> dict[str, Any]:
    kind = "sc:Person" if agent.get("kind") == "person" else "sc:Organization"
    out: dict[str, Any] = {"@type": kind, "name": agent["name"]}
    for key in ("email", "url"):
        if agent.get(key):
            out[key] = agent[key]
    return out


def _splits(ds: Datasheet) -> dict[str, Any] | None:
    splits = ds.composition.splits if ds.composition else []
    if not splits:
        return None
    with_count = all(s.count is not None for s in splits)
    fields = [
        {"@type": "cr:Field", "@id": "splits/name", "name": "splits/name", "dataType": "sc:Text"},
        {"@type": "cr:Field", "@id": "splits/url", "name": "splits/url", "dataType": "sc:URL"},
    ]
    if with_count:
        fields.append({"@type": "cr:Field", "@id": "splits/count", "name": "splits/count",
                       "dataType": "sc:Integer"})
    rows = []
    for split in splits:
        row: dict[str, Any] = {"splits/name": split.name, "splits/url": C.SPLIT_TYPES.get(split.name.lower(),
                                                                                       f"cr:{split.name}")}
        if with_count:
            row["splits/count"] = split.count
        rows.append(row)
    return {"@type": "cr:RecordSet", "@id": "splits", "name": "splits", "dataType": "cr:Split",
            "key": {"@id": "splits/name"}, "field": fields, "data": rows}


# Properties the Croissant specification lists for every dataset, and whether mlcroissant's
# validator warns when one is missing (it requires only `name`, which every export has).
_ASKED: tuple[tuple[str, str, bool], ...] = (
    ("description", "summary", False), ("license", "audience.license", True), ("url", "homepage", False),
    ("creator", "origin.creators", False), ("datePublished", "audience.distribution.published", True),
    ("citeAs", "citation", True), ("version", "version", True),
)


def _required(doc: dict[str, Any], findings: list[Finding], path: str) -> None:
    for key, field, warned in _ASKED:
        if key not in doc:
            who = "the Croissant specification asks for" + (" (mlcroissant recommends)" if warned else "")
            findings.append(codes.MISSING_REQUIRED.finding(
                path, 0, 0, f"{who} {key}; the datasheet has no {field}", field))


def _core(ds: Datasheet, data: dict[str, Any]) -> dict[str, Any]:
    # Croissant's `name` is what people read; the datasheet's name rides along as an alternate
    # name, which the importer takes back as the datasheet's name.
    doc: dict[str, Any] = {"@context": C.CONTEXT, "@type": "sc:Dataset", "name": ds.title or ds.name,
                           "conformsTo": list(C.CONFORMS_TO)}
    if ds.title and ds.title != ds.name:
        doc["alternateName"] = ds.name
    if ds.summary:
        # Hubs and catalogues render a Croissant description as Markdown: the summary keeps its
        # Markdown but gets no HTML and no link except http(s) (the importer undoes the escapes).
        doc["description"] = markdown_inert(ds.summary.strip())
    licence = ds.audience.license if ds.audience else None
    if licence is not None and str(licence.id) == "unknown":
        doc["license"] = "unknown"  # said as such, not an SPDX page (the reason has no property)
    elif licence is not None and str(licence.id) == "other" and not (licence.name or licence.url):
        doc["license"] = "other"  # as the file said it: a licence without an SPDX id, unnamed
    elif licence is not None and str(licence.id) != "other":
        urls = license_urls(str(licence.id))
        doc["license"] = licence.url or (urls[0] if len(urls) == 1 else urls)
    elif licence is not None and (licence.name or licence.url):
        # A licence without an SPDX id: schema.org's CreativeWork carries its name and link.
        doc["license"] = {"@type": "sc:CreativeWork", **({"name": licence.name} if licence.name else {}),
                          **({"url": licence.url} if licence.url else {})}
    url = ds.homepage or get_path(data, "audience.distribution.url")
    if url:
        doc["url"] = url
    # Agents that only contributed (PROV's associated agents) are not the dataset's creators.
    creators = [a for a in get_path(data, "origin.creators") or [] if a.get("roles") != ["contributor"]]
    if creators:
        doc["creator"] = _one_or_many([_agent(a) for a in creators])
    funders = [{"@type": "sc:Organization", "name": f["funder"]} for f in get_path(data, "origin.funding") or []]
    if funders:
        doc["funder"] = _one_or_many(funders)
    published = get_path(data, "audience.distribution.published")
    if published:
        doc["datePublished"] = str(published)
    if ds.version:
        doc["version"] = ds.version
    if ds.citation:
        doc["citeAs"] = ds.citation.strip()
    if ds.keywords:
        doc["keywords"] = list(ds.keywords)
    languages = [lang["tag"] for lang in get_path(data, "composition.languages") or []]
    if languages:
        doc["inLanguage"] = _one_or_many(languages)
    urls = [i for i in ds.identifiers if i.startswith(("http://", "https://"))]
    others = [i for i in ds.identifiers if i not in urls]
    if urls:
        doc["sameAs"] = _one_or_many(urls)
    if others:
        doc["identifier"] = _one_or_many(others)
    return doc


def _export(ds: Datasheet, path: str) -> tuple[dict[str, Any], list[Finding], tuple[str, ...], tuple[str, ...]]:
    """The document, what it could not hold, the datasheet paths it holds, and those it holds for
    some items (the others named in a finding)."""
    data = ds.model_dump(mode="json", exclude_none=True)
    doc = _core(ds, data)
    for prop in C.RAI_PROPERTIES:
        value = _rai_value(prop, data)
        if value is not None:
            doc[f"rai:{prop.name}"] = value
    timeframe = get_path(data, "origin.collection.timeframe") or {}
    if timeframe.get("start") or timeframe.get("end"):
        # schema.org's span, with `..` for an open end, beside RAI's own property.
        doc["temporalCoverage"] = f"{timeframe.get('start', '..')}/{timeframe.get('end', '..')}"
    splits = _splits(ds)
    described = describe_data(ds, splits, path)
    doc.update({k: v for k, v in described.properties.items() if k != "recordSet"})
    record_sets = ([splits] if splits else []) + described.properties.get("recordSet", [])
    if record_sets:
        doc["recordSet"] = record_sets
    doc.update(write_prov(ds))
    return (doc, described.findings, (*C.CROISSANT_FIELDS, *C.PROV_FIELDS, *prov_held(ds), *described.held),
            described.told)


def to_croissant(ds: Datasheet) -> dict[str, Any]:
    """The datasheet as a Croissant JSON-LD document (plain data)."""
    return _export(ds, "metadata.json")[0]


def croissant_held(ds: Datasheet) -> tuple[str, ...]:
    """The datasheet paths its Croissant export holds (the files and fields only when
    mlcroissant accepts them as written)."""
    return _export(ds, "metadata.json")[2]


def write_croissant(ds: Datasheet, path: str = "metadata.json") -> Exported:
    doc, findings, held, told = _export(ds, path)
    _required(doc, findings, path)
    findings.extend(lost_findings(ds, (*held, *told), path, "Croissant"))
    text = json_dumps(doc) + "\n"
    return Exported(path, text, findings)
