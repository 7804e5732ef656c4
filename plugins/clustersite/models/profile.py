"""The cluster's own profile (`cluster.yml`): who it is, what it stands for, how to reach it.

Kept as data, not in templates, so a new cluster changes one file and its homepage, footer
and structured data follow.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .fields import FIRST_YEAR, LAST_YEAR, CountryCode, DataModel, Email, Line, Phone, PlainText, Slug, Title, WebUrl


class Office(DataModel):
    """The management office, which answers partner-search and membership requests."""

    name: Line
    address: Line | None = None
    email: Email | None = None
    phone: Phone | None = None


class Value(DataModel):
    name: Line
    description: Annotated[PlainText, Field(max_length=300)] | None = None


class EntryPoint(DataModel):
    """One of the homepage's three doors, one per target group."""

    title: Line
    text: Annotated[PlainText, Field(max_length=300)]
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


class ClusterProfile(DataModel):
    """The cluster as it presents itself on the homepage and in its structured data."""

    name: Title
    short_name: Line | None = None
    region: Line
    country: CountryCode
    founded: Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)] | None = None
    mission: Annotated[PlainText, Field(max_length=300, description="One sentence")]
    focus: Annotated[PlainText, Field(max_length=600)]
    values: list[Value] = Field(default_factory=list)
    goals: list[Annotated[PlainText, Field(max_length=300)]] = Field(default_factory=list)
    office: Office
    social: Social | None = None
    entry_points: EntryPoints
    featured: list[Slug] = Field(default_factory=list, description="Members shown on the homepage; empty: a selection that rotates weekly")
