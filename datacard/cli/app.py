"""The typer application, shared options and exit codes."""

from __future__ import annotations

import sys
from enum import IntEnum

import typer
from typer.core import TyperGroup

# `datacard --help` lists commands in the order a user meets them, not in the order the modules
# that define them happen to be imported.
COMMAND_ORDER = (
    "init", "validate", "render", "lint", "rule", "site", "import", "export", "coverage",
    "profile", "check", "represent", "embed", "extract", "schema",
)


class _Ordered(TyperGroup):
    def list_commands(self, ctx: object) -> list[str]:
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(self.commands, key=lambda name: (rank.get(name, len(rank)), name))


app = typer.Typer(
    name="datacard",
    cls=_Ordered,
    help="Datasheets for datasets: validate, render and lint the context of training data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Exit(IntEnum):
    CLEAN = 0
    FINDINGS = 1
    USAGE = 2


def version_text() -> str:
    import pydantic
    import yaml

    from datacard import __version__
    from datacard.load import HAS_LIBYAML

    parser = "libyaml C parser" if HAS_LIBYAML else (
        "pure-Python parser: libyaml is missing, so parsing is several times slower; "
        "reinstall PyYAML with libyaml available"
    )
    return (
        f"datacard {__version__} (Python {sys.version.split()[0]}, pydantic {pydantic.VERSION}, "
        f"PyYAML {yaml.__version__} with {parser})"
    )


def _version(value: bool) -> None:
    if value:
        typer.echo(version_text())
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool | None = typer.Option(
        None, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Datasheets for datasets: validate, render and lint the context of training data."""


def fail(message: str, code: Exit = Exit.USAGE) -> typer.Exit:
    """Print an error for a usage or input problem and return the exit to raise."""
    from datacard.escape import log_line

    # Messages quote paths, column names and values from data files: one safe line each.
    typer.echo(f"datacard: error: {log_line(message)}", err=True)
    return typer.Exit(int(code))


def main() -> None:
    app()
