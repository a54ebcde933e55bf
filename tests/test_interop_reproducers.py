"""The eight ways real cards and Croissant files were bent or lost on import (issue 10), each as
a small card written for the test, and what must happen instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from datacard.cli import app
from datacard.interop import export_datasheet, import_text
from datacard.interop.common import get_path

FENCED_ITEM = """---
license: mit
---
# Dataset Card for Fences

## Dataset Description

### Supported Tasks and Leaderboards

- `image-classification`: label each photo with the species it shows.
  ```
  top-1 accuracy
  ```
- `image-retrieval`: find photos of one species.

## Additional Information

### Citation Information

```
@misc{fences,
  title={Fences}
}
```
"""


def _card(meta: str, body: str = "# Dataset Card for Test\n") -> str:
    return f"---\n{meta}---\n{body}"


def _round_trip(text: str) -> tuple[dict[str, object], dict[str, object]]:
    first = import_text("hf", text, "README.md")
    assert first.datasheet is not None, first.report().codes()
    card = export_datasheet("hf", first.datasheet).text
    second = import_text("hf", card, "README.md", name=first.datasheet.name)
    assert second.datasheet is not None, second.report().codes()
    return first.data, second.data


# 1. A fenced code block inside a list item belongs to the item; nothing after it is swallowed.
def test_a_code_block_in_a_list_item_stays_in_the_item_through_a_round_trip() -> None:
    first, second = _round_trip(FENCED_ITEM)
    uses = get_path(first, "application.intended_uses")
    assert uses == ["`image-classification`: label each photo with the species it shows.\n```\ntop-1 accuracy\n```",
                    "`image-retrieval`: find photos of one species."]
    assert get_path(second, "application.intended_uses") == uses
    assert get_path(second, "citation") == get_path(first, "citation") == "@misc{fences,\n  title={Fences}\n}"


# 2. Several multilinguality values: the most inclusive is kept, and checked against the languages.
def test_the_most_inclusive_multilinguality_is_kept() -> None:
    result = import_text("hf", _card("language: [en, fr, de, es, it, nl]\n"
                                     "multilinguality: [monolingual, multilingual, translation]\n"), "README.md")
    assert get_path(result.data, "composition.multilinguality") == "multilingual"
    assert len(get_path(result.data, "composition.languages")) == 6


def test_monolingual_with_several_languages_is_inconsistent_on_its_line() -> None:
    result = import_text("hf", _card("language: [en, fr]\nmultilinguality: monolingual\n"), "README.md")
    assert [(f.code, f.line) for f in result.findings] == [("DC411", 3)]


# 3. `no-annotation` beside creators: the creators are kept, the contradiction is said on its line.
def test_no_annotation_beside_creators_keeps_the_creators() -> None:
    result = import_text("hf", _card("annotations_creators:\n- expert-generated\n- no-annotation\n",
                                     "# Test\n\n## Annotation process\n\nTwo linguists labelled each sentence.\n"),
                         "README.md")
    assert get_path(result.data, "origin.annotation.creators") == ["expert-generated"]
    assert get_path(result.data, "origin.annotation.process") == "Two linguists labelled each sentence."
    assert [(f.code, f.line) for f in result.findings] == [("DC403", 2)]


# 4. source_datasets: relations survive, `original` and `other-NAME` mean what the Hub means, and a
#    card naming itself is not lineage.
@pytest.mark.parametrize(("written", "source"), [
    ("extended|glue", {"dataset": "hf:glue", "relation": "extended"}),
    ("original", {"relation": "original"}),
    ("other-reuters-corpus", {"name": "reuters-corpus"}),
    ("test", {"relation": "original"}),  # the card's own name (the folder of README.md is `test`)
])
def test_source_datasets_forms(written: str, source: dict[str, str], tmp_path: Path) -> None:
    card = tmp_path / "test" / "README.md"
    result = import_text("hf", _card(f"source_datasets: ['{written}']\n"), str(card))
    assert get_path(result.data, "origin.sources") == [source]
    exported = export_datasheet("hf", result.datasheet).text if result.datasheet else ""
    meta = yaml.safe_load(exported.split("---\n")[1])
    assert meta["source_datasets"] == [written if written != "test" else "original"]


# 5. The one placeholder vocabulary: trailing markers, empty citations, template instructions and
#    prose about curators are not answers (nor names).
def test_placeholders_in_card_prose() -> None:
    body = ("# Test\n\n### Curation Rationale\n\nBuilt to study fences. [More Information Needed]\n\n"
            "### Citation Information\n\n```\n```\n\n"
            "### Dataset Curators\n\nIf funding information is known, include it here.\n")
    result = import_text("hf", _card("license: mit\n", body), "README.md")
    assert get_path(result.data, "application.purpose") == "Built to study fences."
    assert get_path(result.data, "citation") is None
    assert get_path(result.data, "origin.creators") is None


def test_prose_about_curators_is_reported_not_split_into_names() -> None:
    body = ("# Test\n\n### Dataset Curators\n\n"
            "The dataset was initially created by Ada Lovelace and Alan Turing at the Example Lab.\n")
    result = import_text("hf", _card("license: mit\n", body), "README.md")
    assert get_path(result.data, "origin.creators") is None
    assert [(f.code, f.line) for f in result.findings] == [("DC402", 8)]


@pytest.mark.parametrize(("text", "names"), [
    ("Ada Lovelace, Alan Turing", ["Ada Lovelace", "Alan Turing"]),
    ("Example Lab; University of Somewhere", ["Example Lab", "University of Somewhere"]),
])
def test_a_list_of_curators_is_read_as_names(text: str, names: list[str]) -> None:
    result = import_text("hf", _card("license: mit\n", f"# Test\n\n### Dataset Curators\n\n{text}\n"), "README.md")
    assert get_path(result.data, "origin.creators[].name") == names


# 6. A language tag is a code: `na` is Nauru's language, not "n/a".
def test_the_language_tag_na_is_not_a_placeholder(tmp_path: Path) -> None:
    sheet = tmp_path / "nauru.datacard.yaml"
    sheet.write_text("schema_version: 1\nname: nauru\ncomposition:\n  languages: [na, {tag: en}]\n",
                     encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", str(sheet), "--isolated", "--select", "DC207,DC204",
                                      "--output-format", "json"])
    assert json.loads(result.stdout)["findings"] == []


# 7. Croissant: name is the title, "None" is no licence, temporalCoverage is the collection span,
#    a list holding one dataset is that dataset, and DC408 does not overstate what is required.
def test_croissant_facts_that_were_bent() -> None:
    doc = [{"@context": {"@vocab": "https://schema.org/"}, "@type": "sc:Dataset", "name": "MNIST",
            "alternateName": "Modified NIST digits", "license": "None", "temporalCoverage": "1998-01/1998-12"}]
    result = import_text("croissant", json.dumps(doc, indent=2), "metadata.json")
    assert result.datasheet is not None
    assert get_path(result.data, "title") == "MNIST"
    assert get_path(result.data, "audience.license") is None
    assert get_path(result.data, "origin.collection.timeframe") == {"start": "1998-01", "end": "1998-12"}
    exported = export_datasheet("croissant", result.datasheet)
    assert json.loads(exported.text)["name"] == "MNIST"
    assert not [f for f in exported.findings if "requires" in f.message]


# 8. Retired and misplaced task categories, the evaluation index, old configs, repeated values.
def test_a_task_id_given_as_category_exports_with_its_category() -> None:
    result = import_text("hf", _card("task_categories: [conversational]\n"), "README.md")
    assert result.datasheet is not None
    meta = yaml.safe_load(export_datasheet("hf", result.datasheet).text.split("---\n")[1])
    assert meta["task_categories"] == ["text-generation"] and meta["task_ids"] == ["conversational"]


def test_hub_machinery_is_noted_once() -> None:
    meta = ("train-eval-index:\n- config: default\n  task: text-classification\nconfigs: [plain, tokenized]\n"
            "annotations_creators:\n  plain: [robots]\n  tokenized: [robots]\n")
    result = import_text("hf", _card(meta), "README.md")
    pairs = [(f.code, f.line) for f in result.findings]
    assert ("DC401", 2) in pairs and ("DC411", 5) in pairs
    assert [code for code, _ in pairs].count("DC410") == 1  # `robots`, once for both configurations
