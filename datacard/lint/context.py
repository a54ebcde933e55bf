"""The context a model's training data must document (docs/crosswalk.md, context fields): origin, application, audience.

:func:`context_gaps` lists what a datasheet leaves unsaid. Both the datasheet rules (DC2xx, on
the datasheet) and the lineage rules (DC3xx, on the training reference) read it, so the two
can never disagree on what "documented" means.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from datacard.lint.text import is_blank, placeholder

Loc = tuple[str | int, ...]


def get(data: Any, loc: Loc) -> Any:
    """The value at ``loc`` in plain data, or None."""
    for part in loc:
        if isinstance(part, int):
            if not isinstance(data, list) or not 0 <= part < len(data):
                return None
        elif not isinstance(data, dict):
            return None
        data = data[part] if isinstance(part, int) else data.get(part)
    return data


def dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass(frozen=True)
class Need:
    """One piece of context: where it lives (any of ``locs`` answers it) and what it is called."""

    group: str  # origin | application | audience
    label: str
    locs: tuple[Loc, ...]
    condition: Callable[[dict[str, Any]], bool] | None = None
    why: str = ""

    @property
    def field(self) -> str:
        return dotted(self.locs[0])


@dataclass(frozen=True)
class Gap:
    need: Need
    placeholder: str | None  # the placeholder text when the field holds one, else None

    @property
    def field(self) -> str:
        return self.need.field

    def describe(self) -> str:
        if self.placeholder == "":
            return f"{self.need.label} ({self.field}) is empty"
        if self.placeholder is not None:
            return f"{self.need.label} ({self.field}) holds only {self.placeholder!r}"
        return f"{self.need.label} ({self.field}) is missing"


def _modalities(data: dict[str, Any]) -> list[Any]:
    found = get(data, ("composition", "modalities"))
    return found if isinstance(found, list) else []


def is_language_data(data: dict[str, Any]) -> bool:
    """Text, or speech: the data carries language, so its language must be named."""
    if "text" in _modalities(data):
        return True
    modes = get(data, ("origin", "people", "speech_situation", "modality"))
    return isinstance(modes, list) and any(m in ("spoken", "written", "signed") for m in modes)


def is_labelled(data: dict[str, Any]) -> bool:
    if get(data, ("origin", "annotation", "labelled")) is True:
        return True
    if not is_blank(get(data, ("composition", "label"))):
        return True
    fields = get(data, ("composition", "fields")) or []
    return any(isinstance(f, dict) and f.get("role") == "label" for f in fields)


def is_about_people(data: dict[str, Any]) -> bool:
    if get(data, ("origin", "people", "about_people")) is True:
        return True
    subjects = get(data, ("origin", "people", "subjects"))
    return isinstance(subjects, list) and "people" in subjects


def _o(*parts: str | int) -> Loc:
    return ("origin", *parts)


NEEDS: tuple[Need, ...] = (
    Need("origin", "creators", (_o("creators"),), why="who made the data"),
    Need("origin", "sources", (_o("sources"),), why="what the data was taken or derived from"),
    Need("origin", "collection method", (_o("collection", "methods"), _o("collection", "description")),
         why="how the data was collected"),
    Need("origin", "collection time span",
         (_o("collection", "timeframe"), _o("collection", "content_timeframe")),
         why="when the data was collected or created"),
    Need("origin", "who is represented",
         (_o("people", "about_people"), _o("people", "subjects"), _o("people", "description")),
         why="who or what is in the data, or a statement that no people are"),
    Need("origin", "language", (("composition", "languages"),), condition=is_language_data,
         why="the data is text or speech"),
    Need("origin", "annotation process", (_o("annotation", "process"),), condition=is_labelled,
         why="the data is labelled"),
    Need("origin", "annotators",
         (_o("annotation", "annotators"), _o("annotation", "creators")), condition=is_labelled,
         why="the data is labelled"),
    Need("origin", "consent or ethics review",
         (_o("ethics", "consent"), _o("ethics", "review")), condition=is_about_people,
         why="the data is about people"),
    Need("application", "purpose", (("application", "purpose"),), why="why the dataset exists"),
    Need("application", "intended uses",
         (("application", "intended_uses"), ("application", "tasks")), why="what it is meant for"),
    Need("application", "out-of-scope uses", (("application", "out_of_scope_uses"),),
         why="what it must not be used for"),
    Need("application", "known biases and limitations",
         (("application", "biases"), ("application", "limitations")), why="what can go wrong"),
    Need("application", "personal and sensitive data statement", (("composition", "sensitive"),),
         why="whether the data holds personal or sensitive information"),
    Need("audience", "intended users", (("audience", "intended_users"),), why="whom the data is for"),
    Need("audience", "access conditions", (("audience", "access"),), why="how one may obtain it"),
    Need("audience", "licence", (("audience", "license"),), why="on what terms it may be used"),
    Need("audience", "maintainer or contact",
         (("audience", "maintenance", "maintainers"), ("audience", "maintenance", "contact")),
         why="whom to ask and who fixes errors"),
)

GROUPS = ("origin", "application", "audience")


def _first_placeholder(value: Any) -> str | None:
    if isinstance(value, str):
        return placeholder(value)
    if isinstance(value, list):
        for item in value:
            found = _first_placeholder(item)
            if found is not None:
                return found
    if isinstance(value, dict):
        for item in value.values():
            found = _first_placeholder(item)
            if found is not None:
                return found
    return None


def context_gaps(data: dict[str, Any]) -> list[Gap]:
    """Every piece of context ``data`` (a datasheet that validated) leaves unsaid."""
    gaps: list[Gap] = []
    for need in NEEDS:
        if need.condition is not None and not need.condition(data):
            continue
        values = [get(data, loc) for loc in need.locs]
        if any(not is_blank(v) for v in values):
            continue
        found = next((p for p in map(_first_placeholder, values) if p is not None), None)
        gaps.append(Gap(need, found))
    return gaps
