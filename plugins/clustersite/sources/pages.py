"""The front matter the plugin reads from content pages: `audience:` and `landing:`.

Read in `on_files`, before MkDocs reads the pages, so a members-only page can be left out
of the public edition entirely: no page, no search entry, no sitemap line, no nav item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import Field

from ..errors import SourceError
from ..models.fields import AUDIENCES, Audience, DataModel
from ..validation import validate
from ..yamlfile import YamlProblem, parse_yaml
from .tree import scan_tree

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*\r?\n", re.S)


class PageAudience(DataModel, extra="ignore"):
    """The plugin's keys in a page's front matter; MkDocs and Material own the others."""

    audience: Annotated[list[Audience], Field(min_length=1)] = Field(default_factory=lambda: list(AUDIENCES))
    landing: Audience | None = None


@dataclass
class PageInfo:
    audience: list[str] = field(default_factory=lambda: ["members", "community", "public"])
    landing: str | None = None


def read_page_info(path: Path, display: str) -> tuple[PageInfo, list[SourceError]]:
    """The audience and landing group of one Markdown page; lines count from the file's top."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return PageInfo(), []  # MkDocs reports unreadable pages itself
    match = _FRONT_MATTER.match(text)
    if not match or not re.search(r"^(audience|landing)\s*:", match.group(1) or "", re.M):
        return PageInfo(), []
    try:
        data = parse_yaml("\n" + (match.group(1) or ""))  # the leading newline keeps file line numbers
    except YamlProblem as problem:
        return PageInfo(), [SourceError(display, problem.line, "", problem.message, problem.hint)]
    model, errors = validate(PageAudience, data, display)
    if model is None:
        return PageInfo(audience=["members"]), errors  # when in doubt, keep it off the public site
    return PageInfo(audience=list(model.audience), landing=model.landing), []


def load_pages(content: Path, root: Path, newsletter_dir: str) -> tuple[dict[str, PageInfo], list[SourceError]]:
    """PageInfo of every Markdown page in `content` by its path there (newsletter issues have their own loader)."""
    pages: dict[str, PageInfo] = {}
    errors: list[SourceError] = []
    skip = newsletter_dir.strip("/") + "/"
    for path in (path for path in scan_tree(content, root, contained=True)[0] if path.suffix == ".md"):  # into linked folders, as MkDocs
        src_uri = path.relative_to(content).as_posix()
        if src_uri.startswith(skip) or any(part.startswith(".") for part in path.relative_to(content).parts):
            continue
        info, problems = read_page_info(path, path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix())
        pages[src_uri] = info
        errors += problems
    return pages, errors
