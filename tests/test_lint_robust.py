"""No input makes the linter raise: arbitrary text as datasheet, manifest, model card or pipeline."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datacard.findings import Finding
from datacard.lint.engine import lint_paths
from datacard.project import resolve_project

NAMES = ["a.datacard.yaml", "README.md", "dvc.yaml", "m.datacard.yaml"]

_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12),
                     st.sampled_from(["training", "model", "data/x", "../a.datacard.yaml", "TBD", "self", "a\x00b"]))
_keys = st.sampled_from([
    "schema_version", "kind", "name", "model", "data", "datacard", "dataset", "origin", "sources",
    "stages", "deps", "outs", "artifacts", "meta", "path", "type", "datasets", "model-index",
    "results", "composition", "splits", "count", "application", "audience", "license", "id",
])
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(_keys, inner, max_size=4)), max_leaves=12)


def _dump(value: object) -> str:
    import yaml

    return yaml.safe_dump(value, allow_unicode=True)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(NAMES), body=st.dictionaries(_keys, _values, max_size=6),
       training=st.booleans(), raw=st.text(max_size=40))
def test_lint_never_raises(name: str, body: dict[str, object], training: bool, raw: str) -> None:
    if training and name.endswith(".datacard.yaml"):
        body = {"schema_version": 1, "kind": "training", "name": "m", "model": {"name": "m"}, **body}
    text = _dump(body) + raw
    if name.endswith(".md"):
        text = f"---\n{text}\n---\n## Training data\nMore information needed\n"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / name).write_text(text, encoding="utf-8")
        (root / "self.datacard.yaml").write_text(
            "schema_version: 1\nname: self\norigin:\n  sources:\n    - {datacard: self.datacard.yaml}\n")
        report = lint_paths(resolve_project([tmp], isolated=True))
    assert all(isinstance(f, Finding) and f.line >= 0 for f in report.findings)


# --- crashes found by the hardening campaign (issue 14) ---------------------------------------

import json  # noqa: E402 - the section's own imports
import os  # noqa: E402

import pytest  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from datacard.cli import app  # noqa: E402

cli = CliRunner()


def _lint_json(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = cli.invoke(app, ["lint", "--output-format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


@pytest.mark.parametrize(("identifiers", "wrong"), [("1", 1), ("{x: 1}", 1), ("text", 1), ("[1, [2]]", 2), ("true", 1)])
def test_invalid_identifiers_do_not_stop_the_name_index(identifiers: str, wrong: int, tmp_path: Path) -> None:
    # The manifest names a dataset, so the index reads every datasheet's names and identifiers.
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.datacard.yaml").write_text(f"schema_version: 1\nname: a\nidentifiers: {identifiers}\n")
    (tmp_path / "m.datacard.yaml").write_text(
        "schema_version: 1\nkind: training\nname: m\nmodel: {name: m}\ndata:\n  - dataset: zzz\n")
    code, findings = _lint_json("--select", "DC0,DC1,DC301", str(tmp_path))
    found = sorted((os.path.basename(str(f["path"])), f["code"]) for f in findings)
    assert found == sorted([*[("a.datacard.yaml", "DC103")] * wrong, ("m.datacard.yaml", "DC301")])
    assert code == 1


def _chain(stages: int) -> str:
    lines = ["stages:"]
    for i in range(stages):
        dep = "data/raw.csv" if i == 0 else f"data/step{i - 1}"
        lines += [f"  s{i}:", f"    cmd: python step.py {i}", f"    deps: [{dep}]", f"    outs: [data/step{i}]"]
    lines += ["  train:", "    cmd: python train.py", f"    deps: [train.py, data/step{stages - 1}]",
              "    outs: [model.pkl]"]
    return "\n".join(lines) + "\n"


def test_a_long_dvc_pipeline_is_walked_to_its_source(tmp_path: Path) -> None:
    # 1,000 chained stages: the walk from the model back to the raw data is 1,000 levels deep.
    (tmp_path / ".git").mkdir()
    (tmp_path / "dvc.yaml").write_text(_chain(1000))
    code, findings = _lint_json("--select", "DC0,DC3", str(tmp_path / "dvc.yaml"))
    assert code == 1
    assert [(f["code"], f["line"]) for f in findings if f["code"] == "DC312"] == []
    assert "DC018" not in {f["code"] for f in findings}
    assert {f["line"] for f in findings} == {4}  # data/raw.csv, the only data the chain reads


def _crash_on(path_part: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the datasheet rules raise for files whose path holds ``path_part``: a stand-in bug."""
    from datacard.lint import engine

    real = engine.lint_sheet

    def lint_sheet(run: engine.Run, sheet: engine.Sheet) -> list[engine.Setup]:
        if path_part in sheet.path:
            raise KeyError("a bug")
        return real(run, sheet)

    monkeypatch.setattr(engine, "lint_sheet", lint_sheet)


@pytest.mark.parametrize("select", [[], ["--select", "DC3"]], ids=["all", "select-DC3"])
def test_a_crash_in_one_file_is_an_internal_error_and_the_rest_is_linted(
        select: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.datacard.yaml").write_text(f"schema_version: 1\nname: {name}\ncolour: red\n")
    _crash_on("b.datacard", monkeypatch)
    code, findings = _lint_json(*select, str(tmp_path))
    by_file = {(os.path.basename(str(f["path"])), f["code"]) for f in findings}
    assert ("b.datacard.yaml", "DC018") in by_file  # never deselected: the file was not checked
    if not select:
        assert {("a.datacard.yaml", "DC101"), ("c.datacard.yaml", "DC101")} <= by_file
    assert code == 2
