"""Profiling files in batches and frames on several engines gives the same facts."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest

from datacard.data.frame import loaded_datasheet
from datacard.data.merge import composition_data
from datacard.data.profile import MISSING_GROUP, Profile, profile, profile_frame
from datacard.data.read import DataError
from datacard.model import Datasheet
from datacard.model.enums import FieldType
from tests.datagen import GROUPS, PIPELINE, ROWS, TRAIN, reviews, write

SHEET = PIPELINE / "reviews.datacard.yaml"


def sheet() -> Datasheet:
    model, _, _ = loaded_datasheet(SHEET)
    assert model is not None
    return model


def facts(prof: Profile) -> dict[str, Any]:
    """What must agree across formats and engines (types of dates differ by format)."""
    return {
        "rows": prof.rows,
        "splits": dict(prof.splits),
        "missing": {n: c.nulls for n, c in prof.columns.items()},
        "distinct": {n: c.distinct for n, c in prof.columns.items()},
        "groups": {n: dict(c) for n, c in prof.groups.items()},
        "pairs": {n: dict(c) for n, c in prof.group_labels.items()},
    }


EXPECTED_GROUPS = {(k or MISSING_GROUP): n for k, n in GROUPS.items()}


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_profile_of_a_file(tmp_path: Path, suffix: str) -> None:
    prof = profile(write(reviews(text_nulls=7), tmp_path / f"r{suffix}"), sheet())
    assert prof.rows == ROWS
    assert dict(prof.splits) == {"train": TRAIN, "test": ROWS - TRAIN}
    assert prof.groups["cuisine"] == EXPECTED_GROUPS
    assert prof.columns["text"].nulls == 7
    assert prof.missing_share("cuisine") == GROUPS[None] / ROWS
    assert prof.columns["email"].distinct == 50 and prof.columns["id"].distinct == ROWS
    assert prof.columns["stars"].minimum == 1 and prof.columns["stars"].maximum == 5
    types = {n: c.type for n, c in prof.columns.items()}
    assert types["id"] is FieldType.INTEGER and types["stars"] is FieldType.FLOAT
    assert types["text"] is FieldType.STRING and types["label"] is FieldType.INTEGER
    assert types["posted"] in (FieldType.DATE, FieldType.DATETIME)
    # email is sensitive but free text: its values are never counted as groups
    assert "email" not in prof.groups


def test_formats_agree(tmp_path: Path) -> None:
    frame = reviews(mexican_rate=0.3, text_nulls=3)
    results = [facts(profile(write(frame, tmp_path / f"r{s}"), sheet())) for s in (".csv", ".parquet", ".jsonl")]
    assert results[0] == results[1] == results[2]


@pytest.mark.parametrize("codec", ["gzip", "bz2", "zstd", "lz4"])
@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_compressed_text_profiles_as_the_plain_file(tmp_path: Path, codec: str, suffix: str) -> None:
    plain = write(reviews(mexican_rate=0.3, text_nulls=3), tmp_path / f"r{suffix}")
    ending = {"gzip": ".gz", "bz2": ".bz2", "zstd": ".zst", "lz4": ".lz4"}[codec]
    packed = tmp_path / f"train{suffix}{ending}"
    with pa.CompressedOutputStream(str(packed), codec) as out:
        out.write(plain.read_bytes())
    assert facts(profile(packed, sheet(), block_size=1 << 12)) == facts(profile(plain, sheet()))
    assert dict(profile([packed, plain]).splits) == {"train": ROWS, "r": ROWS}  # split names by stem


@pytest.mark.parametrize("block_size", [1 << 10, 1 << 12, 1 << 24])
def test_line_breaks_inside_quoted_csv_values(tmp_path: Path, block_size: int) -> None:
    rows = 500  # about 40 kB: many blocks, some boundaries fall inside a quoted value
    frame = pd.DataFrame({"text": [f"review {i}, first paragraph\n\nand a second one" for i in range(rows)],
                          "label": [i % 2 for i in range(rows)]})
    prof = profile(write(frame, tmp_path / "r.csv"), block_size=block_size)
    assert prof.rows == rows and prof.columns["text"].distinct == rows


@pytest.mark.parametrize("block_size", [1 << 10, 1 << 12, 1 << 24])
def test_small_batches_merge_to_the_same_profile(tmp_path: Path, block_size: int) -> None:
    path = write(reviews(mexican_rate=0.3, text_nulls=3), tmp_path / "r.csv")
    whole = profile(path, sheet())
    batches: list[int] = []
    streamed = profile(path, sheet(), block_size=block_size, progress=batches.append)
    assert facts(streamed) == facts(whole)
    assert sum(batches) == path.stat().st_size
    if block_size < 1 << 12:
        assert len(batches) > 5  # the file really was read in many pieces


def test_one_file_per_split(tmp_path: Path) -> None:
    frame = reviews()
    train = write(frame.iloc[:TRAIN], tmp_path / "train.parquet")
    test = write(frame.iloc[TRAIN:], tmp_path / "test.csv")
    assert dict(profile([train, test]).splits) == {"train": TRAIN, "test": ROWS - TRAIN}
    named = profile({"fit": train, "holdout": test})
    assert dict(named.splits) == {"fit": TRAIN, "holdout": ROWS - TRAIN}


def test_subgroup_and_label_options(tmp_path: Path) -> None:
    prof = profile(write(reviews(), tmp_path / "r.csv"), subgroups=["cuisine"], label="label")
    assert prof.groups["cuisine"] == EXPECTED_GROUPS
    assert sum(prof.group_labels["cuisine"].values()) == ROWS
    assert prof.labels == {"0": ROWS // 2, "1": ROWS // 2}


def test_too_many_groups_stop_being_tracked(tmp_path: Path) -> None:
    from datacard.data.profile import Spec

    prof = profile(write(reviews(), tmp_path / "r.csv"), spec=Spec(groups=["id", "cuisine"], max_groups=100),
                   block_size=1 << 10)
    assert prof.too_many_groups == {"id"} and "id" not in prof.groups and "cuisine" in prof.groups


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"a,b\n1,2\n3\n", "r.csv"), (b"not parquet", "r.parquet"), (b'{"a": 1}\n{"a": \n', "r.jsonl"),
     (b"a,b\n", "r.txt"), (b"PAR1", "r.parquet.gz"), (b"a,b\n1,2\n", "r.csv.gz")],
)
def test_unreadable_data_is_a_data_error(tmp_path: Path, content: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError, match=name):
        profile(path)


def test_missing_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        profile(tmp_path / "absent.csv")


# --- engines --------------------------------------------------------------------------------


def _frame() -> pd.DataFrame:
    frame = reviews(mexican_rate=0.3, text_nulls=3)
    frame["posted"] = pd.to_datetime(frame["posted"])
    return frame


def _engine_frames() -> list[Any]:
    params: list[Any] = [
        pytest.param(lambda f: f, id="pandas"),
        pytest.param(lambda f: pa.Table.from_pandas(f, preserve_index=False), id="pyarrow"),
    ]
    if importlib.util.find_spec("polars"):
        import polars as pl

        params += [pytest.param(pl.from_pandas, id="polars"),
                   pytest.param(lambda f: pl.from_pandas(f).lazy(), id="polars-lazy")]
    return params


def _same_facts(result: Profile, expected: Profile) -> None:
    assert facts(result) == facts(expected)


@pytest.mark.parametrize("make", _engine_frames())
def test_engines_agree_with_the_file_profile(tmp_path: Path, make: Any) -> None:
    frame = _frame()
    expected = profile(write(frame, tmp_path / "r.parquet"), sheet())
    _same_facts(profile_frame(make(frame), sheet()), expected)


@pytest.mark.filterwarnings("ignore::FutureWarning")
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_dask_local_cluster(tmp_path: Path) -> None:
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    frame = _frame()
    expected = profile(write(frame, tmp_path / "r.parquet"), sheet())
    with distributed.Client(processes=False, n_workers=2, threads_per_worker=1, dashboard_address=None):
        ddf = dd.from_pandas(frame, npartitions=4)
        _same_facts(profile_frame(ddf, sheet()), expected)


def test_duckdb_when_installed(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    frame = _frame()
    expected = profile(write(frame, tmp_path / "r.parquet"), sheet())
    relation = duckdb.from_df(frame)
    _same_facts(profile_frame(relation, sheet()), expected)


def test_pyspark_when_java_is_present(tmp_path: Path) -> None:
    if importlib.util.find_spec("pyspark") is None:
        pytest.skip("pyspark is not installed")
    if shutil.which("java") is None:
        pytest.skip("no Java runtime for Spark")
    from pyspark.sql import SparkSession

    frame = _frame()
    expected = profile(write(frame, tmp_path / "r.parquet"), sheet())
    spark = SparkSession.builder.master("local[1]").appName("datacard-test").getOrCreate()
    try:
        _same_facts(profile_frame(spark.createDataFrame(frame), sheet()), expected)
    finally:
        spark.stop()


def test_composition_is_valid_datasheet_content(tmp_path: Path) -> None:
    prof = profile(write(reviews(), tmp_path / "r.csv"), sheet())
    data = composition_data(prof)
    Datasheet.model_validate({"schema_version": 1, "name": "x", "composition": data})
    fields = {f["name"]: f for f in data["fields"]}
    assert fields["cuisine"]["distribution"] == {"american": 70, "mexican": 60, "italian": 40, MISSING_GROUP: 30}
    assert fields["cuisine"]["missing"] == 0.15 and fields["id"]["distinct"] == ROWS
    assert data["count"] == ROWS
    assert [(s["name"], s["count"]) for s in data["splits"]] == [("test", 40), ("train", 160)]
    assert data["splits"][0]["distribution"] == {"0": 21, "1": 19}  # the label balance of the split


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_no_rows_still_has_columns(tmp_path: Path, suffix: str) -> None:
    prof = profile(write(reviews().iloc[:0], tmp_path / f"r{suffix}"))
    assert prof.rows == 0 and "cuisine" in prof.columns and prof.missing_share("cuisine") == 0.0


def test_types_that_change_after_the_first_block_are_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_text("a,b\n" + "1,\n" * 3000 + "2,text\n", encoding="utf-8")
    with pytest.raises(DataError, match="inferred from the first"):
        profile(path, block_size=1 << 12)
    assert profile(path, block_size=1 << 20).rows == 3001


def test_types_of_split_files_combine(tmp_path: Path) -> None:
    frame = reviews()
    empty_text = frame.iloc[:TRAIN].assign(text=None)  # typed null when read from CSV
    train = write(empty_text, tmp_path / "train.csv")
    test = write(frame.iloc[TRAIN:].assign(stars=frame["stars"].iloc[TRAIN:].astype(int)), tmp_path / "test.csv")
    prof = profile([train, test])
    assert prof.columns["text"].type is FieldType.STRING  # the empty part says nothing
    assert prof.columns["stars"].type is FieldType.FLOAT  # integer and float make float
    assert prof.columns["text"].nulls == TRAIN


def test_a_json_array_is_not_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "array.json"
    path.write_text('[{"a": 1}, {"a": 2}]\n', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        profile(path)
    assert "inferred" not in str(caught.value)
