"""`--fix`, `--diff` and `--unsafe-fixes` for the checking commands (validate, lint), defined once.

The library applies fixes in memory (:mod:`datacard.fix`); this module reads the files, prints
the diffs or writes the fixed files atomically, and says what it did on standard error. It holds
no command of its own.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from datacard.findings import Finding, Report
    from datacard.fix import FileFix, Refind
    from datacard.project import FileSet, Project


def fix_option() -> Any:
    return typer.Option(False, "--fix", help="Apply the safe fixes the findings name, in place "
                                            "(comments, quoting and key order kept; written atomically).")


def unsafe_fixes_option() -> Any:
    return typer.Option(False, "--unsafe-fixes",
                        help="With --fix or --diff, also apply fixes that guess (a spelling neighbour).")


def diff_option() -> Any:
    return typer.Option(False, "--diff", help="Print the fixes as a unified diff and write nothing "
                                              "(exit 1 when there is something to fix).")


@dataclass
class FixRun:
    """What one pass of fixes did over the files of a run."""

    files: list[FileFix] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # files that could not be written

    @property
    def changed(self) -> list[FileFix]:
        return [f for f in self.files if f.changed]

    @property
    def fixed(self) -> int:
        return sum(len(f.applied) for f in self.changed)


def fix_files(findings: Sequence[Finding], paths: Sequence[str], *, unsafe: bool,
              refind: Callable[[str], Refind | None], max_bytes: int) -> FixRun:
    """Each file's fixes applied in memory; only files among ``paths`` (those the run read) are
    touched, never a file a finding merely mentions."""
    from datacard.fix import applicable, fix_file

    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if applicable(finding, unsafe):
            by_path[finding.path].append(finding)
    run = FixRun()
    fixed_files: set[str] = set()
    for path in paths:
        real = os.path.realpath(path)
        if path in by_path and real not in fixed_files:  # one file named twice (a link, ./x) is fixed once
            fixed_files.add(real)
            fixed = fix_file(path, by_path[path], unsafe=unsafe, refind=refind(path), max_bytes=max_bytes)
            if fixed is not None:
                run.files.append(fixed)
    return run


@dataclass(frozen=True)
class FixOptions:
    """What a checking command was asked to fix: --fix, --diff, --unsafe-fixes."""

    fix: bool = False
    show_diff: bool = False
    unsafe: bool = False

    @property
    def active(self) -> bool:
        return self.fix or self.show_diff


def apply_fixes(project: Project, found: FileSet, report: Report, options: FixOptions, *,
                refind: Callable[[str], Refind | None], recheck: Callable[[], Report],
                rounds: int = 1) -> tuple[Report, list[str]]:
    """Apply (or with --diff, print and exit on) the fixes ``report`` names: the report of the
    fixed files, from ``recheck``, and the files that could not be written. More than one round
    lets a fix that leaves a stale suppression (DC900) be followed by its removal."""
    from datacard.cli.app import Exit

    failed: list[str] = []
    fixed, touched = 0, set()
    for _ in range(rounds):
        run = fix_files(report.findings, found.files, unsafe=options.unsafe, refind=refind,
                        max_bytes=project.max_bytes)
        if options.show_diff:
            print_diffs(run)
            unfixed_note(_applicable(report.findings, options.unsafe) - run.fixed)
            raise typer.Exit(int(Exit.USAGE if found.rejected else Exit.FINDINGS if run.fixed else Exit.CLEAN))
        write_fixes(run)
        failed += run.failed
        written = [f for f in run.changed if f.path not in run.failed]
        if not written:
            break
        fixed += sum(len(f.applied) for f in written)
        touched |= {f.path for f in written}
        report = recheck()  # what is left to report is what the files now say
    fixed_note(fixed, len(touched))
    unfixed_note(_applicable(report.findings, options.unsafe))
    return report, failed


def _applicable(findings: Sequence[Finding], unsafe: bool) -> int:
    from datacard.fix import applicable

    return sum(1 for f in findings if applicable(f, unsafe))


def unfixed_note(left: int) -> None:
    """Fixes that --fix was asked for and did not make: said, so that the `[*] N fixable` of the
    run before is not left standing as a promise."""
    if left > 0:
        typer.echo(f"{left} fix{'es' if left != 1 else ''} not applied: datacard makes a fix only where it "
                   f"can edit the file exactly; make {'them' if left != 1 else 'it'} by hand, as the "
                   f"message{'s say' if left != 1 else ' says'}.", err=True)


def print_diffs(run: FixRun) -> None:
    """The unified diffs on standard output (file content made safe for a terminal and a CI log)."""
    from datacard.escape import log_text

    for fixed in run.changed:
        typer.echo(log_text(fixed.diff()), nl=False)
    n, files = run.fixed, len(run.changed)
    typer.echo(f"Would fix {n} finding{_s(n)} in {files} file{_s(files)}." if n else "No fixes to apply.", err=True)


def write_fixes(run: FixRun) -> None:
    """Write each changed file atomically; a file changed since it was read is left alone."""
    from datacard.escape import log_path
    from datacard.write import WriteRefused

    for fixed in run.changed:
        try:
            from datacard.fix import write_fixed

            write_fixed(fixed)
        except (WriteRefused, OSError) as exc:
            run.failed.append(fixed.path)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            typer.echo(f"datacard: error: {log_path(fixed.path)}: not fixed: {reason}", err=True)


def fixed_note(total: int, files: int) -> None:
    if total:
        typer.echo(f"Fixed {total} finding{_s(total)} in {files} file{_s(files)}.", err=True)


def fixable_note(findings: Sequence[Finding], unsafe: bool, fmt: str) -> None:
    """After a report, how many of its findings `--fix` would resolve (human formats only)."""
    from datacard.fix import count_fixable

    if fmt not in ("concise", "full", "grouped"):
        return
    safe, guesses = count_fixable(findings)
    if unsafe:
        safe, guesses = safe + guesses, 0
    if not safe:  # guesses alone are not worth a line: `datacard rule CODE` tells of them
        return
    more = f" ({guesses} more with --unsafe-fixes)" if guesses else ""
    typer.echo(f"[*] {safe} fixable with --fix{more}.", err=True)


def _s(n: int) -> str:
    return "" if n == 1 else "s"
