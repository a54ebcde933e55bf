"""The typer application, shared options and exit codes.

Commands are registered by the modules of this package that define them (``@app.command()``),
and those modules are imported when typer builds the command line, not when this package is
imported: ``datacard validate FILE`` imports the module of ``validate`` and no other, so that
no command pays for the imports of the others (see :data:`COMMAND_MODULES`).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Collection
from enum import IntEnum
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup
from typer.models import CommandFunctionType

from datacard.cli.coerce import plain_first
from datacard.cli.version import version_text

# `datacard --help` lists commands in the order a user meets them, not in the order the modules
# that define them happen to be imported.
COMMAND_ORDER = (
    "init", "validate", "render", "lint", "rule", "import", "export", "coverage",
    "profile", "check", "represent", "embed", "extract", "schema",
)


#: The module of this package that registers each command. A command missing here still works
#: (every module is imported for a name this table does not know); a test keeps it complete.
COMMAND_MODULES: dict[str, str] = {
    "init": "init", "validate": "core", "schema": "core", "render": "render", "lint": "lint",
    "rule": "lint", "import": "interop", "export": "interop", "coverage": "coverage",
    "profile": "data", "check": "data", "represent": "data", "embed": "data", "extract": "data",
}


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


def command_modules(wanted: Collection[str] | None = None) -> list[str]:
    """The modules that register the commands ``wanted`` (every module of the package for None,
    or for a name :data:`COMMAND_MODULES` does not know)."""
    if wanted is not None and all(name in COMMAND_MODULES for name in wanted):
        return sorted({COMMAND_MODULES[name] for name in wanted})
    here = os.path.dirname(__file__)
    names = {name[:-3] for name in os.listdir(here) if name.endswith(".py") and name.isascii()}
    return sorted(names - {"__init__", "app"})


class Typer(typer.Typer):
    """typer.Typer whose commands are :class:`Command`; with ``lazy=True`` (the application),
    its command modules are imported when typer reads its commands.

    typer builds the command line from ``registered_commands`` and ``registered_groups`` (when
    it runs, and when a test's ``CliRunner`` invokes the app); reading either imports the modules
    that register the commands first: those of :meth:`only`'s commands, else every module.
    """

    def __init__(self, *, lazy: bool = False, **kwargs: Any) -> None:
        self._wanted: Collection[str] | None = None
        self._loading = not lazy  # a group that is not lazy never loads modules
        self._loaded: set[str] = set()
        kwargs.setdefault("cls", _Group)
        super().__init__(**kwargs)

    def command(self, name: str | None = None, **kwargs: Any) -> Callable[[CommandFunctionType], CommandFunctionType]:
        kwargs.setdefault("cls", Command)
        return super().command(name, **kwargs)

    def only(self, names: Collection[str] | None) -> None:
        """Import only the modules of the commands ``names`` when the command line is built
        (``None``: every module)."""
        self._wanted = names

    def _load(self) -> None:
        if self._loading:  # a command module registering itself
            return
        self._loading = True
        try:
            for module in command_modules(self._wanted):
                if module not in self._loaded:
                    importlib.import_module(f"{__name__.rpartition('.')[0]}.{module}")
                    self._loaded.add(module)
        finally:
            self._loading = False

    @property  # type: ignore[override]
    def registered_commands(self) -> list[Any]:
        self._load()
        return self.__dict__["_registered_commands"]  # type: ignore[no-any-return]

    @registered_commands.setter
    def registered_commands(self, value: list[Any]) -> None:
        self.__dict__["_registered_commands"] = value

    @property  # type: ignore[override]
    def registered_groups(self) -> list[Any]:
        self._load()
        return self.__dict__["_registered_groups"]  # type: ignore[no-any-return]

    @registered_groups.setter
    def registered_groups(self, value: list[Any]) -> None:
        self.__dict__["_registered_groups"] = value


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


def command_of(argv: list[str]) -> str | None:
    """The command an argument list invokes: its first word that is not an option (the
    application's own options, --help and --version, take no value)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


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
