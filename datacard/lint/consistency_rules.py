"""DC209-DC214: statements that do not add up, or that a reviewer would send back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datacard.codebook import Code, datasheet
from datacard.context import Location, says_something
from datacard.findings import Finding, Severity
from datacard.lint.registry import rule
from datacard.lint.scopes import SheetContext

W, I, E = Severity.WARNING, Severity.INFO, Severity.ERROR


@rule(datasheet.SPLIT_SUM_MISMATCH, scope="datasheet")
def split_count_mismatch(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    total = Location.of("composition", "count").get(ctx.data)
    splits = Location.of("composition", "splits").get(ctx.data) or []
    raw = [s.get("count") for s in splits if isinstance(s, dict)]
    counts = [c for c in raw if isinstance(c, int)]
    # A split without a count says nothing about the sum.
    if not isinstance(total, int) or not counts or len(counts) != len(raw):
        return
    if sum(counts) != total and not says_something(Location.of("composition", "split_rationale").get(ctx.data)):
        yield ctx.at(code, ("composition", "count"),
                     f"splits add up to {sum(counts):,} but composition.count is {total:,}; "
                     "correct one, or explain the difference in composition.split_rationale")


@rule(datasheet.LICENSE_OTHER_UNNAMED, scope="datasheet")
def license_other_unnamed(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    lic = Location.of("audience", "license").get(ctx.data)
    unnamed = isinstance(lic, dict) and not says_something(lic.get("name")) and not lic.get("url")
    # A dataset card is told this in its own keys, `license_name` and `license_link` (DC411).
    if unnamed and lic.get("id") == "other" and ctx.sheet.loaded.source != "hf":
        yield ctx.at(code, ("audience", "license", "id"),
                     "licence `other` needs a `name` and a `url` to the licence text")


@rule(datasheet.SENSITIVE_WITHOUT_HANDLING, scope="datasheet")
def sensitive_without_handling(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    sensitive = Location.of("composition", "sensitive").get(ctx.data)
    flagged = [f.get("name") for f in Location.of("composition", "fields").get(ctx.data) or []
               if isinstance(f, dict) and f.get("sensitive") is True]
    present = isinstance(sensitive, dict) and sensitive.get("present") is True
    if isinstance(sensitive, dict) and sensitive.get("present") is False:
        return  # a contradiction with flagged fields is DC212's
    handling = Location.of("composition", "sensitive", "handling").get(ctx.data)
    if (present or flagged) and not says_something(handling):
        loc: tuple[Any, ...] = ("composition", "sensitive", "present") if present else ("composition", "sensitive")
        what = "sensitive.present is true" if present else f"fields {', '.join(map(str, flagged))} are sensitive"
        yield ctx.at(code, loc, f"{what} but composition.sensitive.handling does not say "
                     "how the data is protected", key=not present)


@rule(datasheet.SENSITIVE_FIELD_UNDECLARED, scope="datasheet")
def sensitive_field_undeclared(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    sensitive = Location.of("composition", "sensitive").get(ctx.data)
    declared = set(sensitive.get("fields") or []) if isinstance(sensitive, dict) else set()
    absent = isinstance(sensitive, dict) and sensitive.get("present") is False
    for i, field in enumerate(Location.of("composition", "fields").get(ctx.data) or []):
        if not isinstance(field, dict) or field.get("sensitive") is not True:
            continue
        name = field.get("name")
        if absent:
            yield ctx.at(code, ("composition", "fields", i, "sensitive"),
                         f"field {name!r} is sensitive but composition.sensitive.present is false")
        elif isinstance(sensitive, dict) and declared and name not in declared:
            yield ctx.at(code, ("composition", "fields", i, "sensitive"),
                         f"field {name!r} is sensitive but not listed in composition.sensitive.fields")


@rule(datasheet.USE_BOTH_INTENDED_AND_EXCLUDED, scope="datasheet")
def use_both(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    app = ctx.data.get("application") or {}
    intended = {str(u).strip().lower() for u in (app.get("intended_uses") or []) + (app.get("tasks") or [])}
    for i, use in enumerate(app.get("out_of_scope_uses") or []):
        if str(use).strip().lower() in intended:
            yield ctx.at(code, ("application", "out_of_scope_uses", i),
                         f"{use!r} is listed as intended and as out of scope; keep it in one list")


@rule(datasheet.PEOPLE_UNDESCRIBED, scope="datasheet")
def people_undescribed(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    people = Location.of("origin", "people").get(ctx.data) or {}
    # Only where the datasheet says so: silence about people is DC201's gap ("who is represented").
    subjects = people.get("subjects") or []
    if people.get("about_people") is not True and "people" not in subjects:
        return
    if all(not says_something(people.get(k)) for k in ("description", "speakers", "subpopulations")):
        yield ctx.at(code, ("origin", "people", "description"),
                     "the data is about people but does not say who they are: add "
                     "origin.people.description", key=True)


@rule(datasheet.SOURCE_UNTRACEABLE, scope="datasheet")
def source_untraceable(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    for i, source in enumerate(Location.of("origin", "sources").get(ctx.data) or []):
        if not isinstance(source, dict) or source.get("relation") in (None, "original"):
            continue  # raw material (a system, an archive) need not have a page of its own
        if not any(source.get(k) for k in ("url", "datacard", "dataset")):
            yield ctx.at(code, ("origin", "sources", i, "name"),
                         f"source {source.get('name')!r} has no url, datacard or dataset to follow")
