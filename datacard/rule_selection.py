"""Which codes are reported: ruff's --select / --ignore / --extend-select and per-file ignores,
by code or prefix. Resolved once per run, with the project (:mod:`datacard.project`)."""

from __future__ import annotations

import contextlib
import fnmatch
import os
from dataclasses import dataclass, field, replace

from datacard import codes
from datacard.findings import Finding, Severity


class SelectionError(ValueError):
    """A selector that names no code: a usage error."""


def check_selectors(selectors: list[str]) -> list[str]:
    """The selectors, upper-cased (``ALL`` is ``DC``); :class:`SelectionError`, with the nearest
    code or prefix, for one that matches no code."""
    known = codes.all_codes()
    out = []
    for raw in selectors:
        sel = raw.strip().upper()
        if sel == "ALL":
            sel = "DC"
        if not sel or not any(k.code.startswith(sel) for k in known):
            near = suggestion(raw.strip(), known)
            ranges = sorted({c.code[:3] for c in known})
            hint = (f"; did you mean {near}?" if near else
                    f"; codes start with {', '.join(ranges[:-1])} or {ranges[-1]}")
            raise SelectionError(f"{raw!r} matches no rule code{hint} (`datacard rule --all` lists them)")
        out.append(sel)
    return out


def suggestion(raw: str, known: list[codes.Code]) -> str | None:
    """The code or prefix a selector that matches nothing most likely meant: a rule's name
    (``placeholder-text`` is DC207), a code with a typo (``DC2O7``, ``dc-207``), or the longest
    prefix of it that exists (``DC299`` -> ``DC2``)."""
    import difflib

    by_name = {c.name: c.code for c in known}
    if raw.lower() in by_name:
        return by_name[raw.lower()]
    close_name = difflib.get_close_matches(raw.lower(), list(by_name), n=1, cutoff=0.75)
    if close_name:
        return f"{by_name[close_name[0]]} ({close_name[0]})"
    cleaned = raw.upper().replace("-", "").replace("_", "").replace(" ", "")
    if cleaned.startswith("DC"):  # letters typed for digits: DC2O7, DC30l
        cleaned = "DC" + cleaned[2:].translate(str.maketrans("OLI", "011"))
    all_codes = [c.code for c in known]
    if cleaned in all_codes:
        return cleaned
    close = difflib.get_close_matches(cleaned, all_codes, n=1, cutoff=0.8)
    if close:
        return close[0]
    for end in range(len(cleaned) - 1, 2, -1):
        if any(c.startswith(cleaned[:end]) for c in all_codes):
            return cleaned[:end]
    return None


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


def with_severities(findings: list[Finding], severity: dict[str, str]) -> list[Finding]:
    """Findings with the project's severities (`severity` in `[tool.datacard]`): the most specific
    code or prefix wins, as selectors do."""
    if not severity:
        return findings
    out = []
    for f in findings:
        chosen = severity_for(f.code, severity)
        out.append(f if chosen is None else replace(f, severity=chosen))
    return out


def severity_for(code: str, severity: dict[str, str]) -> Severity | None:
    """The project's severity for ``code`` (the most specific code or prefix), None when it sets none."""
    best = max((k for k in severity if code.startswith(k)), key=len, default=None)
    return None if best is None else Severity(severity[best])


def selected_findings(findings: list[Finding], selection: Selection, severity: dict[str, str]) -> list[Finding]:
    """The findings the selection reports, with the project's severities. An internal error is
    never deselected: the run did not check that file."""
    kept = [f for f in findings if selection.enabled_in(f.code, f.path) or f.code == codes.INTERNAL_ERROR.code]
    return with_severities(kept, severity)
