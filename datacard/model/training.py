"""The training manifest: a model and the data it is trained and evaluated on."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from datacard.model.base import Closed
from datacard.model.checks import REF_KEYS, data_ref_names_data
from datacard.model.enums import MLUse
from datacard.model.types import SchemaVersion, Slug


class ModelInfo(Closed):
    """The model being trained."""

    name: str = Field(description="Model name.")
    version: str | None = Field(None, description="Model version.")
    tasks: list[str] = Field(default_factory=list, description="Tasks the model performs, as task ids.")
    intended_uses: list[str] = Field(default_factory=list, description="What the model is meant for.")
    intended_users: list[str] = Field(default_factory=list, description="Who the model is meant for.")
    card: str | None = Field(None, description="Relative path to the model card, if any.")




class DataRef(Closed):
    """One dataset the model uses, by datasheet path or by name/identifier."""

    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": [key]} for key in REF_KEYS]})

    datacard: str | None = Field(None, description="Relative path to the dataset's datasheet.")
    dataset: str | None = Field(None, description="Dataset name or identifier (hf:imdb, imdb).")
    role: MLUse = Field(MLUse.TRAINING, description="training, fine-tuning, validation, evaluation, ...")
    split: str | None = Field(None, description="The split used.")
    revision: str | None = Field(None, description="Pinned version, tag or commit of the data.")

    _names_data = model_validator(mode="after")(data_ref_names_data)


class TrainingManifest(Closed):
    """A training setup: which model is trained on which data (`kind: training`)."""

    model_config = ConfigDict(title="datacard training manifest")

    schema_version: SchemaVersion = Field(description="The version of the datasheet schema: 1.")
    kind: Literal["training"] = Field(description="The kind of document: training.")
    name: Slug = Field(description="Short lowercase name of this training setup.")
    description: str | None = Field(None, description="What is being trained and why.")
    model: ModelInfo = Field(description="The model being trained.")
    data: list[DataRef] = Field(default_factory=list, description="The datasets it uses.")
