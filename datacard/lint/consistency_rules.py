"""DC209-DC214: statements that do not add up, or that a reviewer would send back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datacard.codes import Code
from datacard.context import Location, says_something
from datacard.findings import Finding, Severity
from datacard.lint.registry import rule
from datacard.lint.scopes import SheetContext

W, I, E = Severity.WARNING, Severity.INFO, Severity.ERROR


@rule("DC209", "split-count-mismatch", W, "The split counts do not add up to the instance count.", """
When every split has a count and the dataset has a total, the splits should add up to it.
If they overlap or leave instances out on purpose, say so in `split_rationale`.

Good:

    composition:
      count: 598000
      splits:
        - {name: train, count: 560000}
        - {name: test, count: 38000}
""", scope="datasheet")
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


@rule(
    "DC210", "license-other-unnamed", W,
    "A licence of `other` names neither the licence nor a link to it.",
    """
`id: other` says only that the licence has no SPDX id. Give its name and a link to the text, so
that a reader can find out what they may do with the data.

Good:

    audience:
      license:
        id: other
        name: Yelp Dataset Terms of Use
        url: https://s3-media0.fl.yelpcdn.com/assets/srv0/engineering_pages/bea5c1e92bf3/assets/vendor/yelp-dataset-agreement.pdf
""", scope="datasheet")
def license_other_unnamed(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    lic = Location.of("audience", "license").get(ctx.data)
    unnamed = isinstance(lic, dict) and not says_something(lic.get("name")) and not lic.get("url")
    if unnamed and lic.get("id") == "other":
        yield ctx.at(code, ("audience", "license", "id"),
                     "licence `other` needs a `name` and a `url` to the licence text")


@rule(
    "DC211", "sensitive-without-handling", W,
    "Sensitive data is present but nothing says how it is handled.",
    """
When the data holds personal or sensitive information, say how it is protected: removed,
pseudonymised, aggregated, access-controlled. Without that, a model trained on it may memorise
and repeat it.

Good:

    composition:
      sensitive:
        present: true
        categories: [financial, names]
        fields: [applicant_name, income]
        handling: Names are replaced by salted hashes; access needs a signed data agreement.
""", scope="datasheet")
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


@rule(
    "DC212", "sensitive-field-undeclared", W,
    "A field is marked sensitive but the dataset says it has no sensitive data.",
    """
A field with `sensitive: true` contradicts `composition.sensitive.present: false`, and a
sensitive field that is not listed in `composition.sensitive.fields` is easy to miss. Keep the
two in agreement.

Good:

    composition:
      fields:
        - {name: email, type: string, sensitive: true}
      sensitive:
        present: true
        fields: [email]
        handling: Addresses are hashed before release.
""", scope="datasheet")
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


@rule(
    "DC213", "use-both-intended-and-excluded", E,
    "A use is listed both as intended and as out of scope.",
    """
The same use cannot be both intended and out of scope. Keep it in one list, and make the other
precise ("sentiment analysis of product reviews" against "sentiment analysis of individuals").

Good:

    application:
      intended_uses: [Sentiment analysis of product reviews.]
      out_of_scope_uses: [Profiling individual reviewers.]
""", scope="datasheet")
def use_both(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    app = ctx.data.get("application") or {}
    intended = {str(u).strip().lower() for u in (app.get("intended_uses") or []) + (app.get("tasks") or [])}
    for i, use in enumerate(app.get("out_of_scope_uses") or []):
        if str(use).strip().lower() in intended:
            yield ctx.at(code, ("application", "out_of_scope_uses", i),
                         f"{use!r} is listed as intended and as out of scope; keep it in one list")


@rule("DC214", "people-undescribed", W, "Data about people does not say who they are.", """
`about_people: true` (or a `people` subject) with no description, speakers or subpopulations
leaves out the most important part: who is represented, and who is missing. Describe them.

Good:

    origin:
      people:
        about_people: true
        description: >-
          Members of the Norwegian parliament 1998-2016, with their party, gender and region;
          speeches by ministers are included, questions from the public are not.
""", scope="datasheet")
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


@rule("DC215", "source-untraceable", I, "A source dataset names neither a link nor a datasheet.", """
A source that this dataset derives from (`relation` other than `original`) given only by name
cannot be followed: add its `url`, or, when it is a dataset with a
datasheet of its own, `datacard:` (a relative path) or `dataset:` (its name or identifier) so
that lineage checks can follow it.

Good:

    origin:
      sources:
        - name: CRM export, accounts table
          datacard: crm-raw.datacard.yaml
          relation: derived
""", scope="datasheet")
def source_untraceable(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    for i, source in enumerate(Location.of("origin", "sources").get(ctx.data) or []):
        if not isinstance(source, dict) or source.get("relation") in (None, "original"):
            continue  # raw material (a system, an archive) need not have a page of its own
        if not any(source.get(k) for k in ("url", "datacard", "dataset")):
            yield ctx.at(code, ("origin", "sources", i, "name"),
                         f"source {source.get('name')!r} has no url, datacard or dataset to follow")
