"""`datacard lint` and `datacard rule`."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

import typer

from datacard.cli.app import app, fail
from datacard.cli.fixing import FixOptions, diff_option, fix_option, unsafe_fixes_option
from datacard.cli.output import (
    FailOn,
    FindingFormat,
    codes,
    exit_zero_option,
    extend_select_option,
    fail_on_option,
    findings_format_option,
    finish_check,
    ignore_option,
    jobs_option,
    quiet_option,
    select_option,
    statistics_option,
    value,
)
from datacard.cli.project import (
    config_option,
    follow_links_option,
    isolated_option,
    max_bytes_option,
    open_project,
    respect_gitignore_option,
    selected,
)

if TYPE_CHECKING:
    from datacard.findings import Report
    from datacard.fix import Refind
    from datacard.project import FileSet, Project


@app.command()
def lint(
    paths: list[str] = typer.Argument(
        None, metavar="PATH", help="Files or directories (default: the current directory)."),
    select: list[str] | None = select_option(),
    extend_select: list[str] | None = extend_select_option(),
    ignore: list[str] | None = ignore_option(),
    output_format: FindingFormat | None = findings_format_option(),
    statistics: bool = statistics_option(),
    exit_zero: bool = exit_zero_option(),
    fail_on: FailOn | None = fail_on_option(),
    jobs: int = jobs_option(),
    config: str | None = config_option(),
    isolated: bool = isolated_option(),
    respect_gitignore: bool | None = respect_gitignore_option(),
    follow_links: bool | None = follow_links_option(),
    max_bytes: int | None = max_bytes_option(),
    skip_other_files: bool = typer.Option(
        False, "--skip-other-files",
        help="Note, rather than refuse, named files that are not datasheets, manifests, model cards or DVC "
             "pipelines (for pre-commit, which passes every README.md)."),
    quiet: bool = quiet_option(),
    fix: bool = fix_option(),
    unsafe_fixes: bool = unsafe_fixes_option(),
    show_diff: bool = diff_option(),
) -> None:
    """Lint datasheets, training manifests, model cards and DVC pipelines.

    With --fix, the fixes the findings name are applied in place first (see docs/fix.md).
    """
    from datacard.codes import WRONG_KIND
    from datacard.kinds import LINT
    from datacard.lint.engine import lint_files

    project = open_project(
        paths, config=config, isolated=isolated, max_bytes=max_bytes, respect_gitignore=respect_gitignore,
        follow_links=follow_links, output_format=value(output_format), fail_on=value(fail_on),
        select=codes(select), extend_select=codes(extend_select) or [], ignore=codes(ignore) or [])
    found = selected(project, LINT, "datasheets, training manifests, model cards or DVC pipelines", quiet=quiet)
    if skip_other_files:
        from datacard.escape import log_line

        # Only files of another kind are let go; a link out of the project stays an error.
        other = [f for f in found.rejected if f.code == WRONG_KIND.code]
        for finding in other:
            if not quiet:
                typer.echo(log_line(f"datacard: note: skipped {finding.path}: {finding.message}"), err=True)
        found.rejected = [f for f in found.rejected if f not in other]
    from datacard.lint.policy import PolicyError

    try:
        report, unwritten = lint_files(project, found, jobs=jobs), list[str]()
        fixes = FixOptions(fix, show_diff, unsafe_fixes)
        if fixes.active:
            report, unwritten = _fix(project, found, report, fixes, jobs)
    except PolicyError as exc:
        raise fail(str(exc)) from exc
    finish_check(report, project, found=found, quiet=quiet, statistics=statistics, exit_zero=exit_zero,
                 fixes=fixes, unwritten=unwritten)


# Rounds of lint and fix: a fix can leave a suppression with nothing to suppress (DC900),
# which the next lint names and the next round removes.
_LINT_FIX_ROUNDS = 3


def _fix(project: Project, found: FileSet, report: Report, fixes: FixOptions, jobs: int) -> tuple[Report, list[str]]:
    """Apply the fixes of a lint report; datasheets are checked against the schema after each."""
    from datacard.cli.fixing import apply_fixes
    from datacard.fix import validation_refind
    from datacard.kinds import Kind
    from datacard.lint.engine import lint_files

    schema_checked = {Kind.DATACARD, Kind.YAML, Kind.MARKDOWN_DATASHEET}

    def refind(path: str) -> Refind | None:
        return validation_refind(path) if found.kinds.get(path) in schema_checked else None

    return apply_fixes(project, found, report, fixes, refind=refind,
                       recheck=lambda: lint_files(project, found, jobs=jobs), rounds=_LINT_FIX_ROUNDS)


class RuleFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def rule(
    code: str | None = typer.Argument(None, metavar="CODE", help="The code to explain, such as DC304."),
    all_rules: bool = typer.Option(False, "--all", help="List every code."),
    output_format: RuleFormat = typer.Option(
        RuleFormat.text, "--output-format", "--format", metavar="FORMAT",
        help="text, markdown or json (--format is an old spelling)."),
    quiet: bool = quiet_option("Accepted for a uniform command line; rule prints only what it is asked for."),
) -> None:
    """Explain a finding code, or list them all."""
    import json

    from datacard import codes
    from datacard.lint.docs import explain, rules_markdown

    everything = {c.code: c for c in codes.all_codes()}
    if all_rules:
        if output_format is RuleFormat.markdown:
            typer.echo(rules_markdown(), nl=False)
        elif output_format is RuleFormat.json:
            typer.echo(json.dumps([_as_dict(c) for c in everything.values()], indent=2))
        else:
            for c in everything.values():
                fixable = "fix" if c.fixable is not codes.Fixable.NEVER else ""
                typer.echo(f"{c.code}  {c.severity.value:<7}  {fixable:<3}  {c.name:<34}  {c.summary}")
        return
    if code is None:
        raise fail("give a code (`datacard rule DC304`) or --all")
    entry = everything.get(code.strip().upper())
    if entry is None:
        raise fail(f"unknown code {code!r}; `datacard rule --all` lists them")
    if output_format is RuleFormat.json:
        typer.echo(json.dumps(_as_dict(entry), indent=2))
    else:
        typer.echo(explain(entry), nl=False)


def _as_dict(c: object) -> dict[str, str]:
    from datacard.codes import Code

    assert isinstance(c, Code)
    return {"code": c.code, "name": c.name, "severity": c.severity.value, "summary": c.summary,
            "explanation": c.explanation, "fixable": c.fixable.value, "fix": c.fix}
