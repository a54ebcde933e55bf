"""The KMV distinct-count sketch: exact until full, then an estimate within its error bound."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datacard.data import texthash
from datacard.data.sketch import KMV, hash_arrow


# A column holds one type, so each example does too (pandas hashes objects by their text).
@settings(deadline=None)  # the first example imports pandas
@given(st.one_of(st.lists(st.integers(), max_size=300), st.lists(st.text(), max_size=300)))
def test_exact_below_k(values: list[object]) -> None:
    sketch = KMV(k=512)
    sketch.add_values(np.array(values, dtype=object))
    assert sketch.exact and sketch.count() == len(set(values))


@pytest.mark.parametrize(("k", "n"), [(256, 10_000), (1024, 50_000), (4096, 200_000)])
def test_estimate_within_four_standard_errors(k: int, n: int) -> None:
    sketch = KMV(k=k)
    for chunk in np.array_split(np.arange(n, dtype=np.int64), 17):
        sketch.add_values(chunk)
        sketch.add_values(chunk[:100])  # repeats change nothing
    assert not sketch.exact
    error = abs(sketch.count() - n) / n
    assert error < 4 / (k - 2) ** 0.5
    assert len(sketch.hashes) == k  # memory stays bounded


def test_merge_is_the_sketch_of_the_union() -> None:
    a, b, both = KMV(k=300), KMV(k=300), KMV(k=300)
    left, right = np.arange(0, 5000), np.arange(2500, 9000)
    a.add_values(left)
    b.add_values(right)
    both.add_values(np.concatenate([left, right]))
    a.merge(b)
    assert np.array_equal(a.hashes, both.hashes) and a.count() == both.count()


@pytest.mark.parametrize(
    "values",
    [np.array(["a", "b", "a"]), np.array([1.5, 2.5, 1.5]),
     np.array(["2020-01-01", "2020-01-02", "2020-01-01"], dtype="datetime64[D]"),
     np.array([b"x", b"y", b"x"], dtype=object), np.array([True, False, True])],
)
def test_value_kinds(values: np.ndarray) -> None:
    sketch = KMV()
    sketch.add_values(values)
    assert sketch.count() == 2


# --- hashing Arrow data on its buffers -----------------------------------------------------------

_ARROW_VALUES = st.one_of(
    st.lists(st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1)), max_size=200).map(
        lambda v: pa.array(v, pa.int64())),
    st.lists(st.one_of(st.none(), st.floats()), max_size=200).map(lambda v: pa.array(v, pa.float64())),
    st.lists(st.one_of(st.none(), st.text(max_size=30)), max_size=200).map(lambda v: pa.array(v, pa.string())),
    st.lists(st.one_of(st.none(), st.binary(max_size=30)), max_size=200).map(lambda v: pa.array(v, pa.binary())),
    st.lists(st.one_of(st.none(), st.booleans()), max_size=50).map(lambda v: pa.array(v, pa.bool_())),
    st.lists(st.one_of(st.none(), st.dates()), max_size=100).map(lambda v: pa.array(v, pa.date32())),
)


def _key(value: object) -> object:
    """What makes two values one distinct value: -0.0 is 0.0 and every NaN is one."""
    if isinstance(value, float) and value != value:
        return "nan"
    return 0.0 if value == 0 and isinstance(value, float) else value


@settings(deadline=None)
@given(_ARROW_VALUES, st.integers(0, 3))
def test_arrow_hashes_count_what_the_values_hold(values: pa.Array, cut: int) -> None:
    expected = len({_key(v) for v in values.to_pylist() if v is not None})
    chunked = pa.chunked_array([values[:cut], values[cut:]], type=values.type)  # offsets and chunks
    for unique in (True, False):
        kmv = KMV(k=1 << 12)
        kmv.add_arrow(chunked, unique=unique)
        assert kmv.exact and kmv.count() == expected


def test_equal_text_hashes_equal_wherever_it_sits() -> None:
    words = ["", "\x00", "a", "a\x00", "ab", "ba", "é", "x" * 3000]
    alone = {w: int(hash_arrow(pa.array([w]))[0]) for w in words}
    assert len(set(alone.values())) == len(words)  # NUL bytes and order count
    mixed = pa.array([*words, *reversed(words)] * 50)[7:]
    for kind in (pa.string(), pa.large_string()):
        hashes = hash_arrow(mixed.cast(kind))
        assert [alone[w] for w in mixed.to_pylist()] == [int(h) for h in hashes]


def test_text_longer_than_a_slice_and_slices_of_many_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [f"value {i} " * (i % 7) for i in range(3000)] + ["z" * 5000]
    whole = hash_arrow(pa.array(texts))
    monkeypatch.setattr(texthash, "_SLICE", 1000)  # many slices, one string past a slice
    assert (hash_arrow(pa.array(texts)) == whole).all()


def test_no_collisions_among_a_million_short_texts() -> None:
    values = pc.cast(pa.array(np.arange(1_000_000)), pa.string())
    assert len(np.unique(hash_arrow(values))) == 1_000_000


def test_hashes_of_numbers_spread_over_64_bits() -> None:
    hashes = hash_arrow(pa.array(np.arange(100_000, dtype=np.int64)))
    top = (hashes >> np.uint64(60)).astype(np.int64)  # the top 4 bits: 16 buckets of about 6,250
    counts = np.bincount(top, minlength=16)
    assert counts.min() > 5_500 and counts.max() < 7_000


def _texts(shape: str, n: int) -> list[str | None]:
    """Text columns of n rows, of shapes the word-at-a-time hash could get wrong."""
    if shape == "numbered":  # one pool of prefixes, told apart by a number at the end (the benchmark's)
        return [f"{['good food', 'slow service', 'great'][i % 3]} #{i}" for i in range(n)]
    if shape == "long":  # past the loop's words: the flat path
        return ["x" * (200 + i % 400) + str(i) for i in range(n)]
    if shape == "one byte apart":  # differ in one byte, anywhere in the first 64 positions
        return ["a" * 64 + "".join(chr(65 + (i >> (6 * j)) % 60) for j in range(3)) for i in range(n)][::-1]
    if shape == "unicode":
        return ["é" * (i % 5) + "字" + str(i) + "🙂" * (i % 3) for i in range(n)]
    if shape == "with missing and empty":
        return [None if i % 7 == 0 else "" if i % 11 == 0 else f"v{i}" for i in range(n)]
    raise AssertionError(shape)


@pytest.mark.parametrize("shape", ["numbered", "long", "one byte apart", "unicode", "with missing and empty"])
@pytest.mark.parametrize("layout", ["string", "large_string", "chunks and slices"])
def test_text_estimates_within_four_standard_errors_on_every_layout(shape: str, layout: str) -> None:
    k, n = 1024, 60_000
    values = _texts(shape, n)
    expected = len({v for v in values if v is not None})
    array = pa.array(values, pa.large_string() if layout == "large_string" else pa.string())
    if layout == "chunks and slices":
        shifted = pa.array(["lead", *values])[1:]  # offsets that do not start at zero
        array = pa.chunked_array([shifted[:777], shifted[777:30_000], shifted[30_000:]])
    kmv, whole = KMV(k=k), KMV(k=k)
    kmv.add_arrow(array, unique=False)
    whole.add_arrow(pa.array(values))
    assert np.array_equal(kmv.hashes, whole.hashes)  # the layout changes nothing
    assert not kmv.exact and abs(kmv.count() - expected) / expected < 4 / (k - 2) ** 0.5


@pytest.mark.parametrize("values", [["same"] * 5000, ["a", "b", "", "é"] * 2000, [None] * 10 + ["x" * 10_000] * 3])
def test_repeated_text_counts_exactly(values: list[str | None]) -> None:
    kmv = KMV(k=1024)
    kmv.add_arrow(pa.array(values), unique=False)
    assert kmv.exact and kmv.count() == len({v for v in values if v is not None})


@settings(deadline=None, max_examples=80)
@given(st.lists(st.integers(0, 2**64 - 1), max_size=400), st.lists(st.integers(1, 60), max_size=30),
       st.sampled_from([8, 64, 1024]))
def test_hashes_added_in_any_pieces_keep_the_k_smallest_distinct(hashes: list[int], pieces: list[int], k: int) -> None:
    """However the hashes arrive (repeats included), the sketch holds the k smallest distinct."""
    values = np.array(hashes + hashes[: len(hashes) // 3], dtype=np.uint64)  # with repeats
    kmv, start = KMV(k=k), 0
    for size in [*pieces, len(values)]:
        kmv.add_hashes(values[start:start + size])
        start += size
    assert kmv.hashes.tolist() == sorted(set(hashes))[:k]
