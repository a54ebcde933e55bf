"""The Hub's facts, checked against huggingface_hub where the installed package has them: its
dataset card template, the vocabularies its DatasetCardData documents, and the way it reads
front matter (YAML 1.1, where `no` is false: datacard must not read it so)."""

from __future__ import annotations

import inspect
import logging
import re
import warnings
from pathlib import Path

import pytest

from datacard.interop import hf_tables as T
from datacard.interop import hub_vocab as V
from datacard.interop import import_text
from datacard.interop.common import get_path
from datacard.interop.hf_markdown import norm_heading

hub = pytest.importorskip("huggingface_hub")
logging.getLogger("huggingface_hub").setLevel(logging.ERROR)


def _template() -> str:
    path = Path(hub.__file__).parent / "templates" / "datasetcard_template.md"
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def test_the_exported_sections_are_the_hub_templates_in_order() -> None:
    headings = [(len(m.group(1)), norm_heading(m.group(2)))
                for m in re.finditer(r"^(#{2,4}) (.+)$", _template(), re.MULTILINE)]
    assert headings == [(s.level, norm_heading(s.heading)) for s in T.SECTIONS if s.export]


def test_every_labelled_line_of_the_template_is_read() -> None:
    labels = {norm_heading(label) for section in T.SECTIONS for label in section.labels}
    labels |= {norm_heading(label) for label in T.GLOBAL_LABELS}
    written = {norm_heading(m.group(1)) for m in re.finditer(r"^- \*\*([^*]+?):?\*\*", _template(), re.MULTILINE)}
    assert written <= labels, written - labels


def _documented(argument: str) -> set[str]:
    """The options DatasetCardData's docstring lists for an argument (its quoted words)."""
    # Dedented first: Python 3.13's compiler strips a docstring's common indentation, 3.10's not.
    doc = inspect.cleandoc(hub.DatasetCardData.__doc__ or "")
    start = doc.index(f"{argument} (")
    following = re.search(r"\n {4}\w+ \(", doc[start + 1:])
    entry = doc[start: start + 1 + following.start()] if following else doc[start:]
    return set(re.findall(r"'([^']+)'", entry))


@pytest.mark.parametrize(("argument", "vocabulary", "extra"), [
    ("annotations_creators", "annotations_creators", set()),
    ("language_creators", "language_creators", set()),
    ("multilinguality", "multilinguality", set()),
    ("size_categories", "size_categories", {"other"}),
])
def test_vocabularies_match_what_huggingface_hub_documents(argument: str, vocabulary: str, extra: set[str]) -> None:
    options = _documented(argument)
    assert options, f"huggingface_hub no longer documents {argument}"
    assert options == set(V.vocabulary(vocabulary)) | extra


def test_huggingface_hub_reads_an_unquoted_no_as_false_and_datacard_does_not() -> None:
    card = "---\nlanguage:\n- en\n- no\nlicense: mit\n---\n# Norwegian and English\n"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert hub.DatasetCard(card).data.language == ["en", False]
    imported = import_text("hf", card, "README.md")
    assert get_path(imported.data, "composition.languages[].tag") == ["en", "no"]
    assert [(f.code, f.line) for f in imported.findings] == [("DC412", 4)]


def test_the_shipped_vocabularies_name_their_source() -> None:
    for name in ("languages", "licenses", "tasks", "vocabularies"):
        source, retrieved = V.source(name)
        assert source and re.fullmatch(r"\d{4}-\d{2}-\d{2}", retrieved)
    assert {"en", "no", "na", "nb", "code"} <= V.language_codes()
    assert "conversational" in V.task_ids() and "text-generation" in V.task_categories()
    assert V.license_ids()[-2:] == ("unknown", "other")
