"""At most MAX_FINDINGS findings per file, then one finding (DC017) that counts the rest.

A file with 40,000 unknown keys is not 40,000 problems for a person to read: it is one mistake
repeated, or not a datasheet at all. Listing the first thousand, in the order of the file, and
counting the rest by code keeps the output, and the work of writing it, bounded per file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Protocol

from datacard import codes
from datacard.findings import Finding, Severity

MAX_FINDINGS = 1000


def left_out(path: str, first: Finding | tuple[int, int], counts: Mapping[str, int],
             severity: Severity) -> Finding:
    """The DC017 finding for ``counts`` (code -> number) findings not listed, placed at ``first``
    (the first one left out), with the severity of the worst of them."""
    line, column = (first.line, first.column) if isinstance(first, Finding) else first
    total = sum(counts.values())
    by_code = ", ".join(f"{code} x{number:,}" for code, number in sorted(counts.items()))
    return codes.TOO_MANY_FINDINGS.finding(
        path, line, column,
        f"{total:,} more findings in this file are not listed ({by_code}); "
        "fix the ones above and check again",
        severity=severity,
    )


def worst(severities: Iterable[Severity]) -> Severity:
    return max(severities, key=lambda s: s.rank, default=Severity.INFO)


class Bundle(Protocol):
    """Findings with one place and code, kept as one until they are written out (a linter's
    inherited gaps: :mod:`datacard.lint.inherited`); iterating gives them in order."""

    @property
    def path(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    def sort_key(self) -> tuple[str, int, int, str]: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Finding]: ...


def _size(item: Finding | Bundle) -> int:
    return 1 if isinstance(item, Finding) else len(item)


def _out(items: Iterable[Finding | Bundle]) -> Iterator[Finding]:
    for item in items:
        if isinstance(item, Finding):
            yield item
        else:
            yield from item


def cap_findings(findings: Iterable[Finding | Bundle], limit: int = MAX_FINDINGS) -> list[Finding]:
    """``findings`` with at most ``limit`` per file: the first in file order, then one DC017.

    A bundle counts as the findings it holds; only the ones listed are made."""
    found = list(findings)
    per_file: Counter[str] = Counter()
    for item in found:
        per_file[item.path] += _size(item)
    if all(number <= limit for number in per_file.values()):
        return list(_out(found))
    over = {path for path, number in per_file.items() if number > limit}
    kept = list(_out(f for f in found if f.path not in over))
    by_path: dict[str, list[Finding | Bundle]] = {path: [] for path in sorted(over)}
    for item in found:
        if item.path in over:
            by_path[item.path].append(item)
    for path, group in by_path.items():
        kept.extend(_capped(path, sorted(group, key=lambda f: f.sort_key()), limit))
    return kept


def _capped(path: str, group: list[Finding | Bundle], limit: int) -> Iterator[Finding]:
    """The first ``limit`` findings of a file's sorted ``group``, then the DC017 that counts the rest."""
    room = limit
    first: tuple[int, int] | None = None
    counts: Counter[str] = Counter()
    severities: list[Severity] = []
    for item in group:
        size = _size(item)
        shown = min(room, size)
        if shown:
            yield from islice(_out([item]), shown)
            room -= shown
        if shown < size:
            first = first or (item.line, item.column)
            counts[item.code] += size - shown
            severities.append(item.severity)
    yield left_out(path, first or (0, 0), counts, worst(severities))
