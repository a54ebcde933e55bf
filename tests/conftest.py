"""Shared fixtures: paths to the repository's examples and to the shared real-world corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CASES = Path(__file__).resolve().parent / "cases"
# Real documents written by other people; read in place, never copied into the repository.
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("the shared real-world corpus (../shared/corpus) is not present")
    return CORPUS
