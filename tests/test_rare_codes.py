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


def test_the_code_table_is_static_and_each_code_and_name_is_defined_once() -> None:
    """Every code is in the table without importing the linter, and no number or name repeats."""
    import subprocess
    import sys

    probe = ("import sys; from datacard import codes; table = codes.all_codes(); "
             "print(len(table), 'datacard.lint.rules' in sys.modules, 'datacard.lint.engine' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    count, rules_loaded, engine_loaded = done.stdout.split()
    assert int(count) >= 90 and rules_loaded == engine_loaded == "False"
    from datacard import codes
    from datacard.lint.rules import RULES

    table = codes.all_codes()
    assert len({c.code for c in table}) == len({c.name for c in table}) == len(table)
    assert all(codes.get(code) is rule.code for code, rule in RULES.items())
