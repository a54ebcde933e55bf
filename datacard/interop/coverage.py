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
from dataclasses import dataclass, field, replace
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
    """One question (element, section, property) of a standard and the fields that answer it."""

    id: str
    label: str
    paths: tuple[str, ...]
    when: Condition | None = None
    question: str = ""  # the question in words, which `coverage --missing` shows

    @property
    def asks(self) -> str:
        return self.question or f"{self.label[:1].upper()}{self.label[1:]}?"

    def answered(self, data: dict[str, Any]) -> bool:
        return any(says_something(_location(p).get(data), (_location(p).keys or (None,))[-1]) for p in self.paths)


@cache
def _location(path: str) -> Location:
    return Location.parse(path)


_WHEN = {"text-or-speech": HOLDS_LANGUAGE, "labelled": LABELLED, "about-people": ABOUT_PEOPLE}


def _i(id: str, label: str, *paths: str, when: str | None = None) -> Item:
    return Item(id, label, paths, _WHEN[when] if when else None)


def _from_need(need: Need) -> Item:
    question = f"{need.label[:1].upper()}{need.label[1:]}: {need.why}."
    return Item(need.id, need.label, tuple(loc.dotted for loc in need.locations), need.condition, question)


def _asking(items: tuple[Item, ...], questions: dict[str, str]) -> tuple[Item, ...]:
    """``items`` with their questions (every item has one: a test checks it)."""
    return tuple(replace(item, question=questions[item.id]) for item in items)


# The questions of Datasheets for Datasets and the elements of Data Statements, in datacard's
# words, as `coverage --missing` asks them.
_DATASHEETS_ASK = {
    "M1": "Why was the dataset created, and what need did it meet?",
    "M2": "Who created the dataset, and on whose behalf?",
    "M3": "Who paid for the dataset's creation?",
    "C1": "What do the instances represent?",
    "C2": "How many instances are there?",
    "C3": "Is the data a sample of a larger set, and how representative is it?",
    "C4": "What does each instance consist of?",
    "C5": "Is there a label or target for each instance?",
    "C6": "Is information missing from some instances, and why?",
    "C7": "Are relationships between instances made explicit?",
    "C8": "Are there recommended data splits?",
    "C9": "Are there errors, noise or redundancies?",
    "C10": "Does the data rely on external resources?",
    "C11": "Does the data hold confidential information?",
    "C12": "Could some content offend or distress a viewer?",
    "C13": "Does the data relate to people?",
    "C14": "Does the data identify subpopulations, and how are they distributed?",
    "C15": "Can individuals be identified, directly or indirectly?",
    "C16": "Does the data reveal sensitive information about people?",
    "K1": "How was the data acquired, and was it checked?",
    "K2": "What mechanisms or procedures collected the data?",
    "K3": "If the data is a sample, how was it sampled?",
    "K4": "Who collected the data, and how were they paid?",
    "K5": "Over what time span was the data collected?",
    "K6": "Was there an ethical review?",
    "K8": "Was the data taken from the people themselves or from other sources?",
    "K9": "Were the people told about the collection?",
    "K10": "Did the people consent, and how?",
    "K11": "Can people withdraw their consent?",
    "K12": "Was the impact on the people in the data analysed?",
    "P1": "Was the data cleaned, preprocessed or labelled?",
    "P2": "Was the raw data kept?",
    "P3": "Is the preprocessing software available?",
    "U1": "Has the dataset been used already?",
    "U2": "Is there a record of the work that uses it?",
    "U3": "What else could it be used for?",
    "U4": "Could its composition or collection harm people or groups?",
    "U5": "What should it not be used for?",
    "D1": "Is it shared outside the organisation that made it?",
    "D2": "How is it distributed?",
    "D3": "When was it first distributed?",
    "D4": "Under what licence or terms of use?",
    "D5": "Do third parties restrict its use through intellectual property?",
    "D6": "Do export controls or other regulations apply?",
    "N1": "Who supports, hosts and maintains it?",
    "N2": "How can the maintainers be reached?",
    "N3": "Is there a list of known errors?",
    "N4": "Will it be updated, how often and by whom?",
    "N5": "How long may data about people be kept?",
    "N6": "Do older versions stay available?",
    "N7": "Can others extend or contribute to it?",
}
_DATA_STATEMENTS_ASK = {
    "1": "What is the dataset called, who curated it, and how is it cited?",
    "2": "What is the dataset, in a short summary?",
    "3": "Why were these texts chosen?",
    "4": "Which source datasets does it draw on?",
    "5": "Which language varieties does it hold?",
    "6": "Who produced the language?",
    "7": "Who annotated it?",
    "8": "In what situation was the language produced, and what are the texts like?",
    "9": "How was the text preprocessed and formatted?",
    "10": "How good is the recording or capture?",
    "11": "What are its known limitations?",
    "12": "What are its licence, annotation guidelines and annotation process?",
    "13": "Who funded it, and was it reviewed for ethics?",
    "14": "How is it distributed, and to whom?",
    "15": "Who maintains it, and how?",
}


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


_HF_KEYS = {
    "license": "under what licence", "language": "in which languages", "task_categories": "for which tasks",
    "size_categories": "how many instances", "annotations_creators": "who made the labels",
}


def _hf_items() -> tuple[Item, ...]:
    items = [
        _i("license", "license", "audience.license"),
        _i("language", "language", "composition.languages", when="text-or-speech"),
        _i("task_categories", "task_categories", "application.tasks"),
        _i("size_categories", "size_categories", "composition.count", "composition.splits[].count"),
        _i("annotations_creators", "annotations_creators", "origin.annotation.creators",
           "origin.annotation.labelled"),
    ]
    items = [replace(item, question=f"The card's `{item.id}` metadata: {_HF_KEYS[item.id]}?") for item in items]
    for section in H.SECTIONS:
        targets = ([section.default] if section.default and not section.read_only else []) + list(
            section.labels.values())
        if section.export and targets:
            items.append(Item(section.heading, section.heading, tuple(t.path for t in targets),
                              question=f"What goes in the card's \"{section.heading}\" section?"))
    return tuple(items)


_RAI_EXTRA_PATHS = {"uses": ("application.ml_uses",), "limitations": ("application.out_of_scope_uses",)}
_RAI_ASK = {
    "dataCollection": "How was the data collected?",
    "dataCollectionType": "By what kind of collection?",
    "dataCollectionMissingData": "What data is missing, and why?",
    "dataCollectionRawData": "Where does the raw data come from?",
    "dataCollectionTimeframe": "When was the data collected?",
    "dataPreprocessingProtocol": "How was the data preprocessed?",
    "dataImputationProtocol": "How were missing values filled in?",
    "dataManipulationProtocol": "How else was the data changed?",
    "dataAnnotationProtocol": "How were the annotations made?",
    "dataAnnotationPlatform": "On what platform were the annotations made?",
    "dataAnnotationAnalysis": "How were the annotations analysed?",
    "annotationsPerItem": "How many annotations does an item have?",
    "annotatorDemographics": "Who were the annotators?",
    "machineAnnotationTools": "Which software made annotations?",
    "dataBiases": "What biases are known?",
    "dataLimitations": "What limitations are known?",
    "dataUseCases": "What is the data meant to be used for?",
    "dataSocialImpact": "What impact on society can it have?",
    "personalSensitiveInformation": "Does it hold personal or sensitive information?",
    "dataReleaseMaintenancePlan": "How will releases be maintained?",
}
CROISSANT_RAI: tuple[Item, ...] = tuple(
    Item(p.name, p.name, (p.path, *_RAI_EXTRA_PATHS.get(p.kind, ())), question=f"rai:{p.name}: {_RAI_ASK[p.name]}")
    for p in C.RAI_PROPERTIES
)

CONTEXT: tuple[Item, ...] = tuple(_from_need(n) for n in NEEDS)

#: Standard key -> (title, items). A new standard is one entry here.
STANDARDS: dict[str, tuple[str, tuple[Item, ...]]] = {
    "datasheets": ("Datasheets for Datasets", _asking(DATASHEETS, _DATASHEETS_ASK)),
    "data-statements": ("Data Statements", _asking(DATA_STATEMENTS, _DATA_STATEMENTS_ASK)),
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
    items: dict[str, Item] = field(default_factory=dict, repr=False, compare=False)

    def unanswered(self) -> list[Item]:
        """The missing items: each with its question and the fields that answer it."""
        return [self.items[m] for m in self.missing if m in self.items]

    @property
    def total(self) -> int:
        return len(self.answered) + len(self.missing)

    @property
    def ratio(self) -> float:
        return len(self.answered) / self.total if self.total else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"standard": self.standard, "title": self.title, "answered": len(self.answered),
                "total": self.total, "ratio": round(self.ratio, 4), "missing": self.missing,
                "not_applicable": self.not_applicable,
                "unanswered": [{"id": i.id, "question": i.asks, "fields": list(i.paths)} for i in self.unanswered()]}


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
        cov = StandardCoverage(key, title, items={item.id: item for item in items})
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
