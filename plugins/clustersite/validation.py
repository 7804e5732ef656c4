"""Turn pydantic's validation errors into one-line errors an office editor can act on."""

from __future__ import annotations

import typing
from collections.abc import Mapping, Sized
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import SourceError, did_you_mean
from .models.fields import LANGUAGES_FORM, TEXT_FORM
from .yamlfile import locate

M = TypeVar("M", bound=BaseModel)

_KINDS = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "decimal_type": "a number",
    "decimal_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "datetime_type": "a date-time (YYYY-MM-DDTHH:MM)",
    "datetime_parsing": "a date-time (YYYY-MM-DDTHH:MM)",
    "datetime_from_date_parsing": "a date-time (YYYY-MM-DDTHH:MM)",
}

_EXAMPLES = {
    "text": 'write the text, quoting it if it has a colon: "…"',
    "a list": "write one `- item` per line",
    "a mapping of keys": "write `key: value` lines, indented under it",
    "a whole number": "write digits only, e.g. 12",
    "a number": "write a number, e.g. 47.16",
    "true or false": "write true or false",
    "a date (YYYY-MM-DD)": "write it as YYYY-MM-DD, e.g. 2024-03-01",
    "a date-time (YYYY-MM-DDTHH:MM)": "write e.g. 2026-05-12T09:30 or a date for an all-day event",
}


_NOT_FIELDS = (TEXT_FORM, LANGUAGES_FORM, "[key]")
"""Parts of pydantic's error locations that are no key of the file: a LocalText's two forms, and the
marker of an error in a mapping's key (`summary.fr` is the field of an unknown language)."""


def describe(value: Any) -> str:
    """A short description of what the editor wrote, for 'expected X, got Y'."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f'"{text[:60]}…"' if len(text) > 60 else f'"{text}"'


def field_name(loc: tuple[Any, ...]) -> str:
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def _model_at(model: type[BaseModel], path: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that holds the field at `path`, to list its valid keys."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = _inner_model(current.model_fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    for arg in (typing.get_args(annotation) or ()):
        found = _inner_model(arg)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return annotation


def explain(model: type[BaseModel], error: Mapping[str, Any]) -> tuple[str, str]:
    """(message, hint) for one pydantic error."""
    kind = error["type"]
    value = error.get("input")
    loc = error["loc"]
    ctx = error.get("ctx") or {}
    if kind == "clustersite":
        return error["msg"], ctx.get("hint", "")
    if kind == "missing":
        return "is required", f"add `{loc[-1]}: …`"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        choices = list(parent.model_fields) if parent else []
        hint = did_you_mean(loc[-1], choices) or (f"valid keys here: {', '.join(choices)}" if choices else "remove it")
        return f'unknown key "{loc[-1]}"', hint
    if kind in ("literal_error", "enum"):
        expected = [choice.strip(" '") for choice in ctx.get("expected", "").replace(" or ", ", ").split(",") if choice.strip()]
        hint = did_you_mean(value, expected) or f"choose one of: {', '.join(expected)}"
        return f"{describe(value)} is not one of the allowed values", hint
    if kind in ("string_too_long", "too_long"):
        limit = ctx.get("max_length")
        length = len(value) if isinstance(value, Sized) else "?"
        unit = "characters" if isinstance(value, str) else "items"
        return f"is {length} {unit} long, at most {limit} allowed", "shorten it"
    if kind in ("string_too_short", "too_short"):
        return "must not be empty", "fill it in or remove the key"
    if kind == "string_pattern_mismatch":
        return f"{describe(value)} is not in the expected form", f"it must match {ctx.get('pattern')}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{describe(value)} is out of range", error["msg"].lower()
    if kind in _KINDS:
        wanted = _KINDS[kind]
        detail = ""
        if "error" in ctx and kind.endswith("parsing"):
            detail = f" ({ctx['error']})"
        return f"expected {wanted}, got {describe(value)}{detail}", _EXAMPLES[wanted]
    return error["msg"], ""


def validate(model: type[M], data: Any, display: str, context: dict[str, Any] | None = None) -> tuple[M | None, list[SourceError]]:
    """Validate parsed YAML against `model`; every error carries file, line and field."""
    if not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else "a single value"  # never quoted: the file may be a link to another one
        return None, [
            SourceError(display, getattr(data, "line", 1) or 1, "", f"the file must be a mapping of keys, not {what}", "start with `name: …` lines, not `- …`")
        ]
    try:
        return model.model_validate(data, context=context), []
    except ValidationError as failure:
        errors = []
        for error in failure.errors(include_url=False):
            loc = tuple(part for part in error["loc"] if part not in _NOT_FIELDS)
            error["loc"] = loc
            message, hint = explain(model, error)
            errors.append(SourceError(display, locate(data, loc), field_name(loc), message, hint))
        return None, errors
