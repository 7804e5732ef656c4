"""The private folder: members-only and office-internal data, read by the members' edition only.

It mirrors the public layout (`members/<slug>.yml` overlays, `events/`, and docs_dir with
its newsletter folder), so a file's place there says where its public twin would be. In a
real cluster it is a checkout of the office's private repository. The public edition never
builds a PrivateFolder, so it never opens one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..config import ClusterConfig
from ..errors import SourceError
from ..options import ConfigLines
from .files import data_files, display_path
from .tree import scan_tree


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

    @property
    def outside(self) -> bool:
        """Whether the folder lies outside the public repository (a checkout beside it)."""
        return not self.path.resolve().is_relative_to(self.root.resolve())

    @property
    def scan_root(self) -> Path:
        """The repository its links must stay in: the public one, or the private folder itself when it lies outside."""
        return self.path if self.outside else self.root

    def shown(self, errors: list[SourceError], options: ClusterConfig) -> list[SourceError]:
        """`errors` of a scan from `scan_root`, with paths as mkdocs.yml names them (`../cluster-private/…`)."""
        if not self.outside:
            return errors
        return [replace(error, path=(Path(options.private_dir) / error.path).as_posix()) for error in errors]

    def problems(self, options: ClusterConfig) -> list[SourceError]:
        """A missing folder, or a path in it that may not be read, before any file of it is opened.

        The same scan as docs_dir's (`sources.tree.scan_tree`): a link must stay inside the
        private folder and out of hidden folders (`.git/`), and FIFOs, devices, dangling
        links and loops are refused, so nothing in it is silently skipped or blocks the build.
        """
        if not self.path.is_dir():
            line = ConfigLines(self.root / "mkdocs.yml").option("private_dir")
            return [SourceError(
                "mkdocs.yml", line, "private_dir", f'the private folder "{options.private_dir}" does not exist',
                "the members' edition needs it: check out the office's private repository there (see README, The private folder)",
            )]
        _, errors = scan_tree(self.path, self.scan_root, contained=True, inside_name="the private folder")
        return self.shown(errors, options)

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
