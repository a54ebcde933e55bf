"""Finding and reading the configuration file: `[tool.datacard]` in pyproject.toml, or a
`datacard.toml` (see :mod:`datacard.config` for what it may hold).

Kept apart from the settings model so that a run without a configuration file, the common
case, never builds that model (a pydantic model costs milliseconds to build at import).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from datacard import codes
from datacard.findings import Finding

if TYPE_CHECKING:
    from datacard.config import Settings

CONFIG_FILES = ("datacard.toml", "pyproject.toml")
_MAX_CONFIG_BYTES = 4 << 20


class ConfigError(ValueError):
    """The configuration cannot be used: its findings, each placed on a line of the file."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("\n".join(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}" for f in findings))


@dataclass(frozen=True)
class ConfigFile:
    path: str  # as found or given
    settings: Settings

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))


def display(path: str) -> str:
    """A path as findings show it: relative to the working directory when it lies there."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith(os.pardir) else rel


def _problem(path: str, message: str, line: int = 0, column: int = 0) -> ConfigError:
    return ConfigError([codes.CONFIG_SYNTAX.finding(display(path), line, column, message)])


def _read_text(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise _problem(path, f"cannot read the configuration: {exc.strerror or exc}") from None
    if len(raw) > _MAX_CONFIG_BYTES:
        raise _problem(path, f"the configuration is larger than {_MAX_CONFIG_BYTES:,} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _problem(path, f"the configuration is not UTF-8 (byte {exc.start})") from None


def _toml() -> Any:
    """The TOML reader, imported when a configuration file is found (most runs have none)."""
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    try:  # pragma: no cover - Python 3.10, where tomli is a dependency (pyproject.toml)
        import tomli

        return tomli
    except ModuleNotFoundError:  # pragma: no cover
        return None


def _parse(path: str) -> tuple[str, dict[str, Any]]:
    toml = _toml()
    if toml is None:
        raise _problem(path, "cannot read the configuration: Python 3.10 needs the `tomli` package "
                       "(pip install tomli)")
    text = _read_text(path)
    try:
        return text, toml.loads(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, column = (int(where.group(1)), int(where.group(2))) if where else (1, 1)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        raise _problem(path, f"invalid TOML: {message}", line, column) from None


def _prefix(path: str) -> tuple[str, ...]:
    return () if os.path.basename(path) == "datacard.toml" else ("tool", "datacard")


def _table(path: str, doc: dict[str, Any]) -> Any:
    value: Any = doc
    for key in _prefix(path):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def ancestors(folder: str) -> Iterator[str]:
    """``folder`` (absolute) and every folder above it, up to the root of the file system."""
    current = os.path.abspath(folder)
    while True:
        yield current
        parent = os.path.dirname(current)
        if parent == current:
            return
        current = parent


def find_config(start: str) -> str | None:
    """The nearest config file at or above ``start`` that holds datacard settings."""
    for current in ancestors(start if os.path.isdir(start) else os.path.dirname(start) or "."):
        for name in CONFIG_FILES:
            candidate = os.path.join(current, name)
            if os.path.isfile(candidate) and (name == "datacard.toml" or _has_table(candidate)):
                return candidate
    return None


def _has_table(path: str) -> bool:
    try:
        return _table(path, _parse(path)[1]) is not None
    except ConfigError:
        return True  # report the broken file rather than skip it
