"""A value an import converts but the schema refuses is said as `validate` says it (what to
write instead), not in the schema library's words (a regular expression)."""

from __future__ import annotations

import json

import pytest

from datacard.interop import import_text


def _croissant(**extra: str) -> str:
    return json.dumps({"@context": {"@vocab": "https://schema.org/", "cr": "http://mlcommons.org/croissant/"},
                       "@type": "Dataset", "name": "tide-gauges", "conformsTo": "http://mlcommons.org/croissant/1.0",
                       **extra}, indent=2)


CASES = [
    ("croissant", _croissant(url="None"), "metadata.json",
     "homepage: 'None' is not a web address; it must start with http:// or https://; the value was not imported"),
    ("croissant", _croissant(url="www.example.org/tides"), "metadata.json",
     "homepage: 'www.example.org/tides' is not a web address; it must start with http:// or https://; "
     "the value was not imported"),
]


@pytest.mark.parametrize(("kind", "text", "path", "message"), CASES, ids=["None", "no scheme"])
def test_a_refused_value_is_said_as_validate_says_it(kind: str, text: str, path: str, message: str) -> None:
    result = import_text(kind, text, path)
    refused = [(f.code, f.message) for f in result.findings if f.code == "DC409"]
    assert refused == [("DC409", message)]
    assert all(f.line for f in result.findings if f.code == "DC409")
