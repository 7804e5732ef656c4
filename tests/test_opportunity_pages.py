"""The opportunities as a visitor, a feed reader, a calendar and a search engine see them:
the board, the pages (which stay, marked closed), the feeds, the deadline calendar and JobPosting."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from conftest import build_ok
from node_validators import run_node
from outputs import all_output
from sitefactory import Site

OPEN_JOB = "ai-radiology-engineer-medrix"
REMOTE_JOB = "remote-dicom-developer-neurovox"
EXPIRED_JOB = "imaging-phd-copou"  # valid_through 2026-11-10, before the tests' build date 2026-11-18
FILLED_JOB = "service-engineer-voltaris"  # status: filled, valid_through still ahead
EXPIRED = {EXPIRED_JOB, FILLED_JOB, "summer-internship-pathoscope", "pnrr-digital-health-2026", "eurostars-2026-spring", "request-distributor-moldova-leinecoil"}
OPEN = {OPEN_JOB, REMOTE_JOB, "radiochemist-tracerlab", "horizon-europe-health-imaging-2027", "north-east-regional-programme-innovation-2027",
        "offer-cyclotron-beam-time", "offer-photoacoustic-probe-lumenoptix", "request-3d-printing-anatomica", "request-clinical-validation-partner-dosewise"}

FEEDS = ["opportunities/rss.xml", "opportunities/atom.xml", "opportunities/feed.json"] + [
    f"opportunities/feeds/{kind}/{name}" for kind in ("job", "call", "offer", "request") for name in ("rss.xml", "atom.xml", "feed.json")
]


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def job_posting(html: str) -> dict | None:
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html):
        data = json.loads(block)
        if data.get("@type") == "JobPosting":
            return data
    return None


def board_slugs(site: Path) -> set[str]:
    return set(re.findall(r'<li class="cs-card cs-board__card" data-slug="([a-z0-9-]+)"', read(site, "opportunities/index.html")))


def test_the_board_lists_what_is_open_on_the_build_date(example_site: Path) -> None:
    assert board_slugs(example_site) == OPEN


def test_every_opportunity_keeps_its_page_and_a_closed_one_says_so(example_site: Path) -> None:
    for slug in OPEN | EXPIRED:
        html = read(example_site, f"opportunities/{slug}/index.html")
        closed = "data-cs-closed" in html
        assert closed is (slug in EXPIRED), slug
    assert "This position has been filled." in read(example_site, f"opportunities/{FILLED_JOB}/index.html")
    assert "This opportunity closed on 10 November 2026." in read(example_site, f"opportunities/{EXPIRED_JOB}/index.html")
    assert "cs-opportunity__actions" not in read(example_site, f"opportunities/{EXPIRED_JOB}/index.html"), "no apply button once closed"
    assert "https://www.copou-umf.example/jobs/phd-qmri" not in read(example_site, f"opportunities/{EXPIRED_JOB}/index.html")
    assert "cs-opportunity__actions" in read(example_site, f"opportunities/{OPEN_JOB}/index.html")


def facts(html: str) -> dict[str, str]:
    """The page's facts list as a visitor reads it: each term and its text, without markup."""
    block = re.search(r'<dl class="cs-facts">(.*?)</dl>', html, re.S)
    assert block, "the page lists its facts"
    return {term: " ".join(re.sub(r"<[^>]+>", " ", text).split()) for term, text in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", block.group(1), re.S)}


def test_a_closed_opportunity_shows_no_deadline_to_meet(example_site: Path) -> None:
    """A job filled before its date listed "Apply by 15 December 2026", as if one could still apply:
    once closed, the deadline gives way to the status (filled, withdrawn, or closed on its date)."""
    filled = facts(read(example_site, f"opportunities/{FILLED_JOB}/index.html"))
    assert "Apply by" not in filled, filled
    assert filled["Status"] == "Filled"
    expired = facts(read(example_site, f"opportunities/{EXPIRED_JOB}/index.html"))
    assert "Apply by" not in expired, expired
    assert expired["Status"] == "Closed on 10 November 2026"
    call = facts(read(example_site, "opportunities/pnrr-digital-health-2026/index.html"))
    assert not {"Submission deadline", "Submission deadlines"} & set(call), call
    assert call["Status"] == "Closed on 30 September 2026"
    request = facts(read(example_site, "opportunities/request-distributor-moldova-leinecoil/index.html"))
    assert "Shown until" not in request and request["Status"] == "Closed on 30 September 2026", request
    page = read(example_site, f"opportunities/{FILLED_JOB}/index.html")
    assert "cs-opportunity__actions" not in page and "careers.voltaris.example" not in page, "no way to apply to a filled job"
    still_open = facts(read(example_site, f"opportunities/{OPEN_JOB}/index.html"))
    assert "Apply by" in still_open and "Status" not in still_open, still_open


def test_feeds_parse_and_carry_only_open_opportunities_with_stable_ids(example_site: Path) -> None:
    for path in FEEDS:
        if path.endswith(".json"):
            document = json.loads(read(example_site, path))
            assert document["version"] == "https://jsonfeed.org/version/1.1"
            links = [item["url"] for item in document["items"]]
            ids = [item["id"] for item in document["items"]]
        else:
            parsed = feedparser.parse((example_site / path).read_bytes())
            assert not parsed.bozo, (path, parsed.get("bozo_exception"))
            links = [entry.link for entry in parsed.entries]
            ids = [entry.id for entry in parsed.entries]
        slugs = {link.rstrip("/").rsplit("/", 1)[1] for link in links}
        assert slugs <= OPEN and not slugs & EXPIRED, path
        assert all(re.fullmatch(r"tag:carpathia-medimaging\.example\.org,\d{4}-\d{2}-\d{2}:opportunities/[a-z0-9-]+", i) for i in ids), ids
        assert all(link.startswith("https://carpathia-medimaging.example.org/opportunities/") for link in links)
    combined = feedparser.parse((example_site / "opportunities/atom.xml").read_bytes())
    assert {entry.link.rstrip("/").rsplit("/", 1)[1] for entry in combined.entries} == OPEN
    jobs = feedparser.parse((example_site / "opportunities/feeds/job/rss.xml").read_bytes())
    assert {entry.link.rstrip("/").rsplit("/", 1)[1] for entry in jobs.entries} == {OPEN_JOB, REMOTE_JOB, "radiochemist-tracerlab"}


def test_the_deadline_calendar_reads_back_in_icaljs_with_all_day_deadlines_and_reminders(example_site: Path) -> None:
    script = r"""
    const ICAL = require('ical.js');
    const calendar = new ICAL.Component(ICAL.parse(require('fs').readFileSync(0, 'utf8')));
    process.stdout.write(JSON.stringify({
      name: calendar.getFirstPropertyValue('x-wr-calname'),
      events: calendar.getAllSubcomponents('vevent').map((vevent) => {
        const event = new ICAL.Event(vevent);
        const alarm = vevent.getFirstSubcomponent('valarm');
        return { uid: event.uid, summary: event.summary, allDay: event.startDate.isDate, start: event.startDate.toString(),
                 end: event.endDate.toString(), trigger: alarm && alarm.getFirstPropertyValue('trigger').toString(), action: alarm && alarm.getFirstPropertyValue('action') };
      }),
    }));
    """
    result = run_node(script, read(example_site, "opportunities/deadlines.ics"))
    assert result["name"] == "Carpathia MedImaging Cluster: deadlines of funding calls"
    events = {event["uid"]: event for event in result["events"]}
    assert set(events) == {
        "horizon-europe-health-imaging-2027-20270210@carpathia-medimaging.example.org",
        "horizon-europe-health-imaging-2027-20270915@carpathia-medimaging.example.org",
        "north-east-regional-programme-innovation-2027-20270129@carpathia-medimaging.example.org",
    }, "the open calls' deadlines, and no closed call's"
    first = events["horizon-europe-health-imaging-2027-20270210@carpathia-medimaging.example.org"]
    assert first["allDay"] and first["start"] == "2027-02-10" and first["end"] == "2027-02-11"
    assert first["trigger"] == "-P7D" and first["action"] == "DISPLAY"
    assert first["summary"].startswith("Deadline: Horizon Europe Health")
    board = read(example_site, "opportunities/index.html")
    assert 'rel="alternate" type="text/calendar"' in board and "webcal://carpathia-medimaging.example.org/opportunities/deadlines.ics" in board


def test_a_job_page_carries_the_job_posting_google_requires_and_recommends(example_site: Path) -> None:
    data = job_posting(read(example_site, f"opportunities/{OPEN_JOB}/index.html"))
    assert data is not None
    for key in ("title", "description", "datePosted", "validThrough", "hiringOrganization", "jobLocation", "employmentType", "baseSalary", "identifier"):
        assert data.get(key), key
    assert data["datePosted"] == "2026-11-02" and data["validThrough"].startswith("2026-12-31T23:59")
    assert data["hiringOrganization"] == {
        "@type": "Organization", "name": "Medrix Software", "@id": "https://carpathia-medimaging.example.org/members/medrix-software/",
        "sameAs": data["hiringOrganization"]["sameAs"], **({"logo": data["hiringOrganization"]["logo"]} if "logo" in data["hiringOrganization"] else {}),
    }
    address = data["jobLocation"]["address"]
    assert address["addressLocality"] == "Iași" and address["addressCountry"] == "RO" and address["postalCode"] == "700032"
    assert data["employmentType"] == ["FULL_TIME"]
    assert data["baseSalary"] == {"@type": "MonetaryAmount", "currency": "RON", "value": {"@type": "QuantitativeValue", "unitText": "YEAR", "minValue": 72000.0, "maxValue": 96000.0}}
    remote = job_posting(read(example_site, f"opportunities/{REMOTE_JOB}/index.html"))
    assert remote is not None and "jobLocation" not in remote
    assert remote["jobLocationType"] == "TELECOMMUTE"
    assert [c["name"] for c in remote["applicantLocationRequirements"]] == ["RO", "MD", "HU", "DE"]


def test_closed_jobs_are_expired_as_google_asks(example_site: Path) -> None:
    expired = job_posting(read(example_site, f"opportunities/{EXPIRED_JOB}/index.html"))
    assert expired is not None and expired["validThrough"] < "2026-11-18", "past its date: validThrough in the past"
    assert job_posting(read(example_site, f"opportunities/{FILLED_JOB}/index.html")) is None, "filled early: no JobPosting data at all"
    assert job_posting(read(example_site, "opportunities/horizon-europe-health-imaging-2027/index.html")) is None, "only jobs are JobPostings"


def test_member_pages_landing_pages_and_the_homepage_list_open_opportunities(example_site: Path) -> None:
    medrix = read(example_site, "members/medrix-software/index.html")
    assert f'href="../../opportunities/{OPEN_JOB}/"' in medrix
    copou = read(example_site, "members/copou-medical-university/index.html")
    assert EXPIRED_JOB not in copou, "a closed opportunity leaves its member's page"

    def listed(path: str) -> set[str]:
        html = read(example_site, path)
        return set(re.findall(r'class="cs-opportunity-item" data-slug="([a-z0-9-]+)" data-kind="([a-z]+)"', html))

    assert {kind for _, kind in listed("for-public/index.html")} == {"job"}
    assert {kind for _, kind in listed("for-members/index.html")} == {"call"}
    assert {kind for _, kind in listed("for-partners/index.html")} == {"offer", "request"}
    home = listed("index.html")
    assert len(home) == 3 and {slug for slug, _ in home} <= OPEN
    assert ("request-3d-printing-anatomica", "request") in home, "the newest posted (2026-11-12) first"


def write_opportunities(site: Site) -> None:
    site.member("acme")
    site.write("opportunities/engineer.yml", """\
        kind: job
        title: Imaging engineer
        summary: Build imaging software.
        description: "Work on **MRI** <script>alert(1)</script>"
        members: [acme]
        posted: 2026-11-01
        employment_type: [full-time]
        place: {city: Iași, country: RO}
        valid_through: 2026-12-31
        apply_email: jobs@acme.example
    """)
    site.write("opportunities/health.yml", """\
        kind: call
        title: Health call
        summary: Money for imaging research.
        posted: 2026-10-01
        funder: European Commission
        programme: Horizon Europe
        deadlines: [2027-02-10]
        link: https://ec.europa.eu/calls/health
    """)


def test_two_builds_are_byte_identical_and_descriptions_are_sanitised(site: Site, tmp_path: Path) -> None:
    write_opportunities(site)
    first = {name: data for name, data in all_output(build_ok(site)).items() if name.startswith("opportunities/")}
    second = {name: data for name, data in all_output(build_ok(site)).items() if name.startswith("opportunities/")}
    assert first == second
    assert {"opportunities/rss.xml", "opportunities/deadlines.ics", "opportunities/engineer/index.html"} <= set(first)
    page = first["opportunities/engineer/index.html"].decode()
    assert "<strong>MRI</strong>" in page and "<script>alert" not in page


@pytest.mark.parametrize("date_epoch", ["1798761600"])  # 2027-01-01: the job (valid through 2026-12-31) has closed
def test_expiry_follows_the_pinned_build_date(site: Site, date_epoch: str) -> None:
    from conftest import run_build

    write_opportunities(site)
    before = build_ok(site)
    assert "opportunities/engineer/" in (before / "opportunities/feeds/job/feed.json").read_text(encoding="utf-8")
    result = run_build(site.root, env={"SOURCE_DATE_EPOCH": date_epoch})
    assert result.returncode == 0, result.stderr
    after = site.out
    assert json.loads((after / "opportunities/feeds/job/feed.json").read_text(encoding="utf-8"))["items"] == []
    assert "data-cs-closed" in (after / "opportunities/engineer/index.html").read_text(encoding="utf-8"), "the page stays, marked closed"
    assert 'data-slug="engineer"' not in (after / "opportunities/index.html").read_text(encoding="utf-8")
    assert 'data-slug="health"' in (after / "opportunities/index.html").read_text(encoding="utf-8"), "the call's deadline is still ahead"
