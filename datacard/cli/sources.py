"""Reading data files for the pipeline commands (profile, check, represent, render --data):
the data extra's guard, `NAME=PATH` split arguments, a progress bar and the profile itself.
Shared by several command modules, so it holds no command of its own."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datacard.cli.app import fail

if TYPE_CHECKING:
    from datacard.data.profile import Profile


def require_data_or_exit(feature: str) -> None:
    """Exit 2 naming the extra to install when the data stack is missing, before any data import."""
    from datacard.extras import MissingExtra, require_data

    try:
        require_data(feature)
    except MissingExtra as exc:
        raise fail(str(exc)) from None


def data_sources(items: list[str]) -> list[str] | list[tuple[str, str]]:
    """Paths, or (split name, path) pairs when every item is NAME=PATH; a name may repeat (shards)."""
    pairs = [item.split("=", 1) for item in items]
    if all(len(p) == 2 and p[0] and "/" not in p[0] and not Path(p[0] + "=" + p[1]).exists() for p in pairs):
        return [(name, path) for name, path in pairs]
    return list(items)


def source_paths(sources: list[str] | list[tuple[str, str]]) -> list[str]:
    return [item[1] if isinstance(item, tuple) else item for item in sources]


@contextmanager
def progress_bar(paths: list[str], *, quiet: bool = False) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr while files are read, only when stderr is a terminal (and not
    ``quiet``)."""
    import os

    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn, TransferSpeedColumn

    total = sum(os.stat(p).st_size for p in paths if os.path.isfile(p))
    columns = (BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("profiling", total=total or None)
        yield lambda n: bar.advance(task, n)


def measure(data: list[str], sheet: Any, split_column: str | None, subgroups: list[str],
             label: str | None, fmt: str | None, block_mb: int = 4, sample: int | None = None, *,
             quiet: bool = False) -> Profile:
    from datacard.data.profile import profile
    from datacard.data.read import DataError

    sources = data_sources(data)
    for path in source_paths(sources):
        if not Path(path).is_file():
            raise fail(f"no such file: {path}")
    try:
        with progress_bar(source_paths(sources), quiet=quiet) as progress:
            prof = profile(sources, sheet, split_column=split_column, subgroups=subgroups,
                           label=label, fmt=fmt, progress=progress, block_size=block_mb << 20, sample=sample)
    except DataError as exc:
        raise fail(str(exc)) from None
    named = [n for n in (split_column, label, *subgroups) if n is not None and n not in prof.columns]
    if named:
        raise fail(f"no column {', '.join(repr(n) for n in named)} in the data; "
                   f"columns are {', '.join(prof.columns)}")
    return prof
