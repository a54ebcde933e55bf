"""Cost of the one escaper (datacard/escape.py): time per MB as text grows, for prose and for
inputs built to be slow (every line a candidate, every character a `<` or `](`).

Baseline in the same run: `html.escape` of the same text, the least any escaping costs.
The time per MB must stay flat from the smallest size to the largest (no quadratic path).

    python bench/escape.py [--sizes 0.25,1,4] [--repeat 3]
"""

from __future__ import annotations

import argparse
import html
import time
from collections.abc import Callable

from datacard import escape

_PROSE = (
    "Reviews from **2010 to 2015**, with [a link](https://example.org/x) and `code`.\n"
    "- an item with <b>HTML</b> & an entity\n"
    "> a quote\n\n"
)
# Inputs that make each candidate rule work: line starts, `<`, `](` and backslash runs.
SHAPES: dict[str, str] = {
    "prose": _PROSE,
    "line-starts": "[x\n# h\n===\n```\n- - x\n",
    "angles": "<https://a.example/x <javascript:x> <",
    "link-ends": "[a](javascript:x) ](https://x) ](  \n  <https://y>)",
    "backslashes": "\\\\\\\\\\<\\\\\\]( \\#",
}
FUNCTIONS: dict[str, Callable[[str], str]] = {
    "html.escape (baseline)": html.escape,
    "markdown_block": escape.markdown_block,
    "markdown_prose": escape.markdown_prose,
    "unescape_prose": escape.unescape_prose,
    "terminal_text": escape.terminal_text,
    "log_line": escape.log_line,
}


def _best(func: Callable[[str], str], text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        func(text)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="0.25,1,4", help="text sizes in MB, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"CPU seconds per MB, best of {args.repeat}; sizes {', '.join(f'{s:g} MB' for s in sizes)}")
    print(f"| shape | function | {' | '.join(f'{s:g} MB' for s in sizes)} | largest / smallest |")
    print(f"|---|---|{'---:|' * len(sizes)}---:|")
    for shape, unit in SHAPES.items():
        texts = [unit * max(1, int(size * 2**20 / len(unit))) for size in sizes]
        for name, func in FUNCTIONS.items():
            per_mb = [_best(func, text, args.repeat) / (len(text) / 2**20) for text in texts]
            cells = " | ".join(f"{t:.3f}" for t in per_mb)
            print(f"| {shape} | {name} | {cells} | {per_mb[-1] / per_mb[0]:.2f} |")


if __name__ == "__main__":
    main()
