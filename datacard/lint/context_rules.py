"""DC201-DC206: a datasheet that leaves part of its context (docs/crosswalk.md, context fields) unsaid."""

from __future__ import annotations

from collections.abc import Iterator

from datacard.codes import Code
from datacard.findings import Finding, Severity
from datacard.lint.registry import rule
from datacard.lint.scopes import SheetContext

W = Severity.WARNING


def _gaps(ctx: SheetContext, code: Code, select: set[str]) -> Iterator[Finding]:
    for gap in ctx.sheet.gaps():
        # A placeholder is reported where it is written, by DC207; here only the silence.
        if gap.placeholder is None and gap.need.label in select:
            need = gap.need
            yield ctx.at(code, need.locs[0], f"{need.label} is missing: add {need.field} ({need.why})",
                         key=True)


def _labels(group: str, conditional: bool = False) -> set[str]:
    from datacard.lint.context import NEEDS

    return {n.label for n in NEEDS if n.group == group and (n.condition is not None) == conditional}


@rule("DC201", "origin-missing", W, "The datasheet does not say where the data comes from.", """
A model inherits whatever its data carries. Without the origin — who made the data, from what
sources, by which method, when, and who is in it — no one can later judge whether the data fits
a new purpose. The finding names the field to add; it points at the deepest key that exists.

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
def origin_missing(ctx: SheetContext) -> Iterator[Finding]:
    from datacard import codes

    yield from _gaps(ctx, codes.get("DC201"), _labels("origin"))


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
def application_missing(ctx: SheetContext) -> Iterator[Finding]:
    from datacard import codes

    yield from _gaps(ctx, codes.get("DC202"), _labels("application"))


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
def audience_missing(ctx: SheetContext) -> Iterator[Finding]:
    from datacard import codes

    yield from _gaps(ctx, codes.get("DC203"), _labels("audience"))


@rule("DC204", "language-missing", W, "Text or speech data does not name its language.", """
When the data is text or speech, its language varieties decide who a model trained on it will
serve. Name them as BCP 47 tags, with the variety in words where it matters.

Good:

    composition:
      modalities: [text]
      languages:
        - tag: nb
          description: Norwegian Bokmål as transcribed in parliamentary proceedings.
""", scope="datasheet")
def language_missing(ctx: SheetContext) -> Iterator[Finding]:
    from datacard import codes

    yield from _gaps(ctx, codes.get("DC204"), {"language"})


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
def annotation_undocumented(ctx: SheetContext) -> Iterator[Finding]:
    from datacard import codes

    yield from _gaps(ctx, codes.get("DC205"), {"annotation process", "annotators"})


@rule("DC206", "people-without-consent", W, "Data about people says nothing about consent or ethics review.", """
When the data is about people, say whether they consented (and how), or why consent was not
required, and whether an ethics board reviewed the collection. "Not obtained" is an answer;
silence is not.

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
def people_without_consent(ctx: SheetContext) -> Iterator[Finding]:
    from datacard import codes

    yield from _gaps(ctx, codes.get("DC206"), {"consent or ethics review"})

