"""Findings and reports: problems in a user's file are data, never exceptions."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    """How bad a finding is; ordered so that ``>=`` means 'at least as bad'."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


# Slots: a lint run over a deep lineage graph holds hundreds of thousands of findings.
@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding concerns: each gap of a datasheet behind a training reference."""

    path: str
    line: int
    column: int
    message: str
    field: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "field": self.field,
                "message": self.message}


@dataclass(frozen=True, slots=True)
class Fix:
    """A change to the file that resolves a finding: what ``--fix`` applies (:mod:`datacard.fix`).

    ``field`` is the place (mapping keys and list indexes, as in the data) that changes, and
    ``action`` what happens there:

    - ``value``: the value becomes ``new`` (text keeps the value's quoting style);
    - ``quote``: a number or boolean where text belongs becomes the text as it was written;
    - ``list``: a single value where a list belongs becomes a list holding it;
    - ``key``: the key is renamed to ``new``;
    - ``line``: line ``line`` of the file, which must read ``old``, becomes ``new`` (a comment
      edit); ``new`` None removes the line.

    A ``safe`` fix writes what the author evidently meant, with one possible reading (the case
    of a licence id, ``yes`` for true, a language name for its tag); an unsafe one is a guess
    among neighbours and is applied only with ``--unsafe-fixes``.
    """

    title: str
    action: str
    safe: bool = True
    field: tuple[str | int, ...] = ()
    new: Any = None
    line: int = 0
    old: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "applicability": "safe" if self.safe else "unsafe"}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. ``line`` and ``column`` are 1-based; 0 means 'whole file'.

    ``related`` lists the places behind a summary finding (the full, json and sarif formats
    show them; concise shows the one-line message).
    """

    code: str
    severity: Severity
    path: str
    line: int
    column: int
    message: str
    field: str | None = None
    related: tuple[Related, ...] = ()
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            **({"related": [r.to_dict() for r in self.related]} if self.related else {}),
            **({"fix": self.fix.to_dict()} if self.fix is not None else {}),
        }

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line > 0 else self.path
        return f"{where}: {self.code} {self.message}"


@dataclass(frozen=True)
class DatasetVerdict:
    """One dataset's standing in a lint run: its context gaps and the models trained on it."""

    name: str
    path: str
    gaps: tuple[str, ...]  # need labels
    models: tuple[str, ...]  # setups (models) that train on it, directly or through lineage

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "path": self.path, "gaps": list(self.gaps), "models": list(self.models)}


@dataclass
class Report:
    """Findings of one run, plus the files that were examined.

    ``datasets`` is filled by the linter: the datasets with context gaps that models train on,
    for the closing summary of which datasets block which models.
    """

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    datasets: list[DatasetVerdict] = field(default_factory=list)

    def __str__(self) -> str:
        """Readable text, as `datacard` prints it in its concise format."""
        from datacard.reporters import render_report

        return render_report(self, "concise").rstrip("\n")

    def _repr_html_(self) -> str:
        """A table of the findings, for notebooks."""
        from datacard.notebook import report_html

        return report_html(self)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    def merge(self, other: Report) -> None:
        self.findings.extend(other.findings)
        self.files.extend(other.files)
        self.datasets.extend(other.datasets)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __bool__(self) -> bool:
        # A report is an object even when it holds no findings.
        return True

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=Finding.sort_key)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def fails(self, fail_on: Severity = Severity.WARNING) -> bool:
        worst = self.worst()
        return worst is not None and worst >= fail_on

    def codes(self) -> list[str]:
        return [f.code for f in self.sorted()]
