"""Throughput of `datacard validate` against the parse-only floor and check-jsonschema.

All figures come from one run over the same generated corpus (``bench/gen_corpus.py``):

- floor, in-process: each file read and parsed with ``yaml.load(..., Loader=yaml.CSafeLoader)``;
- floor, one process: the same loop in a fresh interpreter, so that start-up is included;
- ``datacard validate --jobs 1`` and ``datacard validate`` (every core), as subprocesses;
- ``datacard`` in-process (``validate_many(jobs=1)``), which separates start-up from work;
- ``check-jsonschema --schemafile schemas/datasheet.schema.json`` over a sample of the
  datasheets (it is roughly 20 times slower, so the whole corpus would take minutes).

Each timed command runs ``--repeat`` times and the best run counts (the least disturbed by
other work on the machine). The multi-core output must equal the one-core output byte for
byte. Target: datacard on one core reaches at least 70% of the floor's throughput.

    python bench/validate.py --datasheets 5000 --manifests 500
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml
from gen_corpus import DEFAULT_OUT, EXPECTED, generate
from startup import ENV, find_datacard

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "datasheet.schema.json"
TARGET = 0.70

_FLOOR_SCRIPT = """
import sys, yaml
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    with open(path, "rb") as handle:
        try:
            yaml.load(handle, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass
"""


def corpus_files(out: Path, datasheets: int, manifests: int, seed: int) -> list[str]:
    expected_path = out / EXPECTED
    expected = json.loads(expected_path.read_text()) if expected_path.exists() else {}
    wanted = datasheets + manifests
    if len(expected) != wanted:
        print(f"generating {wanted} files under {out} ...", flush=True)
        expected = generate(out, datasheets, manifests, seed=seed)
    return sorted(str(out / rel) for rel in expected)


def _cpu() -> float:
    """CPU seconds of this process and of every child it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best(runs: int, action: Callable[[], object]) -> tuple[float, float]:
    """Best wall time and best CPU time over ``runs``: CPU time is what a busy machine keeps honest."""
    walls, cpus = [], []
    for _ in range(runs):
        cpu0, wall0 = _cpu(), time.perf_counter()
        action()
        walls.append(time.perf_counter() - wall0)
        cpus.append(_cpu() - cpu0)
    return min(walls), min(cpus)


def floor_in_process(files: list[str]) -> None:
    for path in files:
        with open(path, "rb") as handle, contextlib.suppress(yaml.YAMLError):
            yaml.load(handle, Loader=yaml.CSafeLoader)


def _burn(count: int) -> int:
    total = 0
    for i in range(count):
        total += i
    return total


def parallel_capacity(workers: int, repeat: int) -> float:
    """How much faster the machine runs a CPU-bound control split over ``workers`` processes.

    On a shared machine another process may hold a core; without this control a missing
    multi-core speed-up could not be told apart from a runner that does not use the cores.
    """
    from concurrent.futures import ProcessPoolExecutor

    count = 8_000_000
    serial, _ = best(repeat, lambda: _burn(count * workers))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_burn, [1] * workers))  # start the workers before timing
        split, _ = best(repeat, lambda: list(pool.map(_burn, [count] * workers)))
    return serial / split


def run(argv: list[str], ok: tuple[int, ...] = (0, 1)) -> str:
    done = subprocess.run(argv, env=ENV, capture_output=True, text=True, check=False)
    if done.returncode not in ok:
        raise SystemExit(f"{argv[0]} exited {done.returncode}: {done.stderr[-800:]}")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasheets", type=int, default=5000)
    parser.add_argument("--manifests", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--repeat", type=int, default=3, help="Runs per measurement; the best counts.")
    parser.add_argument("--jsonschema-files", type=int, default=300, help="Datasheets given to check-jsonschema.")
    args = parser.parse_args()

    files = corpus_files(args.out, args.datasheets, args.manifests, args.seed)
    datacard = find_datacard()
    if datacard is None:
        raise SystemExit("datacard is not on PATH; run `pip install -e .` first")
    n = len(files)
    results: dict[str, tuple[int, tuple[float, float]]] = {}

    floor_in_process(files)  # warm the page cache
    results["floor: CSafeLoader, in-process"] = (n, best(args.repeat, lambda: floor_in_process(files)))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(files))
    try:
        floor_cmd = [sys.executable, "-c", _FLOOR_SCRIPT, listing.name]
        results["floor: CSafeLoader, one process"] = (n, best(args.repeat, lambda: run(floor_cmd)))
    finally:
        os.unlink(listing.name)

    from datacard.runner import validate_many

    validate_many(files[:10], jobs=1)  # build the models before timing
    results["datacard: validate_many(jobs=1), in-process"] = (
        n, best(args.repeat, lambda: validate_many(files, jobs=1))
    )
    outputs: dict[str, str] = {}

    def cli(jobs: list[str]) -> None:
        outputs[" ".join(jobs)] = run([datacard, "validate", "--output-format", "json", *jobs, str(args.out)])

    jobs_all = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    results["datacard validate --jobs 1"] = (n, best(args.repeat, lambda: cli(["--jobs", "1"])))
    capacity_before = parallel_capacity(jobs_all, args.repeat)
    results[f"datacard validate (all {jobs_all} cores)"] = (n, best(args.repeat, lambda: cli([])))
    capacity = min(capacity_before, parallel_capacity(jobs_all, args.repeat))
    identical = outputs["--jobs 1"] == outputs[""]
    counted = json.loads(outputs["--jobs 1"])["summary"]["files"]
    if counted != n:
        raise SystemExit(f"datacard validate read {counted} of the {n} files")

    sheets = [f for f in files if "/data/" in f.replace(os.sep, "/")][: args.jsonschema_files]
    jsonschema_cmd = ["check-jsonschema", "--schemafile", str(SCHEMA), *sheets]
    results["check-jsonschema (datasheet.schema.json)"] = (
        len(sheets), best(1, lambda: run(jsonschema_cmd, ok=(0, 1)))
    )

    wall = {name: count / times[0] for name, (count, times) in results.items()}
    cpu = {name: count / times[1] for name, (count, times) in results.items()}
    floor_name, floor_proc = "floor: CSafeLoader, in-process", "floor: CSafeLoader, one process"
    one_name, all_name = "datacard validate --jobs 1", f"datacard validate (all {jobs_all} cores)"
    print(f"{n} files ({sum(os.path.getsize(f) for f in files) / n / 1024:.1f} KB mean), "
          f"{os.cpu_count()} cores, best of {args.repeat}")
    print(f"{'measure':46} {'files':>6} {'wall s':>7} {'CPU s':>7} {'files/s':>8} {'files/CPU-s':>12} "
          f"{'CPU vs floor':>13} {'CPU vs floor+start':>19}")
    for name, (count, (wall_s, cpu_s)) in results.items():
        print(f"{name:46} {count:6d} {wall_s:7.3f} {cpu_s:7.3f} {wall[name]:8.0f} {cpu[name]:12.0f} "
              f"{cpu[name] / cpu[floor_name]:13.2f} {cpu[name] / cpu[floor_proc]:19.2f}")
    one_core = cpu[one_name] / cpu[floor_proc]
    in_process = cpu["datacard: validate_many(jobs=1), in-process"] / cpu[floor_name]
    verdict = "met" if min(one_core, in_process) >= TARGET else "missed"
    print(f"one core, CLI vs the floor in one process (CPU): {one_core:.0%}; in-process vs in-process: "
          f"{in_process:.0%} (target {TARGET:.0%}: {verdict}); by wall time: {wall[one_name] / wall[floor_proc]:.0%}")
    print(f"all {jobs_all} cores vs one core, wall: {wall[all_name] / wall[one_name]:.2f}x; "
          f"output identical: {identical}; the machine's own speed-up on a CPU-bound control split over "
          f"{jobs_all} processes, in this run: {capacity:.2f}x")
    print(f"datacard --jobs 1 vs check-jsonschema, files per CPU-second: "
          f"{cpu[one_name] / cpu['check-jsonschema (datasheet.schema.json)']:.1f}x")
    if not identical:
        raise SystemExit("multi-core output differs from one-core output")


if __name__ == "__main__":
    main()
