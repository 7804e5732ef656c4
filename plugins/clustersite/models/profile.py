"""The cluster's own profile (`cluster.yml`): who it is, what it stands for, how to reach it.

Kept as data, not in templates, so a new cluster changes one file and its homepage, footer
and structured data follow.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from ..colours import BLACK, HEX, TEXT_CONTRAST, WHITE, contrast, readable_on_white
from .fields import FIRST_YEAR, LAST_YEAR, CountryCode, DataModel, Email, Line, Local, LocalText, Phone, PlainText, Slug, Title, WebUrl, fail


def _hex(value: str) -> str:
    if not HEX.match(value):
        raise fail(f'"{value}" is not a colour', 'write it as "#rrggbb" in quotes, e.g. "#283593"')
    return value.lower()


def _primary(value: str) -> str:
    """The header, buttons and badges carry white or black text on it: one must reach 4.5:1."""
    value = _hex(value)
    best = max(contrast(value, WHITE), contrast(value, BLACK))
    if best < TEXT_CONTRAST:
        raise fail(f"{value} reaches only {best:.2f}:1 with white or black text (WCAG AA needs 4.5:1)", "pick a darker or lighter shade")
    return value


def _accent(value: str) -> str:
    """Focus rings, highlighted search words and hover colours are drawn in it on the white page."""
    value = _hex(value)
    ratio = contrast(value, WHITE)
    if ratio < TEXT_CONTRAST:
        raise fail(f"{value} reaches only {ratio:.2f}:1 on the white page (WCAG AA needs 4.5:1)", f'use a darker shade, e.g. "{readable_on_white(value)}"')
    return value


class Office(DataModel):
    """The management office, which answers partner-search and membership requests."""

    name: Line
    address: Line | None = None
    email: Email | None = None
    phone: Phone | None = None


class Value(DataModel):
    name: Annotated[LocalText, Local(Line)]
    description: Annotated[LocalText, Local(Annotated[PlainText, Field(max_length=300)])] | None = None


class EntryPoint(DataModel):
    """One of the homepage's three doors, one per target group."""

    title: Annotated[LocalText, Local(Line)]
    text: Annotated[LocalText, Local(Annotated[PlainText, Field(max_length=300)])]
    page: Annotated[str, Field(pattern=r"^[A-Za-z0-9_./-]+\.md$", description="A page in content/, e.g. for-members.md")]


class EntryPoints(DataModel):
    members: EntryPoint
    community: EntryPoint
    public: EntryPoint


class Social(DataModel):
    linkedin: WebUrl | None = None
    mastodon: WebUrl | None = None
    bluesky: WebUrl | None = None
    youtube: WebUrl | None = None
    x: WebUrl | None = None
    facebook: WebUrl | None = None


class Colours(DataModel):
    """The cluster's own colours; the site derives the rest and checks every pairing's contrast."""

    primary: Annotated[str, AfterValidator(_primary), Field(description='The header, buttons and badges, e.g. "#283593"')] = "#283593"
    accent: Annotated[str, AfterValidator(_accent), Field(description='Focus rings, highlights and hover, e.g. "#00695c"; 4.5:1 on white')] = "#00695c"


class ClusterProfile(DataModel):
    """The cluster as it presents itself on the homepage and in its structured data."""

    name: Title
    short_name: Line | None = None
    region: Line
    country: CountryCode
    founded: Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)] | None = None
    mission: Annotated[LocalText, Local(Annotated[PlainText, Field(max_length=300)]), Field(description="One sentence; or one per language: {en: …, ro: …}")]
    focus: Annotated[LocalText, Local(Annotated[PlainText, Field(max_length=600)])]
    values: list[Value] = Field(default_factory=list)
    goals: list[Annotated[LocalText, Local(Annotated[PlainText, Field(max_length=300)])]] = Field(default_factory=list)
    office: Office
    social: Social | None = None
    entry_points: EntryPoints
    colours: Colours = Field(default_factory=Colours)
    logo: Annotated[Line, Field(description="The cluster's logo in the header: an SVG or PNG, path from cluster.yml's folder")] | None = None
    favicon: Annotated[Line, Field(description="The browser tab's icon: an SVG or a square PNG")] | None = None
    hero_image: Annotated[Line, Field(description="A wide photo beside the homepage's mission: PNG, JPEG or WebP, also the site's preview image")] | None = None
    hero_image_alt: Annotated[Line, Field(description="What the hero image shows, for people who cannot see it; leave out if it is decoration")] | None = None
    featured: list[Slug] = Field(default_factory=list, description="Members shown on the homepage; empty: a selection that rotates weekly")
