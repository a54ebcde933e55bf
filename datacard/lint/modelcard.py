"""Hugging Face model cards: `datasets:` are training data, `model-index` datasets evaluation data.

Cards written by training tools leave "More information needed" under the sections that should
say what the model is for and what it learnt from; those places become :class:`Note` entries.
"""

from __future__ import annotations

import os
import re
from typing import Any

from datacard import kinds
from datacard.lint.training import Note, Ref, Setup
from datacard.load import Loaded

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# Sections that should say what the model is for and what data it learnt from.
_CONTEXT_SECTION = re.compile(
    r"\b(?:intended\s+uses?|uses?|training\s+(?:and\s+evaluation\s+)?data|training\s+dataset)\b",
    re.IGNORECASE,
)
_COMMENT = re.compile(r"<!--.*?-->")
_NEEDED = re.compile(r"^[\[(*_]*more\s+information\s+needed[\])*_.!]*$", re.IGNORECASE)


def is_model_card(data: Any) -> bool:
    """Front matter that describes a model, not a dataset."""
    return isinstance(data, dict) and kinds.is_model_card({str(k) for k in data})


def _name(loaded: Loaded, data: dict[str, Any]) -> str:
    for key in ("model-index", "model_index"):
        index = data.get(key)
        if isinstance(index, list) and index and isinstance(index[0], dict) and index[0].get("name"):
            return str(index[0]["name"])
    stem = os.path.splitext(os.path.basename(loaded.path))[0]
    if stem.lower() == "readme":
        return os.path.basename(os.path.dirname(os.path.abspath(loaded.path))) or stem
    return stem


def _results(data: dict[str, Any]) -> list[tuple[int, int, dict[str, Any]]]:
    out = []
    for key in ("model-index", "model_index"):
        index = data.get(key)
        for i, entry in enumerate(index if isinstance(index, list) else []):
            results = entry.get("results") if isinstance(entry, dict) else None
            for j, result in enumerate(results if isinstance(results, list) else []):
                if isinstance(result, dict):
                    out.append((i, j, result))
    return out


def _tasks(data: dict[str, Any]) -> list[str]:
    tasks: list[str] = []
    if isinstance(data.get("pipeline_tag"), str):
        tasks.append(data["pipeline_tag"])
    for _, _, result in _results(data):
        task = result.get("task")
        if isinstance(task, dict) and isinstance(task.get("type"), str):
            tasks.append(task["type"])
    return list(dict.fromkeys(tasks))


def notes(loaded: Loaded) -> list[Note]:
    """Lines that say only "More information needed" under a uses or training-data heading."""
    if loaded.body is None:
        return []
    found: list[Note] = []
    section: str | None = None
    fenced = False
    for offset, raw in enumerate(loaded.body.splitlines()):
        line = _COMMENT.sub("", raw).strip()
        if line.startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        heading = _HEADING.match(line)
        if heading:
            section = heading.group(2)
            continue
        if section and _CONTEXT_SECTION.search(section) and _NEEDED.match(line):
            column = len(raw) - len(raw.lstrip()) + 1
            found.append(Note(loaded.body_line + offset, column, section, line))
    return found


def card_setup(loaded: Loaded) -> Setup:
    data: dict[str, Any] = loaded.data
    line, col = loaded.position(("datasets",), key=True)
    setup = Setup(
        "model-card", loaded.path, _name(loaded, data), line, col, tasks=_tasks(data),
        pinnable=False, loaded=loaded, data_field="datasets",
    )
    base = os.path.dirname(os.path.abspath(loaded.path))
    datasets = data.get("datasets")
    items: list[tuple[tuple[str | int, ...], Any]] = []
    if isinstance(datasets, str):
        items = [(("datasets",), datasets)]
    elif isinstance(datasets, list):
        items = [(("datasets", i), item) for i, item in enumerate(datasets)]
    for loc, item in items:
        if isinstance(item, str) and item.strip():
            line, col = loaded.position(loc)
            setup.refs.append(Ref("dataset", item.strip(), loaded.path, line, col, base,
                                  field=".".join(map(str, loc))))
    for i, j, result in _results(data):
        dataset = result.get("dataset")
        ident = dataset.get("type") or dataset.get("name") if isinstance(dataset, dict) else None
        if isinstance(ident, str) and ident.strip():
            key = "model-index" if "model-index" in data else "model_index"
            loc = (key, i, "results", j, "dataset")
            line, col = loaded.position(loc)
            setup.refs.append(Ref("dataset", ident.strip(), loaded.path, line, col, base,
                                  role="evaluation", field=f"{key}[{i}].results[{j}].dataset"))
    setup.notes = notes(loaded)
    return setup
