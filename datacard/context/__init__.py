"""The one home of "documented enough": context needs, answered-ness and locations.

Bottom layer, beside :mod:`datacard.model`: no I/O, no imports from the linter, coverage,
renderer or CLI, all of which read it.
"""

from __future__ import annotations

from datacard.context.answers import (
    Judgement,
    State,
    clean_text,
    judge,
    marker,
    placeholder,
    says_something,
    too_short,
    without_markers,
)
from datacard.context.location import EACH, Location, dotted
from datacard.context.needs import (
    ABOUT_PEOPLE,
    CONDITIONS,
    GROUPS,
    HOLDS_LANGUAGE,
    LABELLED,
    NEEDS,
    Condition,
    Gap,
    Need,
    gaps,
    is_labelled,
    may_be_about_people,
    may_hold_language,
    required,
)

__all__ = [
    "ABOUT_PEOPLE", "CONDITIONS", "EACH", "GROUPS", "HOLDS_LANGUAGE", "LABELLED", "NEEDS", "Condition", "Gap",
    "Judgement", "Location", "Need", "State", "clean_text", "dotted", "gaps", "is_labelled", "judge", "marker",
    "may_be_about_people", "may_hold_language", "placeholder", "required", "says_something", "too_short",
    "without_markers",
]
