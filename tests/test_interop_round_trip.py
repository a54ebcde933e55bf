"""Round trips over generated datasheets: datasheet -> card -> datasheet and datasheet ->
Croissant -> datasheet keep every field the target format can hold (CARD_FIELDS,
CROISSANT_FIELDS), whatever the text says (Markdown punctuation, HTML, line breaks)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datacard.context import marker, placeholder
from datacard.interop import export_datasheet, import_text
from datacard.interop import hf_tables as T
from datacard.interop import hub_vocab as V
from datacard.interop.common import held_values
from datacard.interop.croissant_write import croissant_held
from datacard.model import CollectionMethod, Datasheet

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=2, max_size=9)
_MARK = st.sampled_from(["", "", "", ".", ",", "*", "_", "`", "#", "[x]", "(y)", "<b>", "|", "&", ":", "'", "- "])


@st.composite
def _prose(draw: Any, lines: bool = True) -> str:
    """A sentence or two of words and Markdown punctuation; never a placeholder or a marker."""
    words = draw(st.lists(st.tuples(_MARK, _WORD), min_size=4, max_size=12))
    text = " ".join(f"{m}{w}" for m, w in words).strip()
    if lines and draw(st.booleans()):
        text += "\n\n" + " ".join(w for _, w in words[:4])
    if placeholder(text) is not None or marker(text) is not None:
        text = f"Measured {text}"
    return text


_LOWER = "abcdefghijklmnopqrstuvwxyz"
_PART = st.tuples(st.sampled_from(_LOWER.upper()), st.text(alphabet=_LOWER, min_size=2, max_size=8)).map("".join)
_NAME = st.lists(_PART, min_size=1, max_size=3).map(" ".join)
_URL = _WORD.map(lambda w: f"https://example.org/{w}")
_TASK = st.sampled_from(sorted(V.task_categories()))
_TAG = st.sampled_from(["en", "fr", "nb", "pt-BR", "zh-Hant", "de"])


def _said(risk: dict[str, str]) -> str:
    # A card lists each risk once: the same description twice reads back as one.
    return risk["description"].lower()


@st.composite
def datasheets(draw: Any) -> Datasheet:
    """A datasheet with any of the fields a card or Croissant file can hold."""
    risk = st.builds(lambda d, m: {"description": d, **({"mitigation": m} if m else {})},
                     _prose(lines=False), st.none() | _prose(lines=False))
    labelled = draw(st.booleans())
    annotation = ({"labelled": True, "process": draw(_prose()),
                   "creators": draw(st.lists(st.sampled_from(["crowdsourced", "expert-generated"]), unique=True))}
                  if labelled else {"labelled": False, "reason": draw(_prose(lines=False))})
    count = draw(st.none() | st.integers(0, 10**9))
    data = {
        "schema_version": 1, "name": "generated",
        "title": draw(_prose(lines=False)), "summary": draw(_prose()),
        "keywords": draw(st.lists(_WORD, max_size=3, unique=True)),
        "citation": draw(st.none() | _prose()),
        "origin": {
            "creators": [{"name": n} for n in draw(st.lists(_NAME, max_size=3, unique=True))],
            "funding": [{"funder": n} for n in draw(st.lists(_NAME, max_size=2, unique=True))],
            "sources": draw(st.lists(st.builds(lambda n, u: {"name": n, "url": u}, _NAME, _URL), max_size=2,
                                     unique_by=lambda s: s["name"].lower())),
            "collection": {"description": draw(_prose()),
                           "methods": draw(st.lists(st.sampled_from([m.value for m in CollectionMethod]),
                                                    max_size=2, unique=True))},
            "annotation": annotation,
        },
        "composition": {
            "instance": draw(_prose()),
            "languages": [{"tag": t} for t in draw(st.lists(_TAG, max_size=3, unique=True))],
            **({"count": count} if count is not None else {}),
        },
        "application": {
            "purpose": draw(_prose()), "tasks": draw(st.lists(_TASK, max_size=2, unique=True)),
            "intended_uses": draw(st.lists(_prose(lines=False), max_size=2, unique=True)),
            "out_of_scope_uses": draw(st.lists(_prose(lines=False), max_size=2, unique=True)),
            "biases": draw(st.lists(risk, max_size=2, unique_by=_said)),
            "limitations": draw(st.lists(risk, max_size=2, unique_by=_said)),
            "social_impact": draw(st.none() | _prose()), "recommendations": draw(st.none() | _prose()),
        },
        "audience": {
            "license": draw(st.sampled_from(["CC-BY-4.0", "MIT", "Apache-2.0 AND CC0-1.0"])),
            "intended_users": draw(st.lists(_NAME, max_size=2, unique=True)),
            "terms_of_use": draw(st.none() | _prose()),
            "maintenance": {"contact": draw(_URL)},
        },
    }
    return Datasheet.model_validate(_pruned(data))


def _pruned(value: Any) -> Any:
    if isinstance(value, dict):
        out = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def _lost(original: Datasheet, back: Datasheet, fields: tuple[str, ...]) -> dict[str, Any]:
    before = held_values(original.model_dump(mode="json", exclude_none=True), fields)
    after = held_values(back.model_dump(mode="json", exclude_none=True), fields)
    lost = {}
    for path, value in before.items():
        got = after.get(path)
        # A card lists modality tags as keywords and a task id's category as a task: more, not less.
        if path in ("keywords", "application.tasks") and isinstance(value, list) and isinstance(got, list):
            if not set(map(repr, value)) <= set(map(repr, got)):
                lost[path] = (value, got)
        elif got != value:
            lost[path] = (value, got)
    return lost


_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(datasheets())
def test_datasheet_to_card_to_datasheet_loses_nothing_the_card_holds(original: Datasheet) -> None:
    card = export_datasheet("hf", original)
    back = import_text("hf", card.text, "README.md", name=original.name)
    assert back.datasheet is not None, back.report().codes()
    assert _lost(original, back.datasheet, T.CARD_FIELDS) == {}


@_SETTINGS
@given(datasheets())
def test_datasheet_to_croissant_to_datasheet_loses_nothing_croissant_holds(original: Datasheet) -> None:
    exported = export_datasheet("croissant", original)
    back = import_text("croissant", exported.text, "metadata.json")
    assert back.datasheet is not None, back.report().codes()
    assert _lost(original, back.datasheet, croissant_held(original)) == {}


def test_a_value_that_starts_with_a_colon_keeps_it() -> None:
    # Found by the round trip above: `- **Limitation:** :00` lost the value's own colon.
    original = Datasheet.model_validate({"schema_version": 1, "name": "colon", "application": {
        "limitations": [{"description": ":00 is how the clock shows midnight"}]}})
    back = import_text("hf", export_datasheet("hf", original).text, "README.md", name="colon")
    assert back.datasheet is not None and _lost(original, back.datasheet, T.CARD_FIELDS) == {}
