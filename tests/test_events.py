"""The events calendar: strict event files, pages, schema.org data and iCalendar feeds.

The feeds are checked twice: parsed by the `icalendar` package, as a calendar app would,
and read line by line against RFC 5545's structure (CRLF, folding at 75 octets, required
properties, all-day semantics), which a lenient parser would forgive.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import icalendar
import pytest
import yaml
from conftest import REPO, build_ok, run_build
from sitefactory import MKDOCS_YML, Site

PINNED_TODAY = dt.date(2026, 11, 18)  # SOURCE_DATE_EPOCH=1795000000, as run_build pins it
HOST = "cluster.example.org"
MEMBERS_HOST = "members.cluster.example.org"
SECRET = "SECRETMARK-7f3a"  # noqa: S105 (a marker planted to find leaks, not a password)

# --------------------------------------------------------------------------------------
# RFC 5545 structure


def unfold(data: bytes) -> list[str]:
    """The content lines of an iCalendar stream, unfolded (RFC 5545 §3.1)."""
    lines: list[str] = []
    for raw in data.split(b"\r\n")[:-1]:
        text = raw.decode("utf-8")
        if text[:1] in (" ", "\t"):
            lines[-1] += text[1:]
        else:
            lines.append(text)
    return lines


def split_line(line: str) -> tuple[str, dict[str, str], str]:
    """NAME;PARAM=VALUE:value → (NAME, params, value); quoted parameter values allowed."""
    match = re.match(r'^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$', line)
    assert match, f"not a content line: {line!r}"
    params = dict(re.findall(r';([A-Za-z0-9-]+)=("[^"]*"|[^";:]*)', match.group(2)))
    return match.group(1).upper(), {k.upper(): v.strip('"') for k, v in params.items()}, match.group(3)


def rfc5545_problems(data: bytes) -> list[str]:
    """What in `data` breaks RFC 5545's structure; an empty list for a valid calendar."""
    problems: list[str] = []
    if not data.endswith(b"\r\n"):
        problems.append("the stream does not end with CRLF")
    for number, raw in enumerate(data.split(b"\r\n")[:-1], start=1):
        if b"\n" in raw or b"\r" in raw:
            problems.append(f"line {number}: bare CR or LF")
        if len(raw) > 75:
            problems.append(f"line {number}: {len(raw)} octets, more than 75")
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number}: folded inside a UTF-8 character")
    if problems:
        return problems
    stack: list[tuple[str, list[tuple[str, dict[str, str], str]]]] = []
    components: list[tuple[str, list[tuple[str, dict[str, str], str]]]] = []
    for line in unfold(data):
        name, params, value = split_line(line)
        if name == "BEGIN":
            stack.append((value, []))
        elif name == "END":
            if not stack or stack[-1][0] != value:
                problems.append(f"END:{value} does not close {stack[-1][0] if stack else 'anything'}")
                return problems
            components.append(stack.pop())
        elif not stack:
            problems.append(f"{name} outside of any component")
        else:
            stack[-1][1].append((name, params, value))
    if stack:
        problems.append(f"{stack[-1][0]} is not closed")
    calendars = [c for c in components if c[0] == "VCALENDAR"]
    if len(calendars) != 1 or components[-1][0] != "VCALENDAR":
        return problems + ["the stream is not exactly one VCALENDAR"]
    if len(components) < 2:
        problems.append("the VCALENDAR has no component")

    def values(props: list[tuple[str, dict[str, str], str]], name: str) -> list[tuple[dict[str, str], str]]:
        return [(p, v) for n, p, v in props if n == name]

    calendar = calendars[0][1]
    if [v for _, v in values(calendar, "VERSION")] != ["2.0"]:
        problems.append("VCALENDAR: VERSION:2.0 must occur once")
    if len(values(calendar, "PRODID")) != 1:
        problems.append("VCALENDAR: PRODID must occur once")
    tzids = {v for kind, props in components if kind == "VTIMEZONE" for _, v in values(props, "TZID")}
    for kind, props in components:
        for name, params, _value in props:
            if "TZID" in params and params["TZID"] not in tzids:
                problems.append(f"{kind}: {name} uses TZID {params['TZID']} without a VTIMEZONE")
        if kind != "VEVENT":
            continue
        uid = values(props, "UID")
        where = f"VEVENT {uid[0][1] if uid else '?'}"
        for required in ("UID", "DTSTAMP", "DTSTART"):
            if len(values(props, required)) != 1:
                problems.append(f"{where}: {required} must occur once")
        if values(props, "DTSTAMP") and not re.match(r"^\d{8}T\d{6}Z$", values(props, "DTSTAMP")[0][1]):
            problems.append(f"{where}: DTSTAMP must be in UTC")
        if values(props, "DTEND") and values(props, "DURATION"):
            problems.append(f"{where}: DTEND and DURATION together")
        start = values(props, "DTSTART")
        end = values(props, "DTEND")
        if start:
            all_day = start[0][0].get("VALUE") == "DATE"
            if all_day != bool(re.match(r"^\d{8}$", start[0][1])):
                problems.append(f"{where}: a date DTSTART must say VALUE=DATE and the reverse")
            if end and (end[0][0].get("VALUE") == "DATE") != all_day:
                problems.append(f"{where}: DTSTART and DTEND are of different value types")
    # Compare the times with real time zones: DTEND after DTSTART.
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        if "DTEND" in event:
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            if not end > start:
                problems.append(f"VEVENT {event['UID']}: DTEND {end} is not after DTSTART {start}")
    return problems


def test_the_checker_finds_what_it_should() -> None:
    good = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:a@b\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260101\r\nDTEND;VALUE=DATE:20260102\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    assert rfc5545_problems(good) == []
    assert "the stream does not end with CRLF" in rfc5545_problems(good.replace(b"\r\n", b"\n"))
    assert any("DTSTAMP must occur once" in p for p in rfc5545_problems(good.replace(b"DTSTAMP:20260101T000000Z\r\n", b"")))
    assert any("not after" in p for p in rfc5545_problems(good.replace(b"DTEND;VALUE=DATE:20260102", b"DTEND;VALUE=DATE:20260101")))
    assert any("VALUE=DATE" in p for p in rfc5545_problems(good.replace(b"DTSTART;VALUE=DATE:", b"DTSTART:")))
    assert any("octets" in p for p in rfc5545_problems(good.replace(b"UID:a@b", b"UID:" + b"a" * 80)))


# --------------------------------------------------------------------------------------
# Bad event files: one clear line each

VALID = """\
title: Imaging Days
type: conference
start: 2026-05-12T09:30
end: 2026-05-12T17:00
location:
  venue: Palas Congress Hall
  city: Iași
  country: RO
summary: The annual conference.
organisers: [acme-imaging]
registration: https://example.org/register
"""
WHEN_HINT = "write YYYY-MM-DD for an all-day event or YYYY-MM-DDTHH:MM for a start time, e.g. 2026-05-12T09:30"

CASES = [
    # The five: an invalid date, an end before the start, an unknown organiser,
    # an unknown time zone, a non-http registration URL.
    (VALID.replace("start: 2026-05-12T09:30", "start: 2026-02-30T09:30"), f'events/x.yml:3: start: "2026-02-30T09:30" is not a valid date or time (day is out of range for month) ({WHEN_HINT})'),
    (VALID.replace("end: 2026-05-12T17:00", "end: 2026-05-12T08:00"), 'events/x.yml:4: end: "2026-05-12T08:00" is not after the start "2026-05-12T09:30" (the end must come after the start; leave `end` out if it is not known)'),
    (VALID.replace("[acme-imaging]", "[acme-imagin]"), 'events/x.yml:10: organisers[0]: "acme-imagin" is not a member (did you mean "acme-imaging"?)'),
    (VALID + "timezone: Europe/Bucharset\n", 'events/x.yml:12: timezone: "Europe/Bucharset" is not a known time zone (did you mean "Europe/Bucharest"?)'),
    (VALID.replace("https://example.org/register", "ftp://example.org/register"), 'events/x.yml:11: registration: "ftp://example.org/register" is not a web address (only http:// and https:// links are allowed, e.g. https://www.example.org)'),
    # More of the same kinds
    (VALID.replace("start: 2026-05-12T09:30", "start: 12/05/2026"), f'events/x.yml:3: start: "12/05/2026" is not a date or a date-time ({WHEN_HINT})'),
    (VALID.replace("start: 2026-05-12T09:30", "start: 2026-05-12T25:00"), f'events/x.yml:3: start: "2026-05-12T25:00" is not a valid date or time (hour must be in 0..23) ({WHEN_HINT})'),
    (VALID.replace("start: 2026-05-12T09:30", "start: 2026-05-12T09:30+25:00"), 'events/x.yml:3: start: "+25:00" in "2026-05-12T09:30+25:00" is not a valid UTC offset (write e.g. +02:00, or leave the offset out to use the time zone)'),
    (VALID.replace("start: 2026-05-12T09:30", "start: true"), f"events/x.yml:3: start: expected a date or a date-time, got true ({WHEN_HINT})"),
    (VALID.replace("start: 2026-05-12T09:30", "start: 2026-05-12").replace("end: 2026-05-12T17:00", "end: 2026-05-11"), "events/x.yml:4: end: \"2026-05-11\" is before the start \"2026-05-12\" (the end is the event's last day; leave `end` out for a one-day event)"),
    (VALID.replace("end: 2026-05-12T17:00", "end: 2026-05-13"), "events/x.yml:4: end: is a date but the start is a date-time (use dates for both for an all-day event, or date-times for both)"),
    (VALID.replace("start: 2026-05-12T09:30", "start: 2026-03-29T03:30").replace("end: 2026-05-12T17:00", "end: 2026-03-29T17:00"), 'events/x.yml:3: start: "2026-03-29T03:30" does not exist in Europe/Bucharest: the clocks move forward that night (choose a time an hour later)'),
    (VALID + "timezone: Mars/Olympus\n", 'events/x.yml:12: timezone: "Mars/Olympus" is not a known time zone (use an IANA name such as Europe/Bucharest, Europe/Berlin or UTC)'),
    (VALID.replace("https://example.org/register", "javascript:alert(1)"), 'events/x.yml:11: registration: "javascript:alert(1)" is not a web address (only http:// and https:// links are allowed, e.g. https://www.example.org)'),
    (VALID + "online: meet.example.org\n", 'events/x.yml:12: online: "meet.example.org" is not a web address (only http:// and https:// links are allowed, e.g. https://www.example.org)'),
    (VALID.replace("[acme-imaging]", "[acme-imaging, acme-imaging]"), 'events/x.yml:10: organisers: "acme-imaging" is listed twice (list it once)'),
    (VALID + "audience: [memebrs]\n", 'events/x.yml:12: audience[0]: "memebrs" is not one of the allowed values (did you mean "members"?)'),
    (VALID + "audience: []\n", "events/x.yml:12: audience: must not be empty (fill it in or remove the key)"),
    (VALID.replace("type: conference", "type: conferance"), 'events/x.yml:2: type: "conferance" is not one of the allowed values (did you mean "conference"?)'),
    (VALID + "status: canceled\n", 'events/x.yml:12: status: "canceled" is not one of the allowed values (did you mean "cancelled"?)'),
    (VALID + "status: moved-online\n", "events/x.yml:12: online: an event moved online needs its online address (add `online: https://…` where people join it)"),
    (VALID.replace("organisers:", "organizers:"), 'events/x.yml:10: organizers: unknown key "organizers" (did you mean "organisers"?)'),
    (re.sub(r"location:\n(  .*\n)+", "", VALID), "events/x.yml:1: location: an event needs a location or an online address (add `location:` with city and country, or `online: https://…`)"),
    (VALID.replace("  country: RO", "  country: Romania"), 'events/x.yml:8: location.country: "Romania" is not an ISO country code (did you mean "RO"?)'),
    (VALID.replace("title: Imaging Days", "title: <b>Imaging</b>"), 'events/x.yml:1: title: "<b>" looks like HTML, which a name or title cannot contain (write plain text; a < before a space or digit, as in "doses < 1 mSv", is fine)'),
    (VALID + "start: 2026-05-13\n", 'events/x.yml:12: duplicate key "start" (first on line 3) (keep one of them; YAML would silently drop the other)'),
]


@pytest.mark.parametrize(("content", "expected"), CASES, ids=[f"{i}-{c[1].split(': ', 2)[1]}" for i, c in enumerate(CASES)])
def test_bad_event_file_gives_one_clear_line(site: Site, content: str, expected: str) -> None:
    from clustersite.sources.events import load_events

    site.write("events/x.yml", content)
    _, errors = load_events(site.root / "events", site.root, timezone="Europe/Bucharest", member_slugs={"acme-imaging"})
    assert [str(error) for error in errors] == [expected]


def test_a_valid_event_resolves_in_its_time_zone(site: Site) -> None:
    from clustersite.sources.events import load_events

    site.write("events/x.yml", VALID + "timezone: Europe/Berlin\n")
    site.write("events/y.yml", VALID.replace("start: 2026-05-12T09:30", "start: 2026-05-12T09:30+03:00"))
    records, errors = load_events(site.root / "events", site.root, timezone="Europe/Bucharest", member_slugs={"acme-imaging"})
    assert errors == []
    assert records["x"].start.isoformat() == "2026-05-12T09:30:00+02:00"
    assert records["x"].tzid == "Europe/Berlin"
    # An explicit offset keeps the instant and is shown in the event's zone.
    assert records["y"].start.isoformat() == "2026-05-12T09:30:00+03:00" and records["y"].tzid == "Europe/Bucharest"


def test_index_is_a_reserved_slug(site: Site) -> None:
    from clustersite.sources.events import load_events

    site.write("events/index.yml", VALID)
    _, errors = load_events(site.root / "events", site.root, timezone="UTC", member_slugs={"acme-imaging"})
    assert [str(e) for e in errors] == ['events/index.yml: the slug "index" is reserved for the events index (rename the file, e.g. to index-event.yml)']


def test_errors_fail_the_build_without_a_traceback(site: Site) -> None:
    site.member("acme-imaging")
    site.write("events/x.yml", VALID.replace("end: 2026-05-12T17:00", "end: 2026-05-11T17:00"))
    site.write("events/y.yml", VALID.replace("[acme-imaging]", "[acme-imagin]"))
    result = run_build(site.root)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert 'events/x.yml:4: end: "2026-05-11T17:00" is not after the start "2026-05-12T09:30"' in result.stderr
    assert 'events/y.yml:10: organisers[0]: "acme-imagin" is not a member (did you mean "acme-imaging"?)' in result.stderr


def test_an_unknown_site_time_zone_names_its_line_in_mkdocs_yml(tmp_path: Path) -> None:
    site = Site.create(tmp_path / "site", MKDOCS_YML.replace("timezone: Europe/Bucharest", "timezone: Europe/Iasi"))
    result = run_build(site.root)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    line = MKDOCS_YML.splitlines().index("      timezone: Europe/Bucharest") + 1
    assert f'mkdocs.yml:{line}: timezone: "Europe/Iasi" is not a known time zone (use an IANA name such as Europe/Bucharest, Europe/Berlin or UTC)' in result.stderr


# --------------------------------------------------------------------------------------
# A small site, built in both editions

EVENTS = {
    "summit": """\
        title: Imaging Summit
        type: conference
        start: 2026-12-03T09:30
        end: 2026-12-03T17:00
        location: {venue: Palas Congress Hall, address: Strada Palas 7A, city: Iași, country: RO}
        online: https://meet.example.org/summit
        summary: The yearly summit, on site and streamed.
        registration: https://example.org/summit
        organisers: [acme-imaging]
        """,
    "expo": """\
        title: Medical Imaging Expo
        type: fair
        start: 2027-03-10
        end: 2027-03-12
        location: {venue: Romexpo, city: Bucharest, country: RO}
        summary: Three days on the regional stand; a long summary that makes the calendar's description line fold more than once, with Iași, Bistrița and Mărășești in it.
        audience: [community, public]
        """,
    "old-workshop": """\
        title: Coil Workshop
        type: workshop
        status: cancelled
        start: 2025-05-05T10:00
        end: 2025-05-05T12:00
        location: {city: Iași, country: RO}
        summary: Cancelled when the scanner was replaced.
        organisers: [acme-imaging]
        """,
    "secret-meeting": f"""\
        title: General Assembly {SECRET}
        type: member-meeting
        start: 2026-12-10T10:00
        end: 2026-12-10T12:00
        location: {{city: Iași, country: RO}}
        summary: Budget and fees, {SECRET}.
        audience: [members]
        organisers: [acme-imaging]
        """,
    "berlin-mission": """\
        title: Mission to Berlin
        type: mission
        timezone: Europe/Berlin
        start: 2027-01-20T09:00
        end: 2027-01-20T17:00
        location: {city: Berlin, country: DE}
        summary: Company visits and B2B meetings.
        audience: [members, community]
        """,
    "spring-webinar": """\
        title: Spring Webinar
        type: webinar
        status: moved-online
        start: 2024-03-01T15:00
        location: {city: Iași, country: RO}
        online: https://meet.example.org/spring
        summary: An hour on AI in radiology.
        audience: [community]
        """,
}

NAV = "  - Members: members/index.md\n"
PUBLIC_YML = MKDOCS_YML.replace(NAV, NAV + "  - Events: events/index.md\n")
MEMBERS_YML = PUBLIC_YML.replace("      timezone: Europe/Bucharest\n", "      timezone: Europe/Bucharest\n      edition: members\n")


def private_if_members_only(text: str) -> str:
    """The private folder's prefix for an event for members alone: it may not be in the public repository."""
    return "private/" if "audience: [members]\n" in text else ""


def make_site(root: Path, mkdocs_yml: str = PUBLIC_YML) -> Site:
    site = Site.create(root, mkdocs_yml)
    site.member("acme-imaging", name="Acme Imaging")
    site.member("beta-labs", name="Beta Labs")
    for slug, text in EVENTS.items():
        site.write(f"{private_if_members_only(text)}events/{slug}.yml", text)
    return site


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_ok(make_site(tmp_path_factory.mktemp("public") / "site"))


@pytest.fixture(scope="module")
def members(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_ok(make_site(tmp_path_factory.mktemp("members") / "site", MEMBERS_YML), "site-members")


def feed(out: Path, name: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((out / "events" / name).read_bytes())


def uids(calendar: icalendar.Calendar) -> list[str]:
    return [str(event["UID"]) for event in calendar.walk("VEVENT")]


def test_every_calendar_passes_the_rfc5545_check(public: Path, members: Path) -> None:
    calendars = sorted(public.rglob("*.ics")) + sorted(members.rglob("*.ics"))
    assert len(calendars) == 5 + 3 + 6 + 4 + 2  # single events + feeds, both editions, and each edition's calendar of funding-call deadlines
    for path in calendars:
        assert rfc5545_problems(path.read_bytes()) == [], path


def test_the_public_feeds_hold_the_public_editions_events(public: Path) -> None:
    assert sorted((public / "events").glob("*.ics")) == [public / "events" / n for n in ("community.ics", "events.ics", "public.ics")]
    everything = feed(public, "events.ics")
    assert uids(everything) == [f"{slug}@{HOST}" for slug in ("spring-webinar", "old-workshop", "summit", "berlin-mission", "expo")]
    assert uids(feed(public, "public.ics")) == [f"{slug}@{HOST}" for slug in ("old-workshop", "summit", "expo")]
    assert uids(feed(public, "community.ics")) == [f"{slug}@{HOST}" for slug in ("spring-webinar", "old-workshop", "summit", "berlin-mission", "expo")]
    assert str(everything["X-WR-CALNAME"]) == "Test Cluster: events"
    assert str(everything["METHOD"]) == "PUBLISH" and str(everything["PRODID"]).startswith("-//clustersite//")


def test_members_only_events_are_nowhere_in_the_public_edition(public: Path) -> None:
    leaks = [p.relative_to(public).as_posix() for p in public.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert leaks == []
    assert not (public / "events" / "secret-meeting").exists()
    assert not (public / "events" / "members.ics").exists()
    assert "secret-meeting" not in (public / "sitemap.xml").read_text()
    assert "secret-meeting" not in (public / "members" / "acme-imaging" / "index.html").read_text()


def test_the_members_edition_has_them_and_its_own_feed(members: Path) -> None:
    assert f"secret-meeting@{HOST}" in uids(feed(members, "events.ics"))
    assert uids(feed(members, "members.ics")) == [f"{slug}@{HOST}" for slug in ("old-workshop", "summit", "secret-meeting", "berlin-mission")]
    assert f"secret-meeting@{HOST}" not in uids(feed(members, "public.ics"))
    assert SECRET in (members / "events" / "secret-meeting" / "index.html").read_text()
    assert "../../events/secret-meeting/" in (members / "members" / "acme-imaging" / "index.html").read_text()
    # The members' edition links to its own address (members_site_url), never to the public site's;
    # UIDs keep the public host, so an event is the same event in either edition's calendar.
    index = (members / "events" / "index.html").read_text()
    assert f"webcal://{MEMBERS_HOST}/events/events.ics" in index and f"//{HOST}/" not in index
    calendar = (members / "events" / "members.ics").read_bytes().replace(b"\r\n ", b"").decode()
    assert f"URL:https://{MEMBERS_HOST}/events/secret-meeting/" in calendar and f"//{HOST}/" not in calendar
    assert json_ld((members / "events" / "secret-meeting" / "index.html").read_text())["url"] == f"https://{MEMBERS_HOST}/events/secret-meeting/"


def test_a_members_edition_without_its_own_address_links_relatively_and_warns(tmp_path: Path) -> None:
    yml = MEMBERS_YML.replace(f"      members_site_url: https://{MEMBERS_HOST}/\n", "")
    site = make_site(tmp_path / "site", yml)
    strict = run_build(site.root)
    assert strict.returncode != 0 and "Traceback" not in strict.stderr
    assert "mkdocs.yml: members_site_url: is not set, so the members' edition's feeds and e-mails link to site_url" in strict.stderr
    assert run_build(site.root, "--no-strict").returncode == 0
    index = (site.root / "site-members" / "events" / "index.html").read_text()
    assert "webcal:" not in index and 'href="members.ics"' in index
    assert b"URL:" not in (site.root / "site-members" / "events" / "members.ics").read_bytes().replace(b"\r\n ", b"")


def test_timed_all_day_and_cancelled_events_in_the_calendar(public: Path) -> None:
    events = {str(e["UID"]).split("@")[0]: e for e in feed(public, "events.ics").walk("VEVENT")}
    summit = events["summit"]
    assert summit.decoded("DTSTART") == dt.datetime(2026, 12, 3, 9, 30, tzinfo=summit.decoded("DTSTART").tzinfo)
    assert summit["DTSTART"].params["TZID"] == "Europe/Bucharest"
    assert summit.decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)
    assert summit.decoded("DTSTAMP") == dt.datetime(2026, 11, 18, tzinfo=dt.UTC)
    assert str(summit["STATUS"]) == "CONFIRMED"
    assert str(summit["URL"]) == f"https://{HOST}/events/summit/"
    # All-day: VALUE=DATE and the exclusive end (the 12th is the last day, so DTEND is the 13th).
    expo = events["expo"]
    assert expo.decoded("DTSTART") == dt.date(2027, 3, 10) and expo.decoded("DTEND") == dt.date(2027, 3, 13)
    raw = (public / "events" / "events.ics").read_bytes()
    assert b"DTSTART;VALUE=DATE:20270310\r\n" in raw and b"DTEND;VALUE=DATE:20270313\r\n" in raw
    # Cancelled events stay, so subscribers' calendars drop them.
    assert str(events["old-workshop"]["STATUS"]) == "CANCELLED"
    assert str(events["old-workshop"]["SUMMARY"]) == "Cancelled: Coil Workshop"
    # Another time zone, with its VTIMEZONE.
    assert events["berlin-mission"]["DTSTART"].params["TZID"] == "Europe/Berlin"
    zones = [str(tz["TZID"]) for tz in feed(public, "events.ics").walk("VTIMEZONE")]
    assert zones == ["Europe/Berlin", "Europe/Bucharest"]
    assert "DTEND" not in events["spring-webinar"]


def test_single_event_calendar(public: Path) -> None:
    calendar = feed(public, "summit/summit.ics")
    assert uids(calendar) == [f"summit@{HOST}"]
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Bucharest"]
    assert str(calendar["X-WR-CALNAME"]) == "Imaging Summit"


def test_two_builds_are_byte_identical_and_uids_survive_a_title_change(public: Path, tmp_path: Path) -> None:
    again = make_site(tmp_path / "again")
    out = build_ok(again)
    first = {p.relative_to(public).as_posix(): p.read_bytes() for p in sorted((public / "events").rglob("*")) if p.is_file()}
    second = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted((out / "events").rglob("*")) if p.is_file()}
    assert first.keys() == second.keys() and first == second

    again.write("events/summit.yml", EVENTS["summit"].replace("title: Imaging Summit", "title: Carpathia Imaging Summit 2026"))
    out = build_ok(again)
    assert uids(feed(out, "events.ics")) == uids(feed(public, "events.ics"))
    renamed = feed(out, "summit/summit.ics").walk("VEVENT")[0]
    assert str(renamed["UID"]) == f"summit@{HOST}" and str(renamed["SUMMARY"]) == "Carpathia Imaging Summit 2026"


def json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_event_page_has_schema_org_event(public: Path) -> None:
    html = (public / "events" / "summit" / "index.html").read_text()
    data = json_ld(html)
    assert data["@type"] == "Event" and data["name"] == "Imaging Summit"
    assert data["startDate"] == "2026-12-03T09:30+02:00" and data["endDate"] == "2026-12-03T17:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["@type"] == "Place" and place["address"] == {"@type": "PostalAddress", "addressLocality": "Iași", "addressCountry": "RO", "streetAddress": "Strada Palas 7A"}
    assert virtual == {"@type": "VirtualLocation", "url": "https://meet.example.org/summit"}
    assert data["organizer"] == [{"@type": "Organization", "name": "Acme Imaging", "url": f"https://{HOST}/members/acme-imaging/", "@id": f"https://{HOST}/members/acme-imaging/"}]  # the @id of its own page's Organization
    assert data["url"] == f"https://{HOST}/events/summit/"
    assert data["description"] == "The yearly summit, on site and streamed."
    assert 'href="summit.ics"' in html and 'href="https://example.org/summit"' in html

    moved = json_ld((public / "events" / "spring-webinar" / "index.html").read_text())
    assert moved["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert moved["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert moved["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/spring"}
    assert json_ld((public / "events" / "expo" / "index.html").read_text())["startDate"] == "2027-03-10"
    cancelled = json_ld((public / "events" / "old-workshop" / "index.html").read_text())
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"


def test_index_lists_upcoming_first_then_the_archive_by_year(public: Path) -> None:
    html = (public / "events" / "index.html").read_text()
    upcoming = re.search(r"data-cs-upcoming>(.*?)</ul>", html, re.S).group(1)  # type: ignore[union-attr]
    assert re.findall(r'data-slug="([^"]+)"', upcoming) == ["summit", "berlin-mission", "expo"]
    years = re.findall(r'data-cs-past="(\d+)"', html)
    assert years == ["2025", "2024"]
    assert html.index("data-cs-upcoming") < html.index('data-cs-past="2025"')
    # Calendar autodiscovery in <head>, and a webcal:// subscribe link.
    head = html.split("</head>")[0]
    assert f'<link rel="alternate" type="text/calendar" title="Test Cluster: events" href="https://{HOST}/events/events.ics">' in head
    assert f'href="webcal://{HOST}/events/events.ics"' in html
    assert "members.ics" not in html


def test_member_pages_list_the_events_they_organise(public: Path) -> None:
    html = (public / "members" / "acme-imaging" / "index.html").read_text()
    assert re.findall(r'href="\.\./\.\./events/([^/]+)/"', html) == ["summit", "old-workshop"]
    assert "Events organised" in html
    assert "Events organised" not in (public / "members" / "beta-labs" / "index.html").read_text()


def test_upcoming_follows_the_pinned_build_date(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", PUBLIC_YML.replace("      timezone: Europe/Bucharest\n", "      timezone: Europe/Bucharest\n      build_date: '2027-01-20'\n"))
    html = (build_ok(site) / "events" / "index.html").read_text()
    upcoming = re.search(r"data-cs-upcoming>(.*?)</ul>", html, re.S).group(1)  # type: ignore[union-attr]
    # The Berlin mission runs on the pinned day, so it is still upcoming.
    assert re.findall(r'data-slug="([^"]+)"', upcoming) == ["berlin-mission", "expo"]


def test_upcoming_helper_for_the_homepage(site: Site) -> None:
    from clustersite.sources.events import edition_events, load_events, past, upcoming

    for slug, text in EVENTS.items():
        site.write(f"{private_if_members_only(text)}events/{slug}.yml", text)
    from clustersite.sources.tiers import Tier

    records, errors = load_events(site.root / "events", site.root, timezone="Europe/Bucharest", member_slugs={"acme-imaging"})
    private, more = load_events(site.root / "private/events", site.root, timezone="Europe/Bucharest", member_slugs={"acme-imaging"}, tier=Tier(private=True))
    assert errors == [] and more == []
    records.update(private)
    public = edition_events(records.values(), "public")
    assert [r.slug for r in upcoming(public, PINNED_TODAY, 2)] == ["summit", "berlin-mission"]
    assert [r.slug for r in upcoming(edition_events(records.values(), "members"), PINNED_TODAY)] == ["summit", "secret-meeting", "berlin-mission", "expo"]
    assert [r.slug for r in past(public, PINNED_TODAY)] == ["old-workshop", "spring-webinar"]


# --------------------------------------------------------------------------------------
# The example site

EXAMPLE_EVENTS = {
    p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for folder in ("events", "example-private/events") for p in sorted((REPO / folder).glob("*.yml"))
}


def test_example_events_cover_what_a_cluster_runs() -> None:
    assert len(EXAMPLE_EVENTS) >= 14
    types = {e["type"] for e in EXAMPLE_EVENTS.values()}
    assert {"conference", "workshop", "training", "get-together", "mission", "fair", "member-meeting", "webinar"} <= types
    statuses = [e.get("status", "scheduled") for e in EXAMPLE_EVENTS.values()]
    assert {"cancelled", "postponed", "moved-online"} <= set(statuses)
    members_only = [slug for slug, e in EXAMPLE_EVENTS.items() if e.get("audience") == ["members"]]
    assert len(members_only) >= 2
    starts = [str(e["start"])[:10] for e in EXAMPLE_EVENTS.values()]
    assert {s[:4] for s in starts} >= {"2024", "2025", "2026", "2027"}
    assert sum(s > "2026-11-22" for s in starts) >= 5


def test_example_site_calendars_and_members_only_events(example_site: Path) -> None:
    calendars = sorted(example_site.rglob("*.ics"))
    members_only = {slug for slug, e in EXAMPLE_EVENTS.items() if e.get("audience") == ["members"]}
    languages = 2  # the example is in English and, below ro/, in Romanian: the same calendars in each
    assert len(calendars) == languages * (len(EXAMPLE_EVENTS) - len(members_only) + 3 + 1)  # and opportunities/deadlines.ics
    for path in calendars:
        assert rfc5545_problems(path.read_bytes()) == [], path
    everything = uids(feed(example_site, "events.ics"))
    assert sorted(everything) == sorted(f"{slug}@carpathia-medimaging.example.org" for slug in set(EXAMPLE_EVENTS) - members_only)
    for slug in members_only:
        title = EXAMPLE_EVENTS[slug]["title"]
        leaks = [p.relative_to(example_site).as_posix() for p in example_site.rglob("*") if p.is_file() and (slug.encode() in p.read_bytes() or title.encode() in p.read_bytes())]
        assert leaks == [], slug


def test_text_from_data_cannot_break_a_calendar_or_a_page(site: Site) -> None:
    site.write(
        "events/x.yml",
        """\
        title: Tom & Jerry's "AI" day; part 1, again
        type: other
        start: 2026-12-01
        online: https://meet.example.org/x?a=1&b=2
        summary: "Line one; with, commas\\nBEGIN:VEVENT\\nUID:evil@example.org\\nand </script><script>alert(1)</script>"
        description: |
          <script>alert(1)</script> [x](javascript:alert(1))
        """,
    )
    site.write("mkdocs.yml", PUBLIC_YML.replace("site_name: Test Cluster", 'site_name: "Test; Cluster, with \\"quotes\\""'))
    out = build_ok(site)
    for path in sorted((out / "events").rglob("*.ics")):
        data = path.read_bytes()
        assert rfc5545_problems(data) == [], path
        assert uids(icalendar.Calendar.from_ical(data)) == [f"x@{HOST}"], path
    assert rfc5545_problems((out / "opportunities" / "deadlines.ics").read_bytes()) == [], "the deadline calendar, with the same odd site name, is valid too"
    event = feed(out, "x/x.ics").walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == 'Tom & Jerry\'s "AI" day; part 1, again'
    assert str(event["DESCRIPTION"]).startswith("Line one; with, commas\nBEGIN:VEVENT\nUID:evil@example.org\n")
    html = (out / "events" / "x" / "index.html").read_text()
    assert "<script>alert" not in html and "javascript:" not in html
    assert json_ld(html)["name"] == 'Tom & Jerry\'s "AI" day; part 1, again'


def test_use_directory_urls_false_is_refused_at_its_line(tmp_path: Path) -> None:
    """Permanent addresses are /members/<slug>/: without directory URLs every link between pages would break."""
    yml = MKDOCS_YML.replace("docs_dir: content\n", "docs_dir: content\nuse_directory_urls: false\n")
    site = Site.create(tmp_path / "site", yml)
    result = run_build(site.root)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    line = yml.splitlines().index("use_directory_urls: false") + 1
    assert f"mkdocs.yml:{line}: use_directory_urls: false is not supported: members, events and issues have permanent addresses such as /members/<slug>/ (remove the line, or set it to true)" in result.stderr
    assert not site.out.exists()
