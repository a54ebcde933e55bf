"""`datacard validate` and `datacard schema`."""

from __future__ import annotations

import shlex
from pathlib import Path

import typer

from datacard.cli.app import Exit, app, fail
from datacard.cli.fixing import diff_option, fix_option, unsafe_fixes_option
from datacard.cli.output import FindingFormat, findings_format_option, quiet_option, value, without_summary
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


@app.command()
def validate(
    paths: list[str] | None = typer.Argument(
        None, metavar="PATH", help="Files or directories (default: the current directory)."),
    output_format: FindingFormat | None = findings_format_option(),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes; 0 uses every core.", min=0),
    max_bytes: int | None = max_bytes_option(),
    quiet: bool = quiet_option(),
    respect_gitignore: bool | None = respect_gitignore_option(),
    follow_links: bool | None = follow_links_option(),
    config: str | None = config_option(),
    isolated: bool = isolated_option(),
    fix: bool = fix_option(),
    unsafe_fixes: bool = unsafe_fixes_option(),
    show_diff: bool = diff_option(),
) -> None:
    """Check datasheets and training manifests against the schema.

    Directories are searched for *.datacard.yaml and *.datacard.yml, skipping what .gitignore
    and `exclude` in [tool.datacard] leave out; files named on the command line are always checked.
    With --fix, the fixes the findings name are applied in place first (see docs/fix.md).
    """
    from datacard.kinds import VALIDATE
    from datacard.reporters import render_report
    from datacard.runner import crashed, validate_many

    project = open_project(paths, config=config, isolated=isolated, max_bytes=max_bytes,
                           respect_gitignore=respect_gitignore, follow_links=follow_links,
                           output_format=value(output_format))
    found = selected(project, VALIDATE, "datasheets (*.datacard.yaml, *.datacard.yml)")
    report = validate_many(found.files, jobs=jobs, max_bytes=project.max_bytes)
    failed: list[str] = []
    if fix or show_diff:
        from datacard.cli.fixing import fix_files, fixed_note, print_diffs, write_fixes
        from datacard.fix import validation_refind

        run = fix_files(report.findings, found.files, unsafe=unsafe_fixes, refind=validation_refind,
                        max_bytes=project.max_bytes)
        if show_diff:
            print_diffs(run)
            raise typer.Exit(int(Exit.USAGE if run_exit(found, False) else Exit.FINDINGS if run.fixed else Exit.CLEAN))
        write_fixes(run)
        failed = run.failed
        if run.changed:  # what is left to report is what the files now say
            report = validate_many(found.files, jobs=jobs, max_bytes=project.max_bytes)
        fixed_note(sum(len(f.applied) for f in run.changed if f.path not in failed),
                   len([f for f in run.changed if f.path not in failed]))
    report = with_selection(report, found)
    text = render_report(report, project.output_format)
    if quiet:
        text = without_summary(text, project.output_format)
    typer.echo(text, nl=False)
    if not quiet and not fix:
        from datacard.cli.fixing import fixable_note

        fixable_note(report.findings, unsafe_fixes, project.output_format)
    if crashed(report.findings) or failed:  # a bug in datacard, or a fix not written: never a pass
        raise typer.Exit(int(Exit.USAGE))
    raise typer.Exit(run_exit(found, bool(report.findings)))


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
