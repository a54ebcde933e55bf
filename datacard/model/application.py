"""Application: what the dataset is for and not for, and what can go wrong."""

from __future__ import annotations

from pydantic import Field

from datacard.model.base import Closed
from datacard.model.enums import MLUse
from datacard.model.parts import Reference, Risk


class Application(Closed):
    """Purpose, intended and out-of-scope uses, biases and limitations (Datasheets M1, U1-U6)."""

    purpose: str | None = Field(None, description="Why the dataset was created; the gap it fills (M1).")
    tasks: list[str] = Field(
        default_factory=list,
        description="Tasks it is meant for, as Hugging Face task ids where one fits (text-classification, ...).",
    )
    ml_uses: list[MLUse] = Field(
        default_factory=list, description="training, fine-tuning, validation, testing, evaluation, production."
    )
    intended_uses: list[str] = Field(default_factory=list, description="Uses the dataset is suitable for.")
    out_of_scope_uses: list[str] = Field(
        default_factory=list, description="Uses it should not be put to, and why (U5)."
    )
    prior_uses: list[Reference] = Field(default_factory=list, description="Where it has been used already (U1, U2).")
    biases: list[Risk] = Field(default_factory=list, description="Known biases and whom they affect (U4).")
    limitations: list[Risk] = Field(default_factory=list, description="Known limitations and caveats.")
    social_impact: str | None = Field(None, description="Foreseeable impact on people and society.")
    recommendations: str | None = Field(None, description="What users should do to use it well.")
