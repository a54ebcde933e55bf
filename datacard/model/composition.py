"""Composition: what the data consists of (Datasheets C1-C17)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, ConfigDict, Field, model_validator

from datacard.model.base import Closed, none_statement_schema
from datacard.model.checks import (
    OFFENSIVE_DETAILS,
    SENSITIVE_DETAILS,
    offensive_none_or_details,
    sensitive_none_or_details,
    tag_form,
)
from datacard.model.enums import FieldRole, FieldType, Modality, Multilinguality, SensitiveCategory, SizeCategory
from datacard.model.files import FieldSourceForm
from datacard.model.types import Bcp47, Count, Flag, PartialDate, Ratio


class Split(Closed):
    """A named partition of the data (Datasheets C8)."""

    name: str = Field(description="Split name: train, validation, test, ...")
    count: Count | None = Field(None, description="Number of instances in the split.")
    description: str | None = Field(None, description="How the split was made.")
    distribution: dict[str, Count] = Field(
        default_factory=dict,
        description="Instances per label value in the split (its label balance), as measured by datacard profile.")


class ValueRange(Closed):
    """The range numeric or date values are expected to lie in."""

    min: Ratio | int | str | None = Field(None, description="Smallest expected value.")
    max: Ratio | int | str | None = Field(None, description="Largest expected value.")


class Lengths(Closed):
    """Lengths of a text field's values, in characters."""

    min: Count | None = Field(None, description="Shortest value.")
    max: Count | None = Field(None, description="Longest value.")
    mean: Ratio | None = Field(None, description="Mean length.")


class DataField(Closed):
    """One field (column, feature) of an instance (Datasheets C4, HF dataset_info.features)."""

    name: str = Field(description="Field name as it appears in the data.")
    type: FieldType | None = Field(None, description="Value type: string, integer, float, category, ...")
    description: str | None = Field(None, description="What the field holds.")
    role: FieldRole | None = Field(None, description="feature, label, identifier, metadata, subgroup or split.")
    sensitive: Flag | None = Field(None, description="Whether the field holds personal or sensitive data.")
    nullable: Flag | None = Field(None, description="Whether values may be missing.")
    values: list[str] = Field(default_factory=list, description="Allowed values, for categories and labels.")
    range: ValueRange | None = Field(None, description="Expected range of values.")
    missing: Ratio | None = Field(None, description="Share of instances where the value is missing (0-1).")
    distinct: Count | None = Field(None, description="Number of distinct values, as measured by datacard profile.")
    lengths: Lengths | None = Field(None, description="Lengths of the values, for text fields.")
    positive: str | None = Field(
        None, description="For a binary label: the value that marks the positive class (the one whose rate "
                          "datacard represent compares across groups).")
    distribution: dict[str, Count] = Field(
        default_factory=dict, description="Instances per value, for subgroup, sensitive and label fields."
    )
    source: FieldSourceForm | None = Field(
        None, description="Where the values are read from: a file of audience.distribution.files (`train.csv`) "
        "or `{file: ..., column: ...}`.")


class LanguageVariety(Closed):
    """A language variety in the data (Data Statements B, §5)."""

    tag: Bcp47 = Field(description="BCP 47 tag: en, en-US, nb, ...")
    description: str | None = Field(None, description="The variety in prose: 'English as written on Yelp'.")


Language = Annotated[LanguageVariety, BeforeValidator(tag_form, json_schema_input_type=Bcp47 | LanguageVariety)]


class Sample(Closed):
    """Whether the data is a sample of a larger set, and how representative (Datasheets C3)."""

    is_sample: Flag | None = Field(None, description="Whether the data is a sample of a larger set.")
    population: str | None = Field(None, description="The larger set it was drawn from.")
    representativeness: str | None = Field(None, description="How representative it is, and how that was checked.")


class Sensitive(Closed):
    """Personal or sensitive data, or a statement that there is none (Datasheets C11, C15, C16)."""

    model_config = ConfigDict(json_schema_extra=none_statement_schema("present", False, SENSITIVE_DETAILS))

    present: Flag | None = Field(None, description="Whether the data contains personal or sensitive information.")
    reason: str | None = Field(None, description="How absence was established, when present is false.")
    categories: list[SensitiveCategory] = Field(default_factory=list, description="Kinds of sensitive data.")
    fields: list[str] = Field(default_factory=list, description="Fields that hold it.")
    handling: str | None = Field(None, description="How it is protected: anonymisation, redaction, access control.")

    _none_or_details = model_validator(mode="after")(sensitive_none_or_details)


class Offensive(Closed):
    """Content that may be offensive or distressing, or a statement there is none (Datasheets C12)."""

    model_config = ConfigDict(json_schema_extra=none_statement_schema("present", False, OFFENSIVE_DETAILS))

    present: Flag | None = Field(None, description="Whether such content occurs.")
    reason: str | None = Field(None, description="How absence was established, when present is false.")
    description: str | None = Field(None, description="What kind of content, and how often.")

    _none_or_details = model_validator(mode="after")(offensive_none_or_details)


class Measurement(Closed):
    """What datacard profile measured to write this composition: when, from what, how many rows."""

    by: str | None = Field(None, description="What measured it: datacard profile.")
    date: PartialDate | None = Field(None, description="When the data was measured (ISO date).")
    rows: Count | None = Field(None, description="How many rows (instances) were read.")
    sample: Flag | None = Field(
        None, description="Whether the rows read were a sample of the data (counts are then not measured).")
    sources: list[str] = Field(default_factory=list, description="The data files (or frame) read.")
    facts: list[str] = Field(default_factory=list, description="The measured fields, as field paths.")


class Composition(Closed):
    """What the dataset consists of."""

    instance: str | None = Field(None, description="What one instance represents (Datasheets C1).")
    modalities: list[Modality] = Field(default_factory=list, description="Modalities: text, image, audio, tabular, ...")
    count: Count | None = Field(None, description="Total number of instances (Datasheets C2).")
    size_category: SizeCategory | None = Field(
        None, description="The order of magnitude of the number of instances when the exact count is not "
        "known (Hugging Face size_categories): n<1K, 1K<n<10K, ..., n>1T.")
    size_bytes: Count | None = Field(None, description="Total size in bytes.")
    splits: list[Split] = Field(default_factory=list, description="Recommended splits (Datasheets C8).")
    split_rationale: str | None = Field(None, description="Why the data is split as it is.")
    fields: list[DataField] = Field(default_factory=list, description="Fields of an instance (Datasheets C4).")
    label: str | None = Field(None, description="The label or target, if any (Datasheets C5).")
    languages: list[Language] = Field(
        default_factory=list, description="Language varieties: a BCP 47 tag (`en`) or `{tag: en, description: ...}`.")
    multilinguality: Multilinguality | None = Field(None, description="monolingual, multilingual or translation.")
    sample: Sample | None = Field(None, description="Whether this is a sample, and of what.")
    missing_data: str | None = Field(None, description="Information missing from instances, and why (C6).")
    errors: str | None = Field(None, description="Errors, noise and redundancies (Datasheets C9).")
    relationships: str | None = Field(None, description="Explicit relationships between instances (C7).")
    external_resources: str | None = Field(None, description="External resources the data relies on (C10).")
    capture_quality: str | None = Field(None, description="Recording or capture quality (Data Statements G).")
    sensitive: Sensitive | None = Field(None, description="Personal or sensitive data, or a statement there is none.")
    offensive: Offensive | None = Field(None, description="Offensive content, or a statement there is none.")
    measured: Measurement | None = Field(
        None, description="What datacard profile measured: when, from what and from how many rows.")
