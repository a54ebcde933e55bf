"""The README's YAML examples are real datasheets, and its first commands are the ones CI relies on."""

from __future__ import annotations

import re

import pytest

from datacard.load import load_text
from datacard.validate import validate_loaded
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
YAML_BLOCKS = re.findall(r"```yaml\n(.*?)```", README, flags=re.S)


def test_readme_has_yaml_examples() -> None:
    assert YAML_BLOCKS


@pytest.mark.parametrize("block", YAML_BLOCKS, ids=lambda b: b.split("\n")[1][:30])
def test_readme_yaml_validates(block: str) -> None:
    model, report = validate_loaded(load_text(block, "README.md#yaml", markdown=False))
    assert [(f.code, f.line, f.message) for f in report] == []
    assert model is not None


def test_first_commands_install_from_the_checkout() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, flags=re.S)
    assert first_block is not None
    commands = first_block.group(1)
    assert "pip install -e ." in commands and "datacard validate examples/" in commands
    assert 'pip install -e ".[test]"' in commands and "pytest" in commands


SAMPLES = re.findall(r"```\n\$ (datacard [^\n]*)\n(.*?)```", README, flags=re.S)


@pytest.mark.parametrize(("command", "output"), SAMPLES, ids=[c for c, _ in SAMPLES])
def test_readme_console_samples_are_real(command: str, output: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import shlex

    from typer.testing import CliRunner

    from datacard.cli import app

    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    assert result.stdout == output


def test_readme_has_console_samples() -> None:
    assert SAMPLES
