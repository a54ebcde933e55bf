"""DC313-DC316: how a setup uses its data, against what the datasheet says the data is for."""

from __future__ import annotations

from collections.abc import Iterator

from datacard.codes import Code
from datacard.findings import Finding, Severity
from datacard.lint.registry import rule
from datacard.lint.scopes import RefContext

W = Severity.WARNING

_LEARNING = frozenset({"training", "fine-tuning"})
_HELD_OUT = frozenset({"test", "testing", "eval", "evaluation", "validation", "valid", "dev", "holdout"})


@rule("DC313", "deprecated-data", W, "A model is trained on data its maintainers have deprecated.", """
The datasheet's `audience.maintenance.status` says the data is deprecated or unmaintained:
errors will not be fixed and the maintainers may have published a replacement. Train on the
replacement, or record why this version is still the right one.

Good (in the datasheet of data that is still fit to train on):

    audience:
      maintenance:
        status: actively-maintained
        contact: data-platform@example.com
""", scope="reference")
def deprecated_data(ctx: RefContext, code: Code) -> Iterator[Finding]:
    sheet = ctx.resolution.sheet
    if sheet is None or sheet.data is None or not ctx.ref.trains:
        return
    status = ((sheet.data.get("audience") or {}).get("maintenance") or {}).get("status")
    if status in ("deprecated", "unmaintained"):
        yield ctx.at(code, f"{sheet.name} ({sheet.path}) is {status}; train on its "
                     "replacement, or say why this version is needed",
                     sheet=sheet, loc=("audience", "maintenance", "status"))


@rule("DC314", "ml-use-not-intended", W, "Data is used in a role its datasheet does not list among its ML uses.", """
`application.ml_uses` says what the data may be used for in machine learning: training,
fine-tuning, validation, testing, evaluation. Training a model on data meant only for
evaluation contaminates every benchmark that uses it; evaluating on data meant only for
training may overstate quality. Use the data as listed, or update the datasheet once someone
has checked.

Good:

    # datasheet
    application:
      ml_uses: [training, evaluation]
    # manifest
    data:
      - datacard: reviews.datacard.yaml
        role: training
""", scope="reference")
def ml_use_not_intended(ctx: RefContext, code: Code) -> Iterator[Finding]:
    sheet, ref = ctx.resolution.sheet, ctx.ref
    if sheet is None or sheet.data is None:
        return
    uses = [u for u in (sheet.data.get("application") or {}).get("ml_uses") or [] if isinstance(u, str)]
    if not uses or ref.role in uses or ref.role == "other":
        return
    if ref.role in _LEARNING and _LEARNING & set(uses):
        return  # training and fine-tuning are both learning from the data
    yield ctx.at(code, f"{ref.target!r} is used for {ref.role}, but {sheet.name} lists "
                 f"its ML uses as {', '.join(uses)}", sheet=sheet, loc=("application", "ml_uses"))


@rule("DC315", "training-on-held-out-split", W, "A model is trained on a split meant to be held out.", """
A `test`, `validation` or `dev` split exists to measure a model on data it has not seen.
Training or fine-tuning on it makes every later measurement on that split meaningless. Train on
the training split, or give the split another role.

Good:

    data:
      - dataset: yelp-reviews
        split: train
      - dataset: yelp-reviews
        split: test
        role: evaluation
""", scope="reference")
def training_on_held_out(ctx: RefContext, code: Code) -> Iterator[Finding]:
    ref = ctx.ref
    if ref.role in _LEARNING and ref.split and ref.split.strip().lower() in _HELD_OUT:
        yield ctx.at(code, f"role {ref.role} on split {ref.split!r}, which is meant to "
                     "be held out for measurement")


@rule("DC316", "unknown-split", W, "A reference names a split that the datasheet does not list.", """
When the datasheet lists its splits (`composition.splits`), a reference's `split` should be one
of them; otherwise the reference is misspelt, or the datasheet describes another version of the
data.

Good:

    # datasheet
    composition:
      splits: [{name: train, count: 560000}, {name: test, count: 38000}]
    # manifest
    data:
      - dataset: yelp-reviews
        split: train
""", scope="reference")
def unknown_split(ctx: RefContext, code: Code) -> Iterator[Finding]:
    sheet, ref = ctx.resolution.sheet, ctx.ref
    if sheet is None or sheet.data is None or not ref.split:
        return
    splits = [s.get("name") for s in (sheet.data.get("composition") or {}).get("splits") or []
              if isinstance(s, dict)]
    names = [n for n in splits if isinstance(n, str)]
    if names and ref.split not in names:
        yield ctx.at(code, f"split {ref.split!r} is not among the splits of {sheet.name} "
                     f"({', '.join(names)})", sheet=sheet, loc=("composition", "splits"))
