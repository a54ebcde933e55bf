"""DC302-DC304 kept compactly: the gaps a model inherits from the datasets behind a reference.

A training reference inherits the gaps of the dataset it names and of every ancestor of that
dataset, one finding per dataset and group of needs. In one lineage graph that is references x
datasets findings, each naming the chain from the model to its dataset: hundreds of thousands
of messages that differ only in their chain. So the linter keeps one :class:`Inherited` per
reference and code until the report is made (selection, suppressions and the per-file cap see
it as one bundle of findings at the reference's place), and each finding it then gives out
builds its message when it is read (:class:`InheritedFinding`) from parts that are shared: the
reference's model, the chain walked once per datasheet, and the words worked out once per
datasheet and group.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from datacard.codebook import Code
from datacard.context import Gap
from datacard.findings import Finding, Related, Severity
from datacard.lint.context_rules import gap_message
from datacard.lint.index import Sheet
from datacard.lint.lineage import Ancestor
from datacard.lint.scopes import RefContext
from datacard.lint.training import chain_text

# The slot that holds a finding's message (shadowed below by a property that builds it).
_MESSAGE: Any = Finding.__dict__["message"]

_LISTED = 4  # labels named in the one-line message; the related places list them all


class InheritedFinding(Finding):
    """A DC302-DC304 finding whose message is built when read, from the model and base models
    (the message slot holds them), the chain to the dataset and what it leaves unsaid.

    It equals, and hashes as, the plain finding with the same fields. ``dataset`` is the
    datasheet whose gaps it reports: the closing summary says which models it blocks.
    """

    __slots__ = ("_chain", "_what", "dataset")

    _chain: Ancestor  # the dataset, linked to the one the reference names
    _what: str
    dataset: Sheet

    @classmethod
    def make(cls, code: str, severity: Severity, path: str, line: int, column: int, *,
             head: tuple[str, ...], chain: Ancestor, what: str, field: str | None,
             related: tuple[Related, ...], dataset: Sheet) -> InheritedFinding:
        made = cls.__new__(cls)
        for name, value in (("code", code), ("severity", severity), ("path", path), ("line", line),
                            ("column", column), ("field", field), ("related", related), ("fix", None),
                            ("_chain", chain), ("_what", what), ("dataset", dataset)):
            object.__setattr__(made, name, value)
        _MESSAGE.__set__(made, head)
        return made

    @property  # type: ignore[override]
    def message(self) -> str:
        held = _MESSAGE.__get__(self)
        if isinstance(held, str):  # made by `dataclasses.replace`, which passes the text
            return held
        return f"{chain_text((*held, *self._chain.chain))}: {self._what}"

    @message.setter
    def message(self, value: str) -> None:  # only through object.__setattr__: the class is frozen
        _MESSAGE.__set__(self, value)

    @property
    def model(self) -> str:
        """The model that inherits the gaps (the first name of the chain)."""
        held = _MESSAGE.__get__(self)
        return str(held[0]) if isinstance(held, tuple) else self.message.split(" -> ")[0]

    def _fields(self) -> tuple[Any, ...]:
        return (self.code, self.severity, self.path, self.line, self.column, self.message, self.field,
                self.related, self.fix)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self._fields() == (other.code, other.severity, other.path, other.line, other.column,
                                  other.message, other.field, other.related, other.fix)

    def __hash__(self) -> int:
        return hash(self._fields())


@dataclass(frozen=True)
class Grouped:
    """A datasheet's gaps of one group, as every reference that reaches it reports them."""

    gaps: tuple[Gap, ...]
    what: str  # counts and lists them, and names the datasheet
    related: tuple[Related, ...]  # the place of each
    field: str | None  # where the first one is, as a finding's field


def _labels(found: list[Gap]) -> str:
    labels = [g.need.label for g in found]
    if len(labels) <= _LISTED:
        return ", ".join(labels)
    return f"{', '.join(labels[:_LISTED - 1])} and {len(labels) - _LISTED + 1} more"


def _related(sheet: Sheet, gap: Gap) -> Related:
    line, col = gap.at.position(sheet.loaded, key=gap.placeholder is None)
    return Related(sheet.path, line, col, gap_message(gap), gap.field)


def grouped(sheet: Sheet, group: str) -> Grouped | None:
    """A datasheet's gaps of ``group``, worked out once per run (kept on the sheet), however many
    references inherit them; None when it has none."""
    key = ("gaps", group)
    if key not in sheet.memo:
        found = [g for g in sheet.gaps() if g.need.group == group]
        noun = "field" if len(found) == 1 else "fields"
        sheet.memo[key] = Grouped(
            tuple(found), f"{len(found)} {group} {noun} not documented: {_labels(found)} (see {sheet.path})",
            tuple(_related(sheet, g) for g in found), found[0].at.dotted or None) if found else None
    known: Grouped | None = sheet.memo[key]
    return known


def labels(sheet: Sheet) -> tuple[str, ...]:
    """The labels of every gap of a datasheet, as the closing summary lists them (kept on it)."""
    found: tuple[str, ...] | None = sheet.memo.get("labels")
    if found is None:
        found = sheet.memo["labels"] = tuple(g.need.label for g in sheet.gaps())
    return found


@dataclass(frozen=True)
class Inherited:
    """The findings of one gap code on one training reference that has a place of its own: one
    per dataset behind it (the one it names, then its ancestors) with gaps of ``group``. All of
    them sit at the reference, so that selection, suppressions and the cap treat them as one."""

    code: str
    severity: Severity
    path: str
    line: int
    column: int
    ref_field: str | None  # the reference's own field, when the gap's place has none
    head: tuple[str, ...]  # the model, then the base models the reference is inherited through
    top: Sheet  # the datasheet the reference names
    ancestors: list[Ancestor]  # its lineage, shared by every reference to it (read only)
    group: str
    size: int  # the number of findings

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def behind(self) -> Iterator[tuple[Ancestor, Grouped]]:
        """(the dataset and its chain, its gaps of the group) for each dataset with some."""
        for node in (Ancestor(self.top), *self.ancestors):
            found = grouped(node.sheet, self.group)
            if found is not None:
                yield node, found

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[Finding]:
        for node, found in self.behind():
            yield InheritedFinding.make(self.code, self.severity, self.path, self.line, self.column,
                                        head=self.head, chain=node, what=found.what,
                                        field=found.field or self.ref_field, related=found.related,
                                        dataset=node.sheet)


def inherited(ctx: RefContext, group: str, code: Code) -> Inherited | list[Finding]:
    """The gaps of ``group`` a training reference inherits: one :class:`Inherited` when the
    reference has a place (empty: no finding), else the findings themselves, each placed on its
    datasheet (a setup built in Python has no line to point at)."""
    res, ref = ctx.resolution, ctx.ref
    if not ref.trains or res.sheet is None or res.problem is not None:
        return []
    head = (ctx.setup.name, *ref.via)
    if ref.line > 0:
        bundle = Inherited(code.code, code.severity, ref.path, ref.line, ref.column, ref.field, head,
                           res.sheet, res.ancestors, group, 0)
        size = sum(1 for _ in bundle.behind())
        return replace(bundle, size=size) if size else []
    out: list[Finding] = []
    for node, found in Inherited(code.code, code.severity, ref.path, ref.line, ref.column, ref.field,
                                         head, res.sheet, res.ancestors, group, 0).behind():
        line, col = found.gaps[0].at.position(node.sheet.loaded, key=True)
        out.append(InheritedFinding.make(code.code, code.severity, node.sheet.path, line, col, head=head,
                                         chain=node, what=found.what, field=found.field, related=found.related,
                                         dataset=node.sheet))
    return out
