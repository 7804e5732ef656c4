"""Reading the partner clusters' exports committed in network/: validated again at every build.

`clustersite network pull` validated them when it wrote them, but the files may also arrive
in a pull request, so the build trusts nothing: each file is read only if a partner in the
`network:` option names it, with the same size limit and checks as a download. A file no
partner names is never read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import SourceError
from ..network.exports import MAX_BYTES, ExportRefused, read_export
from ..network.partners import Partner
from ..opendata.models import MembersExport
from .files import display_path


@dataclass(frozen=True)
class PartnerCluster:
    """A partner cluster and its members as last pulled (None until the first pull)."""

    partner: Partner
    export: MembersExport | None


def partners_of(option: list[Any]) -> list[Partner]:
    """The `network:` option's partners (options.py reports an invalid entry at its line)."""
    try:
        return [Partner.model_validate(entry) for entry in option]
    except ValidationError:
        return []


def load_network(option: list[Any], folder: Path, root: Path) -> tuple[list[PartnerCluster], list[SourceError]]:
    clusters, errors = [], []
    for partner in partners_of(option):
        path = folder / f"{partner.slug}.json"
        shown = display_path(path, root)
        hint = "run `clustersite network pull` to fetch it again, or delete the file"
        if not path.exists() and not path.is_symlink():
            clusters.append(PartnerCluster(partner, None))
            continue
        if path.is_symlink() or not path.is_file():
            errors.append(SourceError(shown, 0, "", "is not a regular file", hint))
            continue
        if path.stat().st_size > MAX_BYTES:
            errors.append(SourceError(shown, 0, "", f"is larger than {MAX_BYTES // 1_000_000} MB", hint))
            continue
        try:
            clusters.append(PartnerCluster(partner, read_export(path.read_bytes())))
        except ExportRefused as refused:
            errors.append(SourceError(shown, 0, refused.field, refused.message, hint))
    return clusters, errors
