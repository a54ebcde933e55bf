"""`datacard site`: a static HTML catalogue of datasheets, models and their lineage."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from datacard.cli.app import Exit, app, fail
from datacard.cli.output import quiet_option
from datacard.cli.project import (
    config_option,
    follow_links_option,
    isolated_option,
    max_bytes_option,
    open_project,
    respect_gitignore_option,
)

if TYPE_CHECKING:
    from datacard.data.represent import Representation
    from datacard.site.catalogue import Catalogue


def require_site_or_exit(feature: str) -> None:
    """Exit 2 naming the extra to install when the graph layout library is missing."""
    from datacard.extras import MissingExtra, require_site

    try:
        require_site(feature)
    except MissingExtra as exc:
        raise fail(str(exc)) from None


@app.command()
def site(
    paths: list[str] = typer.Argument(None, metavar="PATH",
                                      help="Files or directories (default: the current directory)."),
    out: Path = typer.Option(..., "--output", "-o", metavar="DIR", help="The folder to write the site to."),
    force: bool = typer.Option(False, "--force", help="Write into a non-empty folder that is not a datacard site "
                                                      "(files there are overwritten only where the site has a "
                                                      "file of the same name; none is deleted)."),
    data: list[str] = typer.Option(
        [], "--data", metavar="DATASET=FILE",
        help="Data of a dataset (CSV, Parquet, JSON Lines), to chart its subgroup representation; repeatable."),
    quiet: bool = quiet_option(),
    max_bytes: int | None = max_bytes_option(),
    respect_gitignore: bool | None = respect_gitignore_option(),
    follow_links: bool | None = follow_links_option(),
    config: str | None = config_option(),
    isolated: bool = isolated_option(),
) -> None:
    """Build a static HTML site of every dataset and model lint reads: statuses, findings, lineage, charts.

    The site works from disk (file://) with no server and no network. The same input gives the
    same bytes. A rebuild removes only the files the last build wrote and nobody changed.
    """
    require_site_or_exit("datacard site")
    wanted = _data_arguments(data)
    if wanted:
        from datacard.cli.sources import require_data_or_exit

        require_data_or_exit("datacard site --data")
    from datacard.site.build import site_files
    from datacard.site.catalogue import build_catalogue
    from datacard.site.output import SiteRefused, check_target, write_site

    project = open_project(paths or None, config=config, isolated=isolated, max_bytes=max_bytes,
                           respect_gitignore=respect_gitignore, follow_links=follow_links)
    missing = [p for p in project.paths if not Path(p).exists()]
    if missing:
        raise fail(f"no such file or directory: {', '.join(missing)}")
    try:
        check_target(out, force)  # before the work, so a refusal costs nothing
    except SiteRefused as exc:
        raise fail(str(exc)) from None
    cat = build_catalogue(project)
    reps = _representations(cat, wanted) if wanted else None
    with PageProgress(0 if quiet else len(cat.datasets) + len(cat.models)) as advance:
        files = site_files(cat, project, representations=reps, progress=advance)
    try:
        write_site(out, files, force=force)
    except (SiteRefused, OSError) as exc:
        raise fail(str(exc)) from None
    if not quiet:
        from datacard.escape import terminal_line

        size = sum(len(b) for b in files.values())
        typer.echo(f"Wrote a site of {len(cat.datasets)} datasets and {len(cat.models)} models to "
                   f"{terminal_line(str(out))} ({len(files)} files, {size / 1e6:.1f} MB); "
                   f"open {terminal_line(str(out / 'index.html'))}", err=True)


def _data_arguments(items: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in items:
        name, sep, path = item.partition("=")
        if not sep or not name or not path:
            raise fail(f"--data takes DATASET=FILE (the dataset's name, then a data file), not {item!r}")
        out.setdefault(name, []).append(path)
    return out


def _representations(cat: Catalogue, wanted: dict[str, list[str]]) -> dict[str, Representation]:
    from datacard.cli.sources import measure
    from datacard.data.represent import RepresentationError, representation

    by_name = {d.name: d for d in cat.datasets if d.datasheet is not None}
    unknown = sorted(set(wanted) - set(by_name))
    if unknown:
        raise fail(f"--data names {', '.join(unknown)}, which is not a valid datasheet of the site")
    out = {}
    for name, files in sorted(wanted.items()):
        prof = measure(files, by_name[name].datasheet, None, [], None, None)
        if not prof.groups:
            raise fail(f"--data {name}=...: the datasheet declares no field with role: subgroup")
        try:
            out[name] = representation(prof)
        except RepresentationError as exc:
            raise fail(str(exc)) from None
    return out


class PageProgress:
    """A progress bar on stderr while pages are built, only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: Any = None

    def __enter__(self) -> Any:
        import sys

        if not sys.stderr.isatty() or self.total < 200:
            return None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.bar = Progress(BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=Console(stderr=True), transient=True)
        self.bar.__enter__()
        task = self.bar.add_task("pages", total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


__all__ = ["Exit", "site"]
