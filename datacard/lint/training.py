"""Training setups: a model and the data references it is trained on, from any source.

Manifests, Hugging Face model cards and DVC pipelines are read into the same :class:`Setup`,
so the lineage rules need not know where a reference was written.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from datacard.codes import Code
from datacard.findings import Finding, Related
from datacard.load import Loaded

TRAINING_ROLES = frozenset({"training", "fine-tuning", "other"})


# A chain of base models longer than this is shown by its ends: the message of a finding on a
# card thousands of fine-tunes deep stays a line, not the whole chain.
_CHAIN_SHOWN = 12


def chain_text(names: Sequence[str]) -> str:
    """Model names joined as a chain, ``a -> b -> c``; a long one keeps its first and last names."""
    if len(names) <= _CHAIN_SHOWN:
        return " -> ".join(names)
    half = _CHAIN_SHOWN // 2
    return " -> ".join([*names[:half], f"... ({len(names) - 2 * half:,} more)", *names[-half:]])


@dataclass(frozen=True)
class Ref:
    """One reference to training or evaluation data, at the place it is written."""

    kind: str  # "datacard" (a path) or "dataset" (a name or identifier)
    target: str
    path: str  # the file the reference is written in
    line: int  # 0: no place of its own (the Python API); findings then go to the datasheet
    column: int
    base: str  # directory that relative paths are resolved against
    role: str = "training"
    split: str | None = None
    revision: str | None = None
    field: str | None = None
    via: tuple[str, ...] = ()  # base models the reference is inherited through (model cards' base_model)

    @property
    def trains(self) -> bool:
        return self.role in TRAINING_ROLES

    def finding(self, code: Code, message: str, field: str | None = None,
                related: tuple[Related, ...] = ()) -> Finding:
        return code.finding(self.path, self.line, self.column, message, field=field or self.field,
                            related=related)


@dataclass(frozen=True)
class Note:
    """A place in a setup's own documentation that says nothing (a model card placeholder)."""

    line: int
    column: int
    section: str
    text: str


@dataclass(frozen=True)
class BaseModelRef:
    """A `base_model` entry of a model card: the model it was fine-tuned (or quantised) from."""

    target: str
    line: int
    column: int


@dataclass
class Setup:
    kind: str  # manifest | model-card | dvc | api
    path: str
    name: str
    line: int = 1
    column: int = 1
    tasks: list[str] = field(default_factory=list)
    intended_uses: list[str] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    pinnable: bool = True  # whether the format can pin a data revision at all
    loaded: Loaded | None = None
    data_field: str = "data"  # where the training data would be listed, for messages
    bases: list[BaseModelRef] = field(default_factory=list)  # base models, from `base_model`
    unknown_bases: list[BaseModelRef] = field(default_factory=list)  # with no model card in the project
    base_cycles: list[tuple[BaseModelRef, tuple[str, ...]]] = field(default_factory=list)


def manifest_setup(loaded: Loaded) -> Setup:
    """A `kind: training` manifest that validated."""
    data: dict[str, Any] = loaded.data
    model = data.get("model") or {}
    base = os.path.dirname(os.path.abspath(loaded.path))
    line, col = loaded.position(("data",), key=True)
    setup = Setup(
        "manifest", loaded.path, str(model.get("name") or data.get("name")), line, col,
        tasks=list(model.get("tasks") or []), intended_uses=list(model.get("intended_uses") or []),
        loaded=loaded,
    )
    for i, item in enumerate(data.get("data") or []):
        kind = "datacard" if item.get("datacard") else "dataset"
        line, col = loaded.position(("data", i, kind))
        setup.refs.append(Ref(
            kind, str(item[kind]), loaded.path, line, col, base,
            role=str(item.get("role") or "training"), split=item.get("split"),
            revision=item.get("revision"), field=f"data[{i}].{kind}",
        ))
    return setup
