"""Distinct counts in bounded memory: a k-minimum-values (KMV) sketch that is exact until full.

Every value is hashed to 64 bits and the sketch keeps the ``k`` smallest distinct hashes. While
fewer than ``k`` distinct hashes have been seen the sketch holds all of them and the count is
exact (up to 64-bit hash collisions, about one in 10^10 for a million values). Once it is full,
the count is estimated from the k-th smallest hash, ``(k - 1) / (h_k / 2^64)`` (Bar-Yossef et al.
2002; Beyer et al. 2007), whose relative standard error is about ``1 / sqrt(k - 2)``: 0.4 % for
the default ``k = 65536``. Memory is at most ``8 k`` bytes per column, and two sketches of
different partitions merge into the sketch of their union, so batches and workers combine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

DEFAULT_K = 65_536
_SPACE = float(2**64)


@dataclass
class KMV:
    """The ``k`` smallest distinct 64-bit hashes of the values seen so far."""

    k: int = DEFAULT_K
    hashes: np.ndarray[Any, Any] = field(default_factory=lambda: np.empty(0, dtype=np.uint64))

    def add_hashes(self, hashes: np.ndarray[Any, Any]) -> None:
        """Add 64-bit hashes (duplicates allowed)."""
        incoming = hashes.astype(np.uint64, copy=False)
        if len(self.hashes) >= self.k:
            # Full: only hashes below the current k-th smallest can enter. Cheap, and on a
            # large column it rejects nearly everything.
            incoming = incoming[incoming < self.hashes[self.k - 1]]
        incoming = self._smallest(incoming)
        if len(incoming) == 0:
            return
        self.hashes = _distinct(np.concatenate([self.hashes, incoming]), runs=True)[: self.k]

    def _smallest(self, values: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """Distinct values that include the k smallest distinct ones, without sorting them all:
        take every value up to the m-th smallest (a linear-time partition), and grow m until
        that range holds k distinct values."""
        m = 2 * self.k
        while len(values) > m:
            cut = values[values <= np.partition(values, m - 1)[m - 1]]
            distinct = _distinct(cut)
            if len(distinct) >= self.k:
                return distinct
            m *= 4
        return _distinct(values)

    def add_values(self, values: Any) -> None:
        """Add the values of a numpy array (numbers, strings or other hashable objects)."""
        self.add_hashes(hash_values(values))

    def merge(self, other: KMV) -> None:
        if other.k < self.k:
            self.k = other.k
        self.add_hashes(other.hashes)
        self.hashes = self.hashes[: self.k]

    def add_arrow(self, values: Any, *, unique: bool = True) -> None:
        """Add the non-null values of an Arrow array or chunked array, hashed on Arrow's own
        buffers (:func:`hash_arrow`): no value becomes a Python object.

        ``unique`` first keeps one of each value (Arrow's ``unique``, cheaper than hashing a
        column that repeats a few values); leave it out for a column whose sketch is full,
        which rejects nearly every hash at once, so that the unique would be wasted work."""
        import pyarrow.compute as pc

        if values.null_count:
            values = pc.drop_null(values)
        if unique:
            values = pc.unique(values)
        self.add_hashes(hash_arrow(values))

    @property
    def exact(self) -> bool:
        """Whether the count is exact: fewer than ``k`` distinct values were seen."""
        return len(self.hashes) < self.k

    def count(self) -> int:
        if self.exact:
            return len(self.hashes)
        kth = float(self.hashes[self.k - 1]) + 1.0
        return round((self.k - 1) / (kth / _SPACE))


def _distinct(values: np.ndarray[Any, Any], runs: bool = False) -> np.ndarray[Any, Any]:
    """Sorted distinct values. Sorting and masking neighbours is two orders of magnitude
    faster than ``np.unique`` on uint64 in numpy 2 (which hashes). ``runs``: the values are two
    sorted runs, which the stable sort (a merge sort) joins in one pass."""
    ordered = np.sort(values, kind="stable" if runs else None)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    distinct: np.ndarray[Any, Any] = ordered[keep]  # typed: numpy 2.2's stubs (Python 3.10) say Any
    return distinct


def hash_values(values: Any) -> np.ndarray[Any, Any]:
    """64-bit hashes of an array's values, computed in C by pandas (SipHash for objects)."""
    from pandas.util import hash_array

    array = np.asarray(values)
    if array.dtype.kind == "M" or array.dtype.kind == "m":
        array = array.view(np.int64)
    elif array.dtype.kind == "U":
        array = array.astype(object)
    return hash_array(array, categorize=False)


# --- hashing Arrow data in place ----------------------------------------------------------------

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _mix(values: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """SplitMix64's finaliser: every input bit reaches every output bit (the sketch needs hashes
    spread evenly over 64 bits, whatever the values)."""
    with np.errstate(over="ignore"):
        x = values.astype(np.uint64, copy=True) + _GOLDEN
        x ^= x >> np.uint64(30)
        x *= np.uint64(0xBF58476D1CE4E5B9)
        x ^= x >> np.uint64(27)
        x *= np.uint64(0x94D049BB133111EB)
        x ^= x >> np.uint64(31)
    mixed: np.ndarray[Any, Any] = x
    return mixed


def _hash_strings(array: Any) -> np.ndarray[Any, Any]:
    """Hashes of a string or binary Arrow array (no nulls): its strings' sums of mixed words
    (:mod:`datacard.data.texthash`), with their lengths, through the finaliser."""
    from datacard.data.texthash import string_word_sums

    sums, lengths = string_word_sums(array)
    with np.errstate(over="ignore"):
        return _mix(sums ^ (lengths.astype(np.uint64) * _GOLDEN))


def hash_arrow(values: Any) -> np.ndarray[Any, Any]:
    """64-bit hashes of an Arrow array or chunked array without nulls, from its buffers: whole
    numbers, dates and times by their integer values, floating-point numbers by their bits
    (``-0.0`` as ``0.0``, every NaN as one), text and bytes by their bytes. Other types go
    through :func:`hash_values`. Equal values of one type hash equal; the hashes are the same
    on every run and machine."""
    import pyarrow as pa

    if isinstance(values, pa.ChunkedArray):
        parts = [hash_arrow(chunk) for chunk in values.chunks]
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.uint64)
    kind = values.type
    if pa.types.is_dictionary(kind):
        return hash_arrow(values.dictionary_decode())
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_binary(kind) or (
            pa.types.is_large_binary(kind)):
        return _hash_strings(values)
    if pa.types.is_boolean(kind) or pa.types.is_integer(kind):
        return _mix(arrow_numbers(values).astype(np.int64).view(np.uint64))
    if pa.types.is_floating(kind):
        numbers = arrow_numbers(values).astype(np.float64) + 0.0  # -0.0 is 0.0
        numbers[np.isnan(numbers)] = np.nan  # one NaN, whatever its payload
        return _mix(numbers.view(np.uint64))
    if pa.types.is_temporal(kind) and kind.bit_width in (32, 64):
        return _mix(arrow_numbers(values).astype(np.int64).view(np.uint64))
    return hash_values(values.to_numpy(zero_copy_only=False))


def arrow_numbers(values: Any) -> np.ndarray[Any, Any]:
    """The values of a boolean, number, date or time Arrow array without nulls, read from its
    data buffer in place (``to_numpy`` would import pandas, a second of CPU, to do the same)."""
    import pyarrow as pa

    kind, data = values.type, values.buffers()[1]
    if data is None or not len(values):
        return np.empty(0, dtype=np.int64)
    if pa.types.is_boolean(kind):
        bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8), count=values.offset + len(values),
                             bitorder="little")
        return bits[values.offset:]
    width = kind.bit_width // 8
    if pa.types.is_floating(kind):
        dtype: Any = np.dtype(f"float{kind.bit_width}")
    elif pa.types.is_unsigned_integer(kind):
        dtype = np.dtype(f"uint{kind.bit_width}")
    else:  # signed whole numbers, and dates and times by their whole numbers
        dtype = np.dtype(f"int{kind.bit_width}")
    return np.frombuffer(data, dtype=dtype, count=len(values), offset=values.offset * width)
