"""The front matter of a content page: every key a page may set, in one place.

MkDocs and Material print some front-matter values into the page without escaping them
(`<title>`, `<meta name="description">`, the header, the navigation), and a page arrives in
a pull request like any data file. So the plugin reads every page's front matter itself,
refuses keys it does not know (a misspelt `Audience:` would otherwise publish a page meant
for members), and hands the theme only validated plain text, escaped.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictBool, StrictFloat, StrictInt

from .fields import Audience, DataModel, Line, PlainText, Slug, Title, fail

HIDE_VALUES = Literal["navigation", "toc", "footer", "path", "tags", "feedback"]
"""What Material can hide on a page."""

_ICON = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)+$")


def _icon(value: str) -> str:
    """Material includes `.icons/<icon>.svg` as a template: only its icon names, no paths."""
    if not _ICON.match(value):
        raise fail(f'"{value[:80]}" is not an icon name', "use a Material icon name, e.g. material/home or fontawesome/solid/user")
    return value


Icon = Annotated[str, AfterValidator(_icon), Field(max_length=100)]


def _everyone() -> list[Audience]:
    return ["members", "community", "public"]


class PageSearch(DataModel):
    """Material's `search:` settings of a page."""

    exclude: StrictBool = False
    boost: Annotated[StrictInt | StrictFloat, Field(ge=0, le=100)] = 1


class PageFrontMatter(DataModel):
    """Every key a content page may set. Keys of MkDocs, of Material, and of this plugin."""

    # MkDocs
    title: Title | None = Field(default=None, description="The page's title, plain text")
    template: Annotated[str, Field(pattern=r"^[a-z0-9_-]+\.html$", max_length=80)] | None = Field(
        default=None, description="A theme template; only for pages in trusted_dirs"
    )
    # Material
    description: Annotated[PlainText, Field(max_length=400)] | None = Field(default=None, description="The page's summary for search engines")
    author: Line | None = None
    subtitle: Line | None = None
    icon: Icon | None = None
    status: Slug | None = None
    tags: list[Line] = Field(default_factory=list)
    hide: list[HIDE_VALUES] = Field(default_factory=list)
    search: PageSearch | None = None
    comments: StrictBool | None = None
    # clustersite
    audience: Annotated[list[Audience], Field(min_length=1)] = Field(
        default_factory=_everyone, description="Who the page is for; [members] alone: members' edition only"
    )
    landing: Audience | None = Field(default=None, description="The group this page is the landing page of")


PLAIN_TEXT_KEYS = ("title", "description", "author", "subtitle")
"""Keys whose text the theme prints as HTML: the plugin escapes them."""
