"""How the time and size of `datacard site` grow with the catalogue.

Generates catalogues of 10, 1,000 and 10,000 datasheets (bench/gen_corpus.py: a fifth derive
from another datasheet, one training manifest per ten datasheets), builds each site with
`datacard site` in a child process, and prints wall and CPU time per datasheet, the number of
files and the total size. Linear growth means a flat time and size per datasheet. A second
build of the same catalogue into the same folder must change no byte (it is checked).

With Chromium and chromedriver installed (Debian: chromium, chromium-driver), the 10,000
index is then opened from disk and searched: the time from typing to the updated table is
printed for a few queries (the median must stay under 100 ms).

    python bench/site_build.py --sizes 10,1000,10000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_corpus import EXPECTED, generate
from lint import child_cpu
from startup import ENV, find_datacard

DEFAULT_ROOT = Path(__file__).resolve().parent / "corpus" / "site"
QUERIES = ("reviews", "group-042", "zz-no-match", "crowdworkers annotated", "e")


def corpus(root: Path, datasheets: int, seed: int) -> Path:
    out = root / f"corpus-{datasheets}"
    manifests = max(1, datasheets // 10)
    expected = out / EXPECTED
    if not expected.exists() or len(json.loads(expected.read_text())) != datasheets + manifests:
        print(f"generating {datasheets} datasheets and {manifests} manifests under {out} ...", flush=True)
        generate(out, datasheets, manifests, seed=seed)
    return out


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def build(datacard: str, source: Path, out: Path) -> tuple[float, float]:
    cpu0, wall0 = child_cpu(), time.perf_counter()
    done = subprocess.run([datacard, "site", str(source), "-o", str(out), "--quiet", "--isolated"],
                          env=ENV, capture_output=True, text=True, check=False)
    wall, cpu = time.perf_counter() - wall0, child_cpu() - cpu0
    if done.returncode != 0:
        raise SystemExit(f"datacard site exited {done.returncode}: {done.stderr[-800:]}")
    return wall, cpu


def search_times(index: Path) -> list[float] | None:
    """Milliseconds from a query's input event to the laid-out table, in headless Chromium."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    try:
        from browser import open_browser
    except ImportError:
        return None
    with open_browser() as driver:
        if driver is None:
            return None
        driver.set_window_size(1280, 900)
        driver.get(index.resolve().as_uri())
        times = []
        for query in QUERIES:
            times.append(driver.execute_script(_SEARCH, query))
            times.append(driver.execute_script(_SEARCH, ""))
        return times


# Types the query, then waits for the frame after the table was updated.
_SEARCH = """
const q = document.getElementById('q');
const t0 = performance.now();
q.value = arguments[0];
q.dispatchEvent(new Event('input'));
document.body.getBoundingClientRect();
void document.getElementById('catalogue').offsetHeight;
return performance.now() - t0;
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,1000,10000", help="Datasheets per catalogue, comma-separated.")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    datacard = find_datacard()
    if datacard is None:
        raise SystemExit("no datacard command here: pip install -e '.[site]'")
    print(f"{'datasheets':>10} {'files':>7} {'size MB':>8} {'KB/sheet':>8} {'wall s':>8} {'cpu s':>8} "
          f"{'ms/sheet':>9} {'rebuild':>9}")
    last_site = None
    points: list[tuple[int, float, int]] = []
    for n in (int(s) for s in args.sizes.split(",")):
        source = corpus(args.root, n, args.seed)
        out = args.root / f"site-{n}"
        wall, cpu = build(datacard, source, out)
        first = tree_digest(out)
        build(datacard, source, out)
        same = "same" if tree_digest(out) == first else "DIFFERS"
        files = [p for p in out.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        print(f"{n:>10,} {len(files):>7,} {size / 1e6:>8.1f} {size / 1e3 / n:>8.1f} {wall:>8.1f} {cpu:>8.1f} "
              f"{cpu * 1000 / n:>9.1f} {same:>9}", flush=True)
        points.append((n, cpu, size))
        last_site = out
    if len(points) >= 2:
        (n0, cpu0, size0), (n1, cpu1, size1) = points[-2], points[-1]
        print(f"from {n0:,} to {n1:,} datasheets: {(cpu1 - cpu0) * 1000 / (n1 - n0):.1f} ms and "
              f"{(size1 - size0) / 1e3 / (n1 - n0):.1f} KB per added datasheet (flat when linear)")
    if last_site is not None:
        times = search_times(last_site / "index.html")
        if times is None:
            print("search: no Chromium with chromedriver here; not measured")
        else:
            print(f"search in the largest index, ms: median {statistics.median(times):.1f}, "
                  f"max {max(times):.1f} over {len(times)} updates")


if __name__ == "__main__":
    main()
