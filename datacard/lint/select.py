"""The rule selection now lives with the project (:mod:`datacard.rule_selection`); this name stays
for the linter's modules and for code written against it."""

from __future__ import annotations

from datacard.rule_selection import Selection, SelectionError, check_selectors

__all__ = ["Selection", "SelectionError", "check_selectors"]
