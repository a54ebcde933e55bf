"""The example datasheets validate, render to the committed Markdown, and say what they claim."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from datacard.context import NEEDS
from datacard.context import gaps as context_gaps
from datacard.load import load
from datacard.model import AccessType, Datasheet, FieldRole
from datacard.render import render_markdown
from datacard.validate import load_datasheet

from .conftest import EXAMPLES, ROOT

CONTEXT_PATHS = [loc.dotted for need in NEEDS for loc in need.locations]
NAMES = ["yelp-reviews", "norwegian-parliament", "credit-applications", "bird-calls", "support-tickets"]
PLACEHOLDERS = ("tbd", "todo", "n/a", "more information needed", "fill in", "xxx")


def _sheet(name: str) -> Datasheet:
    sheet, report = load_datasheet(EXAMPLES / f"{name}.datacard.yaml")
    assert sheet is not None and not report.findings, [str(f) for f in report.findings]
    return sheet


def _value(sheet: Datasheet, path: str) -> Any:
    node: Any = sheet
    for part in path.split("."):
        node = getattr(node, part, None) if node is not None else None
    return node


def _filled(value: Any) -> bool:
    if value is None or value == "" or value == []:
        return False
    if isinstance(value, str):
        return value.strip().lower().rstrip(".") not in PLACEHOLDERS
    return True


def test_the_examples_are_the_ones_documented() -> None:
    found = sorted(p.name[: -len(".datacard.yaml")] for p in EXAMPLES.glob("*.datacard.yaml"))
    assert found == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_example_validates_clean(name: str) -> None:
    _sheet(name)


@pytest.mark.parametrize("name", NAMES)
def test_example_passes_the_committed_json_schema(name: str) -> None:
    schema = json.loads((ROOT / "schemas" / "datasheet.schema.json").read_text(encoding="utf-8"))
    data = load(EXAMPLES / f"{name}.datacard.yaml").data
    jsonschema.validate(data, schema)


@pytest.mark.parametrize("name", NAMES)
def test_committed_markdown_is_current(name: str) -> None:
    """Refresh with `python scripts/update_golden.py`."""
    expected = render_markdown(_sheet(name)).encode("utf-8")
    assert (EXAMPLES / f"{name}.md").read_bytes() == expected


@pytest.mark.parametrize("name", NAMES)
def test_schema_comment_points_at_the_schema(name: str) -> None:
    first = (EXAMPLES / f"{name}.datacard.yaml").read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    if not first.startswith(prefix):
        pytest.skip("no editor schema comment")
    target = (EXAMPLES / first[len(prefix):]).resolve()
    assert target == (ROOT / "schemas" / "datasheet.schema.json").resolve()


@pytest.mark.parametrize("name", [n for n in NAMES if n != "support-tickets"])
def test_complete_examples_leave_no_context_gap(name: str) -> None:
    assert context_gaps(load(EXAMPLES / f"{name}.datacard.yaml").data) == []


@pytest.mark.parametrize("name", NAMES)
def test_splits_add_up_to_the_count(name: str) -> None:
    composition = _sheet(name).composition
    if composition is None or not composition.splits:
        pytest.skip("no splits")
    assert sum(s.count or 0 for s in composition.splits) == composition.count


@pytest.mark.parametrize("path", CONTEXT_PATHS)
def test_yelp_fills_every_context_field(path: str) -> None:
    """Stricter than the linter, which accepts any one of a need's fields."""
    assert _filled(_value(_sheet("yelp-reviews"), path)), path


def test_yelp_meets_every_condition_so_conditional_fields_apply() -> None:
    sheet = _sheet("yelp-reviews")
    assert sheet.origin and sheet.origin.people and sheet.origin.people.about_people is True
    assert sheet.origin.annotation and sheet.origin.annotation.labelled is True
    assert sheet.composition and "text" in [m.value for m in sheet.composition.modalities]
    data = load(EXAMPLES / "yelp-reviews.datacard.yaml").data
    conditions = [need.condition for need in NEEDS if need.condition is not None]
    assert len(conditions) >= 3 and all(condition(data) for condition in conditions)


def test_yelp_render_has_no_gaps() -> None:
    assert "Not documented" not in (EXAMPLES / "yelp-reviews.md").read_text(encoding="utf-8")


def test_yelp_documents_the_cuisine_proxy_bias() -> None:
    sheet = _sheet("yelp-reviews")
    assert sheet.composition is not None and sheet.application is not None
    roles = {f.name: f.role for f in sheet.composition.fields}
    assert roles["cuisine"] == FieldRole.SUBGROUP
    assert roles["label"] == FieldRole.LABEL
    assert any("cuisine" in b.description.lower() and b.mitigation for b in sheet.application.biases)


def test_norwegian_parliament_has_full_data_statement_detail() -> None:
    sheet = _sheet("norwegian-parliament")
    assert "hf:NbAiLab/norwegian_parliament" in sheet.identifiers
    assert sheet.composition is not None and sheet.origin is not None
    assert {"nb", "nn", "no"} <= {lang.tag for lang in sheet.composition.languages}
    people, annotation = sheet.origin.people, sheet.origin.annotation
    assert people and people.speakers and people.speech_situation
    assert annotation and annotation.annotators
    for demographics in (people.speakers, annotation.annotators):
        assert all(_filled(getattr(demographics, key)) for key in ("description", "age", "gender", "first_languages"))
    situation = people.speech_situation
    assert all(_filled(getattr(situation, key)) for key in ("time", "place", "modality", "intended_audience"))


def test_credit_applications_is_about_people_and_restricted() -> None:
    sheet = _sheet("credit-applications")
    assert sheet.origin and sheet.origin.people and sheet.origin.people.about_people is True
    assert sheet.composition and sheet.composition.sensitive and sheet.composition.sensitive.present
    assert _filled(sheet.composition.sensitive.handling) and sheet.composition.sensitive.categories
    assert sheet.origin.ethics and sheet.origin.ethics.consent and sheet.origin.ethics.review
    assert sheet.audience and sheet.audience.access and sheet.audience.access.type == AccessType.RESTRICTED


def test_bird_calls_is_audio_not_about_people_with_a_reason() -> None:
    sheet = _sheet("bird-calls")
    assert sheet.composition and [m.value for m in sheet.composition.modalities] == ["audio"]
    assert sheet.origin and sheet.origin.people and sheet.origin.people.about_people is False
    assert _filled(sheet.origin.people.reason)


def test_support_tickets_is_realistically_incomplete() -> None:
    sheet = _sheet("support-tickets")
    assert sheet is not None
    assert len(context_gaps(load(EXAMPLES / "support-tickets.datacard.yaml").data)) >= 8
    text = (EXAMPLES / "support-tickets.datacard.yaml").read_text(encoding="utf-8")
    assert "TBD" in text
    assert "Not documented" in (EXAMPLES / "support-tickets.md").read_text(encoding="utf-8")


def test_examples_name_no_machine_paths() -> None:
    for path in EXAMPLES.glob("*.*"):
        if path.is_file():
            assert "/work/" not in path.read_text(encoding="utf-8"), path
