"""Data-driven cases: every valid case validates clean; every invalid case yields its (code, line) pairs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from datacard.validate import validate_file
from tests.conftest import CASES
from tests.helpers import expected_pairs

VALID = sorted(p for p in (CASES / "valid").iterdir() if p.suffix in (".yaml", ".md"))
INVALID = sorted((CASES / "invalid").glob("*.yaml"))


def test_cases_exist() -> None:
    assert len(VALID) >= 5 and len(INVALID) >= 30


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_case_validates_clean(case: Path) -> None:
    model, report = validate_file(case)
    assert [(f.code, f.line, f.message) for f in report] == []
    assert model is not None


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_invalid_case_yields_expected_findings(case: Path) -> None:
    model, report = validate_file(case)
    assert model is None
    assert [(f.code, f.line) for f in report.sorted()] == expected_pairs(case)
    for finding in report:
        assert finding.column >= 1
        assert finding.message
        assert not re.search(r"\{\w+(![rs])?\}", finding.message), finding.message  # a template left unfilled
