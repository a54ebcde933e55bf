"""Croissant: import (real corpus, name variants, bad input), export (mlcroissant as the oracle)
and the round trip datasheet -> Croissant -> datasheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datacard.findings import Severity
from datacard.interop import croissant_tables as C
from datacard.interop import export_datasheet, import_file, import_text
from datacard.interop.common import get_path, held_values
from datacard.interop.croissant_write import croissant_held
from tests.conftest import EXAMPLES
from tests.helpers import expected_pairs as _expected
from tests.helpers import valid_datasheet as _datasheet

CASES = Path(__file__).resolve().parent / "interop_cases"
DATASHEETS = sorted(EXAMPLES.glob("*.datacard.yaml")) + sorted((CASES / "datasheets").glob("*.datacard.yaml"))
JSON_CASES = sorted((CASES / "croissant").glob("*.json"))


@pytest.mark.parametrize("case", JSON_CASES, ids=lambda p: p.stem)
def test_croissant_case_yields_expected_findings(case: Path) -> None:
    result = import_file("croissant", case)
    assert [(f.code, f.line) for f in result.report().sorted()] == _expected(case)
    assert (result.datasheet is None) == any(f.severity is Severity.ERROR for f in result.findings)


# Each spelling in the wild (STANDARDS.md §5) lands in the same datasheet field.
VARIANTS = [
    ("application.ml_uses", ["training"]),                                # rai:useCases
    ("application.intended_uses", ["Benchmarking retrieval"]),
    ("audience.maintenance.update_plan", "Yearly."),                       # rai:dataReleaseMaintenance
    ("origin.annotation.platform", "Label Studio"),                        # rai:annotationPlatform
    ("origin.sources[].url", ["https://example.org/forum"]),              # rai:dataCollectionRaw
    ("origin.collection.timeframe.start", "2020-01-01"),                   # ...TimeFrameStart
    ("origin.collection.timeframe.end", "2021-06-30"),                     # ...TimeFrameEnd
    ("origin.preprocessing.manipulation", "Lowercased."),                  # rai:dataDataManipulationProtocol
    ("origin.annotation.annotators.description", "Ten students."),         # annotatorsDemographics
    ("application.limitations[].description", ["Small."]),                # full IRI
    ("application.out_of_scope_uses", ["medical use."]),
    ("origin.collection.methods", ["web-scraping", "manual-human-curation"]),  # other prefix
    ("origin.annotation.per_item", 3),
    ("composition.sensitive.handling", "Usernames were hashed."),
    ("composition.languages[].tag", ["en", "no"]),
    ("audience.license.id", "CC-BY-SA-4.0"),
    ("audience.distribution.published", "2024-05-01"),
    ("origin.creators[].email", ["ada@example.org"]),
    ("title", "Variant Names"),
    ("summary", "Every RAI spelling seen in the wild."),
    ("keywords", ["alpha", "beta"]),
]


@pytest.mark.parametrize(("path", "value"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_property_name_variants(path: str, value: object) -> None:
    data = import_file("croissant", CASES / "croissant" / "variants.json").data
    assert get_path(data, path) == value


def test_every_corpus_file_imports(corpus: Path) -> None:
    files = sorted((corpus / "croissant").glob("*.json"))
    assert files
    for path in files:
        result = import_file("croissant", path)
        assert result.datasheet is not None, (path.name, result.report().codes())
        assert not result.report().errors, path.name


CORPUS_FACTS = [
    ("dices-350.json", "origin.annotation.annotators.description", True),
    ("dices-350.json", "audience.license.id", "CC-BY-SA-4.0"),
    ("bigcode-the-stack.json", "application.biases", True),
    ("bigcode-the-stack.json", "composition.sensitive.handling", True),
    ("titanic.json", "audience.license.id", "AFL-3.0"),
    ("huggingface-mnist.json", "audience.license.id", "MIT"),
    ("zenodo-head-mri.json", "audience.license.id", "MIT"),
    ("huggingface-wildchat.json", "audience.license.id", "ODC-By-1.0"),
    ("huggingface-wildchat.json", "origin.sources[].name", ["WildChat-1M-Full"]),
    ("huggingface-wildchat.json", "origin.preprocessing.steps", True),
    ("gpt-3.json", "audience.license.id", "unknown"),  # said as unknown: recorded so, with a reason
    ("recipes-enum.json", "origin.collection.description", True),
]


@pytest.mark.parametrize(("name", "path", "value"), CORPUS_FACTS, ids=lambda v: str(v)[:40])
def test_corpus_file_facts(corpus: Path, name: str, path: str, value: object) -> None:
    data = import_file("croissant", corpus / "croissant" / name).data
    found = get_path(data, path)
    assert (bool(found) if value is True else found) == value


# --- export: mlcroissant is the oracle ----------------------------------------------------------

def _mlcroissant_issues(path: Path) -> tuple[set[str], set[str]]:
    import mlcroissant as mlc

    ctx = mlc.Context()
    mlc.Metadata.from_file(ctx=ctx, file=path)
    return set(ctx.issues.errors), set(ctx.issues.warnings)


@pytest.mark.parametrize("source", DATASHEETS, ids=lambda p: p.name)
def test_mlcroissant_accepts_the_export(source: Path, tmp_path: Path) -> None:
    exported = export_datasheet("croissant", _datasheet(source))
    target = tmp_path / "metadata.json"
    target.write_text(exported.text, encoding="utf-8")
    errors, warnings = _mlcroissant_issues(target)
    assert errors == set()
    # The only warnings are recommended properties the datasheet does not have.
    assert all("is recommended, but does not exist" in w for w in warnings), warnings


@pytest.mark.parametrize("source", DATASHEETS, ids=lambda p: p.name)
def test_export_declares_both_conformances_and_reports_missing_required(source: Path) -> None:
    datasheet = _datasheet(source)
    exported = export_datasheet("croissant", datasheet)
    doc = json.loads(exported.text)
    assert doc["conformsTo"] == list(C.CONFORMS_TO)
    # Croissant's name is the title people read; the datasheet's name is an alternate name.
    assert doc["@type"] == "sc:Dataset" and doc["name"] == (datasheet.title or datasheet.name)
    assert doc.get("alternateName", datasheet.name) == datasheet.name
    missing = {f.field for f in exported.findings if f.code == "DC408"}
    for key, field in (("description", "summary"), ("url", "homepage"), ("license", "audience.license")):
        assert (key not in doc) == (field in missing), key


def test_splits_become_a_split_record_set() -> None:
    doc = json.loads(export_datasheet(
        "croissant", _datasheet(CASES / "datasheets" / "station-readings.datacard.yaml")).text)
    (splits,) = doc["recordSet"]
    assert splits["dataType"] == "cr:Split"
    assert [(row["splits/name"], row["splits/url"], row["splits/count"]) for row in splits["data"]] == [
        ("train", "cr:TrainingSplit", 420480), ("test", "cr:TestSplit", 105120)]


@pytest.mark.parametrize("source", DATASHEETS, ids=lambda p: p.name)
def test_round_trip_keeps_every_field_croissant_can_hold(source: Path) -> None:
    original = _datasheet(source)
    back = import_text("croissant", export_datasheet("croissant", original).text, "metadata.json")
    assert back.datasheet is not None, back.report().codes()
    assert not [f for f in back.findings if f.severity >= Severity.WARNING]
    held = croissant_held(original)  # the files and fields too, where the datasheet lists the files
    before = held_values(original.model_dump(mode="json", exclude_none=True), held)
    after = held_values(back.datasheet.model_dump(mode="json", exclude_none=True), held)
    assert {k: after.get(k) for k in before} == before


def test_rai_table_covers_the_twenty_properties() -> None:
    assert len(C.RAI_PROPERTIES) == 20 == len({p.name for p in C.RAI_PROPERTIES})
    assert set(C.RAI_ALIASES.values()) <= {p.name for p in C.RAI_PROPERTIES}


# --- no input makes the importer raise ---------------------------------------------------------


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_KEYS = st.sampled_from([
    "name", "description", "license", "creator", "inLanguage", "keywords", "recordSet", "distribution",
    "rai:dataBiases", "rai:dataCollectionTimeframe", "rai:annotationsPerItem", "rai:dataUseCases",
    "rai:dataCollectionRawData", "rai:personalSensitiveInformation", "prov:wasDerivedFrom",
    "prov:wasGeneratedBy", "@context", "datePublished", "sameAs", "funder", "publisher",
])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_KEYS, _JSON, max_size=8))
def test_croissant_import_never_raises(doc: dict[str, object]) -> None:
    doc = {"@type": "sc:Dataset", **doc}
    result = import_text("croissant", json.dumps(doc), "metadata.json")
    assert result.datasheet is not None or result.findings


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_json_or_a_finding(text: str) -> None:
    result = import_text("croissant", text, "metadata.json")
    assert result.datasheet is not None or result.findings
