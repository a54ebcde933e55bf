"""`datacard render --data` adds the representation table measured from the data."""

from __future__ import annotations

import csv
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from datacard.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()


def _write_reviews(path: Path) -> None:
    # 100 reviews per cuisine; "indian" gets far fewer positive labels, so four-fifths flags it.
    positives = {"italian": 60, "mexican": 58, "indian": 30}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label", "cuisine"])
        for cuisine, good in positives.items():
            for i in range(100):
                writer.writerow([f"{cuisine} review {i}", 4 if i < good else 0, cuisine])


def test_render_with_data_flags_the_underrepresented_group(tmp_path: Path) -> None:
    data = tmp_path / "reviews.csv"
    _write_reviews(data)
    result = runner.invoke(app, ["render", str(EXAMPLES / "yelp-reviews.datacard.yaml"), "--data", str(data)])
    assert result.exit_code == 0, result.output
    section = result.output.split("## Representation in the data", 1)[1]
    rows = {line.split("|")[2].strip(): line for line in section.splitlines() if line.startswith("| cuisine")}
    assert set(rows) == {"italian", "mexican", "indian"}
    # The example names no positive class, so the rate of each label value is judged: indian
    # reviews get too few 4s, italian ones too few 0s.
    assert "below 0.8 for 4" in rows["indian"] and "for 4" not in rows["italian"]


def test_render_without_data_has_no_representation_section() -> None:
    result = runner.invoke(app, ["render", str(EXAMPLES / "yelp-reviews.datacard.yaml")])
    assert result.exit_code == 0
    assert "## Representation in the data" not in result.output


def test_render_data_needs_a_subgroup_field(tmp_path: Path) -> None:
    data = tmp_path / "calls.csv"
    data.write_text("x\n1\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(EXAMPLES / "bird-calls.datacard.yaml"), "--data", str(data)])
    assert result.exit_code == 2


@pytest.mark.parametrize("stale", [None, "old text\n"], ids=["missing", "out-of-date"])
def test_check_suggests_the_command_that_brings_the_file_up_to_date(tmp_path: Path, stale: str | None) -> None:
    folder = tmp_path / "my data"  # a space, so the suggestion must quote
    folder.mkdir()
    data, out = folder / "reviews.csv", folder / "card.md"
    _write_reviews(data)
    if stale is not None:
        out.write_text(stale, encoding="utf-8")
    sheet = str(EXAMPLES / "yelp-reviews.datacard.yaml")
    check = ["render", sheet, "-o", str(out), "--data", str(data), "--check"]
    result = runner.invoke(app, check)
    assert result.exit_code == 1
    suggested = shlex.split(re.search(r"run `datacard (.+)`", result.output).group(1))  # type: ignore[union-attr]
    assert runner.invoke(app, suggested).exit_code == 0
    assert runner.invoke(app, check).exit_code == 0
