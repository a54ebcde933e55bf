"""DC301-DC309: what a training setup references, and what those datasheets leave unsaid.

Each finding sits on the line of the training reference (the line a pull request touches) and
names the datasheet and the field, or, for inherited gaps, the chain that leads to them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from datacard.codes import Code
from datacard.context import Gap
from datacard.findings import Finding, Related, Severity
from datacard.lint.context_rules import gap_message
from datacard.lint.index import Sheet
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
    hint = f" (its `identifiers` may hold hf:{ref.target})" if " " not in ref.target.strip() else ""
    return (f"no datasheet has the name or identifier {ref.target!r}: write one{hint}, or map "
            "the id in [tool.datacard.datasets]")


@rule("DC301", "unresolved-reference", E, "A training reference resolves to no datasheet.", """
Every dataset a model uses needs a datasheet the linter can find: by relative path
(`datacard: data/reviews.datacard.yaml`), by name, or by an identifier the datasheet lists
(`dataset: imdb` finds a datasheet whose `identifiers` hold `hf:imdb`). Third-party ids can be
mapped to local datasheets in `[tool.datacard.datasets]`. In DVC pipelines, link data to its
datasheet with `meta: {datacard: PATH}` on the artifact or stage output.

Good:

    data:
      - dataset: yelp_polarity        # datasheet lists identifiers: [hf:yelp_polarity]
        revision: 2020-01-04
      - datacard: ../support-tickets.datacard.yaml
        revision: v3
""", scope="reference")
def unresolved_reference(ctx: RefContext, code: Code) -> Iterator[Finding]:
    problem = ctx.resolution.problem
    if problem is None:
        return
    if not ctx.ref.trains and ctx.setup.kind == "model-card" and problem == "unknown":
        return  # evaluation sets named in model-index are often public benchmarks
    yield ctx.at(code, _problem_text(ctx))


_LISTED = 4  # labels named in the one-line message; the related places list them all


def _labels(found: list[Gap]) -> str:
    labels = [g.need.label for g in found]
    if len(labels) <= _LISTED:
        return ", ".join(labels)
    return f"{', '.join(labels[:_LISTED - 1])} and {len(labels) - _LISTED + 1} more"


def _related(sheet: Sheet, gap: Gap) -> Related:
    line, col = gap.at.position(sheet.loaded, key=gap.placeholder is None)
    return Related(sheet.path, line, col, gap_message(gap), gap.field)


def _gap_findings(ctx: RefContext, group: str, code: Code) -> Iterator[Finding]:
    """One finding per dataset behind the reference (itself and each ancestor) that has gaps of
    ``group``: it names the dataset, counts and lists the gaps, and carries each as a related place.
    A datasheet's own gaps are reported on the datasheet (DC2xx); this says what the model inherits."""
    res = ctx.resolution
    if not ctx.ref.trains or res.sheet is None or res.problem is not None:
        return
    behind = [(ctx.chain(res.sheet.name), res.sheet), *((ctx.chain(*a.chain), a.sheet) for a in res.ancestors)]
    for chain, sheet in behind:
        found = [g for g in sheet.gaps() if g.need.group == group]
        if not found:
            continue
        noun = "field" if len(found) == 1 else "fields"
        message = (f"{chain}: {len(found)} {group} {noun} not documented: {_labels(found)} "
                   f"(see {sheet.path})")
        yield ctx.at(code, message, sheet=sheet, loc=found[0].at,
                     related=tuple(_related(sheet, g) for g in found))


@rule(
    "DC302", "training-data-origin-gap", W,
    "A model is trained on data whose origin is not documented.",
    """
The datasheet of the training data (or of a dataset it derives from) does not say who made the
data, from what, how, when, or who is in it; or it leaves out a conditional field: the language
of text or speech, the annotators and process of labelled data, consent or ethics review for
data about people. The finding sits on the training reference and names the datasheet and the
field; fix it in the datasheet (see DC201, DC204-DC206).

Good (in the datasheet):

    origin:
      creators: [{name: Stortinget, kind: organization}]
      sources: [{name: Stortinget proceedings, url: https://www.stortinget.no}]
      collection: {methods: [document-analysis], timeframe: {start: 1998, end: 2016}}
      people: {about_people: true, description: Members of parliament and ministers.}
""", scope="reference")
def origin_gap(ctx: RefContext, code: Code) -> Iterator[Finding]:
    yield from _gap_findings(ctx, "origin", code)


@rule(
    "DC303", "training-data-application-gap", W,
    "A model is trained on data whose intended application is not documented.",
    """
The training data's datasheet (or an ancestor's) does not say what the data is for, what it
must not be used for, its known biases and limitations, or whether it holds sensitive data.
Without those, nobody can say whether this model is a use the data supports (see DC202).

Good (in the datasheet):

    application:
      purpose: Route incoming support tickets to the right team.
      intended_uses: [Training ticket classifiers for internal routing.]
      out_of_scope_uses: [Evaluating the performance of support staff.]
      limitations: [{description: Tickets before 2021 use an older category scheme.}]
""", scope="reference")
def application_gap(ctx: RefContext, code: Code) -> Iterator[Finding]:
    yield from _gap_findings(ctx, "application", code)


@rule(
    "DC304", "training-data-audience-gap", W,
    "A model is trained on data whose audience and terms are not documented.",
    """
The training data's datasheet (or an ancestor's) does not say whom the data is for, how it may
be accessed, under which licence, or who maintains it. A model trained on data with unknown
terms may not be shippable (see DC203).

Good (in the datasheet):

    audience:
      intended_users: [Internal ML team]
      access: {type: internal, conditions: Employees with a data-use agreement.}
      license: {id: other, name: Internal use only, url: https://intranet.example.com/data-policy}
      maintenance: {contact: data-platform@example.com}
""", scope="reference")
def audience_gap(ctx: RefContext, code: Code) -> Iterator[Finding]:
    yield from _gap_findings(ctx, "audience", code)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[-_/]+", " ", text.lower()).split()).strip(" .")


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None


@rule(
    "DC305", "use-out-of-scope", E,
    "A model's task or intended use is listed as out of scope for its data.",
    """
The datasheet says the data must not be used for something the model is meant to do. Either
the model should not be trained on this data, or the datasheet's out-of-scope list is wrong;
resolve it with whoever maintains the data.

Good: a model whose `tasks` and `intended_uses` appear in none of its data's
`application.out_of_scope_uses`:

    model:
      tasks: [text-classification]
      intended_uses: [Routing support tickets to teams.]
""", scope="reference")
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


@rule("DC306", "task-not-intended", W, "A model's task is not among the tasks its data is meant for.", """
The datasheet lists the tasks the data is meant for (`application.tasks`), and the model's task
is not one of them. The data may still be fit for it, but the datasheet does not say so: add
the task there once someone has checked, or choose other data.

Good:

    # datasheet
    application:
      tasks: [text-classification, sentiment-analysis]
    # training manifest
    model:
      tasks: [text-classification]
""", scope="reference")
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


@rule("DC307", "unpinned-revision", W, "A data reference does not pin a revision.", """
Data changes: a reference without a `revision` (a version, tag, commit or date) trains on
whatever the data is today, and the datasheet may describe another version. Pin it. In DVC
pipelines, the hash that `dvc.lock` records for a dependency is its pin, so run `dvc repro` or
`dvc commit` to record it. Hugging Face model cards have no place for a revision, so this rule
does not apply to them.

Good:

    data:
      - datacard: ../yelp-reviews.datacard.yaml
        revision: "2015"
""", scope="reference")
def unpinned_revision(ctx: RefContext, code: Code) -> Iterator[Finding]:
    ref = ctx.ref
    if not ctx.setup.pinnable or ref.revision or ref.line <= 0 or ref.kind == "unlinked":
        return  # unlinked pipeline data is reported once, by DC301
    where = "dvc.lock has no hash for it" if ctx.setup.kind == "dvc" else "add `revision:`"
    yield ctx.at(code, f"{ref.target!r} has no pinned revision; {where}")


@rule("DC308", "lineage-cycle", E, "Datasheets derive from each other in a cycle.", """
Following `origin.sources` from the training data leads back to a datasheet already on the
path. A dataset cannot be its own ancestor; one of the `datacard:` or `dataset:` links is
wrong. The finding shows the chain; the walk stops at the repeat.

Good: sources that point only to the data something was made from:

    # crm-accounts.datacard.yaml
    origin:
      sources:
        - {name: Raw CRM export, datacard: crm-raw.datacard.yaml, relation: derived}
""", scope="reference")
def lineage_cycle(ctx: RefContext, code: Code) -> Iterator[Finding]:
    for cycle in ctx.resolution.cycles:
        yield ctx.at(code, f"lineage loops: {ctx.chain(*cycle)}")


@rule(
    "DC309", "source-path-invalid", E,
    "A datasheet's source path is missing, outside the project, or itself.",
    """
`origin.sources[].datacard` is a path, relative to the datasheet, to the datasheet of a dataset
this one derives from. It must exist, stay inside the project (so that everyone who checks
out the repository can follow it), and not point at the datasheet itself.

Good:

    origin:
      sources:
        - {name: Raw CRM export, datacard: crm-raw.datacard.yaml, relation: derived}
""", scope="datasheet")
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
