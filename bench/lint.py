"""`datacard lint` against `datacard validate` of the same tree, by lineage shape and size.

Trees of N datasheets and N/10 training manifests (``bench/gen_corpus.py``), in two shapes:

- ``families``: a fifth of the datasheets derive from one earlier datasheet, and each manifest
  uses 1-4 datasheets picked anywhere: many small lineages;
- ``graph``: one lineage graph ``--depth`` levels deep: each datasheet past the first level
  derives from one or two of the level below, and each manifest uses 1-4 datasheets of the top
  level, so every manifest reaches most of the tree (the case where following lineage once per
  reference costs references x datasheets).

Per tree, ``datacard validate --jobs 1`` (A) and ``datacard lint`` (B) run in alternation,
``--pairs`` times; the figure is the median of the per-pair CPU ratios lint / validate with
their spread (``bench/pairs.py``). Memory is reported two ways: held per file, the resident
memory a lint run has gained when its last file is checked, before the report is written (one
run in a child process, through the library, after a warm-up on a few datasheets that reach no
lineage and with the memory that freed given back to the system, so that none of it is reused
unseen), divided by the number of files; and lint's peak
above validate's (which keeps nothing per file), which also counts the rendered output. The output is
counted once (findings, and bytes of the concise format) beside the tree's gaps, to show that
it grows with the gaps and not with gaps x references. Targets on 10,000 datasheets and 1,000
manifests in one graph: lint at most 3x validate, at most 10 KB held per file.

    python bench/lint.py --sizes 10000 --shapes graph,families --pairs 3
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_corpus import EXPECTED, generate
from pairs import code_env, find_datacard, interleave, machine_load, median, ratios, run, verdict

DEFAULT_ROOT = Path(__file__).resolve().parent / "corpus" / "lint"
DEPTH = 10
TARGET_RATIO = 3.0
TARGET_KB_PER_FILE = 10.0


def tree(root: Path, shape: str, datasheets: int, seed: int) -> Path:
    depth = DEPTH if shape == "graph" else 0
    out = root / f"{shape}-{datasheets}"
    manifests = datasheets // 10
    stamp = out / "shape.json"
    wanted = {"shape": shape, "depth": depth, "datasheets": datasheets, "manifests": manifests, "seed": seed}
    if not stamp.exists() or json.loads(stamp.read_text()) != wanted or not (out / EXPECTED).exists():
        print(f"generating {datasheets} datasheets and {manifests} manifests ({shape}) under {out} ...", flush=True)
        generate(out, datasheets, manifests, seed=seed, depth=depth)
        stamp.write_text(json.dumps(wanted))
    return out


def output_counts(argv: list[str], env: dict[str, str]) -> dict[str, int]:
    """Findings by kind and the size of the concise output of one lint run."""
    concise = subprocess.run(argv, env=env, capture_output=True, check=False).stdout
    done = subprocess.run([*argv, "--output-format", "json"], env=env, capture_output=True, text=True, check=False)
    report = json.loads(done.stdout)
    findings = report["findings"]
    inherited = [f for f in findings if f["code"] in ("DC302", "DC303", "DC304")]
    return {
        "files": int(report["summary"]["files"]),
        "findings": len(findings),
        "gap findings on datasheets (DC2xx)": sum(1 for f in findings if f["code"].startswith("DC2")),
        "gap findings on references (DC302-DC304)": len(inherited),
        "related places": sum(len(f.get("related", [])) for f in findings),
        "datasets in the closing summary": len(report.get("datasets", [])),
        "concise output bytes": len(concise),
        "json output bytes": len(done.stdout.encode()),
    }


_HELD = """
import ctypes, ctypes.util, gc, itertools, json, sys
from datacard.kinds import LINT
from datacard.lint import engine
from datacard.project import Overrides, resolve_project

def rss():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))

project = resolve_project([sys.argv[1]], overrides=Overrides(respect_gitignore=False))
selected = project.select(LINT)
seen = {}
real_finish = engine.finish

def finish(run, **options):
    seen.update(held=rss() - start, findings=len(run.findings))
    return real_finish(run, **options)

# Lint a few datasheets first: the modules and models that any run loads are not held per file.
# Datasheets that name no source, and no manifest: a manifest would walk the lineage and load the
# tree, and the memory that run frees would then be reused, unseen, by the run measured. For the
# same reason what is free is given back to the system before the start is read.
leaves = list(itertools.islice((p for p in selected.files if "datacard:" not in open(p, encoding="utf-8").read()), 6))
engine.lint_files(project, project.select(LINT, leaves), jobs=1)
engine.finish = finish
gc.collect()
ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)
start = rss()
engine.lint_files(project, selected, jobs=1)
print(json.dumps({"files": len(selected.files), **seen}))
"""


def held_kb(folder: Path, env: dict[str, str]) -> dict[str, int]:
    """Resident KB a lint run holds when its last file is checked (before the report), and its findings."""
    done = subprocess.run([sys.executable, "-c", _HELD, str(folder)], env=env, capture_output=True, text=True,
                          check=False, cwd="/")
    if done.returncode != 0:
        raise SystemExit(f"the held-memory probe failed: {done.stderr[-800:]}")
    found: dict[str, int] = json.loads(done.stdout)
    return found


def measure(args: argparse.Namespace, datacard: str, env: dict[str, str]) -> list[Any]:
    """validate and lint of each tree in alternation; (shape, size, files, times, counts) per tree.

    Every timed pair runs before the output is counted: the counting holds the whole output in
    this process, and a child's peak memory includes its parent's until it starts its program."""
    trees = []
    for shape in args.shapes.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            folder = tree(args.root, shape, size, args.seed)
            files = len(json.loads((folder / EXPECTED).read_text()))
            validate_cmd = [datacard, "validate", "--jobs", "1", "-q", str(folder)]
            # The corpus lives in a git-ignored folder; lint must not skip it.
            lint_cmd = [datacard, "lint", "--jobs", "1", "-q", "--exit-zero", "--no-respect-gitignore", str(folder)]
            times = interleave({"validate": lambda c=validate_cmd: run(c, env=env),
                                "lint": lambda c=lint_cmd: run(c, env=env)}, args.pairs, warm=False)
            trees.append((shape, size, folder, files, lint_cmd, times))
            print(f"  {shape} {size}: lint {median(times['lint']):.1f} s CPU, "
                  f"validate {median(times['validate']):.1f} s CPU", flush=True)
    results = []
    for shape, size, folder, files, lint_cmd, times in trees:
        counts = {"held KB (lint state before the report)": held_kb(folder, env)["held"]}
        counts.update(output_counts(lint_cmd, env))
        if counts["files"] != files:
            raise SystemExit(f"datacard lint read {counts['files']} of the {files} files in {folder}")
        results.append((shape, size, files, times, counts))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000", help="Datasheets per tree, comma-separated.")
    parser.add_argument("--shapes", default="graph,families", help="graph, families, or both.")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--code", type=Path, help="Measure this checkout of datacard instead of the installed one.")
    args = parser.parse_args()
    datacard = find_datacard()
    if datacard is None:
        raise SystemExit("datacard is not on PATH; run `pip install -e .` first")
    env = code_env(args.code)
    with machine_load():
        results = measure(args, datacard, env)
    print(f"median of {args.pairs} alternating pairs (validate --jobs 1, lint); CPU seconds; "
          "ratio = lint / validate pair by pair (quartiles and range in brackets)")
    for shape, size, files, times, counts in results:
        lint, validate = times["lint"], times["validate"]
        above = (median(lint, "peak_rss") - median(validate, "peak_rss")) / files / 1024
        held = counts["held KB (lint state before the report)"] / files
        ratio = ratios(validate, lint)
        print(f"\n{shape}, {size} datasheets + {size // 10} manifests ({files} files)"
              + (f", {DEPTH} levels" if shape == "graph" else ""))
        print(f"  validate: {median(validate):.2f} s CPU, peak {median(validate, 'peak_rss') / 2**20:.0f} MB")
        print(f"  lint:     {median(lint):.2f} s CPU, peak {median(lint, 'peak_rss') / 2**20:.0f} MB, "
              f"{median(lint) / files * 1000:.3f} ms per file")
        print(f"  lint / validate (CPU): {ratio}; by wall time {ratios(validate, lint, 'wall').median:.2f}x")
        print(f"  held per file: {held:.1f} KB (resident memory gained by the run when its last file is "
              f"checked); peak above validate's: {above:.1f} KB per file (the rendered output too)")
        for name, value in counts.items():
            print(f"  output: {name}: {value:,}")
        if shape == "graph" and size >= 10000:
            print("  " + verdict(ratio.median, TARGET_RATIO, "lint / validate"))
            print(f"  memory held per file: {held:.1f} KB, target at most {TARGET_KB_PER_FILE:.0f} KB: "
                  f"{'met' if held <= TARGET_KB_PER_FILE else 'MISSED'}")


if __name__ == "__main__":
    main()
