"""DC9xx: suppression comments that suppress nothing."""

from __future__ import annotations

from datacard.codebook.base import Code, Fixable, W

UNUSED_NOQA = Code("DC900", "unused-noqa", W, "A suppression comment suppresses nothing.", """
A `# noqa` comment, or a file-level `# datacard: noqa`, names codes that are not reported at
that place (any more), or codes that do not exist. Remove it, or correct the code, so that
suppressions keep meaning something.

Good:

    - dataset: legacy-tickets   # noqa: DC307 -- the export has no versions
""", Fixable.ALWAYS, """
The comment is removed, or, when some of its codes still suppress something, rewritten with
those codes only; a line that held nothing but the comment is removed with it.
""")
