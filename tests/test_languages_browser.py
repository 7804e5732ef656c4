"""The example in both languages, in Chromium: the language switcher keeps the visitor on the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import answer_for_site_url, serve

pytestmark = pytest.mark.browser

SITE_URL = "https://carpathia-medimaging.example.org/"


def switch_to(page, language: str) -> None:
    """Open Material's language menu and choose `language`, as a visitor does."""
    page.hover(".md-select")  # the menu opens on hover or focus
    link = page.locator(f".md-select__link[hreflang={language}]")
    link.wait_for(state="visible")
    before = page.url
    link.click()
    page.wait_for_url(lambda url: url != before)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", ["", "members/copou-medical-university/", "events/", "contribute/member-entry/"])
def test_the_switcher_leads_to_the_same_page_in_the_other_language_and_back(example_site: Path, page, path: str) -> None:
    answer_for_site_url(page, example_site, SITE_URL)
    with serve(example_site) as base:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert page.get_attribute("html", "lang") == "en"
        switch_to(page, "ro")
        assert page.url.rstrip("/") == (base + "ro/" + path).rstrip("/")
        assert page.get_attribute("html", "lang") == "ro"
        switch_to(page, "en")
        assert page.url.rstrip("/") == (base + path).rstrip("/")
        assert page.get_attribute("html", "lang") == "en"


def test_the_member_directory_works_in_the_second_language(example_site: Path, page) -> None:
    with serve(example_site) as base:
        page.goto(base + "ro/members/")
        page.wait_for_selector("[data-cs-directory][data-cs-ready]")
        total = page.text_content("[data-cs-result-count]") or ""
        assert "membri" in total  # counted in Romanian by the directory's script
        page.fill("[data-cs-query]", "Copou")
        page.wait_for_function("total => document.querySelector('[data-cs-result-count]').textContent !== total", arg=total)
        first = page.locator("[data-cs-directory] a[href*='copou-medical-university']").first
        first.click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/ro/members/copou-medical-university/")
