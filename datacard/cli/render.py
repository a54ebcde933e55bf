"""`datacard render`: a datasheet as Markdown (or as the site's HTML page) for people, or a
catalogue of them in one process."""

from __future__ import annotations

import os
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
    write_generated,
    write_output,
)
from datacard.cli.project import (
    config_option,
    isolated_option,
    max_bytes_option,
    one_file,
    open_project,
    run_exit,
    selected,
    with_selection,
)


class RenderFormat(str, Enum):
    markdown = "markdown"
    html = "html"


@app.command()
def render(
    paths: list[Path] = typer.Argument(
        ..., metavar="DATASHEET",
        help="The datasheet to render; several, or folders to search, render a catalogue into --output DIR."),
    out: Path | None = output_option("Write the Markdown (or HTML) to this file (for a catalogue: to this "
                                     "folder, one NAME.md per datasheet)."),
    fmt: RenderFormat = typer.Option(
        RenderFormat.markdown, "--format", metavar="FORMAT",
        help="markdown, or html: the page `datacard site` builds for one datasheet, as one self-contained file."),
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

    Several datasheets, or folders searched as `validate` searches them, are rendered in one
    process into the folder --output names, each to the name of its file with .md.
    """
    if len(paths) > 1 or paths[0].is_dir():
        if fmt is RenderFormat.html:
            raise fail("--format html renders one datasheet; `datacard site` builds the HTML of a catalogue")
        _catalogue(paths, out, force=force, check=check, data=data, output_format=output_format,
                   max_bytes=max_bytes, quiet=quiet, config=config, isolated=isolated)
        return
    path = paths[0]
    from datacard.kinds import datasheet_reader
    from datacard.load import load
    from datacard.render import render_markdown
    from datacard.render.markdown import GENERATED_MARKER, HTML_MARKER
    from datacard.validate import datasheet_loaded

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
    loaded = load(source, max_bytes=project.max_bytes)
    datasheet, report = datasheet_loaded(loaded)
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
                               needs=project.needs, prose=loaded.source is not None)
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


# --- many datasheets in one process --------------------------------------------------------

# Suffixes taken off a file's name to name its page; a name that says nothing of the dataset
# (a card's README.md, a Croissant metadata.json) gives way to its folder's.
_SUFFIXES = (".datacard.yaml", ".datacard.yml", ".croissant.json", ".yaml", ".yml", ".json", ".markdown", ".md")
_GENERIC = frozenset({"readme", "metadata", "croissant", "datacard"})


def page_name(path: str) -> str:
    """The file name of a datasheet's page in a catalogue: `yelp.datacard.yaml` -> `yelp.md`."""
    name = os.path.basename(path)
    stem = next((name[: -len(s)] for s in _SUFFIXES if name.lower().endswith(s) and len(name) > len(s)), name)
    if stem.lower() in _GENERIC:
        stem = os.path.basename(os.path.dirname(os.path.abspath(path))) or stem
    return f"{stem}.md"


def _catalogue(paths: list[Path], out: Path | None, *, force: bool, check: bool, data: list[str],
               output_format: FindingFormat | None, max_bytes: int | None, quiet: bool, config: str | None,
               isolated: bool) -> None:
    """Render every datasheet the paths select into ``out``, one page each, in this process.

    A page is written as `render -o` writes one (atomically; over a file datacard did not write
    only with --force); a page that may not be written, or that two datasheets would share, is
    refused and the others are still written (exit 2). An invalid datasheet is reported and
    skipped (exit 1); a training manifest met in a folder is not a datasheet and is passed over.
    """
    import shlex

    from datacard.escape import log_line
    from datacard.findings import Report
    from datacard.kinds import datasheet_reader
    from datacard.load import load
    from datacard.render import render_markdown
    from datacard.render.markdown import GENERATED_MARKER
    from datacard.validate import datasheet_loaded
    from datacard.write import WriteRefused

    if out is None:
        raise fail("several datasheets need --output DIR: the folder their pages are written to")
    if data:
        raise fail("--data measures the data of one datasheet; render that datasheet alone")
    if out.exists() and not out.is_dir():
        raise fail(f"--output {out} is a file; give the folder the pages go into")
    project = open_project([str(p) for p in paths], config=config, isolated=isolated, max_bytes=max_bytes,
                           output_format=value(output_format))
    found = selected(project, datasheet_reader("render"), "datasheets (*.datacard.yaml, *.datacard.yml)",
                     quiet=quiet)
    needs = project.needs
    inputs = {Path(f).resolve() for f in found.files}
    command = shlex.join(["datacard", "render", *map(str, paths), "-o", str(out)])
    report, pages, problems = Report(), dict[Path, str](), list[str]()
    failed, written = False, 0
    for source in found.files:
        loaded = load(source, max_bytes=project.max_bytes)
        if source not in found.named and isinstance(loaded.data, dict) and loaded.data.get("kind") == "training":
            continue  # a training manifest met in a folder: nothing to render
        datasheet, checked = datasheet_loaded(loaded)
        report.merge(checked)
        if datasheet is None:
            failed = True
            continue
        target = out / page_name(source)
        if target in pages:
            problems.append(f"{source} and {pages[target]} would both be rendered to {target}; "
                            "render one of them alone")
            continue
        pages[target] = source
        if target.resolve() in inputs:
            problems.append(f"{target} is the input {source}; choose another --output folder")
            continue
        text = render_markdown(datasheet, None, needs=needs, prose=loaded.source is not None)
        if check:
            current = target.read_bytes() if target.is_file() else None
            if current is None or current.replace(b"\r\n", b"\n") != text.encode("utf-8"):
                state = "missing" if current is None else "out of date"
                typer.echo(log_line(f"{target}: {state}; run `{command}`"))
                failed = True
            continue
        try:
            out.mkdir(parents=True, exist_ok=True)
            write_generated(text, target, force, GENERATED_MARKER)
            written += 1
        except WriteRefused as exc:
            problems.append(str(exc))
        except OSError as exc:
            problems.append(f"cannot write {target}: {exc.strerror or exc}")
    print_findings(with_selection(report, found), project.output_format, quiet=quiet)
    for problem in problems:
        typer.echo(f"datacard: error: {log_line(problem)}", err=True)
    if not quiet and not check:
        typer.echo(log_line(f"wrote {written} pages to {out}"), err=True)
    code = run_exit(found, failed)
    raise typer.Exit(int(Exit.USAGE) if problems else code)
