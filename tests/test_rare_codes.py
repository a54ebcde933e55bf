"""Codes no other test produced: each is made to happen, on its line."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

import datacard
from datacard.interop import import_file


def test_import_drops_values_the_schema_rejects(tmp_path: Path) -> None:
    source = tmp_path / "metadata.json"
    doc = {
        "@context": {"@vocab": "https://schema.org/", "sc": "https://schema.org/"},
        "@type": "sc:Dataset",
        "name": "m",
        "url": "not a url",
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "creator": {"@type": "sc:Person", "name": "A", "email": "not-an-email"},
    }
    source.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    result = import_file("croissant", source)
    # "url" is on line 8 and the creator starts on line 10 of the indented JSON.
    assert [(f.code, f.line) for f in result.report() if f.code == "DC409"] == [("DC409", 8), ("DC409", 10)]
    assert result.datasheet is not None and result.datasheet.homepage is None


def test_check_stops_tracking_a_subgroup_with_too_many_values(tmp_path: Path) -> None:
    sheet = tmp_path / "t.datacard.yaml"
    sheet.write_text("schema_version: 1\nname: t\ncomposition:\n  fields:\n  - name: g\n    role: subgroup\n",
                     encoding="utf-8")
    frame = pd.DataFrame({"g": [str(i) for i in range(1001)]})
    assert [(f.code, f.line) for f in datacard.check_data(frame, sheet)] == [("DC522", 5)]
