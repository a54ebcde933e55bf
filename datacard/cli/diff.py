"""`datacard diff`: what changed between two versions of a datasheet, classified for review."""

from __future__ import annotations

import os
from enum import Enum
from typing import TYPE_CHECKING

import typer

from datacard.cli.app import Exit, app, fail
from datacard.cli.output import quiet_option
from datacard.cli.project import (
    config_option,
    follow_links_option,
    isolated_option,
    max_bytes_option,
    one_file,
    open_project,
    respect_gitignore_option,
)

if TYPE_CHECKING:
    from datacard.diff import FileDiff, Side
    from datacard.diff.changes import ChangeClass
    from datacard.project import Project


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def diff(
    paths: list[str] = typer.Argument(
        None, metavar="PATH",
        help="Two files to compare, OLD then NEW; with --rev, the files or folders to look in "
             "(default: the current folder)."),
    rev: str | None = typer.Option(
        None, "--rev", metavar="REV",
        help="Compare the work tree with this git revision (a commit, branch or tag such as origin/main)."),
    output_format: DiffFormat = typer.Option(
        DiffFormat.text, "--output-format", metavar="FORMAT",
        help="text, markdown (for a pull-request comment) or json (default: text)."),
    fail_on: list[str] | None = typer.Option(
        None, "--fail-on", metavar="CLASSES",
        help="Exit 1 when there is a change of these classes (comma-separated): regression, context-added, "
             "context, license, access, count, split, language, subpopulation, lineage, field, other, or any."),
    max_bytes: int | None = max_bytes_option(),
    respect_gitignore: bool | None = respect_gitignore_option(),
    follow_links: bool | None = follow_links_option(),
    config: str | None = config_option(),
    isolated: bool = isolated_option(),
    quiet: bool = quiet_option(),
) -> None:
    """Compare two versions of a datasheet field by field, not line by line.

    Each change is classed: context removed (a regression of the verdict), context added or
    changed, licence, access, counts and splits (with the relative change), languages,
    subpopulations, lineage, fields. Hugging Face cards and Croissant files are compared through
    the same mapping as `datacard import`. See docs/diff.md.
    """
    classes = _classes(fail_on)
    given = list(paths or [])
    if rev is None and len(given) != 2:
        raise fail("give two files to compare (`datacard diff OLD NEW`), or --rev REV to compare the "
                   "work tree with a git revision")
    project = open_project(given[1:] if rev is None else given, config=config, isolated=isolated,
                           max_bytes=max_bytes, respect_gitignore=respect_gitignore, follow_links=follow_links)
    diffs = _against_rev(project, rev, given) if rev is not None else [_two_files(project, *given)]
    problems = [f for d in diffs for f in d.findings]
    if problems:
        from datacard.findings import Report
        from datacard.reporters import render_report

        unread = sorted({f.path for f in problems})
        typer.echo(render_report(Report(findings=problems, files=unread), "concise"), nl=False, err=True)
        diffs = [d for d in diffs if not d.findings]  # a file that could not be read shows no changes
    if diffs or not problems:
        text = _render(diffs, output_format)
        if quiet and output_format is DiffFormat.text:  # the changes alone, without the closing count
            text = "".join(text.splitlines(keepends=True)[:-1])
        typer.echo(text, nl=False)
    if problems:
        raise typer.Exit(int(Exit.USAGE))
    found = {c.cls for d in diffs for c in d.changes}
    raise typer.Exit(int(Exit.FINDINGS if found & classes else Exit.CLEAN))


def _classes(values: list[str] | None) -> set[ChangeClass]:
    from datacard.diff.changes import ChangeClass

    names = [part.strip().lower() for item in values or [] for part in item.split(",") if part.strip()]
    known = {c.value: c for c in ChangeClass}
    unknown = [n for n in names if n not in known and n != "any"]
    if unknown:
        raise fail(f"--fail-on: unknown class {unknown[0]!r}; choose from {', '.join(known)} or any")
    return set(ChangeClass) if "any" in names else {known[n] for n in names}


def _render(diffs: list[FileDiff], fmt: DiffFormat) -> str:
    from datacard.diff import views

    if fmt is DiffFormat.markdown:
        return views.markdown_report(diffs)
    if fmt is DiffFormat.json:
        return views.json_report(diffs)
    return views.text_report(diffs)


def _read(path: str, max_bytes: int) -> str:
    from datacard.load import decode, read_bytes

    raw, problem = read_bytes(path, max_bytes)
    text = decode(raw, path)[0] if raw is not None else None
    if text is None:
        raise fail(f"{path}: {problem.message if problem else 'not UTF-8 text'}")
    return text


def _two_files(project: Project, old: str, new: str) -> FileDiff:
    from datacard.diff import compare, read_side
    from datacard.kinds import DIFF

    sides = []
    for path in (old, new):
        if not os.path.exists(path):
            raise fail(f"no such file: {path}")
        one_file(project, path, DIFF, "concise")
        sides.append(read_side(_read(path, project.max_bytes), path))
    return compare(sides[0], sides[1], project.needs)


def _against_rev(project: Project, rev: str, paths: list[str]) -> list[FileDiff]:
    """Every datasheet that differs between ``rev`` and the work tree under ``paths``, as the
    project selects files (excludes and .gitignore apply), compared with its old version."""
    from datacard.diff import compare, read_side
    from datacard.diff.gitrev import GitError, changed, show, work_tree

    targets = paths or ["."]
    try:
        top = work_tree(targets[0])
        names = changed(top, rev, [_from_top(top, p) for p in targets])
    except GitError as exc:
        raise fail(str(exc)) from None
    chosen = _selected(project, top, targets, names)
    try:
        before = show(top, rev, chosen, project.max_bytes)
    except GitError as exc:
        raise fail(str(exc)) from None
    diffs = []
    for name in chosen:
        shown = os.path.relpath(os.path.join(top, name))
        old_bytes = before[name]
        new_text = _read(shown, project.max_bytes) if os.path.isfile(shown) else None
        old, new = _old_side(old_bytes, shown), read_side(new_text, shown)
        if _diffable(old) or _diffable(new):
            diffs.append(compare(old, new, project.needs))
    return diffs


def _old_side(raw: bytes | None, path: str) -> Side:
    """The side of the revision's bytes: bytes that are not UTF-8 are reported as the work tree's
    would be (DC003), not compared with the bad bytes replaced."""
    from datacard.diff import Side, read_side
    from datacard.load import decode

    if raw is None:
        return read_side(None, path)
    text, problem = decode(raw, path)
    if text is None:
        return Side(path, findings=[problem] if problem else [])
    return read_side(text, path)


def _from_top(top: str, path: str) -> str:
    rel = os.path.relpath(os.path.realpath(path), os.path.realpath(top))
    if rel.startswith(os.pardir):
        raise fail(f"{path} is outside the git work tree {top}")
    return rel.replace(os.sep, "/")


def _selected(project: Project, top: str, targets: list[str], names: list[str]) -> list[str]:
    """The changed names the project's file selection takes: files of the work tree as a walk of
    ``targets`` selects them, and files the work tree no longer has, unless an exclude names them."""
    from datacard.discover import excluded
    from datacard.kinds import DIFF

    walked = {os.path.realpath(f) for f in project.select(DIFF, targets).files}
    out = []
    for name in names:
        full = os.path.join(top, name)
        if os.path.lexists(full):
            if os.path.realpath(full) in walked:
                out.append(name)
        elif not excluded(os.path.relpath(full, project.root).replace(os.sep, "/"), project.exclude):
            out.append(name)
    return out


def _diffable(side: object) -> bool:
    from datacard.diff import Side
    from datacard.kinds import DIFF

    return isinstance(side, Side) and side.kind in DIFF.walk
