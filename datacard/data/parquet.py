"""A datasheet inside a Parquet file's metadata.

The datasheet's YAML text is stored under the key ``datacard.datasheet`` of the file's
key-value metadata (which pyarrow shows as the schema's metadata), beside what is already there
(``pandas``, ``ARROW:schema``, ...). Reading it back needs only the file's footer, and only the
footer is written anew to embed it: the data pages are copied byte for byte into a temporary
file beside the original, the new footer follows, and the result replaces the original once it
reads back the same. On any failure or terminating signal the original is untouched and the
temporary file removed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from datacard import codes as load_codes
from datacard.codebook import data as codes
from datacard.data.footer import FooterError, read_footer, read_value
from datacard.data.frame import DatasheetError, loaded_datasheet, to_yaml
from datacard.data.read import DataError
from datacard.findings import Report
from datacard.load import DEFAULT_MAX_BYTES, Loaded, decode, load_text
from datacard.model import Datasheet
from datacard.validate import validate_loaded
from datacard.write import WriteRefused, check_datasheet, copy_range, fingerprint, replacing

METADATA_KEY = b"datacard.datasheet"
ARROW_SCHEMA_KEY = b"ARROW:schema"


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


def _read_value(path: str | os.PathLike[str], max_bytes: int) -> bytes | int | None:
    found = _arrow_value(path)
    if found is not None:
        return len(found) if len(found) > max_bytes else found
    try:
        return read_value(path, METADATA_KEY, max_bytes)
    except FooterError as exc:
        raise DataError(f"{path}: not a readable Parquet file: {exc}") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read the file: {exc.strerror or exc}") from None


def _arrow_value(path: str | os.PathLike[str]) -> bytes | None:
    """The embedded text through pyarrow's footer reader (C++: a few times faster than datacard's
    reader, which skips every row group's metadata in Python); None when pyarrow cannot read the
    file or finds no text under the key: datacard's reader then decides, and words any problem."""
    try:
        import pyarrow.parquet as pq

        value = (pq.read_metadata(os.fspath(path)).metadata or {}).get(METADATA_KEY)
    except Exception:  # no pyarrow, not Parquet, an encrypted or damaged footer: see read_value
        return None
    # pyarrow shows a key without a value as empty: datacard's reader tells the two apart.
    return value if isinstance(value, bytes) and value else None


def _embedded(path: str | os.PathLike[str], max_bytes: int) -> str | Loaded | None:
    """The embedded text; or, when it is over ``max_bytes`` or not UTF-8, a :class:`Loaded`
    holding that finding; None when the file carries no datasheet."""
    name = _name(path)
    raw = _read_value(path, max_bytes)
    if raw is None:
        return None
    if isinstance(raw, int):
        return Loaded(path=name, findings=[load_codes.TOO_LARGE.finding(
            name, 1, 1, f"the embedded datasheet has {raw:,} bytes, over the limit of {max_bytes:,}; "
            "raise it with --max-bytes if this really is a datasheet")])
    text, problem = decode(raw, name)
    if text is None:
        return Loaded(path=name, findings=[problem] if problem is not None else [])
    return text


def _name(path: str | os.PathLike[str]) -> str:
    """How findings name the embedded datasheet: the file, then the metadata key."""
    return f"{path}#{METADATA_KEY.decode()}"


def extract_text(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """The datasheet YAML embedded in a Parquet file, read from the footer alone; None if absent.

    Raises :class:`DataError` when the file is not Parquet, and :class:`DatasheetError` when the
    embedded text is over ``max_bytes`` or not UTF-8 (its report says which).
    """
    got = _embedded(path, max_bytes)
    if isinstance(got, Loaded):
        report = Report(files=[got.path])
        report.extend(got.findings)
        raise DatasheetError(report)
    return got


def extract_loaded(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded | None:
    """The embedded datasheet, loaded with its positions (in the embedded text); None if absent.

    Too large, not UTF-8, or not loadable: a :class:`Loaded` with the finding, never an exception.
    """
    got = _embedded(path, max_bytes)
    if not isinstance(got, str):
        return got
    try:
        return load_text(got, _name(path))
    except (ValueError, ArithmeticError, RecursionError) as exc:
        # The loader turns bad input into findings; should it miss a case, the data commands
        # still report one instead of a traceback.
        return Loaded(path=_name(path), text=got, findings=[codes.EMBEDDED_UNREADABLE.finding(
            _name(path), 1, 1, f"the embedded datasheet cannot be loaded ({type(exc).__name__}: {exc}); "
            "extract it with `datacard extract`, fix it, and embed it again")])


def extract(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Datasheet | None:
    """The datasheet embedded in a Parquet file, validated; None when there is none.

    Raises :class:`DatasheetError` when the embedded text does not validate.
    """
    loaded = extract_loaded(path, max_bytes=max_bytes)
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
    """Write a datasheet into a Parquet file's metadata, keeping everything else as it was.

    Only the footer is written anew (see :mod:`datacard.data.footer`): the data pages are
    copied byte for byte, so each column keeps its codec, encodings and statistics, row groups
    their sizes and sorting columns, the file its page index and physical types.

    Raises :class:`DatasheetError` for an invalid datasheet, :class:`AlreadyEmbedded` when the
    file has one and ``force`` is not set, and :class:`DataError` when the file cannot be read
    or rewritten.
    """
    text = _text_of(datasheet)
    target = Path(path)
    before = fingerprint(target, digest=False)
    try:
        check_datasheet(text, _name(path), markdown=False)
        with open(target, "rb") as source:
            footer = read_footer(source)
            pairs = footer.key_values()
            if any(key == METADATA_KEY for key, _ in pairs) and not force:
                raise AlreadyEmbedded(f"{path} already carries a datasheet; pass --force to replace it")
            tail = footer.rewritten(_with_datasheet(pairs, text.encode("utf-8")))
            with replacing(target, overwrite=True, expect=before) as tmp:
                with open(tmp, "wb") as out:
                    copy_range(source, out, footer.start)
                    out.write(tail)
                _verify(source.name, tmp)
    except FooterError as exc:
        raise DataError(f"{path}: cannot embed in this Parquet file: {exc}") from None
    except WriteRefused as exc:
        raise DataError(str(exc)) from None
    except OSError as exc:
        raise DataError(f"{path}: cannot rewrite the file: {exc.strerror or exc}") from None


def _with_datasheet(pairs: list[tuple[bytes, bytes | None]], text: bytes) -> list[tuple[bytes, bytes | None]]:
    """The pairs with the datasheet set; the Arrow schema that pyarrow and pandas keep beside
    them (which also carries the metadata) is updated to match."""
    out = [(key, value) for key, value in pairs if key != METADATA_KEY] + [(METADATA_KEY, text)]
    return [(key, _arrow_schema(value, text) if key == ARROW_SCHEMA_KEY and value else value)
            for key, value in out]


def _arrow_schema(encoded: bytes, text: bytes) -> bytes:
    import base64

    import pyarrow as pa

    try:
        schema = pa.ipc.read_schema(pa.py_buffer(base64.b64decode(encoded)))
    except (ValueError, pa.ArrowException):
        return encoded  # not one pyarrow can read: readers fall back to the Parquet schema
    metadata = dict(schema.metadata or {})
    metadata[METADATA_KEY] = text
    return base64.b64encode(schema.with_metadata(metadata).serialize().to_pybytes())


def _layout(meta: Any) -> dict[str, Any]:
    """Everything the footer says about the data (the footer's own size aside)."""
    layout: dict[str, Any] = meta.to_dict()
    layout.pop("serialized_size", None)
    return layout


def _verify(original: str | os.PathLike[str], rewritten: str | os.PathLike[str]) -> None:
    """The new file must have the original's row groups and schema, and the datasheet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        with pq.ParquetFile(original) as old, pq.ParquetFile(rewritten) as new:
            same = (_layout(old.metadata) == _layout(new.metadata)
                    and old.schema_arrow.remove_metadata() == new.schema_arrow.remove_metadata()
                    and METADATA_KEY in (new.schema_arrow.metadata or {}))
    except (OSError, pa.ArrowException) as exc:
        raise DataError(f"{original}: the rewritten file does not read back ({exc}); it was not kept") from None
    if not same:
        raise DataError(f"{original}: the rewritten file differs from the original; it was not kept")


def has_datasheet(path: str | os.PathLike[str]) -> bool:
    return _read_value(path, 0) is not None


__all__ = ["METADATA_KEY", "AlreadyEmbedded", "embed", "extract", "extract_text", "has_datasheet"]
