"""Finding a collection's data files and checking their names, which are permanent slugs."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import SourceError
from ..models.fields import SLUG_PATTERN


def data_files(folder: Path, root: Path, suffixes: tuple[str, ...] = (".yml", ".yaml")) -> tuple[dict[str, Path], list[SourceError]]:
    """The files of a collection by slug, with errors for bad names and slug collisions."""
    found: dict[str, Path] = {}
    errors: list[SourceError] = []
    if not folder.is_dir():
        return found, errors
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.suffix.lower() not in suffixes or path.name.startswith("."):
            continue
        display = display_path(path, root)
        slug = path.stem
        if not re.match(SLUG_PATTERN, slug):
            fixed = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "name"
            errors.append(
                SourceError(display, 0, "", f'the file name "{path.name}" is not a valid slug', f'the slug is the permanent URL: rename it to "{fixed}{path.suffix.lower()}"')
            )
            continue
        if slug in found:
            errors.append(
                SourceError(display, 0, "", f'the slug "{slug}" is used twice (also {display_path(found[slug], root)})', "rename or merge one of the two files")
            )
            continue
        found[slug] = path
    return found, errors


def display_path(path: Path, root: Path) -> str:
    """A path as editors see it in the repository: relative, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
