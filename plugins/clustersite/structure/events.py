"""The events calendar's pages and calendar files for one edition of the site.

An index (upcoming events first, then the archive by year), one permanent page per
event with its schema.org Event data and its own `.ics`, and subscribable iCalendar
feeds: all events of the edition and one per audience. Events for members alone are
left out of the public edition entirely: no page, no feed entry, no member-page link.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..cache import memo, render
from ..calendars import CalendarSite, event_component, make_calendar, place_text
from ..i18n import N_, Language
from ..markup import json_ld
from ..sitedata import SiteData
from ..sources.events import EventRecord, edition_events, past, upcoming
from . import GeneratedPage
from .home import cluster_id

AUDIENCE_LABELS = {"members": N_("Members"), "community": N_("Specialised community"), "public": N_("General public")}

SCHEMA_ORG_TYPES = {
    "workshop": "EducationEvent",
    "training": "EducationEvent",
    "webinar": "EducationEvent",
    "get-together": "SocialEvent",
    "mission": "BusinessEvent",
    "member-meeting": "BusinessEvent",
    "fair": "ExhibitionEvent",
}
SCHEMA_ORG_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
    "moved-online": "https://schema.org/EventMovedOnline",
}


@dataclass(frozen=True)
class Feed:
    """One subscribable calendar: where it is, what it is called, which events it holds."""

    path: str
    title: str
    description: str
    audience: str | None
    """Events whose audience includes this group, or None for all events of the edition."""

    @property
    def filename(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def when_text(record: EventRecord, language: Language) -> str:
    """The date (and time) as people read it in `language`, in the event's own time zone."""
    first, last = record.start_date, record.end_date
    if record.all_day:
        return language.date(first, "yMMMEd") if first == last else language.interval(first, last)
    start = record.start
    if not isinstance(start, dt.datetime):
        raise TypeError(f"{record.slug}: an all-day event has no times")
    zone = language.zone(start)
    end = record.end
    if not isinstance(end, dt.datetime):
        return f"{language.date(first, 'yMMMEd')}, {language.time(start)} {zone}"
    if first == last:
        return f"{language.date(first, 'yMMMEd')}, {language.time(start)}–{language.time(end)} {zone}"
    return f"{language.date(first, 'yMMMd')}, {language.time(start)} – {language.date(last, 'yMMMd')}, {language.time(end)} {language.zone(end)}"


def iso(value: dt.date | dt.datetime) -> str:
    """ISO 8601 as schema.org and <time> want it: a date, or a date-time with its offset."""
    return value.isoformat(timespec="minutes") if isinstance(value, dt.datetime) else value.isoformat()


def place_line(record: EventRecord, language: Language) -> str:
    """Short 'where' for lists: the city, 'Online', or both."""
    event = record.event
    city = f"{event.location.city}, {language.country_name(event.location.country)}" if event.in_person and event.location is not None else ""
    if event.online is None:
        return city
    return language.gettext("%(city)s and online") % {"city": city} if city else language.gettext("Online")


def google_calendar_link(record: EventRecord, details_url: str, language: Language) -> str:
    """A Google Calendar 'add event' link: Google does not open .ics links from the web."""
    if record.all_day:
        dates = f"{record.start_date:%Y%m%d}/{record.end_date + dt.timedelta(days=1):%Y%m%d}"
    else:
        start = record.start.astimezone(dt.UTC)  # type: ignore[union-attr]
        end = record.end.astimezone(dt.UTC) if isinstance(record.end, dt.datetime) else start
        dates = f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"
    query = {"action": "TEMPLATE", "text": record.event.title, "dates": dates, "details": f"{record.event.summary}\n\n{details_url}".strip(), "ctz": record.tzid}
    location = place_text(record, language)
    if location:
        query["location"] = location
    return "https://calendar.google.com/calendar/render?" + urlencode(query, quote_via=quote)


class EventPages:
    """Generates the events index, the event pages and the calendars of one edition."""

    def __init__(
        self,
        data: SiteData,
        config: MkDocsConfig,
        env: jinja2.Environment,
        *,
        language: Language,
        edition: str,
        today: dt.date,
        timezone: str,
        identity_url: str,
        feed_prefix: str = "",
    ) -> None:
        self.data = data
        self.language = language
        self.feed_prefix = feed_prefix
        """`feeds/<token>/` when the members' feeds and calendars have unguessable addresses (see `feedaddress`)."""
        _ = language.gettext
        self.config = config
        self.env = env
        self.edition = edition
        self.today = today
        self.events = edition_events(data.events.values(), edition)
        edition_url = f"{config.site_url.rstrip('/')}/" if config.site_url else ""
        identity = f"{identity_url.rstrip('/')}/" if identity_url else ""
        self.site = CalendarSite(
            name=config.site_name,
            # The members' edition is hosted elsewhere, behind a login: without members_site_url
            # its address is unknown and links stay relative.
            url="" if edition == "members" and edition_url == identity else edition_url,
            timezone=timezone,
            stamp=dt.datetime.combine(today, dt.time(0), dt.UTC),
            site_url=identity,
            language=language,
        )
        self.organiser_names = {slug: record.member.name for slug, record in data.members.items()}
        self.index = GeneratedPage(
            _("Events"),
            "events/index.md",
            config,
            self._render_index,
            meta={"description": html.escape(_("Conferences, workshops, trainings and meetings of %(site)s.") % {"site": config.site_name}, quote=True), "hide": ["navigation", "toc"], "search": {"exclude": True}},
            in_nav=True,
        )

    @property
    def feeds(self) -> list[Feed]:
        """The subscribable calendars of this edition; members.ics only in the members' edition."""
        _ = self.language.gettext
        site = {"site": self.site.name}
        folder = f"{self.feed_prefix}events"
        feeds = [
            Feed(f"{folder}/events.ics", _("%(site)s: events") % site, _("All events of %(site)s.") % site, None),
            Feed(f"{folder}/public.ics", _("%(site)s: public events") % site, _("Events of %(site)s open to the general public.") % site, "public"),
            Feed(
                f"{folder}/community.ics",
                _("%(site)s: events for experts and partners") % site,
                _("Events of %(site)s for the specialised community.") % site,
                "community",
            ),
        ]
        if self.edition == "members":
            feeds.append(Feed(f"{folder}/members.ics", _("%(site)s: events for members") % site, _("Events of %(site)s for its members.") % site, "members"))
        return feeds

    def upcoming(self, limit: int | None = None) -> list[EventRecord]:
        """This edition's upcoming events, soonest first: for the homepage."""
        return upcoming(self.events, self.today, limit)

    def by_member(self) -> dict[str, list[EventRecord]]:
        """The events each member organises, latest first, for the member pages."""
        found: dict[str, list[EventRecord]] = {}
        for record in reversed(self.events):
            for slug in record.event.organisers:
                found.setdefault(slug, []).append(record)
        return found

    def head(self) -> dict[str, str]:
        """Extra <head> markup by page src_uri: calendar autodiscovery on the index."""
        links = "".join(
            f'<link rel="alternate" type="text/calendar" title="{html.escape(feed.title, quote=True)}" href="{html.escape(self._feed_href(feed), quote=True)}">'
            for feed in self.feeds
        )
        return {self.index.file.src_uri: links}

    def files(self) -> list[File]:
        """Every file the events calendar adds to the site."""
        files = [self.index.file]
        for record in self.events:
            page = GeneratedPage(
                record.event.title,
                f"events/{record.slug}.md",
                self.config,
                partial(self._render_event, record),
                meta={"description": html.escape(record.event.summary, quote=True), "hide": ["navigation", "toc"]},
                # What `_render_event` reads besides the page (serve mode keeps the page while they are the same).
                inputs=(record, self._organisers(record), self.site, self.today, self.edition, self.data.profile),
            )
            files.append(page.file)
            single = self._calendar([record], name=record.event.title, description=record.event.summary)
            files.append(File.generated(self.config, record.ics_url, content=single))
        for feed in self.feeds:
            records = [r for r in self.events if feed.audience is None or feed.audience in r.event.audience]
            content = self._calendar(records, name=feed.title, description=feed.description, source=feed.path)
            files.append(File.generated(self.config, feed.path, content=content))
        return files

    def _calendar(self, records: list[EventRecord], *, name: str, description: str, source: str | None = None) -> bytes:
        """An iCalendar file of `records` (from the build cache when serving)."""
        organisers = self._named_organisers(records)
        return memo(
            self.env,
            "calendar",
            (records, self.site, name, description, organisers, source),
            lambda: make_calendar(records, self.site, name=name, description=description, organisers=organisers, source=source, event_bytes=self._event_bytes),
        )

    def _named_organisers(self, records: list[EventRecord]) -> dict[str, str]:
        """The names of the members who organise `records`, by slug, as a calendar's descriptions show them."""
        return {slug: self.organiser_names[slug] for record in records for slug in record.event.organisers if slug in self.organiser_names}

    def _event_bytes(self, record: EventRecord) -> bytes:
        """One event's VEVENT lines (from the build cache when serving): a save renders only the events it changed."""
        organisers = self._named_organisers([record])
        return memo(self.env, "vevent", (record, self.site, organisers), lambda: event_component(record, self.site, organisers).to_ical())

    # Rendering

    def _feed_href(self, feed: Feed) -> str:
        return self.site.absolute(feed.path) if self.site.url else feed.filename

    def _subscribe_links(self, feed: Feed, page: GeneratedPage) -> dict[str, str | None]:
        https = self.site.absolute(feed.path) if self.site.url else None
        webcal = "webcal://" + https.split("://", 1)[1] if https else None
        return {
            "download": page.relative(feed.path),
            "url": https,
            "webcal": webcal,
            "google": f"https://calendar.google.com/calendar/render?cid={quote(webcal, safe='')}" if webcal else None,
            "outlook": f"https://outlook.live.com/calendar/0/addfromweb?{urlencode({'url': https, 'name': feed.title}, quote_via=quote)}" if https else None,
        }

    def _organisers(self, record: EventRecord) -> list[Any]:
        return [self.data.members[slug] for slug in record.event.organisers if slug in self.data.members]

    def _common(self, page: GeneratedPage) -> dict[str, Any]:
        return {
            "page": page,
            "when_text": partial(when_text, language=self.language),
            "place_line": partial(place_line, language=self.language),
            "iso": iso,
            "audience_labels": self.language.labels(AUDIENCE_LABELS),
            "today": self.today,
        }

    def _render_index(self, page: GeneratedPage) -> str:
        coming = upcoming(self.events, self.today)
        archive = [(year, list(records)) for year, records in groupby(past(self.events, self.today), key=lambda r: r.year)]
        feeds = self.feeds
        return render(
            self.env,
            "events/index.html",
            **self._common(page),
            upcoming=coming,
            archive=archive,
            main_feed=self._subscribe_links(feeds[0], page),
            audience_feeds=[(feed, self._subscribe_links(feed, page)) for feed in feeds[1:]],
        )

    def _render_event(self, record: EventRecord, page: GeneratedPage) -> str:
        page_url = self.site.absolute(record.url)
        return render(
            self.env,
            "events/event.html",
            **self._common(page),
            record=record,
            event=record.event,
            organisers=self._organisers(record),
            is_past=not record.is_upcoming(self.today),
            index_url=page.relative(self.index.url),
            ics_url=page.relative(record.ics_url),
            google_url=google_calendar_link(record, page_url if self.site.url else "", self.language),
            structured_data=json_ld(self.schema_org(record)),
        )

    def schema_org(self, record: EventRecord) -> dict[str, Any]:
        """schema.org Event data with what Google's event results require and recommend."""
        event = record.event
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": SCHEMA_ORG_TYPES.get(event.type, "Event"),
            "name": event.title,
            "description": event.summary,
            "startDate": iso(record.start),
        }
        if record.end is not None:
            data["endDate"] = iso(record.end)
        data["eventStatus"] = SCHEMA_ORG_STATUS[event.status]
        locations: list[dict[str, Any]] = []
        if event.online is not None:
            locations.append({"@type": "VirtualLocation", "url": event.online})
        if event.location is not None and event.in_person:
            place = event.location
            address = {"@type": "PostalAddress", "addressLocality": place.city, "addressCountry": place.country}
            if place.address:
                address["streetAddress"] = place.address
            if place.postal_code:
                address["postalCode"] = place.postal_code
            locations.insert(0, {"@type": "Place", "name": place.venue or place.city, "address": address})
        if event.status == "moved-online":
            mode = "OnlineEventAttendanceMode"
        elif event.online is not None and event.location is not None:
            mode = "MixedEventAttendanceMode"
        elif event.online is not None:
            mode = "OnlineEventAttendanceMode"
        else:
            mode = "OfflineEventAttendanceMode"
        data["eventAttendanceMode"] = f"https://schema.org/{mode}"
        data["location"] = locations[0] if len(locations) == 1 else locations
        organisers = self._organisers(record)
        if organisers:
            data["organizer"] = [self._organization(member.member.name, member.url) for member in organisers]
        else:
            data["organizer"] = self._organization(self.site.name, "")
        if self.site.url:
            data["url"] = self.site.absolute(record.url)
            data["@id"] = self.site.absolute(record.url)
        if event.image:
            data["image"] = [event.image]
        if event.status != "cancelled" and (event.registration or event.price is not None):
            offer: dict[str, Any] = {"@type": "Offer"}
            if event.registration:
                offer["url"] = event.registration
            if event.price is not None and event.currency:
                offer["price"] = str(event.price)
                offer["priceCurrency"] = event.currency
            data["offers"] = offer
        return data

    def _organization(self, name: str, path: str) -> dict[str, Any]:
        """A member organising the event, or (no path) the cluster, by the @id its own page's JSON-LD gives it."""
        organization: dict[str, Any] = {"@type": "Organization", "name": name}
        if self.site.url:
            organization["url"] = self.site.absolute(path) if path else self.site.url
            organization["@id"] = self.site.absolute(path) if path else cluster_id(self.site.url)
        return organization

