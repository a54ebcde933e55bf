"""Coverage of the documentation standards: per datasheet, as a DataFrame, and from the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import datacard
from datacard.cli import app
from datacard.context import NEEDS
from datacard.interop.common import get_path
from datacard.interop.coverage import STANDARDS, CoverageResult, coverage, coverage_frame, summary
from datacard.model import Datasheet
from datacard.validate import load_datasheet, model_at
from tests.conftest import EXAMPLES

CASES = Path(__file__).resolve().parent / "interop_cases" / "datasheets"
DATASHEETS = sorted(EXAMPLES.glob("*.datacard.yaml")) + sorted(CASES.glob("*.datacard.yaml"))
runner = CliRunner()


def _datasheet(path: Path) -> Datasheet:
    datasheet, report = load_datasheet(path)
    assert datasheet is not None, report.codes()
    return datasheet


def test_every_item_names_real_fields() -> None:
    for _, items in STANDARDS.values():
        for item in items:
            for path in item.paths:
                parts = path.replace("[]", "").split(".")
                parent = model_at(Datasheet, parts[:-1])
                assert parent is not None and parts[-1] in parent.model_fields, path


def test_standards_have_their_sizes() -> None:
    sizes = {key: len(items) for key, (_, items) in STANDARDS.items()}
    assert sizes["croissant-rai"] == 20
    assert sizes["context"] == len(NEEDS) == 18  # the needs of datacard.context: 14, and 4 conditional
    assert sizes["data-statements"] == 15
    assert sizes["datasheets"] >= 50


def test_minimal_datasheet_answers_almost_nothing() -> None:
    result = coverage(_datasheet(CASES / "minimal.datacard.yaml"))
    assert result.standards["croissant-rai"].answered == []
    assert result.standards["context"].answered == []
    # Nothing says the data is unlabelled, but nothing shows labels either: annotation is not asked.
    assert result.standards["context"].total == 16
    assert result.standards["context"].not_applicable == ["annotation-process", "annotators"]


def test_documented_none_counts_and_conditions_apply() -> None:
    result = coverage(_datasheet(CASES / "station-readings.datacard.yaml"))
    context = result.standards["context"]
    # 'not about people, because ...' answers the question; consent then does not apply
    assert "people" in context.answered and "sensitive" in context.answered
    # time series and tabular data: no language asked for either
    assert context.not_applicable == ["language", "annotation-process", "annotators", "consent"]
    assert result.answered("context", "consent") is None
    assert result.answered("datasheets", "C13") is True
    assert result.answered("datasheets", "K10") is None
    assert result.answered("context", "intended-users") is False


def test_placeholder_text_is_not_an_answer() -> None:
    data = Datasheet.model_validate({"schema_version": 1, "name": "x",
                                     "application": {"purpose": "TBD"}, "summary": "[More Information Needed]"})
    assert coverage(data).answered("context", "purpose") is False
    assert coverage(data).answered("data-statements", "2") is False


@pytest.mark.parametrize("source", DATASHEETS, ids=lambda p: p.name)
def test_answered_items_have_values_and_missing_do_not(source: Path) -> None:
    datasheet = _datasheet(source)
    data = datasheet.model_dump(mode="json", exclude_none=True)
    result = coverage(datasheet)
    for key, (_, items) in STANDARDS.items():
        for item in items:
            state = result.answered(key, item.id)
            values = [get_path(data, p) for p in item.paths]
            if state is False:
                assert all(v in (None, [], {}) or isinstance(v, str) for v in values), (key, item.id)
            if state is True:
                assert any(v not in (None, [], {}) for v in values), (key, item.id)


def test_coverage_frame_has_a_row_per_datasheet_and_a_column_per_item() -> None:
    sheets = [_datasheet(p) for p in DATASHEETS]
    frame = coverage_frame(sheets)
    assert list(frame.index) == [s.name for s in sheets]
    items = sum(len(items) for _, items in STANDARDS.values())
    assert frame.shape == (len(sheets), len(STANDARDS) + items)
    minimal = frame.loc["minimal"]
    assert minimal["context"] == 0.0 and not minimal["context:purpose"]
    station = frame.loc["station-readings"]
    assert station["context:consent"] is None and bool(station["croissant-rai:dataBiases"])


def test_library_exports_coverage() -> None:
    datasheet = _datasheet(CASES / "station-readings.datacard.yaml")
    assert isinstance(datacard.coverage(datasheet), CoverageResult)
    from datacard import coverage as exported
    assert isinstance(exported(datasheet), CoverageResult)


def test_summary_counts_items_across_datasheets() -> None:
    results = [coverage(_datasheet(CASES / f"{n}.datacard.yaml")) for n in ("minimal", "station-readings")]
    total = summary(results)
    assert total["datasheets"] == 2
    assert total["standards"]["context"]["items"]["purpose"] == {"answered": 1, "applies": 2}
    assert total["standards"]["context"]["items"]["consent"] == {"answered": 0, "applies": 1}
    assert total["standards"]["context"]["min"] == 0.0


def test_cli_table_and_json(tmp_path: Path) -> None:
    sheets = [str(CASES / f"{n}.datacard.yaml") for n in ("minimal", "station-readings")]
    result = runner.invoke(app, ["coverage", *sheets])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("datasheet") and "Croissant RAI 1.0" in lines[0]
    assert lines[-1].startswith("mean of 2")
    result = runner.invoke(app, ["coverage", *sheets, "--output-format", "json"])
    doc = json.loads(result.stdout)
    assert [d["name"] for d in doc["datasheets"]] == ["minimal", "station-readings"]
    assert doc["datasheets"][0]["standards"]["context"]["answered"] == 0
    assert doc["summary"]["datasheets"] == 2


def test_cli_fail_under_and_missing() -> None:
    sheet = str(CASES / "minimal.datacard.yaml")
    result = runner.invoke(app, ["coverage", sheet, "--fail-under", "50", "--missing"])
    assert result.exit_code == 1
    assert "not answered" in result.stdout and "purpose" in result.stdout
    assert result.stderr.startswith(sheet)  # which datasheet fell short, beside the table
    result = runner.invoke(app, ["coverage", str(CASES / "station-readings.datacard.yaml"), "--fail-under", "50"])
    assert result.exit_code == 0 and not result.stderr
    result = runner.invoke(app, ["coverage", sheet, "--standard", "nonsense", "--fail-under", "1"])
    assert result.exit_code == 2


def test_cli_reports_invalid_datasheets(tmp_path: Path) -> None:
    bad = tmp_path / "bad.datacard.yaml"
    bad.write_text("schema_version: 1\nname: Bad Name\n", encoding="utf-8")
    result = runner.invoke(app, ["coverage", str(tmp_path)])
    assert result.exit_code == 1 and "DC106" in result.stderr


LANGUAGE_APPLIES = [
    ({}, True),  # nothing declared: most datasets hold text
    ({"composition": {"modalities": ["text"]}}, True),
    ({"composition": {"modalities": ["audio"]}}, True),  # audio may be speech
    ({"composition": {"modalities": ["audio"]}, "origin": {"people": {"about_people": False, "reason": "birds"}}},
     False),
    ({"composition": {"modalities": ["image"]}}, False),
    ({"composition": {"modalities": ["image"]},
      "origin": {"people": {"speech_situation": {"modality": ["written"]}}}}, True),
]


@pytest.mark.parametrize(("extra", "applies"), LANGUAGE_APPLIES)
def test_language_is_asked_for_only_where_the_data_may_hold_language(extra: dict[str, Any], applies: bool) -> None:
    datasheet = Datasheet.model_validate({"schema_version": 1, "name": "x", **extra})
    result = coverage(datasheet)
    asked = "language" not in result.standards["context"].not_applicable
    assert asked is applies


@pytest.mark.parametrize("key", sorted(STANDARDS))
def test_every_item_asks_its_question(key: str) -> None:
    for item in STANDARDS[key][1]:
        assert item.question.endswith(("?", ".")) and len(item.question.split()) >= 3, item


def test_cli_missing_names_the_fields_to_fill_and_the_question() -> None:
    sheet = str(CASES / "minimal.datacard.yaml")
    result = runner.invoke(app, ["coverage", sheet, "--missing"])
    lines = result.stdout.splitlines()
    at = lines.index("    K5   Over what time span was the data collected?")
    assert lines[at + 1] == "         fill: origin.collection.timeframe"
    assert "      fill: audience.license" in lines  # a Hugging Face metadata key, asked in words
    assert not any(line.strip() in ("K5", "C3") for line in lines)  # never a bare question code


def test_json_lists_unanswered_questions_with_their_fields() -> None:
    result = runner.invoke(app, ["coverage", str(CASES / "minimal.datacard.yaml"), "--output-format", "json"])
    datasheets = json.loads(result.stdout)["datasheets"]
    unanswered = datasheets[0]["standards"]["datasheets"]["unanswered"]
    k5 = next(u for u in unanswered if u["id"] == "K5")
    assert k5 == {"id": "K5", "question": "Over what time span was the data collected?",
                  "fields": ["origin.collection.timeframe"]}


def test_cli_exit_zero_and_quiet() -> None:
    sheet = str(CASES / "minimal.datacard.yaml")
    assert runner.invoke(app, ["coverage", sheet, "--fail-under", "50", "--exit-zero"]).exit_code == 0
    assert runner.invoke(app, ["coverage", sheet, "--fail-under", "50"]).exit_code == 1
