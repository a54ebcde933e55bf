"""The model's own validation functions, in a module that loads no model.

The models call these (as field validators and `model_validator(mode="after")`), and the
compiled validators (:mod:`datacard.model.compiled`) refer to them by name, so that a file can
be checked without building the models. A validator written as a method of a model class
could not be named without building that class: keep every one here (a test fails otherwise).
Only ``pydantic_core`` is imported.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from pydantic_core import PydanticCustomError

from datacard.model.licenses import UNKNOWN

# The details that a 'documented as none' statement rules out, per model.
ANNOTATION_DETAILS = [
    "process", "creators", "platform", "guidelines", "annotators", "per_item",
    "agreement", "analysis", "machine_tools", "labels",
]
PEOPLE_DETAILS = [
    "subjects", "description", "speakers", "subpopulations", "identifiable",
    "identifiability", "speech_situation",
]
SENSITIVE_DETAILS = ["categories", "fields", "handling"]
OFFENSIVE_DETAILS = ["description"]
LICENSE_DETAILS = ["name", "url", "details"]
SOURCE_KEYS = ["name", "datacard", "dataset", "url"]
REF_KEYS = ["datacard", "dataset"]

_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


def partial_date(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise PydanticCustomError(
            "partial_date", "expected a date such as 2017, 2017-06 or 2017-06-30"
        )
    text = str(value)
    match = _DATE.match(text)
    if not match:
        raise PydanticCustomError(
            "partial_date",
            # pydantic fills in `{name}` only, so the quotes come with the value
            "{value} is not an ISO date; write 2017, 2017-06 or 2017-06-30",
            {"value": repr(text)},
        )
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        raise PydanticCustomError("partial_date", "month {month} does not exist", {"month": month})
    if day is not None and month is not None and year is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise PydanticCustomError(
                "partial_date", "{value} is not a day of the calendar", {"value": text}
            )
    return text


def date_bounds(value: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The first and last day a partial date can mean, as (year, month, day) tuples."""
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return (year, 1, 1), (year, 12, 31)
    month = parts[1]
    if len(parts) == 2:
        return (year, month, 1), (year, month, calendar.monthrange(year, month)[1])
    return (year, month, parts[2]), (year, month, parts[2])


def schema_version(value: Any) -> int:
    if isinstance(value, bool) or value != 1 or not isinstance(value, int):
        raise PydanticCustomError(
            "schema_version", "schema_version {value} is not supported; write schema_version: 1",
            {"value": repr(value)},
        )
    return 1


# --- short forms ---------------------------------------------------------------------------


def type_form(value: Any) -> Any:
    """`access: open` is short for `access: {type: open}`."""
    return {"type": value} if isinstance(value, str) else value


def id_form(value: Any) -> Any:
    """`license: CC-BY-4.0` is short for `license: {id: CC-BY-4.0}`."""
    return {"id": value} if isinstance(value, str) else value


def tag_form(value: Any) -> Any:
    """`en` is short for `{tag: en}`: how people list languages everywhere else."""
    return {"tag": value} if isinstance(value, str) else value


# --- checks across the fields of one model (each takes the model and returns it) -----------


def check_none_statement(model: Any, flag: str, negative: Any, detail_fields: list[str]) -> None:
    """When ``flag`` says 'none', a reason is required and the details must be absent."""
    if getattr(model, flag) != negative:
        return
    if not getattr(model, "reason", None):
        raise PydanticCustomError(
            "none_needs_reason",
            "{flag}: {negative} needs a `reason` that says why (for example, how that was checked)",
            {"flag": flag, "negative": str(negative).lower()},
        )
    present = [name for name in detail_fields if name in model.model_fields_set]
    if present:
        raise PydanticCustomError(
            "none_contradiction",
            "{flag}: {negative} contradicts {fields}; remove them or change {flag}",
            {"flag": flag, "negative": str(negative).lower(), "fields": ", ".join(present)},
        )


def annotation_none_or_details(model: Any) -> Any:
    check_none_statement(model, "labelled", False, ANNOTATION_DETAILS)
    return model


def people_none_or_details(model: Any) -> Any:
    check_none_statement(model, "about_people", False, PEOPLE_DETAILS)
    return model


def sensitive_none_or_details(model: Any) -> Any:
    check_none_statement(model, "present", False, SENSITIVE_DETAILS)
    return model


def offensive_none_or_details(model: Any) -> Any:
    check_none_statement(model, "present", False, OFFENSIVE_DETAILS)
    return model


def license_unknown_needs_reason(model: Any) -> Any:
    check_none_statement(model, "id", UNKNOWN, LICENSE_DETAILS)
    return model


def source_names_something(model: Any) -> Any:
    # `relation: original` alone says the data derives from no other dataset (the Hub's
    # `source_datasets: [original]`): a statement, not a source to name.
    if not any(getattr(model, key) for key in SOURCE_KEYS) and model.relation != "original":
        raise PydanticCustomError(
            "source_empty", "a source needs at least one of name, datacard, dataset or url "
            "(or `relation: original` alone, for data collected first-hand)"
        )
    return model


def timeframe_ordered(model: Any) -> Any:
    if model.start and model.end and date_bounds(model.end)[1] < date_bounds(model.start)[0]:
        raise PydanticCustomError(
            "date_order", "end {end} is before start {start}", {"end": model.end, "start": model.start}
        )
    return model


def data_ref_names_data(model: Any) -> Any:
    if not model.datacard and not model.dataset:
        raise PydanticCustomError("ref_empty", "a data reference needs `datacard: PATH` or `dataset: NAME`")
    return model


def file_or_a_set(model: Any) -> Any:
    """A file of the distribution has a `url`, a set of files `includes`: not both."""
    if model.url and model.includes:
        raise PydanticCustomError(
            "file_or_set", "a file has a `url`, a set of files has `includes`: write one of them "
            "(for files inside an archive, give the archive's name in `contained_in`)")
    return model


SOURCE_READS = ("column", "json_path", "file_property")


def source_reads_one_way(model: Any) -> Any:
    """A field's source reads one of a column, a JSON path or a file property, and its pattern
    is a regular expression."""
    given = [name for name in SOURCE_READS if getattr(model, name) is not None]
    if len(given) > 1:
        raise PydanticCustomError(
            "source_reads", "a source reads one of column, json_path or file_property; this one gives "
            "{given}", {"given": " and ".join(given)})
    if model.pattern is not None:
        try:
            re.compile(model.pattern)
        except re.error as exc:
            raise PydanticCustomError(
                "source_pattern", "pattern is not a regular expression: {error}", {"error": str(exc)}) from None
    return model


def file_form(value: Any) -> Any:
    """`source: train.csv` is short for `source: {file: train.csv}`."""
    return {"file": value} if isinstance(value, str) else value
