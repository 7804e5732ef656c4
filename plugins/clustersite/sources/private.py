"""The private folder: members-only and office-internal data, read by the members' edition only.

It mirrors the public layout (`members/<slug>.yml` overlays, `events/`, and docs_dir with
its newsletter folder), so a file's place there says where its public twin would be. In a
real cluster it is a checkout of the office's private repository. The public edition never
builds a PrivateFolder, so it never opens one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..config import ClusterConfig
from ..errors import SourceError
from ..options import ConfigLines
from .files import data_files, display_path


@dataclass(frozen=True)
class PrivateFolder:
    path: Path
    content: Path
    """The private mirror of docs_dir: member-only pages, issues and their files."""
    root: Path
    public_content: Path

    @classmethod
    def of(cls, options: ClusterConfig, root: Path, content: Path) -> PrivateFolder:
        path = root / options.private_dir
        try:
            mirror = content.resolve().relative_to(root.resolve())
        except ValueError:
            mirror = Path("content")
        return cls(path, path / mirror, root, content)

    def problems(self, options: ClusterConfig) -> list[SourceError]:
        """A missing folder, or a file in it whose real path leaves it (a symlink out)."""
        if not self.path.is_dir():
            line = ConfigLines(self.root / "mkdocs.yml").option("private_dir")
            return [SourceError(
                "mkdocs.yml", line, "private_dir", f'the private folder "{options.private_dir}" does not exist',
                "the members' edition needs it: check out the office's private repository there (see README, The private folder)",
            )]
        errors = []
        real_root = self.path.resolve()
        for folder, dirs, names in os.walk(self.path):
            for name in sorted([*dirs, *names]):
                path = Path(folder) / name
                if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                    errors.append(SourceError(display_path(path, self.root), 0, "", "points outside the private folder", "commit the file itself, not a link to it"))
        return errors

    def event_slugs(self, options: ClusterConfig) -> list[str]:
        files, _ = data_files(self.path / options.events_dir, self.root)
        return list(files)

    def content_files(self) -> tuple[dict[str, Path], list[SourceError]]:
        """Every file of the private content by its path in docs_dir; one that the public docs_dir has too is an error."""
        found: dict[str, Path] = {}
        errors: list[SourceError] = []
        if not self.content.is_dir():
            return found, errors
        for path in sorted(self.content.rglob("*")):
            relative = path.relative_to(self.content)
            if not path.is_file() or any(part.startswith(".") for part in relative.parts):
                continue
            src_uri = relative.as_posix()
            public = self.public_content / relative
            if public.exists():
                errors.append(SourceError(
                    display_path(path, self.root), 0, "", f"the public repository has {display_path(public, self.root)} too",
                    "keep one of them: the members' edition cannot publish both at one address",
                ))
                continue
            found[src_uri] = path
        return found, errors
