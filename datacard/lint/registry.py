"""The rule registry: each rule is a small pure function registered with its code.

A rule declares the *scope* it runs on (a datasheet, a training setup, or one data reference
of a training setup); the engine builds those contexts and calls every rule of the scope. The
code itself (severity, summary, explanation with a good example) lives in the static table of
:mod:`datacard.codebook`, so that `datacard rule`, the SARIF reporter and the docs read one table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from datacard.codebook import Code
from datacard.findings import Finding

RuleFunc = Callable[[Any, Code], Iterable[Finding]]

SCOPES = ("datasheet", "setup", "reference")


@dataclass(frozen=True)
class Rule:
    code: Code
    scope: str
    func: RuleFunc

    def run(self, ctx: Any) -> Iterable[Finding]:
        """The rule's findings for ``ctx``; the rule receives its own code from its decorator."""
        return self.func(ctx, self.code)


RULES: dict[str, Rule] = {}


def rule(code: Code, *, scope: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register ``func`` as the check for ``code`` (from :mod:`datacard.codebook`), which it
    receives when it runs: the rule never writes its code string."""
    if scope not in SCOPES:
        raise ValueError(f"unknown rule scope {scope!r}")

    def register(func: RuleFunc) -> RuleFunc:
        if code.code in RULES:
            raise ValueError(f"{code.code} already has a rule")
        RULES[code.code] = Rule(code, scope, func)
        return func

    return register


def rules_for(scope: str) -> list[Rule]:
    return [r for r in RULES.values() if r.scope == scope]
