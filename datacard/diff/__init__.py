"""Semantic diffs of datasheets: what changed, field by field, and what kind of change it is.

:mod:`~datacard.diff.changes` compares two documents' data and classifies each change;
:mod:`~datacard.diff.sides` turns a file's text (a datasheet, a Hugging Face card, Croissant)
into the data compared; :mod:`~datacard.diff.views` writes the result for a terminal, a pull
request comment (Markdown) or a program (JSON); :mod:`~datacard.diff.gitrev` reads the old
versions from a git revision. `datacard diff` (:mod:`datacard.cli.diff`) puts them together.
"""

from __future__ import annotations

from datacard.diff.changes import Change, ChangeClass, Op, classify, diff_data, place
from datacard.diff.sides import FileDiff, Side, compare, read_side

__all__ = ["Change", "ChangeClass", "FileDiff", "Op", "Side", "classify", "compare", "diff_data", "place",
           "read_side"]
