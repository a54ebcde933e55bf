"""How the cost of a check grows with the findings in a file and with the file's size.

Three series, each step run in a fresh child process (one at a time), in the same run as its
baseline, a bare ``yaml.load(text, Loader=yaml.CSafeLoader)`` of the same text:

- findings per file, 10 to 100,000: unknown keys (DC101, spread over four mappings) and values
  of the wrong type (DC103, numbers in lists of text); ``validate`` (``validate_file``) and
  ``lint`` (``lint_paths``) on the file. The step prints the time and the memory per finding.
- file size, 100 KB up to ``--max-bytes`` (10 MB): one long flow list of one-letter keywords,
  one long string, many small mappings (field entries); ``validate``, ``lint`` and ``render``
  (render only where the file is a valid datasheet). The step prints the time and memory per MB.
- memory held per loaded file, as the linter keeps one for each datasheet of a project: the
  loaded data with its position index, against the node tree with data that it replaced
  (``yaml.compose`` with the C loader, plus the data), over generated realistic datasheets.

Memory is the rise of the child's peak resident set over its level before the step
(``/proc/self/clear_refs`` resets the peak; elsewhere the step's ``ru_maxrss`` is used as is),
so imports are not counted. Time is CPU time of the step in the child.

    python bench/scaling.py                    # all three series, about 4 minutes on 2 vCPUs
    python bench/scaling.py --series findings --steps 10,1000,100000
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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

HEAD = "schema_version: 1\nname: scaling\n"
MB = 1 << 20


# --- the documents -----------------------------------------------------------------------------

def unknown_keys(n: int) -> str:
    """``n`` unknown keys, spread over four mappings so that no mapping passes 100,000 entries."""
    parts = [HEAD]
    sections = ["", "origin", "application", "audience"]
    for s, section in enumerate(sections):
        keys = range(s, n, len(sections))
        indent = "  " if section else ""
        if section:
            parts.append(f"{section}:\n")
        parts.append("".join(f"{indent}unknown_key_{i}: v\n" for i in keys))
    return "".join(parts)


def wrong_types(n: int) -> str:
    """``n`` numbers where text belongs, in two lists of text (keywords, identifiers)."""
    half = n // 2
    return (HEAD + "keywords:\n" + "".join(f"  - {i}\n" for i in range(n - half))
            + "identifiers:\n" + "".join(f"  - {i}\n" for i in range(half)))


def long_list(size: int) -> str:
    count = max(1, (size - len(HEAD) - 12) // 3)
    return HEAD + "keywords: [" + "k, " * (count - 1) + "k]\n"


def long_string(size: int) -> str:
    return HEAD + "summary: " + "x" * max(1, size - len(HEAD) - 10) + "\n"


def many_mappings(size: int) -> str:
    entry = "    - {name: f%07d, type: string}\n"
    count = max(1, (size - len(HEAD) - 30) // len(entry % 0))
    return HEAD + "composition:\n  fields:\n" + "".join(entry % i for i in range(count))


FINDING_KINDS: dict[str, Callable[[int], str]] = {"unknown keys": unknown_keys, "wrong types": wrong_types}
SIZE_KINDS: dict[str, Callable[[int], str]] = {
    "long list": long_list, "long string": long_string, "many mappings": many_mappings,
}


# --- one step, in a child process ---------------------------------------------------------------

def _rss_kb(field: str) -> int | None:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def _work(command: str, path: str) -> Callable[[], int]:
    """The measured call; returns the number of findings it reported (0 for the baseline)."""
    if command == "baseline":
        import yaml

        text = Path(path).read_text(encoding="utf-8")

        def parse() -> int:
            with contextlib.suppress(yaml.YAMLError):
                yaml.load(text, Loader=yaml.CSafeLoader)
            return 0
        return parse
    if command == "validate":
        from datacard.validate import validate_file

        return lambda: len(validate_file(path, max_bytes=1 << 30)[1].findings)
    if command == "lint":
        from datacard.config import Config
        from datacard.lint.engine import lint_paths

        config = Config(root=str(Path(path).parent))
        return lambda: len(lint_paths([path], config=config, max_bytes=1 << 30).findings)
    from datacard.render import render_markdown
    from datacard.validate import load_datasheet

    def render() -> int:
        sheet, report = load_datasheet(path, max_bytes=1 << 30)
        if sheet is not None:
            render_markdown(sheet)
        return len(report.findings)
    return render


def child(command: str, path: str) -> dict[str, Any]:
    work = _work(command, path)  # imports and model building happen here, before measuring
    before = _rss_kb("VmRSS")
    reset = _reset_peak()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    findings = work()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    peak = _rss_kb("VmHWM") if reset else None
    if peak is None or before is None:  # no /proc: the whole process's peak, imports included
        peak, before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, 0
    return {"cpu": cpu, "wall": wall, "added_kb": max(0, peak - before), "findings": findings}


def run_child(command: str, path: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "--child", command, str(path)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{command} on {path.name} failed: {done.stderr[-1500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# --- the series ---------------------------------------------------------------------------------

def _steps(text: str) -> list[int]:
    return [int(float(part)) for part in text.split(",") if part.strip()]


def findings_series(folder: Path, steps: list[int], commands: list[str]) -> None:
    print("\n## Findings per file (time and memory per finding; findings listed are capped at 1,000 + 1)")
    print(f"{'kind':<14}{'findings':>10}{'KB':>8}  {'command':<9}{'CPU s':>8}{'µs/finding':>12}"
          f"{'MB added':>10}{'KB/finding':>11}{'x baseline':>11}{'listed':>8}")
    for kind, make in FINDING_KINDS.items():
        for n in steps:
            path = folder / f"findings-{kind.replace(' ', '-')}-{n}.datacard.yaml"
            path.write_text(make(n), encoding="utf-8")
            kb = path.stat().st_size / 1024
            base = run_child("baseline", path)
            for command in ["baseline", *commands]:
                r = base if command == "baseline" else run_child(command, path)
                ratio = "" if command == "baseline" else f"{r['cpu'] / max(base['cpu'], 1e-6):.2f}"
                print(f"{kind:<14}{n:>10,}{kb:>8.0f}  {command:<9}{r['cpu']:>8.3f}{r['cpu'] / n * 1e6:>12.1f}"
                      f"{r['added_kb'] / 1024:>10.1f}{r['added_kb'] / n:>11.2f}{ratio:>11}"
                      f"{r['findings'] if command != 'baseline' else '':>8}", flush=True)


def size_series(folder: Path, sizes: list[int], commands: list[str]) -> None:
    print("\n## File size (time and memory per MB of file)")
    print(f"{'kind':<14}{'MB':>7}  {'command':<9}{'CPU s':>8}{'s/MB':>8}{'MB added':>10}{'MB/MB':>8}"
          f"{'x baseline':>11}{'findings':>9}")
    for kind, make in SIZE_KINDS.items():
        for size in sizes:
            path = folder / f"size-{kind.replace(' ', '-')}-{size}.datacard.yaml"
            path.write_text(make(size), encoding="utf-8")
            mb = path.stat().st_size / MB
            base = run_child("baseline", path)
            for command in ["baseline", *commands]:
                r = base if command == "baseline" else run_child(command, path)
                ratio = "" if command == "baseline" else f"{r['cpu'] / max(base['cpu'], 1e-6):.2f}"
                print(f"{kind:<14}{mb:>7.2f}  {command:<9}{r['cpu']:>8.3f}{r['cpu'] / mb:>8.3f}"
                      f"{r['added_kb'] / 1024:>10.1f}{r['added_kb'] / 1024 / mb:>8.1f}{ratio:>11}"
                      f"{r['findings'] if command != 'baseline' else '':>9}", flush=True)


def held_series(count: int) -> None:
    """Bytes a loaded file keeps alive, as the linter keeps them: new index against node tree."""
    import gc
    import tracemalloc

    import yaml
    from gen_corpus import generate

    from datacard.load import load

    print(f"\n## Memory held per loaded file ({count} generated datasheets, tracemalloc)")
    with tempfile.TemporaryDirectory() as tmp:
        expected = generate(Path(tmp), count, 0, seed=1, invalid=0.0)
        paths = [Path(tmp) / rel for rel in expected]
        texts = [p.read_text(encoding="utf-8") for p in paths]
        kb = sum(len(t.encode()) for t in texts) / len(texts) / 1024

        def held(keep: Callable[[Path, str], Any]) -> float:
            gc.collect()
            tracemalloc.start()
            kept = [keep(p, t) for p, t in zip(paths, texts, strict=True)]
            size = tracemalloc.get_traced_memory()[0]
            tracemalloc.stop()
            del kept
            return size / len(paths)

        def node_tree(path: Path, text: str) -> Any:
            return text, yaml.compose(text, Loader=yaml.CSafeLoader), yaml.load(text, Loader=yaml.CSafeLoader)

        def loaded(path: Path, text: str) -> Any:
            return load(path)

        old = held(node_tree)
        new = held(loaded)
        index = sum(p.nbytes() for p in (load(path).positions for path in paths) if p is not None) / len(paths)
        print(f"mean file {kb:.1f} KB; text + data + node tree (before): {old / 1024:.1f} KB per file; "
              f"text + data + position index (now): {new / 1024:.1f} KB per file ({new / old:.0%}), "
              f"of which the index {index / 1024:.1f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--series", default="findings,size,held", help="findings, size, held (comma-separated)")
    parser.add_argument("--steps", default="10,100,1000,10000,100000", help="Findings per file, one step each.")
    parser.add_argument("--max-bytes", type=int, default=10 * MB, help="The largest file size step.")
    parser.add_argument("--sizes", default="0.1,1,3", help="Smaller file sizes in MB, before --max-bytes.")
    parser.add_argument("--held-files", type=int, default=500, help="Datasheets for the memory-held series.")
    parser.add_argument("--child", nargs=2, metavar=("COMMAND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    series = set(args.series.split(","))
    import yaml

    print(f"Python {sys.version.split()[0]}, PyYAML {yaml.__version__} "
          f"({'libyaml' if getattr(yaml, '__with_libyaml__', False) else 'pure Python'}), {os.cpu_count()} CPUs; "
          "baseline: yaml.load(text, Loader=yaml.CSafeLoader) of the same text")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "findings" in series:
            findings_series(folder, _steps(args.steps), ["validate", "lint"])
        if "size" in series:
            sizes = [int(float(s) * MB) for s in args.sizes.split(",") if s.strip()] + [args.max_bytes]
            size_series(folder, sizes, ["validate", "lint", "render"])
    if "held" in series:
        held_series(args.held_files)


if __name__ == "__main__":
    main()
