"""One side of a diff: a file's text turned into the data compared, whatever format it is in.

A datasheet (YAML, or Markdown front matter) is loaded as it is, with the positions of its
values; a Hugging Face dataset card or a Croissant file goes through its importer, the same
mapping `datacard import` uses, so that a card and the datasheet made from it compare field by
field. A side that cannot be read carries the findings that say why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from datacard import codes
from datacard.context import NEEDS, Need
from datacard.diff.changes import Change, diff_data, place
from datacard.findings import Finding
from datacard.kinds import Kind, json_kind, kind_by_name, markdown_text_kind
from datacard.load import Loaded, load_text

_YAML = (Kind.DATACARD, Kind.YAML, Kind.MARKDOWN_DATASHEET)


@dataclass
class Side:
    """A file as one version has it; ``data`` is None when the version has no such file."""

    path: str
    data: dict[str, Any] | None = None
    loaded: Loaded | None = None  # positions of the values in the file (a card's or Croissant file's own)
    kind: Kind | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        return self.data is not None or bool(self.findings)


def kind_of_text(path: str, text: str) -> Kind:
    """What a file is, from its name and, for Markdown and JSON, its text (as every command
    judges it: a card without metadata is still a card by its template's title)."""
    kind = kind_by_name(path)
    if kind is Kind.MARKDOWN:
        return markdown_text_kind(text)
    if kind is Kind.JSON:
        return json_kind(text)
    return kind


def read_side(text: str | None, path: str) -> Side:
    """The data of ``text`` (the file ``path``), or an empty side for a file that is not there."""
    if text is None:
        return Side(path)
    kind = kind_of_text(path, text)
    if kind in _YAML:
        loaded = load_text(text, path, markdown=kind is Kind.MARKDOWN_DATASHEET)
        if isinstance(loaded.data, dict) and not loaded.findings:
            return Side(path, loaded.data, loaded, kind)
        # A file the loader finds fault with is not compared: a duplicate key, a second
        # document or a key that is not text means other readers may see other values than
        # datacard keeps (a licence changed in a second `license:` line would not show).
        problems = loaded.findings or [codes.NOT_MAPPING.finding(path, 1, 1, "the document is not a mapping")]
        return Side(path, None, None, kind, problems)
    if kind in (Kind.DATASET_CARD, Kind.CROISSANT):
        from datacard.interop import import_text

        fmt = "hf" if kind is Kind.DATASET_CARD else "croissant"
        imported = import_text(fmt, text, path)
        if imported.data:
            # The positions of the source file, as every other command places a card's findings.
            loaded = Loaded(path=path, data=imported.data, text=text, positions=imported.positions, source=fmt)
            return Side(path, imported.data, loaded, kind)
        return Side(path, None, None, kind, [f for f in imported.findings if f.severity.value == "error"]
                    or [codes.WRONG_KIND.finding(path, 0, 0, "nothing could be read from the file")])
    return Side(path, None, None, kind, [codes.WRONG_KIND.finding(
        path, 0, 0, "this is not a datasheet, a Hugging Face dataset card or Croissant metadata; "
        "`datacard diff` compares those")])


@dataclass
class FileDiff:
    """The changes from one version of a file to another."""

    old: Side
    new: Side
    changes: list[Change] = field(default_factory=list)

    @property
    def status(self) -> str:
        if not self.old.exists:
            return "added"
        if not self.new.exists:
            return "removed"
        return "changed" if self.changes else "unchanged"

    @property
    def findings(self) -> list[Finding]:
        return self.old.findings + self.new.findings

    @property
    def path(self) -> str:
        return self.new.path if self.new.exists else self.old.path


def compare(old: Side, new: Side, needs: Iterable[Need] = NEEDS) -> FileDiff:
    """The classified changes between two sides, placed on their lines."""
    if old.findings or new.findings:
        return FileDiff(old, new)
    changes = diff_data(old.data, new.data, needs)
    return FileDiff(old, new, place(changes, old.loaded, new.loaded))
