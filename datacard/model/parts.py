"""Small building blocks used across the datasheet: people, money, risks, links, licences."""

from __future__ import annotations

from pydantic import ConfigDict, Field, model_validator

from datacard.model.base import Closed, none_statement_schema
from datacard.model.checks import LICENSE_DETAILS, license_unknown_needs_reason
from datacard.model.enums import AgentKind, AgentRole
from datacard.model.licenses import UNKNOWN, LicenseId
from datacard.model.types import Email, Flag, PartialDate, Url


class Agent(Closed):
    """A person or organisation: a creator, curator, publisher, maintainer or author."""

    name: str = Field(description="Full name of the person or organisation.")
    kind: AgentKind | None = Field(None, description="Whether this is a person or an organization.")
    roles: list[AgentRole] = Field(
        default_factory=list, description="What they did: creator, curator, publisher, owner, ..."
    )
    affiliation: str | None = Field(None, description="Organisation a person acted for.")
    email: Email | None = Field(None, description="Contact e-mail address.")
    url: Url | None = Field(None, description="Web page of the person or organisation.")


class Funding(Closed):
    """Who paid for the dataset's creation (Datasheets M3)."""

    funder: str = Field(description="Name of the funding body or company.")
    grant: str | None = Field(None, description="Grant name or number.")
    url: Url | None = Field(None, description="Link to the grant or funder.")


class Risk(Closed):
    """A known bias, limitation or risk, and what to do about it."""

    description: str = Field(description="What the bias or limitation is, and whom it affects.")
    mitigation: str | None = Field(None, description="What was done, or what users should do, about it.")


class Reference(Closed):
    """A prior use of the dataset: a paper, system or benchmark."""

    description: str = Field(description="What the dataset was used for.")
    url: Url | None = Field(None, description="Link to the paper, system or leaderboard.")


class License(Closed):
    """The licence or terms under which the data is distributed (Datasheets D4)."""

    model_config = ConfigDict(json_schema_extra=none_statement_schema("id", UNKNOWN, LICENSE_DETAILS))

    id: LicenseId = Field(
        description="SPDX licence id such as CC-BY-4.0, an SPDX expression such as `MIT OR Apache-2.0`, `other` "
        "for a licence without an SPDX id, or `unknown` (with a reason) when no one knows the terms."
    )
    name: str | None = Field(None, description="Name of the licence, required in practice with `other`.")
    url: Url | None = Field(None, description="Link to the licence text.")
    details: str | None = Field(None, description="Fees, attribution wording or other terms.")
    reason: str | None = Field(None, description="Why the licence is not known, when id is unknown.")

    _unknown_needs_reason = model_validator(mode="after")(license_unknown_needs_reason)


class Erratum(Closed):
    """A known error in a released version and its correction (Datasheets N3)."""

    description: str = Field(description="What was wrong.")
    date: PartialDate | None = Field(None, description="When it was found or fixed.")
    fixed_in: str | None = Field(None, description="The version that corrects it.")


class Release(Closed):
    """One released version of the dataset."""

    version: str = Field(description="Version name as released, such as 1.0 or 2023-06.")
    date: PartialDate | None = Field(None, description="Release date.")
    notes: str | None = Field(None, description="What changed.")
    available: Flag | None = Field(None, description="Whether this version can still be obtained.")
