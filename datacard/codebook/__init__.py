"""The static table of finding codes, by range, as data: every code is defined once here.

``DC0xx`` reading the file and ``DC1xx`` the schema are in :mod:`datacard.codes` (the loader and
validator need them on every run); ``DC2xx`` datasheet quality (:mod:`.datasheet`), ``DC3xx``
training lineage (:mod:`.lineage`), ``DC4xx`` import and export (:mod:`.interop`), ``DC5xx`` data
checked against its datasheet (:mod:`.data`), ``DC9xx`` suppressions (:mod:`.suppression`). A
rule or check takes its :class:`Code` from here (a lint rule through its decorator), so no code
string is written twice; :func:`datacard.codes.all_codes` reads the whole table.
"""

from __future__ import annotations

from datacard.codebook.base import Code

__all__ = ["Code"]
