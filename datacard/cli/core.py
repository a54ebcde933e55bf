"""`datacard validate` and `datacard schema`."""

from __future__ import annotations

import shlex
from pathlib import Path

import typer

from datacard.cli.app import Exit, app, fail
from datacard.cli.output import FindingFormat, findings_format_option, quiet_option, warn_if_empty, without_summary


@app.command()
def validate(
    paths: list[str] | None = typer.Argument(
        None, metavar="PATH", help="Files or directories (default: the current directory)."),
    output_format: FindingFormat = findings_format_option(),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes; 0 uses every core.", min=0),
    max_bytes: int | None = typer.Option(
        None, "--max-bytes", help="Largest file to read (default: 10 MB, or max-bytes in config).", min=1
    ),
    quiet: bool = quiet_option(),
    respect_gitignore: bool | None = typer.Option(
        None, "--respect-gitignore/--no-respect-gitignore",
        help="Skip files that .gitignore ignores when walking directories (default: on)."),
) -> None:
    """Check datasheets and training manifests against the schema.

    Directories are searched for *.datacard.yaml and *.datacard.yml, skipping what .gitignore
    and `exclude` in [tool.datacard] leave out; files named on the command line are always checked.
    """
    from datacard.config import ConfigError, resolve_config
    from datacard.discover import DATASHEET_PATTERNS, select_files
    from datacard.load import DEFAULT_MAX_BYTES
    from datacard.report import render_report
    from datacard.runner import crashed, validate_many

    targets = paths or ["."]
    try:
        cfg = resolve_config(targets[0])
    except ConfigError as exc:
        raise fail(str(exc)) from exc
    gitignore = cfg.respect_gitignore if respect_gitignore is None else respect_gitignore
    found = select_files(targets, DATASHEET_PATTERNS, root=cfg.root, respect_gitignore=gitignore,
                         exclude=cfg.exclude)
    if found.missing:
        raise fail(f"no such file or directory: {', '.join(found.missing)}")
    warn_if_empty(found.files, targets, "datasheets (*.datacard.yaml, *.datacard.yml)")
    limit = max_bytes or cfg.max_bytes or DEFAULT_MAX_BYTES
    report = validate_many(found.files, jobs=jobs, max_bytes=limit)
    text = render_report(report, output_format.value)
    if quiet:
        text = without_summary(text, output_format)
    typer.echo(text, nl=False)
    if crashed(report.findings):  # a bug in datacard: never mistaken for a clean or findings run
        raise typer.Exit(int(Exit.USAGE))
    raise typer.Exit(int(Exit.FINDINGS if report.findings else Exit.CLEAN))


@app.command()
def schema(
    out: Path | None = typer.Option(
        None, "--output", "-o", "--out", help="Directory to write the schema files into (--out is an old spelling)."),
    check: bool = typer.Option(False, "--check", help="Exit 1 if the files in --output are stale."),
    reference: bool = typer.Option(False, "--reference", help="Print a Markdown field reference instead."),
) -> None:
    """Print or write the JSON Schemas generated from the datasheet model."""
    from datacard.schema import all_schema_texts
    from datacard.write import write_text_atomic

    if reference:
        from datacard.fieldref import field_reference

        typer.echo(field_reference(), nl=False)
        return
    texts = all_schema_texts()
    if out is None:
        typer.echo(texts["datasheet.schema.json"], nl=False)
        return
    if out.exists() and not out.is_dir():
        raise fail(f"--output {out} is a file; give the directory the schema files go into")
    stale = [name for name, text in texts.items() if _read(out / name) != text]
    if check:
        for name in stale:
            typer.echo(f"{out / name}: stale; run `datacard schema -o {shlex.quote(str(out))}`")
        raise typer.Exit(int(Exit.FINDINGS if stale else Exit.CLEAN))
    for name in stale:
        try:
            out.mkdir(parents=True, exist_ok=True)
            write_text_atomic(out / name, texts[name], overwrite=True)
        except OSError as exc:
            raise fail(f"cannot write {out / name}: {exc.strerror or exc}") from None
        typer.echo(f"wrote {out / name}")


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None
