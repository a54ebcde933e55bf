"""The pipeline API: a datasheet to YAML and back, attached to a DataFrame and read back."""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from datacard.data.frame import ATTRS_KEY, DatasheetError, attach, datasheet_of, to_yaml
from datacard.load import load_text
from datacard.model import Datasheet
from datacard.validate import load_datasheet, validate_loaded
from tests.conftest import EXAMPLES
from tests.datagen import PIPELINE, reviews

SHEETS = sorted(PIPELINE.glob("*.datacard.yaml")) + sorted(EXAMPLES.glob("*.datacard.yaml"))


def _sheet(path: Path = PIPELINE / "reviews.datacard.yaml") -> Datasheet:
    model, report = load_datasheet(path)
    assert isinstance(model, Datasheet), report.findings
    return model


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.name)
def test_to_yaml_round_trips(path: Path) -> None:
    model = _sheet(path)
    text = to_yaml(model)
    again, report = validate_loaded(load_text(text, "again.yaml"), Datasheet)
    assert not report.findings and again == model
    assert to_yaml(again) == text  # type: ignore[arg-type]


def test_to_yaml_keeps_only_what_was_written() -> None:
    text = to_yaml(Datasheet.model_validate({"schema_version": 1, "name": "tiny"}))
    assert text == "schema_version: 1\nname: tiny\n"


def test_attach_and_read_back() -> None:
    df = reviews()
    assert datasheet_of(df) is None
    assert attach(df, PIPELINE / "reviews.datacard.yaml") is df
    assert datasheet_of(df) == _sheet()
    assert isinstance(df.attrs[ATTRS_KEY], dict)  # plain data, so pandas can copy and compare it


def test_attach_refuses_an_invalid_datasheet(tmp_path: Path) -> None:
    bad = tmp_path / "bad.datacard.yaml"
    bad.write_text("schema_version: 1\nname: BAD\n", encoding="utf-8")
    with pytest.raises(DatasheetError) as caught:
        attach(reviews(), bad)
    assert [f.code for f in caught.value.report.findings] == ["DC106"]


# Frames without pandas' attrs: a TypeError that names the way out, not an AttributeError.
FRAMES_WITHOUT_ATTRS = {
    "polars": lambda: pytest.importorskip("polars").from_pandas(reviews()),
    "pyarrow": lambda: pytest.importorskip("pyarrow").Table.from_pandas(reviews()),
    "list": lambda: [1, 2, 3],
}


@pytest.mark.parametrize("make", list(FRAMES_WITHOUT_ATTRS.values()), ids=list(FRAMES_WITHOUT_ATTRS))
def test_attach_to_a_frame_without_attrs_is_a_type_error(make: Callable[[], Any]) -> None:
    frame = make()
    with pytest.raises(TypeError, match="check_data"):
        attach(frame, PIPELINE / "reviews.datacard.yaml")
    assert datasheet_of(frame) is None


def test_tampered_attrs_are_an_error() -> None:
    df = attach(reviews(), _sheet())
    df.attrs[ATTRS_KEY]["name"] = "Not A Slug"
    with pytest.raises(DatasheetError):
        datasheet_of(df)


def _parquet(df: pd.DataFrame) -> pd.DataFrame:
    buffer = io.BytesIO()
    df.to_parquet(buffer)
    buffer.seek(0)
    return pd.read_parquet(buffer)


OTHER = pd.DataFrame({"id": [1], "extra": [2]})
# What docs/pipelines.md says survives (pandas propagates attrs through __finalize__).
KEPT: dict[str, Callable[[pd.DataFrame], Any]] = {
    "copy": lambda d: d.copy(),
    "head": lambda d: d.head(),
    "boolean filter": lambda d: d[d.stars > 2],
    "column selection": lambda d: d[["id", "text"]],
    "single column": lambda d: d["id"],
    "assign": lambda d: d.assign(x=1),
    "rename": lambda d: d.rename(columns={"id": "ID"}),
    "sort_values": lambda d: d.sort_values("stars"),
    "dropna": lambda d: d.dropna(),
    "fillna": lambda d: d.fillna("x"),
    "iloc": lambda d: d.iloc[:5],
    "loc": lambda d: d.loc[:5, ["id"]],
    "reset_index": lambda d: d.reset_index(),
    "astype": lambda d: d.astype({"id": "float"}),
    "query": lambda d: d.query("stars > 2"),
    "sample": lambda d: d.sample(5, random_state=0),
    "drop_duplicates": lambda d: d.drop_duplicates(),
    "concat of frames with the same datasheet": lambda d: pd.concat([d, d]),
    "groupby mean": lambda d: d.groupby("cuisine")[["stars"]].mean(),
    "pickle": lambda d: pickle.loads(pickle.dumps(d)),
    "to_parquet and read_parquet": _parquet,
}
LOST: dict[str, Callable[[pd.DataFrame], Any]] = {
    "concat with a frame without it": lambda d: pd.concat([d, OTHER]),
    "merge": lambda d: d.merge(OTHER, on="id"),
    "groupby size": lambda d: d.groupby("cuisine").size(),
    "to_csv and read_csv": lambda d: pd.read_csv(io.StringIO(d.to_csv(index=False))),
}


@pytest.mark.parametrize("operation", list(KEPT.values()), ids=list(KEPT))
def test_operations_that_keep_the_datasheet(operation: Callable[[pd.DataFrame], Any]) -> None:
    assert datasheet_of(operation(attach(reviews(), _sheet()))) == _sheet()


@pytest.mark.parametrize("operation", list(LOST.values()), ids=list(LOST))
def test_operations_that_lose_the_datasheet(operation: Callable[[pd.DataFrame], Any]) -> None:
    assert datasheet_of(operation(attach(reviews(), _sheet()))) is None


def test_public_api_is_exported() -> None:
    import datacard

    for name in ("attach", "datasheet_of", "to_yaml", "embed", "extract", "profile", "profile_frame",
                 "check_data", "representation_table"):
        assert callable(getattr(datacard, name))
