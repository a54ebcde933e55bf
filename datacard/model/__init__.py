"""The datasheet schema as pydantic models. Models do no I/O.

The names below are imported on first use, not with the package: its submodules that build no
model (:mod:`datacard.model.enums`, :mod:`datacard.model.checks`, :mod:`datacard.model.licenses`)
are what a compiled validator (:mod:`datacard.model.compiled`) needs, and they must not pay for
building every model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
        FileProperty,
        Identifiability,
        MaintenanceStatus,
        MLUse,
        Modality,
        Multilinguality,
        ReviewStatus,
        SamplingMethod,
        SensitiveCategory,
        SizeCategory,
        SourceRelation,
        SpeechModality,
        TransformationKind,
    )
    from datacard.model.files import DataFile, FieldSource
    from datacard.model.licenses import LicenseId
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

    DOCUMENT_KINDS: dict[str, type[BaseModel]]

#: Document kinds by the value of their `kind` key (a missing `kind` means a datasheet), and the
#: model of each as `module:class`.
KIND_MODELS: dict[str, str] = {
    "datasheet": "datacard.model.datasheet:Datasheet",
    "training": "datacard.model.training:TrainingManifest",
}

# The submodules that define the names of __all__, those that build no model first.
_MODULES = ("enums", "licenses", "types", "parts", "files", "origin", "composition", "application", "audience",
            "training", "datasheet")


def model_of(kind: str) -> type[BaseModel]:
    """The model of a document kind (a key of :data:`KIND_MODELS`)."""
    module, _, name = KIND_MODELS[kind].partition(":")
    model: type[BaseModel] = getattr(importlib.import_module(module), name)
    return model


def __getattr__(name: str) -> Any:
    if name == "DOCUMENT_KINDS":
        return {kind: model_of(kind) for kind in KIND_MODELS}
    if name in __all__:
        for module in _MODULES:
            found = getattr(importlib.import_module(f"datacard.model.{module}"), name, None)
            if found is not None:
                return found
    raise AttributeError(f"module 'datacard.model' has no attribute {name!r}")


__all__ = [
    "DOCUMENT_KINDS",
    "KIND_MODELS",
    "SCHEMA_VERSION",
    "Access",
    "AccessType",
    "Agent",
    "AgentKind",
    "AgentRole",
    "Agreement",
    "Annotation",
    "AnnotationCreator",
    "Annotators",
    "Application",
    "Audience",
    "Cadence",
    "Collection",
    "CollectionMethod",
    "Collectors",
    "Composition",
    "Consent",
    "ConsentStatus",
    "DataField",
    "DataFile",
    "DataRef",
    "DataSubject",
    "Datasheet",
    "Demographics",
    "Distribution",
    "Erratum",
    "Ethics",
    "EthicsReview",
    "FieldRole",
    "FieldSource",
    "FieldType",
    "FileProperty",
    "Funding",
    "Identifiability",
    "LanguageVariety",
    "License",
    "LicenseId",
    "MLUse",
    "Maintenance",
    "MaintenanceStatus",
    "Modality",
    "ModelInfo",
    "Multilinguality",
    "Offensive",
    "Origin",
    "People",
    "Preprocessing",
    "Reference",
    "Release",
    "ReviewStatus",
    "Risk",
    "Sample",
    "Sampling",
    "SamplingMethod",
    "Sensitive",
    "SensitiveCategory",
    "SizeCategory",
    "Source",
    "SourceRelation",
    "SpeechModality",
    "SpeechSituation",
    "Split",
    "Step",
    "Subpopulation",
    "Timeframe",
    "TrainingManifest",
    "TransformationKind",
    "ValueRange",
]
