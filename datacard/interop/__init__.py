"""Import and export of other documentation formats: Hugging Face cards and Croissant JSON-LD.

The functions here read files (through the loader's size and encoding checks) and return
:class:`~datacard.interop.common.Imported` or :class:`~datacard.interop.common.Exported`
objects that carry the converted document and the findings; nothing here prints or writes.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from datacard.load import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from datacard.interop.common import Exported, Imported
    from datacard.model import Datasheet

FORMATS = ("hf", "croissant")


def import_text(fmt: str, text: str, path: str, *, name: str | None = None) -> Imported:
    """Convert text in ``fmt`` (hf or croissant) to a datasheet."""
    if fmt == "hf":
        from datacard.interop.hf_read import read_card
        return read_card(text, path, name=name)
    if fmt == "croissant":
        from datacard.interop.croissant_read import read_croissant
        return read_croissant(text, path, name=name)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def import_file(fmt: str, path: str | os.PathLike[str], *, name: str | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Imported:
    """Read a Hugging Face card or a Croissant file and convert it to a datasheet."""
    from datacard.interop.common import Imported
    from datacard.load import decode, read_bytes

    shown = str(path)
    raw, problem = read_bytes(path, max_bytes)
    text = None
    if raw is not None:
        text, problem = decode(raw, shown)
    if text is None:
        return Imported(shown, {}, None, [problem] if problem else [])
    return import_text(fmt, text, shown, name=name)


def export_datasheet(fmt: str, datasheet: Datasheet, path: str | None = None) -> Exported:
    """The datasheet as a Hugging Face card (``hf``) or Croissant JSON-LD (``croissant``)."""
    if fmt == "hf":
        from datacard.interop.hf_write import write_card
        return write_card(datasheet, path or "README.md")
    if fmt == "croissant":
        from datacard.interop.croissant_write import write_croissant
        return write_croissant(datasheet, path or "metadata.json")
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
