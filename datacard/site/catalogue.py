"""The catalogue a site shows: every dataset, model and other file the linter read, with its
findings, status and coverage, and the lineage between them.

The linter runs once (:func:`datacard.lint.engine.lint_catalogue`); its findings give each file
its status, the same verdict `datacard lint` prints, and its index and training setups give the
lineage (:mod:`datacard.lint.lineage`). Nothing here reads a file of its own.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from datacard.findings import Finding, Report, Severity
from datacard.lint.engine import Linted, lint_catalogue
from datacard.lint.lineage import Resolution, SourceLink, resolve_ref, source_links
from datacard.lint.training import Ref, Setup

if TYPE_CHECKING:
    from datacard.interop.coverage import CoverageResult
    from datacard.lint.index import Sheet
    from datacard.model import Datasheet
    from datacard.project import Project

CLEAN, WARNINGS, ERRORS, UNDOCUMENTED = "clean", "warnings", "errors", "undocumented"
STATUSES = (CLEAN, WARNINGS, ERRORS)


def status_of(findings: Iterable[Finding]) -> str:
    """clean, warnings or errors: the worst severity lint reports (notes leave a file clean)."""
    worst = max((f.severity for f in findings), key=lambda s: s.rank, default=None)
    if worst is Severity.ERROR:
        return ERRORS
    return WARNINGS if worst is Severity.WARNING else CLEAN


@dataclass
class Page:
    """Something with a page of its own: a dataset, a model, or another file the linter read."""

    key: str  # a node key of the lineage graph
    kind: str  # dataset | model | file
    name: str
    path: str  # the file, as lint shows it
    page: str  # the page, relative to the site's root: datasets/x.html
    findings: list[Finding] = field(default_factory=list)

    @property
    def status(self) -> str:
        return status_of(self.findings)


@dataclass
class Dataset(Page):
    sheet: Sheet | None = None
    datasheet: Datasheet | None = None
    coverage: CoverageResult | None = None
    sources: list[SourceLink] = field(default_factory=list)
    blocks: tuple[str, ...] = ()  # models its gaps reach (lint's closing summary)

    @property
    def title(self) -> str:
        return (self.datasheet.title if self.datasheet is not None else None) or ""


@dataclass
class Model(Page):
    setup: Setup | None = None
    refs: list[tuple[Ref, Resolution]] = field(default_factory=list)


@dataclass(frozen=True)
class Node:
    key: str
    kind: str  # dataset | model | external
    label: str
    status: str  # clean | warnings | errors | undocumented
    page: str | None  # relative to the site's root


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str  # a source relation (derived, subset, ...) or a training role (training, evaluation, ...)


@dataclass
class Catalogue:
    datasets: list[Dataset]
    models: list[Model]
    files: list[Page]  # files that are neither (an invalid manifest, a pipeline with no model)
    nodes: dict[str, Node]
    edges: list[Edge]
    report: Report

    def pages(self) -> list[Page]:
        return [*self.datasets, *self.models, *self.files]

    @cached_property
    def model_pages(self) -> dict[str, str]:
        """A model's page by its name, for names only one model has."""
        pages: dict[str, list[str]] = {}
        for m in self.models:
            pages.setdefault(m.name, []).append(m.page)
        return {name: found[0] for name, found in pages.items() if len(found) == 1}

    @cached_property
    def incoming(self) -> dict[str, list[Edge]]:
        out: dict[str, list[Edge]] = {}
        for e in self.edges:
            out.setdefault(e.target, []).append(e)
        return out

    @cached_property
    def outgoing(self) -> dict[str, list[Edge]]:
        out: dict[str, list[Edge]] = {}
        for e in self.edges:
            out.setdefault(e.source, []).append(e)
        return out


# --- building -------------------------------------------------------------------------------


def build_catalogue(project: Project, paths: list[str] | None = None) -> Catalogue:
    """Lint the project's files once and gather what the site shows."""
    from datacard.kinds import LINT

    linted = lint_catalogue(project, project.select(LINT, paths))
    return catalogue_of(linted, project)


def catalogue_of(linted: Linted, project: Project) -> Catalogue:
    by_path: dict[str, list[Finding]] = {}
    for finding in linted.report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    blocks = {v.path: v.models for v in linted.report.datasets}
    names = _Names()
    datasets: list[Dataset] = []
    for path in linted.selected.files:
        sheet = _sheet(linted, path)
        if sheet is not None and sheet.kind not in ("training",) and (sheet.kind == "datasheet" or sheet.data is None):
            datasets.append(_dataset(sheet, by_path.get(path, []), names, project, blocks.get(path, ())))
    models = _models(linted, by_path, names)
    taken = {d.path for d in datasets} | {m.path for m in models}
    files = [Page(f"f:{p}", "file", p, p, names.page("files", p, p), list(by_path.get(p, [])))
             for p in [*linted.selected.files, *(f.path for f in linted.selected.rejected)] if p not in taken]
    nodes, edges = _graph(linted, datasets, models)
    return Catalogue(datasets, models, _unique_files(files), nodes, edges, linted.report)


def _unique_files(files: list[Page]) -> list[Page]:
    return list({f.path: f for f in files}.values())


def _sheet(linted: Linted, path: str) -> Sheet | None:
    try:
        return linted.index.by_real.get(os.path.realpath(path))
    except ValueError:
        return None


class _Names:
    """Page names: a slug of the name, made unique by a short hash of the file's path."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def page(self, folder: str, name: str, path: str, extra: str = "") -> str:
        base = _slug(name)
        candidate = f"{folder}/{base}.html"
        digest = hashlib.sha256(f"{path}\0{extra}".encode("utf-8", "surrogateescape")).hexdigest()[:10]
        n = 1
        while candidate in self.taken:
            # Another entry may be named like this one's fallback ("x-<digest>"): a name is
            # never given twice, or one page would overwrite the other.
            candidate = f"{folder}/{base}-{digest}{'' if n == 1 else f'-{n}'}.html"
            n += 1
        self.taken.add(candidate)
        return candidate


def _slug(name: str) -> str:
    """A file name from any name: lower-case ASCII letters, digits and hyphens, at most 60."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-") or "page"


def _dataset(sheet: Sheet, findings: list[Finding], names: _Names, project: Project,
             blocks: tuple[str, ...]) -> Dataset:
    from datacard.interop.coverage import coverage
    from datacard.model import Datasheet

    datasheet = Datasheet.model_validate(sheet.data) if sheet.data is not None else None
    cov = coverage(datasheet, sheet.path, needs=project.needs) if datasheet is not None else None
    return Dataset(f"d:{sheet.path}", "dataset", sheet.name, sheet.path, names.page("datasets", sheet.name, sheet.path),
                   list(findings), sheet=sheet, datasheet=datasheet, coverage=cov, blocks=blocks)


def _models(linted: Linted, by_path: dict[str, list[Finding]], names: _Names) -> list[Model]:
    per_file: dict[str, list[Setup]] = {}
    for setup in linted.setups:
        per_file.setdefault(setup.path, []).append(setup)
    models: list[Model] = []
    for path, setups in per_file.items():
        lines = [{s.line, *(r.line for r in s.refs)} for s in setups]
        everyone = set().union(*lines)
        for setup, own in zip(setups, lines, strict=True):
            # A finding on a line of this model's references is its own; one elsewhere in the
            # file (a broken key, an empty section) belongs to every model of the file.
            found = [f for f in by_path.get(path, []) if f.line in own or f.line not in everyone]
            key = f"m:{path}#{setup.line}:{setup.column}:{setup.name}"
            refs = [(ref, resolve_ref(ref, linted.index)) for ref in setup.refs]
            models.append(Model(key, "model", setup.name, path, names.page("models", setup.name, path, key),
                                found, setup=setup, refs=refs))
    return models


def _graph(linted: Linted, datasets: list[Dataset], models: list[Model]) -> tuple[dict[str, Node], list[Edge]]:
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str, str], Edge] = {}
    by_real = {d.sheet.real: d for d in datasets if d.sheet is not None}
    for d in datasets:
        nodes[d.key] = Node(d.key, "dataset", d.name, d.status, d.page)
    for d in datasets:
        if d.sheet is None or d.sheet.data is None:
            continue
        d.sources = source_links(d.sheet, linted.index)
        entries = (d.sheet.data.get("origin") or {}).get("sources") or []
        for link in d.sources:
            relation = str(entries[link.index].get("relation") or "source")
            source = _target_key(nodes, by_real, link.sheet, link.target, link.status)
            if source is not None:
                edges.setdefault((source, d.key, relation), Edge(source, d.key, relation))
    for m in models:
        nodes[m.key] = Node(m.key, "model", m.name, m.status, m.page)
        for ref, res in m.refs:
            source = _target_key(nodes, by_real, res.sheet, ref.target, "ok" if res.problem is None else "unknown")
            if source is not None:
                edges.setdefault((source, m.key, ref.role), Edge(source, m.key, ref.role))
    return nodes, sorted(edges.values(), key=lambda e: (e.source, e.target, e.relation))


def _target_key(nodes: dict[str, Node], by_real: dict[str, Dataset], sheet: Sheet | None, target: str,
                status: str) -> str | None:
    """The node a reference leads to: its dataset, or an external node for data with no datasheet
    here (the gap a reviewer must see); None when it names the file itself."""
    if sheet is not None and status in ("ok", "self") and sheet.real in by_real:
        return by_real[sheet.real].key
    if sheet is not None and sheet.kind == "datasheet":
        # A datasheet outside the selection (reached through a reference): shown, not paged.
        key = f"d:{sheet.path}"
        nodes.setdefault(key, Node(key, "dataset", sheet.name, status_of(sheet.findings), None))
        return key
    key = f"x:{target}"
    nodes.setdefault(key, Node(key, "external", target, UNDOCUMENTED, None))
    return key
