"""PROV-O lineage in a Croissant file, both ways.

`prov:wasDerivedFrom` entities are the datasheet's sources (merged with the same sources listed
in `rai:dataCollectionRawData`); `prov:wasGeneratedBy` activities are its preprocessing steps,
a software agent of an activity being the step's tool; the people and organisations associated
with the dataset or its activities (`prov:wasAssociatedWith`) are contributors among its
creators. Agents may be written once and referred to by `@id`, as PROV allows.
"""

from __future__ import annotations

import re
from typing import Any

from datacard.codebook import interop as codes
from datacard.findings import Severity
from datacard.interop.common import get_path
from datacard.interop.croissant_doc import CroissantDoc, Loc, clip, items, member, ref, text
from datacard.model import Datasheet

_HF_DATASET = re.compile(r"^https?://huggingface\.co/datasets/([\w.-]+(?:/[\w.-]+)?)/?$")
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9+.-]*:\S+$")
_AGENT_KEYS = {"@type", "@id", "id", "name", "label"}
_STEP_KEYS = {"@type", "@id", "description", "label", "wasAssociatedWith"}
_PERSON_TYPES = {"Person": "person", "Organization": "organization"}


def _local(name: Any) -> str:
    return re.split(r"[:/#]", str(name))[-1]


# --- reading -------------------------------------------------------------------------------------

def agents_by_id(dataset: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The agents a file describes, by their id (`@id`, or `id` as some exporters write it)."""
    found: dict[str, dict[str, Any]] = {}
    for key, value in dataset.items():
        if _local(key) not in ("wasAssociatedWith", "wasGeneratedBy"):
            continue
        nodes = [n for n in items(value) if isinstance(n, dict)]
        nodes += [a for n in nodes for a in items(member(n, "wasAssociatedWith")) if isinstance(a, dict)]
        for node in nodes:
            ident = ref(node.get("@id")) or ref(node.get("id"))
            if ident and _agent_name(node):
                found.setdefault(ident, node)
    return found


def _agent_name(node: dict[str, Any]) -> str | None:
    return text(member(node, "name")) or text(member(node, "label"))


def _agent(value: Any, known: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """An agent node, with a reference (`{"@id": ...}` or a bare id) resolved."""
    if isinstance(value, dict) and _agent_name(value):
        return value
    ident = ref(value) or (ref(value.get("id")) if isinstance(value, dict) else None)
    return known.get(ident) if ident else None


def read_prov(doc: CroissantDoc, key: str, local: str, value: Any, known: dict[str, dict[str, Any]]) -> None:
    if local == "wasDerivedFrom":
        for i, node in enumerate(items(value)):
            _derived(doc, node, (key, i) if isinstance(value, list) else (key,))
    elif local == "wasGeneratedBy":
        steps = []
        for i, node in enumerate(items(value)):
            step = _activity(doc, node, (key, i) if isinstance(value, list) else (key,), known)
            if step:
                steps.append(step)
        doc.extend("origin.preprocessing.steps", steps, key)
    else:
        for i, node in enumerate(items(value)):
            _associated(doc, _agent(node, known), (key, i) if isinstance(value, list) else (key,), None)


def _derived(doc: CroissantDoc, node: Any, loc: Loc) -> None:
    if isinstance(node, str):
        node = {"@id": node}
    if not isinstance(node, dict):
        return
    ident = ref(node.get("@id"))
    name = text(member(node, "label")) or text(member(node, "name"))
    url = text(member(node, "atLocation")) or text(member(node, "url"))
    if ident and ident.startswith(("http://", "https://")) and not url:
        url = ident
    entry: dict[str, Any] = {"relation": "derived"}
    hub = _HF_DATASET.match(url or "")
    if ident and _IDENTIFIER.match(ident) and not ident.startswith(("http://", "https://")):
        entry["dataset"] = ident
    elif hub:
        entry["dataset"] = f"hf:{hub.group(1)}"
    if name or not (url or entry.get("dataset")):
        entry["name"] = name or ident
    if url and url.startswith(("http://", "https://")):
        entry["url"] = url
    description = text(member(node, "description"))
    if description:
        entry["description"] = description
    if any(entry.get(k) for k in ("name", "url", "dataset")):
        _merge_source(doc, entry, loc)


def _merge_source(doc: CroissantDoc, entry: dict[str, Any], loc: Loc) -> None:
    """Add a source, or complete the one already read under the same name or link (the RAI
    property lists the sources too)."""
    sources = doc.data.setdefault("origin", {}).setdefault("sources", [])
    for source in sources:
        same_name = entry.get("name") and str(source.get("name", "")).casefold() == entry["name"].casefold()
        same_url = entry.get("url") and source.get("url") == entry["url"]
        same_dataset = entry.get("dataset") and source.get("dataset") == entry["dataset"]
        if same_name or same_url or same_dataset:
            for attr, value in entry.items():
                source.setdefault(attr, value)
            return
    doc.place(f"origin.sources[{len(sources)}]", loc)
    doc.place("origin.sources", loc)
    sources.append(entry)


def _activity(doc: CroissantDoc, node: Any, loc: Loc, known: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    if not isinstance(node, dict):
        return None
    description = text(member(node, "description")) or text(member(node, "label"))
    if not description:
        doc.note(codes.UNMAPPED_KEY, loc, f"activity {clip(ref(node.get('@id')) or node)} has no description; "
                 "not imported", Severity.INFO)
        return None
    step: dict[str, Any] = {"description": description}
    tools = []
    for agent in (_agent(a, known) for a in items(member(node, "wasAssociatedWith"))):
        if agent is not None and _local(agent.get("@type", "")) == "SoftwareAgent":
            tools.append(_agent_name(agent))
        elif agent is not None:
            _associated(doc, agent, loc, description)
    if tools:
        step["tool"] = ", ".join(t for t in tools if t)
    extra = [k for k in node if _local(k) not in _STEP_KEYS and node[k] not in (None, "", [], {})]
    if extra:
        doc.note(codes.UNMAPPED_KEY, loc, f"activity {clip(description)}: {', '.join(extra)} not imported",
                 Severity.INFO)
    return step


def _associated(doc: CroissantDoc, agent: dict[str, Any] | None, loc: Loc, activity: str | None) -> None:
    """A person or organisation associated with the dataset is a contributor; a software agent
    is a tool, held by the step whose activity names it."""
    if agent is None:
        return
    name, kind = _agent_name(agent), _local(agent.get("@type", ""))
    if not name:
        return
    if kind == "SoftwareAgent":
        steps = get_path(doc.data, "origin.preprocessing.steps") or []
        if not any(name in str(s.get("tool", "")) for s in steps) and activity is None:
            software = get_path(doc.data, "origin.preprocessing.software")
            names = [n for n in (software or "").split(", ") if n]
            if name not in names:
                doc.data.setdefault("origin", {}).setdefault("preprocessing", {})["software"] = ", ".join(
                    [*names, name])
                doc.place("origin.preprocessing.software", loc)
        return
    creators = doc.data.setdefault("origin", {}).setdefault("creators", [])
    found = next((c for c in creators if str(c.get("name", "")).casefold() == name.casefold()), None)
    if found is None:
        found = {"name": name, **({"kind": _PERSON_TYPES[kind]} if kind in _PERSON_TYPES else {})}
        doc.place(f"origin.creators[{len(creators)}]", loc)
        doc.place("origin.creators", loc)
        creators.append(found)
    if "contributor" not in found.setdefault("roles", []):
        found["roles"].append("contributor")


# --- writing -------------------------------------------------------------------------------------

def write_prov(ds: Datasheet) -> dict[str, Any]:
    """The `prov:` properties of the dataset: sources, steps and the agents associated with them."""
    out: dict[str, Any] = {}
    origin = ds.origin
    if origin is None:
        return out
    # Datasets this one derives from; raw material (a website, an archive: no relation) is only
    # in rai:dataCollectionRawData, as PROV would make it a dataset derived from.
    derived = [_entity(s) for s in origin.sources
               if s.dataset or (s.relation is not None and str(s.relation) != "original")]
    if derived:
        out["prov:wasDerivedFrom"] = derived
    steps = origin.preprocessing.steps if origin.preprocessing else []
    if steps:
        out["prov:wasGeneratedBy"] = [_step(s.description, s.tool) for s in steps]
    agents = [{"@type": "prov:Person" if c.kind != "organization" else "prov:Organization", "name": c.name}
              for c in origin.creators if "contributor" in [str(r) for r in c.roles]]
    agents += [{"@type": "prov:SoftwareAgent", "name": s.tool} for s in steps if s.tool]
    if agents:
        out["prov:wasAssociatedWith"] = list({a["name"]: a for a in agents}.values())
    return out


def _entity(source: Any) -> dict[str, Any]:
    entity: dict[str, Any] = {"@type": "prov:Entity"}
    if source.dataset and _IDENTIFIER.match(source.dataset):
        entity["@id"] = source.dataset
    if source.name:
        entity["prov:label"] = source.name
    if source.url:
        entity["prov:atLocation"] = source.url
    if source.description:
        entity["description"] = source.description
    return entity


def _step(description: str, tool: str | None) -> dict[str, Any]:
    step: dict[str, Any] = {"@type": "prov:Activity", "description": description}
    if tool:
        step["prov:wasAssociatedWith"] = {"@type": "prov:SoftwareAgent", "name": tool}
    return step


def prov_held(ds: Datasheet) -> tuple[str, ...]:
    """Datasheet paths the PROV properties hold for this datasheet: creators' roles when every
    role is `contributor` (an associated agent), sources' relations when every one is `derived`
    (a dataset derived from) or unset on raw material (no dataset)."""
    origin = ds.origin
    if origin is None:
        return ()
    held = []
    if all(str(r) == "contributor" for c in origin.creators for r in c.roles):
        held.append("origin.creators[].roles")
    if all(str(s.relation) == "derived" if s.relation is not None else not s.dataset for s in origin.sources):
        held.append("origin.sources[].relation")
    return tuple(held)
