"""DC310-DC312: a training setup's own documentation."""

from __future__ import annotations

from collections.abc import Iterator

from datacard.codes import Code
from datacard.findings import Finding, Severity
from datacard.lint.registry import rule
from datacard.lint.scopes import RefContext, SetupContext

W, E = Severity.WARNING, Severity.ERROR


@rule(
    "DC310", "model-card-information-needed", W,
    "A model card says \"More information needed\" where it should name uses or training data.",
    """
Model cards written by training tools leave "More information needed" under *Intended uses &
limitations* and *Training and evaluation data*. Those sections are where a reader learns what
the model is for and what it learnt from. Replace the placeholder.

Good:

    ## Training and evaluation data

    Fine-tuned on the `train` split of yelp_polarity (560,000 English reviews, see
    data/yelp-reviews.datacard.yaml); evaluated on its `test` split.
""", scope="setup")
def card_information_needed(ctx: SetupContext, code: Code) -> Iterator[Finding]:
    for note in ctx.setup.notes:
        yield ctx.at(code, note.line, note.column,
                     f"section {note.section!r} says only {note.text!r}; say what goes here")


@rule(
    "DC311", "referenced-datasheet-invalid", E,
    "A training reference leads to a datasheet that does not validate.",
    """
The referenced datasheet exists but has loading or schema errors, so its context cannot be
checked. Run `datacard validate` on it and fix what it reports.

Good: a referenced datasheet for which `datacard validate PATH` reports nothing.
""", scope="reference")
def referenced_invalid(ctx: RefContext, code: Code) -> Iterator[Finding]:
    import shlex

    sheet = ctx.resolution.sheet
    if sheet is not None and sheet.data is None:
        count = len(sheet.findings)
        yield ctx.at(code, f"{sheet.path} does not validate ({count} finding"
                     f"{'' if count == 1 else 's'}); run `datacard validate {shlex.quote(sheet.path)}`")


@rule("DC312", "no-training-data", W, "A model names no training data.", """
A training manifest with no training or fine-tuning references, a model card whose `datasets:`
is empty, or a DVC model output whose stages read no data: nothing says what the model learnt
from, so nothing can be checked.

Good:

    datasets:
      - yelp_polarity
""", scope="setup")
def no_training_data(ctx: SetupContext, code: Code) -> Iterator[Finding]:
    setup = ctx.setup
    if not any(ref.trains for ref in setup.refs):
        yield ctx.at(code, setup.line, setup.column,
                     f"model {setup.name!r} lists no training data in {setup.data_field}")
