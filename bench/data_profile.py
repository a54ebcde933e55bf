"""Profiling against a plain pyarrow streaming scan of the same file, CSV and Parquet.

Generates a review-like CSV of about ``--size`` bytes (id, text, label, cuisine with missing
values, stars, posted date, split) and the same rows as Parquet, then runs in alternation, each
in a fresh child process (``bench/pairs.py``):

- ``scan``: pyarrow's streaming reader over the file as datacard opens it
  (``datacard.data.read.iter_batches``), counting rows: the floor any profiler that reads the
  file must pay;
- ``profile``: ``datacard.data.profile.profile`` with ``cuisine`` as subgroup, ``label`` as
  label and ``split`` as split column: counts, missing values, min/max, KMV distinct counts,
  group and group-by-label counts.

The figure is profile / scan by CPU time, the median over rounds with its spread, beside the
profile's peak resident memory. Target: at most 1.5x, for CSV and for Parquet. ``--scale 10``
also profiles a CSV ten times larger, once: its peak memory must stay within 1.3x (memory is
bounded by the block, not the file). Data goes to ``bench/out/`` (git-ignored), reused when there.

    python bench/data_profile.py --size 1GB --pairs 3 --scale 10
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pairs import code_env, interleave, machine_load, median, ratios, run, verdict

TARGET = 1.5
MEMORY_GROWTH = 1.3
OUT = Path(__file__).resolve().parent / "out"
_UNITS = {"": 1, "B": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30}
_CUISINES = ["american", "mexican", "italian", "chinese", "japanese", "thai", "indian", "french"]
_WORDS = (
    "good", "food", "great", "service", "slow", "staff", "tasty", "cold", "warm", "price", "cheap",
    "expensive", "friendly", "rude", "clean", "dirty", "loud", "quiet", "fresh", "spicy", "bland",
    "portion", "small", "large", "wait", "table", "order",
)


def parse_size(text: str) -> int:
    match = re.fullmatch(r"\s*([0-9.]+)\s*([KMG]?B?)\s*", text.upper())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (write 2GB, 500MB, ...)")
    return int(float(match.group(1)) * _UNITS[match.group(2) if match.group(2) != "K" else "KB"])


def generate(path: Path, size: int, seed: int = 0, chunk_rows: int = 500_000) -> int:
    """Write about ``size`` bytes of CSV in chunks; returns the number of rows."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv

    rng = np.random.default_rng(seed)
    pool = pa.array([" ".join(rng.choice(_WORDS, size=int(rng.integers(5, 15)))) for _ in range(20_000)])
    cuisines = pa.array([*_CUISINES, None])
    start = np.datetime64("2004-10-01")
    rows = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with pcsv.CSVWriter(tmp, _schema()) as writer:
        while tmp.stat().st_size < size:
            n = chunk_rows
            ids = pa.array(np.arange(rows, rows + n, dtype=np.int64))
            text = pc.binary_join_element_wise(pool.take(pa.array(rng.integers(0, len(pool), n))),
                                               pc.cast(ids, pa.string()), " #")
            group = rng.integers(0, len(cuisines), n)
            # Mexican reviews are positive less often: the disparity the report must flag.
            positive = rng.random(n) < np.where(group == 1, 0.35, 0.6)
            table = pa.table({
                "id": ids,
                "text": text,
                "label": pa.array(positive.astype(np.int8)),
                "cuisine": cuisines.take(pa.array(group)),
                "stars": pa.array(np.round(rng.uniform(1, 5, n), 1)),
                "posted": pa.array(start + rng.integers(0, 3900, n).astype("timedelta64[D]")),
                "split": pa.array(np.where(rng.random(n) < 0.93, "train", "test")),
            }, schema=_schema())
            writer.write_table(table)
            rows += n
    os.replace(tmp, path)
    return rows


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema([("id", pa.int64()), ("text", pa.string()), ("label", pa.int8()),
                      ("cuisine", pa.string()), ("stars", pa.float64()), ("posted", pa.date32()),
                      ("split", pa.string())])


# --- the measured work, run in child processes -----------------------------------------------

_CHILD = """
import sys
kind, path = sys.argv[1], sys.argv[2]
if kind == "scan":  # the floor: pyarrow's streaming readers, as datacard opens the file
    from datacard.data.read import iter_batches
    rows = sum(batch.num_rows for batch in iter_batches(path))
else:
    from datacard.data.profile import profile
    rows = profile(path, split_column="split", subgroups=["cuisine"], label="label").rows
print(rows)
"""


def to_parquet(csv: Path, out: Path) -> None:
    """The same rows as Parquet, written row group by row group (never the whole table)."""
    import pyarrow.parquet as pq

    from datacard.data.read import iter_batches

    tmp = out.with_suffix(".tmp")
    with pq.ParquetWriter(tmp, _schema()) as writer:
        for batch in iter_batches(csv):
            writer.write_batch(batch.cast(_schema()) if batch.schema != _schema() else batch)
    os.replace(tmp, out)


def data_files(size: int, parquet: bool = True) -> tuple[Path, ...]:
    csv = OUT / f"reviews-{size >> 20}MB.csv"
    if not csv.exists():
        begin = time.perf_counter()
        rows = generate(csv, size)
        print(f"generated {csv.name}: {rows:,} rows in {time.perf_counter() - begin:.0f} s", flush=True)
    if not parquet:
        return (csv,)
    as_parquet = csv.with_suffix(".parquet")
    if not as_parquet.exists():
        to_parquet(csv, as_parquet)
    return csv, as_parquet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=parse_size, default=parse_size("1GB"), help="CSV size (default 1GB).")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--scale", type=int, default=0,
                        help="Also profile a CSV this many times larger, once, for its memory.")
    parser.add_argument("--code", type=Path, help="Measure this checkout of datacard instead of the installed one.")
    args = parser.parse_args()
    env = code_env(args.code)
    with machine_load():
        files = data_files(args.size)
        results = {}
        for path in files:
            sides = {kind: (lambda kind=kind, path=path: run([sys.executable, "-c", _CHILD, kind, str(path)],
                                                              env=env, cwd=Path("/")))
                     for kind in ("scan", "profile")}
            results[path] = interleave(sides, args.pairs, warm=False)
        larger = None
        if args.scale > 1:
            (big,) = data_files(args.size * args.scale, parquet=False)
            larger = (big, run([sys.executable, "-c", _CHILD, "profile", str(big)], env=env, cwd=Path("/")))
    print(f"{args.pairs} rounds of (scan, profile) per file, alternating; CPU seconds; ratio = profile / scan "
          "within a round: median [quartiles] (range)")
    for path, times in results.items():
        mb = path.stat().st_size / 1e6
        ratio = ratios(times["scan"], times["profile"])
        print(f"{path.suffix[1:]:8} {mb:7.0f} MB: scan {median(times['scan']):6.2f} s, profile "
              f"{median(times['profile']):6.2f} s CPU ({mb / median(times['profile']):.0f} MB/s), peak "
              f"{median(times['profile'], 'peak_rss') / 2**20:.0f} MB; profile / scan {ratio}")
        print("  " + verdict(ratio.median, TARGET, f"profile / scan ({path.suffix[1:]})"))
    if larger is not None:
        big, sample = larger
        base = median(results[files[0]]["profile"], "peak_rss")
        growth = sample.peak_rss / base
        print(f"{big.stat().st_size / 1e6:.0f} MB CSV ({args.scale}x): profile {sample.cpu:.1f} s CPU, peak "
              f"{sample.peak_rss / 2**20:.0f} MB = {growth:.2f}x the peak on {args.size >> 20} MB "
              f"(target at most {MEMORY_GROWTH}x: {'met' if growth <= MEMORY_GROWTH else 'MISSED'})")


if __name__ == "__main__":
    main()
