"""Command modules imported on demand: ``datacard validate FILE`` imports the module that
defines ``validate`` and no other, so that no command pays for the imports of the others.

Commands are registered by the modules of this package that define them (``@app.command()``);
typer reads them when it builds the command line (when it runs, and when a test's ``CliRunner``
invokes the app), and only then are those modules imported.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Collection
from typing import Any

import typer

#: The module of this package that registers each command. A command missing here still works
#: (every module is imported for a name this table does not know); a test keeps it complete.
COMMAND_MODULES: dict[str, str] = {
    "init": "init", "validate": "core", "schema": "core", "render": "render", "lint": "lint",
    "rule": "lint", "import": "interop", "export": "interop", "coverage": "coverage",
    "profile": "data", "check": "data", "represent": "data", "embed": "data", "extract": "data",
    "diff": "diff", "site": "site",
}


def command_modules(wanted: Collection[str] | None = None) -> list[str]:
    """The modules that register the commands ``wanted`` (every module of the package for None,
    or for a name :data:`COMMAND_MODULES` does not know)."""
    if wanted is not None and all(name in COMMAND_MODULES for name in wanted):
        return sorted({COMMAND_MODULES[name] for name in wanted})
    here = os.path.dirname(__file__)
    names = {name[:-3] for name in os.listdir(here) if name.endswith(".py") and name.isascii()}
    return sorted(names - {"__init__", "app"})


class LazyTyper(typer.Typer):
    """A typer application that, with ``lazy=True``, imports its command modules when typer reads
    its commands (``registered_commands`` and ``registered_groups``): those of :meth:`only`'s
    commands, else every module."""

    def __init__(self, *, lazy: bool = False, **kwargs: Any) -> None:
        self._wanted: Collection[str] | None = None
        self._loading = not lazy  # a group that is not lazy never loads modules
        self._loaded: set[str] = set()
        super().__init__(**kwargs)

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


def command_of(argv: list[str]) -> str | None:
    """The command an argument list invokes: its first word that is not an option (the
    application's own options, --help and --version, take no value)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)
