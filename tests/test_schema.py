"""The committed JSON Schemas are current, and agree with the pydantic model on every case."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from datacard.load import load
from datacard.schema import all_schema_texts
from datacard.validate import document_class, validate_loaded
from tests.conftest import CASES, ROOT

SCHEMAS = ROOT / "schemas"
# Checks that JSON Schema cannot express; each case listed here is valid under JSON Schema and
# invalid under the model, and the test asserts exactly that, so the gap stays documented.
SEMANTIC_ONLY = {
    "date-order": "an end date before the start date compares two values",
    "date-invalid": "2019-02-30 matches the date pattern but is no day of the calendar",
}


@pytest.mark.parametrize("name", sorted(all_schema_texts()))
def test_committed_schema_is_current(name: str) -> None:
    committed = (SCHEMAS / name).read_text(encoding="utf-8")
    assert committed == all_schema_texts()[name], f"run `datacard schema -o schemas` ({name} is stale)"


@pytest.mark.parametrize("name", sorted(all_schema_texts()))
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


def _cases() -> list[Path]:
    found = [*sorted((CASES / "valid").iterdir()), *sorted((CASES / "invalid").glob("*.yaml"))]
    examples = sorted((ROOT / "examples").rglob("*.datacard.yaml"))
    # Files the loader rejects never reach a schema; they are covered by test_cases.py.
    return [p for p in found + examples if p.suffix in (".yaml", ".md") and _schema_ready(p)]


def _schema_ready(path: Path) -> bool:
    loaded = load(path)
    return isinstance(loaded.data, dict) and not loaded.findings and document_class(loaded.data) is not None


def _schema_for(data: dict[str, object]) -> dict[str, object]:
    name = "training.schema.json" if data.get("kind") == "training" else "datasheet.schema.json"
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name)
def test_json_schema_and_model_agree(case: Path) -> None:
    loaded = load(case)
    model, _ = validate_loaded(loaded)
    errors = list(jsonschema.Draft202012Validator(_schema_for(loaded.data)).iter_errors(loaded.data))
    if case.stem in SEMANTIC_ONLY:
        assert model is None and not errors
        return
    assert (model is not None) == (not errors), [e.message for e in errors]


def test_field_reference_is_current() -> None:
    from datacard.fieldref import field_reference

    committed = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    assert committed == field_reference(), "run `datacard schema --reference > docs/fields.md`"


def test_field_reference_covers_every_model_field() -> None:
    from datacard.fieldref import _models, field_reference
    from datacard.model import Datasheet

    text = field_reference()
    for model in _models(Datasheet):
        assert f"## {model.__name__}\n" in text
        for name in model.model_fields:
            assert f"| `{name}` |" in text


def _check_jsonschema(*files: Path) -> int:
    import shutil
    import subprocess

    exe = shutil.which("check-jsonschema")
    if exe is None:
        pytest.skip("check-jsonschema is not installed")
    schema = SCHEMAS / "datasheet.schema.json"
    done = subprocess.run([exe, "--schemafile", str(schema), *map(str, files)], capture_output=True, check=False)
    return done.returncode


def test_check_jsonschema_accepts_every_valid_datasheet() -> None:
    """A real client of the schema, reading YAML its own way, agrees with datacard on valid files."""
    datasheets = [p for p in _cases() if "/invalid/" not in str(p) and p.suffix != ".md"
                  and _schema_name(p) == "datasheet.schema.json"]
    assert len(datasheets) >= 10
    assert _check_jsonschema(*datasheets) == 0


@pytest.mark.parametrize("name", ["unknown-key-top", "bad-enum", "quoted-count", "yes-not-bool", "none-with-details",
                                  "license-expression-unknown", "license-deprecated"])
def test_check_jsonschema_rejects_invalid_datasheets(name: str) -> None:
    assert _check_jsonschema(CASES / "invalid" / f"{name}.yaml") == 1


def _schema_name(path: Path) -> str:
    data = load(path).data
    training = isinstance(data, dict) and data.get("kind") == "training"
    return "training.schema.json" if training else "datasheet.schema.json"
