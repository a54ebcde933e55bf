"""A datasheet that travels with a DataFrame, and back to YAML.

The datasheet is stored in ``df.attrs["datacard"]`` as plain JSON-compatible data (what the
user wrote, without defaults), not as a model object: pandas deep-copies attrs on many
operations, compares them when concatenating, and writes JSON-compatible attrs into Parquet
files, all of which work on plain data.
"""

from __future__ import annotations

import os
from typing import Any

from datacard.findings import Report
from datacard.load import DEFAULT_MAX_BYTES, Loaded, dump_yaml, load, load_text
from datacard.model import Datasheet
from datacard.validate import validate_loaded

ATTRS_KEY = "datacard"
PATH_KEY = "datacard.path"  # the file the datasheet was attached from, for findings' lines


class DatasheetError(ValueError):
    """A datasheet that does not validate, where one was required; carries the report."""

    def __init__(self, report: Report) -> None:
        lines = [f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}" for f in report.sorted()]
        super().__init__("the datasheet does not validate:\n" + "\n".join(lines))
        self.report = report


def as_data(datasheet: Datasheet) -> dict[str, Any]:
    """The datasheet as plain data: what was set, enums as their text."""
    return datasheet.model_dump(mode="json", exclude_unset=True)


def to_yaml(datasheet: Datasheet) -> str:
    """The datasheet as YAML that :func:`datacard.load_datasheet` reads back to an equal model."""
    return dump_yaml(as_data(datasheet))


def loaded_datasheet(source: str | os.PathLike[str] | Datasheet, *,
                     max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Datasheet | None, Loaded, Report]:
    """A datasheet with its source positions: from a datasheet file, from the footer of a
    Parquet file that carries one, or from a model (positions in its YAML).

    Raises :class:`ValueError` for a data file (CSV, JSON Lines) or a Parquet file without a
    datasheet, which are not datasheets.
    """
    if isinstance(source, Datasheet):
        loaded = load_text(to_yaml(source), "<datasheet>")
    elif _is_parquet(source):
        from datacard.data.parquet import extract_loaded

        found = extract_loaded(source, max_bytes=max_bytes)
        if found is None:
            raise ValueError(f"{source} is a Parquet file that carries no datasheet; pass the path of a "
                             "datasheet (NAME.datacard.yaml), or embed one with `datacard embed`")
        loaded = found
    else:
        _refuse_data_file(source)
        loaded = load(source, max_bytes=max_bytes)
    model, report = validate_loaded(loaded, Datasheet)
    return (model if isinstance(model, Datasheet) else None), loaded, report


def _is_parquet(path: str | os.PathLike[str]) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == b"PAR1"
    except OSError:
        return False


def _refuse_data_file(path: str | os.PathLike[str]) -> None:
    from datacard.data.read import DataError, data_format

    try:
        kind = data_format(path)
    except DataError:
        return  # not a data file's name: a datasheet, or a file the loader reports on
    raise ValueError(f"{path} is a {kind} data file, not a datasheet; pass the path of its datasheet "
                     "(NAME.datacard.yaml), or a Parquet file that carries one")


def _coerce(datasheet: Datasheet | str | os.PathLike[str]) -> Datasheet:
    if isinstance(datasheet, Datasheet):
        return datasheet
    model, _, report = loaded_datasheet(datasheet)
    if model is None:
        raise DatasheetError(report)
    return model


def attach(df: Any, datasheet: Datasheet | str | os.PathLike[str]) -> Any:
    """Attach a datasheet (a model, a datasheet file, or a Parquet file that carries one) to a
    pandas DataFrame; returns ``df``.

    The path is kept beside the datasheet (``df.attrs["datacard.path"]``), so that checks of
    the frame point at the lines of that file. Raises :class:`DatasheetError` when a path does
    not hold a valid datasheet, :class:`ValueError` when it names data rather than a datasheet,
    and :class:`TypeError` for a frame without pandas' ``attrs`` (polars, pyarrow, Dask, DuckDB).
    """
    if not isinstance(getattr(df, "attrs", None), dict):
        raise TypeError(f"attach needs a pandas DataFrame or Series (it keeps the datasheet in df.attrs), "
                        f"not {type(df).__module__}.{type(df).__name__}; pass the datasheet instead: "
                        "datacard.profile_frame(df, sheet), datacard.check_data(df, sheet)")
    if not isinstance(datasheet, (Datasheet, str, os.PathLike)):
        raise TypeError(f"attach needs a Datasheet or the path of one, not {type(datasheet).__name__}")
    df.attrs[ATTRS_KEY] = as_data(_coerce(datasheet))
    if isinstance(datasheet, Datasheet):
        df.attrs.pop(PATH_KEY, None)
    else:
        df.attrs[PATH_KEY] = os.fspath(datasheet)
    return df


def attached_datasheet(df: Any, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Datasheet | None, Loaded, Report]:
    """The attached datasheet with its positions: in the file it was attached from while that
    file still says the same, else in YAML written from it (named ``<datasheet of the frame>``).

    Raises :class:`LookupError` when nothing is attached.
    """
    attached = datasheet_of(df)
    if attached is None:
        raise LookupError("no datasheet is attached to the frame")
    path = df.attrs.get(PATH_KEY)
    if isinstance(path, str) and os.path.isfile(path):
        try:
            model, loaded, report = loaded_datasheet(path, max_bytes=max_bytes)
        except ValueError:
            model = None
        if model is not None and as_data(model) == df.attrs[ATTRS_KEY]:
            return model, loaded, report
    loaded = load_text(to_yaml(attached), "<datasheet of the frame>")
    written, report = validate_loaded(loaded, Datasheet)
    return (written if isinstance(written, Datasheet) else None), loaded, report


def datasheet_of(df: Any) -> Datasheet | None:
    """The datasheet attached to a DataFrame, or None when it has none.

    Raises :class:`DatasheetError` when what is attached no longer validates.
    """
    attrs = getattr(df, "attrs", None)
    data = attrs.get(ATTRS_KEY) if isinstance(attrs, dict) else None
    if data is None:
        return None
    model, report = validate_loaded(Loaded(path="<df.attrs>", data=data), Datasheet)
    if not isinstance(model, Datasheet):
        raise DatasheetError(report)
    return model
