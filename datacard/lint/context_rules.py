"""DC201-DC206, DC216: a datasheet that leaves part of its context unsaid.

What counts as context, when it applies and what counts as an answer are decided once, in
:mod:`datacard.context`; each rule here reports the gaps whose need carries its code, once per
gap, at the placeholder that fills it or where the answer belongs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from datacard.codebook import Code, datasheet
from datacard.context import Gap
from datacard.findings import Finding, Severity
from datacard.lint.registry import rule
from datacard.lint.scopes import SheetContext

W = Severity.WARNING


def gap_message(gap: Gap) -> str:
    # Interned: a lint run holds one per gap of every datasheet (their findings, and the related
    # places of what models inherit), and most are the same few sentences.
    return sys.intern(_gap_message(gap))


def _gap_message(gap: Gap) -> str:
    need = gap.need
    if need.label == need.field:  # a field the project requires (extend-require)
        said = f"holds only {gap.placeholder!r}" if gap.placeholder is not None else "is missing"
        return f"{need.field} {said}: the project requires it (extend-require in its configuration)"
    if gap.placeholder is not None:
        return (f"{need.label} holds only {gap.placeholder!r}, not an answer: write {need.field} "
                f"({need.why})")
    return f"{need.label} is missing: add {need.field} ({need.why})"


def _gaps(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    for gap in ctx.sheet.gaps():
        if gap.need.code == code.code:
            message = gap_message(gap)
            # A card or Croissant file read as a datasheet: say where in that file the answer goes.
            home = ctx.sheet.loaded.home(gap.at.parts)
            if home is not None:
                message += f"; in this file, write it {home}"
            yield ctx.at(code, gap.at, message, key=gap.placeholder is None, field=gap.field)


@rule(datasheet.ORIGIN_MISSING, scope="datasheet")
def origin_missing(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    yield from _gaps(ctx, code)


@rule(datasheet.APPLICATION_MISSING, scope="datasheet")
def application_missing(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    yield from _gaps(ctx, code)


@rule(datasheet.AUDIENCE_MISSING, scope="datasheet")
def audience_missing(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    yield from _gaps(ctx, code)


@rule(datasheet.LANGUAGE_MISSING, scope="datasheet")
def language_missing(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    yield from _gaps(ctx, code)


@rule(datasheet.ANNOTATION_UNDOCUMENTED, scope="datasheet")
def annotation_undocumented(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    yield from _gaps(ctx, code)


@rule(datasheet.PEOPLE_WITHOUT_CONSENT, scope="datasheet")
def people_without_consent(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    yield from _gaps(ctx, code)


@rule(datasheet.REQUIRED_FIELD_MISSING, scope="datasheet")
def required_field_missing(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    yield from _gaps(ctx, code)


@rule(datasheet.POLICY_VIOLATION, scope="datasheet")
def policy_violation(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    if ctx.policy is None:
        return
    for violation in ctx.policy.violations(ctx.data):
        where = violation.where / violation.missing if violation.missing else violation.where
        yield ctx.at(code, where, violation.message, key=violation.missing is not None)
