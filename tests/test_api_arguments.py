"""The Python API takes what a user would pass, or says clearly what to pass instead (issue 14,
item 9), and checks of an attached frame point at the datasheet's own file and lines (issue 9)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import datacard

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "yelp-reviews.datacard.yaml"
SHEET = ("# Reviews, with a comment so that lines of the file and of re-written YAML differ.\n"
         "schema_version: 1\nname: reviews\n\ncomposition:\n  instance: One review.\n"
         "  count: 99\n  fields:\n    - name: label\n    - name: text\n")
COUNT_LINE = 7


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"label": [1, 0, 1], "text": ["a", "b", None]})


def test_check_training_takes_paths() -> None:
    if not EXAMPLE.exists():
        pytest.skip("examples/ is not present")
    report = datacard.check_training([EXAMPLE], root=str(ROOT))
    assert report.files and all(isinstance(f, str) for f in report.files)


@pytest.mark.parametrize(("arguments", "says"), [
    ({"datasheets": "x.datacard.yaml"}, "datasheets=['x.datacard.yaml']"),
    ({"datasheets": Path("x.datacard.yaml")}, "a list of paths"),
    ({"datasheets": [5]}, "got int 5"),
    ({"datasheets": 5}, "such as"),
    ({"datasheets": [], "tasks": [5]}, "tasks must hold strings"),
    ({"datasheets": [], "tasks": "summarization"}, "tasks=['summarization']"),
    ({"datasheets": [], "intended_uses": [None]}, "intended_uses must hold strings"),
])
def test_check_training_says_what_to_pass(arguments: dict[str, Any], says: str) -> None:
    with pytest.raises(TypeError, match=re.escape(says)):
        datacard.check_training(**arguments)


def test_check_data_works_with_integer_column_names(tmp_path: Path) -> None:
    sheet = tmp_path / "n.datacard.yaml"
    sheet.write_text("schema_version: 1\nname: n\ncomposition:\n  fields:\n    - name: '0'\n    - name: '1'\n")
    report = datacard.check_data(pd.DataFrame({0: [1, 2], 1: ["a", "b"]}), sheet)
    assert not [f for f in report.findings if f.code in ("DC505", "DC506")]


@pytest.mark.parametrize(("columns", "error", "says"), [
    (["a", "a"], ValueError, "column names must be unique.*'a' 2 times"),
    ([1, "1"], ValueError, "'1' name more than one column"),
    (pd.MultiIndex.from_tuples([("a", "x"), ("a", "y")]), TypeError, "not tuples"),
])
def test_profile_frame_rejects_names_a_datasheet_cannot_use(columns: Any, error: type[Exception], says: str) -> None:
    with pytest.raises(error, match=says):
        datacard.profile_frame(pd.DataFrame([[1, 2]], columns=columns))


@pytest.mark.parametrize("suffix", [".datacard.yaml", ".md"])
def test_an_attached_datasheet_is_reported_at_its_own_lines(suffix: str, tmp_path: Path) -> None:
    sheet = tmp_path / f"reviews{suffix}"
    sheet.write_text(f"---\n{SHEET}---\n# Reviews\n" if suffix == ".md" else SHEET)
    frame = datacard.attach(_frame(), sheet)
    found = [(f.path, f.line) for f in datacard.check_data(frame).findings if f.code == "DC501"]
    assert found == [(str(sheet), COUNT_LINE + (1 if suffix == ".md" else 0))]


def test_a_datasheet_changed_after_attaching_is_not_quoted_with_its_new_lines(tmp_path: Path) -> None:
    sheet = tmp_path / "reviews.datacard.yaml"
    sheet.write_text(SHEET)
    frame = datacard.attach(_frame(), sheet)
    sheet.write_text(SHEET.replace("count: 99", "count: 3"))
    assert {f.path for f in datacard.check_data(frame).findings} == {"<datasheet of the frame>"}


def test_attach_reads_the_datasheet_a_parquet_file_carries(tmp_path: Path) -> None:
    sheet = tmp_path / "reviews.datacard.yaml"
    sheet.write_text(SHEET)
    data = tmp_path / "reviews.parquet"
    pq.write_table(pa.Table.from_pandas(_frame()), data)
    datacard.embed(sheet, data)
    frame = datacard.attach(_frame(), data)
    found = [(f.path, f.line) for f in datacard.check_data(frame).findings if f.code == "DC501"]
    assert found == [(f"{data}#datacard.datasheet", COUNT_LINE)]


@pytest.mark.parametrize(("name", "says"), [
    ("plain.parquet", "carries no datasheet"),
    ("data.csv", "csv data file, not a datasheet"),
    ("data.jsonl", "jsonl data file, not a datasheet"),
])
def test_attach_says_a_datasheet_was_expected(name: str, says: str, tmp_path: Path) -> None:
    path = tmp_path / name
    if name.endswith(".parquet"):
        _frame().to_parquet(path)
    else:
        path.write_text("label,text\n1,a\n")
    with pytest.raises(ValueError, match=says):
        datacard.attach(_frame(), path)
