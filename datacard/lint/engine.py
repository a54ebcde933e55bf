"""Running the linter: find files, read setups, resolve references, run rules, filter findings."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from datacard.config import Config
from datacard.discover import DATASHEET_PATTERNS, discover, excluded, visible
from datacard.findings import Finding, Report
from datacard.gitfiles import git_files
from datacard.limits import cap_findings
from datacard.lint import noqa
from datacard.lint.dvc import dvc_setups
from datacard.lint.index import Index, Sheet
from datacard.lint.lineage import resolve_ref, source_links
from datacard.lint.modelcard import card_setup, is_model_card
from datacard.lint.rules import rules_for
from datacard.lint.scopes import RefContext, SetupContext, SheetContext
from datacard.lint.select import Selection
from datacard.lint.setup import Setup, manifest_setup
from datacard.load import DEFAULT_MAX_BYTES, Loaded, has_front_matter, load
from datacard.runner import crashed, internal_error

T = TypeVar("T")
PIPELINE_NAMES = ("dvc.yaml",)
CARD_PATTERNS = ("*.md",)
LINT_PATTERNS = (*DATASHEET_PATTERNS, *PIPELINE_NAMES, *CARD_PATTERNS)


@dataclass
class Run:
    """State of one lint run: the index, the files' texts for suppressions, and the findings."""

    index: Index
    selection: Selection
    findings: list[Finding] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def _kind(path: str) -> str:
    base = os.path.basename(path)
    if base in PIPELINE_NAMES:
        return "dvc"
    if base.lower().endswith((".md", ".markdown")):
        return "card"
    return "datasheet"


def lint_sheet(run: Run, sheet: Sheet) -> list[Setup]:
    run.findings.extend(sheet.findings)
    run.texts[sheet.path] = sheet.loaded.text
    if sheet.data is None:
        return []
    if sheet.kind == "training":
        return [manifest_setup(sheet.loaded)]
    ctx = SheetContext(sheet, sheet.data, source_links(sheet, run.index))
    for rule in rules_for("datasheet"):
        run.findings.extend(rule.func(ctx))
    return []


def _read_meta(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    if not os.path.isfile(path):
        return {}
    data = load(path, max_bytes=max_bytes).data
    meta = data.get("meta") if isinstance(data, dict) else None
    return meta if isinstance(meta, dict) else {}


def read_pipeline(run: Run, path: str) -> list[Setup]:
    loaded = load(path, max_bytes=run.index.max_bytes)
    run.texts[loaded.path] = loaded.text
    run.findings.extend(loaded.findings)
    lock_path = os.path.join(os.path.dirname(path), "dvc.lock")
    lock = load(lock_path, max_bytes=run.index.max_bytes).data if os.path.isfile(lock_path) else None
    return dvc_setups(loaded, lock, partial(_read_meta, max_bytes=run.index.max_bytes))


def read_card(run: Run, path: str) -> list[Setup]:
    loaded: Loaded = load(path, max_bytes=run.index.max_bytes)
    if loaded.data is None:
        # Broken front matter in a file that has some: report it; other Markdown is not ours.
        if loaded.body is None or loaded.root is not None or not has_front_matter(path):
            return []
        if any(f.code == "DC012" for f in loaded.findings):
            return []
        run.texts[loaded.path] = loaded.text
        run.findings.extend(loaded.findings)
        return []
    if not is_model_card(loaded.data):
        return []
    run.texts[loaded.path] = loaded.text
    run.findings.extend(loaded.findings)
    return [card_setup(loaded)]


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
        run.findings.extend(rule.func(setup_ctx))
    ref_rules = rules_for("reference")
    for ref in setup.refs:
        ctx = RefContext(setup, resolve_ref(ref, run.index))
        for rule in ref_rules:
            run.findings.extend(rule.func(ctx))


def _enabled_for(selection: Selection, path: str) -> Callable[[str], bool]:
    return lambda code: selection.enabled_in(code, path)


def finish(run: Run, *, report_unused: bool = True) -> Report:
    """Selection, per-file ignores and suppressions; unused suppressions are findings too."""
    selection = run.selection
    unique = list(dict.fromkeys(run.findings))
    # An internal error is never deselected or suppressed: the run did not check the file.
    enabled = [f for f in unique if selection.enabled_in(f.code, f.path) or crashed([f])]
    directives = {path: noqa.parse(text) for path, text in run.texts.items() if "noqa" in text.lower()}
    kept = noqa.apply(enabled, directives)
    if report_unused:
        linted = set(run.files)
        for path, found in directives.items():
            if path in linted:
                extra = noqa.unused(path, found, _enabled_for(selection, path))
                kept.extend(f for f in extra if selection.enabled_in(f.code, f.path))
    return Report(findings=cap_findings(kept), files=list(run.files))


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


def lint_paths(
    paths: list[str],
    *,
    selection: Selection | None = None,
    config: Config | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Report:
    """Lint datasheets, training manifests, model cards and DVC pipelines under ``paths``."""
    with _no_cyclic_gc():
        return _lint_paths(paths, selection=selection, config=config, max_bytes=max_bytes)


def _lint_paths(
    paths: list[str],
    *,
    selection: Selection | None,
    config: Config | None,
    max_bytes: int,
) -> Report:
    config = config or Config()
    selection = selection or Selection(root=config.root)
    patterns, root = config.exclude, config.root
    skip = (lambda path: excluded(path, root, patterns)) if patterns else None
    listing = (lambda: git_files(root, DATASHEET_PATTERNS)) if config.respect_gitignore else None
    run = Run(Index(root, config.datasets, max_bytes=max_bytes, exclude=skip, listing=listing), selection)
    found = discover(paths, LINT_PATTERNS)
    named = {os.path.normpath(p) for p in paths if not os.path.isdir(p)}
    if config.respect_gitignore:
        found.files = visible(found.files, paths, root, LINT_PATTERNS)
    # A named dvc.lock stands for its pipeline: pre-commit passes whichever of the two changed.
    found.files = list(dict.fromkeys(
        os.path.join(os.path.dirname(f), "dvc.yaml") if os.path.basename(f) == "dvc.lock" else f
        for f in found.files
        if os.path.basename(f) != "dvc.lock" or os.path.isfile(os.path.join(os.path.dirname(f), "dvc.yaml"))
    ))
    if config.exclude:
        folders = [p for p in paths if os.path.isdir(p)]
        found.files = [f for f in found.files
                       if f in named or not excluded(f, config.root, config.exclude, folders)]
    setups: list[Setup] = []
    # Load every datasheet first, so each keeps the path it was named by in findings; they are
    # all found by name, even where git ignores them.
    sheets = {p: guarded(run, p, None, partial(run.index.sheet, p, display=p))
              for p in found.files if _kind(p) == "datasheet"}
    for path in found.files:
        kind = _kind(path)
        if kind == "card" and not has_front_matter(path):
            continue
        run.files.append(path)
        if kind == "datasheet":
            sheet = sheets[path]
            if sheet is not None:
                setups.extend(guarded(run, path, [], partial(lint_sheet, run, sheet)))
        elif kind == "dvc":
            setups.extend(guarded(run, path, [], partial(read_pipeline, run, path)))
        else:
            before = len(run.texts)
            setups.extend(guarded(run, path, [], partial(read_card, run, path)))
            if len(run.texts) == before and not crashed(run.findings[-1:]):
                run.files.pop()  # Markdown that is not a model card was not linted
    for setup in setups:
        guarded(run, setup.path, None, partial(check_setup, run, setup))
    return finish(run)
