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


def best(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def floor_in_process(files: list[str]) -> None:
    for path in files:
        with open(path, "rb") as handle, contextlib.suppress(yaml.YAMLError):
            yaml.load(handle, Loader=yaml.CSafeLoader)


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
    results: dict[str, tuple[int, float]] = {}

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

    jobs_all = os.cpu_count() or 1
    results["datacard validate --jobs 1"] = (n, best(args.repeat, lambda: cli(["--jobs", "1"])))
    results[f"datacard validate (all {jobs_all} cores)"] = (n, best(args.repeat, lambda: cli([])))
    identical = outputs["--jobs 1"] == outputs[""]

    sheets = [f for f in files if "/data/" in f.replace(os.sep, "/")][: args.jsonschema_files]
    jsonschema_cmd = ["check-jsonschema", "--schemafile", str(SCHEMA), *sheets]
    results["check-jsonschema (datasheet.schema.json)"] = (
        len(sheets), best(1, lambda: run(jsonschema_cmd, ok=(0, 1)))
    )

    rate = {name: count / seconds for name, (count, seconds) in results.items()}
    floor_name, floor_proc = "floor: CSafeLoader, in-process", "floor: CSafeLoader, one process"
    print(f"{n} files ({sum(os.path.getsize(f) for f in files) / n / 1024:.1f} KB mean), "
          f"{os.cpu_count()} cores, best of {args.repeat}")
    print(f"{'measure':48} {'files':>6} {'seconds':>8} {'files/s':>9} {'vs floor':>9} {'vs floor+start':>15}")
    for name, (count, seconds) in results.items():
        print(f"{name:48} {count:6d} {seconds:8.3f} {rate[name]:9.0f} "
              f"{rate[name] / rate[floor_name]:9.2f} {rate[name] / rate[floor_proc]:15.2f}")
    one_core = rate["datacard validate --jobs 1"] / rate[floor_proc]
    in_process = rate["datacard: validate_many(jobs=1), in-process"] / rate[floor_name]
    print(f"one core, CLI vs floor in one process: {one_core:.0%}; in-process vs in-process: {in_process:.0%} "
          f"(target {TARGET:.0%}: {'met' if min(one_core, in_process) >= TARGET else 'missed'})")
    speed_up = rate[f"datacard validate (all {jobs_all} cores)"] / rate["datacard validate --jobs 1"]
    print(f"all cores vs one core: {speed_up:.2f}x; output identical: {identical}")
    vs_jsonschema = rate["datacard validate --jobs 1"] / rate["check-jsonschema (datasheet.schema.json)"]
    print(f"datacard --jobs 1 vs check-jsonschema: {vs_jsonschema:.1f}x the files per second")
    if not identical:
        raise SystemExit("multi-core output differs from one-core output")


if __name__ == "__main__":
    main()
