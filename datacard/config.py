"""The configuration: `[tool.datacard]` in pyproject.toml, or a `datacard.toml`, as a closed model.

The file is found by walking up from the first path given, as ruff finds its own; a
pyproject.toml without a `[tool.datacard]` table does not count. Paths in the file are relative
to it. The linter's keys may also sit in `[tool.datacard.lint]`, which wins over the top level.
A key the model does not define, or a value of the wrong kind, is a finding placed on its line
(:class:`ConfigError`), never a silent default: the run would otherwise differ from the one its
author configured. ``docs/configuration.md`` is generated from this model.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, ValidationInfo

from datacard import codes
from datacard.configfile import (
    ConfigError,
    ConfigFile,
    _parse,
    _prefix,
    _problem,
    _table,
    display,
)
from datacard.load import DEFAULT_MAX_BYTES

_DOTTED = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")


def _one_or_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _selector(value: str) -> str:
    from datacard.rule_selection import SelectionError, check_selectors

    try:
        check_selectors([value])
    except SelectionError as exc:
        raise ValueError(str(exc)) from None
    return value


def _output_format(value: str) -> str:
    from datacard.reporters import REPORTERS

    if value not in REPORTERS:
        raise ValueError(f"{value!r} is not an output format; choose from {', '.join(REPORTERS)}")
    return value


def _existing(kind: Literal["file", "folder"]) -> Any:
    def check(value: str, info: ValidationInfo) -> str:
        base = (info.context or {}).get("base", ".")
        path = os.path.join(base, value)
        if not (os.path.isfile(path) if kind == "file" else os.path.isdir(path)):
            raise ValueError(f"no such {kind}: {value} (paths are relative to the configuration file)")
        return value
    return AfterValidator(check)


def _dotted(value: str) -> str:
    if not _DOTTED.match(value):
        raise ValueError(f"{value!r} is not a dotted field name such as \"audience.maintenance.contact\"")
    return value


Codes = Annotated[list[Annotated[str, AfterValidator(_selector)]], BeforeValidator(_one_or_list)]


def _key(alias: str, expects: str, description: str, default: Any = None, **extra: Any) -> Any:
    """A field with its TOML spelling, the words for its type, and its meaning (for the docs)."""
    return Field(default, alias=alias, description=description,
                 json_schema_extra={"expects": expects, **extra})


class LintSettings(BaseModel):
    """Keys that may also sit in the `[tool.datacard.lint]` table."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True, frozen=True)

    select: Codes | None = _key(
        "select", 'a list of codes or prefixes, such as ["DC2", "DC304"]',
        "The codes `lint`, `validate` and `check` report (`--select` replaces it). `ALL` is every code.",
        shown='["DC"]')
    ignore: Codes = _key("ignore", 'a list of codes or prefixes, such as ["DC307"]',
                         "Codes not reported (`--ignore` adds to it).", [])
    extend_select: Codes = _key("extend-select", 'a list of codes or prefixes, such as ["DC3"]',
                                "Codes reported on top of `select` (`--extend-select` adds to it).", [])
    per_file_ignores: dict[str, Codes] = _key(
        "per-file-ignores", 'a table of glob = [codes], such as {"legacy/*" = ["DC2"]}',
        "Codes not reported in files matching a glob (relative to the project root, or a file name).", {})
    fail_on: Literal["info", "warning", "error"] | None = _key(
        "fail-on", '"info", "warning" or "error"',
        "The lowest severity that makes the exit code 1 (`--fail-on`).", shown='"warning"')
    output_format: Annotated[str, AfterValidator(_output_format)] | None = _key(
        "output-format", 'the name of an output format, such as "concise" or "json"',
        "How findings are printed by every command that prints findings (`--output-format`).",
        shown='"concise"')
    datasets: dict[str, str] = _key(
        "datasets", 'a table of id = "path/to/datasheet.datacard.yaml"',
        "Third-party dataset ids mapped to local datasheets (`[tool.datacard.datasets]`), "
        "resolved inside the project.", {})
    exclude: list[str] = _key("exclude", 'a list of glob patterns, such as ["tests/fixtures"]',
                              "Paths left out of directory walks (replaces the default, which is none).", [])
    extend_exclude: list[str] = _key("extend-exclude", 'a list of glob patterns, such as ["tests/fixtures"]',
                                     "Paths left out of directory walks, on top of `exclude`.", [])
    respect_gitignore: bool | None = _key(
        "respect-gitignore", "true or false",
        "Leave out what `.gitignore` files and `.git/info/exclude` ignore (`--no-respect-gitignore`).",
        shown="true")
    severity: dict[Annotated[str, AfterValidator(_selector)], Literal["info", "warning", "error"]] = _key(
        "severity", 'a table of code = "info", "warning" or "error", such as {DC204 = "error"}',
        "The severity of codes or prefixes in this project; the most specific wins.", {})


class Settings(LintSettings):
    """The `[tool.datacard]` table (or a whole `datacard.toml`)."""

    max_bytes: Annotated[int, Field(gt=0)] | None = _key(
        "max-bytes", "a positive whole number of bytes",
        "The largest file any command reads (`--max-bytes`).", shown=f"{DEFAULT_MAX_BYTES:_}")
    extend_require: list[Annotated[str, AfterValidator(_dotted)]] = _key(
        "extend-require", 'a list of dotted field names, such as ["audience.maintenance.contact"]',
        "Datasheet fields this organisation requires on top of datacard's own.", [])
    policy: Annotated[str, _existing("file")] | None = _key(
        "policy", 'the path of a JSON Schema file, such as "policy.schema.json"',
        "A JSON Schema that datasheets must also satisfy (house rules), relative to the configuration.")
    follow_links: bool | None = _key(
        "follow-links", "true or false",
        "Walk into directory links that stay inside the project (`--follow-links`).", shown="false")
    allow_outside_root: list[Annotated[str, _existing("folder")]] = _key(
        "allow-outside-root", 'a list of folders, such as ["../shared-datasheets"]',
        "Folders outside the project root that links and lineage references may lead into, "
        "relative to the configuration.", [])
    dataset_cards: list[str] | None = _key(
        "dataset-cards", 'a list of file-name patterns, such as ["README.md", "*.card.md"]',
        "Markdown files that directory walks read as Hugging Face dataset cards when their front matter "
        "is a dataset card's (named files are always read).", shown='["README.md"]')
    croissant_files: list[str] | None = _key(
        "croissant-files", 'a list of file-name patterns, such as ["*.croissant.json"]',
        "JSON files that directory walks read as Croissant metadata when their `@context` is Croissant's "
        "(named files are always read).", shown='["*.croissant.json", "croissant.json", "metadata.json"]')
    lint: LintSettings | None = _key("lint", "a table", "The linter's keys, winning over the top level.")

    def merged(self) -> dict[str, Any]:
        """The keys set at the top level, overridden by those of the lint table, by field name."""
        out = {name: getattr(self, name) for name in self.model_fields_set if name != "lint"}
        if self.lint is not None:
            out.update({name: getattr(self.lint, name) for name in self.lint.model_fields_set})
        return out


def read_config(path: str) -> ConfigFile:
    """The settings in the config file at ``path``; :class:`ConfigError` with placed findings if unusable."""
    if not os.path.isfile(path):
        raise _problem(path, "no such configuration file")
    text, doc = _parse(path)
    table = _table(path, doc)
    if table is None:
        table = {}
    from datacard.tomlkeys import KeyPositions

    positions = KeyPositions(text)
    prefix = _prefix(path)
    if not isinstance(table, dict):
        line, column = positions.position(prefix)
        raise ConfigError([codes.CONFIG_BAD_VALUE.finding(
            display(path), line, column, "`tool.datacard` must be a table: write `[tool.datacard]` on a line")])
    try:
        settings = Settings.model_validate(table, context={"base": os.path.dirname(os.path.abspath(path))})
    except ValidationError as exc:
        findings = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            code, message = _message(error, loc, prefix)
            line, column = positions.position((*prefix, *loc))
            findings.append(code.finding(display(path), line, column, message))
        raise ConfigError(findings) from None
    return ConfigFile(path, settings)


# --- messages -----------------------------------------------------------------------------


def _aliases(model: type[BaseModel]) -> dict[str, str]:
    return {info.alias or name: name for name, info in model.model_fields.items()}


def _field_at(loc: Sequence[str | int]) -> tuple[type[BaseModel], str | None]:
    """The model and field name a location names (None for an unknown key)."""
    model: type[BaseModel] = Settings
    if len(loc) > 1 and loc[0] == "lint":
        model, loc = LintSettings, loc[1:]
    key = loc[0] if loc else None
    if not isinstance(key, str):
        return model, None
    names = _aliases(model)
    return model, names.get(key) or (key if key in model.model_fields else None)


def _where(loc: Sequence[str | int], prefix: tuple[str, ...]) -> str:
    keys = [str(p) for p in loc[:-1] if isinstance(p, str)]
    return "[" + ".".join([*prefix, *keys]) + "]" if [*prefix, *keys] else "the top level"


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) < 40 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _message(error: Any, loc: tuple[str | int, ...], prefix: tuple[str, ...]) -> tuple[codes.Code, str]:
    kind = error["type"]
    model, name = _field_at(loc)
    if kind == "extra_forbidden" or name is None:
        return codes.CONFIG_UNKNOWN_KEY, _unknown(loc, model, prefix)
    info = model.model_fields[name]
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    key = info.alias or name
    items = [p for p in loc[1:]]
    item = f" (at {'.'.join(str(p) for p in items)})" if items else ""
    if kind == "value_error":
        return codes.CONFIG_BAD_VALUE, f"`{key}`{item}: {error['ctx']['error']}"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", error["ctx"]["expected"])
        near = difflib.get_close_matches(str(error["input"]), choices, n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        return codes.CONFIG_BAD_VALUE, f"`{key}` must be {extra.get('expects')}, not {error['input']!r}{hint}"
    return codes.CONFIG_BAD_VALUE, (f"`{key}` must be {extra.get('expects')}; found "
                                    f"{_kind_of(error['input'])}{item}")


def _unknown(loc: tuple[str | int, ...], model: type[BaseModel], prefix: tuple[str, ...]) -> str:
    key = str(loc[-1])
    known = sorted(_aliases(model))
    near = difflib.get_close_matches(key.replace("_", "-"), known, n=1, cutoff=0.6)
    if model is LintSettings and key.replace("_", "-") in _aliases(Settings):
        return f"`{key}` belongs in [{'.'.join(prefix) or 'the top level'}], not in its lint table"
    hint = f"did you mean `{near[0]}`?" if near else f"known keys: {', '.join(known)}"
    return f"unknown key `{key}` in {_where(loc, prefix)}; {hint}"


def reference_table() -> str:
    """The Markdown table of every key (docs/configuration.md holds it; a test keeps it current)."""
    rows = ["| key | takes | default | meaning |", "|---|---|---|---|"]
    for name, info in Settings.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        default = extra.get("shown") or ("none" if info.default in (None, [], {}) else repr(info.default))
        rows.append(f"| `{info.alias or name}` | {extra.get('expects')} | {default} | {info.description} |")
    return "\n".join(rows) + "\n"
