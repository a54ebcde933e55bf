"""Small helpers shared by test modules."""

from __future__ import annotations

from pathlib import Path

from datacard.model import Datasheet
from datacard.validate import load_datasheet


def expected_pairs(case: Path) -> list[tuple[str, int]]:
    """The (code, line) pairs listed in the `.expected` file beside a case."""
    rows = case.with_suffix(".expected").read_text(encoding="utf-8").split("\n")
    return [(code, int(line)) for code, line in (row.split() for row in rows if row.strip())]


def valid_datasheet(path: Path) -> Datasheet:
    """A datasheet that must load clean."""
    datasheet, report = load_datasheet(path)
    assert datasheet is not None, report.codes()
    return datasheet
