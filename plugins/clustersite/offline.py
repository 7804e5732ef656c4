"""A copy of a built site that opens from disk: the pull request's preview.

The site links to folders (`../members/acme/`), which a web server answers with the
folder's `index.html`; a browser opening the files from disk shows a folder listing
instead. The copy links to the `index.html` files themselves. Only the copy changes: the
site that is published keeps its permanent, folder-style addresses.

What still needs a web server: the search (the browser refuses to load its index from
disk) and anything fetched by script. `python3 -m http.server -d site` serves the site
itself, search included.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

_LINK = re.compile(r"""(\s(?:href|src)=)(["'])([^"'<>]*)\2""")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _file_link(value: str) -> str:
    """`value` with a folder link turned into a link to that folder's index.html."""
    if not value or value.startswith(("/", "#")) or _SCHEME.match(value):
        return value
    cut = min((index for index in (value.find("?"), value.find("#")) if index >= 0), default=len(value))
    path, rest = value[:cut], value[cut:]
    if path.rsplit("/", 1)[-1] in (".", ".."):  # "..", "../..": a folder, too
        path += "/"
    if not path.endswith("/"):
        return value
    return f"{path}index.html{rest}"


def offline_copy(site: Path, target: Path) -> int:
    """Copy `site` to `target` (which must not exist) with links that work from disk; the number of pages rewritten."""
    shutil.copytree(site, target, symlinks=False)
    count = 0
    for page in sorted(target.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        rewritten = _LINK.sub(lambda match: f"{match.group(1)}{match.group(2)}{_file_link(match.group(3))}{match.group(2)}", text)
        if rewritten != text:
            page.write_text(rewritten, encoding="utf-8", newline="")
            count += 1
    return count
