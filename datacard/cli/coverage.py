"""`datacard coverage`: how much of each documentation standard datasheets answer."""

from __future__ import annotations

from enum import Enum
from typing import Any

import typer

from datacard.cli.app import app, fail
from datacard.cli.output import print_findings
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
from datacard.codes import WRONG_KIND


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
            lines.append("")
            lines.append(f"{r.path or r.name}: not answered")
            for key, cov in r.standards.items():
                labels = {item.id: item.label for item in known[key][1]}
                shown = [m if labels[m] == m else f"{m} ({labels[m]})" for m in cov.missing]
                if shown:
                    lines.append(f"  {known[key][0]}: {', '.join(shown)}")
    return "\n".join(lines) + "\n"


@app.command()
def coverage(
    paths: list[str] = typer.Argument(
        None, metavar="PATH", help="Datasheets or directories (default: the current directory)."),
    output_format: CoverageFormat = typer.Option(CoverageFormat.table, "--output-format", help="Output format."),
    missing: bool = typer.Option(False, "--missing", help="List the items each datasheet leaves unanswered."),
    fail_under: float | None = typer.Option(
        None, "--fail-under", min=0, max=100,
        help="Exit 1 when a datasheet's coverage of --standard is below this percentage."),
    standard: str = typer.Option("context", "--standard", help="The standard --fail-under applies to."),
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
    import json

    from datacard.escape import log_path, terminal_text
    from datacard.findings import Report
    from datacard.interop.coverage import STANDARDS, coverage, summary
    from datacard.kinds import COVERAGE, manifest_given
    from datacard.model import Datasheet
    from datacard.validate import validate_file

    if standard not in STANDARDS:
        raise fail(f"unknown standard {standard!r}; choose from {', '.join(STANDARDS)}")
    project = open_project(paths, config=config, isolated=isolated, max_bytes=max_bytes,
                           respect_gitignore=respect_gitignore, follow_links=follow_links)
    found = selected(project, COVERAGE, "datasheets (*.datacard.yaml, *.datacard.yml)")
    problems = Report()
    results = []
    for path in found.files:
        model, report = validate_file(path, max_bytes=project.max_bytes)
        if isinstance(model, Datasheet):
            results.append(coverage(model, path, needs=project.needs))
        elif model is None:
            problems.merge(report)
        elif path in found.named:  # a training manifest named on the command line has no coverage
            found.rejected.append(WRONG_KIND.finding(path, 0, 0, manifest_given(COVERAGE)))
    # The table is the standard output; files that are not valid datasheets are reported beside it.
    print_findings(with_selection(problems, found), project.output_format, err=True)
    if output_format is CoverageFormat.json:
        doc = {"datasheets": [r.to_dict() for r in results], "summary": summary(results, needs=project.needs)}
        typer.echo(json.dumps(doc, indent=2))
    else:
        typer.echo(terminal_text(_table(results, missing, project.needs)), nl=False)  # paths are file names
    low = [r for r in results if fail_under is not None and 100 * r.standards[standard].ratio < fail_under]
    for r in low:  # the exit code alone would not say which datasheet fell short
        typer.echo(f"{log_path(r.path or r.name)}: {round(100 * r.standards[standard].ratio)}% of {standard}, "
                   f"under --fail-under {fail_under:g}%; `--missing` lists what to answer", err=True)
    raise typer.Exit(run_exit(found, bool(problems.findings or low)))
