"""JSON Schemas of the data files, generated from the models that validate them.

Editors' tools read them through the `# yaml-language-server: $schema=…` line at the top
of each file, so VS Code completes keys and flags mistakes as they type. The site's own
vocabularies are written into the schema, so a site that adds terms gets them completed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from .models.event import Event
from .models.member import Member
from .models.opportunity import Opportunity

SCHEMA_FILES: dict[str, Any] = {"member.schema.json": Member, "event.schema.json": Event, "opportunity.schema.json": Opportunity}
"""File name → the model (or the discriminated union of models) it describes."""
VOCABULARY_FIELDS = {"roles": "roles", "technologies": "technologies", "value_chain": "value_chain"}


def model_schema(model: Any, vocabularies: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The JSON Schema of a model, or of a union of models (each kind of opportunity is one of `$defs`)."""
    if isinstance(model, type) and issubclass(model, BaseModel):
        schema = model.model_json_schema(mode="validation")
    else:
        schema = TypeAdapter(model).json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    for properties in [schema.get("properties", {}), *(definition.get("properties", {}) for definition in schema.get("$defs", {}).values())]:
        for field, kind in VOCABULARY_FIELDS.items():
            if field in properties and kind in vocabularies:
                items = properties[field].setdefault("items", {})
                items["enum"] = sorted(vocabularies[kind])
                items["description"] = "; ".join(f"{term}: {label}" for term, label in sorted(vocabularies[kind].items()))
    return schema


def render_schemas(vocabularies: dict[str, dict[str, str]]) -> dict[str, str]:
    """File name → schema text, byte-stable so the committed copy can be compared."""
    return {
        name: json.dumps(model_schema(model, vocabularies), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        for name, model in SCHEMA_FILES.items()
    }


def write_schemas(directory: Path, vocabularies: dict[str, dict[str, str]]) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas(vocabularies).items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def stale_schemas(directory: Path, vocabularies: dict[str, dict[str, str]]) -> list[str]:
    """Names of schema files that are missing or differ from what the models generate."""
    return [
        name
        for name, text in render_schemas(vocabularies).items()
        if not (directory / name).exists() or (directory / name).read_text(encoding="utf-8") != text
    ]
