"""Reading data files as a stream of Arrow record batches, never the whole file at once.

CSV, Parquet and JSON Lines are read with pyarrow's streaming readers: memory holds one block
(``block_size`` bytes of text, or one Parquet row group) at a time, whatever the file's size.
Types are inferred from the first block, as pyarrow does; a later block that does not fit them
is an input error that names the column.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

# Bytes of text per batch. Larger blocks cost memory but infer types from more rows and
# lower the per-batch overhead.
DEFAULT_BLOCK_SIZE = 4 * 1024 * 1024
FORMATS = ("csv", "parquet", "jsonl")
_SUFFIXES = {
    ".csv": "csv", ".tsv": "csv", ".parquet": "parquet", ".pq": "parquet",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
}
# Compressed CSV and JSON Lines (`reviews.jsonl.gz`) are decompressed as they stream.
_CODECS = {".gz": "gzip", ".bz2": "bz2", ".zst": "zstd", ".lz4": "lz4"}

Progress = Callable[[int], None]
"""Called with the number of bytes (or, for Parquet, of compressed row-group bytes) just read."""


class DataError(Exception):
    """A data file cannot be read: missing, unknown format, or not what its name says."""


def data_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    if fmt is not None:
        if fmt not in FORMATS:
            raise DataError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        return fmt
    name, codec = _codec(path)
    found = _SUFFIXES.get(Path(name).suffix.lower())
    if found is None:
        raise DataError(f"{path}: cannot tell the format from the name; use --format csv, parquet or jsonl")
    if codec is not None and found == "parquet":
        raise DataError(f"{path}: a Parquet file compresses its own pages; decompress the file first")
    return found


def _codec(path: str | os.PathLike[str]) -> tuple[str, str | None]:
    """The name without a compression suffix, and the codec that suffix names (or None)."""
    text = str(path)
    codec = _CODECS.get(Path(text).suffix.lower())
    return (text[: -len(Path(text).suffix)] if codec else text), codec


def size_of(path: str | os.PathLike[str]) -> int:
    try:
        return os.stat(path).st_size
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from exc


@contextmanager
def _open(path: str | os.PathLike[str]) -> Iterator[Any]:
    """(stream, file): native Arrow streams, read without the GIL (a Python file object would
    hold it while the profile's aggregation needs it). The stream decompresses a `.gz`, `.bz2`,
    `.zst` or `.lz4` file; the file's ``tell()`` counts the bytes read, for progress."""
    import pyarrow as pa

    try:
        handle = pa.OSFile(str(path), "r")
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    codec = _codec(path)[1]
    try:
        yield (pa.CompressedInputStream(handle, codec) if codec else handle), handle
    finally:
        handle.close()


def iter_batches(
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    block_size: int = DEFAULT_BLOCK_SIZE,
    progress: Progress | None = None,
) -> Iterator[pa.RecordBatch]:
    """Yield the file's rows as record batches; ``progress`` hears how many bytes were read."""
    import pyarrow as pa

    kind = data_format(path, fmt)
    size_of(path)
    try:
        if kind == "parquet":
            yield from _parquet(path, progress)
        else:
            yield from _text(path, kind, block_size, progress)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError, OSError) as exc:
        hint = ""
        text = str(exc)
        if "conversion error" in text or ("changed" in text and "in row 0" not in text):
            hint = (f" (column types are inferred from the first {block_size >> 20 or 1} MB; "
                    "raise the block size or convert the file to Parquet)")
        raise DataError(f"{path}: {kind} cannot be read: {_first_line(exc)}{hint}") from exc


def _first_line(exc: BaseException) -> str:
    """The reader's own message, one line, with the file's bytes it quotes kept printable.

    pyarrow quotes the offending row, which for a binary file is raw bytes that would garble
    the terminal.
    """
    text = str(exc).strip()
    if not text:
        return type(exc).__name__
    line = "".join(c if c.isprintable() and c != "\ufffd" else "?" for c in text.splitlines()[0])
    return line if len(line) <= 200 else line[:199] + "…"


def _parquet(path: str | os.PathLike[str], progress: Progress | None) -> Iterator[pa.RecordBatch]:
    import pyarrow.parquet as pq

    with pq.ParquetFile(path) as reader:
        meta = reader.metadata
        if meta.num_rows == 0:
            yield _empty_batch(reader.schema_arrow)
        for index in range(meta.num_row_groups):
            yield from reader.iter_batches(row_groups=[index])
            if progress is not None:
                progress(meta.row_group(index).total_compressed_size or 0)


def _text(
    path: str | os.PathLike[str], kind: str, block_size: int, progress: Progress | None
) -> Iterator[pa.RecordBatch]:
    import pyarrow.csv as pcsv
    import pyarrow.json as pjson

    with _open(path) as (stream, handle):
        if kind == "csv":
            delimiter = "\t" if _codec(path)[0].lower().endswith(".tsv") else ","
            reader: Any = pcsv.open_csv(
                stream,
                read_options=pcsv.ReadOptions(block_size=block_size),
                # Text datasets quote line breaks inside values (a review of two paragraphs);
                # without this, a block boundary inside such a value is a parse error.
                parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
                # An empty cell is a missing value, as pandas and most CSV writers mean it.
                convert_options=pcsv.ConvertOptions(strings_can_be_null=True),
            )
        else:
            reader = pjson.open_json(stream, read_options=pjson.ReadOptions(block_size=block_size))
        seen = 0
        empty = True
        for batch in reader:
            empty = False
            yield batch
            if progress is not None:
                # The reader reads ahead of the batches it hands out; progress may run early.
                position = handle.tell()
                progress(max(0, position - seen))
                seen = max(seen, position)
        if empty:  # a header and no rows: the columns still exist
            yield _empty_batch(reader.schema)


def _empty_batch(schema: pa.Schema) -> pa.RecordBatch:
    import pyarrow as pa

    return pa.RecordBatch.from_pylist([], schema=schema)
