"""How the time of `datacard lint` grows with the size of the tree.

Generates trees of 1,000 / 2,500 / 5,000 / 10,000 datasheets with one training manifest per ten
datasheets (each manifest references datasheets of its own tree, and a fifth of the datasheets
derive from another one, so lineage is followed), then times in the same run, per tree:

- the parse-only floor (every file through ``yaml.load(..., Loader=yaml.CSafeLoader)``);
- ``datacard validate --jobs 1`` (schema only);
- ``datacard lint`` (schema, quality rules, lineage through manifests and sources).

Wall time and the CPU time of the child process are both reported; CPU time is what to read
on a busy machine. Linear growth means a flat time per file across the trees.

    python bench/lint.py --sizes 1000,2500,5000,10000
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml
from gen_corpus import EXPECTED, generate
from startup import ENV, find_datacard

DEFAULT_ROOT = Path(__file__).resolve().parent / "corpus" / "lint"


def tree(root: Path, datasheets: int, seed: int) -> list[Path]:
    out = root / f"{datasheets}"
    manifests = datasheets // 10
    expected_path = out / EXPECTED
    if not expected_path.exists() or len(json.loads(expected_path.read_text())) != datasheets + manifests:
        print(f"generating {datasheets} datasheets and {manifests} manifests under {out} ...", flush=True)
        generate(out, datasheets, manifests, seed=seed)
    return sorted(out.rglob("*.datacard.yaml"))


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str], repeat: int) -> tuple[float, float]:
    """Best wall time and best child CPU time over ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        cpu0, wall0 = child_cpu(), time.perf_counter()
        done = subprocess.run(argv, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        walls.append(time.perf_counter() - wall0)
        cpus.append(child_cpu() - cpu0)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv[:3])} exited {done.returncode}: {done.stderr.decode()[-800:]}")
    return min(walls), min(cpus)


def files_reported(argv: list[str]) -> int:
    """How many files a run says it read (from its JSON summary)."""
    done = subprocess.run(argv, env=ENV, capture_output=True, text=True, check=False)
    return int(json.loads(done.stdout)["summary"]["files"])


def floor(files: list[Path], repeat: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(repeat):
        cpu0, wall0 = time.process_time(), time.perf_counter()
        for path in files:
            with open(path, "rb") as handle, contextlib.suppress(yaml.YAMLError):
                yaml.load(handle, Loader=yaml.CSafeLoader)
        walls.append(time.perf_counter() - wall0)
        cpus.append(time.process_time() - cpu0)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,2500,5000,10000", help="Datasheets per tree, comma-separated.")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    datacard = find_datacard()
    if datacard is None:
        raise SystemExit("datacard is not on PATH; run `pip install -e .` first")
    if "lint" not in subprocess.run([datacard, "--help"], env=ENV, capture_output=True, text=True).stdout:
        raise SystemExit("`datacard lint` does not exist yet")

    # The corpus lives in a git-ignored folder; lint must not skip it.
    lint_help = subprocess.run([datacard, "lint", "--help"], env=ENV, capture_output=True, text=True).stdout
    no_gitignore = ["--no-respect-gitignore"] if "--no-respect-gitignore" in lint_help else []
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        files = tree(args.root, size, args.seed)
        folder = str(args.root / f"{size}")
        floor_wall, floor_cpu = floor(files, args.repeat)
        val_wall, val_cpu = timed([datacard, "validate", "--jobs", "1", "-q", folder], args.repeat)
        lint_cmd = [datacard, "lint", "-q", "--exit-zero", *no_gitignore, folder]
        counted = files_reported([*lint_cmd, "--output-format", "json"])
        if counted != len(files):
            raise SystemExit(f"datacard lint read {counted} of the {len(files)} files in {folder}")
        lint_wall, lint_cpu = timed(lint_cmd, args.repeat)
        rows.append((size, len(files), floor_wall, floor_cpu, val_wall, val_cpu, lint_wall, lint_cpu))
        print(f"  {size} done: lint {lint_wall:.2f} s wall, {lint_cpu:.2f} s CPU", flush=True)

    print(f"best of {args.repeat}; times in seconds; per file in ms of CPU")
    print(f"{'datasheets':>10} {'files':>6} {'floor':>7} {'validate':>9} {'lint wall':>10} {'lint CPU':>9} "
          f"{'lint ms/file':>13} {'lint/validate':>14} {'lint/floor':>11}")
    base_per_file = rows[0][7] / rows[0][1]
    for size, n, _fw, fc, _vw, vc, lw, lc in rows:
        print(f"{size:10d} {n:6d} {fc:7.2f} {vc:9.2f} {lw:10.2f} {lc:9.2f} {lc / n * 1000:13.3f} "
              f"{lc / vc:14.2f} {lc / fc:11.2f}")
    last = rows[-1]
    growth = (last[7] / last[1]) / base_per_file
    print(f"CPU per file at {last[0]} datasheets is {growth:.2f}x that at {rows[0][0]} "
          f"({'close to linear' if growth < 1.3 else 'NOT linear'}: 1.00 is linear; start-up weighs on small trees)")
    if len(rows) >= 3:
        start_up, per_file, worst = linear_fit([(r[1], r[7]) for r in rows])
        print(f"least-squares line: lint CPU = {start_up:.2f} s + {per_file * 1000:.3f} ms x files; "
              f"largest deviation of a measured tree from the line: {worst:.1%}")


def linear_fit(points: list[tuple[int, float]]) -> tuple[float, float, float]:
    """Intercept, slope and the largest relative residual of a least-squares line."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x, _ in points)
    intercept = mean_y - slope * mean_x
    worst = max(abs(y - (intercept + slope * x)) / y for x, y in points)
    return intercept, slope, worst

if __name__ == "__main__":
    main()
