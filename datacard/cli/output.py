"""Options and output shared by the commands: one definition of each option, the finding
formats, the failure threshold, colour, and writing results.

The grammar every command follows: metavars are one uppercase word (``PATH``, ``CODES``,
``FORMAT``), never a Python type; a checking command takes the selection options
(``--select``, ``--ignore``, ``--extend-select``), the exit options (``--exit-zero``,
``--fail-on``) and the output options (``--output-format``, ``--statistics``) where they mean
something; every command takes ``-q``. ``tests/test_cli_consistency.py`` holds the matrix.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from datacard.cli.app import Exit, fail

if TYPE_CHECKING:
    from collections.abc import Sequence

    from datacard.cli.fixing import FixOptions
    from datacard.findings import Report
    from datacard.project import FileSet, Project


class FindingFormat(str, Enum):
    """How findings are printed; each value names a reporter in `datacard.reporters`."""

    concise = "concise"
    full = "full"
    grouped = "grouped"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"
    gitlab = "gitlab"


class FailOn(str, Enum):
    """The lowest severity that makes the exit code 1."""

    info = "info"
    warning = "warning"
    error = "error"


# One definition of each option that several commands share, so that the same idea has the
# same name, short form, metavar, default and help everywhere. Options whose default the
# configuration may set default to None here; the project (datacard.project) resolves them.


def output_option(help: str = "Write to this file instead of standard output.") -> Any:
    return typer.Option(None, "--output", "-o", metavar="FILE", help=help)


def force_option(help: str = "Overwrite the output file if it exists.") -> Any:
    return typer.Option(False, "--force", help=help)


def findings_format_option() -> Any:
    names = ", ".join(f.value for f in FindingFormat)
    return typer.Option(None, "--output-format", metavar="FORMAT",
                        help=f"How findings are printed: {names} "
                             "(default: output-format in the configuration, else concise).")


def fail_on_option() -> Any:
    return typer.Option(None, "--fail-on", metavar="SEVERITY",
                        help="Lowest severity that makes the exit code 1: info, warning or error "
                             "(default: fail-on in the configuration, else warning).")


def select_option() -> Any:
    return typer.Option(None, "--select", metavar="CODES",
                        help="Codes or prefixes to report, comma-separated (replaces the configured set; "
                             "ALL is every code).")


def extend_select_option() -> Any:
    return typer.Option(None, "--extend-select", metavar="CODES", help="Codes or prefixes to report as well.")


def ignore_option() -> Any:
    return typer.Option(None, "--ignore", metavar="CODES", help="Codes or prefixes not to report.")


def statistics_option() -> Any:
    return typer.Option(False, "--statistics", help="Print the number of findings per code instead of the findings.")


def exit_zero_option() -> Any:
    return typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings.")


def jobs_option() -> Any:
    return typer.Option(0, "--jobs", "-j", metavar="N", min=0,
                        help="Worker processes; 0 uses every core (many files only: a few are checked in one).")


def quiet_option(help: str = "Print only findings and results: no summary, notes or progress.") -> Any:
    return typer.Option(False, "--quiet", "-q", help=help)


def codes(values: list[str] | None) -> list[str] | None:
    """Selector values as given (repeated, or comma-separated), None when none was given."""
    if values is None:
        return None
    return [part.strip() for item in values for part in item.split(",") if part.strip()]


def value(option: Enum | str | None) -> str | None:
    """A flag's value, None when it was not given (so that the configuration decides)."""
    if option is None:
        return None
    return str(option.value) if isinstance(option, Enum) else str(option)


# --- colour ------------------------------------------------------------------------------------


def use_colour(err: bool = False) -> bool:
    """Colour on a terminal; never with NO_COLOR (which wins), always with FORCE_COLOR.

    Both follow the common conventions (no-color.org; FORCE_COLOR as CI systems set it): an
    empty NO_COLOR counts as unset, and FORCE_COLOR=0 does not force.
    """
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    stream = sys.stderr if err else sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def echo(text: str, *, err: bool = False, colour: bool = False) -> None:
    """Print text that is already escaped; with ``colour``, its ANSI styles are kept even where
    click would strip them (FORCE_COLOR into a pipe)."""
    typer.echo(text, nl=False, err=err, color=True if colour else None)


def print_findings(report: Report, fmt: str, *, err: bool = False, quiet: bool = False) -> None:
    """Print ``report`` in ``fmt``; a clean report prints nothing in the concise format."""
    from datacard.reporters import render_report

    if report.findings or fmt != FindingFormat.concise.value:
        colour = use_colour(err)
        text = render_report(report, fmt, colour=colour)
        echo(without_summary(text, fmt) if quiet else text, err=err, colour=colour)


def findings_text(report: Report, fmt: str, *, quiet: bool = False, statistics: bool = False,
                  colour: bool = False) -> str:
    """The findings as a checking command prints them: the report, or counts per code."""
    from datacard.reporters import render_report
    from datacard.reporters import statistics as counts

    if statistics:
        return counts(report, fmt)
    text = render_report(report, fmt, colour=colour)
    return without_summary(text, fmt) if quiet else text


def finish_check(report: Report, project: Project, *, found: FileSet | None = None, quiet: bool = False,
                 statistics: bool = False, exit_zero: bool = False, fixes: FixOptions | None = None,
                 unwritten: Sequence[str] = ()) -> NoReturn:
    """Print a checking command's findings and exit as every checking command does: 2 when
    datacard crashed on a file, a named file could not be read or a fixed file could not be
    written (``unwritten``), else 1 when a finding is at least ``fail-on`` (0 with
    ``exit_zero``), else 0. With ``fixes`` and no --fix, say how many findings --fix resolves."""
    from datacard.findings import Severity
    from datacard.runner import crashed

    colour = use_colour()
    echo(findings_text(report, project.output_format, quiet=quiet, statistics=statistics, colour=colour),
         colour=colour)
    if fixes is not None and not fixes.fix and not quiet and not statistics:
        from datacard.cli.fixing import fixable_note

        fixable_note(report.findings, fixes.unsafe, project.output_format)
    if crashed(report.findings) or unwritten:  # a bug in datacard, or a fix not written: never a pass
        raise typer.Exit(int(Exit.USAGE))
    if found is not None and found.rejected:  # nothing named may pass unread
        raise typer.Exit(int(Exit.USAGE))
    failed = report.fails(Severity(project.fail_on)) and not exit_zero
    raise typer.Exit(int(Exit.FINDINGS if failed else Exit.CLEAN))


def findings_exit(report: Report, fail_on: str = FailOn.warning.value) -> int:
    """1 when a finding is at least ``fail_on``, else 0."""
    from datacard.findings import Severity

    return int(Exit.FINDINGS if report.fails(Severity(fail_on)) else Exit.CLEAN)


def without_summary(text: str, fmt: FindingFormat | str) -> str:
    """``text`` without its last line, the summary, in the formats that end with one (--quiet)."""
    if fmt in (FindingFormat.concise.value, FindingFormat.full.value, FindingFormat.grouped.value):
        return "".join(text.splitlines(keepends=True)[:-1])
    return text


def refuse_overwriting_input(out: Path | None, *inputs: Path | str) -> None:
    """Stop before ``--output`` replaces a file the command reads, which --force must not allow."""
    if out is None:
        return
    target = out.resolve()
    for source in inputs:
        if Path(source).resolve() == target:
            raise fail(f"--output {out} is the input {source}; choose another file")


def write_output(text: str, out: Path | None, force: bool, note: str = "", *, datasheet: bool = False,
                 markdown: bool | None = None, expect: Any = None, generated: str | None = None,
                 quiet: bool = False) -> None:
    """Print ``text``, or write it to ``out`` atomically, never over a file without ``force``.

    ``generated`` is the marker line the command puts first in what it writes: a file that
    starts with it is the command's own earlier output, and is replaced without ``force`` (a
    file changed since it was read still is not). ``quiet`` leaves out the "wrote" line.

    With ``datasheet``, the text must parse and validate as a datasheet (Markdown front matter
    with ``markdown``, by default judged from the name), wherever it goes: otherwise nothing
    is written and the exit code is 2. ``expect`` is the fingerprint ``out`` had when it was
    read: a file changed since is not replaced. Printed text passes the terminal-safe escaper
    (a datasheet or data value could otherwise retitle the terminal or hide lines); a file gets
    the text exactly. ``note`` follows the "wrote OUT" line on standard error, to say what to
    do next.
    """
    from datacard.escape import terminal_line, terminal_text
    from datacard.write import WriteRefused, check_datasheet, write_text_atomic

    try:
        if datasheet:
            check_datasheet(text, out if out is not None else "<stdout>", markdown=markdown)
        if out is None:
            typer.echo(terminal_text(text), nl=False)
            return
        if generated is not None:
            write_generated(text, out, force, generated)
        else:
            write_text_atomic(out, text, overwrite=force, expect=expect)
    except WriteRefused as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror or exc}") from None
    if not quiet:
        typer.echo(f"wrote {terminal_line(str(out))}{note}", err=True)


def write_generated(text: str, out: Path, force: bool, generated: str) -> None:
    """Write ``text`` to ``out`` atomically: over a file that starts with the ``generated`` marker
    (the command's own earlier output, unchanged since it was read), else only with ``force``.
    Raises WriteRefused (or OSError) and writes nothing when it may not."""
    from datacard.write import WriteRefused, generated_file, resolve_target, write_text_atomic

    expect = None
    if not force:
        target = resolve_target(out)
        own = generated_file(target, generated)
        if own is not None:
            force, expect = True, own
        elif target.is_file():
            raise WriteRefused(f"{out} exists and was not written by datacard (its first line is not "
                               "datacard's generated-file marker); pass --force to overwrite it")
    write_text_atomic(out, text, overwrite=force, expect=expect)
