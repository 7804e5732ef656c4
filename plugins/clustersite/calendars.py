"""iCalendar (RFC 5545) files of the events: subscribable feeds and single-event files.

Subscribers' calendar apps match events by UID, so it is `<slug>@<site host>`: the slug
is the file name, which is permanent, while a title can be corrected at any time. A
cancelled event stays in the feed with STATUS:CANCELLED, so it disappears (or is struck
through) in every calendar that had it. Nothing here reads the clock: DTSTAMP is the
build date, which a build pins with SOURCE_DATE_EPOCH, and events, time zones and
properties are written in a fixed order, so two builds give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import icalendar

from .sources.events import EventRecord
from .structure.members import country_name

ICAL_STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE", "moved-online": "CONFIRMED"}
SUMMARY_PREFIX = {"cancelled": "Cancelled: ", "postponed": "Postponed: "}
REFRESH = dt.timedelta(hours=6)


@dataclass(frozen=True)
class CalendarSite:
    """What every calendar of one site shares."""

    name: str
    url: str
    """The address this edition is published at, with a trailing slash, or '' when unknown:
    no site_url, or a members' edition without members_site_url."""
    timezone: str
    stamp: dt.datetime
    """DTSTAMP of every event: midnight UTC of the build date."""
    site_url: str = ""
    """mkdocs.yml's site_url, whose host makes the UIDs: the same in both editions."""

    @property
    def host(self) -> str:
        """The right-hand side of every UID: the site's host, else a name made from the site's."""
        host = urlsplit(self.site_url).hostname if self.site_url else None
        return host or (re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") or "clustersite") + ".invalid"

    @property
    def prodid(self) -> str:
        return f"-//clustersite//{self.name}//EN"

    def absolute(self, path: str) -> str:
        return f"{self.url}{path}" if self.url else path


def uid(record: EventRecord, site: CalendarSite) -> str:
    """The event's identity in every calendar: its permanent slug, never its title."""
    return f"{record.slug}@{site.host}"


def place_text(record: EventRecord) -> str:
    """The LOCATION line: the venue's address, the online address, or both."""
    event = record.event
    parts: list[str] = []
    if event.location is not None and event.in_person:
        place = event.location
        parts.append(", ".join(p for p in (place.venue, place.address, place.city, country_name(place.country)) if p))
    if event.online is not None and (not parts or event.status == "moved-online"):
        parts.append(event.online)
    return " · ".join(parts)


def description_text(record: EventRecord, site: CalendarSite, organisers: Mapping[str, str]) -> str:
    event = record.event
    lines = [event.summary]
    if event.status_label:
        lines.insert(0, f"{event.status_label.upper()}.")
    names = [organisers.get(slug, slug) for slug in event.organisers]
    if names:
        lines.append(f"Organised by {', '.join(names)}.")
    if event.online is not None and event.location is not None and event.in_person:
        lines.append(f"Online: {event.online}")
    if event.registration is not None and event.status != "cancelled":
        lines.append(f"Registration: {event.registration}")
    if site.url:
        lines.append(f"Details: {site.absolute(record.url)}")
    return "\n\n".join(lines)


def event_component(record: EventRecord, site: CalendarSite, organisers: Mapping[str, str]) -> icalendar.Event:
    """One VEVENT. All-day events use VALUE=DATE with the exclusive end RFC 5545 asks for."""
    event = record.event
    component = icalendar.Event()
    component.add("uid", uid(record, site))
    component.add("dtstamp", site.stamp)
    component.add("dtstart", record.start)
    if record.all_day:
        component.add("dtend", record.end_date + dt.timedelta(days=1))
    elif record.end is not None:
        component.add("dtend", record.end)
    component.add("summary", SUMMARY_PREFIX.get(event.status, "") + event.title)
    component.add("description", description_text(record, site, organisers))
    location = place_text(record)
    if location:
        component.add("location", location)
    if site.url:
        component.add("url", site.absolute(record.url))
    component.add("categories", [event.type_label])
    component.add("status", ICAL_STATUS[event.status])
    if record.all_day:
        component.add("transp", "TRANSPARENT")
    return component


def _time_zones(calendar: icalendar.Calendar, records: list[EventRecord], site: CalendarSite) -> None:
    """VTIMEZONE blocks for every TZID used (and the site's), covering the events' years.

    icalendar's own `add_missing_timezones` walks a set, whose order changes from run to
    run; this adds the same blocks in name order.
    """
    years = [r.start_date.year for r in records] + [r.end_date.year for r in records] or [site.stamp.year]
    first, last = dt.date(min(years), 1, 1), dt.date(max(years) + 1, 12, 31)
    tzids = sorted({r.tzid for r in records if not r.all_day} | {site.timezone})
    for index, tzid in enumerate(tzids):
        calendar.subcomponents.insert(index, _vtimezone(tzid, first, last))


@lru_cache(maxsize=64)
def _vtimezone(tzid: str, first: dt.date, last: dt.date) -> icalendar.Timezone:
    """A VTIMEZONE, made once per build for the many single-event calendars (never modified)."""
    return icalendar.Timezone.from_tzid(tzid, first_date=first, last_date=last)


def make_calendar(
    records: Iterable[EventRecord],
    site: CalendarSite,
    *,
    name: str,
    description: str,
    organisers: Mapping[str, str],
    source: str | None = None,
) -> bytes:
    """A VCALENDAR of `records` (in the order they happen) as bytes with CRLF line ends."""
    events = sorted(records, key=lambda r: (r.starts_at, r.slug))
    calendar = icalendar.Calendar()
    calendar.add("prodid", site.prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # icalendar escapes only the properties it knows as text; these must always be escaped.
    calendar.add("name", icalendar.vText(name))
    calendar.add("x-wr-calname", icalendar.vText(name))
    calendar.add("description", icalendar.vText(description))
    calendar.add("x-wr-caldesc", icalendar.vText(description))
    calendar.add("x-wr-timezone", site.timezone)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    if source and site.url:
        calendar.add("source", site.absolute(source), parameters={"VALUE": "URI"})
    if site.url:
        calendar.add("url", site.url)
    for record in events:
        calendar.add_component(event_component(record, site, organisers))
    _time_zones(calendar, events, site)
    return calendar.to_ical()
