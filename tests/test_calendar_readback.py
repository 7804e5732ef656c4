"""The example's calendars read back by two parsers the project did not write.

ical.js (what Thunderbird and many web calendars use, run by node) and vobject each read
every event of every calendar the example publishes; each start and end must be the
instant `zoneinfo` gives for the event's file. A VTIMEZONE that puts a daylight-saving
change an hour late, or lists changes in a way a client reads differently, fails here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from conftest import REPO
from node_validators import run_node

UTC = dt.UTC

ICALJS = r"""
const ICAL = require('ical.js');
const files = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = {};
for (const [name, text] of Object.entries(files)) {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  out[name] = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    const time = (t) => t === null ? null : (t.isDate ? t.toString() : t.toUnixTime());
    return { uid: event.uid, start: time(event.startDate), end: vevent.hasProperty('dtend') ? time(event.endDate) : null };
  });
}
process.stdout.write(JSON.stringify(out));
"""


def expected_times() -> dict[str, tuple[object, object]]:
    """Each example event's start and end from its file: an epoch second (zoneinfo) or a date."""
    import yaml

    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    default_zone = next(line.split(":", 1)[1].strip() for line in config.splitlines() if line.strip().startswith("timezone:"))
    times: dict[str, tuple[object, object]] = {}
    for path in sorted((REPO / "events").glob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 (BaseLoader builds no objects) every value as text
        zone = ZoneInfo(data.get("timezone", default_zone))

        def instant(text: str | None) -> object:
            if text is None:
                return None
            if "T" not in text:
                return text.replace("-", "")
            value = dt.datetime.fromisoformat(text)
            return int((value if value.tzinfo else value.replace(tzinfo=zone)).timestamp())  # noqa: B023 (called only within this iteration)

        start, end = instant(data["start"]), instant(data.get("end"))
        if isinstance(start, str) and end is not None:  # an all-day event's DTEND is the day after its last
            end = (dt.date.fromisoformat(data["end"]) + dt.timedelta(days=1)).strftime("%Y%m%d")
        elif isinstance(start, str):
            end = (dt.date.fromisoformat(data["start"]) + dt.timedelta(days=1)).strftime("%Y%m%d")
        times[path.stem] = (start, end)
    return times


def calendars(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in sorted((site / "events").rglob("*.ics"))}


def test_ical_js_reads_every_event_at_the_time_zoneinfo_gives(example_site: Path) -> None:
    files = calendars(example_site)
    expected = expected_times()
    read = run_node(ICALJS, json.dumps(files))
    checked = 0
    wrong = []
    for name, events in read.items():
        for event in events:
            slug = event["uid"].split("@", 1)[0]
            start, end = expected[slug]
            got = (event["start"].replace("-", "") if isinstance(event["start"], str) else event["start"],
                   event["end"].replace("-", "") if isinstance(event["end"], str) else event["end"])
            if got != (start, end):
                wrong.append(f"{name}: {slug}: ical.js {got}, zoneinfo {(start, end)}")
            checked += 2
    assert not wrong, "\n".join(wrong)
    assert checked >= 100  # every feed and every event's own file


def test_vobject_reads_every_event_at_the_time_zoneinfo_gives(example_site: Path) -> None:
    expected = expected_times()
    wrong = []
    checked = 0
    for name, text in calendars(example_site).items():
        calendar = vobject.readOne(text)
        for vevent in calendar.vevent_list:
            slug = vevent.uid.value.split("@", 1)[0]
            values = []
            for key in ("dtstart", "dtend"):
                value = getattr(vevent, key).value if hasattr(vevent, key) else None
                if isinstance(value, dt.datetime):
                    values.append(int(value.timestamp()))
                elif isinstance(value, dt.date):
                    values.append(value.strftime("%Y%m%d"))
                else:
                    values.append(None)
            if tuple(values) != expected[slug]:
                wrong.append(f"{name}: {slug}: vobject {tuple(values)}, zoneinfo {expected[slug]}")
            checked += 2
    assert not wrong, "\n".join(wrong)
    assert checked >= 100


@pytest.mark.parametrize("tzid", ["Europe/Bucharest", "Europe/Oslo", "America/New_York", "Australia/Sydney"])
def test_vtimezone_has_yearly_rules_with_onsets_in_the_offset_before_the_change(tzid: str) -> None:
    """As tzurl.org and Google publish them: RRULE FREQ=YEARLY, DTSTART in local time before the change."""
    from clustersite.timezones import vtimezone

    block = vtimezone(tzid, 2025, 2027)
    assert not block.to_ical().count(b"RDATE")
    zone = ZoneInfo(tzid)
    for observance in block.walk():
        if observance.name not in ("DAYLIGHT", "STANDARD"):
            continue
        assert b"RRULE:FREQ=YEARLY;" in observance.to_ical()
        onset = observance.decoded("DTSTART")
        before = observance.decoded("TZOFFSETFROM")
        instant = (onset - before).replace(tzinfo=UTC)
        assert (instant - dt.timedelta(minutes=1)).astimezone(zone).utcoffset() == before
        assert instant.astimezone(zone).utcoffset() == observance.decoded("TZOFFSETTO")


def test_bucharest_moves_at_three_and_four_local_time(example_site: Path) -> None:
    text = (example_site / "events" / "events.ics").read_text(encoding="utf-8")
    block = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")[0]
    assert block["TZID"] == "Europe/Bucharest"
    onsets = {o.name: o.decoded("DTSTART").strftime("%m %H%M") for o in block.walk() if o.name in ("DAYLIGHT", "STANDARD")}
    assert onsets == {"DAYLIGHT": "03 0300", "STANDARD": "10 0400"}
