"""A `<` in a title is text, escaped wherever it is shown; ROR IDs in ROR's own canonical form."""

from __future__ import annotations

import json
import re

import feedparser
import icalendar
from conftest import build_ok
from sitefactory import MEMBER, Site


def test_a_title_with_less_than_is_accepted_and_escaped_everywhere(site: Site) -> None:
    site.member("acme", MEMBER.format(name="Doses < 1 mSv & Co"))
    site.write("events/low-dose.yml", "title: Imaging at doses < 1 mSv\ntype: workshop\nstart: 2026-05-12\nsummary: S.\nonline: https://meet.example.org/x\n")
    site.write("content/newsletter/2026-02-low.md", '---\ntitle: "Low dose: p<0.05 and doses < 1 mSv"\ndate: 2026-02-03\n---\nText.\n')
    out = build_ok(site)
    member = (out / "members" / "acme" / "index.html").read_text(encoding="utf-8")
    event = (out / "events" / "low-dose" / "index.html").read_text(encoding="utf-8")
    issue = (out / "newsletter" / "2026-02-low" / "index.html").read_text(encoding="utf-8")
    assert "Doses &lt; 1 mSv &amp; Co" in member and "Doses < 1" not in member
    assert "Imaging at doses &lt; 1 mSv" in event and "doses < 1" not in event.split('type="application/ld+json"')[0]
    assert "p&lt;0.05 and doses &lt; 1 mSv" in issue and "p<0.05" not in issue
    feed = feedparser.parse((out / "newsletter" / "atom.xml").read_bytes())
    assert not feed.bozo and feed.entries[0].title == "Low dose: p<0.05 and doses < 1 mSv"
    calendar = icalendar.Calendar.from_ical((out / "events" / "events.ics").read_bytes())
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == "Imaging at doses < 1 mSv"
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', event, re.S).group(1)
    assert json.loads(block)["name"] == "Imaging at doses < 1 mSv" and "<" not in block


def test_ror_in_its_canonical_url_form_is_accepted_and_normalised(site: Site) -> None:
    site.member("acme", MEMBER.format(name="Acme") + "identifiers:\n  ror: https://ror.org/05qwgg493\n")
    site.member("beta", MEMBER.format(name="Beta") + "identifiers:\n  ror: 05QWGG493\n")
    out = build_ok(site)
    exported = json.loads((out / "members" / "members.json").read_text(encoding="utf-8"))
    rors = {member["slug"]: member["identifiers"]["ror"] for member in exported["members"]}
    assert rors == {"acme": "05qwgg493", "beta": "05qwgg493"}
    page = (out / "members" / "acme" / "index.html").read_text(encoding="utf-8")
    assert '"https://ror.org/05qwgg493"' in page


def feed_ids(out) -> dict[str, str]:
    feed = feedparser.parse((out / "newsletter" / "atom.xml").read_bytes())
    return {entry.title: entry.id for entry in feed.entries}


def test_an_issue_keeps_its_feed_id_when_a_number_is_added_or_its_file_renamed(site: Site) -> None:
    site.write("content/newsletter/2027-01-winter.md", "---\ntitle: Winter\ndate: 2027-01-05\n---\nText.\n")
    site.write("content/newsletter/2025-09-autumn.md", "---\ntitle: Autumn\ndate: 2025-09-01\nnumber: 3\n---\nText.\n")
    first = feed_ids(build_ok(site))
    assert first == {"Winter": "tag:cluster.example.org,2027-01-05:newsletter/2027-01-winter", "Autumn": "tag:cluster.example.org,2025-09-01:newsletter/3"}
    site.write("content/newsletter/2027-01-winter.md", "---\ntitle: Winter\ndate: 2027-01-05\nnumber: 31\n---\nText.\n")
    assert feed_ids(build_ok(site)) == first
    (site.root / "content/newsletter/2027-01-winter.md").unlink()
    site.write("content/newsletter/2027-01-winter-news.md", "---\ntitle: Winter\ndate: 2027-01-05\nnumber: 31\nprevious_slugs: [2027-01-winter]\n---\nText.\n")
    assert feed_ids(build_ok(site)) == first
