"""The typer application, shared options and exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import IntEnum
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup
from typer.models import CommandFunctionType

from datacard.cli.coerce import plain_first
from datacard.cli.lazy import LazyTyper, command_of
from datacard.cli.version import version_text

# `datacard --help` lists commands in the order a user meets them, not in the order the modules
# that define them happen to be imported.
COMMAND_ORDER = (
    "init", "validate", "render", "lint", "rule", "diff", "site", "import", "export", "coverage",
    "profile", "check", "represent", "embed", "extract", "schema",
)


class _Group(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return plain_first(super().get_params(ctx))  # --version and --help: flags, nothing to convert


class _Ordered(_Group):
    def list_commands(self, ctx: object) -> list[str]:
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(self.commands, key=lambda name: (rank.get(name, len(rank)), name))


class _Argument(TyperArgument):
    """An argument shown by its metavar alone (``PATH``, ``PATH...``), as options are: typer
    would add its Python type (``<list[str]>``) and brace required ones (``{path}``)."""

    def display_type_rich(self, ctx: object) -> str | None:  # type: ignore[override]
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")


class Command(TyperCommand):
    """Every command's help in one style (``tests/test_cli_consistency.py`` walks them all), and
    its values converted only where they need it (:mod:`datacard.cli.coerce`)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument

    def get_params(self, ctx: Any) -> list[Any]:
        return plain_first(super().get_params(ctx))  # with --help, which typer adds here


class Typer(LazyTyper):
    """typer.Typer whose commands are :class:`Command`; the application's command modules are
    imported on demand (:mod:`datacard.cli.lazy`)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", _Group)
        super().__init__(**kwargs)

    def command(self, name: str | None = None, **kwargs: Any) -> Callable[[CommandFunctionType], CommandFunctionType]:
        kwargs.setdefault("cls", Command)
        return super().command(name, **kwargs)


app = Typer(
    lazy=True,
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
    """The console entry point: a bug in datacard ends with a one-line report and exit 2, never a
    traceback (set DATACARD_TRACEBACK=1 to see it, when reporting the bug)."""
    # Shell completion (docs/lint.md): `_DATACARD_COMPLETE=source_bash datacard` prints the
    # script a shell sources. The completion machinery is loaded only when a shell asks, and
    # then every command is (it completes their names).
    if os.environ.get("_DATACARD_COMPLETE"):
        from typer._completion_classes import completion_init

        completion_init()
    else:
        command = command_of(sys.argv[1:])
        app.only([command] if command is not None else None)
    # pydantic looks for plugins (observers of validation) in every installed distribution's
    # entry points when it builds its first validator: a scan of site-packages that costs more
    # than checking a file. datacard's models need none; a user who wants them sets the variable.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except Exception as exc:  # a bug: the commands report every problem in a user's input as data
        if os.environ.get("DATACARD_TRACEBACK"):
            raise
        typer.echo(f"datacard: internal error ({type(exc).__name__}): a bug in datacard, not in your "
                   "input; please report it, with the command and a copy of the files if you can "
                   "(DATACARD_TRACEBACK=1 shows where it happened)", err=True)
        raise SystemExit(int(Exit.USAGE)) from None
    finally:
        app.only(None)
