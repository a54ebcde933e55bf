"""Hugging Face cards as the people who maintain them on the Hub use datacard: every defect found
by running each command on real cards is a case here, on a small card written for the test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from datacard.cli import app

# A dataset card in the pre-2023 template with one gap left (its curators), and a model card
# that trains on it.
DATASET_CARD = """---
language: [en]
license: cc-by-4.0
pretty_name: Movie Reviews (Polarity Edition)
task_categories: [text-classification]
source_datasets: [original]
---
# Dataset Card for Movie Reviews

## Dataset Description

### Dataset Summary

Reviews of films, each labelled positive or negative.
"""


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout


def _json_findings(*args: str) -> list[dict[str, Any]]:
    code, out = _run(*args, "--output-format", "json")
    assert code in (0, 1), out
    found: list[dict[str, Any]] = json.loads(out)["findings"]
    return found


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


# A model card names its training data as the Hub does (`imdb`, `owner/name`, `hf:owner/name`);
# a card of the project is that dataset when its place says so: the folder of a README.md (the
# Hub's repository), with the folder above it as the owner, or a file `<owner>__<name>.md` of a
# folder of cards opted in with `dataset-cards`.
@pytest.mark.parametrize(("card", "written", "config"), [
    ("datasets/movie_reviews/README.md", "movie_reviews", ""),
    ("datasets/movie_reviews/README.md", "hf:movie_reviews", ""),
    ("hub/example-lab/movie_reviews/README.md", "example-lab/movie_reviews", ""),
    ("cards/example-lab__movie_reviews.md", "example-lab/movie_reviews", 'dataset-cards = ["*.md"]\n'),
    ("cards/example-lab__movie_reviews.md", "hf:example-lab/movie_reviews", 'dataset-cards = ["*.md"]\n'),
])
def test_a_model_card_finds_its_training_data_by_the_place_of_the_dataset_card(
        project: Path, card: str, written: str, config: str) -> None:
    _write(project / "pyproject.toml", f"[tool.datacard]\n{config}")
    _write(project / card, DATASET_CARD)
    _write(project / "models" / "tuned" / "README.md", f"---\ndatasets:\n- {written}\n---\n# Tuned\n")
    codes = {f["code"]: f["message"] for f in _json_findings("lint", "models/tuned/README.md")}
    assert "DC301" not in codes, codes
    assert codes["DC302"].startswith("tuned -> movie-reviews-polarity-edition:") and card in codes["DC302"]


@pytest.mark.parametrize(("base_card", "written"), [
    ("models/example-lab/base-lm/README.md", "example-lab/base-lm"),
    ("models/example-lab__base-lm.md", "example-lab/base-lm"),
    ("models/example-lab__base-lm.md", "base-lm"),
])
def test_a_fine_tuned_model_finds_its_base_model_by_the_place_of_its_card(
        project: Path, base_card: str, written: str) -> None:
    _write(project / "datasets" / "movie_reviews" / "README.md", DATASET_CARD)
    _write(project / base_card, "---\ndatasets: [movie_reviews]\nlicense: mit\n---\n# Base\n")
    _write(project / "tuned" / "README.md", f"---\nbase_model: {written}\n---\n# Tuned\n")
    codes = {f["code"]: f["message"] for f in _json_findings("lint", "tuned/README.md")}
    assert "DC318" not in codes, codes
    assert "DC302" in codes and "movie-reviews-polarity-edition" in codes["DC302"]
