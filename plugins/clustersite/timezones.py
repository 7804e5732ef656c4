"""VTIMEZONE blocks with yearly rules, as Google Calendar and tzurl.org publish them.

RFC 5545 (3.6.5) writes an observance's onset as the local time *in the offset before the
change*: Europe/Bucharest moves its clocks forward at 03:00 EET and back at 04:00 EEST, so
DAYLIGHT starts `T030000` and STANDARD `T040000`. Calendar clients such as ical.js read
a block that lists each change as an RDATE differently from one that gives a yearly RRULE,
and only the rule keeps working for events added after the calendar was fetched.

The rules are derived from the zone's own transitions (zoneinfo, tzdata): every change in
the years the events need is found, and the changes that recur on the same weekday of the
same month at the same time with the same offsets become one RRULE. A zone whose rules
changed within those years gets one observance per rule, the older ones ending with UNTIL.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import icalendar

UTC = dt.UTC
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Change:
    """One transition of a zone: the instant, the offsets around it and the local onset."""

    at: dt.datetime
    """The instant of the change, in UTC."""
    before: dt.timedelta
    after: dt.timedelta
    name: str
    daylight: bool

    @property
    def onset(self) -> dt.datetime:
        """The local wall-clock time of the change in the offset before it (RFC 5545's DTSTART)."""
        return (self.at + self.before).replace(tzinfo=None)

    @property
    def week(self) -> int:
        """Which weekday of its month the change falls on: 1 to 4, or -1 for the last."""
        onset = self.onset
        last_day = calendar.monthrange(onset.year, onset.month)[1]
        return -1 if onset.day + 7 > last_day else (onset.day - 1) // 7 + 1

    @property
    def rule(self) -> tuple[object, ...]:
        """What makes yearly changes one rule: month, nth (or last) weekday, time, offsets, name."""
        onset = self.onset
        return (onset.month, self.week, onset.weekday(), onset.time(), self.before, self.after, self.name, self.daylight)


def _offset(zone: ZoneInfo, instant: dt.datetime) -> tuple[dt.timedelta, str, bool]:
    local = instant.astimezone(zone)
    return local.utcoffset() or dt.timedelta(0), local.tzname() or "", bool(local.dst())


def changes(tzid: str, first_year: int, last_year: int) -> list[Change]:
    """Every transition of `tzid` from the start of `first_year` to the end of `last_year`."""
    zone = ZoneInfo(tzid)
    found: list[Change] = []
    instant = dt.datetime(first_year, 1, 1, tzinfo=UTC)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=UTC)
    state = _offset(zone, instant)
    step = dt.timedelta(hours=12)  # no zone changes twice within 12 hours
    while instant < end:
        following = instant + step
        new = _offset(zone, following)
        if new != state:
            low, high = instant, following
            while high - low > dt.timedelta(minutes=1):  # tzdata changes fall on whole minutes
                middle = low + (high - low) / 2
                middle = middle.replace(second=0, microsecond=0)
                if middle <= low:
                    break
                if _offset(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            found.append(Change(high, state[0], new[0], new[1], new[2]))
            state = new
        instant = following
    return found


def _observance(first: Change, last: Change | None, recurring: bool) -> icalendar.cal.Component:
    component: icalendar.cal.Component = icalendar.TimezoneDaylight() if first.daylight else icalendar.TimezoneStandard()
    component.add("tzname", first.name)
    component.add("dtstart", first.onset)
    component.add("tzoffsetfrom", first.before)
    component.add("tzoffsetto", first.after)
    if recurring:
        rule: dict[str, object] = {"FREQ": "YEARLY", "BYMONTH": first.onset.month, "BYDAY": f"{first.week}{_WEEKDAYS[first.onset.weekday()]}"}
        if last is not None:
            rule["UNTIL"] = last.at.astimezone(UTC)
        component.add("rrule", rule)
    return component


@lru_cache(maxsize=64)
def vtimezone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """The VTIMEZONE of `tzid`, correct for every instant from `first_year` to `last_year`.

    The observances start one year earlier, so that a time early in `first_year` falls
    after an onset, as clients require. The newest rule has no UNTIL: it holds for later
    years too, as the zone's current rules do. Made once per build (never modified).
    """
    timezone = icalendar.Timezone()
    timezone.add("tzid", tzid)
    found = changes(tzid, first_year - 1, last_year)
    if not found:
        zone = ZoneInfo(tzid)
        offset, name, _ = _offset(zone, dt.datetime(first_year - 1, 1, 1, tzinfo=UTC))
        standard = icalendar.TimezoneStandard()
        standard.add("tzname", name)
        standard.add("dtstart", dt.datetime(1970, 1, 1))
        standard.add("tzoffsetfrom", offset)
        standard.add("tzoffsetto", offset)
        timezone.add_component(standard)
        return timezone
    # Runs of changes that follow one rule in consecutive years, per kind of change.
    runs: list[list[Change]] = []
    open_runs: dict[tuple[object, ...], list[Change]] = {}
    for change in found:
        run = open_runs.get(change.rule)
        if run is not None and run[-1].onset.year == change.onset.year - 1:
            run.append(change)
            continue
        run = [change]
        open_runs[change.rule] = run
        runs.append(run)
    newest = {run[-1].rule: run for run in runs if run[-1].onset.year >= last_year}
    observances = []
    for run in runs:
        continues = newest.get(run[0].rule) is run and run[-1].onset.year >= last_year
        recurring = len(run) > 1 or continues
        observances.append(_observance(run[0], None if continues else run[-1], recurring))
    for component in sorted(observances, key=lambda c: (c.decoded("dtstart"), c.name)):
        timezone.add_component(component)
    return timezone


def country_time_zones(country: str, today: dt.date) -> list[tuple[str, str]]:
    """The time zones of `country` that keep different clocks from `today` on: (zone, region) pairs.

    tzdata's zone.tab lists every zone of a country (Germany: Berlin and Büsingen); zones
    whose clocks agree for the next two years are one choice, named by the first listed.
    Norway has one, Spain two (the mainland and the Canary Islands), the USA many.
    """
    from importlib import resources

    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    zones = [
        (columns[2], columns[3] if len(columns) > 3 else "")
        for columns in (line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))
        if columns[0] == country
    ]
    start = dt.datetime(today.year, today.month, 1, tzinfo=UTC)
    instants = [start + dt.timedelta(days=7 * week) for week in range(105)]
    seen: dict[tuple[dt.timedelta, ...], tuple[str, str]] = {}
    for zone, region in zones:
        clocks = tuple(instant.astimezone(ZoneInfo(zone)).utcoffset() or dt.timedelta(0) for instant in instants)
        seen.setdefault(clocks, (zone, region))
    return list(seen.values())
