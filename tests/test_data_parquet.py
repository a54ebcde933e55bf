"""A datasheet inside a Parquet file: embedded beside existing metadata, read from the footer."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from datacard.data import parquet
from datacard.data.frame import DatasheetError
from datacard.data.parquet import METADATA_KEY, AlreadyEmbedded, embed, extract, extract_text
from datacard.data.read import DataError
from datacard.validate import load_datasheet
from tests.datagen import PIPELINE, reviews, write

SHEET = PIPELINE / "reviews.datacard.yaml"
OTHER = PIPELINE / "contradicting.datacard.yaml"


def _file(tmp_path: Path, **options: object) -> Path:
    path = tmp_path / "reviews.parquet"
    reviews().to_parquet(path, index=False, row_group_size=50, **options)
    return path


def test_embed_keeps_data_and_metadata(tmp_path: Path) -> None:
    path = _file(tmp_path, compression="zstd")
    before = pq.read_table(path)
    old_meta = pq.read_schema(path).metadata
    embed(SHEET, path)
    after = pq.read_table(path)
    meta = pq.read_schema(path).metadata
    assert after.equals(before.replace_schema_metadata(meta))
    assert {k: v for k, v in meta.items() if k != METADATA_KEY} == old_meta
    assert b"pandas" in meta
    file_meta = pq.ParquetFile(path).metadata
    assert file_meta.num_row_groups == 4 and file_meta.row_group(0).column(0).compression == "ZSTD"
    # pandas still reads its own metadata (index, dtypes) from the rewritten file
    pd.testing.assert_frame_equal(pd.read_parquet(path), reviews(), check_dtype=False)


def test_extract_gives_back_the_users_text(tmp_path: Path) -> None:
    path = _file(tmp_path)
    embed(SHEET, path)
    assert extract_text(path) == SHEET.read_text(encoding="utf-8")  # comments and all
    assert extract(path) == load_datasheet(SHEET)[0]


def test_extract_reads_the_footer_alone(tmp_path: Path) -> None:
    path = _file(tmp_path)
    embed(SHEET, path)
    raw = bytearray(path.read_bytes())
    footer = int.from_bytes(raw[-8:-4], "little") + 8
    raw[4 : len(raw) - footer] = b"\xff" * (len(raw) - footer - 4)  # wreck every data page
    path.write_bytes(bytes(raw))
    with pytest.raises(OSError):
        pq.read_table(path)
    assert extract(path) == load_datasheet(SHEET)[0]


def test_no_datasheet_is_none(tmp_path: Path) -> None:
    path = _file(tmp_path)
    assert extract_text(path) is None and extract(path) is None


def test_replacing_needs_force(tmp_path: Path) -> None:
    path = _file(tmp_path)
    embed(SHEET, path)
    with pytest.raises(AlreadyEmbedded):
        embed(OTHER, path)
    assert extract_text(path) == SHEET.read_text(encoding="utf-8")
    embed(OTHER, path, force=True)
    assert extract_text(path) == OTHER.read_text(encoding="utf-8")


def test_a_failed_rewrite_leaves_the_original_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _file(tmp_path)
    original = path.read_bytes()

    def broken(self: object, table: pa.Table, *args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pq.ParquetWriter, "write_table", broken)
    with pytest.raises(DataError, match="disk full"):
        embed(SHEET, path)
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reviews.parquet"]  # no temporary left


def test_an_invalid_datasheet_is_not_embedded(tmp_path: Path) -> None:
    path = _file(tmp_path)
    original = path.read_bytes()
    bad = tmp_path / "bad.datacard.yaml"
    bad.write_text("schema_version: 1\nname: BAD\n", encoding="utf-8")
    with pytest.raises(DatasheetError):
        embed(bad, path)
    assert path.read_bytes() == original


@pytest.mark.parametrize("content", [b"", b"PAR1 not really", b"a,b\n1,2\n"])
def test_a_file_that_is_not_parquet_is_a_data_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.parquet"
    path.write_bytes(content)
    with pytest.raises(DataError):
        extract_text(path)
    with pytest.raises(DataError):
        embed(SHEET, path)
    assert path.read_bytes() == content


def test_a_model_is_embedded_as_yaml(tmp_path: Path) -> None:
    path = write(reviews(), tmp_path / "r.parquet")
    model = load_datasheet(SHEET)[0]
    assert model is not None
    embed(model, path)
    assert extract(path) == model
    assert parquet.has_datasheet(path)
