"""`datacard validate` and `datacard schema`."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from datacard.cli.app import Exit, app, fail
from datacard.cli.fixing import FixOptions, diff_option, fix_option, unsafe_fixes_option
from datacard.cli.output import (
    FailOn,
    FindingFormat,
    codes,
    exit_zero_option,
    extend_select_option,
    fail_on_option,
    findings_format_option,
    finish_check,
    ignore_option,
    jobs_option,
    quiet_option,
    select_option,
    statistics_option,
    value,
)
from datacard.cli.project import (
    checked,
    config_option,
    follow_links_option,
    isolated_option,
    max_bytes_option,
    open_project,
    respect_gitignore_option,
    selected,
)

if TYPE_CHECKING:
    from datacard.findings import Report


@app.command()
def validate(
    paths: list[str] | None = typer.Argument(
        None, metavar="PATH", help="Files or directories (default: the current directory)."),
    select: list[str] | None = select_option(),
    extend_select: list[str] | None = extend_select_option(),
    ignore: list[str] | None = ignore_option(),
    output_format: FindingFormat | None = findings_format_option(),
    statistics: bool = statistics_option(),
    exit_zero: bool = exit_zero_option(),
    fail_on: FailOn | None = fail_on_option(),
    jobs: int = jobs_option(),
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

    Directories are searched for *.datacard.yaml and *.datacard.yml, skipping
    what .gitignore and `exclude` in [tool.datacard] leave out; files named on
    the command line are always checked.
    With --fix, the fixes the findings name are applied in place first (see docs/fix.md).
    """
    from datacard.kinds import VALIDATE
    from datacard.runner import validate_many

    project = open_project(paths, config=config, isolated=isolated, max_bytes=max_bytes,
                           respect_gitignore=respect_gitignore, follow_links=follow_links,
                           output_format=value(output_format), fail_on=value(fail_on), select=codes(select),
                           extend_select=codes(extend_select) or [], ignore=codes(ignore) or [])
    found = selected(project, VALIDATE, "datasheets (*.datacard.yaml, *.datacard.yml)", quiet=quiet)

    def check() -> Report:
        return checked(validate_many(found.files, jobs=jobs, max_bytes=project.max_bytes), found, project)

    report, unwritten = check(), list[str]()
    fixes = FixOptions(fix, show_diff, unsafe_fixes)
    if fixes.active:
        from datacard.cli.fixing import apply_fixes
        from datacard.fix import validation_refind

        report, unwritten = apply_fixes(project, found, report, fixes, refind=validation_refind, recheck=check)
    finish_check(report, project, found=found, quiet=quiet, statistics=statistics, exit_zero=exit_zero,
                 fixes=fixes, unwritten=unwritten)


@app.command()
def schema(
    out: Path | None = typer.Option(
        None, "--output", "-o", "--out", metavar="DIRECTORY",
        help="Directory to write the schema files into (--out is an old spelling)."),
    check: bool = typer.Option(False, "--check", help="Exit 1 if the files in --output are stale."),
    reference: bool = typer.Option(False, "--reference", help="Print a Markdown field reference instead."),
    quiet: bool = quiet_option(),
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
        if not quiet:
            typer.echo(f"wrote {out / name}")


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None
