"""`datacard import` and `datacard export`: Hugging Face cards and Croissant JSON-LD."""

from __future__ import annotations

from pathlib import Path

import typer

from datacard.cli.app import Exit, app, fail
from datacard.cli.output import FindingFormat, write_output

import_app = typer.Typer(help="Convert a Hugging Face card or a Croissant file to a datasheet.",
                         no_args_is_help=True)
export_app = typer.Typer(help="Write a datasheet as a Hugging Face card or Croissant JSON-LD.",
                         no_args_is_help=True)
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")




_OUT_HELP = "Write to this file (default: standard output)."
_FORCE_HELP = "Overwrite the output file if it exists."
_FORMAT_HELP = "Format of the findings."


def _print_findings(report: object, fmt: FindingFormat, to_stderr: bool) -> None:
    from datacard.findings import Report
    from datacard.report import render_report

    assert isinstance(report, Report)
    if report.findings or fmt is not FindingFormat.concise:
        typer.echo(render_report(report, fmt.value), nl=False, err=to_stderr)


def _exit_code(report: object) -> int:
    from datacard.findings import Report, Severity

    assert isinstance(report, Report)
    return int(Exit.FINDINGS if report.fails(Severity.WARNING) else Exit.CLEAN)


def _name_from(out: Path | None) -> str | None:
    if out is None:
        return None
    for suffix in (".datacard.yaml", ".datacard.yml", ".yaml", ".yml"):
        if out.name.endswith(suffix):
            return out.name[: -len(suffix)] or None
    return None


def _import(fmt: str, source: Path, out: Path | None, force: bool, name: str | None,
            output_format: FindingFormat, max_bytes: int) -> None:
    from datacard.interop import import_file
    from datacard.load import dump_yaml
    from datacard.starter import schema_reference

    if out is not None and out.exists() and not force:
        raise fail(f"{out} exists; pass --force to overwrite it")
    result = import_file(fmt, source, name=name or _name_from(out), max_bytes=max_bytes)
    report = result.report()
    _print_findings(report, output_format, to_stderr=out is None)
    if result.datasheet is None:
        raise typer.Exit(int(Exit.FINDINGS))
    header = f"# yaml-language-server: $schema={schema_reference(out or Path('imported.datacard.yaml'))}\n"
    header += f"# Imported from {source.name} by `datacard import {fmt}`; review every field.\n"
    write_output(header + dump_yaml(result.data), out, force)
    raise typer.Exit(_exit_code(report))


def _export(fmt: str, source: Path, out: Path | None, force: bool, output_format: FindingFormat) -> None:
    from datacard.interop import export_datasheet
    from datacard.report import render_report
    from datacard.validate import load_datasheet

    if not source.is_file():
        raise fail(f"no such file: {source}")
    if out is not None and out.exists() and not force:
        raise fail(f"{out} exists; pass --force to overwrite it")
    datasheet, report = load_datasheet(source)
    if datasheet is None or report.errors:
        typer.echo(render_report(report, output_format.value), nl=False, err=True)
        raise typer.Exit(int(Exit.FINDINGS))
    result = export_datasheet(fmt, datasheet, str(out) if out else None)
    exported = result.report()
    _print_findings(exported, output_format, to_stderr=True)
    write_output(result.text, out, force)
    raise typer.Exit(_exit_code(exported))


@import_app.command("hf")
def import_hf(
    card: Path = typer.Argument(..., help="The card: README.md with YAML front matter."),
    out: Path | None = typer.Option(None, "--output", "-o", help=_OUT_HELP),
    force: bool = typer.Option(False, "--force", help=_FORCE_HELP),
    name: str | None = typer.Option(None, "--name", help="Datasheet name (default: from -o, else the title)."),
    output_format: FindingFormat = typer.Option(FindingFormat.concise, "--output-format", help=_FORMAT_HELP),
    max_bytes: int = typer.Option(10 * 1024 * 1024, "--max-bytes", help="Largest file to read.", min=1),
) -> None:
    """Convert a Hugging Face dataset card to a datasheet; report what could not be mapped."""
    _import("hf", card, out, force, name, output_format, max_bytes)


@import_app.command("croissant")
def import_croissant(
    source: Path = typer.Argument(..., help="The Croissant JSON-LD file (metadata.json)."),
    out: Path | None = typer.Option(None, "--output", "-o", help=_OUT_HELP),
    force: bool = typer.Option(False, "--force", help=_FORCE_HELP),
    name: str | None = typer.Option(None, "--name", help="Datasheet name (default: from -o, else `name`)."),
    output_format: FindingFormat = typer.Option(FindingFormat.concise, "--output-format", help=_FORMAT_HELP),
    max_bytes: int = typer.Option(10 * 1024 * 1024, "--max-bytes", help="Largest file to read.", min=1),
) -> None:
    """Convert Croissant metadata (with or without RAI properties) to a datasheet."""
    _import("croissant", source, out, force, name, output_format, max_bytes)


@export_app.command("hf")
def export_hf(
    datasheet: Path = typer.Argument(..., help="The datasheet to export."),
    out: Path | None = typer.Option(None, "--output", "-o", help=_OUT_HELP),
    force: bool = typer.Option(False, "--force", help=_FORCE_HELP),
    output_format: FindingFormat = typer.Option(FindingFormat.concise, "--output-format", help=_FORMAT_HELP),
) -> None:
    """Write a Hugging Face dataset card (README.md) from a datasheet."""
    _export("hf", datasheet, out, force, output_format)


@export_app.command("croissant")
def export_croissant(
    datasheet: Path = typer.Argument(..., help="The datasheet to export."),
    out: Path | None = typer.Option(None, "--output", "-o", help=_OUT_HELP),
    force: bool = typer.Option(False, "--force", help=_FORCE_HELP),
    output_format: FindingFormat = typer.Option(FindingFormat.concise, "--output-format", help=_FORMAT_HELP),
) -> None:
    """Write Croissant 1.1 metadata with the RAI 1.0 properties from a datasheet."""
    _export("croissant", datasheet, out, force, output_format)
