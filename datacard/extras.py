"""Optional dependencies: which extra brings them, and one clear error when it is missing.

The core install (validate, lint, render, import, export, coverage, rule, schema, init) needs
none of the data stack. The pipeline commands and the data API need the `data` extra; each of
their entry points calls :func:`require_data` first, so that a missing package is one sentence
naming the extra to install, never a traceback from deep inside pandas or pyarrow.
"""

from __future__ import annotations

import importlib.util

DATA_EXTRA = "data"
#: What the `data` extra of pyproject.toml installs, by import name.
DATA_MODULES = ("pandas", "pyarrow", "narwhals", "numpy")


class MissingExtra(ImportError):
    """A feature needs an optional extra that is not installed."""


def _absent(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is None
    # A parent package that is missing or broken, or a module that an
    # import hook refuses, is as absent as one that was never installed.
    except (ImportError, ValueError):
        return True


def missing_data_modules() -> list[str]:
    """The modules of the data extra that cannot be imported here (found without importing them)."""
    return [m for m in DATA_MODULES if _absent(m)]


def data_extra_message(feature: str, missing: list[str]) -> str:
    return (f"{feature} needs the optional '{DATA_EXTRA}' extra ({', '.join(missing)} not installed): "
            f"pip install 'datacard[{DATA_EXTRA}]', or from a checkout: pip install -e \".[{DATA_EXTRA}]\"")


def require_data(feature: str) -> None:
    """Raise MissingExtra, naming the extra, unless every module of the data extra is present."""
    missing = missing_data_modules()
    if missing:
        raise MissingExtra(data_extra_message(feature, missing), name=missing[0])


SITE_EXTRA = "site"
#: What the `site` extra of pyproject.toml installs, by import name: the graph layout library.
SITE_MODULES = ("igraph",)


def require_site(feature: str) -> None:
    """Raise MissingExtra, naming the extra, unless the lineage graph's layout library is here."""
    missing = [m for m in SITE_MODULES if _absent(m)]
    if missing:
        raise MissingExtra(
            f"{feature} needs the optional '{SITE_EXTRA}' extra ({', '.join(missing)} not installed): "
            f"pip install 'datacard[{SITE_EXTRA}]', or from a checkout: pip install -e \".[{SITE_EXTRA}]\"",
            name=missing[0])
