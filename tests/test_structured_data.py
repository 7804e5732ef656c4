"""JSON-LD checked against Google's required and recommended properties (Event, Organization).

From Google Search Central's structured-data documentation: an Event requires name,
startDate and location (a Place with an address, or a VirtualLocation with a url) and
recommends description, endDate, eventAttendanceMode, eventStatus, image, offers (price,
priceCurrency, url, …) and organizer (name, url); a PostalAddress recommends
streetAddress, addressLocality, postalCode and addressCountry. An Organization has no
required property; Google recommends name, url, description, email, telephone, address,
sameAs, logo and foundingDate, and a WebSite names the site and its url.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import build_ok
from sitefactory import CLUSTER_YML, MEMBER, Site

EVENT_REQUIRED = {"name", "startDate", "location"}
EVENT_RECOMMENDED = {"description", "endDate", "eventAttendanceMode", "eventStatus", "image", "offers", "organizer"}
OFFER_RECOMMENDED = {"price", "priceCurrency", "url"}
ADDRESS_RECOMMENDED = {"streetAddress", "addressLocality", "postalCode", "addressCountry"}
ORGANIZATION_RECOMMENDED = {"name", "url", "description", "email", "telephone", "address", "sameAs"}


def blocks(path: Path) -> list[dict]:
    html = path.read_text(encoding="utf-8")
    return [json.loads(text) for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def site_with_data(site: Site) -> Path:
    site.write("cluster.yml", CLUSTER_YML.replace(
        "  email: office@cluster.example.org\n",
        "  email: office@cluster.example.org\n  phone: +40 232 555 0100\n  address: Strada Palas 7A, Iași\nsocial:\n  linkedin: https://www.linkedin.example/company/test-cluster\n",
    ))
    site.member("acme", MEMBER.format(name="Acme Imaging") + "website: https://acme.example.org/\n")
    site.write("events/imaging-days.yml", """\
        title: Imaging Days
        type: conference
        start: 2027-10-14T09:00
        end: 2027-10-15T17:30
        location: {venue: Palas Congress Hall, address: Strada Palas 7A, postal_code: "700051", city: Iași, country: RO}
        summary: Two days on imaging.
        registration: https://tickets.example.org/imaging-days
        price: 120
        currency: EUR
        image: https://cluster.example.org/images/imaging-days.jpg
        organisers: [acme]
        """)
    return build_ok(site)


def test_event_has_googles_required_and_recommended_properties(site: Site) -> None:
    out = site_with_data(site)
    event = blocks(out / "events" / "imaging-days" / "index.html")[0]
    assert EVENT_REQUIRED | EVENT_RECOMMENDED <= set(event)
    assert OFFER_RECOMMENDED <= set(event["offers"])
    assert event["offers"] == {"@type": "Offer", "url": "https://tickets.example.org/imaging-days", "price": "120", "priceCurrency": "EUR"}
    assert ADDRESS_RECOMMENDED <= set(event["location"]["address"])
    assert event["location"]["address"]["postalCode"] == "700051"
    assert event["image"] == ["https://cluster.example.org/images/imaging-days.jpg"]
    assert {"name", "url"} <= set(event["organizer"][0])


def test_homepage_describes_the_cluster_and_members_point_at_it(site: Site) -> None:
    out = site_with_data(site)
    found = {item["@type"]: item for item in blocks(out / "index.html")}
    organization, website = found["Organization"], found["WebSite"]
    assert ORGANIZATION_RECOMMENDED <= set(organization)
    assert organization["@id"] == "https://cluster.example.org/#organization" and organization["url"] == "https://cluster.example.org/"
    assert organization["sameAs"] == ["https://www.linkedin.example/company/test-cluster"]
    assert website["url"] == "https://cluster.example.org/" and website["publisher"] == {"@id": organization["@id"]}
    member = blocks(out / "members" / "acme" / "index.html")[0]
    assert member["memberOf"] == {"@type": "Organization", "name": "Test Cluster", "@id": organization["@id"], "url": organization["url"]}


def test_a_price_needs_its_currency(site: Site) -> None:
    from conftest import run_build

    site.write("events/x.yml", "title: X\ntype: workshop\nstart: 2027-05-12\nsummary: S.\nonline: https://meet.example.org/x\nprice: 20\n")
    result = run_build(site.root)
    assert result.returncode != 0
    assert "events/x.yml:6: price: a price needs its currency, and a currency its price (write both, e.g. `price: 120` and `currency: EUR`; `price: 0` for a free event)" in result.stderr
