"""Audience: whom the dataset is for, on what terms, and who looks after it."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field

from datacard.model.base import Closed
from datacard.model.checks import id_form, type_form
from datacard.model.enums import AccessType, Cadence, MaintenanceStatus
from datacard.model.files import DataFile
from datacard.model.licenses import LicenseId
from datacard.model.parts import Agent, Erratum, License, Release
from datacard.model.types import PartialDate, Url


class Access(Closed):
    """How one gets the data (Data Cards access, Data Statements v3 §14)."""

    type: AccessType | None = Field(None, description="open, registration, gated, restricted, internal, closed.")
    conditions: str | None = Field(None, description="Conditions a user must meet or accept.")
    prerequisites: str | None = Field(None, description="Training, agreements or approvals needed first.")
    url: Url | None = Field(None, description="Where to request or obtain access.")


AccessForm = Annotated[Access, BeforeValidator(type_form, json_schema_input_type=AccessType | Access)]
LicenseForm = Annotated[License, BeforeValidator(id_form, json_schema_input_type=LicenseId | License)]


class Distribution(Closed):
    """How and when the data is distributed (Datasheets D1-D3, D6)."""

    method: str | None = Field(None, description="Download, API, Hub repository, physical media, ...")
    url: Url | None = Field(None, description="Where the data can be downloaded.")
    doi: str | None = Field(None, description="DOI of the released data.")
    published: PartialDate | None = Field(None, description="Date of first publication.")
    formats: list[str] = Field(default_factory=list, description="File formats: parquet, csv, jsonl, ...")
    files: list[DataFile] = Field(
        default_factory=list, description="The files and sets of files the data is distributed as, with their "
        "checksums (Croissant distribution); fields name theirs in `source`.")
    third_parties: str | None = Field(None, description="Whether and to whom it is distributed outside the creators.")
    ip_restrictions: str | None = Field(None, description="Third-party IP restrictions (D5).")
    regulatory_restrictions: str | None = Field(None, description="Export controls and other regulation (D6).")
    fees: str | None = Field(None, description="Any fees for access or use.")


class Maintenance(Closed):
    """Who supports the dataset and how it changes (Datasheets N1-N7)."""

    maintainers: list[Agent] = Field(default_factory=list, description="Who supports and hosts it.")
    contact: str | None = Field(None, description="How to reach the maintainers: e-mail, issue tracker URL.")
    status: MaintenanceStatus | None = Field(None, description="regularly-updated, actively-maintained, ...")
    cadence: Cadence | None = Field(None, description="How often it changes.")
    update_plan: str | None = Field(None, description="How often, by whom and how updates are announced.")
    errata: list[Erratum] = Field(default_factory=list, description="Known errors and corrections.")
    releases: list[Release] = Field(default_factory=list, description="Released versions.")
    old_versions: str | None = Field(None, description="Whether old versions stay available.")
    retention: str | None = Field(None, description="Retention limits for data about people.")
    deprecation: str | None = Field(None, description="How obsolescence will be announced.")
    contributions: str | None = Field(None, description="How others can contribute.")


class Audience(Closed):
    """Intended users, access, licence, distribution and maintenance."""

    intended_users: list[str] = Field(
        default_factory=list, description="Who the dataset is for: researchers, practitioners, ..."
    )
    access: AccessForm | None = Field(
        None, description="How to obtain the data: an access type (`open`) or `{type: gated, conditions: ...}`.")
    license: LicenseForm | None = Field(
        None, description="The licence: an SPDX id or expression (`CC-BY-4.0`), or `{id: ..., name: ..., url: ...}`; "
        "`{id: unknown, reason: ...}` when it is not known.")
    terms_of_use: str | None = Field(None, description="Terms beyond the licence.")
    citation_guidelines: str | None = Field(None, description="How users should credit the dataset.")
    distribution: Distribution | None = Field(None, description="How the data is distributed.")
    maintenance: Maintenance | None = Field(None, description="Who maintains it and how.")
