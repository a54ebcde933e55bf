"""Data-driven lint cases: each file under tests/lint_cases/ marks the findings it must produce.

A line ending in `# expect: DC301 DC307` (or `<!-- expect: DC310 -->` in Markdown) must get
exactly those findings; every other line none. A header `# clean: DC209` says the file is a
near miss for that rule, so that every rule has a case that fires and one that does not.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from datacard.lint.engine import lint_paths
from datacard.lint.rules import RULES
from datacard.project import Overrides, resolve_project

CASES = Path(__file__).resolve().parent / "lint_cases"
_EXPECT = re.compile(r"(?:#|<!--)\s*expect:\s*([A-Z0-9 ,]+?)\s*(?:-->)?\s*$")
_CLEAN = re.compile(r"#\s*clean:\s*(.+?)\s*$")
Key = tuple[str, int, str]


def _files(case: Path) -> list[Path]:
    return sorted(p for p in case.rglob("*") if p.is_file() and p.name != "datacard.toml")


def expected(case: Path) -> Counter[Key]:
    out: Counter[Key] = Counter()
    for path in _files(case):
        rel = path.relative_to(case).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = _EXPECT.search(line)
            if match:
                out.update((rel, number, code) for code in re.split(r"[ ,]+", match.group(1)) if code)
    return out


def run_case(case: Path) -> Counter[Key]:
    toml = case / "datacard.toml"
    project = resolve_project([str(case)], config=str(toml) if toml.exists() else None,
                              isolated=not toml.exists(), overrides=Overrides(root=str(case)))
    report = lint_paths(project)
    return Counter((Path(os.path.relpath(f.path, case)).as_posix(), f.line, f.code) for f in report.findings)


CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case_findings(case: Path) -> None:
    got, want = run_case(case), expected(case)
    assert sorted(got - want) == [], "unexpected findings"
    assert sorted(want - got) == [], "missing findings"


def _declared_clean() -> set[str]:
    found: set[str] = set()
    for case in CASE_DIRS:
        for path in _files(case):
            for line in path.read_text(encoding="utf-8").splitlines()[:3]:
                match = _CLEAN.search(line)
                if match:
                    found.update(c.strip() for c in match.group(1).split(","))
    return found


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_fires_and_has_a_near_miss(code: str) -> None:
    fired = {key[2] for case in CASE_DIRS for key in expected(case)}
    assert code in fired, f"no case makes {code} fire"
    assert any(code.startswith(prefix) for prefix in _declared_clean()), f"no clean case for {code}"
