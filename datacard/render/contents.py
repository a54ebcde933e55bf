"""A table of contents for long rendered datasheets, linked to GitHub's heading anchors.

The page's own headings are read back from the Markdown (outside code blocks), so the contents
list exactly the sections a datasheet rendered, whatever it left out.
"""

from __future__ import annotations

import re

from datacard.escape import markdown_plain

#: A page with more lines than this opens with its contents.
LONG = 150
_HEADING = re.compile(r"^(#{1,6}) (.+)$")
_FENCE = re.compile(r"^(`{3,}|~{3,})")
# GitHub's anchors: lowercase, punctuation dropped (letters, digits, '-', '_' and spaces stay),
# spaces as hyphens; a repeated anchor gets -1, -2, ...
_NOT_IN_ANCHOR = re.compile(r"[^\w\- ]", re.UNICODE)


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading's text."""
    return _NOT_IN_ANCHOR.sub("", markdown_plain(heading).strip().lower()).replace(" ", "-")


def headings(markdown: str) -> list[tuple[int, str, str]]:
    """(level, text, unique anchor) of every heading outside code blocks, in order."""
    out: list[tuple[int, str, str]] = []
    seen: dict[str, int] = {}
    fence: str | None = None
    for line in markdown.split("\n"):
        if fence is not None:
            if line.strip() == fence or (line.strip().startswith(fence) and set(line.strip()) == {fence[0]}):
                fence = None
            continue
        first = line[:1]
        if first and first in "`~":  # only these open a fence, only `#` a heading
            opening = _FENCE.match(line)
            if opening:
                fence = opening.group(1)
            continue
        match = _HEADING.match(line) if first == "#" else None
        if match is None:
            continue
        base = anchor(match.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        out.append((len(match.group(1)), match.group(2), base if count == 0 else f"{base}-{count}"))
    return out


def contents(head: str, sections: str) -> str:
    """The contents of ``sections``: every section (##) and subsection (###) as a nested list of
    links. Anchors are counted as the page will hold them: ``head`` (the title), the contents
    heading itself, then the sections."""
    lines = ["## Contents", ""]
    listed = headings(head + "\n## Contents\n" + sections)
    for level, text, target in listed[len(headings(head)) + 1:]:
        if level == 2:
            lines.append(f"- [{text}](#{target})")
        elif level == 3:
            lines.append(f"  - [{text}](#{target})")
    return "\n".join(lines) + "\n"


def with_contents(markdown: str) -> str:
    """``markdown`` with its contents before the first section, when the page is long."""
    if markdown.count("\n") <= LONG:
        return markdown
    head, sep, rest = markdown.partition("\n## ")
    if not sep:
        return markdown
    return head.rstrip("\n") + "\n\n" + contents(head, "## " + rest).rstrip("\n") + "\n" + sep + rest
