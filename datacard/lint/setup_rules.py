"""DC310-DC312, DC317-DC318: a training setup's own documentation and its base models."""

from __future__ import annotations

from collections.abc import Iterator

from datacard.codebook import Code, interop, lineage
from datacard.findings import Finding, Severity
from datacard.lint.registry import rule
from datacard.lint.scopes import RefContext, SetupContext
from datacard.lint.training import chain_text

W, E = Severity.WARNING, Severity.ERROR


@rule(lineage.MODEL_CARD_INFORMATION_NEEDED, scope="setup")
def card_information_needed(ctx: SetupContext, code: Code) -> Iterator[Finding]:
    for note in ctx.setup.notes:
        yield ctx.at(code, note.line, note.column,
                     f"section {note.section!r} says only {note.text!r}; say what goes here")


@rule(interop.PYTHON_YAML_UNREADABLE, scope="setup")
def model_card_python_yaml(ctx: SetupContext, code: Code) -> Iterator[Finding]:
    """A model card whose metadata huggingface_hub cannot load, as dataset cards are told."""
    from datacard.interop.hub_check import python_yaml

    loaded = ctx.setup.loaded
    if ctx.setup.kind == "model-card" and loaded is not None and loaded.text:
        found = python_yaml(ctx.setup.path, loaded.text)
        if found is not None:
            yield ctx.at(code, found.line, found.column, found.message)


@rule(lineage.REFERENCED_DATASHEET_INVALID, scope="reference")
def referenced_invalid(ctx: RefContext, code: Code) -> Iterator[Finding]:
    import shlex

    sheet = ctx.resolution.sheet
    if sheet is not None and not sheet.valid:
        count = len(sheet.findings)
        yield ctx.at(code, f"{sheet.path} does not validate ({count} finding"
                     f"{'' if count == 1 else 's'}); run `datacard validate {shlex.quote(sheet.path)}`")


@rule(lineage.NO_TRAINING_DATA, scope="setup")
def no_training_data(ctx: SetupContext, code: Code) -> Iterator[Finding]:
    setup = ctx.setup
    if not any(ref.trains for ref in setup.refs):
        yield ctx.at(code, setup.line, setup.column,
                     f"model {setup.name!r} lists no training data in {setup.data_field}")


@rule(lineage.BASE_MODEL_CYCLE, scope="setup")
def base_model_cycle(ctx: SetupContext, code: Code) -> Iterator[Finding]:
    for base, chain in ctx.setup.base_cycles:
        yield ctx.at(code, base.line, base.column, f"base models loop: {chain_text(chain)}", field="base_model")


@rule(lineage.BASE_MODEL_UNKNOWN, scope="setup")
def base_model_unknown(ctx: SetupContext, code: Code) -> Iterator[Finding]:
    for base in ctx.setup.unknown_bases:
        yield ctx.at(code, base.line, base.column, f"base model {base.target!r} has no model card in the project; "
                     "the data it was trained on is not checked", field="base_model")
