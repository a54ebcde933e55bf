"""The Hugging Face Hub's card vocabularies, as data shipped with datacard.

Each list lives in a JSON file under `datacard/interop/hub/` that names where it was taken from
and when (the Hub publishes them in its documentation and in huggingface.js; the `datasets`
library shipped the older ones as resources). Facts, not code: a new licence or task is one
line there. Files are read on first use, so that commands that never meet a card pay nothing.
"""

from __future__ import annotations

import functools
import json
import os
from typing import Any

_FOLDER = os.path.join(os.path.dirname(__file__), "hub")


@functools.cache
def _read(name: str) -> dict[str, Any]:
    with open(os.path.join(_FOLDER, f"{name}.json"), encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@functools.cache
def language_codes() -> frozenset[str]:
    """ISO 639 codes the Hub knows, with its special values (`code`, `multilingual`, `und`)."""
    data = _read("languages")
    return frozenset(data["codes"]) | frozenset(data["special"])


@functools.cache
def license_ids() -> tuple[str, ...]:
    """The Hub's licence ids, in the order of its documentation (`unknown` and `other` last)."""
    return tuple(_read("licenses")["ids"])


@functools.cache
def task_categories() -> dict[str, tuple[str, ...]]:
    """Task category -> its task ids."""
    return {name: tuple(entry.get("ids", [])) for name, entry in _read("tasks")["categories"].items()}


@functools.cache
def task_ids() -> dict[str, tuple[str, ...]]:
    """Task id -> the categories it belongs to (`closed-domain-qa` is under two)."""
    out: dict[str, list[str]] = {}
    for category, ids in task_categories().items():
        for task in ids:
            out.setdefault(task, []).append(category)
    return {task: tuple(cats) for task, cats in out.items()}


def vocabulary(name: str) -> tuple[str, ...]:
    """A small closed list: size_categories, multilinguality, annotations_creators, language_creators,
    modality_tags, size_categories_unknown."""
    return tuple(_read("vocabularies")[name])


def source(name: str) -> tuple[str, str]:
    """(where a vocabulary file was taken from, when), for the documentation."""
    data = _read(name)
    return str(data["source"]), str(data["retrieved"])


def size_category(count: int) -> str:
    """The Hub's size category of a number of examples: n<1K, 1K<n<10K, ..., n>1T."""
    names = vocabulary("size_categories")
    for power, name in enumerate(names[:-1], start=3):
        if count < 10**power:
            return name
    return names[-1]
