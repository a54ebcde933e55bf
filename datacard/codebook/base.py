"""A finding code: its number, name, default severity, one-line summary and explanation."""

from __future__ import annotations

from dataclasses import dataclass

from datacard.findings import Finding, Related, Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "explanation", self.explanation.strip())

    def finding(
        self,
        path: str,
        line: int,
        column: int,
        message: str,
        field: str | None = None,
        severity: Severity | None = None,
        related: tuple[Related, ...] = (),
    ) -> Finding:
        return Finding(self.code, severity or self.severity, path, line, column, message, field, related)
