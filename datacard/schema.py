"""JSON Schema generation from the pydantic models (the models are the source of truth)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

# A URN rather than a web address: the project has no home page that serves the schemas, and
# an editor must not try to fetch one; `datacard init` points editors at a file instead.
SCHEMA_ID_PREFIX = "urn:datacard:schema:"

#: file name -> model, for every schema committed under schemas/
def schema_models() -> dict[str, type[BaseModel]]:
    from datacard.model import Datasheet, TrainingManifest

    return {
        "datasheet.schema.json": Datasheet,
        "training.schema.json": TrainingManifest,
    }


def json_schema(model: type[BaseModel], filename: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    out: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_ID_PREFIX}{filename.removesuffix('.schema.json')}:1",
    }
    out.update(schema)
    return out


def schema_text(model: type[BaseModel], filename: str) -> str:
    """Deterministic text of one schema file."""
    return json.dumps(json_schema(model, filename), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def all_schema_texts() -> dict[str, str]:
    return {name: schema_text(model, name) for name, model in schema_models().items()}
