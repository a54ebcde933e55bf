"""Suppressions: `# noqa: DC304` on the flagged line, `# datacard: noqa[: DC2]` for a whole file.

Markdown model cards may write the same as an HTML comment, `<!-- noqa: DC310 -->`. A
suppression that suppresses nothing is itself reported (DC900), so stale ones do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from datacard import codes
from datacard.codebook import suppression
from datacard.findings import Finding, Fix

UNUSED = suppression.UNUSED_NOQA

_CODES = r"(?P<codes>[A-Za-z]+[0-9]*(?:\s*[,\s]\s*[A-Za-z]+[0-9]*)*)"
_FILE = re.compile(rf"^\s*(?:#|<!--)\s*datacard:\s*noqa(?::\s*{_CODES})?\s*(?:-->)?\s*$", re.IGNORECASE)
_INLINE = re.compile(rf"(?:^|\s)(?:#|<!--)\s*noqa(?::\s*{_CODES})?\s*(?:-->)?\s*$", re.IGNORECASE)


@dataclass
class Directive:
    line: int
    column: int
    codes: tuple[str, ...] | None  # None: every code
    file_level: bool
    used: set[str] = field(default_factory=set)
    text: str = ""  # the line that holds it
    comment: tuple[int, int] = (0, 0)  # where the comment is on the line
    listed: tuple[int, int] | None = None  # where its codes are written

    def fix(self, kept: Sequence[str]) -> Fix:
        """The comment edit that keeps only ``kept`` codes (none: the comment goes, and its
        line too when it held nothing else)."""
        line = self.text
        if kept and self.listed is not None:
            start, end = self.listed
            return Fix(f"keep only {', '.join(kept)}", "line", True, line=self.line, old=line,
                       new=line[:start] + ", ".join(kept) + line[end:])
        start, end = self.comment
        rest = (line[:start] + line[end:]).rstrip()
        if not rest.strip():
            return Fix("remove the comment and its line", "line", True, line=self.line, old=line, new=None)
        return Fix("remove the comment", "line", True, line=self.line, old=line, new=rest)

    def matches(self, code: str) -> str | None:
        """The directive code (or '*') that covers ``code``, or None."""
        if self.codes is None:
            return "*"
        return next((c for c in self.codes if code.startswith(c)), None)


def _split(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(c.upper() for c in re.split(r"[,\s]+", text.strip()) if c)


def _span(match: re.Match[str]) -> tuple[int, int] | None:
    return match.span("codes") if match.group("codes") is not None else None


def parse(text: str) -> list[Directive]:
    out: list[Directive] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "noqa" not in line.lower():
            continue
        whole = _FILE.match(line)
        if whole:
            out.append(Directive(number, line.index("datacard") + 1, _split(whole.group("codes")), True,
                                 text=line, comment=whole.span(), listed=_span(whole)))
            continue
        inline = _INLINE.search(line)
        if inline:
            start = inline.start() + (line[inline.start()].isspace())
            out.append(Directive(number, start + 1, _split(inline.group("codes")), False,
                                 text=line, comment=(start, inline.end()), listed=_span(inline)))
    return out


def apply(
    findings: Iterable[Finding],
    directives: dict[str, list[Directive]],
) -> list[Finding]:
    """The findings no directive suppresses; marks each directive with what it used."""
    return [f for f in findings if not suppresses(directives.get(f.path, ()), f.line, f.code)]


def suppresses(directives: Iterable[Directive], line: int, code: str) -> bool:
    """Whether a directive of a file suppresses ``code`` at ``line``; marks each that does."""
    suppressed = False
    for directive in directives:
        if directive.file_level or directive.line == line:
            hit = directive.matches(code)
            if hit is not None:
                directive.used.add(hit)
                suppressed = True
    return suppressed


def unused(path: str, directives: list[Directive], enabled: Callable[[str], bool]) -> list[Finding]:
    """DC900 for each directive (or code in it) that suppressed nothing."""
    known = {c.code for c in codes.all_codes()}
    out: list[Finding] = []
    for d in directives:
        if d.codes is None:
            if not d.used:
                out.append(UNUSED.finding(path, d.line, d.column, "`noqa` suppresses nothing here; remove it",
                                          fix=d.fix(())))
            continue
        stale = [c for c in d.codes if c not in d.used and c != UNUSED.code and (
            not any(k.startswith(c) for k in known) or any(enabled(k) for k in known if k.startswith(c)))]
        if stale:
            unknown = [c for c in stale if not any(k.startswith(c) for k in known)]
            detail = f" (unknown: {', '.join(unknown)})" if unknown else ""
            kept = [c for c in d.codes if c not in stale]
            out.append(UNUSED.finding(
                path, d.line, d.column,
                f"`noqa: {', '.join(stale)}` suppresses nothing here{detail}; remove it",
                fix=d.fix(kept),
            ))
    return out
