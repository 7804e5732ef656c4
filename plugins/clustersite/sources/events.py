"""Reading `events/*.yml` into :class:`Event` models, with their times resolved.

A date-time written without an offset is a wall-clock time in the event's `timezone`
(or the site's). It is resolved here, once, into an aware date-time, so pages, JSON-LD
and calendars all agree; the checks that compare fields (the end after the start, a
time the clocks skip, organisers that are members) run here with the line of each field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..errors import SourceError
from ..models.event import Event
from ..models.fields import in_edition
from ..validation import validate
from ..yamlfile import locate, read_yaml_file
from .files import data_files, display_path
from .parsed import NO_CACHE, ParsedFiles, inputs_key
from .references import listed, previous_slug_errors, unknown
from .tiers import PUBLIC, Tier

RESERVED_SLUGS = {"index"}
"""`events/index` is the events index page itself."""


@dataclass
class EventRecord:
    """A validated event with where it came from and its times resolved in its time zone."""

    slug: str
    event: Event
    source: str
    tzid: str
    start: dt.date | dt.datetime
    """A date (all-day event) or an aware date-time in `tzid`."""
    end: dt.date | dt.datetime | None
    """The last day (inclusive, all-day events) or the end time; None when not given."""

    @property
    def url(self) -> str:
        """The permanent, site-relative URL of the event's page."""
        return f"events/{self.slug}/"

    @property
    def ics_url(self) -> str:
        """The event's own calendar file, named after it so a download is recognisable."""
        return f"events/{self.slug}/{self.slug}.ics"

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tzid)

    @property
    def start_date(self) -> dt.date:
        """The first day, in the event's own time zone."""
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start

    @property
    def end_date(self) -> dt.date:
        """The last day (inclusive), in the event's own time zone."""
        if self.end is None:
            return self.start_date
        if isinstance(self.end, dt.datetime):
            day = self.end.date()
            # An evening that ends at midnight ends on the day it started.
            return day - dt.timedelta(days=1) if self.end.time() == dt.time(0) and day > self.start_date else day
        return self.end

    @property
    def starts_at(self) -> dt.datetime:
        """The instant it starts (midnight in its time zone for an all-day event): the sort key."""
        if isinstance(self.start, dt.datetime):
            return self.start
        return dt.datetime.combine(self.start, dt.time(0), self.zone)

    @property
    def year(self) -> int:
        return self.start_date.year

    def is_upcoming(self, today: dt.date) -> bool:
        """Upcoming until its last day is over: an event still running is not yet past."""
        return self.end_date >= today


def load_events(
    events_dir: Path,
    root: Path,
    *,
    timezone: str,
    member_slugs: Iterable[str],
    members_folder: str = "members",
    context: dict[str, Any] | None = None,
    tier: Tier = PUBLIC,
    parsed: ParsedFiles = NO_CACHE,
) -> tuple[dict[str, EventRecord], list[SourceError]]:
    """All events by slug, in slug order, and every error found in their files.

    An event for members alone belongs in the private folder, and one there is for members alone.
    `member_slugs` are the member files (valid or not), which organisers must name.
    """
    files, errors = data_files(events_dir, root)
    members = set(member_slugs)
    records: dict[str, EventRecord] = {}
    claimed: dict[str, str] = {}
    inputs = inputs_key(context)
    for slug, path in files.items():
        display = display_path(path, root)
        if slug in RESERVED_SLUGS:
            errors.append(SourceError(display, 0, "", f'the slug "{slug}" is reserved for the events index', f"rename the file, e.g. to {slug}-event{path.suffix}"))
            continue
        data, read_problems, event, invalid = parsed.get("event", path, f"{display}\0{inputs}", partial(_parse, path, display, context))
        errors += read_problems
        if data is None:
            continue
        errors += previous_slug_errors(data, display, slug, files, claimed)
        for index, organiser, line in listed(data, "organisers"):  # checked even when other fields are wrong
            if organiser not in members:
                errors.append(unknown("member", organiser, members, source=display, line=line, field=f"organisers[{index}]", folder=members_folder))
        errors += invalid
        if event is None:
            continue
        event, problems = tier.audience(event, data, display)
        errors += problems
        record, problems = _resolve(slug, event, data, display, timezone)
        errors += problems
        if record is not None:
            records[slug] = record
    return records, errors



def _parse(path: Path, display: str, context: dict[str, Any] | None) -> tuple[Any, tuple[SourceError, ...], Event | None, tuple[SourceError, ...]]:
    """One event file alone: its YAML, the errors in reading it, its model and the errors in validating it."""
    data, problems = read_yaml_file(path, display)
    event, invalid = validate(Event, data, display, context) if data is not None else (None, [])
    return data, tuple(problems), event, tuple(invalid)


def _text(data: Any, key: str) -> str:
    value = data.get(key) if isinstance(data, dict) else None
    return str(value).strip() if value is not None else ""


def _resolve(slug: str, event: Event, data: Any, display: str, site_timezone: str) -> tuple[EventRecord | None, list[SourceError]]:
    """The event's times in its time zone, and the checks that compare its fields."""
    errors: list[SourceError] = []

    def error(key: str, message: str, hint: str, *, field: str | None = None, index: int | None = None) -> None:
        errors.append(SourceError(display, locate(data, (key,) if index is None else (key, index)), field or key, message, hint))

    tzid = event.timezone or site_timezone
    zone = ZoneInfo(tzid)

    def resolve(key: str, value: dt.date | dt.datetime | None) -> dt.date | dt.datetime | None:
        if not isinstance(value, dt.datetime):
            return value
        if value.tzinfo is not None:
            return value.astimezone(zone)
        aware = value.replace(tzinfo=zone)
        if aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != value:
            error(key, f'"{_text(data, key)}" does not exist in {tzid}: the clocks move forward that night', "choose a time an hour later")
        return aware

    start = resolve("start", event.start)
    end = resolve("end", event.end)
    if end is not None and start is not None:
        if isinstance(start, dt.datetime) != isinstance(end, dt.datetime):
            kind = "a date-time" if isinstance(end, dt.datetime) else "a date"
            other = "a date-time" if isinstance(start, dt.datetime) else "a date"
            error("end", f"is {kind} but the start is {other}", "use dates for both for an all-day event, or date-times for both")
        elif isinstance(end, dt.datetime) and end <= start:
            error("end", f'"{_text(data, "end")}" is not after the start "{_text(data, "start")}"', "the end must come after the start; leave `end` out if it is not known")
        elif not isinstance(end, dt.datetime) and end < start:
            error("end", f'"{_text(data, "end")}" is before the start "{_text(data, "start")}"', "the end is the event's last day; leave `end` out for a one-day event")

    if (event.price is None) != (event.currency is None):
        key = "price" if event.price is not None else "currency"
        error(key, "a price needs its currency, and a currency its price", "write both, e.g. `price: 120` and `currency: EUR`; `price: 0` for a free event")
    if event.location is None and event.online is None:
        error("title", "an event needs a location or an online address", "add `location:` with city and country, or `online: https://…`", field="location")
    if event.status == "moved-online" and event.online is None:
        error("status", "an event moved online needs its online address", "add `online: https://…` where people join it", field="online")

    if errors:
        return None, errors
    return EventRecord(slug, event, display, tzid, start, end), errors  # type: ignore[arg-type]


def edition_events(events: Iterable[EventRecord], edition: str) -> list[EventRecord]:
    """The events that belong in `edition`, in the order they happen."""
    return sorted((record for record in events if in_edition(record.event.audience, edition)), key=lambda r: (r.starts_at, r.slug))


def upcoming(events: Iterable[EventRecord], today: dt.date, limit: int | None = None) -> list[EventRecord]:
    """Events not yet over on `today`, soonest first: what the homepage and the index show.

    Pass the events of one edition (:func:`edition_events`); `today` comes from
    :func:`clustersite.builddate.build_date`, so a pinned build date gives the same list.
    """
    found = sorted((record for record in events if record.is_upcoming(today)), key=lambda r: (r.starts_at, r.slug))
    return found[:limit] if limit is not None else found


def past(events: Iterable[EventRecord], today: dt.date) -> list[EventRecord]:
    """Events over before `today`, latest first: the archive."""
    return sorted((record for record in events if not record.is_upcoming(today)), key=lambda r: (r.starts_at, r.slug), reverse=True)
