"""An event of the cluster, as one `events/<slug>.yml` file describes it.

Times stay as the editor wrote them here (a date, or a date-time with or without an
offset); :mod:`clustersite.sources.events` resolves them in the event's time zone and
checks them against each other, because that needs the site's `timezone` option.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import zoneinfo
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import Field, PlainValidator, WithJsonSchema, field_validator, model_validator

from ..i18n import N_
from .fields import AUDIENCES, Audience, CountryCode, DataModel, Line, Local, LocalText, Markdown, PlainText, PreviousSlugs, Slug, Title, WebUrl, check_year, fail

EventType = Literal["conference", "workshop", "training", "get-together", "mission", "fair", "member-meeting", "webinar", "other"]
EventStatus = Literal["scheduled", "cancelled", "postponed", "moved-online"]

EVENT_TYPES: dict[str, str] = {
    "conference": N_("Conference"),
    "workshop": N_("Workshop"),
    "training": N_("Training"),
    "get-together": N_("Get-together"),
    "mission": N_("Company mission"),
    "fair": N_("Fair"),
    "member-meeting": N_("Member meeting"),
    "webinar": N_("Webinar"),
    "other": N_("Event"),
}

STATUS_LABELS: dict[str, str] = {
    "scheduled": "",
    "cancelled": N_("Cancelled"),
    "postponed": N_("Postponed"),
    "moved-online": N_("Moved online"),
}

_WHEN = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?P<offset>Z|[+-]\d{2}:?\d{2})?)?$"
)
_WHEN_HINT = "write YYYY-MM-DD for an all-day event or YYYY-MM-DDTHH:MM for a start time, e.g. 2026-05-12T09:30"


def parse_when(value: Any) -> dt.date | dt.datetime:
    """A date (all-day) or a date-time (naive, or aware when the editor wrote an offset)."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or not isinstance(value, str):
        raise fail(f"expected a date or a date-time, got {str(value).lower()}", _WHEN_HINT)
    text = value.strip()
    match = _WHEN.match(text)
    if not match:
        raise fail(f'"{text[:40]}" is not a date or a date-time', _WHEN_HINT)
    parts = match.groupdict()
    try:
        day = dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        time = dt.time(int(parts["hour"] or 0), int(parts["minute"] or 0), int(parts["second"] or 0))
    except ValueError as error:
        raise fail(f'"{text}" is not a valid date or time ({error})', _WHEN_HINT) from None
    check_year(day, text)  # before any offset is applied: 0001-01-01T00:30+05:00 has no UTC date
    if parts["hour"] is None:
        return day
    moment = dt.datetime.combine(day, time)
    offset = parts["offset"]
    if offset:
        if offset == "Z":
            return moment.replace(tzinfo=dt.UTC)
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 14 or minutes > 59:
            raise fail(f'"{offset}" in "{text}" is not a valid UTC offset', "write e.g. +02:00, or leave the offset out to use the time zone")
        return moment.replace(tzinfo=dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes)))
    return moment


When = Annotated[
    dt.date | dt.datetime,
    PlainValidator(parse_when),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$",
            "description": "YYYY-MM-DD for an all-day event, or YYYY-MM-DDTHH:MM in the event's time zone",
            "examples": ["2026-05-12", "2026-05-12T09:30"],
        }
    ),
]


@lru_cache(maxsize=1)
def known_time_zones() -> frozenset[str]:
    """The IANA time zone names this Python knows (the system's or the tzdata package's)."""
    return frozenset(zoneinfo.available_timezones())


def suggest_time_zone(value: str) -> str | None:
    """The zone an editor probably meant: same name in other case, same city, or a typo."""
    names = sorted(known_time_zones())
    lowered = {name.lower(): name for name in names}
    if value.lower() in lowered:
        return lowered[value.lower()]
    cities = {name.rsplit("/", 1)[-1].lower(): name for name in names if "/" in name}
    city = value.rsplit("/", 1)[-1].strip().lower().replace(" ", "_")
    match = difflib.get_close_matches(city, list(cities), n=1, cutoff=0.8)
    return cities[match[0]] if match else None


def check_time_zone(value: Any) -> str:
    """An IANA time zone name such as Europe/Bucharest, checked against the tz database."""
    if not isinstance(value, str) or value not in known_time_zones():
        suggestion = suggest_time_zone(value) if isinstance(value, str) else None
        hint = f'did you mean "{suggestion}"?' if suggestion else "use an IANA name such as Europe/Bucharest, Europe/Berlin or UTC"
        raise fail(f'"{str(value)[:60]}" is not a known time zone', hint)
    return value


TimeZoneName = Annotated[str, PlainValidator(check_time_zone), WithJsonSchema({"type": "string", "examples": ["Europe/Bucharest"]})]


class Place(DataModel):
    """Where an event happens in person."""

    venue: Annotated[LocalText, Local(Line)] | None = Field(default=None, description="The building or room, e.g. Palas Congress Hall; or one per language")
    address: Line | None = Field(default=None, description="Street and number")
    postal_code: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$", description="The postal code, e.g. 700115")] | None = None
    city: Line = Field(description="The town or city")
    country: CountryCode = Field(description='ISO 3166-1 alpha-2 code, e.g. RO, DE or "NO" for Norway')
    lat: float | None = Field(default=None, ge=-90, le=90, description="For the map: latitude in decimal degrees (WGS 84), with `lon`")
    lon: float | None = Field(default=None, ge=-180, le=180, description="For the map: longitude in decimal degrees (WGS 84), with `lat`")

    @model_validator(mode="after")
    def _both_coordinates(self) -> Place:
        if (self.lat is None) != (self.lon is None):
            raise fail("lat and lon go together", "give both, e.g. lat: 47.1585 and lon: 27.6014, or neither")
        return self


class Event(DataModel):
    """One event the cluster runs or takes part in."""

    title: Annotated[LocalText, Local(Title)] = Field(
        description="The event's name; or one per language: {en: …, ro: …}. Editing it keeps the event's URL and calendar identity"
    )
    type: EventType = Field(description="What kind of event it is")
    status: EventStatus = Field(default="scheduled", description="scheduled, or cancelled/postponed/moved-online: keep the file so calendars update")
    start: When = Field(description="A date for an all-day event, or a date-time; without an offset it is in `timezone`")
    end: When | None = Field(default=None, description="The last day (all-day events) or the end time; same kind as `start`")
    timezone: TimeZoneName | None = Field(default=None, description="IANA time zone of `start` and `end`; defaults to the site's `timezone` option")
    location: Place | None = Field(default=None, description="The venue, for an event in person")
    online: WebUrl | None = Field(default=None, description="The web address where the event is streamed or held online")
    summary: Annotated[LocalText, Local(Annotated[PlainText, Field(max_length=280)])] = Field(
        description="One or two sentences, plain text, at most 280 characters; or one per language: {en: …, ro: …}"
    )
    description: Annotated[LocalText, Local(Markdown)] | None = Field(default=None, description="The programme and details, in Markdown; or one per language")
    audience: list[Audience] = Field(default_factory=lambda: list(AUDIENCES), min_length=1, description="Who it is for; `[members]` alone keeps it out of the public site")
    registration: WebUrl | None = Field(default=None, description="Where to register (http or https)")
    organisers: list[Slug] = Field(default_factory=list, description="Slugs of the members organising it; empty means the cluster office")
    image: WebUrl | None = Field(default=None, description="An image for search engines' event listings (absolute http/https URL)")
    price: Annotated[Decimal, Field(ge=0, le=1000000, decimal_places=2)] | None = Field(
        default=None, description="The price of a ticket, e.g. 120 or 0 for a free event; with `currency`"
    )
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code of the price, e.g. EUR or RON")] | None = None
    previous_slugs: PreviousSlugs = Field(default_factory=list)

    @field_validator("audience", "organisers")
    @classmethod
    def _unique(cls, values: list[str]) -> list[str]:
        seen: set[str] = set()
        for value in values:
            if value in seen:
                raise fail(f'"{value}" is listed twice', "list it once")
            seen.add(value)
        return values

    @property
    def type_label(self) -> str:
        return EVENT_TYPES[self.type]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def in_person(self) -> bool:
        """Whether people meet at the location (not when the event moved online)."""
        return self.location is not None and self.status != "moved-online"
