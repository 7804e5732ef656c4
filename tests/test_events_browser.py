"""The events calendar in a real browser: index, event page, and the add-to-calendar file."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import icalendar
import pytest
from browser import SHOTS, follow, serve
from test_events import rfc5545_problems

pytestmark = pytest.mark.browser


def test_index_event_page_and_add_to_calendar(example_site: Path, page) -> None:
    with serve(example_site) as base:
        page.goto(base + "events/")
        upcoming = page.locator("[data-cs-upcoming] > li")
        assert upcoming.count() >= 5
        assert page.locator("[data-cs-past]").count() >= 3  # the archive, by year
        feeds = page.eval_on_selector_all('head link[rel=alternate][type="text/calendar"]', "els => els.map(e => e.href)")
        assert feeds == [
            "https://carpathia-medimaging.example.org/events/events.ics",
            "https://carpathia-medimaging.example.org/events/public.ics",
            "https://carpathia-medimaging.example.org/events/community.ics",
        ]
        assert page.get_attribute("[data-cs-subscribe]", "href") == "webcal://carpathia-medimaging.example.org/events/events.ics"
        feed = page.request.get(urljoin(page.url, page.get_attribute("[data-cs-feed]", "href")))
        assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
        assert rfc5545_problems(feed.body()) == []
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "events-index.png"), full_page=True)

        link = upcoming.first.locator(".cs-event-item__title a")
        title = link.text_content().strip()
        follow(page, link)
        assert page.text_content("h1.cs-event__title").strip() == title
        slug = page.get_attribute("article.cs-event", "data-slug")
        assert page.url == f"{base}events/{slug}/"
        data = json.loads(page.text_content('script[type="application/ld+json"]'))
        assert data["name"] == title and data["url"] == f"https://carpathia-medimaging.example.org/events/{slug}/"
        page.screenshot(path=str(SHOTS / "event-page.png"), full_page=True)

        add = page.locator("[data-cs-add-to-calendar]")
        assert add.get_attribute("href") == f"{slug}.ics"
        with page.expect_download() as download:
            add.click()
        content = Path(download.value.path()).read_bytes()
        assert rfc5545_problems(content) == []
        events = icalendar.Calendar.from_ical(content).walk("VEVENT")
        assert len(events) == 1
        assert str(events[0]["UID"]) == f"{slug}@carpathia-medimaging.example.org"
        assert str(events[0]["SUMMARY"]).endswith(title)

        # Organisers with a logo and with initials line up in rows of one height.
        page.goto(base + "events/imaging-days-2026/")
        assert page.locator(".cs-organisers img.cs-logo").count() >= 1 and page.locator(".cs-organisers .cs-initials").count() >= 1
        heights = page.eval_on_selector_all(".cs-organisers li", "els => els.map(e => e.getBoundingClientRect().height)")
        assert len(set(heights)) == 1, heights


def test_event_page_on_a_phone(example_site: Path, chromium) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    try:
        with serve(example_site) as base:
            page.goto(base + "events/radiation-protection-refresher-2026/")
            assert "moved online" in page.text_content(".cs-event__status")
            # Nothing wider than the screen: no sideways scrolling on a phone.
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            SHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SHOTS / "event-page-phone.png"), full_page=True)
            page.goto(base + "events/")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
