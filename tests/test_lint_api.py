"""`datacard.check_training`: the check a training script runs before it trains."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import datacard
from datacard.lint import DatacardWarning, TrainingDataError

CASES = Path(__file__).resolve().parent / "lint_cases" / "lineage"


def test_clean_data_returns_an_empty_report() -> None:
    report = datacard.check_training([str(CASES / "case-good.datacard.yaml")], tasks=["text-classification"],
                                     root=str(CASES))
    assert report.findings == []


def test_gaps_point_into_the_datasheet() -> None:
    sheet = CASES / "case-gappy.datacard.yaml"
    report = datacard.check_training([str(sheet)], root=str(CASES))
    assert sorted(f.code for f in report.findings) == ["DC303", "DC304"]
    assert {Path(f.path).name for f in report.findings} == {"case-gappy.datacard.yaml"}
    assert all(f.line > 0 for f in report.findings)


def test_names_resolve_in_the_project_and_ancestors_are_followed() -> None:
    report = datacard.check_training(["case-derived", "hf:case_good", "no-such-data"], root=str(CASES))
    assert sorted(f.code for f in report.findings) == ["DC301", "DC302"]
    inherited = next(f for f in report.findings if f.code == "DC302")
    assert Path(inherited.path).name == "case-raw.datacard.yaml"
    assert "model -> case-derived -> case-raw" in inherited.message


def test_tasks_are_checked() -> None:
    report = datacard.check_training([str(CASES / "case-good.datacard.yaml")], tasks=["summarization"],
                                     intended_uses=["Profiling individual reviewers"], root=str(CASES))
    assert sorted(f.code for f in report.findings) == ["DC305", "DC306"]


def test_raise_mode_carries_the_report() -> None:
    with pytest.raises(TrainingDataError) as info:
        datacard.check_training([str(CASES / "case-gappy.datacard.yaml")], mode="raise", root=str(CASES))
    assert sorted(f.code for f in info.value.report.findings) == ["DC303", "DC304"]
    # Below the threshold nothing is raised.
    report = datacard.check_training([str(CASES / "case-gappy.datacard.yaml")], mode="raise",
                                     fail_on="error", root=str(CASES))
    assert len(report.findings) == 2


def test_warn_mode_uses_its_own_category_and_can_be_escalated() -> None:
    sheet = str(CASES / "case-gappy.datacard.yaml")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        datacard.check_training([sheet], mode="warn", root=str(CASES))
    assert [w.category for w in caught] == [DatacardWarning, DatacardWarning]
    assert issubclass(DatacardWarning, UserWarning)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DatacardWarning)
        with pytest.raises(DatacardWarning):
            datacard.check_training([sheet], mode="warn", root=str(CASES))


def test_select_and_ignore() -> None:
    sheet = str(CASES / "case-gappy.datacard.yaml")
    assert [f.code for f in datacard.check_training([sheet], ignore=["DC304"], root=str(CASES)).findings] == ["DC303"]
    assert datacard.check_training([sheet], select=["DC302"], root=str(CASES)).findings == []


def test_bad_arguments_raise() -> None:
    with pytest.raises(ValueError):
        datacard.check_training([], mode="loud", root=str(CASES))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        datacard.check_training([], select=["NOPE"], root=str(CASES))


def test_no_data_is_a_finding() -> None:
    assert [f.code for f in datacard.check_training([], root=str(CASES)).findings] == ["DC312"]


def test_import_datacard_does_not_load_the_linter() -> None:
    import subprocess
    import sys

    code = "import sys, datacard; datacard.validate_file; print('datacard.lint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_lint_imports_nothing_heavy() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from datacard.cli import app\n"
        "CliRunner().invoke(app, ['lint', 'examples', '-q'])\n"
        "heavy = ('pandas', 'pyarrow', 'narwhals', 'polars', 'dask', 'jinja2')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(("written", "reference"), [
    ("name: my-data", "my-data"),
    ("name: my-data\nidentifiers: [hf:Some_Org/Data_Set]", "Some_Org/Data_Set"),
    ("name: my-data\nidentifiers: [hf:Some_Org/Data_Set]", "hf:some_org/data_set"),
    ("name: my-data\nidentifiers:\n  - https://huggingface.co/datasets/org/x.y", "org/x.y"),
    ('name: "my-data"', "MY-DATA"),
])
def test_index_finds_unloaded_datasheets_by_name_and_identifier(
    tmp_path: Path, written: str, reference: str,
) -> None:
    from datacard.lint.index import Index

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.datacard.yaml").write_text(f"schema_version: 1\n{written}\n")
    (tmp_path / "other.datacard.yaml").write_text("schema_version: 1\nname: my-data-2\n")
    sheet, others, _ = Index(str(tmp_path)).lookup(reference)
    assert sheet is not None and sheet.name == "my-data" and others == []
