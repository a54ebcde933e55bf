"""Small deterministic review data for the data-pipeline tests (no randomness in the facts)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

PIPELINE = Path(__file__).resolve().parent / "pipeline"
# Group sizes of the cuisine column; None is a review of a business that is not a restaurant.
GROUPS: dict[str | None, int] = {"american": 70, "mexican": 60, "italian": 40, None: 30}
ROWS = sum(GROUPS.values())
TRAIN = 160


def reviews(mexican_rate: float = 0.5, text_nulls: int = 0) -> pd.DataFrame:
    """200 reviews; half of each cuisine's reviews are positive except Mexican ones."""
    rows: list[dict[str, Any]] = []
    for cuisine, size in GROUPS.items():
        rate = mexican_rate if cuisine == "mexican" else 0.5
        positives = round(rate * size)
        rows += [{"cuisine": cuisine, "label": int(j < positives)} for j in range(size)]
    order = np.random.default_rng(0).permutation(len(rows))
    frame = pd.DataFrame([rows[i] for i in order])
    start = dt.date(2010, 1, 1)
    frame.insert(0, "id", range(ROWS))
    frame.insert(1, "text", [None if i < text_nulls else f"review number {i}" for i in range(ROWS)])
    frame["split"] = ["train" if i < TRAIN else "test" for i in range(ROWS)]
    frame["stars"] = [float(1 + i % 5) for i in range(ROWS)]
    frame["posted"] = [start + dt.timedelta(days=i) for i in range(ROWS)]
    frame["email"] = [f"user{i % 50}@example.org" for i in range(ROWS)]
    return frame


def write(frame: pd.DataFrame, path: Path) -> Path:
    """Write a frame as CSV, Parquet or JSON Lines, by the path's suffix."""
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    elif path.suffix == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        with path.open("w", encoding="utf-8") as out:
            for record in frame.to_dict(orient="records"):
                clean = {k: _json(v) for k, v in record.items()}
                out.write(json.dumps(clean) + "\n")
    return path


def _json(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and np.isnan(value):
        return None
    return value.item() if isinstance(value, np.generic) else value
