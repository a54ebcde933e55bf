"""How much of each documentation standard a datasheet answers.

Each standard is a list of items (a question, an element, a section or a property) with the
datasheet fields that answer it, as data. An item is answered when any of its fields says
something, as :func:`datacard.context.judge` decides for every command (a `false` flag with a
reason counts: 'not about people' is an answer; `TBD` does not). Items that apply only under a
condition (language for data that may hold text or speech, annotators for labelled data,
consent for data that may be about people) leave the count when the condition does not hold;
the conditions are those of :mod:`datacard.context`. datacard's own `context` standard is the
list of context needs itself, so that its count and the linter's gaps are the same thing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from datacard.context import ABOUT_PEOPLE, HOLDS_LANGUAGE, LABELLED, NEEDS, Condition, Location, Need, says_something
from datacard.interop import croissant_tables as C
from datacard.interop import hf_tables as H
from datacard.model import Datasheet

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Item:
    id: str
    label: str
    paths: tuple[str, ...]
    when: Condition | None = None

    def answered(self, data: dict[str, Any]) -> bool:
        return any(says_something(_location(p).get(data)) for p in self.paths)


@cache
def _location(path: str) -> Location:
    return Location.parse(path)


_WHEN = {"text-or-speech": HOLDS_LANGUAGE, "labelled": LABELLED, "about-people": ABOUT_PEOPLE}


def _i(id: str, label: str, *paths: str, when: str | None = None) -> Item:
    return Item(id, label, paths, _WHEN[when] if when else None)


def _from_need(need: Need) -> Item:
    return Item(need.id, need.label, tuple(loc.dotted for loc in need.locations), need.condition)


DATASHEETS: tuple[Item, ...] = (
    _i("M1", "purpose", "application.purpose"),
    _i("M2", "creators", "origin.creators"),
    _i("M3", "funding", "origin.funding"),
    _i("C1", "what instances are", "composition.instance"),
    _i("C2", "how many", "composition.count", "composition.splits[].count"),
    _i("C3", "sample of a larger set", "composition.sample"),
    _i("C4", "what an instance consists of", "composition.fields"),
    _i("C5", "label or target", "composition.label", "origin.annotation.labels", "origin.annotation.labelled"),
    _i("C6", "missing information", "composition.missing_data"),
    _i("C7", "relationships between instances", "composition.relationships"),
    _i("C8", "recommended splits", "composition.splits", "composition.split_rationale"),
    _i("C9", "errors, noise, redundancy", "composition.errors"),
    _i("C10", "external resources", "composition.external_resources"),
    _i("C11", "confidential data", "composition.sensitive"),
    _i("C12", "offensive content", "composition.offensive"),
    _i("C13", "relates to people", "origin.people.about_people"),
    _i("C14", "subpopulations", "origin.people.subpopulations", when="about-people"),
    _i("C15", "identifiable individuals", "origin.people.identifiable", "origin.people.identifiability",
       when="about-people"),
    _i("C16", "sensitive data", "composition.sensitive.categories", "composition.sensitive.present"),
    _i("K1", "how data was acquired", "origin.collection.description"),
    _i("K2", "collection mechanisms", "origin.collection.mechanisms", "origin.collection.methods"),
    _i("K3", "sampling strategy", "origin.collection.sampling", "composition.sample"),
    _i("K4", "who collected, and pay", "origin.collection.collectors"),
    _i("K5", "collection timeframe", "origin.collection.timeframe"),
    _i("K6", "ethical review", "origin.ethics.review"),
    _i("K8", "collected from whom", "origin.sources"),
    _i("K9", "individuals notified", "origin.ethics.consent.notice", when="about-people"),
    _i("K10", "consent", "origin.ethics.consent.status", "origin.ethics.consent.wording",
       "origin.ethics.consent.description", when="about-people"),
    _i("K11", "consent revocation", "origin.ethics.consent.revocation", when="about-people"),
    _i("K12", "impact analysis", "origin.ethics.impact_assessment", when="about-people"),
    _i("P1", "preprocessing done", "origin.preprocessing.description", "origin.preprocessing.steps"),
    _i("P2", "raw data kept", "origin.preprocessing.raw_data_retained", "origin.preprocessing.raw_data_url"),
    _i("P3", "preprocessing software", "origin.preprocessing.software", "origin.preprocessing.steps[].tool"),
    _i("U1", "uses so far", "application.prior_uses"),
    _i("U2", "repository of uses", "application.prior_uses[].url"),
    _i("U3", "other possible tasks", "application.intended_uses", "application.tasks"),
    _i("U4", "risks of harm", "application.biases", "application.limitations", "application.social_impact"),
    _i("U5", "uses to avoid", "application.out_of_scope_uses"),
    _i("D1", "distributed to third parties", "audience.distribution.third_parties", "audience.access"),
    _i("D2", "how distributed", "audience.distribution.method", "audience.distribution.url",
       "audience.distribution.doi"),
    _i("D3", "when distributed", "audience.distribution.published"),
    _i("D4", "licence or terms", "audience.license", "audience.terms_of_use"),
    _i("D5", "third-party IP restrictions", "audience.distribution.ip_restrictions"),
    _i("D6", "export or regulatory controls", "audience.distribution.regulatory_restrictions"),
    _i("N1", "who maintains", "audience.maintenance.maintainers"),
    _i("N2", "contact", "audience.maintenance.contact"),
    _i("N3", "erratum", "audience.maintenance.errata"),
    _i("N4", "updates", "audience.maintenance.update_plan", "audience.maintenance.cadence",
       "audience.maintenance.status"),
    _i("N5", "retention limits", "audience.maintenance.retention", when="about-people"),
    _i("N6", "older versions", "audience.maintenance.old_versions", "audience.maintenance.deprecation"),
    _i("N7", "contributions", "audience.maintenance.contributions"),
)

DATA_STATEMENTS: tuple[Item, ...] = (
    _i("1", "header: title, curators, citation", "title", "origin.creators", "citation"),
    _i("2", "executive summary", "summary"),
    _i("3", "curation rationale", "application.purpose"),
    _i("4", "source datasets", "origin.sources"),
    _i("5", "language varieties", "composition.languages"),
    _i("6", "speaker demographic", "origin.people.speakers", when="about-people"),
    _i("7", "annotator demographic", "origin.annotation.annotators", when="labelled"),
    _i("8", "speech situation and text characteristics", "origin.people.speech_situation"),
    _i("9", "preprocessing and formatting", "origin.preprocessing"),
    _i("10", "capture quality", "composition.capture_quality"),
    _i("11", "limitations", "application.limitations", "application.biases"),
    _i("12", "metadata: licence, guidelines, process", "audience.license", "origin.annotation.guidelines",
       "origin.annotation.process"),
    _i("13", "disclosures and ethical review", "origin.funding", "origin.ethics"),
    _i("14", "distribution (v3)", "audience.distribution", "audience.access", "audience.intended_users"),
    _i("15", "maintenance (v3)", "audience.maintenance"),
)


def _hf_items() -> tuple[Item, ...]:
    items = [
        _i("license", "license", "audience.license"),
        _i("language", "language", "composition.languages", when="text-or-speech"),
        _i("task_categories", "task_categories", "application.tasks"),
        _i("size_categories", "size_categories", "composition.count", "composition.splits[].count"),
        _i("annotations_creators", "annotations_creators", "origin.annotation.creators",
           "origin.annotation.labelled"),
    ]
    for section in H.SECTIONS:
        targets = ([section.default] if section.default else []) + list(section.labels.values())
        if section.export and targets:
            items.append(Item(section.heading, section.heading, tuple(t.path for t in targets)))
    return tuple(items)


_RAI_EXTRA_PATHS = {"uses": ("application.ml_uses",), "limitations": ("application.out_of_scope_uses",)}
CROISSANT_RAI: tuple[Item, ...] = tuple(
    Item(p.name, p.name, (p.path, *_RAI_EXTRA_PATHS.get(p.kind, ()))) for p in C.RAI_PROPERTIES
)

CONTEXT: tuple[Item, ...] = tuple(_from_need(n) for n in NEEDS)

#: Standard key -> (title, items). A new standard is one entry here.
STANDARDS: dict[str, tuple[str, tuple[Item, ...]]] = {
    "datasheets": ("Datasheets for Datasets", DATASHEETS),
    "data-statements": ("Data Statements", DATA_STATEMENTS),
    "hf-card": ("Hugging Face card", _hf_items()),
    "croissant-rai": ("Croissant RAI 1.0", CROISSANT_RAI),
    "context": ("datacard context", CONTEXT),
}


@dataclass
class StandardCoverage:
    standard: str
    title: str
    answered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.answered) + len(self.missing)

    @property
    def ratio(self) -> float:
        return len(self.answered) / self.total if self.total else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"standard": self.standard, "title": self.title, "answered": len(self.answered),
                "total": self.total, "ratio": round(self.ratio, 4), "missing": self.missing,
                "not_applicable": self.not_applicable}


@dataclass
class CoverageResult:
    """Coverage of every standard for one datasheet."""

    name: str
    path: str | None
    standards: dict[str, StandardCoverage]

    def answered(self, standard: str, item: str) -> bool | None:
        """Whether an item is answered; None when it does not apply."""
        cov = self.standards[standard]
        return True if item in cov.answered else False if item in cov.missing else None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "path": self.path,
                "standards": {k: v.to_dict() for k, v in self.standards.items()}}

    def __str__(self) -> str:
        from datacard.notebook import coverage_text

        return coverage_text(self)

    def _repr_html_(self) -> str:
        from datacard.notebook import coverage_html

        return coverage_html(self)


def standards(needs: tuple[Need, ...] = NEEDS) -> dict[str, tuple[str, tuple[Item, ...]]]:
    """:data:`STANDARDS`, with the context standard made of ``needs`` (a project's own needs)."""
    if needs is NEEDS:
        return STANDARDS
    return {**STANDARDS, "context": (STANDARDS["context"][0], tuple(_from_need(n) for n in needs))}


def coverage(datasheet: Datasheet, path: str | None = None, *, needs: tuple[Need, ...] = NEEDS) -> CoverageResult:
    """How much of each standard the datasheet answers; ``needs`` are the context needs to count
    (the defaults, plus a project's `extend-require`)."""
    data = datasheet.model_dump(mode="json", exclude_none=True)
    result: dict[str, StandardCoverage] = {}
    for key, (title, items) in standards(needs).items():
        cov = StandardCoverage(key, title)
        for item in items:
            if item.when is not None and not item.when(data):
                cov.not_applicable.append(item.id)
            elif item.answered(data):
                cov.answered.append(item.id)
            else:
                cov.missing.append(item.id)
        result[key] = cov
    return CoverageResult(datasheet.name, path, result)


def _result(entry: Datasheet | CoverageResult | str | os.PathLike[str]) -> CoverageResult:
    if isinstance(entry, CoverageResult):
        return entry
    if isinstance(entry, Datasheet):
        return coverage(entry)
    if not isinstance(entry, (str, os.PathLike)):
        raise TypeError(f"expected a Datasheet, a CoverageResult or a datasheet path, not {type(entry).__name__}")
    from datacard.validate import load_datasheet

    model, report = load_datasheet(entry)
    if model is None:
        raise ValueError(f"{os.fspath(entry)} is not a valid datasheet:\n{report}")
    return coverage(model, os.fspath(entry))


def coverage_frame(datasheets: Iterable[Datasheet | CoverageResult | str | os.PathLike[str]]) -> pd.DataFrame:
    """One row per datasheet (indexed by name): a ratio column per standard, then one column per
    item, `standard:item`, True/False, or None where the item does not apply. Entries may be
    datasheets, coverage results, or paths to datasheet files."""
    import pandas as pd

    if isinstance(datasheets, (str, os.PathLike)):
        datasheets = [datasheets]
    rows = []
    for entry in datasheets:
        result = _result(entry)
        row: dict[str, Any] = {"name": result.name}
        row.update({key: cov.ratio for key, cov in result.standards.items()})
        for key, (_, items) in STANDARDS.items():
            for item in items:
                row[f"{key}:{item.id}"] = result.answered(key, item.id)
        rows.append(row)
    columns = ["name", *STANDARDS, *(f"{k}:{i.id}" for k, (_, items) in STANDARDS.items() for i in items)]
    frame: pd.DataFrame = pd.DataFrame(rows, columns=columns).set_index("name")
    return frame


def summary(results: list[CoverageResult], *, needs: tuple[Need, ...] = NEEDS) -> dict[str, Any]:
    """Across datasheets: mean and lowest coverage per standard, and how many answer each item."""
    out: dict[str, Any] = {"datasheets": len(results), "standards": {}}
    for key, (title, items) in standards(needs).items():
        ratios = [r.standards[key].ratio for r in results]
        per_item = {}
        for item in items:
            applies = [r for r in results if r.answered(key, item.id) is not None]
            per_item[item.id] = {"answered": sum(1 for r in applies if r.answered(key, item.id)),
                                 "applies": len(applies)}
        out["standards"][key] = {
            "title": title,
            "mean": round(sum(ratios) / len(ratios), 4) if ratios else None,
            "min": round(min(ratios), 4) if ratios else None,
            "items": per_item,
        }
    return out
