"""`datacard import` and `datacard export`: Hugging Face cards and Croissant JSON-LD."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from datacard.cli.app import Exit, Typer, app, fail
from datacard.cli.output import (
    FailOn,
    FindingFormat,
    fail_on_option,
    findings_exit,
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

if TYPE_CHECKING:
    from datacard.project import Project

import_app = Typer(help="Convert a Hugging Face card or a Croissant file to a datasheet.", no_args_is_help=True)
export_app = Typer(help="Write a datasheet as a Hugging Face card or Croissant JSON-LD.", no_args_is_help=True)
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")


@dataclass(frozen=True)
class _Options:
    """The options every import and export command takes that shape its project."""

    output_format: FindingFormat | None
    fail_on: FailOn | None
    max_bytes: int | None
    config: str | None
    isolated: bool
    quiet: bool = False


def _name_from(out: Path | None) -> str | None:
    if out is None:
        return None
    for suffix in (".datacard.yaml", ".datacard.yml", ".yaml", ".yml"):
        if out.name.endswith(suffix):
            return out.name[: -len(suffix)] or None
    return None


def _name_from_id(ids: list[str]) -> str | None:
    """`hf:owner/name` names the datasheet `name` when nothing else does."""
    return ids[0].rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1] or None if ids else None


def _project(source: Path, options: _Options) -> Project:
    return open_project([str(source)], config=options.config, isolated=options.isolated,
                        max_bytes=options.max_bytes, output_format=value(options.output_format),
                        fail_on=value(options.fail_on))


def _identifiers(values: list[str]) -> list[str]:
    from pydantic import TypeAdapter, ValidationError

    from datacard.model.types import Identifier

    adapter: TypeAdapter[str] = TypeAdapter(Identifier)
    for given in values:
        try:
            adapter.validate_python(given)
        except ValidationError:
            raise fail(f"--id {given!r} is not an identifier; write it with its scheme, such as "
                       "hf:owner/name or doi:10.1234/abc") from None
    return values


def _import(fmt: str, source: Path, out: Path | None, force: bool, name: str | None, options: _Options,
            ids: list[str] | None = None) -> None:
    from datacard.interop import import_file
    from datacard.interop.common import with_identifiers
    from datacard.kinds import IMPORT_CROISSANT, IMPORT_HF
    from datacard.load import dump_yaml
    from datacard.starter import schema_note, schema_reference

    project = _project(source, options)
    path = one_file(project, source, IMPORT_HF if fmt == "hf" else IMPORT_CROISSANT, project.output_format)
    refuse_overwriting_input(out, source)
    if out is not None and out.exists() and not force:
        raise fail(f"{out} exists; pass --force to overwrite it")
    ids = _identifiers(ids or [])
    result = import_file(fmt, path, name=name or _name_from(out) or _name_from_id(ids), max_bytes=project.max_bytes)
    result = with_identifiers(result, ids)
    report = result.report()
    # Findings go to standard error only when the datasheet itself is the standard output.
    print_findings(report, project.output_format, err=out is None, quiet=options.quiet)
    if result.datasheet is None:
        raise typer.Exit(int(Exit.FINDINGS))
    header = f"# yaml-language-server: $schema={schema_reference(out or Path('imported.datacard.yaml'))}\n"
    header += f"# Imported from {source.name} by `datacard import {fmt}`; review every field.\n"
    write_output(header + dump_yaml(result.data), out, force, datasheet=True, markdown=False, quiet=options.quiet)
    note = schema_note(out) if out is not None else None
    if note is not None:
        typer.echo(f"datacard: note: {note}", err=True)
    raise typer.Exit(findings_exit(report, project.fail_on))


def _export(fmt: str, source: Path, out: Path | None, force: bool, options: _Options) -> None:
    from datacard.interop import export_datasheet
    from datacard.kinds import datasheet_reader
    from datacard.validate import load_datasheet

    project = _project(source, options)
    path = one_file(project, source, datasheet_reader(f"export {fmt}"), project.output_format)
    refuse_overwriting_input(out, source)
    if out is not None and out.exists() and not force:
        raise fail(f"{out} exists; pass --force to overwrite it")
    datasheet, report = load_datasheet(path, max_bytes=project.max_bytes)
    if datasheet is None or report.errors:
        print_findings(report, project.output_format, err=out is None, quiet=options.quiet)
        raise typer.Exit(int(Exit.FINDINGS))
    result = export_datasheet(fmt, datasheet, str(out) if out else None)
    exported = result.report()
    # Findings go to standard error only when the card itself is the standard output, as in import.
    print_findings(exported, project.output_format, err=out is None, quiet=options.quiet)
    write_output(result.text, out, force, quiet=options.quiet)
    raise typer.Exit(findings_exit(exported, project.fail_on))


def _add_import(fmt: str, source_help: str, name_help: str, doc: str) -> None:
    def command(
        source: Path = typer.Argument(..., metavar="SOURCE", help=source_help),
        out: Path | None = output_option(),
        force: bool = force_option(),
        name: str | None = typer.Option(None, "--name", metavar="NAME", help=name_help),
        ids: list[str] = typer.Option(
            [], "--id", metavar="ID", help="An identifier of the dataset, such as hf:owner/name, recorded first "
            "among its identifiers so that model cards naming it find the datasheet (repeatable)."),
        output_format: FindingFormat | None = findings_format_option(),
        fail_on: FailOn | None = fail_on_option(),
        max_bytes: int | None = max_bytes_option(),
        quiet: bool = quiet_option(),
        config: str | None = config_option(),
        isolated: bool = isolated_option(),
    ) -> None:
        options = _Options(output_format, fail_on, max_bytes, config, isolated, quiet)
        _import(fmt, source, out, force, name, options, ids)

    command.__doc__ = doc
    import_app.command(fmt)(command)


def _add_export(fmt: str, doc: str) -> None:
    def command(
        datasheet: Path = typer.Argument(..., metavar="DATASHEET", help="The datasheet to export."),
        out: Path | None = output_option(),
        force: bool = force_option(),
        output_format: FindingFormat | None = findings_format_option(),
        fail_on: FailOn | None = fail_on_option(),
        max_bytes: int | None = max_bytes_option(),
        quiet: bool = quiet_option(),
        config: str | None = config_option(),
        isolated: bool = isolated_option(),
    ) -> None:
        _export(fmt, datasheet, out, force, _Options(output_format, fail_on, max_bytes, config, isolated, quiet))

    command.__doc__ = doc
    export_app.command(fmt)(command)


_add_import("hf", "The card: README.md with YAML front matter.",
            "Datasheet name (default: from -o, else the title).",
            "Convert a Hugging Face dataset card to a datasheet; report what could not be mapped.")
_add_import("croissant", "The Croissant JSON-LD file (metadata.json).",
            "Datasheet name (default: from -o, else `name`).",
            "Convert Croissant metadata (with or without RAI properties) to a datasheet.")
_add_export("hf", "Write a Hugging Face dataset card (README.md) from a datasheet.")
_add_export("croissant", "Write Croissant 1.1 metadata with the RAI 1.0 properties from a datasheet.")
