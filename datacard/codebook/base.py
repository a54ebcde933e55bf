"""A finding code: its number, name, default severity, one-line summary and explanation."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from datacard.findings import Finding, Fix, Related, Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


class Fixable(str, enum.Enum):
    """Whether `--fix` can resolve a code's findings (ruff's "fix availability")."""

    NEVER = "never"
    SOMETIMES = "sometimes"  # for some values: the message names the fix when there is one
    ALWAYS = "always"


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    fixable: Fixable = Fixable.NEVER
    fix: str = ""  # what `--fix` writes, and which of its fixes need `--unsafe-fixes`

    def __post_init__(self) -> None:
        object.__setattr__(self, "explanation", self.explanation.strip())
        object.__setattr__(self, "fix", " ".join(self.fix.split()))
        if bool(self.fix) != (self.fixable is not Fixable.NEVER):
            raise ValueError(f"{self.code}: a fixable code says what its fix does, and only a fixable one")

    def finding(
        self,
        path: str,
        line: int,
        column: int,
        message: str,
        field: str | None = None,
        severity: Severity | None = None,
        related: tuple[Related, ...] = (),
        fix: Fix | None = None,
    ) -> Finding:
        return Finding(self.code, severity or self.severity, path, line, column, message, field, related, fix)
