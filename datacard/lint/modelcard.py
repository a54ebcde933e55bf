"""Hugging Face model cards: `datasets:` are training data, `model-index` datasets evaluation data.

Cards written by training tools leave "More information needed" under the sections that should
say what the model is for and what it learnt from; those places become :class:`Note` entries.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from datacard import kinds
from datacard.interop.hf_markdown import OPTIONAL_MARK
from datacard.lint.training import BaseModelRef, Note, Ref, Setup
from datacard.load import Loaded, load

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


def is_model_card_file(loaded: Loaded) -> bool:
    """A loaded Markdown file that is a model card, as kinds judges it: by its front matter, or by
    its `# Model Card for` title when the metadata is what any card holds (license, tags)."""
    if not isinstance(loaded.data, dict):
        return False
    return is_model_card(loaded.data) or kinds.markdown_text_kind(loaded.text) is kinds.Kind.MODEL_CARD


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
        # A section the template marks optional, left unfilled, is not a gap.
        if (section and _CONTEXT_SECTION.search(section) and not OPTIONAL_MARK.search(section)
                and _NEEDED.match(line)):
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
    setup.bases = _bases(loaded, data)
    return setup


def _bases(loaded: Loaded, data: dict[str, Any]) -> list[BaseModelRef]:
    value = data.get("base_model")
    items = [(("base_model",), value)] if isinstance(value, str) else [
        (("base_model", i), v) for i, v in enumerate(value if isinstance(value, list) else [])]
    out = []
    for loc, item in items:
        if isinstance(item, str) and item.strip():
            line, col = loaded.position(loc)
            out.append(BaseModelRef(item.strip(), line, col))
    return out


def _keys(name: str) -> set[str]:
    """A model's name as a reference may give it: `owner/name` is also `name`."""
    lowered = name.strip().lower().removeprefix("hf:").strip("/")
    return {lowered, lowered.rsplit("/", 1)[-1]}


class ModelCards:
    """The project's model cards, loaded once each, found by path or by model name."""

    def __init__(self, listing: Callable[[], list[str]], max_bytes: int, allows: Callable[[str], bool]) -> None:
        self.listing = listing
        self.max_bytes = max_bytes
        self.allows = allows
        self._setups: dict[str, Setup | None] = {}
        self._names: dict[str, list[str]] | None = None
        self._found: dict[tuple[str, str], Setup | None] = {}
        self._reals: dict[str, str] = {}

    def setup(self, path: str) -> Setup | None:
        """The setup of the model card at ``path`` (None if it is not one)."""
        real = os.path.realpath(path)
        if real not in self._setups:
            loaded = load(real, max_bytes=self.max_bytes, display=path)
            self._setups[real] = card_setup(loaded) if is_model_card_file(loaded) else None
        return self._setups[real]

    def real(self, path: str) -> str:
        """``os.path.realpath(path)``, resolved once per path (a chain visits each card from
        every model above it)."""
        if path not in self._reals:
            self._reals[path] = os.path.realpath(path)
        return self._reals[path]

    def find(self, target: str, folder: str) -> Setup | None:
        """The base model's card: a path (a card, or a folder holding README.md) relative to the
        card that names it, else a model card of the project with that name (looked up once)."""
        if (target, folder) not in self._found:
            self._found[(target, folder)] = self._find(target, folder)
        return self._found[(target, folder)]

    def _find(self, target: str, folder: str) -> Setup | None:
        for candidate in (os.path.join(folder, target), os.path.join(folder, target, "README.md")):
            if os.path.isfile(candidate) and self.allows(candidate):
                return self.setup(candidate)
        if self._names is None:
            self._names = {}
            for path in self.listing():
                found = self.setup(path)
                if found is not None:
                    for key in _keys(found.name).union(*(_keys(i) for i in kinds.hub_ids(path))):
                        self._names.setdefault(key, []).append(path)
        matches = {os.path.realpath(p) for key in _keys(target) for p in self._names.get(key, [])}
        return self.setup(next(iter(matches))) if len(matches) == 1 else None


# The chain a base model was reached through, as a linked list (name, the chain before it):
# a deep chain shares its links instead of copying them at every step.
_Chain = tuple[str, "_Chain"] | None


def _chain_names(chain: _Chain) -> tuple[str, ...]:
    names: list[str] = []
    while chain is not None:
        names.append(chain[0])
        chain = chain[1]
    return tuple(reversed(names))


def _ref_key(ref: Ref) -> tuple[str, str, str, str | None, str | None]:
    """What a reference names: the same data reached through several base models is inherited once."""
    target = os.path.normpath(os.path.join(ref.base, ref.target)) if ref.kind == "datacard" else ref.target
    return ref.kind, target, ref.role, ref.split, ref.revision


def inherit_base_models(setup: Setup, cards: ModelCards) -> None:
    """Give a model the training data of its base models, through the whole chain: each inherited
    reference sits on the model's `base_model` line and names the chain it came through (the
    nearest, when several reach the same data). A chain that loops is recorded once and not
    followed again. Each card of the chain is visited once, in one walk with no copying of the
    chain, so a chain of thousands of cards costs what it holds."""
    own = os.path.realpath(setup.path)
    inherited: set[tuple[str, str, str, str | None, str | None]] = set()
    for base in setup.bases:
        seen: set[str] = set()
        on_path = {own}  # the cards from the model down to the one being visited: a loop
        # A tuple is a card to visit (target, the folder it is relative to, the chain so far);
        # a string is the real path of a card whose bases are all visited.
        stack: list[tuple[str, str, _Chain] | str] = [(base.target, os.path.dirname(os.path.abspath(setup.path)), None)]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                on_path.discard(item)
                continue
            target, folder, chain = item
            found = cards.find(target, folder)
            if found is None:
                if chain is None:
                    setup.unknown_bases.append(base)
                continue
            real = cards.real(found.path)
            link: _Chain = (found.name, chain)
            if real in on_path:
                setup.base_cycles.append((base, (setup.name, *_chain_names(link))))
                continue
            if real in seen:
                continue
            seen.add(real)
            via: tuple[str, ...] | None = None
            for ref in found.refs:
                if ref.trains and not ref.via and _ref_key(ref) not in inherited:
                    inherited.add(_ref_key(ref))
                    via = via or _chain_names(link)
                    setup.refs.append(replace(ref, path=setup.path, line=base.line, column=base.column,
                                              field="base_model", via=via))
            on_path.add(real)
            stack.append(real)
            stack.extend((b.target, os.path.dirname(real), link) for b in reversed(found.bases))
