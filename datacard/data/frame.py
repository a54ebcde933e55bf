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


def loaded_datasheet(
    source: str | os.PathLike[str] | Datasheet, *, max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[Datasheet | None, Loaded, Report]:
    """A datasheet with its source positions, from a path or from a model (positions in its YAML)."""
    if isinstance(source, Datasheet):
        loaded = load_text(to_yaml(source), "<datasheet>")
    else:
        loaded = load(source, max_bytes=max_bytes)
    model, report = validate_loaded(loaded, Datasheet)
    return (model if isinstance(model, Datasheet) else None), loaded, report


def _coerce(datasheet: Datasheet | str | os.PathLike[str]) -> Datasheet:
    if isinstance(datasheet, Datasheet):
        return datasheet
    model, _, report = loaded_datasheet(datasheet)
    if model is None:
        raise DatasheetError(report)
    return model


def attach(df: Any, datasheet: Datasheet | str | os.PathLike[str]) -> Any:
    """Attach a datasheet (a model, or a path to one) to a pandas DataFrame; returns ``df``.

    Raises :class:`DatasheetError` when a path does not hold a valid datasheet, and
    :class:`TypeError` for a frame without pandas' ``attrs`` (polars, pyarrow, Dask, DuckDB).
    """
    if not isinstance(getattr(df, "attrs", None), dict):
        raise TypeError(f"attach needs a pandas DataFrame or Series (it keeps the datasheet in df.attrs), "
                        f"not {type(df).__module__}.{type(df).__name__}; pass the datasheet instead: "
                        "datacard.profile_frame(df, sheet), datacard.check_data(df, sheet)")
    df.attrs[ATTRS_KEY] = as_data(_coerce(datasheet))
    return df


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
