"""From a command's arguments to its one :class:`~datacard.project.Project`, for every command.

The options that shape the project (`--config`, `--isolated`, `--max-bytes`, walk flags) are
defined once here, and :func:`open_project` is the only way a command gets its settings and
files: a broken configuration stops every command the same way, with findings on its lines.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import typer

from datacard.cli.app import Exit, fail

if TYPE_CHECKING:
    from datacard.findings import Report
    from datacard.kinds import Reads
    from datacard.project import FileSet, Project


def config_option() -> Any:
    return typer.Option(None, "--config", metavar="FILE",
                        help="Configuration file (default: found upward from the first path).")


def isolated_option() -> Any:
    return typer.Option(False, "--isolated", help="Ignore configuration files.")


def max_bytes_option() -> Any:
    return typer.Option(None, "--max-bytes", metavar="BYTES", min=1,
                        help="Largest file to read (default: max-bytes in the configuration, else 10 MB).")


def respect_gitignore_option() -> Any:
    return typer.Option(None, "--respect-gitignore/--no-respect-gitignore",
                        help="Skip files that .gitignore ignores when walking directories (default: on).")


def follow_links_option() -> Any:
    return typer.Option(None, "--follow-links/--no-follow-links",
                        help="Walk into directory links that stay inside the project (default: off).")


def open_project(paths: list[str] | None, *, config: str | None = None, isolated: bool = False,
                 **flags: Any) -> Project:
    """The project of this run; exit 2 with the configuration's findings when it cannot be used."""
    from datacard.findings import Report
    from datacard.project import Overrides, ProjectError, resolve_project
    from datacard.reporters import render_report

    try:
        return resolve_project(paths, config=config, isolated=isolated, overrides=Overrides(**flags))
    except ProjectError as exc:
        if not exc.findings:
            raise fail(str(exc)) from None
        text = render_report(Report(findings=exc.findings), "concise")
        typer.echo("".join(text.splitlines(keepends=True)[:-1]), nl=False, err=True)
        raise fail("the configuration cannot be used; `datacard rule CODE` explains each finding") from None


def selected(project: Project, reads: Reads, what: str, *, quiet: bool = False) -> FileSet:
    """The files of the run; a path that does not exist is a usage error, an empty walk a warning
    (unless ``quiet``)."""
    from datacard.escape import log_line

    found = project.select(reads)
    if found.missing:
        raise fail(f"no such file or directory: {', '.join(found.missing)}")
    if not found.files and not found.rejected and not quiet:
        typer.echo(log_line(f"datacard: warning: no {what} found under {', '.join(project.paths)}"
                            f"{_card_names(project, reads)}"), err=True)
    return found


def _card_names(project: Project, reads: Reads) -> str:
    """How a walk finds dataset cards, for a walk that found nothing: a folder of cards saved
    under other names (`<owner>__<name>.md`) is read once the project names them."""
    from datacard.kinds import Kind

    if Kind.DATASET_CARD not in reads.walk:
        return ""
    names = ", ".join(project.dataset_cards)
    return (f"; dataset cards are read when named {names} (set dataset-cards in the configuration, "
            'such as dataset-cards = ["*.md"], to read cards of other names)')


def with_selection(report: Report, found: FileSet) -> Report:
    """``report`` with the selection's findings: the walk's warnings and the rejected named files."""
    report.findings.extend(found.findings)
    report.findings.extend(found.rejected)
    report.files.extend(f.path for f in found.rejected)
    return report


def checked(report: Report, found: FileSet, project: Project) -> Report:
    """A checking command's report: its findings and the walk's warnings as the project's rule
    selection and severities keep them, then the named files that could not be read, which no
    selection hides (they make the exit code 2)."""
    from datacard.rule_selection import selected_findings

    report.findings = selected_findings([*report.findings, *found.findings], project.rules, project.severity)
    report.findings.extend(found.rejected)
    report.files.extend(f.path for f in found.rejected)
    return report


def run_exit(found: FileSet, failed: bool) -> int:
    """2 when a named file could not be read (nothing may pass unread), else 1 on failure."""
    if found.rejected:
        return int(Exit.USAGE)
    return int(Exit.FINDINGS if failed else Exit.CLEAN)


def one_file(project: Project, path: str | os.PathLike[str], reads: Reads, fmt: str) -> str:
    """The one file a single-file command reads, or exit 2 with the finding that says why not."""
    from datacard.findings import Report
    from datacard.reporters import render_report

    name = os.fspath(path)
    if os.path.isdir(name):
        raise fail(f"{name} is a directory; give a file")
    found = project.select(reads, [name])
    if found.missing:
        raise fail(f"no such file: {name}")
    if found.rejected:
        typer.echo(render_report(Report(findings=found.rejected, files=[name]), fmt), nl=False, err=True)
        raise typer.Exit(int(Exit.USAGE))
    return found.files[0]
