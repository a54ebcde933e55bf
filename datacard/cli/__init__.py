"""The command line: a thin shell over the library. Only this package prints.

Each command group lives in its own module of this package and registers itself on ``app``
(:mod:`datacard.cli.app`) when imported. Those modules are imported when typer builds the
command line, and then only the invoked command's (``datacard validate`` does not import the
linter's or the renderer's command modules); they still import heavy libraries (pandas,
pyarrow, Jinja2, the linter) inside their command functions only.

Importing this package is cheap: ``app`` (the typer application) loads typer when first used,
and ``datacard --version`` is answered without it.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datacard.cli.app import Typer

    app: Typer

__all__ = ["app", "main"]


def main() -> None:
    """The console script."""
    if sys.argv[1:] == ["--version"]:
        # What typer would print, without the cost of importing typer: most of this command's.
        from datacard.cli.version import version_text

        print(version_text())
        return
    from datacard.cli.app import main as run

    run()


class _Package(types.ModuleType):
    """This package, whose ``app`` attribute is the typer application, imported on first use.

    A property and not a module ``__getattr__``: importing the submodule ``datacard.cli.app``
    sets this package's attribute ``app`` to that submodule, which would hide the application.
    """

    @property
    def app(self) -> Any:
        from datacard.cli.app import app

        return app

    @app.setter
    def app(self, value: Any) -> None:
        pass  # the import system records the submodule; sys.modules keeps it


sys.modules[__name__].__class__ = _Package
