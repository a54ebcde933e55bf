"""Start-up cost of the CLI against the cost of importing its two core dependencies.

Runs each command ``--runs`` times in turn (interleaved, so that a noisy neighbour slows every
command alike) and prints the median wall time and the median CPU time (user + system, from
``wait4``) of each, and their ratios to the import floor ``python -c "import pydantic, yaml"``.
Target: ``datacard validate ONE_FILE`` within 1.5x of the floor.

With ``--breakdown`` it also times the layers a datasheet validation has to pay for (the
interpreter alone, pydantic's model machinery, typer, building datacard's models), which
says where the time above the floor goes.

    python bench/startup.py --runs 21 --breakdown
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
FLOOR = "python -c 'import pydantic, yaml' (floor)"
ONE_FILE = "datacard validate ONE_FILE"

BREAKDOWN = {
    "python -c pass": "pass",
    "python: from pydantic import BaseModel; import yaml": "from pydantic import BaseModel; import yaml",
    "python: import typer": "import typer",
    "python: import datacard.cli (all commands registered)": "import datacard.cli",
    "python: import datacard.model (models built)": "import datacard.model",
    "python: validate_file(ONE_FILE), no CLI": "import sys; from datacard.validate import validate_file; "
                                                "validate_file(sys.argv[1])",
}


def find_datacard() -> str | None:
    """The console script beside this interpreter; a shim on PATH (pyenv) adds its own start-up."""
    beside = Path(sys.executable).parent / "datacard"
    return str(beside) if beside.exists() else shutil.which("datacard")


def measure(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}): {errors.decode()[-500:]}")
    return elapsed, usage.ru_utime + usage.ru_stime


def _has_lint(datacard: str) -> bool:
    done = subprocess.run([datacard, "--help"], env=ENV, capture_output=True, text=True, check=False)
    return any(line.split()[:1] == ["lint"] for line in done.stdout.splitlines())


def commands(datacard: str, tree: Path, one: Path, breakdown: bool) -> dict[str, list[str]]:
    found = {
        FLOOR: [sys.executable, "-c", "import pydantic, yaml"],
        "datacard --version": [datacard, "--version"],
        ONE_FILE: [datacard, "validate", str(one)],
        "datacard validate SMALL_TREE": [datacard, "validate", str(tree)],
    }
    if _has_lint(datacard):
        found["datacard lint SMALL_TREE"] = [datacard, "lint", "--exit-zero", str(tree)]
    if breakdown:
        for name, code in BREAKDOWN.items():
            found[name] = [sys.executable, "-c", code, str(one)]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--breakdown", action="store_true", help="Also time the layers under the CLI.")
    args = parser.parse_args()
    datacard = find_datacard()
    if datacard is None:
        raise SystemExit("datacard is not on PATH; run `pip install -e .` first")
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        # A small tree: 20 datasheets and 3 manifests, all valid.
        expected = generate(tree / "small", 20, 3, seed=5, invalid=0.0)
        one = tree / "small" / sorted(rel for rel in expected if rel.startswith("data/"))[0]
        cmds = commands(datacard, tree / "small", one, args.breakdown)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
        for argv in cmds.values():  # warm the file system cache and write .pyc files
            measure(argv, tree)
        for _ in range(args.runs):
            for name, argv in cmds.items():
                times[name].append(measure(argv, tree))
    wall = {name: statistics.median(t[0] for t in values) for name, values in times.items()}
    cpu = {name: statistics.median(t[1] for t in values) for name, values in times.items()}
    print(f"median of {args.runs} runs each, interleaved; floor = {FLOOR}")
    print(f"{'command':56} {'wall ms':>8} {'CPU ms':>7} {'wall x floor':>13} {'CPU x floor':>12}")
    for name in cmds:
        print(f"{name:56} {wall[name] * 1000:8.1f} {cpu[name] * 1000:7.1f} "
              f"{wall[name] / wall[FLOOR]:13.2f} {cpu[name] / cpu[FLOOR]:12.2f}")
    ratio = wall[ONE_FILE] / wall[FLOOR]
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"{ONE_FILE} is {ratio:.2f}x the import floor by wall time ({cpu[ONE_FILE] / cpu[FLOOR]:.2f}x by CPU): "
          f"{verdict} the {TARGET}x target")
    if "datacard lint SMALL_TREE" not in times:
        print("datacard lint: not measured (`datacard lint` does not exist yet)")


if __name__ == "__main__":
    main()
