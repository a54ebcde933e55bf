"""`datacard embed`, `extract`, `profile`, `check` and `represent`: datasheets in data pipelines.

pandas, pyarrow and narwhals come with the `data` extra and are imported inside the command
functions only, so that `datacard validate` and `datacard lint` never pay for them. Each command
first checks that the extra is installed, and says how to install it when it is not.
"""

from __future__ import annotations

import shlex
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from datacard.cli.app import Exit, app, fail
from datacard.cli.output import (
    FailOn,
    FindingFormat,
    codes,
    exit_zero_option,
    extend_select_option,
    fail_on_option,
    findings_exit,
    findings_format_option,
    finish_check,
    force_option,
    ignore_option,
    output_option,
    print_findings,
    quiet_option,
    refuse_overwriting_input,
    select_option,
    statistics_option,
    value,
    write_output,
)
from datacard.cli.project import config_option, isolated_option, max_bytes_option, one_file, open_project
from datacard.cli.sources import data_sources, measure, require_data_or_exit, source_paths

if TYPE_CHECKING:
    from datacard.findings import Report
    from datacard.project import Project


_DATA_HELP = (
    "Data files (CSV, Parquet, JSON Lines). Several files, or NAME=PATH pairs, are one split each "
    "unless --split-column is given."
)


def _findings_exit(report: Report, fmt: str) -> typer.Exit:
    print_findings(report, fmt)
    return typer.Exit(int(Exit.FINDINGS))


def _project(datasheet: Path | None, data: list[str], config: str | None, isolated: bool,
             **flags: Any) -> Project:
    """The project of a data command: around the datasheet, else the first data file; each data
    file named must be data (a datasheet passed as data is refused with what to write instead)."""
    from datacard.kinds import DATA

    paths = source_paths(data_sources(data))
    project = open_project([str(datasheet)] if datasheet is not None else paths[:1], config=config,
                           isolated=isolated, **flags)
    for path in paths:
        if Path(path).is_file():
            one_file(project, path, DATA, project.output_format)
    return project


def _datasheet(project: Project, path: Path | None, command: str) -> tuple[Any, Any]:
    """The validated datasheet and its loaded source, or exit with its findings."""
    if path is None:
        return None, None
    from datacard.data.frame import loaded_datasheet
    from datacard.data.read import DataError
    from datacard.kinds import datasheet_reader

    source = one_file(project, path, datasheet_reader(command), project.output_format)
    try:
        sheet, loaded, report = loaded_datasheet(source, max_bytes=project.max_bytes)
    except (DataError, ValueError) as exc:  # a data file, or a Parquet file without a datasheet
        raise fail(str(exc)) from None
    if sheet is None:
        raise _findings_exit(report, project.output_format)
    return sheet, loaded


def _same_file(a: Path, b: Path | None) -> bool:
    return b is not None and a.resolve() == b.resolve()


def _embedded(project: Project, data: list[str]) -> tuple[Any, Any]:
    """The datasheet the first Parquet file carries, with positions in its embedded text."""
    from datacard.codebook import data as codes
    from datacard.data.check import carried_datasheet
    from datacard.data.read import DataError

    try:
        sheet, loaded, report = carried_datasheet(data_sources(data), max_bytes=project.max_bytes)
    except DataError as exc:
        raise fail(str(exc)) from None
    if sheet is None:
        if any(f.code == codes.NO_EMBEDDED.code for f in report.findings):
            raise fail("no --datasheet given, and the data carries none (see `datacard embed`)")
        raise _findings_exit(report, project.output_format)
    return sheet, loaded


# The options that profile, check and represent share, defined once.
def _data() -> Any:
    return typer.Argument(..., metavar="DATA", help=_DATA_HELP)


def _datasheet_option(help: str) -> Any:
    return typer.Option(None, "--datasheet", "-d", metavar="FILE", help=help)


def _split_column() -> Any:
    return typer.Option(None, "--split-column", metavar="COLUMN", help="Column naming each row's split.")


def _subgroup() -> Any:
    return typer.Option([], "--subgroup", metavar="COLUMN", help="A subgroup column (repeatable).")


def _label() -> Any:
    return typer.Option(None, "--label", metavar="COLUMN", help="The label column.")


def _positive() -> Any:
    return typer.Option(None, "--positive", metavar="VALUE", help="The positive label value.")


def _threshold() -> Any:
    return typer.Option(0.8, "--threshold", metavar="RATIO", help="Lowest accepted ratio of label rates.",
                        min=0, max=1)


def _reference() -> Any:
    return typer.Option(None, "--reference", metavar="GROUP", help="Compare groups with this group's rate.")


def _min_group() -> Any:
    return typer.Option(30, "--min-group", metavar="N", help="Smallest group whose rate is judged.", min=1)


def _data_format() -> Any:
    return typer.Option(None, "--format", metavar="FORMAT", help="csv, parquet or jsonl (default: from the name).")


def _block_mb() -> Any:
    return typer.Option(4, "--block-mb", metavar="MB", min=1,
                        help="MB of CSV or JSON text per batch; types are inferred from the first.")


def _sample() -> Any:
    return typer.Option(None, "--sample", metavar="N", min=1,
                        help="Read only the first N rows, as a sample: counts are not measured from it, and "
                             "shares get 95% intervals.")


def _print_findings(report: Report, fmt: str) -> None:
    """Findings beside a command's output (a table, a datasheet): on standard error."""
    from datacard.reporters import render_report

    if report.findings:
        typer.echo(render_report(report, fmt), nl=False, err=True)


def _measured_on(value: str | None) -> str | None:
    import re

    if value is not None and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise fail(f"--measured-on {value!r}: write an ISO date such as 2024-05-02")
    return value


def _shown_sources(data: list[str], datasheet: Path | None) -> tuple[str, ...]:
    """The data files as the datasheet's record names them: relative to its folder when they lie
    below it, else by file name (a record never carries a path of the machine that measured)."""
    import os

    folder = os.path.dirname(os.path.abspath(datasheet)) if datasheet is not None else os.getcwd()
    out = []
    for path in source_paths(data_sources(data)):
        rel = os.path.relpath(os.path.abspath(path), folder)
        out.append(rel.replace(os.sep, "/") if not rel.startswith(os.pardir) else os.path.basename(path))
    return tuple(out)


@app.command()
def embed(
    datasheet: Path = typer.Argument(..., metavar="DATASHEET", help="The datasheet to embed."),
    data: Path = typer.Argument(..., metavar="PARQUET", help="The Parquet file to carry it."),
    force: bool = typer.Option(False, "--force", help="Replace a datasheet the file already carries."),
    max_bytes: int | None = max_bytes_option(),
    quiet: bool = quiet_option(),
    config: str | None = config_option(),
    isolated: bool = isolated_option(),
) -> None:
    """Write a datasheet into a Parquet file's schema metadata (the file is rewritten atomically)."""
    require_data_or_exit("datacard embed")
    from datacard.data.frame import DatasheetError
    from datacard.data.parquet import AlreadyEmbedded, embed
    from datacard.data.read import DataError

    if not data.is_file():
        raise fail(f"no such file: {data}")
    project = _project(datasheet, [str(data)], config, isolated, max_bytes=max_bytes)
    _datasheet(project, datasheet, "embed")  # read within the project's limits before anything is written
    try:
        embed(datasheet, data, force=force)
    except DatasheetError as exc:
        raise _findings_exit(exc.report, project.output_format) from None
    except (AlreadyEmbedded, DataError, ValueError) as exc:
        raise fail(str(exc)) from None
    from datacard.escape import terminal_line

    if not quiet:
        typer.echo(f"embedded {terminal_line(str(datasheet))} in {terminal_line(str(data))}", err=True)


@app.command()
def extract(
    data: Path = typer.Argument(..., metavar="PARQUET", help="A Parquet file that carries a datasheet."),
    out: Path | None = output_option("Write the datasheet to this file."),
    force: bool = force_option(),
    max_bytes: int | None = max_bytes_option(),
    quiet: bool = quiet_option(),
    config: str | None = config_option(),
    isolated: bool = isolated_option(),
) -> None:
    """Print the datasheet a Parquet file carries, read from its footer alone."""
    require_data_or_exit("datacard extract")
    from datacard.codebook import data as codes
    from datacard.data.frame import DatasheetError
    from datacard.data.parquet import METADATA_KEY, extract_text
    from datacard.data.read import DataError
    from datacard.findings import Report

    if not data.is_file():
        raise fail(f"no such file: {data}")
    project = _project(None, [str(data)], config, isolated, max_bytes=max_bytes)
    refuse_overwriting_input(out, data)
    try:
        text = extract_text(data, max_bytes=project.max_bytes)
    except DataError as exc:
        raise fail(str(exc)) from None
    except DatasheetError as exc:
        raise _findings_exit(exc.report, project.output_format) from None
    if text is None:
        report = Report(files=[str(data)])
        report.add(codes.NO_EMBEDDED.finding(
            str(data), 0, 0, f"no {METADATA_KEY.decode()} entry in the schema metadata; "
            f"run `datacard embed DATASHEET {shlex.quote(str(data))}`"))
        raise _findings_exit(report, project.output_format)
    # Printed as it is (to see what a file carries); written to a file only when it validates.
    write_output(text, out, force, datasheet=out is not None, markdown=False, quiet=quiet)


class ProfileFormat(str, Enum):
    yaml = "yaml"
    json = "json"


@app.command("profile")
def profile_command(
    data: list[str] = _data(),
    datasheet: Path | None = _datasheet_option("Merge the facts into this datasheet."),
    split_column: str | None = _split_column(),
    subgroup: list[str] = _subgroup(),
    label: str | None = _label(),
    fmt: str | None = _data_format(),
    block_mb: int = _block_mb(),
    out: Path | None = output_option(),
    force: bool = force_option("Overwrite the output file if it exists (it may be the datasheet)."),
    output_format: ProfileFormat = typer.Option(
        ProfileFormat.yaml, "--output-format", metavar="FORMAT", help="yaml, or json for everything measured."),
    as_json: bool = typer.Option(False, "--json", help="Short for --output-format json."),
    sample: int | None = _sample(),
    accept: list[str] = typer.Option(
        [], "--accept", metavar="FIELD",
        help="Write the measured value of this field where the datasheet says another (the field a DC515 "
             "finding names, such as composition.count); repeatable."),
    accept_measured: bool = typer.Option(False, "--accept-measured",
                                         help="Write every measured value where the datasheet says another."),
    measured_on: str | None = typer.Option(
        None, "--measured-on", metavar="DATE",
        help="The date the record gives (default: SOURCE_DATE_EPOCH, else today), for reproducible output."),
    fail_on: FailOn | None = fail_on_option(),
    max_bytes: int | None = max_bytes_option(),
    quiet: bool = quiet_option(),
    config: str | None = config_option(),
    isolated: bool = isolated_option(),
) -> None:
    """Measure the composition facts of data: counts, splits, fields, missing values, groups.

    Prints a `composition:` section; with --datasheet, prints the datasheet with the facts
    merged in, comments and hand-written text kept; with --output-format json (or --json),
    everything measured. To update the datasheet in place, pass `-o DATASHEET --force`.

    A documented value the data contradicts is kept, and reported (DC515) with both values;
    --accept FIELD or --accept-measured writes the measured one. Rows from a sample (--sample,
    or fewer rows than the datasheet counts) never replace a count. The facts written are
    recorded in composition.measured. See docs/pipelines.md.
    """
    require_data_or_exit("datacard profile")
    from datacard.data.merge import MergeError, composition_yaml, merge_measured
    from datacard.data.reconcile import Accept, Options
    from datacard.findings import Report
    from datacard.write import fingerprint

    refuse_overwriting_input(out, *source_paths(data_sources(data)))
    # What the output file was before anything is read: a file that changes while the data is
    # measured (another `profile -o` on it) is not replaced, so that no one's change is lost.
    expect = fingerprint(out) if out is not None else None
    project = _project(datasheet, data, config, isolated, max_bytes=max_bytes, fail_on=value(fail_on))
    try:
        options = Options(Accept.parse(accept, accept_measured), _measured_on(measured_on),
                          sources=_shown_sources(data, datasheet))
    except ValueError as exc:
        raise fail(f"--accept: {exc}; give a field path such as composition.count") from None
    sheet, loaded = _datasheet(project, datasheet, "profile --datasheet")
    if loaded is not None and loaded.path != str(datasheet) and out is not None and _same_file(out, datasheet):
        raise fail(f"{datasheet} carries its datasheet in its footer; write the merged datasheet to a "
                   "YAML file, then put it back with `datacard embed --force`")
    prof = measure(data, sheet, split_column, subgroup, label, fmt, block_mb, sample, quiet=quiet)
    if as_json or output_format is ProfileFormat.json:
        from datacard.escape import json_dumps

        write_output(json_dumps(prof.to_dict()) + "\n", out, force, expect=expect, quiet=quiet)
        return
    if loaded is None:
        write_output(composition_yaml(prof, options), out, force, expect=expect, quiet=quiet)
        return
    markdown = loaded.body is not None
    try:
        merged = merge_measured(loaded.text, prof, path=loaded.path, markdown=markdown, options=options)
    except MergeError as exc:
        raise fail(f"{datasheet}: {exc}") from None
    report = Report(findings=merged.findings, files=[loaded.path])
    _print_findings(report, project.output_format)
    write_output(merged.text, out, force, datasheet=True, markdown=markdown, expect=expect, quiet=quiet)
    raise typer.Exit(findings_exit(report, project.fail_on))


def _check_options(tolerance: float, threshold: float, min_group: int, positive: str | None,
                   reference: str | None) -> Any:
    from datacard.data.check import Options

    return Options(tolerance=tolerance, threshold=threshold, min_group=min_group,
                   positive=positive, reference=reference)


@app.command()
def check(
    data: list[str] = _data(),
    datasheet: Path | None = _datasheet_option(
        "The datasheet the data must match (default: the one Parquet data carries)."),
    split_column: str | None = _split_column(),
    subgroup: list[str] = _subgroup(),
    label: str | None = _label(),
    positive: str | None = _positive(),
    threshold: float = _threshold(),
    reference: str | None = _reference(),
    min_group: int = _min_group(),
    tolerance: float = typer.Option(0.01, "--tolerance", metavar="RATIO", min=0,
                                    help="Accepted difference in missing share."),
    fmt: str | None = _data_format(),
    block_mb: int = _block_mb(),
    select: list[str] | None = select_option(),
    extend_select: list[str] | None = extend_select_option(),
    ignore: list[str] | None = ignore_option(),
    sample: int | None = _sample(),
    output_format: FindingFormat | None = findings_format_option(),
    statistics: bool = statistics_option(),
    exit_zero: bool = exit_zero_option(),
    fail_on: FailOn | None = fail_on_option(),
    quiet: bool = quiet_option(),
    max_bytes: int | None = max_bytes_option(),
    config: str | None = config_option(),
    isolated: bool = isolated_option(),
) -> None:
    """Check data against its datasheet; findings point at the datasheet's lines.

    With --sample N, only the first N rows are read: counts are then not compared, and missing
    shares are judged by their 95% interval.
    """
    require_data_or_exit("datacard check")
    from datacard.data.check import check_profile
    from datacard.data.represent import RepresentationError
    from datacard.rule_selection import selected_findings

    project = _project(datasheet, data, config, isolated, max_bytes=max_bytes,
                       output_format=value(output_format), fail_on=value(fail_on), select=codes(select),
                       extend_select=codes(extend_select) or [], ignore=codes(ignore) or [])
    sheet, loaded = (_datasheet(project, datasheet, "check --datasheet") if datasheet is not None
                     else _embedded(project, data))
    prof = measure(data, sheet, split_column, subgroup, label, fmt, block_mb, sample, quiet=quiet)
    try:
        report = check_profile(prof, sheet, loaded,
                               _check_options(tolerance, threshold, min_group, positive, reference))
    except RepresentationError as exc:
        raise fail(str(exc)) from None
    report.findings = selected_findings(report.findings, project.rules, project.severity)
    finish_check(report, project, quiet=quiet, statistics=statistics, exit_zero=exit_zero)


@app.command()
def represent(
    data: list[str] = _data(),
    datasheet: Path | None = _datasheet_option("Take subgroup and label columns from it."),
    subgroup: list[str] = _subgroup(),
    label: str | None = _label(),
    positive: str | None = _positive(),
    threshold: float = _threshold(),
    reference: str | None = _reference(),
    min_group: int = _min_group(),
    fmt: str | None = _data_format(),
    block_mb: int = _block_mb(),
    sample: int | None = _sample(),
    out: Path | None = output_option("Write the Markdown table to this file."),
    force: bool = force_option(),
    fail_on: FailOn | None = fail_on_option(),
    max_bytes: int | None = max_bytes_option(),
    quiet: bool = quiet_option(),
    config: str | None = config_option(),
    isolated: bool = isolated_option(),
) -> None:
    """Print a Markdown table of subgroup sizes and label rates (four-fifths rule by default).

    The positive class is the datasheet's (`positive:` on the label field) or --positive; without
    one, every label value is judged. A flagged group (DC520) is also reported on standard error,
    and makes the exit code 1, as for every checking command (see --fail-on).
    """
    require_data_or_exit("datacard represent")
    from datacard.data.represent import RepresentationError, flags, representation, representation_table
    from datacard.findings import Report

    refuse_overwriting_input(out, *source_paths(data_sources(data)), *([datasheet] if datasheet else []))
    project = _project(datasheet, data, config, isolated, max_bytes=max_bytes, fail_on=value(fail_on))
    sheet, _ = _datasheet(project, datasheet, "represent --datasheet")
    prof = measure(data, sheet, None, subgroup, label, fmt, block_mb, sample, quiet=quiet)
    if not prof.groups:
        raise fail("no subgroup column: declare role: subgroup in the datasheet or pass --subgroup")
    try:
        rep = representation(prof, positive=positive, threshold=threshold, reference=reference,
                             min_group=min_group)
    except RepresentationError as exc:
        raise fail(str(exc)) from None
    where = source_paths(data_sources(data))[0]
    report = Report(findings=[f.code.finding(where, 0, 0, f.message, field=f.column) for f in flags(prof, rep)],
                    files=source_paths(data_sources(data)))
    write_output(representation_table(rep), out, force, quiet=quiet)
    _print_findings(report, project.output_format)
    raise typer.Exit(findings_exit(report, project.fail_on))
