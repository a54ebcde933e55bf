"""Hugging Face cards: import (real corpus, data-driven cases), export (huggingface_hub as the
oracle) and the round trip datasheet -> card -> datasheet."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datacard.findings import Severity
from datacard.interop import export_datasheet, import_file, import_text
from datacard.interop import hf_tables as T
from datacard.interop import hub_vocab as V
from datacard.interop.common import get_path, held_values
from datacard.interop.hub_vocab import size_category
from datacard.model import Datasheet
from tests.conftest import EXAMPLES
from tests.helpers import expected_pairs as _expected
from tests.helpers import valid_datasheet as _datasheet

CASES = Path(__file__).resolve().parent / "interop_cases"
DATASHEETS = sorted(EXAMPLES.glob("*.datacard.yaml")) + sorted((CASES / "datasheets").glob("*.datacard.yaml"))
CARD_CASES = sorted((CASES / "hf").glob("*.md"))


def test_there_is_something_to_round_trip() -> None:
    assert len(DATASHEETS) >= 2 and len(CARD_CASES) >= 5


# --- import: cases and the real corpus --------------------------------------------------------

@pytest.mark.parametrize("case", CARD_CASES, ids=lambda p: p.stem)
def test_card_case_yields_expected_findings(case: Path) -> None:
    result = import_file("hf", case)
    assert [(f.code, f.line) for f in result.report().sorted()] == _expected(case)
    assert result.datasheet is not None


# `[More Information Needed](URL)` is how the Hub's canonical cards write the placeholder.
@pytest.mark.parametrize("case", ["legacy-placeholders.md", "linked-placeholders.md"])
def test_placeholders_count_as_absent(case: str) -> None:
    data = import_file("hf", CASES / "hf" / case).data
    for path in ("summary", "application.purpose", "citation", "application.social_impact",
                 "composition.sensitive", "audience.maintenance", "origin.creators", "identifiers",
                 "origin.annotation.process", "application.limitations", "composition.languages[].description"):
        assert not get_path(data, path), path
    assert get_path(data, "application.biases[].description") == ["Reviews come from one website."]


def test_current_template_labels_and_sections() -> None:
    data = import_file("hf", CASES / "hf" / "current-template.md").data
    assert get_path(data, "origin.creators[].name") == ["Ada Lovelace", "Alan Turing", "National Library"]
    assert get_path(data, "origin.creators[].roles") == [["publisher"]]
    assert get_path(data, "audience.license") == {
        "id": "other", "name": "Fjord Licence", "url": "https://example.org/licence"}
    assert get_path(data, "audience.access.type") == "gated"
    assert get_path(data, "composition.count") == 100
    assert get_path(data, "composition.fields[].values") == [["left", "right"]]
    assert get_path(data, "application.recommendations") is None  # template sentence
    assert get_path(data, "citation") == "@misc{mini, title={{Parliament Mini}}}"


# (feature as `datasets` writes it in dataset_info, the field datacard reads from it)
FEATURES = [
    ("{name: text, dtype: string}", {"name": "text", "type": "string"}),
    ("{name: label, class_label: {names: {'0': neg, '1': pos}}}",
     {"name": "label", "type": "category", "values": ["neg", "pos"]}),
    ("{name: label, dtype: {class_label: {names: {'0': neg, '1': pos}}}}",
     {"name": "label", "type": "category", "values": ["neg", "pos"]}),
    ("{name: tags, sequence: {class_label: {names: [O, B-PER]}}}", {"name": "tags", "type": "list"}),
    ("{name: tags, dtype: {sequence: string}}", {"name": "tags", "type": "list"}),
    ("{name: pair, dtype: {translation: {languages: [en, nb]}}}", {"name": "pair", "type": "struct"}),
]


@pytest.mark.parametrize(("feature", "field"), FEATURES, ids=lambda v: str(v)[:40])
def test_dataset_info_feature_types(feature: str, field: dict[str, object]) -> None:
    card = f"---\ndataset_info:\n  features:\n  - {feature}\n---\n# Card\n"
    assert import_text("hf", card, "README.md").data["composition"]["fields"] == [field]


@pytest.mark.parametrize(("title", "name"), [("Norsk Bokmål Corpus", "norsk-bokmal-corpus"), ("IMDB", "imdb")])
def test_name_from_the_title_keeps_accented_letters(title: str, name: str) -> None:
    assert import_text("hf", f"---\npretty_name: {title}\n---\n# Card\n", "README.md").data["name"] == name


def _corpus_cards(corpus: Path) -> list[Path]:
    return sorted((corpus / "hf-dataset-cards").glob("*.md"))


def test_every_corpus_card_imports(corpus: Path) -> None:
    cards = _corpus_cards(corpus)
    assert cards
    for card in cards:
        result = import_file("hf", card)
        assert result.datasheet is not None, (card.name, result.report().codes())
        assert all(f.line >= 0 and f.code.startswith(("DC0", "DC4")) for f in result.findings), card.name


# (card, dotted path, value the datasheet must hold; None = absent)
CORPUS_FACTS = [
    ("hf-canonical__norwegian_ner.md", "composition.languages[].tag", ["no"]),
    ("hf-canonical__norwegian_ner.md", "summary", None),
    ("hf-canonical__norwegian_ner.md", "application.purpose", None),
    ("hf-canonical__norwegian_ner.md", "origin.people", None),
    ("hf-canonical__norwegian_ner.md", "application.tasks", ["token-classification", "named-entity-recognition"]),
    ("NbAiLab__norwegian_parliament.md", "composition.languages[].tag", ["no"]),
    ("alexandrainst__scandi-wiki.md", "composition.languages[].tag", ["da", "sv", "no", "nb", "nn", "is", "fo"]),
    ("prof-schacht__Test.md", "application", None),
    ("prof-schacht__Test.md", "citation", None),
    ("prof-schacht__Test.md", "audience.license.id", "MIT"),
    ("castorini__nq_gar-t5_expansions.md", "composition.languages[].tag", ["en"]),
    ("castorini__nq_gar-t5_expansions.md", "audience.license.id", "Apache-2.0"),
    ("hf-canonical__yelp_review_full.md", "audience.license.id", "other"),
    ("hf-canonical__imdb.md", "composition.splits[].name", ["train", "test", "unsupervised"]),
    ("adithya7__background-summaries.md", "audience.license.id", "CC-BY-NC-4.0"),
    ("adithya7__background-summaries.md", "composition.languages[].tag", ["en-US"]),
    ("hf-canonical__cnn_dailymail.md", "origin.annotation.labelled", False),
    ("AllyArc__allyarc_oai_format.md", "audience.license.id", "Apache-2.0"),
    # metadata written without its `---` lines is still read as metadata, not as the summary
    ("EnZon3__The-Worlds-Sentiment.md", "audience.license.id", "GPL-3.0-only"),
    ("EnZon3__The-Worlds-Sentiment.md", "composition.languages[].tag", ["en"]),
    ("EnZon3__The-Worlds-Sentiment.md", "title", "The World's Sentiment"),
]


@pytest.mark.parametrize(("card", "path", "value"), CORPUS_FACTS, ids=lambda v: str(v)[:40])
def test_corpus_card_facts(corpus: Path, card: str, path: str, value: object) -> None:
    data = import_file("hf", corpus / "hf-dataset-cards" / card).data
    assert get_path(data, path) == value


# (card, code, line): findings a reader of that card should get
CORPUS_FINDINGS = [
    ("graphs-datasets__AIDS.md", "DC401", 2),          # misspelt `licence:` key
    ("LeandraFichtel__KAMEL.md", "DC404", 1),          # `---` never closed
    ("EnZon3__The-Worlds-Sentiment.md", "DC404", 1),   # metadata without `---` lines
    ("AllyArc__allyarc_oai_format.md", "DC403", 25),   # body says MIT, front matter Apache-2.0
    ("hf-canonical__norwegian_ner.md", "DC410", 17),   # retired task category, which the Hub refuses
    ("hf-canonical__norwegian_ner.md", "DC412", 7),    # `no` unquoted: False to Python's YAML readers
    ("hf-canonical__imdb.md", "DC411", 13),            # size_categories below the split counts
    ("castorini__nq_gar-t5_expansions.md", "DC403", 3),  # a language name, not a code
]


UNFENCED = [  # (card text, what the datasheet holds, the DC404 line)
    ("license: mit\nlanguage:\n- fr\npretty_name: Unfenced\n\n# Dataset Card for Unfenced\n\nText.\n",
     {"audience.license.id": "MIT", "composition.languages[].tag": ["fr"], "title": "Unfenced"}, 1),
    ("\n\nlicense: mit\ntask_categories:\n- translation\n# Dataset Card for X\n",
     {"audience.license.id": "MIT", "application.tasks": ["translation"]}, 3),
    # one card key is not metadata: the text stays the body
    ("license: see below\n\n# Dataset Card for Y\n", {"audience.license": None}, None),
]


@pytest.mark.parametrize(("text", "facts", "line"), UNFENCED, ids=["top", "after-blank-lines", "prose"])
def test_card_metadata_without_fences_is_read_as_metadata(text: str, facts: dict[str, object],
                                                          line: int | None) -> None:
    result = import_text("hf", text, "README.md")
    for path, value in facts.items():
        assert get_path(result.data, path) == value, path
    unfenced = [f for f in result.findings if f.code == "DC404" and "not between `---`" in f.message]
    assert [f.line for f in unfenced] == ([line] if line else [])


@pytest.mark.parametrize(("card", "code", "line"), CORPUS_FINDINGS, ids=lambda v: str(v)[:40])
def test_corpus_card_findings(corpus: Path, card: str, code: str, line: int) -> None:
    result = import_file("hf", corpus / "hf-dataset-cards" / card)
    assert (code, line) in [(f.code, f.line) for f in result.findings]


def test_placeholder_only_card_has_no_conversion_warnings(corpus: Path) -> None:
    result = import_file("hf", corpus / "hf-dataset-cards" / "hf-canonical__norwegian_ner.md")
    hub = {"DC410", "DC411", "DC412"}  # what the Hub's own checks say of the metadata
    assert not [f for f in result.findings if f.severity >= Severity.WARNING and f.code not in hub]


# --- export: huggingface_hub is the oracle ---------------------------------------------------

@pytest.mark.parametrize("source", DATASHEETS, ids=lambda p: p.name)
def test_huggingface_hub_loads_the_card_with_metadata_intact(source: Path, tmp_path: Path) -> None:
    from huggingface_hub import DatasetCard, RepoCard

    exported = export_datasheet("hf", _datasheet(source))
    card_path = tmp_path / "README.md"
    card_path.write_text(exported.text, encoding="utf-8")
    written = yaml.safe_load(exported.text.split("---\n")[1])
    card = DatasetCard.load(card_path)
    assert card.data.to_dict() == written
    assert RepoCard.load(card_path).data.to_dict() == written
    assert card.text.lstrip().startswith("# Dataset Card for")


@pytest.mark.parametrize("source", DATASHEETS, ids=lambda p: p.name)
def test_card_metadata_uses_the_hub_vocabulary(source: Path) -> None:
    datasheet = _datasheet(source)
    exported = export_datasheet("hf", datasheet)
    text = exported.text
    meta = yaml.safe_load(text.split("---\n")[1])
    licences = meta["license"] if isinstance(meta["license"], list) else [meta["license"]]  # several: a list
    assert set(licences) <= set(V.license_ids())
    assert set(meta.get("task_categories", [])) <= set(V.task_categories())
    assert set(meta.get("task_ids", [])) <= set(V.task_ids())
    assert set(meta.get("annotations_creators", [])) <= set(V.vocabulary("annotations_creators"))
    assert set(meta.get("multilinguality", [])) <= set(V.vocabulary("multilinguality"))
    assert all(isinstance(code, str) and code.islower() and len(code) <= 3 for code in meta.get("language", []))
    assert set(meta.get("size_categories", [])) <= set(V.vocabulary("size_categories"))
    if datasheet.composition and datasheet.composition.count is not None:
        assert meta["size_categories"] == [size_category(datasheet.composition.count)]
    # What datacard writes, datacard's offline Hub checks accept, but what the export said it lacks.
    lacks = {f.field for f in exported.findings if f.code == "DC408"}
    hub = [f for f in import_text("hf", text, "README.md").findings if f.code in ("DC410", "DC411")
           and not ("audience.license.url" in lacks and "license_link" in f.message)]
    assert not hub, [f.message for f in hub]


@pytest.mark.parametrize(("count", "label"), [
    (0, "n<1K"), (999, "n<1K"), (1_000, "1K<n<10K"), (650_000, "100K<n<1M"), (1_000_000, "1M<n<10M"),
    (10**12, "n>1T"),
])
def test_size_category(count: int, label: str) -> None:
    assert size_category(count) == label


def test_norwegian_survives_export() -> None:
    datasheet = _datasheet(CASES / "datasheets" / "station-readings.datacard.yaml")
    text = export_datasheet("hf", datasheet).text
    assert yaml.safe_load(text.split("---\n")[1])["language"] == ["no"]  # quoted: YAML 1.1 keeps it


# --- round trip --------------------------------------------------------------------------------

@pytest.mark.parametrize("source", DATASHEETS, ids=lambda p: p.name)
def test_round_trip_keeps_every_field_the_card_can_hold(source: Path) -> None:
    original = _datasheet(source)
    card = export_datasheet("hf", original)
    back = import_text("hf", card.text, "README.md", name=original.name)
    assert back.datasheet is not None, back.report().codes()
    # Nothing is lost on the way back; what the Hub asks that the datasheet lacks, export said (DC408).
    assert not [f for f in back.findings if f.severity >= Severity.WARNING and f.code != "DC411"]
    before = held_values(original.model_dump(mode="json", exclude_none=True), T.CARD_FIELDS)
    after = held_values(back.datasheet.model_dump(mode="json", exclude_none=True), T.CARD_FIELDS)
    for path, value in before.items():
        if isinstance(value, list) and path in ("keywords",):
            # Modality tags come back as keywords too: the card cannot tell them apart.
            assert set(map(repr, value)) <= set(map(repr, after.get(path, []))), path
        else:
            assert after.get(path) == value, path


@pytest.mark.parametrize("source", DATASHEETS, ids=lambda p: p.name)
def test_export_lists_what_the_card_cannot_hold(source: Path) -> None:
    datasheet = _datasheet(source)
    lost = {f.field for f in export_datasheet("hf", datasheet).findings if f.code == "DC407"}
    assert ("version" in lost) == (datasheet.version is not None)
    assert ("origin.ethics" in lost) == bool(datasheet.origin and datasheet.origin.ethics)
    assert not lost & {"title", "summary", "citation", "application.purpose"}


def test_card_fields_name_real_datasheet_fields() -> None:
    from datacard.validate import model_at

    for path in T.CARD_FIELDS:
        parts = path.replace("[]", "").split(".")
        assert model_at(Datasheet, parts[:-1]) is not None, path
        assert parts[-1] in model_at(Datasheet, parts[:-1]).model_fields, path  # type: ignore[union-attr]


# --- no input makes the importer raise ---------------------------------------------------------


_CARD_PARTS = st.sampled_from([
    "---\n", "language:\n- no\n", "license: [mit, 3]\n", "dataset_info: 5\n", "tags: {a: b}\n",
    "size_categories: {x: [1]}\n", "source_datasets: [null, extended|x]\n", "configs: [{data_files: 3}]\n",
    "## Dataset Description\n", "- **Homepage:** x\n", "### Citation\n", "```\n", "  indented\n",
    "- **Curated by:**\n", "# Title\n", "[More Information Needed]\n", "\n", "text (with ( paren\n",
    "#### Personal and Sensitive Information\n", "- **Collection period:** 2020 to 2019\n",
    "- **About people:** no\n", "- **Instances:** 12,000\n", "- **Language(s) (NLP):** en (a; b\n",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_CARD_PARTS, max_size=25), st.text(max_size=40))
def test_card_import_never_raises(parts: list[str], noise: str) -> None:
    result = import_text("hf", "".join(parts) + noise, "README.md")
    assert result.datasheet is not None or result.findings
