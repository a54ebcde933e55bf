"""The KMV distinct-count sketch: exact until full, then an estimate within its error bound."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from datacard.data.sketch import KMV


# A column holds one type, so each example does too (pandas hashes objects by their text).
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
