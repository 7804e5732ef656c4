"""The open-data exports' documents as pydantic models: the one source of truth of their schemas.

The build writes every export through these models, `clustersite` publishes their JSON
Schemas (`data/schema/<dataset>-<version>.json`), and `clustersite network pull` reads a
partner cluster's export back through them. So what is written, what is documented and
what is accepted cannot drift apart.

Compatibility policy: version 1 only ever gains fields. A field is never renamed, removed
or given another type, and a value's meaning never changes; anything else is version 2, at
a new schema address. Hence the models ignore unknown keys (`extra="ignore"`, and no
`additionalProperties: false` in the schemas): a reader of version 1 accepts the version 1
of a newer clustersite, which may carry fields it does not know, and drops them.

Every text has a length limit and no control characters, every address is http(s): a
partner's export is untrusted input to this site (see `network`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

EXPORT_VERSION = 1

LINE_PATTERN = r"^[^\x00-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]*$"
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]*$"
"""Line breaks (and tabs) allowed; other control characters and bidirectional overrides not."""

NAME_PATTERN = r"^(?!.*<[A-Za-z/!?])[^\x00-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]*$"
"""A name or title is plain text: no control characters, and nothing that looks like an HTML tag
(as `models.fields.Title` refuses in the site's own files)."""

Line = Annotated[str, Field(min_length=1, max_length=200, pattern=LINE_PATTERN)]
Name = Annotated[str, Field(min_length=1, max_length=160, pattern=NAME_PATTERN)]
Summary = Annotated[str, Field(min_length=1, max_length=400, pattern=TEXT_PATTERN)]
Slug = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Term = Slug
URL_PATTERN = r"^https?://[^\s\"'<>\\]+$"
Url = Annotated[str, Field(min_length=8, max_length=2000, pattern=URL_PATTERN, description="An absolute http(s) address")]
Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$", description="A language's code, e.g. en or ro")]
Audience = Literal["members", "community", "public"]
Terms = Annotated[list[Term], Field(max_length=100)]
Slugs = Annotated[list[Slug], Field(max_length=1000)]


class ExportModel(BaseModel):
    """Base of every export model: unknown keys are a newer version 1's, and ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True, regex_engine="python-re")  # the name pattern looks ahead


class ExportLicence(ExportModel):
    id: Annotated[str, Field(max_length=40, pattern=r"^[A-Za-z0-9.+-]+$", description="SPDX identifier, e.g. CC-BY-4.0")]
    url: Url


class ExportHeader(ExportModel):
    """What every export carries: its version, the date the site was built, its licence, its schema."""

    version: Literal[1] = Field(description="The export format's version: version 1 only ever gains fields")
    generated: dt.date = Field(description="The site's build date (pinned, so that rebuilds of the same data are byte-identical)")
    licence: ExportLicence
    schema_url: Url = Field(description="This document's JSON Schema")
    cluster: Name | None = Field(default=None, description="The cluster that publishes the data")
    site: Url | None = Field(default=None, description="The cluster's site")


class Location(ExportModel):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Identifiers(ExportModel):
    """Identifiers in open registries: how an organisation in several clusters is recognised."""

    ror: Annotated[str, Field(pattern=r"^0[a-z0-9]{6}[0-9]{2}$", description="ROR ID, without https://ror.org/")] | None = None
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]{0,15}$")] | None = None
    vat: Annotated[str, Field(pattern=r"^[A-Z]{2}[0-9A-Z+*.]{2,13}$")] | None = None
    lei: Annotated[str, Field(pattern=r"^[0-9A-Z]{18}[0-9]{2}$")] | None = None


class Contact(ExportModel):
    """A contact who agreed to be listed publicly, in a site that opted in to exporting contacts."""

    name: Line
    role: Line | None = None
    email: Annotated[str, Field(max_length=254, pattern=r"^[^\s@<>\"]+@[^\s@<>\"]+$")] | None = None
    phone: Annotated[str, Field(max_length=40, pattern=r"^\+?[0-9][0-9 ()./-]{4,38}$")] | None = None


class Member(ExportModel):
    slug: Slug = Field(description="The member's permanent name on its cluster's site")
    url: Url = Field(description="The member's page")
    name: Name
    type: Term = Field(description="Organisation type, a key of `vocabularies.type`")
    summary: Summary = Field(description="In the site's default language (the first of `languages`)")
    summary_by_language: Annotated[dict[LanguageCode, Summary], Field(max_length=20)] | None = Field(default=None, description="The summary in each language it is given in")
    website: Url | None = None
    careers: Url | None = None
    country: Country
    region: Line | None = None
    city: Line | None = None
    location: Location | None = None
    joined: dt.date | None = None
    logo: Url | None = None
    roles: Terms = Field(default_factory=list)
    technologies: Terms = Field(default_factory=list)
    value_chain: Terms = Field(default_factory=list)
    identifiers: Identifiers | None = None
    partners: Slugs = Field(default_factory=list, description="Other members it works with, by slug")
    previous_slugs: Slugs = Field(default_factory=list)
    contacts: Annotated[list[Contact], Field(max_length=50)] | None = Field(default=None, description="Only where the site opts in (`export_contacts`)")


class MembersExport(ExportHeader):
    """`members/members.json`: every member's public profile."""

    format: Literal["clustersite-members"]
    languages: Annotated[list[LanguageCode], Field(max_length=20)] | None = Field(default=None, description="The site's languages, the default first")
    vocabularies: dict[Annotated[str, Field(max_length=40, pattern=r"^[a-z0-9_]+$")], Annotated[dict[Term, Line], Field(max_length=1000)]] = Field(description="Labels of the terms (type, roles, technologies, value_chain), in English")
    members: Annotated[list[Member], Field(max_length=50000)]


class Place(ExportModel):
    venue: Line | None = None
    address: Line | None = None
    postal_code: Annotated[str, Field(max_length=10)] | None = None
    city: Line
    country: Country


class Event(ExportModel):
    slug: Slug
    url: Url
    calendar: Url = Field(description="The event's own iCalendar file")
    title: Name
    type: Term
    status: Literal["scheduled", "cancelled", "postponed", "moved-online"]
    all_day: bool
    start: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$", description="A date (all-day) or a date-time with its UTC offset")]
    end: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$", description="The last day (all-day) or the end time")] | None = None
    timezone: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_+/-]+$")]
    location: Place | None = None
    online: Url | None = None
    summary: Summary
    audience: list[Audience]
    registration: Url | None = None
    organisers: Slugs = Field(default_factory=list, description="Members organising it, by slug; empty for the cluster office")
    image: Url | None = None
    price: Annotated[str, Field(pattern=r"^[0-9]+(\.[0-9]{1,2})?$")] | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None


class EventsExport(ExportHeader):
    """`events/events.json`: the edition's events, as its calendars hold them."""

    format: Literal["clustersite-events"]
    events: Annotated[list[Event], Field(max_length=50000)]


class Issue(ExportModel):
    slug: Slug
    url: Url
    id: Annotated[str, Field(max_length=300)] = Field(description="The issue's permanent feed ID (as in the RSS, Atom and JSON feeds)")
    title: Name
    date: dt.date
    updated: dt.date | None = None
    number: int | None = None
    summary: Summary | None = None
    audience: list[Audience]
    members: Slugs = Field(default_factory=list, description="Members the issue is about")
    events: Slugs = Field(default_factory=list, description="Events the issue announces")


class IssuesExport(ExportHeader):
    """`newsletter/issues.json`: the edition's newsletter issues, oldest first (their text is in the feeds)."""

    format: Literal["clustersite-issues"]
    issues: Annotated[list[Issue], Field(max_length=50000)]
