"""Licence ids and SPDX licence expressions: what the model accepts, what it says about the rest,
that the JSON Schema accepts exactly the same values, and that the SPDX list costs nothing until
a licence is read."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datacard.model.licenses import MAX_DEPTH, license_ids, license_problem, spdx_list
from tests.conftest import ROOT

ACCEPTED = [
    "MIT",
    "other",
    "CC-BY-4.0",
    "MIT OR Apache-2.0",
    "GPL-2.0-or-later WITH Classpath-exception-2.0",
    "(MIT AND BSD-3-Clause)",
    "(MIT OR Apache-2.0) AND CC-BY-4.0",
    "MIT  OR  Apache-2.0",
    "( MIT OR Apache-2.0 )",
    "LGPL-2.1-only OR (GPL-2.0-only WITH GCC-exception-2.0 AND MIT)",
    "(" * MAX_DEPTH + "MIT" + ")" * MAX_DEPTH,
]

# value -> what the finding must say: the bad part, and the id to write instead.
REJECTED = {
    "cc-by-4.0": ["'cc-by-4.0'", "did you mean 'CC-BY-4.0'"],
    "MIT-License": ["did you mean 'MIT'"],
    "Other": ["did you mean 'other'"],
    "MIT OR Apache2": ["'Apache2'", "did you mean 'Apache-2.0'"],
    "GPL-2.0": ["deprecated", "'GPL-2.0-only'"],
    "GPL-2.0+": ["deprecated", "'GPL-2.0-or-later'"],
    "MIT OR GPL-2.0-with-classpath-exception": ["deprecated", "'GPL-2.0-only WITH Classpath-exception-2.0'"],
    "Net-SNMP": ["deprecated", "no replacement"],
    "MIT or Apache-2.0": ["'or'", "'OR'"],
    "GPL-2.0-only with Classpath-exception-2.0": ["'with'", "'WITH'"],
    "MIT Apache-2.0": ["join licences with AND or OR"],
    "MIT OR": ["not a licence expression"],
    "MIT AND (Apache-2.0": ["not a licence expression"],
    "()": ["not a licence expression"],
    "MIT OR other": ["'other'", "stands alone"],
    "Classpath-exception-2.0": ["licence exception", "WITH"],
    "MIT AND Classpath-exception-2.0": ["'Classpath-exception-2.0'", "after WITH"],
    "MIT WITH Apache-2.0": ["'Apache-2.0'", "not an exception"],
    "GPL-2.0-only WITH Classpath-exception": ["'Classpath-exception'", "did you mean 'Classpath-exception-2.0'"],
    "MIT\tOR Apache-2.0": ["'\\t'"],
    "MIT; Apache-2.0": ["';'"],
    "(" * (MAX_DEPTH + 1) + "MIT" + ")" * (MAX_DEPTH + 1): [f"at most {MAX_DEPTH}"],
    "": ["not allowed"],
}


@pytest.mark.parametrize("value", ACCEPTED)
def test_accepted(value: str) -> None:
    assert license_problem(value) is None


@pytest.mark.parametrize(("value", "says"), REJECTED.items(), ids=[repr(v)[:40] for v in REJECTED])
def test_rejected_with_the_bad_part_and_the_fix(value: str, says: list[str]) -> None:
    problem = license_problem(value)
    assert problem is not None
    for part in says:
        assert part in problem, problem


@pytest.mark.parametrize(("value", "ids"), [
    ("MIT", ["MIT"]),
    ("other", ["other"]),
    ("(MIT OR Apache-2.0) AND MIT", ["MIT", "Apache-2.0"]),
    ("GPL-2.0-or-later WITH Classpath-exception-2.0 OR MIT", ["GPL-2.0-or-later", "MIT"]),
])
def test_license_ids(value: str, ids: list[str]) -> None:
    assert license_ids(value) == ids


def test_a_bad_id_is_a_finding_on_its_line() -> None:
    from datacard.load import load_text
    from datacard.validate import validate_loaded

    text = "schema_version: 1\nname: x\naudience:\n  license:\n    id: MIT OR Apache2\n"
    model, report = validate_loaded(load_text(text, "x.datacard.yaml", markdown=False))
    assert model is None
    [finding] = report.findings
    assert (finding.code, finding.line) == ("DC104", 5)
    assert "audience.license.id: 'Apache2' in 'MIT OR Apache2'" in finding.message


# --- the JSON Schema accepts exactly what the model accepts ------------------------------------


@cache
def _id_schema() -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / "datasheet.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema["$defs"]["License"]["properties"]["id"])


@pytest.mark.parametrize("value", [*ACCEPTED, *REJECTED], ids=lambda v: repr(v)[:40])
def test_schema_agrees_on_listed_values(value: str) -> None:
    assert _id_schema().is_valid(value) == (license_problem(value) is None)


WORDS = ["MIT", "Apache-2.0", "GPL-2.0-only", "Classpath-exception-2.0", "GPL-2.0", "other", "mit", "Foo-1.0",
         "AND", "OR", "WITH", "and", "(", ")", "((", "))"]


def _join(parts: list[Any]) -> str:
    return "".join(word + sep for word, sep in parts).strip(" ")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", "", "  "])), min_size=1, max_size=9))
def test_schema_agrees_on_generated_expressions(parts: list[Any]) -> None:
    value = _join(parts)
    assert _id_schema().is_valid(value) == (license_problem(value) is None), value


# --- the list is data, read when first needed ---------------------------------------------------


def test_the_list_names_its_release() -> None:
    spdx = spdx_list()
    assert spdx.version.count(".") == 2 and len(spdx.release_date) == 10
    assert {"MIT", "Apache-2.0", "CC-BY-4.0"} <= spdx.licenses
    assert "Classpath-exception-2.0" in spdx.exceptions
    assert spdx.deprecated["GPL-2.0"] == "GPL-2.0-only"
    # Every replacement is itself accepted, so the suggestion never leads to another finding
    # (an exception's replacement is an exception).
    assert all(license_problem(r) is None for r in spdx.deprecated.values() if r and r not in spdx.exceptions)
    assert not (spdx.licenses & set(spdx.deprecated)) and not (spdx.licenses & spdx.exceptions)


PROBE = """
import sys
import datacard.model
from datacard.model import licenses
read_on_import = licenses.spdx_list.cache_info().currsize
from datacard.load import load_text
from datacard.validate import validate_loaded
text = "schema_version: 1\\nname: x\\naudience:\\n  license:\\n    id: {value}\\n"
model, report = validate_loaded(load_text(text, "x.datacard.yaml", markdown=False))
print(read_on_import, "license_expression" in sys.modules, model is not None)
"""


@pytest.mark.parametrize(("value", "parser_imported"), [("MIT", False), ("MIT OR Apache-2.0", True)])
def test_the_parser_is_imported_only_for_an_expression(value: str, parser_imported: bool) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE.format(value=value)], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    assert done.stdout.split() == ["0", str(parser_imported), "True"]
