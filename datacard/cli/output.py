"""Options and output shared by the commands: finding formats, failure threshold, writing results."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from datacard.cli.app import Exit, fail

if TYPE_CHECKING:
    from datacard.findings import Report


class FindingFormat(str, Enum):
    """How findings are printed; each value names a reporter in `datacard.reporters`."""

    concise = "concise"
    full = "full"
    grouped = "grouped"
    json = "json"
    github = "github"
    sarif = "sarif"


class FailOn(str, Enum):
    """The lowest severity that makes the exit code 1."""

    info = "info"
    warning = "warning"
    error = "error"


# One definition of each option that several commands share, so that the same idea has the
# same name, short form, default and help everywhere. Options whose default the configuration
# may set default to None here; the project (datacard.project) resolves them.


def output_option(help: str = "Write to this file instead of standard output.") -> Any:
    return typer.Option(None, "--output", "-o", help=help)


def force_option(help: str = "Overwrite the output file if it exists.") -> Any:
    return typer.Option(False, "--force", help=help)


def findings_format_option() -> Any:
    return typer.Option(None, "--output-format",
                        help="How findings are printed: concise, full, grouped, json, github or sarif "
                             "(default: output-format in the configuration, else concise).")


def fail_on_option() -> Any:
    return typer.Option(None, "--fail-on", help="Lowest severity that makes the exit code 1 "
                                                "(default: fail-on in the configuration, else warning).")


def value(option: Enum | None) -> str | None:
    """A flag's value, None when it was not given (so that the configuration decides)."""
    return None if option is None else str(option.value)


def quiet_option() -> Any:
    return typer.Option(False, "--quiet", "-q", help="Print findings only, no summary.")


def print_findings(report: Report, fmt: str, *, err: bool = False) -> None:
    """Print ``report`` in ``fmt``; a clean report prints nothing in the concise format."""
    from datacard.reporters import render_report

    if report.findings or fmt != FindingFormat.concise.value:
        typer.echo(render_report(report, fmt), nl=False, err=err)


def findings_exit(report: Report, fail_on: str = FailOn.warning.value) -> int:
    """1 when a finding is at least ``fail_on``, else 0."""
    from datacard.findings import Severity

    return int(Exit.FINDINGS if report.fails(Severity(fail_on)) else Exit.CLEAN)


def without_summary(text: str, fmt: FindingFormat | str) -> str:
    """``text`` without its last line, the summary, in the formats that end with one (--quiet)."""
    if fmt in (FindingFormat.concise, FindingFormat.full, FindingFormat.grouped):
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
                 markdown: bool | None = None, expect: Any = None) -> None:
    """Print ``text``, or write it to ``out`` atomically, never over a file without ``force``.

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
        write_text_atomic(out, text, overwrite=force, expect=expect)
    except WriteRefused as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror or exc}") from None
    typer.echo(f"wrote {terminal_line(str(out))}{note}", err=True)

