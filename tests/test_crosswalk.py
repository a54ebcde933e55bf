"""docs/crosswalk.md names only real datasheet fields and covers every concept of the standards."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from datacard.context import NEEDS
from datacard.model import Datasheet
from datacard.validate import model_at

ROOT = Path(__file__).resolve().parent.parent
CROSSWALK = ROOT / "docs" / "crosswalk.md"
STANDARDS = ROOT.parent / "shared" / "STANDARDS.md"

# The concept rows of the crosswalk in STANDARDS.md section 7, in order.
CONCEPTS = [
    "name, version, ID", "summary", "who created / curated", "who funded", "purpose",
    "source / provenance", "collection method", "collectors, pay", "time span", "place",
    "language", "people represented (speakers)", "annotation process", "annotators",
    "preprocessing", "missing data, quality", "consent, ethics review", "intended uses",
    "out-of-scope uses", "audience / access", "biases", "limitations", "social impact",
    "PII / sensitive", "offensive content", "licence / terms", "distribution",
    "maintenance / contact", "size", "splits", "instances / fields", "citation",
]


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def tables(text: str) -> dict[str, list[list[str]]]:
    """Rows (without header and rule) of the first table under each `## ` heading."""
    out: dict[str, list[list[str]]] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
        elif line.startswith("|") and heading:
            out.setdefault(heading, []).append(_cells(line))
    return {name: rows[2:] for name, rows in out.items()}


def _paths(cell: str) -> list[str]:
    return re.findall(r"`([a-z_][a-z0-9_.]*)`", cell)


def _exists(path: str) -> bool:
    *parents, last = path.split(".")
    holder = model_at(Datasheet, parents)
    return holder is not None and last in holder.model_fields


DOC = tables(CROSSWALK.read_text(encoding="utf-8"))
ALL_PATHS = sorted({p for rows in DOC.values() for row in rows for p in _paths(row[1])})


def test_doc_has_its_tables() -> None:
    assert {"Concepts", "Context fields", '"Documented as none"'} <= set(DOC)
    assert all(len(row) == 7 for name in ("Concepts", "Context fields") for row in DOC[name])


@pytest.mark.parametrize("path", ALL_PATHS)
def test_every_named_field_exists_in_the_model(path: str) -> None:
    assert _exists(path), f"{path} is not a field of the Datasheet model"


@pytest.mark.parametrize("path", ["origin.nonsense", "audience.license.spdx", "colour"])
def test_the_checker_rejects_made_up_paths(path: str) -> None:
    assert not _exists(path)


def test_every_concept_has_a_row_with_fields() -> None:
    rows = {row[0]: row for row in DOC["Concepts"]}
    assert list(rows) == CONCEPTS
    assert all(_paths(row[1]) for row in rows.values())


def test_concepts_match_standards_md_when_present() -> None:
    if not STANDARDS.is_file():
        pytest.skip("../shared/STANDARDS.md is not present")
    text = STANDARDS.read_text(encoding="utf-8")
    section = text.split("## 7. Crosswalk", 1)[1].split("\n## ", 1)[0]
    rows = [_cells(line) for line in section.splitlines() if line.startswith("|")][2:]
    assert [row[0].replace("*", "").strip() for row in rows] == CONCEPTS


def test_context_table_names_every_field_the_linter_requires() -> None:
    documented = {p for row in DOC["Context fields"] for p in _paths(row[1])}
    required = {loc.dotted for need in NEEDS for loc in need.locations}
    assert required <= documented, sorted(required - documented)
