"""At most MAX_FINDINGS findings per file, then one finding (DC017) that counts the rest.

A file with 40,000 unknown keys is not 40,000 problems for a person to read: it is one mistake
repeated, or not a datasheet at all. Listing the first thousand, in the order of the file, and
counting the rest by code keeps the output, and the work of writing it, bounded per file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

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


def cap_findings(findings: Iterable[Finding], limit: int = MAX_FINDINGS) -> list[Finding]:
    """``findings`` with at most ``limit`` per file: the first in file order, then one DC017."""
    found = list(findings)
    per_file = Counter(f.path for f in found)
    if all(number <= limit for number in per_file.values()):
        return found
    kept = [f for f in found if per_file[f.path] <= limit]
    for path in sorted(p for p, number in per_file.items() if number > limit):
        group = sorted((f for f in found if f.path == path), key=Finding.sort_key)
        rest = group[limit:]
        kept.extend(group[:limit])
        kept.append(left_out(path, rest[0], Counter(f.code for f in rest), worst(f.severity for f in rest)))
    return kept
