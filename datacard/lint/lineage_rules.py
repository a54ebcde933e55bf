"""DC301-DC309: what a training setup references, and what those datasheets leave unsaid.

Each finding sits on the line of the training reference (the line a pull request touches) and
names the datasheet and the field, or, for inherited gaps, the chain that leads to them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

from datacard.codebook import Code, lineage
from datacard.findings import Finding, Severity
from datacard.lint.inherited import inherited
from datacard.lint.registry import rule
from datacard.lint.scopes import RefContext, SheetContext

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


def _problem_text(ctx: RefContext) -> str:
    ref, res = ctx.ref, ctx.resolution
    problem = res.problem
    if problem == "unlinked":
        return (f"pipeline data {ref.target!r} has no datasheet: add `meta: {{datacard: PATH}}` to "
                "the artifact or stage output that declares it")
    if problem == "missing":
        where = "" if os.path.isabs(ref.target) else f" (relative to {os.path.dirname(ref.path) or '.'})"
        return f"datacard {ref.target!r} does not exist{where}"
    if problem == "outside":
        return f"datacard {ref.target!r} points outside the project; keep datasheets in the repository"
    if problem == "ambiguous":
        names = ", ".join(s.path for s in res.candidates)
        return f"{ref.target!r} names several datasheets ({names}); reference one with `datacard: PATH`"
    if problem == "mapped-missing":
        return f"[tool.datacard.datasets] maps {ref.target!r} to a file that does not exist"
    if problem == "not-a-datasheet":
        return f"{ref.target!r} is a training manifest, not a datasheet"
    target = ref.target.strip()
    # A Hub id may be answered by a datasheet that records it, or by the dataset's card kept
    # where the Hub keeps it (its repository's README.md).
    hint = (f" (a datasheet whose `identifiers` hold hf:{target}, or the dataset's card as "
            f"{target.removeprefix('hf:')}/README.md)") if " " not in target else ""
    return (f"no datasheet or dataset card has the name or identifier {ref.target!r}: write one{hint}, or map "
            "the id in [tool.datacard.datasets]")


@rule(lineage.UNRESOLVED_REFERENCE, scope="reference")
def unresolved_reference(ctx: RefContext, code: Code) -> Iterator[Finding]:
    problem = ctx.resolution.problem
    if problem is None:
        return
    if not ctx.ref.trains and ctx.setup.kind == "model-card" and problem == "unknown":
        return  # evaluation sets named in model-index are often public benchmarks
    text = _problem_text(ctx)
    yield ctx.at(code, f"{ctx.chain()}: {text}" if ctx.ref.via else text)


def _gap_findings(ctx: RefContext, group: str, code: Code) -> Iterable[Finding]:
    """One finding per dataset behind the reference (itself and each ancestor) that has gaps of
    ``group``: it names the dataset, counts and lists the gaps, and carries each as a related place.
    A datasheet's own gaps are reported on the datasheet (DC2xx); this says what the model inherits.
    The findings come as one bundle that the linter keeps compactly (:mod:`datacard.lint.inherited`)."""
    return inherited(ctx, group, code)


@rule(lineage.TRAINING_DATA_ORIGIN_GAP, scope="reference")
def origin_gap(ctx: RefContext, code: Code) -> Iterable[Finding]:
    return _gap_findings(ctx, "origin", code)


@rule(lineage.TRAINING_DATA_APPLICATION_GAP, scope="reference")
def application_gap(ctx: RefContext, code: Code) -> Iterable[Finding]:
    return _gap_findings(ctx, "application", code)


@rule(lineage.TRAINING_DATA_AUDIENCE_GAP, scope="reference")
def audience_gap(ctx: RefContext, code: Code) -> Iterable[Finding]:
    return _gap_findings(ctx, "audience", code)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[-_/]+", " ", text.lower()).split()).strip(" .")


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None


@rule(lineage.USE_OUT_OF_SCOPE, scope="reference")
def use_out_of_scope(ctx: RefContext, code: Code) -> Iterator[Finding]:
    sheet = ctx.resolution.sheet
    if sheet is None or sheet.data is None or not ctx.ref.trains:
        return
    excluded = (sheet.data.get("application") or {}).get("out_of_scope_uses") or []
    for use in [*ctx.setup.tasks, *ctx.setup.intended_uses]:
        for item in excluded:
            if isinstance(item, str) and _contains(_norm(use), _norm(item)):
                yield ctx.at(code, f"{sheet.name} ({sheet.path}) lists {item!r} as out "
                             f"of scope, and the model is meant for {use!r}",
                             sheet=sheet, loc=("application", "out_of_scope_uses"))


@rule(lineage.TASK_NOT_INTENDED, scope="reference")
def task_not_intended(ctx: RefContext, code: Code) -> Iterator[Finding]:
    sheet = ctx.resolution.sheet
    if sheet is None or sheet.data is None or not ctx.ref.trains:
        return
    listed = [t for t in (sheet.data.get("application") or {}).get("tasks") or [] if isinstance(t, str)]
    if not listed:
        return  # DC202/DC303 report the missing intended uses
    intended = [_norm(t) for t in listed]
    for task in ctx.setup.tasks:
        wanted = _norm(task)
        if not any(_contains(wanted, t) or _contains(t, wanted) for t in intended):
            yield ctx.at(code, f"task {task!r} is not among the tasks of {sheet.name} "
                         f"({', '.join(listed)})", sheet=sheet, loc=("application", "tasks"))


@rule(lineage.UNPINNED_REVISION, scope="reference")
def unpinned_revision(ctx: RefContext, code: Code) -> Iterator[Finding]:
    ref = ctx.ref
    if not ctx.setup.pinnable or ref.revision or ref.line <= 0 or ref.kind == "unlinked" or ref.via:
        return  # unlinked pipeline data is reported once, by DC301
    where = "dvc.lock has no hash for it" if ctx.setup.kind == "dvc" else "add `revision:`"
    yield ctx.at(code, f"{ref.target!r} has no pinned revision; {where}")


@rule(lineage.LINEAGE_CYCLE, scope="reference")
def lineage_cycle(ctx: RefContext, code: Code) -> Iterator[Finding]:
    for cycle in ctx.resolution.cycles:
        yield ctx.at(code, f"lineage loops: {ctx.chain(*cycle)}")


@rule(lineage.SOURCE_PATH_INVALID, scope="datasheet")
def source_path_invalid(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    why = {
        "missing": "does not exist",
        "outside": "points outside the project",
        "self": "points at this datasheet itself",
    }
    for link in ctx.links:
        if link.key == "datacard" and link.status in why:
            yield ctx.at(code, ("origin", "sources", link.index, "datacard"),
                         f"source datacard {link.target!r} {why[link.status]}")
        elif link.key == "dataset" and link.status == "self":
            yield ctx.at(code, ("origin", "sources", link.index, "dataset"),
                         f"source dataset {link.target!r} is this datasheet itself")
