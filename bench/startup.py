"""Start-up cost of the CLI against the cost of importing its two core dependencies.

Floor: ``python -c "import pydantic, yaml"``. Every round runs the floor and each command once,
in rotating order; a command's figure is the median over rounds of its CPU time divided by the
floor's in the same round, with quartiles and range (``bench/pairs.py``). Targets:
``datacard validate ONE_FILE`` at most 1.5x the floor, ``datacard --version`` and
``datacard --help`` at most 1.2x.

``--callgrind`` also counts the instructions each command executes (valgrind's callgrind): a
figure the machine's load cannot disturb. ``--breakdown`` adds the layers a one-file validation
has to pay for (the interpreter, pydantic's model machinery, typer, datacard's models), which says
where the time above the floor goes. ``--code DIR`` measures another checkout of datacard
(``git worktree add DIR main``) with the installed console script.

    python bench/startup.py --pairs 21 --breakdown
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_corpus import generate
from pairs import code_env, find_datacard, interleave, machine_load, median, ratios, run, verdict

FLOOR = "python -c 'import pydantic, yaml' (floor)"
TARGETS = {"datacard validate ONE_FILE": 1.5, "datacard --version": 1.2, "datacard --help": 1.2}

BREAKDOWN = {
    "layer: python -c pass": "pass",
    "layer: from pydantic import BaseModel; import yaml": "from pydantic import BaseModel; import yaml",
    "layer: import typer": "import typer",
    "layer: import datacard.model (models built)": "import datacard.model",
    "layer: validate_file(ONE_FILE), no CLI": "import sys; from datacard.validate import validate_file; "
                                             "validate_file(sys.argv[1])",
}


def commands(datacard: str, tree: Path, one: Path, breakdown: bool) -> dict[str, list[str]]:
    found = {
        FLOOR: [sys.executable, "-c", "import pydantic, yaml"],
        "datacard --version": [datacard, "--version"],
        "datacard --help": [datacard, "--help"],
        "datacard validate ONE_FILE": [datacard, "validate", str(one)],
        "datacard validate SMALL_TREE": [datacard, "validate", str(tree)],
        "datacard lint SMALL_TREE": [datacard, "lint", "--exit-zero", str(tree)],
        "datacard render ONE_FILE": [datacard, "render", str(one)],
    }
    if breakdown:
        for name, code in BREAKDOWN.items():
            found[name] = [sys.executable, "-c", code, str(one)]
    return found


def instructions(argv: list[str], env: dict[str, str], cwd: Path) -> int:
    """Instructions executed by ``argv`` (callgrind's ``Collected``)."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
                          env=env, cwd=cwd, capture_output=True, text=True, check=False)
    match = re.search(r"Collected : (\d+)", done.stderr)
    if match is None:
        raise SystemExit(f"callgrind gave no count for {' '.join(argv)}: {done.stderr[-500:]}")
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=21, help="Rounds; each runs the floor and every command once.")
    parser.add_argument("--breakdown", action="store_true", help="Also time the layers under the CLI.")
    parser.add_argument("--callgrind", action="store_true", help="Also count instructions (needs valgrind).")
    parser.add_argument("--code", type=Path, help="Measure this checkout of datacard instead of the installed one.")
    args = parser.parse_args()
    datacard = find_datacard()
    if datacard is None:
        raise SystemExit("datacard is not on PATH; run `pip install -e .` first")
    env = code_env(args.code)
    with machine_load(), tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)  # not the checkout: `python -c` would import datacard from the working directory
        # A small tree: 20 datasheets and 3 manifests, all valid.
        expected = generate(cwd / "small", 20, 3, seed=5, invalid=0.0)
        one = cwd / "small" / sorted(rel for rel in expected if rel.startswith("data/"))[0]
        cmds = commands(datacard, cwd / "small", one, args.breakdown)
        sides = {name: (lambda argv=argv: run(argv, env=env, cwd=cwd)) for name, argv in cmds.items()}
        times = interleave(sides, args.pairs)
        counts = {name: instructions(argv, env, cwd) for name, argv in cmds.items()} if args.callgrind else {}
    print(f"{args.pairs} rounds, each running the floor and every command once, in rotating order; "
          "ratio = command / floor within a round: median [quartiles] (range)")
    floor = times[FLOOR]
    print(f"{'command':52} {'CPU ms':>7}  {'x floor by CPU':42} {'by wall':>7}"
          + ("  instructions  x floor" if counts else ""))
    for name, samples in times.items():
        line = (f"{name:52} {median(samples) * 1000:7.1f}  {ratios(floor, samples)!s:42} "
                f"{ratios(floor, samples, 'wall').median:7.2f}")
        if counts:
            line += f"  {counts[name] / 1e6:9.0f} M  {counts[name] / counts[FLOOR]:6.2f}"
        print(line)
    for name, target in TARGETS.items():
        print(verdict(ratios(floor, times[name]).median, target, f"{name} / floor by CPU"))
        if counts:
            print(verdict(counts[name] / counts[FLOOR], target, f"{name} / floor by instructions"))


if __name__ == "__main__":
    main()
