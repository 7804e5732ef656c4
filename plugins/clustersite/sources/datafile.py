"""Reading one data file into its model: the YAML read strictly, then validated.

In serve mode the result is cached by the file's path and bytes and the validation
context (`cache.BuildCache`), so a rebuild parses only the files that changed. Callers
must not change what it returns: the same objects serve the next rebuild.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ..cache import BuildCache
from ..errors import SourceError
from ..validation import validate
from ..yamlfile import read_data_bytes, yaml_from_bytes

M = TypeVar("M", bound=BaseModel)


def read_model(
    path: Path, display: str, model: type[M], context: dict[str, Any] | None = None, cache: BuildCache | None = None
) -> tuple[Any, M | None, list[SourceError]]:
    """(the file's data with its lines, the validated model or None, every error)."""
    raw, errors = read_data_bytes(path, display)
    if raw is None:
        return None, None, errors
    content = raw

    def parse() -> tuple[Any, M | None, list[SourceError]]:
        data, problems = yaml_from_bytes(content, display)
        if problems:
            return data, None, problems
        value, problems = validate(model, data, display, context)
        return data, value, problems

    if cache is None:
        return parse()
    return cache.memo(f"data:{model.__module__}.{model.__qualname__}", (str(path), display, content, context), parse)
