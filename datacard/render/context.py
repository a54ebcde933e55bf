"""The context fields a datasheet should fill in (STANDARDS.md section 8), as dotted paths.

Shared by the renderer (which shows a missing one as "Not documented") and the starter
datasheet (which asks for each one). The conditional fields apply only when their condition
holds: language for text or speech, annotation for labelled data, ethics for data about people.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContextField:
    label: str
    paths: tuple[str, ...]
    condition: str | None = None


CONTEXT_FIELDS: tuple[ContextField, ...] = (
    ContextField("creators", ("origin.creators", "origin.funding")),
    ContextField("sources", ("origin.sources",)),
    ContextField("collection method", ("origin.collection.methods", "origin.collection.description")),
    ContextField("collection time span", ("origin.collection.timeframe",)),
    ContextField("people represented", ("origin.people",)),
    ContextField("purpose", ("application.purpose",)),
    ContextField("intended uses", ("application.intended_uses",)),
    ContextField("out-of-scope uses", ("application.out_of_scope_uses",)),
    ContextField("biases and limitations", ("application.biases", "application.limitations")),
    ContextField("sensitive data", ("composition.sensitive",)),
    ContextField("intended audience and access", ("audience.intended_users", "audience.access")),
    ContextField("licence", ("audience.license",)),
    ContextField(
        "maintainer and contact", ("audience.maintenance.maintainers", "audience.maintenance.contact")
    ),
    ContextField("languages", ("composition.languages",), "text or speech"),
    ContextField("annotation", ("origin.annotation.process", "origin.annotation.annotators"), "labelled"),
    ContextField("consent and ethics review", ("origin.ethics.consent", "origin.ethics.review"), "about people"),
)


def context_paths() -> list[str]:
    """Every dotted path named by a context field, in order."""
    return [path for field in CONTEXT_FIELDS for path in field.paths]
