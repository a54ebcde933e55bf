"""Forms people already write (a language as its tag, a licence as its id, access as its type),
a licence documented as unknown, and messages that say what to write instead."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from datacard.load import load_text
from datacard.model import Datasheet
from datacard.validate import validate_loaded

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schemas" / "datasheet.schema.json").read_text(encoding="utf-8"))


def _sheet(**parts: Any) -> dict[str, Any]:
    return {"schema_version": 1, "name": "short", **parts}


@pytest.mark.parametrize(("short", "long"), [
    ({"composition": {"languages": ["en", "nb"]}},
     {"composition": {"languages": [{"tag": "en"}, {"tag": "nb"}]}}),
    ({"audience": {"license": "CC-BY-4.0"}}, {"audience": {"license": {"id": "CC-BY-4.0"}}}),
    ({"audience": {"license": "MIT OR Apache-2.0"}}, {"audience": {"license": {"id": "MIT OR Apache-2.0"}}}),
    ({"audience": {"access": "open"}}, {"audience": {"access": {"type": "open"}}}),
])
def test_a_short_form_means_its_long_form_to_the_model_and_the_schema(short: dict[str, Any],
                                                                       long: dict[str, Any]) -> None:
    assert Datasheet.model_validate(_sheet(**short)) == Datasheet.model_validate(_sheet(**long))
    jsonschema.validate(_sheet(**short), SCHEMA)


@pytest.mark.parametrize("bad", [
    {"composition": {"languages": ["english"]}},
    {"audience": {"license": "CC-BY-4"}},
    {"audience": {"access": "public"}},
    {"audience": {"license": {"id": "unknown"}}},  # unknown needs its reason
    {"audience": {"license": {"id": "unknown", "reason": "No one answered.", "url": "https://x.org"}}},
])
def test_a_wrong_short_form_is_refused_by_both(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Datasheet.model_validate(_sheet(**bad))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(_sheet(**bad), SCHEMA)


def test_a_licence_documented_as_unknown_is_an_answer() -> None:
    from datacard.context import NEEDS, gaps

    data = _sheet(audience={"license": {"id": "unknown", "reason": "The site publishes no terms."}})
    Datasheet.model_validate(data)
    assert "license" not in {g.need.id for g in gaps(data, NEEDS)}


def _messages(text: str) -> list[str]:
    _, report = validate_loaded(load_text(text, "x.datacard.yaml"))
    return [f.message for f in report.findings]


@pytest.mark.parametrize(("text", "says", "not_says"), [
    ("composition:\n  count: 598,000\n", "without separators: 598000", "remove the quotes"),
    ("composition:\n  count: '598000'\n", "remove the quotes", None),
    ("composition:\n  splits: [train]\n", "write a mapping such as {name: ...}", None),
    ("composition:\n  languages: [7]\n", "a language tag such as `en`", None),
    ("audience:\n  license: [MIT]\n", "a licence id such as `CC-BY-4.0`", None),
    ("origin:\n\tcreators: []\n", "indent with spaces, not tabs", None),
])
def test_messages_say_what_to_write(text: str, says: str, not_says: str | None) -> None:
    messages = " ".join(_messages(f"schema_version: 1\nname: x\n{text}"))
    assert says in messages
    assert not_says is None or not_says not in messages
