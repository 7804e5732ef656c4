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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import icalendar

from .i18n import N_, SOURCE_LANGUAGE, Language
from .models.opportunity import Call
from .sources.events import EventRecord
from .sources.opportunities import OpportunityRecord
from .timezones import vtimezone

ICAL_STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE", "moved-online": "CONFIRMED"}
SUMMARY_PREFIX = {"cancelled": N_("Cancelled: %(title)s"), "postponed": N_("Postponed: %(title)s")}
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
    language: Language = field(default_factory=lambda: Language(SOURCE_LANGUAGE))
    """The language of the calendars' words; the UIDs are the same in every language."""

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
    """The event's identity in every calendar: its permanent slug, never its title.

    A renamed event keeps its first name (the oldest of `previous_slugs`), so calendars
    that subscribed before the rename update the event instead of showing it twice.
    """
    return f"{(record.event.previous_slugs or [record.slug])[0]}@{site.host}"


def place_text(record: EventRecord, language: Language) -> str:
    """The LOCATION line: the venue's address, the online address, or both."""
    event = record.event
    parts: list[str] = []
    if event.location is not None and event.in_person:
        place = event.location
        parts.append(", ".join(p for p in (place.venue, place.address, place.city, language.country_name(place.country)) if p))
    if event.online is not None and (not parts or event.status == "moved-online"):
        parts.append(event.online)
    return " · ".join(parts)


def description_text(record: EventRecord, site: CalendarSite, organisers: Mapping[str, str]) -> str:
    event = record.event
    _ = site.language.gettext
    lines: list[str] = [event.summary]
    if event.status_label:
        lines.insert(0, f"{_(event.status_label).upper()}.")
    names = [organisers.get(slug, slug) for slug in event.organisers]
    if names:
        lines.append(_("Organised by %(names)s.") % {"names": ", ".join(names)})
    if event.online is not None and event.location is not None and event.in_person:
        lines.append(_("Online: %(url)s") % {"url": event.online})
    if event.registration is not None and event.status != "cancelled":
        lines.append(_("Registration: %(url)s") % {"url": event.registration})
    if site.url:
        lines.append(_("Details: %(url)s") % {"url": site.absolute(record.url)})
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
    prefix = SUMMARY_PREFIX.get(event.status)
    component.add("summary", site.language.gettext(prefix) % {"title": event.title} if prefix else event.title)
    component.add("description", description_text(record, site, organisers))
    location = place_text(record, site.language)
    if location:
        component.add("location", location)
    if site.url:
        component.add("url", site.absolute(record.url))
    component.add("categories", [site.language.gettext(event.type_label)])
    component.add("status", ICAL_STATUS[event.status])
    if record.all_day:
        component.add("transp", "TRANSPARENT")
    return component


def _time_zones(calendar: icalendar.Calendar, records: list[EventRecord], site: CalendarSite) -> None:
    """VTIMEZONE blocks with yearly rules for every TZID used (and the site's), in name order.

    icalendar's own `Timezone.from_tzid` lists each change as an RDATE at the local time
    after it, an hour late for RFC 5545 (see :mod:`clustersite.timezones`).
    """
    years = [r.start_date.year for r in records] + [r.end_date.year for r in records] or [site.stamp.year]
    tzids = sorted({r.tzid for r in records if not r.all_day} | {site.timezone})
    for index, tzid in enumerate(tzids):
        calendar.subcomponents.insert(index, vtimezone(tzid, min(years), max(years) + 1))


def make_calendar(
    records: Iterable[EventRecord],
    site: CalendarSite,
    *,
    name: str,
    description: str,
    organisers: Mapping[str, str],
    source: str | None = None,
    event_bytes: Callable[[EventRecord], bytes] | None = None,
) -> bytes:
    """A VCALENDAR of `records` (in the order they happen) as bytes with CRLF line ends.

    `event_bytes(record)` gives one VEVENT's lines, `event_component(...).to_ical()` by default:
    serve mode passes a memoised one, so a save renders again only the events that changed,
    not every event of the site's feeds. The calendar is icalendar's own, its VEVENTs' lines
    spliced in before its end, where `Calendar.to_ical` puts them (each component's lines end
    with CRLF, and so does the calendar's).
    """
    events = sorted(records, key=lambda r: (r.starts_at, r.slug))
    calendar = _calendar(site, name=name, description=description, source=source)
    _time_zones(calendar, events, site)
    shell = calendar.to_ical()
    if not shell.endswith(CALENDAR_END):
        raise ValueError("icalendar wrote a calendar that does not end with END:VCALENDAR")
    render = event_bytes or (lambda record: event_component(record, site, organisers).to_ical())
    return b"".join((shell[: -len(CALENDAR_END)], *(render(record) for record in events), CALENDAR_END))


CALENDAR_END = b"END:VCALENDAR\r\n"


def _calendar(site: CalendarSite, *, name: str, description: str, source: str | None) -> icalendar.Calendar:
    """An empty VCALENDAR with the properties every subscribable calendar of the site has."""
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
    return calendar


REMINDER = dt.timedelta(days=7)
"""How long before a call's deadline its reminder goes off: time to finish an application."""


def deadline_calendar(calls: Iterable[OpportunityRecord], site: CalendarSite, *, name: str, description: str, host: str, source: str | None = None) -> bytes:
    """A VCALENDAR of the calls' deadlines: one all-day event per deadline, each with a reminder a week before.

    A deadline's UID is its call's first slug and its date (`<slug>-20270210@host`): a
    corrected title keeps it, and a moved deadline is a new event, while the old one leaves
    the subscribed calendar at its next refresh.
    """
    _ = site.language.gettext
    calendar = _calendar(site, name=name, description=description, source=source)
    deadlines = sorted(
        ((day, record, record.opportunity) for record in calls if isinstance(record.opportunity, Call) for day in record.opportunity.deadlines),
        key=lambda found: (found[0], found[1].slug),
    )
    for day, record, call in deadlines:
        first = (call.previous_slugs or [record.slug])[0]
        component = icalendar.Event()
        component.add("uid", f"{first}-{day:%Y%m%d}@{host}")
        component.add("dtstamp", site.stamp)
        component.add("dtstart", day)
        component.add("dtend", day + dt.timedelta(days=1))
        component.add("summary", _("Deadline: %(title)s") % {"title": call.title})
        lines = [call.summary, f"{call.funder} · {call.programme}", _("Call: %(url)s") % {"url": call.link}]
        if site.url:
            lines.append(_("Details: %(url)s") % {"url": site.absolute(record.url)})
        component.add("description", "\n\n".join(lines))
        component.add("url", site.absolute(record.url) if site.url else call.link)
        component.add("categories", [_("Funding call")])
        component.add("transp", "TRANSPARENT")
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _("In a week: %(title)s") % {"title": call.title})
        alarm.add("trigger", -REMINDER)
        component.add_component(alarm)
        calendar.add_component(component)
    # The site's zone, which X-WR-TIMEZONE names; it also keeps a calendar without deadlines valid (RFC 5545 wants a component).
    years = [day.year for day, _record, _call in deadlines] or [site.stamp.year]
    calendar.subcomponents.insert(0, vtimezone(site.timezone, min(years), max(years) + 1))
    return calendar.to_ical()
