"""The files a dataset is distributed as, and where each field's values are read from.

These are the homes of Croissant's `distribution` (FileObject, FileSet) and of a field's
`source`: what a loader needs to find the data, kept in the datasheet so that an export can
describe the records and an import loses nothing.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, ConfigDict, Field, model_validator

from datacard.model.base import Closed
from datacard.model.checks import SOURCE_READS, file_form, file_or_a_set, source_reads_one_way
from datacard.model.enums import FileProperty

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="A SHA-256 digest: 64 lowercase hex digits.")]
Md5 = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$", description="An MD5 digest: 32 lowercase hex digits.")]
Where = Annotated[str, Field(pattern=r"^\S+$", description="A URL or a relative path, without spaces.")]


class DataFile(Closed):
    """One file, or one set of files, of the data (Croissant FileObject and FileSet)."""

    model_config = ConfigDict(json_schema_extra={"not": {"required": ["url", "includes"]}})

    name: str = Field(description="How fields and other files refer to it: `train.csv`, `parquet-files`.")
    description: str | None = Field(None, description="What the file holds.")
    url: Where | None = Field(
        None, description="Where the file is: a URL, or a path relative to the datasheet (`data/train.csv`). "
        "A set of files has `includes` instead.")
    contained_in: list[str] = Field(
        default_factory=list, description="The archives or repositories (names of other files) it is inside.")
    includes: list[str] = Field(
        default_factory=list, description="For a set of files: glob patterns of its files (`data/*.parquet`).")
    excludes: list[str] = Field(default_factory=list, description="For a set of files: glob patterns it leaves out.")
    format: str | None = Field(
        None, description="The media type: text/csv, application/x-parquet, application/zip, git+https.")
    size: str | None = Field(None, description="The size as written: `117743 B`, `4.7 MB`.")
    sha256: Sha256 | None = Field(None, description="The SHA-256 digest of the file's bytes.")
    md5: Md5 | None = Field(None, description="The MD5 digest of the file's bytes.")

    _one_file_or_a_set = model_validator(mode="after")(file_or_a_set)


_READS = SOURCE_READS


class FieldSource(Closed):
    """Where a field's values are read from: a file of the distribution and the column, JSON path
    or file property in it (Croissant's field `source`)."""

    model_config = ConfigDict(json_schema_extra={"not": {"anyOf": [
        {"required": [a, b]} for i, a in enumerate(_READS) for b in _READS[i + 1:]]}})

    file: str = Field(description="The `name` of the entry of audience.distribution.files that holds the values.")
    column: str | None = Field(
        None, description="The column (or key) that holds the values, when it is not named as the field is.")
    json_path: str | None = Field(None, description="A JSONPath to the values, for JSON files: `$.items[*].text`.")
    file_property: FileProperty | None = Field(
        None, description="A property of each file read instead of a column: content, file-name, file-path, "
        "full-path, lines, line-numbers.")
    pattern: str | None = Field(
        None, description="A regular expression applied to what is read; its first group is the value.",
        json_schema_extra={"format": "regex"})

    _one_way_to_read = model_validator(mode="after")(source_reads_one_way)


FieldSourceForm = Annotated[FieldSource, BeforeValidator(file_form, json_schema_input_type=str | FieldSource)]
