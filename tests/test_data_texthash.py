"""Hashing text a word at a time (datacard.data.texthash) against a plain, string-by-string
reference, on the layouts Arrow hands over: offsets into shared buffers, large offsets, buffers
of every alignment and exact size, slices and long strings."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datacard.data import texthash

_WRAP = (1 << 64) - 1


def reference(value: bytes) -> int:
    """The definition, one string at a time: its 8-byte words from its first byte (the last one
    zero-filled), each xored with its position's key and mixed, summed modulo 2^64."""
    total = 0
    for k in range(0, len(value), 8):
        x = int.from_bytes(value[k:k + 8].ljust(8, b"\0"), "little") ^ (((k // 8 + 1) * 0x9E3779B97F4A7C15) & _WRAP)
        x = (x * 0xBF58476D1CE4E5B9) & _WRAP
        x ^= x >> 29
        x = (x * 0x94D049BB133111EB) & _WRAP
        x ^= x >> 32
        total = (total + x) & _WRAP
    return total


def exact_buffers(values: list[bytes], shift: int, kind: pa.DataType) -> pa.Array:
    """An array whose data buffer is exactly the text's size (no padding after it) and starts
    ``shift`` bytes past an 8-byte boundary, as a foreign buffer may."""
    data = b"".join(values)
    backing = np.zeros(len(data) + 16, dtype=np.uint8)
    start = (-backing.ctypes.data) % 8 + shift
    backing[start:start + len(data)] = np.frombuffer(data, dtype=np.uint8)
    large = kind in (pa.large_binary(), pa.large_string())
    offsets = np.concatenate([[0], np.cumsum([len(v) for v in values])]).astype(np.int64 if large else np.int32)
    return pa.Array.from_buffers(kind, len(values), [None, pa.py_buffer(offsets),
                                                     pa.py_buffer(backing[start:start + len(data)])])


def check(array: pa.Array) -> None:
    values = [v if isinstance(v, bytes) else v.encode() for v in array.to_pylist()]
    sums, lengths = texthash.string_word_sums(array)
    assert [int(s) for s in sums] == [reference(v) for v in values]
    assert lengths.tolist() == [len(v) for v in values]


_BYTES = st.lists(st.one_of(st.binary(max_size=20), st.binary(min_size=240, max_size=700)), max_size=40)


@settings(deadline=None, max_examples=150)
@given(_BYTES, st.integers(0, 7), st.integers(0, 5), st.sampled_from([pa.binary(), pa.large_binary()]))
def test_word_sums_match_the_definition(values: list[bytes], shift: int, cut: int, kind: pa.DataType) -> None:
    array = exact_buffers(values, shift, kind)
    check(array)
    check(array[min(cut, len(values)):])  # a slice: offsets that do not start at zero
    check(pa.array(values, kind))  # Arrow's own padded, aligned buffers


@settings(deadline=None, max_examples=60)
@given(st.lists(st.text(max_size=90), max_size=60), st.integers(0, 7))
def test_unicode_text_as_string_and_large_string(values: list[str], shift: int) -> None:
    encoded = [v.encode() for v in values]
    for kind in (pa.string(), pa.large_string()):
        check(exact_buffers(encoded, shift, kind))


@pytest.mark.parametrize(("slice_bytes", "loop_words", "flat_words"), [(1, 1, 1), (64, 2, 3), (1000, 4, 7)])
def test_the_paths_agree_whatever_their_limits(monkeypatch: pytest.MonkeyPatch, slice_bytes: int,
                                              loop_words: int, flat_words: int) -> None:
    """Every string through the loop, the flat path, several flat windows and small slices."""
    rng = np.random.default_rng(3)
    values = [bytes(rng.integers(0, 256, int(n), dtype=np.uint8)) for n in rng.integers(0, 300, 400)]
    values += [b"", b"\0" * 9, b"z" * 5000]
    arrays = [exact_buffers(values, 3, pa.binary()), pa.array(values, pa.large_binary())[5:]]
    expected = [texthash.string_word_sums(a)[0] for a in arrays]
    monkeypatch.setattr(texthash, "_SLICE", slice_bytes)
    monkeypatch.setattr(texthash, "_LOOP_WORDS", loop_words)
    monkeypatch.setattr(texthash, "_FLAT_WORDS", flat_words)
    for array, before in zip(arrays, expected, strict=True):
        check(array)
        assert (texthash.string_word_sums(array)[0] == before).all()


def test_empty_and_missing_data_buffers() -> None:
    for array in (pa.array([], pa.string()), pa.array(["", "", ""]), pa.array([""] * 3, pa.large_binary())):
        check(array)
