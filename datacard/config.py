"""Project configuration: `[tool.datacard]` in pyproject.toml, or a `datacard.toml`.

The file is found by walking up from the first path given, like ruff does; a pyproject.toml
without a `[tool.datacard]` table does not count. Paths in the file are relative to it. The
linter's own keys may also sit in `[tool.datacard.lint]`, which wins over the top level.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib as _toml
else:  # pragma: no cover - Python 3.10, where tomli is a dependency (pyproject.toml)
    try:
        import tomli as _toml
    except ModuleNotFoundError:
        _toml = None  # type: ignore[assignment]

CONFIG_FILES = ("datacard.toml", "pyproject.toml")
_LINT_KEYS = {
    "select", "ignore", "extend-select", "per-file-ignores", "fail-on", "output-format", "datasets",
    "exclude", "extend-exclude", "respect-gitignore", "extend-require", "policy", "severity",
}
_KEYS = _LINT_KEYS | {"max-bytes"}


class ConfigError(ValueError):
    """The configuration cannot be read or is malformed: a usage error."""


@dataclass
class Config:
    path: str | None = None
    root: str = "."
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: str | None = None
    output_format: str | None = None
    datasets: dict[str, str] = field(default_factory=dict)  # id -> absolute datasheet path
    exclude: list[str] = field(default_factory=list)  # globs, relative to the project root
    respect_gitignore: bool = True
    max_bytes: int | None = None
    extend_require: list[str] = field(default_factory=list)  # dotted datasheet fields a project adds
    policy: str | None = None  # absolute path of a JSON Schema overlay
    severity: dict[str, str] = field(default_factory=dict)  # code or prefix -> error | warning | info


def _read_toml(path: str) -> dict[str, Any]:
    if _toml is None:
        raise ConfigError(f"{path}: cannot read the configuration: Python 3.10 needs the `tomli` package")
    try:
        with open(path, "rb") as handle:
            data: dict[str, Any] = _toml.load(handle)
            return data
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc


def _table(path: str) -> dict[str, Any] | None:
    """The datacard table of a config file, or None when a pyproject.toml has none."""
    doc = _read_toml(path)
    if os.path.basename(path) == "datacard.toml":
        return doc
    tool = doc.get("tool")
    table = tool.get("datacard") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def find_config(start: str) -> str | None:
    """The nearest config file at or above ``start`` that holds datacard settings."""
    current = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(current, name)
            if os.path.isfile(candidate) and (name == "datacard.toml" or _has_table(candidate)):
                return candidate
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _has_table(path: str) -> bool:
    try:
        return _table(path) is not None
    except ConfigError:
        return True  # report the broken file rather than skip it


def project_root(start: str) -> str:
    """The directory that holds `.git` at or above ``start``, else ``start`` itself."""
    begin = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    current = begin
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return begin
        current = parent


def _strings(path: str, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: `{key}` must be a list of codes such as [\"DC2\", \"DC304\"]")
    return list(value)


def _globs(path: str, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: `{key}` must be a list of glob patterns such as [\"tests/fixtures\"]")
    return list(value)


def _fields(path: str, value: Any) -> list[str]:
    from datacard.context import Location

    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: `extend-require` must be a list of datasheet fields such as "
                          "[\"audience.maintenance.contact\"]")
    for item in value:
        try:
            Location.parse(item)
        except ValueError:
            raise ConfigError(f"{path}: `extend-require`: {item!r} is not a datasheet field such as "
                              "audience.maintenance.contact") from None
    return list(value)


def _norm_keys(table: dict[str, Any]) -> dict[str, Any]:
    return {str(k).replace("_", "-"): v for k, v in table.items()}


def load_config(path: str) -> Config:
    table = _table(path) or {}
    merged = _norm_keys({k: v for k, v in table.items() if k != "lint"})
    # A misspelt key would otherwise be ignored without a word, and the run would differ from the
    # one the author configured.
    unknown = set(merged) - _KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) in [tool.datacard]: {', '.join(sorted(unknown))}; "
                          f"known: {', '.join(sorted(_KEYS | {'lint'}))}")
    lint = table.get("lint")
    if lint is not None:
        if not isinstance(lint, dict):
            raise ConfigError(f"{path}: [tool.datacard.lint] must be a table")
        unknown = set(_norm_keys(lint)) - _LINT_KEYS
        if unknown:
            raise ConfigError(f"{path}: unknown key(s) in the lint table: {', '.join(sorted(unknown))}; "
                              f"known: {', '.join(sorted(_LINT_KEYS))}")
        merged.update(_norm_keys(lint))
    base = os.path.dirname(os.path.abspath(path))
    config = Config(path=path, root=base)
    if "select" in merged:
        config.select = _strings(path, "select", merged["select"])
    config.ignore = _strings(path, "ignore", merged.get("ignore", []))
    config.extend_select = _strings(path, "extend-select", merged.get("extend-select", []))
    pfi = merged.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(f"{path}: `per-file-ignores` must be a table of glob = [codes]")
    config.per_file_ignores = {str(k): _strings(path, f"per-file-ignores.{k}", v) for k, v in pfi.items()}
    for key in ("fail-on", "output-format"):
        value = merged.get(key)
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"{path}: `{key}` must be text")
    config.fail_on = merged.get("fail-on")
    config.output_format = merged.get("output-format")
    datasets = merged.get("datasets", {})
    if not isinstance(datasets, dict) or not all(isinstance(v, str) for v in datasets.values()):
        raise ConfigError(f"{path}: `datasets` must be a table of id = \"path/to/datasheet.datacard.yaml\"")
    config.datasets = {str(k): os.path.normpath(os.path.join(base, v)) for k, v in datasets.items()}
    config.exclude = (_globs(path, "exclude", merged.get("exclude", []))
                      + _globs(path, "extend-exclude", merged.get("extend-exclude", [])))
    gitignore = merged.get("respect-gitignore", True)
    if not isinstance(gitignore, bool):
        raise ConfigError(f"{path}: `respect-gitignore` must be true or false")
    config.respect_gitignore = gitignore
    config.extend_require = _fields(path, merged.get("extend-require", []))
    policy = merged.get("policy")
    if policy is not None and not isinstance(policy, str):
        raise ConfigError(f"{path}: `policy` must be the path of a JSON Schema file")
    config.policy = os.path.normpath(os.path.join(base, policy)) if policy else None
    severity = merged.get("severity", {})
    if not isinstance(severity, dict) or not all(v in ("error", "warning", "info") for v in severity.values()):
        raise ConfigError(f"{path}: `severity` must be a table of code = \"error\", \"warning\" or \"info\"")
    config.severity = {str(k).strip().upper(): str(v) for k, v in severity.items()}
    max_bytes = merged.get("max-bytes")
    if max_bytes is not None and (not isinstance(max_bytes, int) or max_bytes < 1):
        raise ConfigError(f"{path}: `max-bytes` must be a positive whole number")
    config.max_bytes = max_bytes
    return config


def resolve_config(start: str, explicit: str | None = None, *, isolated: bool = False) -> Config:
    """The configuration for a run that starts at ``start``; defaults when there is none."""
    if isolated:
        return Config(root=project_root(start))
    path = explicit or find_config(start)
    if path is None:
        return Config(root=project_root(start))
    if explicit is not None and not os.path.isfile(explicit):
        raise ConfigError(f"{explicit}: no such configuration file")
    config = load_config(path)
    git_root = project_root(os.path.dirname(os.path.abspath(path)))
    # The project is the repository when the config sits inside one, else the config's folder.
    if os.path.exists(os.path.join(git_root, ".git")):
        config.root = git_root
    return config
