"""Files that data files point to (logos, newsletter images): checked before anything is published.

A path comes from a pull request, so it must stay inside its folder (no `../../etc/passwd`,
no absolute path, no symlink pointing out), exist, stay small, and be the image its name says.
Logos and newsletter images differ only in their folder, limits and wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


class AssetProblem(ValueError):
    """A referenced file that cannot be published, with the hint that fixes it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message, hint)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class AssetRules:
    """Where a kind of file must be and what it may be, with the words editors see."""

    signatures: dict[str, tuple[bytes, ...]]
    """Allowed suffixes and the bytes such a file starts with (empty: checked by the caller)."""
    max_bytes: int
    outside: str
    """How an editor is told the path leaves the folder, e.g. 'points outside the members folder'."""
    place_hint: str
    size_hint: str


def relative_path(value: str, rules: AssetRules) -> PurePosixPath:
    """The path as written, refused when it is absolute or climbs out with `..`."""
    pure = PurePosixPath(value.replace("\\", "/"))
    if pure.is_absolute() or re.match(r"^[A-Za-z]:", value) or ".." in pure.parts:
        raise AssetProblem(f'"{value}" {rules.outside}', rules.place_hint)
    return pure


def resolve_asset(value: str, folder: Path, rules: AssetRules) -> tuple[Path, bytes]:
    """The real file inside `folder` and its bytes, or an AssetProblem saying what to fix."""
    pure = relative_path(value, rules)
    suffix = pure.suffix.lower()
    path = folder / pure
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise AssetProblem(f'the file "{value}" does not exist', "add the image to the pull request or fix the path") from None
    if not real.is_relative_to(folder.resolve()) or not real.is_file():
        raise AssetProblem(f'"{value}" {rules.outside}', "commit the image itself, not a link to it")
    size = real.stat().st_size
    if size > rules.max_bytes:
        raise AssetProblem(f'"{value}" is {size // 1024} KB, over the {rules.max_bytes // 1024} KB limit', rules.size_hint)
    data = real.read_bytes()
    signatures = rules.signatures.get(suffix, ())
    if signatures and not data.startswith(signatures):
        raise AssetProblem(f'"{value}" is not a {suffix[1:].upper()} image', "export the file again in the format its name says")
    return real, data
