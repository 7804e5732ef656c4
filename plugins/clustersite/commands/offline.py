"""`clustersite offline`: a copy of a built site whose links work when opened from disk."""

from __future__ import annotations

from pathlib import Path

import click

from . import EXIT_CODES, Refused


@click.command("offline", epilog=EXIT_CODES)
@click.argument("site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("target", type=click.Path(path_type=Path))
def command(site_dir: Path, target: Path) -> None:
    """Copy a built site (SITE_DIR) to TARGET with links that work when opened from disk.

    A built site links to folders (members/acme/), which a web server answers with the
    folder's index.html, but a browser opening the files from disk shows a folder listing.
    The copy links to the index.html files. The pull request's preview is such a copy;
    the search still needs a web server (python3 -m http.server -d site).

    \b
    Example:
      mkdocs build --strict && clustersite offline site site-preview
    """
    from ..offline import offline_copy

    if target.exists():
        raise Refused(f"{target} already exists: choose a new folder (nothing was changed)")
    count = offline_copy(site_dir, target)
    click.echo(f"wrote {target}: {count} pages link to index.html files; open {target / 'index.html'}")
