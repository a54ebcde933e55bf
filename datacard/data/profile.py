"""Profiling data: the composition facts a datasheet needs, measured from the data.

One aggregation, written against narwhals, computes a mergeable :class:`Profile` of a frame:
row count, per-column missing values, minimum and maximum, distinct counts, the distribution of
subgroup columns and of the label within each group, split counts, and values outside a
declared set. :func:`profile_frame` runs it once on a frame the user hands over (pandas,
polars, pyarrow, DuckDB, Dask, PySpark...), so that a distributed engine does the work where
the data lives. :func:`profile` streams files batch by batch through the same aggregation
done with Arrow's kernels directly (:mod:`datacard.data.batch`; a test holds the two equal) and
merges the partial profiles, so memory stays bounded whatever the file's size; there distinct
counts come from a KMV sketch (:mod:`datacard.data.sketch`), exact up to ``k`` values.
"""

from __future__ import annotations

import math
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datacard.data.read import DEFAULT_BLOCK_SIZE, DataError, Progress, iter_batches
from datacard.data.sketch import DEFAULT_K, KMV
from datacard.model.enums import FieldRole, FieldType

if TYPE_CHECKING:
    import narwhals as nw

    from datacard.model import Datasheet
    from datacard.model.composition import DataField

# Subgroup columns with more distinct values than this stop being tracked: a "group" with a
# million members is an identifier, and tracking it would cost unbounded memory.
DEFAULT_MAX_GROUPS = 1000
MISSING_GROUP = "(missing)"


@dataclass
class Spec:
    """What to measure beyond the basics, usually read from a datasheet."""

    split_column: str | None = None
    groups: list[str] = field(default_factory=list)
    label: str | None = None
    positive: str | None = None  # the label value of the positive class, as the datasheet declares it
    # Columns measured as groups only because they are sensitive (free text often is): when
    # they have too many values to be groups, that is no finding.
    sensitive_only: set[str] = field(default_factory=set)
    allowed: dict[str, list[str]] = field(default_factory=dict)
    max_groups: int = DEFAULT_MAX_GROUPS
    k: int = DEFAULT_K


@dataclass
class Column:
    """Measured facts about one column."""

    name: str
    type: FieldType
    native: str
    nulls: int = 0
    rows: int = 0
    minimum: Any = None
    maximum: Any = None
    sketch: KMV | None = None
    unique: int | None = None
    outside: int = 0
    outside_examples: list[str] = field(default_factory=list)
    # Lengths of text values in characters: shortest, longest, and their sum over `lengths_n` values.
    length_min: int | None = None
    length_max: int | None = None
    length_sum: int = 0
    lengths_n: int = 0

    @property
    def lengths(self) -> dict[str, int | float] | None:
        """Shortest, longest and mean length of the values, for text columns."""
        if self.length_min is None or self.length_max is None or not self.lengths_n:
            return None
        return {"min": self.length_min, "max": self.length_max, "mean": round(self.length_sum / self.lengths_n, 2)}

    @property
    def distinct(self) -> int | None:
        if self.unique is not None:
            return self.unique
        return self.sketch.count() if self.sketch is not None else None

    @property
    def distinct_exact(self) -> bool:
        return self.unique is not None or (self.sketch is not None and self.sketch.exact)

    def merge(self, other: Column) -> None:
        if self.type is not other.type:
            # A part with no values (a column typed null in one file) says nothing of the type.
            if self.nulls == self.rows:
                self.type, self.native = other.type, other.native
            elif other.nulls != other.rows:
                self.type = _wider(self.type, other.type)
        self.rows += other.rows
        self.nulls += other.nulls
        self.minimum = _extreme(min, self.minimum, other.minimum)
        self.maximum = _extreme(max, self.maximum, other.maximum)
        if self.sketch is not None and other.sketch is not None:
            self.sketch.merge(other.sketch)
        if self.unique is not None or other.unique is not None:
            # Exact counts of separate partitions do not add up; only sketches merge.
            self.unique = None
        self.length_min = _extreme(min, self.length_min, other.length_min)
        self.length_max = _extreme(max, self.length_max, other.length_max)
        self.length_sum += other.length_sum
        self.lengths_n += other.lengths_n
        self.outside += other.outside
        for example in other.outside_examples:
            if example not in self.outside_examples and len(self.outside_examples) < 5:
                self.outside_examples.append(example)


@dataclass
class Profile:
    """A mergeable summary of data: everything `check` and the composition writer need."""

    rows: int = 0
    columns: dict[str, Column] = field(default_factory=dict)
    splits: Counter[str] = field(default_factory=Counter)
    groups: dict[str, Counter[Any]] = field(default_factory=dict)
    group_labels: dict[str, Counter[tuple[Any, Any]]] = field(default_factory=dict)
    labels: Counter[Any] = field(default_factory=Counter)
    split_labels: dict[str, Counter[str]] = field(default_factory=dict)  # split -> label value -> rows
    too_many_groups: set[str] = field(default_factory=set)
    spec: Spec = field(default_factory=Spec)
    sources: list[str] = field(default_factory=list)
    # Whether the rows read are a sample of the data (`--sample N`): its counts are not the data's.
    sampled: bool = False

    def __str__(self) -> str:
        from datacard.notebook import profile_text

        return profile_text(self)

    def _repr_html_(self) -> str:
        from datacard.notebook import profile_html

        return profile_html(self)

    def missing_share(self, name: str) -> float:
        column = self.columns[name]
        return column.nulls / self.rows if self.rows else 0.0

    def missing_interval(self, name: str) -> tuple[float, float]:
        """The 95 % interval of a column's missing share in the data the rows were drawn from."""
        from datacard.data.stats import wilson

        return wilson(self.columns[name].nulls, self.rows)

    def to_dict(self) -> dict[str, Any]:
        """Everything measured, as JSON-compatible data (dates as ISO text)."""
        nested: dict[str, dict[str, dict[str, int]]] = {}
        for name, pairs in self.group_labels.items():
            for (group, value), n in sorted(pairs.items()):
                nested.setdefault(name, {}).setdefault(group, {})[value] = n
        return {
            "sources": list(self.sources),
            "rows": self.rows,
            "sample": self.sampled,
            "splits": dict(sorted(self.splits.items())),
            "columns": {
                c.name: {
                    "type": c.type.value, "native": c.native, "missing": c.nulls,
                    "missing_share": self.missing_share(c.name), "distinct": c.distinct,
                    "distinct_exact": c.distinct_exact, "min": _json(c.minimum), "max": _json(c.maximum),
                    "lengths": c.lengths,
                    **({"missing_share_interval": list(self.missing_interval(c.name))} if self.sampled else {}),
                }
                for c in self.columns.values()
            },
            "label": self.spec.label,
            "labels": dict(sorted(self.labels.items())),
            "split_labels": {split: dict(sorted(per_label.items()))
                             for split, per_label in sorted(self.split_labels.items())},
            "groups": {name: dict(sorted(counts.items())) for name, counts in self.groups.items()},
            "group_labels": nested,
            "too_many_groups": sorted(self.too_many_groups),
        }

    def merge(self, other: Profile) -> None:
        self.rows += other.rows
        for name, column in other.columns.items():
            if name in self.columns:
                self.columns[name].merge(column)
            else:
                self.columns[name] = column
        self.splits.update(other.splits)
        self.labels.update(other.labels)
        for split, per_label in other.split_labels.items():
            self.split_labels.setdefault(split, Counter()).update(per_label)
        self.sampled = self.sampled or other.sampled
        for target, source in ((self.groups, other.groups), (self.group_labels, other.group_labels)):
            for name, counts in source.items():
                target.setdefault(name, Counter()).update(counts)  # type: ignore[arg-type]
        self.too_many_groups |= other.too_many_groups
        for name in list(self.groups):
            if len(self.groups[name]) > self.spec.max_groups:
                self.too_many_groups.add(name)
        for name in self.too_many_groups:
            self.groups.pop(name, None)
            self.group_labels.pop(name, None)
        self.sources.extend(s for s in other.sources if s not in self.sources)


# --- types ----------------------------------------------------------------------------------


def field_type(dtype: Any) -> FieldType:
    """The datasheet's :class:`FieldType` for a narwhals dtype."""
    import narwhals as nw

    if dtype == nw.Boolean:
        return FieldType.BOOLEAN
    if dtype.is_integer():
        return FieldType.INTEGER
    if dtype.is_float() or dtype == nw.Decimal:
        return FieldType.FLOAT
    if dtype == nw.String:
        return FieldType.STRING
    if dtype == nw.Categorical or dtype == nw.Enum:
        return FieldType.CATEGORY
    if dtype == nw.Date:
        return FieldType.DATE
    if dtype == nw.Datetime:
        return FieldType.DATETIME
    if dtype == nw.List or dtype == nw.Array:
        return FieldType.LIST
    if dtype == nw.Struct:
        return FieldType.STRUCT
    if dtype == nw.Binary:
        return FieldType.BINARY
    return FieldType.OTHER


_WIDER = {
    frozenset({FieldType.INTEGER, FieldType.FLOAT}): FieldType.FLOAT,
    frozenset({FieldType.DATE, FieldType.DATETIME}): FieldType.DATETIME,
    frozenset({FieldType.STRING, FieldType.CATEGORY}): FieldType.STRING,
}


def _wider(a: FieldType, b: FieldType) -> FieldType:
    return _WIDER.get(frozenset({a, b}), FieldType.OTHER)


_ORDERED = {FieldType.INTEGER, FieldType.FLOAT, FieldType.DATE, FieldType.DATETIME}
_HASHABLE = _ORDERED | {FieldType.STRING, FieldType.CATEGORY, FieldType.BOOLEAN, FieldType.BINARY}


# --- values ---------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A native scalar as plain Python: None for every kind of missing, numbers unboxed."""
    if value is None:
        return None
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        value = item()
    if isinstance(value, float) and math.isnan(value):
        return None
    # A pandas value can only come from pandas once it is imported: a file's profile, which
    # never touches pandas, does not pay its import (a second of CPU) for this check.
    pd = sys.modules.get("pandas")
    if pd is not None:
        if value is pd.NA or value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp):
            return value.to_pydatetime()
    return value


def _json(value: Any) -> Any:
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return isoformat()
    return value if value is None or isinstance(value, (bool, int, float, str)) else str(value)


def _extreme(pick: Any, a: Any, b: Any) -> Any:
    if a is None:
        return b
    if b is None:
        return a
    try:
        return pick(a, b)
    except TypeError:  # e.g. a date and a datetime from two files
        return pick(str(a), str(b))


def group_key(value: Any) -> str:
    """How a group value is named in output: its text, or ``(missing)``."""
    value = plain(value)
    if value is None:
        return MISSING_GROUP
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


# --- the aggregation ------------------------------------------------------------------------


def _collect(frame: Any) -> Any:
    import narwhals as nw

    return frame.collect() if isinstance(frame, nw.LazyFrame) else frame


def aggregate(
    frame: nw.DataFrame[Any] | nw.LazyFrame[Any], spec: Spec, *, sketch: bool, skip: Iterable[str] = (),
    full: Iterable[str] = (),
) -> Profile:
    """Profile one narwhals frame. With ``sketch`` distinct values go into KMV sketches
    (mergeable, for batches); without, the engine counts them exactly with ``n_unique``.
    Group columns in ``skip`` (already known to have too many values) are not grouped; columns
    in ``full`` already have more distinct values than a sketch keeps (see :func:`_sketch`)."""
    full = set(full)
    schema = frame.collect_schema()
    names = list(schema.names())
    kinds = {name: field_type(schema[name]) for name in names}
    row = _summary(frame, names, kinds, spec, sketch)
    profile = Profile(rows=int(row["rows"] or 0), spec=spec)
    for i, name in enumerate(names):
        column = Column(name, kinds[name], str(schema[name]), nulls=int(row[f"null{i}"] or 0),
                        rows=profile.rows)
        column.minimum, column.maximum = row.get(f"min{i}"), row.get(f"max{i}")
        if f"unique{i}" in row:
            # n_unique counts a missing value as one more distinct value.
            column.unique = int(row[f"unique{i}"] or 0) - (1 if column.nulls else 0)
        elif sketch and kinds[name] in _HASHABLE:
            column.sketch = KMV(spec.k)
            _sketch(column.sketch, frame, name, full=name in full)
        elif column.nulls == profile.rows:
            # A column with no values at all (typed null by a CSV reader) has none distinct.
            column.sketch, column.unique = (KMV(spec.k), None) if sketch else (None, 0)
        _take_lengths(column, row, i)
        if row.get(f"out{i}"):
            column.outside = int(row[f"out{i}"])
            column.outside_examples = _examples(frame, name, spec.allowed[name])
        profile.columns[name] = column
    _count_groups(frame, spec, [n for n in names if n not in set(skip)], profile)
    return profile


def _summary(frame: Any, names: list[str], kinds: dict[str, FieldType], spec: Spec,
             sketch: bool) -> dict[str, Any]:
    """One query for every per-column aggregate: the engine scans the data once."""
    import narwhals as nw

    exprs: list[Any] = [nw.len().alias("rows")]
    for i, name in enumerate(names):
        col = nw.col(name)
        exprs.append(col.null_count().alias(f"null{i}"))
        if kinds[name] in _ORDERED:
            exprs += [col.min().alias(f"min{i}"), col.max().alias(f"max{i}")]
        if not sketch and kinds[name] in _HASHABLE:
            exprs.append(col.n_unique().alias(f"unique{i}"))
        if name in spec.allowed:
            exprs.append(_outside(col, spec.allowed[name]).sum().alias(f"out{i}"))
        if kinds[name] is FieldType.STRING:
            exprs += _length_exprs(col, i)
    result = _collect(frame.select(*exprs)).rows(named=True)[0]
    return {key: plain(value) for key, value in result.items()}


def _length_exprs(col: Any, i: int) -> list[Any]:
    """Shortest, longest and summed length of a text column's values, and how many there are."""
    length = col.str.len_chars()
    return [length.min().alias(f"lmin{i}"), length.max().alias(f"lmax{i}"), length.sum().alias(f"lsum{i}"),
            col.count().alias(f"lcount{i}")]


def _take_lengths(column: Column, row: dict[str, Any], i: int) -> None:
    if row.get(f"lcount{i}"):
        column.length_min, column.length_max = int(row[f"lmin{i}"]), int(row[f"lmax{i}"])
        column.length_sum, column.lengths_n = int(row[f"lsum{i}"] or 0), int(row[f"lcount{i}"])


def _sketch(kmv: KMV, frame: Any, name: str, *, full: bool) -> None:
    """Add a column's distinct values to its sketch: an Arrow column is hashed on its buffers
    (:meth:`KMV.add_arrow`), another engine's through its unique values. ``full``: the profile's
    sketch of this column is full already, so the values need not be made unique first."""
    import narwhals as nw

    native = nw.to_native(frame)
    if type(native).__module__.startswith("pyarrow") and hasattr(native, "column"):
        kmv.add_arrow(native.column(name), unique=not full)
        return
    unique = _collect(frame.select(nw.col(name).drop_nulls().unique())).get_column(name)
    kmv.add_values(unique.to_numpy())


def _outside(col: Any, allowed: list[str]) -> Any:
    import narwhals as nw

    return (~col.cast(nw.String).is_in(allowed) & ~col.is_null()).cast(nw.Int64)


def _examples(frame: Any, name: str, allowed: list[str]) -> list[str]:
    import narwhals as nw

    col = nw.col(name)
    # The five smallest as text: `unique()` keeps no order, so its first five differed for the
    # same data held in other chunks, and a profile was not reproducible. A sort then `head` is
    # a top-k in every backend, lazy ones included (they have no ordered `unique`).
    found = frame.filter(~col.cast(nw.String).is_in(allowed) & ~col.is_null()).select(
        col.cast(nw.String)
    ).unique().sort(name)
    return [str(v) for v in _collect(found.head(5)).get_column(name).to_list()]


def _counts(frame: Any, keys: list[str]) -> list[tuple[Any, ...]]:
    import narwhals as nw

    grouped = frame.group_by(*keys, drop_null_keys=False).agg(nw.len().alias("__n"))
    return [tuple(plain(v) for v in row) for row in _collect(grouped).rows()]


Counts = Callable[[list[str]], list[tuple[Any, ...]]]


def _tally(rows: Iterable[tuple[Any, ...]]) -> Counter[str]:
    """Rows per group name. Values that name one group (NaN and missing, both "(missing)")
    add up: keeping one of them lost the other's rows."""
    totals: Counter[str] = Counter()
    for key, n in rows:
        totals[group_key(key)] += int(n)
    return totals


def _count_groups(frame: Any, spec: Spec, names: list[str], profile: Profile, counts: Counts | None = None) -> None:
    """Split, group, label and group-by-label counts. ``counts(keys)`` gives the rows per
    distinct value of the key columns as (values..., rows); by default the engine's group-by."""
    if counts is None:
        counts = lambda keys: _counts(frame, keys)  # noqa: E731 - the engine's, for this frame
    if spec.split_column in names:
        profile.splits.update(_tally(counts([spec.split_column])))  # type: ignore[list-item]
    label = spec.label if spec.label in names else None
    for name in spec.groups:
        if name not in names or name == label or name == spec.split_column:
            continue
        if label is None:
            totals = _tally(counts([name]))
        else:
            pairs: Counter[tuple[Any, Any]] = Counter()
            for key, value, n in counts([name, label]):
                pairs[(group_key(key), group_key(value))] += int(n)
            profile.group_labels[name] = pairs
            totals = Counter()
            for (key, _), n in pairs.items():
                totals[key] += n
        profile.groups[name] = totals
        if len(totals) > spec.max_groups:
            profile.too_many_groups.add(name)
    if label is not None:
        profile.labels = _tally(counts([label]))
        profile.groups.setdefault(label, Counter(profile.labels))
        if spec.split_column in names:
            for split, value, n in counts([spec.split_column, label]):
                profile.split_labels.setdefault(group_key(split), Counter())[group_key(value)] += int(n)
    for name in profile.too_many_groups:
        profile.groups.pop(name, None)
        profile.group_labels.pop(name, None)


# --- entry points ---------------------------------------------------------------------------


def spec_for(
    datasheet: Datasheet | None = None,
    *,
    split_column: str | None = None,
    subgroups: Sequence[str] = (),
    label: str | None = None,
    max_groups: int = DEFAULT_MAX_GROUPS,
    k: int = DEFAULT_K,
) -> Spec:
    """What to measure: subgroup, sensitive, label and split columns a datasheet declares,
    plus those named by the caller."""
    groups = list(dict.fromkeys(subgroups))
    sensitive: set[str] = set()
    allowed: dict[str, list[str]] = {}
    composition = datasheet.composition if datasheet is not None else None
    if composition is not None:
        for declared in composition.fields:
            if declared.role is FieldRole.SUBGROUP:
                groups.append(declared.name)
            elif declared.sensitive and _categorical(declared):
                sensitive.add(declared.name)
            if declared.role is FieldRole.LABEL and label is None:
                label = declared.name
            if declared.role is FieldRole.SPLIT and split_column is None:
                split_column = declared.name
            if declared.values:
                allowed[declared.name] = list(declared.values)
        if composition.sensitive is not None:
            declared_fields = {f.name: f for f in composition.fields}
            sensitive.update(
                name for name in composition.sensitive.fields
                if name in declared_fields and _categorical(declared_fields[name])
            )
        if label is None and composition.label and composition.label in {
            f.name for f in composition.fields
        }:
            label = composition.label
    sensitive -= set(groups)
    return Spec(
        split_column, list(dict.fromkeys([*groups, *sorted(sensitive)])), label, _positive(composition, label),
        sensitive, allowed, max_groups, k,
    )


def _positive(composition: Any, label: str | None) -> str | None:
    """The positive label value the datasheet declares on its label field (`positive:`)."""
    if composition is None or label is None:
        return None
    return next((f.positive for f in composition.fields if f.name == label and f.positive is not None), None)


def _categorical(declared: DataField) -> bool:
    """Whether a sensitive field has groups to count. Free text, e-mail addresses or exact ages
    have no groups, and writing their values into a datasheet would publish personal data."""
    return bool(declared.values) or declared.type in (FieldType.CATEGORY, FieldType.BOOLEAN)


def profile_frame(
    df: Any,
    datasheet: Datasheet | None = None,
    *,
    split_column: str | None = None,
    subgroups: Sequence[str] = (),
    label: str | None = None,
    spec: Spec | None = None,
    sample: bool = False,
) -> Profile:
    """Profile any dataframe narwhals supports, letting its engine do the work.

    Lazy frames (Dask, DuckDB, PySpark, polars LazyFrame) are computed where they live; only
    the aggregates come back. Distinct counts are the engine's exact ``n_unique``. Pass
    ``sample=True`` for a frame that holds a sample of the data (``df.sample(...)``): its counts
    are then not taken as the data's.
    """
    import narwhals as nw

    spec = spec or spec_for(datasheet, split_column=split_column, subgroups=subgroups, label=label)
    from narwhals.exceptions import DuplicateError

    try:
        frame = nw.from_native(df)
    except DuplicateError as exc:
        raise ValueError(f"column names must be unique; rename the columns first (df.columns = [...]): "
                         f"{' '.join(str(exc).split())}") from None
    names = _column_names(list(frame.collect_schema().names()))
    if [str(n) for n in names] != names:
        frame = frame.rename({n: str(n) for n in names})
    result = aggregate(frame, spec, sketch=False)
    result.sources.append(type(df).__module__.split(".")[0])
    result.sampled = sample
    return result


def _column_names(names: list[Any]) -> list[Any]:
    """The frame's column names, checked: names a datasheet can refer to are text, so numbers
    (pandas' default names) become text; tuples and repeated names have no such name."""
    nested = [n for n in names if isinstance(n, tuple)]
    if nested:
        raise TypeError(f"column names must be text, not tuples such as {nested[0]!r} (a pandas MultiIndex); "
                        "flatten them first: df.columns = ['_'.join(map(str, c)) for c in df.columns]")
    text = [str(n) for n in names]
    repeated = sorted({n for n in text if text.count(n) > 1})
    if repeated:
        raise ValueError(f"column names must be unique; {', '.join(repr(n) for n in repeated)} "
                         "name more than one column: rename them first (df.columns = [...])")
    return names


# Paths, a mapping of split name -> path, or (split name, path) pairs: a name given twice
# (shards of one split) adds both files to that split.
Paths = (Sequence[str | os.PathLike[str]] | Mapping[str, str | os.PathLike[str]]
         | Sequence[tuple[str, str | os.PathLike[str]]])


def _sources(paths: Paths, by_file: bool) -> list[tuple[str, str]]:
    """(split name, path) for each file. Unnamed files are named by their stem, which must tell
    them apart when each file is a split (``train/data.csv`` and ``test/data.csv`` would not)."""
    if isinstance(paths, Mapping):
        return [(name, str(path)) for name, path in paths.items()]
    named = [(item[0], str(item[1])) if isinstance(item, tuple) else (None, str(item)) for item in paths]
    stems: dict[str, str] = {}
    out = []
    for given, path in named:
        name = given or Path(path).stem.split(".")[0]
        other = stems.setdefault(name, path) if given is None and by_file else path
        if other != path:
            raise DataError(f"{other} and {path} would both be split {name!r}; name each file's split "
                            f"as NAME=PATH (train={other} ...), or give --split-column")
        out.append((name, path))
    return out


def profile(
    paths: str | os.PathLike[str] | Paths,
    datasheet: Datasheet | None = None,
    *,
    split_column: str | None = None,
    subgroups: Sequence[str] = (),
    label: str | None = None,
    fmt: str | None = None,
    block_size: int = DEFAULT_BLOCK_SIZE,
    progress: Progress | None = None,
    spec: Spec | None = None,
    sample: int | None = None,
) -> Profile:
    """Profile CSV, Parquet or JSON Lines files, streaming them in batches.

    ``paths`` is one path, a list of paths, a mapping of split name to path, or (split name,
    path) pairs, where a name given twice adds the second file (a shard) to that split. Several
    files without a split column count as one split each, named by file stem.
    With ``sample``, reading stops after that many rows (the first ones, over the files in
    order), and the profile is marked as a sample: its counts are not the data's.
    Raises :class:`~datacard.data.read.DataError` when a file cannot be read.
    """
    import pyarrow as pa

    from datacard.data.batch import aggregate_batch

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    spec = spec or spec_for(datasheet, split_column=split_column, subgroups=subgroups, label=label)
    named = isinstance(paths, Mapping) or any(isinstance(item, tuple) for item in paths)
    per_file_split = spec.split_column is None and (len(paths) > 1 or named)
    sources = _sources(paths, by_file=per_file_split)
    total = Profile(spec=spec, sampled=sample is not None)
    for split, path in sources:
        if sample is not None and total.rows >= sample:
            break
        before, labels_before = total.rows, Counter(total.labels)
        for batch in iter_batches(path, fmt, block_size=block_size, progress=progress):
            table = pa.Table.from_batches([batch])
            if sample is not None:
                table = table.slice(0, max(sample - total.rows, 0))
            sketches = {n: c.sketch for n, c in total.columns.items() if c.sketch is not None}
            part = aggregate_batch(table, spec, skip=total.too_many_groups, sketches=sketches)
            total.merge(part)
            if sample is not None and total.rows >= sample:
                break
        if per_file_split:
            total.splits[split] += total.rows - before
            if spec.label is not None:
                total.split_labels.setdefault(split, Counter()).update(total.labels - labels_before)
        total.sources.append(path)
    return total

