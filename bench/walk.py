"""The file selection (datacard.project) against its baselines, on one generated tree.

The tree: ``--files`` datasheets spread over nested folders, as many other files beside them
(code), a `.gitignore` in the root and in each of the 37 top folders, and one ignored
folder holding a tenth of the datasheets. Measured in one run, best of ``--repeat``:

- floor: ``os.walk`` over the tree, matching names only (no ignore rules);
- ``git ls-files --cached --others --exclude-standard`` (what the selection used before, in C);
- ``Project.select`` for `validate` (pathspec gitignore, excludes, link and special-file checks);
- ``Project.datasheet_files`` with ``respect-gitignore = false``.

    python bench/walk.py --files 10000 --repeat 3
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from datacard.kinds import VALIDATE
from datacard.project import resolve_project

SHEET = "schema_version: 1\nname: d{i}\n"


def build(root: Path, files: int) -> None:
    (root / ".gitignore").write_text("ignored/\n*.tmp\nbuild/\n", encoding="utf-8")
    for i in range(files):
        folder = root / ("ignored" if i % 10 == 0 else f"a{i % 37}") / f"b{i % 11}" / f"c{i % 5}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"d{i}.datacard.yaml").write_text(SHEET.format(i=i), encoding="utf-8")
        (folder / f"code{i}.py").write_text("x = 1\n", encoding="utf-8")
        if i < 37:  # a .gitignore in each top folder, as projects keep one per component
            (folder.parent.parent / ".gitignore").write_text(f"d{i + 37 * 11}.datacard.yaml\n!keep.tmp\n")
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(root)], check=True)


def floor(root: Path) -> int:
    return sum(1 for _, _, names in os.walk(root) for n in names if fnmatch.fnmatch(n, "*.datacard.yaml"))


def git(root: Path) -> int:
    out = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard",
                          "--", ":(glob)**/*.datacard.yaml"], capture_output=True, check=True).stdout
    return len([p for p in out.split(b"\0") if p])


def select(root: Path) -> int:
    return len(resolve_project([str(root)], isolated=True).select(VALIDATE).files)


def select_all(root: Path) -> int:
    project = resolve_project([str(root)], isolated=True)
    project.respect_gitignore = False
    return len(project.datasheet_files())


def best(func: Callable[[Path], int], root: Path, repeat: int) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = func(root)
        times.append(time.perf_counter() - start)
    return min(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, args.files)
        rows = [("floor: os.walk, names only", floor)]
        if shutil.which("git"):
            rows.append(("git ls-files (the old selection)", git))
        rows += [("Project.select (validate)", select), ("Project.datasheet_files, no .gitignore", select_all)]
        base = None
        print(f"{'measure':<42} {'files':>7} {'s':>8} {'vs floor':>9}")
        for label, func in rows:
            seconds, found = best(func, root, args.repeat)
            base = base or seconds
            print(f"{label:<42} {found:>7} {seconds:>8.3f} {seconds / base:>9.2f}")


if __name__ == "__main__":
    main()
