"""Licences across formats: ids, expressions and lists of several licences, read and written."""

from __future__ import annotations

import json

import pytest
import yaml

from datacard.interop import export_datasheet, import_text
from datacard.interop.licenses import hub_licenses, license_urls, spdx_expression, spdx_id
from datacard.model import Datasheet


@pytest.mark.parametrize(("text", "spdx"), [
    ("MIT", "MIT"),
    ("cc-by-4.0", "CC-BY-4.0"),
    ("GPL-2.0+", "GPL-2.0-or-later"),  # deprecated: its replacement
    ("gpl-2.0", "GPL-2.0-only"),
    ("https://spdx.org/licenses/Apache-2.0.html", "Apache-2.0"),
    ("mit or apache-2.0", "MIT OR Apache-2.0"),
    ("(mit AND bsd-3-clause)", "(MIT AND BSD-3-Clause)"),
    ("gpl-2.0-or-later with classpath-exception-2.0", "GPL-2.0-or-later WITH Classpath-exception-2.0"),
    ("GPL-2.0 OR MIT", "GPL-2.0-only OR MIT"),
    ("MIT OR llama2", None),
    ("MIT OR", None),
    ("GPL-2.0-with-classpath-exception OR MIT", "GPL-2.0-only WITH Classpath-exception-2.0 OR MIT"),
    ("MIT WITH GPL-2.0-with-classpath-exception", None),
    ("other", None),
    ("", None),
])
def test_spdx_id(text: str, spdx: str | None) -> None:
    assert spdx_id(text) == spdx


@pytest.mark.parametrize(("texts", "spdx"), [
    (["mit"], "MIT"),
    (["mit", "apache-2.0"], "MIT AND Apache-2.0"),
    (["mit", "MIT"], "MIT"),
    (["MIT OR Apache-2.0", "cc-by-4.0"], "(MIT OR Apache-2.0) AND CC-BY-4.0"),
    (["mit", "llama2"], None),
    ([], None),
])
def test_several_licences_are_all_of_them(texts: list[str], spdx: str | None) -> None:
    assert spdx_expression(texts) == spdx


@pytest.mark.parametrize(("value", "hub"), [
    ("MIT", ["mit"]),
    ("CC-BY-4.0 AND MIT", ["cc-by-4.0", "mit"]),
    ("(MIT OR Apache-2.0) AND MIT", ["mit", "apache-2.0"]),
    ("GPL-2.0-only WITH Classpath-exception-2.0", None),
    ("MIT OR 0BSD", None),  # 0BSD has no Hub id
    ("other", None),
])
def test_hub_licenses(value: str, hub: list[str] | None) -> None:
    assert hub_licenses(value) == hub


def test_license_urls() -> None:
    assert license_urls("MIT OR GPL-2.0-only WITH Classpath-exception-2.0") == [
        "https://spdx.org/licenses/MIT.html", "https://spdx.org/licenses/GPL-2.0-only.html"]


def _sheet(licence: str) -> Datasheet:
    return Datasheet.model_validate({"schema_version": 1, "name": "x", "audience": {"license": {"id": licence}}})


def _hub_meta(licence: str) -> tuple[dict[str, object], list[str]]:
    exported = export_datasheet("hf", _sheet(licence))
    lost = [f.message for f in exported.findings if f.code == "DC407" and f.field == "audience.license"]
    return yaml.safe_load(exported.text.split("---\n")[1]), lost


def test_a_choice_exported_to_the_hub_is_reported_lost() -> None:
    meta, lost = _hub_meta("MIT OR Apache-2.0")
    assert meta["license"] == ["mit", "apache-2.0"]
    assert lost and "MIT OR Apache-2.0" in lost[0]


@pytest.mark.parametrize("licence", ["MIT", "CC-BY-4.0 AND MIT"])
def test_a_conjunction_travels_to_the_hub_and_back(licence: str) -> None:
    exported = export_datasheet("hf", _sheet(licence))
    assert not [f for f in exported.findings if f.field == "audience.license"]
    back = import_text("hf", exported.text, "README.md", name="x")
    assert back.datasheet is not None and back.datasheet.audience is not None
    assert back.datasheet.audience.license is not None
    assert back.datasheet.audience.license.id == licence


def test_an_expression_the_hub_cannot_name_is_other_with_its_name() -> None:
    meta, _ = _hub_meta("GPL-2.0-only WITH Classpath-exception-2.0")
    assert meta["license"] == "other" and meta["license_name"]


def test_a_hub_list_with_an_unknown_licence_keeps_the_first_and_says_so() -> None:
    card = "---\nlicense:\n- mit\n- llama2\n---\n# Dataset Card for x\n"
    result = import_text("hf", card, "README.md", name="x")
    assert result.datasheet is not None and result.datasheet.audience is not None
    assert result.datasheet.audience.license is not None
    assert result.datasheet.audience.license.id == "MIT"
    assert [(f.code, f.line) for f in result.findings if f.field == "license"] == [("DC403", 2)]


def test_croissant_lists_each_licence_and_reads_a_list_back() -> None:
    exported = export_datasheet("croissant", _sheet("CC-BY-4.0 AND MIT"))
    doc = json.loads(exported.text)
    assert doc["license"] == ["https://spdx.org/licenses/CC-BY-4.0.html", "https://spdx.org/licenses/MIT.html"]
    back = import_text("croissant", exported.text, "metadata.json", name="x")
    assert back.datasheet is not None and back.datasheet.audience is not None
    assert back.datasheet.audience.license is not None
    assert back.datasheet.audience.license.id == "CC-BY-4.0 AND MIT"
