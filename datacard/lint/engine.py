"""Running the linter: find files, read setups, resolve references, run rules, filter findings."""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, TypeVar

from datacard.codebook import lineage
from datacard.codebook.interop import UNMAPPED_KEY, UNMAPPED_SECTION
from datacard.findings import DatasetVerdict, Finding, Report
from datacard.kinds import LINT, Kind
from datacard.limits import cap_findings
from datacard.lint import noqa
from datacard.lint.dvc import dvc_setups
from datacard.lint.index import Index, Sheet
from datacard.lint.inherited import Inherited, InheritedFinding, labels
from datacard.lint.lineage import resolve_ref, source_links
from datacard.lint.modelcard import ModelCards, card_setup, inherit_base_models, is_model_card_file
from datacard.lint.policy import Policy, load_policy
from datacard.lint.rules import rules_for
from datacard.lint.scopes import RefContext, SetupContext, SheetContext
from datacard.lint.training import Setup, manifest_setup
from datacard.load import Loaded, load
from datacard.project import FileSet, Project
from datacard.rule_selection import Selection, severity_for
from datacard.runner import crashed, default_jobs, internal_error

T = TypeVar("T")


@dataclass
class Run:
    """State of one lint run: the index, the files' texts for suppressions, and the findings."""

    index: Index
    selection: Selection
    # Findings in the order they were made; the gaps a training reference inherits stay one
    # bundle each until the report is made (see datacard.lint.inherited).
    findings: list[Finding | Inherited] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    policy: Policy | None = None  # the project's JSON Schema overlay
    severity: dict[str, str] = field(default_factory=dict)  # the project's severities by code or prefix
    model_cards: ModelCards | None = None  # the project's model cards, for `base_model` lineage


def keep_text(run: Run, path: str, text: str) -> None:
    """Keep a file's text for its suppressions: only a text that may hold one (`# noqa`)."""
    if "noqa" in text.lower():
        run.texts[path] = text


def lint_sheet(run: Run, sheet: Sheet) -> list[Setup]:
    run.findings.extend(f for f in sheet.findings if not _said_by_a_gap(f, sheet))
    keep_text(run, sheet.path, sheet.loaded.text)
    if sheet.data is None:
        return []
    if sheet.kind == "training":
        return [manifest_setup(sheet.loaded)]
    ctx = SheetContext(sheet, sheet.data, source_links(sheet, run.index), run.policy)
    for rule in rules_for("datasheet"):
        run.findings.extend(rule.run(ctx))
    return []


_UNREAD = frozenset({UNMAPPED_KEY.code, UNMAPPED_SECTION.code})


def _said_by_a_gap(finding: Finding, sheet: Sheet) -> bool:
    """A card's text that could not be imported for a field the linter reports missing: the gap
    says it once, on that text (its place in the card), so the note is not repeated."""
    return (finding.code in _UNREAD and sheet.data is not None
            and finding.field in {gap.field for gap in sheet.gaps()})


def _meta_reader(index: Index) -> Callable[[str], dict[str, Any]]:
    """Reads the `meta` of a data's `.dvc` file; a path that a pipeline names is read only
    inside the project, as lineage references are."""
    def read_meta(path: str) -> dict[str, Any]:
        if not os.path.isfile(path) or not index.allows(path):
            return {}
        data = load(path, max_bytes=index.max_bytes).data
        meta = data.get("meta") if isinstance(data, dict) else None
        return meta if isinstance(meta, dict) else {}
    return read_meta


def read_pipeline(run: Run, path: str) -> list[Setup]:
    loaded = load(path, max_bytes=run.index.max_bytes)
    keep_text(run, loaded.path, loaded.text)
    run.findings.extend(loaded.findings)
    lock_path = os.path.join(os.path.dirname(path), "dvc.lock")
    lock = load(lock_path, max_bytes=run.index.max_bytes).data if os.path.isfile(lock_path) else None
    return dvc_setups(loaded, lock, _meta_reader(run.index))


def read_card(run: Run, path: str) -> list[Setup]:
    """A file the selection took for a model card: its loading findings, and its setup."""
    loaded: Loaded = load(path, max_bytes=run.index.max_bytes)
    keep_text(run, loaded.path, loaded.text)
    run.findings.extend(loaded.findings)
    if not is_model_card_file(loaded):
        return []
    setup = card_setup(loaded)
    if run.model_cards is not None and setup.bases:
        inherit_base_models(setup, run.model_cards)
    return [setup]


def guarded(run: Run, path: str, default: T, action: Callable[[], T]) -> T:
    """``action()``, with a crash of datacard itself turned into an internal-error finding for
    ``path`` (and ``default``), so that one file cannot stop the lint of a project."""
    try:
        return action()
    except Exception as exc:  # a bug: reported for this file, the others are still linted
        run.findings.append(internal_error(path, exc))
        return default


def check_setup(run: Run, setup: Setup) -> None:
    setup_ctx = SetupContext(setup)
    for rule in rules_for("setup"):
        run.findings.extend(rule.run(setup_ctx))
    ref_rules = rules_for("reference")
    for ref in setup.refs:
        ctx = RefContext(setup, resolve_ref(ref, run.index))
        for rule in ref_rules:
            if ref.line > 0 and rule.code.code in GAP_CODES and not run.selection.enabled_in(rule.code.code, ref.path):
                continue  # deselected where it would be reported: not worked out at all
            found = rule.run(ctx)
            if isinstance(found, Inherited):
                run.findings.append(found)
            else:
                run.findings.extend(found)


# The codes whose findings mean "this model trains on data with undocumented context".
GAP_CODES = frozenset(c.code for c in lineage.GAP_BY_GROUP.values())


def dataset_verdicts(kept: list[Finding | Inherited]) -> list[DatasetVerdict]:
    """The datasets whose gaps reach a model, with the models they block, from the kept findings."""
    models: dict[str, set[str]] = {}
    sheets: dict[str, Sheet] = {}
    for item in kept:
        if isinstance(item, Inherited):
            model = item.head[0]
            for node, _ in item.behind():
                models.setdefault(node.sheet.path, set()).add(model)
                sheets[node.sheet.path] = node.sheet
        elif isinstance(item, InheritedFinding):
            models.setdefault(item.dataset.path, set()).add(item.model)
            sheets[item.dataset.path] = item.dataset
    return [DatasetVerdict(sheets[p].name, p, labels(sheets[p]), tuple(sorted(models[p]))) for p in sorted(models)]


def _enabled_for(selection: Selection, path: str) -> Callable[[str], bool]:
    return lambda code: selection.enabled_in(code, path)


def finish(run: Run, *, report_unused: bool = True) -> Report:
    """Selection, per-file ignores and suppressions; unused suppressions are findings too."""
    selection = run.selection
    directives = {path: noqa.parse(text) for path, text in run.texts.items() if "noqa" in text.lower()}
    kept: list[Finding | Inherited] = []
    for item in _unique(run.findings):
        # An internal error is never deselected: the run did not check the file.
        enabled = selection.enabled_in(item.code, item.path) or (isinstance(item, Finding) and crashed([item]))
        if enabled and not noqa.suppresses(directives.get(item.path, ()), item.line, item.code):
            kept.append(item)
    if report_unused:
        linted = set(run.files)
        for path, found in directives.items():
            if path in linted:
                extra = noqa.unused(path, found, _enabled_for(selection, path))
                kept.extend(f for f in extra if selection.enabled_in(f.code, f.path))
    datasets = dataset_verdicts(kept)
    findings = cap_findings(_with_severities(kept, run.severity))
    return Report(findings=findings, files=list(run.files), datasets=datasets)


def _unique(items: list[Finding | Inherited]) -> list[Finding | Inherited]:
    """``items`` without repeated findings, the first kept. A bundle stays whole unless another
    item has its place and code (only then could one of its findings repeat another)."""
    places: Counter[tuple[str, str, int, int]] = Counter((i.code, i.path, i.line, i.column) for i in items)
    seen: dict[Finding, None] = {}
    out: list[Finding | Inherited] = []
    for item in items:
        if isinstance(item, Inherited) and places[item.code, item.path, item.line, item.column] == 1:
            out.append(item)
            continue
        for finding in [item] if isinstance(item, Finding) else item:
            if finding not in seen:
                seen[finding] = None
                out.append(finding)
    return out


def _with_severities(items: list[Finding | Inherited], severity: dict[str, str]) -> list[Finding | Inherited]:
    """The project's severities (`severity` in `[tool.datacard]`), on findings and bundles."""
    if not severity:
        return items
    out: list[Finding | Inherited] = []
    for item in items:
        chosen = severity_for(item.code, severity)
        out.append(item if chosen is None else replace(item, severity=chosen))
    return out


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for the run.

    The run keeps every file's node tree (for positions) until the end; with the collector on,
    each collection rescans all of them, so that linting N files costs O(N^2). The trees hold
    no reference cycles worth collecting mid-run.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def lint_paths(project: Project, paths: list[str] | None = None) -> Report:
    """Lint datasheets, training manifests, model cards and DVC pipelines under ``paths`` (default:
    the project's paths), as the project selects them; named files it cannot read are findings."""
    return lint_files(project, project.select(LINT, paths))


def lint_files(project: Project, selected: FileSet, *, jobs: int | None = 1) -> Report:
    """Lint the files the project selected; the selection's findings join the report.

    ``jobs`` > 1 (0 or None: every core) lints datasheets in worker processes when there are
    enough of them to pay for the pool; the report is the same as with one process.
    """
    return lint_catalogue(project, selected, jobs=jobs).report


@dataclass
class Linted:
    """A lint run's report, with the datasheets it loaded and the training setups it read: what
    the site draws lineage from, so that no file is read twice."""

    report: Report
    index: Index
    setups: list[Setup]
    selected: FileSet


def lint_catalogue(project: Project, selected: FileSet, *, jobs: int | None = 1) -> Linted:
    """:func:`lint_files`, keeping the run's index and setups. With ``jobs`` > 1 the index holds
    only the datasheets this process loaded: a caller that reads every sheet from it (the site)
    lints in one process."""
    with _no_cyclic_gc():
        linted = _lint_files(project, selected, jobs)
    # A named file that lint cannot read is a usage error, reported whatever the selection of codes.
    linted.report.findings.extend(selected.rejected)
    linted.report.files.extend(f.path for f in selected.rejected)
    return linted


_AS_DATASHEET = frozenset({Kind.DATACARD, Kind.YAML, Kind.MARKDOWN_DATASHEET, Kind.JSON, Kind.OTHER,
                           Kind.DATASET_CARD, Kind.CROISSANT})


def project_index(project: Project) -> Index:
    """The index of the project's datasheets: its limits, its dataset map, its selection, its root,
    and the context every datasheet must give there."""
    return Index(project.root, project.datasets, max_bytes=project.max_bytes,
                 listing=project.datasheet_files, allowed=project.allows, needs=project.needs)


def project_run(project: Project) -> Run:
    """A run with the project's index, rule selection, policy and severities."""
    policy = load_policy(project.policy) if project.policy else None
    cards = ModelCards(lambda: _model_card_files(project), project.max_bytes, project.allows)
    return Run(project_index(project), project.rules, policy=policy, severity=project.severity, model_cards=cards)


def _model_card_files(project: Project) -> list[str]:
    """The project's model cards, as a walk of its root selects them (for base-model names)."""
    found = project.select(LINT, [project.root])
    return [path for path in found.files if found.kinds[path] is Kind.MODEL_CARD]


@dataclass(frozen=True)
class SheetResult:
    """What linting one datasheet alone gives, as a worker process sends it back."""

    path: str
    findings: list[Finding]
    text: str | None  # the file's text, only when it may hold a suppression
    training: bool  # a training manifest: read again by the main process, which resolves setups


def lint_alone(run: Run, path: str) -> SheetResult:
    """Load and lint one datasheet with the rules that read it alone (its sources' datasheets
    are read through the run's index, as they are in one process)."""
    start = len(run.findings)
    sheet = guarded(run, path, None, partial(run.index.sheet, path, display=path))
    if sheet is not None and sheet.kind == "training":
        del run.findings[start:]
        return SheetResult(path, [], None, True)
    if sheet is not None:
        no_setups: list[Setup] = []  # a datasheet gives none; a manifest went back above
        guarded(run, path, no_setups, partial(lint_sheet, run, sheet))
    text = run.texts.pop(path, None)
    found = [f for f in run.findings[start:] if isinstance(f, Finding)]  # a datasheet's: never a bundle
    del run.findings[start:]
    return SheetResult(path, found, text if text is not None and "noqa" in text.lower() else None, False)


def _lint_chunk(args: tuple[Project, list[str]]) -> list[SheetResult]:
    project, paths = args
    run = project_run(project)
    with _no_cyclic_gc():
        return [lint_alone(run, path) for path in paths]


# Below this many datasheets a process pool costs more to start than it saves.
PARALLEL_THRESHOLD = 64


def _in_workers(project: Project, paths: list[str], jobs: int | None) -> dict[str, SheetResult]:
    """Per-datasheet results from worker processes; empty when one process is better (few
    files, one core) or the pool broke (the main process then lints those files itself)."""
    workers = default_jobs(jobs)
    if workers <= 1 or len(paths) < PARALLEL_THRESHOLD:
        return {}
    # Imported here: the pool machinery costs start-up time that a small run never needs.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = max(8, len(paths) // (workers * 4))
    chunks = [(project, paths[i:i + size]) for i in range(0, len(paths), size)]
    out: dict[str, SheetResult] = {}
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for results in pool.map(_lint_chunk, chunks):
                out.update((r.path, r) for r in results)
    except BrokenProcessPool:
        pass  # a worker was killed: what it held is linted here, in the main process
    return out


def _lint_files(project: Project, selected: FileSet, jobs: int | None = 1) -> Linted:
    run = project_run(project)
    index = run.index
    run.findings.extend(selected.findings)
    candidates = [p for p in selected.files if selected.kinds[p] in _AS_DATASHEET]
    done = _in_workers(project, candidates, jobs)
    # Each datasheet keeps the path it was named by in findings, also when a reference reaches
    # it before its turn comes.
    index.name_paths(candidates)
    setups: list[Setup] = []
    for path in selected.files:
        kind = selected.kinds[path]
        run.files.append(path)
        result = done.get(path)
        if result is not None and not result.training:
            run.findings.extend(result.findings)
            if result.text is not None:
                run.texts[path] = result.text
        elif kind in _AS_DATASHEET:
            sheet = guarded(run, path, None, partial(index.sheet, path, display=path))
            if sheet is not None:
                setups.extend(guarded(run, path, [], partial(lint_sheet, run, sheet)))
                sheet.release()  # kept compactly for the references that reach it
        elif kind is Kind.DVC:
            setups.extend(guarded(run, path, [], partial(read_pipeline, run, path)))
        else:
            setups.extend(guarded(run, path, [], partial(read_card, run, path)))
    for setup in setups:
        guarded(run, setup.path, None, partial(check_setup, run, setup))
    return Linted(finish(run), index, setups, selected)
