"""Options and output shared by the commands: finding formats, failure threshold, writing results."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from datacard.cli.app import fail


class FindingFormat(str, Enum):
    """How findings are printed; each value names a reporter in `datacard.report`."""

    concise = "concise"
    full = "full"
    json = "json"
    github = "github"
    sarif = "sarif"


class FailOn(str, Enum):
    """The lowest severity that makes the exit code 1."""

    info = "info"
    warning = "warning"
    error = "error"


def write_output(text: str, out: Path | None, force: bool) -> None:
    """Print ``text``, or write it to ``out`` atomically, never over a file without ``force``."""
    from datacard.write import WriteRefused, write_text_atomic

    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        write_text_atomic(out, text, overwrite=force)
    except WriteRefused:
        raise fail(f"{out} exists; pass --force to overwrite it") from None
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror or exc}") from None
    typer.echo(f"wrote {out}", err=True)
