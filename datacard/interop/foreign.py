"""Hugging Face dataset cards and Croissant files read as datasheets, by every command.

`validate`, `lint`, `coverage` and `render` read a card or a Croissant file through the same
mapping as `datacard import`, so a person who points datacard at the documentation they already
have gets the same verdict as on the datasheet it would become, with every finding on a line of
their own file. The loader calls :func:`converted` for such files; the result is a
:class:`~datacard.load.Loaded` whose data is the converted datasheet and whose positions are
those of the source file.
"""

from __future__ import annotations

from datacard.findings import Finding
from datacard.load import Loaded

# Findings that mean the file itself could not be read (its YAML, its JSON): the data then does
# not say what the file says, and no rule may judge it. Every other finding of the conversion
# (a section with no home, a value the Hub would refuse) is a note beside a usable datasheet.
_UNREADABLE_PREFIXES = ("DC0",)
_UNREADABLE = frozenset({"DC405", "DC406"})


def _blocks(finding: Finding) -> bool:
    return finding.code.startswith(_UNREADABLE_PREFIXES) or finding.code in _UNREADABLE


def converted(fmt: str, text: str, path: str) -> Loaded:
    """The card (``hf``) or Croissant file (``croissant``) in ``text`` as a loaded datasheet."""
    from datacard.interop import import_text

    imported = import_text(fmt, text, path)
    blocking = [f for f in imported.findings if _blocks(f)]
    notes = [f for f in imported.findings if not _blocks(f)]
    usable = imported.datasheet is not None and not blocking
    return Loaded(path=path, data=imported.data if usable else None, findings=blocking, notes=notes,
                  text=text, positions=imported.positions, source=fmt)
