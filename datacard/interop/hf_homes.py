"""Where each datasheet field lives in a Hugging Face card: the front matter key or the section
(and labelled line) that holds it, as found in one card, so that a finding about a value the
card lacks points at the place to write it."""

from __future__ import annotations

from datacard.interop import hf_tables as T
from datacard.interop.hf_card import Card
from datacard.interop.hf_markdown import norm_heading, split_sections
from datacard.interop.source_map import Home, Point, SourceMap

#: Datasheet fields the card keeps in its front matter, and the key that holds each.
FRONT_MATTER_HOMES: dict[str, str] = {
    "title": "pretty_name",
    "keywords": "tags",
    "composition.languages": "language",
    "composition.multilinguality": "multilinguality",
    "composition.splits": "dataset_info",
    "composition.fields": "dataset_info",
    "composition.size_bytes": "dataset_info",
    "audience.license": "license",
    "application.tasks": "task_categories",
    "origin.sources": "source_datasets",
    "origin.annotation.creators": "annotations_creators",
}


def _section_paths(section: T.Section, *, defaults: bool = True, labels: bool = True) -> list[tuple[str, str]]:
    """(datasheet path, words for where it goes) for the fields a section holds: its prose
    (``defaults``) and its labelled lines (``labels``)."""
    heading = f"`{'#' * section.level} {section.heading}`"
    out = []
    if defaults and section.default and section.default.path and not section.read_only:
        out.append((section.default.path, f"under {heading}"))
    if labels:
        out += [(t.path, f"on a `- **{label}:**` line under {heading}")
                for label, t in section.labels.items() if t.path]
    return out


def _parent_line(index: int, headings: dict[str, int]) -> int | None:
    """The line of the nearest enclosing template heading the card has, for a section it lacks."""
    level = T.SECTIONS[index].level
    for section in reversed(T.SECTIONS[:index]):
        if section.export and section.level < level:
            line = headings.get(norm_heading(section.heading))
            if line is not None:
                return line
            level = section.level
    return None


def card_source_map(card: Card, body: str, first_line: int) -> SourceMap:
    """The :class:`SourceMap` of a card: where each imported value was read, and where each
    missing one belongs (front matter key, else the template's section)."""
    headings: dict[str, int] = {}
    for heading, level, line, _ in split_sections(body, first_line):
        if level >= 1:
            headings.setdefault(norm_heading(heading), line)
    title = min((line for line in headings.values()), default=first_line)
    start: Point = (1, 1)
    # Text the card holds for a field but that could not be read as it is where to write it.
    homes: dict[str, Home] = {path: Home((line, 1), where) for path, (line, where) in card.unread.items()}
    for path, key in FRONT_MATTER_HOMES.items():
        if path in homes:
            continue
        if card.loaded.positions is not None and key in (card.loaded.data or {}):
            homes[path] = Home(card.loaded.position((key,), key=True), f"in the `{key}:` key of the front matter")
        else:
            homes[path] = Home(start, f"in a `{key}:` key of the front matter")
    # Sections the card has come first (its own words for the place), then the current
    # template's sections it lacks, placed on the nearest heading that encloses them.
    # A section whose own prose holds a field wins over another section's labelled line.
    for defaults in (True, False):
        for section in T.SECTIONS:
            found = headings.get(norm_heading(section.heading))
            if found is not None:
                for path, where in _section_paths(section, defaults=defaults, labels=not defaults):
                    homes.setdefault(path, Home((found, 1), where))
    for index, section in enumerate(T.SECTIONS):
        if not section.export:
            continue
        line = _parent_line(index, headings) or title
        for path, where in _section_paths(section):
            homes.setdefault(path, Home((line, 1), f"{where} (a heading this card does not have yet)"))
    # A field asked for as a whole (composition.sensitive) lives where its first part does.
    for path, home in list(homes.items()):
        parts = path.split(".")
        for end in range(len(parts) - 1, 1, -1):
            homes.setdefault(".".join(parts[:end]), home)
    values = {path: (line, 1) for path, line in card.lines.items() if line}
    return SourceMap(values, homes, (1, 1))
