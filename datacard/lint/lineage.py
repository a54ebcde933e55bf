"""Resolving references to datasheets, and following each datasheet's sources transitively.

A dataset derived from others inherits their gaps; the walk records the chain of names from
the model down to each ancestor, and stops at cycles (reported, never followed twice).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from datacard.lint.index import Index, Sheet
from datacard.lint.training import Ref

MAX_DEPTH = 32


@dataclass(frozen=True)
class SourceLink:
    """One `origin.sources[i]` entry that names another datasheet, and where it leads."""

    index: int
    key: str  # "datacard" or "dataset"
    target: str
    status: str  # ok | missing | outside | self | unknown (a dataset id with no local datasheet)
    sheet: Sheet | None = None


@dataclass(frozen=True, slots=True)
class Ancestor:
    """A datasheet in the lineage of another, and the one it was reached from (None: the
    datasheet whose lineage this is). A graph's lineages hold one per pair of datasheets, so the
    chain of names is kept as this link, not as a tuple per ancestor."""

    sheet: Sheet
    parent: Ancestor | None = None

    @property
    def chain(self) -> tuple[str, ...]:
        """Datasheet names from the referenced one down to this one."""
        names: list[str] = []
        node: Ancestor | None = self
        while node is not None:
            names.append(node.sheet.name)
            node = node.parent
        return tuple(reversed(names))


@dataclass
class Resolution:
    ref: Ref
    sheet: Sheet | None = None
    problem: str | None = None  # why the reference did not resolve
    candidates: list[Sheet] = field(default_factory=list)
    ancestors: list[Ancestor] = field(default_factory=list)
    cycles: list[tuple[str, ...]] = field(default_factory=list)


def source_links(sheet: Sheet, index: Index) -> list[SourceLink]:
    """The sources of ``sheet`` that name datasheets, resolved once per run (kept on the sheet)."""
    links: list[SourceLink] | None = sheet.memo.get("links")
    if links is None:
        links = sheet.memo["links"] = _source_links(sheet, index)
    return links


def _source_links(sheet: Sheet, index: Index) -> list[SourceLink]:
    data: dict[str, Any] = sheet.data or {}
    sources = (data.get("origin") or {}).get("sources") or []
    links: list[SourceLink] = []
    base = os.path.dirname(sheet.real)
    for i, source in enumerate(sources):
        if not isinstance(source, dict):
            continue
        if isinstance(source.get("datacard"), str):
            target = source["datacard"]
            try:
                path = index.real(os.path.join(base, target))
            except ValueError:  # a NUL byte in the path
                links.append(SourceLink(i, "datacard", target, "missing"))
                continue
            if path == sheet.real:
                links.append(SourceLink(i, "datacard", target, "self"))
            elif not index.allows(path):
                links.append(SourceLink(i, "datacard", target, "outside"))
            else:
                found = index.sheet(path)
                links.append(SourceLink(i, "datacard", target, "ok" if found else "missing", found))
        elif isinstance(source.get("dataset"), str):
            target = source["dataset"]
            found, _, mapped = index.lookup(target)
            status = "unknown" if found is None else ("self" if found.real == sheet.real else "ok")
            if found is None and mapped is not None and not index.allows(mapped):
                status = "outside"
            links.append(SourceLink(i, "dataset", target, status, found))
    return links


def resolve_ref(ref: Ref, index: Index) -> Resolution:
    result = Resolution(ref)
    if ref.kind == "unlinked":
        result.problem = "unlinked"
        return result
    if ref.kind == "datacard":
        path = os.path.join(ref.base, ref.target)
        # Absolute paths too: `datacard: /etc/passwd` in a committed manifest must not be read.
        if not index.allows(path):
            result.problem = "outside"
            return result
        result.sheet = index.sheet(path)
        if result.sheet is None:
            result.problem = "missing"
    else:
        result.sheet, result.candidates, mapped = index.lookup(ref.target)
        if result.sheet is None and mapped is not None and not index.allows(mapped):
            result.problem = "outside"
        elif result.sheet is None:
            result.problem = "ambiguous" if result.candidates else ("mapped-missing" if mapped else "unknown")
    if result.sheet is not None and result.sheet.kind != "datasheet" and result.sheet.valid:
        result.problem = "not-a-datasheet"
    if result.sheet is not None and result.problem is None:
        result.ancestors, result.cycles = lineage_of(result.sheet, index)
    return result


def lineage_of(sheet: Sheet, index: Index) -> tuple[list[Ancestor], list[tuple[str, ...]]]:
    """The ancestors of ``sheet`` (with the chain of names to each) and the loops among them,
    walked once per run whatever number of references reach it (kept on the sheet; read only)."""
    found: tuple[list[Ancestor], list[tuple[str, ...]]] | None = sheet.memo.get("lineage")
    if found is None:
        found = sheet.memo["lineage"] = _walk(sheet, index)
    return found


def _walk(top: Sheet, index: Index) -> tuple[list[Ancestor], list[tuple[str, ...]]]:
    ancestors: list[Ancestor] = []
    cycles: list[tuple[str, ...]] = []
    seen: set[str] = {top.real}
    stack: list[tuple[Ancestor, tuple[str, ...]]] = [(Ancestor(top), (top.real,))]
    while stack:
        node, reals = stack.pop()
        sheet = node.sheet
        if not sheet.valid or len(reals) > MAX_DEPTH:
            continue
        for link in source_links(sheet, index):
            if link.sheet is None or link.status != "ok":
                continue
            child = link.sheet
            if child.real in reals:
                cycles.append((*node.chain, child.name))
                continue
            if child.real in seen:
                continue
            seen.add(child.real)
            found = Ancestor(child, node)
            ancestors.append(found)
            stack.append((found, (*reals, child.real)))
    chains = {id(a): a.chain for a in ancestors}
    ancestors.sort(key=lambda a: (len(chains[id(a)]), chains[id(a)]))
    return ancestors, cycles
