"""The datasheet: one dataset's identity, origin, composition, application and audience."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from datacard.model.application import Application
from datacard.model.audience import Audience
from datacard.model.base import Closed
from datacard.model.composition import Composition
from datacard.model.origin import Origin
from datacard.model.parts import Agent
from datacard.model.types import Identifier, SchemaVersion, Slug, Url

SCHEMA_VERSION = 1


class Datasheet(Closed):
    """A dataset's documentation: where it came from, what it is for, and whom it is for."""

    model_config = ConfigDict(title="datacard datasheet")

    schema_version: SchemaVersion = Field(description="The version of the datasheet schema: 1.")
    kind: Literal["datasheet"] = Field("datasheet", description="The kind of document: datasheet.")
    name: Slug = Field(description="Short lowercase name used to refer to the dataset: yelp-reviews.")
    title: str | None = Field(None, description="Human-readable title.")
    version: str | None = Field(None, description="Version of the dataset this datasheet describes.")
    identifiers: list[Identifier] = Field(
        default_factory=list, description="Other names: hf:yelp_polarity, doi:..., https://..."
    )
    summary: str | None = Field(None, description="What the dataset is, in a short paragraph.")
    homepage: Url | None = Field(None, description="The dataset's home page.")
    keywords: list[str] = Field(default_factory=list, description="Keywords or tags.")
    citation: str | None = Field(None, description="How to cite the dataset (BibTeX or text).")
    authors: list[Agent] = Field(default_factory=list, description="Authors of this datasheet.")
    origin: Origin | None = Field(None, description="Who made the data, from what, how and when, and who is in it.")
    composition: Composition | None = Field(None, description="What the data consists of.")
    application: Application | None = Field(None, description="What the data is for and not for.")
    audience: Audience | None = Field(None, description="Whom the data is for, on what terms, who maintains it.")

    def __str__(self) -> str:
        """The datasheet as people read it: its Markdown render."""
        from datacard.notebook import datasheet_text

        return datasheet_text(self)

    def _repr_html_(self) -> str:
        """The rendered datasheet, for notebooks."""
        from datacard.notebook import datasheet_html

        return datasheet_html(self)
