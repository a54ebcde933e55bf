"""The light core: the core install needs none of the data stack, and without the `data` extra
every pipeline command and data API call says which extra to install instead of failing deep
inside pandas or pyarrow. The extra's absence is simulated by an import hook in a subprocess."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from datacard.extras import DATA_MODULES
from tests.conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

HEAVY = ("pandas", "pyarrow", "numpy", "narwhals", "ruamel")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower()


def test_core_dependencies_hold_no_data_stack() -> None:
    core = {_name(r) for r in PYPROJECT["dependencies"]}
    assert core.isdisjoint({*HEAVY, "ruamel.yaml"}), core


def test_data_extra_is_what_the_guard_checks() -> None:
    extras = PYPROJECT["optional-dependencies"]
    assert {_name(r) for r in extras["data"]} == set(DATA_MODULES)
    # test includes data, and dev includes test: "install and pass the tests" stays one command.
    assert any(_name(r) == "datacard" and "data" in r for r in extras["test"])
    assert any(_name(r) == "datacard" and "test" in r for r in extras["dev"])


def test_importing_the_cli_imports_no_data_stack() -> None:
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import datacard.cli"],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert len(imported) > 50  # the figures were read
    heavy = sorted(m for m in imported if m.split(".")[0] in HEAVY)
    assert heavy == []
    # The licence expression parser waits for a datasheet that holds an expression.
    assert "license_expression" not in imported


# Runs the CLI, or a snippet, with the data extra's packages refused by an import hook, as on a
# core install. find_spec raising is what an absent package looks like to importlib.
WITHOUT_EXTRA = """
import sys

class NoDataExtra:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {heavy!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None

sys.meta_path.insert(0, NoDataExtra())
"""
RUN_CLI = """
import sys
from datacard.cli import main
sys.argv = ["datacard", *sys.argv[1:]]
main()
"""
CLI = WITHOUT_EXTRA + RUN_CLI


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code.format(heavy=HEAVY), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


SHEET = "examples/yelp-reviews.datacard.yaml"
DATA_COMMANDS = [
    ["profile", "data.csv"],
    ["check", "data.csv", "--datasheet", SHEET],
    ["represent", "data.csv"],
    ["embed", SHEET, "data.parquet"],
    ["extract", "data.parquet"],
    ["render", SHEET, "--data", "data.csv"],
]


@pytest.mark.parametrize("args", DATA_COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:3]))
def test_data_command_without_the_extra_names_it(args: list[str]) -> None:
    done = _run(CLI, *args)
    assert done.returncode == 2, done.stderr
    assert "'data' extra" in done.stderr and "pip install -e \".[data]\"" in done.stderr
    assert "Traceback" not in done.stderr


CORE_COMMANDS = [
    ["validate", "examples/"],
    ["lint", "examples/"],
    ["render", SHEET],
    ["coverage", "examples/"],
    ["export", "hf", SHEET],
    ["rule", "DC104"],
    ["schema"],
]


@pytest.mark.parametrize("args", CORE_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_core_command_runs_without_the_extra(args: list[str]) -> None:
    blocked, full = _run(CLI, *args), _run(RUN_CLI, *args)
    assert "Traceback" not in blocked.stderr and "extra" not in blocked.stderr, blocked.stderr
    assert blocked.returncode in (0, 1)
    assert (blocked.returncode, blocked.stdout) == (full.returncode, full.stdout)


API = WITHOUT_EXTRA + """
import datacard
try:
    from datacard import {name}
except ImportError as exc:
    print(type(exc).__name__, exc)
else:
    print("imported")
"""


@pytest.mark.parametrize("name", ["attach", "check_data", "profile_frame", "coverage_frame", "embed"])
def test_data_api_without_the_extra_raises_import_error_naming_it(name: str) -> None:
    done = _run(API.replace("{name}", name))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("MissingExtra ") and "'data' extra" in done.stdout, done.stdout
    assert f"datacard.{name} needs" in done.stdout


def test_core_api_works_without_the_extra() -> None:
    code = WITHOUT_EXTRA + (
        "import datacard\n"
        f"model, report = datacard.validate_file({SHEET!r})\n"
        "print(model is not None, len(report.findings))\n")
    done = _run(code)
    assert done.stdout.split() == ["True", "0"], done.stderr
