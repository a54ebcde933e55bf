"""Checking data against its datasheet: every contradiction is a finding on the datasheet's line."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from datacard.codebook import data as codes
from datacard.codes import Code
from datacard.data.profile import MISSING_GROUP, Column, Profile, profile, profile_frame, spec_for
from datacard.data.represent import DEFAULT_MIN_GROUP, DEFAULT_THRESHOLD, flags, representation
from datacard.findings import Finding, Report
from datacard.load import DEFAULT_MAX_BYTES, Loaded
from datacard.model import Datasheet
from datacard.model.composition import DataField
from datacard.model.enums import FieldType
from datacard.model.origin import Timeframe
from datacard.model.types import date_bounds

T = FieldType
# Declared type -> measured types that satisfy it.
_SATISFIES: dict[FieldType, set[FieldType]] = {
    T.STRING: {T.STRING, T.CATEGORY},
    T.CATEGORY: {T.CATEGORY, T.STRING, T.INTEGER, T.BOOLEAN},
    T.INTEGER: {T.INTEGER},
    T.FLOAT: {T.FLOAT, T.INTEGER},
    T.BOOLEAN: {T.BOOLEAN},
    T.DATE: {T.DATE, T.DATETIME},
    T.DATETIME: {T.DATETIME, T.DATE},
    T.IMAGE: {T.BINARY, T.STRING, T.STRUCT},
    T.AUDIO: {T.BINARY, T.STRING, T.STRUCT},
    T.VIDEO: {T.BINARY, T.STRING, T.STRUCT},
    T.BINARY: {T.BINARY},
    T.LIST: {T.LIST},
    T.STRUCT: {T.STRUCT},
}

# Words in column names that usually mean personal or sensitive data.
_SENSITIVE_WORDS = {
    "email", "mail", "phone", "telephone", "mobile", "address", "street", "zip", "zipcode",
    "postcode", "ssn", "passport", "dob", "birthdate", "birthday", "birth", "age", "gender", "sex",
    "race", "ethnicity", "ethnic", "religion", "diagnosis", "health", "disability", "salary",
    "income", "ip", "latitude", "longitude", "firstname", "lastname", "surname", "fullname",
    "nationality", "orientation",
}
_SENSITIVE_PAIRS = {("first", "name"), ("last", "name"), ("full", "name"), ("user", "name")}


@dataclass
class Options:
    tolerance: float = 0.01
    count_tolerance: float = 0.0
    threshold: float = DEFAULT_THRESHOLD
    min_group: int = DEFAULT_MIN_GROUP
    positive: str | None = None
    reference: str | None = None


class _At:
    """Finds the datasheet line for a path of keys, and makes findings there."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded

    def __call__(self, code: Code, loc: Sequence[str | int], message: str, *, key: bool = False) -> Finding:
        line, col = self.loaded.position(loc, key=key)
        dotted = ".".join(str(p) for p in loc)
        return code.finding(self.loaded.path, line, col, message, field=dotted or None)


def check_profile(prof: Profile, datasheet: Datasheet, loaded: Loaded, options: Options | None = None) -> Report:
    """Compare a profile with the datasheet it should match."""
    options = options or Options()
    at = _At(loaded)
    report = Report(files=[loaded.path, *prof.sources])
    report.extend(_counts(prof, datasheet, at, options))
    report.extend(_fields(prof, datasheet, at, options))
    report.extend(_sensitive(prof, datasheet, at))
    report.extend(_timeframes(prof, datasheet, at))
    report.extend(representation_findings(prof, datasheet, loaded, options))
    return report


def _counts(prof: Profile, sheet: Datasheet, at: _At, options: Options) -> Iterator[Finding]:
    comp = sheet.composition
    if comp is None:
        return
    if prof.sampled:  # a sample says nothing of the dataset's counts
        yield at(codes.SAMPLE, ("composition", "count"),
                 f"read a sample of {prof.rows:,} rows (--sample): counts and splits are not compared, and "
                 "missing shares are judged by their 95% interval")
        yield from _undeclared_splits(prof, comp.splits, at)
        return
    if comp.count is not None and abs(comp.count - prof.rows) > options.count_tolerance * comp.count:
        hint = "; if the data read is a sample, pass --sample N" if prof.rows < comp.count else ""
        yield at(codes.COUNT, ("composition", "count"),
                 f"the datasheet says {comp.count:,} instances; the data has {prof.rows:,}{hint}")
    if not prof.splits:
        return
    for i, split in enumerate(comp.splits):
        measured = prof.splits.get(split.name)
        if measured is None:
            yield at(codes.SPLIT_ABSENT, ("composition", "splits", i, "name"),
                     f"no row of the data is in split {split.name!r}; "
                     f"the data has {', '.join(sorted(prof.splits))}")
        elif split.count is not None and split.count != measured:
            yield at(codes.SPLIT_COUNT, ("composition", "splits", i, "count"),
                     f"split {split.name!r} has {measured:,} instances in the data, not {split.count:,}")
    yield from _undeclared_splits(prof, comp.splits, at)


def _undeclared_splits(prof: Profile, splits: list[Any], at: _At) -> Iterator[Finding]:
    declared = {split.name for split in splits}
    for name in sorted(set(prof.splits) - declared):
        rows = f"{prof.splits[name]:,} row{'' if prof.splits[name] == 1 else 's'}"
        if name == MISSING_GROUP:  # not a split anyone named: rows whose split column is empty
            verb = "has" if prof.splits[name] == 1 else "have"
            message = (f"{rows} of the data {verb} no value in split column {prof.spec.split_column!r}; "
                       "give each row its split")
        else:
            message = f"the data has {rows} in split {name!r}; add it to composition.splits"
        yield at(codes.SPLIT_UNDECLARED, ("composition", "splits"), message, key=True)


def _fields(prof: Profile, sheet: Datasheet, at: _At, options: Options) -> Iterator[Finding]:
    comp = sheet.composition
    declared = comp.fields if comp is not None else []
    names = {f.name for f in declared}
    for i, spec in enumerate(declared):
        loc: tuple[str | int, ...] = ("composition", "fields", i)
        column = prof.columns.get(spec.name)
        if column is None:
            yield at(codes.FIELD_ABSENT, (*loc, "name"),
                     f"field {spec.name!r} is not a column of the data; "
                     f"columns are {', '.join(prof.columns) or 'none'}")
            continue
        yield from _field(prof, spec, column, loc, at, options)
    where = ("composition", "fields") if declared else ("composition",)
    for name in prof.columns:
        if name not in names:
            yield at(codes.FIELD_UNDECLARED, where,
                     f"column {name!r} ({prof.columns[name].type}) has no entry in composition.fields",
                     key=True)


def _field(prof: Profile, spec: DataField, column: Column, loc: tuple[str | int, ...], at: _At,
           options: Options) -> Iterator[Finding]:
    # A column of unknown type (pandas object columns) cannot contradict a declared type.
    if spec.type not in (None, T.OTHER) and column.type is not T.OTHER and column.type not in _SATISFIES[spec.type]:
        yield at(codes.TYPE, (*loc, "type"),
                 f"field {spec.name!r} is declared {spec.type}, but the column holds {column.type} "
                 f"({column.native}); write type: {column.type} or fix the data")
    share = prof.missing_share(spec.name)
    if spec.nullable is False and column.nulls:
        yield at(codes.NOT_NULLABLE, (*loc, "nullable"),
                 f"field {spec.name!r} is missing in {column.nulls:,} rows ({share:.2%})")
    if spec.missing is not None and prof.sampled:
        low, high = prof.missing_interval(spec.name)
        if not low - options.tolerance <= spec.missing <= high + options.tolerance:
            yield at(codes.MISSING, (*loc, "missing"),
                     f"field {spec.name!r} is missing in {share:.2%} of the {prof.rows:,} rows read (95% interval "
                     f"{low:.2%}-{high:.2%} for the data), not {spec.missing:.2%}")
    elif spec.missing is not None and abs(spec.missing - share) > options.tolerance:
        yield at(codes.MISSING, (*loc, "missing"),
                 f"field {spec.name!r} is missing in {share:.2%} of rows, not {spec.missing:.2%}; "
                 f"write missing: {round(share, 4)}")
    if spec.range is not None:
        yield from _range(spec, column, loc, at)
    if column.outside:
        yield at(codes.VALUES, (*loc, "values"),
                 f"field {spec.name!r} has {column.outside:,} values outside its declared values, "
                 f"such as {', '.join(repr(v) for v in column.outside_examples)}")


def _range(spec: DataField, column: Column, loc: tuple[str | int, ...], at: _At) -> Iterator[Finding]:
    assert spec.range is not None
    low, high = spec.range.min, spec.range.max
    if low is not None and before(column.minimum, bounds(low)[0]):
        yield at(codes.RANGE, (*loc, "range", "min"),
                 f"field {spec.name!r} has smallest value {_show(column.minimum)}, "
                 f"below the declared min {low}")
    if high is not None and after(column.maximum, bounds(high)[1]):
        yield at(codes.RANGE, (*loc, "range", "max"),
                 f"field {spec.name!r} has largest value {_show(column.maximum)}, "
                 f"above the declared max {high}")


def bounds(value: Any) -> tuple[Any, Any]:
    """A declared bound as (lowest, highest) comparable values; partial dates span a range."""
    if isinstance(value, str) and re.match(r"^[0-9]{4}(-[0-9]{2}){0,2}$", value):
        low, high = date_bounds(value)
        return dt.date(*low), dt.date(*high)
    return value, value


def _comparable(value: Any, bound: Any) -> tuple[Any, Any] | None:
    if value is None or bound is None:
        return None
    if isinstance(bound, dt.date):
        if isinstance(value, dt.datetime):
            return value.date(), bound
        return (value, bound) if isinstance(value, dt.date) else None
    if isinstance(bound, (int, float)) and isinstance(value, (int, float)) and not isinstance(value, bool):
        return value, bound
    return None


def satisfies(declared: FieldType, measured: FieldType) -> bool:
    """Whether a column of the ``measured`` type holds what a field of the ``declared`` type may."""
    return measured in _SATISFIES[declared]


def before(value: Any, bound: Any) -> bool:
    pair = _comparable(value, bound)
    return pair is not None and pair[0] < pair[1]


def after(value: Any, bound: Any) -> bool:
    pair = _comparable(value, bound)
    return pair is not None and pair[0] > pair[1]


def _show(value: Any) -> str:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else repr(value)


def _words(name: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return [w for w in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if w]


def looks_sensitive(name: str) -> bool:
    """Whether a column name suggests personal or sensitive data."""
    words = _words(name)
    if any(w in _SENSITIVE_WORDS for w in words) or "".join(words) in _SENSITIVE_WORDS:
        return True
    return any((a, b) in _SENSITIVE_PAIRS for a, b in itertools.pairwise(words))


def _sensitive(prof: Profile, sheet: Datasheet, at: _At) -> Iterator[Finding]:
    comp = sheet.composition
    fields = {f.name: (i, f) for i, f in enumerate(comp.fields)} if comp is not None else {}
    section = comp.sensitive if comp is not None else None
    listed = set(section.fields) if section is not None else set()
    for i, name in enumerate(sorted(listed)):
        if name not in prof.columns:
            index = section.fields.index(name) if section is not None else i
            yield at(codes.SENSITIVE_ABSENT, ("composition", "sensitive", "fields", index),
                     f"sensitive field {name!r} is not a column of the data")
    for name in prof.columns:
        entry = fields.get(name)
        if entry is not None and entry[1].sensitive is not None:
            continue  # the datasheet has decided, one way or the other
        if name in listed or not looks_sensitive(name):
            continue
        if section is not None and section.present is False:
            yield at(codes.SENSITIVE_UNDECLARED, ("composition", "sensitive", "present"),
                     f"the datasheet says there is no sensitive data, but column {name!r} looks "
                     "personal; check it, and mark its field sensitive: true or sensitive: false")
        else:
            loc: tuple[str | int, ...] = (
                ("composition", "fields", entry[0], "name") if entry is not None else ("composition",)
            )
            yield at(codes.SENSITIVE_UNDECLARED, loc,
                     f"column {name!r} looks personal or sensitive; mark its field sensitive: true "
                     "(or sensitive: false, saying why) and list it in composition.sensitive.fields",
                     key=entry is None)


def _timeframes(prof: Profile, sheet: Datasheet, at: _At) -> Iterator[Finding]:
    collection = sheet.origin.collection if sheet.origin is not None else None
    if collection is None:
        return
    key = "content_timeframe" if collection.content_timeframe is not None else "timeframe"
    frame: Timeframe | None = getattr(collection, key)
    if frame is None:
        return
    ranged = {f.name for f in sheet.composition.fields if f.range is not None} if sheet.composition else set()
    for column in prof.columns.values():
        if column.type not in (T.DATE, T.DATETIME) or column.name in ranged or column.minimum is None:
            continue
        loc = ("origin", "collection", key)
        if frame.start and before(column.minimum, bounds(frame.start)[0]):
            yield at(codes.TIMEFRAME, (*loc, "start"),
                     f"column {column.name!r} has dates from {_show(column.minimum)}, before the "
                     f"{key.replace('_', ' ')} starts ({frame.start})")
        if frame.end and after(column.maximum, bounds(frame.end)[1]):
            yield at(codes.TIMEFRAME, (*loc, "end"),
                     f"column {column.name!r} has dates up to {_show(column.maximum)}, after the "
                     f"{key.replace('_', ' ')} ends ({frame.end})")


def representation_findings(prof: Profile, sheet: Datasheet, loaded: Loaded,
                            options: Options | None = None) -> list[Finding]:
    """DC520-DC522 for the subgroup columns of a profile, on the lines of their fields."""
    options = options or Options()
    at = _At(loaded)
    index = {f.name: i for i, f in enumerate(sheet.composition.fields)} if sheet.composition else {}

    def where(column: str) -> tuple[str | int, ...]:
        return ("composition", "fields", index[column], "name") if column in index else ("composition",)

    rep = representation(prof, positive=options.positive, threshold=options.threshold,
                         reference=options.reference, min_group=options.min_group)
    return [at(flag.code, where(flag.column), flag.message, key=flag.column not in index) for flag in flags(prof, rep)]


def check_data(
    data: Any,
    datasheet: str | os.PathLike[str] | Datasheet | None = None,
    *,
    split_column: str | None = None,
    subgroups: Sequence[str] = (),
    label: str | None = None,
    options: Options | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    **profile_options: Any,
) -> Report:
    """Check data (file paths, or any dataframe narwhals supports) against a datasheet.

    The datasheet is a path (findings carry its lines) or a :class:`Datasheet`; by default,
    the one the data carries: attached to a pandas DataFrame, or embedded in a Parquet file
    (findings then carry lines of the embedded text). When the datasheet itself does not
    validate, or there is none, the report says so. ``max_bytes`` bounds the datasheet read,
    from a file or from a Parquet footer.
    """
    from datacard.data.frame import loaded_datasheet

    if datasheet is None:
        sheet, loaded, report = carried_datasheet(data, max_bytes=max_bytes)
    else:
        sheet, loaded, report = loaded_datasheet(datasheet, max_bytes=max_bytes)
    if sheet is None or loaded is None:
        return report
    spec = spec_for(sheet, split_column=split_column, subgroups=subgroups, label=label)
    if isinstance(data, (str, os.PathLike, list, tuple, dict)):
        prof = profile(data, spec=spec, **profile_options)
    else:
        prof = profile_frame(data, spec=spec)
    result = check_profile(prof, sheet, loaded, options)
    report.merge(result)
    report.files = list(dict.fromkeys(report.files))
    return report


def carried_datasheet(
    data: Any, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Datasheet | None, Loaded | None, Report]:
    """The datasheet attached to a DataFrame or embedded in the (first) Parquet file (read only
    when it is at most ``max_bytes``)."""
    from datacard.data.frame import attached_datasheet, datasheet_of
    from datacard.data.parquet import extract_loaded
    from datacard.data.read import data_format
    from datacard.validate import validate_loaded

    if not isinstance(data, (str, os.PathLike, list, tuple, dict)):
        if datasheet_of(data) is not None:
            return attached_datasheet(data, max_bytes=max_bytes)
        report = Report(files=["<dataframe>"])
        report.add(codes.NO_EMBEDDED.finding("<dataframe>", 0, 0, "no datasheet is attached to the frame; "
                                             "pass one, or attach it with datacard.attach(df, datasheet)"))
        return None, None, report
    items = [data] if isinstance(data, (str, os.PathLike)) else list(data.values() if isinstance(data, dict) else data)
    paths = [item[1] if isinstance(item, tuple) else item for item in items]  # (split, path) pairs
    carrier = next((str(p) for p in paths if data_format(p) == "parquet"), None)
    loaded = extract_loaded(carrier, max_bytes=max_bytes) if carrier is not None else None
    if loaded is None:
        where = carrier or (str(paths[0]) if paths else "<data>")
        report = Report(files=[where])
        report.add(codes.NO_EMBEDDED.finding(where, 0, 0, "the data carries no datasheet; pass one, or "
                                             "embed it with `datacard embed DATASHEET DATA.parquet`"))
        return None, None, report
    sheet, report = validate_loaded(loaded, Datasheet)
    return (sheet if isinstance(sheet, Datasheet) else None), loaded, report
