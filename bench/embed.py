"""`datacard embed` on a generated Parquet file, beside copying the file and rewriting it.

Generates a Parquet file of about ``--size`` bytes with four row groups and a different codec
per column, then runs, each in a fresh child process on a fresh copy of the file:

- ``cp``: copying the file (``shutil.copyfile``); ``cp+fsync``: the same, flushed to disk, the
  floor of any embed that keeps the original intact until the new file is complete and safe;
- ``embed``: ``datacard.embed`` (only the footer is written anew; the data pages are copied in
  the kernel with ``copy_file_range``);
- ``rewrite``: reading every row group with pyarrow and writing it again with the new
  metadata, as ``embed`` did before: the cost the footer-only rewrite avoids.

The steps run in alternation, ``--pairs`` rounds (``bench/pairs.py``); each prints the median
wall and CPU time of the work (modules are imported before the clock starts), its ratio to
``cp+fsync`` within a round by wall time (the work is the disk's) with the spread, and the
child's peak resident memory (``ru_maxrss``). Then ``extract``: reading the embedded datasheet
(``extract_text``, and ``extract``, which validates it) against ``pq.read_schema`` reading the
same footer, in this process, in alternating rounds of 200 reads. Files go to ``bench/out/``
(git-ignored).

    python bench/embed.py                   # 500 MB
    python bench/embed.py --size 2GB --pairs 5
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pairs import Sample, call, interleave, machine_load, median, ratios, verdict

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SHEET = ROOT / "examples" / "yelp-reviews.datacard.yaml"

_STEP = r"""
import json, os, resource, shutil, sys, time
step, source, target, sheet = sys.argv[1:5]
import datacard, datacard.data.parquet, datacard.validate, pyarrow.parquet as pq  # before the clock starts
wall, cpu = time.perf_counter(), time.process_time()
if step.startswith("cp"):
    shutil.copyfile(source, target)
    if step == "cp+fsync":
        with open(target, "rb+") as handle:
            os.fsync(handle.fileno())
elif step == "embed":
    datacard.embed(sheet, target, force=True)
else:
    with pq.ParquetFile(source) as old:
        metadata = {**(old.schema_arrow.metadata or {}), b"datacard.datasheet": open(sheet, "rb").read()}
        schema = old.schema_arrow.with_metadata(metadata)
        with pq.ParquetWriter(target, schema, compression="zstd") as writer:
            for i in range(old.metadata.num_row_groups):
                writer.write_table(old.read_row_group(i).replace_schema_metadata(metadata))
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({"wall": wall, "cpu": cpu, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
STEPS = ("cp", "cp+fsync", "embed", "rewrite")


def parse_size(text: str) -> int:
    match = re.fullmatch(r"\s*([0-9.]+)\s*([KMG])B?\s*", text.upper())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (write 2GB, 500MB, ...)")
    return int(float(match.group(1)) * {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[match.group(2)])


def generate(path: Path, size: int) -> None:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(0)
    rows = max(1_000, size // 40)  # about 40 bytes a row once compressed
    groups = 4
    schema = pa.schema([("id", pa.int64()), ("score", pa.float64()), ("text", pa.string()), ("noise", pa.int64())])
    words = pa.array([f"word{i} " * int(rng.integers(1, 6)) for i in range(5_000)])
    with pq.ParquetWriter(path, schema, compression={"id": "snappy", "score": "zstd", "text": "gzip",
                                                     "noise": "none"}) as writer:
        for g in range(groups):
            n = rows // groups
            ids = np.arange(g * n, (g + 1) * n, dtype=np.int64)
            writer.write_table(pa.table({
                "id": ids, "score": rng.random(n), "text": words.take(pa.array(rng.integers(0, 5_000, n))),
                "noise": rng.integers(0, 1 << 62, n),
            }, schema=schema), row_group_size=n)


def measure(step: str, source: Path, work: Path) -> dict[str, float]:
    if not step.startswith("cp"):
        shutil.copyfile(source, work)  # embed and rewrite start from their own copy
    target = work if step == "embed" else work.with_suffix(".out.parquet")
    done = subprocess.run([sys.executable, "-c", _STEP, step, str(source), str(target), str(SHEET)],
                          check=True, capture_output=True, text=True, cwd=ROOT)
    result: dict[str, float] = json.loads(done.stdout)
    for leftover in (work, target):
        leftover.unlink(missing_ok=True)
    return result


def extract_rounds(path: Path, pairs: int, reads: int = 200) -> dict[str, list[Sample]]:
    """Reading the embedded datasheet, ``reads`` times per round, against pq.read_schema."""
    import pyarrow.parquet as pq

    from datacard.data.parquet import extract, extract_text

    key = b"datacard.datasheet"

    def schema() -> None:
        for _ in range(reads):
            assert (pq.read_schema(path).metadata or {}).get(key)

    def text() -> None:
        for _ in range(reads):
            assert extract_text(path)

    def validated() -> None:
        for _ in range(reads):
            assert extract(path) is not None

    return interleave({"pq.read_schema": lambda: call(schema), "extract_text": lambda: call(text),
                       "extract (validated)": lambda: call(validated)}, pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=lambda t: parse_size(t) if not t.isdigit() else int(t),
                        default=parse_size("500MB"))
    parser.add_argument("--pairs", type=int, default=3, help="Rounds; each runs every step once.")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate is not None:
        generate(args.generate, args.size)
        return
    OUT.mkdir(exist_ok=True)
    source = OUT / f"embed-{args.size >> 20}MB.parquet"
    if not source.exists():
        # In a child: a child process starts with its parent's peak memory as its own.
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--generate", str(source), "--size", str(args.size)], check=True)
        print(f"generated {source.name} in {time.perf_counter() - started:.1f} s")
    size_mb = source.stat().st_size / (1 << 20)
    with machine_load():
        steps = {step: (lambda step=step: Sample(**_sample(measure(step, source, OUT / "embed-work.parquet"))))
                 for step in STEPS}
        times = interleave(steps, args.pairs, warm=False)
        embedded = OUT / "embed-extract.parquet"
        shutil.copyfile(source, embedded)
        import datacard

        datacard.embed(str(SHEET), str(embedded), force=True)
        reads = extract_rounds(embedded, args.pairs)
        embedded.unlink()
    floor = times["cp+fsync"]
    print(f"\nfile: {size_mb:,.0f} MB, 4 row groups, codecs snappy/zstd/gzip/none; {args.pairs} rounds")
    print("| step | wall s | CPU s | MB/s | vs cp+fsync (wall): median [quartiles] (range) | peak RSS MB |")
    print("|---|---:|---:|---:|---|---:|")
    for step, samples in times.items():
        wall = median(samples, "wall")
        print(f"| {step} | {wall:.3f} | {median(samples):.3f} | {size_mb / wall:,.0f} | "
              f"{ratios(floor, samples, 'wall')} | {median(samples, 'peak_rss') / 2**20:.0f} |")
    print(verdict(ratios(floor, times["embed"], "wall").median, 2.0, "embed / cp+fsync (wall)"))
    base = reads["pq.read_schema"]
    print(f"\nreading the footer, 200 reads a round: pq.read_schema {median(base) / 200 * 1e6:.0f} us a read")
    for name in ("extract_text", "extract (validated)"):
        print(f"  {name}: {median(reads[name]) / 200 * 1e6:.0f} us a read, {ratios(base, reads[name])} "
              "of pq.read_schema (CPU)")
    print(verdict(ratios(base, reads["extract_text"]).median, 1.0, "extract_text / pq.read_schema (CPU)"))


def _sample(result: dict[str, float]) -> dict[str, float]:
    return {"wall": result["wall"], "cpu": result["cpu"], "peak_rss": int(result["rss_mb"] * 2**20)}


if __name__ == "__main__":
    main()
