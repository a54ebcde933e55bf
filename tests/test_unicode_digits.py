"""Text that `str.isdigit()` calls digits but `int()` refuses (superscripts, circled numbers):
every reader that turns text into a whole number checks for ASCII digits first."""

from __future__ import annotations

import pytest

from datacard.data.reconcile import measured_on
from datacard.interop import import_text

ODD_DIGITS = ["²", "①", "12³", "⁴⁵"]


@pytest.mark.parametrize("text", ODD_DIGITS)
def test_a_croissant_count_in_odd_digits_is_a_finding(text: str) -> None:
    doc = ('{"@context": {"@vocab": "https://schema.org/", "cr": "http://mlcommons.org/croissant/",'
           ' "rai": "http://mlcommons.org/croissant/RAI/"}, "@type": "Dataset", "name": "x",'
           f' "rai:annotationsPerItem": "{text}"}}')
    result = import_text("croissant", doc, "x.json")
    assert "per_item" not in str(result.data)
    assert any(text[:2] in f.message for f in result.findings)


@pytest.mark.parametrize("text", ODD_DIGITS)
def test_a_card_count_in_odd_digits_is_not_a_count(text: str) -> None:
    card = f"---\nlicense: mit\n---\n# Dataset Card for X\n\n## Dataset Structure\n\n- **Instances:** {text}\n"
    result = import_text("hf", card, "README.md")
    assert "count" not in (result.data or {}).get("composition", {})


@pytest.mark.parametrize("text", ODD_DIGITS)
def test_source_date_epoch_in_odd_digits_is_ignored(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", text)
    assert len(measured_on()) == 10
