"""Model cards carry lineage through `base_model`: a fine-tuned model inherits what its base model
was trained on (DC3xx through the chain, on the `base_model` line), loops are reported (DC317),
and a base model with no card in the project is said so (DC318)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from datacard.cli import app

GAPPY = "schema_version: 1\nname: webtext\nsummary: Pages scraped from the web in 2019.\n"


def _card(folder: Path, front: str, title: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "README.md"
    path.write_text(f"---\n{front}---\n# {title}\n", encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "webtext.datacard.yaml").write_text(GAPPY, encoding="utf-8")
    _card(tmp_path / "base", "datasets: [webtext]\nmodel-index:\n- name: base-lm\n", "Base")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _lint(*paths: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["lint", *paths, "--output-format", "json"])
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return findings


@pytest.mark.parametrize("written", ["base-lm", "someone/base-lm", "../base", "../base/README.md"])
def test_a_fine_tuned_model_inherits_its_base_models_data_gaps(project: Path, written: str) -> None:
    _card(project / "tuned", f"base_model: {written}\ndatasets: []\n", "Tuned")
    found = [f for f in _lint("tuned/README.md") if f["code"] in ("DC302", "DC303", "DC304")]
    assert found, "the base model's training data has gaps"
    assert {(f["path"], f["line"]) for f in found} == {("tuned/README.md", 2)}
    assert all(f["message"].startswith("tuned -> base-lm -> webtext:") for f in found)


def test_the_chain_goes_through_every_base(project: Path) -> None:
    _card(project / "middle", "base_model: base-lm\nmodel-index:\n- name: middle-lm\n", "Middle")
    _card(project / "tuned", "base_model: middle-lm\ndatasets: []\n", "Tuned")
    found = [f for f in _lint("tuned/README.md") if f["code"] == "DC302"]
    assert found and found[0]["message"].startswith("tuned -> middle-lm -> base-lm -> webtext:")


def test_base_models_that_loop_are_reported_once_and_not_followed_again(project: Path) -> None:
    _card(project / "a", "base_model: ../b\ndatasets: [webtext]\n", "A")
    _card(project / "b", "base_model: ../a\n", "B")
    found = _lint("a/README.md")
    cycles = [f for f in found if f["code"] == "DC317"]
    assert [(f["line"], f["message"]) for f in cycles] == [(2, "base models loop: a -> b -> a")]


def test_a_base_model_without_a_card_is_noted(project: Path) -> None:
    _card(project / "tuned", "base_model: google-bert/bert-base-uncased\ndatasets: [webtext]\n", "Tuned")
    unknown = [f for f in _lint("tuned/README.md") if f["code"] == "DC318"]
    assert [(f["line"], f["severity"]) for f in unknown] == [(2, "info")]


@pytest.mark.parametrize("shape", ["line", "loop"])
def test_a_long_chain_costs_what_it_holds(project: Path, shape: str) -> None:
    """Every model of a chain of fine-tunes trains on the same data: each inherits it once (the
    nearest base), not once per base above it, and a loop's message shows the chain's ends.
    (Before: N models made N^2 findings with chains of N names, cubic in memory.)"""
    n = 60
    for i in range(n):
        base = f"base_model: ../m{i + 1}\n" if i + 1 < n else ("base_model: ../m0\n" if shape == "loop" else "")
        _card(project / f"m{i}", f"{base}datasets: [webtext]\nmodel-index:\n- name: m{i}\n", f"M{i}")
    found = _lint(".")
    per_model: dict[str, list[dict[str, Any]]] = {}
    for f in found:
        per_model.setdefault(f["path"], []).append(f)
    own = len([f for f in per_model["m0/README.md"] if f["line"] == 3])  # on its `datasets:` line
    with_base = [f"m{i}/README.md" for i in range(n if shape == "loop" else n - 1)]
    inherited = {len([f for f in per_model[path] if f["line"] == 2 and f["code"] != "DC317"]) for path in with_base}
    assert own and inherited == {own}
    assert max(len(f["message"]) for f in found) < 400
    loops = [f for f in found if f["code"] == "DC317"]
    assert len(loops) == (n if shape == "loop" else 0)
