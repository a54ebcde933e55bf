"""Card -> datasheet -> card -> datasheet keeps what the first import read: patterns found by a
sweep over real Hugging Face cards, each written here as a small card of its own."""

from __future__ import annotations

from typing import Any

import pytest

from datacard.interop import export_datasheet, import_text
from datacard.interop.common import get_path

_FRONT = "---\nlicense: mit\nlanguage:\n- en\n---\n\n# Dataset Card for Sample\n\n"

CARDS = {
    # A labelled value over several paragraphs with a nested list: the export writes it as one
    # list item whose paragraphs and sub-items are indented; all of it is the value.
    "nested list in a section": _FRONT + (
        "## Dataset Structure\n\n### Data Instances\n\nOne record per line.\n\n"
        "### Data Splits\n\nTwo versions, each with three splits:\n- train\n- dev\n- test\n\n"
        "The `dev` split is for tuning only.\n"),
    # `license: other` with no name: the export must not name the licence "other".
    "licence other without a name": (
        "---\nlicense: other\n---\n\n# Dataset Card for Sample\n\n### Licensing Information\n\n"
        "Each file keeps the licence of the repository it came from.\n"),
    # A size range beside a table of split counts: the counts give the range back.
    "size range and split counts": (
        "---\nlicense: mit\nsize_categories:\n- 1K<n<10K\n---\n\n# Dataset Card for Sample\n\n"
        "### Data Splits\n\n| | train | test |\n|---|---|---|\n| examples | 1200 | 300 |\n"),
    # A table of split counts per configuration: none of them counts the whole dataset.
    "split tables per configuration": (
        "---\nlicense: mit\nsize_categories:\n- 10K<n<100K\n---\n\n# Dataset Card for Sample\n\n"
        "### Data Splits\n\n#### short\n\n| | train | test |\n|---|---|---|\n| short | 900 | 100 |\n\n"
        "#### long\n\n| | train | test |\n|---|---|---|\n| long | 40000 | 5000 |\n"),
    # A leaderboard line whose text has emphasis: the export escapes its `*`, and the import
    # must read the escape back, or every round trip adds a backslash.
    "leaderboard text with emphasis": _FRONT + (
        "## Dataset Description\n\n- **Leaderboard:** [Official board](https://example.org/board) "
        "*Note: a second, blind test set is scored elsewhere.*\n"),
}


def _dump(text: str, path: str) -> dict[str, Any]:
    result = import_text("hf", text, path, name="sample")
    assert result.datasheet is not None, result.report().codes()
    return result.datasheet.model_dump(mode="json", exclude_none=True)


@pytest.mark.parametrize("card", CARDS.values(), ids=list(CARDS))
def test_a_card_read_back_from_its_export_is_the_datasheet_read_first(card: str) -> None:
    first = _dump(card, "README.md")
    result = import_text("hf", card, "README.md", name="sample")
    assert result.datasheet is not None
    back = _dump(export_datasheet("hf", result.datasheet).text, "README.md")
    assert back == first


def test_a_task_the_hub_does_not_list_is_said_to_be_left_out_of_the_card() -> None:
    # Pre-2022 cards wrote free tasks as `<category>-other-<task>`; the export drops them whole.
    card = "---\ntask_categories:\n- summarization\ntask_ids:\n- summarization-other-legal-briefs\n---\n"
    result = import_text("hf", card, "README.md", name="sample")
    assert result.datasheet is not None
    exported = export_datasheet("hf", result.datasheet)
    said = [f.message for f in exported.findings if f.field == "application.tasks"]
    assert said == ["application.tasks: 'summarization-other-legal-briefs' is neither a Hub task category nor "
                    "a task id, so the card leaves it out of both task_categories and task_ids"]
    assert "summarization-other-legal-briefs" not in exported.text


def test_split_tables_per_configuration_give_no_splits_of_the_whole() -> None:
    result = import_text("hf", CARDS["split tables per configuration"], "README.md", name="sample")
    assert result.datasheet is not None and result.datasheet.composition is not None
    assert (result.datasheet.composition.splits, result.datasheet.composition.count) == ([], None)
    assert str(result.datasheet.composition.size_category) == "10K<n<100K"
    said = [(f.code, f.line, f.field) for f in result.findings if f.field == "composition.splits"]
    assert said == [("DC402", 13, "composition.splits")]


def test_a_size_range_that_contradicts_the_table_of_splits_is_kept_and_said() -> None:
    card = ("---\nsize_categories:\n- 10K<n<100K\n---\n\n### Data Splits\n\n"
            "| | train | test |\n|---|---|---|\n| examples | 100000 | 1000 |\n")
    result = import_text("hf", card, "README.md", name="sample")
    assert result.datasheet is not None and result.datasheet.composition is not None
    composition = result.datasheet.composition
    assert (composition.count, str(composition.size_category)) == (101000, "10K<n<100K")
    said = [(f.code, f.line, f.message) for f in result.findings if f.field == "composition.size_category"]
    assert said == [("DC411", 2, "size_categories says 10K<n<100K, but the table of splits at line 8 counts "
                     "101,000 examples: write 100K<n<1M, or correct the table")]


# Early cards: `---` twice with nothing between, and each heading a link to its own anchor.
_EARLY = ("---\n---\n\n# Dataset Card for \"sample\"\n\n## [Dataset Description](#dataset-description)\n\n"
          "### [Dataset Summary](#dataset-summary)\n\nHarbour tide readings, one a minute.\n\n"
          "### [Licensing Information](#licensing-information)\n\nFree to reuse with attribution.\n")


@pytest.mark.parametrize(("path", "value"), [
    ("summary", "Harbour tide readings, one a minute."),
    ("audience.terms_of_use", "Free to reuse with attribution."),
])
def test_an_early_card_reads_its_linked_headings(path: str, value: str) -> None:
    result = import_text("hf", _EARLY, "README.md", name="sample")
    assert result.datasheet is not None
    assert get_path(result.datasheet.model_dump(mode="json", exclude_none=True), path) == value
    assert "DC402" not in result.report().codes()


def test_an_empty_front_matter_is_said_to_be_empty_not_the_card() -> None:
    result = import_text("hf", _EARLY, "README.md", name="sample")
    said = [(f.code, f.line) for f in result.findings if f.code in ("DC009", "DC404")]
    assert said == [("DC404", 1)]
