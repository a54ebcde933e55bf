"""Profiles of arbitrary frames agree with pandas computing the same facts directly."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

from datacard.data.profile import profile, profile_frame

_FRAMES = data_frames([
    column("i", elements=st.one_of(st.none(), st.integers(-5, 5)), dtype=object),
    column("f", elements=st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False)), dtype=object),
    column("s", elements=st.one_of(st.none(), st.text(alphabet="ab|,\"\n é", max_size=4)), dtype=object),
])


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "i": pd.array(frame["i"].tolist(), dtype="Int64"),
        "f": pd.array(frame["f"].tolist(), dtype="Float64"),
        "s": pd.array(frame["s"].tolist(), dtype="string"),
    })


def _oracle(frame: pd.DataFrame) -> dict[str, object]:
    return {
        "rows": len(frame),
        "nulls": {c: int(frame[c].isna().sum()) for c in frame},
        "distinct": {c: int(frame[c].nunique(dropna=True)) for c in frame},
        "min": {c: (None if frame[c].dropna().empty else frame[c].min()) for c in ("i", "f")},
        "max": {c: (None if frame[c].dropna().empty else frame[c].max()) for c in ("i", "f")},
    }


def _facts(prof: object) -> dict[str, object]:
    cols = prof.columns  # type: ignore[attr-defined]
    return {
        "rows": prof.rows,  # type: ignore[attr-defined]
        "nulls": {c: cols[c].nulls for c in cols},
        "distinct": {c: cols[c].distinct for c in cols},
        "min": {c: cols[c].minimum for c in ("i", "f")},
        "max": {c: cols[c].maximum for c in ("i", "f")},
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_FRAMES, st.integers(1, 7))
def test_streamed_parquet_profile_matches_pandas(raw: pd.DataFrame, group_size: int) -> None:
    frame = _typed(raw)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.parquet"
        frame.to_parquet(path, index=False, row_group_size=group_size)  # many batches to merge
        assert _facts(profile(path)) == _oracle(frame)


@settings(max_examples=60, deadline=None)
@given(_FRAMES)
def test_frame_profile_matches_pandas(raw: pd.DataFrame) -> None:
    frame = _typed(raw)
    assert _facts(profile_frame(frame)) == _oracle(frame)


@settings(max_examples=40, deadline=None)
@given(_FRAMES)
def test_csv_profile_matches_pandas_reading_the_same_file(raw: pd.DataFrame) -> None:
    frame = _typed(raw)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.csv"
        frame.to_csv(path, index=False)
        # In CSV an empty cell is missing, also for text: read it back the way datacard does.
        back = pd.read_csv(path, keep_default_na=False, na_values=[""],
                           dtype={"i": "Int64", "f": "Float64", "s": "string"})
        facts = _facts(profile(path))
    assert facts["rows"] == len(back)
    assert facts["nulls"] == {c: int(back[c].isna().sum()) for c in back}
    assert facts["distinct"] == {c: int(back[c].nunique(dropna=True)) for c in back}
