"""`datacard coverage`: how much of each documentation standard datasheets answer."""

from __future__ import annotations

from enum import Enum
from typing import Any

import typer

from datacard.cli.app import app, fail
from datacard.cli.output import exit_zero_option, print_findings, quiet_option
from datacard.cli.project import (
    config_option,
    follow_links_option,
    isolated_option,
    max_bytes_option,
    open_project,
    respect_gitignore_option,
    run_exit,
    selected,
    with_selection,
)


class CoverageFormat(str, Enum):
    table = "table"
    json = "json"


def _cell(answered: int, total: int) -> str:
    if not total:
        return "-"
    return f"{answered}/{total} {round(100 * answered / total):>3}%"


def _table(results: list[Any], missing: bool, needs: tuple[Any, ...]) -> str:
    from datacard.interop.coverage import standards

    known = standards(needs)
    heads = ["datasheet", *(title for title, _ in known.values())]
    rows = [[r.path or r.name, *(_cell(len(c.answered), c.total) for c in r.standards.values())]
            for r in results]
    if len(results) > 1:
        means = [sum(r.standards[k].ratio for r in results) / len(results) for k in known]
        rows.append([f"mean of {len(results)}", *(f"{round(100 * m)}%" for m in means)])
    widths = [max(len(row[i]) for row in [heads, *rows]) for i in range(len(heads))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in [heads, *rows]]
    if missing:
        for r in results:
            lines += ["", *_unanswered(r)]
    return "\n".join(lines) + "\n"


_SHORT_ID = 4


def _unanswered(result: Any) -> list[str]:
    """What a datasheet leaves unanswered, per standard: each question, and the datasheet
    fields that answer it (any one of them)."""
    lines = [f"{result.path or result.name}: not answered"]
    for cov in result.standards.values():
        items = cov.unanswered()
        if not items:
            continue
        lines.append(f"  {cov.title} ({len(items)} of {cov.total}):")
        # Short ids (C3, K10, 12) lead their line; where ids are names (card sections, RAI
        # properties, context needs) the question says them already.
        width = max(len(i.id) for i in cov.items.values())
        for item in items:
            head = f"{item.id:<{width}}  " if width <= _SHORT_ID else ""
            lines.append(f"    {head}{item.asks}")
            lines.append(f"    {' ' * (len(head) or 2)}fill: {' or '.join(dict.fromkeys(item.paths))}")
    if len(lines) == 1:
        lines.append("  nothing: every question that applies is answered")
    return lines


@app.command()
def coverage(
    paths: list[str] = typer.Argument(
        None, metavar="PATH", help="Datasheets or directories (default: the current directory)."),
    output_format: CoverageFormat = typer.Option(
        CoverageFormat.table, "--output-format", metavar="FORMAT", help="table, or json for every item."),
    missing: bool = typer.Option(
        False, "--missing", help="List each unanswered question with the datasheet fields that answer it."),
    fail_under: float | None = typer.Option(
        None, "--fail-under", metavar="PERCENT", min=0, max=100,
        help="Exit 1 when a datasheet's coverage of --standard is below this percentage."),
    standard: str = typer.Option("context", "--standard", metavar="NAME",
                                 help="The standard --fail-under applies to: datasheets, data-statements, "
                                      "hf-card, croissant-rai or context."),
    exit_zero: bool = exit_zero_option(),
    quiet: bool = quiet_option(),
    max_bytes: int | None = max_bytes_option(),
    respect_gitignore: bool | None = respect_gitignore_option(),
    follow_links: bool | None = follow_links_option(),
    config: str | None = config_option(),
    isolated: bool = isolated_option(),
) -> None:
    """Show how much of each documentation standard datasheets answer.

    The standards: Datasheets for Datasets, Data Statements, the Hugging Face card, Croissant RAI
    1.0 and datacard's context fields; for several datasheets, a mean across them.
    """

    from datacard.escape import json_dumps, log_path, terminal_text
    from datacard.findings import Report
    from datacard.interop.coverage import STANDARDS, coverage, summary
    from datacard.kinds import COVERAGE, manifest_given
    from datacard.model import Datasheet
    from datacard.validate import validate_file

    if standard not in STANDARDS:
        raise fail(f"unknown standard {standard!r}; choose from {', '.join(STANDARDS)}")
    project = open_project(paths, config=config, isolated=isolated, max_bytes=max_bytes,
                           respect_gitignore=respect_gitignore, follow_links=follow_links)
    found = selected(project, COVERAGE, "datasheets (*.datacard.yaml, *.datacard.yml)", quiet=quiet)
    problems = Report()
    results = []
    for path in found.files:
        model, report = validate_file(path, max_bytes=project.max_bytes)
        if isinstance(model, Datasheet):
            results.append(coverage(model, path, needs=project.needs))
        elif model is None:
            problems.merge(report)
        elif path in found.named:  # a training manifest named on the command line has no coverage
            from datacard.codes import WRONG_KIND  # not at the top: `datacard --help` loads this module

            found.rejected.append(WRONG_KIND.finding(path, 0, 0, manifest_given(COVERAGE)))
    # The table is the standard output; files that are not valid datasheets are reported beside it.
    print_findings(with_selection(problems, found), project.output_format, err=True, quiet=quiet)
    if output_format is CoverageFormat.json:
        doc = {"datasheets": [r.to_dict() for r in results], "summary": summary(results, needs=project.needs)}
        typer.echo(json_dumps(doc))
    else:
        typer.echo(terminal_text(_table(results, missing, project.needs)), nl=False)  # paths are file names
    low = [r for r in results if fail_under is not None and 100 * r.standards[standard].ratio < fail_under]
    for r in low:  # the exit code alone would not say which datasheet fell short
        typer.echo(f"{log_path(r.path or r.name)}: {round(100 * r.standards[standard].ratio)}% of {standard}, "
                   f"under --fail-under {fail_under:g}%; `--missing` lists what to answer", err=True)
    raise typer.Exit(run_exit(found, bool(problems.findings or low) and not exit_zero))
