"""`datacard --version`: what is installed, printed without loading the command line."""

from __future__ import annotations

import sys


def version_text() -> str:
    # pydantic and PyYAML are imported by every command anyway; typer and the loader are not
    # needed to name them, so `--version` costs what importing these two costs.
    import pydantic
    import yaml

    from datacard import __version__

    libyaml = bool(getattr(yaml, "__with_libyaml__", False))  # as datacard.yaml12.HAS_LIBYAML
    parser = "libyaml C parser" if libyaml else (
        "pure-Python parser: libyaml is missing, so parsing is several times slower; "
        "reinstall PyYAML with libyaml available"
    )
    return (
        f"datacard {__version__} (Python {sys.version.split()[0]}, pydantic {pydantic.VERSION}, "
        f"PyYAML {yaml.__version__} with {parser})"
    )
