"""Which codes are reported: ruff's --select / --ignore / --extend-select and per-file ignores,
by code or prefix. Resolved once per run, with the project (:mod:`datacard.project`)."""

from __future__ import annotations

import contextlib
import fnmatch
import os
from dataclasses import dataclass, field

from datacard import codes


class SelectionError(ValueError):
    """A selector that names no code: a usage error."""


def check_selectors(selectors: list[str]) -> list[str]:
    known = [c.code for c in codes.all_codes()]
    out = []
    for raw in selectors:
        sel = raw.strip().upper()
        if sel == "ALL":
            sel = "DC"
        if not sel or not any(k.startswith(sel) for k in known):
            raise SelectionError(f"{raw!r} matches no rule code; see `datacard rule --all`")
        out.append(sel)
    return out


def _best(code: str, selectors: list[str]) -> int:
    return max((len(s) for s in selectors if code.startswith(s)), default=-1)


@dataclass
class Selection:
    select: list[str] = field(default_factory=lambda: ["DC"])
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    root: str = "."

    def enabled(self, code: str) -> bool:
        """The most specific selector wins; on a tie, ignore wins (as in ruff)."""
        return _best(code, self.select) > _best(code, self.ignore)

    def enabled_in(self, code: str, path: str) -> bool:
        if not self.enabled(code):
            return False
        if not self.per_file_ignores:
            return True
        candidates = {path.replace(os.sep, "/")}
        with contextlib.suppress(ValueError):
            candidates.add(os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/"))
        for pattern, ignored in self.per_file_ignores.items():
            if any(fnmatch.fnmatch(c, pattern) or fnmatch.fnmatch(os.path.basename(c), pattern)
                   for c in candidates) and _best(code, ignored) >= 0:
                return False
        return True
