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
