"""A datasheet inside a Parquet file: embedded beside existing metadata, read from the footer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
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

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(parquet, "copy_range", broken)
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


def _varied_layout(path: Path) -> None:
    """A file whose columns differ in codec and encoding, with uneven row groups (one past
    1,048,576 rows), sorting columns, a page index and INT96 timestamps."""
    rows = [300, 37, 1_100_000]
    schema = pa.schema([("id", pa.int64()), ("name", pa.string()), ("score", pa.float64()),
                        ("at", pa.timestamp("ns"))])
    options = dict(compression={"id": "snappy", "name": "zstd", "score": "none", "at": "lz4"},
                   use_dictionary=["name"], sorting_columns=[pq.SortingColumn(0)], write_page_index=True,
                   use_deprecated_int96_timestamps=True, write_statistics=["id"])
    start = 0
    with pq.ParquetWriter(path, schema, **options) as writer:  # type: ignore[arg-type]
        for n in rows:
            ids = np.arange(start, start + n, dtype=np.int64)
            writer.write_table(pa.table({
                "id": ids, "name": pa.array(["a", "b", "c"]).take(pa.array(ids % 3)),
                "score": ids / 3, "at": pa.array(ids * 1_000_000_000, pa.timestamp("ns")),
            }, schema=schema), row_group_size=n)
            start += n


def _columns(meta: pq.FileMetaData) -> list[tuple[object, ...]]:
    return [(meta.row_group(r).num_rows, meta.row_group(r).sorting_columns, c.path_in_schema, c.compression,
             c.encodings, c.physical_type, c.has_column_index, c.has_offset_index, c.is_stats_set,
             c.data_page_offset, c.total_compressed_size)
            for r in range(meta.num_row_groups) for c in (meta.row_group(r).column(i) for i in range(meta.num_columns))]


def test_embed_keeps_every_column_layout(tmp_path: Path) -> None:
    path = tmp_path / "varied.parquet"
    _varied_layout(path)
    before_bytes, before = path.read_bytes(), pq.ParquetFile(path)
    columns, table = _columns(before.metadata), before.read()
    assert len({c[3] for c in columns}) == 4 and any(c[6] for c in columns)  # the layout is varied
    embed(SHEET, path)
    after = pq.ParquetFile(path)
    assert _columns(after.metadata) == columns
    assert after.schema.column(3).physical_type == "INT96"
    assert after.read().equals(table)
    assert extract_text(path) == SHEET.read_text(encoding="utf-8")
    # Only the footer changed: every byte of the data pages and page indexes is the same.
    data_end = len(before_bytes) - 8 - int.from_bytes(before_bytes[-8:-4], "little")
    assert path.read_bytes()[:data_end] == before_bytes[:data_end]


def test_reembedding_replaces_the_datasheet_everywhere_readers_look(tmp_path: Path) -> None:
    path = _file(tmp_path)
    embed(SHEET, path)
    embed(OTHER, path, force=True)
    other = OTHER.read_text(encoding="utf-8").encode()
    assert pq.read_schema(path).metadata[METADATA_KEY] == other  # pyarrow: the Arrow schema's copy
    assert dict(pq.ParquetFile(path).metadata.metadata)[METADATA_KEY] == other  # the Parquet key-value


@pytest.mark.parametrize(("content", "code"), [
    (b"name: \xff\xfe bad\n", "DC003"),
    (b"schema_version: 1\nname: t\ncomposition:\n  count: !!int x\n", None),
    (b"x" * 2_000, "DC002"),
])
def test_an_unreadable_embedded_datasheet_is_a_finding(tmp_path: Path, content: bytes, code: str | None) -> None:
    import datacard

    path = tmp_path / "carrier.parquet"
    pq.write_table(pa.table({"a": [1, 2]}).replace_schema_metadata({METADATA_KEY: content}), path)
    loaded = parquet.extract_loaded(path, max_bytes=1_000)
    assert loaded is not None and loaded.findings
    report = datacard.check_data(str(path))
    assert report.errors and all(f.path.endswith("#datacard.datasheet") for f in report.errors)
    if code is not None:
        assert [f.code for f in loaded.findings] == [code]


def _with_pairs(tmp_path: Path, pairs: list[tuple[bytes, bytes | None]]) -> Path:
    """A Parquet file whose key-value metadata is exactly ``pairs`` (datacard's footer writer)."""
    from datacard.data.footer import read_footer

    path = _file(tmp_path)
    with open(path, "rb") as handle:
        footer = read_footer(handle)
        handle.seek(0)
        body = handle.read(footer.start)
    path.write_bytes(body + footer.rewritten(pairs))
    return path


@pytest.mark.parametrize(("pairs", "limit"), [
    ([(METADATA_KEY, b"schema_version: 1\nname: a\n")], 10_000),
    ([(METADATA_KEY, b"x" * 500)], 100),  # over the limit: its length, never its text
    ([(METADATA_KEY, b"first"), (b"other", b"v"), (METADATA_KEY, b"second")], 10_000),  # the first counts
    ([(METADATA_KEY, None), (b"other", b"v")], 10_000),  # a key without a value
    ([(b"other", b"v")], 10_000),
    ([(METADATA_KEY, b"\xff\xfe not utf-8")], 10_000),
])
def test_pyarrow_and_datacards_footer_reader_agree(pairs: list[tuple[bytes, bytes | None]], limit: int,
                                                   tmp_path: Path) -> None:
    """extract reads the footer through pyarrow (C++), falling back to datacard's own reader:
    both give the same value for every file."""
    from datacard.data.footer import read_value

    path = _with_pairs(tmp_path, pairs)
    assert parquet._read_value(path, limit) == read_value(path, METADATA_KEY, limit)
