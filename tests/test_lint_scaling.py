"""Lint does each datasheet's work once per run, however many references reach it, and keeps a
linted datasheet compactly without changing a finding. Speed and memory themselves are measured
by `bench/lint.py`, never here."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from datacard.kinds import LINT
from datacard.lint import engine, index, lineage
from datacard.load import load
from datacard.project import Overrides, resolve_project
from tests.conftest import ROOT

sys.path.append(str(ROOT / "bench"))
from gen_corpus import EXPECTED, generate  # type: ignore[import-not-found]


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One lineage graph 6 levels deep: every manifest reaches most of the datasheets."""
    out = tmp_path_factory.mktemp("graph")
    generate(out, 240, 24, seed=4, depth=6)
    return out


def _lint(tree: Path) -> Any:
    project = resolve_project([str(tree)], isolated=True, overrides=Overrides(respect_gitignore=False))
    return engine.lint_files(project, project.select(LINT), jobs=1)


def _counting(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, key: Any) -> Counter[Any]:
    calls: Counter[Any] = Counter()
    real = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[key(*args)] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_each_datasheet_is_resolved_and_walked_once(graph: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    links = _counting(monkeypatch, lineage, "_source_links", lambda sheet, _: sheet.real)
    walks = _counting(monkeypatch, lineage, "_walk", lambda sheet, _: sheet.real)
    reals = _counting(monkeypatch, os.path, "realpath", lambda path, *_: path)
    report = _lint(graph)
    assert sum(f.code in ("DC302", "DC303", "DC304") for f in report.findings) > 100  # lineage is followed
    assert links and max(links.values()) == 1
    assert walks and max(walks.values()) == 1
    sheets = {path: n for path, n in reals.items() if str(path).endswith(".datacard.yaml")}
    assert sheets and max(sheets.values()) <= 2  # the selection's walk, then the lint's index


def test_released_datasheets_give_the_same_report(graph: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    released = _lint(graph)
    monkeypatch.setattr(index.Sheet, "release", lambda self: None)
    held = _lint(graph)
    assert released.findings == held.findings
    assert released.datasets == held.datasets


def test_a_released_datasheet_keeps_its_data_and_finds_any_position(graph: Path) -> None:
    path = str(next((graph / "data").rglob("*.datacard.yaml")))
    idx = index.Index(str(graph))
    sheet = idx.sheet(path)
    assert sheet is not None and sheet.valid
    data, gaps = sheet.data, sheet.gaps()
    loaded = load(path)
    sheet.release()
    assert sheet.held is None and sheet.data == data and sheet.gaps() == gaps and sheet.valid
    assert isinstance(sheet.loaded.positions, index._Pinned)
    for loc in [("name",), ("origin",), ("origin", "sources", 0, "name"), ("summary",), ("no", "such", "key")]:
        for key in (False, True):
            assert sheet.loaded.position(loc, key=key) == loaded.position(loc, key=key)


def test_an_invalid_datasheet_is_released_to_its_text(graph: Path) -> None:
    """An invalid datasheet is kept as its compressed text too: still invalid, with its findings,
    its name and every position."""
    expected = json.loads((graph / EXPECTED).read_text())
    invalid = sorted(path for path, code in expected.items() if code is not None and "data/" in path)
    idx = index.Index(str(graph))
    released = 0
    for rel in invalid:
        path = str(graph / rel)
        sheet = idx.sheet(path)
        if sheet is None or sheet.loaded.positions is None:
            continue  # not YAML that parses: nothing to keep positions of
        loaded, findings, name = load(path), list(sheet.findings), sheet.name
        sheet.release()
        sheet.release()  # a second time changes nothing
        assert isinstance(sheet.loaded.positions, index._Pinned) and not sheet.valid and sheet.data is None
        assert (sheet.findings, sheet.name, sheet.gaps()) == (findings, name, [])
        for loc in [("name",), ("origin", "sources", 0), ("no", "such")]:
            assert sheet.loaded.position(loc) == loaded.position(loc)
        released += 1
    assert released
