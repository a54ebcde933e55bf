"""DC207-DC208: text that only looks like an answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datacard.codebook import Code, datasheet
from datacard.context import Location, marker, placeholder, too_short
from datacard.context.answers import MIN_WORDS
from datacard.findings import Finding, Severity
from datacard.lint.registry import rule
from datacard.lint.scopes import SheetContext

W = Severity.WARNING
Loc = tuple[str | int, ...]


def _strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every text value with its location, depth first in document order."""
    stack: list[tuple[Loc, Any]] = [(loc, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            stack.extend(((*where, k), v) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend(((*where, i), v) for i, v in reversed(list(enumerate(item))))


@rule(datasheet.PLACEHOLDER_TEXT, scope="datasheet")
def placeholder_text(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    # A placeholder that leaves a piece of context unanswered is that gap's finding (DC201-DC206).
    reported = {gap.at.parts for gap in ctx.sheet.gaps() if gap.placeholder is not None}
    for loc, text in _strings(ctx.data, ()):
        if loc and loc[0] in ("schema_version", "kind", "name"):
            continue
        if loc in reported:  # as Location(loc) == gap.at, without building a Location per text
            continue
        key = next((p for p in reversed(loc) if isinstance(p, str)), None)
        found = placeholder(text, key)
        if found is not None:
            what = f"{found!r} is a placeholder, not an answer" if found else "the text is empty"
            yield ctx.at(code, loc, f"{what}; write what is known, or say why it is not known")
        elif (mark := marker(text, key)) is not None:
            yield ctx.at(code, loc, f"the text still contains the placeholder {mark!r}; "
                         "finish it")


# Prose fields whose answer needs at least a sentence; reasons for an absence may be terse.
PROSE: tuple[tuple[Loc, int], ...] = (
    (("summary",), MIN_WORDS),
    (("application", "purpose"), MIN_WORDS),
    (("application", "social_impact"), MIN_WORDS),
    (("origin", "collection", "description"), MIN_WORDS),
    (("origin", "people", "description"), MIN_WORDS),
    (("origin", "annotation", "process"), MIN_WORDS),
    (("origin", "ethics", "consent", "description"), MIN_WORDS),
    (("composition", "sensitive", "handling"), MIN_WORDS),
    (("origin", "people", "reason"), 2),
    (("origin", "annotation", "reason"), 2),
    (("composition", "sensitive", "reason"), 2),
    (("composition", "offensive", "reason"), 2),
)


@rule(datasheet.TEXT_TOO_SHORT, scope="datasheet")
def text_too_short(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    for loc, words in PROSE:
        value = Location(loc).get(ctx.data)
        if too_short(value, words):
            yield ctx.at(code, loc, f"{'.'.join(map(str, loc))} says too little "
                         f"({value!r}); write at least a sentence")
    for group in ("biases", "limitations"):
        for i, _risk in enumerate(Location.of("application", group).get(ctx.data) or []):
            loc = ("application", group, i, "description")
            if too_short(Location(loc).get(ctx.data)):
                yield ctx.at(code, loc, f"application.{group}[{i}] says too little; "
                             "say what goes wrong and for whom")
