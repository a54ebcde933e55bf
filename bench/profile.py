"""Profiling throughput and memory on a generated multi-gigabyte CSV, beside a plain pyarrow scan.

Generates a review-like CSV of about ``--size`` bytes (id, text, label, cuisine with missing
values, stars, posted date, split), then runs, each in a fresh child process:

- ``scan``: pyarrow's streaming CSV reader over the file, counting rows: the floor any
  profiler that parses the CSV must pay;
- ``profile``: ``datacard.data.profile.profile`` with ``cuisine`` as subgroup, ``label`` as
  label and ``split`` as split column: counts, missing values, min/max, KMV distinct counts,
  group and group-by-label counts.

For each it prints wall time, rows per second, MB per second and the child's peak resident
memory (``ru_maxrss``), so a profile that held the file in memory would show it. The data goes
to ``bench/out/`` (git-ignored) and is reused when it is already there at the asked size.

    python bench/profile.py                 # 2 GB
    python bench/profile.py --size 500MB --block-size 16MB

Generating takes about 12 seconds per GB on a 2-core machine; the whole 2 GB run takes about
75 seconds there.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

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


# --- the measured work, run in a child process ------------------------------------------------


def child(kind: str, path: str, block_size: int) -> dict[str, Any]:
    import resource

    import pyarrow.csv as pcsv

    from datacard.data.profile import profile

    begin = time.perf_counter()  # imports are start-up cost, not throughput
    if kind == "scan":
        rows = 0
        reader = pcsv.open_csv(path, read_options=pcsv.ReadOptions(block_size=block_size),
                               convert_options=pcsv.ConvertOptions(strings_can_be_null=True))
        for batch in reader:
            rows += batch.num_rows
        extra: dict[str, Any] = {}
    else:
        prof = profile(path, split_column="split", subgroups=["cuisine"], label="label",
                       block_size=block_size)
        rows = prof.rows
        extra = {
            "distinct_text": prof.columns["text"].distinct,
            "distinct_exact": prof.columns["text"].distinct_exact,
            "splits": dict(prof.splits),
        }
    seconds = time.perf_counter() - begin
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return {"kind": kind, "rows": rows, "seconds": seconds, "peak_bytes": peak, **extra}


def run_child(kind: str, path: Path, block_size: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", kind, "--data", str(path), "--block-size", str(block_size)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=parse_size, default=parse_size("2GB"), help="CSV size (default 2GB).")
    parser.add_argument("--block-size", type=parse_size, default=parse_size("4MB"), help="Bytes per batch.")
    parser.add_argument("--data", type=Path, default=None, help="Profile this CSV instead of generating one.")
    parser.add_argument("--child", choices=["scan", "profile"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, str(args.data), args.block_size)))
        return
    path = args.data or OUT / f"reviews-{args.size >> 20}MB.csv"
    if not path.exists():
        begin = time.perf_counter()
        rows = generate(path, args.size)
        print(f"generated {path.name}: {rows:,} rows, {path.stat().st_size / 1e9:.2f} GB "
              f"in {time.perf_counter() - begin:.0f} s")
    size = path.stat().st_size
    print(f"file: {size / 1e9:.2f} GB, block size {args.block_size >> 20} MB, Python {sys.version.split()[0]}")
    results = [run_child(kind, path, args.block_size) for kind in ("scan", "profile")]
    print(f"{'':<10}{'seconds':>10}{'rows/s':>14}{'MB/s':>10}{'peak RSS MB':>14}")
    for r in results:
        print(f"{r['kind']:<10}{r['seconds']:>10.1f}{r['rows'] / r['seconds']:>14,.0f}"
              f"{size / r['seconds'] / 1e6:>10.1f}{r['peak_bytes'] / 1e6:>14.0f}")
    scan, prof = results
    print(f"profile / scan time: {prof['seconds'] / scan['seconds']:.2f}x; rows {prof['rows']:,}; "
          f"distinct text {prof['distinct_text']:,} ({'exact' if prof['distinct_exact'] else 'KMV estimate'}); "
          f"splits {prof['splits']}")


if __name__ == "__main__":
    main()
