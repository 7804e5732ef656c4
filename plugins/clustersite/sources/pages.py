"""Reading content pages' front matter: validated against every known key, before MkDocs reads it.

Read in `on_files`, before MkDocs reads the pages, so a members-only page can be left out
of the public edition entirely: no page, no search entry, no sitemap line, no nav item.
Every page's front matter is read, whatever it contains, so that no spelling of a key
(`Audience:`, `audiance:`, `"audience":`, flow style) can slip past the plugin and publish
a page meant for members: a key the plugin does not know is an error, and so is metadata
MkDocs would read that the plugin cannot see.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.utils import is_markdown_file
from mkdocs.utils.meta import get_data

from ..errors import SourceError
from ..models.fields import AUDIENCES
from ..models.page import PLAIN_TEXT_KEYS, PageFrontMatter
from ..nesting import nesting_error
from ..validation import validate
from ..yamlfile import YamlProblem, locate, parse_yaml
from .parsed import NO_CACHE, ParsedFiles, inputs_key
from .tiers import MEMBERS_ONLY, PUBLIC, Tier
from .tree import scan_tree

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.S)
"""MkDocs' own rule (`mkdocs.utils.meta.YAML_RE`), on the text as MkDocs reads it."""
_MISPLACED_FRONT_MATTER = re.compile(r"\A(\s*)---[ \t]*\n")
"""A page that starts like front matter which MkDocs does not read as such."""


@dataclass
class PageInfo:
    """What the plugin knows of a content page before MkDocs renders it."""

    audience: list[str] = field(default_factory=lambda: list(AUDIENCES))
    landing: str | None = None
    trusted: bool = False
    """In one of the site's `trusted_dirs`: its HTML is not sanitised and it may choose a template."""
    meta: dict[str, Any] = field(default_factory=dict)
    """The validated front matter as the theme gets it: text escaped, without the plugin's own keys."""
    chosen: bool = False
    """Whether the page names its audience itself: only such pages are listed on landing pages
    (a page without `audience:`, such as the editors' guide, is for everyone and no one group)."""
    title: str = ""
    """The front matter's `title`, else the first `# heading`: MkDocs knows a page's title only
    once it has read it, after the landing pages that list it may have been rendered."""


def is_markdown(path: Path) -> bool:
    """Whether MkDocs renders the file as a page (`.md`, `.markdown`, `.mdown`, `.mkdn`, `.mkd`)."""
    return is_markdown_file(path.name)


def is_trusted(src_uri: str, trusted_dirs: list[str]) -> bool:
    """Whether a page of docs_dir lies in (or is) one of the site's trusted folders."""
    return any(src_uri == entry or src_uri.startswith(f"{entry}/") for entry in (d.strip("/") for d in trusted_dirs) if entry)


def read_text(path: Path) -> str | None:
    """The page as MkDocs reads it: UTF-8 without its byte-order mark, universal newlines."""
    try:
        with path.open(encoding="utf-8-sig", errors="strict") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None  # MkDocs reports unreadable pages itself


def read_page_info(path: Path, display: str, *, trusted: bool = False, tier: Tier = PUBLIC) -> tuple[PageInfo, list[SourceError]]:
    """The validated front matter of one Markdown page; lines count from the file's top.

    A page in the private folder is for members alone (and listed on their landing page);
    one for members alone in the public repository is an error that says where it belongs.
    """
    default = PageInfo(audience=list(MEMBERS_ONLY), trusted=trusted, chosen=True) if tier.private else PageInfo(trusted=trusted)
    text = read_text(path)
    if text is None:
        return PageInfo(audience=["members"], trusted=trusted), []
    too_deep = nesting_error(text, display)
    if too_deep is not None:  # Python-Markdown would crash on it with a traceback
        return PageInfo(audience=["members"]), [too_deep]
    match = _FRONT_MATTER.match(text)
    if not match:
        opening = _MISPLACED_FRONT_MATTER.match(text)
        if opening:  # MkDocs would show the keys as text, and not hear `audience:`
            return PageInfo(audience=["members"]), [
                SourceError(display, opening.group(1).count("\n") + 1, "", "the front matter does not start on the first line, or has no closing `---` line",
                            "start the page with a `---` line, then the keys, then a closing `---` line")
            ]
        _, metadata = get_data(text)
        if metadata:  # MultiMarkdown-style `key: value` lines, which MkDocs would read as metadata
            key = text.split(":", 1)[0].strip()
            return PageInfo(audience=["members"]), [
                SourceError(display, 1, key, "MkDocs reads this line as metadata, but it has no `---` lines around it",
                            "put the front matter between two `---` lines, or start the page with a heading")
            ]
        return default, []
    try:
        data = parse_yaml("\n" + (match.group(1) or ""))  # the leading newline keeps file line numbers
    except YamlProblem as problem:
        return PageInfo(audience=["members"]), [SourceError(display, problem.line, "", problem.message, problem.hint)]
    if data is None:
        return default, []
    model, errors = validate(PageFrontMatter, data, display)
    if model is None:
        return PageInfo(audience=["members"]), errors  # when in doubt, keep it off the public site
    if model.template is not None and not trusted:
        return PageInfo(audience=["members"]), [
            SourceError(display, locate(data, ("template",)), "template", "a page may not choose its theme template", "remove the line; only pages in the plugin's trusted_dirs may")
        ]
    model, errors = tier.audience(model, data, display)
    meta = model.model_dump(exclude={"audience", "landing"}, exclude_defaults=True, exclude_none=True)
    for key in PLAIN_TEXT_KEYS:
        if key in meta:
            meta[key] = html.escape(meta[key], quote=True)
    if "tags" in meta:
        meta["tags"] = [html.escape(tag, quote=True) for tag in meta["tags"]]
    title = model.title
    if not title or not title.strip():
        heading = re.search(r"^#[ \t]+(.+?)[ \t#]*$", text[match.end():], re.M)
        title = heading.group(1) if heading else ""
    chosen = tier.private or (isinstance(data, dict) and "audience" in data)
    return PageInfo(audience=list(model.audience), landing=model.landing, trusted=trusted, meta=meta, chosen=chosen, title=title.strip()), errors


def load_pages(
    content: Path, root: Path, newsletter_dir: str, trusted_dirs: list[str] | None = None, tier: Tier = PUBLIC, parsed: ParsedFiles = NO_CACHE
) -> tuple[dict[str, PageInfo], list[SourceError]]:
    """PageInfo of every Markdown page in `content` by its path there (newsletter issues have their own loader)."""
    pages: dict[str, PageInfo] = {}
    errors: list[SourceError] = []
    skip = newsletter_dir.strip("/") + "/"
    for path in scan_tree(content, root, contained=True)[0]:  # into linked folders, as MkDocs
        src_uri = path.relative_to(content).as_posix()
        if not is_markdown(path) or src_uri.startswith(skip) or any(part.startswith(".") for part in path.relative_to(content).parts):
            continue
        trusted = is_trusted(src_uri, trusted_dirs or [])
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        info, problems = parsed.get("page", path, inputs_key([display, trusted, tier]), partial(read_page_info, path, display, trusted=trusted, tier=tier))
        pages[src_uri] = replace(info, audience=list(info.audience), meta=dict(info.meta))  # the cached one stays as read
        errors += problems
    return pages, errors
