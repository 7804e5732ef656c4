"""`clustersite network pull`: refresh network/<cluster>.json from each partner's export.

Each export is fetched with limits and validated (`network.exports`) before anything is
written; a refused export leaves the previous file exactly as it was, and the command
names the partner, the problem and what to do in one line. The file is replaced whole
(written beside it, then renamed), so an interrupted pull never leaves half a file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..errors import SourceError
from ..sources.files import display_path
from .exports import ExportRefused, canonical, read_export
from .fetch import fetch
from .partners import Partner


def pull(partners: list[Partner], folder: Path, root: Path, say: Callable[[str], None], *, fetcher: Callable[[str], bytes] = fetch) -> list[SourceError]:
    """Fetch every partner's export into `folder`; the refused ones as errors (their files untouched)."""
    errors: list[SourceError] = []
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return [SourceError(display_path(folder, root), 0, "", "is not a folder of the repository", "make it a plain folder: pulled exports are written there")]
    for partner in partners:
        target = folder / f"{partner.slug}.json"
        shown = display_path(target, root)
        try:
            export = read_export(fetcher(partner.export))
        except ExportRefused as refused:
            kept = f"{shown} was kept as it was" if target.exists() else f"{shown} was not written"
            errors.append(SourceError(partner.export, 0, refused.field, refused.message, f"{refused.hint}; {kept}"))
            continue
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{partner.slug}.json.partial"
        partial.write_text(canonical(export), encoding="utf-8")
        os.replace(partial, target)
        say(f"{shown}: {len(export.members)} members of {partner.name}")
    return errors
