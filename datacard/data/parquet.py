"""A datasheet inside a Parquet file's schema metadata.

The datasheet's YAML text is stored under the key ``datacard.datasheet`` of the Arrow schema
metadata, beside what is already there (``pandas``, ``ARROW:schema``, ...). Reading it back
needs only the file's footer. Parquet keeps its metadata in the footer, so embedding rewrites
the file: row group by row group into a temporary file in the same directory, which then
replaces the original. On any failure the original is untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from datacard.data.frame import DatasheetError, loaded_datasheet, to_yaml
from datacard.data.read import DataError
from datacard.load import Loaded, load_text
from datacard.model import Datasheet
from datacard.validate import validate_loaded

METADATA_KEY = b"datacard.datasheet"


class AlreadyEmbedded(Exception):
    """The file already carries a datasheet and replacing it was not asked for."""


def _text_of(datasheet: Datasheet | str | os.PathLike[str]) -> str:
    """The YAML to embed: the user's own text (comments and all) when given a valid file."""
    model, loaded, report = loaded_datasheet(datasheet)
    if model is None:
        raise DatasheetError(report)
    if isinstance(datasheet, Datasheet):
        return to_yaml(datasheet)
    if loaded.body is not None:  # Markdown: the front matter only, normalised
        return to_yaml(model)
    return loaded.text


def _read_schema(path: str | os.PathLike[str]) -> object:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.read_schema(path)
    except (OSError, pa.ArrowException) as exc:
        raise DataError(f"{path}: not a readable Parquet file: {exc}") from exc


def extract_text(path: str | os.PathLike[str]) -> str | None:
    """The datasheet YAML embedded in a Parquet file, read from the footer alone; None if absent."""
    metadata = _read_schema(path).metadata or {}  # type: ignore[attr-defined]
    raw = metadata.get(METADATA_KEY)
    return raw.decode("utf-8") if raw is not None else None


def extract_loaded(path: str | os.PathLike[str]) -> Loaded | None:
    text = extract_text(path)
    return None if text is None else load_text(text, f"{path}#{METADATA_KEY.decode()}")


def extract(path: str | os.PathLike[str]) -> Datasheet | None:
    """The datasheet embedded in a Parquet file, validated; None when there is none.

    Raises :class:`DatasheetError` when the embedded text does not validate.
    """
    loaded = extract_loaded(path)
    if loaded is None:
        return None
    model, report = validate_loaded(loaded, Datasheet)
    if not isinstance(model, Datasheet):
        raise DatasheetError(report)
    return model


def embed(
    datasheet: Datasheet | str | os.PathLike[str],
    path: str | os.PathLike[str],
    *,
    force: bool = False,
) -> None:
    """Write a datasheet into a Parquet file's schema metadata, keeping the metadata there.

    Raises :class:`DatasheetError` for an invalid datasheet, :class:`AlreadyEmbedded` when the
    file has one and ``force`` is not set, and :class:`DataError` when the file cannot be read.
    """
    text = _text_of(datasheet)
    schema = _read_schema(path)
    metadata = dict(schema.metadata or {})  # type: ignore[attr-defined]
    if METADATA_KEY in metadata and not force:
        raise AlreadyEmbedded(f"{path} already carries a datasheet; pass --force to replace it")
    metadata[METADATA_KEY] = text.encode("utf-8")
    _rewrite(Path(path), metadata)


def _rewrite(target: Path, metadata: dict[bytes, bytes]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        with pq.ParquetFile(target) as source:
            meta = source.metadata
            schema = source.schema_arrow.with_metadata(metadata)
            options = _writer_options(meta)
            with pq.ParquetWriter(tmp, schema, **options) as writer:
                for index in range(meta.num_row_groups):
                    writer.write_table(source.read_row_group(index).replace_schema_metadata(metadata))
        os.chmod(tmp, target.stat().st_mode & 0o7777)
        os.replace(tmp, target)
    except (OSError, pa.ArrowException) as exc:
        raise DataError(f"{target}: cannot rewrite the Parquet file: {exc}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _writer_options(meta: object) -> dict[str, object]:
    """Keep the file's compression codec, Parquet format version and creator as they were."""
    options: dict[str, object] = {}
    if meta.num_row_groups and meta.num_columns:  # type: ignore[attr-defined]
        codec = meta.row_group(0).column(0).compression  # type: ignore[attr-defined]
        options["compression"] = "none" if codec == "UNCOMPRESSED" else codec.lower()
    version = getattr(meta, "format_version", None)
    if version in ("1.0", "2.4", "2.6"):
        options["version"] = version
    return options


def has_datasheet(path: str | os.PathLike[str]) -> bool:
    return extract_text(path) is not None


__all__ = ["METADATA_KEY", "AlreadyEmbedded", "embed", "extract", "extract_text", "has_datasheet"]
