"""Catalogues for the site tests: the examples, and a hostile one whose every text field tries
to run script, add links or break out of the markup it lands in."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# Each payload sets window.__pwned when it runs, so a browser test can tell.
PAYLOADS = (
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=1\">",
    "</style><script>window.__pwned=1</script>",
    "\"><svg onload=window.__pwned=1>",
    "'><iframe src=\"javascript:window.__pwned=1\"></iframe>",
    "[click me](javascript:window.__pwned=1)",
    "[ref][x]\n\n[x]: javascript:window.__pwned=1",
    "<javascript:window.__pwned=1>",
    "![img](x\" onerror=\"window.__pwned=1)",
    "</script><script>window.__pwned=1</script><!--",
    "<a href=\"javascript:window.__pwned=1\">link</a>",
    "DC201 <style>body{display:none}</style>",
)
HOSTILE = " ".join(PAYLOADS)


def _quoted(text: str) -> str:
    """YAML double-quoted text."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def hostile_catalogue(folder: Path) -> Path:
    """Datasheets, a manifest and a model card whose text is hostile; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    q = _quoted(HOSTILE)
    (folder / "evil.datacard.yaml").write_text(f"""schema_version: 1
name: evil
title: {q}
summary: {q}
keywords: [{q}]
homepage: https://example.org/evil
origin:
  creators:
    - name: {q}
      url: https://example.org/a
  sources:
    - name: {q}
      description: {q}
      url: https://example.org/source
    - datacard: base.datacard.yaml
      relation: derived
    - dataset: {q}
  collection:
    description: {q}
    methods: [web-scraping]
    timeframe: {{start: 2020, end: 2021, description: {q}}}
  people:
    about_people: true
    description: {q}
    subpopulations:
      - name: {q}
        distribution: {{{q}: 0.5, other: 0.5}}
composition:
  modalities: [text]
  splits:
    - name: {q}
      count: 10
  fields:
    - name: {q}
      type: category
      description: {q}
      distribution: {{{q}: 3, b: 4}}
  languages:
    - tag: en
      description: {q}
application:
  purpose: {q}
  intended_uses: [{q}]
  out_of_scope_uses: [{q}]
  biases:
    - description: {q}
      mitigation: {q}
audience:
  intended_users: [{q}]
  license: {{id: other, name: {q}, url: https://example.org/licence}}
citation: {q}
""", encoding="utf-8")
    (folder / "base.datacard.yaml").write_text("""schema_version: 1
name: base
summary: The data evil derives from; it derives from evil in turn, a cycle.
origin:
  sources:
    - datacard: evil.datacard.yaml
      relation: derived
""", encoding="utf-8")
    # An invalid datasheet: its name and a bad URL reach the page through findings and the index.
    (folder / "broken.datacard.yaml").write_text(f"""schema_version: 1
name: {q}
homepage: {_quoted("javascript:window.__pwned=1")}
""", encoding="utf-8")
    (folder / "train.datacard.yaml").write_text(f"""schema_version: 1
kind: training
name: train
model:
  name: {q}
  tasks: [{q}]
  intended_uses: [{q}]
data:
  - datacard: evil.datacard.yaml
  - dataset: {q}
""", encoding="utf-8")
    card = folder / "card"
    card.mkdir(exist_ok=True)
    (card / "README.md").write_text(f"""---
datasets:
  - {q}
  - evil
model-index:
  - name: {q}
---
# {HOSTILE}

{HOSTILE}
""", encoding="utf-8")
    return folder
