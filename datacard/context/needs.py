"""The context a datasheet must give before a model is trained on its data: defined once.

Each :class:`Need` names a piece of context (the fields that answer it, why it matters, the
condition under which it applies, and the code a missing answer is reported with). The linter
reports the gaps (DC201-DC206 on the datasheet, DC302-DC304 on a training reference),
`coverage --standard context` counts them, `render` marks them "Not documented" and lists
them, and docs/lint.md shows this table: all from :data:`NEEDS` and :func:`gaps`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from datacard.context.answers import Judgement, State, judge
from datacard.context.location import Location

GROUPS = ("origin", "application", "audience")


@dataclass(frozen=True)
class Condition:
    """When a need applies; ``test`` reads a datasheet's plain data."""

    name: str
    description: str
    test: Callable[[dict[str, Any]], bool] = field(compare=False)

    def __call__(self, data: dict[str, Any]) -> bool:
        return self.test(data)


# The conditions ask about the same few places for every datasheet: each is parsed once.
_L = functools.lru_cache(maxsize=None)(Location.parse)


def _strings(data: dict[str, Any], where: str) -> set[str]:
    found = _L(where).get(data)
    return {v for v in found if isinstance(v, str)} if isinstance(found, list) else set()


def may_be_about_people(data: dict[str, Any]) -> bool:
    """Unless the datasheet says it is not: `about_people: false`, or subjects that name no people."""
    flag = _L("origin.people.about_people").get(data)
    if isinstance(flag, bool):
        return flag
    subjects = _strings(data, "origin.people.subjects")
    return not subjects or bool(subjects & {"people", "unknown"})


def may_hold_language(data: dict[str, Any]) -> bool:
    """Text or speech, or a modality that may carry either; with none declared, most data is text.

    Audio and video carry speech only where people are in them (bird calls hold no language).
    """
    if _strings(data, "origin.people.speech_situation.modality") & {"spoken", "written", "signed"}:
        return True
    modalities = _strings(data, "composition.modalities")
    if not modalities or modalities & {"text", "multimodal", "other"}:
        return True
    return bool(modalities & {"audio", "video"}) and may_be_about_people(data)


def is_labelled(data: dict[str, Any]) -> bool:
    """Declared labelled, or carrying labels: a label field, a label set, annotation creators."""
    flag = _L("origin.annotation.labelled").get(data)
    if isinstance(flag, bool):
        return flag
    fields = _L("composition.fields").get(data)
    if isinstance(fields, list) and any(isinstance(f, dict) and f.get("role") == "label" for f in fields):
        return True
    return any(judge(_L(p).get(data)).state is State.ANSWERED
               for p in ("composition.label", "origin.annotation.labels", "origin.annotation.creators"))


HOLDS_LANGUAGE = Condition(
    "holds language", "the data may hold text or speech: composition.modalities is not declared, or names "
    "text, multimodal or other, or audio or video that may be of people", may_hold_language)
LABELLED = Condition(
    "labelled", "the data is labelled: origin.annotation.labelled is true, or it declares labels "
    "(a field with role label, composition.label, origin.annotation.labels or creators)", is_labelled)
ABOUT_PEOPLE = Condition(
    "about people", "the data may be about people: origin.people.about_people is not false and "
    "origin.people.subjects (if given) names people or unknown", may_be_about_people)
CONDITIONS = (HOLDS_LANGUAGE, LABELLED, ABOUT_PEOPLE)


@dataclass(frozen=True)
class Need:
    """One piece of context: any of ``locations`` answers it."""

    id: str
    group: str  # origin | application | audience
    label: str
    locations: tuple[Location, ...]
    why: str
    code: str  # the datasheet rule that reports its absence
    condition: Condition | None = None

    @property
    def location(self) -> Location:
        """The place to write the answer: the first of :attr:`locations`."""
        return self.locations[0]

    @property
    def field(self) -> str:
        return self.location.dotted

    def applies(self, data: dict[str, Any]) -> bool:
        return self.condition is None or self.condition(data)

    @functools.cached_property
    def _keyed(self) -> tuple[tuple[Location, str | None], ...]:
        """Each location with the field that holds its value (worked out once per need)."""
        return tuple((loc, _last_key(loc)) for loc in self.locations)

    def judge(self, data: dict[str, Any]) -> Judgement:
        """The best state of any of its locations."""
        best = _MISSING
        for loc, key in self._keyed:
            verdict = judge(loc.get(data), key)
            if verdict.says_something:
                return verdict
            if verdict.state is State.PLACEHOLDER and best.state is State.MISSING:
                best = verdict
        return best


_MISSING = Judgement(State.MISSING)


def _need(id: str, group: str, label: str, where: str, why: str, code: str,
          condition: Condition | None = None) -> Need:
    return Need(id, group, label, tuple(_L(w.strip()) for w in where.split(",")), why, code, condition)


NEEDS: tuple[Need, ...] = (
    _need("creators", "origin", "creators", "origin.creators", "who made the data", "DC201"),
    _need("sources", "origin", "sources", "origin.sources", "what the data was taken or derived from", "DC201"),
    _need("collection", "origin", "collection method", "origin.collection.methods, origin.collection.description",
          "how the data was collected", "DC201"),
    _need("timeframe", "origin", "collection time span",
          "origin.collection.timeframe, origin.collection.content_timeframe",
          "when the data was collected or created", "DC201"),
    _need("people", "origin", "who is represented",
          "origin.people.about_people, origin.people.subjects, origin.people.description, "
          "origin.people.speakers, origin.people.subpopulations",
          "who or what is in the data, or a statement that no people are", "DC201"),
    _need("language", "origin", "language", "composition.languages",
          "the language varieties decide whom a model trained on the data serves", "DC204", HOLDS_LANGUAGE),
    _need("annotation-process", "origin", "annotation process", "origin.annotation.process",
          "how the labels were made", "DC205", LABELLED),
    _need("annotators", "origin", "annotators", "origin.annotation.annotators, origin.annotation.creators",
          "whose judgement the labels carry", "DC205", LABELLED),
    _need("consent", "origin", "consent or ethics review", "origin.ethics.consent, origin.ethics.review",
          "whether the people in the data agreed, or why they did not need to", "DC206", ABOUT_PEOPLE),
    _need("purpose", "application", "purpose", "application.purpose", "why the dataset exists", "DC202"),
    _need("intended-uses", "application", "intended uses", "application.intended_uses, application.tasks",
          "what it is meant for", "DC202"),
    _need("out-of-scope-uses", "application", "out-of-scope uses", "application.out_of_scope_uses",
          "what it must not be used for", "DC202"),
    _need("risks", "application", "known biases and limitations", "application.biases, application.limitations",
          "what can go wrong", "DC202"),
    _need("sensitive", "application", "personal and sensitive data statement", "composition.sensitive",
          "whether the data holds personal or sensitive information", "DC202"),
    _need("intended-users", "audience", "intended users", "audience.intended_users", "whom the data is for",
          "DC203"),
    _need("access", "audience", "access conditions", "audience.access", "how one may obtain it", "DC203"),
    _need("license", "audience", "licence", "audience.license", "on what terms it may be used", "DC203"),
    _need("maintainer", "audience", "maintainer or contact",
          "audience.maintenance.maintainers, audience.maintenance.contact", "whom to ask and who fixes errors",
          "DC203"),
)

REQUIRED_CODE = "DC216"
"""The code of a field that a project requires on top of :data:`NEEDS` (`extend-require`)."""


def required(fields: Iterable[str]) -> tuple[Need, ...]:
    """Needs for the fields a project's configuration adds (`extend-require`)."""
    out = []
    for name in fields:
        loc = _L(name)
        top = str(loc.parts[0]) if loc.parts else ""
        group = top if top in GROUPS else ("application" if top == "composition" else "origin")
        out.append(Need(loc.dotted, group, loc.dotted, (loc,), "required by the project's configuration",
                        REQUIRED_CODE))
    return tuple(out)


@dataclass(frozen=True)
class Gap:
    """A need that a datasheet leaves unanswered."""

    need: Need
    verdict: Judgement
    at: Location  # where to point: the placeholder that fills it, else where the answer goes

    @property
    def field(self) -> str:
        return self.need.field

    @property
    def placeholder(self) -> str | None:
        return self.verdict.placeholder

    def describe(self) -> str:
        if self.verdict.state is State.PLACEHOLDER:
            return f"{self.need.label} ({self.field}) holds only {self.placeholder!r}"
        return f"{self.need.label} ({self.field}) is missing"


def gaps(data: dict[str, Any], needs: Iterable[Need] = NEEDS) -> list[Gap]:
    """Every need that applies to ``data`` (a datasheet's plain data) and is not answered."""
    out: list[Gap] = []
    for need in needs:
        if not need.applies(data):
            continue
        verdict = need.judge(data)
        if verdict.says_something:
            continue
        out.append(Gap(need, verdict, _placeholder_at(need, data) or need.location))
    return out


def _placeholder_at(need: Need, data: dict[str, Any]) -> Location | None:
    """The first place under the need's locations that holds a placeholder."""
    for loc in need.locations:
        value = loc.get(data)
        if value is None:
            continue
        stack: list[tuple[Location, Any]] = [(loc, value)]
        while stack:
            where, item = stack.pop()
            if isinstance(item, str) and judge(item, _last_key(where)).state is State.PLACEHOLDER:
                return where
            if isinstance(item, dict):
                stack.extend((where / k, v) for k, v in reversed(list(item.items())))
            elif isinstance(item, list):
                stack.extend((where / i, v) for i, v in reversed(list(enumerate(item))))
    return None


def _last_key(loc: Location) -> str | None:
    """The field a value at ``loc`` is held in: its last mapping key."""
    keys = loc.keys
    return keys[-1] if keys else None


def by_id(needs: Iterable[Need] = NEEDS) -> dict[str, Need]:
    return {n.id: n for n in needs}
