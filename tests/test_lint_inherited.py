"""The gaps a training reference inherits are kept as one bundle per reference and code until
the report is made (`datacard.lint.inherited`). Whatever the selection, suppressions, severities
and cap, the report must be the one the plain path gives, where every inherited gap is a finding
from the moment it is found: every output format, the closing summary and the exit code."""

from __future__ import annotations

import re
import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from datacard import limits
from datacard.findings import Finding, Report, Severity
from datacard.kinds import LINT
from datacard.lint import engine, lineage_rules
from datacard.lint.inherited import Inherited, InheritedFinding
from datacard.project import Overrides, resolve_project
from datacard.reporters import REPORTERS, render_report, statistics
from tests.conftest import ROOT

sys.path.append(str(ROOT / "bench"))
from gen_corpus import generate  # type: ignore[import-not-found]

GAPS = ("DC302", "DC303", "DC304")


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lineage graph 5 levels deep; two manifests carry suppressions on a reference line, one
    for the whole file, and one that suppresses nothing."""
    out = tmp_path_factory.mktemp("graph")
    generate(out, 90, 10, seed=7, depth=5)
    manifests = sorted((out / "training").glob("*.datacard.yaml"))
    _comment(manifests[0], "datacard:", "  # noqa: DC302")
    _comment(manifests[1], "datacard:", "  # noqa: DC3")
    _comment(manifests[2], "datacard:", "  # noqa: DC303, DC999")
    (manifests[3]).write_text("# datacard: noqa: DC304\n" + manifests[3].read_text())
    return out


def _comment(path: Path, marker: str, comment: str) -> None:
    """``comment`` at the end of the first line holding ``marker``."""
    lines = path.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if marker in line)
    lines[at] += comment
    path.write_text("\n".join(lines) + "\n")


def _plain(found: Any) -> Any:
    """The plain path: an inherited bundle given out as its findings at once."""
    return list(found) if isinstance(found, Inherited) else found


def _lint(tree: Path, monkeypatch: pytest.MonkeyPatch, *, plain: bool, cap: int, **options: Any) -> Report:
    with monkeypatch.context() as patch:
        patch.setattr(engine, "cap_findings", partial(limits.cap_findings, limit=cap))
        if plain:
            real = lineage_rules.inherited
            patch.setattr(lineage_rules, "inherited", lambda *args: _plain(real(*args)))
            patch.setattr(engine, "GAP_CODES", frozenset())  # no code is left out before it is found
        project = resolve_project([str(tree)], overrides=Overrides(respect_gitignore=False, **options))
        return engine.lint_files(project, project.select(LINT), jobs=1)


CONFIGS = {
    "defaults": "",
    "severities": '[tool.datacard.severity]\nDC302 = "info"\nDC3 = "error"\n',
    "per-file ignores": '[tool.datacard.per-file-ignores]\n"training/model-0000[13].datacard.yaml" = ["DC30"]\n',
}
OPTIONS: dict[str, dict[str, Any]] = {
    "all": {},
    "select DC3": {"select": ["DC3"]},
    "ignore DC303": {"ignore": ["DC303"]},
    "select DC302 DC2": {"select": ["DC302", "DC2"]},
}


# (configuration, options, findings listed per file): each feature alone, then together with a cap.
CASES = [
    ("defaults", "all", limits.MAX_FINDINGS),
    ("defaults", "all", 7),
    ("defaults", "all", 1),
    ("severities", "all", limits.MAX_FINDINGS),
    ("per-file ignores", "all", limits.MAX_FINDINGS),
    ("defaults", "select DC3", 5),
    ("severities", "ignore DC303", 4),
    ("per-file ignores", "select DC302 DC2", 3),
]


@pytest.mark.parametrize(("config", "options", "cap"), CASES)
def test_bundles_give_the_plain_report(graph: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       config: str, options: str, cap: int) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(graph, tree)
    (tree / "pyproject.toml").write_text("[tool.datacard]\n" + CONFIGS[config])
    fast = _lint(tree, monkeypatch, plain=False, cap=cap, **OPTIONS[options])
    plain = _lint(tree, monkeypatch, plain=True, cap=cap, **OPTIONS[options])
    assert fast.findings == plain.findings
    assert fast.datasets == plain.datasets
    for fmt in REPORTERS:
        assert render_report(fast, fmt) == render_report(plain, fmt), fmt
    assert statistics(fast) == statistics(plain)
    for fail_on in Severity:
        assert fast.fails(fail_on) == plain.fails(fail_on)
    if options == "all" and config == "defaults":
        # The case is worth its name: inherited gaps, suppressions used and unused, a capped file.
        codes = [f.code for f in fast.findings]
        assert sum(c in GAPS for c in codes) > (100 if cap == limits.MAX_FINDINGS else 5) and fast.datasets
        assert "DC900" in codes or cap < limits.MAX_FINDINGS
        assert ("DC017" in codes) == (cap < limits.MAX_FINDINGS)


def test_a_run_holds_one_bundle_per_reference(graph: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the run holds before its report is made grows with the references, not with the
    references times the datasets behind them; the report's inherited findings build their
    message when it is read."""
    held: dict[str, int] = {}
    real = engine.finish

    def finish(run: engine.Run, **options: Any) -> Report:
        held["bundles"] = sum(isinstance(item, Inherited) for item in run.findings)
        held["inherited findings"] = sum(len(item) for item in run.findings if isinstance(item, Inherited))
        return real(run, **options)

    monkeypatch.setattr(engine, "finish", finish)
    report = _lint(graph, monkeypatch, plain=False, cap=limits.MAX_FINDINGS)
    inherited = [f for f in report.findings if f.code in GAPS]
    assert held["inherited findings"] >= len(inherited) > 5 * held["bundles"] > 0
    assert all(isinstance(f, InheritedFinding) for f in inherited)
    # The message slot holds the model's name; the text exists only while it is read.
    sample = inherited[0]
    assert re.match(r"^Model \d+ -> ", sample.message) and sample.model == sample.message.split(" -> ")[0]


class _Bundle:
    """Findings at one place, as the cap sees an inherited bundle."""

    def __init__(self, findings: list[Finding]) -> None:
        first = findings[0]
        self.path, self.line, self.column, self.code = first.path, first.line, first.column, first.code
        self.severity, self.findings = first.severity, findings

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def __len__(self) -> int:
        return len(self.findings)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)


_ITEM = st.tuples(st.sampled_from(["a", "b"]), st.integers(1, 4), st.sampled_from(["DC302", "DC201", "DC303"]),
                  st.sampled_from(list(Severity)), st.integers(1, 6), st.booleans())


@given(items=st.lists(_ITEM, max_size=12), limit=st.integers(1, 12))
def test_the_cap_counts_a_bundle_as_its_findings(items: list[tuple[Any, ...]], limit: int) -> None:
    """Capping bundles gives what capping their findings one by one gives: the same findings
    listed, in the same order, and the same DC017 (place, counts, severity)."""
    mixed: list[Finding | _Bundle] = []
    flat: list[Finding] = []
    for number, (path, line, code, severity, size, bundled) in enumerate(items):
        made = [Finding(code, severity, path, line, 1, f"{number}.{i}") for i in range(size)]
        flat.extend(made)
        mixed.extend([_Bundle(made)] if bundled else made)
    assert limits.cap_findings(mixed, limit) == limits.cap_findings(flat, limit) == _one_by_one(flat, limit)


def _one_by_one(found: list[Finding], limit: int) -> list[Finding]:
    """The cap as it was before bundles: every finding made, then sorted and cut per file."""
    per_file = Counter(f.path for f in found)
    kept = [f for f in found if per_file[f.path] <= limit]
    for path in sorted(p for p, number in per_file.items() if number > limit):
        group = sorted((f for f in found if f.path == path), key=Finding.sort_key)
        rest = group[limit:]
        kept.extend(group[:limit])
        counts = Counter(f.code for f in rest)
        kept.append(limits.left_out(path, rest[0], counts, limits.worst(f.severity for f in rest)))
    return kept
