"""`datacard lint examples/`: the training setup in examples/training shows the linter at work."""

from __future__ import annotations

from pathlib import Path

import pytest

from datacard.lint.engine import lint_paths
from datacard.project import Overrides, resolve_project

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TRAINING = EXAMPLES / "training"


def _line(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.fixture(scope="module")
def found() -> list[tuple[str, int, str, str]]:
    if not (EXAMPLES / "support-tickets.datacard.yaml").exists():
        pytest.skip("the example datasheets are not present")
    report = lint_paths(resolve_project([str(EXAMPLES)], isolated=True, overrides=Overrides(root=str(ROOT))))
    return [(Path(f.path).resolve().relative_to(EXAMPLES).as_posix(), f.line, f.code, f.message)
            for f in report.findings]


def _at(found: list[tuple[str, int, str, str]], name: str, line: int) -> list[str]:
    return sorted(code for path, at, code, _ in found if path == name and at == line)


def test_incomplete_training_data_is_reported_on_the_reference(found: list[tuple[str, int, str, str]]) -> None:
    manifest = TRAINING / "ticket-router.datacard.yaml"
    line = _line(manifest, "datacard: ../support-tickets.datacard.yaml")
    codes = _at(found, "training/ticket-router.datacard.yaml", line)
    assert {"DC302", "DC303", "DC304", "DC307"} <= set(codes)
    # The complete, pinned yelp-reviews reference is clean.
    assert _at(found, "training/ticket-router.datacard.yaml", _line(manifest, "yelp-reviews")) == []


def test_inherited_gaps_show_the_chain(found: list[tuple[str, int, str, str]]) -> None:
    manifest = TRAINING / "ticket-router.datacard.yaml"
    line = _line(manifest, "dataset: crm-accounts")
    messages = [m for path, at, code, m in found
                if path == "training/ticket-router.datacard.yaml" and at == line and code == "DC302"]
    # One finding for the ancestor that has origin gaps, naming the chain and counting its gaps.
    assert len(messages) == 1
    assert messages[0].startswith("ticket-router -> crm-accounts -> crm-raw: 2 origin fields not documented: ")


def test_out_of_scope_use(found: list[tuple[str, int, str, str]]) -> None:
    manifest = TRAINING / "credit-scoring.datacard.yaml"
    line = _line(manifest, "credit-applications.datacard.yaml")
    assert _at(found, "training/credit-scoring.datacard.yaml", line) == ["DC305"]


def test_model_card_and_pipeline(found: list[tuple[str, int, str, str]]) -> None:
    card = TRAINING / "model-card" / "README.md"
    assert _at(found, "training/model-card/README.md", _line(card, "- parliament-speeches-2017")) == [
        "DC303", "DC304"]  # one finding per group of gaps, listing them
    assert _at(found, "training/model-card/README.md", _line(card, "More information needed")) == ["DC310"]
    # NbAiLab/norwegian_parliament resolves by identifier to a complete datasheet: no finding.
    assert _at(found, "training/model-card/README.md", _line(card, "- NbAiLab/norwegian_parliament")) == []
    pipeline = TRAINING / "dvc" / "dvc.yaml"
    assert [(at, code) for path, at, code, _ in found if path == "training/dvc/dvc.yaml"] == [
        (_line(pipeline, "- data/noise"), "DC301")]
