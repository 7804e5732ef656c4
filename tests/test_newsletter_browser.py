"""The newsletter in a real browser: the archive, an issue, previous/next, the e-mail file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import SHOTS, answer_for_site_url, follow, serve

pytestmark = pytest.mark.browser

SITE_URL = "https://carpathia-medimaging.example.org/"


def test_archive_issue_and_previous_next(example_site: Path, page) -> None:
    with serve(example_site) as base:
        page.goto(base + "newsletter/")
        years = [int(text) for text in page.locator(".cs-nl-year h2").all_text_contents()]
        assert years == sorted(years, reverse=True) and years[0] == 2026 and years[-1] == 2024
        cards = page.locator(".cs-nl-card")
        titles = [text.strip() for text in page.locator(".cs-nl-card__title a").all_text_contents()]
        assert cards.count() == len(titles) >= 6
        assert not any("Members' briefing" in title for title in titles)
        feeds = page.eval_on_selector_all("head link[rel=alternate]", "els => els.map(e => [e.type, e.href])")
        assert [media_type for media_type, _ in feeds if "xml" in media_type or "json" in media_type][:3] == ["application/rss+xml", "application/atom+xml", "application/feed+json"]
        assert feeds[0][1] == base + "newsletter/rss.xml"
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "newsletter-archive.png"), full_page=True)

        # The oldest issue, then "Next issue" to the newest: the archive's order, reversed.
        follow(page, cards.last.locator(".cs-nl-card__title a"))
        seen = [page.text_content("h1.cs-nl-issue__title").strip()]
        assert page.locator("a[rel=prev]").count() == 0
        while page.locator("a[rel=next]").count():
            follow(page, page.locator("a[rel=next]"))
            assert re.fullmatch(re.escape(base) + r"newsletter/[a-z0-9-]+/", page.url)
            seen.append(page.text_content("h1.cs-nl-issue__title").strip())
        assert seen == list(reversed(titles))
        page.screenshot(path=str(SHOTS / "newsletter-issue.png"), full_page=True)

        # ...and "Previous issue" back again.
        back = [seen[-1]]
        while page.locator("a[rel=prev]").count():
            follow(page, page.locator("a[rel=prev]"))
            back.append(page.text_content("h1.cs-nl-issue__title").strip())
        assert back == titles

        # "All issues" returns to the archive.
        follow(page, page.locator(".cs-nl-nav__all"))
        assert page.url == base + "newsletter/"
        page.wait_for_load_state("networkidle")  # the theme's own requests end before the server does


def test_email_file_opens_and_links_back(example_site: Path, page) -> None:
    stem = "2026-02-funding-and-paediatric-mri"
    with serve(example_site) as base:
        page.goto(base + f"newsletter/{stem}/")
        follow(page, page.locator(".cs-nl-issue__email a"))
        assert page.url == base + f"newsletter/{stem}/email.html"
        assert page.locator("style").count() == 0
        assert page.get_attribute("text=View it in your browser", "href") == SITE_URL + f"newsletter/{stem}/"
        width = page.evaluate("() => document.querySelector('table[width=\"600\"]').getBoundingClientRect().width")
        assert width == 600
        # Show the issue's images as a mail client would, from the site's address.
        answer_for_site_url(page, example_site, SITE_URL)
        page.reload()
        assert page.evaluate("() => [...document.images].every(image => image.complete && image.naturalWidth > 0)")
        page.screenshot(path=str(SHOTS / "newsletter-email.png"), full_page=True)
        page.wait_for_load_state("networkidle")


def test_issue_page_on_a_phone(example_site: Path, chromium) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    try:
        with serve(example_site) as base:
            for path in ("newsletter/", "newsletter/2024-09-imaging-days-programme/", "newsletter/2024-09-imaging-days-programme/email.html"):
                page.goto(base + path)
                overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, path
            page.goto(base + "newsletter/2024-09-imaging-days-programme/")
            nav = page.locator(".cs-nl-nav")
            assert nav.locator("a[rel=prev]").is_visible() and nav.locator("a[rel=next]").is_visible()
            page.screenshot(path=str(SHOTS / "newsletter-issue-phone.png"), full_page=True)
            page.wait_for_load_state("networkidle")
    finally:
        context.close()
