"""One batch of a data file, profiled with Arrow's kernels directly.

:func:`aggregate_batch` gives the same :class:`~datacard.data.profile.Profile` as
:func:`~datacard.data.profile.aggregate` of the batch through narwhals (a test holds the two
together), with the per-batch costs of that generic path taken out: narwhals builds and parses
an expression tree for every batch, converts each result through Python lists (for which
pyarrow imports pandas, a second of CPU), and counts each pair of group columns with its own
hash group-by. Here each column is read once for its missing values, minimum and maximum and
lengths; each key column (split, subgroups, label) is dictionary-encoded once per batch, and
every count of groups, labels and splits is a ``bincount`` over those codes (and a key
column's sketch takes the dictionary, its distinct values); and every column's hashes go
straight into the running profile's sketch, without making the values unique first once that
sketch is full (it rejects nearly every hash at once).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from datacard.data.profile import (
    _HASHABLE,
    _ORDERED,
    Column,
    Profile,
    Spec,
    _count_groups,
    _counts,
    _examples,
    field_type,
    plain,
)
from datacard.data.sketch import KMV, arrow_numbers, hash_arrow
from datacard.model.enums import FieldType

# Group counts by a table of every combination of key values while it has at most this many
# cells per row of the batch; past that (keys with many values each), by sorting the codes.
_CELLS_PER_ROW = 4


def aggregate_batch(table: Any, spec: Spec, *, skip: Iterable[str] = (),
                    sketches: Mapping[str, KMV] | None = None) -> Profile:
    """Profile one pyarrow table. ``skip``: group columns known to have too many values.
    ``sketches``: the running profile's sketches, by column; a column's hashes go straight
    into its sketch there (which a full sketch rejects at once, most of them), and the batch's
    column has none to merge."""
    sketches = sketches or {}
    profile = Profile(rows=table.num_rows, spec=spec)
    names = [name for name in table.column_names if name not in set(skip)]
    codes = _Codes(table)
    keys = {spec.split_column, spec.label, *spec.groups} & set(names)  # the columns counted by value
    for name, kind, native in _schema(table.schema):
        profile.columns[name] = _column(table, name, kind, native, spec, sketches.get(name),
                                        codes if name in keys else None)
    _count_groups(None, spec, names, profile, counts=codes)
    return profile


@lru_cache(maxsize=32)
def _schema(schema: Any) -> list[tuple[str, FieldType, str]]:
    """Each column's name, datasheet type and narwhals type name, as the generic path has them:
    from :func:`simple_type` when every column has a simple type, else from narwhals."""
    simple = [simple_type(field.type) for field in schema]
    if all(s is not None for s in simple):
        return [(field.name, *s) for field, s in zip(schema, simple, strict=True)]  # type: ignore[misc]
    import narwhals as nw
    import pyarrow as pa

    # (An empty table from no batches: Schema.empty_table imports pandas.)
    types = nw.from_native(pa.Table.from_batches([], schema=schema)).collect_schema()
    return [(name, field_type(dtype), str(dtype)) for name, dtype in types.items()]


def simple_type(arrow_type: Any) -> tuple[FieldType, str] | None:
    """The datasheet type and the narwhals type name of a plain Arrow type (whole and floating
    numbers, booleans, text, bytes, dates, categories), or None for another. Importing narwhals
    costs a tenth of a second, which a file of plain columns does not need to pay; a test holds
    these names to narwhals' own."""
    import pyarrow as pa

    if pa.types.is_dictionary(arrow_type):
        return FieldType.CATEGORY, "Categorical"
    return _SIMPLE.get(str(arrow_type))


_SIMPLE = {
    **{f"{sign}int{bits}": (FieldType.INTEGER, f"{sign.upper()}Int{bits}") for sign in ("", "u")
       for bits in (8, 16, 32, 64)},
    "float": (FieldType.FLOAT, "Float32"), "double": (FieldType.FLOAT, "Float64"),
    "bool": (FieldType.BOOLEAN, "Boolean"), "string": (FieldType.STRING, "String"),
    "large_string": (FieldType.STRING, "String"), "binary": (FieldType.BINARY, "Binary"),
    "date32[day]": (FieldType.DATE, "Date"),
}


def _column(table: Any, name: str, kind: FieldType, native: str, spec: Spec, sketch: KMV | None,
            codes: _Codes | None) -> Column:
    import pyarrow as pa
    import pyarrow.compute as pc

    values = table.column(name)
    column = Column(name, kind, native, nulls=values.null_count, rows=table.num_rows)
    if kind in _ORDERED:
        extremes = pc.min_max(values)
        column.minimum, column.maximum = plain(extremes["min"].as_py()), plain(extremes["max"].as_py())
    if kind in _HASHABLE:
        if sketch is None:
            sketch = column.sketch = KMV(spec.k)
        encoded = codes.encode(name) if codes is not None and sketch.exact else None
        if encoded is not None and not pa.types.is_dictionary(values.type):
            # Its values are counted by value anyway: their dictionary is its distinct values.
            sketch.add_hashes(hash_arrow(encoded[2]))
        else:
            # A full sketch rejects nearly every hash at once: making the values unique first
            # would be wasted work.
            sketch.add_arrow(values, unique=sketch.exact)
    elif column.nulls == column.rows:
        # A column with no values at all (typed null by a CSV reader) has none distinct.
        column.sketch = KMV(spec.k)
    if kind is FieldType.STRING and column.rows > column.nulls:
        # In ASCII text a character is a byte: the lengths are in the offsets, with no pass over
        # the text (utf8_length's).
        lengths = pc.binary_length(values) if _ascii(values) else pc.utf8_length(values)
        extremes = pc.min_max(lengths)
        column.length_min, column.length_max = int(extremes["min"].as_py()), int(extremes["max"].as_py())
        column.length_sum, column.lengths_n = int(pc.sum(lengths).as_py() or 0), column.rows - column.nulls
    if name in spec.allowed:
        _outside(table, column, spec.allowed[name])
    return column


def _ascii(values: Any) -> bool:
    """Whether every byte of a text column's values is ASCII (the bytes of missing values too,
    which can only make this say no)."""
    import pyarrow as pa

    for chunk in values.chunks:
        buffers = chunk.buffers()
        if buffers[2] is None or not len(chunk):
            continue
        wide = pa.types.is_large_string(chunk.type)
        offsets = np.frombuffer(buffers[1], dtype=np.int64 if wide else np.int32, count=len(chunk) + 1,
                                offset=chunk.offset * (8 if wide else 4))
        begin, end = int(offsets[0]), int(offsets[-1])
        if end > begin and np.max(np.frombuffer(buffers[2], dtype=np.uint8, count=end - begin, offset=begin)) >= 128:
            return False
    return True


def _outside(table: Any, column: Column, allowed: list[str]) -> None:
    """Values not in the declared set: how many, and a few of them (found as the generic path
    finds them, which happens only when there are some)."""
    import narwhals as nw
    import pyarrow as pa
    import pyarrow.compute as pc

    values = table.column(column.name)
    found = pc.invert(pc.is_in(pc.cast(values, pa.string()), value_set=_text_array(allowed)))
    column.outside = int(pc.sum(pc.and_(found, pc.is_valid(values))).as_py() or 0)
    if column.outside:
        column.outside_examples = _examples(nw.from_native(table), column.name, allowed)


def _text_array(texts: list[str]) -> Any:
    """An Arrow string array of ``texts``, built from its buffers (``pa.array`` of a list
    imports pandas to ask whether the list is a pandas object)."""
    import pyarrow as pa

    encoded = [text.encode() for text in texts]
    offsets = np.concatenate([[0], np.cumsum([len(e) for e in encoded], dtype=np.int64)]).astype(np.int32)
    buffers = [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))]
    return pa.Array.from_buffers(pa.string(), len(texts), buffers)


class _Codes:
    """Rows per combination of values of key columns, from each column dictionary-encoded
    once per batch: ``codes(keys)`` is ``[(value, ..., rows), ...]`` as the generic path's
    group-by gives it (a missing value is None)."""

    def __init__(self, table: Any) -> None:
        self.table = table
        self.encoded: dict[str, tuple[list[Any], np.ndarray[Any, Any], Any] | None] = {}

    def __call__(self, keys: list[str]) -> list[tuple[Any, ...]]:
        encoded = [self.encode(key) for key in keys]
        if any(e is None for e in encoded):
            import narwhals as nw

            return _counts(nw.from_native(self.table), keys)
        rows = self.table.num_rows
        code = np.zeros(rows, dtype=np.int64)
        cells = 1
        for values, indices, _ in encoded:  # type: ignore[misc]
            code *= len(values)
            code += indices
            cells *= len(values)
        if cells <= _CELLS_PER_ROW * rows + 64:
            tally = np.bincount(code, minlength=cells)
            found = np.flatnonzero(tally)
            counts = tally[found]
        else:
            found, counts = np.unique(code, return_counts=True)
        columns = []
        for values, _, _ in reversed(encoded):  # type: ignore[misc]
            columns.append([values[i] for i in (found % len(values)).tolist()])
            found = found // len(values)
        columns.reverse()
        return list(zip(*columns, counts.tolist(), strict=True))

    def encode(self, name: str) -> tuple[list[Any], np.ndarray[Any, Any], Any] | None:
        """The column's distinct values (None last, for missing), each row's index among them,
        and the distinct values as Arrow has them (without None); None for a column Arrow
        cannot dictionary-encode (the group-by then counts)."""
        if name not in self.encoded:
            import pyarrow as pa
            import pyarrow.compute as pc

            column = self.table.column(name)
            array = column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
            try:
                if pa.types.is_null(array.type):
                    raise pa.ArrowNotImplementedError("null")
                encoded = pc.dictionary_encode(array)
            except (pa.ArrowNotImplementedError, pa.ArrowTypeError):
                self.encoded[name] = None
                return None
            values = [*encoded.dictionary.to_pylist(), None]
            indices = arrow_numbers(encoded.indices).astype(np.int64)
            if encoded.indices.null_count:
                indices[~_valid(encoded.indices)] = len(values) - 1
            self.encoded[name] = (values, indices, encoded.dictionary)
        return self.encoded[name]


def _valid(array: Any) -> np.ndarray[Any, Any]:
    """Which values of an Arrow array are present, from its validity bitmap."""
    bits = np.unpackbits(np.frombuffer(array.buffers()[0], dtype=np.uint8),
                         count=array.offset + len(array), bitorder="little")
    valid: np.ndarray[Any, Any] = bits[array.offset:].astype(bool)
    return valid
