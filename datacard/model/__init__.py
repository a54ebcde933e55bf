"""The datasheet schema as pydantic models. Models do no I/O."""

from __future__ import annotations

from pydantic import BaseModel

from datacard.model.application import Application
from datacard.model.audience import Access, Audience, Distribution, Maintenance
from datacard.model.composition import (
    Composition,
    DataField,
    LanguageVariety,
    Offensive,
    Sample,
    Sensitive,
    Split,
    ValueRange,
)
from datacard.model.datasheet import SCHEMA_VERSION, Datasheet
from datacard.model.enums import (
    AccessType,
    AgentKind,
    AgentRole,
    AnnotationCreator,
    Cadence,
    CollectionMethod,
    ConsentStatus,
    DataSubject,
    FieldRole,
    FieldType,
    Identifiability,
    LicenseId,
    MaintenanceStatus,
    MLUse,
    Modality,
    Multilinguality,
    ReviewStatus,
    SamplingMethod,
    SensitiveCategory,
    SourceRelation,
    SpeechModality,
    TransformationKind,
)
from datacard.model.origin import (
    Agreement,
    Annotation,
    Annotators,
    Collection,
    Collectors,
    Consent,
    Demographics,
    Ethics,
    EthicsReview,
    Origin,
    People,
    Preprocessing,
    Sampling,
    Source,
    SpeechSituation,
    Step,
    Subpopulation,
    Timeframe,
)
from datacard.model.parts import Agent, Erratum, Funding, License, Reference, Release, Risk
from datacard.model.training import DataRef, ModelInfo, TrainingManifest

#: Document kinds by the value of their `kind` key; a missing `kind` means a datasheet.
DOCUMENT_KINDS: dict[str, type[BaseModel]] = {
    "datasheet": Datasheet,
    "training": TrainingManifest,
}

__all__ = [
    "SCHEMA_VERSION", "DOCUMENT_KINDS",
    "Access", "AccessType", "Agent", "AgentKind", "AgentRole", "Agreement", "Annotation",
    "AnnotationCreator", "Annotators", "Application", "Audience", "Cadence", "Collection",
    "CollectionMethod", "Collectors", "Composition", "Consent", "ConsentStatus", "DataField",
    "DataRef", "DataSubject", "Datasheet", "Demographics", "Distribution", "Erratum", "Ethics",
    "EthicsReview", "FieldRole", "FieldType", "Funding", "Identifiability", "LanguageVariety",
    "License", "LicenseId", "MLUse", "Maintenance", "MaintenanceStatus", "Modality", "ModelInfo",
    "Multilinguality", "Offensive", "Origin", "People", "Preprocessing", "Reference", "Release",
    "ReviewStatus", "Risk", "Sample", "Sampling", "SamplingMethod", "Sensitive",
    "SensitiveCategory", "Source", "SourceRelation", "SpeechModality", "SpeechSituation", "Split",
    "Step", "Subpopulation", "Timeframe", "TrainingManifest", "TransformationKind", "ValueRange",
]
