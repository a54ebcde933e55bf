"""`datacard lint` and `datacard rule`."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

import typer

from datacard.cli.app import Exit, app, fail
from datacard.cli.fixing import diff_option, fix_option, unsafe_fixes_option
from datacard.cli.output import (
    FailOn,
    FindingFormat,
    fail_on_option,
    findings_format_option,
    quiet_option,
    value,
    without_summary,
)
from datacard.cli.project import (
    config_option,
    follow_links_option,
    isolated_option,
    max_bytes_option,
    open_project,
    respect_gitignore_option,
    run_exit,
    selected,
)

if TYPE_CHECKING:
    from datacard.findings import Report
    from datacard.fix import Refind
    from datacard.project import FileSet, Project


def _codes(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for item in values for part in item.split(",") if part.strip()]


@app.command()
def lint(
    paths: list[str] = typer.Argument(
        None, metavar="PATH", help="Files or directories (default: the current directory)."),
    select: list[str] | None = typer.Option(None, "--select", metavar="CODES", help="Codes or prefixes to report (replaces the configured set)."),  # noqa: E501
    extend_select: list[str] | None = typer.Option(None, "--extend-select", metavar="CODES", help="Codes or prefixes to report as well."),  # noqa: E501
    ignore: list[str] | None = typer.Option(None, "--ignore", metavar="CODES", help="Codes or prefixes not to report."),
    output_format: FindingFormat | None = findings_format_option(),
    statistics: bool = typer.Option(False, "--statistics", help="Print the number of findings per code."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings."),
    fail_on: FailOn | None = fail_on_option(),
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
    from datacard.findings import Severity
    from datacard.kinds import LINT
    from datacard.lint.engine import lint_files
    from datacard.reporters import render_report
    from datacard.reporters import statistics as stats_text

    project = open_project(
        paths, config=config, isolated=isolated, max_bytes=max_bytes, respect_gitignore=respect_gitignore,
        follow_links=follow_links, output_format=value(output_format), fail_on=value(fail_on),
        select=_codes(select), extend_select=_codes(extend_select) or [], ignore=_codes(ignore) or [])
    found = selected(project, LINT, "datasheets, training manifests, model cards or DVC pipelines")
    if skip_other_files:
        # Only files of another kind are let go; a link out of the project stays an error.
        other = [f for f in found.rejected if f.code == WRONG_KIND.code]
        for finding in other:
            typer.echo(f"datacard: note: skipped {finding.path}: {finding.message}", err=True)
        found.rejected = [f for f in found.rejected if f not in other]
    from datacard.lint.policy import PolicyError
    from datacard.runner import crashed

    try:
        report = lint_files(project, found)
        failed: list[str] = []
        if fix or show_diff:
            report, failed = _fix(project, found, report, show_diff, unsafe_fixes)
    except PolicyError as exc:
        raise fail(str(exc)) from exc
    fmt = project.output_format
    if statistics:
        text = stats_text(report, fmt)
    else:
        text = render_report(report, fmt)
        if quiet:
            text = without_summary(text, fmt)
    typer.echo(text, nl=False)
    if not quiet and not fix and not statistics:
        from datacard.cli.fixing import fixable_note

        fixable_note(report.findings, unsafe_fixes, fmt)
    if crashed(report.findings) or failed:  # a bug in datacard, or a fix not written, even with --exit-zero
        raise typer.Exit(int(Exit.USAGE))
    raise typer.Exit(run_exit(found, report.fails(Severity(project.fail_on)) and not exit_zero))


# Rounds of lint and fix: a fix can leave a suppression with nothing to suppress (DC900),
# which the next lint names and the next round removes.
_LINT_FIX_ROUNDS = 3


def _fix(project: Project, found: FileSet, report: Report, show_diff: bool,
         unsafe: bool) -> tuple[Report, list[str]]:
    """Apply (or with --diff, print and exit on) the fixes of a lint report: the report of the
    fixed files, and the files that could not be written."""
    from datacard.cli.fixing import fix_files, fixed_note, print_diffs, write_fixes
    from datacard.fix import validation_refind
    from datacard.kinds import Kind
    from datacard.lint.engine import lint_files

    schema_checked = {Kind.DATACARD, Kind.YAML, Kind.MARKDOWN_DATASHEET}

    def refind(path: str) -> Refind | None:
        return validation_refind(path) if found.kinds.get(path) in schema_checked else None

    failed: list[str] = []
    fixed, touched = 0, set()
    for _ in range(_LINT_FIX_ROUNDS):
        run = fix_files(report.findings, found.files, unsafe=unsafe, refind=refind, max_bytes=project.max_bytes)
        if show_diff:
            print_diffs(run)
            raise typer.Exit(int(Exit.USAGE if found.rejected else Exit.FINDINGS if run.fixed else Exit.CLEAN))
        write_fixes(run)
        failed += run.failed
        written = [f for f in run.changed if f.path not in run.failed]
        if not written:
            break
        fixed += sum(len(f.applied) for f in written)
        touched |= {f.path for f in written}
        report = lint_files(project, found)
    fixed_note(fixed, len(touched))
    return report, failed


class RuleFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def rule(
    code: str | None = typer.Argument(None, metavar="CODE", help="The code to explain, such as DC304."),
    all_rules: bool = typer.Option(False, "--all", help="List every code."),
    output_format: RuleFormat = typer.Option(
        RuleFormat.text, "--output-format", "--format", help="text, markdown or json (--format is an old spelling)."),
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
