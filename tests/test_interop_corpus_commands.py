"""Every real card and Croissant file of the shared corpus, given to every command that reads
datasheets: no traceback, no "0 files", and every finding on a line of the file itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from datacard.cli import app


def _files(corpus: Path) -> list[str]:
    found = sorted((corpus / "hf-dataset-cards").glob("*.md")) + sorted((corpus / "croissant").glob("*.json"))
    assert len(found) >= 10
    return [str(p) for p in found]


def _run(*args: str) -> Any:
    result = CliRunner().invoke(app, [*args, "--isolated"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_every_finding_sits_on_a_line_of_the_file(corpus: Path, command: str) -> None:
    files = _files(corpus)
    result = _run(command, *files, "--output-format", "json")
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == len(files)
    for finding in report["findings"]:
        assert finding["path"] in files and finding["line"] >= 1, finding


def test_a_card_the_hub_refuses_is_an_error_on_its_line(corpus: Path) -> None:
    card = str(corpus / "hf-dataset-cards" / "castorini__nq_gar-t5_expansions.md")
    report = json.loads(_run("validate", card, "--output-format", "json").stdout)
    refused = [(f["line"], f["severity"]) for f in report["findings"] if f["code"] == "DC410"]
    assert (3, "error") in refused and (5, "error") in refused  # `English` and `Apache License 2.0`


def test_coverage_has_a_row_per_file(corpus: Path) -> None:
    files = _files(corpus)
    result = _run("coverage", *files, "--output-format", "json")
    assert result.exit_code in (0, 1), result.output
    rows = json.loads(result.stdout)["datasheets"]
    # Cards whose front matter does not parse have no datasheet; the others each have a row.
    assert len(rows) >= len(files) - 3


def test_render_reads_every_file(corpus: Path) -> None:
    for path in _files(corpus):
        result = _run("render", path)
        assert result.exit_code in (0, 1), (path, result.output)
        if result.exit_code == 0:
            assert result.stdout.startswith("# "), path
