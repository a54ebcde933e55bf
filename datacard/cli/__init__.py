"""The command line: a thin shell over the library. Only this package prints.

Each command group lives in its own module and registers itself on ``app``; modules import
heavy libraries inside their command functions, never at module level.
"""

from __future__ import annotations

from datacard.cli.app import app, main
from datacard.cli import core as _core  # noqa: F401  (registers validate, schema)

__all__ = ["app", "main"]
