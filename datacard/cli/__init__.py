"""The command line: a thin shell over the library. Only this package prints.

Each command group lives in its own module of this package and registers itself on ``app``
when imported; every module here is imported at start-up, so modules must import heavy
libraries (pandas, pyarrow, Jinja2, the linter) inside their command functions only.
"""

from __future__ import annotations

import importlib
import pkgutil

from datacard.cli.app import app, main

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    if _module != "app":
        importlib.import_module(f"{__name__}.{_module}")

__all__ = ["app", "main"]
