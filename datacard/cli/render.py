"""`datacard render`: a datasheet as Markdown (or as the site's HTML page) for people."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import typer

from datacard.cli.app import Exit, app, fail
from datacard.cli.output import (
    FindingFormat,
    findings_format_option,
    force_option,
    output_option,
    print_findings,
    quiet_option,
    refuse_overwriting_input,
    value,
    write_output,
)
from datacard.cli.project import config_option, isolated_option, max_bytes_option, one_file, open_project


class RenderFormat(str, Enum):
    markdown = "markdown"
    html = "html"


@app.command()
def render(
    path: Path = typer.Argument(..., metavar="DATASHEET", help="The datasheet to render."),
    out: Path | None = output_option("Write the Markdown (or HTML) to this file."),
    fmt: RenderFormat = typer.Option(
        RenderFormat.markdown, "--format", metavar="FORMAT",
        help="markdown, or html: the page `datacard site` builds for it, as one self-contained file."),
    force: bool = force_option("Overwrite the output file even when datacard did not write it."),
    check: bool = typer.Option(False, "--check", help="Exit 1 if the --output file differs from a fresh render."),
    data: list[str] = typer.Option(
        [], "--data", metavar="DATA",
        help="Data files (CSV, Parquet, JSON Lines) to measure subgroup representation from."
    ),
    output_format: FindingFormat | None = findings_format_option(),
    max_bytes: int | None = max_bytes_option(),
    quiet: bool = quiet_option(),
    config: str | None = config_option(),
    isolated: bool = isolated_option(),
) -> None:
    """Render a datasheet as Markdown (or HTML), with missing context shown as not documented.

    A file that `render` wrote itself (its first line is datacard's generated-file marker) is
    replaced without --force; any other file needs --force.
    """
    from datacard.kinds import datasheet_reader
    from datacard.render import render_markdown
    from datacard.render.markdown import GENERATED_MARKER, HTML_MARKER
    from datacard.validate import load_datasheet

    if data:
        from datacard.cli.sources import require_data_or_exit

        require_data_or_exit("datacard render --data")
    if fmt is RenderFormat.html:
        from datacard.cli.site import require_site_or_exit

        require_site_or_exit("datacard render --format html")
    project = open_project([str(path)], config=config, isolated=isolated, max_bytes=max_bytes,
                           output_format=value(output_format))
    source = one_file(project, path, datasheet_reader("render"), project.output_format)
    if check and out is None:
        raise fail("--check needs --output OUT: the rendered file to compare")
    refuse_overwriting_input(out, path, *data)
    datasheet, report = load_datasheet(source, max_bytes=project.max_bytes)
    if datasheet is None:
        print_findings(report, project.output_format, quiet=quiet)
        raise typer.Exit(int(Exit.FINDINGS))
    if report.findings:  # a card or Croissant file read as a datasheet: what its conversion noted
        print_findings(report, project.output_format, err=True, quiet=quiet)
    if fmt is RenderFormat.html:
        from datacard.site.build import standalone_page

        measured = _measured(data, datasheet, quiet) if data else None
        text = HTML_MARKER + "\n" + standalone_page(project, source, measured)[0]
    else:
        text = render_markdown(datasheet, _representation(data, datasheet, quiet) if data else None,
                               needs=project.needs)
    marker = HTML_MARKER if fmt is RenderFormat.html else GENERATED_MARKER
    if check and out is not None:
        extra = ["--format", "html"] if fmt is RenderFormat.html else []
        _check(out, text, [str(path), *extra, "-o", str(out), *(arg for d in data for arg in ("--data", d))], marker)
        return
    write_output(text, out, force, generated=marker, quiet=quiet)


def _check(out: Path, text: str, args: list[str], marker: str) -> None:
    import shlex

    from datacard.escape import log_line
    try:
        current = out.read_bytes()
    except OSError:
        current = None
    # A checkout with Windows line ends (git's autocrlf) holds the same Markdown.
    if current is None or current.replace(b"\r\n", b"\n") != text.encode("utf-8"):
        state = "missing" if current is None else "out of date"
        # The command that brings it up to date: the same arguments, quoted for a shell; a file
        # datacard did not write needs --force to be replaced.
        ours = current is None or current.split(b"\n", 1)[0].rstrip(b"\r") == marker.encode()
        command = shlex.join(args if ours else [*args, "--force"])
        typer.echo(log_line(f"{out}: {state}; run `datacard render {command}`"))
        raise typer.Exit(int(Exit.FINDINGS))


def _measured(data: list[str], datasheet: object, quiet: bool) -> Any:
    """The representation of the subgroup and label fields the datasheet declares."""
    from datacard.cli.sources import measure
    from datacard.data.represent import RepresentationError, representation

    prof = measure(data, datasheet, None, [], None, None, quiet=quiet)
    if not prof.groups:
        raise fail("--data needs a field with role: subgroup in composition.fields of the datasheet")
    try:
        return representation(prof)
    except RepresentationError as exc:
        raise fail(str(exc)) from None


def _representation(data: list[str], datasheet: object, quiet: bool) -> str:
    """The representation table for the subgroup and label fields the datasheet declares."""
    from datacard.data.represent import representation_table

    return representation_table(_measured(data, datasheet, quiet))
