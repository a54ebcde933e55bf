"""datacard: datasheets for datasets as checked artefacts.

The public API is imported lazily so that `import datacard` stays cheap: validating a file
never imports pandas, Jinja2 or the linter.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# name -> module that defines it
_EXPORTS: dict[str, str] = {
    "Finding": "datacard.findings",
    "Report": "datacard.findings",
    "Severity": "datacard.findings",
    "Loaded": "datacard.load",
    "load": "datacard.load",
    "load_text": "datacard.load",
    "dump_yaml": "datacard.load",
    "Datasheet": "datacard.model",
    "TrainingManifest": "datacard.model",
    "validate_file": "datacard.validate",
    "validate_loaded": "datacard.validate",
    "validate_data": "datacard.validate",
    "load_datasheet": "datacard.validate",
    "validate_many": "datacard.runner",
    "Project": "datacard.project",
    "resolve_project": "datacard.project",
    "coverage": "datacard.interop.coverage",
    "coverage_frame": "datacard.interop.coverage",
    "check_training": "datacard.lint",
    "TrainingDataError": "datacard.lint",
    "DatacardWarning": "datacard.lint",
    "attach": "datacard.data.frame",
    "datasheet_of": "datacard.data.frame",
    "to_yaml": "datacard.data.frame",
    "embed": "datacard.data.parquet",
    "extract": "datacard.data.parquet",
    "profile": "datacard.data.profile",
    "profile_frame": "datacard.data.profile",
    "check_data": "datacard.data.check",
    "representation_table": "datacard.data.represent",
}

__all__ = ["__version__", *sorted(_EXPORTS)]

# Names that need the `data` extra (pandas, pyarrow, ...): asking for one without it raises an
# ImportError that names the extra to install.
_NEEDS_DATA = {name for name, module in _EXPORTS.items() if module.startswith("datacard.data.")} | {"coverage_frame"}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'datacard' has no attribute {name!r}")
    if name in _NEEDS_DATA:
        from datacard.extras import require_data

        require_data(f"datacard.{name}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
