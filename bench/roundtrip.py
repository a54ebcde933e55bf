"""What a round trip through datacard loses, per card and per Croissant file of a corpus.

For each Hugging Face dataset card: the card is imported, the datasheet exported as a card, and
both cards are parsed by huggingface_hub (``DatasetCard``), the Hub's own client. A key lost is
a front matter key with a value in the original and none in the export; a value lost is an item
of a list key (a licence, a language, a size category) that the export no longer lists. The same
for Croissant files, with the top-level properties of the dataset as mlcroissant reads the
JSON-LD (``compact`` names without prefixes). Figures are printed per file, then as means.

Run it against two checkouts to compare them (the figures of one code base, then the other):

    python bench/roundtrip.py ../shared/corpus
    PYTHONPATH=/path/to/other/checkout python bench/roundtrip.py ../shared/corpus

The importer and exporter are called through `datacard.interop`, which every version has.
Croissant list values are compared whole (a file entry that gains a `name` counts as lost), so
the files and record-set fields kept are also counted by their ids and names.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import warnings
from pathlib import Path
from typing import Any

from datacard.interop import export_datasheet, import_text


def _said(value: Any) -> bool:
    return value not in (None, "", [], {})


def _values(value: Any) -> set[str]:
    items = value if isinstance(value, list) else [value]
    return {json.dumps(i, sort_keys=True) for i in items if _said(i)}


# Legacy spellings the Hub reads as today's keys: an export that writes `language` for
# `languages` has not lost the key.
_CURRENT = {"languages": "language", "licenses": "license", "language_bcp47": "language_details"}


def card_metadata(text: str) -> dict[str, Any]:
    """The front matter as the Hub's client reads it (YAML 1.1, as huggingface_hub does)."""
    import logging

    from huggingface_hub import DatasetCard

    logging.getLogger("huggingface_hub").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = DatasetCard(text).data.to_dict()
    return {_CURRENT.get(k, k): v for k, v in data.items() if _said(v)}


# Croissant 0.x wrote the dataset's citation as schema.org's `citation`; 1.x writes `citeAs`
# (and keeps `citation` for works the dataset cites): an export in 1.1 has not lost the key.
_CROISSANT_0 = {"citation": "citeAs"}


def _dataset(text: str) -> dict[str, Any]:
    doc = json.loads(text)
    if isinstance(doc, list) and len(doc) == 1:
        doc = doc[0]
    return doc if isinstance(doc, dict) else {}


def croissant_properties(text: str) -> dict[str, Any]:
    """The dataset object's properties, by local name (`rai:dataBiases` -> dataBiases)."""
    doc = _dataset(text)
    old = "http://mlcommons.org/schema/" in json.dumps(doc.get("@context"))
    props = {k.split(":")[-1].split("/")[-1]: v for k, v in doc.items() if not k.startswith("@") and _said(v)}
    return {(_CROISSANT_0.get(k, k) if old else k): v for k, v in props.items()}


def _nodes(value: Any) -> list[dict[str, Any]]:
    return [n for n in (value if isinstance(value, list) else [value]) if isinstance(n, dict)]


def croissant_parts(text: str) -> tuple[set[str], set[str]]:
    """The files (distribution entries, by @id or name) and the fields of every record set (by
    their own name, without the record set's), which an export may rename around them."""
    doc = _dataset(text)
    props = {k.split(":")[-1]: v for k, v in doc.items()}
    files = {str(n.get("@id") or n.get("name")) for n in _nodes(props.get("distribution"))}
    fields = set()
    for record_set in _nodes(props.get("recordSet")):
        for node in _nodes(record_set.get("field")):
            name = node.get("name") if isinstance(node.get("name"), str) else node.get("@id")
            fields.add(str(name).rsplit("/", 1)[-1])
    return files, fields


def compare(before: dict[str, Any], after: dict[str, Any]) -> tuple[list[str], int]:
    """(keys lost, list values lost) from ``before`` to ``after``."""
    keys = sorted(k for k in before if k not in after)
    values = sum(len(_values(before[k]) - _values(after[k])) for k in before
                 if k in after and isinstance(before[k], list))
    return keys, values


#: Croissant files and record-set fields before and after, summed over the files measured.
PARTS = {"files": [0, 0], "fields": [0, 0]}


def round_trip(fmt: str, path: Path) -> tuple[list[str], int] | str:
    """Keys and values lost by import then export of one file, or why it could not be done."""
    text = path.read_text(encoding="utf-8")
    imported = import_text(fmt, text, str(path))
    if imported.datasheet is None:
        return "not imported: " + ", ".join(sorted({f.code for f in imported.findings}))
    exported = export_datasheet(fmt, imported.datasheet).text
    read = card_metadata if fmt == "hf" else croissant_properties
    if fmt == "croissant":
        for name, before, after in zip(PARTS, croissant_parts(text), croissant_parts(exported), strict=True):
            PARTS[name][0] += len(before)
            PARTS[name][1] += len(before & after)
    return compare(read(text), read(exported))


def report(fmt: str, files: list[Path]) -> list[int]:
    counts: list[int] = []
    lost_values = 0
    tally: dict[str, int] = {}
    for path in files:
        result = round_trip(fmt, path)
        if isinstance(result, str):
            print(f"  {path.name}: {result}")
            continue
        keys, values = result
        counts.append(len(keys))
        lost_values += values
        for key in keys:
            tally[key] = tally.get(key, 0) + 1
        print(f"  {path.name}: {len(keys)} keys lost{': ' + ', '.join(keys) if keys else ''}"
              f"{f'; {values} list values lost' if values else ''}")
    if counts:
        print(f"  mean keys lost per file: {statistics.mean(counts):.2f} over {len(counts)} files; "
              f"list values lost in all: {lost_values}")
        common = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
        if common:
            print("  most often lost: " + ", ".join(f"{k} ({n})" for k, n in common))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="folder with hf-dataset-cards/ and croissant/")
    args = parser.parse_args(argv)
    cards = sorted((args.corpus / "hf-dataset-cards").glob("*.md"))
    croissant = sorted((args.corpus / "croissant").glob("*.json"))
    if not cards and not croissant:
        print(f"no cards or Croissant files under {args.corpus}", file=sys.stderr)
        return 2
    print(f"Hugging Face cards ({len(cards)}), parsed by huggingface_hub before and after the round trip:")
    report("hf", cards)
    print(f"Croissant files ({len(croissant)}), top-level properties before and after the round trip:")
    report("croissant", croissant)
    if croissant:
        print("  kept through the round trip: " + "; ".join(
            f"{kept} of {total} {name}" for name, (total, kept) in PARTS.items())
            + " (files by @id, fields of every record set by name)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
