"""Rendering a catalogue of datasheets in one process, against validating them.

Over ``--datasheets`` valid generated datasheets (``bench/gen_corpus.py``):

- in-process, per round: validating every file (``validate_file``: load and model) against
  rendering every file (``load_datasheet`` then ``render_markdown``, which includes validating
  it); the figure is render / validate, the median over rounds with its spread
  (``bench/pairs.py``). Target: at most 2x.
- as commands: ``datacard render DIR -o OUT --force`` against ``datacard validate --jobs 1 DIR``.

    python bench/render.py --datasheets 1000 --pairs 5
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_corpus import generate
from pairs import call, code_env, find_datacard, interleave, machine_load, median, ratios, run, verdict

TARGET = 2.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasheets", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--code", type=Path, help="Measure this checkout of datacard instead of the installed one.")
    args = parser.parse_args()
    datacard = find_datacard()
    if datacard is None:
        raise SystemExit("datacard is not on PATH; run `pip install -e .` first")
    from datacard.render import render_markdown
    from datacard.validate import load_datasheet, validate_file

    with machine_load(), tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sheets"
        expected = generate(folder, args.datasheets, 0, seed=7, invalid=0.0)
        files = [str(folder / rel) for rel in sorted(expected)]

        def validate_all() -> None:
            for path in files:
                validate_file(path)

        def render_all() -> None:
            for path in files:
                datasheet, _ = load_datasheet(path)
                assert datasheet is not None, path
                render_markdown(datasheet)

        in_process = interleave({"validate": lambda: call(validate_all), "render": lambda: call(render_all)},
                                args.pairs)
        env = code_env(args.code)
        out = Path(tmp) / "site"
        commands = interleave({
            "validate": lambda: run([datacard, "validate", "--jobs", "1", "-q", str(folder)], env=env),
            "render": lambda: run([datacard, "render", str(folder), "-o", str(out), "--force", "-q"], env=env),
        }, args.pairs)
    n = len(files)
    ratio = ratios(in_process["validate"], in_process["render"])
    print(f"{n} datasheets; {args.pairs} rounds; ratio = render / validate within a round: median [quartiles] (range)")
    print(f"in-process: validate {median(in_process['validate']) / n * 1000:.2f} ms per file, render "
          f"{median(in_process['render']) / n * 1000:.2f} ms per file (validation included): {ratio}")
    print(f"commands: validate --jobs 1 {median(commands['validate']):.2f} s CPU, render -o DIR "
          f"{median(commands['render']):.2f} s CPU: {ratios(commands['validate'], commands['render'])}")
    print(verdict(ratio.median, TARGET, "in-process render / validate"))


if __name__ == "__main__":
    main()
