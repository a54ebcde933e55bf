"""Hugging Face card to datasheet: front matter keys (hf_meta) and Markdown sections (hf_body),
by the tables in :mod:`datacard.interop.hf_tables`. Anything that has no home becomes a DC4xx
finding."""

from __future__ import annotations

import os

from datacard import codes as core_codes
from datacard.codebook import interop as codes
from datacard.interop.common import Imported, finish, slug
from datacard.interop.hf_body import no_labels_reason, read_body
from datacard.interop.hf_card import Card
from datacard.interop.hf_homes import card_source_map
from datacard.interop.hf_meta import read_meta
from datacard.interop.hub_check import check_card
from datacard.kinds import unfenced_metadata
from datacard.load import Loaded, load_text, parse_yaml


def default_name(path: str) -> str:
    """The file's name as a datasheet name: a card is `README.md`, so its folder names it."""
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem.lower() == "readme":
        return os.path.basename(os.path.dirname(os.path.abspath(path))) or stem
    return stem


def _load_card(text: str, path: str) -> tuple[Loaded, tuple[int, int] | None]:
    """The card loaded; metadata written at the top without its fences (it happens) is read as
    metadata, not as the first paragraph of the body, and its first and last lines returned."""
    loaded = load_text(text, path, markdown=True)
    if loaded.body is not text:  # fenced front matter, or none that could be found
        return loaded, None
    parts = unfenced_metadata(text)
    if parts is None:
        return loaded, None
    yaml_text, yaml_line, body, body_line = parts
    meta = parse_yaml(yaml_text, path, line_offset=yaml_line)
    if not isinstance(meta.data, dict):
        return loaded, None
    meta.text, meta.body, meta.body_line = text, body, body_line + 1
    return meta, (yaml_line + 1, body_line)


def read_card(text: str, path: str = "README.md", *, name: str | None = None) -> Imported:
    """Convert a Hugging Face dataset card (front matter and body) to a datasheet."""
    loaded, unfenced = _load_card(text, path)
    card = Card(path, loaded)
    if unfenced is not None:
        first, last = unfenced
        card.note(codes.NO_METADATA, first, f"the card's metadata (lines {first}-{last}) is not between `---` "
                  f"lines, so the Hub does not read it: add a line `---` before line {first} and after line {last}")
    for finding in loaded.findings:
        if finding.code == core_codes.NO_FRONT_MATTER.code:
            card.note(codes.NO_METADATA, 1, "the card has no YAML front matter between `---` lines; "
                      "only its Markdown body was imported")
        elif finding.code == core_codes.EMPTY.code and loaded.body is not None:
            # `---` twice with nothing between: the card has a body, only its metadata is empty.
            card.note(codes.NO_METADATA, 1, "the card's front matter between `---` lines is "
                      "empty; only its Markdown body was imported (write license, language, ... there)")
        else:
            card.findings.append(finding)
    meta = loaded.data if isinstance(loaded.data, dict) else {}
    if meta:
        read_meta(card, dict(meta))
        card.findings.extend(check_card(card, dict(meta)))
    body = loaded.body if loaded.body is not None else text
    first = loaded.body_line if loaded.body is not None and loaded.body_line else 1
    read_body(card, body, first)
    no_labels_reason(card)
    title = card.data.get("title")
    data = {"schema_version": 1, "name": slug(name) if name else slug(title or default_name(path)), **card.data}
    imported = finish(path, data, card.lines, card.findings)
    imported.positions = card_source_map(card, body, first)
    return imported
