"""DC201-DC206, DC216: a datasheet that leaves part of its context unsaid.

What counts as context, when it applies and what counts as an answer are decided once, in
:mod:`datacard.context`; each rule here reports the gaps whose need carries its code, once per
gap, at the placeholder that fills it or where the answer belongs.
"""

from __future__ import annotations

from collections.abc import Iterator

from datacard.codes import Code
from datacard.context import Gap
from datacard.findings import Finding, Severity
from datacard.lint.registry import rule
from datacard.lint.scopes import SheetContext

W = Severity.WARNING


def gap_message(gap: Gap) -> str:
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
            yield ctx.at(code, gap.at, gap_message(gap), key=gap.placeholder is None, field=gap.field)


@rule("DC201", "origin-missing", W, "The datasheet does not say where the data comes from.", """
A model inherits whatever its data carries. Without the origin — who made the data, from what
sources, by which method, when, and who is in it — no one can later judge whether the data fits
a new purpose. The finding names the field to add; it points at the deepest key that exists, or
at the placeholder that stands where the answer should be.

Good:

    origin:
      creators:
        - name: Yelp Inc.
          kind: organization
      sources:
        - name: Yelp Dataset Challenge 2015
          url: https://www.yelp.com/dataset
      collection:
        methods: [user-generated-content]
        timeframe: {start: 2004, end: 2015}
      people:
        about_people: true
        description: Yelp users who wrote reviews in English.
""", scope="datasheet")
def origin_missing(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    yield from _gaps(ctx, code)


@rule("DC202", "application-missing", W, "The datasheet does not say what the data is for.", """
The application states the purpose, intended and out-of-scope uses, known biases and
limitations, and whether the data holds personal or sensitive information. A reviewer needs
these to decide whether a model may be trained on the data at all.

Good:

    application:
      purpose: Benchmark for binary sentiment classification of English reviews.
      intended_uses: [Training and evaluating sentiment classifiers.]
      out_of_scope_uses: [Judging individual businesses or reviewers.]
      biases:
        - description: Reviews over-represent restaurants in large US cities.
    composition:
      sensitive:
        present: false
        reason: Reviewer names and ids were removed; text was screened for e-mail addresses.
""", scope="datasheet")
def application_missing(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    yield from _gaps(ctx, code)


@rule("DC203", "audience-missing", W, "The datasheet does not say whom the data is for.", """
The audience says who the dataset is meant for, how one gets access, under what licence, and
who maintains it. No documentation standard has a first-class field for intended users, so
importers often leave it empty: write it yourself rather than let it be guessed.

Good:

    audience:
      intended_users: [NLP researchers, ML engineers building review classifiers]
      access: {type: open}
      license: {id: CC-BY-4.0}
      maintenance:
        contact: https://github.com/example/yelp-reviews/issues
""", scope="datasheet")
def audience_missing(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    yield from _gaps(ctx, code)


@rule("DC204", "language-missing", W, "Data that may hold text or speech does not name its language.", """
When the data is text or speech, its language varieties decide who a model trained on it will
serve. Name them as BCP 47 tags, with the variety in words where it matters. Data that holds no
language says so through its modalities: `composition.modalities: [image]`, or audio of no
people (`origin.people.about_people: false`).

Good:

    composition:
      modalities: [text]
      languages:
        - tag: nb
          description: Norwegian Bokmål as transcribed in parliamentary proceedings.
""", scope="datasheet")
def language_missing(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    yield from _gaps(ctx, code)


@rule("DC205", "annotation-undocumented", W, "Labelled data does not say who labelled it, or how.", """
Labels encode the judgement of whoever made them. For labelled data, say how the labels were
made and by whom (crowdworkers, experts, a model), so that a reviewer can weigh their reliability
and whose view they carry.

Good:

    origin:
      annotation:
        labelled: true
        creators: [crowdsourced]
        process: Three paid annotators labelled each ticket; the majority label was kept.
        annotators:
          description: Support staff trained on the category guide.
""", scope="datasheet")
def annotation_undocumented(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    yield from _gaps(ctx, code)


@rule("DC206", "people-without-consent", W, "Data about people says nothing about consent or ethics review.", """
When the data may be about people, say whether they consented (and how), or why consent was not
required, and whether an ethics board reviewed the collection. "Not obtained" is an answer;
silence is not. Data about no one says so: `origin.people.about_people: false` with a reason.

Good:

    origin:
      ethics:
        consent:
          status: not-required
          description: Public parliamentary speeches; speakers are public office holders.
        review:
          status: exempt
          board: University research ethics committee
""", scope="datasheet")
def people_without_consent(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    yield from _gaps(ctx, code)


@rule("DC216", "required-field-missing", W, "A field the project requires is missing.", """
A project can require more context than datacard's defaults with `extend-require` in
`[tool.datacard]`, for example a maintainer's contact and the ethics review. The finding names
the required field; write it in the datasheet.

Good:

    # pyproject.toml
    [tool.datacard]
    extend-require = ["audience.maintenance.contact", "origin.ethics.review"]

    # the datasheet
    audience:
      maintenance:
        contact: data-platform@example.com
""", scope="datasheet")
def required_field_missing(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    yield from _gaps(ctx, code)


@rule("DC217", "policy-violation", W, "The datasheet breaks a rule of the project's policy.", """
A project can add house rules as a JSON Schema overlay (`policy = "policy.schema.json"` in
`[tool.datacard]`), checked against each datasheet on top of datacard's own schema: a contact at
the organisation's domain, an ethics review for every dataset, a closed list of licences. The
message is the `description` of the rule that failed, then what the schema checker found.

Good (with a policy that requires a contact at example.com):

    audience:
      maintenance:
        contact: data-platform@example.com
""", scope="datasheet")
def policy_violation(ctx: SheetContext, code: Code) -> Iterator[Finding]:
    if ctx.policy is None:
        return
    for violation in ctx.policy.violations(ctx.data):
        where = violation.where / violation.missing if violation.missing else violation.where
        yield ctx.at(code, where, violation.message, key=violation.missing is not None)
