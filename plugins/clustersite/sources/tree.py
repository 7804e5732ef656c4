"""Every file the build reads or copies, checked before any of them is opened.

Each file under docs_dir, the members, events and schema folders, and the cluster profile arrives
in a pull request, and the build publishes what docs_dir holds as it is. So before anything
is read:

- a link (symlink) must lead to a file inside the repository, never to `/proc/self/environ`,
  `/etc/passwd` or `/dev/zero`, nor into a hidden part of it (`.git/config` holds CI's
  token, `.venv/`, `.env`); a link under docs_dir must stay inside docs_dir, because
  everything there is published (a link to `members/` would publish `internal:` notes);
- only regular files and folders: a FIFO or a device would hang the build;
- nothing that runs in a visitor's browser on the cluster's domain: every SVG passes the
  same check as a member's logo, and HTML, JavaScript, XML/XSLT, Flash and the like are
  refused unless mkdocs.yml lists them in the plugin's `raw_files` option.

MkDocs walks docs_dir following links to folders, and so does this scan.
"""

from __future__ import annotations

import os
import stat
from fnmatch import fnmatchcase
from pathlib import Path

from mkdocs.utils import is_markdown_file

from ..errors import SourceError
from .assets import AssetProblem
from .files import display_path
from .logos import check_svg

MAX_SVG_BYTES = 5 * 1024 * 1024
"""An SVG this large is no drawing an editor made by hand; it is refused rather than parsed."""

ACTIVE_SUFFIXES = frozenset(
    {
        ".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".hta",
        ".js", ".mjs", ".cjs", ".wasm",
        ".xml", ".xsl", ".xslt", ".rss", ".atom", ".rdf",
        ".svgz", ".swf", ".jar", ".php", ".asp", ".aspx", ".jsp",
        ".htaccess", ".appcache", ".manifest", ".webmanifest",
    }
)
"""Files a browser or web server may run or render as a document on the site's domain."""

WRITTEN_BY_THE_BUILD = {
    "search/search_index.json": "the search index",
    "sitemap.xml.gz": "the compressed sitemap",
}
"""Files other plugins and MkDocs write, which a docs_dir file of the same name would replace.

The search index matters most: Material shows its `text` as HTML in the search results, so a
replaced index runs script for everyone who searches. Compared in lower case, for hosts whose
file names ignore case.
"""

MARKUP_SNIFF_BYTES = 1024
"""How much of a file is read to tell whether it is markup: what comes first decides."""

BYTE_ORDER_MARKS = (b"\xef\xbb\xbf", b"\xfe\xff", b"\xff\xfe")

RAW_HINT = "write the content as a Markdown page, or list the file under the cluster plugin's raw_files option in mkdocs.yml"

LINK_HINT = "commit the file itself, not a link to it"
SPECIAL_FILE = "is not a regular file"
LOOP = "is a link to a folder that contains it"
SPECIAL_HINT = "remove it: only files and folders can be published"


def path_error(path: Path, root: Path, problem: str) -> SourceError:
    return SourceError(display_path(path, root), 0, "path", problem, SPECIAL_HINT if problem == SPECIAL_FILE else LINK_HINT)


def link_problem(path: Path, root: Path, inside: Path | None = None, inside_name: str | None = None) -> str | None:
    """Why the file or folder at `path` may not be read, or None when it may.

    `root` is the repository (the folder of mkdocs.yml, its real path); `inside`, when given,
    is the folder the real path must stay in (docs_dir). `inside_name` names that folder for
    the editor ("the private folder") when leaving it is the first thing to say, even for a
    link that also leaves the repository. Only `lstat` and `realpath` are used: nothing is
    opened, so a link to a device or a FIFO cannot block.
    """
    try:
        mode = path.lstat().st_mode
    except OSError:
        return "cannot be read"
    if stat.S_ISLNK(mode):
        real = Path(os.path.realpath(path))
        if inside is not None and inside_name is not None and not real.is_relative_to(inside):
            return f"points outside {inside_name}"
        if not real.is_relative_to(root):
            return "points outside the repository"
        if any(part.startswith(".") for part in real.relative_to(root).parts):
            return "points into a hidden file or folder of the repository"
        if inside is not None and not real.is_relative_to(inside):
            return f"points outside {inside.name}/, the folder that is published"
        try:
            mode = real.stat().st_mode
        except OSError:
            return "is a link to a file that does not exist"
        if stat.S_ISDIR(mode) and Path(os.path.realpath(path.parent)).is_relative_to(real):
            return LOOP
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return SPECIAL_FILE
    return None


def scan_tree(top: Path, root: Path, *, contained: bool = False, inside_name: str | None = None) -> tuple[list[Path], list[SourceError]]:
    """The regular files under `top` (following links to folders, as MkDocs does), and every refused path.

    With `contained`, links must also stay inside `top` (docs_dir: all of it is published;
    the private folder: nothing in it may be read from elsewhere), which `inside_name`, when
    given, names in the error.
    A refused folder is not entered. A folder reached through two paths is listed under both,
    as MkDocs publishes it under both; a link back to a folder it lies in is refused, since
    MkDocs would walk it again and again.
    """
    real_root = Path(os.path.realpath(root))
    files: list[Path] = []
    errors: list[SourceError] = []
    if not os.path.lexists(top):
        return files, errors
    inside = Path(os.path.realpath(top)) if contained else None
    problem = link_problem(top, real_root, inside, inside_name)
    if problem:
        return files, [path_error(top, root, problem)]
    if top.is_file():
        return [top], errors
    pending: list[tuple[Path, frozenset[Path]]] = [(top, frozenset())]
    while pending:
        folder, ancestors = pending.pop()
        ancestors = ancestors | {Path(os.path.realpath(folder))}
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            errors.append(SourceError(display_path(folder, root), 0, "path", f"cannot be read ({error.strerror})", "check the folder's permissions"))
            continue
        for entry in entries:
            path = folder / entry.name
            if entry.is_file(follow_symlinks=False):  # the common case, answered from the folder listing
                files.append(path)
                continue
            problem = link_problem(path, real_root, inside, inside_name)
            if problem is None and entry.is_dir() and Path(os.path.realpath(path)) in ancestors:
                problem = LOOP
            if problem:
                errors.append(path_error(path, root, problem))
            elif entry.is_dir():
                pending.append((path, ancestors))
            else:
                files.append(path)
    return sorted(files, key=lambda path: path.parts), errors  # Paths' own order, without 30,000 Python-level comparisons


def is_markup(path: Path) -> bool:
    """Whether the file begins as an HTML or XML document does, in UTF-8, UTF-16 or UTF-32.

    A static host sends a file with the content type of its suffix, and a browser shows any
    XML type (`.mml`, `.kml`, `.smil`, `.xspf`, `.xhtm`… hundreds of them) as a document in
    which `<html:script>` runs; a file without a suffix may be sent as HTML. No list of
    suffixes is complete, so the first bytes decide: a document in any of these types begins
    with `<` after a byte-order mark and white space, and no image, PDF or archive does.
    Removing NUL bytes reads UTF-16 and UTF-32 as ASCII.
    """
    with path.open("rb") as file:
        head = file.read(MARKUP_SNIFF_BYTES).replace(b"\0", b"")
    for mark in BYTE_ORDER_MARKS:
        head = head.removeprefix(mark)
    return head.lstrip(b" \t\r\n\f").startswith(b"<")


def repository_errors(root: Path, trees: list[Path]) -> list[SourceError]:
    """Every refused link or special file in the data folders and files `trees` (not docs_dir)."""
    return [error for top in trees for error in scan_tree(top, root)[1]]


def docs_errors(docs_dir: Path, root: Path, raw_files: list[str]) -> tuple[list[SourceError], list[SourceError]]:
    """(refused links, active content) in docs_dir, everything MkDocs publishes.

    Link errors come first and alone decide whether anything may be read at all. `raw_files`
    are the site's own globs (paths in docs_dir, e.g. `embeds/*.html`) of raw files it vouches
    for: they are published as they are. SVGs are checked even when listed there, because an
    image's name in a glob is easily vouched for without a look inside it.
    """
    files, link_errors = scan_tree(docs_dir, root, contained=True)
    if link_errors:
        return link_errors, []
    errors = []
    for path in files:
        src_uri = path.relative_to(docs_dir).as_posix()
        vouched = any(fnmatchcase(src_uri, pattern) for pattern in raw_files)
        display = display_path(path, root)
        suffix = path.suffix.lower() if path.suffix else path.name.lower()
        if src_uri.lower() in WRITTEN_BY_THE_BUILD:
            what = WRITTEN_BY_THE_BUILD[src_uri.lower()]
            errors.append(SourceError(display, 0, "path", f"the build writes {what} here, and this file would replace it", "rename or move the file"))
        elif suffix in ACTIVE_SUFFIXES and not vouched:
            errors.append(SourceError(display, 0, "path", f"a {suffix} file can run script on the site's domain", RAW_HINT))
        elif suffix == ".svg":
            try:
                if path.stat().st_size > MAX_SVG_BYTES:
                    raise AssetProblem(f"the SVG is over the {MAX_SVG_BYTES // 1024 // 1024} MB limit", "simplify the drawing or export it as PNG")
                check_svg(path.read_bytes(), path.name)
            except AssetProblem as problem:
                errors.append(SourceError(display, 0, "svg", problem.message, problem.hint))
        elif not vouched and not is_markdown_file(src_uri) and is_markup(path):
            errors.append(SourceError(display, 0, "path", "the file is markup (HTML or XML) that a browser may run as a page on the site's domain", RAW_HINT))
    return [], errors
