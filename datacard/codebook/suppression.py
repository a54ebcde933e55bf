"""DC9xx: suppression comments that suppress nothing."""

from __future__ import annotations

from datacard.codebook.base import Code, W

UNUSED_NOQA = Code("DC900", "unused-noqa", W, "A suppression comment suppresses nothing.", """
A `# noqa` comment, or a file-level `# datacard: noqa`, names codes that are not reported at
that place (any more), or codes that do not exist. Remove it, or correct the code, so that
suppressions keep meaning something.

Good:

    - dataset: legacy-tickets   # noqa: DC307 -- the export has no versions
""")
