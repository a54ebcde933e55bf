"""Every rule module, imported so that the code registry sees every lint code."""

from __future__ import annotations

from datacard.lint import (  # noqa: F401 - imported for their registrations
    consistency_rules,
    context_rules,
    lineage_rules,
    noqa,
    setup_rules,
    text_rules,
    usage_rules,
)
from datacard.lint.registry import RULES, Rule, rules_for

__all__ = ["RULES", "Rule", "rules_for"]
