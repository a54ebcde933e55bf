"""Start-up: each command imports what it uses and nothing more, and the shortcuts that make it
so (command modules loaded on demand, `--version` without typer, option values passed through
without a converter) behave as the full path does. Speed itself is measured by
`bench/startup.py`, never here."""

from __future__ import annotations

import json
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from datacard.cli import app
from datacard.cli.coerce import _MISSING, plain_value
from datacard.cli.lazy import COMMAND_MODULES, command_of
from tests.conftest import EXAMPLES, ROOT

SHEET = EXAMPLES / "yelp-reviews.datacard.yaml"
DATA_STACK = ("pandas", "pyarrow", "numpy", "narwhals", "polars", "dask", "ruamel")
OTHER_COMMANDS = ("datacard.cli.lint", "datacard.cli.render", "datacard.cli.data", "datacard.cli.interop",
                  "datacard.cli.coverage", "datacard.cli.init")

# argv -> modules that must not be imported by it (a prefix forbids its submodules too).
FORBIDDEN: dict[tuple[str, ...], tuple[str, ...]] = {
    ("--version",): ("typer", "datacard.cli.app", "datacard.load", "pydantic.main", *DATA_STACK),
    ("--help",): ("pydantic.main", "datacard.model", "datacard.load", "jinja2", "yaml", *DATA_STACK),
    ("validate", "--help"): ("pydantic.main", "datacard.model", "jinja2", *OTHER_COMMANDS, *DATA_STACK),
    ("import", "hf", "--help"): ("pydantic.main", "datacard.model", "datacard.cli.core", *DATA_STACK),
    ("validate", str(SHEET)): ("jinja2", "datacard.lint", "datacard.render", *OTHER_COMMANDS, *DATA_STACK),
    ("lint", str(SHEET)): ("jinja2", "datacard.render", "datacard.cli.core", "datacard.cli.render", *DATA_STACK),
    ("render", str(SHEET)): ("datacard.lint", "datacard.cli.lint", *DATA_STACK),
}

_PROBE = """
import json, sys
sys.argv = ["datacard", *sys.argv[1:]]
from datacard.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nMODULES:" + json.dumps(sorted(sys.modules)) + "\\n")
"""


def imported_by(*argv: str) -> set[str]:
    """The modules a run of ``datacard ARGV`` imports, in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    marker = done.stderr.rpartition("\nMODULES:")[2]
    assert marker, done.stderr
    return set(json.loads(marker))


@pytest.mark.parametrize("argv", sorted(FORBIDDEN), ids=" ".join)
def test_a_command_imports_only_what_it_uses(argv: tuple[str, ...]) -> None:
    modules = imported_by(*argv)
    found = sorted(m for m in modules for f in FORBIDDEN[argv] if m == f or m.startswith(f + "."))
    assert found == []


def test_every_command_is_in_the_table_of_command_modules() -> None:
    """A command missing from COMMAND_MODULES would make `datacard NAME` import every module."""
    root = typer.main.get_command(app)
    assert isinstance(root, typer.core.TyperGroup)
    registered = {info.name or info.callback.__name__: info.callback.__module__ for info in app.registered_commands}
    registered.update({info.name: info.typer_instance.registered_commands[0].callback.__module__
                       for info in app.registered_groups})
    assert set(registered) == set(root.commands) == set(COMMAND_MODULES)
    for name, module in registered.items():
        assert module == f"datacard.cli.{COMMAND_MODULES[name]}", name


@pytest.mark.parametrize(("argv", "command"), [
    ([], None), (["--help"], None), (["--version"], None), (["validate", "x"], "validate"),
    (["--version", "lint"], "lint"), (["--", "render", "a"], "render"), (["import", "hf", "x"], "import"),
])
def test_the_command_of_an_argument_list(argv: list[str], command: str | None) -> None:
    assert command_of(argv) == command


def test_version_without_typer_prints_what_typer_prints() -> None:
    fast = subprocess.run([sys.executable, "-c", "from datacard.cli import main; main()", "--version"],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    full = CliRunner().invoke(app, ["--version"])
    assert fast.returncode == full.exit_code == 0
    assert fast.stdout == full.stdout and fast.stdout.startswith("datacard ")


class _Color(Enum):
    RED = "red"


def _typer_converts(annotation: Any, value: Any, **info: Any) -> Any:
    """What typer's own converter makes of ``value``."""
    from typer._coercion import build_runtime_param, resolve_type_descriptor
    from typer.models import OptionInfo

    descriptor = resolve_type_descriptor(annotation, OptionInfo(**info))
    return build_runtime_param(descriptor)._coerce_value(value, param=None, ctx=None)  # type: ignore[arg-type]


@pytest.mark.parametrize(("annotation", "value", "info", "passes"), [
    (str, "validate", {}, True),
    (str, "", {}, True),
    (str, "ünïcode path", {}, True),
    (int, 0, {"min": 0}, True),
    (int, 4, {"min": 1}, True),
    (int, 7, {"min": 1, "max": 7}, True),
    (int, 0, {"min": 1}, False),  # out of bounds: typer words the error
    (int, 9, {"max": 7}, False),
    (int, 0, {"min": 1, "clamp": True}, False),  # clamped by typer
    (int, "3", {}, False),  # text to convert
    (int, True, {}, False),  # a bool is not a whole number here
    (float, 0.5, {}, False),
    (bool, "yes", {}, False),
    (_Color, "red", {}, False),
    (Path, "a", {}, False),
])
def test_plain_values_pass_as_typer_would_convert_them(annotation: Any, value: Any, info: dict[str, Any],
                                                       passes: bool) -> None:
    from typer.models import OptionInfo

    plain = plain_value(annotation, OptionInfo(**info), value, multiple=False)
    assert (plain is not _MISSING) is passes
    if passes:
        converted = _typer_converts(annotation, value, **info)
        assert plain == converted and type(plain) is type(converted)


@pytest.mark.parametrize(("value", "passes"), [
    (("a", "b"), True), ((), True), (["x"], True), (("a", 1), False), ("ab", False),
])
def test_plain_lists_pass_as_typer_would_convert_them(value: Any, passes: bool) -> None:
    from typer.models import OptionInfo

    plain = plain_value(list[str], OptionInfo(), value, multiple=True)
    assert (plain is not _MISSING) is passes
    if passes:
        converted = _typer_converts(list[str], value)
        assert plain == converted and type(plain) is type(converted)
