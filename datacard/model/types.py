"""Scalar types shared by the models: dates, tags, links, counts.

Each type validates in pydantic and describes itself in JSON Schema, so the generated schema
and the model agree. Strict where YAML coercion would lie: text is never a number and numbers
are never text.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, PlainValidator, Strict, WithJsonSchema

# date_bounds is imported from here by its users; the functions live in checks (see there).
from datacard.model.checks import date_bounds as date_bounds
from datacard.model.checks import partial_date, schema_version

_DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"


PartialDate = Annotated[
    str,
    PlainValidator(partial_date),
    WithJsonSchema({
        "anyOf": [
            {"type": "string", "pattern": _DATE_PATTERN},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ],
        "description": "An ISO 8601 date, complete or partial: 2017, 2017-06 or 2017-06-30.",
    }),
]


# RFC 5646 well-formed language tags (the registry itself is not consulted), except that the
# primary subtag has 2 or 3 letters: RFC 5646 reserves 4 and allows 5-8 for registration, but
# none is registered, and a word there is a language name written for its code ('english').
_BCP47 = (
    r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3})"
    r"(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?$"
    r"|^[xX](?:-[A-Za-z0-9]{1,8})+$"
)
Bcp47 = Annotated[
    str,
    Field(pattern=_BCP47, description="A BCP 47 language tag such as en, en-US, nb or zh-Hant-TW."),
]

Url = Annotated[
    str, Field(pattern=r"^https?://[^\s]+$", description="A web address starting with http:// or https://.")
]
Email = Annotated[
    str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", description="An e-mail address.")
]
Identifier = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9+.-]*:[^\s]+$",
        description=(
            "An identifier with a scheme prefix: hf:imdb, hf:stanfordnlp/imdb, doi:10.1234/abc, "
            "arxiv:1803.09010, kaggle:owner/name, or a URL."
        ),
    ),
]
Slug = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$",
        description="A short lowercase name: letters, digits, '.', '_' and '-'.",
    ),
]
# Counts and sizes fit in 64 bits, as Arrow, Parquet, databases and JSON readers hold them; a
# larger one is a mistake (or an attack: a 3,600-digit count once passed validation and then
# broke every renderer that printed it).
MAX_COUNT = 2**63 - 1
Count = Annotated[int, Strict(), Field(ge=0, le=MAX_COUNT)]
Ratio = Annotated[float, Strict()]
Flag = Annotated[bool, Strict()]


SchemaVersion = Annotated[
    int,
    PlainValidator(schema_version),
    WithJsonSchema({"const": 1, "description": "The version of the datasheet schema: 1."}),
]
