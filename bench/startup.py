"""Start-up cost of the CLI against the cost of importing its two core dependencies.

Runs each command ``--runs`` times in turn (interleaved, so that a noisy neighbour slows every
command alike) and prints the median wall time of each and its ratio to the import floor
``python -c "import pydantic, yaml"``. Target: ``datacard validate ONE_FILE`` within 1.5x.

    python bench/startup.py --runs 21
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_corpus import generate

TARGET = 1.5
# Installed packages ship compiled bytecode; a checkout run with PYTHONDONTWRITEBYTECODE would
# recompile datacard's modules on every start and measure the compiler, not datacard.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def find_datacard() -> str | None:
    """The console script beside this interpreter; a shim on PATH (pyenv) adds its own start-up."""
    beside = Path(sys.executable).parent / "datacard"
    return str(beside) if beside.exists() else shutil.which("datacard")


def _wall(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        argv, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def _has_lint(datacard: str) -> bool:
    done = subprocess.run([datacard, "--help"], env=ENV, capture_output=True, text=True, check=False)
    return any(line.split()[:1] == ["lint"] for line in done.stdout.splitlines())


def commands(datacard: str, tree: Path, one: Path) -> dict[str, list[str]]:
    found = {
        "python -c 'import pydantic, yaml' (floor)": [sys.executable, "-c", "import pydantic, yaml"],
        "datacard --version": [datacard, "--version"],
        "datacard validate ONE_FILE": [datacard, "validate", str(one)],
        "datacard validate SMALL_TREE": [datacard, "validate", str(tree)],
    }
    if _has_lint(datacard):
        found["datacard lint SMALL_TREE"] = [datacard, "lint", str(tree)]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    datacard = find_datacard()
    if datacard is None:
        raise SystemExit("datacard is not on PATH; run `pip install -e .` first")
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        # A small tree: 20 datasheets and 3 manifests, all valid.
        expected = generate(tree / "small", 20, 3, seed=5, invalid=0.0)
        one = tree / "small" / sorted(rel for rel in expected if rel.startswith("data/"))[0]
        cmds = commands(datacard, tree / "small", one)
        times: dict[str, list[float]] = {name: [] for name in cmds}
        for argv in cmds.values():  # warm the file system cache and .pyc files
            _wall(argv, tree)
        for _ in range(args.runs):
            for name, argv in cmds.items():
                times[name].append(_wall(argv, tree))
    floor_name = next(iter(cmds))
    floor = statistics.median(times[floor_name])
    print(f"median of {args.runs} runs each, interleaved; floor = {floor_name}")
    print(f"{'command':48} {'median ms':>10} {'min ms':>8} {'x floor':>8}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:48} {median * 1000:10.1f} {min(values) * 1000:8.1f} {median / floor:8.2f}")
    one_file = statistics.median(times["datacard validate ONE_FILE"]) / floor
    verdict = "meets" if one_file <= TARGET else "misses"
    print(f"datacard validate ONE_FILE is {one_file:.2f}x the import floor: {verdict} the {TARGET}x target")
    if "datacard lint SMALL_TREE" not in times:
        print("datacard lint: not measured (`datacard lint` does not exist yet)")


if __name__ == "__main__":
    main()
