"""Throughput of `datacard validate` against the parse-only floor and check-jsonschema.

All figures come from one run over the same generated corpus (``bench/gen_corpus.py``):

- floor, in-process: each file read and parsed with ``yaml.load(..., Loader=yaml.CSafeLoader)``;
- floor, one process: the same loop in a fresh interpreter, so that start-up is included;
- ``datacard validate --jobs 1`` and ``datacard validate`` (every core), as subprocesses;
- ``datacard`` in-process (``validate_many(jobs=1)``), which separates start-up from work;
- ``check-jsonschema --schemafile schemas/datasheet.schema.json`` over a sample of the
  datasheets (it is roughly 20 times slower, so the whole corpus would take minutes).

The in-process pair and the process pairs run in alternation, ``--pairs`` rounds each
(``bench/pairs.py``): each figure is the median over rounds of datacard's CPU time against the
floor's in the same round, with quartiles and range. The multi-core output must equal the
one-core output byte for byte. Target: datacard on one core reaches at least 70% of the floor's
throughput.

    python bench/validate.py --datasheets 5000 --manifests 500 --pairs 5
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml
from gen_corpus import DEFAULT_OUT, EXPECTED, generate
from pairs import ENV, Sample, call, find_datacard, interleave, machine_load, median, ratios
from pairs import run as run_once

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


def floor_in_process(files: list[str]) -> None:
    for path in files:
        with open(path, "rb") as handle, contextlib.suppress(yaml.YAMLError):
            yaml.load(handle, Loader=yaml.CSafeLoader)


def _burn(count: int) -> int:
    total = 0
    for i in range(count):
        total += i
    return total


def parallel_capacity(workers: int) -> float:
    """How much faster the machine runs a CPU-bound control split over ``workers`` processes.

    On a shared machine another process may hold a core; without this control a missing
    multi-core speed-up could not be told apart from a runner that does not use the cores.
    """
    from concurrent.futures import ProcessPoolExecutor

    count = 8_000_000
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_burn, [1] * workers))  # start the workers before timing
        times = interleave({"serial": lambda: call(lambda: _burn(count * workers)),
                            "split": lambda: call(lambda: list(pool.map(_burn, [count] * workers)))},
                           3, warm=False)
    return 1 / ratios(times["serial"], times["split"], "wall").median


def output_of(argv: list[str], ok: tuple[int, ...] = (0, 1)) -> str:
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
    parser.add_argument("--pairs", type=int, default=5, help="Rounds of alternating runs.")
    parser.add_argument("--jsonschema-files", type=int, default=300, help="Datasheets given to check-jsonschema.")
    args = parser.parse_args()

    files = corpus_files(args.out, args.datasheets, args.manifests, args.seed)
    datacard = find_datacard()
    if datacard is None:
        raise SystemExit("datacard is not on PATH; run `pip install -e .` first")
    n = len(files)
    jobs_all = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    from datacard.runner import validate_many

    with machine_load(), tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(files))
        listing.flush()
        floor_cmd = [sys.executable, "-c", _FLOOR_SCRIPT, listing.name]
        one_cmd = [datacard, "validate", "--jobs", "1", "-q", str(args.out)]
        all_cmd = [datacard, "validate", "-q", str(args.out)]
        in_process = interleave({"floor": lambda: call(lambda: floor_in_process(files)),
                                 "datacard": lambda: call(lambda: validate_many(files, jobs=1))}, args.pairs)
        processes = interleave({"floor": lambda: run_once(floor_cmd),
                                "one core": lambda: run_once(one_cmd),
                                "all cores": lambda: run_once(all_cmd)}, args.pairs)
        os.unlink(listing.name)
        outputs = {jobs: output_of([datacard, "validate", "--output-format", "json", *jobs, str(args.out)])
                   for jobs in (("--jobs", "1"), ())}
        capacity = parallel_capacity(jobs_all)
        sheets = [f for f in files if "/data/" in f.replace(os.sep, "/")][: args.jsonschema_files]
        checker = Path(sys.executable).parent / "check-jsonschema"
        jsonschema = run_once([str(checker) if checker.exists() else "check-jsonschema",
                               "--schemafile", str(SCHEMA), *sheets])
    identical = outputs[("--jobs", "1")] == outputs[()]
    counted = json.loads(outputs[("--jobs", "1")])["summary"]["files"]
    if counted != n:
        raise SystemExit(f"datacard validate read {counted} of the {n} files")
    report(n, files, args.pairs, in_process, processes, jsonschema, len(sheets))
    print(f"all {jobs_all} cores vs one core, wall: "
          f"{1 / ratios(processes['one core'], processes['all cores'], 'wall').median:.2f}x the speed; "
          f"output identical: {identical}; the machine's own speed-up on a CPU-bound control split over "
          f"{jobs_all} processes, in this run: {capacity:.2f}x")
    if not identical:
        raise SystemExit("multi-core output differs from one-core output")


def report(n: int, files: list[str], pairs: int, in_process: dict[str, list[Sample]],
           processes: dict[str, list[Sample]], jsonschema: Sample, sheets: int) -> None:
    print(f"{n} files ({sum(os.path.getsize(f) for f in files) / n / 1024:.1f} KB mean); {pairs} rounds; "
          "throughput relative to the floor = floor time / datacard time, per round: median [quartiles] (range)")
    rows = [("floor: CSafeLoader, in-process", in_process["floor"], in_process["floor"]),
            ("datacard validate_many(jobs=1), in-process", in_process["datacard"], in_process["floor"]),
            ("floor: CSafeLoader, one process", processes["floor"], processes["floor"]),
            ("datacard validate --jobs 1", processes["one core"], processes["floor"]),
            ("datacard validate (all cores), by CPU", processes["all cores"], processes["floor"])]
    print(f"{'measure':44} {'CPU s':>7} {'wall s':>7} {'files/CPU-s':>12}  floor time / this time (CPU)")
    for name, samples, floor in rows:
        spread = ratios(samples, floor)
        print(f"{name:44} {median(samples):7.3f} {median(samples, 'wall'):7.3f} {n / median(samples):12.0f}  {spread}")
    one = ratios(processes["one core"], processes["floor"]).median
    inside = ratios(in_process["datacard"], in_process["floor"]).median
    theirs = sheets / jsonschema.cpu
    print(f"check-jsonschema over {sheets} datasheets: {jsonschema.cpu:.2f} s CPU, {theirs:.0f} files per CPU-s; "
          f"datacard --jobs 1 does {n / median(processes['one core']) / theirs:.1f}x as many")
    verdict = "met" if min(one, inside) >= TARGET else "MISSED"
    print(f"one core, CLI vs the floor in one process (CPU): {one:.0%}; in-process: {inside:.0%} "
          f"(target at least {TARGET:.0%}: {verdict})")


if __name__ == "__main__":
    main()
