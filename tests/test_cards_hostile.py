"""Hugging Face cards written to make reading them expensive: the work per block of the body is
bounded, whatever the shape of the card (counted in calls, not timed)."""

from __future__ import annotations

import pytest

from datacard.interop import hf_body, import_text

HEAD = "---\nlicense: mit\ntask_categories: [text-classification]\n---\n# Dataset Card for X\n\n"
PARAGRAPH = "Some words about the data, as a card's prose has them.\n\n"


@pytest.mark.parametrize("section", ["## Dataset Description\n\n", "## Dataset Summary\n\n", "## Unknown heading\n\n"])
@pytest.mark.parametrize("blocks", [50, 500])
def test_each_block_of_a_section_is_judged_a_bounded_number_of_times(monkeypatch: pytest.MonkeyPatch, section: str,
                                                                     blocks: int) -> None:
    """A section of N paragraphs judged each paragraph for every line (N^2: a 1 MB card took
    minutes); it is a fixed number of times per paragraph."""
    calls = 0
    judge = hf_body._empty_label

    def counted(text: str) -> bool:
        nonlocal calls
        calls += 1
        return judge(text)

    monkeypatch.setattr(hf_body, "_empty_label", counted)
    imported = import_text("hf", HEAD + section + PARAGRAPH * blocks, "README.md")
    assert imported.data is not None
    assert calls <= 3 * blocks + 10
