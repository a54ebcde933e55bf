"""Croissant's description of the data, both ways: files (distribution), the instances' record
set (fields with type, source, values, key and split), variableMeasured and PROV lineage.
mlcroissant is the oracle for every file datacard writes; the corpus files go through
Croissant -> datasheet -> Croissant clean, and datasheets with files through datasheet ->
Croissant -> datasheet without losing what the export holds."""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datacard.interop import croissant_tables as C
from datacard.interop import export_datasheet, import_file, import_text
from datacard.interop.common import get_path, held_values
from datacard.interop.croissant_write import croissant_held
from datacard.model import Datasheet
from tests.conftest import CORPUS
from tests.helpers import valid_datasheet
from tests.test_interop_round_trip import _prose

CASES = Path(__file__).resolve().parent / "interop_cases"
RECORDS = CASES / "croissant" / "records.json"
HARBOUR = CASES / "datasheets" / "harbour-sightings.datacard.yaml"
DIGEST = "8a1f0c2e9b7d4f3a6c5e8d1b2a3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f"


def mlcroissant_errors(text: str, tmp_path: Path) -> set[str]:
    """The errors mlcroissant's validator finds in a Croissant document (it reads the JSON-LD
    and checks it without fetching any data)."""
    import mlcroissant as mlc

    logging.getLogger("absl").setLevel(logging.ERROR)
    target = tmp_path / "metadata.json"
    target.write_text(text, encoding="utf-8")
    ctx = mlc.Context()
    with contextlib.suppress(mlc.ValidationError):  # the issues are in ctx
        mlc.Metadata.from_file(ctx=ctx, file=target)
    return set(ctx.issues.errors)


# A field without a source is read from the only file there is: it comes back with that source.
_GAINED = ("composition.fields[].source.file",)


def _lost(original: Datasheet, back: Datasheet) -> dict[str, Any]:
    held = croissant_held(original)
    before = held_values(original.model_dump(mode="json", exclude_none=True), held)
    after = held_values(back.model_dump(mode="json", exclude_none=True), held)
    lost = {}
    for path, value in before.items():
        got = after.get(path)
        if path in _GAINED and isinstance(got, list):
            missing = list(got)
            kept = all(v in missing and not missing.remove(v) for v in value)
            if not kept:
                lost[path] = (value, got)
        elif got != value:
            lost[path] = (value, got)
    return lost


# --- import: what each part of the data's description becomes ----------------------------------

RECORD_FACTS = [
    ("identifiers", ["hf:example/harbour-sightings"]),               # alternateName naming the Hub repo
    ("audience.distribution.files[0].sha256", DIGEST),                 # written in capitals
    ("audience.distribution.files[0].size", "2.1 MB"),
    ("audience.distribution.files[1].contained_in", ["archive"]),
    ("audience.distribution.files[1].includes", ["data/*.csv"]),
    ("audience.distribution.files[2].md5", "0123456789abcdef0123456789abcdef"),
    ("audience.distribution.files[2].sha256", None),                   # not a digest: a finding
    ("audience.distribution.formats", ["zip", "csv", "txt"]),
    ("composition.instance", "One sighting of one animal."),           # the record set's description
    ("composition.splits[].name", ["train", "test"]),
    ("composition.fields[0].name", "id"),                               # `records/` prefix dropped
    ("composition.fields[0].role", "identifier"),                       # the record set's key
    ("composition.fields[1].type", "category"),                         # refers to an enumeration
    ("composition.fields[1].values", ["harbour seal", "grey seal"]),   # written out in its `data`
    ("composition.fields[1].source.column", "animal"),
    ("composition.fields[1].description", "What was seen."),           # not the variable's
    ("composition.fields[2].role", "split"),                            # refers to the split set
    ("composition.fields[2].source.file_property", "full-path"),
    ("composition.fields[2].source.pattern", r"data/(train|test)\.csv$"),
    ("composition.fields[3].type", "image"),
    ("composition.fields[3].source.file", "sightings"),
    ("composition.fields[4].type", "struct"),                           # nested fields: a finding
    ("composition.fields[5].type", "float"),                            # cr:Float32
    ("composition.fields[5].source", None),                             # a file the file lacks
    ("composition.fields[6].name", "weather"),                          # variableMeasured
    ("origin.sources[0].dataset", "hf:example/seal-counts"),            # prov:wasDerivedFrom
    ("origin.sources[0].relation", "derived"),
    ("origin.preprocessing.steps[0].tool", "FaceBlur 2"),               # agent given by @id
    ("origin.preprocessing.steps[1].description", "Checked by hand."),
    ("origin.creators[0].name", "Ada Quay"),                            # associated person
    ("origin.creators[0].roles", ["contributor"]),
]


@pytest.mark.parametrize(("path", "value"), RECORD_FACTS, ids=[f[0] for f in RECORD_FACTS])
def test_records_case_imports(path: str, value: object) -> None:
    assert get_path(import_file("croissant", RECORDS).data, path) == value


@pytest.mark.parametrize(("loc", "text"), [
    (("composition", "fields", 1, "type"), '"dataType": "sc:Text", "references"'),
    (("composition", "fields", 2, "source", "pattern"), '"extract": {"fileProperty": "fullpath"}'),
    (("composition", "fields", 4), '"@id": "records/place", "subField"'),
    (("audience", "distribution", "files", 2, "md5"), '"md5": "0123456789abcdef'),
    (("audience", "distribution", "files", 2, "size"), '"@type": "cr:FileObject", "@id": "notes"'),
    (("origin", "sources", 0, "name"), '"prov:wasDerivedFrom"'),
])
def test_a_list_item_is_found_on_its_own_line(loc: tuple[str | int, ...], text: str) -> None:
    imported = import_file("croissant", RECORDS)
    assert imported.positions is not None
    lines = RECORDS.read_text(encoding="utf-8").splitlines()
    line = next(i for i, content in enumerate(lines, 1) if text in content)
    assert imported.positions.find(loc)[0] == line


def test_a_value_the_schema_refuses_is_dropped_on_its_field_line() -> None:
    doc = {"@type": "sc:Dataset", "name": "x", "distribution": [
        {"@type": "cr:FileObject", "@id": "a", "contentUrl": "a.csv", "encodingFormat": "text/csv", "md5": "0" * 32}],
        "recordSet": [{"@type": "cr:RecordSet", "@id": "r", "field": [
            {"@type": "cr:Field", "@id": "r/ok", "dataType": "sc:Text",
             "source": {"fileObject": {"@id": "a"}, "extract": {"column": "ok"}}},
            {"@type": "cr:Field", "@id": "r/bad", "dataType": "sc:Text",
             "source": {"fileObject": {"@id": "a"}, "extract": {"column": "b"}, "transform": {"regex": "(x"}}}]}]}
    text = json.dumps(doc, indent=1)
    result = import_text("croissant", text, "metadata.json")
    (finding,) = [f for f in result.findings if f.code == "DC409"]
    assert finding.message.startswith("composition.fields[1].source: ")  # as `validate` names the place
    line = next(i for i, content in enumerate(text.splitlines(), 1) if '"@id": "r/bad"' in content)
    assert finding.line == line + 2  # the `source` of the second field
    assert get_path(result.data, "composition.fields[].name") == ["ok", "bad"]


def test_a_later_distribution_is_read_before_the_fields_that_name_its_files() -> None:
    doc = {"@type": "sc:Dataset", "name": "x",
           "recordSet": [{"@type": "cr:RecordSet", "@id": "r", "field": [
               {"@type": "cr:Field", "@id": "r/a", "dataType": "sc:Integer",
                "source": {"fileObject": {"@id": "f"}, "extract": {"column": "a"}}}]}],
           "distribution": [{"@type": "cr:FileObject", "@id": "f", "contentUrl": "f.csv",
                             "encodingFormat": "text/csv", "md5": "1" * 32}]}
    data = import_text("croissant", json.dumps(doc), "metadata.json").data
    assert get_path(data, "composition.fields[0].source.file") == "f"


# --- export: what mlcroissant accepts, and what is reported instead ------------------------------

def _sheet(files: list[dict[str, Any]], fields: list[dict[str, Any]]) -> Datasheet:
    return Datasheet.model_validate({"schema_version": 1, "name": "demo", "composition": {"fields": fields},
                                     "audience": {"distribution": {"files": files}}})


CSV = {"name": "t.csv", "url": "data/t.csv", "format": "text/csv", "md5": "0" * 32}
REPO = {"name": "repo", "url": "https://example.org/repo.git", "format": "git+https"}
SET = {"name": "parts", "contained_in": ["repo"], "includes": ["*.parquet"], "format": "application/x-parquet"}
TEXT = {"name": "text", "type": "string"}

EXPORTS = [
    # (files, fields, files written, fields in the record set, fields described only, finding)
    ([CSV], [TEXT], ["t.csv"], ["text"], [], None),  # the only file: the field's source
    ([{**CSV, "md5": None}], [TEXT], [], [], ["text"], "DC408 sha256 or md5"),
    ([{**CSV, "format": None}], [TEXT], [], [], ["text"], "DC408 media type"),
    ([{**CSV, "url": None}], [TEXT], [], [], ["text"], "DC408 where it is"),
    ([REPO, SET], [TEXT], ["repo", "parts"], ["text"], [], None),  # a repository has no digest
    ([SET], [TEXT], [], [], ["text"], "DC408 does not list"),
    ([{**REPO, "format": "application/zip"}, SET], [TEXT], [], [], ["text"], "DC408 which is not written"),
    ([CSV, {**CSV, "url": "data/u.csv"}], [TEXT], ["t.csv"], ["text"], [], "DC408 same name"),
    ([CSV, {**CSV, "name": "u.csv"}], [TEXT], ["t.csv", "u.csv"], [], ["text"], "DC407 from a file"),
    ([CSV, {**CSV, "name": "u.csv"}], [{**TEXT, "source": "u.csv"}], ["t.csv", "u.csv"], ["text"], [], None),
    ([CSV], [{"name": "gusts", "type": "list"}, TEXT], ["t.csv"], ["text"], ["gusts"], "DC407 no data type"),
    ([CSV], [{"name": "gusts"}], ["t.csv"], [], ["gusts"], "DC407 no data type"),
    ([CSV], [TEXT, TEXT], ["t.csv"], ["text"], ["text"], "DC407 same name"),
    ([], [TEXT], [], [], ["text"], "DC407 from a file"),
]


@pytest.mark.parametrize(("files", "fields", "written", "recorded", "described", "finding"), EXPORTS)
def test_export_writes_what_mlcroissant_accepts(files: list[dict[str, Any]], fields: list[dict[str, Any]],
                                                written: list[str], recorded: list[str], described: list[str],
                                                finding: str | None, tmp_path: Path) -> None:
    files = [{k: v for k, v in f.items() if v is not None} for f in files]
    exported = export_datasheet("croissant", _sheet(files, fields))
    doc = json.loads(exported.text)
    assert [n["@id"] for n in doc.get("distribution", [])] == written
    record_sets = [r for r in doc.get("recordSet", []) if r["@id"] == "demo"]
    assert [f["name"] for r in record_sets for f in r["field"]] == recorded
    assert [v["name"] for v in doc.get("variableMeasured", [])] == described
    if finding is not None:
        code, words = finding.split(" ", 1)
        assert any(f.code == code and words in f.message for f in exported.findings), exported.findings
    assert mlcroissant_errors(exported.text, tmp_path) == set()


def test_values_and_roles_are_written_as_references_and_key() -> None:
    doc = json.loads(export_datasheet("croissant", valid_datasheet(HARBOUR)).text)
    sets = {r["@id"]: r for r in doc["recordSet"]}
    fields = {f["name"]: f for f in sets["harbour-sightings"]["field"]}
    assert sets["harbour-sightings"]["key"] == {"@id": "harbour-sightings/id"}
    assert fields["split"]["references"] == {"field": {"@id": "splits/name"}}
    assert fields["species"]["dataType"] == list(C.CATEGORY_TYPES)
    species = fields["species"]["references"]["field"]["@id"]
    assert [row[species] for row in sets[species.split("/")[0]]["data"]] == ["harbour seal", "grey seal"]
    assert fields["split"]["source"] == {"fileSet": {"@id": "sightings"}, "extract": {"fileProperty": "fullpath"},
                                         "transform": {"regex": r"data/(train|test)\.csv$"}}


def test_values_of_a_field_that_is_not_a_category_are_not_an_enumeration() -> None:
    field = {"name": "stars", "type": "integer", "values": ["1", "2"]}
    doc = json.loads(export_datasheet("croissant", _sheet([CSV], [field])).text)
    (values,) = [r for r in doc["recordSet"] if r["@id"] != "demo"]
    assert "dataType" not in values
    back = import_text("croissant", json.dumps(doc), "metadata.json").data
    assert get_path(back, "composition.fields[0]") == {**field, "source": {"file": "t.csv"}}


def test_contributors_are_associated_agents_not_creators() -> None:
    doc = json.loads(export_datasheet("croissant", valid_datasheet(HARBOUR)).text)
    creators = doc["creator"] if isinstance(doc["creator"], list) else [doc["creator"]]
    assert [c["name"] for c in creators] == ["Example Harbour Trust"]
    assert {a["name"] for a in doc["prov:wasAssociatedWith"]} == {"Ada Quay", "FaceBlur 2"}
    # Raw material (no relation, no dataset) is not a dataset PROV derives this one from.
    assert [e.get("prov:label") for e in doc["prov:wasDerivedFrom"]] == ["Seal Counts"]


def test_a_datasheet_with_files_and_fields_comes_back_whole(tmp_path: Path) -> None:
    original = valid_datasheet(HARBOUR)
    exported = export_datasheet("croissant", original)
    assert not exported.findings
    assert mlcroissant_errors(exported.text, tmp_path) == set()
    back = import_text("croissant", exported.text, "metadata.json")
    assert back.datasheet is not None and not back.findings
    assert _lost(original, back.datasheet) == {}
    assert "audience.distribution.files[].sha256" in croissant_held(original)


# --- the corpus: Croissant -> datasheet -> Croissant ----------------------------------------------

CORPUS_FACTS = [
    ("titanic.json", "composition.fields[1].source", {"file": "passengers.csv", "column": "sex"}),
    ("titanic.json", "composition.fields[1].type", "category"),         # refers to sc:Enumeration genders
    ("titanic.json", "audience.distribution.files[].name",
     ["passengers.csv", "genders.csv", "embarkation_ports.csv"]),
    ("titanic.json", "composition.instance", "The list of passengers. Does not include crew members."),
    ("huggingface-mnist.json", "composition.fields[0].role", "split"),
    ("huggingface-mnist.json", "audience.distribution.files[0].sha256", None),  # a repository: no digest
    ("gpt-3.json", "composition.fields[2].source.file_property", "file-name"),   # Croissant 0.8
    ("huggingface-wildchat.json", "origin.sources[0].dataset", "hf:allenai/WildChat-1M-Full"),
    ("huggingface-wildchat.json", "origin.preprocessing.steps[].tool",
     ["OpenAI Moderation API", "Microsoft Presidio"]),
    ("huggingface-wildchat.json", "origin.creators[0].roles", ["contributor"]),
    ("huggingface-data_provenance_initiative.json", "identifiers",
     ["hf:common-pile/data_provenance_initiative_filtered"]),
    ("zenodo-head-mri.json", "audience.distribution.files[0].md5", "e5cbd0bca91f1787d057b0eac2572bde"),
]


@pytest.mark.parametrize(("name", "path", "value"), CORPUS_FACTS, ids=lambda v: str(v)[:40])
def test_corpus_data_description_facts(corpus: Path, name: str, path: str, value: object) -> None:
    assert get_path(import_file("croissant", corpus / "croissant" / name).data, path) == value


def _corpus_files() -> list[str]:
    # One case per file where the corpus is present; one case that skips where it is not.
    return sorted(p.name for p in (CORPUS / "croissant").glob("*.json")) or ["(no corpus)"]


@pytest.mark.parametrize("name", _corpus_files())
def test_corpus_file_round_trips_clean_under_mlcroissant(corpus: Path, name: str, tmp_path: Path) -> None:
    first = import_file("croissant", corpus / "croissant" / name)
    assert first.datasheet is not None
    exported = export_datasheet("croissant", first.datasheet)
    assert mlcroissant_errors(exported.text, tmp_path) == set()
    again = import_text("croissant", exported.text, "metadata.json")
    assert again.datasheet is not None
    # What the first import read comes back from datacard's own export, files and fields included.
    assert _lost(first.datasheet, again.datasheet) == {}


# --- generated datasheets ------------------------------------------------------------------------

_NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8)
_DIGESTS = st.sampled_from([{"sha256": DIGEST}, {"md5": "d41d8cd98f00b204e9800998ecf8427e"}])
_TYPES = st.sampled_from([*C.DATA_TYPES_OUT, "list", "binary", None])


@st.composite
def _files(draw: Any) -> list[dict[str, Any]]:
    """One CSV file, or an archive and a set of files inside it, or a repository and a set."""
    shape = draw(st.sampled_from(["file", "archive", "repository"]))
    if shape == "file":
        return [{"name": "data.csv", "url": "data/data.csv", "format": "text/csv", **draw(_DIGESTS)}]
    holder = ({"name": "repo", "url": "https://example.org/repo.git", "format": "git+https"} if shape == "repository"
              else {"name": "all.zip", "url": "https://example.org/all.zip", "format": "application/zip",
                    **draw(_DIGESTS)})
    return [holder, {"name": "parts", "contained_in": [holder["name"]], "includes": ["data/*.jsonl"],
                     "format": "application/jsonlines", "size": draw(st.sampled_from(["1 MB", "12 kB"]))}]


@st.composite
def _field(draw: Any, name: str, files: list[dict[str, Any]]) -> dict[str, Any]:
    kind = draw(_TYPES)
    field: dict[str, Any] = {"name": name, **({"type": kind} if kind else {})}
    if draw(st.booleans()):
        field["description"] = draw(_prose(lines=False))
    if kind in ("category", "string", "integer") and draw(st.booleans()):
        field["values"] = draw(st.lists(st.text(alphabet="xyz ", min_size=1, max_size=5), min_size=1, max_size=3,
                                        unique=True))
    read = draw(st.sampled_from(["", "column", "json_path", "file_property"]))
    if read:
        source: dict[str, Any] = {"file": files[-1]["name"]}
        source[read] = {"column": "col_" + name, "json_path": "$.items[*]." + name,
                        "file_property": draw(st.sampled_from(list(C.FILE_PROPERTIES_OUT)))}[read]
        if draw(st.booleans()):
            source["pattern"] = r"^(\w+)"
        field["source"] = source
    return field


@st.composite
def datasheets_with_files(draw: Any) -> Datasheet:
    files = draw(_files())
    names = draw(st.lists(_NAME, min_size=1, max_size=5, unique=True))
    fields = [draw(_field(n, files)) for n in names]
    if draw(st.booleans()):
        fields[0]["role"] = "identifier"
    data = {"schema_version": 1, "name": "generated", "title": "Generated",
            "composition": {"fields": fields, **({"instance": "One row."} if draw(st.booleans()) else {})},
            "audience": {"distribution": {"files": files}}}
    return Datasheet.model_validate(data)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(datasheets_with_files())
def test_generated_files_and_fields_round_trip_clean(tmp_path: Path, original: Datasheet) -> None:
    exported = export_datasheet("croissant", original)
    assert mlcroissant_errors(exported.text, tmp_path) == set()
    back = import_text("croissant", exported.text, "metadata.json")
    assert back.datasheet is not None, back.report().codes()
    assert _lost(original, back.datasheet) == {}


# --- regressions found by the round trips ----------------------------------------------------------

LICENCES = [
    # (datasheet licence, written, read back): unknown was written as an SPDX page that does not
    # exist and read back as `other`; an unnamed `other` was not written at all.
    ({"id": "unknown", "reason": "Nobody knows."}, "unknown", "unknown"),
    ({"id": "other"}, "other", "other"),
    ({"id": "MIT"}, "https://spdx.org/licenses/MIT.html", "MIT"),
]


@pytest.mark.parametrize(("licence", "written", "read"), LICENCES, ids=[row[1] for row in LICENCES])
def test_licence_round_trip(licence: dict[str, str], written: str, read: str) -> None:
    sheet = Datasheet.model_validate({"schema_version": 1, "name": "demo", "audience": {"license": licence}})
    text = export_datasheet("croissant", sheet).text
    assert json.loads(text)["license"] == written
    assert get_path(import_text("croissant", text, "metadata.json").data, "audience.license.id") == read


@pytest.mark.parametrize("name", ["na", "_", "n/a", "TBD"])
def test_field_and_file_names_are_codes_not_prose(name: str) -> None:
    # Names were read through the placeholder verdict: a column called `na` was dropped.
    doc = {"@type": "sc:Dataset", "name": "x",
           "distribution": [{"@type": "cr:FileObject", "@id": name, "contentUrl": "a.csv",
                             "encodingFormat": "text/csv", "md5": "0" * 32}],
           "recordSet": [{"@type": "cr:RecordSet", "@id": "r", "field": [
               {"@type": "cr:Field", "@id": f"r/{name}", "name": name, "dataType": "sc:Text",
                "source": {"fileObject": {"@id": name}, "extract": {"column": name}}}]}]}
    data = import_text("croissant", json.dumps(doc), "metadata.json").data
    assert get_path(data, "composition.fields[0]") == {"name": name, "type": "string", "source": {"file": name}}
