"""DC313-DC316: how a setup uses its data, against what the datasheet says the data is for."""

from __future__ import annotations

from collections.abc import Iterator

from datacard.codebook import Code, lineage
from datacard.findings import Finding, Severity
from datacard.lint.registry import rule
from datacard.lint.scopes import RefContext

W = Severity.WARNING

_LEARNING = frozenset({"training", "fine-tuning"})
_HELD_OUT = frozenset({"test", "testing", "eval", "evaluation", "validation", "valid", "dev", "holdout"})


@rule(lineage.DEPRECATED_DATA, scope="reference")
def deprecated_data(ctx: RefContext, code: Code) -> Iterator[Finding]:
    sheet = ctx.resolution.sheet
    if sheet is None or sheet.data is None or not ctx.ref.trains:
        return
    status = ((sheet.data.get("audience") or {}).get("maintenance") or {}).get("status")
    if status in ("deprecated", "unmaintained"):
        yield ctx.at(code, f"{sheet.name} ({sheet.path}) is {status}; train on its "
                     "replacement, or say why this version is needed",
                     sheet=sheet, loc=("audience", "maintenance", "status"))


@rule(lineage.ML_USE_NOT_INTENDED, scope="reference")
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


@rule(lineage.TRAINING_ON_HELD_OUT_SPLIT, scope="reference")
def training_on_held_out(ctx: RefContext, code: Code) -> Iterator[Finding]:
    ref = ctx.ref
    if ref.role in _LEARNING and ref.split and ref.split.strip().lower() in _HELD_OUT:
        yield ctx.at(code, f"role {ref.role} on split {ref.split!r}, which is meant to "
                     "be held out for measurement")


@rule(lineage.UNKNOWN_SPLIT, scope="reference")
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
