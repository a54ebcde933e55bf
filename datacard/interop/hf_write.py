"""Datasheet to Hugging Face card: front matter in the Hub's vocabulary, body in the current
template's sections. What the card cannot hold is listed as DC407 findings."""

from __future__ import annotations

from typing import Any

from datacard.codebook import interop as codes
from datacard.context import says_something
from datacard.escape import markdown_fenced, markdown_inert, markdown_inline, markdown_prose, markdown_prose_code
from datacard.findings import Finding
from datacard.interop import hf_tables as T
from datacard.interop import hub_vocab as V
from datacard.interop.common import Exported, get_path, lost_findings, slug
from datacard.interop.hub_vocab import size_category
from datacard.interop.licenses import hub_licenses, loses_choice
from datacard.load import dump_yaml
from datacard.model import Datasheet

_MODALITY_TO_TAG = {v: k for k, v in T.MODALITY_TAGS.items()}


def _count(ds: Datasheet) -> int | None:
    comp = ds.composition
    if comp is None:
        return None
    if comp.count is not None:
        return comp.count
    counts = [s.count for s in comp.splits]
    return sum(c for c in counts if c is not None) if counts and None not in counts else None


def _license(ds: Datasheet, meta: dict[str, Any], findings: list[Finding], path: str) -> None:
    licence = ds.audience.license if ds.audience else None
    if licence is None:
        findings.append(codes.MISSING_REQUIRED.finding(
            path, 0, 0, "the datasheet has no audience.license; the card says `license: unknown`",
            "audience.license"))
        meta["license"] = "unknown"
        return
    if str(licence.id) == "unknown":
        meta["license"] = "unknown"
        return
    hub = hub_licenses(str(licence.id))
    if hub:
        meta["license"] = hub[0] if len(hub) == 1 else hub
        if licence.name:
            meta["license_name"] = licence.name  # the card's own words for a licence the Hub knows
        if loses_choice(str(licence.id)):
            findings.append(codes.LOST_IN_EXPORT.finding(
                path, 0, 0, f"the Hub lists licences without AND or OR: {licence.id!s} is written as "
                f"{', '.join(hub)}, which reads as all of them", "audience.license"))
    else:
        meta["license"] = "other"
        if licence.name or str(licence.id) != "other":
            meta["license_name"] = slug(licence.name or str(licence.id))
        else:  # `license_name: other` would read back as a licence named "other"
            findings.append(codes.MISSING_REQUIRED.finding(
                path, 0, 0, "the Hub asks for license_name with `license: other`; the datasheet has no "
                "audience.license.name", "audience.license.name"))
        if not licence.url:
            findings.append(codes.MISSING_REQUIRED.finding(
                path, 0, 0, "the Hub asks for license_link with `license: other`; the datasheet has no "
                "audience.license.url", "audience.license.url"))
    if licence.url:
        meta["license_link"] = licence.url
    if licence.details:
        meta["license_details"] = licence.details


def _languages(ds: Datasheet, meta: dict[str, Any]) -> None:
    tags = [lang.tag for lang in (ds.composition.languages if ds.composition else [])]
    primary = list(dict.fromkeys(t.split("-")[0].lower() for t in tags))
    if primary:
        meta["language"] = primary
    if any(t != t.split("-")[0].lower() for t in tags):
        meta["language_details"] = tags


def _feature(field: Any) -> dict[str, Any] | None:
    kind = str(field.type) if field.type else None
    if kind == "category":
        return {"name": field.name, "class_label": {"names": {str(i): v for i, v in enumerate(field.values)}}}
    if kind == "list":
        return {"name": field.name, "sequence": "string"}
    if kind == "struct":
        return {"name": field.name, "struct": []}
    dtype = T.DTYPES_OUT.get(kind or "", "string" if kind == "category" else None)
    return {"name": field.name, "dtype": dtype} if dtype else None


def _dataset_info(ds: Datasheet) -> dict[str, Any] | None:
    comp = ds.composition
    if comp is None:
        return None
    info: dict[str, Any] = {}
    features = [f for f in (_feature(field) for field in comp.fields) if f]
    if features:
        info["features"] = features
    if comp.splits:
        info["splits"] = [
            {"name": s.name, **({"num_examples": s.count} if s.count is not None else {})} for s in comp.splits
        ]
    if comp.size_bytes is not None:
        info["dataset_size"] = comp.size_bytes
    return info or None


def _source_datasets(sources: list[Any]) -> list[str]:
    """`source_datasets` in the Hub's forms: Hub ids (`extended|id` for an extension),
    `original` for data derived from no dataset, `other-NAME` for a named source off the Hub."""
    out: list[str] = []
    for source in sources:
        relation = str(source.relation) if source.relation else ""
        if source.dataset and source.dataset.startswith("hf:"):
            ident = source.dataset.removeprefix("hf:")
            out.append(f"extended|{ident}" if relation == "extended" else ident)
        elif relation == "original" and not (source.name or source.dataset or source.url):
            out.append("original")
        elif source.name and slug(source.name):
            out.append(f"other-{slug(source.name)}")
    return list(dict.fromkeys(out))


def _tasks(tasks: list[str], meta: dict[str, Any], findings: list[Finding], path: str) -> None:
    """task_categories and task_ids; a task id brings its category, as the Hub pairs them."""
    categories, ids = V.task_categories(), V.task_ids()
    chosen = [t for t in tasks if t in categories]
    chosen += [ids[t][0] for t in tasks if t in ids and t not in categories and not set(ids[t]) & set(chosen)]
    if chosen:
        meta["task_categories"] = list(dict.fromkeys(chosen))
    sub = [t for t in tasks if t in ids and t not in categories]
    if sub:
        meta["task_ids"] = sub
    for task in tasks:
        if task not in categories and task not in ids:
            findings.append(codes.BAD_VALUE.finding(
                path, 0, 0, f"application.tasks: {task!r} is neither a Hub task category nor a task id, "
                "so the card leaves it out of both task_categories and task_ids", "application.tasks"))


def front_matter(ds: Datasheet, findings: list[Finding], path: str) -> dict[str, Any]:
    """The card's metadata: only keys and values the Hub knows."""
    meta: dict[str, Any] = {"pretty_name": ds.title or ds.name}
    _languages(ds, meta)
    _license(ds, meta, findings, path)
    origin, comp, app = ds.origin, ds.composition, ds.application
    annotation = origin.annotation if origin else None
    if annotation and annotation.labelled is False:
        meta["annotations_creators"] = ["no-annotation"]
    elif annotation and annotation.creators:
        meta["annotations_creators"] = [str(c) for c in annotation.creators]
    collection = origin.collection if origin else None
    methods = [str(m) for m in (collection.methods if collection else [])]
    creators = [str(c) for c in (collection.content_creators if collection else [])] or list(dict.fromkeys(
        T.LANGUAGE_CREATORS_OUT[m] for m in methods if m in T.LANGUAGE_CREATORS_OUT))
    if creators:
        meta["language_creators"] = creators
    if comp and comp.multilinguality:
        meta["multilinguality"] = [str(comp.multilinguality)]
    count = _count(ds)
    if count is not None:
        meta["size_categories"] = [size_category(count)]
    elif comp and comp.size_category:
        meta["size_categories"] = [str(comp.size_category)]
    sources = _source_datasets(origin.sources if origin else [])
    if sources:
        meta["source_datasets"] = sources
    _tasks(list(app.tasks) if app else [], meta, findings, path)
    pwc = [i.split(":", 1)[1] for i in ds.identifiers if i.startswith("paperswithcode:")]
    if pwc:
        meta["paperswithcode_id"] = pwc[0]
    tags = [_MODALITY_TO_TAG[str(m)] for m in (comp.modalities if comp else []) if str(m) in _MODALITY_TO_TAG]
    tags += [k for k in ds.keywords if k not in tags]
    if tags:
        meta["tags"] = tags
    info = _dataset_info(ds)
    if info:
        meta["dataset_info"] = info
    access = ds.audience.access if ds.audience else None
    if access is not None and str(access.type) == "gated":
        # The Hub renders the prompt as Markdown on the access page: no HTML or script links.
        meta["extra_gated_prompt"] = markdown_inert(access.conditions or "Access to this dataset is gated.")
    return meta


# --- body ------------------------------------------------------------------------------------
#
# The Hub renders a card's body as Markdown, so the datasheet's prose keeps its Markdown (lists,
# emphasis, web links, and the code blocks it closes itself) but passes through `markdown_prose`:
# no HTML, no link but http(s), and no line that opens a heading, setext underline, an unclosed
# fence or a link definition can come from it. The importer undoes exactly that escaping
# (`unescape_prose_code`), so a datasheet survives the trip.


def _indent(text: str) -> str:
    """Continuation lines of a list item, indented so they stay inside the item."""
    return text.strip().replace("\n", "\n  ")


def _format(kind: str, value: Any) -> str | None:
    """A datasheet value as card text for a target kind; None when there is nothing to write."""
    if not says_something(value):
        return None
    if kind in ("agents", "publishers", "curators"):
        names = [a["name"] for a in value]
        if not names:
            return None
        # A single name with a comma ends in ';' so that the importer does not split it.
        return "; ".join(names) + (";" if len(names) == 1 and "," in names[0] else "")
    if kind == "funders":
        return "; ".join(f["funder"] for f in value)
    if kind == "items":
        return "; ".join(str(v) for v in value)
    if kind in ("csv", "identifiers"):
        items = [v for v in value if not str(v).startswith("paperswithcode:")] if kind == "identifiers" else value
        return ", ".join(str(v) for v in items) or None
    if kind == "bool":
        return "yes" if value else "no"
    if kind == "timeframe":
        if not value.get("start") and not value.get("end"):
            return None
        return f"{value.get('start', '')} to {value.get('end', '')}".strip()
    if kind == "license-name":
        return value.get("name") or str(value["id"])
    if kind == "language-names":
        return "; ".join(f"{v['tag']} ({v['description']})" if v.get("description") else v["tag"] for v in value)
    return str(value).strip()


def _publisher(agent: dict[str, Any]) -> bool:
    """An agent who only published the data: `Shared by` in the card."""
    return agent.get("roles") == ["publisher"]


def _card_text(kind: str, value: Any, *, block: bool = False) -> str | None:
    """A datasheet value as it is written in the card: escaped prose, or a code block. Prose
    that stands as a ``block`` of its own keeps its code blocks as code."""
    if kind == "citation":
        return f"**BibTeX:**\n\n{markdown_fenced(value.strip(), 'bibtex')}" if says_something(value) else None
    text = _format(kind, value)
    if not text:
        return None
    return markdown_prose_code(text) if block else markdown_prose(text)


def _item_prose(text: str) -> str:
    """The text of a list item: its code blocks kept as code, unless one opens on the item's
    first line, which Markdown would not read as a fence after the bullet."""
    first = text.strip().split("\n", 1)[0].lstrip()
    return markdown_prose(text) if first.startswith(("```", "~~~")) else markdown_prose_code(text)


def _risk_item(risk: dict[str, Any]) -> str:
    """A risk as the text of a list item: its description, then its mitigation on a line of its own."""
    text = _indent(_item_prose(risk["description"]))
    if risk.get("mitigation"):
        text += f"\n  **Mitigation:** {_indent(markdown_prose(risk['mitigation']))}"
    return text


def _source_item(source: dict[str, Any]) -> str | None:
    """A source as a list item: `Name (https://...) [hf:owner/name]`, as much as it says (the
    front matter holds Hub ids alone; this holds the name and link beside them)."""
    if not (source.get("name") or source.get("url")):
        return None
    parts = [markdown_prose(source["name"])] if source.get("name") else []
    if source.get("url"):
        parts.append(f"({source['url']})")
    if source.get("dataset"):
        parts.append(f"[{source['dataset']}]")
    return " ".join(parts)


def _reference_item(ref: dict[str, Any]) -> str:
    words = markdown_inline(ref["description"])
    return f"[{words}]({ref['url']})" if ref.get("url") else words


def _default_text(default: T.Target, value: Any) -> str | None:
    if default.kind in ("list", "risks") and value:
        items = [_risk_item(v) if default.kind == "risks" else _indent(_item_prose(str(v))) for v in value]
        return "\n".join(f"- {i}" for i in items)
    if default.kind == "sources":
        items = [i for i in (_source_item(v) for v in value or []) if i]
        return "\n".join(f"- {i}" for i in items) or None
    return _card_text(default.kind, value, block=True)


def _section_text(section: T.Section, data: dict[str, Any]) -> list[str]:
    parts: list[str] = []
    lines: list[str] = []
    labelled_paths = {t.path for t in section.labels.values()}
    default = section.default
    if default is not None and default.path not in labelled_paths and not section.read_only:
        text = _default_text(default, get_path(data, default.path))
        if text:
            parts.append(text)
    for label, target in section.labels.items():
        value = get_path(data, target.path)
        if target.kind == "risks":
            lines += [f"- **{label}:** {_risk_item(risk)}" for risk in value or []]
        elif target.kind == "references":
            lines += [f"- **{label}:** {_reference_item(ref)}" for ref in value or []]
        else:
            if target.path == "origin.creators" and value:
                # The template says who shared the data (a publisher) apart from who made it.
                value = [a for a in value if _publisher(a) is (target.kind == "publishers")]
            text = _card_text(target.kind, value)
            if text and text.lstrip().startswith("|"):
                # A table starts a line of its own, inside the item, or Markdown shows no table.
                lines.append(f"- **{label}:**\n\n  {_indent(text)}")
            elif text:
                lines.append(f"- **{label}:** {_indent(text)}")
    return parts + (["\n".join(lines)] if lines else [])


def body(ds: Datasheet) -> str:
    data = ds.model_dump(mode="json", exclude_none=True)
    # The title is one line of plain text: nothing in it is Markdown.
    out = [f"# Dataset Card for {markdown_inline(ds.title or ds.name)}", ""]
    for section in T.SECTIONS:
        if not section.export:
            continue
        out += [f"{'#' * section.level} {section.heading}", ""]
        parts = _section_text(section, data)
        if parts:
            out += ["\n\n".join(parts), ""]
        elif section.default is not None or section.labels or section.heading in ("Glossary", "More Information"):
            out += ["[More Information Needed]", ""]
    return "\n".join(out)


def write_card(ds: Datasheet, path: str = "README.md") -> Exported:
    """A Hugging Face dataset card for the datasheet."""
    findings: list[Finding] = []
    meta = front_matter(ds, findings, path)
    text = f"---\n{dump_yaml(meta)}---\n\n{body(ds)}"
    creators = ds.origin.creators if ds.origin else []
    # A publisher's role is the line it is written on; any other role has no place in the card.
    roles = ("origin.creators[].roles",) if all(c.roles in ([], ["publisher"]) for c in creators) else ()
    findings.extend(lost_findings(ds, T.CARD_FIELDS + roles, path, "the card"))
    return Exported(path, text, findings)
