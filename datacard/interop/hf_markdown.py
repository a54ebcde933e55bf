"""A Hugging Face card's Markdown as CommonMark structures it: headings (ATX and setext), the
blocks under them (paragraphs, list items with what is indented under them, fenced code), and
tables. The body reader (:mod:`.hf_body`) and the places of fields (:mod:`.hf_homes`) read a card
through these, so both see the same sections."""

from __future__ import annotations

import re

from datacard.context import clean_text

_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+(.*))?$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
BULLET = re.compile(r"^ {0,3}[-*+]\s+")

# Numbering people put before a heading (`2.`, `2.1)`), and emphasis or code around its words.
_NUMBERING = re.compile(r"^\d{1,3}(?:\.\d{1,3})*[.)]?\s+")
_WRAPPING = re.compile(r"^[*_`]+|[*_`]+$")
# The templates mark sections and labels that a card may leave out: `[optional]`, `(optional)`.
OPTIONAL_MARK = re.compile(r"\s*[\[(]optional[\])]", re.IGNORECASE)


# A heading that is one link (early cards linked each heading to its own anchor).
_LINKED = re.compile(r"\[([^\[\]]+)\]\([^()\s]*\)")


def norm_heading(heading: str) -> str:
    """A heading as the section tables name it: lower case, without `[optional]`, HTML, its
    numbering or the emphasis around it (`### 2. **Curation Rationale**`)."""
    linked = _LINKED.fullmatch(heading.strip())  # `## [Dataset Description](#dataset-description)`
    text = re.sub(r"<[^>]+>", "", OPTIONAL_MARK.sub("", linked.group(1) if linked else heading))
    text = _WRAPPING.sub("", _NUMBERING.sub("", _WRAPPING.sub("", text.strip())))
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip().lower()


def fence_after(raw: str, fence: str | None) -> str | None:
    """The open code fence after line ``raw``: a fence closes only on a line of its own
    character at least as long (a citation may hold a shorter run of backticks)."""
    if fence is None:
        match = FENCE.match(raw)
        return match.group(1) if match else None
    stripped = raw.strip()
    closes = len(stripped) >= len(fence) and stripped == fence[0] * len(stripped)
    return None if closes else fence


# A setext heading's underline, and the lines that cannot be the paragraph it turns into a heading.
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^\s*(?:[-*+>|<#]|\d{1,9}[.)]\s|`{3,}|~{3,})|^ {4}")


def _setext(content: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The paragraph at the end of ``content`` that an underline makes a heading: (index of its
    first line in ``content``, its text), or None when the lines above are not a paragraph."""
    start = len(content)
    while start > 0 and content[start - 1][1].strip():
        start -= 1
    lines = [raw for _, raw in content[start:]]
    if not lines or _NOT_PARAGRAPH.match(lines[0]):
        return None
    return start, " ".join(line.strip() for line in lines)


def split_sections(body: str, first_line: int) -> list[tuple[str, int, int, list[tuple[int, str]]]]:
    """(heading, level, line, content lines) per heading, ATX (`## Uses`) or setext (a line
    underlined with `===` or `---`); text before any heading has level 0."""
    sections: list[tuple[str, int, int, list[tuple[int, str]]]] = [("", 0, first_line, [])]
    fence: str | None = None
    for offset, raw in enumerate(body.splitlines()):
        line = first_line + offset
        was_open = fence is not None
        fence = fence_after(raw, fence)
        match = None if fence is not None or was_open else _HEADING.match(raw)
        underline = None if fence is not None or was_open or match else _SETEXT.match(raw)
        paragraph = _setext(sections[-1][3]) if underline else None
        if match:
            # Closing hashes are stripped in Python: a regex for them backtracks on long lines.
            title = (match.group(2) or "").rstrip().rstrip("#").rstrip()
            sections.append((title, len(match.group(1)), line, []))
        elif underline and paragraph is not None:
            content = sections[-1][3]
            start, title = paragraph
            heading_line = content[start][0]
            del content[start:]
            sections.append((title, 1 if underline.group(1)[0] == "=" else 2, heading_line, []))
        else:
            sections[-1][3].append((line, raw))
    return sections


def markdown_blocks(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Paragraphs, list items and fenced code blocks, each with its first line number.

    A paragraph or a fenced code block indented under a list item belongs to that item, as in
    Markdown; its indentation is removed.
    """
    blocks: list[tuple[int, list[str]]] = []
    fence: str | None = None
    in_item = False  # the open fence belongs to a list item
    current: list[str] | None = None
    last_bullet: list[str] | None = None
    for number, raw in lines:
        was_open = fence is not None
        fence = fence_after(raw, fence)
        if was_open != (fence is not None):
            if not was_open and last_bullet is not None and raw.startswith("  ") and current in (None, last_bullet):
                current, in_item = last_bullet, True
                current.append(raw[2:])
            elif not was_open:
                current, in_item = [raw], False
                last_bullet = None
                blocks.append((number, current))
            elif current is not None:
                current.append(raw[2:] if in_item and raw.startswith("  ") else raw)
                current = last_bullet if in_item else None
            continue
        if fence is not None and current is not None:
            current.append(raw[2:] if in_item and raw.startswith("  ") else raw)
        elif not raw.strip():
            if current is not None and current is last_bullet:
                current.append("")
            current = None
        elif BULLET.match(raw) and not (raw.startswith("  ") and last_bullet is not None
                                         and (current is None or current is last_bullet)):
            # An indented bullet under an item, even after a blank line, is a nested list of that
            # item (a labelled value written over several paragraphs), not an item of its own.
            current = last_bullet = [raw]
            blocks.append((number, current))
        elif current is None and last_bullet is not None and raw.startswith("  "):
            current = last_bullet
            current.append(raw[2:])
        elif current is None:
            current = [raw]
            last_bullet = None
            blocks.append((number, current))
        else:
            current.append(raw[2:] if current is last_bullet and raw.startswith("  ") else raw)
    cleaned = []
    for number, parts in blocks:
        text = clean_text("\n".join(parts).rstrip())
        if text:
            cleaned.append((number, text))
    return cleaned


_TABLE_RULE = re.compile(r"^:?-+:?$")


def table_rows(text: str) -> list[list[str]]:
    """The rows of the Markdown table in ``text`` (cells stripped), without its rule row."""
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.strip().startswith("|")]
    return [row for row in rows if not all(_TABLE_RULE.match(cell) for cell in row if cell)]
