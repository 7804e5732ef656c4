"""The example site in a real browser, page kind by page kind: nothing it asks for fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import answer_for_site_url, serve

pytestmark = pytest.mark.browser

SITE_URL = "https://carpathia-medimaging.example.org/"
PAGES = [
    "",
    "members/",
    "members/nordsonic/",
    "connections/",
    "value-chain/",
    "figures/",
    "events/",
    "events/radiation-protection-refresher-2026/",
    "newsletter/",
    "newsletter/2026-02-funding-and-paediatric-mri/",
    "for-public/",
    "contribute/",
    "ro/",  # the second language's pages: their feeds, calendars and language links too
    "ro/members/nordsonic/",
    "ro/events/",
    "ro/newsletter/",
]


def test_no_request_of_any_page_fails(example_site: Path, page) -> None:
    """Scripts, styles, images, the search index and what the theme fetches by itself all load,
    from the site alone: a visitor's browser contacts no third party (no web fonts from Google)."""
    failed: list[str] = []
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    page.on("requestfailed", lambda request: failed.append(f"{request.failure} {request.url}"))
    answer_for_site_url(page, example_site, SITE_URL)
    with serve(example_site) as base:
        page.on("request", lambda request: None if request.url.startswith((base, SITE_URL, "data:")) else failed.append(f"third party: {request.url}"))
        for path in PAGES:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            assert failed == [], f"on /{path}"
