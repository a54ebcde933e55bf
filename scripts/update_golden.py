"""Render every golden datasheet again: tests/golden/*.md and examples/*.md, after an intended
change to the page's sections (datacard/render/page.py), the filters or an example.

    python scripts/update_golden.py           # rewrite the pages that changed, list them
    python scripts/update_golden.py --check   # exit 1, naming them, if any page is stale

Each page is what `datacard render NAME.datacard.yaml` prints (with datacard's own context
needs, as the tests render them), so a diff of the result is the change a reader will see.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "tests" / "golden", ROOT / "examples")


def pairs() -> list[tuple[Path, Path]]:
    """(datasheet, page) for every golden datasheet, in a stable order."""
    found = []
    for folder in FOLDERS:
        for source in sorted(folder.glob("*.datacard.yaml")):
            found.append((source, source.with_name(source.name[: -len(".datacard.yaml")] + ".md")))
    return found


def main(argv: list[str] | None = None) -> int:
    from datacard.render import render_markdown
    from datacard.validate import load_datasheet
    from datacard.write import write_text_atomic

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a page is stale")
    args = parser.parse_args(argv)
    stale = []
    for source, page in pairs():
        sheet, report = load_datasheet(source)
        if sheet is None:
            print(f"{source.relative_to(ROOT)}: not a valid datasheet\n{report}", file=sys.stderr)
            return 2
        text = render_markdown(sheet)
        current = page.read_text(encoding="utf-8") if page.exists() else None
        if current == text:
            continue
        stale.append(page)
        if not args.check:
            write_text_atomic(page, text, overwrite=True)
        print(f"{'stale' if args.check else 'wrote'} {page.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
